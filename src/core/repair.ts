import type { Evidence, Hints, RepairResult } from './types';

/** STUB — replaced by the real engine. Returns the text unchanged. */
export function repair(text: string, _evidence?: Evidence, _hints?: Hints): RepairResult {
  return { text, steps: [], flagged: false };
}

/** STUB — replaced by the real engine. */
export function collectEvidence(texts: Iterable<string>): Evidence {
  const e: Evidence = { chars: 0, han: 0, realPunct: 0, founderCandidates: 0, founderCommaStop: 0, paragraphs: 0, founderParagraphs: 0 };
  for (const t of texts) { e.chars += t.length; e.paragraphs++; }
  return e;
}
