/**
 * Runs a queue of small jobs without freezing the page: the first jobs (visible text) run in one
 * slice right away (SLICE_BUDGET_MS × 4), the rest in idle periods, each slice bounded by the time
 * the browser says it has to spare.
 */

/** A frame at 60 Hz is ~16 ms; leave the browser room to paint and handle input. */
export const SLICE_BUDGET_MS = 8;
/** Idle callbacks can be starved on a busy page: run anyway after this long. */
export const IDLE_TIMEOUT_MS = 500;

export interface SlicerWindow {
  requestIdleCallback?: (cb: (deadline: { timeRemaining(): number; didTimeout: boolean }) => void, opts?: { timeout: number }) => number;
  setTimeout: (cb: () => void, ms?: number) => number;
  performance: { now(): number };
}

export class IdleSlicer {
  private readonly queue: Array<() => void> = [];
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly win: SlicerWindow, private readonly signal: AbortSignal) {}

  /** Adds jobs; `urgent` ones run before the idle ones, starting in the current task. */
  push(jobs: Array<() => void>, urgent = false): void {
    if (this.signal.aborted) return;
    if (urgent) {
      const start = this.win.performance.now();
      let i = 0;
      // Visible text gets a larger first slice: it is what the reader is looking at.
      while (i < jobs.length && this.win.performance.now() - start < SLICE_BUDGET_MS * 4) jobs[i++]();
      this.queue.unshift(...jobs.slice(i));
    } else {
      this.queue.push(...jobs);
    }
    this.schedule();
    if (this.queue.length === 0) this.notifyIdle();
  }

  /** Resolves once every queued job has run. */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.signal.aborted) return;
    this.scheduled = true;
    const run = (timeRemaining: () => number) => {
      this.scheduled = false;
      if (this.signal.aborted) return;
      const start = this.win.performance.now();
      do {
        const job = this.queue.shift();
        if (!job) break;
        job();
      } while (timeRemaining() > 1 && this.win.performance.now() - start < SLICE_BUDGET_MS * 2);
      if (this.queue.length) this.schedule();
      else this.notifyIdle();
    };
    if (this.win.requestIdleCallback) {
      this.win.requestIdleCallback((d) => run(() => (d.didTimeout ? SLICE_BUDGET_MS : d.timeRemaining())), { timeout: IDLE_TIMEOUT_MS });
    } else {
      const start = this.win.performance.now();
      this.win.setTimeout(() => run(() => SLICE_BUDGET_MS - (this.win.performance.now() - start)), 0);
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
