/**
 * Repair counts. Per tab (per frame, summed) they live in storage.session: they die with the
 * browser session and survive the MV3 service worker being stopped. Lifetime totals live in
 * storage.local. Only counts are stored, never page text.
 */
import { storage } from '#imports';
import type { RepairCounts } from '../dom/rewrite-store';

export type { RepairCounts };
export const zeroCounts = (): RepairCounts => ({ founder: 0, encoding: 0, lossy: 0, chars: 0 });

export function addCounts(a: RepairCounts, b: RepairCounts): RepairCounts {
  return { founder: a.founder + b.founder, encoding: a.encoding + b.encoding, lossy: a.lossy + b.lossy, chars: a.chars + b.chars };
}

/** Spans rewritten (lossy spans are only flagged, not repaired). */
export const repairedSpans = (c: RepairCounts): number => c.founder + c.encoding;

/** tabId → frameId → that frame's current counts. */
export type TabStats = Record<string, Record<string, RepairCounts>>;

export const tabStatsItem = storage.defineItem<TabStats>('session:tabStats', { fallback: {}, version: 1 });

export interface LifetimeStats extends RepairCounts {
  /** Pages (top-level documents) where something was repaired. */
  pages: number;
}

export const lifetimeItem = storage.defineItem<LifetimeStats>('local:lifetime', {
  fallback: { ...zeroCounts(), pages: 0 },
  version: 1,
});

export function sumFrames(frames: Record<string, RepairCounts> | undefined): RepairCounts {
  return Object.values(frames ?? {}).reduce(addCounts, zeroCounts());
}
