import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-run';

const dir = tempDir();
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('luanma CLI: usage and exit codes', () => {
  it('--help prints usage on stdout and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Usage: /);
  });

  it('an unknown option exits 2 with a one-line reason and the usage on stderr', () => {
    const r = runCli(['--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toMatch(/^luanma: .*--frobnicate/);
    expect(r.err).toContain('Usage: ');
  });

  it('two files exit 2', () => {
    const r = runCli([file('a.txt', 'a'), file('b.txt', 'b')]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('Usage: ');
  });

  it('a bad --hint value exits 2', () => {
    expect(runCli(['--hint', 'scanner'], 'x').status).toBe(2);
  });

  it('a missing file exits 1 with one line and no stack trace', () => {
    const r = runCli([join(dir, 'nope.txt')]);
    expect(r.status).toBe(1);
    expect(r.err).toBe(`luanma: ${join(dir, 'nope.txt')}: no such file\n`);
  });

  it('a directory exits 1 with one line', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const r = runCli([sub]);
    expect(r.status).toBe(1);
    expect(r.err).toBe(`luanma: ${sub}: is a directory\n`);
  });

  it('a binary file exits 1 with "looks like a binary file"', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const path = file('blob.bin', bytes);
    const r = runCli([path]);
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(`luanma: ${path}: looks like a binary file\n`);
  });

  it('an empty file gives empty output and exit 0', () => {
    const r = runCli([file('empty.txt', '')]);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(0);
  });
});

describe('luanma CLI: plain mode', () => {
  it('reads standard input, with no argument or with -', () => {
    for (const args of [[], ['-']]) {
      const r = runCli(args, 'hello 你好\n');
      expect(r.status).toBe(0);
      expect(r.out).toBe('hello 你好\n');
    }
  });

  it('keeps a UTF-8 BOM, \\r\\n, blank lines and a missing final newline byte for byte', () => {
    const text = '\uFEFF第一段，没有问题。\r\n\r\nEnglish line\r\n最后一行没有换行';
    const path = file('crlf.txt', text);
    const r = runCli([path]);
    expect(r.status).toBe(0);
    expect(r.stdout.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('--explain writes a summary line on stderr and leaves stdout alone', () => {
    const r = runCli(['--explain'], '干净的文字。\n');
    expect(r.status).toBe(0);
    expect(r.out).toBe('干净的文字。\n');
    expect(r.err).toMatch(/^luanma: \d+ steps?.*(not flagged|flagged)/m);
  });

  it('--hint pdf and --founder are accepted', () => {
    const r = runCli(['--hint', 'pdf', '--founder', 'auto'], 'abc');
    expect(r.status).toBe(0);
    expect(r.out).toBe('abc');
  });
});
