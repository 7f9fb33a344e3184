/**
 * Plain mode: repairs a whole document the way the extension repairs a page. Evidence is collected once over
 * all paragraphs (lines), then each paragraph is repaired on its own with that same evidence, so a 5 MB file
 * costs no more memory than its text and makes the same decisions as if it were repaired in one piece.
 *
 * Everything outside the repaired spans is copied through untouched: a leading UTF-8 BOM (kept, not repaired),
 * line endings (\n, \r\n, or a lone \r), blank lines, and a final newline or its absence.
 */
import { collectEvidence, repair, type Evidence, type Hints, type RepairResult, type Step } from '../core/index';

export interface DocumentRepair extends RepairResult {
  /** Steps with offsets into the whole document (UTF-16), so `applySteps(document, steps) === text`. */
  steps: Step[];
}

export type RepairFn = (text: string, evidence?: Evidence, hints?: Hints) => RepairResult;

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

export function repairDocument(text: string, hints: Hints = {}, repairFn: RepairFn = repair): DocumentRepair {
  const bodyStart = text.startsWith(BOM) ? BOM.length : 0;
  const spans = paragraphSpans(text, bodyStart);
  const evidence = collectEvidence(spans.map(([s, e]) => text.slice(s, e)));

  const out: string[] = [];
  const steps: Step[] = [];
  let flagged = false;
  let copied = 0;
  for (const [start, end] of spans) {
    if (start === end) continue;
    const paragraph = text.slice(start, end);
    const result = repairFn(paragraph, evidence, hints);
    flagged ||= result.flagged;
    for (const step of result.steps) steps.push({ ...step, start: step.start + start, end: step.end + start });
    if (result.text === paragraph) continue; // unchanged (or flag-only): copied through with its neighbours
    out.push(text.slice(copied, start), result.text);
    copied = end;
  }
  out.push(text.slice(copied));
  return { text: out.join(''), steps, flagged };
}
