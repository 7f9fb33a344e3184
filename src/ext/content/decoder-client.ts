/**
 * The content script's side of the decoder bundle (shared/decoder-bundle.ts, content/page-kit-port.ts): ask the
 * background to inject it once, then use what it left on its globals.
 */
import type { Engine } from '../../core/types';
import { DECODER_GLOBAL, DECODER_READY_GLOBAL, type DecoderHost } from '../../shared/decoder-bundle';
import { send } from '../shared/messages';
import { PAGE_KIT_GLOBAL, type PageKitFactory, type PageKitHost } from './page-kit-port';

let injecting: Promise<void> | null = null;

/** Injects the bundle into this frame unless it is here already (one request, however many callers). */
function inject(): Promise<void> {
  if ((globalThis as DecoderHost)[DECODER_GLOBAL]) return Promise.resolve();
  // A failed injection is not remembered: the next caller asks again.
  return (injecting ??= send('loadDecoder', {}).then((res) => {
    if (!res?.ok) throw new Error(`decoder injection failed: ${res ? res.error : 'no reply'}`);
  }).finally(() => { injecting = null; }));
}

/** The decoder, once its tables are unpacked. */
export async function loadDecoder(): Promise<Engine> {
  await inject();
  const host = globalThis as DecoderHost;
  const api = host[DECODER_GLOBAL];
  if (!api) throw new Error('decoder injected but not found in this world');
  await host[DECODER_READY_GLOBAL];
  return api;
}

/** The page kit's factory, as soon as the bundle is evaluated (its tables may still be unpacking). */
export async function loadPageKit(): Promise<PageKitFactory> {
  await inject();
  const kit = (globalThis as PageKitHost)[PAGE_KIT_GLOBAL];
  if (!kit) throw new Error('decoder injected but its page kit not found in this world');
  return kit;
}
