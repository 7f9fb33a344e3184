/**
 * mayBeSuspect (gate.ts) lets the first content script gate text nodes one by one and read a paragraph whole
 * only around a node it flags. That is sound only if a suspect text always has a piece it flags, however the
 * text is cut into nodes. It looks at one character at a time (true when any character is one it flags), so a
 * text cut at every character covers every other cut: checked so over every dev-set and JSON case.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSuspect, mayBeSuspect } from '../../src/core/gate';
import { loadDevset } from '../../scripts/lib/devset';

const dir = join(import.meta.dirname, '../cases');
const texts = [
  ...loadDevset().flatMap((c) => [c.input, c.expected]),
  ...readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
    return (Array.isArray(data) ? data : []).flatMap((c: Record<string, unknown>) => [c.input, c.expected, c.text].filter((t): t is string => typeof t === 'string'));
  }),
];

describe('mayBeSuspect', () => {
  it('flags every suspect text', () => {
    expect(texts.filter((t) => isSuspect(t) && !mayBeSuspect(t))).toEqual([]);
  });

  it('flags some piece of every suspect text cut into single characters', () => {
    const missed = texts.filter((t) => isSuspect(t) && ![...t].some((ch) => mayBeSuspect(ch)));
    expect(missed).toEqual([]);
  });

  it('passes ordinary clean Chinese (most text nodes of a page never reach the gate)', () => {
    for (const t of ['今天白天晴转多云，最高气温二十三度。', '“我们走吧。”他说——然后站了起来……', 'Hello, world 2024', '明天有小雨（局部），出门请带好雨具！']) expect(mayBeSuspect(t)).toBe(false);
    for (const t of ['医院', '袁世凯', '遥远', 'Ã¤', '\ufffd', 'ソ', '鏂']) expect(mayBeSuspect(t)).toBe(true);
  });
});
