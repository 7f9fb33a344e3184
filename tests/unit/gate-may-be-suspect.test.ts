/**
 * mayBeSuspect (gate.ts) lets the first content script gate text nodes one by one and read a paragraph whole
 * only around a node it flags. That is sound only if a suspect text always has a piece it flags, however the
 * text is cut into nodes: checked over every dev-set and JSON case text cut at every character and at random
 * places, and over random texts made of the characters its rules are about.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSuspect, mayBeSuspect, pieceSignals } from '../../src/core/gate';
import { isCommonHan } from '../../src/core/model/common-han';
import { loadDevset } from '../../scripts/lib/devset';

const dir = join(import.meta.dirname, '../cases');
const texts = [
  ...loadDevset().flatMap((c) => [c.input, c.expected]),
  ...readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
    return (Array.isArray(data) ? data : []).flatMap((c: Record<string, unknown>) => [c.input, c.expected, c.text].filter((t): t is string => typeof t === 'string'));
  }),
];

describe('mayBeSuspect', () => {
  it('flags every suspect text', () => {
    expect(texts.filter((t) => isSuspect(t) && !mayBeSuspect(t))).toEqual([]);
  });

  it('flags every suspect text read whole, without the edge rule (the scan pre-checks a paragraph so)', () => {
    expect(texts.filter((t) => isSuspect(t) && pieceSignals(t, true) === 0)).toEqual([]);
  });

  it('flags some piece of every suspect text cut into single characters', () => {
    const missed = texts.filter((t) => isSuspect(t) && ![...t].some((ch) => mayBeSuspect(ch)));
    expect(missed).toEqual([]);
  });

  /** The pieces of `text` cut at `cuts` (positions, any order, repeats allowed). */
  const piecesOf = (text: string, cuts: number[]) => {
    const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    const out: string[] = [];
    let from = 0;
    for (const c of at) { out.push(text.slice(from, c)); from = c; }
    out.push(text.slice(from));
    return out;
  };
  const flagsSomePiece = (text: string, cuts: number[]) => !isSuspect(text) || piecesOf(text, cuts).some((p) => mayBeSuspect(p));

  it('flags some piece of every suspect text cut at random places', () => {
    const suspect = texts.filter((t) => isSuspect(t));
    fc.assert(fc.property(fc.integer({ min: 0, max: suspect.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (k, cuts) => flagsSomePiece(suspect[k], cuts)), { seed: 2026, numRuns: 20_000 });
  });

  it('flags some piece of random texts made of what its rules look at, cut anywhere', () => {
    // Tells, pair marks, 院 and a colon cue, real and other marks, line breaks, spaces, common and rare Han, Latin-1, kana.
    const alphabet = [...'袁遥尧冶野冶叶曳腋夜渊冤院如下，。；：？！、“”（）\n 的一是在中国人们鏂囦欢犲浣锟斤拷Ã¤ソabc'];
    // Mostly common Han, as prose is, so that a piece's own share of rare characters can stay below the gate's.
    const common = [...'的一是在中国人们有这个上来到说时大地为子中你'];
    const char = fc.oneof({ arbitrary: fc.constantFrom(...alphabet), weight: 1 }, { arbitrary: fc.constantFrom(...common), weight: 4 });
    const text = fc.array(char, { minLength: 1, maxLength: 160 }).map((a) => a.join(''));
    fc.assert(fc.property(text, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), flagsSomePiece), { seed: 2026, numRuns: 50_000 });
  });

  it('flags both halves of a cluster of rare characters cut in two, though each half alone is mostly common', () => {
    const rare = [...'鏂囦犲蓰蔸'].filter((c) => !isCommonHan(c.codePointAt(0)!)).slice(0, 4).join('');
    expect(rare.length).toBe(4);
    const prose = '的一是在中国人们有这个上来到说时大地为子中你'.repeat(2);
    const text = prose + rare + prose;
    expect(isSuspect(text)).toBe(true);
    const cut = prose.length + 2;
    expect([mayBeSuspect(text.slice(0, cut)), mayBeSuspect(text.slice(cut))]).toEqual([true, true]);
  });

  it('passes ordinary clean Chinese (most text nodes of a page never reach the gate)', () => {
    for (const t of ['今天白天晴转多云，最高气温二十三度。', '“我们走吧。”他说——然后站了起来……', 'Hello, world 2024', '明天有小雨（局部），出门请带好雨具！']) expect(mayBeSuspect(t)).toBe(false);
    for (const t of ['医院', '袁世凯', '遥远', 'Ã¤', '\ufffd', 'ソ', '鏂']) expect(mayBeSuspect(t)).toBe(true);
    // Beside real marks of their own, in a long enough piece: nothing another piece could add makes them signal.
    for (const t of ['他说，遥远的地方有一座山。', '大家都出来看月亮了，因为这是一年里月亮最圆的一个夜晚。', '这是一个很长的句子，其中有一个生僻字鏂，其余的都是常见的汉字，所以不算损坏。', '医院的门口站着很多人。']) expect(mayBeSuspect(t)).toBe(false);
  });
});
