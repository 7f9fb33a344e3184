/** Repair counts as the extension sums and shows them: per frame, per tab, for a lifetime. Plain data, no storage. */
import { emptyCounts, type RepairCounts } from '../../dom/rewrite-store';

export { emptyCounts, type RepairCounts };

export function addCounts(a: RepairCounts, b: RepairCounts): RepairCounts {
  // Counts stored before re-decoding existed have no `redecode`.
  return { founder: a.founder + b.founder, encoding: a.encoding + b.encoding, lossy: a.lossy + b.lossy, redecode: (a.redecode ?? 0) + (b.redecode ?? 0), chars: a.chars + b.chars };
}

/** Spans rewritten (lossy spans are only flagged, not repaired). */
export const repairedSpans = (c: RepairCounts): number => c.founder + c.encoding + (c.redecode ?? 0);

export function sumFrames(frames: Record<string, RepairCounts> | undefined): RepairCounts {
  return Object.values(frames ?? {}).reduce(addCounts, emptyCounts());
}
