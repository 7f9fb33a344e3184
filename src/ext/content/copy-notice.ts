/**
 * A short notice in the page after "Copy repaired text" from the menu or the keyboard, which otherwise give
 * no sign of having done anything. It lives in a closed shadow root (page styles cannot reach it) under the
 * overlay tag the walker never enters, and goes away by itself.
 */
import { OVERLAY_TAG } from '../../dom/text-filter';

/** Long enough to read a short line. */
export const NOTICE_MS = 2200;

const CSS = `
:host { all: initial; }
.notice { position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; max-width: 24em; padding: 6px 10px;
  border-radius: 6px; font: 13px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #222;
  background: #fffbe8; border: 1px solid #d8c27a; box-shadow: 0 2px 8px rgba(0,0,0,.18); }
`;

/** Shows `text` for NOTICE_MS; `state` is left on the host (`data-luanma-notice`) for tests. */
export function showCopyNotice(win: Window, text: string, state: string): void {
  const doc = win.document;
  for (const old of doc.querySelectorAll(`${OVERLAY_TAG}[data-luanma-notice]`)) old.remove();
  const host = doc.createElement(OVERLAY_TAG);
  host.dataset.luanmaNotice = state;
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const box = doc.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'status');
  box.textContent = text;
  root.append(style, box);
  (doc.body ?? doc.documentElement).append(host);
  win.setTimeout(() => host.remove(), NOTICE_MS);
}
