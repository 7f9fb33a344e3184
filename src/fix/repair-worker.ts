/**
 * The paste-and-fix page's worker: repairs a text in chunks of whole lines with one evidence for the whole
 * text (core/document), posting each chunk's steps (offsets into the whole text) as progress. Between chunks it
 * gives the event loop a turn, so a newer job (the user edited the text or changed a hint) stops the running one.
 * A classic worker (repair-client.ts): it loads the decoder bundle with importScripts.
 */
import { repairChunks } from '../core/document/repair-chunks';
import { importEngineScript } from './engine-script';
import { FIX_CHUNK_CHARS, type RepairRequest, type WorkerReply } from './worker-protocol';

/** The worker's global, typed by hand: the project compiles with the DOM library, not WebWorker's. */
const scope = globalThis as unknown as {
  postMessage(message: WorkerReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<RepairRequest>) => void): void;
};

// The decoder bundle, the package's one copy of the engine (engine-script.ts).
const { engine } = importEngineScript();
let latest = 0;
const post = (reply: WorkerReply) => scope.postMessage(reply);
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

scope.addEventListener('message', (e) => void run(e.data));

async function run({ job, text, hints, maxChars }: RepairRequest): Promise<void> {
  latest = Math.max(latest, job);
  const t0 = performance.now();
  try {
    let flagged = false;
    for (const chunk of repairChunks(engine, text, { hints, maxChars: maxChars ?? FIX_CHUNK_CHARS })) {
      flagged ||= chunk.flagged;
      post({ job, type: 'progress', done: chunk.index + 1, total: chunk.total, steps: chunk.steps });
      await turn();
      if (job !== latest) return;
    }
    post({ job, type: 'done', flagged, ms: Math.round(performance.now() - t0) });
  } catch (err) {
    post({ job, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
