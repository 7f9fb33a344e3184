/**
 * Re-decoding a mislabelled page, the part in the decoder bundle: the first content script has already sampled
 * the page and judged it cheaply (redecode-probe.ts). This opens the session (redecode/redecode-session.ts) when
 * the page is worth it, answers the popup for its frame, and follows the settings: the site switched off restores
 * what the page showed, switched on re-decodes again.
 */
import type { Engine } from '../../core/types';
import type { RepairCounts } from '../shared/counts';
import type { Protocol } from '../shared/messages';
import type { RedecodeStatus } from '../shared/redecode-status';
import { ruleFor } from '../shared/redecode-rules';
import { repairEnabledFor, type Settings } from '../shared/settings';
import { repairOffStatus, type RedecodeProbe } from './redecode-probe';
import { RedecodeSession, type Pausable, type SessionSettings } from './redecode/redecode-session';

export interface RedecodeClientOptions {
  win: Window;
  site: string | null;
  repairer: Pausable;
  loadDecoder(): Promise<Engine>;
  onCounts(counts: RepairCounts): void;
  signal: AbortSignal;
  probe: RedecodeProbe;
  /** The first content script's scan saw suspect text (RedecodeProbe.worthALook is the cheap signs' alone). */
  suspect: boolean;
}

export interface RedecodeClient {
  status(): Promise<RedecodeStatus>;
  redecode(req: Protocol['redecode']['req']): Promise<RedecodeStatus>;
  apply(settings: Settings): void;
}

export function createRedecodeClient(opts: RedecodeClientOptions): RedecodeClient {
  const { win, site, signal, probe } = opts;
  const { why, sample, damage } = probe;
  const worthALook = why === null && (probe.worthALook || opts.suspect);
  let status = worthALook && probe.status.state === 'clean' ? { ...probe.status, state: 'suspect' as const } : probe.status;
  let settings: SessionSettings | null = null;
  let session: Promise<RedecodeSession | null> | null = null;
  let started = false;

  const openSession = () => (session ??= (async () => {
    const engine = await opts.loadDecoder();
    if (signal.aborted) return null;
    return new RedecodeSession({ win, engine, repairer: opts.repairer, signal, sample, damage, onCounts: opts.onCounts, pageFetch: probe.pageFetch });
  })().catch((err: unknown) => {
    status = { ...status, state: 'failed', note: `the decoder bundle did not load: ${String(err)}` };
    return null;
  }));

  return {
    status: async () => {
      if (!why && settings && !settings.enabled) return repairOffStatus(win);
      const s = session ? await session : null;
      return s ? s.status() : status;
    },
    redecode: async ({ encoding }) => {
      if (why || !worthALook) return status;
      if (!settings?.enabled) return repairOffStatus(win);
      const s = await openSession();
      return s ? s.redecode(encoding) : status;
    },
    apply: (raw) => {
      if (why || signal.aborted) return;
      settings = { enabled: repairEnabledFor(raw, site), highlight: raw.highlight, rule: ruleFor(raw, site) };
      const now = settings;
      if (started) { void openSession().then((s) => s?.update(now)); return; }
      if (!worthALook || !now.enabled) return;
      started = true;
      void openSession().then((s) => s?.start(now));
    },
  };
}
