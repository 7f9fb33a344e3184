/**
 * Unpacks the generated index tables (format documented in
 * scripts/build-codec-tables.ts). Called lazily by each codec on first use.
 */

/**
 * Returns pointer → code point, 0 for a null pointer (no index maps a pointer to
 * U+0000).
 */
export function unpackIndex(items: readonly (number | string)[], length: number): Uint32Array {
  const table = new Uint32Array(length);
  let pointer = 0;
  let previous = 0;
  for (const item of items) {
    if (typeof item === 'string') {
      for (let i = 0; i < item.length; i++) {
        let cp = item.charCodeAt(i);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < item.length) {
          const low = item.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            i++;
          }
        }
        table[pointer++] = cp;
        previous = cp;
      }
    } else if (item >= 0) {
      pointer = item;
    } else {
      for (let k = -item; k > 0; k--) table[pointer++] = ++previous;
    }
  }
  if (pointer > length) throw new Error('codec table overflows its length');
  return table;
}
