/** The page-level hint choices and the decoder hints each stands for. */
import type { Hints } from '../core/types';

export type HintChoice = 'auto' | 'pdf' | 'founder-off';

export const HINT_CHOICES: readonly HintChoice[] = ['auto', 'pdf', 'founder-off'];

export function hintsFor(choice: HintChoice): Hints {
  switch (choice) {
    case 'pdf': return { source: 'pdf' };
    case 'founder-off': return { founder: 'off' };
    default: return {};
  }
}

export function isHintChoice(value: string): value is HintChoice {
  return (HINT_CHOICES as readonly string[]).includes(value);
}
