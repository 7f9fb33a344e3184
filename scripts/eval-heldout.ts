/**
 * `npm run eval:heldout [-- --seed 12] [--set FILE] [--md FILE]`: scores the engine on the held-out set that
 * `npm run build:heldout` generates (seed 11: .cache/heldout/heldout.jsonl; seed S: heldout-s<S>.jsonl; a missing
 * set is built first). Every case is repaired on its own, as `npm run eval` and `--jsonl` do; predictions go to
 * .cache/heldout/predictions-s<S>.jsonl and the table is the shared scorer's own:
 *   python3 <shared>/eval/score.py <set> <predictions>
 * Tune nothing on these cases: they are there to tell whether the engine generalises beyond the dev set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, sharedEvalDir } from './corpus/lib';
import { loadDevset, repairCase } from './lib/devset';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '11' },
    set: { type: 'string' },
    md: { type: 'string' },
  },
});
const seed = values.seed!;
const dir = join(ROOT, '.cache', 'heldout');
const set = values.set ?? join(dir, seed === '11' ? 'heldout.jsonl' : `heldout-s${seed}.jsonl`);
if (!existsSync(set)) {
  if (values.set) throw new Error(`no held-out set ${set}`);
  execFileSync('npx', ['tsx', join(ROOT, 'scripts/corpus/build-heldout.ts'), '--seeds', seed], { stdio: 'inherit' });
}

const cases = loadDevset(set);
const started = performance.now();
const predictions = cases.map((c) => {
  const r = repairCase(c);
  return { id: c.id, text: r.text, flagged: r.flagged };
});
const seconds = (performance.now() - started) / 1000;
mkdirSync(dir, { recursive: true });
const out = join(dir, `predictions-s${seed}.jsonl`);
writeFileSync(out, predictions.map((p) => JSON.stringify(p) + '\n').join(''));

const args = [join(sharedEvalDir(), 'score.py'), set, out, '--title', `held-out, seed ${seed}`];
if (values.md) args.push('--md', values.md);
execFileSync('python3', args, { stdio: 'inherit' });
console.log(`\n${cases.length} cases repaired in ${seconds.toFixed(2)} s; predictions in ${out}`);
