/**
 * Where the page repairer cuts a long text for the decoder: the core's chunks of whole lines
 * (core/document/chunk-spans.ts), asked for one piece at a time so a 10 MB text node costs nothing to plan,
 * and, for a line longer than a piece (a whole novel in one line), a cut inside the line at the safest place
 * found near the limit: after a character below U+0040, which is one byte in every codec here and never a
 * trail byte of GBK, Big5 or Shift_JIS (so no re-decoded character is cut in two), else after real Chinese
 * punctuation, else anywhere but inside a surrogate pair. Such a cut can only cost a repair at the cut.
 */
import { chunkSpans } from '../core/document/chunk-spans';

/** How far back from the limit an in-line cut may fall (a share of the piece). */
const CUT_WINDOW = 0.25;

const CHINESE_STOPS = new Set([0x3002, 0xff0c, 0xff01, 0xff1f, 0xff1b, 0x3001, 0xff1a]); // 。，！？；、：

/** End of the piece of `text` that starts at `from` and holds at most `maxChars` UTF-16 units. */
export function pieceEnd(text: string, from: number, maxChars: number): number {
  if (text.length - from <= maxChars) return text.length;
  // One chunk of whole lines from a window just over the limit: chunkSpans keeps an over-long line whole,
  // which in the window shows as a chunk past the limit.
  const windowEnd = from + maxChars + 1;
  const [[, end]] = chunkSpans(text.slice(from, windowEnd), 0, maxChars);
  if (end <= maxChars) return from + end;
  return inLineCut(text, from, from + maxChars);
}

function inLineCut(text: string, from: number, limit: number): number {
  const floor = Math.max(from + 1, limit - Math.floor((limit - from) * CUT_WINDOW));
  for (let i = limit - 1; i >= floor; i--) if (text.charCodeAt(i) < 0x40) return i + 1;
  for (let i = limit - 1; i >= floor; i--) if (CHINESE_STOPS.has(text.charCodeAt(i))) return i + 1;
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

/** Calls `each(start, end)` for every piece of `text`, in order. */
export function forEachPiece(text: string, maxChars: number, each: (start: number, end: number) => void): void {
  for (let at = 0; at < text.length;) {
    const end = pieceEnd(text, at, maxChars);
    each(at, end);
    at = end;
  }
}
