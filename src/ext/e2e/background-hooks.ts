/**
 * Test builds only (`wxt build --mode e2e`, its own name and add-on id): what a test browser cannot do itself.
 * Firefox's WebDriver BiDi cannot navigate to moz-extension:// pages, so a page may ask for the popup to be
 * opened as a tab for its own tab; no test browser can press an extension shortcut or click a native context
 * menu, so a page may ask for a command or a menu item to run for its tab and frame. The handlers are the very
 * functions `commands.onCommand` and `contextMenus.onClicked` call.
 */
import { browser } from 'wxt/browser';
import { copyInFrameWithoutContentScript } from '../background/copy-fallback';
import { runCommand, runMenuItem } from '../background/copy-commands';
import { handleMessages } from '../shared/messages';

export function installBackgroundHooks(): void {
  // A service-worker test (Chromium) can call the menu handler without a content script.
  (globalThis as unknown as { __luanmaE2E?: object }).__luanmaE2E = { runMenuItem, runCommand, copyInFrameWithoutContentScript };
  handleMessages({
    openPopupForTab: async (_p, sender) => {
      if (sender.tab?.id !== undefined) await browser.tabs.create({ url: `${browser.runtime.getURL('/popup.html')}?tab=${sender.tab.id}` });
      return { ok: true };
    },
    e2eInvoke: async (req, sender) => {
      const tab = sender.tab;
      if (!tab) return { ok: false };
      if ('command' in req) return { ok: await runCommand(req.command, tab) };
      return { ok: await runMenuItem({ menuItemId: req.menuItemId, frameId: sender.frameId ?? 0, selectionText: req.selectionText }, tab) };
    },
  });
}
