/**
 * The decoder bundle: codec tables and language model. Not listed in the manifest; the background
 * injects it into a frame only when that frame has suspect text (most pages never load it). Its tables are
 * unpacked a task at a time before it reports ready (decoder-warm-up.ts).
 */
import { collectEvidence, repair } from '#engine';
import { warmUp } from '@/src/ext/content/decoder-warm-up';
import { exposeDecoder } from '@/src/ext/shared/decoder-bundle';

export default defineUnlistedScript(() => {
  const api = { repair, collectEvidence };
  exposeDecoder(api, warmUp(api));
});
