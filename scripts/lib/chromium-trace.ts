/**
 * Chromium traces for the page benchmark (scripts/bench-page.ts): recorded over CDP for one page, then read as the
 * renderer main thread's top-level tasks, each with its CPU time (the trace's thread time, `tdur`: wall-clock
 * durations on a loaded 2-core machine mostly measure the other processes) and whether the extension ran in it:
 * an event in the task names a chrome-extension:// script, or a sample of V8's CPU profiler taken during the task
 * has an extension script's function on its stack. The samples catch what the events miss: a continuation of the
 * extension's async code resumed by a message reply or a resolved promise runs as microtasks, in a task whose
 * events name no script (one such task on the e-paper page took 61 ms of wall clock while the events said 17 ms of
 * CPU for the longest). The samples are taken only with LUANMA_BENCH_SAMPLES=1 (below).
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface TraceEvent {
  name: string; cat: string; ph: string; pid: number; tid: number; ts: number;
  dur?: number; tdur?: number; args?: Record<string, unknown>;
}

export interface Task {
  /** Start, in trace microseconds. */
  ts: number;
  /** Wall-clock and thread (CPU) duration, ms. */
  wallMs: number;
  cpuMs: number;
  ext: boolean;
}

export interface Trace {
  events: TraceEvent[];
  /** The page renderer's main-thread top-level tasks, in order. */
  tasks: Task[];
  /** User-timing marks of the page (performance.mark), by name: trace microseconds. */
  marks: Map<string, number>;
  /** Extension scripts evaluated in the page's renderer (content script, decoder bundle), by file. */
  evaluated: string[];
}

/**
 * `LUANMA_BENCH_SAMPLES=1` adds the CPU profiler, for the attribution by samples (readTrace). Off by default: its
 * sampling slows the page's whole main thread, layout included (the 5 MB novel, medians of 3: first screen 1.7 s
 * without, 2.2 s with; its longest task 1.4 s and 1.6 s), so the other figures would no longer compare with earlier series. Without it, a
 * damaged page's "longest task after DCL" bounds the extension's (the page's own tasks there stay under 10 ms).
 */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing', ...(process.env.LUANMA_BENCH_SAMPLES ? ['disabled-by-default-v8.cpu_profiler'] : [])];

export async function startTrace(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; stop(): Promise<Trace> }> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => { for (const ev of e.value as unknown as TraceEvent[]) events.push(ev); });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' } } as never);
  return {
    cdp,
    async stop() {
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await done;
      return readTrace(events);
    },
  };
}

const EXT = 'chrome-extension://';

function extUrl(e: TraceEvent): string | null {
  const a = e.args as { data?: { url?: string }; fileName?: string } | undefined;
  const u = a?.data?.url ?? a?.fileName;
  return typeof u === 'string' && u.startsWith(EXT) ? u : null;
}

interface ProfileNode { id: number; parent?: number; callFrame?: { url?: string } }

/**
 * Trace times (µs) of the CPU profiler's samples on one thread whose stack holds an extension script's function.
 * A profile is a `Profile` event (its start time) and `ProfileChunk` events sharing its id (nodes, samples and the
 * time deltas between them).
 */
function extensionSampleTimes(events: TraceEvent[], thread: string): number[] {
  const starts = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'Profile' && `${e.pid}:${e.tid}` === thread) starts.set(String((e as { id?: string }).id), Number((e.args as { data?: { startTime?: number } })?.data?.startTime ?? e.ts));
  }
  const out: number[] = [];
  const nodesOf = new Map<string, Map<number, ProfileNode>>();
  const isExt = new Map<string, Map<number, boolean>>();
  const clock = new Map<string, number>();
  for (const e of events) {
    const id = String((e as { id?: string }).id);
    if (e.name !== 'ProfileChunk' || !starts.has(id)) continue;
    const data = (e.args as { data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } })?.data;
    const nodes = nodesOf.get(id) ?? new Map<number, ProfileNode>();
    nodesOf.set(id, nodes);
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const ext = isExt.get(id) ?? new Map<number, boolean>();
    isExt.set(id, ext);
    const extNode = (nid: number): boolean => {
      const known = ext.get(nid);
      if (known !== undefined) return known;
      const n = nodes.get(nid);
      const v = !!n && ((n.callFrame?.url ?? '').startsWith(EXT) || (n.parent !== undefined && extNode(n.parent)));
      ext.set(nid, v);
      return v;
    };
    let t = clock.get(id) ?? starts.get(id)!;
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let k = 0; k < samples.length; k++) {
      t += deltas[k] ?? 0;
      if (extNode(samples[k])) out.push(t);
    }
    clock.set(id, t);
  }
  return out.sort((a, b) => a - b);
}

export function readTrace(events: TraceEvent[]): Trace {
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string })?.name));
  // The page's renderer: the main thread with the most top-level task time (the page, not the extension's worker).
  // A page marked with performance.mark('luanma-bench-…') is found by its mark instead.
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name === 'RunTask' && e.ph === 'X' && names.get(key) === 'CrRendererMain') busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  // The page's own marks name its thread best (a browser that ran other pages may keep other renderers busy).
  const marked = events.find((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('luanma-bench-'));
  const main = marked ? `${marked.pid}:${marked.tid}` : [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const tasks: Task[] = [];
  let open: (Task & { end: number }) | null = null;
  for (const e of onMain) {
    if (open && e.ts >= open.end) open = null;
    if (!open) {
      if (e.name !== 'RunTask') continue;
      open = { ts: e.ts, end: e.ts + e.dur!, wallMs: e.dur! / 1000, cpuMs: (e.tdur ?? e.dur!) / 1000, ext: false };
      tasks.push(open);
    } else if (!open.ext && extUrl(e)) {
      open.ext = true;
    }
  }
  // Tasks the events did not name: any extension sample inside them makes them the extension's.
  const samples = main ? extensionSampleTimes(events, main) : [];
  let k = 0;
  for (const t of tasks) {
    const end = t.ts + t.wallMs * 1000;
    while (k < samples.length && samples[k] < t.ts) k++;
    if (!t.ext && k < samples.length && samples[k] <= end) t.ext = true;
  }
  const marks = new Map<string, number>();
  for (const e of events) if (e.cat?.includes('blink.user_timing') && !marks.has(e.name)) marks.set(e.name, e.ts);
  const evaluated = onMain.filter((e) => e.name === 'EvaluateScript' && extUrl(e)).map((e) => extUrl(e)!.replace(/^chrome-extension:\/\/[^/]+/, ''));
  return { events, tasks: tasks.map(({ ts, wallMs, cpuMs, ext }) => ({ ts, wallMs, cpuMs, ext })), marks, evaluated };
}

/** CPU time of the named page function's calls (the bare TreeWalker pass), ms. */
export function functionCpuMs(trace: Trace, functionName: string): number {
  let ms = 0;
  for (const e of trace.events) {
    const data = (e.args as { data?: { functionName?: string } } | undefined)?.data;
    if (e.name === 'FunctionCall' && data?.functionName === functionName) ms += (e.tdur ?? e.dur ?? 0) / 1000;
  }
  return ms;
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
