/**
 * A frame's repair beyond the cheap scan, in the decoder bundle (page-kit-port.ts): the page repairer with its
 * highlights and undo card, the counts it reports, copying, and re-decoding. Created once per frame, when the
 * first content script first needs any of them.
 */
import { isSuspect } from '../../core/gate';
import { PageRepairer } from '../../dom/page-repairer';
import { repairEnabledFor, type Settings } from '../shared/settings';
import { hintsFor, ruleOf } from '../shared/site-rules';
import { copyHandlers } from './copy-handlers';
import { createCountsReporter } from './counts-reporter';
import { countsFromSources } from './counts-sources';
import { overlayStrings } from './overlay-strings';
import type { PageKit, PageKitOptions } from './page-kit-port';
import { createRedecodeClient } from './redecode-client';
import { probeRedecode } from './redecode-probe';

export function createPageKit(opts: PageKitOptions): PageKit {
  const { win, site, signal, loadDecoder } = opts;
  // Two writers report into one frame's counts: the text repairer and re-decoding.
  const reporter = countsFromSources(createCountsReporter(signal));
  const repairer = new PageRepairer({
    win,
    isSuspect,
    loadDecoder,
    overlayStrings: overlayStrings(),
    highlightCssInDocument: true,
    onUpdate: reporter.repairs,
  });
  // Copying repaired text (menu, shortcut, popup) works whether or not repair is on for this site.
  const copy = copyHandlers({ win, repairer, isSuspect, loadDecoder });
  const redecode = createRedecodeClient({ win, site, repairer, loadDecoder, onCounts: reporter.redecode, signal, probe: probeRedecode(win, opts.pageFetch), suspect: opts.suspect });
  signal.addEventListener('abort', () => repairer.stop(), { once: true });
  return {
    apply(s: Settings) {
      if (signal.aborted) return;
      repairer.setHighlight(s.highlight);
      // The site's rule (e-paper, never Founder) reaches the decoder; a changed rule re-judges the page.
      const hintsChanged = repairer.setHints(hintsFor(ruleOf(s.sites, site)));
      if (!repairEnabledFor(s, site)) repairer.stop();
      else {
        if (hintsChanged) repairer.stop();
        repairer.start(signal);
      }
      redecode.apply(s);
    },
    handlers: {
      ...copy,
      redecodeStatus: () => redecode.status(),
      redecode: (req) => redecode.redecode(req),
    },
  };
}
