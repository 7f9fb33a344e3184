/**
 * Big5 as browsers read it: the WHATWG Big5 decoder over index Big5, HKSCS
 * pointers (below 5024) included, and the four pointers that decode to two code
 * points (Ê̄ Ê̌ ê̄ ê̌). A lead byte followed by a byte that makes no character emits
 * U+FFFD; if that byte is ASCII it is read again.
 *
 * Inverse choice where several pointers decode to one code point: the WHATWG
 * encoder's (it ignores pointers below 5024, and takes the last pointer for
 * U+2550, U+255E, U+2561, U+256A, U+5341, U+5345, the first otherwise); for code
 * points only the HKSCS pointers decode to (which the encoder cannot produce), the
 * first such pointer. Ê/ê followed by U+0304/U+030C re-encode as the pair pointer.
 */
import type { CodecImpl } from './types';
import { unpackIndex } from './table-data';
import { BIG5_INDEX, BIG5_INDEX_LENGTH } from './tables/big5.generated';

/** Pointers below this are HKSCS additions the encoder skips: (0xA1 - 0x81) × 157. */
const HKSCS_END = 5024;
/** Code points for which the encoder takes the last pointer rather than the first. */
const LAST_POINTER_CODE_POINTS = [0x2550, 0x255e, 0x2561, 0x256a, 0x5341, 0x5345];
/** Pointers that decode to a base letter and a combining mark. */
const PAIR_POINTERS: ReadonlyArray<readonly [number, number, number]> = [
  [1133, 0x00ca, 0x0304],
  [1135, 0x00ca, 0x030c],
  [1164, 0x00ea, 0x0304],
  [1166, 0x00ea, 0x030c],
];

let forward: Uint32Array | null = null;
let inverseBmp: Uint16Array | null = null;
let inverseAstral: Map<number, number> | null = null;

function forwardTable(): Uint32Array {
  return (forward ??= unpackIndex(BIG5_INDEX, BIG5_INDEX_LENGTH));
}

/** Packed bytes for a pointer: lead << 8 | trail. */
export function big5Bytes(pointer: number): number {
  const trail = pointer % 157;
  return ((((pointer / 157) | 0) + 0x81) << 8) | (trail + (trail < 0x3f ? 0x40 : 0x62));
}

function buildInverse(): void {
  const table = forwardTable();
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<number, number>();
  const set = (cp: number, p: number, overwrite: boolean): void => {
    if (cp < 0x10000) {
      if (overwrite || bmp[cp] === 0) bmp[cp] = big5Bytes(p);
    } else if (overwrite || !astral.has(cp)) {
      astral.set(cp, big5Bytes(p));
    }
  };
  for (let p = HKSCS_END; p < table.length; p++) {
    const cp = table[p];
    if (cp !== 0) set(cp, p, LAST_POINTER_CODE_POINTS.includes(cp));
  }
  for (let p = 0; p < HKSCS_END; p++) {
    const cp = table[p];
    if (cp !== 0) set(cp, p, false);
  }
  bmp[0xfffd] = 0;
  inverseBmp = bmp;
  inverseAstral = astral;
}

/** Packed bytes of the pair pointer for `base` + `mark`, or 0. */
function pairBytes(base: number, mark: number): number {
  for (const [pointer, b, m] of PAIR_POINTERS) if (b === base && m === mark) return big5Bytes(pointer);
  return 0;
}

export const big5: CodecImpl = {
  maxBytesPerUnit: 2,

  encode(text, start, end, out, byteAt, unmappable) {
    if (!inverseBmp) buildInverse();
    const bmp = inverseBmp!;
    const astral = inverseAstral!;
    let o = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      byteAt[i - start] = o;
      if (c < 0x80) {
        out[o++] = c;
        continue;
      }
      let v: number;
      if ((c === 0xca || c === 0xea) && i + 1 < end && (v = pairBytes(c, text.charCodeAt(i + 1))) !== 0) {
        out[o++] = v >> 8;
        out[o++] = v & 0xff;
        byteAt[++i - start] = o;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        if (c <= 0xdbff && i + 1 < end) {
          const low = text.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            const packed = astral.get(0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00));
            if (packed !== undefined) {
              out[o++] = packed >> 8;
              out[o++] = packed & 0xff;
            } else {
              unmappable.push(i);
            }
            byteAt[++i - start] = o;
            continue;
          }
        }
        unmappable.push(i);
        continue;
      }
      v = bmp[c];
      if (v === 0) {
        unmappable.push(i);
      } else {
        out[o++] = v >> 8;
        out[o++] = v & 0xff;
      }
    }
    byteAt[end - start] = o;
    return o;
  },

  decode(bytes, start, end, units, srcAt, errors) {
    const table = forwardTable();
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
      let next: number;
      if (b === 0x80 || b === 0xff) {
        next = i + 1;
      } else if (i + 1 >= end) {
        next = end;
      } else {
        const b2 = bytes[i + 1];
        if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0xa1 && b2 <= 0xfe)) {
          const pointer = (b - 0x81) * 157 + b2 - (b2 < 0x7f ? 0x40 : 0x62);
          const cp = table[pointer];
          if (cp !== 0) {
            if (cp < 0x10000) {
              units[j++] = cp;
            } else {
              units[j++] = 0xd800 + ((cp - 0x10000) >> 10);
              srcAt[j] = i + 2;
              units[j++] = 0xdc00 + (cp & 0x3ff);
            }
            i += 2;
            continue;
          }
          if (pointer === 1133 || pointer === 1135 || pointer === 1164 || pointer === 1166) {
            units[j++] = pointer < 1164 ? 0xca : 0xea;
            srcAt[j] = i + 2;
            units[j++] = pointer === 1133 || pointer === 1164 ? 0x304 : 0x30c;
            i += 2;
            continue;
          }
        }
        next = b2 < 0x80 ? i + 1 : i + 2; // an ASCII trail byte is read again
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
