/** Spot checks against values from the Encoding Standard, error positions, offsets. */
import { describe, expect, it } from 'vitest';
import { decode, decodesCleanly, reEncode, type CodecName } from '../../src/core/codecs';

const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);
const hex = (bytes: ArrayLike<number>): string => Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' ');
const text = (codec: CodecName, ...bytes: number[]): string => decode(codec, b(...bytes)).text;
const enc = (codec: CodecName, s: string): string => hex(reEncode(codec, s).bytes);

describe('known values from the standard', () => {
  it('gbk', () => {
    expect(text('gbk', 0xa1, 0xaa)).toBe('\u2014'); // —, not U+2015 as in some GBK tables
    expect(text('gbk', 0x80)).toBe('€');
    expect(text('gbk', 0xa2, 0xe3)).toBe('€'); // index gb18030 pointer 6432
    expect(enc('gbk', '€')).toBe('80'); // the GBK encoder's choice
    expect(text('gbk', 0xa3, 0xa0)).toBe('\u3000'); // not U+E5E5
    expect(enc('gbk', '\u3000')).toBe('a1 a1');
    expect(reEncode('gbk', '\uE5E5').unmappable).toEqual([0]);
    expect(text('gbk', 0xc4, 0xe3, 0xba, 0xc3)).toBe('你好');
    expect(text('gbk', 0x81, 0x40)).toBe('丂');
    // GB18030-2022: two-byte codes now decode to the standard characters; the old
    // four-byte codes still decode to them too; the replaced PUA code points are gone.
    expect(text('gbk', 0xa6, 0xd9)).toBe('\uFE10');
    expect(text('gbk', 0x84, 0x31, 0x82, 0x36)).toBe('\uFE10');
    expect(enc('gbk', '\uFE10')).toBe('a6 d9');
    expect(text('gbk', 0xfe, 0x59)).toBe('\u9FB4');
    expect(text('gbk', 0x82, 0x35, 0x90, 0x37)).toBe('\u9FB4');
    expect(reEncode('gbk', '\uE78D\uE81E').unmappable).toEqual([0, 1]);
    // U+E7C7 / U+1E3F swap (GB18030-2005).
    expect(text('gbk', 0xa8, 0xbc)).toBe('\u1E3F');
    expect(text('gbk', 0x81, 0x35, 0xf4, 0x37)).toBe('\uE7C7');
    expect(enc('gbk', '\uE7C7')).toBe('81 35 f4 37');
    // Four-byte edges.
    expect(text('gbk', 0x81, 0x30, 0x81, 0x30)).toBe('\u0080');
    expect(text('gbk', 0x84, 0x31, 0xa4, 0x39)).toBe('\uFFFF');
    expect(text('gbk', 0x90, 0x30, 0x81, 0x30)).toBe('\u{10000}');
    expect(text('gbk', 0xe3, 0x32, 0x9a, 0x35)).toBe('\u{10FFFF}');
    expect(enc('gbk', '\u{1F600}')).toBe('94 39 fc 36');
  });

  it('windows-1252 and iso-8859-1', () => {
    expect(text('windows-1252', 0x80)).toBe('€');
    expect(text('windows-1252', 0x81, 0x8d, 0x8f, 0x90, 0x9d)).toBe('\u0081\u008D\u008F\u0090\u009D');
    expect(text('windows-1252', 0x9f, 0xa0, 0xff)).toBe('Ÿ\u00A0ÿ');
    expect(enc('windows-1252', '\u0081€')).toBe('81 80');
    expect(reEncode('windows-1252', '\u0080\u0099').unmappable).toEqual([0, 1]);
    expect(text('iso-8859-1', 0x80, 0x9f, 0xff)).toBe('\u0080\u009Fÿ');
    expect(enc('iso-8859-1', '\u0080é')).toBe('80 e9');
    expect(reEncode('iso-8859-1', '€').unmappable).toEqual([0]);
  });

  it('big5, HKSCS included', () => {
    expect(text('big5', 0xa4, 0x40)).toBe('一');
    expect(text('big5', 0xa4, 0xa4)).toBe('中');
    expect(text('big5', 0xa1, 0x40)).toBe('\u3000'); // pointer 5024, first non-HKSCS
    expect(text('big5', 0x87, 0x40)).toBe('䏰'); // HKSCS, pointer 942
    expect(text('big5', 0x88, 0x40)).toBe('\u31C0'); // HKSCS stroke ㇀
    expect(text('big5', 0x88, 0x45)).toBe('\u{2010C}'); // HKSCS, astral
    expect(enc('big5', '\u{2010C}')).toBe('88 45');
    expect(enc('big5', '䏰')).toBe('87 40');
    // The four pointers that decode to two code points.
    expect(text('big5', 0x88, 0x62, 0x88, 0x64, 0x88, 0xa3, 0x88, 0xa5)).toBe('Ê\u0304Ê\u030Cê\u0304ê\u030C');
    expect(enc('big5', 'Ê\u0304ê\u030C')).toBe('88 62 88 a5');
    expect(enc('big5', 'Ê')).toBe('88 66');
    expect(reEncode('big5', 'Ê\u0301').unmappable).toEqual([1]);
    // Duplicates: the encoder's choice (last pointer for these six; non-HKSCS first otherwise).
    expect(text('big5', 0xa2, 0xcc)).toBe('\u5341');
    expect(text('big5', 0xa4, 0x51)).toBe('\u5341');
    expect(enc('big5', '\u5341')).toBe('a4 51');
    expect(text('big5', 0xc9, 0x4a)).toBe('\uFA0C'); // the compatibility ideograph, not U+5140
    expect(enc('big5', '\u2550')).toBe('f9 f9');
    expect(text('big5', 0xa2, 0xa4)).toBe('\u2550');
  });

  it('shift_jis', () => {
    expect(text('shift_jis', 0x5c, 0x7e)).toBe('\\~');
    expect(text('shift_jis', 0x80)).toBe('\u0080');
    expect(text('shift_jis', 0xa1, 0xb1, 0xdf)).toBe('｡ｱﾟ');
    expect(text('shift_jis', 0x82, 0xa0, 0x81, 0x40)).toBe('あ\u3000');
    expect(text('shift_jis', 0xf0, 0x40, 0xf9, 0xfc)).toBe('\uE000\uE757'); // user-defined area
    expect(enc('shift_jis', 'ｱ\uE000')).toBe('b1 f0 40');
    // Decoder inverse, not the encoder: nothing decodes to ¥, ‾ or −.
    expect(reEncode('shift_jis', '¥‾−').unmappable).toEqual([0, 1, 2]);
    // NEC / IBM duplicates: the encoder's choice.
    expect(text('shift_jis', 0x87, 0x90)).toBe('≒');
    expect(enc('shift_jis', '≒')).toBe('81 e0');
    expect(text('shift_jis', 0xed, 0x40)).toBe('纊');
    expect(text('shift_jis', 0xfa, 0x5c)).toBe('纊');
    expect(enc('shift_jis', '纊')).toBe('fa 5c');
  });

  it('utf-8 keeps a BOM and never re-encodes surrogates or U+FFFD', () => {
    expect(text('utf-8', 0xef, 0xbb, 0xbf, 0x41)).toBe('\uFEFFA');
    const r = reEncode('utf-8', 'a\uD800b\uDC00\uFFFD😀');
    expect(r.unmappable).toEqual([1, 3, 4]);
    expect(hex(r.bytes)).toBe('61 62 f0 9f 98 80');
  });
});

describe('errors and offsets', () => {
  const check = (codec: CodecName, bytes: number[], want: string, errors: number[], srcAt?: number[]): void => {
    const d = decode(codec, b(...bytes));
    expect(d.text).toBe(want);
    expect(d.errors).toEqual(errors);
    if (srcAt) expect(Array.from(d.srcAt)).toEqual(srcAt);
    expect(d.srcAt.length).toBe(d.text.length + 1);
    expect(decodesCleanly(codec, b(...bytes))).toBe(errors.length === 0);
  };

  it('utf-8: maximal subparts, truncation', () => {
    check('utf-8', [0xe4, 0xbd], '\uFFFD', [0], [0, 2]);
    check('utf-8', [0x41, 0xe4, 0xbd, 0x41], 'A\uFFFDA', [1], [0, 1, 3, 4]);
    check('utf-8', [0xc0, 0x80], '\uFFFD\uFFFD', [0, 1]);
    check('utf-8', [0xed, 0xa0, 0x80], '\uFFFD\uFFFD\uFFFD', [0, 1, 2]); // no surrogates
    check('utf-8', [0xf0, 0x90, 0x80], '\uFFFD', [0]);
    check('utf-8', [0xf4, 0x90, 0x80, 0x80], '\uFFFD'.repeat(4), [0, 1, 2, 3]);
    check('utf-8', [0xf0, 0x9f, 0x98, 0x80, 0x41], '😀A', [], [0, 4, 4, 5]);
  });

  it('gbk: lone lead at the end, ASCII trail re-read, four-byte failures', () => {
    check('gbk', [0x41, 0x81], 'A\uFFFD', [1], [0, 1, 2]);
    check('gbk', [0x81, 0x7f], '\uFFFD\u007F', [0], [0, 1, 2]);
    check('gbk', [0x81, 0xff], '\uFFFD', [0], [0, 2]);
    check('gbk', [0xff, 0x41], '\uFFFDA', [0]);
    check('gbk', [0x81, 0x30], '\uFFFD', [0]);
    check('gbk', [0x81, 0x30, 0x81], '\uFFFD', [0]);
    check('gbk', [0x81, 0x30, 0x41], '\uFFFD0A', [0], [0, 1, 2, 3]);
    check('gbk', [0x81, 0x30, 0x81, 0x41], '\uFFFD0丄', [0], [0, 1, 2, 4]);
    check('gbk', [0x84, 0x31, 0xa5, 0x30, 0x41], '\uFFFDA', [0], [0, 4, 5]); // pointer 39420: no code point
    check('gbk', [0xe3, 0x32, 0x9a, 0x36], '\uFFFD', [0]); // past U+10FFFF
    check('gbk', [0x94, 0x39, 0xfc, 0x36], '😀', [], [0, 4, 4]);
  });

  it('big5: a lead followed by an ASCII byte emits U+FFFD and the byte is read again', () => {
    check('big5', [0x81, 0x40], '\uFFFD@', [0], [0, 1, 2]); // pointer 0 is null
    check('big5', [0xa1, 0x30], '\uFFFD0', [0]);
    check('big5', [0xa4, 0x80], '\uFFFD', [0], [0, 2]);
    check('big5', [0xa4], '\uFFFD', [0]);
    check('big5', [0x80, 0xff], '\uFFFD\uFFFD', [0, 1]);
    check('big5', [0x88, 0x62, 0x41], 'Ê\u0304A', [], [0, 2, 2, 3]);
  });

  it('shift_jis', () => {
    check('shift_jis', [0x82], '\uFFFD', [0]);
    check('shift_jis', [0x82, 0x20], '\uFFFD ', [0]);
    check('shift_jis', [0x85, 0x40], '\uFFFD@', [0]);
    check('shift_jis', [0x81, 0xfd], '\uFFFD', [0], [0, 2]);
    check('shift_jis', [0xa0, 0xfd, 0x41], '\uFFFD\uFFFDA', [0, 1]);
  });

  it('start and end are honoured and offsets stay absolute', () => {
    const bytes = b(0x41, 0xc4, 0xe3, 0xba, 0xc3, 0x42);
    const d = decode('gbk', bytes, 1, 4);
    expect(d.text).toBe('你\uFFFD');
    expect(d.errors).toEqual([3]);
    expect(Array.from(d.srcAt)).toEqual([1, 3, 4]);
    expect(decodesCleanly('gbk', bytes, 1, 5)).toBe(true);
    expect(decodesCleanly('gbk', bytes, 2, 5)).toBe(false);
    expect(() => decode('gbk', bytes, 3, 2)).toThrow(RangeError);
    expect(decode('big5', bytes, 2, 2)).toEqual({ text: '', srcAt: Uint32Array.of(2), errors: [] });
    expect(reEncode('utf-8', 'abc', 1, 1)).toEqual({ bytes: new Uint8Array(0), byteAt: Uint32Array.of(0), unmappable: [] });
    expect(() => reEncode('gbk', 'abc', 0, 4)).toThrow(RangeError);
  });
});

describe('reEncode offsets', () => {
  it('byteAt covers every unit; pairs and unmappables as documented', () => {
    const s = 'a你😀\uFFFD好';
    const r = reEncode('utf-8', s);
    expect(Array.from(r.byteAt)).toEqual([0, 1, 4, 8, 8, 8, 11]);
    expect(r.unmappable).toEqual([4]);
    const g = reEncode('gbk', s, 1, 6);
    expect(Array.from(g.byteAt)).toEqual([0, 2, 6, 6, 6, 8]);
    expect(g.unmappable).toEqual([4]);
    // A pair cut by `end` is a lone surrogate.
    expect(reEncode('gbk', s, 0, 3).unmappable).toEqual([2]);
    expect(reEncode('big5', 'Ê\u0304', 0, 1).bytes).toEqual(b(0x88, 0x66));
  });
});
