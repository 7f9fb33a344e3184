/**
 * End-to-end checks of copying repaired text and of the keyboard commands, run in Chromium and Firefox like
 * checks.ts. Test browsers can neither click native context menus nor press extension shortcuts, so these run
 * on the test build, whose background lets the test (never a page) run a menu item or a command for a tab
 * (src/ext/e2e/background-hooks.ts): the same function `contextMenus.onClicked` or `commands.onCommand` calls.
 *
 * Copies from the page are read back from the real (headless) clipboard; copies from an extension page
 * (the popup) are caught by a test-side spy on its clipboard writer. The product has no copy hook.
 */
import type { Page } from 'playwright-core';
import { EXPECT, resetSettings, type Check, type CheckContext } from './checks';
import { eventually, ev, readClipboard, settled, spiedCopies, spyClipboard, writeClipboard } from './harness';

class CheckFailure extends Error {}
function expectEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) {
    let i = 0;
    while (i < a.length && a[i] === e[i]) i++;
    throw new CheckFailure(`${what}: first difference at ${i}:\n      expected …${e.slice(Math.max(0, i - 40), i + 120)}\n      actual   …${a.slice(Math.max(0, i - 40), i + 120)}`);
  }
}
function expectTrue(cond: boolean, what: string): void { if (!cond) throw new CheckFailure(what); }

const MENU_COPY = 'copy-repaired-selection';
/** What the clipboard holds before a copy: a copy that did not happen leaves it. */
const SENTINEL = '(nothing copied)';

/** Runs `act` (a menu item or command that copies) and returns what then is on the clipboard. */
async function contentCopy(page: Page, act: () => Promise<boolean>): Promise<string> {
  await writeClipboard(page, SENTINEL);
  expectTrue(await act(), 'the menu item or command reported success');
  const got = await readClipboard(page);
  expectTrue(got !== SENTINEL, 'something was copied');
  return got;
}

/** Selects e-paper paragraphs [from, to] (whole elements, markup and all); returns the selection's text. */
const selectParagraphs = (page: Page, from: number, to: number) => page.evaluate(([a, b]) => {
  const ps = document.querySelectorAll('#article p');
  const range = document.createRange();
  range.setStart(ps[a], 0);
  range.setEnd(ps[b], ps[b].childNodes.length);
  const sel = getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  return sel.toString();
}, [from, to]);

const bodyText = (page: Page) => page.evaluate(() => document.body.textContent);
const served = (page: Page) => page.evaluate(async () => new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').body.textContent);
const untilText = (page: Page, text: string) => page.waitForFunction((t) => document.body.textContent === t, text, { timeout: 5000 }).catch(() => undefined);
const nonEmptyLines = (s: string) => s.split(/\n+/).map((l) => l.trim()).filter(Boolean);

/** Switches repair for the page's site with the toggle-site command and waits for the page to show `expect`. */
async function toggleSite(ctx: CheckContext, page: Page, expect: string | null): Promise<void> {
  expectTrue(await ctx.ext.invoke(page, { command: 'toggle-site' }), 'toggle-site command ran');
  if (expect !== null) await untilText(page, expect);
}

/** Clicks the popup's copy button and returns the string it handed to the clipboard writer. */
async function popupCopy(popup: Page): Promise<string> {
  await spyClipboard(popup);
  // One evaluate per step: Playwright's element queries are slow on moz-extension pages.
  const before = await popup.evaluate(() => Number(document.body.dataset.copies ?? 0));
  await popup.evaluate(() => (document.querySelector('#copy-page') as HTMLButtonElement).click());
  await popup.waitForFunction((n) => Number(document.body.dataset.copies ?? 0) > n, before, { timeout: 10_000 });
  const state = await popup.evaluate(() => document.body.dataset.copyState);
  expectTrue(state === 'copied' || state === 'denied', `the popup got the page's text (state ${state})`);
  const copies = await spiedCopies(popup);
  expectTrue(copies.length > 0, 'the popup handed a text to the clipboard writer');
  return copies[copies.length - 1];
}

export const COPY_CHECKS: Check[] = [
  {
    name: 'copy: toggle-site command switches repair off (exact original text) and back on',
    needs: 'commands',
    async run(ctx: CheckContext) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const counts = await ctx.ext.tabCounts(page);
      expectTrue(counts.founder + counts.encoding + counts.lossy > 0, 'the page had repairs (needs the real engine)');
      const repaired = await bodyText(page);
      const source = await served(page);
      expectTrue(repaired !== source, 'repaired text differs from the source');
      await toggleSite(ctx, page, source);
      expectEqual(await bodyText(page), source, 'text after the command switched the site off');
      await toggleSite(ctx, page, repaired);
      expectEqual(await bodyText(page), repaired, 'text after the command switched the site back on');
    },
  },
  {
    name: 'copy repaired selection (context menu, shortcut) where repair is off for the site',
    needs: 'commands',
    async run(ctx: CheckContext) {
      const page = await ctx.open('/epaper.html');
      await settled(page);
      const source = await served(page);
      await toggleSite(ctx, page, source);
      try {
        expectEqual(await bodyText(page), source, 'page text with repair off');
        // Several paragraphs with markup inside (b, a): the copy keeps one line per paragraph.
        const selected = await selectParagraphs(page, 2, 5);
        expectTrue(selected !== EXPECT.epaper.paragraphs.slice(2, 6).join('\n'), 'the selection is damaged text');
        const viaMenu = await contentCopy(page, () => ctx.ext.invoke(page, { menuItemId: MENU_COPY }));
        expectEqual(nonEmptyLines(viaMenu), EXPECT.epaper.paragraphs.slice(2, 6), 'lines copied by the menu item');
        expectTrue(/\n/.test(viaMenu), 'line breaks survive');
        expectEqual(await bodyText(page), source, 'the page itself stays as served');
        expectEqual(await page.evaluate(() => getSelection()!.toString()), selected, 'the reader keeps the selection');
        // The keyboard command finds the frame with the selection itself.
        await selectParagraphs(page, 0, 0);
        const viaCommand = await contentCopy(page, () => ctx.ext.invoke(page, { command: 'copy-repaired-selection' }));
        expectEqual(viaCommand, EXPECT.epaper.paragraphs[0], 'text copied by the shortcut');
        const notice = () => page.evaluate(() => document.querySelector<HTMLElement>('luanma-overlay[data-luanma-notice]')?.dataset.luanmaNotice ?? null);
        expectTrue(['copied', 'denied'].includes(String(await notice())), `a notice tells the reader (${await notice()})`);
        // Nothing selected: nothing is copied, and the notice says so.
        await page.evaluate(() => getSelection()!.removeAllRanges());
        await writeClipboard(page, SENTINEL);
        expectEqual(await ctx.ext.invoke(page, { command: 'copy-repaired-selection' }), false, 'shortcut with nothing selected');
        expectEqual(await notice(), 'nothing', 'notice with nothing selected');
        expectEqual(await readClipboard(page), SENTINEL, 'clipboard with nothing selected');
      } finally {
        await resetSettings(ctx);
      }
    },
  },
  {
    name: 'copy repaired selection: encoding damage in a forum post, repair off',
    needs: 'commands',
    async run(ctx: CheckContext) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const source = await served(page);
      await toggleSite(ctx, page, source);
      try {
        for (const id of ['utf8gbk', 'gbk1252'] as const) {
          await page.evaluate((sel) => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector(sel)!);
            getSelection()!.removeAllRanges();
            getSelection()!.addRange(range);
          }, `#post-${id} .content`);
          const got = await contentCopy(page, () => ctx.ext.invoke(page, { menuItemId: MENU_COPY }));
          expectEqual(got, EXPECT.forum.expected[id], `copied post ${id}`);
        }
      } finally {
        await resetSettings(ctx);
      }
    },
  },
  {
    name: 'copy: ordinary copy across several repaired nodes and highlights yields the repaired text',
    async run({ open }: CheckContext) {
      const page = await open('/epaper.html');
      await settled(page);
      expectTrue(await bodyText(page) !== await served(page), 'the page had repairs (needs the real engine)');
      const got = await page.evaluate(() => {
        const ps = document.querySelectorAll('#article p');
        const range = document.createRange();
        // From inside the first paragraph's text to inside the sixth's: partial nodes at both ends.
        range.setStart(ps[0].firstChild!, 3);
        range.setEnd(ps[5].lastChild!.firstChild ?? ps[5].lastChild!, 2);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        let copied: string | null = null;
        document.addEventListener('copy', () => { copied = getSelection()!.toString(); }, { once: true });
        document.execCommand('copy');
        const highlighted = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('luanma-repaired')?.size ?? 0;
        return { selected: getSelection()!.toString(), copied, highlighted };
      });
      expectTrue(got.highlighted > 0, 'repairs are highlighted');
      const p = EXPECT.epaper.paragraphs;
      const expected = [p[0].slice(3), ...p.slice(1, 5), p[5].slice(0, p[5].indexOf('治功能') + 2)];
      expectEqual(nonEmptyLines(got.selected), expected, 'selected lines');
      if (got.copied !== null) expectEqual(got.copied, got.selected, 'text seen by the copy handler');
    },
  },
  {
    name: "copy the page from the popup: the page's repaired text, with repair on and off",
    needs: 'commands',
    async run(ctx: CheckContext) {
      const page = await ctx.open('/epaper.html');
      await settled(page);
      const right = (text: string) => nonEmptyLines(text).filter((l, i) => l === EXPECT.epaper.paragraphs[i]).length;
      // The page is read once its repair is done (a busy machine may still be on it after settled()).
      const shown = await eventually(() => page.evaluate(() => document.body.innerText), (t) => right(t) === EXPECT.epaper.paragraphs.length);
      // The article's exact repair is the engine's business (checks.ts); here: the copy is what the page shows.
      expectTrue(right(shown) > EXPECT.epaper.paragraphs.length / 2, `the page is mostly repaired (${right(shown)} lines right)`);
      let popup = await ctx.ext.openPopup(page);
      expectEqual(await popupCopy(popup), shown, 'copied with repair on');
      const source = await served(page);
      await toggleSite(ctx, page, source);
      try {
        popup = await ctx.ext.openPopup(page);
        // Repaired on the way out, as one document: at least as right as the page's own repair.
        const copied = await popupCopy(popup);
        expectEqual(nonEmptyLines(copied).length, EXPECT.epaper.paragraphs.length, 'lines copied with repair off');
        expectTrue(right(copied) >= right(shown), `copied with repair off: ${right(copied)} lines right, the repaired page had ${right(shown)}`);
      } finally {
        await resetSettings(ctx);
      }
    },
  },
  {
    name: 'copy: the popup button and the context-menu item open the paste-and-fix page',
    needs: 'commands',
    async run(ctx: CheckContext) {
      const page = await ctx.open('/clean.html');
      await settled(page);
      const popup = await ctx.ext.openPopup(page);
      const fixTab = async (what: string, act: () => Promise<unknown>) => {
        const [tab] = await Promise.all([ctx.context.waitForEvent('page', { timeout: 10_000 }).catch(() => { throw new CheckFailure(`${what}: no new tab`); }), act()]);
        // A new tab starts as about:blank; BiDi does not report moz-extension loads, so wait for the commit only.
        await tab.waitForURL(/\/fix\.html$/, { timeout: 10_000, waitUntil: 'commit' });
        return tab;
      };
      const fromPopup = await fixTab('popup button', () => popup.evaluate(() => (document.querySelector('#open-fix') as HTMLButtonElement).click()));
      expectTrue(/^(chrome|moz)-extension:\/\/[^/]+\/fix\.html$/.test(fromPopup.url()), `popup opened ${fromPopup.url()}`);
      const fromMenu = await fixTab('menu item', () => ctx.ext.invoke(page, { menuItemId: 'open-fix-page' }));
      expectTrue(/^(chrome|moz)-extension:\/\/[^/]+\/fix\.html$/.test(fromMenu.url()), `menu item opened ${fromMenu.url()}`);
    },
  },
  {
    // Playwright reaches Chromium's service worker, not Firefox's background page.
    name: 'copy repaired selection in a frame without a live content script (the fallback; Chromium)',
    needs: 'commands',
    only: 'chromium',
    async run(ctx: CheckContext) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      await toggleSite(ctx, page, await served(page));
      const sw = ctx.ext.worker!;
      const tabId = await ctx.ext.tabIdOf(page);
      try {
        await page.evaluate(() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector('#post-gbk1252 .content')!);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
        });
        // The fallback runs no test hook of its own: what it wrote is read back from the (headless) clipboard.
        await writeClipboard(page, SENTINEL);
        // What copyRepairedSelection falls back to when no content script answers (a tab open since before
        // the extension was installed or reloaded): the decoder bundle and a self-contained function, injected.
        const ok = await ev(sw, (id: number) => (globalThis as unknown as { __luanmaE2E: { copyInFrameWithoutContentScript(t: number, f: number, s: string): Promise<boolean> } })
          .__luanmaE2E.copyInFrameWithoutContentScript(id, 0, ''), tabId);
        expectEqual(ok, true, 'fallback result');
        expectEqual(await readClipboard(page), EXPECT.forum.expected.gbk1252, 'copied text');
      } finally {
        await resetSettings(ctx);
      }
    },
  },
];
