/**
 * Character classes every part of the core agrees on: the one place Unicode ranges are written.
 * Cheap: no tables. All take a UTF-16 code unit (or a BMP code point) unless they say otherwise.
 */

/** CJK Unified Ideographs, the basic block (U+4E00–U+9FFF): where GBK, Big5 and mojibake land. */
export function isUnifiedHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

/** CJK Unified Ideographs Extension A (U+3400–U+4DBF): real but rare; GBK/Big5 misreads reach it. */
export function isHanExtA(code: number): boolean {
  return code >= 0x3400 && code <= 0x4dbf;
}

/** Han characters of the BMP: the basic block, Extension A and the compatibility ideographs. */
export function isHanBmp(code: number): boolean {
  return isUnifiedHan(code) || isHanExtA(code) || (code >= 0xf900 && code <= 0xfaff);
}

/** A Han character, or the high surrogate of one in the supplementary ideograph plane (U+20000–U+2FFFF). */
export function isHan(code: number): boolean {
  return isHanBmp(code) || (code >= 0xd840 && code <= 0xd87f);
}

/** Hiragana and katakana (U+3041–U+30FF), the prolonged sound mark ー included. */
export function isKana(code: number): boolean {
  return code >= 0x3041 && code <= 0x30ff;
}

export function isHiragana(code: number): boolean {
  return code >= 0x3041 && code <= 0x309f;
}

/** Half-width katakana (U+FF61–U+FF9F): what Shift_JIS shows for its single bytes A1–DF. */
export function isHalfwidthKana(code: number): boolean {
  return code >= 0xff61 && code <= 0xff9f;
}

/** Hangul syllables. */
export function isHangul(code: number): boolean {
  return code >= 0xac00 && code <= 0xd7a3;
}

/** The BMP private-use area: GBK's and Big5's user-defined rows decode there. */
export function isPrivateUse(code: number): boolean {
  return code >= 0xe000 && code <= 0xf8ff;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** Greek, Cyrillic and the Latin extensions before them (U+0370–U+052F): GBK rows A6–A7 hit by Big5 or UTF-8 bytes. */
export function isGreekOrCyrillic(code: number): boolean {
  return code >= 0x0370 && code <= 0x052f;
}

/** Bopomofo (U+3100–U+312F). */
export function isBopomofo(code: number): boolean {
  return code >= 0x3100 && code <= 0x312f;
}

/** CJK and Kangxi radicals (U+2E80–U+2FDF): look like Han, almost never in prose. */
export function isRadical(code: number): boolean {
  return code >= 0x2e80 && code <= 0x2fdf;
}

/** Box drawing (U+2500–U+257F). */
export function isBoxDrawing(code: number): boolean {
  return code >= 0x2500 && code <= 0x257f;
}

/**
 * Symbols that stray bytes produce in CJK decoders and natural text rarely has: Greek and Cyrillic, bopomofo,
 * enclosed numbers, box drawing, shapes and dingbats (U+2460–U+27BF), radicals, private use, half-width katakana.
 */
export function isOddSymbol(code: number): boolean {
  return (
    isGreekOrCyrillic(code) ||
    isBopomofo(code) ||
    (code >= 0x2460 && code <= 0x27bf) ||
    isRadical(code) ||
    isPrivateUse(code) ||
    isHalfwidthKana(code)
  );
}

export function isAsciiAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

export function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0 || code === 0x0a || code === 0x0d;
}

/**
 * Whether a sentence can end right before i of text[…, end): at end, a space or line break, or a Latin letter
 * (Chinese running into English). Where a shifted ？！。 may stand for the mark it was.
 */
export function endsSentenceBefore(text: string, i: number, end = text.length): boolean {
  const c = text.charCodeAt(i);
  // A–Z and a–z, and the few ASCII signs between them ([\]^_`), as telling.
  return i >= end || isSpace(c) || (c >= 0x41 && c <= 0x7a);
}

/** ASCII whitespace that separates words or lines. */
export function isAsciiSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

const REAL_PUNCT = new Set([...'，。、：；？！“”‘’（）《》…—「」『』【】'].map((c) => c.charCodeAt(0)));
/** Full-width Chinese punctuation. */
export function isChinesePunct(code: number): boolean {
  // Every one lies in — … (U+2014–2026), 、 … 】 (U+3001–3011) or ！ … ？ (U+FF01–FF1F): a Han character, most of
  // what is asked, is answered without the set.
  if (code < 0x2014 || code > 0xff1f || (code > 0x2026 && code < 0x3001) || (code > 0x3011 && code < 0xff01)) return false;
  return REAL_PUNCT.has(code);
}

/**
 * CJK symbols and punctuation (U+3000–U+303F) that running text seldom uses: the decorative and Japanese brackets
 * 〖〗〘〙〚〛, the double-prime quotes 〝〞〟, the wave dash 〜, postal and JIS marks, Hangzhou numerals. A wrong
 * decoder shows them (GBK row A1, Big5 row A1) far more often than writers use them.
 */
export function isRareCjkMark(code: number): boolean {
  return (code >= 0x3012 && code <= 0x301f && code !== 0x3014 && code !== 0x3015) || (code >= 0x3020 && code <= 0x303f) || code === 0x3004;
}

/** The marks that end a clause or sentence, the ones Founder damage most visibly removes. */
export function isClauseMark(code: number): boolean {
  return code === 0xff0c || code === 0x3002 || code === 0xff1b || code === 0xff1a || code === 0xff1f || code === 0xff01;
}

/**
 * Characters a Latin-1 or windows-1252 decoder shows for high bytes: 0x80–0xFF and windows-1252's
 * punctuation and letters (Œ š ‚ „ † ‰ ‹ ™ …, U+0152–U+2122). Two side by side are the mark of bytes
 * read as Latin-1; one é alone is French.
 */
export function isLatinShown(code: number): boolean {
  return (code >= 0x80 && code <= 0xff) || (code >= 0x152 && code <= 0x2122);
}

/** C0 controls other than tab and the line breaks, and DEL: never in text a reader sees. */
export function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}
