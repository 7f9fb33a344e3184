import { hanAfterLog10P } from '../model';
import { MARK_RATE } from '../model/mark-rates';
import { isSurrogate, isUnifiedHan } from '../text-classes';

/**
 * A UTF-8 character cut by a lost byte (UTF-8 read as GBK, odd length: 界 = E7 95 8C shown as 鐣 and
 * U+FFFD) keeps all but one of its bytes. The 64 possible last bytes give at most 64 characters; the
 * language model picks one when its neighbours make it clearly likelier than the rest. The step stays
 * marked lossy: this is a reading of context, not of bytes.
 */

/** The best guess must beat the runner-up by this much (log10), or the cut stays U+FFFD. */
const GUESS_MARGIN = 1.0;

/** log10 rate of each CJK mark Chinese uses, by code point: the marks a cut byte may have belonged to. */
const MARK_LOG10 = new Map(Object.entries(MARK_RATE).map(([ch, rate]) => [ch.charCodeAt(0), Math.log10(rate)]));

/** Only these become guesses: Han characters and the CJK punctuation Chinese uses. */
function isGuessable(code: number): boolean {
  return isUnifiedHan(code) || MARK_LOG10.has(code);
}

/**
 * How likely `code` is between its neighbours under the language model: its own score after `prev`, and how
 * much likelier it makes `next` than `next` stands alone. A mark scores its rate in running text.
 */
function contextScore(code: number, prev: number, next: number): number {
  const mark = MARK_LOG10.get(code);
  if (mark !== undefined) return mark;
  let score = hanAfterLog10P(prev, code);
  if (next > 0) score += hanAfterLog10P(code, next) - hanAfterLog10P(0, next);
  return score;
}

/**
 * `bytes[at, end)` is a UTF-8 character missing exactly its last byte. Returns the guessed character,
 * or null when there is no clear winner. `prev`/`next` are the neighbouring characters' codes (0 if none).
 */
export function completeCutChar(bytes: Uint8Array, at: number, end: number, prev: number, next: number): string | null {
  return completeUtf8(bytes, at, end, prev, next, ANY_CONTINUATION, false);
}

/** Every continuation byte: what a byte lost in transit may have been. */
const ANY_CONTINUATION = Uint8Array.from({ length: 0x40 }, (_, i) => 0x80 + i);

/**
 * `bytes[at, end)` is the start of a UTF-8 character (a lead byte and the continuation bytes that survived) that is
 * missing some of its continuation bytes, each one of `missing` (all 64 when a byte was cut off; only the bytes a
 * Latin-1 viewer drops when it dropped them: dropped-bytes.ts), at any place after the lead byte. Returns the
 * character the language model clearly prefers among every completion, or null. `anywhere` false: the missing
 * bytes were the last ones (a gap cut the character), so they are only appended.
 */
export function completeUtf8(bytes: Uint8Array, at: number, end: number, prev: number, next: number, missing: Uint8Array, anywhere: boolean): string | null {
  const lead = bytes[at];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  const have = end - at;
  if (need === 0 || have >= need || need - have > 2) return null;
  for (let i = at + 1; i < end; i++) if ((bytes[i] & 0xc0) !== 0x80) return null;
  const present = Array.from(bytes.subarray(at + 1, end));
  let best = -Infinity;
  let second = -Infinity;
  let bestCode = 0;
  const seen = new Set<number>();
  const consider = (cont: number[]) => {
    let code = need === 2 ? lead & 0x1f : need === 3 ? lead & 0x0f : lead & 0x07;
    for (const b of cont) code = (code << 6) | (b & 0x3f);
    // Overlong forms and surrogates are not characters a UTF-8 encoder writes; astral ones are never guessed.
    if (seen.has(code) || code < (need === 2 ? 0x80 : need === 3 ? 0x800 : 0x10000) || isSurrogate(code) || code > 0xffff) return;
    seen.add(code);
    if (!isGuessable(code)) return;
    const s = contextScore(code, prev, next);
    if (s > best) {
      second = best;
      best = s;
      bestCode = code;
    } else if (s > second) second = s;
  };
  // Insert the missing bytes at every place among the continuation bytes that survived, in order.
  const insert = (cont: number[], left: number, from: number) => {
    if (left === 0) {
      consider(cont);
      return;
    }
    for (let pos = anywhere ? from : cont.length; pos <= cont.length; pos++) {
      for (const b of missing) insert([...cont.slice(0, pos), b, ...cont.slice(pos)], left - 1, pos + 1);
    }
  };
  insert(present, need - have, 0);
  return best > -Infinity && best - second >= GUESS_MARGIN ? String.fromCharCode(bestCode) : null;
}
