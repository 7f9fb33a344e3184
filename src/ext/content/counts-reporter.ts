/**
 * Reports a frame's counts to the background, coalesced, and works out what is new for the
 * lifetime totals: a high-water mark per kind, so switching a site off and on does not count the
 * same repairs twice.
 */
import { emptyCounts, type RepairCounts } from '../shared/counts';
import { send } from '../shared/messages';

/** Repairs arrive in bursts (visible part, idle slices, mutations): one message per burst. */
export const REPORT_DELAY_MS = 150;

export function createCountsReporter(signal: AbortSignal): (counts: RepairCounts) => void {
  let high = emptyCounts();
  let latest = emptyCounts();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** What the background was last told: a dynamic page re-reports the same counts many times a second. */
  let sent = '';
  const flush = () => {
    timer = undefined;
    if (signal.aborted) return;
    const key = JSON.stringify(latest);
    if (key === sent) return;
    sent = key;
    const added = emptyCounts();
    for (const k of Object.keys(added) as Array<keyof RepairCounts>) {
      added[k] = Math.max(0, latest[k] - high[k]);
      high[k] = Math.max(high[k], latest[k]);
    }
    send('reportCounts', { counts: latest, added }).catch(() => { /* background restarting: next report catches up */ });
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return (counts) => {
    latest = counts;
    timer ??= setTimeout(flush, REPORT_DELAY_MS);
  };
}
