/**
 * Builds src/core/codecs/tables/*.generated.ts from the WHATWG Encoding
 * Standard's indexes as shipped by the npm package text-encoding@0.7.0
 * (node_modules/text-encoding/lib/encoding-indexes.js, Unlicense / Apache-2.0).
 *
 *   npm run build:tables
 *
 * The package's gb18030 index predates the standard's adoption of GB18030-2022
 * (whatwg/encoding PR #336, 2024): 18 pointers that used to decode to private-use
 * code points now decode to U+FE10–U+FE19 and U+9FB4–U+9FBB. This script applies
 * that change (GB18030_2022_CHANGES below) and refuses to run if the source data
 * is not what it expects.
 *
 * Output format (decoded lazily by src/core/codecs/table-data.ts): a flat array
 * of items, read in order, starting at pointer 0 with "previous code point" 0:
 *   - a number n >= 0: jump to pointer n (the pointers in between are null);
 *   - a string: each of its code points (astral ones included) fills the next pointer;
 *   - a number -k (k > 0): the next k pointers hold previous code point + 1, + 2, ….
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'src/core/codecs/tables');
const SOURCE = 'text-encoding@0.7.0 lib/encoding-indexes.js';

type Index = (number | null)[];
const require = createRequire(import.meta.url);
const indexes = (require(join(ROOT, 'node_modules/text-encoding/lib/encoding-indexes.js')) as {
  'encoding-indexes': Record<string, unknown>;
})['encoding-indexes'];

/** Pointer -> new code point, from the Encoding Standard's GB18030-2022 alignment. */
const GB18030_2022_CHANGES: ReadonlyArray<readonly [number, number]> = [
  [7182, 0xfe10], [7183, 0xfe12], [7184, 0xfe11], [7185, 0xfe13], [7186, 0xfe14],
  [7187, 0xfe15], [7188, 0xfe16], [7201, 0xfe17], [7202, 0xfe18], [7208, 0xfe19],
  [23775, 0x9fb4], [23783, 0x9fb5], [23788, 0x9fb6], [23789, 0x9fb7], [23795, 0x9fb8],
  [23812, 0x9fb9], [23829, 0x9fba], [23845, 0x9fbb],
];

/** Runs of consecutive code points at least this long become one `-k` item (a string costs ~3 bytes a character). */
const MIN_RUN = 6;
const STRING_CHUNK = 32;

function getIndex(name: string, length: number): Index {
  const data = indexes[name];
  if (!Array.isArray(data) || data.length !== length) {
    throw new Error(`${SOURCE}: index ${name} is not an array of ${length} entries`);
  }
  return data.map((v) => (v === null || v === undefined ? null : Number(v)));
}

/** True when the code point should be written as an escape rather than as itself. */
function needsEscape(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0xa0) ||
    cp === 0x22 || cp === 0x5c ||
    (cp >= 0x300 && cp <= 0x36f) || // combining marks would attach to the quote or the previous character
    (cp >= 0x2000 && cp <= 0x200f) || cp === 0x2028 || cp === 0x2029 ||
    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3000 ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    (cp >= 0xe000 && cp <= 0xf8ff) || // private use: invisible in editors
    (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff ||
    cp >= 0xfff0 && cp <= 0xffff
  );
}

function literal(cps: number[]): string {
  let s = '"';
  for (const cp of cps) {
    if (!needsEscape(cp)) s += String.fromCodePoint(cp);
    else if (cp <= 0xffff) s += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else s += '\\u{' + cp.toString(16).toUpperCase() + '}';
  }
  return s + '"';
}

function encodeIndex(index: Index): string {
  const items: string[] = [];
  let pointer = 0;
  let pending: number[] = [];
  const flush = (): void => {
    // Strings of at most STRING_CHUNK code points keep lines (and diffs) short.
    for (let i = 0; i < pending.length; i += STRING_CHUNK) items.push(literal(pending.slice(i, i + STRING_CHUNK)));
    pending = [];
  };
  let p = 0;
  while (p < index.length) {
    const cp = index[p];
    if (cp === null) {
      p++;
      continue;
    }
    if (p !== pointer) {
      flush();
      items.push(String(p));
      pointer = p;
    }
    // Length of the run of consecutive code points starting here.
    let run = 1;
    while (p + run < index.length && index[p + run] === cp + run) run++;
    if (run >= MIN_RUN) {
      pending.push(cp);
      flush();
      items.push(String(-(run - 1)));
      p += run;
    } else {
      pending.push(cp);
      p++;
    }
    pointer = p;
  }
  flush();
  // A few items per line keeps diffs readable without one line per pointer.
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line.length + item.length > 100 && line) {
      lines.push(line);
      line = '';
    }
    line += item + ', ';
  }
  if (line) lines.push(line);
  return lines.map((l) => '  ' + l.trimEnd()).join('\n');
}

function header(what: string, note = ''): string {
  return `/*
 * GENERATED by scripts/build-codec-tables.ts (npm run build:tables). DO NOT EDIT.
 *
 * ${what}
 * Source: ${SOURCE}, the WHATWG Encoding Standard's indexes
 * (https://encoding.spec.whatwg.org/). Licence of the source data: Unlicense /
 * Apache-2.0 (text-encoding); the index data itself is WHATWG, CC BY 4.0.${note}
 * Format: see scripts/build-codec-tables.ts and src/core/codecs/table-data.ts.
 */
`;
}

function writeTable(file: string, exportName: string, what: string, index: Index, note = '', extra = ''): number {
  const body =
    header(what, note) +
    `\n/** Pointer count; pointers in [0, ${index.length}). */\n` +
    `export const ${exportName}_LENGTH = ${index.length};\n\n` +
    `export const ${exportName}: readonly (number | string)[] = [\n${encodeIndex(index)}\n];\n` +
    extra;
  const path = join(OUT_DIR, file);
  writeFileSync(path, body);
  const size = Buffer.byteLength(body);
  console.log(`${file}: ${size} bytes`);
  return size;
}

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  let total = 0;

  // gb18030 (GBK decodes identically), with the GB18030-2022 changes.
  const gb = getIndex('gb18030', 23940);
  for (const [pointer, cp] of GB18030_2022_CHANGES) {
    const old = gb[pointer];
    if (old === null || old < 0xe000 || old > 0xf8ff) {
      throw new Error(`gb18030 pointer ${pointer}: expected a private-use code point, found ${old}`);
    }
    gb[pointer] = cp;
  }
  const ranges = indexes['gb18030-ranges'];
  if (!Array.isArray(ranges) || ranges.length !== 207) throw new Error('gb18030-ranges: unexpected shape');
  const flat = (ranges as [number, number][]).flatMap(([p, c]) => [p, c]);
  total += writeTable(
    'gb18030.generated.ts',
    'GB18030_INDEX',
    'index gb18030 (two-byte sequences) and index gb18030 ranges (four-byte sequences).',
    gb,
    `\n * Changed from the source (GB18030-2022 alignment, whatwg/encoding PR #336): pointers\n * ${GB18030_2022_CHANGES.map(([p, c]) => `${p}→U+${c.toString(16).toUpperCase()}`).join(', ').replace(/(.{70,}?,) /g, '$1\n * ')}.`,
    `\n/** index gb18030 ranges: pairs of (pointer, code point), ascending. */\nexport const GB18030_RANGES: readonly number[] = [\n${chunk(flat)}\n];\n`,
  );

  total += writeTable('big5.generated.ts', 'BIG5_INDEX', 'index Big5, including the HKSCS pointers below 5024.', getIndex('big5', 19782));
  total += writeTable('jis0208.generated.ts', 'JIS0208_INDEX', 'index jis0208 (used by the Shift_JIS decoder).', getIndex('jis0208', 11280));

  const w1252 = getIndex('windows-1252', 128);
  if (w1252.some((v) => v === null)) throw new Error('windows-1252: null entries');
  total += writeTable('windows-1252.generated.ts', 'WINDOWS_1252_INDEX', 'index windows-1252 (bytes 0x80-0xFF).', w1252);

  console.log(`total: ${total} bytes`);
}

function chunk(values: number[]): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += 16) lines.push('  ' + values.slice(i, i + 16).join(', ') + ',');
  return lines.join('\n');
}

main();
