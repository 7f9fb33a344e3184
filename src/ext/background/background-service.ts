/**
 * The background's work: answers content scripts (site, decoder injection, counts), keeps per-tab
 * counts and lifetime totals, and drives the toolbar button (title, icon, badge: toolbar-state.ts).
 */
import { browser } from 'wxt/browser';
import { addCounts, parseCounts, repairedSpans, sumFrames } from '../shared/counts';
import { DECODER_FILE } from '../../shared/decoder-bundle';
import { BACKGROUND_RULES, handleMessages } from '../shared/messages';
import { readSettings, watchSettings, type Settings } from '../shared/settings';
import { siteOf } from '../shared/site';
import { t } from '../../shared/i18n';
import { applyToolbar, forgetToolbar } from './toolbar';
import { toolbarState } from './toolbar-state';
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
  /** The tab's toolbar button from its site and counts; a tab with no site (about:, the browser's pages) keeps the default. */
  const showTab = async (tabId: number, url: string | undefined, stats: TabStats, settings?: Settings) => {
    const site = siteOf(url);
    if (site === null) return;
    await applyToolbar(tabId, toolbarState(settings ?? await readSettings(), site, repairedSpans(sumFrames(stats[tabId])), t));
  };
  // The toolbar follows on its own queue: a content script's hello or report is answered without waiting for it.
  let toolbarQueue: Promise<unknown> = Promise.resolve();
  const showTabLater = (tabId: number, url: string | undefined, stats: TabStats, fresh: boolean) => {
    // A new document: the browser reset the tab's button, so everything is applied again.
    toolbarQueue = toolbarQueue.then(() => { if (fresh) forgetToolbar(tabId); return showTab(tabId, url, stats); }).catch((err: unknown) => console.warn('[luanma] updating the toolbar failed', err));
  };
  const updateTab = (tabId: number, url: string | undefined, change: (stats: TabStats) => void, fresh = false) => serial(async () => {
    const stats = await readTabStats();
    change(stats);
    await writeTabStats(stats);
    showTabLater(tabId, url, stats, fresh);
  });

  handleMessages(BACKGROUND_RULES, {
    hello: async ({ top }, sender) => {
      const tabId = sender.tab?.id ?? -1;
      const frameId = sender.frameId ?? 0;
      // A new top-level document starts the tab's counts afresh.
      if (top && frameId === 0 && tabId >= 0) await updateTab(tabId, sender.tab?.url, (s) => { delete s[tabId]; }, true);
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
      await updateTab(tabId, sender.tab?.url, (s) => { (s[tabId] ??= {})[String(sender.frameId ?? 0)] = counts; });
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

  // A switch changed (popup, shortcut, another synced browser): every open tab's button follows its site.
  watchSettings((settings) => {
    toolbarQueue = toolbarQueue.then(async () => {
      const [tabs, stats] = await Promise.all([browser.tabs.query({}), readTabStats()]);
      for (const tab of tabs) if (tab.id !== undefined) await showTab(tab.id, tab.url, stats, settings);
    }).catch((err: unknown) => console.warn('[luanma] updating the toolbar failed', err));
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    forgetToolbar(tabId);
    serial(async () => {
      const stats = await readTabStats();
      delete stats[tabId];
      await writeTabStats(stats);
    }).catch((err: unknown) => console.warn('[luanma] forgetting a closed tab failed', err));
  });
}
