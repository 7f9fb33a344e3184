/**
 * Luanma's command-line tool: `npm run --silent repair -- [options] [FILE | -]` (see `--help` / parse-args.ts).
 * Plain mode repairs a document (core/document); `--jsonl` repairs records (jsonl-mode.ts).
 */
import { CliError } from './cli-error';
import { decodeInput } from './detect-charset';
import { explainLines } from './explain';
import { repairJsonl } from './jsonl-mode';
import { USAGE, parseCliArgs } from './parse-args';
import { readInput } from './read-input';
import { repairDocument } from '../core/document/repair-chunks';
import { collectEvidence, repair } from '../core/index';

/**
 * Chunk size for plain mode (UTF-16 units): large enough that few hard-wrapped pairs (野…冶) are cut, small
 * enough that a 5 MB file is never held by the engine whole.
 */
const CLI_CHUNK_CHARS = 64 * 1024;

async function run(argv: readonly string[]): Promise<void> {
  const options = parseCliArgs(argv);
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const name = options.file ?? '(standard input)';
  const { text } = decodeInput(await readInput(options.file), name);

  if (options.jsonl) {
    const out: string[] = [];
    for (const { output, explain } of repairJsonl(text, options.hints)) {
      out.push(JSON.stringify(output) + '\n');
      if (options.explain) process.stderr.write(explain.map((l) => l + '\n').join(''));
    }
    process.stdout.write(out.join(''));
    return;
  }

  const result = repairDocument({ repair, collectEvidence }, text, { maxChars: CLI_CHUNK_CHARS, hints: options.hints });
  process.stdout.write(result.text);
  if (options.explain) {
    process.stderr.write(explainLines(result.steps, result.flagged, text).map((l) => l + '\n').join(''));
  }
}

// A closed pipe (`luanma big.txt | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof CliError) {
    process.stderr.write(err.message + '\n' + (err.showUsage ? '\n' + USAGE + '\n' : ''));
    process.exitCode = err.exitCode;
    return;
  }
  throw err;
});
