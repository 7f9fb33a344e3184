/**
 * GBK as browsers read it: the WHATWG gb18030 decoder (GBK and gb18030 decode
 * identically), two-byte index gb18030 with the GB18030-2022 changes, four-byte
 * sequences through index gb18030 ranges, 0x80 → U+20AC.
 *
 * Inverse choice where several byte sequences decode to one code point: the WHATWG
 * GBK encoder's (U+20AC → 0x80; otherwise the first two-byte pointer, before any
 * four-byte sequence: U+FE10–U+FE19 and U+9FB4–U+9FBB go to their two-byte codes,
 * not to the four-byte codes that still decode to them). The decoder never produces
 * U+E5E5 or the 18 private-use code points GB18030-2022 replaced (U+E78D…), so they
 * are unmappable.
 */
import type { CodecImpl } from './types';
import { unpackIndex } from './table-data';
import { GB18030_INDEX, GB18030_INDEX_LENGTH, GB18030_RANGES } from './tables/gb18030.generated';

/** Four-byte pointers at or above this (and below FOUR_BYTE_ASTRAL_START) decode to nothing. */
const FOUR_BYTE_BMP_END = 39420;
const FOUR_BYTE_ASTRAL_START = 189000;
const FOUR_BYTE_ASTRAL_LAST = 1237575;
/** The standard special-cases this four-byte pointer (0x8135F437) to U+E7C7. */
const POINTER_E7C7 = 7457;

let twoByte: Uint32Array | null = null;
let inverse: Uint32Array | null = null;

/** pointer → code point for two-byte sequences (0 = none). */
function twoByteTable(): Uint32Array {
  return (twoByte ??= unpackIndex(GB18030_INDEX, GB18030_INDEX_LENGTH));
}

/**
 * Code point of a four-byte pointer below FOUR_BYTE_BMP_END (every one decodes), from the index ranges directly: a
 * binary search instead of a 39,420-entry table, since four-byte sequences are rare in what the engine re-decodes and
 * that table (with the inverse entries it fed) was most of the ~12 ms, ~25 ms in a cold renderer, the codec took to
 * unpack before any page could be repaired.
 */
function fourByteCodePoint(pointer: number): number {
  if (pointer === POINTER_E7C7) return 0xe7c7;
  const r = lastRangeAtOrBelow(0, pointer);
  return GB18030_RANGES[r + 1] + pointer - GB18030_RANGES[r];
}

/** The offset of the last [pointer, code point] range whose field `k` (0: pointer, 1: code point) is at most v. */
function lastRangeAtOrBelow(k: number, v: number): number {
  let lo = 0;
  let hi = GB18030_RANGES.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (GB18030_RANGES[mid * 2 + k] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo * 2;
}

/**
 * The four-byte pointer of a BMP code point no two-byte sequence has, or -1: the ranges run in code point order as
 * in pointer order, so the code point's range gives its one pointer, kept if that pointer decodes back to it (the
 * special-cased U+E7C7 has its own; U+FFFD and the code points GB18030-2022 left to no sequence have none).
 */
function fourBytePointer(cp: number): number {
  if (cp === 0xe7c7) return POINTER_E7C7;
  const r = lastRangeAtOrBelow(1, cp);
  const pointer = GB18030_RANGES[r] + cp - GB18030_RANGES[r + 1];
  return pointer >= 0 && pointer < FOUR_BYTE_BMP_END && fourByteCodePoint(pointer) === cp ? pointer : -1;
}

/** Packed bytes for a two-byte pointer: lead << 8 | trail. */
export function gbkTwoBytes(pointer: number): number {
  const trail = pointer % 190;
  return ((((pointer / 190) | 0) + 0x81) << 8) | (trail + (trail < 0x3f ? 0x40 : 0x41));
}

/** Packed bytes for a four-byte pointer: b1 << 24 | b2 << 16 | b3 << 8 | b4 (unsigned). */
export function gbkFourBytes(pointer: number): number {
  const b1 = ((pointer / 12600) | 0) + 0x81;
  let r = pointer % 12600;
  const b2 = ((r / 1260) | 0) + 0x30;
  r %= 1260;
  const b3 = ((r / 10) | 0) + 0x81;
  const b4 = (r % 10) + 0x30;
  return ((b1 << 24) | (b2 << 16) | (b3 << 8) | b4) >>> 0;
}

/**
 * BMP code point → packed bytes (< 0x100: one byte, else two) for every code point a two-byte sequence decodes to;
 * 0 = none (ASCII is not stored). The others are found by fourBytePointer when met.
 */
function inverseTable(): Uint32Array {
  if (inverse) return inverse;
  const two = twoByteTable();
  const table = new Uint32Array(0x10000);
  for (let p = 0; p < two.length; p++) {
    const cp = two[p];
    if (cp !== 0 && table[cp] === 0) table[cp] = gbkTwoBytes(p);
  }
  table[0x20ac] = 0x80;
  return (inverse = table);
}

/** Packed bytes of a BMP code point (one, two or four bytes); 0 = unmappable. */
function bytesOf(table: Uint32Array, cp: number): number {
  const v = table[cp];
  if (v !== 0) return v;
  if (cp === 0xfffd) return 0;
  const pointer = fourBytePointer(cp);
  return pointer < 0 ? 0 : gbkFourBytes(pointer);
}

export const gbk: CodecImpl = {
  maxBytesPerUnit: 4,

  encode(text, start, end, out, byteAt, unmappable) {
    const table = inverseTable();
    let o = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      byteAt[i - start] = o;
      if (c < 0x80) {
        out[o++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        if (c <= 0xdbff && i + 1 < end) {
          const low = text.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            const v = gbkFourBytes(FOUR_BYTE_ASTRAL_START + ((c - 0xd800) << 10) + (low - 0xdc00));
            out[o++] = v >>> 24;
            out[o++] = (v >> 16) & 0xff;
            out[o++] = (v >> 8) & 0xff;
            out[o++] = v & 0xff;
            byteAt[++i - start] = o;
            continue;
          }
        }
        unmappable.push(i);
        continue;
      }
      const v = bytesOf(table, c);
      if (v === 0) {
        unmappable.push(i);
      } else if (v < 0x100) {
        out[o++] = v;
      } else if (v < 0x10000) {
        out[o++] = v >> 8;
        out[o++] = v & 0xff;
      } else {
        out[o++] = v >>> 24;
        out[o++] = (v >> 16) & 0xff;
        out[o++] = (v >> 8) & 0xff;
        out[o++] = v & 0xff;
      }
    }
    byteAt[end - start] = o;
    return o;
  },

  decode(bytes, start, end, units, srcAt, errors) {
    const two = twoByteTable();
    let i = start;
    let j = 0;
    while (i < end) {
      const b = bytes[i];
      srcAt[j] = i;
      if (b < 0x80) {
        units[j++] = b;
        i++;
        continue;
      }
      if (b === 0x80) {
        units[j++] = 0x20ac;
        i++;
        continue;
      }
      // `next` is where decoding resumes after an error.
      let next: number;
      if (b === 0xff) {
        next = i + 1;
      } else if (i + 1 >= end) {
        next = end;
      } else {
        const b2 = bytes[i + 1];
        if (b2 >= 0x30 && b2 <= 0x39) {
          if (i + 2 >= end) {
            next = end;
          } else {
            const b3 = bytes[i + 2];
            if (b3 < 0x81 || b3 > 0xfe) {
              next = i + 1; // second and third bytes are read again
            } else if (i + 3 >= end) {
              next = end;
            } else {
              const b4 = bytes[i + 3];
              if (b4 < 0x30 || b4 > 0x39) {
                next = i + 1; // second, third and fourth bytes are read again
              } else {
                const pointer = (b - 0x81) * 12600 + (b2 - 0x30) * 1260 + (b3 - 0x81) * 10 + (b4 - 0x30);
                if (pointer < FOUR_BYTE_BMP_END) {
                  units[j++] = fourByteCodePoint(pointer);
                  i += 4;
                  continue;
                }
                if (pointer >= FOUR_BYTE_ASTRAL_START && pointer <= FOUR_BYTE_ASTRAL_LAST) {
                  const v = pointer - FOUR_BYTE_ASTRAL_START;
                  units[j++] = 0xd800 + (v >> 10);
                  srcAt[j] = i + 4;
                  units[j++] = 0xdc00 + (v & 0x3ff);
                  i += 4;
                  continue;
                }
                next = i + 4;
              }
            }
          }
        } else {
          if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
            const cp = two[(b - 0x81) * 190 + b2 - (b2 < 0x7f ? 0x40 : 0x41)];
            if (cp !== 0) {
              units[j++] = cp;
              i += 2;
              continue;
            }
          }
          next = b2 < 0x80 ? i + 1 : i + 2; // an ASCII trail byte is read again
        }
      }
      if (errors === null) return -1;
      errors.push(i);
      units[j++] = 0xfffd;
      i = next;
    }
    srcAt[j] = end;
    return j;
  },
};
