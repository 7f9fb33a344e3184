/**
 * The paste-and-fix page and its worker use the decoder bundle (/decoder.js, shared/decoder-bundle.ts) rather than
 * a copy of the engine of their own: the package then holds the codec tables and the language model once (they
 * were in it three times, ~1.2 MB: the content scripts' bundle, this page's chunk and the worker). The bundle is
 * a classic script: here it is loaded with a script element, in the worker with importScripts.
 */
import { DECODER_FILE, DECODER_GLOBAL, DECODER_READY_GLOBAL, DECODER_TOOLS_GLOBAL, type DecoderHost, type DecoderTools } from '../shared/decoder-bundle';
import type { Engine } from '../core/types';

export interface EngineScript { engine: Engine; tools: DecoderTools }

function fromGlobals(): EngineScript {
  const host = globalThis as DecoderHost;
  const engine = host[DECODER_GLOBAL];
  const tools = host[DECODER_TOOLS_GLOBAL];
  if (!engine || !tools) throw new Error(`${DECODER_FILE} loaded but left no decoder`);
  return { engine, tools };
}

let loading: Promise<EngineScript> | null = null;

/** In a page: the bundle, loaded once with a script element, its tables unpacked. */
export function loadEngineScript(doc: Document): Promise<EngineScript> {
  return (loading ??= new Promise<void>((resolve, reject) => {
    if ((globalThis as DecoderHost)[DECODER_GLOBAL]) { resolve(); return; }
    const script = doc.createElement('script');
    script.src = DECODER_FILE;
    script.onload = () => resolve();
    script.onerror = () => { loading = null; reject(new Error(`${DECODER_FILE} did not load`)); };
    doc.head.append(script);
  }).then(async () => {
    const api = fromGlobals();
    await (globalThis as DecoderHost)[DECODER_READY_GLOBAL];
    return api;
  }));
}

/** In a classic worker: the bundle, loaded at once. */
export function importEngineScript(): EngineScript {
  (globalThis as unknown as { importScripts(url: string): void }).importScripts(DECODER_FILE);
  return fromGlobals();
}
