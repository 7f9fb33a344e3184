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
function contextScore(code: number, prev: number, next: number, nextAlone: number): number {
  // No mark is a Han character: most completions are, and skip the map.
  const mark = isUnifiedHan(code) ? undefined : MARK_LOG10.get(code);
  if (mark !== undefined) return mark;
  let score = hanAfterLog10P(prev, code);
  if (next > 0) score += hanAfterLog10P(code, next) - nextAlone;
  return score;
}

/**
 * `bytes[at, end)` is a UTF-8 character missing exactly its last byte. Returns the guessed character,
 * or null when there is no clear winner. `prev`/`next` are the neighbouring characters' codes (0 if none;
 * `next` LINE_END where the line ends right after the character).
 */
export function completeCutChar(bytes: Uint8Array, at: number, end: number, prev: number, next: number): string | null {
  return completeUtf8(bytes, at, end, prev, next, ANY_CONTINUATION, false);
}

/** `next` for a character that ends its line: a line ends in no ，、； (安装说明锛? is 安装说明：, not ，). */
export const LINE_END = -1;
const ENDS_NO_LINE = new Set([0xff0c, 0x3001, 0xff1b]);

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
  // Four-byte characters are astral, and astral characters are never guessed.
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  const have = end - at;
  if (need === 0 || need === 4 || have >= need) return null;
  for (let i = at + 1; i < end; i++) if ((bytes[i] & 0xc0) !== 0x80) return null;
  // The smallest code point a sequence of this length may encode: shorter forms are overlong.
  const pick = new Guess(prev, next, need === 2 ? 0x80 : 0x800);
  // Every completion, the missing bytes inserted among the surviving ones in order (only appended unless
  // `anywhere`); each is a distinct character but one: a survivor c with a missing byte equal to it, cc, comes from
  // both places, and is counted once.
  if (need === 2) {
    for (const b of missing) pick.consider(((lead & 0x1f) << 6) | (b & 0x3f));
  } else if (have === 1) {
    for (const b1 of missing) for (const b2 of missing) pick.consider(((lead & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
  } else {
    const c = bytes[at + 1];
    for (const b of missing) {
      pick.consider(((lead & 0x0f) << 12) | ((c & 0x3f) << 6) | (b & 0x3f));
      if (anywhere && b !== c) pick.consider(((lead & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
    }
  }
  return pick.result();
}

/** The best and runner-up scores among completions: the guess stands only if it wins by GUESS_MARGIN. */
class Guess {
  private best = -Infinity;
  private second = -Infinity;
  private bestCode = 0;
  /** hanAfterLog10P(0, next): the same for every completion. */
  private readonly nextAlone: number;
  constructor(
    private readonly prev: number,
    private readonly next: number,
    private readonly min: number,
  ) {
    this.nextAlone = next > 0 ? hanAfterLog10P(0, next) : 0;
  }

  consider(code: number): void {
    // Overlong forms and surrogates are not characters a UTF-8 encoder writes.
    if (code < this.min || isSurrogate(code) || !isGuessable(code)) return;
    if (this.next === LINE_END && ENDS_NO_LINE.has(code)) return;
    const s = contextScore(code, this.prev, this.next, this.nextAlone);
    if (s > this.best) {
      this.second = this.best;
      this.best = s;
      this.bestCode = code;
    } else if (s > this.second) this.second = s;
  }

  result(): string | null {
    return this.best > -Infinity && this.best - this.second >= GUESS_MARGIN ? String.fromCharCode(this.bestCode) : null;
  }
}
