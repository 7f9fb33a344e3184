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

/**
 * The entrypoint names WXT defines as import.meta.env.ENTRYPOINT in each build: the first content script, and the
 * decoder bundle, which runs in the same content-script world and in the paste-and-fix page's worker, where the
 * polyfill throws on import (a worker has no chrome.runtime: "This script should only be loaded in a browser
 * extension"), so the page's repair fell back to the main thread.
 */
const NATIVE_ENTRYPOINTS = ['"content"', '"decoder"'];
const POLYFILL_BROWSER = '@wxt-dev/webextension-polyfill/browser';

export function nativeBrowserInContent(): Plugin {
  let inContentBuild = false;
  // WXT's own module, resolved here so the alias that sent `wxt/browser` to the polyfill cannot catch it again.
  const native = new URL(import.meta.resolve('wxt/browser')).pathname;
  return {
    name: 'luanma-native-browser-in-content',
    enforce: 'pre',
    configResolved(config) {
      inContentBuild = NATIVE_ENTRYPOINTS.includes(String(config.define?.['import.meta.env.ENTRYPOINT']));
    },
    resolveId(source) {
      return inContentBuild && source === POLYFILL_BROWSER ? native : null;
    },
  };
}
