import type { CodecName, ReEncoded } from './types';
import { checkRange, codecImpl } from './codec-impls';
import { newUint32Array, newUint8Array } from '../typed-arena';

/** Reused output buffer; results are copied out of it, so it never escapes. */
let scratch = new Uint8Array(4096);

/**
 * The bytes that `codec`'s WHATWG decoder turns into `text[start, end)` (the exact
 * inverse of the decoder, not the WHATWG encoder; see each codec's file for which
 * byte sequence is chosen when several decode to the same character).
 * Characters no byte sequence decodes to are skipped and listed in `unmappable`.
 */
export function reEncode(codec: CodecName, text: string, start = 0, end = text.length): ReEncoded {
  checkRange(start, end, text.length);
  const impl = codecImpl(codec);
  const need = (end - start) * impl.maxBytesPerUnit;
  if (scratch.length < need) scratch = new Uint8Array(Math.max(need, scratch.length * 2));
  const byteAt = newUint32Array(end - start + 1);
  const unmappable: number[] = [];
  const length = impl.encode(text, start, end, scratch, byteAt, unmappable);
  const bytes = newUint8Array(length);
  bytes.set(scratch.subarray(0, length));
  return { bytes, byteAt, unmappable };
}
