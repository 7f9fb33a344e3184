/**
 * Follows a dynamic page without re-walking it: mutation records are collected into one batch per short
 * delay (O(1) per record: a node and the time it changed), records caused by our own writes are dropped,
 * nodes inside an added subtree are folded into it, and a batch that overflows becomes one rescan.
 *
 * Back-pressure: a batch is handed over only when the previous one has been handled, so a mutation storm
 * (thousands of changes a second) costs one pass over the distinct nodes it touched per round, never one pass
 * per record; the delay also stretches on a page that fights our writes (loop-guard.ts).
 */
import { READABLE_ATTRIBUTES } from './text-filter';

/** Coalesce streams of small changes (chat, infinite scroll) into one pass. */
export const MUTATION_BATCH_DELAY_MS = 50;
/** Distinct nodes beyond which a batch is dropped for one rescan of the roots. */
export const MAX_PENDING_NODES = 10_000;
/** Folding looks this many ancestors up: deeper containment only costs a redundant walk, never a wrong one. */
export const FOLD_DEPTH = 32;

export interface MutationBatch {
  /** Added subtrees and changed text nodes (none inside another entry's subtree, up to FOLD_DEPTH), each with the time it changed. */
  nodes: Array<[Node, number]>;
  /** Elements whose readable attributes changed, each with the time it changed. */
  attributes: Array<[Element, number]>;
  /** True when there were too many nodes: rescan the roots instead. */
  rescan: boolean;
  /** True when nodes were removed (what we rewrote there can be forgotten). */
  removed: boolean;
}

export interface MutationBatcherOptions {
  win: Window;
  signal: AbortSignal;
  /** True for a text node's value or an attribute that we wrote ourselves. */
  isOwnText(node: Text): boolean;
  isOwnAttr(el: Element, name: string): boolean;
  /** Handles a batch; the next batch waits for the promise. */
  onBatch(batch: MutationBatch): Promise<void>;
  /** Multiplies the batch delay (1 on a calm page). */
  delayFactor?(): number;
  /**
   * Removals mean nothing to this caller (a scan that writes nothing keeps nothing to forget): their records are
   * not looked into, which spares a NodeList per record on a page that removes as fast as it adds.
   */
  ignoreRemovals?: boolean;
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
  private pendingNodes = new Map<Node, number>();
  private pendingAttrs = new Map<Element, number>();
  private overflow = false;
  private removed = false;
  private timer: number | undefined;
  private busy = false;

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
    this.pendingNodes = new Map();
    this.pendingAttrs = new Map();
  }

  private collect(records: MutationRecord[]): void {
    if (this.opts.signal.aborted) return;
    const now = this.opts.win.performance.now();
    for (const r of records) {
      if (r.type === 'characterData') {
        if (!this.opts.isOwnText(r.target as Text)) this.addNode(r.target, now);
      } else if (r.type === 'attributes') {
        const el = r.target as Element;
        if (r.attributeName && !this.opts.isOwnAttr(el, r.attributeName)) this.pendingAttrs.set(el, now);
      } else {
        // Taking text away cannot make the rest of a page broken; it only lets us forget what we wrote there.
        if (!this.opts.ignoreRemovals && r.removedNodes.length) this.removed = true;
        const added = r.addedNodes;
        for (let i = 0; i < added.length; i++) {
          const n = added[i];
          if (n.nodeType === 1 || n.nodeType === 3) this.addNode(n, now);
        }
      }
    }
    this.schedule();
  }

  private addNode(node: Node, at: number): void {
    if (this.overflow) return;
    this.pendingNodes.set(node, at);
    if (this.pendingNodes.size > MAX_PENDING_NODES) {
      this.overflow = true;
      this.pendingNodes = new Map();
    }
  }

  private schedule(): void {
    if (this.timer !== undefined || this.busy || this.opts.signal.aborted) return;
    if (!this.pendingNodes.size && !this.pendingAttrs.size && !this.overflow && !this.removed) return;
    const delay = MUTATION_BATCH_DELAY_MS * (this.opts.delayFactor?.() ?? 1);
    this.timer = this.opts.win.setTimeout(() => void this.flush(), delay);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.opts.signal.aborted) return;
    const pending = this.pendingNodes;
    const attrs = this.pendingAttrs;
    const batch: MutationBatch = { nodes: [], attributes: [], rescan: this.overflow, removed: this.removed };
    this.pendingNodes = new Map();
    this.pendingAttrs = new Map();
    this.overflow = false;
    this.removed = false;
    if (!batch.rescan) {
      for (const [n, at] of pending) if (n.isConnected && !hasPendingAncestor(n, pending)) batch.nodes.push([n, at]);
    }
    for (const [el, at] of attrs) if (el.isConnected) batch.attributes.push([el, at]);
    this.busy = true;
    try {
      await this.opts.onBatch(batch);
    } finally {
      this.busy = false;
      this.schedule();
    }
  }
}

function hasPendingAncestor(node: Node, pending: Map<Node, number>): boolean {
  let p = node.parentNode;
  for (let depth = 0; p && depth < FOLD_DEPTH; depth++, p = p.parentNode) if (pending.has(p)) return true;
  return false;
}
