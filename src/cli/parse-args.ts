/** Command-line arguments: `luanma [--explain] [--jsonl] [--hint pdf|web] [--founder auto|force|off] [FILE | -]`. */
import { parseArgs } from 'node:util';
import type { Hints } from '../core/index';
import { usageError } from './cli-error';

export interface CliOptions {
  /** A path, or undefined for standard input (`-` or nothing). */
  file: string | undefined;
  explain: boolean;
  jsonl: boolean;
  help: boolean;
  hints: Hints;
}

export const USAGE = `Usage: npm run --silent repair -- [options] [FILE | -]

Repairs Chinese mojibake (Founder/方正 punctuation, wrong encodings) in FILE or standard
input and writes the repaired text to standard output.

Options:
  --explain              print every repair step on standard error, then a summary line
  --jsonl                read lines {"id", "text"}; write {"id", "text", "steps", "flagged"}
  --hint pdf|web         where the text came from (pdf: e-paper or text copied out of a PDF)
  --founder auto|force|off
                         override the automatic Founder-damage decision
  -h, --help             show this help

Input is UTF-8; a GBK, GB18030 or Big5 file is recognised and decoded, and the output is
then UTF-8. A UTF-8 byte-order mark is kept, and so are line endings (\\n or \\r\\n) and the
presence or absence of a final newline: only the repaired spans differ from the input.

Exit codes: 0 done, 1 input problem (missing file, directory, binary file), 2 wrong usage.`;

const SOURCES = ['pdf', 'web'] as const;
const FOUNDER_MODES = ['auto', 'force', 'off'] as const;

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`luanma: --${option} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        explain: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
        hint: { type: 'string' },
        founder: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    // parseArgs messages are one readable sentence ("Unknown option '--x'…").
    throw usageError(`luanma: ${(err as Error).message.split(/\. |\n/)[0]}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw usageError(`luanma: one input at a time (got ${positionals.length}: ${positionals.join(' ')})`);
  }
  const hints: Hints = {};
  const source = oneOf('hint', values.hint, SOURCES);
  if (source) hints.source = source;
  const founder = oneOf('founder', values.founder, FOUNDER_MODES);
  if (founder) hints.founder = founder;
  const file = positionals[0];
  return {
    file: file === undefined || file === '-' ? undefined : file,
    explain: values.explain ?? false,
    jsonl: values.jsonl ?? false,
    help: values.help ?? false,
    hints,
  };
}
