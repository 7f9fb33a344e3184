import type { CodecName, Decoded } from './types';
import { checkRange, codecImpl } from './codec-impls';
import { stringFromUnits } from './string-from-units';
import { newUint32Array } from '../typed-arena';

/**
 * Reused work buffers (a decoder writes at most one UTF-16 unit per input byte);
 * results are copied out, so they never escape.
 */
let units = new Uint16Array(4096);
let srcAt = new Uint32Array(4097);

function reserve(bytes: number): void {
  if (units.length < bytes) {
    const size = Math.max(bytes, units.length * 2);
    units = new Uint16Array(size);
    srcAt = new Uint32Array(size + 1);
  }
}

/**
 * The WHATWG decoder for `codec` in replacement mode over `bytes[start, end)`:
 * one U+FFFD per error, offsets of the errors and of every output unit's bytes.
 * No BOM is stripped.
 */
export function decode(codec: CodecName, bytes: Uint8Array, start = 0, end = bytes.length): Decoded {
  checkRange(start, end, bytes.length);
  const impl = codecImpl(codec);
  reserve(end - start);
  const errors: number[] = [];
  const count = impl.decode(bytes, start, end, units, srcAt, errors);
  const offsets = newUint32Array(count + 1);
  offsets.set(srcAt.subarray(0, count + 1));
  return { text: stringFromUnits(units, count), srcAt: offsets, errors };
}

/** True when `bytes[start, end)` decode with no error (stops at the first one). */
export function decodesCleanly(codec: CodecName, bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  checkRange(start, end, bytes.length);
  const impl = codecImpl(codec);
  reserve(end - start);
  return impl.decode(bytes, start, end, units, srcAt, null) >= 0;
}
