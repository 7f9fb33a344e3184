/**
 * A document's lines: the unit within which real punctuation speaks for its neighbours, the unit of evidence,
 * and the unit encoding damage never crosses (a line break is one ASCII byte in every codec here and never
 * part of a multi-byte sequence).
 */
import type { Extent } from '../types';

/**
 * [start, end) of every line's content from `from` on, without its line break (\n, \r\n or \r); blank lines
 * included, no empty tail after a final line break. A plain loop: the engine asks this of every paragraph.
 */
export function lineSpans(text: string, from = 0): Extent[] {
  const spans: Extent[] = [];
  let at = from;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    spans.push([at, i]);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    at = i + 1;
  }
  if (at < text.length) spans.push([at, text.length]);
  return spans;
}

/** A leading byte-order mark belongs to the file, not to its text: it is kept, and never shown to the engine. */
export function bodyStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}
