/**
 * The candidate encodings of re-decoding (src/core/redecode/encodings.ts) in Node, as browsers decode them: the
 * core's WHATWG codecs where it has them, Node's TextDecoder (ICU) for EUC-JP and EUC-KR, which the core has no
 * codec for, and iconv-lite to encode those two. For the threshold figures (eval-redecode.ts), the unit tests and
 * the end-to-end pages.
 */
import iconv from 'iconv-lite';
import { decode, reEncode, type CodecName } from '../../src/core/codecs';
import { REDECODE_ENCODINGS, type RedecodeEncoding } from '../../src/core/redecode/encodings';
import type { Decoders } from '../../src/core/redecode/pick-encoding';

const CORE: Partial<Record<RedecodeEncoding, CodecName>> = { 'utf-8': 'utf-8', gbk: 'gbk', big5: 'big5', shift_jis: 'shift_jis', 'windows-1252': 'windows-1252' };

/** `text` in `enc`, or null when `enc` cannot hold all of it. */
export function encodeIn(enc: RedecodeEncoding, text: string): Uint8Array | null {
  const codec = CORE[enc];
  if (codec) {
    const r = reEncode(codec, text);
    return r.unmappable.length ? null : r.bytes;
  }
  const bytes = new Uint8Array(iconv.encode(text, enc));
  // iconv-lite writes '?' for what it cannot encode: keep only what round-trips.
  return new TextDecoder(enc).decode(bytes) === text ? bytes : null;
}

/** `bytes` as a browser shows them under `enc` (replacement mode). */
export function decodeAs(enc: RedecodeEncoding, bytes: Uint8Array): string {
  const codec = CORE[enc];
  return codec ? decode(codec, bytes).text : new TextDecoder(enc).decode(bytes);
}

/** One decoder per candidate, for pickEncoding. */
export const NODE_DECODERS: Decoders = Object.fromEntries(REDECODE_ENCODINGS.map((enc) => [enc, (b: Uint8Array) => decodeAs(enc, b)]));
