/**
 * Firefox's page-principal fetch (its content scripts' `content.fetch`: the page's window, with the page's HTTP
 * cache), taken while the first content script is evaluated. It must be taken then: WXT's bundle assigns the content
 * script's result to a global `var content` once the script's first run returns, which replaces Firefox's own
 * `content` in this world for good. Null in Chromium, whose content-script fetch reads the cache. Re-decoding, in
 * the decoder bundle, is handed it (page-kit-port.ts).
 */
import type { FetchFn } from './redecode/page-bytes';

declare const content: { fetch?: FetchFn } | undefined;

export const PAGE_FETCH: FetchFn | null = (() => {
  try {
    const page = typeof content === 'object' && content !== null ? content : null;
    const fn = page?.fetch;
    return typeof fn === 'function' ? (url: string, init: RequestInit) => fn.call(page, url, init) : null;
  } catch {
    return null;
  }
})();
