/**
 * How much a text reads like natural CJK text: average log10 probability per code point. Han chars use the in-word
 * bigram interpolated with the unigram; everything else gets a fixed cost per class. The fixed costs are set against
 * the Han scale (a typical Chinese char costs about -3, a mojibake Han char -4.5 to -8) so that candidates of one text
 * with different lengths and different mixes of classes stay comparable.
 */
import { pairScore } from './pairs';
import { PAIR_STEP } from './pairs.generated';
import { UNSEEN_HAN_LOG10P, unigramTable } from './unigram';
import { UNIGRAM_TOTAL_LOG10 } from './unigram.generated';
import { newFloat64Array } from '../typed-arena';
import { isHalfwidthKana, isHanBmp, isHighSurrogate, isHiragana, isKana, isLowSurrogate, isPrivateUse, isRareCjkMark, isSurrogate } from '../text-classes';

/**
 * Weight of the in-word bigram P(b | a) against the unigram P(b). About half the adjacent Han pairs of running text
 * fall inside a word; the other half cross a word boundary, where only the unigram knows anything.
 */
export const PAIR_WEIGHT = 0.5;

/** ASCII letters: English-like text carries ~4 bits (log10 ~ -1.2) per letter; common in Chinese pages (names, code). */
export const COST_ASCII_LETTER = -1.2;
/** ASCII digits: numbers are everywhere in clean text and never come out of a CJK codec's double-byte range. */
export const COST_DIGIT = -1.0;
/** Spaces, tabs, newlines, and U+3000: layout, equally common before and after repair. */
export const COST_SPACE = -0.8;
/** ASCII punctuation: common in mixed text, but rarer than letters. */
export const COST_ASCII_PUNCT = -1.5;
/**
 * Full-width / CJK punctuation (，。、：；！？「」『』（）“”‘’—…·): about one char in eight of Chinese prose, so a
 * little likelier than a typical Han char. Founder damage turns these into Han chars; the repair must win there.
 */
export const COST_CJK_PUNCT = -1.8;
/** CJK marks running text seldom uses (〖〗〘〙〝〞〜…, text-classes isRareCjkMark): about as rare as a rare Han character. */
export const COST_RARE_CJK_MARK = -4.5;
/** Hiragana: Japanese is natural text, not damage; kana runs cost about what a common Han char costs. */
export const COST_HIRAGANA = -2.2;
/** Katakana (and ー): as hiragana, slightly rarer. */
export const COST_KATAKANA = -2.4;
/**
 * Extra cost of a full-width katakana with no kana on either side. Japanese katakana come in words (runs); a lone
 * katakana between Han chars is the signature of UTF-8 read as GBK (浣犲ソ涓栫晫).
 */
export const COST_LONE_KATAKANA = -2.0;
/** Half-width katakana (U+FF61-FF9F): rare on today's pages, frequent in Shift_JIS misreads. */
export const COST_HALFWIDTH_KANA = -5.0;
/** Hangul syllables: natural Korean text; rarely produced by GBK/Big5 misreads. */
export const COST_HANGUL = -3.0;
/** Hangul jamo and compatibility jamo standing alone: rare in real text, typical of EUC-KR misreads. */
export const COST_HANGUL_JAMO = -6.0;
/** Latin-1 letters (À-ÿ): real in European names, but the staple of UTF-8 read as windows-1252 (ä½ å¥½). */
export const COST_LATIN1_LETTER = -4.0;
/** Latin-1 symbols (¡-¿, ×, ÷) and the no-break space: ½ ¥ § ¤ fill windows-1252 mojibake. */
export const COST_LATIN1_SYMBOL = -5.0;
/** Latin Extended, Greek, Cyrillic: real elsewhere, but inside Chinese text mostly GBK rows A6/A7 hit by Big5 bytes. */
export const COST_OTHER_LETTER = -5.0;
/** General punctuation other than the quotes, dashes, bullets and ellipsis Chinese uses (‰ ′ ※ ...). */
export const COST_GENERAL_PUNCT = -4.5;
/** Arrows, math, box drawing, shapes, enclosed numbers (①), etc.: GBK rows A1-A9 hit by stray bytes. */
export const COST_SYMBOL = -5.5;
/** Bopomofo: used in Taiwan, but seldom in running text. */
export const COST_BOPOMOFO = -5.0;
/** CJK radicals, Kangxi radicals, strokes, ideographic description: look like Han, almost never in prose. */
export const COST_RADICAL = -7.0;
/** Emoji and pictographs (astral): ordinary in web text today. */
export const COST_EMOJI = -4.0;
/** Astral Han (Extension B and later): real but very rare; codecs never produce them from GBK/Big5 misreads. */
export const COST_ASTRAL_HAN = -8.0;
/** Private-use code points: GBK/Big5 user-defined areas; a font-less box to the reader. */
export const COST_PRIVATE_USE = -9.0;
/** C0/C1 controls (other than tab/newline): never in text a reader sees; windows-1252 misreads leave C1 behind. */
export const COST_CONTROL = -9.0;
/** U+FFFD and lone surrogates: a decoder already gave up here. */
export const COST_REPLACEMENT = -10.0;
/** Anything else (rare scripts, unassigned, specials): rare enough to count as damage-like. */
export const COST_OTHER_RARE = -7.0;

/** log10(1 + 10^(-i/16)) for i = 0..LOGADD_SIZE-1: adds two log10 probabilities without calling Math.pow. */
const LOGADD_RES = 16;
const LOGADD_SIZE = 8 * LOGADD_RES + 1;
const LOGADD = new Float64Array(LOGADD_SIZE);
for (let i = 0; i < LOGADD_SIZE; i++) LOGADD[i] = Math.log10(1 + Math.pow(10, -i / LOGADD_RES));
const LOG_PAIR_WEIGHT = Math.log10(PAIR_WEIGHT);
const LOG_UNI_WEIGHT = Math.log10(1 - PAIR_WEIGHT);

function logAdd10(x: number, y: number): number {
  const hi = x > y ? x : y;
  const d = ((x > y ? x - y : y - x) * LOGADD_RES + 0.5) | 0;
  return d >= LOGADD_SIZE ? hi : hi + LOGADD[d];
}


/** Fixed cost of a non-Han BMP code point (kana handled by the caller for the lone-katakana check). */
function classCost(c: number): number {
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return COST_ASCII_LETTER;
    if (c >= 0x30 && c <= 0x39) return COST_DIGIT;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) return COST_SPACE;
    if (c < 0x20 || c === 0x7f) return COST_CONTROL;
    return COST_ASCII_PUNCT;
  }
  if (c < 0xa0) return COST_CONTROL;
  if (c < 0x100) {
    if (c === 0xb7) return COST_CJK_PUNCT; // middle dot in names: 奥黛丽·赫本
    if (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) return COST_LATIN1_LETTER;
    return COST_LATIN1_SYMBOL;
  }
  if (c < 0x0530) return COST_OTHER_LETTER;
  if (c >= 0x1100 && c <= 0x11ff) return COST_HANGUL_JAMO;
  if (c >= 0x2000 && c <= 0x206f) {
    if (c === 0x2014 || c === 0x2015 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d) return COST_CJK_PUNCT;
    if (c === 0x2026 || c === 0x2022 || c === 0x2013) return COST_CJK_PUNCT;
    if (c >= 0x2000 && c <= 0x200b) return COST_SPACE;
    return COST_GENERAL_PUNCT;
  }
  if (c >= 0x2070 && c <= 0x2bff) return COST_SYMBOL;
  if (c >= 0x2e80 && c <= 0x2fff) return COST_RADICAL;
  if (c === 0x3000) return COST_SPACE;
  if (c >= 0x3001 && c <= 0x303f) return isRareCjkMark(c) ? COST_RARE_CJK_MARK : COST_CJK_PUNCT;
  if (c >= 0x3100 && c <= 0x312f) return COST_BOPOMOFO;
  if (c >= 0x3130 && c <= 0x318f) return COST_HANGUL_JAMO;
  if (c >= 0x31a0 && c <= 0x31bf) return COST_BOPOMOFO;
  if (c >= 0x31c0 && c <= 0x31ef) return COST_RADICAL;
  if (c >= 0x31f0 && c <= 0x31ff) return COST_KATAKANA;
  if (c >= 0x3200 && c <= 0x33ff) return COST_SYMBOL;
  if (c >= 0xac00 && c <= 0xd7a3) return COST_HANGUL;
  if (isSurrogate(c)) return COST_REPLACEMENT; // lone surrogate
  if (isPrivateUse(c)) return COST_PRIVATE_USE;
  if (c >= 0xfe30 && c <= 0xfe4f) return COST_CJK_PUNCT; // vertical / compatibility forms ︰﹁
  if (c >= 0xff01 && c <= 0xff60) {
    // full-width forms: ，！？（）：；are punctuation; full-width letters and digits are rarer
    return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)
      ? COST_ASCII_PUNCT * 2
      : COST_CJK_PUNCT;
  }
  if (isHalfwidthKana(c)) return COST_HALFWIDTH_KANA;
  if (c >= 0xffe0 && c <= 0xffe6) return COST_LATIN1_SYMBOL; // full-width ￥ ￡
  if (c === 0xfffd) return COST_REPLACEMENT;
  return COST_OTHER_RARE;
}

/**
 * log10 P(c | prev) for a BMP Han character c after the Han character prev (0 when the previous character was
 * no Han character the model knows): the in-word bigram interpolated with the unigram, as textLog10P scores it.
 */
export function hanAfterLog10P(prev: number, c: number, uni: Float32Array = unigramTable()): number {
  const u = uni[c];
  if (u === 0) return LOG_UNI_WEIGHT + UNSEEN_HAN_LOG10P;
  const q = prev === 0 ? -1 : pairScore(prev, c);
  if (q < 0) return LOG_UNI_WEIGHT + u;
  let lp = q * PAIR_STEP - (uni[prev] + UNIGRAM_TOTAL_LOG10);
  if (lp > 0) lp = 0;
  return logAdd10(LOG_PAIR_WEIGHT + lp, LOG_UNI_WEIGHT + u);
}

/**
 * Average log10 per character of a text under the model, as { total, chars } (average = total / chars) over
 * text[start, end) in UTF-16 units; a surrogate pair counts as one char. Allocation-free.
 */
export function textLog10P(text: string, start = 0, end = text.length): { total: number; chars: number } {
  return scan(text, start, end, null);
}

/**
 * Running totals over the whole text: prefix[i] is the log10 probability of text[0, i), each character scored in
 * its context. A span's score is then prefix[b] − prefix[a] in O(1): the encoding repair compares thousands of
 * candidate spans of one text against the text as it stands.
 */
export function cumulativeLog10P(text: string, hanTerms: Float64Array | null = null): Float64Array {
  const prefix = newFloat64Array(text.length + 1);
  scan(text, 0, text.length, prefix, hanTerms);
  return prefix;
}

/**
 * textLog10P(text, start, end).total, reading each BMP Han character's score from `hanTerms` (filled by
 * cumulativeLog10P over the whole text) instead of the model. A character's score depends only on the one before
 * it, and that is the same in the span as in the whole text for every character but the span's first, which is
 * scored afresh; the sum is taken in the same order, so the result is the same number. The pair lookups were a third
 * of the scan's ticks in a CPU profile of UTF-8 read as GBK, where a line's lossy repair scores the line's own text
 * once for each hypothesis that reads it.
 */
export function spanLog10P(text: string, start: number, end: number, hanTerms: Float64Array): number {
  return scan(text, start, end, null, null, hanTerms).total;
}

function scan(
  text: string,
  start: number,
  end: number,
  prefix: Float64Array | null,
  record: Float64Array | null = null,
  cached: Float64Array | null = null,
): { total: number; chars: number } {
  const uni = unigramTable();
  let total = 0;
  let chars = 0;
  let prev = 0; // previous code point when it was a Han char in the model, else 0
  let prevKana = false;
  for (let i = start; i < end; i++) {
    if (prefix) prefix[i] = total;
    let c = text.charCodeAt(i);
    chars++;
    if (isHighSurrogate(c) && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (isLowSurrogate(d)) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        if (prefix) prefix[i] = total;
        total +=
          c >= 0x20000 && c <= 0x3ffff ? COST_ASTRAL_HAN : c >= 0x1f000 && c <= 0x1faff ? COST_EMOJI : c >= 0xf0000 ? COST_PRIVATE_USE : COST_OTHER_RARE;
        prev = 0;
        prevKana = false;
        continue;
      }
    }
    if (isHanBmp(c)) {
      const h = cached !== null && i > start ? cached[i] : hanAfterLog10P(prev, c, uni);
      if (record !== null) record[i] = h;
      total += h;
      prev = uni[c] === 0 ? 0 : c;
      prevKana = false;
      continue;
    }
    prev = 0;
    if (isKana(c)) {
      if (isHiragana(c)) total += COST_HIRAGANA;
      else {
        total += COST_KATAKANA;
        const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0x30fa && !prevKana && !isKana(next)) total += COST_LONE_KATAKANA;
      }
      prevKana = true;
      continue;
    }
    prevKana = false;
    total += classCost(c);
  }
  if (prefix) prefix[end] = total;
  return { total, chars };
}
