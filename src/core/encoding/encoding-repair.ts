import type { Step } from '../types';
import { candidatesFor, classesPresent, isPlausible, type Candidate } from './candidates';
import { HYPOTHESES, MAX_LAYERS } from './hypotheses';

/** A repair whose gain is this far above zero is as sure as the engine gets; confidence scales up to it. */
const SURE_GAIN = 10;

/**
 * Finds the spans of text[from, to) that read better re-decoded, picks the best
 * non-overlapping ones, and undoes further layers inside each (double encodings).
 */
export function encodingSteps(text: string, from = 0, to = text.length): Step[] {
  const picked = bestCandidates(text, from, to);
  const steps: Step[] = [];
  for (const c of picked) {
    let replacement = c.replacement;
    const codecs = [c.hypothesis.truth, c.hypothesis.shown];
    let gain = c.gain;
    for (let layer = 1; layer < MAX_LAYERS; layer++) {
      // The whole span must improve again: a double encoding is undone as a whole.
      const inner = bestCandidates(replacement, 0, replacement.length).filter((x) => x.end - x.start >= replacement.length * 0.5);
      if (inner.length === 0) break;
      let next = '';
      let at = 0;
      for (const x of inner) {
        next += replacement.slice(at, x.start) + x.replacement;
        at = x.end;
        gain += x.gain;
      }
      replacement = next + replacement.slice(at);
      codecs.unshift(inner[0].hypothesis.truth, inner[0].hypothesis.shown);
    }
    if (!isPlausible(replacement, false)) continue;
    steps.push({
      kind: 'encoding',
      start: c.start,
      end: c.end,
      original: text.slice(c.start, c.end),
      replacement,
      codecs,
      confidence: Math.round(Math.min(1, 0.5 + gain / (2 * SURE_GAIN)) * 1000) / 1000,
      lossy: replacement.includes('\ufffd'),
    });
  }
  return steps;
}

function bestCandidates(text: string, from: number, to: number): Candidate[] {
  const all: Candidate[] = [];
  const present = classesPresent(text, from, to);
  for (const h of HYPOTHESES) candidatesFor(text, from, to, h, all, present);
  const good = all.filter((c) => c.gain > 0).sort((x, y) => y.gain - x.gain);
  const chosen: Candidate[] = [];
  for (const c of good) {
    if (chosen.some((d) => c.start < d.end && d.start < c.end)) continue;
    chosen.push(c);
  }
  return chosen.sort((x, y) => x.start - y.start);
}
