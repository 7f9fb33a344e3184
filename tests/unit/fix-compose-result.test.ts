/** Accept/reject composition: a rejected step keeps its original span; the rest is the decoder's text. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applySteps, repair, type Step } from '../../src/core';
import { composeResult, isChoice } from '../../src/fix/compose-result';

const step = (start: number, original: string, replacement: string, kind: Step['kind'] = 'founder'): Step => ({
  kind, start, end: start + original.length, original, replacement, codecs: [], confidence: 0.9, lossy: kind === 'lossy',
});

describe('composeResult', () => {
  const input = '今年袁习近平遥 锟斤拷 鐢ㄦ埛';
  const steps = [step(2, '袁', '，'), step(6, '遥', '。'), step(8, '锟斤拷', '锟斤拷', 'lossy'), step(12, '鐢ㄦ埛', '用户', 'encoding')];

  it('with nothing rejected equals replaying every step', () => {
    expect(composeResult(input, steps)).toBe(applySteps(input, steps));
    expect(composeResult(input, steps)).toBe('今年，习近平。 锟斤拷 用户');
  });

  it('a rejected step keeps its original; its neighbours stay repaired', () => {
    expect(composeResult(input, steps, new Set([0]))).toBe('今年袁习近平。 锟斤拷 用户');
    expect(composeResult(input, steps, new Set([3]))).toBe('今年，习近平。 锟斤拷 鐢ㄦ埛');
    expect(composeResult(input, steps, new Set([0, 1, 3]))).toBe(input);
  });

  it('flag-only lossy steps are not choices', () => {
    expect(steps.map(isChoice)).toEqual([true, true, false, true]);
  });

  it('rejects overlapping steps', () => {
    expect(() => composeResult('abc', [step(0, 'ab', 'x'), step(1, 'bc', 'y')])).toThrow(RangeError);
  });

  it('on the seed article, rejecting one repair changes exactly that span back', () => {
    const seed = readFileSync(new URL('../fixtures/seed-founder.txt', import.meta.url), 'utf8');
    const r = repair(seed);
    const k = 5;
    const s = r.steps[k];
    const before = applySteps(seed, r.steps.slice(0, k));
    const out = composeResult(seed, r.steps, new Set([k]));
    const shift = r.steps.slice(0, k).reduce((d, x) => d + x.replacement.length - x.original.length, 0);
    expect(out.slice(s.start + shift, s.end + shift)).toBe(s.original);
    expect(out).toBe(applySteps(seed, r.steps.filter((_, i) => i !== k)));
    expect(before.length).toBeGreaterThan(0);
  });
});
