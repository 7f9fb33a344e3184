/**
 * Evidence lets a caller repair a page paragraph by paragraph (the content script) or a file in chunks
 * (the CLI, the paste-and-fix page) with the decisions made for the whole.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/core/evidence';
import { mergeEvidence } from '../../src/core/types';
import { repair } from '../../src/core';

const seed = readFileSync(new URL('../fixtures/seed-founder.txt', import.meta.url), 'utf8');
const expected = readFileSync(new URL('../fixtures/seed-founder.expected.txt', import.meta.url), 'utf8');

/**
 * Repairing the seed one line at a time sees no quotation that a hard wrap split across lines; the
 * unpaired-mark counts in the evidence let a line's dangling opener or closer pair across the wrap.
 * This many of its 662 changes may differ from repairing the article whole.
 */
const LINE_BY_LINE_MAX_MISSES = 0;

describe('evidence', () => {
  it('adds up: the evidence of two halves merged is the evidence of the whole', () => {
    const lines = seed.split('\n');
    const half = lines.length >> 1;
    expect(mergeEvidence(collectEvidence(lines.slice(0, half)), collectEvidence(lines.slice(half)))).toEqual(collectEvidence(lines));
  });

  it('the seed repaired line by line with page evidence comes out nearly as whole', () => {
    const lines = seed.split('\n');
    const evidence = collectEvidence(lines);
    const out = lines.map((l) => repair(l, evidence).text).join('\n');
    let misses = 0;
    for (let i = 0; i < out.length; i++) if (out[i] !== expected[i]) misses++;
    expect(out.length).toBe(expected.length);
    expect(misses).toBeLessThanOrEqual(LINE_BY_LINE_MAX_MISSES);
  });

  it('a clean paragraph on a clean page stays clean even with the page evidence', () => {
    const page = ['袁世凯是清末民初的政治人物。', '他在医院工作，学院的要求很高。', '叶子落在花园里。'];
    const evidence = collectEvidence(page);
    for (const p of page) expect(repair(p, evidence).text).toBe(p);
  });
});
