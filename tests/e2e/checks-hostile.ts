/**
 * The hostile-page suite: pages that would freeze, loop or break an extension that runs everywhere
 * (pages/hostile/*.html, built with DOM calls at a size given in their URL: small in CI, the issue's sizes with
 * `--full`, e.g. `npm run test:hostile -- --full`).
 *
 * Each check asserts behaviour (everything repaired, the fight stops, form fields untouched, exact restore) and
 * reports figures rather than asserting times: repaired/total, the extension's writes (mutations the page did
 * not make, counted by the page's own observer), the longest gap of a 10 ms page timer after the page was built
 * (how long its thread was blocked), CPU, and in Chromium, from a CDP trace, the longest task running the
 * extension's script and the longest task of any kind (relayouts caused by a write included), with the page's
 * own cost for one text change beside it for scale.
 */
import type { CDPSession, Page } from 'playwright-core';
import { CheckFailure, resetSettings, type Check, type CheckContext } from './checks';
import { browserCpuSeconds, ev, sleep, tabUrl } from './harness';
import { REACTIONS_TO_HOLD } from '../../src/dom/loop-guard';
import { shardKeyOf } from '../../src/ext/shared/settings-quota';

function expectTrue(cond: boolean, what: string): void { if (!cond) throw new CheckFailure(what); }
function expectEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) {
    let i = 0;
    while (i < a.length && a[i] === e[i]) i++;
    throw new CheckFailure(`${what}: first difference at ${i}:\n      expected …${e.slice(Math.max(0, i - 60), i + 120)}\n      actual   …${a.slice(Math.max(0, i - 60), i + 120)}`);
  }
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tid: number; args?: unknown }

/** A CDP trace of the page's main thread (Chromium only). */
class Trace {
  private readonly events: TraceEvent[] = [];
  private constructor(private readonly cdp: CDPSession) {}

  static async start(cdp: CDPSession): Promise<Trace> {
    const t = new Trace(cdp);
    cdp.on('Tracing.dataCollected', (e) => { for (const x of e.value as unknown as TraceEvent[]) t.events.push(x); });
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' } as never);
    return t;
  }

  /** Longest task after the page's arm mark: any task, and tasks that ran the extension's script. */
  async stop(extOrigin: string): Promise<{ longest: number; longestExt: number; ext50: number }> {
    const done = new Promise((r) => this.cdp.once('Tracing.tracingComplete', r));
    await this.cdp.send('Tracing.end');
    await done;
    const arm = this.events.find((e) => e.name === 'TimeStamp' && JSON.stringify(e.args ?? {}).includes('luanma-arm'));
    if (!arm) return { longest: -1, longestExt: -1, ext50: -1 };
    const onThread = this.events.filter((e) => e.tid === arm.tid && e.ts >= arm.ts).sort((a, b) => a.ts - b.ts);
    const tasks = onThread.filter((e) => e.ph === 'X' && e.name === 'RunTask');
    const marks = onThread.filter((e) => e.ph === 'X' && (e.name === 'FireIdleCallback' || JSON.stringify(e.args ?? {}).includes(extOrigin)));
    let longest = 0, longestExt = 0, ext50 = 0, m = 0;
    for (const t of tasks) {
      const end = t.ts + (t.dur ?? 0);
      longest = Math.max(longest, t.dur ?? 0);
      while (m < marks.length && marks[m].ts < t.ts) m++;
      if (m < marks.length && marks[m].ts < end) {
        longestExt = Math.max(longestExt, t.dur ?? 0);
        if ((t.dur ?? 0) > 50_000) {
          ext50++;
          if (process.env.LUANMA_TRACE_DEBUG) {
            const inside = onThread.filter((e) => e.ph === 'X' && e.ts >= t.ts && e.ts < end && e !== t);
            const by = new Map<string, number>();
            for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
            console.log(`    # long ext task ${((t.dur ?? 0) / 1000).toFixed(0)} ms:`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n} ${d.toFixed(0)}`).join(', '));
          }
        }
      }
    }
    return { longest: longest / 1000, longestExt: longestExt / 1000, ext50 };
  }
}

interface Measured {
  page: Page;
  /** Main-thread busy share (Chromium), browser CPU share (both), over the measured window. */
  mainBusy: number;
  cpu: number;
  seconds: number;
  trace: { longest: number; longestExt: number; ext50: number } | null;
}

interface Probe { extWrites: number; extInserts: number; maxGap: number; gaps50: number; armed: boolean }
const probe = (page: Page) => ev(page, () => (window as unknown as { __probe: Probe }).__probe);

/**
 * Opens a hostile page and measures until the extension is done: no extension write and an idle main thread
 * (Chromium) or idle browser (Firefox) for `quietMs`, after `until` holds (if given).
 */
async function measure(ctx: CheckContext, path: string, opts: { until?: (p: Page) => Promise<boolean>; quietMs?: number; maxMs?: number; before?: (p: Page) => Promise<void> } = {}): Promise<Measured> {
  const quietMs = opts.quietMs ?? (ctx.full ? 3000 : 1500);
  const maxMs = opts.maxMs ?? (ctx.full ? 600_000 : 45_000);
  const page = await ctx.context.newPage();
  await page.setViewportSize({ width: 900, height: 700 });
  let cdp: CDPSession | null = null;
  let trace: Trace | null = null;
  const taskSeconds = async () => {
    if (!cdp) return 0;
    const m = await cdp.send('Performance.getMetrics');
    return m.metrics.find((x) => x.name === 'TaskDuration')?.value ?? 0;
  };
  if (ctx.browser === 'chromium') {
    cdp = await ctx.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    trace = await Trace.start(cdp);
  }
  await page.goto(tabUrl(ctx.base, path), { timeout: maxMs });
  await page.bringToFront();
  await page.waitForFunction(() => (window as unknown as { __probe?: Probe }).__probe?.armed === true, undefined, { timeout: maxMs });
  await opts.before?.(page);
  const t0 = Date.now(), cpu0 = browserCpuSeconds(), task0 = await taskSeconds();
  let lastWrites = -1, lastCpu = cpu0, lastTask = task0, quietSince = Date.now();
  for (;;) {
    await sleep(500);
    const writes = (await probe(page)).extWrites;
    const cpu = browserCpuSeconds(), task = await taskSeconds();
    // Idle: under 10 % of one core (Firefox: the whole browser) and no write in the last half second.
    const busy = cdp ? (task - lastTask) / 0.5 : (cpu - lastCpu) / 0.5;
    if (writes !== lastWrites || busy > 0.1) quietSince = Date.now();
    lastWrites = writes; lastCpu = cpu; lastTask = task;
    // `until` may cost the page time (reading 10 MB): asked only once things are quiet.
    if (Date.now() - quietSince >= quietMs && (!opts.until || await opts.until(page))) break;
    if (Date.now() - t0 > maxMs) break;
  }
  // The window ends where the work ended, not after the quiet wait.
  const seconds = Math.max(0.5, (quietSince - t0) / 1000);
  const cpu = (browserCpuSeconds() - cpu0) / seconds;
  const mainBusy = cdp ? ((await taskSeconds()) - task0) / seconds : NaN;
  const traced = trace ? await trace.stop(ctx.extOrigin) : null;
  return { page, mainBusy, cpu, seconds, trace: traced };
}

/** A value with its objects' keys in order: storage does not keep key order. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}

// Negative: a browser process ended during the window and took its CPU time with it.
const pct = (x: number) => (Number.isNaN(x) || x < 0 ? '-' : `${Math.round(x * 100)} %`);
const ms = (x: number) => `${Math.round(x)} ms`;

/** Reports a page's figures (and returns them for assertions). */
async function report(ctx: CheckContext, name: string, m: Measured, repaired: string): Promise<Probe> {
  const p = await probe(m.page);
  ctx.figure({
    page: name,
    repaired,
    writes: p.extWrites,
    'longest timer gap': ms(p.maxGap),
    'gaps > 50 ms': p.gaps50,
    ...(m.trace ? { 'longest ext task': ms(m.trace.longestExt), 'ext tasks > 50 ms': m.trace.ext50, 'longest task (any)': ms(m.trace.longest) } : {}),
    ...(Number.isNaN(m.mainBusy) ? {} : { 'main thread': pct(m.mainBusy) }),
    'browser CPU': pct(m.cpu),
    'done in': `${m.seconds.toFixed(1)} s`,
  });
  return p;
}

interface Hostile { total: number; repaired(): number }
const repairedOf = (page: Page) => ev(page, () => { const h = (window as unknown as { __hostile: Hostile }).__hostile; return [h.repaired(), h.total] as [number, number]; });
const allRepaired = async (page: Page) => { const [r, t] = await repairedOf(page); return r === t; };

/** The page's own cost for one text change (a relayout and paint), for scale. */
const selfChange = (page: Page, selector: string) => ev(page, (sel: string) => {
  const el = document.querySelector(sel)!;
  const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  return (window as unknown as { __probe: { selfChange(t: Node): Promise<number> } }).__probe.selfChange(w.nextNode()!);
}, selector);

/** A page whose every damaged text must end up repaired. */
function allRepairedCheck(name: string, path: (full: boolean) => string, selector: string): Check {
  return {
    name: `hostile: ${name} — all repaired, bounded work per task`,
    timeoutMs: 700_000,
    async run(ctx) {
      const m = await measure(ctx, path(ctx.full), { until: allRepaired });
      const [repaired, total] = await repairedOf(m.page);
      const own = await selfChange(m.page, selector);
      await report(ctx, name, m, `${repaired}/${total}`);
      ctx.figure({ page: name, "the page's own relayout for one text change": ms(own) });
      expectEqual(repaired, total, `${name}: repaired`);
    },
  };
}

export const HOSTILE_CHECKS: Check[] = [
  allRepairedCheck('200,000 text nodes, damage scattered', (full) => `/hostile/many-nodes.html?nodes=${full ? 200_000 : 20_000}&damaged=${full ? 1000 : 100}`, '#list'),
  allRepairedCheck('one 10 MB text node', (full) => `/hostile/huge-node.html?chars=${full ? 10_000_000 : 400_000}`, '#huge'),
  allRepairedCheck('one long line (no line breaks)', (full) => `/hostile/huge-node.html?lines=0&chars=${full ? 2_000_000 : 200_000}`, '#huge'),
  allRepairedCheck('130,000 suspect paragraphs', (full) => `/hostile/many-paragraphs.html?n=${full ? 130_000 : 5000}`, '#list'),
  allRepairedCheck('130,000 title attributes', (full) => `/hostile/many-titles.html?n=${full ? 130_000 : 5000}`, '#list'),
  ...(['div', 'span'] as const).map((kind): Check => ({
    name: `hostile: DOM nesting 2,000 deep of <${kind}> (built with DOM calls) — repaired, and a change at the bottom repaired again`,
    timeoutMs: 120_000,
    async run(ctx) {
      const m = await measure(ctx, `/hostile/deep.html?depth=2000&kind=${kind}`, { until: allRepaired });
      const [repaired, total] = await repairedOf(m.page);
      expectEqual(repaired, total, 'deep: repaired');
      await ev(m.page, () => (window as unknown as { __hostile: { redamage(): void } }).__hostile.redamage());
      await m.page.waitForFunction(() => { const h = (window as unknown as { __hostile: Hostile }).__hostile; return h.repaired() === h.total; }, undefined, { timeout: 10_000 })
        .catch(() => { throw new CheckFailure('the deepest text, damaged again by the page, was not repaired again'); });
      const own = await selfChange(m.page, '#root');
      await report(ctx, `nesting 2,000 deep (${kind})`, m, `${repaired}/${total}`);
      ctx.figure({ page: `nesting 2,000 deep (${kind})`, "the page's own relayout for one text change": ms(own) });
    },
  })),
  {
    name: 'hostile: mutation storm (10,000 changes a second) — bounded, and every text left damaged at the end is repaired',
    timeoutMs: 180_000,
    async run(ctx) {
      const secs = ctx.full ? 5 : 2;
      type Storm = { start(): void; state: { done: boolean; made: number } };
      const m = await measure(ctx, `/hostile/storm.html?rate=10000&secs=${secs}`, {
        before: (p) => ev(p, () => (window as unknown as { __hostile: Storm }).__hostile.start()),
        until: async (p) => (await ev(p, () => (window as unknown as { __hostile: Storm }).__hostile.state.done)) && allRepaired(p),
      });
      const made = await ev(m.page, () => (window as unknown as { __hostile: Storm }).__hostile.state.made);
      const [repaired, total] = await repairedOf(m.page);
      await report(ctx, `storm ${made} changes in ${secs} s`, m, `${repaired}/${total} after`);
      expectEqual(repaired, total, 'storm: repaired after the storm');
    },
  },
  ...(['in-place', 'replace'] as const).map((how): Check => ({
    name: `hostile: a page that reverts every repair ${how === 'replace' ? 'by replacing the text node' : 'in place'} — the extension stops, then writes nothing`,
    timeoutMs: 90_000,
    async run(ctx) {
      const n = 20;
      const m = await measure(ctx, `/hostile/revert.html?how=${how}&n=${n}`);
      const p1 = await probe(m.page);
      // A quiet window: the page reverts only what the extension writes, so nothing may happen at all.
      const cpu0 = browserCpuSeconds();
      await sleep(3000);
      const p2 = await probe(m.page);
      const idle = (browserCpuSeconds() - cpu0) / 3;
      const reverts = await ev(m.page, () => (window as unknown as { __hostile: { state: { reverts: number } } }).__hostile.state.reverts);
      await report(ctx, `reverts ${how}`, m, `held after ${reverts} reverts`);
      ctx.figure({ page: `reverts ${how}`, 'writes in the next 3 s': p2.extWrites - p1.extWrites, 'browser CPU in the next 3 s': pct(idle) });
      // The first write, then one per quick revert until the text is held (a first revert may come late: +1).
      expectTrue(p1.extWrites <= n * (REACTIONS_TO_HOLD + 1), `the extension gave up: ${p1.extWrites} writes for ${n} texts`);
      expectEqual(p2.extWrites, p1.extWrites, 'writes after the extension gave up');
    },
  })),
  {
    name: 'hostile: nodes removed and re-added while being repaired — all repaired in the end',
    timeoutMs: 120_000,
    async run(ctx) {
      const n = ctx.full ? 2000 : 500;
      const m = await measure(ctx, `/hostile/remove-readd.html?n=${n}&secs=3`, {
        until: async (p) => (await ev(p, () => (window as unknown as { __hostile: { state: { done: boolean } } }).__hostile.state.done)) && allRepaired(p),
      });
      const [repaired, total] = await repairedOf(m.page);
      await report(ctx, 'removed and re-added', m, `${repaired}/${total}`);
      expectEqual(repaired, total, 'repaired after the moves');
    },
  },
  {
    name: 'hostile: a list re-rendered every 200 ms is not a fight — once repaired, every render is repaired',
    timeoutMs: 90_000,
    async run(ctx) {
      type Rerender = { state: { renders: number; repairedRenders: number; missed: number[]; done: boolean } };
      const m = await measure(ctx, `/hostile/rerender.html?secs=${ctx.full ? 10 : 4}`, {
        until: (p) => ev(p, () => (window as unknown as { __hostile: Rerender }).__hostile.state.done),
      });
      const s = await ev(m.page, () => (window as unknown as { __hostile: Rerender }).__hostile.state);
      const p = await report(ctx, 're-rendered every 200 ms', m, `${s.repairedRenders}/${s.renders} renders`);
      ctx.figure({ page: 're-rendered every 200 ms', 'writes per render': (p.extWrites / s.renders).toFixed(1), 'renders not repaired in time': s.missed.join(', ') || 'none' });
      // Once one render has been repaired, every later one is, before the page replaces it: renders missed are only
      // the first few, before the content script (document_idle) and the decoder bundle it loads on first need have
      // arrived (how many depends on the machine's load: the page's clock does not wait), and never the last.
      const firstRepaired = Math.min(...Array.from({ length: s.renders }, (_, i) => i + 1).filter((r) => !s.missed.includes(r)));
      expectEqual(s.missed.filter((r) => r > firstRepaired), [], 'renders after the first repaired one not repaired before the next one');
      expectTrue(!s.missed.includes(s.renders), 'the last render is repaired');
    },
  },
  {
    name: 'hostile: form fields — typed input value, textarea, contenteditable and select stay byte for byte',
    needs: 'ext',
    async run(ctx) {
      const page = await ctx.open('/hostile/forms.html');
      type Forms = { para(): string; fields(): Record<string, unknown>; expected: { para: string; title: string; options: string[]; damagedTitle: string } };
      const h = () => ev(page, () => { const f = (window as unknown as { __hostile: Forms }).__hostile; return { para: f.para(), fields: f.fields(), expected: f.expected }; });
      const { expected } = await h();
      // What a user types: damaged-looking text too (someone quoting mojibake), typed while the page is repaired.
      const typed = { input: `${expected.options[0]} 锟斤拷`, textarea: `${expected.options[1]}\n第二行 ÄãºÃ`, editable: `${expected.options[2]}浣犲ソ` };
      await page.locator('#input').pressSequentially(typed.input);
      await page.locator('#textarea').pressSequentially(typed.textarea);
      await page.locator('#editable').pressSequentially(typed.editable);
      await page.selectOption('#select', { index: 2 });
      await page.waitForFunction((want) => document.getElementById('para')!.textContent === want, expected.para, { timeout: 10_000 })
        .catch(() => { throw new CheckFailure('the paragraph beside the fields was not repaired'); });
      const want = { ...typed, select: expected.options, selected: 2, title: expected.title };
      expectEqual((await h()).fields, want, 'fields with repair on');
      // Off and on again: the fields are not the extension's to restore or repair.
      await ctx.ext.storage('sync', 'set', { settings: { disabledSites: ['127.0.0.1'] } });
      await page.waitForFunction((d) => document.getElementById('para')!.textContent !== d, expected.para, { timeout: 10_000 });
      expectEqual((await h()).fields, { ...want, title: expected.damagedTitle }, 'fields with repair off');
      await resetSettings(ctx);
      await page.waitForFunction((d) => document.getElementById('para')!.textContent === d, expected.para, { timeout: 10_000 });
      expectEqual((await h()).fields, want, 'fields with repair back on');
    },
  },
  {
    name: 'hostile: switch off restores every text, attribute and title exactly (shadow roots, frames); switch on repairs again',
    needs: 'ext',
    timeoutMs: 90_000,
    async run(ctx) {
      const snapshot = (f: Page | import('playwright-core').Frame) => ev(f, () => (window as unknown as { __probe: { snapshot(): string[] } }).__probe.snapshot());
      const served = (f: Page | import('playwright-core').Frame) => ev(f, () => (window as unknown as { __hostile: { served: string[] } }).__hostile.served);
      const page = await ctx.open('/hostile/restore.html');
      await page.waitForFunction(() => Boolean((window as unknown as { __hostile?: { served: unknown } }).__hostile?.served));
      const frame = page.frames().find((f) => f.url().includes('restore-frame.html'))!;
      await frame.waitForFunction(() => Boolean((window as unknown as { __hostile?: { served: unknown } }).__hostile?.served));
      const changed = async (f: Page | import('playwright-core').Frame) => {
        const a = await snapshot(f), b = await served(f);
        return a.filter((x, i) => x !== b[i]).length;
      };
      // Everything damaged is repaired: paragraphs, attributes, title, both shadow roots, the frame.
      await page.waitForFunction(() => document.title !== (window as unknown as { __hostile: { served: string[] } }).__hostile.served[0], undefined, { timeout: 10_000 });
      // Damaged: the title, four paragraphs (one split by <b>), four attributes, two texts and a title in the shadow roots.
      const DAMAGED = 12;
      for (let i = 0; i < 40 && (await changed(page)) < DAMAGED; i++) await sleep(250);
      for (let i = 0; i < 40 && (await changed(frame)) < 2; i++) await sleep(250);
      await sleep(500);
      const repairedPage = await snapshot(page), repairedFrame = await snapshot(frame);
      expectTrue((await changed(page)) >= DAMAGED, `page repaired (${await changed(page)} texts and attributes changed, ${DAMAGED} damaged)`);
      expectTrue((await changed(frame)) >= 2, `frame repaired (its text and its title: ${await changed(frame)} changed)`);
      for (let round = 1; round <= 2; round++) {
        await ctx.ext.storage('sync', 'set', { settings: { disabledSites: ['127.0.0.1'] } });
        for (let i = 0; i < 40 && ((await changed(page)) || (await changed(frame))); i++) await sleep(100);
        expectEqual(await snapshot(page), await served(page), `round ${round}: the page as built after switching off`);
        expectEqual(await snapshot(frame), await served(frame), `round ${round}: the frame as built after switching off`);
        await resetSettings(ctx);
        for (let i = 0; i < 60 && JSON.stringify(await snapshot(page)) !== JSON.stringify(repairedPage); i++) await sleep(100);
        for (let i = 0; i < 60 && JSON.stringify(await snapshot(frame)) !== JSON.stringify(repairedFrame); i++) await sleep(100);
        expectEqual(await snapshot(page), repairedPage, `round ${round}: repaired again after switching on (shadow roots included)`);
        expectEqual(await snapshot(frame), repairedFrame, `round ${round}: frame repaired again`);
      }
    },
  },
  {
    name: 'hostile: switch off and on after the big pages (200,000 nodes, 10 MB node, moving nodes) restores exactly and repairs again',
    needs: 'ext',
    timeoutMs: 700_000,
    async run(ctx) {
      const pages = [
        `/hostile/many-nodes.html?nodes=${ctx.full ? 200_000 : 20_000}&damaged=${ctx.full ? 1000 : 100}`,
        `/hostile/huge-node.html?chars=${ctx.full ? 10_000_000 : 400_000}`,
        `/hostile/remove-readd.html?n=${ctx.full ? 2000 : 500}&secs=2`,
      ];
      type Restorable = Hostile & { restored?(): number; state?: { done: boolean } };
      for (const path of pages) {
        const page = await ctx.open(path);
        const built = await ev(page, () => (window as unknown as { __probe: { asBuilt: string[] } }).__probe.asBuilt.join('\u0001'));
        // A page that moves its paragraphs has no fixed order: each paragraph must read as the page wrote it.
        const isRestored = (p: Page) => ev(p, (b: string) => {
          const h = (window as unknown as { __hostile: { restored?(): number; total: number } }).__hostile;
          return h.restored ? h.restored() === h.total : (window as unknown as { __probe: { snapshot(): string[] } }).__probe.snapshot().join('\u0001') === b;
        }, built);
        await page.waitForFunction(() => { const h = (window as unknown as { __hostile: Restorable }).__hostile; return (h.state?.done ?? true) && h.repaired() === h.total; }, undefined, { timeout: ctx.full ? 600_000 : 30_000, polling: 500 });
        const t0 = Date.now();
        await ctx.ext.storage('sync', 'set', { settings: { disabledSites: ['127.0.0.1'] } });
        for (let i = 0; i < 200 && !await isRestored(page); i++) await sleep(100);
        expectTrue(await isRestored(page), `${path}: restored exactly`);
        const restoredMs = Date.now() - t0;
        await resetSettings(ctx);
        await page.waitForFunction(() => { const h = (window as unknown as { __hostile: Hostile }).__hostile; return h.repaired() === h.total; }, undefined, { timeout: ctx.full ? 600_000 : 30_000, polling: 500 })
          .catch(() => { throw new CheckFailure(`${path}: not repaired again`); });
        ctx.figure({ page: path.replace(/^\/hostile\//, ''), 'restored exactly within': ms(restoredMs), 'repaired again': 'yes' });
        await page.close();
      }
    },
  },
  {
    name: 'hostile: garbage in storage.sync — the extension keeps working with defaults for the bad fields',
    needs: 'ext',
    timeoutMs: 90_000,
    async run(ctx) {
      const forum = async () => {
        const page = await ctx.open('/forum.html');
        await page.waitForFunction(() => !document.body.textContent!.includes('ÇëÎÊ'), undefined, { timeout: 10_000 }).catch(() => undefined);
        return page;
      };
      const repaired = (page: Page) => page.evaluate(() => !document.body.textContent!.includes('ÇëÎÊ'));
      const cases: Array<[string, Record<string, unknown>, boolean]> = [
        ['every field garbage, a newer version', { settings: { enabled: 'yes', highlight: null, disabledSites: null, future: { x: 1 } }, settings$: { v: 99 } }, true],
        ['disabledSites a string (a substring match would switch this site off)', { settings: { disabledSites: 'x127.0.0.1.example' } }, true],
        ['settings not an object', { settings: 'on', settings$: 'v2' }, true],
        ['a list with garbage and this site: the valid entry is kept', { settings: { disabledSites: [42, null, '', '127.0.0.1', { a: 1 }] } }, false],
      ];
      for (const [what, stored, expectRepaired] of cases) {
        await ctx.ext.storage('sync', 'clear');
        await ctx.ext.storage('sync', 'set', stored);
        const page = await forum();
        if (!expectRepaired) await sleep(1500);
        expectEqual(await repaired(page), expectRepaired, `${what}: page repaired`);
        await page.close();
      }
      // Settings from a newer version: its fields are read, and a change made here keeps them and its version.
      await ctx.ext.storage('sync', 'clear');
      await ctx.ext.storage('sync', 'set', { settings: { enabled: true, highlight: false, futureField: 'keep me' }, settings$: { v: 7 } });
      const page = await forum();
      expectTrue(await repaired(page), 'newer settings: page repaired');
      await sleep(500);
      expectEqual(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('luanma-repaired')), false, 'newer settings: highlight: false honoured');
      const popup = await ctx.ext.openPopup(page);
      await popup.getByRole('switch', { name: /此网站|此網站|this site/ }).click();
      await page.waitForFunction(() => document.body.textContent!.includes('ÇëÎÊ'), undefined, { timeout: 10_000 });
      const after = await ctx.ext.storage('sync', 'get');
      expectEqual(sorted(after), sorted({ settings: { enabled: true, highlight: false, futureField: 'keep me' }, settings$: { v: 7 }, [shardKeyOf('127.0.0.1')]: { '127.0.0.1': { repair: false } } }), 'stored after a change');
    },
  },
];
