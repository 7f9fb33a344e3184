/**
 * Three-character dictionary words ending in a shifted character the Founder decision weighs (枢密院, 电影院, 红叶):
 * tells it that the two characters before a 院 are one word with it, where the pairs alone see 枢密 as a word of its own.
 */
import { TRIGRAM_WORDS } from './trigram-words.generated';

let words: Set<number> | undefined;

const key = (a: number, b: number, c: number): number => (a * 65536 + b) * 65536 + c;

function wordSet(): Set<number> {
  if (words) return words;
  const set = new Set<number>();
  for (let i = 0; i + 2 < TRIGRAM_WORDS.length; i += 3) {
    set.add(key(TRIGRAM_WORDS.charCodeAt(i), TRIGRAM_WORDS.charCodeAt(i + 1), TRIGRAM_WORDS.charCodeAt(i + 2)));
  }
  return (words = set);
}

/** Whether a b c (code units of Han characters) is a three-character dictionary word ending in a weighed Founder character. */
export function isTrigramWord(a: number, b: number, c: number): boolean {
  return wordSet().has(key(a, b, c));
}
