import { describe, expect, it } from 'vitest';
import { capMojibakeSingles } from '../../scripts/lib/jieba-mojibake';
import { isCommonHan } from '../../src/core/model';

/** A dictionary in jieba's shape: the mojibake entries carry big counts and no word holds their characters. */
function dictionary(): { words: string[]; freqs: number[] } {
  const rows: Array<[string, number]> = [
    ['锛', 12605], ['锛得儿木', 3], // the one word that holds 锛: far below 1 % of its count
    ['殑', 6399],
    ['她', 134035], ['她们', 6000], // GBK CB FB: no UTF-8 byte shape; kept whatever words hold it
    ['啊', 21810], ['啊呀', 589], // B0 A1 has the shape, but 2.7 % of its count lives in words
    ['嗯', 2213], // E0 C5: C5 is neither a lead nor a continuation byte of UTF-8
    ['呫', 59], // the shape and no word, but no more than a rare character's count: nothing to cap
    ['的', 100], ['一', 80], ['是', 70], ['在', 61], ['了', 50], ['有', 40], ['人', 30],
  ];
  return { words: rows.map((r) => r[0]), freqs: rows.map((r) => r[1]) };
}

describe('jieba mojibake entries', () => {
  it('caps the one-character entries UTF-8 read as GBK made, to the median one-character count', () => {
    const { words, freqs } = dictionary();
    expect(capMojibakeSingles(words, freqs)).toBe(2);
    const count = (w: string) => freqs[words.indexOf(w)];
    // Thirteen one-character counts: 30 40 50 59 61 70 80 | 100 2213 …, the median is 一's 80.
    const median = 80;
    expect(count('锛')).toBe(median);
    expect(count('殑')).toBe(median);
    for (const [w, f] of [['她', 134035], ['啊', 21810], ['嗯', 2213], ['呫', 59]] as const) expect(count(w)).toBe(f);
  });

  it('leaves the built model reading UTF-8 read as GBK as uncommon', () => {
    // 鑰屾槸 浜轰滑: 而是 人们 read as GBK; each was "common" while jieba's counts stood.
    for (const ch of '鑰屾槸浜锛殑') expect(isCommonHan(ch.charCodeAt(0)), ch).toBe(false);
    for (const ch of '框绑她啊的') expect(isCommonHan(ch.charCodeAt(0)), ch).toBe(true);
  });
});
