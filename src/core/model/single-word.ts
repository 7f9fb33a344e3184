/**
 * How often a char is a word by itself (要, 也, 以, 一 are; 袁 mostly is not): tells the Founder repair whether a Han
 * char standing alone between words is plausible as a word or more likely shifted punctuation.
 */
import { charOrder } from './unigram';
import { SINGLE_ALPHABET, SINGLE_STEP, SINGLE_TOP, SINGLE_WORD_LEVELS } from './single-word.generated';

let table: Float32Array | undefined;

function singleTable(): Float32Array {
  if (table) return table;
  const t = new Float32Array(65536); // 0 = not a single-char word
  const chars = charOrder();
  for (let i = 0; i < SINGLE_WORD_LEVELS.length; i++) {
    const level = SINGLE_ALPHABET.indexOf(SINGLE_WORD_LEVELS[i]);
    if (level >= 0) t[chars.charCodeAt(i)] = SINGLE_TOP - level * SINGLE_STEP;
  }
  return (table = t);
}

/** log10 P(c as a single-character word) among all dictionary word tokens, or undefined. */
export function singleWordLog10P(code: number): number | undefined {
  if (code < 0 || code > 0xffff) return undefined;
  const v = singleTable()[code];
  return v === 0 ? undefined : v;
}
