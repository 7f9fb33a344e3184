/** Browser launching, the static server and the page-side helpers shared by the e2e checks. */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, firefox, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { E2EReport } from '../../src/ext/e2e/content-bridge';
import { E2E_GECKO_ID as GECKO_ID } from '../../wxt.config';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PAGES = resolve(import.meta.dirname, 'pages');
export const ARTIFACTS = resolve(import.meta.dirname, '.artifacts');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.js': 'text/javascript',
};

export function serve(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = join(PAGES, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(PAGES) || !existsSync(path) || !statSync(path).isFile()) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    ok({ server, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` });
  }));
}

/** Test builds carry the e2e bridge (`--mode e2e`); `fake` swaps in the fixture-only decoder double. */
export function buildExtension(fake: boolean): { chrome: string; firefox: string; outDir: string } {
  // A private output directory per run: two runs (or a run and a developer's build) never share files.
  const outDir = join(ROOT, '.output', `e2e-${process.pid}`);
  const env = { ...process.env, LUANMA_OUT_DIR: outDir, ...(fake ? { LUANMA_FAKE_ENGINE: '1' } : {}) };
  for (const args of [['wxt', 'build', '--mode', 'e2e'], ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e']]) {
    const r = spawnSync('npx', args, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  }
  return { chrome: join(outDir, 'chrome-mv3-e2e'), firefox: join(outDir, 'firefox-mv2-e2e'), outDir };
}

export interface Launched { context: BrowserContext; close(): Promise<void> }

export async function launchChromium(extDir: string): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'luanma-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    args: [
      `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 10_000 });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } };
}

export async function launchFirefox(extDir: string): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'luanma-firefox-'));
  const xpiDir = join(profile, 'extensions');
  spawnSync('mkdir', ['-p', xpiDir]);
  const zip = spawnSync('zip', ['-qr', join(xpiDir, `${GECKO_ID}.xpi`), '.'], { cwd: extDir, encoding: 'utf8' });
  if (zip.status !== 0) throw new Error(`zip failed: ${zip.stderr}`);
  const context = await firefox.launchPersistentContext(profile, {
    channel: 'moz-firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    firefoxUserPrefs: {
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: '5c1e2a3b-0000-4000-8000-000000000001' }),
    },
  });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the frame's content script (through the test build's bridge) what it has repaired. */
export async function report(frame: Frame | Page): Promise<E2EReport> {
  await frame.waitForFunction(() => document.documentElement.dataset.luanmaE2e === 'ready', undefined, { timeout: 10_000 });
  // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
  return frame.evaluate(REPORT_SCRIPT) as Promise<E2EReport>;
}

const REPORT_SCRIPT = `new Promise((resolve, reject) => {
  const id = Math.random().toString(36).slice(2);
  function onMessage(e) {
    if (!e.data || e.data.luanmaE2EReply !== id) return;
    removeEventListener('message', onMessage);
    resolve(e.data);
  }
  addEventListener('message', onMessage);
  postMessage({ luanmaE2E: 'report', id }, '*');
  setTimeout(() => reject(new Error('the content script did not answer')), 8000);
})`;

/** Waits until the frame's repairs stop changing (the content script runs at document_idle, in slices). */
export async function settled(frame: Frame | Page, minMs = 300): Promise<E2EReport> {
  const deadline = Date.now() + 10_000;
  let last = await report(frame);
  for (;;) {
    await sleep(minMs);
    const next = await report(frame);
    if (next.running && next.spans.length === last.spans.length && JSON.stringify(next.counts) === JSON.stringify(last.counts)) return next;
    if (Date.now() > deadline) return next;
    last = next;
  }
}

/** Opens popup.html?tab=<this page's tab> as a tab: the background does it on the bridge's request. */
export async function openPopup(context: BrowserContext, page: Page): Promise<Page> {
  // Firefox sometimes never reports the extension page's new realm to Playwright after the tab's
  // about:blank → popup.html navigation; then evaluate hangs. Another tab is the reliable cure.
  for (let attempt = 1; ; attempt++) {
    const [popup] = await Promise.all([
      context.waitForEvent('page', { timeout: 10_000 }),
      page.evaluate(() => postMessage({ luanmaE2E: 'open-popup', id: 'popup' }, '*')),
    ]);
    if (await popupReady(popup)) return popup;
    await closePage(popup);
    if (attempt === 3) throw new Error(`popup did not become ready (at ${popup.url()})`);
  }
}

async function popupReady(popup: Page): Promise<boolean> {
  // Playwright's load events are not reported for moz-extension pages over BiDi: poll instead.
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (popup.url().includes('popup.html')) {
      await sleep(150);
      const ready = await Promise.race([
        popup.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false),
        sleep(1000).then(() => false),
      ]);
      if (ready) return true;
    }
    await sleep(100);
  }
  return false;
}

/**
 * Closes a page. Playwright's page.close() can hang for minutes on a moz-extension tab in Firefox
 * (BiDi), so extension pages close themselves instead (allowed for tabs the extension opened).
 */
export async function closePage(page: Page): Promise<void> {
  if (page.isClosed()) return;
  if (page.url().startsWith('moz-extension:')) {
    await Promise.race([page.evaluate(() => window.close()).catch(() => undefined), sleep(1000)]);
    return;
  }
  await Promise.race([page.close().catch(() => undefined), sleep(5000)]);
}

export { sleep };
