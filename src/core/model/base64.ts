/**
 * Base64 decoder for the generated tables. `atob` is a global of every host the core runs in (browsers, workers,
 * Node 16+) and native, several times faster than a loop in JavaScript over the ~700 KB of tables a decoder unpacks
 * on first use; the written-out loop stays for a host without it.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64(text: string): Uint8Array {
  const atob = (globalThis as { atob?: (s: string) => string }).atob;
  if (typeof atob === 'function') {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
  return decodeBase64Loop(text);
}

/** The same in plain JavaScript. */
export function decodeBase64Loop(text: string): Uint8Array {
  const lookup = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) lookup[ALPHABET.charCodeAt(i)] = i;
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === 61 /* '=' */) len--;
  const out = new Uint8Array((len * 3) >> 2);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const v = lookup[text.charCodeAt(i) & 127];
    if (v < 0) throw new Error(`bad base64 at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
