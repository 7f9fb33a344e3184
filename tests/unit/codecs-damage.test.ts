/** One round trip per kind of damage the repair engine undoes: reEncode with the wrong codec, decode with the right one. */
import { describe, expect, it } from 'vitest';
import { decode, reEncode, type CodecName } from '../../src/core/codecs';

/** Damage `text`: encode with `truth`, decode as `wrong` (what the browser showed). */
function damage(text: string, truth: CodecName, wrong: CodecName): string {
  const r = reEncode(truth, text);
  expect(r.unmappable).toEqual([]);
  return decode(wrong, r.bytes).text;
}

/** Undo: re-encode with the codec it was wrongly read as, decode with the right one. */
function undo(shown: string, truth: CodecName, wrong: CodecName): string {
  const r = reEncode(wrong, shown);
  expect(r.unmappable).toEqual([]);
  const d = decode(truth, r.bytes);
  expect(d.errors).toEqual([]);
  return d.text;
}

describe('damage kinds round-trip', () => {
  it.each([
    ['UTF-8 read as GBK', '浣犲ソ', 'utf-8', 'gbk', '你好'],
    ['UTF-8 read as windows-1252', 'ä½\u00A0å¥½', 'utf-8', 'windows-1252', '你好'],
    ['GBK read as windows-1252', 'ÄãºÃ', 'gbk', 'windows-1252', '你好'],
    ['GBK read as ISO-8859-1', 'ÄãºÃ', 'gbk', 'iso-8859-1', '你好'],
  ] as const)('%s: %s → %s', (_name, shown, truth, wrong, want) => {
    expect(undo(shown, truth, wrong)).toBe(want);
    expect(damage(want, truth, wrong)).toBe(shown);
  });

  it.each([
    ['UTF-8 read as Big5 (HKSCS pointers 8DE6, 98AF)', '銝齿糓', 'utf-8', 'big5', '不是'],
    ['UTF-8 read as Shift_JIS (half-width katakana)', '荳ｭ', 'utf-8', 'shift_jis', '中'],
    ['Big5 read as GBK', '羉砰いゅ', 'big5', 'gbk', '繁體中文'],
    ['GBK read as Big5', '潠极笢恅', 'gbk', 'big5', '简体中文'],
  ] as const)('%s: %s → %s', (_name, shown, truth, wrong, want) => {
    expect(undo(shown, truth, wrong)).toBe(want);
    expect(damage(want, truth, wrong)).toBe(shown);
  });

  it('UTF-8 read as windows-1252 twice undoes in two steps', () => {
    const once = damage('你好', 'utf-8', 'windows-1252');
    const twice = damage(once, 'utf-8', 'windows-1252');
    expect(undo(undo(twice, 'utf-8', 'windows-1252'), 'utf-8', 'windows-1252')).toBe('你好');
  });

  it('UTF-8 read as Big5 or Shift_JIS loses bytes at an error, and the decoder says where', () => {
    const big5 = decode('big5', reEncode('utf-8', '中文').bytes); // E4 B8 | AD E6 | 96 87: 87 is a lead at the end
    expect(big5.text).toBe('銝剜\uFFFD');
    expect(big5.errors).toEqual([4]);
    const sjis = decode('shift_jis', reEncode('utf-8', '中文').bytes); // E4 B8 | AD | E6 96 | 87
    expect(sjis.text).toBe('荳ｭ譁\uFFFD');
    expect(sjis.errors).toEqual([5]);
  });
});
