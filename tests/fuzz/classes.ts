/**
 * Failure classes: what part of the engine a failure comes from, read off the steps of the failing repair.
 * The unit campaign tolerates only failures whose class is listed in tests/cases/fuzz-known-failures*.json;
 * any other class, or a failure no rule here explains (`unexplained`), fails it.
 *
 * Classes are read off the steps only (which step changed what it must not), so one class may hold more than one
 * root cause; the diagnosis of each is in the fuzz report, not here.
 *   throws                             repair threw
 *   malformed:<check>                  a Step/RepairResult contract check failed (see `malformed` in properties.ts)
 *   lossy-segment-swallows-neighbours  the offending step is a lossy encoding step (candidates.ts, lossySegments):
 *                                      clean characters next to a U+FFFD were merged into it or re-decoded
 *   strict-region-overreaches          a lossless encoding step covers the damaged span and clean text beside it
 *   strict-region-on-clean-text        a lossless encoding step changed clean text away from any damage
 *   founder-outside-damage             a Founder step changed a character outside the damaged span
 *   (idempotent: the first step the second repair makes, against the first repair's replacements in its output)
 *   founder-again                      the second repair is a Founder step
 *   reverts-own-repair                 it overlaps a first-pass replacement and reads it back the other way
 *                                      (big5<gbk, then gbk<big5)
 *   layer-left-undone                  it lies inside a first-pass replacement: another layer was left
 *   repair-rejoined                    it overlaps a first-pass replacement and text beside it
 *   remainder-repaired-later           it touches no first-pass replacement: text the first pass left is repaired
 */
import { collectEvidence, repair, type Evidence, type RepairResult, type Step } from '../../src/core/index';
import type { Failure, FuzzCase } from './properties';
import { evidenceModeArgument } from './properties';

export interface FailureClass {
  id: string;
}

const changing = (r: RepairResult) => r.steps.filter((s) => s.replacement !== s.original);

/** Where a step's replacement sits in the output. */
function outputSpans(r: RepairResult): Array<{ step: Step; start: number; end: number }> {
  const out = [];
  let delta = 0;
  for (const s of r.steps) {
    out.push({ step: s, start: s.start + delta, end: s.start + delta + s.replacement.length });
    delta += s.replacement.length - (s.end - s.start);
  }
  return out.filter((o) => o.step.replacement !== o.step.original);
}

const isLossySegment = (s: Step) => s.kind === 'encoding' && s.lossy;

/** The repairs of `first` and of its output, with the evidence the case's mode gives each call. */
function twoPasses(c: FuzzCase): [RepairResult, RepairResult] {
  const r1 = repair(c.input, evidenceModeArgument(c, c.input));
  const r2 = repair(r1.text, evidenceModeArgument(c, r1.text));
  return [r1, r2];
}

export function classify(c: FuzzCase, f: Failure): FailureClass {
  switch (f.property) {
    case 'no-throw':
      return { id: 'throws' };
    case 'well-formed':
      return { id: `malformed:${f.signature.split('/')[1]}` };
    case 'clean-unchanged':
    case 'lost-neighbour':
    case 'no-collateral': {
      let x = c.input;
      let evidence: Evidence | undefined = evidenceModeArgument(c, x);
      if (c.evidence === 'page') {
        // The first line that changes when repaired alone with the page's evidence.
        evidence = collectEvidence(x.split('\n'));
        x = x.split('\n').find((line) => repair(line, evidence).text !== line) ?? x;
      }
      const [start, end] = c.span ?? [x.length, x.length];
      const r = repair(x, evidence);
      const culprit = changing(r).find((s) => s.start < start || s.end > end) ?? changing(r)[0];
      if (!culprit) return { id: 'unexplained' };
      if (culprit.kind === 'founder') return { id: 'founder-outside-damage' };
      if (isLossySegment(culprit)) return { id: 'lossy-segment-swallows-neighbours' };
      const overlaps = culprit.start < end && culprit.end > start;
      return { id: overlaps ? 'strict-region-overreaches' : 'strict-region-on-clean-text' };
    }
    case 'idempotent': {
      const [r1, r2] = twoPasses(c);
      const again = changing(r2)[0];
      if (!again) return { id: 'unexplained' };
      if (again.kind === 'founder') return { id: 'founder-again' };
      if (isLossySegment(again)) return { id: 'lossy-segment-swallows-neighbours' };
      const spans = outputSpans(r1);
      const inside = spans.find((o) => o.start <= again.start && again.end <= o.end);
      const touched = spans.find((o) => o.start < again.end && again.start < o.end);
      // The second pass reads the first's repair back the other way round (big5<gbk, then gbk<big5).
      const c0 = touched?.step.codecs;
      if (c0 && again.codecs[0] === c0[1] && again.codecs[1] === c0[0]) return { id: 'reverts-own-repair' };
      if (inside) return { id: 'layer-left-undone' };
      if (touched) return { id: 'repair-rejoined' };
      return { id: 'remainder-repaired-later' };
    }
  }
}
