import { readFileSync } from 'node:fs';
import { collectEvidence, repair } from './src/core/index';
const lines = readFileSync('tests/fixtures/seed-founder.txt', 'utf8').split('\n');
const ev = collectEvidence(lines);
const outs = lines.map((l) => repair(l, ev).text);
function time(f: () => void) { for (let i = 0; i < 5; i++) f(); const t = performance.now(); for (let i = 0; i < 20; i++) f(); return (performance.now() - t) / 20; }
console.log('repair input', time(() => lines.forEach((l) => repair(l, ev))).toFixed(1), 'ms');
console.log('repair output (= the check round)', time(() => outs.forEach((l) => repair(l, ev))).toFixed(1), 'ms');
console.log('evidence', time(() => collectEvidence(lines)).toFixed(1), 'ms', lines.join('').length, 'chars');
