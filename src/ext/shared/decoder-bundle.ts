/**
 * The decoder (codec tables, language model) is a separate bundle that only frames with suspect text load:
 * the background injects it into the asking frame's isolated world, where it leaves its API on a global that
 * the first content script then picks up (content/decoder-client.ts).
 */
import type { Engine } from '../../core/types';

/** The global the decoder bundle sets; shared because both scripts run in the same isolated world. */
export const DECODER_GLOBAL = '__luanmaDecoder';
/** The decoder bundle's path inside the extension (entrypoints/decoder.ts, an unlisted script). */
export const DECODER_FILE = '/decoder.js';

export type DecoderHost = { [DECODER_GLOBAL]?: Engine };

export function exposeDecoder(api: Engine): void {
  (globalThis as DecoderHost)[DECODER_GLOBAL] = api;
}
