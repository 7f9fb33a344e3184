/**
 * Re-decoding mislabelled pages from their own bytes (src/ext/content/redecode-client.ts and the session in the
 * decoder bundle), in Chromium and Firefox, against the lying pages of redecode-pages.ts on their own server.
 *
 * Each page must end up reading exactly as its true text (title, headings, paragraphs split by <b> and <a>, image
 * description, field hint, footer), with no request beyond the navigation's own (the bytes come from the cache),
 * no reload, and no error from the extension. Correctly labelled pages are requested once and never changed.
 * The popup path: a page mis-decoded too thinly for the automatic path is re-decoded by the button, can be forced
 * into another encoding, is remembered for the site, forgotten, and restored when the site is switched off.
 *
 * Harness-specific bits (opening the popup) are in `popupOf` alone, so the checks move with the harness.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Check, CheckContext } from './checks';
import { eventually, sleep } from './harness';
import { decodeText, DYNAMIC_ADDED, encodeText, SPARSE, textsOf, type PageTexts } from './redecode-pages';
import { redecodeServer } from './redecode-server';

class CheckFailure extends Error {}
const fail = (what: string): never => { throw new CheckFailure(what); };

/** How long the automatic path may take on a small page (detection, cache read, decoder bundle, mapping). */
const SETTLE_MS = 12_000;
/** How long a page that must stay as it is is watched. */
const QUIET_MS = 2_500;

let serial = 0;

/** Errors from the extension seen on a page: uncaught ones, console errors from extension scripts, its warnings. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  // Only errors thrown in an extension's scripts: Firefox also reports the page's own parser notices this way.
  page.on('pageerror', (e) => { if (/extension:\/\//.test(e.stack ?? '')) errors.push(`uncaught: ${e.message}`); });
  page.on('console', (m) => {
    const fromExtension = /^(chrome|moz)-extension:/.test(m.location().url ?? '');
    if ((m.type() === 'error' && fromExtension) || m.text().startsWith('[luanma]')) errors.push(`${m.type()}: ${m.text()}`);
  });
  return errors;
}

interface Opened { page: Page; key: string; errors: string[]; count(): number }

/** Opens /rd/<name> at an address of its own (so its request count and cache entry are this check's alone). */
async function openRd(ctx: CheckContext, name: string, initScript?: string): Promise<Opened> {
  const srv = await redecodeServer();
  const key = `/rd/${name}?v=${ctx.browser}-${++serial}`;
  const page = await ctx.context.newPage();
  const errors = watchErrors(page);
  if (initScript) await page.addInitScript(initScript);
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(srv.base + key);
  return { page, key, errors, count: () => srv.count(key) };
}

const READ_TEXTS = `(() => {
  const out = { title: document.title };
  for (const id of ['h1', 'p1', 'h2', 'p2', 'p3', 'footer']) out[id] = document.getElementById(id)?.textContent ?? null;
  out.alt = document.getElementById('img')?.getAttribute('alt') ?? null;
  out.placeholder = document.getElementById('field')?.getAttribute('placeholder') ?? null;
  return out;
})()`;

const readTexts = (page: Page) => page.evaluate(READ_TEXTS) as Promise<PageTexts>;

function diff(actual: PageTexts, expected: PageTexts): string | null {
  for (const k of Object.keys(expected)) {
    if (actual[k] !== expected[k]) return `${k}:\n      expected ${JSON.stringify(expected[k])}\n      actual   ${JSON.stringify(actual[k])}`;
  }
  return null;
}

/** Waits until the page reads `expected` (every key), or fails with the first difference; reads at least once. */
async function expectTexts(page: Page, expected: PageTexts, what: string, read = readTexts, timeoutMs = SETTLE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // At least one read: with a timeout of 1 ms (a check that the text is still right) a busy machine reached the
  // deadline before the first read and failed with nothing read.
  for (;;) {
    const problem = diff(await read(page), expected);
    if (problem === null) return;
    if (Date.now() >= deadline) fail(`${what}: ${problem}`);
    await sleep(200);
  }
}

function expectClean(o: Opened, requests = 1): void {
  if (o.count() !== requests) fail(`${o.key} was requested ${o.count()} times (expected ${requests}: the bytes must come from the cache)`);
  if (o.errors.length) fail(`errors from the extension:\n      ${o.errors.join('\n      ')}`);
}

/** The tab's popup. The one harness-specific step: opened for the page's tab as the harness does. */
const popupOf = (ctx: CheckContext, page: Page) => ctx.ext.openPopup(page);

/** Closes a popup tab (Firefox: moz-extension pages close themselves more reliably than Playwright closes them). */
async function closePage(page: Page): Promise<void> {
  if (page.isClosed()) return;
  if (page.url().startsWith('moz-extension:')) {
    await Promise.race([page.evaluate(() => window.close()).catch(() => undefined), sleep(1000)]);
    return;
  }
  await Promise.race([page.close().catch(() => undefined), sleep(5000)]);
}
const popupState = (popup: Page) => popup.evaluate(() => document.body.dataset.redecodeState ?? '');
const popupText = (popup: Page, sel: string) => popup.evaluate((s) => document.querySelector(s)?.textContent ?? '', sel);
const popupNote = (popup: Page) => popup.evaluate(() => document.body.dataset.redecodeNote ?? '');

/** A page whose true text must appear on its own: re-decoded automatically, bytes from the cache. */
function automatic(name: string, label: string): Check {
  return {
    name: `re-decode: ${label} reads as its true text, automatically, with no request beyond the page's own`,
    needs: 'ext',
    async run(ctx) {
      const srv = await redecodeServer();
      const served = srv.pages.get(name)!;
      const o = await openRd(ctx, name);
      await expectTexts(o.page, served.truth, name);
      // Re-decoded, not merely repaired as text (the windows-1252 page could be): unless the browser guessed right.
      const guessedRight = (await o.page.evaluate(() => document.characterSet)).toLowerCase() === served.encoding;
      const popup = await popupOf(ctx, o.page);
      const state = await popupState(popup);
      const status = `${await popupText(popup, '#redecode-status')} (${await popupNote(popup)})`;
      await closePage(popup);
      if (state !== (guessedRight ? 'clean' : 'applied')) fail(`the popup says ${state}: ${status}`);
      // Re-decoded text carries its own highlight (the CSS Custom Highlight API registry is the document's).
      const marked = await o.page.evaluate(() => (CSS as unknown as { highlights?: Map<string, unknown> }).highlights?.has('luanma-redecoded') ?? false);
      if (marked !== !guessedRight) fail(`the re-decoded highlight is ${marked ? 'set' : 'missing'}`);
      expectClean(o);
    },
  };
}


/** Clicks the popup's re-decode button with `encoding` chosen ('' = as detected) and waits for its answer. */
async function clickRedecode(popup: Page, encoding: string): Promise<string> {
  const before = Number(await popup.evaluate(() => document.body.dataset.redecodeClicks ?? '0'));
  await popup.selectOption('#redecode-encoding', encoding);
  await popup.click('#redecode-button');
  await popup.waitForFunction((n) => Number(document.body.dataset.redecodeClicks ?? '0') > n, before, { timeout: 10_000 });
  return popup.evaluate(() => document.body.dataset.redecodeState ?? '');
}

/** What the sparse page shows when its bytes are decoded as `enc`, piece by piece, as the mapping writes it. */
function sparseAs(enc: 'utf-8' | 'euc-kr'): PageTexts {
  const fffd = (s: string) => [...s].filter((c) => c === '\ufffd').length;
  return textsOf(SPARSE, (run) => {
    const bytes = encodeText('gbk', run);
    const shown = decodeText('utf-8', bytes);
    if (enc === 'utf-8') return shown;
    const other = decodeText(enc, bytes);
    // A piece is rewritten only where it looks damaged and the new decoding loses no more than the browser's.
    return shown.includes('\ufffd') && fffd(other) <= fffd(shown) ? other : shown;
  });
}


export const REDECODE_CHECKS: Check[] = [
  automatic('gbk-as-utf8.html', 'GBK labelled UTF-8'),
  automatic('big5-as-utf8.html', 'Big5 labelled UTF-8'),
  automatic('sjis-as-utf8.html', 'Shift_JIS labelled UTF-8'),
  automatic('gbk-no-label.html', 'GBK without a label (whatever the browser guessed)'),
  automatic('gbk-meta-1252.html', 'GBK with a wrong <meta charset=windows-1252>'),
  {
    name: 're-decode: a plain-text GBK novel chapter labelled UTF-8 reads as its true text',
    async run(ctx) {
      const srv = await redecodeServer();
      const o = await openRd(ctx, 'novel-gbk.txt');
      const read = async (page: Page) => ({ text: await page.evaluate(() => document.contentType === 'text/plain' ? document.querySelector('pre')?.textContent ?? null : `a ${document.contentType} document`) }) as PageTexts;
      await expectTexts(o.page, srv.pages.get('novel-gbk.txt')!.truth, 'the chapter', read);
      expectClean(o);
    },
  },
  {
    name: 're-decode: a GBK page labelled UTF-8 whose scripts add content keeps it, its nodes, its form state, and is not reloaded',
    async run(ctx) {
      const srv = await redecodeServer();
      const o = await openRd(ctx, 'gbk-dynamic.html');
      const { page } = o;
      await expectTexts(page, srv.pages.get('gbk-dynamic.html')!.truth, 'gbk-dynamic.html');
      await page.waitForSelector('#late', { timeout: 5000 });
      await sleep(300);
      const state = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        const w = window as unknown as { rdLoads: number };
        return {
          early: document.getElementById('early')?.textContent, late: document.getElementById('late')?.textContent,
          mark: (document.getElementById('p1') as unknown as { rdMark?: string }).rdMark, field: (document.getElementById('field') as HTMLInputElement).value,
          loads: w.rdLoads, navigations: nav.length, type: nav[0]?.type,
        };
      });
      if (state.early !== DYNAMIC_ADDED.early || state.late !== DYNAMIC_ADDED.late) fail(`script-added text changed: ${JSON.stringify([state.early, state.late])}`);
      if (state.mark !== 'kept') fail('the paragraph is not the same node (its expando is gone)');
      if (state.field !== 'typed before') fail(`the field's value was lost: ${JSON.stringify(state.field)}`);
      if (state.loads !== 1 || state.navigations !== 1 || state.type !== 'navigate') fail(`the page was reloaded: ${JSON.stringify(state)}`);
      await page.click('#counter');
      if ((await page.textContent('#counter')) !== '1') fail('the page\'s event handler no longer runs');
      expectClean(o);
    },
  },
  ...(['utf8-right.html', 'gbk-right.html'] as const).map((name): Check => ({
    name: `re-decode: a correctly labelled ${name.startsWith('utf8') ? 'UTF-8' : 'GBK'} page is requested once and never changed`,
    needs: 'ext',
    async run(ctx) {
      const srv = await redecodeServer();
      // Records every change to the page's text once the parser is done (it appends to text nodes as it goes).
      const o = await openRd(ctx, name, `document.addEventListener('DOMContentLoaded', () => new MutationObserver((records) => {
        for (const r of records) (window.rdTextChanges ??= []).push(r.type + ': ' + JSON.stringify(r.oldValue) + ' -> ' + JSON.stringify(r.target.data ?? r.target.getAttribute?.(r.attributeName)));
      }).observe(document, { subtree: true, characterData: true, characterDataOldValue: true, attributes: true, attributeOldValue: true, attributeFilter: ['title', 'alt', 'placeholder', 'aria-label'] }));`);
      await expectTexts(o.page, srv.pages.get(name)!.truth, name);
      await sleep(QUIET_MS);
      await expectTexts(o.page, srv.pages.get(name)!.truth, name, readTexts, 1);
      const changes = await o.page.evaluate(() => (window as unknown as { rdTextChanges?: string[] }).rdTextChanges ?? []);
      if (changes.length) fail(`${changes.length} text changes on a correctly labelled page: ${changes.slice(0, 3).join('; ')}`);
      const popup = await popupOf(ctx, o.page);
      const state = await popupState(popup);
      const button = await popup.isVisible('#redecode-button');
      await closePage(popup);
      if (state !== 'clean' || button) fail(`the popup offers re-decoding on a clean page (state ${state}, button ${button ? 'shown' : 'hidden'})`);
      expectClean(o);
    },
  })),
  {
    // One check, since each step needs the site's choice from the step before (a runner may clear storage between checks).
    needs: 'ext',
    timeoutMs: 90_000,
    name: 're-decode (popup): a thinly damaged page is offered; the button re-decodes it; another encoding can be forced; the choice is remembered for the next page, counted, undone by switching the site off, and forgotten',
    async run(ctx) {
      const truth = textsOf(SPARSE, (s) => s);
      const o = await openRd(ctx, 'sparse-1.html');
      await sleep(1500);
      if (diff(await readTexts(o.page), truth) === null) fail('the thin page was re-decoded without being asked');
      let popup = await popupOf(ctx, o.page);
      if (await popupState(popup) !== 'offered') fail(`popup state ${await popupState(popup)}, status ${JSON.stringify(await popupText(popup, '#redecode-status'))} (${await popupNote(popup)})`);
      if (!(await popupText(popup, '#redecode-status')).includes('GBK')) fail(`the popup does not name the detected encoding: ${await popupText(popup, '#redecode-status')}`);
      if (await clickRedecode(popup, '') !== 'applied') fail(`after the button: ${await popupText(popup, '#redecode-status')}`);
      await expectTexts(o.page, truth, 're-decoded as detected');
      if (await clickRedecode(popup, 'euc-kr') !== 'applied') fail(`after forcing EUC-KR: ${await popupText(popup, '#redecode-status')}`);
      await expectTexts(o.page, sparseAs('euc-kr'), 'forced to EUC-KR');
      if (await clickRedecode(popup, 'gbk') !== 'applied') fail(`after forcing GBK: ${await popupText(popup, '#redecode-status')}`);
      await expectTexts(o.page, truth, 'forced back to GBK');
      // The popup redraws the rule when the background's storage write reaches it, after the page already shows the
      // text: wait for it (a CI run read EUC-KR, the choice before, right after the page turned back to GBK).
      const rule = await eventually(() => popupText(popup, '#redecode-rule'), (t) => t.includes('GBK'), 5000);
      if (!rule.includes('GBK')) fail(`the site's choice is not shown: ${rule}`);
      await popup.setViewportSize({ width: 340, height: 640 });
      await popup.screenshot({ path: join(ctx.artifacts, `${ctx.browser}-popup-redecoded.png`) });
      await closePage(popup);
      expectClean(o);

      // The next page of the site is re-decoded by the remembered choice, from the cache, and counted.
      const next = await openRd(ctx, 'sparse-2.html');
      await expectTexts(next.page, truth, 'the next page of the site');
      popup = await popupOf(ctx, next.page);
      if (!(await popupText(popup, '#redecode-status')).includes('GBK')) fail(`popup on the next page: ${await popupText(popup, '#redecode-status')}`);
      const deadline = Date.now() + 5000;
      while (Number(await popupText(popup, '[data-stat="tab-redecode"]')) === 0 && Date.now() < deadline) await sleep(200);
      if (!(Number(await popupText(popup, '[data-stat="tab-redecode"]')) > 0)) fail('the popup counts no re-decoded text for the tab');
      // Switching the site off restores what the page showed; on again re-decodes.
      await popup.click('#site-switch');
      await expectTexts(next.page, sparseAs('utf-8'), 'the site switched off');
      await popup.click('#site-switch');
      await expectTexts(next.page, truth, 'the site switched on again');
      // Forgotten: the next page stays as the browser showed it.
      await popup.click('#redecode-forget');
      await popup.waitForFunction(() => (document.querySelector('#redecode-rule') as HTMLElement).hidden, undefined, { timeout: 5000 });
      await closePage(popup);
      expectClean(next);
      const after = await openRd(ctx, 'sparse-3.html');
      await sleep(QUIET_MS);
      if (diff(await readTexts(after.page), truth) === null) fail('the page was re-decoded after the choice was forgotten');
      popup = await popupOf(ctx, after.page);
      if (await popupState(popup) !== 'offered') fail(`popup state after forgetting: ${await popupState(popup)}`);
      await closePage(popup);
      expectClean(after);
    },
  },
];
