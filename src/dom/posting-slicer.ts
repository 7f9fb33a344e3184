/**
 * The page repairer's slicer. Urgent work (the text on screen, a page's own changes) must not wait for an idle
 * period: Chromium grants none for tens of milliseconds after a busy stretch, while the page has nothing to do
 * (e-paper page: 40 ms with no task at all between two slices of the first screen; the 5 MB novel's first screen
 * 1.4 s → 0.2–0.4 s). A posted task runs as soon as the page's own tasks and its rendering allow, and the slice
 * budget still keeps it short. Background work stays idle work: a posted slice resumes urgent waiters only.
 * The first content script's scan keeps the plain IdleSlicer: it only decides whether to load the decoder, and its
 * bundle has a size budget.
 */
import { IdleSlicer, SLICE_BUDGET_MS } from './idle-slicer';

export class PostingSlicer extends IdleSlicer {
  /** An urgent slice is posted. */
  private posted = false;
  /** Where urgent slices are posted (made on first use; null where there is no MessageChannel). */
  private port: MessagePort | null | undefined;

  protected override schedule(): void {
    if (this.signal.aborted) return;
    if (this.urgent.length > 0 && !this.posted && this.urgentPort()) {
      this.posted = true;
      this.port!.postMessage(0);
    }
    if (this.background.length > 0 || (this.urgent.length > 0 && !this.posted)) this.requestIdle();
  }

  private urgentPort(): MessagePort | null {
    if (this.port === undefined) {
      const Channel = this.win.MessageChannel;
      this.port = null;
      if (typeof Channel === 'function') {
        const ch = new Channel();
        ch.port1.onmessage = () => { this.posted = false; this.slice(SLICE_BUDGET_MS, true); };
        this.signal.addEventListener('abort', () => ch.port1.close(), { once: true });
        this.port = ch.port2;
      }
    }
    return this.port;
  }
}
