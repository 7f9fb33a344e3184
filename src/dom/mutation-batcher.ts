/**
 * Follows a dynamic page without re-walking it: mutation records are collected into one batch per
 * short delay, records caused by our own writes are dropped, nodes inside an added subtree are
 * folded into it, and a flood of records becomes one rescan.
 */
import { READABLE_ATTRIBUTES } from './text-filter';

/** Coalesce streams of small changes (chat, infinite scroll) into one pass. */
export const MUTATION_BATCH_DELAY_MS = 50;
/** Beyond this many records a rescan of the roots is cheaper than handling each one. */
export const RESCAN_THRESHOLD = 1000;

export interface MutationBatch {
  /** Added subtrees and changed text nodes, each contained in no other entry. */
  nodes: Node[];
  /** Elements whose readable attributes changed. */
  attributes: Element[];
  /** True when there were too many records: rescan the roots instead. */
  rescan: boolean;
}

export interface MutationBatcherOptions {
  win: Window;
  signal: AbortSignal;
  /** True for a text node's value or an attribute that we wrote ourselves. */
  isOwnText(node: Text): boolean;
  isOwnAttr(el: Element, name: string): boolean;
  onBatch(batch: MutationBatch): void;
}

export const OBSERVE_OPTIONS: MutationObserverInit = {
  childList: true,
  characterData: true,
  subtree: true,
  attributes: true,
  attributeFilter: [...READABLE_ATTRIBUTES],
};

export class MutationBatcher {
  private readonly observer: MutationObserver;
  private readonly pendingNodes = new Set<Node>();
  private readonly pendingAttrs = new Set<Element>();
  private count = 0;
  private timer: number | undefined;

  constructor(private readonly opts: MutationBatcherOptions) {
    this.observer = new (opts.win as Window & typeof globalThis).MutationObserver((records) => this.collect(records));
    opts.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  observe(root: Node): void {
    if (!this.opts.signal.aborted) this.observer.observe(root, OBSERVE_OPTIONS);
  }

  stop(): void {
    this.observer.disconnect();
    if (this.timer !== undefined) this.opts.win.clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingNodes.clear();
    this.pendingAttrs.clear();
  }

  private collect(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'characterData') {
        if (!this.opts.isOwnText(r.target as Text)) this.pendingNodes.add(r.target);
      } else if (r.type === 'attributes') {
        const el = r.target as Element;
        if (r.attributeName && !this.opts.isOwnAttr(el, r.attributeName)) this.pendingAttrs.add(el);
      } else {
        // Removals are ignored: taking text away cannot make the rest of a page broken.
        for (const n of r.addedNodes) if (n.nodeType === 1 || n.nodeType === 3) this.pendingNodes.add(n);
      }
      this.count++;
    }
    if ((this.pendingNodes.size || this.pendingAttrs.size) && this.timer === undefined) {
      this.timer = this.opts.win.setTimeout(() => this.flush(), MUTATION_BATCH_DELAY_MS);
    }
  }

  private flush(): void {
    this.timer = undefined;
    if (this.opts.signal.aborted) return;
    const rescan = this.count > RESCAN_THRESHOLD;
    const all = [...this.pendingNodes].filter((n) => n.isConnected);
    const set = new Set(all);
    // Fold nodes whose ancestor is also in the batch: walking the ancestor covers them.
    const nodes = all.filter((n) => {
      for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
      return true;
    });
    const attributes = [...this.pendingAttrs].filter((e) => e.isConnected);
    this.pendingNodes.clear();
    this.pendingAttrs.clear();
    this.count = 0;
    this.opts.onBatch({ nodes, attributes, rescan });
  }
}
