/**
 * What a frame's re-decoding knows, as the popup asks for it (messages.ts: `redecodeStatus`, `redecode`). Plain
 * data: it crosses the message boundary, and the popup words it (popup-redecode.ts).
 */
import { isRedecodeEncoding, REDECODE_ENCODINGS, type RedecodeEncoding } from '../../core/redecode/encodings';

export type RedecodeState =
  /** The page decoded cleanly: nothing is fetched, nothing offered. */
  | 'clean'
  /** The page looks mis-decoded; its bytes were not in the cache, so only the user's click may fetch them. */
  | 'suspect'
  /** The bytes were read and an encoding reads better, but not clearly enough to change the page unasked. */
  | 'offered'
  /** Re-decoded (automatically, by the site's rule, or by the user). */
  | 'applied'
  /** Re-decoding was tried and given up (`note` says why). */
  | 'failed'
  /** Not a document that can be re-decoded (XML, UTF-16, a frame without its own address), or repair is off. */
  | 'unsupported';

export interface RedecodeStatus {
  state: RedecodeState;
  /** document.characterSet: how the browser decoded the page. */
  shownAs: string;
  /** The encoding the bytes read best in, once they were read. */
  detected: RedecodeEncoding | null;
  confidence: number;
  /** The encoding the page now shows, when re-decoded. */
  applied: RedecodeEncoding | null;
  how: 'auto' | 'rule' | 'user' | null;
  /** Pieces of text rewritten, and damaged pieces left because they could not be matched to the bytes. */
  rewritten: number;
  unmatched: number;
  /** Candidates the bytes do not decode in (the popup still lets the user force them). */
  ruledOut: RedecodeEncoding[];
  /** A local file whose bytes the extension may not read: the popup offers the paste-and-fix page's file opener. */
  offerFixPage: boolean;
  /** Why, in English, for the popup's details and for tests. */
  note: string;
}

export const initialStatus = (shownAs: string, state: RedecodeState = 'clean', note = ''): RedecodeStatus => ({
  state, shownAs, detected: null, confidence: 0, applied: null, how: null, rewritten: 0, unmatched: 0, ruledOut: [], offerFixPage: false, note,
});

const STATES: readonly RedecodeState[] = ['clean', 'suspect', 'offered', 'applied', 'failed', 'unsupported'];
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const orNullEncoding = (v: unknown) => v === null || isRedecodeEncoding(v);

/** True when `raw` is a status (a reply from a frame is checked before the popup renders it). */
export function isRedecodeStatus(raw: unknown): raw is RedecodeStatus {
  if (typeof raw !== 'object' || raw === null) return false;
  const s = raw as Record<string, unknown>;
  return STATES.includes(s.state as RedecodeState) && typeof s.shownAs === 'string' && orNullEncoding(s.detected) && orNullEncoding(s.applied)
    && typeof s.confidence === 'number' && s.confidence >= 0 && s.confidence <= 1
    && (s.how === null || s.how === 'auto' || s.how === 'rule' || s.how === 'user')
    && isCount(s.rewritten) && isCount(s.unmatched) && Array.isArray(s.ruledOut) && s.ruledOut.every(isRedecodeEncoding)
    && typeof s.offerFixPage === 'boolean' && typeof s.note === 'string';
}

export { REDECODE_ENCODINGS, type RedecodeEncoding };
