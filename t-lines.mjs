import { readFileSync, readdirSync } from 'node:fs';
const [dir, bundle] = [process.argv[2], process.argv[3]];
const f = readdirSync(dir).filter((x) => x.endsWith('.cpuprofile')).map((x)=>[x,readFileSync(dir+'/'+x).length]).sort((a,b)=>b[1]-a[1])[0][0];
const p = JSON.parse(readFileSync(dir + '/' + f, 'utf8'));
const src = readFileSync(bundle, 'utf8').split('\n');
const ticks = new Map(); let total = 0;
for (const n of p.nodes) for (const t of n.positionTicks ?? []) { ticks.set(t.line, (ticks.get(t.line) ?? 0) + t.ticks); }
for (const n of p.nodes) total += 0;
const all = [...ticks.values()].reduce((a, b) => a + b, 0);
for (const [l, t] of [...ticks].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((100 * t / all).toFixed(1).padStart(5), l, src[l - 1]?.trim().slice(0, 130));
