/**
 * End-to-end checks of the options page (options.html) and the per-site rules, run like checks-fix.ts: Chromium
 * opens chrome-extension://<id>/options.html directly, Firefox through the test build's control page.
 *
 * - an options-page rule "this site's text comes from PDFs / e-paper" changes what is repaired on the site's
 *   pages (epaper-site.html: two Founder-damaged lines the engine leaves alone without the hint, as the CLI does
 *   without --hint pdf), and "never Founder-repair" leaves the e-paper article as served;
 * - a bad settings file changes nothing and the page says why; export → import round-trips;
 * - Chromium only (its storage.sync has the real quotas; fakeBrowser has none): each item's size as the quota
 *   logic computes it is the size Chromium counts, and rules beyond sync's quota move to storage.local, where
 *   the content script still finds them.
 *
 * Files are handed to the page as a user's pick would be (a DataTransfer's File on the file input), and the
 * export is caught at the download link's click (its blob read back in the page): the same in both browsers.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ev, settled, sleep } from './harness';
import { EXPECT, resetSettings, type Check, type CheckContext } from './checks';
import { itemBytes, SYNC_BUDGET, SYNC_QUOTA } from '../../src/ext/shared/settings-quota';

class CheckFailure extends Error {}
function expectEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new CheckFailure(`${what}:\n      expected ${e.slice(0, 400)}\n      actual   ${a.slice(0, 400)}`);
}
function expectTrue(cond: boolean, what: string): void { if (!cond) throw new CheckFailure(what); }

interface EpaperSite { served: string[]; withHint: string[] }
const SITE_PAGE = (EXPECT as unknown as { epaperSite: EpaperSite }).epaperSite;

declare const chrome: typeof browser;

/** Progress lines with LUANMA_E2E_DEBUG=1: a check that times out then says where. */
const step = (what: string) => { if (process.env.LUANMA_E2E_DEBUG) console.log(`    # ${what}`); };

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

export async function openOptions(ctx: CheckContext): Promise<Page> {
  const page = await ctx.ext.openExtensionPage('/options.html');
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.waitForFunction(() => document.body?.dataset.ready === 'true', undefined, { timeout: 10_000 });
  return page;
}

/** Waits until the page's paragraphs read `want`, or fails naming what they read. */
async function paragraphsBecome(page: Page, want: string[], what: string, timeout = 15_000): Promise<void> {
  const ok = await page.waitForFunction((w) => [...document.querySelectorAll('#article p')].map((p) => p.textContent).join('\n') === w, want.join('\n'), { timeout })
    .then(() => true, () => false);
  if (!ok) expectEqual(await texts(page, '#article p'), want, what);
}

/** Adds a site rule through the page's form, as a user would. */
async function addRule(options: Page, site: string, founder: 'auto' | 'pdf' | 'off', opts: { repair?: boolean; encoding?: string } = {}): Promise<void> {
  await options.fill('#new-site', site);
  await options.selectOption('#new-founder', founder);
  await options.selectOption('#new-encoding', opts.encoding ?? '');
  if ((opts.repair ?? true) !== await options.isChecked('#new-repair')) await options.click('#new-repair');
  const before = await ev(options, () => document.body.dataset.added ?? '');
  await options.click('#add-site button[type="submit"]');
  await options.waitForFunction((b) => (document.body.dataset.added ?? '') !== b || document.querySelector('#add-error')!.textContent !== '', before, { timeout: 10_000 });
  const error = await options.textContent('#add-error');
  expectTrue(!error, `adding ${site}: ${error}`);
}

/** Hands `text` to the import button's file input as the file a user picked. */
async function importFile(options: Page, name: string, text: string): Promise<{ status: string; bad: boolean }> {
  const n = await ev(options, () => Number(document.body.dataset.imports ?? 0));
  await ev(options, ([fileName, body]: [string, string]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], fileName, { type: 'application/json' }));
    const input = document.getElementById('import-file') as HTMLInputElement;
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
  }, [name, text]);
  await options.waitForFunction((k) => Number(document.body.dataset.imports ?? 0) > k, n, { timeout: 20_000 });
  return ev(options, () => { const s = document.getElementById('transfer-status')!; return { status: s.textContent ?? '', bad: s.classList.contains('bad') }; });
}

/** Clicks Export and returns the file it offered (caught at the download link's click). */
async function exportFile(options: Page): Promise<{ name: string; text: string }> {
  await ev(options, () => {
    const w = window as unknown as { __exports: Array<Promise<{ name: string; text: string }>> };
    w.__exports = [];
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      const { href, download } = this;
      w.__exports.push(fetch(href).then((r) => r.text()).then((text) => ({ name: download, text })));
    };
  });
  await options.click('#export');
  await options.waitForFunction(() => (window as unknown as { __exports: unknown[] }).__exports.length > 0, undefined, { timeout: 10_000 });
  return ev(options, () => (window as unknown as { __exports: Array<Promise<{ name: string; text: string }>> }).__exports[0]);
}

const settingsFile = (sites: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'luanma-settings', version: 1, exported: '2026-12-01T00:00:00.000Z', enabled: true, highlight: true, sites, ...extra });

export const OPTIONS_CHECKS: Check[] = [
  {
    name: 'options: an e-paper rule for the site repairs the Founder damage it leaves alone without one; never-Founder leaves the e-paper article as served; the popup shows the rule',
    needs: 'ext',
    timeoutMs: 90_000,
    async run(ctx) {
      const site = new URL(ctx.base).hostname;
      const page = await ctx.open('/epaper-site.html');
      await settled(page);
      await sleep(500);
      expectEqual(await texts(page, '#article p'), SITE_PAGE.served, 'without a rule: the page as served');

      step('page as served');
      const options = await openOptions(ctx);
      step('options open');
      // The address of the page, as a user would paste it: the form takes its site.
      await addRule(options, `${ctx.base}/epaper-site.html`, 'pdf');
      await options.waitForSelector(`#rules tr[data-site="${site}"]`, { timeout: 10_000 });
      // The open page re-judges itself with the hint, and a new page of the site is repaired from the start.
      step('rule added');
      await paragraphsBecome(page, SITE_PAGE.withHint, 'the open page, after the e-paper rule');
      step('open page repaired');
      const again = await ctx.open('/epaper-site.html');
      await paragraphsBecome(again, SITE_PAGE.withHint, 'a new page of the site, with the e-paper rule');

      step('new page repaired');
      const popup = await ctx.ext.openPopup(again);
      const line = await popup.textContent('#site-rule');
      expectTrue(!await popup.isHidden('#site-rule') && /PDF/.test(line ?? ''), `the popup shows the site's rule (${line})`);
      // Left open: closing a moz-extension tab can hang over BiDi; the runner closes the check's tabs.
      step('popup checked');

      // Never Founder-repair: the e-paper article, repaired on its own otherwise, stays as served.
      await options.locator(`#rules tr[data-site="${site}"] select`).first().selectOption('off');
      await paragraphsBecome(page, SITE_PAGE.served, 'the open page, after never-Founder');
      step('never-Founder: open page as served');
      const epaper = await ctx.open('/epaper.html');
      await settled(epaper);
      await sleep(500);
      expectEqual(await texts(epaper, '#article p'), EXPECT.epaper.damaged, 'the e-paper article with never-Founder: as served');

      // The rule removed: the article is repaired again, on its own.
      await options.locator(`#rules tr[data-site="${site}"] button`).click();
      await paragraphsBecome(epaper, EXPECT.epaper.paragraphs, 'the e-paper article, rule removed');

      if (ctx.browser === 'chromium') {
        // For the README: a few rules, in the light and the dark theme.
        await addRule(options, 'paper.people.com.cn', 'pdf');
        await addRule(options, 'bbs.example.com.tw', 'auto', { encoding: 'big5' });
        await addRule(options, 'forum.example.cn', 'off', { repair: false });
        await options.emulateMedia({ colorScheme: 'light' });
        await options.screenshot({ path: join(ctx.artifacts, `${ctx.browser}-options.png`), fullPage: true });
        await options.emulateMedia({ colorScheme: 'dark' });
        await options.screenshot({ path: join(ctx.artifacts, `${ctx.browser}-options-dark.png`), fullPage: true });
        await options.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
        await options.screenshot({ path: join(ctx.artifacts, `${ctx.browser}-options-forced-colors.png`), fullPage: true });
      }
    },
  },
  {
    name: 'options: a bad settings file changes nothing and says why; export → import round-trips',
    needs: 'ext',
    timeoutMs: 90_000,
    async run(ctx) {
      const options = await openOptions(ctx);
      await addRule(options, 'paper.example.cn', 'pdf');
      await addRule(options, 'bbs.example.tw', 'off', { encoding: 'big5', repair: false });
      await options.click('#highlight');
      await options.waitForFunction(() => document.querySelectorAll('#rules tbody tr').length === 2, undefined, { timeout: 10_000 });
      await sleep(300);
      const stored = async () => sorted(await ctx.ext.storage('sync', 'get'));
      const before = await stored();

      for (const [what, text, says] of [
        ['not JSON', '{"format": "luanma-settings", "version": 1,', /JSON/],
        ['a field of the wrong type', settingsFile({}, { enabled: 'yes' }), /enabled/],
        ['a bad rule', settingsFile({ 'x.cn': { founder: 'e-paper' } }), /x\.cn/],
        ['a site not named as the extension names sites', settingsFile({ 'HTTP://X.CN/': {} }), /HTTP:\/\/X\.CN\//],
      ] as Array<[string, string, RegExp]>) {
        const got = await importFile(options, 'bad.json', text);
        expectTrue(got.bad && says.test(got.status), `${what}: the page says why (${got.status})`);
        expectEqual(await stored(), before, `${what}: storage unchanged`);
        expectEqual(await options.locator('#rules tbody tr').count(), 2, `${what}: the rules shown unchanged`);
      }

      const file = await exportFile(options);
      expectTrue(/^luanma-settings-\d{4}-\d\d-\d\d\.json$/.test(file.name), `export file name (${file.name})`);
      const parsed = JSON.parse(file.text) as { highlight: boolean; sites: Record<string, unknown> };
      expectEqual(parsed.highlight, false, 'exported highlight');
      expectEqual(parsed.sites, {
        'bbs.example.tw': { repair: false, founder: 'off', encoding: 'big5' },
        'paper.example.cn': { repair: true, founder: 'pdf', encoding: null },
      }, 'exported rules');

      // Reset (after its confirmation), then import the export: everything is as it was.
      await options.click('#reset');
      await options.click('#reset-yes');
      await options.waitForFunction(() => document.querySelectorAll('#rules tbody tr').length === 0, undefined, { timeout: 10_000 });
      expectEqual(Object.keys(await stored()).filter((k) => k.startsWith('sites.')), [], 'reset: no rules stored');
      const got = await importFile(options, file.name, file.text);
      expectTrue(!got.bad, `importing the export: ${got.status}`);
      await options.waitForFunction(() => document.querySelectorAll('#rules tbody tr').length === 2, undefined, { timeout: 10_000 });
      // The same settings: an import writes every field, where the clicks above wrote only the one they changed.
      const now = await stored();
      expectEqual({ ...now, settings: undefined }, { ...before, settings: undefined }, 'rules stored after export → reset → import');
      expectEqual(sorted(now.settings as Record<string, unknown>), sorted({ enabled: true, ...(before.settings as object) }), 'switches stored after export → reset → import');
      expectEqual(await options.isChecked('#highlight'), false, 'highlight switch after import');
    },
  },
  {
    name: 'options: storage.sync quota — item sizes as Chromium counts them; rules beyond sync move to this device, are said, and still apply',
    needs: 'ext',
    only: 'chromium',
    timeoutMs: 120_000,
    async run(ctx) {
      const options = await openOptions(ctx);
      // The quota is real here: Chromium refuses an item above 8,192 bytes.
      const refused = await ev(options, async () => {
        try { await chrome.storage.sync.set({ probe: 'x'.repeat(8200) }); return null; } catch (err) { return String(err); }
      });
      expectTrue(refused !== null && /QuotaBytesPerItem|QUOTA_BYTES_PER_ITEM/i.test(refused), `Chromium enforces the item quota (${refused})`);

      // What the budget's margin is for: characters Chromium's JSON writer escapes where JSON.stringify does not.
      const escaped = await ev(options, async () => {
        await chrome.storage.sync.set({ probe: '<\u2028' });
        const n = await chrome.storage.sync.getBytesInUse('probe');
        await chrome.storage.sync.remove('probe');
        return n;
      });
      console.log(`    # '<' and U+2028: ${escaped} bytes as Chromium counts them, ${itemBytes('probe', '<\u2028')} by JSON.stringify`);
      expectTrue(escaped - itemBytes('probe', '<\u2028') <= 10, `escaping costs at most 5 bytes a character (${escaped})`);

      const site = new URL(ctx.base).hostname;
      const rules = (n: number) => {
        const sites: Record<string, unknown> = { [site]: { repair: false } };
        for (let i = 0; i < n; i++) sites[`site-${i}.example.com`] = { founder: 'pdf' };
        return sites;
      };
      // 2,000 rules fit in sync: Chromium accepts them, and counts every item as the quota logic does.
      let got = await importFile(options, 'many.json', settingsFile(rules(2000)));
      expectTrue(!got.bad, `2,000 rules imported (${got.status})`);
      await options.waitForFunction(() => document.body.dataset.sitesIn === 'sync', undefined, { timeout: 10_000 });
      const counted = await ev(options, async () => {
        const all = await chrome.storage.sync.get(null);
        const items: Record<string, [number, string]> = {};
        for (const k of Object.keys(all)) items[k] = [await chrome.storage.sync.getBytesInUse(k), JSON.stringify(all[k])];
        return { items, total: await chrome.storage.sync.getBytesInUse(null) };
      });
      const shardKeys = Object.keys(counted.items).filter((k) => k.startsWith('sites.'));
      expectEqual(shardKeys.length, 32, 'rules split across 32 items');
      for (const [key, [bytes, json]] of Object.entries(counted.items)) expectEqual(itemBytes(key, JSON.parse(json)), bytes, `size of ${key} as Chromium counts it`);
      expectTrue(counted.total <= SYNC_BUDGET.totalBytes, `sync total ${counted.total} within the budget ${SYNC_BUDGET.totalBytes}`);
      console.log(`    # 2,001 rules in sync: ${counted.total} bytes as Chromium counts them, largest item ${Math.max(...shardKeys.map((k) => counted.items[k][0]))}`);

      // 3,000 do not: they move to this device, the page says so, and a page of the site still gets its rule.
      got = await importFile(options, 'more.json', settingsFile(rules(3000)));
      expectTrue(!got.bad, `3,000 rules imported (${got.status})`);
      await options.waitForFunction(() => document.body.dataset.sitesIn === 'local', undefined, { timeout: 10_000 });
      expectTrue(await options.locator('#storage-note.warn').isVisible(), 'the page says the rules are kept on this device');
      const local = await ctx.ext.storage('local', 'get');
      expectEqual(local['sites$local'], true, 'storage.local holds the rules');
      const localRules = Object.keys(local).filter((k) => k.startsWith('sites.')).reduce((n, k) => n + Object.keys(local[k] as object).length, 0);
      expectEqual(localRules, 3001, 'rules in storage.local');
      const syncTotal = await ev(options, () => chrome.storage.sync.getBytesInUse(null));
      expectTrue(syncTotal <= SYNC_QUOTA.totalBytes, `sync still within its quota (${syncTotal})`);
      const forum = await ctx.open('/forum.html');
      await settled(forum);
      await sleep(800);
      expectTrue(await forum.evaluate(() => document.body.textContent!.includes('ÇëÎÊ')), 'the site switched off by a rule kept in storage.local: the forum stays as served');

      // Back under the quota: the rules return to sync and leave this device.
      got = await importFile(options, 'few.json', settingsFile({ 'one.example.cn': { founder: 'pdf' } }));
      await options.waitForFunction(() => document.body.dataset.sitesIn === 'sync', undefined, { timeout: 10_000 });
      const after = await ctx.ext.storage('local', 'get');
      expectEqual(Object.keys(after).filter((k) => k === 'sites$local' || k.startsWith('sites.')), [], 'storage.local holds no rules once they fit in sync');
      await resetSettings(ctx);
    },
  },
];
