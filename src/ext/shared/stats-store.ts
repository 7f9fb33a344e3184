/**
 * Where repair counts are kept. Per tab (per frame, summed) they live in storage.session: they die with the
 * browser session and survive the MV3 service worker being stopped. Lifetime totals live in storage.local.
 * Only counts are stored, never page text, and every read is validated (a garbage entry counts as nothing).
 *
 * Content scripts may not touch storage.session: only the background and extension pages import this module.
 * Nothing here reads storage on import; the keys are the ones WXT's storage items used, so totals carry over.
 */
import { browser } from 'wxt/browser';
import { emptyCounts, parseCounts, type RepairCounts } from './counts';

/** tabId → frameId → that frame's current counts. */
export type TabStats = Record<string, Record<string, RepairCounts>>;

export interface LifetimeStats extends RepairCounts {
  /** Pages (top-level documents) where something was repaired. */
  pages: number;
}

const TAB_STATS_KEY = 'tabStats';
const LIFETIME_KEY = 'lifetime';
/** Frames kept per tab and tabs kept: more than any page has, so a corrupted entry cannot grow without end. */
const MAX_FRAMES = 1000;
const MAX_TABS = 10_000;

const isId = (k: string) => /^(0|[1-9]\d{0,15})$/.test(k);

export function parseTabStats(raw: unknown): TabStats {
  const out: TabStats = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  let tabs = 0;
  for (const [tab, frames] of Object.entries(raw as Record<string, unknown>)) {
    if (!isId(tab) || typeof frames !== 'object' || frames === null || Array.isArray(frames)) continue;
    if (++tabs > MAX_TABS) break;
    const f: Record<string, RepairCounts> = {};
    let n = 0;
    for (const [frame, counts] of Object.entries(frames as Record<string, unknown>)) {
      if (!isId(frame) || ++n > MAX_FRAMES) continue;
      f[frame] = parseCounts(counts);
    }
    out[tab] = f;
  }
  return out;
}

export function parseLifetime(raw: unknown): LifetimeStats {
  const pages = (raw as { pages?: unknown } | null)?.pages;
  return { ...parseCounts(raw), pages: typeof pages === 'number' && Number.isFinite(pages) && pages >= 0 ? Math.floor(pages) : 0 };
}

async function read<T>(area: 'session' | 'local', key: string, parse: (raw: unknown) => T): Promise<T> {
  try {
    const got = await browser.storage[area].get(key);
    return parse(got[key]);
  } catch {
    return parse(undefined);
  }
}

function watch<T>(area: 'session' | 'local', key: string, parse: (raw: unknown) => T, listener: (value: T) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
    if (changedArea === area && key in changes) listener(parse(changes[key].newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

export const readTabStats = () => read('session', TAB_STATS_KEY, parseTabStats);
export const writeTabStats = (stats: TabStats) => browser.storage.session.set({ [TAB_STATS_KEY]: stats });
export const watchTabStats = (listener: (s: TabStats) => void) => watch('session', TAB_STATS_KEY, parseTabStats, listener);

export const readLifetime = () => read('local', LIFETIME_KEY, parseLifetime);
export const writeLifetime = (life: LifetimeStats) => browser.storage.local.set({ [LIFETIME_KEY]: life });
export const watchLifetime = (listener: (s: LifetimeStats) => void) => watch('local', LIFETIME_KEY, parseLifetime, listener);

export const emptyLifetime = (): LifetimeStats => ({ ...emptyCounts(), pages: 0 });
