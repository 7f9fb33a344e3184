/**
 * What the DOM layer needs from the decoder. Only types cross this line, so the first content
 * script carries none of the decoder's code; the implementation arrives later (see src/ext/decoder-client.ts).
 */
import type { Evidence, Hints, RepairResult } from '../core/types';

export interface DecoderPort {
  repair(text: string, evidence?: Evidence, hints?: Hints): RepairResult;
  collectEvidence(texts: Iterable<string>): Evidence;
}

/** Evidence is plain counts: merging two summaries is adding them field by field. */
export function mergeEvidence(a: Evidence, b: Evidence): Evidence {
  const out = { ...a };
  for (const key of Object.keys(b) as Array<keyof Evidence>) out[key] = (a[key] ?? 0) + (b[key] ?? 0);
  return out;
}
