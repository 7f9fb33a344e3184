/**
 * Public types of the codecs: decoding and re-encoding exactly as browsers do
 * (WHATWG Encoding Standard, https://encoding.spec.whatwg.org/).
 *
 * Offset conventions, shared by `reEncode` and `decode`:
 * - Positions in the *input* (`unmappable` UTF-16 indices, `errors` byte offsets,
 *   `srcAt` values) are absolute: they index the text or bytes you passed, not
 *   the `[start, end)` slice.
 * - Arrays describing the *output* (`byteAt`, `srcAt`) are indexed from 0 and have
 *   one entry per output-side unit plus a final one.
 * - A character of several UTF-16 units (a surrogate pair, or the Big5 pairs
 *   Ê̄ Ê̌ ê̄ ê̌) owns all of its bytes through its first unit; its later units get the
 *   offset just past those bytes. So `[byteAt[a - start], byteAt[b - start])` (or
 *   `[srcAt[a], srcAt[b])`) is always the exact byte span of the characters that
 *   start in `[a, b)`, and both arrays are non-decreasing.
 */

export type CodecName = 'utf-8' | 'gbk' | 'big5' | 'shift_jis' | 'windows-1252' | 'iso-8859-1';

export const CODEC_NAMES: readonly CodecName[] = ['utf-8', 'gbk', 'big5', 'shift_jis', 'windows-1252', 'iso-8859-1'];

export interface ReEncoded {
  /** The bytes `codec`'s decoder turns into the mappable characters of `text[start, end)`. */
  bytes: Uint8Array;
  /**
   * `byteAt[i - start]` = offset in `bytes` where the UTF-16 unit `i` of the text
   * begins; length `end - start + 1`, last = `bytes.length`. A low surrogate (or the
   * combining mark of a Big5 pair) gets the offset just past its character's bytes;
   * an unmappable character gets the offset of the next byte (it adds nothing).
   */
  byteAt: Uint32Array;
  /**
   * UTF-16 indices (absolute, into `text`) of the characters this decoder can never
   * produce; they contribute no bytes. Ascending. For an unmappable surrogate pair
   * only the index of its high surrogate is listed. Lone surrogates are always
   * unmappable, and U+FFFD counts as unmappable for every codec (it marks data
   * already lost, even where a byte sequence would decode to it).
   */
  unmappable: number[];
}

export interface Decoded {
  text: string;
  /**
   * `srcAt[j]` = absolute byte offset where the bytes of output UTF-16 unit `j`
   * start; length `text.length + 1`, last = `end`. A U+FFFD gets the offset of the
   * first byte of the bad sequence.
   */
  srcAt: Uint32Array;
  /** Absolute byte offsets at which the decoder hit an error (emitted U+FFFD), ascending. */
  errors: number[];
}

/**
 * One codec's worker loops. Both write into caller-provided scratch arrays and
 * return how much they wrote; they allocate nothing per character.
 */
export interface CodecImpl {
  /** Upper bound on bytes written per UTF-16 unit of input. */
  readonly maxBytesPerUnit: number;
  /**
   * Writes the bytes for `text[start, end)` to `out`, `byteAt[i - start]` for every
   * unit (and `byteAt[end - start]`), pushes unmappable indices; returns the byte count.
   */
  encode(text: string, start: number, end: number, out: Uint8Array, byteAt: Uint32Array, unmappable: number[]): number;
  /**
   * Decodes `bytes[start, end)` in replacement mode into `units` / `srcAt` (at most
   * `end - start` units, plus `srcAt[count]`); returns the unit count. With
   * `errors === null` it stops at the first error and returns -1.
   */
  decode(bytes: Uint8Array, start: number, end: number, units: Uint16Array, srcAt: Uint32Array, errors: number[] | null): number;
}
