/**
 * The content script's part of copying repaired text (in the decoder bundle: copying is rare, and most copies need the decoder). The background asks a frame to copy its repaired
 * selection (context menu, keyboard shortcut); the popup asks the top frame for its page text. Both work
 * whether or not repair is on for the site: with repair off the text is repaired on its way out.
 *
 * The clipboard is written here, in the page, because an MV3 service worker has none. Only our background and
 * pages may ask (messages.ts checks the sender); the page itself learns nothing but the short notice.
 */
import { copyText } from '../../dom/clipboard';
import type { PageRepairer } from '../../dom/page-repairer';
import { t } from '../../shared/i18n';
import type { Handlers } from '../shared/messages';
import { showCopyNotice } from './copy-notice';
import { contextLines, repairForCopy, type CopyRepairDeps } from './copy-repair';

export interface CopyContentOptions extends CopyRepairDeps {
  win: Window;
  repairer: PageRepairer;
}

/** The selected text of a frame: a text field's selection if one is focused, else the document's. */
export function selectedText(win: Window): string {
  const el = win.document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  if (el && (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && /^(text|search|url|tel)$/.test(el.type)))) {
    const { selectionStart: a, selectionEnd: b } = el;
    if (a !== null && b !== null && b > a) return el.value.slice(a, b);
  }
  return win.getSelection()?.toString() ?? '';
}

/** The page's text as the reader sees it (rendered line breaks included). */
const pageText = (win: Window) => win.document.body?.innerText ?? win.document.documentElement?.textContent ?? '';

/** Writes the clipboard from the page without losing the reader's selection to the fallback's textarea. */
async function writeClipboard(win: Window, text: string): Promise<boolean> {
  const doc = win.document;
  const sel = win.getSelection();
  const ranges = sel ? Array.from({ length: sel.rangeCount }, (_, i) => sel.getRangeAt(i)) : [];
  try {
    return await copyText(doc, text);
  } finally {
    if (sel && ranges.length && sel.rangeCount === 0) for (const r of ranges) sel.addRange(r);
  }
}

/** The frame's answers to copySelection and pageText (the first content script hands them the messages). */
export function copyHandlers(opts: CopyContentOptions): Required<Pick<Handlers, 'copySelection' | 'pageText'>> {
  const { win, repairer } = opts;
  // Copies are repaired with the site's rule too (e-paper, never Founder), as the page is.
  const withHints = { ...opts, hints: () => repairer.currentHints };
  return {
    copySelection: async ({ fallback }) => {
      const raw = selectedText(win) || fallback;
      if (!raw) {
        showCopyNotice(win, t('copy_noticeNothing'), 'nothing');
        return { ok: false, copied: false, chars: 0, repairs: 0 };
      }
      const r = await repairForCopy(raw, withHints, contextLines(pageText(win)));
      const copied = await writeClipboard(win, r.text);
      const repairs = r.steps.filter((st) => !st.lossy).length;
      const notice = !copied ? t('copy_failed') : repairs ? t('copy_noticeRepaired', [String(repairs)]) : t('copy_noticeClean');
      showCopyNotice(win, notice, copied ? 'copied' : 'denied');
      return { ok: true, copied, chars: r.text.length, repairs: r.steps.length };
    },
    pageText: async () => {
      // With repair on, the nodes already hold the repaired text: wait for the current pass, then read it.
      if (repairer.running) {
        await repairer.whenSettled();
        return { text: pageText(win), repairs: 0 };
      }
      const text = pageText(win);
      const r = await repairForCopy(text, withHints);
      return { text: r.text, repairs: r.steps.length };
    },
  };
}
