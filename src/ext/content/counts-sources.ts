/**
 * A frame's counts come from two writers, the text-level repairer and re-decoding; the background keeps one
 * set per frame, so the reporter is given their sum whenever either changes.
 */
import { addCounts, emptyCounts, type RepairCounts } from '../shared/counts';

export function countsFromSources(report: (counts: RepairCounts) => void): { repairs(c: RepairCounts): void; redecode(c: RepairCounts): void } {
  let repairs = emptyCounts();
  let redecode = emptyCounts();
  return {
    repairs: (c) => { repairs = c; report(addCounts(repairs, redecode)); },
    redecode: (c) => { redecode = c; report(addCounts(repairs, redecode)); },
  };
}
