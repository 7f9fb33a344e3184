/**
 * Keeps webextension-polyfill out of the first content script, which runs in every frame of every page and
 * has a small budget (README, "What it does on a page").
 *
 * The `@wxt-dev/webextension-polyfill` module points `wxt/browser` at the polyfill for every bundle. In the
 * content script's build alone this plugin points it back at WXT's own `browser` (`browser` in Firefox,
 * `chrome` in Chromium). That costs nothing in behaviour: what the first content script calls —
 * runtime.sendMessage / onMessage with sendResponse, storage.sync.get / onChanged, i18n.getMessage,
 * runtime.getURL — returns promises natively in Chromium's MV3 as in Firefox; the polyfill would add ~10 kB
 * (3 kB gzip) for nothing. tests/build/check-bundles.ts checks that content.js holds no polyfill and the
 * other bundles that use the API do.
 */
import type { Plugin } from 'vite';

/** The entrypoint name WXT defines as import.meta.env.ENTRYPOINT in each build (entrypoints/content.ts). */
const CONTENT_ENTRYPOINT = '"content"';
const POLYFILL_BROWSER = '@wxt-dev/webextension-polyfill/browser';

export function nativeBrowserInContent(): Plugin {
  let inContentBuild = false;
  // WXT's own module, resolved here so the alias that sent `wxt/browser` to the polyfill cannot catch it again.
  const native = new URL(import.meta.resolve('wxt/browser')).pathname;
  return {
    name: 'luanma-native-browser-in-content',
    enforce: 'pre',
    configResolved(config) {
      inContentBuild = config.define?.['import.meta.env.ENTRYPOINT'] === CONTENT_ENTRYPOINT;
    },
    resolveId(source) {
      return inContentBuild && source === POLYFILL_BROWSER ? native : null;
    },
  };
}
