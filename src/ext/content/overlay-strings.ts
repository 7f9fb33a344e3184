/** The undo overlay's words, in the browser's language. */
import { browser } from 'wxt/browser';
import type { OverlayStrings } from '../dom/undo-overlay';

export function overlayStrings(): OverlayStrings {
  const t = (key: string) => browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0]);
  return {
    original: t('overlayOriginal'),
    undo: t('overlayUndo'),
    kind: { founder: t('kindFounder'), encoding: t('kindEncoding'), lossy: t('kindLossy') },
  };
}
