/** Runs the command-line tool as a user would (a child process), for the cli*.test.ts files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: Buffer;
  /** Standard output as UTF-8 text. */
  out: string;
  err: string;
}

export function runCli(args: readonly string[], input?: string | Uint8Array): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    input: input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'luanma-cli-'));
