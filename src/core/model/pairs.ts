/**
 * Association of adjacent characters inside dictionary words. Decoded on first use into an open-addressed hash
 * (Int32 keys a << 16 | b, linear probing, load <= 0.6) so lookups allocate nothing.
 */
import { decodeBase64 } from './base64';
import { PAIR_COUNT, PAIR_DATA, PAIR_STEP, PAIR_TOTAL_LOG10 } from './pairs.generated';
import { charOrder, unigramTable } from './unigram';
import { UNIGRAM_TOTAL_LOG10 } from './unigram.generated';

let keys: Int32Array | undefined;
let vals: Uint8Array;
let mask = 0;
let shift = 0;

function build(): Int32Array {
  let size = 1;
  while (size * 0.6 < PAIR_COUNT) size <<= 1;
  const k = new Int32Array(size); // 0 = empty: a real key has a Han char (>= 0x3400) in its high half
  vals = new Uint8Array(size);
  mask = size - 1;
  shift = 32 - Math.log2(size);
  const chars = charOrder();
  const bytes = decodeBase64(PAIR_DATA);
  let p = 0;
  const varint = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = bytes[p++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  let a = -1;
  while (p < bytes.length) {
    a += varint() + 1;
    const n = varint() + 1;
    const ca = chars.charCodeAt(a);
    let b = -1;
    for (let j = 0; j < n; j++) {
      const v = varint();
      b += Math.floor(v / 32) + 1;
      const key = (ca << 16) | chars.charCodeAt(b);
      let h = Math.imul(key, 0x9e3779b1) >>> shift;
      while (k[h] !== 0) h = (h + 1) & mask;
      k[h] = key;
      vals[h] = v & 31;
    }
  }
  return (keys = k);
}

/** Stored quantized score q (log10 pairCount = q * PAIR_STEP), or -1 when the pair is not stored. */
export function pairScore(a: number, b: number): number {
  if (a > 0xffff || b > 0xffff || a < 0x3400 || b < 0x3400) return -1;
  const k = keys ?? build();
  const key = (a << 16) | b;
  let h = Math.imul(key, 0x9e3779b1) >>> shift;
  for (;;) {
    const x = k[h];
    if (x === key) return vals[h];
    if (x === 0) return -1;
    h = (h + 1) & mask;
  }
}

/** log10 P(b | a) for a pair seen inside words, or undefined when unseen (caller backs off). */
export function pairLog10P(a: number, b: number): number | undefined {
  const q = pairScore(a, b);
  if (q < 0) return undefined;
  // count(a) = 10^(log10 P(a) + total); quantization can push the ratio a hair above 1.
  return Math.min(0, q * PAIR_STEP - (unigramTable()[a] + UNIGRAM_TOTAL_LOG10));
}

/** log10( P(ab) / (P(a) P(b)) ): > 0 when ab is likelier together than apart; undefined when unseen. */
export function pairPmi(a: number, b: number): number | undefined {
  const q = pairScore(a, b);
  if (q < 0) return undefined;
  const u = unigramTable();
  return q * PAIR_STEP - PAIR_TOTAL_LOG10 - u[a] - u[b];
}
