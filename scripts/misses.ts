/**
 * `npm run misses -- [--set FILE] [--kinds founder_partial,mixed] [--n 20] [--lossy]`: the cases of a labelled
 * set the engine gets wrong, each as the places where its output and the truth differ (with a little context
 * either side), for a developer reading why. Lossless cases only unless --lossy; clean kinds show any change.
 * Defaults to the large dev set. Reading misses is how a rule is found; a rule is kept only if it holds on the
 * whole set and on the held-out ones (never tune to one case).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { sharedEvalDir } from './corpus/lib';
import { kindFilter, loadDevset, repairCase } from './lib/devset';

const { values } = parseArgs({
  options: { set: { type: 'string' }, kinds: { type: 'string' }, n: { type: 'string', default: '20' }, lossy: { type: 'boolean', default: false }, context: { type: 'string', default: '8' } },
});
const cases = loadDevset(values.set ?? join(sharedEvalDir(), 'devset-large.jsonl')).filter((c) => kindFilter(values.kinds)(c.kind));
const ctx = Number(values.context);

/** [start, end) of the differing middle of a and b once the common prefix and suffix are taken off. */
function diffSpans(a: string, b: string): [string, string] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const from = Math.max(0, p - ctx);
  return [a.slice(from, Math.min(a.length, a.length - s + ctx)), b.slice(from, Math.min(b.length, b.length - s + ctx))];
}

const byKind = new Map<string, number>();
let shown = 0;
for (const c of cases) {
  if (c.lossy && !values.lossy) continue;
  const out = repairCase(c).text;
  const wrong = c.kind.startsWith('clean_') ? out !== c.input : out !== c.expected;
  if (!wrong) continue;
  byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  if (shown++ >= Number(values.n)) continue;
  const [got, want] = diffSpans(out, c.kind.startsWith('clean_') ? c.input : c.expected);
  console.log(`${c.id} ${c.kind}${c.variant ? ` (${c.variant})` : ''}\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
}
console.log(`\nmisses: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
