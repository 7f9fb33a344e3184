/**
 * A document's lines: the unit within which real punctuation speaks for its neighbours, the unit of evidence,
 * and the unit encoding damage never crosses (a line break is one ASCII byte in every codec here and never
 * part of a multi-byte sequence).
 */
import type { Extent } from '../types';

const LINE_BREAK = /\r\n?|\n/g;

/**
 * [start, end) of every line's content from `from` on, without its line break (\n, \r\n or \r); blank lines
 * included, no empty tail after a final line break.
 */
export function lineSpans(text: string, from = 0): Extent[] {
  const spans: Extent[] = [];
  let at = from;
  const re = new RegExp(LINE_BREAK);
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    spans.push([at, m.index]);
    at = m.index + m[0].length;
  }
  if (at < text.length) spans.push([at, text.length]);
  return spans;
}

/** A leading byte-order mark belongs to the file, not to its text: it is kept, and never shown to the engine. */
export function bodyStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}
