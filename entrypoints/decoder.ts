/**
 * The decoder bundle: codec tables, language model, and everything a frame does beyond the cheap scan (the page
 * repairer, highlights, undo card, counts, copying, re-decoding of mislabelled pages). Not listed in the manifest;
 * the background injects it into a frame only when that frame has suspect text or a copy request (most pages
 * never load it). The paste-and-fix page and its worker load the same file (fix/engine-script.ts), so the package
 * holds the decoder once. Its tables are unpacked a task at a time before it reports ready (decoder-warm-up.ts).
 */
import { collectEvidence, repair } from '#engine';
import { decodeTextFile } from '@/src/core/text-file';
import { warmUp } from '@/src/ext/content/decoder-warm-up';
import { createPageKit } from '@/src/ext/content/page-kit';
import { exposePageKit } from '@/src/ext/content/page-kit-port';
import { exposeDecoder } from '@/src/shared/decoder-bundle';

export default defineUnlistedScript(() => {
  const api = { repair, collectEvidence };
  exposeDecoder(api, warmUp(api), { decodeTextFile });
  exposePageKit({ create: createPageKit });
});
