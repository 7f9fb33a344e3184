/**
 * Browser sessions, the static server and the page-side helpers shared by the e2e checks.
 *
 * A session is one browser with one build of the extension:
 * - `production`: the build users get (`wxt build`). Checks read the page's DOM directly and wait until it
 *   stops changing. In Chromium the service worker (Playwright's `serviceWorker.evaluate`) reads and writes
 *   storage, finds tabs and asks a frame's extension world whether the decoder was injected; popup.html?tab=…
 *   and fix.html are opened directly at chrome-extension://<id>/. Firefox offers no way in to the extension
 *   (BiDi reaches neither the background page nor moz-extension:// URLs): there, production sessions run the
 *   checks that need only the page.
 * - `test` (`wxt build --mode e2e`, its own name and id): the same content script and popup, plus the
 *   background hooks of src/ext/e2e/background-hooks.ts, for what needs a test-only path: invoking commands
 *   and context-menu items (no test browser can press them) in both browsers, and, in Firefox, everything
 *   that needs an extension page (storage, popup, fix.html), through the control page the test build opens.
 *
 * Every page of a session is watched for errors from the extension (uncaught errors and rejections, console
 * errors from extension scripts, the extension's own `[luanma]` warnings; in Chromium the service worker's
 * console too); the runner fails the check during which one appears.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, firefox, type BrowserContext, type ConsoleMessage, type Frame, type Page, type Worker } from 'playwright-core';
import { E2E_GECKO_ID, GECKO_ID } from '../../wxt.config';
import type { RepairCounts } from '../../src/dom/rewrite-store';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PAGES = resolve(import.meta.dirname, 'pages');
export const ARTIFACTS = resolve(import.meta.dirname, '.artifacts');

export type BrowserName = 'chromium' | 'firefox';
export type BuildKind = 'production' | 'test';

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

export interface Builds { production: { chrome: string; firefox: string }; test: { chrome: string; firefox: string }; outDir: string }

/** Both builds for both browsers, in a private directory (`fake` swaps in the fixture-only decoder double). */
export function buildExtensions(fake: boolean): Builds {
  const outDir = join(ROOT, '.output', `e2e-${process.pid}`);
  const run = (sub: string, args: string[]) => {
    const env = { ...process.env, LUANMA_OUT_DIR: join(outDir, sub), ...(fake ? { LUANMA_FAKE_ENGINE: '1' } : {}) };
    const r = spawnSync('npx', ['wxt', 'build', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`wxt build ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  };
  run('production', []);
  run('production', ['-b', 'firefox']);
  run('test', ['--mode', 'e2e']);
  run('test', ['-b', 'firefox', '--mode', 'e2e']);
  return {
    production: { chrome: join(outDir, 'production', 'chrome-mv3'), firefox: join(outDir, 'production', 'firefox-mv2') },
    test: { chrome: join(outDir, 'test', 'chrome-mv3-e2e'), firefox: join(outDir, 'test', 'firefox-mv2-e2e') },
    outDir,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn(arg)` in a page, frame or worker. The function is sent as source text with a stand-in for tsx's
 * name-keeping helper (`__name`), which exists only in Node: inner helpers may then be written as usual.
 */
export function ev<A, R>(target: Page | Frame | Worker, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  const src = `((__name) => (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}))((f) => f)`;
  return (target as Page).evaluate(src) as Promise<R>;
}

/** The extension API in Chromium's service worker (`chrome`), typed as WXT types `browser`. */
type Api = typeof browser;
declare const chrome: Api;

type StorageArea = { get(k: null): Promise<Record<string, unknown>>; clear(): Promise<void>; set(v: object): Promise<void>; remove(k: string[]): Promise<void> };

/**
 * One storage operation, run in the extension's own context (serialised into it): Chromium's service worker,
 * whose API is `chrome`, or the Firefox test build's control page, whose API is `browser`.
 */
async function storageOp([a, o, v]: [string, string, Record<string, unknown> | null]): Promise<Record<string, unknown>> {
  const g = globalThis as unknown as { browser?: { storage: unknown }; chrome?: { storage: unknown } };
  const s = ((g.browser ?? g.chrome)!.storage as Record<string, StorageArea>)[a];
  if (o === 'get') return await s.get(null);
  if (o === 'clear') { await s.clear(); return {}; }
  if (o === 'remove') { await s.remove((v?.keys as string[] | undefined) ?? []); return {}; }
  await s.set(v ?? {});
  return {};
}

/** Counts and reads of the extension that need its own context (storage, tabs, its world in a frame). */
export interface ExtensionAccess {
  /** chrome-extension://<id> or moz-extension://<uuid>. */
  origin: string;
  /** `remove` takes `{ keys: string[] }`. */
  storage(area: 'sync' | 'session' | 'local', op: 'get' | 'clear' | 'set' | 'remove', value?: Record<string, unknown>): Promise<Record<string, unknown>>;
  tabIdOf(page: Page): Promise<number>;
  /** popup.html?tab=<the page's tab>, ready (its body says so). */
  openPopup(page: Page): Promise<Page>;
  /** Another extension page (fix.html), committed. */
  openExtensionPage(path: string): Promise<Page>;
  /** Whether the decoder bundle was injected into any frame of the page's tab (asked in the extension's world). */
  decoderLoaded(page: Page): Promise<boolean>;
  /** The tab's counts as the background keeps them (storage.session). */
  tabCounts(page: Page): Promise<RepairCounts>;
  /** The toolbar button's title for the page's tab (action.getTitle; browserAction in Firefox's MV2 build). */
  actionTitle(page: Page): Promise<string>;
  /** Test builds: runs a keyboard command or a context-menu item for the page's tab (top frame), as the browser would. */
  invoke(page: Page, req: { command: string } | { menuItemId: string; selectionText?: string }): Promise<boolean>;
  /** Test builds in Chromium: the service worker, for the background's own functions. */
  worker?: Worker;
}

export interface Session {
  browser: BrowserName;
  build: BuildKind;
  context: BrowserContext;
  base: string;
  extOrigin: string;
  /** Null where the build offers no way in (Firefox production). */
  ext: ExtensionAccess | null;
  /** Opens `path` from the server in a new tab (each tab gets a distinct URL, so tabs can be told apart). */
  open(path: string): Promise<Page>;
  /** Extension errors seen since the last call. */
  takeErrors(): string[];
  /** Closes every tab the check left open (not the control page). */
  closePages(): Promise<void>;
  /** True when the browser, and the way into the extension, still answer within a few seconds. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

const FIREFOX_UUIDS: Record<BuildKind, string> = {
  production: '5c1e2a3b-0000-4000-8000-000000000001',
  test: '5c1e2a3b-0000-4000-8000-000000000002',
};

let tabSerial = 0;

/**
 * The notices Firefox's HTML parser raises as page errors about a page's encoding (bytes invalid in the declared
 * encoding; no declaration, so the encoding was guessed).
 */
const PARSER_ENCODING_NOTICE = /^The (byte stream was erroneous according to the character encoding that was declared|character encoding of the (document|plain text document) was not declared)/;

function watchErrors(errors: string[], extOrigin: string) {
  const fromExtension = (m: ConsoleMessage) => m.location().url.startsWith(extOrigin) || m.text().includes(extOrigin);
  return (page: Page) => {
    page.on('pageerror', (e) => {
      // Firefox reports its HTML parser's notices about a page's encoding as page errors (no script threw them): the
      // re-decoding checks serve mislabelled pages on purpose. Only those notices are let through.
      if (PARSER_ENCODING_NOTICE.test(e.message) && !/extension:\/\//.test(e.stack ?? '')) return;
      errors.push(`uncaught in ${page.url()}: ${e.message}${e.stack ? `\n      ${e.stack.split('\n').slice(0, 3).join('\n      ')}` : ''}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && fromExtension(m)) errors.push(`console error in ${page.url()}: ${m.text()}`);
      else if (m.type() === 'warning' && m.text().startsWith('[luanma]')) errors.push(`extension warning in ${page.url()}: ${m.text()}`);
    });
  };
}

/** A URL no other tab has (a `tab` query parameter the pages ignore), so the extension's tabs can be told apart. */
export function tabUrl(base: string, path: string): string {
  return `${base}${path}${path.includes('?') ? '&' : '?'}tab=${++tabSerial}`;
}

async function newTab(context: BrowserContext, base: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(tabUrl(base, path));
  return page;
}

export async function launch(browser: BrowserName, build: BuildKind, dirs: Builds, base: string): Promise<Session> {
  return browser === 'chromium' ? launchChromium(build, build === 'production' ? dirs.production.chrome : dirs.test.chrome, base)
    : launchFirefox(build, build === 'production' ? dirs.production.firefox : dirs.test.firefox, base);
}

async function launchChromium(build: BuildKind, extDir: string, base: string): Promise<Session> {
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
  const errors: string[] = [];
  let sw = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 10_000 });
  const extOrigin = `chrome-extension://${new URL(sw.url()).host}`;
  const watch = watchErrors(errors, extOrigin);
  const watchWorker = (w: Worker) => w.on('console', (m) => {
    if (m.type() === 'error') errors.push(`service worker console error: ${m.text()}`);
    else if (m.type() === 'warning' && m.text().startsWith('[luanma]')) errors.push(`service worker warning: ${m.text()}`);
  });
  watchWorker(sw);
  context.on('serviceworker', (w) => { if (w.url().startsWith(extOrigin)) { sw = w; watchWorker(w); } });
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });

  const worker = () => context.serviceWorkers().find((w) => w.url().startsWith(extOrigin)) ?? sw;
  const tabIdOf = async (page: Page) => {
    const url = page.url();
    const id = await ev(worker(), async (u: string) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? -1;
    }, url);
    if (id < 0) throw new Error(`no tab found for ${url}`);
    return id;
  };
  const ext: ExtensionAccess = {
    origin: extOrigin,
    storage: (area, op, value) => ev(worker(), storageOp, [area, op, value ?? null]),
    tabIdOf,
    async openPopup(page) {
      const id = await tabIdOf(page);
      const popup = await context.newPage();
      await popup.goto(`${extOrigin}/popup.html?tab=${id}`);
      await popup.waitForFunction(() => document.body?.dataset.ready === 'true', undefined, { timeout: 10_000 });
      return popup;
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`${extOrigin}${path}`);
      return page;
    },
    async decoderLoaded(page) {
      const id = await tabIdOf(page);
      return ev(worker(), async (tabId: number) => {
        const results = await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => '__luanmaDecoder' in globalThis });
        return results.some((r) => r.result === true);
      }, id);
    },
    async tabCounts(page) {
      const id = await tabIdOf(page);
      const stats = (await ext.storage('session', 'get')).tabStats as Record<string, Record<string, RepairCounts>> | undefined;
      return sumCounts(stats?.[String(id)]);
    },
    async actionTitle(page) {
      const id = await tabIdOf(page);
      return ev(worker(), (tabId: number) => chrome.action.getTitle({ tabId }), id);
    },
    async invoke(page, req) {
      if (build !== 'test') throw new Error('commands and menu items are invoked only in the test build');
      const id = await tabIdOf(page);
      const selectionText = 'menuItemId' in req ? req.selectionText ?? await page.evaluate(() => getSelection()?.toString() ?? '') : '';
      return ev(worker(), async ([tabId, r, sel]: [number, { command?: string; menuItemId?: string }, string]) => {
        const hooks = (globalThis as unknown as { __luanmaE2E: { runCommand(c: string, t: unknown): Promise<boolean>; runMenuItem(i: unknown, t: unknown): Promise<boolean> } }).__luanmaE2E;
        const tab = await chrome.tabs.get(tabId);
        return r.command !== undefined ? hooks.runCommand(r.command, tab) : hooks.runMenuItem({ menuItemId: r.menuItemId, frameId: 0, selectionText: sel }, tab);
      }, [id, req, selectionText]);
    },
    get worker() { return build === 'test' ? worker() : undefined; },
  };
  return {
    browser: 'chromium', build, context, base, extOrigin, ext,
    open: (path) => newTab(context, base, path),
    takeErrors: () => errors.splice(0),
    async closePages() {
      for (const p of context.pages()) await Promise.race([p.close().catch(() => undefined), sleep(5000)]);
    },
    healthy: () => answers(ev(worker(), () => 1)),
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); },
  };
}

async function launchFirefox(build: BuildKind, extDir: string, base: string): Promise<Session> {
  const geckoId = build === 'production' ? GECKO_ID : E2E_GECKO_ID;
  const uuid = FIREFOX_UUIDS[build];
  const profile = mkdtempSync(join(tmpdir(), 'luanma-firefox-'));
  const xpiDir = join(profile, 'extensions');
  mkdirSync(xpiDir, { recursive: true });
  const zip = spawnSync('zip', ['-qr', join(xpiDir, `${geckoId}.xpi`), '.'], { cwd: extDir, encoding: 'utf8' });
  if (zip.status !== 0) throw new Error(`zip failed: ${zip.stderr}`);
  const context = await firefox.launchPersistentContext(profile, {
    channel: 'moz-firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    firefoxUserPrefs: {
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      // A headless clipboard that pages may read: copies are checked on the real clipboard.
      'dom.events.asyncClipboard.readText': true,
      'dom.events.testing.asyncClipboard': true,
    },
  });
  const extOrigin = `moz-extension://${uuid}`;
  const errors: string[] = [];
  const watch = watchErrors(errors, extOrigin);
  context.on('page', watch);
  for (const p of context.pages()) watch(p);

  let control: Page | null = null;
  if (build === 'test') {
    // The test build opens its control page once a web page has loaded (background-hooks.ts).
    const isControl = (p: Page) => p.url().startsWith(extOrigin) && p.url().includes('e2e-control');
    const first = context.pages()[0] ?? await context.newPage();
    await first.goto(`${base}/clean.html`);
    // The new tab is reported at about:blank first: look for it by its URL.
    for (const deadline = Date.now() + 20_000; !control && Date.now() < deadline; await sleep(100)) control = context.pages().find(isControl) ?? null;
    if (!control) throw new Error('the test build did not open its control page');
    await waitReady(control, (p) => ev(p, () => typeof browser !== 'undefined' && !!browser.tabs));
  }
  const ctl = () => { if (!control) throw new Error('Firefox production builds offer the test no way into the extension'); return control; };
  /** Runs `fn` in the control page, giving up after 15 s (the runner then relaunches the session). */
  const onControl = <A, R>(fn: (arg: A) => R | Promise<R>, arg?: A) => within(ev(ctl(), fn, arg), 15_000, 'the test build\'s control page');
  const tabIdOf = async (page: Page) => {
    const url = page.url();
    const id = await onControl(async (u: string) => (await browser.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url);
    if (id < 0) throw new Error(`no tab found for ${url}`);
    return id;
  };
  /** Opens an extension URL in a new tab from the control page; BiDi sees the tab but not its load events. */
  const openFromControl = async (path: string) => {
    const [page] = await Promise.all([
      context.waitForEvent('page', { timeout: 10_000 }),
      onControl((url: string) => { void browser.tabs.create({ url }); }, `${extOrigin}${path}`),
    ]);
    await page.waitForURL((u) => u.href.startsWith(extOrigin), { timeout: 10_000, waitUntil: 'commit' });
    return page;
  };
  const ext: ExtensionAccess | null = build === 'production' ? null : {
    origin: extOrigin,
    storage: (area, op, value) => onControl(storageOp, [area, op, value ?? null]),
    tabIdOf,
    async openPopup(page) {
      const id = await tabIdOf(page);
      // Firefox sometimes never reports the new realm of an extension tab to Playwright: another tab cures it.
      for (let attempt = 1; ; attempt++) {
        const popup = await openFromControl(`/popup.html?tab=${id}`);
        if (await waitReady(popup, (p) => ev(p, () => document.body?.dataset.ready === 'true'), 6000)) return popup;
        await closeExtensionTab(popup);
        if (attempt === 3) throw new Error(`popup did not become ready (at ${popup.url()})`);
      }
    },
    openExtensionPage: (path) => openFromControl(path),
    async decoderLoaded(page) {
      const id = await tabIdOf(page);
      return onControl(async (tabId: number) => {
        const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => '__luanmaDecoder' in globalThis });
        return results.some((r) => r.result === true);
      }, id);
    },
    async tabCounts(page) {
      const id = await tabIdOf(page);
      const stats = (await ext!.storage('session', 'get')).tabStats as Record<string, Record<string, RepairCounts>> | undefined;
      return sumCounts(stats?.[String(id)]);
    },
    async actionTitle(page) {
      const id = await tabIdOf(page);
      return onControl((tabId: number) => (browser as unknown as { browserAction: { getTitle(d: { tabId: number }): Promise<string> } }).browserAction.getTitle({ tabId }), id);
    },
    async invoke(page, req) {
      const tabId = await tabIdOf(page);
      const payload = 'command' in req ? { tabId, command: req.command }
        : { tabId, frameId: 0, menuItemId: req.menuItemId, selectionText: req.selectionText ?? await page.evaluate(() => getSelection()?.toString() ?? '') };
      return onControl(async (p: object) => Boolean(((await browser.runtime.sendMessage({ type: 'e2eInvoke', payload: p })) as { ok?: boolean } | undefined)?.ok), payload);
    },
  };
  return {
    browser: 'firefox', build, context, base, extOrigin, ext,
    open: (path) => newTab(context, base, path),
    takeErrors: () => errors.splice(0),
    async closePages() {
      for (const p of context.pages()) {
        if (p === control || p.isClosed() || removedTabs.has(p)) continue;
        // page.close() can hang for minutes on a moz-extension tab (BiDi): the control page removes those.
        if (p.url().startsWith('moz-extension:')) await closeExtensionTab(p);
        else await Promise.race([p.close().catch(() => undefined), sleep(5000)]);
      }
    },
    healthy: () => answers(control ? ev(control, () => 1) : context.newPage().then((p) => p.close())),
    async close() {
      await Promise.race([context.close().catch(() => undefined), sleep(15_000)]);
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

/**
 * Closes an extension tab from inside: it asks for its own tab and removes it (tabs.query does not show the
 * test the URLs of extension pages without the `tabs` permission, which the extension does not have).
 */
async function closeExtensionTab(page: Page): Promise<void> {
  if (removedTabs.has(page)) return;
  removedTabs.add(page);
  await Promise.race([
    ev(page, async () => {
      const tab = await browser.tabs.getCurrent();
      if (tab?.id !== undefined) void browser.tabs.remove(tab.id);
      else window.close();
    }).catch(() => undefined),
    sleep(2000),
  ]);
}

/** BiDi does not tell Playwright that an extension tab closed: the pages we removed, so they are not closed twice. */
const removedTabs = new WeakSet<Page>();

/** True when `work` settles within `ms`. */
async function answers(work: Promise<unknown>, ms = 5000): Promise<boolean> {
  return Promise.race([work.then(() => true, () => false), sleep(ms).then(() => false)]);
}

/** `work`, or an error after `ms`: a BiDi call to an extension page sometimes never returns. */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([work, sleep(ms).then(() => { throw new Error(`${what}: no answer within ${ms} ms`); })]);
}

/** Polls `ready` on an extension page: Playwright's load events are not reported for moz-extension pages over BiDi. */
async function waitReady(page: Page, ready: (p: Page) => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (page.url().startsWith('moz-extension:') || page.url().startsWith('chrome-extension:')) {
      const ok = await Promise.race([ready(page).catch(() => false), sleep(1000).then(() => false)]);
      if (ok) return true;
    }
    await sleep(150);
  }
  return false;
}

function sumCounts(frames: Record<string, RepairCounts> | undefined): RepairCounts {
  const out: RepairCounts = { founder: 0, encoding: 0, lossy: 0, redecode: 0, chars: 0, skipped: 0 };
  for (const c of Object.values(frames ?? {})) for (const k of Object.keys(out) as Array<keyof RepairCounts>) out[k] += c[k] ?? 0;
  return out;
}

/**
 * A summary of what the reader sees in a frame: every text node (open shadow roots included), the title and
 * the readable attributes. Equal summaries a while apart mean the extension has stopped changing the page.
 */
export function pageSignature(frame: Page | Frame): Promise<string> {
  return ev(frame, () => {
    let h = 0;
    let n = 0;
    const mix = (s: string) => { for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0; n++; };
    const visit = (root: Node) => {
      const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = w.nextNode(); node; node = w.nextNode()) {
        if (node.nodeType === 3) mix((node as Text).data);
        else {
          const el = node as Element;
          for (const a of ['title', 'alt', 'placeholder', 'aria-label']) { const v = el.getAttribute(a); if (v) mix(v); }
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    return `${n}:${h}:${document.readyState}`;
  });
}

/** CPU seconds used so far by the browser's processes (every descendant of this process), from /proc. */
export function browserCpuSeconds(): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
    } catch { /* gone meanwhile */ }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) { sum += t; break; }
  }
  return sum / 100; // USER_HZ
}

/**
 * Waits until the frame's text stops changing and the browser is idle: the content script runs at
 * document_idle and repairs in slices, and a slow moment must not pass for the end. `quietMs` without a change
 * and with the browser's processes under a third of a core, after at least `minMs` since the call.
 */
export async function settled(frame: Page | Frame, { minMs = 700, quietMs = 700, timeoutMs = 20_000 } = {}): Promise<void> {
  const t0 = Date.now();
  await frame.waitForLoadState('load').catch(() => undefined);
  let last = await pageSignature(frame);
  let since = Date.now();
  let cpu = browserCpuSeconds(), at = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    await sleep(150);
    const next = await pageSignature(frame);
    const cpuNow = browserCpuSeconds(), now = Date.now();
    const busy = (cpuNow - cpu) / Math.max(0.05, (now - at) / 1000);
    cpu = cpuNow; at = now;
    if (next !== last || busy > 0.33) { last = next; since = Date.now(); continue; }
    if (Date.now() - since >= quietMs && Date.now() - t0 >= minMs) return;
  }
}

/**
 * Reads until `done` holds or `timeoutMs` passes, and returns the last reading: a check then asserts on it. For
 * what must come true eventually (a page repaired in idle slices) on a machine too busy for settled() to see the
 * end; how soon it comes true is the benchmark's business, not a check's.
 */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() - t0 >= timeoutMs) return v;
    await sleep(250);
  }
}

/** Records what an extension page hands to the clipboard writer (a test-side spy: no hook in the product). */
export function spyClipboard(page: Page): Promise<void> {
  return ev(page, () => {
    const w = window as unknown as { __spiedCopies?: string[] };
    if (w.__spiedCopies) return;
    w.__spiedCopies = [];
    const clip = navigator.clipboard;
    const write = clip.writeText.bind(clip);
    clip.writeText = (text: string) => { w.__spiedCopies!.push(text); return write(text); };
    const exec = document.execCommand.bind(document);
    document.execCommand = (cmd: string, ...rest: unknown[]) => {
      if (cmd === 'copy') {
        const el = document.activeElement as HTMLTextAreaElement | null;
        if (el && el.tagName === 'TEXTAREA') w.__spiedCopies!.push(el.value.slice(el.selectionStart, el.selectionEnd));
      }
      return exec(cmd, ...(rest as [boolean, string]));
    };
  });
}

export const spiedCopies = (page: Page) => ev(page, () => (window as unknown as { __spiedCopies?: string[] }).__spiedCopies ?? []);

/** The system clipboard, read from a web page (permissions granted in Chromium, a test pref in Firefox). */
export async function readClipboard(page: Page): Promise<string> {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

export async function writeClipboard(page: Page, text: string): Promise<void> {
  await page.bringToFront();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
}

export { sleep };
