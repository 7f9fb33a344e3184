/**
 * The toolbar button tells a tab's state by its title (and its icon's shape, which no API reads back): repairing
 * with the page's repair count, off for the site, off everywhere (src/ext/background/toolbar-state.ts).
 * Chromium reads the title through the service worker, Firefox through the test build's control page.
 */
import type { Page } from 'playwright-core';
import { CheckFailure, resetSettings, settledCounts, type Check, type CheckContext } from './checks';
import { settled, sleep } from './harness';

/** The title once it satisfies `ok`, or the last one seen after `ms`. */
async function titleWhen(ctx: CheckContext, page: Page, ok: (title: string) => boolean, what: string, ms = 5000): Promise<string> {
  let title = '';
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(150)) {
    title = await ctx.ext.actionTitle(page);
    if (ok(title)) return title;
  }
  throw new CheckFailure(`toolbar title ${what}: got ${JSON.stringify(title)}`);
}

const REPAIRING = /正在修复|正在修復|repairing/;
const OFF_SITE = /此网站|此網站|this site/;
const OFF_ALL = /所有网站|所有網站|all sites/;

export const TOOLBAR_CHECKS: Check[] = [
  {
    name: 'the toolbar title follows the site\'s state: repairing with the page\'s count, off for the site, off everywhere',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const counts = await settledCounts(ctx, page);
      const repairs = counts.founder + counts.encoding + (counts.redecode ?? 0);
      if (repairs === 0) throw new CheckFailure('the forum page had repairs (needs the real engine)');
      const hasCount = (n: number) => (s: string) => REPAIRING.test(s) && new RegExp(`(^|\\D)${n}(\\D|$)`).test(s);
      await titleWhen(ctx, page, hasCount(repairs), `says repairing, ${repairs} repairs`);
      const site = new URL(page.url()).hostname;
      try {
        await ctx.ext.storage('sync', 'set', { settings: { enabled: true, highlight: true, disabledSites: [site], redecodeRules: {} } });
        await titleWhen(ctx, page, (s) => OFF_SITE.test(s) && s.includes(site) && !REPAIRING.test(s), `says off for ${site}`);
        await ctx.ext.storage('sync', 'set', { settings: { enabled: false, highlight: true, disabledSites: [], redecodeRules: {} } });
        await titleWhen(ctx, page, (s) => OFF_ALL.test(s) && !REPAIRING.test(s), 'says off on all sites');
        await resetSettings(ctx);
        // Back on, the page is repaired again and the title counts its repairs again.
        await titleWhen(ctx, page, hasCount(repairs), `says repairing again, ${repairs} repairs`, 10_000);
      } finally {
        await resetSettings(ctx);
      }
    },
  },
];
