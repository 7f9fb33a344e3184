/**
 * The cheap gate's "common Han" class: chars covering 98% of the character mass of simplified OR traditional
 * Chinese. Kept apart from the full model (a 4 KB bitmap) because the first content script ships it on every page.
 */
import { decodeBase64 } from './base64';
import { COMMON_HAN_BASE, COMMON_HAN_BITMAP } from './common-han.generated';

let bits: Uint8Array | undefined;

/** The bitmap itself, bit (code - COMMON_HAN_BASE) set for common characters: the gate's hot loop reads it inline. */
export function commonHanBits(): Uint8Array {
  return (bits ??= decodeBase64(COMMON_HAN_BITMAP));
}
export { COMMON_HAN_BASE };

/** True for a BMP code point in the common Han set; astral and non-Han code points are never common. */
export function isCommonHan(code: number): boolean {
  const i = code - COMMON_HAN_BASE;
  if (i < 0 || code > 0xffff) return false;
  bits ??= decodeBase64(COMMON_HAN_BITMAP);
  const byte = i >> 3;
  return byte < bits.length && (bits[byte] & (1 << (i & 7))) !== 0;
}
