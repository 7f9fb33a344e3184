/**
 * Where repair counts are kept. Per tab (per frame, summed) they live in storage.session: they die with the
 * browser session and survive the MV3 service worker being stopped. Lifetime totals live in storage.local.
 * Only counts are stored, never page text.
 *
 * Defining these items reads storage as soon as this module is evaluated, and content scripts may not touch
 * storage.session: only the background and extension pages import this module.
 */
import { storage } from '#imports';
import { emptyCounts, type RepairCounts } from './counts';

/** tabId → frameId → that frame's current counts. */
export type TabStats = Record<string, Record<string, RepairCounts>>;

export const tabStatsItem = storage.defineItem<TabStats>('session:tabStats', { fallback: {}, version: 1 });

export interface LifetimeStats extends RepairCounts {
  /** Pages (top-level documents) where something was repaired. */
  pages: number;
}

export const lifetimeItem = storage.defineItem<LifetimeStats>('local:lifetime', {
  fallback: { ...emptyCounts(), pages: 0 },
  version: 1,
});
