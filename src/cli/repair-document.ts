/**
 * Plain mode: repairs a whole document with whole-document evidence, in chunks of lines.
 *
 * Evidence is collected once over all paragraphs (lines, without their line breaks). The text is then repaired
 * chunk by chunk with that same evidence, each chunk a run of whole lines of at most CHUNK_CHARS (a longer
 * line is kept whole), so a 5 MB file is repaired in bounded pieces yet decided as one document. Chunks are
 * many lines, not single lines, because PDF-derived text is hard-wrapped: a pair such as 野…冶 (“…”) often
 * spans a line break, and the engine needs both ends in one call. A chunk ends at a blank line when one lies
 * in the last quarter of its window, else at any line break.
 *
 * Everything outside the repaired spans is copied through untouched: a leading UTF-8 BOM (kept, and not shown
 * to the engine), line endings (\n, \r\n or \r), blank lines, and a final newline or its absence.
 */
import { collectEvidence, repair, type Evidence, type Hints, type RepairResult, type Step } from '../core/index';

export interface DocumentRepair extends RepairResult {
  /** Steps with offsets into the whole document (UTF-16), so `applySteps(document, steps) === text`. */
  steps: Step[];
}

export type RepairFn = (text: string, evidence?: Evidence, hints?: Hints) => RepairResult;

/** Largest chunk handed to the engine at once (UTF-16 units): large enough that few wrapped pairs are cut. */
export const CHUNK_CHARS = 64 * 1024;
/** A chunk may end at a blank line this far back from its limit (a share of CHUNK_CHARS) in preference to a bare line break. */
const BLANK_LINE_WINDOW = 0.25;

const BOM = '\uFEFF';
const LINE_BREAK = /\r\n?|\n/g;

/** [start, end) of every line's content, without its line break; no empty tail after a final line break. */
export function paragraphSpans(text: string, from = 0): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let at = from;
  LINE_BREAK.lastIndex = from;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) {
    spans.push([at, m.index]);
    at = m.index + m[0].length;
  }
  if (at < text.length) spans.push([at, text.length]);
  return spans;
}

/** [start, end) of chunks of whole lines (each but the last ends just after a \n), covering text from `from`. */
export function chunkSpans(text: string, from = 0, maxChars = CHUNK_CHARS): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let at = from;
  while (at < text.length) {
    if (text.length - at <= maxChars) {
      chunks.push([at, text.length]);
      break;
    }
    const limit = at + maxChars;
    let cut = blankLineBefore(text, limit, Math.max(at, limit - Math.floor(maxChars * BLANK_LINE_WINDOW)));
    if (cut <= at) cut = text.lastIndexOf('\n', limit - 1) + 1;
    if (cut <= at) cut = text.indexOf('\n', limit) + 1 || text.length; // one line longer than a chunk: keep it whole
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

export function repairDocument(
  text: string,
  hints: Hints = {},
  repairFn: RepairFn = repair,
  maxChunkChars = CHUNK_CHARS,
): DocumentRepair {
  const bodyStart = text.startsWith(BOM) ? BOM.length : 0;
  const evidence = collectEvidence(paragraphSpans(text, bodyStart).map(([s, e]) => text.slice(s, e)));

  const out: string[] = [];
  const steps: Step[] = [];
  let flagged = false;
  let copied = 0;
  for (const [start, end] of chunkSpans(text, bodyStart, maxChunkChars)) {
    const chunk = text.slice(start, end);
    const result = repairFn(chunk, evidence, hints);
    flagged ||= result.flagged;
    for (const step of result.steps) steps.push({ ...step, start: step.start + start, end: step.end + start });
    if (result.text === chunk) continue; // unchanged (or flag-only): copied through with its neighbours
    out.push(text.slice(copied, start), result.text);
    copied = end;
  }
  out.push(text.slice(copied));
  return { text: out.join(''), steps, flagged };
}
