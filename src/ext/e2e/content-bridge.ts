/**
 * Test builds only (`wxt build --mode e2e`): lets an end-to-end test ask a frame's content script
 * what it repaired, and open the popup for its tab. Production builds drop this module entirely.
 */
import type { PageRepairer, RepairedSpanReport } from '../../dom/page-repairer';
import type { RepairCounts } from '../shared/counts';
import { DECODER_GLOBAL } from '../shared/decoder-bundle';
import { send } from '../shared/messages';

export interface E2EReport {
  tabId: number;
  frameId: number;
  site: string | null;
  running: boolean;
  /** Whether the decoder bundle was injected into this frame (clean pages must not load it). */
  decoderLoaded: boolean;
  spans: RepairedSpanReport[];
  counts: RepairCounts;
}

export function installContentBridge(win: Window, repairer: PageRepairer, ids: { tabId: number; frameId: number; site: string | null }, signal: AbortSignal): void {
  win.addEventListener('message', (e: MessageEvent) => {
    const data = e.data as { luanmaE2E?: string; id?: string } | null;
    if (e.source !== win || !data || typeof data.luanmaE2E !== 'string') return;
    const reply = (body: object) => win.postMessage({ luanmaE2EReply: data.id, ...body }, '*');
    if (data.luanmaE2E === 'report') {
      void repairer.whenSettled().then(() => {
        const decoderLoaded = DECODER_GLOBAL in globalThis;
        const report: E2EReport = { ...ids, running: repairer.running, decoderLoaded, spans: repairer.report(), counts: repairer.store.counts() };
        reply(JSON.parse(JSON.stringify(report)) as object);
      });
    } else if (data.luanmaE2E === 'open-popup') {
      void send('openPopupForTab', {}).then(() => reply({ ok: true }));
    }
  }, { signal });
  win.document.documentElement.dataset.luanmaE2e = 'ready';
}
