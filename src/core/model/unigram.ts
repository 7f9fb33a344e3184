/**
 * Character unigram of natural Chinese (simplified + traditional mixed 50/50), from word frequencies.
 * Decoded on first use into a flat Float32Array over the BMP so a lookup is one array read.
 */
import { UNIGRAM_LEVELS, UNIGRAM_STEP, UNIGRAM_TOP } from './unigram.generated';

/**
 * log10 P(c) for a Han character the dictionary never shows. Half a step below the rarest stored level (about -8):
 * an unseen char is rarer than anything seen, but not impossible (rare names, Japanese-only kanji such as 込 or 働),
 * so it stays in the same range instead of acting as a veto.
 */
export const UNSEEN_HAN_LOG10P = UNIGRAM_TOP - UNIGRAM_LEVELS.length * UNIGRAM_STEP - 0.25;

let logP: Float32Array | undefined;
let order: string | undefined;

/** log10 P(c) per BMP code point; 0 marks "not in the model" (every real value is negative). */
export function unigramTable(): Float32Array {
  if (logP) return logP;
  const t = new Float32Array(65536);
  for (let level = 0; level < UNIGRAM_LEVELS.length; level++) {
    const chars = UNIGRAM_LEVELS[level];
    const v = UNIGRAM_TOP - level * UNIGRAM_STEP;
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = v;
  }
  return (logP = t);
}

/** The model's char order (frequent first): index i is the id other tables use for a char. */
export function charOrder(): string {
  return (order ??= UNIGRAM_LEVELS.join(''));
}

/** log10 P(c) for a Han character; UNSEEN_HAN_LOG10P when unseen. */
export function hanLog10P(code: number): number {
  const v = code <= 0xffff ? unigramTable()[code] : 0;
  return v === 0 ? UNSEEN_HAN_LOG10P : v;
}

export function isKnownHan(code: number): boolean {
  return code <= 0xffff && code >= 0 && unigramTable()[code] !== 0;
}
