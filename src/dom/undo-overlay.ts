/**
 * Highlights receive no events, so hovering a highlighted span is found by hit-testing the caret
 * position against the store's spans. The card showing the original, the kind and an undo button
 * lives in a closed shadow root so page styles cannot reach it and page scripts cannot read it.
 */
import type { RepairKind } from '../core/types';
import type { RewriteStore } from './rewrite-store';
import type { RewrittenSpan } from './step-mapping';
import { OVERLAY_TAG } from './text-filter';

export interface OverlayStrings {
  original: string;
  undo: string;
  kind: Record<RepairKind, string>;
}

const CARD_CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; max-width: 28em; padding: 6px 8px; border-radius: 6px;
  font: 13px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #222;
  background: #fffbe8; border: 1px solid #d8c27a; box-shadow: 0 2px 8px rgba(0,0,0,.18); }
.kind { color: #7a5b00; font-weight: 600; margin-right: .5em; }
.orig { white-space: pre-wrap; word-break: break-all; }
button { font: inherit; margin-top: 4px; cursor: pointer; }
`;

/** Do not hit-test on every mousemove: at most once per this many ms. */
const HOVER_THROTTLE_MS = 80;
/** Keep the card long enough to move the pointer onto its button. */
const HIDE_DELAY_MS = 600;

export interface OverlayOptions {
  win: Window;
  store: RewriteStore;
  strings: OverlayStrings;
  signal: AbortSignal;
  onUndo(group: number): void;
}

export function installUndoOverlay(opts: OverlayOptions): void {
  const { win, store, strings, signal } = opts;
  const doc = win.document;
  let host: HTMLElement | null = null;
  let card: HTMLDivElement | null = null;
  let shown: number | null = null;
  let hideTimer: number | undefined;
  let last = 0;

  const ensureCard = (): HTMLDivElement => {
    if (card && host?.isConnected) return card;
    host = doc.createElement(OVERLAY_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CARD_CSS;
    card = doc.createElement('div');
    card.className = 'card';
    card.setAttribute('role', 'tooltip');
    root.append(style, card);
    card.addEventListener('mouseenter', () => win.clearTimeout(hideTimer));
    card.addEventListener('mouseleave', scheduleHide);
    doc.documentElement.appendChild(host);
    return card;
  };

  const hide = () => { host?.remove(); host = null; card = null; shown = null; };
  function scheduleHide() { win.clearTimeout(hideTimer); hideTimer = win.setTimeout(hide, HIDE_DELAY_MS); }

  const show = (node: Text, span: RewrittenSpan) => {
    win.clearTimeout(hideTimer);
    if (shown === span.group && host?.isConnected) return;
    const c = ensureCard();
    shown = span.group;
    c.replaceChildren();
    const kind = doc.createElement('span');
    kind.className = 'kind';
    kind.textContent = strings.kind[span.kind];
    const orig = doc.createElement('span');
    orig.className = 'orig';
    orig.textContent = `${strings.original}${span.original}`;
    c.append(kind, orig);
    if (!span.lossy) {
      const btn = doc.createElement('button');
      btn.type = 'button';
      btn.textContent = strings.undo;
      btn.addEventListener('click', () => { opts.onUndo(span.group); hide(); });
      c.append(doc.createElement('br'), btn);
    }
    const range = doc.createRange();
    range.setStart(node, span.start);
    range.setEnd(node, span.end);
    const rect = range.getBoundingClientRect();
    c.style.left = `${Math.max(4, Math.min(rect.left, win.innerWidth - 320))}px`;
    c.style.top = `${rect.bottom + 4 > win.innerHeight - 60 ? Math.max(4, rect.top - 64) : rect.bottom + 4}px`;
  };

  const hitTest = (x: number, y: number): [Text, RewrittenSpan] | null => {
    const d = doc as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
      caretRangeFromPoint?: (x: number, y: number) => Range | null;
    };
    let node: Node | null = null;
    let offset = 0;
    const pos = d.caretPositionFromPoint?.(x, y);
    if (pos) { node = pos.offsetNode; offset = pos.offset; }
    else {
      const r = d.caretRangeFromPoint?.(x, y);
      if (r) { node = r.startContainer; offset = r.startOffset; }
    }
    if (!node || node.nodeType !== 3) return null;
    const rec = store.recordOf(node as Text);
    const span = rec?.spans.find((s) => offset >= s.start && offset <= s.end && s.end > s.start);
    return span ? [node as Text, span] : null;
  };

  const onPointer = (e: MouseEvent) => {
    if (e.type === 'mousemove') {
      const now = win.performance.now();
      if (now - last < HOVER_THROTTLE_MS) return;
      last = now;
    }
    if (host && e.composedPath().includes(host)) return;
    const hit = hitTest(e.clientX, e.clientY);
    if (hit) show(hit[0], hit[1]);
    else if (shown !== null) scheduleHide();
  };

  doc.addEventListener('mousemove', onPointer, { passive: true, signal });
  doc.addEventListener('click', onPointer, { passive: true, signal });
  signal.addEventListener('abort', hide, { once: true });
}
