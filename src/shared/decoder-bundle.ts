/**
 * The decoder (codec tables, language model) is a separate bundle, the package's one copy of it: a classic script
 * that leaves its API on globals. The background injects it into a frame's isolated world when the frame has
 * suspect text (the first content script then picks it up: content/decoder-client.ts); the paste-and-fix page
 * loads it with a script element and its worker with importScripts (fix/engine-script.ts). Beside the API, a
 * promise that resolves once its tables are unpacked (decoder-warm-up.ts).
 */
import type { decodeTextFile } from '../core/text-file';
import type { Engine } from '../core/types';

/** The global the decoder bundle sets; shared because both scripts run in the same isolated world. */
export const DECODER_GLOBAL = '__luanmaDecoder';
/** Beside it: resolves when the decoder's tables are ready (the first repair then costs what the others do). */
export const DECODER_READY_GLOBAL = '__luanmaDecoderReady';
/** The decoder bundle's path inside the extension (entrypoints/decoder.ts, an unlisted script). */
export const DECODER_FILE = '/decoder.js';

/** What else the paste-and-fix page needs of the bundle: reading a file's bytes with the project's codecs. */
export const DECODER_TOOLS_GLOBAL = '__luanmaDecoderTools';
export interface DecoderTools { decodeTextFile: typeof decodeTextFile }

export type DecoderHost = { [DECODER_GLOBAL]?: Engine; [DECODER_READY_GLOBAL]?: Promise<void>; [DECODER_TOOLS_GLOBAL]?: DecoderTools };

export function exposeDecoder(api: Engine, ready: Promise<void>, tools: DecoderTools): void {
  const host = globalThis as DecoderHost;
  host[DECODER_READY_GLOBAL] = ready;
  host[DECODER_TOOLS_GLOBAL] = tools;
  host[DECODER_GLOBAL] = api;
}
