/**
 * Our decoders against Node's TextDecoder (ICU) on every byte pair. Where ICU and
 * the Encoding Standard are known to differ, the pair is skipped by a named rule
 * below, so any other difference is a real bug. (In a browser, TextDecoder follows
 * the standard; Node's ICU does not, for the reasons listed.)
 */
import { describe, expect, it } from 'vitest';
import { decode, type CodecName } from '../../src/core/codecs';

const isPua = (s: string): boolean => s.length === 1 && s.charCodeAt(0) >= 0xe000 && s.charCodeAt(0) <= 0xf8ff;
const isLead = (codec: CodecName, x: number): boolean =>
  codec === 'shift_jis' ? (x >= 0x81 && x <= 0x9f) || (x >= 0xe0 && x <= 0xfc) : x >= 0x81 && x <= 0xfe;

type Rule = (a: number, b: number, ours: string, icu: string) => boolean;

/** Known, explained differences between ICU and the standard, per codec. */
const KNOWN: Record<string, Record<string, Rule>> = {
  // Node's "gb18030" label decodes exactly as the standard (GB18030-2022 changes included) on Node 20 / ICU 74+.
  gb18030: {},
  'windows-1252': {
    'ICU decodes windows-1252 as ISO-8859-1 (0x80-0x9F → C1 controls)': (a, b) => (a >= 0x80 && a <= 0x9f) || (b >= 0x80 && b <= 0x9f),
  },
  big5: {
    'ICU has no HKSCS: lead bytes 0x81-0xA0 decode to PUA': (a) => a >= 0x81 && a <= 0xa0,
    'ICU maps single bytes 0x80 and 0xFF (to U+0080, U+F8F8)': (a, b) => a === 0x80 || a === 0xff || (!isLead('big5', a) && (b === 0x80 || b === 0xff)),
    'ICU re-reads a non-ASCII byte that is no valid trail (0x80, 0xFF); the standard consumes it': (a, b, ours, icu) =>
      isLead('big5', a) && (b === 0x80 || b === 0xff) && ours === '\uFFFD' && icu.length === 2 && icu[0] === '\uFFFD',
    'ICU maps pointers the standard leaves unassigned (user-defined areas) to PUA': (a, _b, ours, icu) =>
      isLead('big5', a) && ours === '\uFFFD' && isPua(icu),
    'F9FE: the standard says U+FFED (halfwidth black square), ICU U+2593': (a, b, ours, icu) =>
      a === 0xf9 && b === 0xfe && ours === '\uFFED' && icu === '\u2593',
    'ICU lacks index Big5 entries (ETEN extensions, control pictures): PUA or U+FFFD': (a, _b, ours, icu) =>
      isLead('big5', a) && ours.length >= 1 && !ours.includes('\uFFFD') && (isPua(icu) || icu === '\uFFFD'),
  },
  shift_jis: {
    'ICU swaps 0x1A, 0x1C and 0x7F (IBM control mapping)': (a, b) => [a, b].some((x) => x === 0x1a || x === 0x1c || x === 0x7f),
    'ICU decodes 0x80 to U+FFFD, the standard to U+0080': (a, b) => a === 0x80 || (b === 0x80 && !isLead('shift_jis', a)),
    'ICU emits two U+FFFD for a lead followed by 0xFD-0xFF; the standard one': (a, b, ours, icu) =>
      isLead('shift_jis', a) && b >= 0xfd && ours === '\uFFFD' && icu === '\uFFFD\uFFFD',
    'ICU swallows an ASCII trail byte at an unassigned pointer; the standard reads it again': (a, b, ours, icu) =>
      isLead('shift_jis', a) && b < 0x80 && icu === '\uFFFD' && ours === '\uFFFD' + String.fromCharCode(b),
  },
  'utf-8': {},
};

const CASES: [CodecName, string][] = [
  ['gbk', 'gb18030'],
  ['windows-1252', 'windows-1252'],
  ['big5', 'big5'],
  ['shift_jis', 'shift_jis'],
  ['utf-8', 'utf-8'],
];

describe.each(CASES)('%s vs TextDecoder(%s)', (codec, label) => {
  it('agrees on every byte pair outside the known differences', () => {
    const td = new TextDecoder(label);
    const rules = Object.entries(KNOWN[label]);
    const used = new Set<string>();
    const bad: string[] = [];
    const pair = new Uint8Array(2);
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        pair[0] = a;
        pair[1] = b;
        const ours = decode(codec, pair).text;
        const icu = td.decode(pair);
        if (ours === icu) continue;
        const rule = rules.find(([, r]) => r(a, b, ours, icu));
        if (rule) used.add(rule[0]);
        else if (bad.length < 20) bad.push(`${a.toString(16)} ${b.toString(16)}: ours ${escape(ours)} icu ${escape(icu)}`);
      }
    }
    expect(bad).toEqual([]);
    // Every listed difference still exists: if ICU is fixed, the list must shrink.
    expect([...used].sort()).toEqual(rules.map(([name]) => name).sort());
  });
});

describe('gbk four-byte sequences vs TextDecoder(gb18030)', () => {
  it('agrees on every BMP four-byte pointer and on samples of the astral ones', () => {
    const td = new TextDecoder('gb18030');
    const bad: string[] = [];
    const seq = new Uint8Array(4);
    const check = (p: number): void => {
      seq[0] = Math.floor(p / 12600) + 0x81;
      seq[1] = Math.floor((p % 12600) / 1260) + 0x30;
      seq[2] = Math.floor((p % 1260) / 10) + 0x81;
      seq[3] = (p % 10) + 0x30;
      const ours = decode('gbk', seq).text;
      const icu = td.decode(seq);
      if (ours !== icu && bad.length < 20) bad.push(`pointer ${p}: ours ${escape(ours)} icu ${escape(icu)}`);
    };
    for (let p = 0; p < 39420; p++) check(p);
    for (let p = 189000; p <= 1237575; p += 101) check(p);
    expect(bad).toEqual([]);
  });
});
