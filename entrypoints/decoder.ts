/**
 * The decoder bundle: codec tables, language model, and re-decoding of mislabelled pages. Not listed in the
 * manifest; the background injects it into a frame only when that frame has suspect text (most pages never load it).
 */
import { collectEvidence, repair } from '#engine';
import { exposeRedecoder } from '@/src/ext/content/redecode-bundle';
import { RedecodeSession } from '@/src/ext/content/redecode/redecode-session';
import { exposeDecoder } from '@/src/ext/shared/decoder-bundle';

export default defineUnlistedScript(() => {
  exposeDecoder({ repair, collectEvidence });
  // Re-decoding a mislabelled page from its bytes: only frames that loaded the decoder need it.
  exposeRedecoder({ createSession: (opts) => new RedecodeSession(opts) });
});
