/**
 * The decoder (codec tables, language model) is a separate bundle that only frames with suspect text load:
 * the background injects it into the asking frame's isolated world, where it leaves its API on a global that
 * the first content script then picks up (content/decoder-client.ts), and beside it a promise that resolves once
 * its tables are unpacked (decoder-warm-up.ts).
 */
import type { Engine } from '../../core/types';

/** The global the decoder bundle sets; shared because both scripts run in the same isolated world. */
export const DECODER_GLOBAL = '__luanmaDecoder';
/** Beside it: resolves when the decoder's tables are ready (the first repair then costs what the others do). */
export const DECODER_READY_GLOBAL = '__luanmaDecoderReady';
/** The decoder bundle's path inside the extension (entrypoints/decoder.ts, an unlisted script). */
export const DECODER_FILE = '/decoder.js';

export type DecoderHost = { [DECODER_GLOBAL]?: Engine; [DECODER_READY_GLOBAL]?: Promise<void> };

export function exposeDecoder(api: Engine, ready: Promise<void>): void {
  const host = globalThis as DecoderHost;
  host[DECODER_READY_GLOBAL] = ready;
  host[DECODER_GLOBAL] = api;
}
