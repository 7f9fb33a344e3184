/**
 * The one function that turns an input and its steps into an output: `repair` builds its text with it, the
 * encoding repair composes layers with it, the paste-and-fix page applies the steps a user accepted with it,
 * and tests replay results with it. So "the steps replay to the output" holds by construction.
 */

/** What applying needs of a step: its span in the input and what the span becomes. */
export interface Edit {
  start: number;
  end: number;
  replacement: string;
  /** When present, checked against `input.slice(start, end)`. */
  original?: string;
}

/**
 * Applies `steps` (in input order, not overlapping) to `input`. `skip(i)` leaves step i's span as it is in the
 * input (a repair the user rejected). Throws on a step that overlaps the previous one, leaves the input, or
 * whose `original` is not what the input holds there: such steps explain nothing.
 */
export function applySteps(input: string, steps: readonly Edit[], skip?: (index: number) => boolean): string {
  let out = '';
  let at = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.start < at || step.end < step.start || step.end > input.length) {
      throw new RangeError(`step ${i} (${step.start}-${step.end}) overlaps the previous one or leaves the input`);
    }
    if (step.original !== undefined && input.slice(step.start, step.end) !== step.original) {
      throw new Error(`step ${i} (${step.start}-${step.end}): original does not match the input`);
    }
    if (skip?.(i)) continue;
    out += input.slice(at, step.start) + step.replacement;
    at = step.end;
  }
  return out + input.slice(at);
}
