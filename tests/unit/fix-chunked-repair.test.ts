/**
 * The paste-and-fix page's chunked repair: evidence once for the whole text, chunks of whole lines, steps moved
 * to whole-text offsets, and the same result as repairing the whole text in one call.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applySteps, collectEvidence, repair, type Evidence } from '../../src/core';
import { documentEvidence, offsetSteps, planChunks, repairInChunks } from '../../src/fix/chunked-repair';
import { composeResult } from '../../src/fix/compose-result';

const SEED = readFileSync(new URL('../fixtures/seed-founder.txt', import.meta.url), 'utf8');
const EXPECTED = readFileSync(new URL('../fixtures/seed-founder.expected.txt', import.meta.url), 'utf8');

function runAll(text: string, maxChars: number, counting = { evidence: 0, repairs: 0 }) {
  const engine = {
    repair: (t: string, e?: Evidence, h?: object) => { counting.repairs++; return repair(t, e, h); },
    collectEvidence: (texts: Iterable<string>) => { counting.evidence++; return collectEvidence(texts); },
  };
  const chunks = [...repairInChunks(text, engine, {}, { maxChars })];
  return { chunks, steps: chunks.flatMap((c) => c.steps), counting };
}

describe('planChunks', () => {
  const text = Array.from({ length: 200 }, (_, i) => `第${i}行文字。${i % 7 === 0 ? '\n' : ''}`).join('\n') + '\n';

  it('cuts only after line breaks, covers the text once, and keeps chunks near the limit', () => {
    const chunks = planChunks(text, 300);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0][0]).toBe(0);
    expect(chunks.at(-1)![1]).toBe(text.length);
    for (let i = 0; i < chunks.length; i++) {
      const [s, e] = chunks[i];
      if (i > 0) expect(s).toBe(chunks[i - 1][1]);
      if (i < chunks.length - 1) expect(text[e - 1]).toBe('\n');
      expect(e - s).toBeLessThanOrEqual(300);
    }
  });

  it('prefers a blank line near the end of the window', () => {
    for (const [, e] of planChunks(text, 300).slice(0, -1)) expect(text.slice(e - 2, e)).toBe('\n\n');
  });

  it('keeps a line longer than a chunk whole', () => {
    const long = 'a'.repeat(500);
    expect(planChunks(`x\n${long}\ny\n`, 100)).toEqual([[0, 2], [2, 503], [503, 505]]);
  });

  it('leaves a leading BOM out', () => {
    expect(planChunks('\uFEFFabc\n', 100)).toEqual([[1, 5]]);
  });
});

describe('repairInChunks', () => {
  it('collects evidence once over the whole text, however many chunks', () => {
    const { chunks, counting } = runAll(SEED, 600);
    expect(chunks.length).toBeGreaterThan(5);
    expect(counting.evidence).toBe(1);
    expect(counting.repairs).toBe(chunks.length);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
    expect(chunks.every((c) => c.total === chunks.length)).toBe(true);
  });

  it('moves each chunk’s steps to offsets into the whole text', () => {
    const { chunks, steps } = runAll(SEED, 600);
    expect(steps.length).toBeGreaterThan(100);
    for (const c of chunks) for (const s of c.steps) {
      expect(s.start).toBeGreaterThanOrEqual(c.start);
      expect(s.end).toBeLessThanOrEqual(c.end);
    }
    for (const s of steps) expect(SEED.slice(s.start, s.end)).toBe(s.original);
    for (let i = 1; i < steps.length; i++) expect(steps[i].start).toBeGreaterThanOrEqual(steps[i - 1].end);
    expect(applySteps(SEED, steps)).toBe(composeResult(SEED, steps));
  });

  it('offsetSteps shifts start and end only', () => {
    const step = { kind: 'founder' as const, start: 1, end: 2, original: '袁', replacement: '，', codecs: ['gb2312+0x31'], confidence: 0.9, lossy: false };
    expect(offsetSteps([step], 10)).toEqual([{ ...step, start: 11, end: 12 }]);
  });

  it('the seed article in small chunks equals the whole text repaired in one call, and the expected file', () => {
    const whole = repair(SEED, documentEvidence(SEED, collectEvidence));
    for (const maxChars of [300, 800, 4000, 64 * 1024]) {
      const { steps } = runAll(SEED, maxChars);
      const text = applySteps(SEED, steps);
      expect(text, `chunks of ${maxChars}`).toBe(whole.text);
      expect(text, `chunks of ${maxChars}`).toBe(EXPECTED);
    }
    expect(repair(SEED).text).toBe(EXPECTED);
  });
});
