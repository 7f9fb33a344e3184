import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const f = process.argv[3] ?? readdirSync(dir).filter((x) => x.endsWith('.cpuprofile')).map((x)=>[x,readFileSync(dir+'/'+x).length]).sort((a,b)=>b[1]-a[1])[0][0];
const p = JSON.parse(readFileSync(dir + '/' + f, 'utf8'));
const self = new Map(); const byId = new Map(p.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
let total = 0;
for (const n of p.nodes) { const t = dt.get(n.id) ?? 0; total += t; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`; self.set(k, (self.get(k) ?? 0) + t); }
// inclusive
const incl = new Map();
function walk(n, stack) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`; let t = dt.get(n.id) ?? 0; for (const c of n.children ?? []) t += walk(byId.get(c), stack); if (!stack.has(k)) {} incl.set(k, (incl.get(k) ?? 0) + t); return t; }
walk(p.nodes[0], new Set());
console.log('SELF'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((100 * v / total).toFixed(1).padStart(5), k);
console.log('INCL'); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((100 * v / total).toFixed(1).padStart(5), k);
