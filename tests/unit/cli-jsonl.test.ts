import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run';

const lines = (out: string) =>
  out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('luanma CLI: --jsonl', () => {
  it('answers every record in order, skips blank lines, and reports malformed lines', () => {
    const input = [
      '{"id": "a", "text": "第一条。"}',
      '',
      '   ',
      '{"id": "b", "text": bad json}',
      'not json at all',
      '[1, 2]',
      '{"id": 7, "text": 42}',
      '{"id": "c", "text": "第二段\\n第三段"}\r',
      '{"text": "没有编号"}',
    ].join('\n');
    const r = runCli(['--jsonl'], input);
    expect(r.status).toBe(0);
    const out = lines(r.out);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', null, null, 7, 'c', null]);
    expect(out[0]).toMatchObject({ id: 'a', text: expect.any(String), steps: expect.any(Array), flagged: expect.any(Boolean) });
    expect(Object.keys(out[0]).sort()).toEqual(['flagged', 'id', 'steps', 'text']);
    for (const i of [1, 2, 3, 4]) expect(out[i]).toEqual({ id: out[i].id, error: expect.any(String) });
    expect(out[5]).toMatchObject({ id: 'c', flagged: expect.any(Boolean) });
    expect(out[6]).toMatchObject({ id: null, text: expect.any(String) });
  });

  it('leaves clean text unchanged with no steps', () => {
    const r = runCli(['--jsonl'], '{"id":1,"text":"Hello, world. 你好，世界。"}\n');
    expect(lines(r.out)).toEqual([{ id: 1, text: 'Hello, world. 你好，世界。', steps: [], flagged: false }]);
  });

  it('empty input gives empty output', () => {
    const r = runCli(['--jsonl'], '');
    expect(r.status).toBe(0);
    expect(r.out).toBe('');
  });

  it('--explain labels its stderr lines with the record id', () => {
    const r = runCli(['--jsonl', '--explain'], '{"id":"x1","text":"abc"}\n');
    expect(r.err).toMatch(/^luanma: \["x1"\] \d+ steps?/m);
  });
});
