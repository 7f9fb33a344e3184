/**
 * `npm run eval -- [--out FILE] [--kinds founder,clean_*]`: repairs every dev-set case on its own
 * (tests/fixtures/devset.jsonl), writes predictions `{"id", "text", "flagged"}` one a line, and prints the
 * per-kind table. The official scorer reads the same predictions:
 *   python3 ../shared/eval/score.py ../shared/eval/devset.jsonl .cache/predictions.jsonl
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { kindFilter, loadDevset, repairCase } from './lib/devset';
import { computeMetrics, editDistance, formatMetrics, type Prediction } from './lib/devset-metrics';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.cache/predictions.jsonl' },
    kinds: { type: 'string' },
    devset: { type: 'string' },
  },
});

const cases = loadDevset(values.devset).filter((c) => kindFilter(values.kinds)(c.kind));
if (cases.length === 0) {
  console.error(`eval: no dev-set case of kind ${values.kinds}`);
  process.exit(2);
}
const started = performance.now();
const predictions: Prediction[] = cases.map((c) => {
  const r = repairCase(c);
  return { id: c.id, text: r.text, flagged: r.flagged };
});
const seconds = (performance.now() - started) / 1000;

const out = values.out!;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, predictions.map((p) => JSON.stringify(p) + '\n').join(''));

console.log(formatMetrics(computeMetrics(cases, predictions)));

// Lossy cases cannot come out exact: how much of the truth came back, character-weighted over each kind.
const lossy = cases.filter((c) => c.lossy);
if (lossy.length > 0) {
  const byId = new Map(predictions.map((p) => [p.id, p.text]));
  const rows = new Map<string, { n: number; before: number; after: number; chars: number }>();
  const all = { n: 0, before: 0, after: 0, chars: 0 };
  for (const c of lossy) {
    const row = rows.get(c.kind) ?? { n: 0, before: 0, after: 0, chars: 0 };
    rows.set(c.kind, row);
    for (const r of [row, all]) {
      r.n++;
      r.before += editDistance(c.input, c.expected);
      r.after += editDistance(byId.get(c.id)!, c.expected);
      r.chars += [...c.expected].length;
    }
  }
  console.log('\n| lossy kind | cases | CER before | CER after |\n|---|---:|---:|---:|');
  for (const [kind, r] of [...[...rows].sort(), ['all lossy', all] as const]) {
    console.log(`| ${kind} | ${r.n} | ${(r.before / r.chars).toFixed(3)} | ${(r.after / r.chars).toFixed(3)} |`);
  }
}
console.log(`\n${cases.length} cases in ${seconds.toFixed(2)} s; predictions written to ${out}`);
