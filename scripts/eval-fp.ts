/**
 * `npm run eval:fp [-- --corpus DIR] [--out FILE] [--page N] [--only id,id]`: the engine over the false-positive
 * corpus (`npm run build:fp-corpus` makes .cache/fp-corpus/). Every paragraph there is clean, so every change is a
 * false positive.
 *
 * Two passes per source:
 *   alone  each paragraph on its own, evidence from itself (`repair(t, collectEvidence(t.split('\n')))`);
 *   pages  groups of N (8) consecutive paragraphs of the source joined with "\n", evidence from the page.
 * Prints per source the paragraphs checked, changed (text differs or any step) and the share, for both passes,
 * and a table of the steps by kind and codec chain; writes every change to .cache/fp-changes.jsonl:
 * {"mode", "source", "lang", "path", "input", "output", "steps"} (in page mode one line per changed paragraph,
 * its steps' offsets relative to that paragraph).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { collectEvidence, repair, type Step } from '../src/core/index';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(ROOT, '.cache', 'fp-corpus') },
    out: { type: 'string', default: join(ROOT, '.cache', 'fp-changes.jsonl') },
    page: { type: 'string', default: '8' },
    only: { type: 'string' },
  },
});
const PAGE = Number(values.page);
const only = values.only ? new Set(values.only.split(',')) : null;

interface Row {
  text: string;
  source: string;
  lang: string;
  path: string;
}

const files = readdirSync(values.corpus!)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();
if (files.length === 0) {
  console.error(`eval:fp: no .jsonl in ${values.corpus}; run npm run build:fp-corpus first`);
  process.exit(2);
}

const changes: string[] = [];
const stepKinds = new Map<string, { alone: number; page: number }>();
const countStep = (s: Step, mode: 'alone' | 'page') => {
  const k = `${s.kind} ${s.codecs.join('>')}`;
  const e = stepKinds.get(k) ?? { alone: 0, page: 0 };
  e[mode]++;
  stepKinds.set(k, e);
};
const isChange = (input: string, r: { text: string; steps: Step[] }) => r.text !== input || r.steps.length > 0;

interface Tally {
  paras: number;
  chars: number;
  alone: number;
  aloneFlagOnly: number;
  pages: number;
  pagesChanged: number;
  parasInPages: number;
}
const tallies: Array<[string, Tally]> = [];
const started = performance.now();
let aloneSeconds = 0;
let pageSeconds = 0;

for (const f of files) {
  const source = f.replace(/\.jsonl$/, '');
  if (only && !only.has(source)) continue;
  const rows: Row[] = readFileSync(join(values.corpus!, f), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
  const t: Tally = { paras: rows.length, chars: 0, alone: 0, aloneFlagOnly: 0, pages: 0, pagesChanged: 0, parasInPages: 0 };

  let t0 = performance.now();
  for (const row of rows) {
    t.chars += row.text.length;
    const r = repair(row.text, collectEvidence(row.text.split('\n')));
    if (!isChange(row.text, r)) continue;
    t.alone++;
    if (r.text === row.text) t.aloneFlagOnly++;
    for (const s of r.steps) countStep(s, 'alone');
    changes.push(JSON.stringify({ mode: 'alone', source, lang: row.lang, path: row.path, input: row.text, output: r.text, steps: r.steps }));
  }
  aloneSeconds += (performance.now() - t0) / 1000;

  t0 = performance.now();
  for (let i = 0; i < rows.length; i += PAGE) {
    const group = rows.slice(i, i + PAGE);
    const page = group.map((r) => r.text).join('\n');
    const r = repair(page, collectEvidence(page.split('\n')));
    t.pages++;
    if (!isChange(page, r)) continue;
    t.pagesChanged++;
    for (const s of r.steps) countStep(s, 'page');
    // Back to paragraphs: the line each step starts in (a paragraph may itself hold "\n": code blocks).
    const starts: number[] = [];
    let off = 0;
    for (const g of group) {
      starts.push(off);
      off += g.text.length + 1;
    }
    const byPara = new Map<number, Step[]>();
    for (const s of r.steps) {
      let j = starts.length - 1;
      while (starts[j] > s.start) j--;
      byPara.set(j, [...(byPara.get(j) ?? []), s]);
    }
    for (const [j, steps] of [...byPara].sort((a, b) => a[0] - b[0])) {
      t.parasInPages++;
      const row = group[j];
      const local = steps.map((s) => ({ ...s, start: s.start - starts[j], end: s.end - starts[j] }));
      let output = row.text;
      for (const s of [...local].sort((a, b) => b.start - a.start)) {
        output = output.slice(0, s.start) + s.replacement + output.slice(Math.min(s.end, row.text.length));
      }
      changes.push(JSON.stringify({ mode: 'page', source, lang: row.lang, path: row.path, input: row.text, output, steps: local }));
    }
  }
  pageSeconds += (performance.now() - t0) / 1000;
  tallies.push([source, t]);
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(2) : '-');
console.log('| source | paragraphs | chars | changed alone | % | of which flag only | pages | pages changed | % | paragraphs changed in pages | % |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const all: Tally = { paras: 0, chars: 0, alone: 0, aloneFlagOnly: 0, pages: 0, pagesChanged: 0, parasInPages: 0 };
for (const [source, t] of [...tallies, ['all', all] as [string, Tally]]) {
  if (source !== 'all') for (const k of Object.keys(all) as Array<keyof Tally>) all[k] += t[k];
  console.log(
    `| ${source} | ${t.paras} | ${t.chars} | ${t.alone} | ${pct(t.alone, t.paras)} | ${t.aloneFlagOnly} | ${t.pages} | ${t.pagesChanged} | ${pct(t.pagesChanged, t.pages)} | ${t.parasInPages} | ${pct(t.parasInPages, t.paras)} |`,
  );
}
console.log('\n| step kind, codecs | alone | pages |\n|---|---:|---:|');
for (const [k, e] of [...stepKinds].sort((a, b) => b[1].alone + b[1].page - a[1].alone - a[1].page)) {
  console.log(`| ${k} | ${e.alone} | ${e.page} |`);
}
mkdirSync(dirname(values.out!), { recursive: true });
writeFileSync(values.out!, changes.map((c) => c + '\n').join(''));
const secs = (performance.now() - started) / 1000;
console.log(
  `\n${all.paras} paragraphs (${all.chars} UTF-16 units) in ${secs.toFixed(1)} s: alone ${aloneSeconds.toFixed(1)} s, pages of ${PAGE} ${pageSeconds.toFixed(1)} s; ${changes.length} changes written to ${values.out}`,
);
