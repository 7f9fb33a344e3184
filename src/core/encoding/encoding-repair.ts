import { applySteps } from '../apply-steps';
import { lineSpans } from '../document/line-spans';
import { offsetSteps } from '../document/offset-steps';
import { SUSPECT_ENCODING, mayShowEncodingDamage, suspectSignals } from '../gate';
import type { Step } from '../types';
import { candidatesFor, classesPresent, isPlausible, type Candidate } from './candidates';
import { cumulativeLog10P } from '../model';
import { BY_SHOWN, MAX_LAYERS } from './hypotheses';

/** A repair whose gain is this far above zero is as sure as the engine gets; confidence scales up to it. */
const SURE_GAIN = 10;

/** Bytes were lost: however well the rest reads, what came back is partly a reading of context. */
const LOSSY_CONFIDENCE = 0.6;

/** A repair this much likelier than the text as it stands is not one a rarer decoder would overturn. */
const CONFIDENT_GAIN = 8;

/** What lossy damage left behind says nothing about whether the rest now reads right. */
const LOST = /\ufffd/g;

/**
 * Finds the spans of text[from, to) that read better re-decoded, picks the best
 * non-overlapping ones, and undoes further layers inside each (double encodings).
 */
export function encodingSteps(text: string): Step[] {
  // A line break is one ASCII byte in every codec here and never inside a multi-byte sequence, so damage
  // never spans lines: each line is its own problem, and lines the cheap scan finds clean cost nothing.
  if (!text.includes('\n') && !text.includes('\r')) return lineSteps(text);
  const steps: Step[] = [];
  for (const [start, end] of lineSpans(text)) {
    if (end > start && mayShowEncodingDamage(text, start, end)) {
      for (const s of offsetSteps(lineSteps(text.slice(start, end)), start)) steps.push(s);
    }
  }
  return steps;
}

function lineSteps(text: string): Step[] {
  const picked = bestCandidates(text, 0, text.length);
  const steps: Step[] = [];
  for (const c of picked) {
    let replacement = c.replacement;
    const codecs = [c.hypothesis.truth, c.hypothesis.shown];
    let gain = c.gain;
    // Loss in any layer is loss in the result, even when a later layer guessed past it.
    let lossy = c.lossy === true;
    for (let layer = 1; layer < MAX_LAYERS; layer++) {
      if (replacement.includes('\ufffd')) lossy = true;
      // Most repairs come out as natural text: the cheap scan says so before any codec runs again.
      if ((suspectSignals(replacement.replace(LOST, '')) & SUSPECT_ENCODING) === 0) break;
      // The whole span must improve again: a double encoding is undone as a whole.
      const inner = bestCandidates(replacement, 0, replacement.length).filter((x) => x.end - x.start >= replacement.length * 0.5);
      if (inner.length === 0) break;
      for (const x of inner) {
        gain += x.gain;
        if (x.lossy) lossy = true;
      }
      replacement = applySteps(replacement, inner);
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
      confidence: Math.round(Math.min(lossy ? LOSSY_CONFIDENCE : 1, 0.5 + gain / (2 * SURE_GAIN)) * 1000) / 1000,
      lossy: lossy || replacement.includes('\ufffd'),
    });
  }
  return steps;
}

function bestCandidates(text: string, from: number, to: number): Candidate[] {
  const all: Candidate[] = [];
  const present = classesPresent(text, from, to);
  const prefix = cumulativeLog10P(text);
  let chosen: Candidate[] = [];
  for (const [shown, hypotheses] of BY_SHOWN) {
    candidatesFor(text, from, to, shown, hypotheses, all, present, prefix);
    chosen = pick(all);
    // Decoders are tried commonest first; once the picked repairs leave text the cheap scan
    // calls natural, rarer decoders could only compete with a repair that already reads right.
    if (chosen.length > 0 && chosen.every((c) => c.gain >= CONFIDENT_GAIN) && (suspectSignals(applySteps(text, chosen).replace(LOST, '')) & SUSPECT_ENCODING) === 0) break;
  }
  return chosen;
}

/** The best non-overlapping candidates, in text order. Greedy by gain; a position map keeps it linear. */
function pick(all: readonly Candidate[]): Candidate[] {
  const good = all.filter((c) => c.gain > 0).sort((x, y) => y.gain - x.gain);
  if (good.length === 0) return [];
  let end = 0;
  for (const c of good) if (c.end > end) end = c.end;
  const taken = new Uint8Array(end);
  const chosen: Candidate[] = [];
  for (const c of good) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((x, y) => x.start - y.start);
}
