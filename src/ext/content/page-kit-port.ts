/**
 * Everything a frame does beyond the cheap scan lives in the decoder bundle (entrypoints/decoder.ts), which only
 * frames with suspect text, a copy request or a page worth re-decoding load: the page repairer, highlights, the
 * undo card, counts, copying and re-decoding. The bundle leaves a factory on this global, next to the decoder's,
 * and the first content script picks it up (decoder-client.ts). Only types cross here, so the first script
 * carries none of that code.
 */
import type { Engine } from '../../core/types';
import type { Handlers } from '../shared/messages';
import type { Settings } from '../shared/settings';
import type { FetchFn } from './redecode/page-bytes';

export const PAGE_KIT_GLOBAL = '__luanmaPageKit';

export interface PageKitOptions {
  win: Window;
  site: string | null;
  /** The content script's lifetime. */
  signal: AbortSignal;
  loadDecoder(): Promise<Engine>;
  /** Firefox's page-principal fetch, which only the first content script can take (page-fetch.ts). */
  pageFetch: FetchFn | null;
  /** The scan saw text the gate flags: re-decoding is worth a look too (UTF-8 read as GBK shows only rare characters). */
  suspect: boolean;
}

/** The messages the first content script hands on once the kit is loaded. */
export type PageKitHandlers = Required<Pick<Handlers, 'copySelection' | 'pageText' | 'redecodeStatus' | 'redecode'>>;

export interface PageKit {
  /** Follows the settings: starts, stops or restyles repair and re-decoding for the site. */
  apply(settings: Settings): void;
  readonly handlers: PageKitHandlers;
}

export interface PageKitFactory {
  create(opts: PageKitOptions): PageKit;
}

export type PageKitHost = { [PAGE_KIT_GLOBAL]?: PageKitFactory };

export function exposePageKit(factory: PageKitFactory): void {
  (globalThis as PageKitHost)[PAGE_KIT_GLOBAL] = factory;
}
