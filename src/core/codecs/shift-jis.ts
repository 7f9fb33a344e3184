/**
 * Shift_JIS as browsers read it: the WHATWG Shift_JIS decoder over index
 * jis0208, 0x80 → U+0080, 0x5C → U+005C and 0x7E → U+007E (ASCII, not ¥ or ‾),
 * 0xA1–0xDF → half-width katakana U+FF61–U+FF9F, and the user-defined pointers
 * 8836–10715 → U+E000–U+E757.
 *
 * This is the decoder's inverse, not the encoder: U+00A5, U+203E and U+2212, which
 * the WHATWG encoder turns into 0x5C, 0x7E and 0x817C, are unmappable here because
 * no byte sequence decodes to them. Where several pointers decode to one code point
 * (the NEC / IBM duplicates), the encoder's choice: the first pointer outside
 * 8272–8835, else the first pointer.
 */
import type { CodecImpl } from './types';
import { unpackIndex } from './table-data';
import { JIS0208_INDEX, JIS0208_INDEX_LENGTH } from './tables/jis0208.generated';

const EUDC_FIRST = 8836;
const EUDC_LAST = 10715;
/** IBM extension duplicates the encoder skips. */
const SKIP_FIRST = 8272;
const SKIP_LAST = 8835;

let forward: Uint32Array | null = null;
let inverse: Uint16Array | null = null;

function forwardTable(): Uint32Array {
  return (forward ??= unpackIndex(JIS0208_INDEX, JIS0208_INDEX_LENGTH));
}

/** Packed bytes for a pointer: lead << 8 | trail. */
export function shiftJisBytes(pointer: number): number {
  const lead = (pointer / 188) | 0;
  const trail = pointer % 188;
  return ((lead + (lead < 0x1f ? 0x81 : 0xc1)) << 8) | (trail + (trail < 0x3f ? 0x40 : 0x41));
}

/** BMP code point → packed bytes (< 0x100: one byte); 0 = unmappable. ASCII is not stored. */
function inverseTable(): Uint16Array {
  if (inverse) return inverse;
  const table = forwardTable();
  const inv = new Uint16Array(0x10000);
  inv[0x80] = 0x80;
  for (let b = 0xa1; b <= 0xdf; b++) inv[0xff61 - 0xa1 + b] = b;
  for (let p = EUDC_FIRST; p <= EUDC_LAST; p++) inv[0xe000 - EUDC_FIRST + p] = shiftJisBytes(p);
  for (let p = 0; p < table.length; p++) {
    const cp = table[p];
    if (cp !== 0 && (p < SKIP_FIRST || p > SKIP_LAST) && inv[cp] === 0) inv[cp] = shiftJisBytes(p);
  }
  for (let p = SKIP_FIRST; p <= SKIP_LAST; p++) {
    const cp = table[p];
    if (cp !== 0 && inv[cp] === 0) inv[cp] = shiftJisBytes(p);
  }
  inv[0xfffd] = 0;
  return (inverse = inv);
}

export const shiftJis: CodecImpl = {
  maxBytesPerUnit: 2,

  encode(text, start, end, out, byteAt, unmappable) {
    const inv = inverseTable();
    let o = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      byteAt[i - start] = o;
      if (c < 0x80) {
        out[o++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        // No astral character decodes from Shift_JIS: a pair is one unmappable character.
        unmappable.push(i);
        if (c <= 0xdbff && i + 1 < end) {
          const low = text.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) byteAt[++i - start] = o;
        }
        continue;
      }
      const v = inv[c];
      if (v === 0) {
        unmappable.push(i);
      } else if (v < 0x100) {
        out[o++] = v;
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
      if (b <= 0x80) {
        units[j++] = b;
        i++;
        continue;
      }
      if (b >= 0xa1 && b <= 0xdf) {
        units[j++] = 0xff61 - 0xa1 + b;
        i++;
        continue;
      }
      let next: number;
      if (b === 0xa0 || b >= 0xfd) {
        next = i + 1;
      } else if (i + 1 >= end) {
        next = end;
      } else {
        const b2 = bytes[i + 1];
        if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfc)) {
          const pointer = (b - (b < 0xa0 ? 0x81 : 0xc1)) * 188 + b2 - (b2 < 0x7f ? 0x40 : 0x41);
          const cp = pointer >= EUDC_FIRST && pointer <= EUDC_LAST ? 0xe000 - EUDC_FIRST + pointer : table[pointer];
          if (cp !== 0) {
            units[j++] = cp;
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
