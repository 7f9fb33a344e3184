import { applySteps } from './apply-steps';
import { composeSteps } from './compose-steps';
import { lineSpans } from './document/line-spans';
import { encodingSteps } from './encoding/encoding-repair';
import { collectEvidence } from './evidence';
import { hasOpenerComma } from './founder/clause-openers';
import { founderSteps } from './founder/founder-repair';
import { OPENER_COMMA_MIN_HAN } from './founder/founder-weights';
import { SUSPECT_ENCODING, SUSPECT_FOUNDER, suspectSignals } from './gate';
import { lossySteps } from './lossy';
import { mergeEvidence, subtractEvidence, type Evidence, type Hints, type RepairResult, type Step } from './types';

export { collectEvidence };

/**
 * Rounds of repair at most: each round works on the previous one's output, until a round changes nothing (a
 * double encoding undone one layer short, a remainder a greedy pick left). Real text settles in one or two; a
 * lossy double encoding may take three changing rounds (its pieces between gaps come back a layer at a time), and
 * at 3 the large dev set's longest such paragraph (617 characters) came back unrepaired as unsettled.
 */
const MAX_ROUNDS = 4;

/**
 * Repairs one text. `evidence` summarises the page or document it belongs to
 * (collectEvidence over all of it); without it, the text is its own evidence.
 *
 * The result is a fixed point: repairing its text again (with the same evidence, or each text its own) changes
 * nothing. Rounds repeat until one changes nothing; a text that does not settle within MAX_ROUNDS is one the
 * engine cannot read with any confidence, and comes back as it was, its lossy damage flagged.
 */
export function repair(text: string, evidence?: Evidence, hints?: Hints): RepairResult {
  const signals = new LastSignals(evidence);
  let steps = round(text, evidence, hints, signals);
  if (!steps.some(changes)) return result(text, steps);
  let out = applySteps(text, steps);
  for (let n = 1; n < MAX_ROUNDS; n++) {
    const again = round(out, evidence, hints, signals);
    // Nothing more to change: `out` is the fixed point (the steps on `text` already mark its lossy spans).
    if (!again.some(changes)) return result(out, steps);
    steps = composeSteps(text, steps, out, again);
    out = applySteps(out, again);
  }
  return result(text, lossySteps(text));
}

const changes = (s: Step) => s.replacement !== s.original;

function result(text: string, steps: Step[]): RepairResult {
  return { text, steps, flagged: steps.some((s) => s.lossy) };
}

/**
 * One round: encoding damage first; then Founder damage, judged on the text as the encoding repair leaves it
 * (real punctuation that was hidden in mojibake speaks for its paragraph, and a 遥 the decoding brings out is
 * seen now); then what no decoder can undo, flagged.
 */
function round(text: string, evidence: Evidence | undefined, hints: Hints | undefined, last: LastSignals): Step[] {
  let signals = hints?.founder === 'force' ? SUSPECT_FOUNDER | last.of(text) : last.of(text);
  // The one Founder sign the cheap gate leaves to the repair (founder/clause-openers.ts says why).
  if ((signals & SUSPECT_FOUNDER) === 0 && hints?.founder !== 'off' && hasOpenerComma(text, OPENER_COMMA_MIN_HAN)) signals |= SUSPECT_FOUNDER;
  if (signals === 0) return [];
  let steps: Step[] = (signals & SUSPECT_ENCODING) === 0 ? [] : encodingSteps(text);
  const mid = steps.length === 0 ? text : applySteps(text, steps);
  const founderSignals = mid === text ? signals : signals | last.of(mid);
  if (founderSignals & SUSPECT_FOUNDER) {
    // The evidence speaks of this text as it was; once decoded, it speaks for itself as it now reads (real marks
    // hidden in mojibake count, a 遥 the decoding brings out too), so a second repair of the output decides alike.
    const ev = evidence === undefined ? collectEvidence([mid]) : mid === text ? evidence : mergeEvidence(subtractEvidence(evidence, collectEvidence([text])), collectEvidence([mid]));
    // Lines are paragraphs: the unit within which real punctuation speaks for its neighbours.
    const paragraphs = lineSpans(mid).filter(([s, e]) => e > s);
    steps = composeSteps(text, steps, mid, founderSteps(mid, paragraphs, ev, hints));
  }
  return merge(steps, notOverlapping(lossySteps(text), steps));
}

/**
 * suspectSignals of the last text asked, within one repair: the next round's text is most often the encoding repair's
 * output the round before judged for Founder signals (whenever the Founder repair changed nothing), and the scan of a
 * damaged line was a third of the gate's share of the CPU profile of UTF-8 read as GBK.
 */
class LastSignals {
  private text: string | undefined;
  private signals = 0;
  constructor(private readonly evidence: Evidence | undefined) {}
  of(text: string): number {
    if (text !== this.text) {
      this.signals = suspectSignals(text, this.evidence);
      this.text = text;
    }
    return this.signals;
  }
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
