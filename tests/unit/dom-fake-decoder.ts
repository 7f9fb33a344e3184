/** A decoder double for DOM unit tests: `#x` → `X` for any letter, with real steps. */
import { applySteps } from '../../src/core/apply-steps';
import type { Engine, Evidence, RepairResult, Step } from '../../src/core/types';

export const isSuspect = (t: string) => t.includes('#');

export function fakeRepair(text: string): RepairResult {
  const steps: Step[] = [];
  for (const m of text.matchAll(/#([a-z])/g)) {
    steps.push({ kind: 'encoding', start: m.index!, end: m.index! + 2, original: m[0], replacement: m[1].toUpperCase(), codecs: ['test'], confidence: 1, lossy: false });
  }
  return { text: applySteps(text, steps), steps, flagged: false };
}

export function fakeDecoder(): Engine & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    repair(text) { calls.push(text); return fakeRepair(text); },
    collectEvidence(texts): Evidence {
      const e: Evidence = { chars: 0, han: 0, realPunct: 0, founderCandidates: 0, founderCommaStop: 0, paragraphs: 0, founderParagraphs: 0 };
      for (const t of texts) { e.chars += t.length; e.paragraphs++; }
      return e;
    },
  };
}
