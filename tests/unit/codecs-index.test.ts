/**
 * Every mapping of every index round-trips, checked against the raw WHATWG index
 * data in text-encoding@0.7.0 (read here directly, independently of our generated
 * tables and of the build script), with the GB18030-2022 changes applied by hand.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decode, decodesCleanly, reEncode, type CodecName } from '../../src/core/codecs';

const require = createRequire(import.meta.url);
const raw = require('text-encoding/lib/encoding-indexes.js')['encoding-indexes'] as Record<string, (number | null)[]>;

const GB18030_2022: Record<number, number> = {
  7182: 0xfe10, 7183: 0xfe12, 7184: 0xfe11, 7185: 0xfe13, 7186: 0xfe14, 7187: 0xfe15, 7188: 0xfe16,
  7201: 0xfe17, 7202: 0xfe18, 7208: 0xfe19, 23775: 0x9fb4, 23783: 0x9fb5, 23788: 0x9fb6,
  23789: 0x9fb7, 23795: 0x9fb8, 23812: 0x9fb9, 23829: 0x9fba, 23845: 0x9fbb,
};

const hex = (bytes: ArrayLike<number>): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** One valid byte sequence and what the standard says it decodes to. */
interface Entry {
  bytes: number[];
  text: string;
}

function gbTwo(p: number): number[] {
  const t = p % 190;
  return [Math.floor(p / 190) + 0x81, t + (t < 0x3f ? 0x40 : 0x41)];
}
function gbFour(p: number): number[] {
  return [Math.floor(p / 12600) + 0x81, Math.floor((p % 12600) / 1260) + 0x30, Math.floor((p % 1260) / 10) + 0x81, (p % 10) + 0x30];
}
function big5Two(p: number): number[] {
  const t = p % 157;
  return [Math.floor(p / 157) + 0x81, t + (t < 0x3f ? 0x40 : 0x62)];
}
function sjisTwo(p: number): number[] {
  const l = Math.floor(p / 188);
  const t = p % 188;
  return [l + (l < 0x1f ? 0x81 : 0xc1), t + (t < 0x3f ? 0x40 : 0x41)];
}

/** index gb18030 ranges code point, straight from the spec's algorithm. */
function gbRangesCodePoint(p: number): number | null {
  if ((p > 39419 && p < 189000) || p > 1237575) return null;
  if (p === 7457) return 0xe7c7;
  const ranges = raw['gb18030-ranges'] as unknown as [number, number][];
  let k = 0;
  while (k + 1 < ranges.length && ranges[k + 1][0] <= p) k++;
  return ranges[k][1] + p - ranges[k][0];
}

function entries(codec: CodecName): Entry[] {
  const out: Entry[] = [];
  const push = (bytes: number[], ...cps: number[]): void => {
    out.push({ bytes, text: String.fromCodePoint(...cps) });
  };
  for (let b = 0; b < 0x80; b++) push([b], b);
  switch (codec) {
    case 'gbk': {
      push([0x80], 0x20ac);
      raw.gb18030.forEach((cp, p) => push(gbTwo(p), GB18030_2022[p] ?? cp!));
      for (let p = 0; p <= 39419; p++) push(gbFour(p), gbRangesCodePoint(p)!);
      for (let p = 189000; p <= 1237575; p += 997) push(gbFour(p), gbRangesCodePoint(p)!);
      push(gbFour(1237575), 0x10ffff);
      break;
    }
    case 'big5':
      raw.big5.forEach((cp, p) => {
        if (cp !== null) push(big5Two(p), cp);
      });
      push(big5Two(1133), 0xca, 0x304);
      push(big5Two(1135), 0xca, 0x30c);
      push(big5Two(1164), 0xea, 0x304);
      push(big5Two(1166), 0xea, 0x30c);
      break;
    case 'shift_jis':
      push([0x80], 0x80);
      for (let b = 0xa1; b <= 0xdf; b++) push([b], 0xff61 - 0xa1 + b);
      raw.jis0208.forEach((cp, p) => {
        if (cp !== null) push(sjisTwo(p), cp);
      });
      for (let p = 8836; p <= 10715; p++) push(sjisTwo(p), 0xe000 - 8836 + p);
      break;
    case 'windows-1252':
      raw['windows-1252'].forEach((cp, k) => push([0x80 + k], cp!));
      break;
    case 'iso-8859-1':
      for (let b = 0x80; b <= 0xff; b++) push([b], b);
      break;
    case 'utf-8':
      for (let cp = 0x80; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 61) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        push([...new TextEncoder().encode(String.fromCodePoint(cp))], cp);
      }
      break;
  }
  return out;
}

/** The sequence the inverse must choose for each text (documented preference). */
function preferred(codec: CodecName, list: Entry[]): Map<string, number[]> {
  const chosen = new Map<string, number[]>();
  const pointerOf = (e: Entry): number =>
    codec === 'big5' ? (e.bytes[0] - 0x81) * 157 + e.bytes[1] - (e.bytes[1] < 0x7f ? 0x40 : 0x62)
    : (e.bytes[0] >= 0xe0 ? e.bytes[0] - 0xc1 : e.bytes[0] - 0x81) * 188 + e.bytes[1] - (e.bytes[1] < 0x7f ? 0x40 : 0x41);
  for (const e of list) {
    if (e.text === '\uFFFD') continue; // decodes from EF BF BD / 84 31 A4 37, but unmappable by design
    const prev = chosen.get(e.text);
    if (!prev) {
      chosen.set(e.text, e.bytes);
      continue;
    }
    if (codec === 'big5' && e.bytes.length === 2) {
      const p = pointerOf(e);
      const prevP = pointerOf({ bytes: prev, text: '' });
      const last = [0x2550, 0x255e, 0x2561, 0x256a, 0x5341, 0x5345].includes(e.text.codePointAt(0)!);
      // The encoder skips pointers below 5024; among the rest, first (or last for six code points).
      if ((prevP < 5024 && p >= 5024) || (p >= 5024 && last)) chosen.set(e.text, e.bytes);
    }
    if (codec === 'shift_jis' && prev.length === 2 && e.bytes.length === 2) {
      const prevP = pointerOf({ bytes: prev, text: '' });
      if (prevP >= 8272 && prevP <= 8835 && !(pointerOf(e) >= 8272 && pointerOf(e) <= 8835)) chosen.set(e.text, e.bytes);
    }
  }
  if (codec === 'gbk') chosen.set('€', [0x80]);
  return chosen;
}

const CODECS: CodecName[] = ['utf-8', 'gbk', 'big5', 'shift_jis', 'windows-1252', 'iso-8859-1'];

describe.each(CODECS)('%s index', (codec) => {
  const list = entries(codec);
  const chosen = preferred(codec, list);

  it('decodes every sequence the index defines, cleanly, to the standard code point', () => {
    const bad: string[] = [];
    for (const e of list) {
      const bytes = Uint8Array.from(e.bytes);
      const d = decode(codec, bytes);
      if (d.text !== e.text || d.errors.length || !decodesCleanly(codec, bytes)) bad.push(`${hex(e.bytes)} → ${d.text} (want ${e.text})`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('re-encodes every character to a sequence that decodes back to it (the documented choice)', () => {
    const bad: string[] = [];
    for (const [text, bytes] of chosen) {
      const r = reEncode(codec, text);
      if (hex(r.bytes) !== hex(bytes) || r.unmappable.length) bad.push(`${text} → ${hex(r.bytes)} (want ${hex(bytes)})`);
      else if (decode(codec, r.bytes).text !== text) bad.push(`${text} does not round-trip`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('reEncode(decode(bytes)) gives the bytes back, except for duplicates, which give the chosen sequence', () => {
    const all = Uint8Array.from(list.flatMap((e) => e.bytes));
    const d = decode(codec, all);
    expect(d.errors).toEqual([]);
    expect(d.text).toBe(list.map((e) => e.text).join(''));
    const mappable = list.filter((e) => e.text !== '\uFFFD');
    const r = reEncode(codec, mappable.map((e) => e.text).join(''));
    expect(r.unmappable).toEqual([]);
    expect(hex(r.bytes)).toBe(hex(mappable.flatMap((e) => chosen.get(e.text)!)));
    const single = mappable.filter((e) => hex(chosen.get(e.text)!) === hex(e.bytes)).length;
    expect(single).toBeGreaterThan(list.length * 0.9);
  });

  it('maps nothing else in the BMP: every other code point is unmappable', () => {
    const known = new Set(list.map((e) => e.text));
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      const ch = String.fromCharCode(cp);
      if (known.has(ch) && cp !== 0xfffd) continue;
      if (codec === 'utf-8' && !(cp >= 0xd800 && cp <= 0xdfff) && cp !== 0xfffd) continue; // utf-8 list is sampled in the BMP too
      const r = reEncode(codec, ch);
      if (r.bytes.length || r.unmappable[0] !== 0) wrong.push(cp.toString(16));
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});

describe('astral characters', () => {
  it('big5 maps exactly the astral characters its index has', () => {
    const astral = raw.big5.filter((cp): cp is number => cp !== null && cp > 0xffff);
    expect(astral.length).toBeGreaterThan(1000);
    const text = String.fromCodePoint(...astral);
    const r = reEncode('big5', text);
    expect(r.unmappable).toEqual([]);
    expect(decode('big5', r.bytes).text).toBe(text);
    expect(reEncode('big5', '\u{20000}').unmappable).toEqual([0]); // 𠀀 is not in index Big5
  });

  it('gbk maps every astral code point through four-byte sequences, shift_jis and windows-1252 none', () => {
    for (const cp of [0x10000, 0x1f600, 0x20000, 0x2a6d6, 0x10ffff]) {
      const ch = String.fromCodePoint(cp);
      expect(decode('gbk', reEncode('gbk', ch).bytes).text).toBe(ch);
      for (const c of ['shift_jis', 'windows-1252', 'iso-8859-1'] as const) expect(reEncode(c, ch).unmappable).toEqual([0]);
    }
  });
});
