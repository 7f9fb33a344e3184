/** Turns decoded UTF-16 units into a string without a per-character allocation. */

/** Units per `String.fromCharCode.apply` call; well under engines' argument limits. */
const CHUNK = 8192;

export function stringFromUnits(units: Uint16Array, length: number): string {
  if (length <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  let s = '';
  for (let k = 0; k < length; k += CHUNK) {
    s += String.fromCharCode.apply(null, units.subarray(k, Math.min(k + CHUNK, length)) as unknown as number[]);
  }
  return s;
}
