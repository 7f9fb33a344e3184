/**
 * The decoder (codec tables, language model) is a separate bundle that only pages with suspect
 * text load: the background injects it into the asking frame's isolated world, where it leaves
 * its API on a global that this first content script then picks up.
 */
import type { DecoderPort } from '../dom/decoder-port';
import { send } from './messages';

/** The global the decoder bundle sets; shared because both scripts run in the same isolated world. */
export const DECODER_GLOBAL = '__luanmaDecoder';
/** The decoder bundle's path inside the extension (entrypoints/decoder.ts, an unlisted script). */
export const DECODER_FILE = '/decoder.js';

type DecoderHost = { [DECODER_GLOBAL]?: DecoderPort };

export async function loadDecoder(): Promise<DecoderPort> {
  const host = globalThis as DecoderHost;
  if (!host[DECODER_GLOBAL]) {
    const res = await send('loadDecoder', {});
    if (!res?.ok) throw new Error(`decoder injection failed: ${res ? res.error : 'no reply'}`);
  }
  const api = host[DECODER_GLOBAL];
  if (!api) throw new Error('decoder injected but not found in this world');
  return api;
}

export function exposeDecoder(api: DecoderPort): void {
  (globalThis as DecoderHost)[DECODER_GLOBAL] = api;
}
