/**
 * The loop guard: a page script that puts damaged text back every time we repair it would make us repair
 * forever. Counting writes per node object is defeated by a page that reverts by replacing the node, so the
 * guard counts per *text* (a paragraph's original text, whatever node holds it), and tells a fight from a
 * page that merely re-renders by where and when the text comes back: a fighting page reacts to our write (its
 * MutationObserver or a short timer puts the text back within REACTION_MS) in the paragraph we wrote, in place
 * or in a text node swapped in; a re-rendering page builds new paragraphs on its own clock, and a mutation
 * storm that writes the same sentence into many places puts it elsewhere. Neither counts.
 *
 * A page that swaps in a whole new *element* with the damaged text each time is, from outside, a re-render:
 * each one is repaired, one decoder call per swap, at most once per mutation batch.
 *
 * - After REACTIONS_TO_HOLD quick reverts of one text, that text is held: no decoder, no write.
 * - A held text is released only by a change we did not provoke (it reappears after the hold began, while
 *   we have not written it since): the page is rendering on its own, not answering us.
 * - Per page: once PAGE_HOSTILE_HOLDS texts are held, every text is held at its first quick revert, and
 *   mutation batches are spaced out (batchDelay); both relax after PAGE_CALM_MS without a quick revert.
 *
 * Modelled on Dark Reader's inline-style loop detection (attempts within an interval, then a back-off), keyed
 * by text instead of by element.
 */

/** A revert this soon after our write of the same text is a reaction to it. */
export const REACTION_MS = 80;
/** Quick reverts of one text before it is held. */
export const REACTIONS_TO_HOLD = 3;
/** Held texts on one page that make the whole page count as fighting. */
export const PAGE_HOSTILE_HOLDS = 4;
/** A fighting page is forgiven after this long without a quick revert. */
export const PAGE_CALM_MS = 10_000;
/** Texts remembered (the oldest are forgotten first): bounds the guard's memory on endless pages. */
export const MAX_TRACKED_TEXTS = 20_000;

interface TextState {
  lastWrite: number;
  /** The paragraph (block element or root) we last wrote the text into. */
  lastBlock: WeakRef<object> | null;
  reactions: number;
  /** When the hold began; -1 when not held. */
  heldAt: number;
}

export class LoopGuard {
  private readonly texts = new Map<string, TextState>();
  private holds = 0;
  private lastReaction = -Infinity;

  constructor(private readonly now: () => number) {}

  /**
   * May a text that (re)appeared at `seenAt` (its mutation's time; undefined for a scan) be repaired now?
   * Counts quick reverts and holds the text once the page is seen fighting over it.
   */
  allow(text: string, seenAt?: number, block?: object): boolean {
    const s = this.texts.get(text);
    if (!s) return true;
    const now = this.now();
    this.calm(now);
    if (s.heldAt >= 0) {
      if (seenAt === undefined || seenAt <= s.heldAt) return false;
      // Reappeared after the hold began, and we wrote nothing since: the page renders on its own.
      s.heldAt = -1;
      s.reactions = 0;
      return true;
    }
    const sameBlock = block !== undefined && s.lastBlock?.deref() === block;
    if (sameBlock && seenAt !== undefined && seenAt >= s.lastWrite && seenAt - s.lastWrite < REACTION_MS) {
      s.reactions++;
      this.lastReaction = now;
      const limit = this.holds >= PAGE_HOSTILE_HOLDS ? 1 : REACTIONS_TO_HOLD;
      if (s.reactions >= limit) {
        s.heldAt = now;
        this.holds++;
        return false;
      }
    }
    return true;
  }

  /** True when `text` is held: the caller does no work for it. */
  isHeld(text: string): boolean {
    const s = this.texts.get(text);
    return s !== undefined && s.heldAt >= 0;
  }

  /** We wrote the repair of `text`, into paragraph `block`. */
  wrote(text: string, block?: object): void {
    let s = this.texts.get(text);
    if (s) this.texts.delete(text); // re-insert: the Map's order is the order of last use
    else s = { lastWrite: 0, lastBlock: null, reactions: 0, heldAt: -1 };
    s.lastWrite = this.now();
    s.lastBlock = block ? new WeakRef(block) : null;
    this.texts.set(text, s);
    if (this.texts.size > MAX_TRACKED_TEXTS) {
      const oldest = this.texts.keys().next().value as string;
      this.texts.delete(oldest);
    }
  }

  /** How much to stretch the mutation batch delay: 1 on a calm page, up to 32 on a fighting one. */
  batchDelayFactor(): number {
    this.calm(this.now());
    return this.holds >= PAGE_HOSTILE_HOLDS ? Math.min(32, 2 ** (this.holds - PAGE_HOSTILE_HOLDS + 1)) : 1;
  }

  /** True when the page as a whole counts as fighting. */
  get pageHostile(): boolean { return this.holds >= PAGE_HOSTILE_HOLDS; }

  private calm(now: number): void {
    if (this.holds > 0 && now - this.lastReaction > PAGE_CALM_MS) {
      this.holds = 0;
      this.lastReaction = now;
    }
  }
}
