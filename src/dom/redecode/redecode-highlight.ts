/**
 * Marks re-decoded text as its own kind of repair, with the CSS Custom Highlight API (no element is added): the
 * text-level repairs keep their highlights (highlights.ts), and a page re-decoded from its bytes shows a quieter
 * mark, since on such a page nearly every piece of text changed.
 */
import type { RewriteStore } from '../rewrite-store';

export const HIGHLIGHT_REDECODED = 'luanma-redecoded';

const CSS = `::highlight(${HIGHLIGHT_REDECODED}) { background-color: rgba(0, 120, 255, 0.10); }`;

interface HighlightApi {
  Highlight?: new (...ranges: Range[]) => { add(r: Range): void };
  CSS?: { highlights?: Map<string, unknown> };
}

export class RedecodeHighlight {
  private enabled = false;
  private styled = new WeakSet<Document>();

  constructor(private readonly win: Window, private readonly store: RewriteStore) {}

  setEnabled(on: boolean): void {
    this.enabled = on;
    this.refresh();
  }

  /** Rebuilds the highlight from the store's live records (ranges only: no layout). */
  refresh(): void {
    const w = this.win as unknown as HighlightApi;
    const registry = w.CSS?.highlights;
    if (!w.Highlight || !registry) return;
    if (!this.enabled) { registry.delete(HIGHLIGHT_REDECODED); return; }
    const hl = new w.Highlight();
    for (const [node, rec] of this.store.entries()) {
      for (const s of rec.spans) {
        if (s.end <= s.start) continue;
        const range = node.ownerDocument.createRange();
        range.setStart(node, s.start);
        range.setEnd(node, s.end);
        hl.add(range);
      }
    }
    this.ensureStyle(this.win.document);
    registry.set(HIGHLIGHT_REDECODED, hl);
  }

  private ensureStyle(doc: Document): void {
    if (this.styled.has(doc)) return;
    this.styled.add(doc);
    try {
      const sheet = new (this.win as Window & typeof globalThis).CSSStyleSheet();
      sheet.replaceSync(CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    } catch {
      // Some content-script sandboxes cannot hand a constructed sheet to the page: a style element in <head>,
      // outside the page's text and opted out of every walk.
      const style = doc.createElement('style');
      style.setAttribute('data-luanma-off', '');
      style.textContent = CSS;
      (doc.head ?? doc.documentElement).appendChild(style);
    }
  }
}
