/**
 * Cuts the input into blocks of whole lines for the output view, which renders only the blocks on screen.
 * A block never cuts a step (a repaired span may in principle hold a line break), so each block renders
 * from its own slice of the input and its own steps.
 */
import type { Step } from '../core/types';

export interface LineBlock {
  /** [start, end) in the input; every block but the last ends just after a line break. */
  start: number;
  end: number;
  /** Steps [firstStep, endStep) lie inside the block. */
  firstStep: number;
  endStep: number;
  /** Line breaks in the block, for a first guess at its height. */
  lines: number;
}

/** About this many UTF-16 units per block: a screenful or two of a novel, so few blocks are on screen at once. */
export const BLOCK_CHARS = 2000;
/** At most this many lines per block (hard-wrapped text has short lines), unless one step spans more. */
export const BLOCK_LINES = 60;

export function planBlocks(input: string, steps: readonly Step[], targetChars = BLOCK_CHARS, maxLines = BLOCK_LINES): LineBlock[] {
  const blocks: LineBlock[] = [];
  let start = 0;
  let step = 0;
  while (start < input.length || blocks.length === 0) {
    let end = input.indexOf('\n', Math.min(start + targetChars, input.length) - 1) + 1 || input.length;
    for (let n = 0, i = input.indexOf('\n', start); i >= 0 && i < end - 1; i = input.indexOf('\n', i + 1)) {
      if (++n === maxLines) { end = i + 1; break; }
    }
    // Move the cut past any step that straddles it.
    let k = step;
    while (k < steps.length && steps[k].start < end) {
      if (steps[k].end > end) end = input.indexOf('\n', steps[k].end - 1) + 1 || input.length;
      k++;
    }
    blocks.push({ start, end, firstStep: step, endStep: k, lines: countLines(input, start, end) });
    step = k;
    start = end;
    if (end >= input.length) break;
  }
  return blocks;
}

function countLines(text: string, start: number, end: number): number {
  let n = 1;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end - 1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Pieces of one block: plain text between steps, and the steps themselves (by index into all steps). */
export type BlockPiece = { text: string } | { step: number };

export function blockPieces(input: string, steps: readonly Step[], block: LineBlock): BlockPiece[] {
  const pieces: BlockPiece[] = [];
  let at = block.start;
  for (let k = block.firstStep; k < block.endStep; k++) {
    const s = steps[k];
    if (s.start > at) pieces.push({ text: input.slice(at, s.start) });
    pieces.push({ step: k });
    at = s.end;
  }
  if (block.end > at) pieces.push({ text: input.slice(at, block.end) });
  return pieces;
}
