/**
 * The output text from the input and its steps, some of them rejected: an accepted step contributes its
 * replacement, a rejected one keeps its original span. With nothing rejected this is the decoder's own text.
 */
import type { Step } from '../core/types';

/** `steps` in input order and not overlapping (the decoder's contract); `rejected` holds indexes into `steps`. */
export function composeResult(input: string, steps: readonly Step[], rejected: ReadonlySet<number> = new Set()): string {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.start < at || s.end > input.length) throw new RangeError(`step ${i} (${s.start}-${s.end}) overlaps or leaves the input`);
    if (rejected.has(i) || s.replacement === s.original) continue; // kept as it is, with the text around it
    out.push(input.slice(at, s.start), s.replacement);
    at = s.end;
  }
  out.push(input.slice(at));
  return out.join('');
}

/** Steps that change something: flag-only lossy steps (replacement === original) mark text but offer no choice. */
export function isChoice(step: Step): boolean {
  return step.replacement !== step.original;
}
