import type { Step } from './types';

/** Replays steps on their input. Tests use it to prove every result is explained by its steps. */
export function applySteps(input: string, steps: readonly Step[]): string {
  let out = '';
  let at = 0;
  for (const step of steps) {
    if (step.start < at || step.end < step.start || step.end > input.length) {
      throw new RangeError(`step ${step.start}-${step.end} overlaps or leaves the input`);
    }
    if (input.slice(step.start, step.end) !== step.original) {
      throw new Error(`step ${step.start}-${step.end}: original does not match the input`);
    }
    out += input.slice(at, step.start) + step.replacement;
    at = step.end;
  }
  return out + input.slice(at);
}
