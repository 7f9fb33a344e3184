/** The content script's side of the decoder bundle (shared/decoder-bundle.ts): ask for it once, then use it. */
import type { Engine } from '../../core/types';
import { DECODER_GLOBAL, DECODER_READY_GLOBAL, type DecoderHost } from '../shared/decoder-bundle';
import { send } from '../shared/messages';

export async function loadDecoder(): Promise<Engine> {
  const host = globalThis as DecoderHost;
  if (!host[DECODER_GLOBAL]) {
    const res = await send('loadDecoder', {});
    if (!res?.ok) throw new Error(`decoder injection failed: ${res ? res.error : 'no reply'}`);
  }
  const api = host[DECODER_GLOBAL];
  if (!api) throw new Error('decoder injected but not found in this world');
  await host[DECODER_READY_GLOBAL];
  return api;
}
