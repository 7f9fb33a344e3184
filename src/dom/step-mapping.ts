/**
 * Maps the decoder's steps, which address a block's joined text, back onto the block's text nodes.
 * Pure (no DOM): unit-tested on plain strings.
 */
import type { RepairKind, Step } from '../core/types';

/** A rewritten (or flagged) piece of one text node, in the node's new text. */
export interface RewrittenSpan {
  start: number;
  end: number;
  /** What was there before, in this node. */
  original: string;
  kind: RepairKind;
  /** Which step it came from (unique in the frame): all pieces of one step are counted and undone together. */
  group: number;
  lossy: boolean;
  confidence: number;
  codecs: readonly string[];
}

export interface NodeEdit {
  index: number;
  text: string;
  spans: RewrittenSpan[];
}

interface Piece { from: number; to: number; replacement: string; step: Step; group: number }

/**
 * Splits each step over the nodes it touches. A step inside one node stays there. A step across
 * nodes keeps the markup's boundaries when lengths match (Founder repair swaps character for
 * character, so each node keeps its share); otherwise the whole replacement goes to the first node,
 * because bytes re-decoded across a boundary have no meaningful split.
 */
export function mapStepsToNodes(texts: readonly string[], steps: readonly Step[], firstGroup = 0): NodeEdit[] {
  const starts: number[] = [];
  let total = 0;
  for (const t of texts) { starts.push(total); total += t.length; }
  const pieces: Piece[][] = texts.map(() => []);

  steps.forEach((step, index) => {
    const group = firstGroup + index;
    const touched: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const a = starts[i], b = a + texts[i].length;
      const overlaps = step.start < b && step.end > a;
      const insertionHere = step.start === step.end && step.start >= a && step.start < b;
      if (overlaps || insertionHere) touched.push(i);
    }
    if (touched.length === 0) return;
    const sameLength = step.replacement.length === step.original.length;
    let used = 0;
    touched.forEach((i, k) => {
      const from = Math.max(step.start, starts[i]) - starts[i];
      const to = Math.min(step.end, starts[i] + texts[i].length) - starts[i];
      let replacement: string;
      if (touched.length === 1) replacement = step.replacement;
      else if (sameLength) { replacement = step.replacement.slice(used, used + (to - from)); used += to - from; }
      else replacement = k === 0 ? step.replacement : '';
      pieces[i].push({ from, to, replacement, step, group });
    });
  });

  const edits: NodeEdit[] = [];
  pieces.forEach((list, index) => {
    if (list.length === 0) return;
    const src = texts[index];
    let text = '';
    let at = 0;
    const spans: RewrittenSpan[] = [];
    for (const p of list) {
      text += src.slice(at, p.from);
      const start = text.length;
      text += p.replacement;
      spans.push({
        start, end: text.length, original: src.slice(p.from, p.to), kind: p.step.kind, group: p.group,
        lossy: p.step.lossy, confidence: p.step.confidence, codecs: p.step.codecs,
      });
      at = p.to;
    }
    text += src.slice(at);
    edits.push({ index, text, spans });
  });
  return edits;
}
