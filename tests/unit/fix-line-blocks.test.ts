/** The output view's blocks: whole lines, covering the input once, never cutting a step. */
import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/core';
import { blockPieces, planBlocks } from '../../src/fix/line-blocks';

const step = (start: number, original: string, replacement: string): Step => ({
  kind: 'encoding', start, end: start + original.length, original, replacement, codecs: ['utf-8', 'gbk'], confidence: 0.8, lossy: false,
});

describe('planBlocks', () => {
  const input = Array.from({ length: 100 }, (_, i) => `第${i}行`).join('\n');

  it('covers the input with blocks of whole lines', () => {
    const blocks = planBlocks(input, [], 50);
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks[0].start).toBe(0);
    expect(blocks.at(-1)!.end).toBe(input.length);
    for (let i = 1; i < blocks.length; i++) {
      expect(blocks[i].start).toBe(blocks[i - 1].end);
      expect(input[blocks[i].start - 1]).toBe('\n');
    }
  });

  it('never cuts a step, and gives each block its steps', () => {
    const at = input.indexOf('\n', 45) - 2; // a step straddling the first cut
    const steps = [step(2, '行', 'X'), step(at, input.slice(at, at + 6), 'Y'), step(input.length - 1, input.at(-1)!, 'Z')];
    const blocks = planBlocks(input, steps, 50);
    for (const b of blocks) for (let k = b.firstStep; k < b.endStep; k++) {
      expect(steps[k].start).toBeGreaterThanOrEqual(b.start);
      expect(steps[k].end).toBeLessThanOrEqual(b.end);
    }
    expect(blocks.reduce((n, b) => n + b.endStep - b.firstStep, 0)).toBe(3);
    const rebuilt = blocks.flatMap((b) => blockPieces(input, steps, b)).map((p) => ('text' in p ? p.text : steps[p.step].original)).join('');
    expect(rebuilt).toBe(input);
  });

  it('caps a block of short lines by line count', () => {
    const blocks = planBlocks(input, [], 10_000, 7);
    expect(blocks.slice(0, -1).every((b) => b.lines === 7)).toBe(true);
    expect(blocks.at(-1)!.end).toBe(input.length);
  });

  it('an empty input is one empty block', () => {
    expect(planBlocks('', [])).toEqual([{ start: 0, end: 0, firstStep: 0, endStep: 0, lines: 1 }]);
  });
});
