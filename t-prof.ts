import { readFileSync } from 'node:fs';
import { collectEvidence, repair } from './src/core/index';
import { isSuspect } from './src/core/gate';
const which = process.argv[2] ?? 'founder';
let lines: string[];
if (which === 'founder') lines = readFileSync('tests/fixtures/seed-founder.txt', 'utf8').split('\n');
else {
  const dev = readFileSync('../shared/eval/devset-large.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((c) => c.kind === 'utf8_as_gbk');
  lines = dev.flatMap((c) => c.input.split('\n'));
}
const para: string[] = [];
let n = 0; while (n < 3_000_000) for (const l of lines) { para.push(l); n += l.length; }
let sink = 0;
const t0 = performance.now();
for (let r = 0; r < 4; r++) {
  const ev = collectEvidence(para);
  for (const p of para) if (isSuspect(p, ev)) sink += repair(p, ev).steps.length;
}
const ms = performance.now() - t0;
console.log(which, (4 * n / ms / 1000).toFixed(2), 'M chars/s', sink);
