/**
 * The first content script, in every frame of every page: the cheap gate and the DOM walker only.
 * The decoder is injected later, and only into frames that have suspect text.
 */
import { isSuspect } from '@/src/core/gate';
import { PageRepairer } from '@/src/dom/page-repairer';
import { installCopyHandlers } from '@/src/ext/content/copy-handlers';
import { createCountsReporter } from '@/src/ext/content/counts-reporter';
import { countsFromSources } from '@/src/ext/content/counts-sources';
import { loadDecoder } from '@/src/ext/content/decoder-client';
import { overlayStrings } from '@/src/ext/content/overlay-strings';
import { installRedecode } from '@/src/ext/content/redecode-client';
import { installContentBridge } from '@/src/ext/e2e/content-bridge';
import { installCopyBridge } from '@/src/ext/e2e/copy-bridge';
import { send } from '@/src/ext/shared/messages';
import { repairEnabledFor, settingsItem, type Settings } from '@/src/ext/shared/settings';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  // Same-origin about:blank and srcdoc frames are part of their page.
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    const hello = await send('hello', { top: window === window.top });
    const reporter = countsFromSources(createCountsReporter(ctx.signal));
    const repairer = new PageRepairer({
      win: window,
      isSuspect,
      loadDecoder,
      overlayStrings: overlayStrings(),
      onUpdate: reporter.repairs,
    });
    // Copying repaired text (menu, shortcut, popup) works whether or not repair is on for this site.
    installCopyHandlers({ win: window, repairer, isSuspect, loadDecoder });
    // A mislabelled page is re-decoded from its own bytes (the code is in the decoder bundle, loaded on need).
    installRedecode({ win: window, site: hello.site, repairer, loadDecoder, onCounts: reporter.redecode, signal: ctx.signal });
    // A build-time constant: production bundles drop the test hooks entirely (tests/build/check-bundles.ts).
    if (import.meta.env.MODE === 'e2e') {
      installContentBridge(window, repairer, hello, ctx.signal);
      installCopyBridge(window, ctx.signal);
    }

    const apply = (s: Settings) => {
      repairer.setHighlight(s.highlight);
      if (repairEnabledFor(s, hello.site)) repairer.start(ctx.signal);
      else repairer.stop();
    };
    apply(await settingsItem.getValue());
    const unwatch = settingsItem.watch(apply);
    ctx.onInvalidated(() => { unwatch(); repairer.stop(); });
  },
});
