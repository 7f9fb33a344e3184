/**
 * `npm run build:fp-sample`: tests/cases/negative-fp-sample.json, ~400 clean paragraphs of the FP corpus
 * (`npm run build:fp-corpus`) chosen to be hard: they hold the characters Founder damage produces
 * (袁遥尧院野冶叶曳渊冤要噎曰钥浴), Han characters outside GB2312 and Big5, kana, or Latin-1 letters. Only
 * paragraphs the engine leaves alone today go in (a source with few such paragraphs fills its quota with plain
 * ones) (negative cases must pass); the rest is what `npm run eval:fp`
 * reports. Deterministic: the same corpus and engine give the same file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectEvidence, repair } from '../../src/core/index';
import { CACHE, charLength, HAN_RE, KANA_RE, ROOT } from './lib';
import { sourceById } from './sources';

const QUOTA: Record<string, number> = {
  'tang-poems': 45,
  'song-poems-hans': 35,
  'song-ci': 30,
  'yuan-qu': 20,
  classics: 35,
  'poet-bios': 30,
  'poet-bios-hans': 30,
  'poetry-notes': 20,
  'ts-diagnostics-zh': 20,
  'ts-diagnostics-ja': 10,
  'ts-diagnostics-ko': 5,
  'ts-diagnostics-eu': 25,
  'vscode-zh': 25,
  'vscode-ja': 20,
  'vscode-en': 5,
  'docs-cjk': 20,
  'docs-en': 10,
  'docs-code': 5,
  'js-code': 10,
};
const MAX_CHARS = 160;
const HARD = '袁遥尧院野冶叶曳渊冤要噎曰钥浴';

const known = (() => {
  const set = new Set<string>();
  for (const [label, leads, trails] of [
    ['gbk', [0xa1, 0xf7], [[0xa1, 0xfe]]],
    ['big5', [0xa4, 0xf9], [[0x40, 0x7e], [0xa1, 0xfe]]],
  ] as const) {
    const dec = new TextDecoder(label);
    for (let l = leads[0]; l <= leads[1]; l++) {
      for (const [a, b] of trails) for (let t = a; t <= b; t++) set.add(dec.decode(new Uint8Array([l, t])));
    }
  }
  return set;
})();

function hardness(t: string): number {
  let s = 0;
  const seen = new Set<string>();
  for (const ch of t) {
    if (HARD.includes(ch) && !seen.has(ch)) s += 2;
    else if (HAN_RE.test(ch) && !known.has(ch) && !seen.has(ch)) s += 1;
    seen.add(ch);
  }
  if (KANA_RE.test(t)) s += 1;
  if (/[\uac00-\ud7a3]/.test(t) && HAN_RE.test(t)) s += 1; // Hangul beside Han
  if (/[\u00c0-\u00ff]/.test(t)) s += 1;
  if (/[\u00c0-\u00ff]/.test(t) && /[\u00a0-\u00bf]/.test(t)) s += 1; // « » ° ± and friends next to letters
  return s;
}

const hash = (s: string) => createHash('sha1').update(s).digest('hex');
const cases: Array<{ name: string; input: string; expected: string; note: string }> = [];
let rejected = 0;
for (const [source, quota] of Object.entries(QUOTA)) {
  const rows: Array<{ text: string; path: string; lang: string }> = readFileSync(join(CACHE, 'fp-corpus', `${source}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const scored = rows
    .filter((r) => charLength(r.text) <= MAX_CHARS)
    .map((r) => ({ ...r, score: hardness(r.text), h: hash(r.text) }))
    .sort((a, b) => b.score - a.score || (a.h < b.h ? -1 : 1));
  // the hardest three times the quota (sources with few hard paragraphs fill up with plain ones), taken in hash
  // order: hard, but not all of one pattern
  const pool = scored.slice(0, quota * 3).sort((a, b) => (a.h < b.h ? -1 : 1));
  const src = sourceById(source);
  let n = 0;
  for (const r of pool) {
    if (n >= quota) break;
    const out = repair(r.text, collectEvidence(r.text.split('\n')));
    if (out.text !== r.text || out.steps.length > 0) {
      rejected++;
      const st = out.steps[0];
      console.error(`changed, left out: ${source}: ${JSON.stringify(st.original)} -> ${JSON.stringify(st.replacement)} (${st.kind} ${st.codecs.join('>')}) in ${JSON.stringify(r.text.slice(0, 60))}`);
      continue;
    }
    n++;
    const pkg = /^(@?[^@:]+@[^:]+):(.*)$/.exec(r.path);
    cases.push({
      name: `${source} ${n}`,
      input: r.text,
      expected: r.text,
      note: `${pkg ? pkg[1] : `${src.pkg}@${src.version}`} ${pkg ? pkg[2] : r.path} (${src.licence}); ${r.lang}`,
    });
  }
}
const file = join(ROOT, 'tests', 'cases', 'negative-fp-sample.json');
writeFileSync(file, JSON.stringify(cases, null, 2) + '\n');
console.log(`${cases.length} cases -> ${file}; ${rejected} hard candidates left out because the engine changes them`);
