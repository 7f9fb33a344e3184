/**
 * The end-to-end checks, each run in Chromium and in Firefox. Damaged fixtures come from real
 * damage (make-pages.ts); each check asserts the exact text a correct engine must produce.
 *
 * Checks observe the extension as a user would, on the production build: the page's DOM, the popup, the
 * stored counts. `needs` says what else a check uses, and so which build runs it (run.ts):
 * - none: the page alone (production build in both browsers);
 * - 'ext': the extension's own context (storage, popup, fix.html, its world in a frame): production in
 *   Chromium (service worker, chrome-extension:// URLs); the test build's control page in Firefox, whose
 *   WebDriver BiDi cannot open moz-extension:// URLs;
 * - 'commands': a keyboard command or a context-menu item, which no test browser can press: the test build
 *   in both browsers (background-hooks.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RepairCounts } from '../../src/dom/rewrite-store';
import { ALL_SHARD_KEYS, LOCAL_SITES_KEY } from '../../src/ext/shared/settings-quota';
import { eventually, ev, PAGES, settled, sleep, type BrowserName, type BuildKind, type ExtensionAccess } from './harness';

interface Expectations {
  epaper: { paragraphs: string[]; damaged: string[] };
  forum: { expected: Record<string, string>; damaged: Record<string, string> };
  fields: { para: string; title: string; attrs: { title: string; alt: string; placeholder: string; aria: string }; untouchedDamaged: string };
  dynamic: { added: string; changed: string; fightDamaged: string };
  frames: { inFrame: string; inShadow: string };
  novel: { text: string };
}

export const EXPECT = JSON.parse(readFileSync(join(PAGES, 'expectations.json'), 'utf8')) as Expectations;

export interface CheckContext {
  context: BrowserContext;
  base: string;
  browser: BrowserName;
  build: BuildKind;
  open(path: string): Promise<Page>;
  artifacts: string;
  /** The extension's own context; throws where the session has none (a check without `needs`). */
  ext: ExtensionAccess;
  /** The extension's origin (chrome-extension://<id> or moz-extension://<uuid>), to tell its scripts apart. */
  extOrigin: string;
  /** Hostile pages at full size (`--full`), not CI's small ones. */
  full: boolean;
  /** A row of measured figures (hostile pages), printed by the runner. */
  figure(row: Record<string, string | number>): void;
}

export interface Check {
  name: string;
  needs?: 'ext' | 'commands';
  /** Only in these browsers (default both). */
  only?: BrowserName;
  /** Default 30 s. */
  timeoutMs?: number;
  run(ctx: CheckContext): Promise<void>;
}

export class CheckFailure extends Error {}
function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const i = expected.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(actual[k]));
    if (i >= 0 || actual.length !== expected.length) {
      const k = i >= 0 ? i : expected.length;
      throw new CheckFailure(`${what}[${k}] (of ${expected.length}):\n      expected ${JSON.stringify(expected[k])}\n      actual   ${JSON.stringify(actual[k])}`);
    }
    return;
  }
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new CheckFailure(`${what}:\n      expected ${e.slice(0, 300)}\n      actual   ${a.slice(0, 300)}`);
}
function expectTrue(cond: boolean, what: string): void { if (!cond) throw new CheckFailure(what); }

/** Spans repaired or flagged on the page's tab, as the background counts them. */
const spansOf = (c: RepairCounts) => c.founder + c.encoding + c.lossy;

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));

/** The page's text exactly as served: parsed from a fresh fetch of the same URL. */
const sourceBodyText = (page: Page) => page.evaluate(async () => {
  const html = await (await fetch(location.href)).text();
  return new DOMParser().parseFromString(html, 'text/html').body.textContent;
});

export async function resetSettings(ctx: CheckContext): Promise<void> {
  await ctx.ext.storage('sync', 'clear');
  // Site rules kept on this device once they outgrew sync (settings-quota.ts); the lifetime counts beside them stay.
  await ctx.ext.storage('local', 'remove', { keys: [LOCAL_SITES_KEY, ...ALL_SHARD_KEYS] });
}

/** Counts reach the background in coalesced bursts (counts-reporter.ts): wait until they stop changing. */
export async function settledCounts(ctx: CheckContext, page: Page): Promise<RepairCounts> {
  let last = JSON.stringify(await ctx.ext.tabCounts(page));
  for (let i = 0; i < 20; i++) {
    await sleep(250);
    const now = JSON.stringify(await ctx.ext.tabCounts(page));
    if (now === last) return JSON.parse(now) as RepairCounts;
    last = now;
  }
  return JSON.parse(last) as RepairCounts;
}

export const CHECKS: Check[] = [
  {
    name: 'e-paper article (Founder damage) reads right',
    async run({ open }) {
      const page = await open('/epaper.html');
      await settled(page);
      const want = JSON.stringify(EXPECT.epaper.paragraphs);
      expectEqual(await eventually(() => texts(page, '#article p'), (got) => JSON.stringify(got) === want), EXPECT.epaper.paragraphs, 'paragraphs');
    },
  },
  {
    name: 'forum: exactly the UTF-8-as-GBK and GBK-as-windows-1252 posts are repaired',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const counts = await settledCounts(ctx, page);
      const got = await page.$$eval('.post', (els) => Object.fromEntries(els.map((e) => [e.id.replace('post-', ''), e.querySelector('.content')!.textContent])));
      expectEqual(got, EXPECT.forum.expected, 'posts');
      const authors = await texts(page, '.author');
      expectEqual(authors, ['用户1', '用户2', '用户3', '用户4', '用户5'], 'untouched author names');
      expectTrue(counts.founder === 0, 'no Founder repair on a forum page');
    },
  },
  {
    name: 'clean page (袁世凯/医院/要求) untouched',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/clean.html');
      await settled(page);
      expectEqual(await page.evaluate(() => document.body.textContent), await sourceBodyText(page), 'body text');
      expectEqual(spansOf(await settledCounts(ctx, page)), 0, 'repaired spans');
      // 袁 is one of the gate's Founder tells, so the decoder may be loaded here; it must change nothing.
    },
  },
  {
    name: 'an ordinary Chinese page never loads the decoder bundle',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/ordinary.html');
      await settled(page);
      // Most pages have no mojibake: the gate alone must clear them, without the codec tables and model.
      expectEqual(await ctx.ext.decoderLoaded(page), false, 'decoder bundle injected');
      expectEqual(spansOf(await settledCounts(ctx, page)), 0, 'repaired spans');
    },
  },
  {
    name: 'content added after load is repaired; a script that keeps re-damaging a node cannot make it loop',
    async run({ open }) {
      const page = await open('/dynamic.html');
      await page.waitForSelector('#added', { timeout: 5000 });
      await sleep(600);
      await settled(page);
      expectEqual(await page.textContent('#added'), EXPECT.dynamic.added, 'appended paragraph');
      expectEqual(await page.textContent('#status'), EXPECT.dynamic.changed, 'changed text node');
      const writes1 = await page.evaluate(() => (window as unknown as { fightWrites: number }).fightWrites);
      await sleep(1000);
      const writes2 = await page.evaluate(() => (window as unknown as { fightWrites: number }).fightWrites);
      expectTrue(writes2 === writes1 && writes1 <= 10, `the repairer gave up on the contested node (page rewrites ${writes1} → ${writes2})`);
    },
  },
  {
    name: 'same-origin iframe and open shadow root are repaired',
    async run({ open }) {
      const page = await open('/frames.html');
      const frame = page.frames().find((f) => f.url().endsWith('/frame-child.html'));
      expectTrue(Boolean(frame), 'iframe present');
      await frame!.waitForLoadState();
      await settled(frame!);
      await settled(page);
      expectEqual(await frame!.textContent('#child'), EXPECT.frames.inFrame, 'iframe text');
      expectEqual(await page.evaluate(() => document.getElementById('host')!.shadowRoot!.getElementById('shadow-text')!.textContent), EXPECT.frames.inShadow, 'shadow text');
    },
  },
  {
    name: 'document.title and title/alt/placeholder/aria-label attributes are repaired',
    async run({ open }) {
      const page = await open('/fields.html');
      await settled(page);
      expectEqual(await page.title(), EXPECT.fields.title, 'document.title');
      expectEqual(await page.getAttribute('#link', 'title'), EXPECT.fields.attrs.title, 'title attribute');
      expectEqual(await page.getAttribute('#img', 'alt'), EXPECT.fields.attrs.alt, 'alt attribute');
      expectEqual(await page.getAttribute('#search', 'placeholder'), EXPECT.fields.attrs.placeholder, 'placeholder attribute');
      expectEqual(await page.getAttribute('#menu', 'aria-label'), EXPECT.fields.attrs.aria, 'aria-label attribute');
      expectEqual(await page.textContent('#para'), EXPECT.fields.para, 'paragraph');
    },
  },
  {
    name: 'input, textarea, contenteditable and opted-out (data-luanma-off) text untouched',
    async run({ open }) {
      const page = await open('/fields.html');
      await settled(page);
      const d = EXPECT.fields.untouchedDamaged;
      expectEqual(await page.inputValue('#input'), d, 'input value');
      expectEqual(await page.inputValue('#textarea'), d, 'textarea value');
      expectEqual(await page.textContent('#textarea'), d, 'textarea text');
      expectEqual(await page.textContent('#editable'), d, 'contenteditable');
      expectEqual(await page.textContent('#optout'), d, 'data-luanma-off');
    },
  },
  {
    name: 'plain-text document (.txt in a <pre>) is repaired',
    async run({ open }) {
      const page = await open('/novel.txt');
      await settled(page);
      expectEqual(await page.evaluate(() => document.body.textContent), EXPECT.novel.text, 'text');
    },
  },
  {
    name: 'selecting and copying repaired text yields the repaired text',
    async run({ open }) {
      const page = await open('/epaper.html');
      await settled(page);
      const got = await page.evaluate(() => {
        const p = document.querySelectorAll('#article p')[2];
        const range = document.createRange();
        range.selectNodeContents(p);
        const sel = getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        let copied: string | null = null;
        document.addEventListener('copy', () => { copied = getSelection()!.toString(); }, { once: true });
        document.execCommand('copy');
        return { selected: sel.toString(), copied };
      });
      expectEqual(got.selected, EXPECT.epaper.paragraphs[2], 'selection');
      if (got.copied !== null) expectEqual(got.copied, EXPECT.epaper.paragraphs[2], 'text seen by the copy handler');
    },
  },
  {
    name: 'repaired spans are highlighted without changing the DOM (CSS Custom Highlight API)',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const counts = await settledCounts(ctx, page);
      expectTrue(spansOf(counts) > 0, 'something was repaired (needs the real engine)');
      const h = await page.evaluate(() => {
        const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
        return { size: reg?.get('luanma-repaired')?.size ?? -1, elements: document.querySelectorAll('body *').length };
      });
      // Each forum repair lies inside one text node: one range per repaired step.
      expectEqual(h.size, counts.founder + counts.encoding, 'highlighted ranges');
      const served = await page.evaluate(async () => new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').querySelectorAll('body *').length);
      expectEqual(h.elements, served, 'element count (no wrappers added)');
    },
  },
  {
    name: 'popup numbers match what was repaired; badge-source counts per kind',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const r = { counts: await settledCounts(ctx, page) };
      const changedNodes = await changedTextNodes(page);
      const popup = await ctx.ext.openPopup(page);
      // One evaluate for all numbers: Playwright's element queries are slow on moz-extension pages.
      const stats = await popup.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-stat]')].map((e) => [e.dataset.stat!, Number(e.textContent)])));
      const stat = async (k: string) => stats[k];
      const expected = { founder: r.counts.founder, encoding: r.counts.encoding, lossy: r.counts.lossy, chars: r.counts.chars };
      expectTrue(r.counts.encoding + r.counts.founder > 0, 'something was repaired (needs the real engine)');
      expectEqual({ founder: await stat('tab-founder'), encoding: await stat('tab-encoding'), lossy: await stat('tab-lossy'), chars: await stat('tab-chars') }, expected, 'popup tab counts');
      expectEqual(await stat('tab-repaired'), r.counts.founder + r.counts.encoding, 'popup repaired total');
      // The page's DOM against the counts: every text node the extension changed holds at least one counted step.
      expectTrue(changedNodes > 0 && changedNodes <= r.counts.founder + r.counts.encoding, `counts derive from steps (${changedNodes} changed text nodes, ${r.counts.founder + r.counts.encoding} steps)`);
      expectTrue((await stat('life-repaired')) >= r.counts.founder + r.counts.encoding, 'lifetime totals include this tab');
    },
  },
  {
    name: 'site switch (此网站/this site) off restores the exact original text, back on repairs again',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const r = { spans: { length: spansOf(await settledCounts(ctx, page)) } };
      const repaired = await page.evaluate(() => document.body.textContent);
      const source = await sourceBodyText(page);
      const popup = await ctx.ext.openPopup(page);
      try {
        const site = popup.getByRole('switch', { name: /此网站|此網站|this site/ });
        expectTrue(await site.isChecked(), 'site switch starts on');
        await site.click();
        await page.waitForFunction((src) => document.body.textContent === src, source, { timeout: 5000 }).catch(() => undefined);
        expectEqual(await page.evaluate(() => document.body.textContent), source, 'text after switching off');
        expectEqual(await page.evaluate(() => document.body.innerHTML), await page.evaluate(async () => new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').body.innerHTML), 'markup after switching off');
        // The list of switched-off sites offers a way back on.
        const back = popup.getByRole('button', { name: /127\.0\.0\.1/ });
        await back.click();
        await page.waitForFunction((t) => document.body.textContent === t, repaired, { timeout: 5000 }).catch(() => undefined);
        expectEqual(await page.evaluate(() => document.body.textContent), repaired, 'text after switching back on');
        expectTrue(r.spans.length > 0, 'the page had repairs to restore (needs the real engine)');
        expectEqual(repaired !== source, true, 'repaired text differs from the source');
      } finally {
        await resetSettings(ctx);
      }
    },
  },
  {
    name: 'global switch off wins; highlight switch clears highlights',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const repaired = await page.evaluate(() => document.body.textContent);
      const source = await sourceBodyText(page);
      const popup = await ctx.ext.openPopup(page);
      try {
        await popup.getByRole('switch', { name: /高亮|醒目|Highlight/ }).click();
        await sleep(300);
        expectEqual(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('luanma-repaired')), false, 'highlight removed');
        await popup.getByRole('switch', { name: /所有网站|所有網站|all sites/ }).click();
        await page.waitForFunction((src) => document.body.textContent === src, source, { timeout: 5000 }).catch(() => undefined);
        expectEqual(await page.evaluate(() => document.body.textContent), source, 'text with repair off globally');
        expectTrue(await popup.getByRole('switch', { name: /此网站|此網站|this site/ }).isDisabled(), 'site switch disabled while global is off');
        await popup.getByRole('switch', { name: /所有网站|所有網站|all sites/ }).click();
        await page.waitForFunction((t) => document.body.textContent === t, repaired, { timeout: 5000 }).catch(() => undefined);
        expectEqual(await page.evaluate(() => document.body.textContent), repaired, 'text with repair back on');
      } finally {
        await resetSettings(ctx);
      }
    },
  },
];

/** Text nodes whose text differs from the page as served (nodes line up one to one: the markup never changes). */
export async function changedTextNodes(page: Page): Promise<number> {
  return ev(page, async () => {
    const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    const texts = (d: Document) => { const w = d.createTreeWalker(d.body, NodeFilter.SHOW_TEXT); const out: string[] = []; for (let n = w.nextNode(); n; n = w.nextNode()) out.push((n as Text).data); return out; };
    const a = texts(served), b = texts(document);
    let runs = 0;
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) runs++;
    return runs;
  });
}
