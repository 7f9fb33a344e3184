/**
 * The decoder bundle: codec tables and language model. Not listed in the manifest; the background
 * injects it into a frame only when that frame has suspect text (most pages never load it).
 */
import { collectEvidence, repair } from '#engine';
import { exposeDecoder } from '@/src/ext/shared/decoder-bundle';

export default defineUnlistedScript(() => {
  exposeDecoder({ repair, collectEvidence });
});
