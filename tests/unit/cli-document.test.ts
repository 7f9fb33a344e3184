/**
 * Plain mode's document handling (src/cli/repair-document.ts) with a fake engine, so it is tested before and
 * independently of the real one: evidence from the whole document, chunks of whole lines, chunk offsets mapped
 * back into the document, line endings and the BOM copied through.
 */
import { describe, expect, it } from 'vitest';
import { applySteps, collectEvidence, type Evidence, type Hints, type RepairResult, type Step } from '../../src/core/index';
import { chunkSpans, paragraphSpans, repairDocument } from '../../src/cli/repair-document';

/** Replaces every 袁 with ，and flags any U+FFFD; records what it was called with. */
function fakeEngine() {
  const calls: Array<{ text: string; evidence?: Evidence; hints?: Hints }> = [];
  const fn = (text: string, evidence?: Evidence, hints?: Hints): RepairResult => {
    calls.push({ text, evidence, hints });
    const steps: Step[] = [];
    for (let i = text.indexOf('袁'); i !== -1; i = text.indexOf('袁', i + 1)) {
      steps.push({ kind: 'founder', start: i, end: i + 1, original: '袁', replacement: '，', codecs: ['gb2312+0x31'], confidence: 0.9, lossy: false });
    }
    return { text: applySteps(text, steps), steps, flagged: text.includes('\uFFFD') };
  };
  return { fn, calls };
}

describe('paragraphSpans', () => {
  it('splits on \\n, \\r\\n and \\r, without an empty tail after a final line break', () => {
    const t = 'a\r\nbb\n\nc\rd\n';
    expect(paragraphSpans(t).map(([s, e]) => t.slice(s, e))).toEqual(['a', 'bb', '', 'c', 'd']);
    expect(paragraphSpans('x').map(([s, e]) => [s, e])).toEqual([[0, 1]]);
    expect(paragraphSpans('')).toEqual([]);
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
  });

  it('is one chunk when the text fits', () => {
    expect(chunkSpans(text)).toEqual([[0, text.length]]);
    expect(chunkSpans('')).toEqual([]);
  });
});

describe('repairDocument', () => {
  const doc = '\uFEFF第一段袁没有问题\r\n\r\n第二段袁第三个袁\r\n坏了\uFFFD';

  it.each([1 << 16, 8])('keeps everything but the repairs byte for byte (chunks of %i)', (chunk) => {
    const r = repairDocument(doc, {}, fakeEngine().fn, chunk);
    expect(r.text).toBe('\uFEFF第一段，没有问题\r\n\r\n第二段，第三个，\r\n坏了\uFFFD');
    expect(r.flagged).toBe(true);
  });

  it.each([1 << 16, 8])('maps step offsets into the document so the steps replay on it (chunks of %i)', (chunk) => {
    const r = repairDocument(doc, {}, fakeEngine().fn, chunk);
    expect(r.steps).toHaveLength(3);
    for (const s of r.steps) expect(doc.slice(s.start, s.end)).toBe(s.original);
    expect(applySteps(doc, r.steps)).toBe(r.text);
  });

  it('gives every chunk the same whole-document evidence and the hints; the BOM is not shown to the engine', () => {
    const { fn, calls } = fakeEngine();
    repairDocument(doc, { source: 'pdf' }, fn, 8);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.map((c) => c.text).join('')).toBe(doc.slice(1));
    expect(new Set(calls.map((c) => c.evidence)).size).toBe(1);
    expect(calls[0].evidence).toEqual(collectEvidence(['第一段袁没有问题', '', '第二段袁第三个袁', '坏了\uFFFD']));
    expect(calls.every((c) => c.hints?.source === 'pdf')).toBe(true);
  });

  it('returns an empty document as it is', () => {
    expect(repairDocument('', {}, fakeEngine().fn)).toEqual({ text: '', steps: [], flagged: false });
  });
});
