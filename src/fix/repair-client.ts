/**
 * The page's side of the repair: runs jobs in the repair worker and reports chunks as they come.
 * A newer job supersedes the running one. If a worker cannot be started (or dies on load), the same chunked
 * repair runs on the main thread instead, yielding between chunks so the page still answers.
 */
import { repairChunks } from '../core/document/repair-chunks';
import type { Engine, Hints, Step } from '../core/types';
import { loadEngineScript } from './engine-script';
import { FIX_CHUNK_CHARS, type RepairRequest, type WorkerReply } from './worker-protocol';

export interface JobCallbacks {
  /** A chunk's steps (offsets into the whole text) and the progress so far. */
  onProgress(done: number, total: number, steps: Step[]): void;
}

export interface JobOutcome {
  flagged: boolean;
  /** Wall time in the worker (or on the main thread), ms. */
  ms: number;
  /** Where the repair ran. */
  ran: 'worker' | 'main-thread';
}

export interface RepairClient {
  run(text: string, hints: Hints, cb: JobCallbacks, maxChars?: number): Promise<JobOutcome | 'superseded'>;
  dispose(): void;
}

type Pending = { job: number; cb: JobCallbacks; resolve(v: JobOutcome | 'superseded'): void; reject(e: Error): void; request: RepairRequest };

/** The engine for the main-thread fallback: the decoder bundle loaded into the page (engine-script.ts). */
export type EngineLoader = () => Promise<Engine>;

export function createRepairClient(makeWorker: () => Worker = defaultWorker, loadEngine: EngineLoader = () => loadEngineScript(document).then((s) => s.engine)): RepairClient {
  let job = 0;
  let worker: Worker | undefined;
  let broken = false;
  let pending: Pending | undefined;

  const settleSuperseded = () => { pending?.resolve('superseded'); pending = undefined; };

  const fallBack = (reason: string) => {
    console.warn(`luanma: repair worker unavailable (${reason}); repairing on the main thread`);
    broken = true;
    worker?.terminate();
    worker = undefined;
    const p = pending;
    pending = undefined;
    if (p) void runOnMainThread(p.request, p.cb).then(p.resolve, p.reject);
  };

  const ensureWorker = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      worker = makeWorker();
    } catch (err) {
      fallBack(String(err));
      return undefined;
    }
    worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      if (!pending || reply.job !== pending.job) return;
      if (reply.type === 'progress') pending.cb.onProgress(reply.done, reply.total, reply.steps);
      else if (reply.type === 'done') { pending.resolve({ flagged: reply.flagged, ms: reply.ms, ran: 'worker' }); pending = undefined; }
      else { pending.reject(new Error(reply.message)); pending = undefined; }
    });
    // A load or syntax error in the worker script (e.g. module workers refused): repair here instead.
    worker.addEventListener('error', (e) => { e.preventDefault(); fallBack(e.message || 'worker error'); });
    return worker;
  };

  let mainThreadJob = 0;
  async function runOnMainThread(request: RepairRequest, cb: JobCallbacks): Promise<JobOutcome | 'superseded'> {
    mainThreadJob = request.job;
    const t0 = performance.now();
    const engine = await loadEngine();
    let flagged = false;
    for (const chunk of repairChunks(engine, request.text, { hints: request.hints, maxChars: request.maxChars ?? FIX_CHUNK_CHARS })) {
      flagged ||= chunk.flagged;
      cb.onProgress(chunk.index + 1, chunk.total, chunk.steps);
      await new Promise((r) => setTimeout(r, 0));
      if (mainThreadJob !== request.job) return 'superseded';
    }
    return { flagged, ms: Math.round(performance.now() - t0), ran: 'main-thread' };
  }

  return {
    run(text, hints, cb, maxChars) {
      settleSuperseded();
      const request: RepairRequest = { job: ++job, text, hints, maxChars };
      const w = ensureWorker();
      if (!w) return runOnMainThread(request, cb);
      return new Promise((resolve, reject) => {
        pending = { job: request.job, cb, resolve, reject, request };
        w.postMessage(request);
      });
    },
    dispose() {
      settleSuperseded();
      mainThreadJob = -1;
      worker?.terminate();
      worker = undefined;
    },
  };
}

function defaultWorker(): Worker {
  // Classic, not a module worker: it loads the decoder bundle with importScripts.
  return new Worker(new URL('./repair-worker.ts', import.meta.url));
}
