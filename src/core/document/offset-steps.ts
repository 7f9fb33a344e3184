import type { Step } from '../types';

/** A piece's steps moved to offsets into the text the piece was cut from (`by` = where the piece starts). */
export function offsetSteps(steps: readonly Step[], by: number): Step[] {
  return by === 0 ? [...steps] : steps.map((s) => ({ ...s, start: s.start + by, end: s.end + by }));
}
