/**
 * The first content script, in every frame of every page: the cheap gate and the DOM walker only.
 * The decoder is injected later, and only into frames that have suspect text.
 */
import { isSuspect } from '@/src/core/gate';
import { PageRepairer } from '@/src/dom/page-repairer';
import { createCountsReporter } from '@/src/ext/counts-reporter';
import { loadDecoder } from '@/src/ext/decoder-client';
import { send } from '@/src/ext/messages';
import { overlayStrings } from '@/src/ext/overlay-strings';
import { repairEnabledFor, settingsItem, type Settings } from '@/src/ext/settings';
import { installE2EBridge } from '@/src/ext/e2e-bridge';
import { installCopyHandlers } from '@/src/ext/copy-content';
import { installCopyE2EBridge } from '@/src/ext/copy-e2e';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  // Same-origin about:blank and srcdoc frames are part of their page.
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    const hello = await send('hello', { top: window === window.top });
    const reporter = createCountsReporter(ctx.signal);
    const repairer = new PageRepairer({
      win: window,
      isSuspect,
      loadDecoder,
      overlayStrings: overlayStrings(),
      onUpdate: reporter,
    });
    // Copying repaired text (menu, shortcut, popup) works whether or not repair is on for this site.
    installCopyHandlers({ win: window, repairer, isSuspect, loadDecoder, e2e: import.meta.env.MODE === 'e2e' });
    if (import.meta.env.MODE === 'e2e') installE2EBridge(window, repairer, hello, ctx.signal);
    if (import.meta.env.MODE === 'e2e') installCopyE2EBridge(window, ctx.signal);

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
