/**
 * Re-decoding lives in the decoder bundle (entrypoints/decoder.ts), which only frames with suspect text load:
 * the bundle leaves a factory on this global, next to the decoder's, and the first content script picks it up
 * (redecode-client.ts). Only types cross here, so the first script carries none of the re-decoding code.
 */
import type { RedecodeSession, RedecodeSessionOptions } from './redecode/redecode-session';

export const REDECODER_GLOBAL = '__luanmaRedecoder';

export interface Redecoder {
  createSession(opts: RedecodeSessionOptions): RedecodeSession;
}

export type RedecoderHost = { [REDECODER_GLOBAL]?: Redecoder };

export function exposeRedecoder(api: Redecoder): void {
  (globalThis as RedecoderHost)[REDECODER_GLOBAL] = api;
}
