import { encodingSteps } from './encoding/encoding-repair';
import { collectEvidence } from './evidence';
import type { Span } from './founder/founder-paragraph';
import { founderSteps } from './founder/founder-repair';
import { SUSPECT_ENCODING, SUSPECT_FOUNDER, suspectSignals } from './gate';
import { lossySteps } from './lossy';
import type { Evidence, Hints, RepairResult, Step } from './types';

export { collectEvidence };

/**
 * Repairs one text. `evidence` summarises the page or document it belongs to
 * (collectEvidence over all of it); without it, the text is its own evidence.
 */
export function repair(text: string, evidence?: Evidence, hints?: Hints): RepairResult {
  const signals = hints?.founder === 'force' ? SUSPECT_FOUNDER | suspectSignals(text, evidence) : suspectSignals(text, evidence);
  if (signals === 0) return { text, steps: [], flagged: false };
  let steps: Step[] = hints?.encodings === false || (signals & SUSPECT_ENCODING) === 0 ? [] : encodingSteps(text);
  if (signals & SUSPECT_FOUNDER) {
    const ev = evidence ?? collectEvidence([text]);
    // Founder damage lives in text that is otherwise intact; never inside a span already re-decoded.
    const founder = notOverlapping(founderSteps(text, paragraphsOf(text), ev, hints), steps);
    steps = merge(steps, founder);
  }
  steps = merge(steps, notOverlapping(lossySteps(text), steps));
  return finish(text, steps);
}

/** Steps of `add` that overlap none of `kept` (both in text order): one merge-like walk. */
function notOverlapping(add: readonly Step[], kept: readonly Step[]): Step[] {
  const out: Step[] = [];
  let k = 0;
  for (const s of add) {
    while (k < kept.length && kept[k].end <= s.start) k++;
    if (k < kept.length && kept[k].start < s.end) continue;
    out.push(s);
  }
  return out;
}

function merge(a: Step[], b: Step[]): Step[] {
  return b.length === 0 ? a : [...a, ...b].sort((x, y) => x.start - y.start);
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
