/**
 * Turns input bytes into text. Rule out, then score (as chardetng does):
 *   1. NUL bytes → binary (no text encoding we accept uses them, except UTF-16, which has a BOM).
 *   2. A UTF-16 byte-order mark → UTF-16; strict UTF-8 → UTF-8 (almost every file stops here).
 *   3. Otherwise decode a sample as GB18030 (a superset of GBK and GB2312) and as Big5 with iconv-lite,
 *      score each decoding by how plausible it is as Chinese text, and keep the better one.
 *   4. When even the better one is mostly undecodable bytes or control characters → binary.
 */
import iconv from 'iconv-lite';
import { inputError } from './cli-error';

export type InputEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface DecodedInput {
  text: string;
  encoding: InputEncoding;
}

/** Legacy encodings we try, in order of preference on a tie (GB18030 text is the commoner on the mainland web). */
const LEGACY: readonly ('gb18030' | 'big5')[] = ['gb18030', 'big5'];
/** Bytes scored per candidate: enough to decide, and a 5 MB file is not decoded three times over. */
const DETECT_SAMPLE_BYTES = 64 * 1024;
/** A Han character in the encoding's own "most common characters" block: what real text is mostly made of. */
const COMMON_HAN_SCORE = 2;
/** Any other Han character: plausible, but mis-decoded text lands on these rarer ones far more often. */
const OTHER_HAN_SCORE = 0.5;
/** U+FFFD: bytes the encoding cannot decode; real text in that encoding has none. */
const REPLACEMENT_PENALTY = 20;
/** Private-use characters: GBK's user-defined rows, where Big5 lead bytes fall. */
const PRIVATE_USE_PENALTY = 5;
/** Kana, bopomofo, Greek, Cyrillic, box drawing amid Chinese: the symbol rows mis-decoded text lands on. */
const SYMBOL_ROW_PENALTY = 1;
/** Above this share of undecodable or control characters even the best decoding is not text. */
const MAX_JUNK_SHARE = 0.02;

export function decodeInput(bytes: Uint8Array, name: string): DecodedInput {
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };
  const binary = () => inputError(`luanma: ${name}: looks like a binary file`);

  const utf16 = bomUtf16(bytes);
  if (utf16) {
    try {
      // The BOM is dropped: the output is UTF-8, where it would mean nothing.
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), encoding: utf16 };
    } catch {
      throw binary();
    }
  }
  if (bytes.includes(0)) throw binary();
  try {
    // ignoreBOM: the BOM stays in the text, and the writer puts it back out unchanged.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    // U+FFFD is not counted here: a page saved with its mojibake (GBK read as UTF-8) is text to flag, not binary.
    if (junkShare(text, false) > MAX_JUNK_SHARE) throw binary();
    return { text, encoding: 'utf-8' };
  } catch (err) {
    if (!(err instanceof TypeError)) throw err; // TypeError: not UTF-8; go on with the legacy encodings.
  }

  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, DETECT_SAMPLE_BYTES));
  let best: { encoding: 'gb18030' | 'big5'; score: number; junk: number } | undefined;
  for (const encoding of LEGACY) {
    const decoded = iconv.decode(sample, encoding);
    const score = plausibility(decoded, encoding);
    if (!best || score > best.score) best = { encoding, score, junk: junkShare(decoded, true) };
  }
  if (!best || best.junk > MAX_JUNK_SHARE) throw binary();
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), best.encoding), encoding: best.encoding };
}

function bomUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
const isSymbolRow = (c: number) =>
  (c >= 0x3040 && c <= 0x312f) || (c >= 0x0370 && c <= 0x04ff) || (c >= 0x2500 && c <= 0x257f);

/** True when `ch` lies in the encoding's block of most common characters (GB2312 level 1, Big5 常用字). */
function isCommonIn(ch: string, encoding: 'gb18030' | 'big5'): boolean {
  const b = iconv.encode(ch, encoding);
  if (b.length !== 2) return false;
  return encoding === 'gb18030' ? b[0] >= 0xb0 && b[0] <= 0xd7 : b[0] >= 0xa4 && b[0] <= 0xc6;
}

/** Higher is more plausible. Compared only between decodings of the same bytes, so it needs no normalising. */
export function plausibility(text: string, encoding: 'gb18030' | 'big5'): number {
  let score = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) score -= REPLACEMENT_PENALTY;
    else if (c >= 0xe000 && c <= 0xf8ff) score -= PRIVATE_USE_PENALTY;
    else if (isSymbolRow(c)) score -= SYMBOL_ROW_PENALTY;
    else if (isHan(c)) score += isCommonIn(ch, encoding) ? COMMON_HAN_SCORE : OTHER_HAN_SCORE;
  }
  return score;
}

/** Share of C0 control characters other than tab, newlines, form feed and escape (and of U+FFFD if asked). */
function junkShare(text: string, countReplacement: boolean): number {
  if (text.length === 0) return 0;
  let junk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((countReplacement && c === 0xfffd) || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) || c === 0x7f) {
      junk++;
    }
  }
  return junk / text.length;
}
