/**
 * "Copy repaired text" in a frame with no live content script: a tab that was open before the extension was
 * installed, updated or reloaded (browsers do not inject content scripts into open tabs). The decoder bundle
 * is injected into the frame, and a self-contained function repairs the selection and writes the clipboard
 * there. The page repairer is not started: the page itself stays as it is until it is reloaded.
 */
import { browser } from 'wxt/browser';
import { DECODER_FILE, DECODER_GLOBAL } from '../../shared/decoder-bundle';

export async function copyInFrameWithoutContentScript(tabId: number, frameId: number, selectionText: string): Promise<boolean> {
  const target = { tabId, frameIds: [frameId] };
  try {
    await browser.scripting.executeScript({ target, files: [DECODER_FILE] });
    const [res] = await browser.scripting.executeScript({
      target, func: repairAndCopyInPage, args: [selectionText, DECODER_GLOBAL],
    });
    return res?.result === true;
  } catch (err) {
    // A browser page, a store page, a PDF viewer: no script may run there.
    console.warn('[luanma] copy repaired selection failed', err);
    return false;
  }
}

/**
 * Runs in the frame's isolated world, serialised by the browser: it may use no import and no outer name.
 * The selection is repaired as one text with evidence from its own lines, like repairSelectionForCopy.
 */
async function repairAndCopyInPage(fallback: string, decoderGlobal: string): Promise<boolean> {
  const text = getSelection()?.toString() || fallback;
  type Decoder = { repair(t: string, e?: unknown): { text: string }; collectEvidence(t: string[]): unknown };
  const decoder = (globalThis as unknown as Record<string, Decoder | undefined>)[decoderGlobal];
  if (!text || !decoder) return false;
  const repaired = decoder.repair(text, decoder.collectEvidence(text.split(/\r\n?|\n/).filter((l) => l.trim() !== ''))).text;
  const root = document.documentElement;
  try {
    await navigator.clipboard.writeText(repaired);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = repaired;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    (document.body ?? root).append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
