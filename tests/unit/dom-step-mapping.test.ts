import { describe, expect, it } from 'vitest';
import { mapStepsToNodes } from '../../src/dom/step-mapping';
import type { Step } from '../../src/core/types';

const step = (start: number, end: number, original: string, replacement: string, kind: Step['kind'] = 'encoding'): Step =>
  ({ kind, start, end, original, replacement, codecs: [], confidence: 1, lossy: false });

describe('mapStepsToNodes', () => {
  it('keeps a step inside one node there', () => {
    const edits = mapStepsToNodes(['ab', 'c#xd'], [step(3, 5, '#x', 'X')]);
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ index: 1, text: 'cXd' });
    expect(edits[0].spans[0]).toMatchObject({ start: 1, end: 2, original: '#x' });
  });

  it('splits a same-length step (Founder) along the markup boundaries', () => {
    // "袁遥" across two nodes becomes "，。", one character each.
    const edits = mapStepsToNodes(['今年袁', '遥好'], [step(2, 4, '袁遥', '，。', 'founder')]);
    expect(edits.map((e) => e.text)).toEqual(['今年，', '。好']);
    expect(edits.every((e) => e.spans[0].group === 0)).toBe(true);
  });

  it('puts a length-changing step across nodes into the first node', () => {
    const edits = mapStepsToNodes(['x鍖', '婚櫌y'], [step(1, 4, '鍖婚櫌', '医院')]);
    expect(edits.map((e) => e.text)).toEqual(['x医院', 'y']);
    expect(edits[1].spans[0]).toMatchObject({ start: 0, end: 0, original: '婚櫌' });
  });

  it('numbers groups from firstGroup and replays to the repaired text', () => {
    const texts = ['#a b ', '#c'];
    const steps = [step(0, 2, '#a', 'A'), step(5, 7, '#c', 'C')];
    const edits = mapStepsToNodes(texts, steps, 10);
    expect(edits.flatMap((e) => e.spans.map((s) => s.group))).toEqual([10, 11]);
    const out = texts.map((t, i) => edits.find((e) => e.index === i)?.text ?? t).join('');
    expect(out).toBe('A b C');
  });
});
