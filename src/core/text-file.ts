/**
 * Turns a file's bytes into text exactly as a browser would: UTF-8 and UTF-16 with the platform's TextDecoder
 * (the same everywhere), GB18030 and Big5 with the project's WHATWG codecs (Node's ICU decoder differs from the
 * standard for Big5's HKSCS characters, so the CLI and the paste-and-fix page would read one file differently).
 * Both read files through this. Rule out, then score:
 *   1. Empty → say so.  NUL bytes → binary (no accepted text encoding has them, except UTF-16 with its BOM).
 *   2. A UTF-16 byte-order mark → UTF-16; strict UTF-8 → UTF-8 (almost every file stops here).
 *   3. Otherwise decode a sample as GB18030 (a superset of GBK and GB2312) and as Big5, score each decoding
 *      by how plausible it is as Chinese text, and keep the better one.
 *   4. When even the better one is mostly undecodable bytes or control characters → binary.
 */
import { decode } from './codecs';
import { isBoxDrawing, isGreekOrCyrillic, isHanBmp, isKana, isBopomofo, isPrivateUse } from './text-classes';

export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type DecodedFile =
  | { ok: true; text: string; encoding: FileEncoding }
  | { ok: false; reason: 'empty' | 'binary' };

type Legacy = 'gb18030' | 'big5';

/** The codec that decodes each legacy file encoding (WHATWG: GBK and GB18030 decode identically). */
const CODEC = { gb18030: 'gbk', big5: 'big5' } as const;

/** Legacy encodings we try, in order of preference on a tie (GB18030 text is the commoner on the mainland web). */
const LEGACY: readonly Legacy[] = ['gb18030', 'big5'];
/** Bytes scored per candidate: enough to decide, and a 5 MB file is not decoded three times over. */
const DETECT_SAMPLE_BYTES = 64 * 1024;
/** A Han character in the encoding's own block of most common characters: what real text is mostly made of. */
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

/**
 * Each encoding's block of most common characters, as byte ranges: GB2312 level 1 (lead B0–D7, trail A1–FE)
 * and Big5 常用字 (lead A4–C6, trail 40–7E and A1–FE). Turned into character sets by decoding every pair once,
 * which is cheaper to ship than a table and is exactly what the browser decodes.
 */
const COMMON_BLOCKS: Record<Legacy, { leads: [number, number]; trails: Array<[number, number]> }> = {
  gb18030: { leads: [0xb0, 0xd7], trails: [[0xa1, 0xfe]] },
  big5: { leads: [0xa4, 0xc6], trails: [[0x40, 0x7e], [0xa1, 0xfe]] },
};

const commonSets = new Map<Legacy, Set<number>>();

function commonHan(encoding: Legacy): Set<number> {
  let set = commonSets.get(encoding);
  if (set) return set;
  const { leads, trails } = COMMON_BLOCKS[encoding];
  const bytes: number[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [lo, hi] of trails) for (let trail = lo; trail <= hi; trail++) bytes.push(lead, trail);
  }
  set = new Set();
  const { text } = decode(CODEC[encoding], new Uint8Array(bytes));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHanBmp(c)) set.add(c);
  }
  commonSets.set(encoding, set);
  return set;
}

export interface DecodeOptions {
  /** Keep a UTF-8 byte-order mark in the text (the command-line tool writes it back out unchanged). */
  keepBom?: boolean;
}

export function decodeTextFile(bytes: Uint8Array, options: DecodeOptions = {}): DecodedFile {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const binary: DecodedFile = { ok: false, reason: 'binary' };

  const utf16 = bomUtf16(bytes);
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes), encoding: utf16 };
    } catch {
      return binary;
    }
  }
  if (bytes.includes(0)) return binary;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.keepBom === true }).decode(bytes);
    // U+FFFD is not counted here: a page saved with its mojibake (GBK read as UTF-8) is text to repair, not binary.
    return junkShare(text, false) > MAX_JUNK_SHARE ? binary : { ok: true, text, encoding: 'utf-8' };
  } catch (err) {
    if (!(err instanceof TypeError)) throw err; // TypeError: not UTF-8; go on with the legacy encodings.
  }

  const sample = bytes.subarray(0, DETECT_SAMPLE_BYTES);
  let best: { encoding: Legacy; score: number; junk: number } | undefined;
  for (const encoding of LEGACY) {
    const decoded = decodeSample(encoding, sample, sample.length < bytes.length);
    const score = plausibility(decoded, encoding);
    if (!best || score > best.score) best = { encoding, score, junk: junkShare(decoded, true) };
  }
  if (!best || best.junk > MAX_JUNK_SHARE) return binary;
  return { ok: true, text: decode(CODEC[best.encoding], bytes).text, encoding: best.encoding };
}

/** Longest character of either encoding (a GB18030 four-byte sequence): a cut sample may end inside one. */
const MAX_CHAR_BYTES = 4;

/** The sample decoded; where it was cut from a longer file, a character the cut split is not held against it. */
function decodeSample(encoding: Legacy, sample: Uint8Array, cut: boolean): string {
  const d = decode(CODEC[encoding], sample);
  const last = d.text.length - 1;
  if (cut && last >= 0 && d.text.charCodeAt(last) === 0xfffd && d.srcAt[last] >= sample.length - MAX_CHAR_BYTES) return d.text.slice(0, last);
  return d.text;
}

function bomUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Kana, bopomofo, Greek, Cyrillic, box drawing: the symbol rows mis-decoded Chinese lands on. */
const isSymbolRow = (c: number) => isKana(c) || isBopomofo(c) || isGreekOrCyrillic(c) || isBoxDrawing(c);

/** Higher is more plausible. Compared only between decodings of the same bytes, so it needs no normalising. */
export function plausibility(text: string, encoding: Legacy): number {
  const common = commonHan(encoding);
  let score = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) score -= REPLACEMENT_PENALTY;
    else if (isPrivateUse(c)) score -= PRIVATE_USE_PENALTY;
    else if (isSymbolRow(c)) score -= SYMBOL_ROW_PENALTY;
    else if (isHanBmp(c)) score += common.has(c) ? COMMON_HAN_SCORE : OTHER_HAN_SCORE;
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
