/**
 * STUB of the cheap check (to be replaced by the real one): true when a text may hold mojibake and deserves the
 * decoder. Must stay tiny and free of codec tables: the first content script ships it.
 */
export function isSuspect(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return true;
  }
  return false;
}
