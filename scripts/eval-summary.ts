/**
 * `npm run eval:summary [-- --sets large,s11,s12,fp]`: the engine's figures on every labelled set at once, one
 * short block per set, for a developer checking that a change helps everywhere and harms nowhere:
 *   lossless exact (EM-ll%) per kind below 99.5 %, clean cases changed, lossy cases flagged, false flags
 *   (clean or exactly repaired cases flagged), cases made worse; and the false-positive corpus' changed paragraphs.
 * Sets: large = ../shared/eval/devset-large.jsonl; s11/s12 = the held-out sets of `npm run build:heldout`; s9 = more dev cases (generate.py --split dev --seed 9 --per-kind 300);
 * fp = the clean-text corpus of `npm run build:fp-corpus` (paragraphs alone). Missing sets are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repair } from '../src/core/index';
import { ROOT, sharedEvalDir } from './corpus/lib';
import { loadDevset, repairCase } from './lib/devset';
import { computeMetrics, editDistance, isCleanKind } from './lib/devset-metrics';

const { values } = parseArgs({ options: { sets: { type: 'string', default: 'large,s9,s11,s12,fp' } } });
const wanted = values.sets!.split(',');

const SETS: Record<string, string> = {
  large: join(sharedEvalDir(), 'devset-large.jsonl'),
  s11: join(ROOT, '.cache/heldout/heldout.jsonl'),
  s12: join(ROOT, '.cache/heldout/heldout-s12.jsonl'),
  // Any other held-out seed built with `npm run build:heldout -- --seeds N` (s13, s14, …).
  ...Object.fromEntries(wanted.filter((w) => /^s\d+$/.test(w) && !['s9', 's11', 's12'].includes(w)).map((w) => [w, join(ROOT, `.cache/heldout/heldout-${w}.jsonl`)])),
  s9: join(ROOT, '.cache/dev-s9.jsonl'),
};

for (const name of wanted.filter((w) => w in SETS)) {
  if (!existsSync(SETS[name])) { console.log(`${name}: missing (${SETS[name]})`); continue; }
  const t0 = performance.now();
  const cases = loadDevset(SETS[name]);
  const outs = cases.map((c) => repairCase(c));
  const table = computeMetrics(cases, cases.map((c, i) => ({ id: c.id, text: outs[i].text, flagged: outs[i].flagged })));
  const low: string[] = [];
  for (const [kind, row] of table.rows) {
    if (kind.startsWith('ALL') || isCleanKind(kind)) continue;
    const ll = row['EM-ll%'];
    if (ll !== null && ll < 99.5) low.push(`${kind} ${ll.toFixed(1)}`);
  }
  let cleanChanged = 0, lossy = 0, flagged = 0, falseFlags = 0, worse = 0, corrupt = 0;
  cases.forEach((c, i) => {
    const o = outs[i];
    if (isCleanKind(c.kind)) {
      if (o.text !== c.input) cleanChanged++;
      if (o.flagged) falseFlags++;
      return;
    }
    corrupt++;
    if (c.lossy) { lossy++; if (o.flagged) flagged++; }
    else if (o.text === c.expected && o.flagged) falseFlags++;
    if (editDistance(o.text, c.expected) > editDistance(c.input, c.expected)) worse++;
  });
  console.log(`${name} (${cases.length} cases, ${((performance.now() - t0) / 1000).toFixed(1)} s): macro EM ${table.macroEmCorrupted?.toFixed(1)}; clean changed ${cleanChanged}; lossy flagged ${flagged}/${lossy}; false flags ${falseFlags}; worse ${worse}/${corrupt}`);
  console.log(`  lossless < 99.5 %: ${low.join(', ') || 'none'}`);
}

if (wanted.includes('fp')) {
  const dir = join(ROOT, '.cache/fp-corpus');
  if (!existsSync(dir)) console.log('fp: missing (npm run build:fp-corpus)');
  else {
    const t0 = performance.now();
    let n = 0, changed = 0;
    const bySource: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) {
      let c = 0;
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        if (!line) continue;
        const { text } = JSON.parse(line) as { text: string };
        n++;
        const r = repair(text);
        if (r.text !== text || r.steps.length > 0) c++;
      }
      changed += c;
      if (c) bySource.push(`${f.replace('.jsonl', '')} ${c}`);
    }
    console.log(`fp (${n} paragraphs alone, ${((performance.now() - t0) / 1000).toFixed(1)} s): changed ${changed}${bySource.length ? ` (${bySource.join(', ')})` : ''}`);
  }
}
