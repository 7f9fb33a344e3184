/** The undo overlay's words, in the browser's language. */
import type { OverlayStrings } from '../../dom/undo-overlay';
import { t } from '../../shared/i18n';

export function overlayStrings(): OverlayStrings {
  return {
    original: t('overlayOriginal'),
    undo: t('overlayUndo'),
    kind: { founder: t('kindFounder'), encoding: t('kindEncoding'), lossy: t('kindLossy') },
    label: t('a11y_overlayLabel'),
    close: t('a11y_overlayClose'),
    keys: t('a11y_overlayKeys'),
  };
}
