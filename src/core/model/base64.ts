/**
 * Base64 decoder for the generated tables: `atob`, a global of every host the core runs in (browsers, workers,
 * Node 16+), native and several times faster than a loop in JavaScript over the ~700 KB of tables a decoder
 * unpacks on first use. (A written-out fallback loop cost the first content script 0.2 kB for no host that needs it.)
 */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
