/**
 * What to do with a document once its text has been judged and its bytes scored: re-decode it on its own, offer
 * it in the popup, or leave it. Automatic only when both are clear: the text the reader sees is damaged nearly
 * throughout (damage-signals.ts), and one encoding reads clearly better than every other (pick-encoding.ts).
 */
import type { DamageAssessment } from './damage-signals';
import type { RedecodeEncoding } from './encodings';
import type { EncodingPick } from './pick-encoding';

/**
 * Confidence the automatic path needs. At 1 a pick has both a full margin and full evidence (pick-encoding.ts);
 * `npm run eval:redecode` prints how often picks at or above this are wrong on the corpus documents (none) and
 * how many right picks fall below it (short texts, which the popup then offers).
 */
export const AUTO_MIN_CONFIDENCE = 0.9;

/**
 * Total score gain (log10) the best decoding needs over the page as the browser decoded it, where that decoding is
 * text at all (not ruled out). Mostly-ASCII pages read almost alike in every encoding (one å is a Hangul syllable
 * in EUC-KR), and a tie must leave the page as it is.
 */
export const MIN_GAIN_OVER_CURRENT = 10;

export type RedecodeAction =
  /** Re-decode now, without asking. */
  | { action: 'auto'; encoding: RedecodeEncoding }
  /** Offer the popup's button with this encoding preselected. */
  | { action: 'offer'; encoding: RedecodeEncoding }
  /** The page reads best as it is, or its bytes are not text in any candidate. */
  | { action: 'none'; why: string };

/**
 * `current` is the encoding the browser used (null if it is none of the candidates); `rule` the user's choice
 * for the site, which replaces the pick as long as the bytes decode in it (a rule naming the browser's own
 * decoding keeps the page as it is).
 */
export function decideRedecode(damage: DamageAssessment, pick: EncodingPick, current: RedecodeEncoding | null, rule: RedecodeEncoding | null = null): RedecodeAction {
  if (damage.verdict === 'clean') return { action: 'none', why: 'the page decoded cleanly' };
  if (rule !== null && rule === current) return { action: 'none', why: `the site's rule keeps pages as the browser decoded them (${current})` };
  if (rule !== null) {
    const scored = pick.ranking.find((c) => c.encoding === rule);
    if (scored && Number.isFinite(scored.score)) return { action: 'auto', encoding: rule };
  }
  if (pick.best === null) return { action: 'none', why: 'the bytes are text in none of the encodings' };
  if (pick.best === current) return { action: 'none', why: `the page reads best as it was decoded (${current})` };
  const shown = pick.ranking.find((c) => c.encoding === current);
  const best = pick.ranking[0];
  if (shown && shown.ruledOut === null && best.score - shown.score < MIN_GAIN_OVER_CURRENT) {
    return { action: 'none', why: `${pick.best} reads hardly better than ${current}` };
  }
  if (damage.verdict === 'clear' && pick.confidence >= AUTO_MIN_CONFIDENCE) return { action: 'auto', encoding: pick.best };
  return { action: 'offer', encoding: pick.best };
}
