/**
 * Three- and four-character dictionary words that end or start with a shifted character the Founder decision weighs
 * (枢密院, 袁世凯, 一步之遥): tells it that the characters beside a 院 or 袁 are one word with it, where the pairs alone
 * see 枢密 or 世称 as a word of its own that has taken the neighbour, or see no word at all (之遥).
 */
import { TETRAGRAM_WORDS_ENDING, TETRAGRAM_WORDS_STARTING, TRIGRAM_WORDS_ENDING, TRIGRAM_WORDS_STARTING } from './trigram-words.generated';

const key = (a: number, b: number, c: number): number => (a * 65536 + b) * 65536 + c;

function setOf(list: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 2 < list.length; i += 3) set.add(key(list.charCodeAt(i), list.charCodeAt(i + 1), list.charCodeAt(i + 2)));
  return set;
}

let ending: Set<number> | undefined;
let starting: Set<number> | undefined;

/** Whether a b c (code units of Han characters) is a three-character dictionary word ending in a weighed Founder character. */
export function isTrigramWord(a: number, b: number, c: number): boolean {
  return (ending ??= setOf(TRIGRAM_WORDS_ENDING)).has(key(a, b, c));
}

/** Whether a b c is a three-character dictionary word starting with a weighed Founder character. */
export function isTrigramWordStarting(a: number, b: number, c: number): boolean {
  return (starting ??= setOf(TRIGRAM_WORDS_STARTING)).has(key(a, b, c));
}

/**
 * Four-character words by their first three characters (a numeric key, as for the three-character words): the
 * fourth characters that complete one. A lookup allocates nothing; 483 words.
 */
function wordMapOf(list: string): Map<number, string> {
  const map = new Map<number, string>();
  for (let i = 0; i + 3 < list.length; i += 4) {
    const k = key(list.charCodeAt(i), list.charCodeAt(i + 1), list.charCodeAt(i + 2));
    map.set(k, (map.get(k) ?? '') + list[i + 3]);
  }
  return map;
}

let tetraEnding: Map<number, string> | undefined;
let tetraStarting: Map<number, string> | undefined;

function completes(map: Map<number, string>, text: string, at: number): boolean {
  if (at < 0 || at + 4 > text.length) return false;
  const fourth = map.get(key(text.charCodeAt(at), text.charCodeAt(at + 1), text.charCodeAt(at + 2)));
  if (fourth === undefined) return false;
  // Code units compared, not text[at + 3]: a one-character string of a Han character is a new string each time.
  const d = text.charCodeAt(at + 3);
  for (let k = 0; k < fourth.length; k++) if (fourth.charCodeAt(k) === d) return true;
  return false;
}

/** Whether text[at, at + 4) is a four-character dictionary word ending in a weighed Founder character. */
export function isTetragramWordAt(text: string, at: number): boolean {
  return completes((tetraEnding ??= wordMapOf(TETRAGRAM_WORDS_ENDING)), text, at);
}

/** Whether text[at, at + 4) is a four-character dictionary word starting with one. */
export function isTetragramWordStartingAt(text: string, at: number): boolean {
  return completes((tetraStarting ??= wordMapOf(TETRAGRAM_WORDS_STARTING)), text, at);
}
