/** The one step applier: replay, and the paste-and-fix page's accept/reject (a rejected step keeps its original span). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applySteps, repair, type Step } from '../../src/core';
import { isChoice } from '../../src/fix/step-choice';

const step = (start: number, original: string, replacement: string, kind: Step['kind'] = 'founder'): Step => ({
  kind, start, end: start + original.length, original, replacement, codecs: [], confidence: 0.9, lossy: kind === 'lossy',
});

describe('applySteps', () => {
  const input = '今年袁习近平遥 锟斤拷 鐢ㄦ埛';
  const steps = [step(2, '袁', '，'), step(6, '遥', '。'), step(8, '锟斤拷', '锟斤拷', 'lossy'), step(12, '鐢ㄦ埛', '用户', 'encoding')];
  const rejecting = (...ks: number[]) => (i: number) => ks.includes(i);

  it('replays every step', () => {
    expect(applySteps(input, steps)).toBe('今年，习近平。 锟斤拷 用户');
    expect(applySteps(input, [])).toBe(input);
  });

  it('a skipped (rejected) step keeps its original; its neighbours stay repaired', () => {
    expect(applySteps(input, steps, rejecting(0))).toBe('今年袁习近平。 锟斤拷 用户');
    expect(applySteps(input, steps, rejecting(3))).toBe('今年，习近平。 锟斤拷 鐢ㄦ埛');
    expect(applySteps(input, steps, rejecting(0, 1, 3))).toBe(input);
  });

  it('flag-only lossy steps are not choices', () => {
    expect(steps.map(isChoice)).toEqual([true, true, false, true]);
  });

  it('rejects overlapping steps, steps outside the input, and an original the input does not hold', () => {
    expect(() => applySteps('abc', [step(0, 'ab', 'x'), step(1, 'bc', 'y')])).toThrow(RangeError);
    expect(() => applySteps('abc', [step(2, 'cd', 'x')])).toThrow(RangeError);
    expect(() => applySteps('abc', [step(0, 'x', 'y')])).toThrow(/original/);
  });

  it('on the seed article, rejecting one repair changes exactly that span back', () => {
    const seed = readFileSync(new URL('../fixtures/seed-founder.txt', import.meta.url), 'utf8');
    const r = repair(seed);
    const k = 5;
    const s = r.steps[k];
    const out = applySteps(seed, r.steps, rejecting(k));
    const shift = r.steps.slice(0, k).reduce((d, x) => d + x.replacement.length - x.original.length, 0);
    expect(out.slice(s.start + shift, s.end + shift)).toBe(s.original);
    expect(out).toBe(applySteps(seed, r.steps.filter((_, i) => i !== k)));
    expect(applySteps(seed, r.steps)).toBe(r.text);
  });
});
