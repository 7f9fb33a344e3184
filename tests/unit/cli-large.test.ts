/** A 5 MB file goes through in chunks (paragraphs) and comes out byte for byte, line endings and all. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-run';

const FIVE_MB = 5 * 1024 * 1024;

describe('luanma CLI: large input', () => {
  it('passes 5 MB of clean text through unchanged', () => {
    const devset = readFileSync(new URL('../fixtures/devset.jsonl', import.meta.url), 'utf8');
    const clean = devset
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; input: string })
      .filter((c) => c.kind === 'clean_simplified' || c.kind === 'clean_traditional' || c.kind === 'clean_latin')
      .map((c) => c.input);
    const parts: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < FIVE_MB; i++) {
      const line = clean[i % clean.length] + (i % 5 === 0 ? '\r\n' : '\n');
      parts.push(line);
      bytes += Buffer.byteLength(line);
    }
    const text = parts.join('') + '末尾没有换行';
    const path = join(tempDir(), 'large.txt');
    writeFileSync(path, text);
    const r = runCli([path]);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(Buffer.byteLength(text));
    expect(r.stdout.equals(Buffer.from(text))).toBe(true);
  });
});
