/**
 * The core's one document policy (src/core/document): line spans, chunks of whole lines, evidence once for the
 * whole document, chunk offsets mapped back, the BOM and line endings copied through. With a fake engine, so it
 * is tested apart from the real one, and with the real engine on the seed article.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkSpans } from '../../src/core/document/chunk-spans';
import { documentEvidence } from '../../src/core/document/document-evidence';
import { lineSpans } from '../../src/core/document/line-spans';
import { offsetSteps } from '../../src/core/document/offset-steps';
import { repairChunks, repairDocument } from '../../src/core/document/repair-chunks';
import { applySteps, collectEvidence, repair, type Engine, type Evidence, type Hints, type RepairResult, type Step } from '../../src/core/index';

const SEED = readFileSync(new URL('../fixtures/seed-founder.txt', import.meta.url), 'utf8');
const EXPECTED = readFileSync(new URL('../fixtures/seed-founder.expected.txt', import.meta.url), 'utf8');

/** Replaces every 袁 with ，and flags any U+FFFD; records what it was called with. */
function fakeEngine() {
  const calls: Array<{ text: string; evidence?: Evidence; hints?: Hints }> = [];
  const engine: Engine = {
    repair(text: string, evidence?: Evidence, hints?: Hints): RepairResult {
      calls.push({ text, evidence, hints });
      const steps: Step[] = [];
      for (let i = text.indexOf('袁'); i !== -1; i = text.indexOf('袁', i + 1)) {
        steps.push({ kind: 'founder', start: i, end: i + 1, original: '袁', replacement: '，', codecs: ['gb2312+0x31'], confidence: 0.9, lossy: false });
      }
      return { text: applySteps(text, steps), steps, flagged: text.includes('\uFFFD') };
    },
    collectEvidence,
  };
  return { engine, calls };
}

/** The real engine, counting its calls. */
function countingEngine(counting = { evidence: 0, repairs: 0 }): Engine & { counting: typeof counting } {
  return {
    counting,
    repair: (t, e, h) => { counting.repairs++; return repair(t, e, h); },
    collectEvidence: (texts) => { counting.evidence++; return collectEvidence(texts); },
  };
}

describe('lineSpans', () => {
  it('splits on \\n, \\r\\n and \\r, without an empty tail after a final line break', () => {
    const t = 'a\r\nbb\n\nc\rd\n';
    expect(lineSpans(t).map(([s, e]) => t.slice(s, e))).toEqual(['a', 'bb', '', 'c', 'd']);
    expect(lineSpans('x').map(([s, e]) => [s, e])).toEqual([[0, 1]]);
    expect(lineSpans('')).toEqual([]);
  });
});

describe('chunkSpans', () => {
  const text = 'aaaa\nbbbb\n\ncccc\ndddd\neeeeeeeeeeeeeeeeeeee\nff';
  const chunks = chunkSpans(text, 0, 12);

  it('covers the text with contiguous chunks of whole lines', () => {
    expect(chunks[0][0]).toBe(0);
    expect(chunks.at(-1)![1]).toBe(text.length);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i][0]).toBe(chunks[i - 1][1]);
    for (const [, end] of chunks.slice(0, -1)) expect(text[end - 1]).toBe('\n');
  });

  it('prefers a blank line, and keeps a line longer than a chunk whole', () => {
    expect(chunks.map(([s, e]) => text.slice(s, e))).toEqual(['aaaa\nbbbb\n\n', 'cccc\ndddd\n', 'eeeeeeeeeeeeeeeeeeee\n', 'ff']);
    expect(chunkSpans('x'.repeat(25) + '\nyy', 0, 10)).toEqual([[0, 26], [26, 28]]);
    expect(chunkSpans(`x\n${'a'.repeat(500)}\ny\n`, 0, 100)).toEqual([[0, 2], [2, 503], [503, 505]]);
  });

  it('is one chunk when the text fits, none when it is empty', () => {
    expect(chunkSpans(text, 0, 1 << 16)).toEqual([[0, text.length]]);
    expect(chunkSpans('', 0, 10)).toEqual([]);
  });

  const lines = Array.from({ length: 200 }, (_, i) => `第${i}行文字。${i % 7 === 0 ? '\n' : ''}`).join('\n') + '\n';

  it('cuts only after line breaks, covers the text once, and keeps chunks within the limit', () => {
    const c = chunkSpans(lines, 0, 300);
    expect(c.length).toBeGreaterThan(3);
    for (let i = 0; i < c.length; i++) {
      const [s, e] = c[i];
      if (i > 0) expect(s).toBe(c[i - 1][1]);
      if (i < c.length - 1) expect(lines[e - 1]).toBe('\n');
      expect(e - s).toBeLessThanOrEqual(300);
    }
  });

  it('prefers a blank line near the end of the window', () => {
    for (const [, e] of chunkSpans(lines, 0, 300).slice(0, -1)) expect(lines.slice(e - 2, e)).toBe('\n\n');
  });
});

describe('offsetSteps', () => {
  it('shifts start and end only', () => {
    const step: Step = { kind: 'founder', start: 1, end: 2, original: '袁', replacement: '，', codecs: ['gb2312+0x31'], confidence: 0.9, lossy: false };
    expect(offsetSteps([step], 10)).toEqual([{ ...step, start: 11, end: 12 }]);
  });
});

describe('documentEvidence', () => {
  it('is the evidence of the lines, the BOM and line breaks left out, context lines added', () => {
    expect(documentEvidence({ collectEvidence }, '\uFEFF第一段袁\r\n\r\n第二段')).toEqual(collectEvidence(['第一段袁', '', '第二段']));
    expect(documentEvidence({ collectEvidence }, 'a', ['第二段'])).toEqual(collectEvidence(['a', '第二段']));
  });
});

describe('repairDocument', () => {
  const doc = '\uFEFF第一段袁没有问题\r\n\r\n第二段袁第三个袁\r\n坏了\uFFFD';

  it.each([1 << 16, 8])('keeps everything but the repairs byte for byte (chunks of %i)', (maxChars) => {
    const r = repairDocument(fakeEngine().engine, doc, { maxChars });
    expect(r.text).toBe('\uFEFF第一段，没有问题\r\n\r\n第二段，第三个，\r\n坏了\uFFFD');
    expect(r.flagged).toBe(true);
  });

  it.each([1 << 16, 8])('maps step offsets into the document so the steps replay on it (chunks of %i)', (maxChars) => {
    const r = repairDocument(fakeEngine().engine, doc, { maxChars });
    expect(r.steps).toHaveLength(3);
    for (const s of r.steps) expect(doc.slice(s.start, s.end)).toBe(s.original);
    expect(applySteps(doc, r.steps)).toBe(r.text);
  });

  it('gives every chunk the same whole-document evidence and the hints; the BOM is not shown to the engine', () => {
    const { engine, calls } = fakeEngine();
    repairDocument(engine, doc, { maxChars: 8, hints: { source: 'pdf' } });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.map((c) => c.text).join('')).toBe(doc.slice(1));
    expect(new Set(calls.map((c) => c.evidence)).size).toBe(1);
    expect(calls[0].evidence).toEqual(collectEvidence(['第一段袁没有问题', '', '第二段袁第三个袁', '坏了\uFFFD']));
    expect(calls.every((c) => c.hints?.source === 'pdf')).toBe(true);
  });

  it('returns an empty document as it is', () => {
    expect(repairDocument(fakeEngine().engine, '', { maxChars: 1 << 16 })).toEqual({ text: '', steps: [], flagged: false });
  });
});

describe('repairChunks', () => {
  const runAll = (text: string, maxChars: number) => {
    const engine = countingEngine();
    const chunks = [...repairChunks(engine, text, { maxChars })];
    return { chunks, steps: chunks.flatMap((c) => c.steps), counting: engine.counting };
  };

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
  });

  it('the seed article in small chunks equals the whole text repaired in one call, and the expected file', () => {
    const whole = repair(SEED, documentEvidence({ collectEvidence }, SEED));
    for (const maxChars of [300, 800, 4000, 64 * 1024]) {
      const text = applySteps(SEED, runAll(SEED, maxChars).steps);
      expect(text, `chunks of ${maxChars}`).toBe(whole.text);
      expect(text, `chunks of ${maxChars}`).toBe(EXPECTED);
    }
    expect(repair(SEED).text).toBe(EXPECTED);
  });
});
