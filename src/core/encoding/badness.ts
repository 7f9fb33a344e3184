/**
 * How damage-like a piece of text looks, counted in characters: the characters a wrong decoder produces and
 * natural text of any language rarely has in that place. A repair must lower it (the bytes re-decoded explain
 * the odd characters away) and leave little of it; moving oddness from one script to another (a rare Han
 * character into Cyrillic, a French « » into rare Han) is no repair, however the language model scores it.
 *
 * Context decides for letters of other scripts: é inside a Latin word, ж inside a Cyrillic word, kana in a
 * Japanese line are natural; the same characters glued to Han characters, or alone among symbols, are what
 * mojibake looks like.
 */
import { hanLog10P } from '../model/unigram';
import {
  isAsciiAlnum,
  isHalfwidthKana,
  isHan,
  isHangul,
  isKana,
  isLowSurrogate,
  isRareCjkMark,
} from '../text-classes';

/**
 * A Han character rarer than this (log10 per character of running text) is one natural text seldom has: the
 * rarest characters of running text, and most of what UTF-8 read as GBK shows (鏂 囦 嶏), lie below it.
 */
const RARE_HAN_LOG10P = -5.0;

/**
 * hanLog10P(c) < RARE_HAN_LOG10P for BMP code points, eight to an entry: RARE_KNOWN | one bit per code point, or 0
 * until one of the eight is first asked (filling the whole table took 3-8 ms cold). Read for every Han character
 * oddCount judges (a repair's span and its replacement, twice a line), where the 256 KB unigram table was a memory
 * read per character and the lookup a third of oddCount's ticks in a CPU profile of UTF-8 read as GBK; 16 KB stay in
 * cache.
 */
const RARE_KNOWN = 0x100;
let rareBits: Uint16Array | undefined;

function isRareHan(c: number): boolean {
  if (c > 0xffff) return true;
  const bits = (rareBits ??= new Uint16Array(0x10000 >> 3));
  const k = c >> 3;
  let w = bits[k];
  if (w === 0) {
    w = RARE_KNOWN;
    for (let i = 0; i < 8; i++) if (hanLog10P((k << 3) | i) < RARE_HAN_LOG10P) w |= 1 << i;
    bits[k] = w;
  }
  return (w & (1 << (c & 7))) !== 0;
}

/** Characters that decide nothing: ASCII punctuation and digits, spaces, and U+FFFD (what was lost is lost either way). */
function isNeutral(c: number): boolean {
  return (c < 0x80 && !isAsciiLetter(c)) || c === 0xa0 || c === 0x3000 || c === 0xfffd;
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

/** Letters that share one alphabet-based context: ASCII, Latin-1, Latin Extended and Latin Extended Additional. */
function isLatinLetter(c: number): boolean {
  return isAsciiAlnum(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);
}

/**
 * The other alphabets and scripts below the general punctuation block (IPA, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic, the Indic scripts, Georgian, jamo, Ethiopic, Mongolian, Balinese…): letters that stand in words of
 * their own, never glued to CJK text.
 */
function isOtherAlphabet(c: number): boolean {
  return c >= 0x250 && c < 0x2000 && !(c >= 0x1e00 && c <= 0x1eff);
}

/** CJK text: Han, kana, Hangul, CJK and full-width punctuation. */
function isCjk(c: number): boolean {
  return isHan(c) || isKana(c) || isHangul(c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff60);
}

/** Punctuation Chinese text uses from the general block (— ‘ ’ “ ” … • –) and the middle dot. */
function isCommonGeneralPunct(c: number): boolean {
  return c === 0x2014 || c === 0x2015 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x2026 || c === 0x2022 || c === 0x2013 || c === 0xb7;
}

/** What a line is written in, for judging its characters: kana are at home in Japanese, Latin-1 letters outside CJK. */
export interface LineContext {
  /** Kana throughout and in runs, not a few among many Han characters (UTF-8 read as GBK leaves one in twenty or so). */
  japanese: boolean;
  /** The line has CJK text of its own: Latin-1 letters in it are bytes read as Latin-1, not French. */
  cjk: boolean;
}

export function lineContext(text: string, from = 0, to = text.length): LineContext {
  let kana = 0;
  let han = 0;
  // Japanese writes kana in runs (です, した); a wrong decoder scatters them one by one (浣犲ソ涓栫晫).
  let kanaRun = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isKana(c)) {
      kana++;
      if (i > from && isKana(text.charCodeAt(i - 1))) kanaRun = true;
    } else if (isHan(c) || isHangul(c)) han++;
  }
  return { japanese: kanaRun && kana * 8 >= han, cjk: han + kana >= 2 };
}

/** What lineContext needs of a line, so the context of the line with one span replaced costs only the span. */
export interface LineSummary {
  kana: number;
  han: number;
  /** Where the first and the last two adjacent kana end (index of the second), or -1. */
  firstPair: number;
  lastPair: number;
}

export function summarizeLine(text: string): LineSummary {
  const sum: LineSummary = { kana: 0, han: 0, firstPair: -1, lastPair: -1 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isKana(c)) {
      sum.kana++;
      if (i > 0 && isKana(text.charCodeAt(i - 1))) {
        if (sum.firstPair < 0) sum.firstPair = i;
        sum.lastPair = i;
      }
    } else if (isHan(c) || isHangul(c)) sum.han++;
  }
  return sum;
}

/** lineContext of the whole line the summary was made of (summarizeLine counts the same characters). */
export function contextOfSummary(sum: LineSummary): LineContext {
  return { japanese: sum.firstPair >= 0 && sum.kana * 8 >= sum.han, cjk: sum.han + sum.kana >= 2 };
}

/**
 * lineContext of text with [start, end) replaced by `replacement`, from the line's summary: the same answer as
 * building the repaired line and scanning it, in time of the span (readsBetter asks it of every picked repair).
 */
export function contextWithReplacement(sum: LineSummary, text: string, start: number, end: number, replacement: string): LineContext {
  const span = lineCounts(text, start, end);
  const put = lineCounts(replacement, 0, replacement.length);
  const kana = sum.kana - span.kana + put.kana;
  const han = sum.han - span.han + put.han;
  const kanaAt = (i: number) => i >= 0 && i < text.length && isKana(text.charCodeAt(i));
  const n = replacement.length;
  let kanaRun = put.pair || (sum.firstPair >= 0 && sum.firstPair <= start - 1) || (sum.lastPair >= 0 && sum.lastPair - 1 >= end);
  if (n > 0) kanaRun ||= (kanaAt(start - 1) && isKana(replacement.charCodeAt(0))) || (isKana(replacement.charCodeAt(n - 1)) && kanaAt(end));
  else kanaRun ||= kanaAt(start - 1) && kanaAt(end);
  return { japanese: kanaRun && kana * 8 >= han, cjk: han + kana >= 2 };
}

function lineCounts(text: string, from: number, to: number): { kana: number; han: number; pair: boolean } {
  let kana = 0;
  let han = 0;
  let pair = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isKana(c)) {
      kana++;
      if (i > from && isKana(text.charCodeAt(i - 1))) pair = true;
    } else if (isHan(c) || isHangul(c)) han++;
  }
  return { kana, han, pair };
}

/**
 * The number of damage-like characters in text[a, b), each judged with its neighbours (which may lie outside
 * [a, b)) and its line; with `rareHan` false, Han characters never count (only other scripts and symbols do).
 */
export function oddCount(text: string, a: number, b: number, line: LineContext, rareHan = true): number {
  let odd = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (isNeutral(c) || isLowSurrogate(c)) continue;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0x20;
    // One ASCII letter alone between two Han characters is a byte of a broken sequence as often as a word (A股).
    if (c < 0x80) {
      if (isHan(prev) && isHan(next)) odd++;
      continue;
    }
    if (!rareHan && isHan(c)) continue;
    if (isOdd(text, i, c, prev, next, line)) odd++;
  }
  return odd;
}

/** Consecutive non-ASCII Latin characters: three in a row is bytes read as Latin-1 (ÐÂÎÅ), not a word with accents. */
const LATIN_RUN_MAX = 2;

function latinRunAround(text: string, i: number): number {
  let a = i;
  let b = i + 1;
  while (a > 0 && isNonAsciiLatin(text.charCodeAt(a - 1))) a--;
  while (b < text.length && isNonAsciiLatin(text.charCodeAt(b))) b++;
  return b - a;
}

function isNonAsciiLatin(c: number): boolean {
  return c >= 0x80 && (isLatinLetter(c) || isLatinSymbol(c));
}

/** Non-ASCII characters of text[a, b) that are not U+FFFD: what an odd share is a share of. */
export function nonAsciiCount(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c !== 0xfffd && !isLowSurrogate(c)) n++;
  }
  return n;
}

function isOdd(text: string, i: number, c: number, prev: number, next: number, line: LineContext): boolean {
  if (isHan(c)) {
    // A Han character wedged inside a word of a Latin line (est d盯ini) is a byte pair of that word read as CJK;
    // in a Chinese line, Han glued to Latin words is how people write (mbpasswd是Samba).
    if (!line.cjk && isLatinLetter(prev) && isLatinLetter(next) && prev >= 0x41 && next >= 0x41) return true;
    return isRareHan(c);
  }
  if (isKana(c)) {
    if (line.japanese) return false;
    // Outside Japanese, a kana in a run of kana may still be a Japanese word; a lone one is a GBK row A4/A5 hit.
    return !(isKana(prev) || isKana(next));
  }
  if (isHangul(c)) return isCjkNotHangul(prev) || isCjkNotHangul(next) || (isAsciiAlnum(prev) && prev >= 0x41) || (isAsciiAlnum(next) && next >= 0x41);
  // 〆 and the vertical presentation forms (︵ ︼ ﹏) are what GBK bytes read as Big5 show (委委佗佗 → 〆〆︼︼):
  // horizontal Chinese text has them only beside one another, as a rule or an underline (﹏﹏﹏).
  if (c === 0x3006 || (c >= 0xfe30 && c <= 0xfe4f)) return !(isVerticalForm(prev) || isVerticalForm(next));
  if (c >= 0x3000 && c <= 0x303f) return isRareCjkMark(c);
  if (c >= 0xff01 && c <= 0xff60) return false;
  if (isCommonGeneralPunct(c)) return false;
  if (isLatinLetter(c)) {
    return line.cjk || isCjk(prev) || isCjk(next) || isLatinSymbol(prev) || isLatinSymbol(next) || latinRunAround(text, i) > LATIN_RUN_MAX;
  }
  if (isOtherAlphabet(c)) {
    // A word of its own alphabet, set off from CJK text: Greek and Cyrillic words are natural; α粒子 is not damage
    // either, but a repair that makes one is no repair, and damage that shows one is damage.
    return isCjk(prev) || isCjk(next) || !(isOtherAlphabet(prev) || isOtherAlphabet(next));
  }
  if (isLatinSymbol(c)) {
    // © 2024 or « texte » stand alone among ASCII; Â© or ä½ do not.
    return !(isNeutralOrAscii(prev) && isNeutralOrAscii(next));
  }
  // Everything else here: C1 controls, symbols and shapes, radicals, bopomofo, private use, half-width kana,
  // the general punctuation Chinese does not use.
  return c < 0xa0 || c > 0x2000 || isHalfwidthKana(c);
}

function isVerticalForm(c: number): boolean {
  return c >= 0xfe30 && c <= 0xfe4f;
}

function isCjkNotHangul(c: number): boolean {
  return isHan(c) || isKana(c);
}

/** Latin-1 and windows-1252 symbols: ¡–¿, × ÷, and windows-1252's punctuation (‚ „ † ‰ ‹ ™ …) beyond the common few. */
function isLatinSymbol(c: number): boolean {
  return (c >= 0xa1 && c <= 0xbf) || c === 0xd7 || c === 0xf7 || (c >= 0x2000 && c <= 0x2122 && !isCommonGeneralPunct(c));
}

function isNeutralOrAscii(c: number): boolean {
  return c < 0x80 || c === 0xa0;
}
