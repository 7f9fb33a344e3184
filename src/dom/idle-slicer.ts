/**
 * Cooperative time slices, so that no task of ours blocks the page for long (a frame at 60 Hz is ~16 ms; a
 * long task is 50 ms). Work is written as ordinary async code that checks `shouldYield()` between small units
 * and then `await slicer.next()`: the continuation runs inside a later idle callback, bounded by that
 * callback's budget. Visible text gets one larger slice right away (`beginUrgentSlice`).
 *
 * Every unit between two checks must itself be short: the page repairer hands the decoder pieces sized to a
 * few milliseconds (pieces.ts), and walks the DOM a few dozen nodes at a time.
 */
import { Deque } from './deque';

/** An idle slice's budget: leaves the browser room to paint and handle input in the same frame. */
export const SLICE_BUDGET_MS = 12;
/** The first slice, in the task that starts repair: the text the reader is looking at. */
export const URGENT_SLICE_MS = 30;
/** Idle callbacks can be starved on a busy page: run anyway after this long (with the short budget). */
export const IDLE_TIMEOUT_MS = 500;
/** A starved callback (`didTimeout`) runs on a busy page's time: only this much. */
export const STARVED_SLICE_MS = 6;

export interface SlicerWindow {
  requestIdleCallback?: (cb: (deadline: { timeRemaining(): number; didTimeout: boolean }) => void, opts?: { timeout: number }) => number;
  setTimeout: (cb: () => void, ms?: number) => number;
  performance: { now(): number };
  MessageChannel?: typeof MessageChannel;
}

/** Urgent waiters (visible text, mutations) resume before background ones (text below the fold). */
export type Priority = 'urgent' | 'background';

export class IdleSlicer {
  protected sliceEnd = 0;
  protected readonly urgent = new Deque<() => void>();
  protected readonly background = new Deque<() => void>();
  /** An idle callback is requested. */
  private scheduled = false;

  constructor(protected readonly win: SlicerWindow, protected readonly signal: AbortSignal) {
    // Waiters of an aborted run resume at once and see the signal.
    signal.addEventListener('abort', () => this.release(), { once: true });
  }

  /** Opens a slice in the current task (the content script's first run, a user's switch). */
  beginUrgentSlice(): void {
    this.sliceEnd = Math.max(this.sliceEnd, this.win.performance.now() + URGENT_SLICE_MS);
  }

  /** True when the current slice's time is spent: the caller should `await next()` before more work. */
  shouldYield(): boolean {
    return this.signal.aborted || this.win.performance.now() >= this.sliceEnd;
  }

  /** Resolves at the start of a later slice (at once if the run was aborted: callers check the signal). */
  next(priority: Priority = 'urgent'): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      (priority === 'urgent' ? this.urgent : this.background).push(resolve);
      this.schedule();
    });
  }

  /** Asks for the next slice for whoever waits (posting-slicer.ts posts urgent ones instead). */
  protected schedule(): void {
    if (!this.signal.aborted) this.requestIdle();
  }

  protected requestIdle(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const idle = (budget: number) => { this.scheduled = false; this.slice(budget, false); };
    if (this.win.requestIdleCallback) {
      this.win.requestIdleCallback(
        (d) => idle(d.didTimeout ? STARVED_SLICE_MS : Math.max(1, Math.min(SLICE_BUDGET_MS, d.timeRemaining()))),
        { timeout: IDLE_TIMEOUT_MS },
      );
    } else {
      this.win.setTimeout(() => idle(SLICE_BUDGET_MS), 0);
    }
  }

  /**
   * Every waiter resumes in this task, in order: the first works until the budget is spent and queues again; the
   * others then find it spent and queue again behind it, so order is kept and a waiter that finishes early leaves
   * the rest of the slice to the next.
   */
  protected slice(budget: number, urgentOnly: boolean): void {
    if (this.signal.aborted) return;
    this.sliceEnd = this.win.performance.now() + budget;
    this.release(urgentOnly);
  }

  private release(urgentOnly = false): void {
    const waiters: Array<() => void> = [];
    for (let w = this.urgent.shift(); w; w = this.urgent.shift()) waiters.push(w);
    if (!urgentOnly) for (let w = this.background.shift(); w; w = this.background.shift()) waiters.push(w);
    for (const w of waiters) w();
  }
}
