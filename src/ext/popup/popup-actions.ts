/**
 * The popup's two actions: copy this page's repaired text, and open the paste-and-fix page.
 *
 * The page's text comes from the tab's top-frame content script (repaired on its way out when repair is off
 * for the site); the popup, which has the user's click, writes the clipboard. `body[data-copies]` counts
 * attempts and `body[data-copy-state]` tells the last one's outcome (copied, denied, unavailable).
 */
import { browser, type Browser } from 'wxt/browser';
import { copyText } from '../../dom/clipboard';
import { t } from '../../shared/i18n';
import { sendToTab } from '../shared/messages';
import { siteOf } from '../shared/site';

export function mountPopupActions(doc: Document, tab: Browser.tabs.Tab | undefined): void {
  const copyBtn = doc.querySelector<HTMLButtonElement>('#copy-page');
  const fixBtn = doc.querySelector<HTMLButtonElement>('#open-fix');
  const status = doc.querySelector<HTMLElement>('#copy-status');
  if (!copyBtn || !fixBtn || !status) return;
  const tabId = tab?.id;
  // Content scripts run only on web pages and local files: elsewhere there is no text to ask for.
  copyBtn.disabled = tabId === undefined || siteOf(tab?.url) === null;

  copyBtn.addEventListener('click', async () => {
    if (tabId === undefined) return;
    copyBtn.disabled = true;
    status.textContent = t('copy_pageWorking');
    try {
      const res = await sendToTab(tabId, 'pageText', {}).catch(() => undefined);
      let state: 'copied' | 'denied' | 'unavailable' = 'unavailable';
      if (res) {
        state = (await copyText(doc, res.text)) ? 'copied' : 'denied';
      }
      status.textContent = state === 'copied' ? t('copy_pageDone', [String(res!.text.length)]) : t(state === 'denied' ? 'copy_failed' : 'copy_pageUnavailable');
      doc.body.dataset.copyState = state;
    } finally {
      doc.body.dataset.copies = String(Number(doc.body.dataset.copies ?? 0) + 1);
      copyBtn.disabled = false;
    }
  });

  fixBtn.addEventListener('click', () => void browser.tabs.create({ url: browser.runtime.getURL('/fix.html') }));
}
