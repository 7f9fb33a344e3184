/** The page's words: every `fix_` message, and how a repair is described on hover and to screen readers. */
import type { Step } from '../core/types';
import type { Translate } from '../shared/i18n';
import type { ViewStrings } from './output-view';

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
