/**
 * Highlights receive no events, so hovering a highlighted span is found by hit-testing the caret
 * position against the store's spans. The card showing the original, the kind and an undo button
 * lives in a closed shadow root so page styles cannot reach it and page scripts cannot read it.
 *
 * From the keyboard: when the selection or caret lands in a repaired span other than by the pointer (caret
 * browsing, Shift+arrows, find in page), the card shows with a hint; Tab moves focus into it (its buttons, in a
 * cycle), Esc closes it and gives focus and the selection back to where they were. Esc closes a hovered card too.
 */
import type { RepairKind } from '../core/types';
import type { RewriteStore } from './rewrite-store';
import type { RewrittenSpan } from './step-mapping';
import { OVERLAY_TAG } from './text-filter';

export interface OverlayStrings {
  original: string;
  undo: string;
  kind: Record<RepairKind, string>;
  /** The card's accessible name, its close button's, and the keyboard hint shown when the keyboard opened it. */
  label?: string;
  close?: string;
  keys?: string;
}

const CARD_CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; max-width: 28em; padding: 6px 8px; border-radius: 6px;
  font: 13px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #222;
  background: #fffbe8; border: 1px solid #d8c27a; box-shadow: 0 2px 8px rgba(0,0,0,.18); }
.kind { color: #7a5b00; font-weight: 600; margin-right: .5em; }
.orig { white-space: pre-wrap; word-break: break-all; }
.keys { display: block; color: #666; font-size: 12px; }
button { font: inherit; margin: 4px 4px 0 0; cursor: pointer; }
button:focus-visible { outline: 2px solid #1a66cc; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .card { color: #eee; background: #2b2618; border-color: #7a6a3a; }
  .kind { color: #f0c75a; } .keys { color: #aaa; }
}
@media (forced-colors: active) { .card { border: 1px solid CanvasText; } }
`;

/** Do not hit-test on every mousemove: at most once per this many ms. */
const HOVER_THROTTLE_MS = 80;
/** Keep the card long enough to move the pointer onto its button. */
const HIDE_DELAY_MS = 600;
/** A selection change this soon after a pointer press is the pointer's (a click or a drag), not the keyboard's. */
const POINTER_SELECTION_MS = 800;

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
  let pointerAt = -Infinity;
  /** The card was opened by the keyboard: Tab enters it. */
  let byKeyboard = false;
  /** Where focus and the selection were before Tab entered the card, to give them back. */
  let back: { focus: Element | null; range: Range | null } | null = null;
  /** The span whose card Esc closed: the caret still in it (or put back in it) does not reopen it. */
  let dismissed: number | null = null;

  const buttons = () => (card ? [...card.querySelectorAll('button')] : []);
  const focusInCard = () => back !== null && host !== null && doc.activeElement === host;

  const ensureCard = (): HTMLDivElement => {
    if (card && host?.isConnected) return card;
    host = doc.createElement(OVERLAY_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CARD_CSS;
    card = doc.createElement('div');
    card.className = 'card';
    card.setAttribute('role', 'dialog');
    if (strings.label) card.setAttribute('aria-label', strings.label);
    root.append(style, card);
    card.addEventListener('mouseenter', () => win.clearTimeout(hideTimer));
    card.addEventListener('mouseleave', scheduleHide);
    card.addEventListener('keydown', onCardKey);
    doc.documentElement.appendChild(host);
    return card;
  };

  /** Esc or ×: the card closes and stays closed while the caret stays in its span. */
  const dismiss = () => { dismissed = shown; hide(back !== null); };
  /** Closes the card; with `restore`, focus and the selection go back to where they were before Tab entered it. */
  const hide = (restore = false) => {
    const was = back;
    host?.remove(); host = null; card = null; shown = null; byKeyboard = false; back = null;
    if (!restore || !was) return;
    const focus = was.focus as HTMLElement | null;
    if (focus?.isConnected && typeof focus.focus === 'function') focus.focus({ preventScroll: true });
    const sel = win.getSelection();
    if (was.range && sel) { sel.removeAllRanges(); sel.addRange(was.range); }
  };
  function scheduleHide() {
    win.clearTimeout(hideTimer);
    hideTimer = win.setTimeout(() => { if (!focusInCard()) hide(); }, HIDE_DELAY_MS);
  }

  const show = (node: Text, span: RewrittenSpan, keyboard: boolean) => {
    win.clearTimeout(hideTimer);
    if (shown === span.group && host?.isConnected && keyboard === byKeyboard) return;
    const c = ensureCard();
    shown = span.group;
    byKeyboard = keyboard;
    c.replaceChildren();
    const kind = doc.createElement('span');
    kind.className = 'kind';
    kind.textContent = strings.kind[span.kind];
    const orig = doc.createElement('span');
    orig.className = 'orig';
    orig.textContent = `${strings.original}${span.original}`;
    c.append(kind, orig, doc.createElement('br'));
    if (!span.lossy) {
      const btn = doc.createElement('button');
      btn.type = 'button';
      btn.textContent = strings.undo;
      btn.addEventListener('click', () => {
        const restore = back !== null;
        opts.onUndo(span.group);
        // The undone text is the same node: the caret goes back to where the span began.
        if (back) { back.range = doc.createRange(); back.range.setStart(node, Math.min(span.start, node.length)); }
        hide(restore);
      });
      c.append(btn);
    }
    if (strings.close) {
      const close = doc.createElement('button');
      close.type = 'button';
      close.textContent = '×';
      close.setAttribute('aria-label', strings.close);
      close.addEventListener('click', dismiss);
      c.append(close);
    }
    if (keyboard && strings.keys) {
      const keys = doc.createElement('span');
      keys.className = 'keys';
      keys.textContent = strings.keys;
      c.append(keys);
    }
    const range = doc.createRange();
    range.setStart(node, span.start);
    range.setEnd(node, span.end);
    const rect = range.getBoundingClientRect();
    c.style.left = `${Math.max(4, Math.min(rect.left, win.innerWidth - 320))}px`;
    c.style.top = `${rect.bottom + 4 > win.innerHeight - 80 ? Math.max(4, rect.top - 84) : rect.bottom + 4}px`;
  };

  const spanAt = (node: Node | null, offset: number): [Text, RewrittenSpan] | null => {
    if (!node || node.nodeType !== 3) return null;
    const rec = store.recordOf(node as Text);
    const span = rec?.spans.find((s) => offset >= s.start && offset <= s.end && s.end > s.start);
    return span ? [node as Text, span] : null;
  };

  const hitTest = (x: number, y: number): [Text, RewrittenSpan] | null => {
    const d = doc as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
      caretRangeFromPoint?: (x: number, y: number) => Range | null;
    };
    const pos = d.caretPositionFromPoint?.(x, y);
    if (pos) return spanAt(pos.offsetNode, pos.offset);
    const r = d.caretRangeFromPoint?.(x, y);
    return r ? spanAt(r.startContainer, r.startOffset) : null;
  };

  const onPointer = (e: MouseEvent) => {
    if (e.type === 'mousemove') {
      const now = win.performance.now();
      if (now - last < HOVER_THROTTLE_MS) return;
      last = now;
    }
    if (host && e.composedPath().includes(host)) return;
    const hit = hitTest(e.clientX, e.clientY);
    if (hit) show(hit[0], hit[1], false);
    else if (shown !== null && !byKeyboard) scheduleHide();
  };

  const onSelection = () => {
    if (win.performance.now() - pointerAt < POINTER_SELECTION_MS || focusInCard()) return;
    const sel = win.getSelection();
    const hit = sel && sel.rangeCount > 0 ? spanAt(sel.focusNode, sel.focusOffset) : null;
    if (hit?.[1].group === dismissed) return;
    dismissed = null;
    if (hit) show(hit[0], hit[1], true);
    else if (byKeyboard) hide();
  };

  const onKey = (e: KeyboardEvent) => {
    if (!host || e.composedPath().includes(host)) return;
    if (e.key === 'Escape') dismiss();
    else if (e.key === 'Tab' && byKeyboard && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const first = buttons()[0];
      if (!first) return;
      e.preventDefault();
      const sel = win.getSelection();
      back = { focus: doc.activeElement, range: sel && sel.rangeCount > 0 ? sel.getRangeAt(0).cloneRange() : null };
      first.focus();
    }
  };

  function onCardKey(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      dismiss();
    } else if (e.key === 'Tab') {
      // The card's buttons take turns; Esc is the way out.
      const list = buttons();
      const at = list.indexOf((card?.getRootNode() as ShadowRoot | undefined)?.activeElement as HTMLButtonElement);
      e.preventDefault();
      list[(at + (e.shiftKey ? list.length - 1 : 1)) % list.length]?.focus();
    }
  }

  doc.addEventListener('mousemove', onPointer, { passive: true, signal });
  doc.addEventListener('click', onPointer, { passive: true, signal });
  doc.addEventListener('mousedown', () => { pointerAt = win.performance.now(); }, { passive: true, capture: true, signal });
  doc.addEventListener('selectionchange', onSelection, { signal });
  doc.addEventListener('keydown', onKey, { capture: true, signal });
  signal.addEventListener('abort', () => hide(), { once: true });
}
