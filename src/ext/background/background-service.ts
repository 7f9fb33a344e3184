/**
 * The background's work: answers content scripts (site, decoder injection, counts), keeps per-tab
 * counts and lifetime totals, and drives the badge.
 */
import { browser } from 'wxt/browser';
import { addCounts, parseCounts, repairedSpans, sumFrames } from '../shared/counts';
import { DECODER_FILE } from '../../shared/decoder-bundle';
import { handleMessages } from '../shared/messages';
import { siteOf } from '../shared/site';
import { setBadgeCount } from './badge';
import { startCopyFeatures } from './copy-commands';
import { readLifetime, readTabStats, writeLifetime, writeTabStats, type TabStats } from '../shared/stats-store';

export function startBackground(): void {
  // Storage writes are read-modify-write: one queue keeps concurrent frame reports from losing updates.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const updateTab = (tabId: number, change: (stats: TabStats) => void) => serial(async () => {
    const stats = await readTabStats();
    change(stats);
    await writeTabStats(stats);
    await setBadgeCount(tabId, repairedSpans(sumFrames(stats[tabId])));
  });

  handleMessages({
    hello: async ({ top }, sender) => {
      const tabId = sender.tab?.id ?? -1;
      const frameId = sender.frameId ?? 0;
      // A new top-level document starts the tab's counts afresh.
      if (top && frameId === 0 && tabId >= 0) await updateTab(tabId, (s) => { delete s[tabId]; });
      return { site: siteOf(sender.tab?.url), tabId, frameId };
    },
    loadDecoder: async (_p, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false, error: 'no tab' };
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [DECODER_FILE] });
        return { ok: true };
      } catch (err) {
        return { ok: false, error: String(err) };
      }
    },
    reportCounts: async (report, sender) => {
      // Shape and ranges were checked on arrival (messages.ts); whole numbers, missing fields 0, from here on.
      const counts = parseCounts(report.counts);
      const added = parseCounts(report.added);
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: true };
      await updateTab(tabId, (s) => { (s[tabId] ??= {})[String(sender.frameId ?? 0)] = counts; });
      if (repairedSpans(added) + added.lossy > 0) {
        await serial(async () => {
          const life = await readLifetime();
          const firstOnPage = repairedSpans(counts) === repairedSpans(added) && (sender.frameId ?? 0) === 0;
          // Lifetime totals are of repairs; what the decoder budget skipped is a note about the tab, not a total.
          await writeLifetime({ ...addCounts(life, { ...added, skipped: 0 }), skipped: 0, pages: life.pages + (firstOnPage ? 1 : 0) });
        });
      }
      return { ok: true };
    },
  });

  startCopyFeatures();

  browser.tabs.onRemoved.addListener((tabId) => {
    serial(async () => {
      const stats = await readTabStats();
      delete stats[tabId];
      await writeTabStats(stats);
    }).catch((err: unknown) => console.warn('[luanma] forgetting a closed tab failed', err));
  });
}
