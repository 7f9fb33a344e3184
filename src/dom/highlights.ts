/**
 * Shows repaired and lossy spans with the CSS Custom Highlight API: ranges are painted by the
 * browser, so no element is added around the text and the page's DOM keeps its structure.
 *
 * The highlights follow the store write by write (its listener): each rewritten node's ranges are replaced
 * when it is written and dropped when it is forgotten, so a pass costs ranges for what it wrote, never a
 * rebuild of every range on the page.
 */
import type { RewriteStore, StoreListener, TextRecord } from './rewrite-store';

export const HIGHLIGHT_REPAIRED = 'luanma-repaired';
export const HIGHLIGHT_LOSSY = 'luanma-lossy';

/** Subtle on purpose: the page should read normally; lossy text stands out more because it is still wrong. */
const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_REPAIRED}) { background-color: rgba(255, 196, 0, 0.22); }
::highlight(${HIGHLIGHT_LOSSY}) { background-color: rgba(230, 40, 40, 0.18); text-decoration: underline wavy rgba(200, 0, 0, 0.7); }
`;

interface HighlightLike { add(r: Range): void; delete(r: Range): boolean; clear(): void }
interface HighlightCtor { new (...ranges: Range[]): HighlightLike }
interface HighlightWindow {
  Highlight?: HighlightCtor;
  CSS?: { highlights?: Map<string, unknown> };
  CSSStyleSheet: typeof CSSStyleSheet;
}

export class Highlighter implements StoreListener {
  private enabled = false;
  private readonly styled = new WeakSet<Document | ShadowRoot>();
  private repaired: HighlightLike | null = null;
  private lossy: HighlightLike | null = null;
  private readonly ranges = new Map<Text, Range[]>();

  constructor(private readonly win: Window, private readonly store: RewriteStore) {
    store.listener = this;
  }

  get supported(): boolean {
    const w = this.win as unknown as HighlightWindow;
    return Boolean(w.Highlight && w.CSS?.highlights);
  }

  /** Shows or hides the highlights; turning them on builds the ranges of what is rewritten now. */
  setEnabled(on: boolean): void {
    if (!this.supported || on === this.enabled) return;
    this.enabled = on;
    const registry = (this.win as unknown as HighlightWindow).CSS!.highlights!;
    if (!on) {
      registry.delete(HIGHLIGHT_REPAIRED);
      registry.delete(HIGHLIGHT_LOSSY);
      this.repaired = this.lossy = null;
      this.ranges.clear();
      return;
    }
    const w = this.win as unknown as HighlightWindow;
    this.repaired = new w.Highlight!();
    this.lossy = new w.Highlight!();
    for (const [node, rec] of this.store.entries()) this.written(node, rec);
    registry.set(HIGHLIGHT_REPAIRED, this.repaired);
    registry.set(HIGHLIGHT_LOSSY, this.lossy);
  }

  written(node: Text, rec: TextRecord): void {
    if (!this.enabled) return;
    this.forgotten(node);
    this.ensureStyle(node.getRootNode() as Document | ShadowRoot);
    const list: Range[] = [];
    for (const s of rec.spans) {
      if (s.end <= s.start) continue;
      const range = node.ownerDocument.createRange();
      range.setStart(node, s.start);
      range.setEnd(node, s.end);
      (s.lossy ? this.lossy! : this.repaired!).add(range);
      list.push(range);
    }
    if (list.length) this.ranges.set(node, list);
  }

  forgotten(node: Text): void {
    const list = this.ranges.get(node);
    if (!list) return;
    for (const r of list) { this.repaired?.delete(r); this.lossy?.delete(r); }
    this.ranges.delete(node);
  }

  cleared(): void {
    this.repaired?.clear();
    this.lossy?.clear();
    this.ranges.clear();
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
