/**
 * The decoder bundle: codec tables, language model, and re-decoding of mislabelled pages. Not listed in the manifest; the background
 * injects it into a frame only when that frame has suspect text (most pages never load it). Its tables are
 * unpacked a task at a time before it reports ready (decoder-warm-up.ts).
 */
import { collectEvidence, repair } from '#engine';
import { warmUp } from '@/src/ext/content/decoder-warm-up';
import { exposeRedecoder } from '@/src/ext/content/redecode-bundle';
import { RedecodeSession } from '@/src/ext/content/redecode/redecode-session';
import { exposeDecoder } from '@/src/ext/shared/decoder-bundle';

export default defineUnlistedScript(() => {
  const api = { repair, collectEvidence };
  exposeDecoder(api, warmUp(api));
  // Re-decoding a mislabelled page from its bytes: only frames that loaded the decoder need it.
  exposeRedecoder({ createSession: (opts) => new RedecodeSession(opts) });
});
