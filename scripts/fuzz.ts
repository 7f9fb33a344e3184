/**
 * `npm run fuzz -- [--cases N] [--seed S] [--property NAME] [--shrink K] [--no-timing] [--raw]`: a long
 * property-based campaign over the engine (tests/fuzz/). No assertions: it reports.
 *   --cases N     cases per property (default 20000), split evenly over the property's targets
 *   --seed S      the campaign's seed (default: a random one, printed); every target derives its own from it
 *   --property P  one property only (no-throw, well-formed, idempotent, clean-unchanged, lost-neighbour,
 *                 no-collateral), or `timing` for the timing table alone
 *   --shrink K    shrink up to K failures per (property, class) (default 5); written to .cache/fuzz-failures.jsonl
 *   --raw         also write every failure, unshrunk, to .cache/fuzz-failures-raw.jsonl
 *   --no-timing   skip the timing table (1 KB / 100 KB / 1 MB per generator)
 * Per property it prints cases run, failures, and failures by class (tests/fuzz/classes.ts) and signature.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runTarget, shrink, targetName, type FoundFailure } from '../tests/fuzz/campaign';
import { PROPERTIES, check, escapeForReport } from '../tests/fuzz/properties';
import { TARGETS } from '../tests/fuzz/targets';
import { formatTiming, timingTable } from '../tests/fuzz/timing';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    property: { type: 'string' },
    shrink: { type: 'string', default: '5' },
    raw: { type: 'boolean', default: false },
    'no-timing': { type: 'boolean', default: false },
  },
});

const seed = values.seed !== undefined ? Number(values.seed) | 0 : (Math.random() * 2 ** 31) | 0;
const perProperty = Math.max(1, Number(values.cases) || 20000);
const shrinkPerClass = Math.max(0, Number(values.shrink) || 0);
const only = values.property;
if (only && only !== 'timing' && !(PROPERTIES as readonly string[]).includes(only)) {
  console.error(`unknown property ${only}; one of: ${PROPERTIES.join(', ')}, timing`);
  process.exit(2);
}

console.log(`fuzz campaign: seed ${seed}, ${perProperty} cases per property`);
mkdirSync('.cache', { recursive: true });
const shrunkLines: string[] = [];
const rawLines: string[] = [];
let total = 0;
const t0 = performance.now();

for (const property of PROPERTIES) {
  if (only && only !== property) continue;
  if (only === 'timing') break;
  const targets = TARGETS[property];
  const share = Math.ceil(perProperty / targets.length);
  let cases = 0;
  let ms = 0;
  const failures: Array<FoundFailure & { target: string; seed: number }> = [];
  const perTarget: string[] = [];
  targets.forEach((t, i) => {
    const run = runTarget(t, i, seed, share);
    cases += run.cases;
    ms += run.ms;
    for (const f of run.failures) failures.push({ ...f, target: targetName(t, i), seed: run.seed });
    perTarget.push(`    ${targetName(t, i).padEnd(32)} seed ${String(run.seed).padStart(11)}  ${run.failures.length}/${run.cases}`);
  });
  total += cases;
  const pct = (n: number) => ((100 * n) / cases).toFixed(2) + ' %';
  console.log(`\n${property}: ${cases} cases, ${failures.length} failures (${pct(failures.length)}), ${(ms / 1000).toFixed(1)} s`);
  console.log(perTarget.join('\n'));
  const byClass = new Map<string, typeof failures>();
  for (const f of failures) byClass.set(f.class.id, [...(byClass.get(f.class.id) ?? []), f]);
  for (const [klass, fs] of [...byClass].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  class ${klass}: ${fs.length} (${pct(fs.length)})`);
    const bySig = new Map<string, number>();
    for (const f of fs) bySig.set(f.failure.signature, (bySig.get(f.failure.signature) ?? 0) + 1);
    for (const [sig, n] of [...bySig].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`      ${String(n).padStart(6)}  ${sig}`);
    for (const f of fs.slice(0, shrinkPerClass)) {
      const small = shrink(f.case, f.failure);
      const failure = check(small);
      shrunkLines.push(
        JSON.stringify({ property, class: klass, signature: failure?.signature, target: f.target, seed: f.seed, index: f.index, case: small, detail: failure?.detail, unshrunk: f.case.input }),
      );
      console.log(`      e.g. ${escapeForReport(small.input)}${small.span ? ` span ${small.span}` : ''} (${small.evidence})\n           ${failure?.detail}`);
    }
  }
  if (values.raw) for (const f of failures) rawLines.push(JSON.stringify({ property, class: f.class.id, signature: f.failure.signature, target: f.target, seed: f.seed, index: f.index, case: f.case, detail: f.failure.detail }));
}

if (only !== undefined && only !== 'timing') {
  // one property: no timing unless asked for
} else if (!values['no-timing']) {
  console.log('\ntiming (property 6, not asserted): one standalone repair per input; KB = 1000 UTF-16 units');
  console.log(formatTiming(timingTable(seed)));
}

writeFileSync('.cache/fuzz-failures.jsonl', shrunkLines.join('\n') + (shrunkLines.length ? '\n' : ''));
if (values.raw) writeFileSync('.cache/fuzz-failures-raw.jsonl', rawLines.join('\n') + (rawLines.length ? '\n' : ''));
console.log(`\n${total} cases in ${((performance.now() - t0) / 1000).toFixed(0)} s; seed ${seed}; ${shrunkLines.length} shrunk counterexamples in .cache/fuzz-failures.jsonl`);
