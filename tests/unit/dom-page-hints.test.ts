// @vitest-environment happy-dom
/**
 * The page repairer hands the site's hints to the decoder (the options page's rule "this site is e-paper",
 * src/ext/shared/site-rules.ts hintsFor): with the real engine and gate, epaper-site.html's two damaged lines stay
 * as served without them and are repaired with them; a change of hints is reported so the content script restarts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectEvidence, repair } from '../../src/core/index';
import { isSuspect } from '../../src/core/gate';
import { PageRepairer } from '../../src/dom/page-repairer';

const { epaperSite } = JSON.parse(readFileSync(join(import.meta.dirname, '../e2e/pages/expectations.json'), 'utf8')) as { epaperSite: { served: string[]; withHint: string[] } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let controller = new AbortController();
afterEach(() => controller.abort());

const paragraphs = () => [...document.querySelectorAll('p')].map((p) => p.textContent);
async function settle(r: PageRepairer) { await sleep(20); await r.whenSettled(); await sleep(20); await r.whenSettled(); }

describe('PageRepairer hints', () => {
  it('repairs what only the e-paper hint makes damaged, and says when hints change', async () => {
    document.body.replaceChildren(...epaperSite.served.map((t) => Object.assign(document.createElement('p'), { textContent: t })));
    controller = new AbortController();
    const r = new PageRepairer({ win: window as unknown as Window, isSuspect, loadDecoder: async () => ({ repair, collectEvidence }) });
    r.start(controller.signal);
    await settle(r);
    expect(paragraphs()).toEqual(epaperSite.served);
    expect(r.setHints({ source: 'pdf' })).toBe(true);
    expect(r.setHints({ source: 'pdf' })).toBe(false);
    r.stop();
    r.start(controller.signal);
    await settle(r);
    expect(paragraphs()).toEqual(epaperSite.withHint);
    expect(r.setHints({ founder: 'off' })).toBe(true);
    r.stop();
    r.start(controller.signal);
    await settle(r);
    expect(paragraphs()).toEqual(epaperSite.served);
  });
});
