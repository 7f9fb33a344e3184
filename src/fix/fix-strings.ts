/** The page's words: every `fix_` message, and how a repair is described on hover and to screen readers. */
import { browser } from 'wxt/browser';
import type { Step } from '../core/types';
import type { ViewStrings } from './output-view';

export type Translate = (key: string, subs?: string[]) => string;

type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];
export const translate: Translate = (key, subs) => browser.i18n.getMessage(key as MessageKey, subs);

const KIND_KEYS: Record<Step['kind'], string> = { founder: 'fix_kindFounder', encoding: 'fix_kindEncoding', lossy: 'fix_kindLossy' };

export function viewStrings(t: Translate): ViewStrings {
  const kind = (k: Step['kind']) => t(KIND_KEYS[k]);
  return {
    kind,
    describe(step, accepted) {
      if (step.replacement === step.original) return t('fix_lossyTitle', [step.original]);
      const confidence = `${Math.round(step.confidence * 100)}%`;
      const title = t('fix_stepTitle', [step.original, kind(step.kind), confidence, step.codecs.join(' → ')]);
      return `${title} — ${t(accepted ? 'fix_stepAccepted' : 'fix_stepRejected')}`;
    },
  };
}

/** Applies `data-i18n` (text) and `data-i18n-placeholder` attributes under `root`. */
export function localize(root: ParentNode, t: Translate): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = t(el.dataset.i18n!);
    if (text) el.textContent = text;
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) {
    const text = t(el.dataset.i18nPlaceholder!);
    if (text) el.setAttribute('placeholder', text);
  }
}
