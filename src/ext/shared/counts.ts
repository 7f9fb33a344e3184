/** Repair counts as the extension sums and shows them: per frame, per tab, for a lifetime. Plain data, no storage. */
import { COUNT_KEYS, emptyCounts, type RepairCounts } from '../../dom/rewrite-store';

export { COUNT_KEYS, emptyCounts, type RepairCounts };

/** A count no honest page reaches (characters of one frame's text): anything above is garbage. */
export const MAX_COUNT = 1e12;

export function addCounts(a: RepairCounts, b: RepairCounts): RepairCounts {
  const out = emptyCounts();
  for (const k of COUNT_KEYS) out[k] = a[k] + b[k];
  return out;
}

/** Spans rewritten (lossy spans are only flagged, not repaired). */
export const repairedSpans = (c: RepairCounts): number => c.founder + c.encoding + (c.redecode ?? 0);

export function sumFrames(frames: Record<string, RepairCounts> | undefined): RepairCounts {
  return Object.values(frames ?? {}).reduce(addCounts, emptyCounts());
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_COUNT;

/** True when `raw` is counts: an object whose every count is a finite, non-negative number (missing ones are 0). */
export function isCounts(raw: unknown): raw is Partial<RepairCounts> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const obj = raw as Record<string, unknown>;
  return COUNT_KEYS.every((k) => obj[k] === undefined || isCount(obj[k]));
}

/** Counts from whatever is stored: each field a finite, non-negative whole number, 0 where it is not. */
export function parseCounts(raw: unknown): RepairCounts {
  const out = emptyCounts();
  if (typeof raw !== 'object' || raw === null) return out;
  const obj = raw as Record<string, unknown>;
  for (const k of COUNT_KEYS) if (isCount(obj[k])) out[k] = Math.floor(obj[k] as number);
  return out;
}
