/**
 * Shows repaired and lossy spans with the CSS Custom Highlight API: ranges are painted by the
 * browser, so no element is added around the text and the page's DOM keeps its structure.
 */
import type { RewriteStore } from './rewrite-store';

export const HIGHLIGHT_REPAIRED = 'luanma-repaired';
export const HIGHLIGHT_LOSSY = 'luanma-lossy';

/** Subtle on purpose: the page should read normally; lossy text stands out more because it is still wrong. */
const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_REPAIRED}) { background-color: rgba(255, 196, 0, 0.22); }
::highlight(${HIGHLIGHT_LOSSY}) { background-color: rgba(230, 40, 40, 0.18); text-decoration: underline wavy rgba(200, 0, 0, 0.7); }
`;

interface HighlightCtor { new (...ranges: Range[]): { add(r: Range): void; clear(): void } }
interface HighlightWindow {
  Highlight?: HighlightCtor;
  CSS?: { highlights?: Map<string, unknown> };
  CSSStyleSheet: typeof CSSStyleSheet;
}

export class Highlighter {
  private enabled = false;
  private readonly styled = new WeakSet<Document | ShadowRoot>();

  constructor(private readonly win: Window, private readonly store: RewriteStore) {}

  get supported(): boolean {
    const w = this.win as unknown as HighlightWindow;
    return Boolean(w.Highlight && w.CSS?.highlights);
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    this.refresh();
  }

  /** Rebuilds both highlights from the store (cheap: ranges only, no layout). */
  refresh(): void {
    const w = this.win as unknown as HighlightWindow;
    if (!this.supported) return;
    const registry = w.CSS!.highlights!;
    if (!this.enabled) {
      registry.delete(HIGHLIGHT_REPAIRED);
      registry.delete(HIGHLIGHT_LOSSY);
      return;
    }
    const repaired = new w.Highlight!();
    const lossy = new w.Highlight!();
    for (const [node, rec] of this.store.entries()) {
      this.ensureStyle(node.getRootNode() as Document | ShadowRoot);
      for (const s of rec.spans) {
        if (s.end <= s.start) continue;
        const range = node.ownerDocument.createRange();
        range.setStart(node, s.start);
        range.setEnd(node, s.end);
        (s.lossy ? lossy : repaired).add(range);
      }
    }
    registry.set(HIGHLIGHT_REPAIRED, repaired);
    registry.set(HIGHLIGHT_LOSSY, lossy);
  }

  /** Highlight styles apply per tree: the document and each shadow root need the sheet. */
  private ensureStyle(root: Document | ShadowRoot): void {
    if (this.styled.has(root)) return;
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
