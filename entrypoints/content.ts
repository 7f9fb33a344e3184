/**
 * The first content script, in every frame of every page: the cheap gate and the DOM walker only.
 * The decoder is injected later, and only into frames that have suspect text.
 *
 * It imports no module that defines storage items (those read storage, storage.session included, as soon as
 * they are evaluated): settings are read from storage.sync by hand (shared/settings.ts). Nothing here may
 * throw into the page: a failure to reach the background (an extension being updated) ends quietly.
 */
import { isSuspect } from '@/src/core/gate';
import { PageRepairer } from '@/src/dom/page-repairer';
import { installCopyHandlers } from '@/src/ext/content/copy-handlers';
import { createCountsReporter } from '@/src/ext/content/counts-reporter';
import { countsFromSources } from '@/src/ext/content/counts-sources';
import { loadDecoder } from '@/src/ext/content/decoder-client';
import { overlayStrings } from '@/src/ext/content/overlay-strings';
import { installRedecode } from '@/src/ext/content/redecode-client';
import { send } from '@/src/ext/shared/messages';
import { readSettings, repairEnabledFor, watchSettings, type Settings } from '@/src/ext/shared/settings';
import { hintsFor, ruleOf } from '@/src/ext/shared/site-rules';
// Listed in the manifest with this script, so every document has the highlight styles before it is built.
import '@/src/dom/highlights.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  // Same-origin about:blank and srcdoc frames are part of their page.
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    let hello: Awaited<ReturnType<typeof send<'hello'>>> | undefined;
    try {
      hello = await send('hello', { top: window === window.top });
    } catch {
      return; // no background to talk to (the extension is being reloaded or updated)
    }
    if (!hello || ctx.isInvalid) return;
    const site = hello.site;
    // Two writers report into one frame's counts: the text repairer and re-decoding.
    const reporter = countsFromSources(createCountsReporter(ctx.signal));
    const repairer = new PageRepairer({
      win: window,
      isSuspect,
      loadDecoder,
      overlayStrings: overlayStrings(),
      highlightCssInDocument: true,
      onUpdate: reporter.repairs,
    });
    // Copying repaired text (menu, shortcut, popup) works whether or not repair is on for this site.
    installCopyHandlers({ win: window, repairer, isSuspect, loadDecoder });
    // A mislabelled page is re-decoded from its own bytes (the code is in the decoder bundle, loaded on need).
    installRedecode({ win: window, site, repairer, loadDecoder, onCounts: reporter.redecode, signal: ctx.signal });

    const apply = (s: Settings) => {
      if (ctx.isInvalid) return;
      repairer.setHighlight(s.highlight);
      // The site's rule (e-paper, never Founder) reaches the decoder; a changed rule re-judges the page.
      const hintsChanged = repairer.setHints(hintsFor(ruleOf(s.sites, site)));
      if (!repairEnabledFor(s, site)) repairer.stop();
      else {
        if (hintsChanged) repairer.stop();
        repairer.start(ctx.signal);
      }
    };
    // Only this site's rules are read (one storage item of 32).
    const unwatch = watchSettings(apply, site);
    ctx.onInvalidated(() => { unwatch(); repairer.stop(); });
    apply(await readSettings(site));
  },
});
