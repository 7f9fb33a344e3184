/**
 * End-to-end checks of copying repaired text and of the keyboard commands, run in Chromium and Firefox like
 * checks.ts. Test browsers can neither click native context menus nor press extension shortcuts, so the test
 * build lets a page ask the background to run a menu item or a command for its tab and frame
 * (src/ext/copy-e2e.ts): the background then calls the same function its `contextMenus.onClicked` or
 * `commands.onCommand` listener calls. Headless browsers may refuse the clipboard, so checks read the string
 * handed to the clipboard writer: `<html data-luanma-last-copy>` for the content script, and
 * `window.__luanmaLastCopy` for the popup.
 */
import type { Page } from 'playwright-core';
import { EXPECT, type Check, type CheckContext } from './checks';
import { closePage, openPopup, settled } from './harness';

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

/** Runs a command or a context-menu item for the page's tab (and its top frame) through the test bridge. */
async function invoke(page: Page, req: { command: string } | { menuItemId: string }): Promise<boolean> {
  await page.waitForFunction(() => document.documentElement.dataset.luanmaE2e === 'ready', undefined, { timeout: 10_000 });
  return page.evaluate((r) => new Promise<boolean>((resolve, reject) => {
    const id = Math.random().toString(36).slice(2);
    addEventListener('message', (e) => { if (e.data && e.data.luanmaE2EReply === id) resolve(Boolean(e.data.ok)); });
    postMessage({ luanmaE2E: 'invoke', id, ...r }, '*');
    setTimeout(() => reject(new Error('the extension did not answer the invocation')), 8000);
  }), req);
}

const copies = (page: Page) => page.evaluate(() => Number(document.documentElement.dataset.luanmaCopies ?? 0));

/** Runs `act` and returns the string the content script then handed to the clipboard writer. */
async function contentCopy(page: Page, act: () => Promise<boolean>): Promise<string> {
  const before = await copies(page);
  expectTrue(await act(), 'the menu item or command reported success');
  await page.waitForFunction((n) => Number(document.documentElement.dataset.luanmaCopies ?? 0) > n, before, { timeout: 10_000 });
  return page.evaluate(() => document.documentElement.dataset.luanmaLastCopy ?? '');
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
async function toggleSite(page: Page, expect: string | null): Promise<void> {
  expectTrue(await invoke(page, { command: 'toggle-site' }), 'toggle-site command ran');
  if (expect !== null) await untilText(page, expect);
}

/** Clicks the popup's copy button and returns the string it handed to the clipboard writer. */
async function popupCopy(popup: Page): Promise<string> {
  // One evaluate per step: Playwright's element queries are slow on moz-extension pages.
  const before = await popup.evaluate(() => Number(document.body.dataset.copies ?? 0));
  await popup.evaluate(() => (document.querySelector('#copy-page') as HTMLButtonElement).click());
  await popup.waitForFunction((n) => Number(document.body.dataset.copies ?? 0) > n, before, { timeout: 10_000 });
  const state = await popup.evaluate(() => document.body.dataset.copyState);
  expectTrue(state === 'copied' || state === 'denied', `the popup got the page's text (state ${state})`);
  return popup.evaluate(() => (window as unknown as { __luanmaLastCopy: string }).__luanmaLastCopy);
}

export const COPY_CHECKS: Check[] = [
  {
    name: 'copy: toggle-site command switches repair off (exact original text) and back on',
    async run({ open }: CheckContext) {
      const page = await open('/forum.html');
      const r = await settled(page);
      expectTrue(r.spans.length > 0, 'the page had repairs (needs the real engine)');
      const repaired = await bodyText(page);
      const source = await served(page);
      expectTrue(repaired !== source, 'repaired text differs from the source');
      await toggleSite(page, source);
      expectEqual(await bodyText(page), source, 'text after the command switched the site off');
      await toggleSite(page, repaired);
      expectEqual(await bodyText(page), repaired, 'text after the command switched the site back on');
    },
  },
  {
    name: 'copy repaired selection (context menu, shortcut) where repair is off for the site',
    async run({ open }: CheckContext) {
      const page = await open('/epaper.html');
      await settled(page);
      const source = await served(page);
      await toggleSite(page, source);
      try {
        expectEqual(await bodyText(page), source, 'page text with repair off');
        // Several paragraphs with markup inside (b, a): the copy keeps one line per paragraph.
        const selected = await selectParagraphs(page, 2, 5);
        expectTrue(selected !== EXPECT.epaper.paragraphs.slice(2, 6).join('\n'), 'the selection is damaged text');
        const viaMenu = await contentCopy(page, () => invoke(page, { menuItemId: MENU_COPY }));
        expectEqual(nonEmptyLines(viaMenu), EXPECT.epaper.paragraphs.slice(2, 6), 'lines copied by the menu item');
        expectTrue(/\n/.test(viaMenu), 'line breaks survive');
        expectEqual(await bodyText(page), source, 'the page itself stays as served');
        expectEqual(await page.evaluate(() => getSelection()!.toString()), selected, 'the reader keeps the selection');
        // The keyboard command finds the frame with the selection itself.
        await selectParagraphs(page, 0, 0);
        const viaCommand = await contentCopy(page, () => invoke(page, { command: 'copy-repaired-selection' }));
        expectEqual(viaCommand, EXPECT.epaper.paragraphs[0], 'text copied by the shortcut');
        const notice = () => page.evaluate(() => document.querySelector<HTMLElement>('luanma-overlay[data-luanma-notice]')?.dataset.luanmaNotice ?? null);
        expectTrue(['copied', 'denied'].includes(String(await notice())), `a notice tells the reader (${await notice()})`);
        // Nothing selected: nothing is copied, and the notice says so.
        await page.evaluate(() => getSelection()!.removeAllRanges());
        const before = await copies(page);
        expectEqual(await invoke(page, { command: 'copy-repaired-selection' }), false, 'shortcut with nothing selected');
        expectEqual(await notice(), 'nothing', 'notice with nothing selected');
        expectEqual(await copies(page), before, 'clipboard writes with nothing selected');
      } finally {
        await toggleSite(page, null);
      }
    },
  },
  {
    name: 'copy repaired selection: encoding damage in a forum post, repair off',
    async run({ open }: CheckContext) {
      const page = await open('/forum.html');
      await settled(page);
      const source = await served(page);
      await toggleSite(page, source);
      try {
        for (const id of ['utf8gbk', 'gbk1252'] as const) {
          await page.evaluate((sel) => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector(sel)!);
            getSelection()!.removeAllRanges();
            getSelection()!.addRange(range);
          }, `#post-${id} .content`);
          const got = await contentCopy(page, () => invoke(page, { menuItemId: MENU_COPY }));
          expectEqual(got, EXPECT.forum.expected[id], `copied post ${id}`);
        }
      } finally {
        await toggleSite(page, null);
      }
    },
  },
  {
    name: 'copy: ordinary copy across several repaired nodes and highlights yields the repaired text',
    async run({ open }: CheckContext) {
      const page = await open('/epaper.html');
      const r = await settled(page);
      expectTrue(r.spans.length > 0, 'the page had repairs (needs the real engine)');
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
    async run(ctx: CheckContext) {
      const page = await ctx.open('/epaper.html');
      await settled(page);
      const shown = await page.evaluate(() => document.body.innerText);
      const right = (text: string) => nonEmptyLines(text).filter((l, i) => l === EXPECT.epaper.paragraphs[i]).length;
      // The article's exact repair is the engine's business (checks.ts); here: the copy is what the page shows.
      expectTrue(right(shown) > EXPECT.epaper.paragraphs.length / 2, `the page is mostly repaired (${right(shown)} lines right)`);
      let popup = await openPopup(ctx.context, page);
      try {
        expectEqual(await popupCopy(popup), shown, 'copied with repair on');
      } finally {
        await closePage(popup);
      }
      const source = await served(page);
      await toggleSite(page, source);
      try {
        popup = await openPopup(ctx.context, page);
        try {
          // Repaired on the way out, as one document: at least as right as the page's own repair.
          const copied = await popupCopy(popup);
          expectEqual(nonEmptyLines(copied).length, EXPECT.epaper.paragraphs.length, 'lines copied with repair off');
          expectTrue(right(copied) >= right(shown), `copied with repair off: ${right(copied)} lines right, the repaired page had ${right(shown)}`);
        } finally {
          await closePage(popup);
        }
      } finally {
        await toggleSite(page, null);
      }
    },
  },
  {
    name: 'copy: the popup button and the context-menu item open the paste-and-fix page',
    async run(ctx: CheckContext) {
      const page = await ctx.open('/clean.html');
      await page.waitForFunction(() => document.documentElement.dataset.luanmaE2e === 'ready', undefined, { timeout: 10_000 });
      const popup = await openPopup(ctx.context, page);
      const fixTab = async (what: string, act: () => Promise<unknown>) => {
        const [tab] = await Promise.all([ctx.context.waitForEvent('page', { timeout: 10_000 }).catch(() => { throw new CheckFailure(`${what}: no new tab`); }), act()]);
        // A new tab starts as about:blank; BiDi does not report moz-extension loads, so wait for the commit only.
        await tab.waitForURL(/\/fix\.html$/, { timeout: 10_000, waitUntil: 'commit' });
        return tab;
      };
      try {
        const fromPopup = await fixTab('popup button', () => popup.evaluate(() => (document.querySelector('#open-fix') as HTMLButtonElement).click()));
        expectTrue(/^(chrome|moz)-extension:\/\/[^/]+\/fix\.html$/.test(fromPopup.url()), `popup opened ${fromPopup.url()}`);
        await closePage(fromPopup);
      } finally {
        await closePage(popup);
      }
      const fromMenu = await fixTab('menu item', () => invoke(page, { menuItemId: 'open-fix-page' }));
      expectTrue(/^(chrome|moz)-extension:\/\/[^/]+\/fix\.html$/.test(fromMenu.url()), `menu item opened ${fromMenu.url()}`);
    },
  },
  {
    // Playwright reaches Chromium's service worker, not Firefox's background page.
    name: 'copy repaired selection in a frame without a live content script (the fallback; Chromium)',
    async run(ctx: CheckContext) {
      if (ctx.browser !== 'chromium') return;
      const page = await ctx.open('/forum.html');
      await settled(page);
      await toggleSite(page, await served(page));
      const sw = ctx.context.serviceWorkers()[0];
      try {
        await page.evaluate(() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector('#post-gbk1252 .content')!);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
        });
        // The fallback runs no test hook of its own: what it wrote is read back from the (headless) clipboard.
        await ctx.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.base });
        await page.bringToFront();
        await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
        // What copyRepairedSelection falls back to when no content script answers (a tab open since before
        // the extension was installed or reloaded): the decoder bundle and a self-contained function, injected.
        const ok = await sw.evaluate(`(async () => {
          const [tab] = await chrome.tabs.query({ url: ${JSON.stringify(ctx.base + '/forum.html')} });
          return globalThis.__luanmaE2E.copyInFrameWithoutContentScript(tab.id, 0, '');
        })()`);
        expectEqual(ok, true, 'fallback result');
        expectEqual(await page.evaluate(() => navigator.clipboard.readText()), EXPECT.forum.expected.gbk1252, 'copied text');
      } finally {
        await toggleSite(page, null);
      }
    },
  },
];
