import { applySteps } from './apply-steps';
import { lineSpans } from './document/line-spans';
import { encodingSteps } from './encoding/encoding-repair';
import { collectEvidence } from './evidence';
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
  let steps: Step[] = (signals & SUSPECT_ENCODING) === 0 ? [] : encodingSteps(text);
  if (signals & SUSPECT_FOUNDER) {
    const ev = evidence ?? collectEvidence([text]);
    // Founder damage lives in text that is otherwise intact; never inside a span already re-decoded.
    // Lines are paragraphs: the unit within which real punctuation speaks for its neighbours.
    const paragraphs = lineSpans(text).filter(([s, e]) => e > s);
    steps = merge(steps, notOverlapping(founderSteps(text, paragraphs, ev, hints), steps));
  }
  steps = merge(steps, notOverlapping(lossySteps(text), steps));
  return { text: applySteps(text, steps), steps, flagged: steps.some((s) => s.lossy) };
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
  return b.length === 0 ? a : a.concat(b).sort((x, y) => x.start - y.start);
}
