/**
 * End-to-end checks of the paste-and-fix page (fix.html), run in Chromium and Firefox like checks.ts.
 *
 * Chromium opens chrome-extension://<id>/fix.html directly (production build). Firefox's WebDriver BiDi
 * refuses to navigate to moz-extension:// URLs, so there the test build's control page opens it in a new tab.
 *
 * The copied text is caught by a test-side spy on the page's clipboard writer (harness.ts: spyClipboard).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import type { Check, CheckContext } from './checks';
import { repairDocument } from '../../src/core/document/repair-chunks';
import { collectEvidence, repair } from '../../src/core/index';
import { spiedCopies, spyClipboard } from './harness';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const SEED = readFileSync(join(FIXTURES, 'seed-founder.txt'), 'utf8');
const EXPECTED = readFileSync(join(FIXTURES, 'seed-founder.expected.txt'), 'utf8');
/** The 5 MB check: the seed article repeated to about 5 MB of UTF-8. */
const FIVE_MB = 5 * 1024 * 1024;

class CheckFailure extends Error {}
function expectEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) {
    let i = 0;
    while (i < a.length && a[i] === e[i]) i++;
    throw new CheckFailure(`${what}: first difference at ${i}:\n      expected …${e.slice(Math.max(0, i - 40), i + 160)}\n      actual   …${a.slice(Math.max(0, i - 40), i + 160)}`);
  }
}
function expectTrue(cond: boolean, what: string): void { if (!cond) throw new CheckFailure(what); }

async function openFixPage(ctx: CheckContext): Promise<Page> {
  const page = await ctx.ext.openExtensionPage('/fix.html');
  await page.setViewportSize({ width: 1200, height: 760 });
  await page.waitForFunction(() => document.body?.dataset.state === 'idle', undefined, { timeout: 10_000 });
  await spyClipboard(page);
  return page;
}

/** Waits for the current repair to finish (the input handler sets `pending` synchronously). */
async function repaired(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', undefined, { timeout });
  expectEqual(await page.evaluate(() => document.body.dataset.state), 'done', 'page state (status: see #status)');
}

/** Clicks the copy button and returns the string it handed to the clipboard writer. */
async function copied(page: Page): Promise<string> {
  const before = await page.evaluate(() => Number(document.body.dataset.copies ?? 0));
  await page.click('#copy');
  await page.waitForFunction((n) => Number(document.body.dataset.copies ?? 0) > n, before, { timeout: 5000 });
  const copies = await spiedCopies(page);
  return copies[copies.length - 1];
}

async function paste(page: Page, text: string): Promise<void> {
  await page.fill('#input', text);
  await repaired(page);
}

export const FIX_CHECKS: Check[] = [
  {
    needs: 'ext',
    name: 'fix.html: the pasted seed article comes out of the copy button repaired; the input keeps what was pasted',
    async run(ctx) {
      const page = await openFixPage(ctx);
      await paste(page, SEED);
      expectEqual(await copied(page), EXPECTED, 'copied text');
      expectEqual(await page.inputValue('#input'), SEED, 'input box');
      const marks = await page.$$eval('#output button.step', (els) => els.map((e) => ({ pressed: e.getAttribute('aria-pressed'), title: e.getAttribute('title') ?? '' })));
      expectTrue(marks.length > 20 && marks.every((m) => m.pressed === 'true' && m.title.length > 0), `repairs are marked with a title (${marks.length} marks)`);
      await page.screenshot({ path: join(ctx.artifacts, `${ctx.browser}-fix-page.png`) });
    },
  },
  {
    needs: 'ext',
    name: 'fix.html: a rejected repair keeps its original in the copied text',
    async run(ctx) {
      const page = await openFixPage(ctx);
      await paste(page, SEED);
      const first = page.locator('#output button[data-step="0"]');
      const replacement = await first.textContent() ?? '';
      const start = Number(await first.getAttribute('data-start'));
      const end = Number(await first.getAttribute('data-end'));
      await first.click();
      expectEqual(await first.getAttribute('aria-pressed'), 'false', 'rejected step is not pressed');
      const original = await first.textContent() ?? '';
      expectEqual(original, SEED.slice(start, end), 'a rejected step shows its original');
      const want = EXPECTED.slice(0, start) + original + EXPECTED.slice(start + replacement.length);
      expectEqual(await copied(page), want, 'copied text with the first repair rejected');
      await first.click();
      expectEqual(await copied(page), EXPECTED, 'copied text with it accepted again');
    },
  },
  {
    needs: 'ext',
    name: 'fix.html: a GBK-encoded .txt loaded with the file picker is decoded and repaired',
    async run(ctx) {
      const page = await openFixPage(ctx);
      const gbk = iconv.encode(SEED, 'gbk');
      expectEqual(iconv.decode(gbk, 'gbk'), SEED, 'the seed round-trips through GBK');
      await page.setInputFiles('#file-input', { name: 'seed-gbk.txt', mimeType: 'text/plain', buffer: gbk });
      await repaired(page);
      expectEqual(await page.evaluate(() => document.body.dataset.encoding), 'gb18030', 'detected encoding');
      expectEqual(await page.inputValue('#input'), SEED, 'decoded input');
      expectEqual(await copied(page), EXPECTED, 'copied text');
    },
  },
  {
    needs: 'ext',
    name: 'fix.html: a binary or empty file gets a message and the input is kept; the Founder-off hint re-runs the repair',
    async run(ctx) {
      const page = await openFixPage(ctx);
      await paste(page, SEED);
      await page.setInputFiles('#file-input', { name: 'picture.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
      await page.waitForFunction(() => document.body.dataset.fileError === 'binary', undefined, { timeout: 5000 });
      expectTrue(((await page.textContent('#file-status')) ?? '').includes('picture.png'), 'the message names the file');
      await page.setInputFiles('#file-input', { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
      await page.waitForFunction(() => document.body.dataset.fileError === 'empty', undefined, { timeout: 5000 });
      expectEqual(await page.inputValue('#input'), SEED, 'input kept');
      await page.check('input[name="hint"][value="founder-off"]');
      await repaired(page);
      expectEqual(await copied(page), SEED, 'with Founder repair off the seed is left as it is');
      await page.check('input[name="hint"][value="auto"]');
      await repaired(page);
      expectEqual(await copied(page), EXPECTED, 'back to automatic');
    },
  },
  {
    needs: 'ext',
    name: 'fix.html: a 5 MB file is repaired in the worker with progress, and only on-screen blocks are in the DOM',
    async run(ctx) {
      const page = await openFixPage(ctx);
      let text = '';
      while (Buffer.byteLength(text) < FIVE_MB) text += `${SEED}\n`;
      const t0 = Date.now();
      await page.setInputFiles('#file-input', { name: 'novel.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
      await page.waitForFunction(() => document.body.dataset.state === 'working', undefined, { timeout: 10_000 });
      // The page answers while the worker runs: a round trip to it takes a few milliseconds, not the repair's seconds.
      const ping0 = Date.now();
      await page.evaluate(() => document.querySelector('#progress')?.getAttribute('value'));
      const pingMs = Date.now() - ping0;
      await repaired(page, 25_000);
      const ms = Date.now() - t0;
      expectEqual(await page.evaluate(() => [document.body.dataset.large, (document.querySelector('#input') as HTMLTextAreaElement).readOnly]), ['true', true], 'large text held outside the (read-only) input box');
      const dom = await page.evaluate(() => ({ blocks: document.querySelectorAll('#output .block').length, nodes: document.querySelectorAll('#output *').length }));
      expectTrue(dom.blocks > 0 && dom.blocks < 40 && dom.nodes < 5000, `rendered ${dom.blocks} blocks, ${dom.nodes} elements`);
      await page.evaluate(() => { const o = document.querySelector('#output')!; o.scrollTop = o.scrollHeight / 2; });
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('#output .block')].some((b) => Number(b.dataset.block) > 100), undefined, { timeout: 5000 });
      expectEqual(await page.evaluate(() => document.body.dataset.ran), 'worker', 'where the repair ran');
      // The same chunking as the command-line tool, so the same text (a pair such as 野…冶 cut by a chunk
      // boundary stays unrepaired in both; the whole-article equality is checked on the seed above).
      const cli = repairDocument({ repair, collectEvidence }, text, { maxChars: 64 * 1024 }).text;
      const got = await copied(page);
      expectTrue(got === cli, `copied text equals the CLI's repair of the same file (${got.length} vs ${cli.length} chars)`);
      expectTrue(pingMs < 1000, `page answered in ${pingMs} ms while repairing`);
      console.log(`    # ${ctx.browser}: 5 MB (${text.length} chars) loaded and repaired in ${ms} ms; page answered in ${pingMs} ms mid-repair; ${dom.blocks} blocks rendered`);
    },
  },
];
