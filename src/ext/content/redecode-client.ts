/**
 * The first content script's part of re-decoding a mislabelled page: small on purpose. It samples the page's
 * visible text once and counts the cheap signs of a wrong decoding (core/redecode/damage-signals.ts, no tables);
 * only if they, or the cheap gate, see something does it load the decoder bundle, where the session does the rest
 * (content/redecode/redecode-session.ts). It answers the popup for its frame, and follows the settings: the site
 * switched off restores what the page showed, switched on re-decodes again.
 */
import { isSuspect } from '../../core/gate';
import { assessDamage, damageSignals, DAMAGE_SAMPLE_CHARS } from '../../core/redecode/damage-signals';
import type { Engine } from '../../core/types';
import { collectSlots } from '../../dom/redecode/text-slots';
import type { RepairCounts } from '../shared/counts';
import { handleMessages } from '../shared/messages';
import { initialStatus, type RedecodeStatus } from '../shared/redecode-status';
import { ruleFor } from '../shared/redecode-rules';
import { readSettings, repairEnabledFor, watchSettings, type Settings } from '../shared/settings';
import { REDECODER_GLOBAL, type RedecoderHost } from './redecode-bundle';
import type { FetchFn } from './redecode/page-bytes';
import type { Pausable, RedecodeSession, SessionSettings } from './redecode/redecode-session';

/** Firefox content scripts' `content`: the page's window, whose fetch has the page's principal (and its HTTP cache). */
declare const content: { fetch?: FetchFn } | undefined;

/**
 * Firefox's page-principal fetch, taken while this module is evaluated. It must be taken now: WXT's bundle assigns
 * the content script's result to a global `var content` once the script's first run returns, which replaces
 * Firefox's own `content` in this world for good. Null in Chromium, whose content-script fetch reads the cache.
 */
const PAGE_FETCH: FetchFn | null = (() => {
  try {
    const page = typeof content === 'object' && content !== null ? content : null;
    const fn = page?.fetch;
    return typeof fn === 'function' ? (url: string, init: RequestInit) => fn.call(page, url, init) : null;
  } catch {
    return null;
  }
})();

export interface RedecodeClientOptions {
  win: Window;
  site: string | null;
  repairer: Pausable;
  loadDecoder(): Promise<Engine>;
  onCounts(counts: RepairCounts): void;
  signal: AbortSignal;
}

/** Documents that are never re-decoded, and why; null when this one may be. */
function unsupported(win: Window): string | null {
  const { protocol } = win.location;
  if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'file:') return `a ${protocol} document has no address of its own to read again`;
  const type = win.document.contentType;
  if (type !== 'text/html' && type !== 'text/plain') return `${type} documents are not re-decoded`;
  // UTF-16 is chosen by a byte-order mark or label, never guessed; ISO-2022-JP is outside the candidates.
  if (/^(utf-16|iso-2022-jp|replacement)/i.test(win.document.characterSet)) return `${win.document.characterSet} documents are not re-decoded`;
  return null;
}

/** The page's visible text, up to DAMAGE_SAMPLE_CHARS, one piece a line. */
function sampleText(doc: Document): string {
  return collectSlots(doc, DAMAGE_SAMPLE_CHARS).map((s) => s.text).join('\n').slice(0, DAMAGE_SAMPLE_CHARS);
}

export function installRedecode(opts: RedecodeClientOptions): void {
  const { win, site, signal } = opts;
  const charset = win.document.characterSet;
  const why = unsupported(win);
  const sample = why ? '' : sampleText(win.document);
  const damage = assessDamage(damageSignals(sample));
  // Worth the decoder bundle: damage the cheap signs see, or text the cheap gate would send to the decoder
  // anyway (UTF-8 read as GBK shows no U+FFFD, only rare characters).
  const worthALook = why === null && (damage.verdict !== 'clean' || isSuspect(sample));
  let status: RedecodeStatus = initialStatus(charset, why ? 'unsupported' : worthALook ? 'suspect' : 'clean', why ?? damage.reasons.join('; '));
  let settings: SessionSettings | null = null;
  let session: Promise<RedecodeSession | null> | null = null;
  let started = false;

  const openSession = () => (session ??= (async () => {
    await opts.loadDecoder();
    const api = (globalThis as RedecoderHost)[REDECODER_GLOBAL];
    if (!api || signal.aborted) return null;
    return api.createSession({ win, engine: await opts.loadDecoder(), repairer: opts.repairer, signal, sample, damage, onCounts: opts.onCounts, pageFetch: PAGE_FETCH });
  })().catch((err: unknown) => {
    status = { ...status, state: 'failed', note: `the decoder bundle did not load: ${String(err)}` };
    return null;
  }));

  // With repair off for the site there is nothing to offer: the popup's switch is the way back.
  const off = (): RedecodeStatus => ({ ...initialStatus(charset, 'unsupported', 'repair is off for this site') });
  handleMessages({
    redecodeStatus: async () => {
      if (!why && settings && !settings.enabled) return off();
      const s = session ? await session : null;
      return s ? s.status() : status;
    },
    redecode: async ({ encoding }) => {
      if (why || !worthALook) return status;
      if (!settings?.enabled) return off();
      const s = await openSession();
      return s ? s.redecode(encoding) : status;
    },
  });

  const apply = (raw: Settings) => {
    if (why || signal.aborted) return;
    settings = { enabled: repairEnabledFor(raw, site), highlight: raw.highlight, rule: ruleFor(raw, site) };
    const now = settings;
    if (started) { void openSession().then((s) => s?.update(now)); return; }
    if (!worthALook || !now.enabled) return;
    started = true;
    void openSession().then((s) => s?.start(now));
  };
  const unwatch = watchSettings(apply, site);
  void readSettings(site).then(apply, () => undefined);
  signal.addEventListener('abort', unwatch, { once: true });
}
