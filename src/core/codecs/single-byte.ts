/**
 * The single-byte codecs. Neither decoder ever errors: every byte maps.
 * - windows-1252: the WHATWG index, so 0x80–0x9F are € ‚ ƒ … except the five bytes
 *   the index maps to themselves (0x81 0x8D 0x8F 0x90 0x9D → U+0081 …).
 * - iso-8859-1: true Latin-1, byte = code point, C1 controls included. (Browsers
 *   treat the label "iso-8859-1" as windows-1252; this codec is the real thing, for
 *   text that went through a byte-preserving Latin-1 step.)
 */
import type { CodecImpl } from './types';
import { WINDOWS_1252_INDEX, WINDOWS_1252_INDEX_LENGTH } from './tables/windows-1252.generated';
import { unpackIndex } from './table-data';

let high1252: Uint32Array | null = null;
let inverse1252: Uint8Array | null = null;

/** Byte 0x80 + k → code point, for k in [0, 128). */
function high1252Table(): Uint32Array {
  return (high1252 ??= unpackIndex(WINDOWS_1252_INDEX, WINDOWS_1252_INDEX_LENGTH));
}

/** Code point → byte for the upper half (0 = unmappable); the index has no duplicates. */
function inverse1252Table(): Uint8Array {
  if (inverse1252) return inverse1252;
  const high = high1252Table();
  const inv = new Uint8Array(0x10000);
  for (let k = 0; k < 128; k++) inv[high[k]] = 0x80 + k;
  return (inverse1252 = inv);
}

export const windows1252: CodecImpl = {
  maxBytesPerUnit: 1,

  encode(text, start, end, out, byteAt, unmappable) {
    const inv = inverse1252Table();
    let o = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      byteAt[i - start] = o;
      if (c < 0x80) {
        out[o++] = c;
        continue;
      }
      const v = inv[c];
      if (v !== 0) {
        out[o++] = v;
        continue;
      }
      unmappable.push(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) byteAt[++i - start] = o;
      }
    }
    byteAt[end - start] = o;
    return o;
  },

  decode(bytes, start, end, units, srcAt) {
    const high = high1252Table();
    let j = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      srcAt[j] = i;
      units[j++] = b < 0x80 ? b : high[b - 0x80];
    }
    srcAt[j] = end;
    return j;
  },
};

export const latin1: CodecImpl = {
  maxBytesPerUnit: 1,

  encode(text, start, end, out, byteAt, unmappable) {
    let o = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      byteAt[i - start] = o;
      if (c <= 0xff) {
        out[o++] = c;
        continue;
      }
      unmappable.push(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) byteAt[++i - start] = o;
      }
    }
    byteAt[end - start] = o;
    return o;
  },

  decode(bytes, start, end, units, srcAt) {
    let j = 0;
    for (let i = start; i < end; i++) {
      srcAt[j] = i;
      units[j++] = bytes[i];
    }
    srcAt[j] = end;
    return j;
  },
};
