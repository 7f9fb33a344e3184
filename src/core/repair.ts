import { collectEvidence } from './evidence';
import { founderSteps } from './founder/founder-repair';
import type { Span } from './founder/founder-paragraph';
import type { Evidence, Hints, RepairResult, Step } from './types';

export { collectEvidence };

/**
 * Repairs one text. `evidence` summarises the page or document it belongs to
 * (collectEvidence over all of it); without it, the text is its own evidence.
 */
export function repair(text: string, evidence?: Evidence, hints?: Hints): RepairResult {
  const ev = evidence ?? collectEvidence([text]);
  const steps: Step[] = founderSteps(text, paragraphsOf(text), ev, hints);
  return finish(text, steps);
}

/** Lines are paragraphs: the unit within which real punctuation speaks for its neighbours. */
function paragraphsOf(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) spans.push([start, end]);
    start = end + 1;
  }
  return spans;
}

function finish(text: string, steps: Step[]): RepairResult {
  if (steps.length === 0) return { text, steps, flagged: false };
  let out = '';
  let at = 0;
  for (const s of steps) {
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, steps, flagged: steps.some((s) => s.lossy) };
}
