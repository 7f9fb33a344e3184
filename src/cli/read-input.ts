/** Reads the whole input, a file or standard input, as bytes; file problems become one-line input errors. */
import { readFile } from 'node:fs/promises';
import { inputError } from './cli-error';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
};

export async function readInput(file: string | undefined): Promise<Buffer> {
  if (file === undefined) return readStdin();
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw inputError(`luanma: ${file}: ${REASONS[code] ?? (err as Error).message}`);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
