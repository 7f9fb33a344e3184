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
  /** True when this is the step's only piece (the step lies inside one node): it counts without bookkeeping. */
  solo?: boolean;
}

export interface NodeEdit {
  index: number;
  text: string;
  spans: RewrittenSpan[];
}

interface Piece { from: number; to: number; replacement: string; step: Step; group: number; solo: boolean }

/**
 * Splits each step over the nodes it touches. A step inside one node stays there. A step across
 * nodes keeps the markup's boundaries when lengths match (Founder repair swaps character for
 * character, so each node keeps its share); otherwise the whole replacement goes to the first node,
 * because bytes re-decoded across a boundary have no meaningful split.
 *
 * Steps must be in text order (the decoder's are). Each step finds its first node by binary search, so a
 * paragraph of 200,000 text nodes with 1,000 steps costs about steps × log(nodes), not steps × nodes.
 * `firstGroup` numbers the steps' groups; `groupOf`, when given, numbers them instead.
 */
export function mapStepsToNodes(texts: readonly string[], steps: readonly Step[], firstGroup = 0, groupOf?: (index: number) => number): NodeEdit[] {
  const starts = new Array<number>(texts.length + 1);
  let total = 0;
  for (let i = 0; i < texts.length; i++) { starts[i] = total; total += texts[i].length; }
  starts[texts.length] = total;
  const pieces = new Map<number, Piece[]>();
  const add = (i: number, p: Piece) => { const list = pieces.get(i); if (list) list.push(p); else pieces.set(i, [p]); };

  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    const group = groupOf ? groupOf(index) : firstGroup + index;
    // The first node that ends after the step starts.
    let lo = 0, hi = texts.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (starts[mid + 1] > step.start) hi = mid; else lo = mid + 1; }
    const touched: number[] = [];
    if (step.start === step.end) {
      if (lo < texts.length && starts[lo] <= step.start) touched.push(lo);
    } else {
      // Every node from there that starts before the step ends overlaps it (empty nodes inside it included).
      for (let i = lo; i < texts.length && starts[i] < step.end; i++) touched.push(i);
    }
    if (touched.length === 0) continue;
    const sameLength = step.replacement.length === step.original.length;
    let used = 0;
    touched.forEach((i, k) => {
      const from = Math.max(step.start, starts[i]) - starts[i];
      const to = Math.min(step.end, starts[i + 1]) - starts[i];
      let replacement: string;
      if (touched.length === 1) replacement = step.replacement;
      else if (sameLength) { replacement = step.replacement.slice(used, used + (to - from)); used += to - from; }
      else replacement = k === 0 ? step.replacement : '';
      add(i, { from, to, replacement, step, group, solo: touched.length === 1 });
    });
  }

  const edits: NodeEdit[] = [];
  for (const index of Array.from(pieces.keys()).sort((a, b) => a - b)) {
    const list = pieces.get(index)!;
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
        lossy: p.step.lossy, confidence: p.step.confidence, codecs: p.step.codecs, solo: p.solo,
      });
      at = p.to;
    }
    text += src.slice(at);
    edits.push({ index, text, spans });
  }
  return edits;
}
