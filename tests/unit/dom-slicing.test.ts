import { describe, expect, it } from 'vitest';
import { Deque } from '../../src/dom/deque';
import { forEachPiece, pieceEnd } from '../../src/dom/pieces';

describe('Deque', () => {
  it('is first in, first out, across its compactions, for a queue longer than V8 lets a call spread', () => {
    const q = new Deque<number>();
    const n = 200_000;
    q.pushAll(Array.from({ length: n }, (_, i) => i));
    let expect0 = 0;
    for (let i = 0; i < n / 2; i++) expect(q.shift()).toBe(expect0++);
    for (let i = n; i < n + 1000; i++) q.push(i);
    for (let v = q.shift(); v !== undefined; v = q.shift()) expect(v).toBe(expect0++);
    expect(expect0).toBe(n + 1000);
    expect(q.length).toBe(0);
  });
});

describe('pieces', () => {
  const cover = (text: string, max: number) => {
    const pieces: string[] = [];
    forEachPiece(text, max, (s, e) => pieces.push(text.slice(s, e)));
    return pieces;
  };

  it('cuts at whole lines and covers the text exactly', () => {
    const text = Array.from({ length: 500 }, (_, i) => `第${i}行：浣犲ソ锛屼笘鐣岋紒`).join('\n');
    const pieces = cover(text, 1000);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 1000)).toBe(true);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
  });

  it('cuts a line longer than a piece after a character below U+0040 (never inside re-decoded bytes)', () => {
    const unit = 'ÄãºÃ£¬ÊÀ½ç£¡ ';
    const text = unit.repeat(2000);
    const pieces = cover(text, 4096);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(0, -1).every((p) => p.endsWith(' ') && p.length <= 4096)).toBe(true);
  });

  it('with nothing to cut at, cuts anywhere but inside a surrogate pair', () => {
    const text = '𠀀'.repeat(3000); // one astral character: two UTF-16 units each
    const end = pieceEnd(text, 0, 1001);
    expect(end).toBe(1000);
    expect(cover(text, 1001).join('')).toBe(text);
  });
});
