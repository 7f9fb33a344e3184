/**
 * Chromium traces for the page benchmark (scripts/bench-page.ts): recorded over CDP for one page, then read as the
 * renderer main thread's top-level tasks, each with its CPU time (the trace's thread time, `tdur`: wall-clock
 * durations on a loaded 2-core machine mostly measure the other processes) and whether the extension ran in it
 * (any event in the task names a chrome-extension:// script).
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

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing'];

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
