/**
 * Test builds only (`wxt build --mode e2e`: its own name and add-on id, refused by `wxt zip`). Nothing here is
 * reachable from a web page or a content script: the test build's content script is the production one.
 *
 * What a test browser cannot do itself, and only that:
 * - No test browser can press an extension shortcut or click a native context-menu item. Chromium's test
 *   reaches the service worker (Playwright's `serviceWorker.evaluate`) and calls the very functions
 *   `commands.onCommand` and `contextMenus.onClicked` call, through `globalThis.__luanmaE2E`.
 * - Firefox's WebDriver BiDi can neither reach the background page nor navigate to a moz-extension:// URL. So
 *   the Firefox test build opens one extension page of its own at start (`popup.html?e2e-control`), which the
 *   test drives: through it, it reads and writes storage, opens popup.html?tab=… and fix.html, closes tabs,
 *   asks a frame's extension world whether the decoder was injected, and sends `e2eInvoke`, which only our own
 *   pages may send (messages.ts) and which calls the same command and menu functions.
 */
import { browser } from 'wxt/browser';
import { copyInFrameWithoutContentScript } from '../background/copy-fallback';
import { runCommand, runMenuItem } from '../background/copy-commands';
import { E2E_RULES, handleMessages } from '../shared/messages';

/** The query that marks the Firefox test build's control page. */
export const E2E_CONTROL_QUERY = 'e2e-control';

export function installBackgroundHooks(): void {
  (globalThis as unknown as { __luanmaE2E?: object }).__luanmaE2E = { runMenuItem, runCommand, copyInFrameWithoutContentScript };
  handleMessages(E2E_RULES, {
    e2eInvoke: async (req) => {
      const tab = await browser.tabs.get(req.tabId).catch(() => undefined);
      if (!tab) return { ok: false };
      if ('command' in req) return { ok: await runCommand(req.command, tab) };
      return { ok: await runMenuItem({ menuItemId: req.menuItemId, frameId: req.frameId, selectionText: req.selectionText }, tab) };
    },
  });
  if (import.meta.env.BROWSER === 'firefox') openControlPageOnFirstLoad();
}

/**
 * Playwright does not see a tab the extension opens while the browser is still starting, so the control page
 * opens once the first web page has loaded (the harness loads one right after launch).
 */
function openControlPageOnFirstLoad(): void {
  const url = `${browser.runtime.getURL('/popup.html')}?${E2E_CONTROL_QUERY}`;
  const onUpdated = (_id: number, change: { status?: string }, tab: { url?: string }) => {
    if (change.status !== 'complete' || !/^(https?|file):/.test(tab.url ?? '')) return;
    browser.tabs.onUpdated.removeListener(onUpdated);
    void browser.tabs.create({ url, active: false }).catch((err: unknown) => console.warn('[luanma] e2e control page not opened', err));
  };
  browser.tabs.onUpdated.addListener(onUpdated);
}
