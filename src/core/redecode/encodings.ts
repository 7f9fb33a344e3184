/**
 * The encodings a mislabelled page is re-decoded among, by their WHATWG names (what `TextDecoder` takes and
 * `document.characterSet` reports). GBK and GB18030 are one candidate: the WHATWG GBK decoder is the GB18030
 * decoder, so the same bytes give the same text under either label.
 */
export const REDECODE_ENCODINGS = ['utf-8', 'gbk', 'big5', 'shift_jis', 'euc-jp', 'euc-kr', 'windows-1252'] as const;

export type RedecodeEncoding = (typeof REDECODE_ENCODINGS)[number];

/** How the popup and reports name each candidate. */
export const ENCODING_NAMES: Record<RedecodeEncoding, string> = {
  'utf-8': 'UTF-8',
  gbk: 'GBK/GB18030',
  big5: 'Big5',
  shift_jis: 'Shift_JIS',
  'euc-jp': 'EUC-JP',
  'euc-kr': 'EUC-KR',
  'windows-1252': 'windows-1252',
};

export function isRedecodeEncoding(value: unknown): value is RedecodeEncoding {
  return typeof value === 'string' && (REDECODE_ENCODINGS as readonly string[]).includes(value);
}

/**
 * The candidate a document's `characterSet` names, or null for one outside the candidates (UTF-16, ISO-2022-JP,
 * the other single-byte sets). Browsers report the canonical WHATWG name in varying case ("GBK", "Shift_JIS").
 */
export function encodingOfCharset(charset: string): RedecodeEncoding | null {
  const name = charset.trim().toLowerCase();
  if (name === 'gb18030' || name === 'gb2312') return 'gbk';
  // The WHATWG standard maps the ISO-8859-1 and US-ASCII labels to windows-1252.
  if (name === 'iso-8859-1' || name === 'us-ascii') return 'windows-1252';
  return isRedecodeEncoding(name) ? name : null;
}
