/**
 * fast-check arbitraries for the engine's property tests. Every generator is a pure function of the
 * fast-check seed, so a campaign is replayed exactly by its seed (and a case by its seed and index).
 *
 *   unicode    random strings mixing every class of character the engine treats differently
 *   bytes      random bytes, or clean text encoded with a random codec, decoded with a random codec,
 *              sometimes twice (decode → encode with another codec → decode), with the project's codecs
 *   damaged    a clean paragraph with one span damaged by one mix-up (or Founder-shifted), spliced back,
 *              sometimes with a byte lost or the bytes truncated, sometimes between clean paragraphs
 *   lost       a clean paragraph with one U+FFFD inserted, or one character replaced by U+FFFD
 *   clean      a clean paragraph as it is; `page`: several of them (any languages) joined by line breaks
 */
import fc from 'fast-check';
import { CODEC_NAMES, decode, reEncode, type CodecName } from '../../src/core/codecs';
import { FOUNDER_PAIRS } from '../../src/core/founder/founder-map.generated';
import { CLEAN_PARAGRAPHS, CORPUS_HAN, DAMAGED_INPUTS } from './corpus';

const cp = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((c) => String.fromCodePoint(c));
const unit = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((c) => String.fromCharCode(c));
const chars = (s: string) => fc.constantFrom(...Array.from(s));

/** A substring of one of the texts, 1–maxLen code points, cut anywhere (also inside a surrogate pair: lone halves are wanted too). */
function sliceOf(texts: readonly string[], maxLen: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(texts.length - 1), fc.nat(), fc.integer({ min: 1, max: maxLen }))
    .map(([i, at, len]) => {
      const t = texts[i];
      const a = at % t.length;
      return t.slice(a, a + len);
    });
}

/** Every shifted character the Founder rule produces: the even positions of the generated pair list. */
const FOUNDER_SHIFTED = [...FOUNDER_PAIRS].filter((_, i) => i % 2 === 0).join('');
const CJK_PUNCT = '，。、：；？！“”‘’（）《》…—「」『』【】·～';
const CP1252_SHOWN = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const CLEAN_TEXTS = CLEAN_PARAGRAPHS.map((c) => c.text);

/** One piece of a random string, by class. Weights favour the classes the engine's gate and codecs look at. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: unit(0x20, 0x7e) }, // ASCII
  { weight: 2, arbitrary: chars(' \n') },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r', '\t') },
  { weight: 4, arbitrary: unit(0xa0, 0xff) }, // Latin-1
  { weight: 2, arbitrary: chars(CP1252_SHOWN) },
  { weight: 6, arbitrary: chars(CORPUS_HAN) }, // common Han
  { weight: 3, arbitrary: unit(0x4e00, 0x9fff) }, // any URO Han, mostly rare
  { weight: 1, arbitrary: unit(0x3400, 0x4dbf) }, // extension A
  { weight: 1, arbitrary: cp(0x20000, 0x2a6df) }, // extension B (astral)
  { weight: 4, arbitrary: chars(FOUNDER_SHIFTED) }, // Founder-shifted Han
  { weight: 3, arbitrary: chars(CJK_PUNCT) },
  { weight: 2, arbitrary: unit(0x3040, 0x30ff) }, // kana
  { weight: 1, arbitrary: unit(0xff61, 0xff9f) }, // half-width katakana
  { weight: 1, arbitrary: unit(0xac00, 0xd7a3) }, // Hangul
  { weight: 1, arbitrary: unit(0x0370, 0x052f) }, // Greek, Cyrillic
  { weight: 1, arbitrary: unit(0x2460, 0x27bf) }, // symbols, box drawing
  { weight: 1, arbitrary: unit(0xe000, 0xf8ff) }, // private use
  { weight: 1, arbitrary: unit(0xff01, 0xff5e) }, // full-width forms
  { weight: 3, arbitrary: fc.constant('\ufffd') },
  { weight: 1, arbitrary: unit(0xd800, 0xdfff) }, // lone surrogate
  { weight: 1, arbitrary: cp(0x1f300, 0x1faff) }, // emoji
  { weight: 1, arbitrary: cp(0x10000, 0x10ffff) }, // any astral
  { weight: 1, arbitrary: unit(0x00, 0x1f) }, // C0
  { weight: 1, arbitrary: unit(0x80, 0x9f) }, // C1
  { weight: 1, arbitrary: fc.oneof(unit(0x0300, 0x036f), unit(0x3099, 0x309a), unit(0x20d0, 0x20ff)) }, // combining
  { weight: 3, arbitrary: sliceOf(DAMAGED_INPUTS, 8) }, // real mojibake fragments
  { weight: 3, arbitrary: sliceOf(CLEAN_TEXTS, 12) }, // real clean fragments
);

export const unicodeString: fc.Arbitrary<string> = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

/** The pairs users meet (truth, shown), as the engine's hypotheses name them; half the byte cases use one. */
export const MIX_UPS: readonly [CodecName, CodecName][] = [
  ['utf-8', 'gbk'],
  ['utf-8', 'windows-1252'],
  ['utf-8', 'iso-8859-1'],
  ['gbk', 'windows-1252'],
  ['gbk', 'iso-8859-1'],
  ['big5', 'gbk'],
  ['gbk', 'big5'],
  ['utf-8', 'big5'],
  ['utf-8', 'shift_jis'],
  ['gbk', 'utf-8'],
  ['big5', 'windows-1252'],
];

const codec = fc.constantFrom(...CODEC_NAMES);
const codecPair: fc.Arbitrary<[CodecName, CodecName]> = fc.oneof(fc.constantFrom(...MIX_UPS), fc.tuple(codec, codec));

/**
 * Bytes as an encoder writes them. UTF-8 is TextEncoder (U+FFFD and lone surrogates become EF BF BD, as a
 * page re-saved as UTF-8 has them); the other encoders are the exact inverse of their decoders, and characters
 * they cannot encode are dropped (a browser's form encoder would write `&#…;` instead).
 */
export function encodeWith(c: CodecName, text: string): Uint8Array {
  return c === 'utf-8' ? new TextEncoder().encode(text) : reEncode(c, text).bytes;
}

export interface BytesCase {
  text: string;
  /** How it was made, for the report: `random>gbk`, `utf-8>windows-1252>utf-8>windows-1252`. */
  recipe: string;
}

export const bytesDecoded: fc.Arbitrary<BytesCase> = fc
  .record({
    source: fc.oneof(
      fc.uint8Array({ maxLength: 160 }).map((bytes) => ({ bytes, from: 'random' })),
      fc.tuple(fc.constantFrom(...CLEAN_TEXTS), codecPair).map(([t, [truth]]) => ({ bytes: encodeWith(truth, t), from: truth as string })),
    ),
    shown: codec,
    pair: codecPair,
    twice: fc.boolean(),
  })
  .map(({ source, shown, pair, twice }) => {
    // A clean source is shown by its mix-up's decoder half the time, by any decoder otherwise.
    let text = decode(shown, source.bytes).text;
    let recipe = `${source.from}>${shown}`;
    if (twice) {
      text = decode(pair[1], encodeWith(pair[0], text)).text;
      recipe += `>${pair[0]}>${pair[1]}`;
    }
    return { text, recipe };
  });

/** Damage kinds for a span of real text: the chain of (truth, shown) layers, innermost first; `founder` alone. */
export const DAMAGES: Record<string, [CodecName, CodecName][] | 'founder'> = {
  'utf-8>gbk': [['utf-8', 'gbk']],
  'utf-8>windows-1252': [['utf-8', 'windows-1252']],
  'utf-8>iso-8859-1': [['utf-8', 'iso-8859-1']],
  'gbk>windows-1252': [['gbk', 'windows-1252']],
  'gbk>iso-8859-1': [['gbk', 'iso-8859-1']],
  'big5>gbk': [['big5', 'gbk']],
  'gbk>big5': [['gbk', 'big5']],
  'utf-8>big5': [['utf-8', 'big5']],
  'utf-8>shift_jis': [['utf-8', 'shift_jis']],
  'gbk>utf-8': [['gbk', 'utf-8']],
  'big5>windows-1252': [['big5', 'windows-1252']],
  '2x utf-8>windows-1252': [
    ['utf-8', 'windows-1252'],
    ['utf-8', 'windows-1252'],
  ],
  '2x utf-8>gbk': [
    ['utf-8', 'gbk'],
    ['utf-8', 'gbk'],
  ],
  founder: 'founder',
};

/**
 * Founder/方正 damage: the GB2312 symbol rows A1–A3 written with lead byte + 0x31 (，= A3AC → D4AC 袁),
 * then read as GBK. Characters outside those rows keep their bytes.
 */
export function founderShift(text: string): string {
  const enc = reEncode('gbk', text);
  const bytes = enc.bytes.slice();
  for (let i = 0; i < text.length; i++) {
    const at = enc.byteAt[i];
    if (enc.byteAt[i + 1] - at === 2 && bytes[at] >= 0xa1 && bytes[at] <= 0xa3) bytes[at] += 0x31;
  }
  return decode('gbk', bytes).text;
}

export type Loss = 'none' | 'drop' | 'truncate';

export interface DamagedCase {
  text: string;
  /** Where the damaged span lies in `text` (UTF-16 offsets): everything outside it is clean. */
  span: [number, number];
  /** The clean text it came from (not asserted: damage may be ambiguous; kept for the report). */
  clean: string;
  damage: string;
  loss: Loss;
}

function damage(span: string, kind: string, loss: Loss, lossAt: number): string {
  const chain = DAMAGES[kind];
  if (chain === 'founder') return founderShift(span);
  let text = span;
  chain.forEach(([truth, shown], layer) => {
    let bytes = encodeWith(truth, text);
    if (layer === 0 && bytes.length > 0 && loss !== 'none') {
      const at = lossAt % bytes.length;
      bytes = loss === 'drop' ? new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]) : bytes.subarray(0, at);
    }
    text = decode(shown, bytes).text;
  });
  return text;
}

/** Code point boundaries of a string, as UTF-16 offsets (0 and length included). */
function boundaries(s: string): number[] {
  const out = [0];
  for (let i = 0; i < s.length; ) {
    i += s.codePointAt(i)! > 0xffff ? 2 : 1;
    out.push(i);
  }
  return out;
}

export const damagedText: fc.Arbitrary<DamagedCase> = fc
  .record({
    p: fc.nat(CLEAN_PARAGRAPHS.length - 1),
    a: fc.nat(),
    len: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(1e9)),
    kind: fc.constantFrom(...Object.keys(DAMAGES)),
    loss: fc.constantFrom<Loss>('none', 'none', 'none', 'drop', 'truncate'),
    lossAt: fc.nat(),
    before: fc.option(fc.nat(CLEAN_PARAGRAPHS.length - 1), { freq: 3 }),
    after: fc.option(fc.nat(CLEAN_PARAGRAPHS.length - 1), { freq: 3 }),
  })
  .map(({ p, a, len, kind, loss, lossAt, before, after }) => {
    const clean = CLEAN_PARAGRAPHS[p].text;
    const b = boundaries(clean);
    // A large `len` damages from `a` to the end; a = 0 with it damages the whole paragraph.
    const s = len === 1e9 ? b[a % 2 === 0 ? 0 : a % b.length] : b[a % b.length];
    const e = b[Math.min(b.length - 1, b.indexOf(s) + len)];
    const damaged = damage(clean.slice(s, e), kind, loss, lossAt);
    const head = before === null ? '' : CLEAN_PARAGRAPHS[before].text + '\n';
    const tail = after === null ? '' : '\n' + CLEAN_PARAGRAPHS[after].text;
    const text = head + clean.slice(0, s) + damaged + clean.slice(e) + tail;
    const at = head.length + s;
    return { text, span: [at, at + damaged.length], clean: head + clean + tail, damage: kind, loss };
  });

/** A clean paragraph with one character lost: `before + U+FFFD + after` shown, `before + lost + after` true. */
export interface LostCase {
  before: string;
  /** The character the U+FFFD replaced; '' when the U+FFFD was inserted. */
  lost: string;
  after: string;
}

export const lostInput = (c: LostCase) => c.before + '\ufffd' + c.after;

export const lostOne: fc.Arbitrary<LostCase> = fc
  .record({ p: fc.nat(CLEAN_PARAGRAPHS.length - 1), at: fc.nat(), replace: fc.boolean() })
  .map(({ p, at, replace }) => {
    const clean = CLEAN_PARAGRAPHS[p].text;
    const b = boundaries(clean);
    if (replace && b.length > 1) {
      const k = at % (b.length - 1);
      return { before: clean.slice(0, b[k]), lost: clean.slice(b[k], b[k + 1]), after: clean.slice(b[k + 1]) };
    }
    const k = b[at % b.length];
    return { before: clean.slice(0, k), lost: '', after: clean.slice(k) };
  });

export const cleanParagraph: fc.Arbitrary<string> = fc.nat(CLEAN_PARAGRAPHS.length - 1).map((i) => CLEAN_PARAGRAPHS[i].text);

/** A page: 2–8 clean paragraphs of any languages, one per line. */
export const cleanPage: fc.Arbitrary<string[]> = fc.array(cleanParagraph, { minLength: 2, maxLength: 8 });
