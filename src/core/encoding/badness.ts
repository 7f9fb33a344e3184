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
 * rarest half percent of the mass of simplified or traditional Chinese lies below it.
 */
const RARE_HAN_LOG10P = -5.6;

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

/**
 * Whether text[from, to) of a line reads as Japanese: kana throughout, not a few among many Han characters
 * (UTF-8 read as GBK leaves one kana in twenty characters or so).
 */
export function looksJapanese(text: string, from: number, to: number): boolean {
  let kana = 0;
  let han = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isKana(c)) kana++;
    else if (isHan(c)) han++;
  }
  return kana >= 2 && kana * 8 >= han;
}

/**
 * The number of damage-like characters in text[a, b), each judged with its neighbours (which may lie outside
 * [a, b)). `japanese` says whether kana are at home in this line.
 */
export function oddCount(text: string, a: number, b: number, japanese: boolean): number {
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
    if (isOdd(c, prev, next, japanese)) odd++;
  }
  return odd;
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

function isOdd(c: number, prev: number, next: number, japanese: boolean): boolean {
  if (isHan(c)) {
    // A Han character wedged inside a Latin word (d盯ini) is a byte pair of that word read as CJK.
    if (isLatinLetter(prev) && isLatinLetter(next) && prev >= 0x41 && next >= 0x41) return true;
    return c > 0xffff || hanLog10P(c) < RARE_HAN_LOG10P;
  }
  if (isKana(c)) {
    if (japanese) return false;
    // Outside Japanese, a kana in a run of kana may still be a Japanese word; a lone one is a GBK row A4/A5 hit.
    return !(isKana(prev) || isKana(next));
  }
  if (isHangul(c)) return isCjkNotHangul(prev) || isCjkNotHangul(next) || (isAsciiAlnum(prev) && prev >= 0x41) || (isAsciiAlnum(next) && next >= 0x41);
  if (c >= 0x3000 && c <= 0x303f) return isRareCjkMark(c);
  if ((c >= 0xff01 && c <= 0xff60) || (c >= 0xfe30 && c <= 0xfe4f)) return false;
  if (isCommonGeneralPunct(c)) return false;
  if (isLatinLetter(c)) return isCjk(prev) || isCjk(next) || isLatinSymbol(prev) || isLatinSymbol(next);
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
