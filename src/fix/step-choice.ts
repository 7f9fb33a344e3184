import type { Step } from '../core/types';

/** Steps that change something: flag-only lossy steps (replacement === original) mark text but offer no choice. */
export function isChoice(step: Step): boolean {
  return step.replacement !== step.original;
}
