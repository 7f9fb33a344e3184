/** Character classes every part of the core agrees on. Cheap: no tables. */

export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of the supplementary ideograph planes
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

const REAL_PUNCT = new Set([...'，。、：；？！“”‘’（）《》…—「」『』【】'].map((c) => c.charCodeAt(0)));
/** Full-width Chinese punctuation. */
export function isChinesePunct(code: number): boolean {
  return REAL_PUNCT.has(code);
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
