/**
 * Shows repaired and lossy spans with the CSS Custom Highlight API: ranges are painted by the
 * browser, so no element is added around the text and the page's DOM keeps its structure.
 *
 * The highlights follow the store write by write (its listener): a rewritten node's ranges are dropped when
 * it is written or forgotten, and its new ones are made a little later, in idle callbacks of at most
 * RANGE_BUDGET_MS (in Firefox one range on a node 2,000 elements deep costs about a millisecond), so a pass
 * costs ranges for what it wrote, never a rebuild of every range on the page, and never a long task.
 *
 * Ranges are not free either once made: with 40,000 of them, every later frame in which the page changes any
 * text costs Chromium ~180 ms, and 290,000 in one 10 MB node made one frame take 143 s. So a page shows at
 * most MAX_HIGHLIGHT_RANGES highlighted spans (the first repaired: the visible part), a node at most
 * MAX_RANGES_PER_NODE; spans beyond are repaired all the same, without a highlight.
 */
import HIGHLIGHT_CSS from './highlights.css?raw';
import type { RewriteStore, StoreListener } from './rewrite-store';

/** The highlights' names, as highlights.css styles them. */
export const HIGHLIGHT_REPAIRED = 'luanma-repaired';
export const HIGHLIGHT_LOSSY = 'luanma-lossy';

export const MAX_HIGHLIGHT_RANGES = 5000;
export const MAX_RANGES_PER_NODE = 500;
/** Time for making ranges per idle callback. */
export const RANGE_BUDGET_MS = 8;

interface HighlightLike { add(r: Range): void; delete(r: Range): boolean; clear(): void }
interface HighlightCtor { new (...ranges: Range[]): HighlightLike }
interface HighlightWindow {
  Highlight?: HighlightCtor;
  CSS?: { highlights?: Map<string, unknown> };
  CSSStyleSheet: typeof CSSStyleSheet;
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
}

export class Highlighter implements StoreListener {
  private enabled = false;
  private readonly styled = new WeakSet<Document | ShadowRoot>();
  private repaired: HighlightLike | null = null;
  private lossy: HighlightLike | null = null;
  private readonly ranges = new Map<Text, Range[]>();
  private count = 0;
  /** Nodes written and not yet given ranges (a Set: written twice, made once, from its latest record). */
  private pending = new Set<Text>();
  private scheduled = false;
  /** Each element's tree (document or shadow root), remembered on the way up: getRootNode climbs every time. */
  private readonly rootOf = new WeakMap<Node, Document | ShadowRoot>();

  /** `documentStyled`: the document already has highlights.css (the content script's manifest injects it). */
  constructor(private readonly win: Window, private readonly store: RewriteStore, documentStyled = false) {
    store.listener = this;
    // Adopting a sheet restyles the whole tree: on a page of 200,000 nodes that is most of a second.
    if (documentStyled) this.styled.add(win.document);
  }

  get supported(): boolean {
    const w = this.win as unknown as HighlightWindow;
    return Boolean(w.Highlight && w.CSS?.highlights);
  }

  /** Shows or hides the highlights; turning them on makes the ranges of what is rewritten now. */
  setEnabled(on: boolean): void {
    if (!this.supported || on === this.enabled) return;
    this.enabled = on;
    const w = this.win as unknown as HighlightWindow;
    const registry = w.CSS!.highlights!;
    if (!on) {
      registry.delete(HIGHLIGHT_REPAIRED);
      registry.delete(HIGHLIGHT_LOSSY);
      this.repaired = this.lossy = null;
      this.ranges.clear();
      this.pending = new Set();
      this.count = 0;
      return;
    }
    this.repaired = new w.Highlight!();
    this.lossy = new w.Highlight!();
    for (const [node] of this.store.entries()) this.pending.add(node);
    this.schedule();
    registry.set(HIGHLIGHT_REPAIRED, this.repaired);
    registry.set(HIGHLIGHT_LOSSY, this.lossy);
  }

  written(node: Text): void {
    if (!this.enabled) return;
    this.forgotten(node);
    this.pending.add(node);
    this.schedule();
  }

  forgotten(node: Text): void {
    this.pending.delete(node);
    const list = this.ranges.get(node);
    if (!list) return;
    for (const r of list) { this.repaired?.delete(r); this.lossy?.delete(r); }
    this.count -= list.length;
    this.ranges.delete(node);
  }

  cleared(): void {
    this.repaired?.clear();
    this.lossy?.clear();
    this.ranges.clear();
    this.pending = new Set();
    this.count = 0;
  }

  /** Resolves once every written node has its ranges (tests). */
  async whenDrawn(): Promise<void> {
    while (this.pending.size && this.enabled) await new Promise((r) => this.win.setTimeout(r, 10));
  }

  private schedule(): void {
    if (this.scheduled || this.pending.size === 0) return;
    this.scheduled = true;
    const w = this.win as unknown as HighlightWindow;
    const run = () => { this.scheduled = false; this.draw(); };
    if (w.requestIdleCallback) w.requestIdleCallback(run, { timeout: 300 });
    else this.win.setTimeout(run, 0);
  }

  private draw(): void {
    if (!this.enabled) return;
    const perf = this.win.performance;
    const start = perf.now();
    for (const node of this.pending) {
      this.pending.delete(node);
      const rec = this.store.recordOf(node);
      if (rec && node.isConnected) this.make(node, rec.spans);
      if (perf.now() - start >= RANGE_BUDGET_MS) break;
    }
    this.schedule();
  }

  private make(node: Text, spans: ReadonlyArray<{ start: number; end: number; lossy: boolean }>): void {
    if (this.count >= MAX_HIGHLIGHT_RANGES) return;
    this.ensureStyle(this.treeOf(node));
    const list: Range[] = [];
    for (const s of spans) {
      if (s.end <= s.start) continue;
      if (list.length >= MAX_RANGES_PER_NODE || this.count >= MAX_HIGHLIGHT_RANGES) break;
      const range = node.ownerDocument.createRange();
      range.setStart(node, s.start);
      range.setEnd(node, s.end);
      (s.lossy ? this.lossy! : this.repaired!).add(range);
      list.push(range);
      this.count++;
    }
    if (list.length) this.ranges.set(node, list);
  }

  private treeOf(node: Node): Document | ShadowRoot {
    const path: Node[] = [];
    let root: Document | ShadowRoot | undefined;
    for (let cur = node.parentNode; cur; cur = cur.parentNode) {
      root = this.rootOf.get(cur);
      if (root) break;
      if (cur.nodeType === 9 || cur.nodeType === 11) { root = cur as Document | ShadowRoot; break; }
      path.push(cur);
    }
    root ??= node.getRootNode() as Document | ShadowRoot;
    for (const n of path) this.rootOf.set(n, root);
    return root;
  }

  /** Highlight styles apply per tree: the document and each shadow root need the sheet. */
  private ensureStyle(root: Document | ShadowRoot): void {
    if (this.styled.has(root) || (root.nodeType !== 9 && root.nodeType !== 11)) return;
    this.styled.add(root);
    try {
      const sheet = new (this.win as Window & typeof globalThis).CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // Some content-script sandboxes cannot hand a constructed sheet to the page: a style
      // element is the fallback (added to <head>, outside the page's text).
      const doc = root.nodeType === 9 ? (root as Document) : (root as ShadowRoot).ownerDocument;
      const style = doc.createElement('style');
      style.setAttribute('data-luanma-off', '');
      style.textContent = HIGHLIGHT_CSS;
      (root.nodeType === 9 ? doc.head ?? doc.documentElement : root).appendChild(style);
    }
  }
}
