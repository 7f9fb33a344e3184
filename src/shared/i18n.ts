/**
 * The extension's words, in the browser's language (public/_locales): one helper for every extension context
 * (background, content script, popup, paste-and-fix page).
 */
import { browser } from 'wxt/browser';

export type Translate = (key: string, subs?: string[]) => string;

type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

export const t: Translate = (key, subs) => browser.i18n.getMessage(key as MessageKey, subs);

/** Applies `data-i18n` (text) and `data-i18n-placeholder` attributes under `root`. */
export function localize(root: ParentNode, tr: Translate = t): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = tr(el.dataset.i18n!);
    if (text) el.textContent = text;
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) {
    const text = tr(el.dataset.i18nPlaceholder!);
    if (text) el.setAttribute('placeholder', text);
  }
}
