/**
 * The first content script, in every frame of every page: the cheap gate over the page's text and nothing else
 * (dom/suspect-scan.ts). Everything that follows suspect text — the page repairer, highlights, undo card, counts,
 * copying, re-decoding — is in the decoder bundle, which the background injects into a frame only on need
 * (content/page-kit-port.ts): at the first suspect text (asked for at once, while the settings are read), or a
 * copy or re-decode request.
 *
 * It imports no module that defines storage items (those read storage, storage.session included, as soon as
 * they are evaluated): settings are read from storage.sync by hand (shared/settings.ts). Nothing here may
 * throw into the page: a failure to reach the background (an extension being updated) ends quietly.
 */
import { isSuspect, pieceSignals } from '@/src/core/gate';
import { scanForSuspects } from '@/src/dom/suspect-scan';
import { loadDecoder, loadPageKit } from '@/src/ext/content/decoder-client';
import type { PageKit } from '@/src/ext/content/page-kit-port';
import { PAGE_FETCH } from '@/src/ext/content/page-fetch';
import { initialStatus } from '@/src/ext/shared/redecode-status';
import { CONTENT_RULES, handleMessages, send } from '@/src/ext/shared/messages';
import { readSettings, repairEnabledFor, watchSettings, type Settings } from '@/src/ext/shared/settings';
// Listed in the manifest with this script, so every document has the highlight styles before it is built.
import '@/src/dom/highlights.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  // Same-origin about:blank and srcdoc frames are part of their page.
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    const signal = ctx.signal;
    // Asked together: neither waits for the other, nor for the scan.
    const hello = send('hello', { top: window === window.top }).catch(() => undefined);
    const firstSettings = readSettings();
    let site: string | null = null;
    let settings: Settings | null = null;
    let suspect = false;
    let scan: AbortController | null = null;
    let kit: PageKit | null = null;
    let kitLoad: Promise<PageKit> | null = null;
    // A mislabelled page shows text the scan flags (U+FFFD, Latin-1 runs, rare Han), so the scan is what wakes
    // re-decoding; its cheap look at the page's text is taken in the decoder bundle, when the kit is created.
    const status = (state: 'clean' | 'unsupported', note: string) => initialStatus(document.characterSet, state, note);

    const stopScan = () => { scan?.abort(); scan = null; };
    const startScan = () => {
      if (scan || suspect || kitLoad) return;
      scan = new AbortController();
      signal.addEventListener('abort', () => stopScan(), { once: true, signal: scan.signal });
      scanForSuspects({ win: window, isSuspect, pieceSignals, signal: scan.signal, onSuspect: () => { suspect = true; scan = null; wake(); } });
    };
    /** The decoder bundle's part of this frame, loaded once; it takes over from the scan. */
    const openKit = (): Promise<PageKit> => (kitLoad ??= (async () => {
      const factory = await loadPageKit();
      if (signal.aborted) throw new Error('content script invalidated');
      stopScan();
      const k = factory.create({ win: window, site, signal, loadDecoder, pageFetch: PAGE_FETCH, suspect });
      kit = k;
      if (settings) k.apply(settings);
      return k;
    })().catch((err: unknown) => {
      kitLoad = null;
      throw err;
    }));
    /** Suspect text with repair on for the site: the decoder bundle's turn. */
    const wake = () => {
      if (!settings || kit || !suspect || !repairEnabledFor(settings, site)) return;
      openKit().catch((err: unknown) => console.warn('[luanma] the decoder bundle did not load', err));
    };

    startScan();
    const got = await hello;
    if (!got || ctx.isInvalid) { stopScan(); return; } // no background to talk to (the extension is being reloaded or updated)
    site = got.site;

    const apply = (s: Settings) => {
      if (ctx.isInvalid) return;
      settings = s;
      if (kit) { kit.apply(s); return; }
      if (!repairEnabledFor(s, site)) { stopScan(); return; }
      startScan();
      wake();
    };
    // The popup and the background ask this frame; what needs the decoder bundle loads it.
    handleMessages(CONTENT_RULES, {
      copySelection: async (req, sender) => (await openKit()).handlers.copySelection(req, sender),
      pageText: async (req, sender) => (await openKit()).handlers.pageText(req, sender),
      // Until the bundle is here: repair off for the site offers nothing (the site switch is the way back), and a
      // page whose text the scan never flagged decoded cleanly; a suspect page's kit knows more.
      redecodeStatus: (req, sender) => {
        if (kit) return kit.handlers.redecodeStatus(req, sender);
        if (settings && !repairEnabledFor(settings, site)) return status('unsupported', 'repair is off for this site');
        if (!suspect) return status('clean', 'no suspect text on the page');
        return openKit().then((k) => k.handlers.redecodeStatus(req, sender));
      },
      redecode: (req, sender) => {
        if (!kit && (!settings || !repairEnabledFor(settings, site))) return status('unsupported', 'repair is off for this site');
        if (!kit && !suspect) return status('clean', 'no suspect text on the page');
        return openKit().then((k) => k.handlers.redecode(req, sender));
      },
    });
    const unwatch = watchSettings(apply);
    ctx.onInvalidated(() => { unwatch(); stopScan(); });
    apply(await firstSettings);
  },
});
