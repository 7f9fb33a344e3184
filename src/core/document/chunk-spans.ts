/**
 * Cutting a long document into pieces the engine repairs one call at a time. Pieces are runs of whole lines,
 * never single lines: hard-wrapped text (a PDF, an e-paper column) has pairs such as 野…冶 (“…”) on two lines,
 * and the engine needs both ends in one call. Each caller names the size it can afford, with its reason.
 */
import type { Extent } from '../types';

/** A piece may end at a blank line this far back from its limit (a share of the size) in preference to a bare line break. */
const BLANK_LINE_WINDOW = 0.25;

/**
 * [start, end) of chunks of whole lines covering text from `from`: each at most `maxChars` UTF-16 units unless
 * one line is longer (it is kept whole), each but the last ending just after a \n, at a blank line where one
 * lies in the last quarter of the window.
 */
export function chunkSpans(text: string, from: number, maxChars: number): Extent[] {
  const chunks: Extent[] = [];
  let at = from;
  while (at < text.length) {
    if (text.length - at <= maxChars) {
      chunks.push([at, text.length]);
      break;
    }
    const limit = at + maxChars;
    let cut = blankLineBefore(text, limit, Math.max(at, limit - Math.floor(maxChars * BLANK_LINE_WINDOW)));
    if (cut <= at) cut = text.lastIndexOf('\n', limit - 1) + 1;
    if (cut <= at) cut = text.indexOf('\n', limit) + 1 || text.length;
    chunks.push([at, cut]);
    at = cut;
  }
  return chunks;
}

/** Offset just after the last blank line's \n that ends in (floor, limit], or -1. */
function blankLineBefore(text: string, limit: number, floor: number): number {
  for (let i = text.lastIndexOf('\n', limit - 1); i > floor; i = text.lastIndexOf('\n', i - 1)) {
    let p = i - 1;
    if (text[p] === '\r') p--;
    if (text[p] === '\n') return i + 1;
  }
  return -1;
}
