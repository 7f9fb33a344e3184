/**
 * `npm run build:heldout [-- --seeds 11,12] [--per-kind 150]`: a held-out evaluation set from text the dev set
 * never saw (the dev paragraphs come from Debian documentation; these from the npm sources of
 * scripts/corpus/sources.ts, as collected by `npm run build:fp-corpus`, which this runs first if needed).
 *
 * 1. Writes .cache/heldout/corpus/{hans,hant,ja,latin,en,code,url,legit}.jsonl in the shared generator's
 *    `--corpus` format, one {"text", "pkg", "path", "split": "dev"} a line, and pools.json with where each
 *    pool's paragraphs came from. Pools are drawn with a fixed seed, independent of the generator's seed:
 *      hans   modern simplified prose (Song poets' biographies, annotations), technical text (TypeScript, VS Code,
 *             READMEs) and some verse; 20-300 characters, with at least one ，。、“”：；？！ etc. so that the
 *             Founder kinds have something to shift; long paragraphs are cut at sentence ends
 *      hant   the same in traditional characters
 *      legit  clean simplified paragraphs that really contain 袁遥尧野冶渊冤院曰钥浴叶曳噎耶爷, GB2312 only
 *      ja, latin, en, code, url   TypeScript/VS Code messages, README prose, code blocks, URLs
 * 2. Runs `python3 <shared>/eval/generate.py --corpus .cache/heldout/corpus --split dev --seed S --per-kind N`
 *    for each seed: seed 11 writes .cache/heldout/heldout.jsonl, any other seed .cache/heldout/heldout-s<S>.jsonl.
 * Score the engine on it with `npm run eval:heldout [-- --seed 12]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CACHE, charLength, HAN_RE, hanScript, KANA_RE, ROOT, sentenceChunks, sharedEvalDir } from './lib';
import { sourceById } from './sources';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '11' },
    'per-kind': { type: 'string', default: '150' },
    'corpus-only': { type: 'boolean', default: false },
  },
});

const FP = join(CACHE, 'fp-corpus');
const OUT = join(CACHE, 'heldout');
const CORPUS = join(OUT, 'corpus');


interface Row {
  text: string;
  source: string;
  lang: string;
  path: string;
}

if (!existsSync(join(FP, 'manifest.json'))) {
  console.error('no .cache/fp-corpus yet: running build:fp-corpus');
  execFileSync('npx', ['tsx', join(ROOT, 'scripts/corpus/build-fp-corpus.ts')], { stdio: 'inherit' });
}
const rows = new Map<string, Row[]>();
for (const f of readdirSync(FP).filter((x) => x.endsWith('.jsonl'))) {
  rows.set(
    f.replace(/\.jsonl$/, ''),
    readFileSync(join(FP, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
}

// ---------------------------------------------------------------- deterministic sampling
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261201);
function sample<T>(xs: T[], n: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

// ---------------------------------------------------------------- character classes
const LEGIT_CHARS = /[袁遥尧野冶渊冤院曰钥浴叶曳噎耶爷]/;
const FOUNDER_PUNCT = /[，。、“”：；？！（）《》—…‘’]/;
const gb2312 = (() => {
  const dec = new TextDecoder('gbk');
  const set = new Set<string>();
  for (let lead = 0xa1; lead <= 0xf7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      const c = dec.decode(new Uint8Array([lead, trail]));
      if (c.length === 1 && c !== '\ufffd') set.add(c);
    }
  }
  return set;
})();
/** generate.py's _gb2312_ok: every non-ASCII character but — and · is in GB2312. */
const isGb2312 = (t: string) => [...t].every((c) => c.charCodeAt(0) < 0x80 || c === '—' || c === '·' || gb2312.has(c));

const pkgOf = (r: Row): string => {
  const m = /^(@?[^@:]+)@([^:]+):/.exec(r.path);
  if (m) return `${m[1]}@${m[2]}`;
  const s = sourceById(r.source);
  return `${s.pkg}@${s.version}`;
};
const pathOf = (r: Row): string => r.path.replace(/^@?[^@:]+@[^:]+:/, '');

/** Paragraphs of a source, long ones cut into sentence-aligned pieces of at most `max` characters. */
function pieces(source: string, pred: (r: Row) => boolean, min: number, max: number): Row[] {
  const out: Row[] = [];
  for (const r of rows.get(source) ?? []) {
    if (r.text.includes('\n') || !pred(r)) continue;
    const texts = charLength(r.text) <= max ? [r.text] : sentenceChunks(r.text, max);
    for (const t of texts) if (charLength(t) >= min) out.push({ ...r, text: t });
  }
  return out;
}

const zh = (lang: string) => (r: Row) => r.lang === lang && HAN_RE.test(r.text) && FOUNDER_PUNCT.test(r.text);
/** The script, or for a 'mixed' paragraph (Chinese with much Latin) its Han script. */
const script = (r: Row) => (r.lang === 'mixed' ? hanScript(r.text, /zh-tw|zh-hant/i.test(r.path) ? 'hant' : 'hans') : r.lang);
const zhOrMixed = (lang: string) => (r: Row) => script(r) === lang && zh(r.lang)(r);
const notLegit = (p: (r: Row) => boolean) => (r: Row) => p(r) && !LEGIT_CHARS.test(r.text);
const legit = (p: (r: Row) => boolean) => (r: Row) => p(r) && LEGIT_CHARS.test(r.text) && isGb2312(r.text);
const isProse = (r: Row) => /^[A-Z][a-z]/.test(r.text) && / [a-z]+ [a-z]+ /.test(r.text) && !/https?:|\|/.test(r.text);

/** [pool, [source, predicate, wanted, min, max][]] */
type Draw = [string, (r: Row) => boolean, number, number?, number?];
const SIMP: Array<[string, (r: Row) => boolean, number]> = [
  ['poet-bios-hans', zh('hans'), 1200],
  ['poetry-notes', zh('hans'), 400],
  ['vscode-zh', zhOrMixed('hans'), 500],
  ['ts-diagnostics-zh', zhOrMixed('hans'), 300],
  ['docs-cjk', zhOrMixed('hans'), 200],
  ['song-ci', zh('hans'), 150],
  ['song-poems-hans', zh('hans'), 100],
  ['yuan-qu', zh('hans'), 100],
  ['classics', zh('hans'), 100],
];
const PLAN: Record<string, Draw[]> = {
  hans: SIMP.map(([s, p, n]) => [s, notLegit(p), n]),
  legit: SIMP.map(([s, p, n]) => [s, legit(p), Math.ceil(n / 4)]),
  hant: [
    ['poet-bios', zh('hant'), 500],
    ['vscode-zh', zhOrMixed('hant'), 300],
    ['ts-diagnostics-zh', zhOrMixed('hant'), 250],
    ['tang-poems', zh('hant'), 150],
    ['classics', zh('hant'), 100],
    ['docs-cjk', zhOrMixed('hant'), 50],
  ],
  ja: [
    ['vscode-ja', (r) => r.lang === 'ja' && KANA_RE.test(r.text), 300],
    ['ts-diagnostics-ja', (r) => r.lang === 'ja', 200],
    ['docs-cjk', (r) => r.lang === 'ja', 100],
  ],
  latin: [['ts-diagnostics-eu', (r) => r.lang === 'latin' && /lib\/(de|fr|es|it|pt-br)\//.test(r.path) && /[\u00c0-\u00ff]/.test(r.text), 600]],
  en: [
    ['docs-en', (r) => r.lang === 'en' && isProse(r), 200, 30, 200],
    ['vscode-en', (r) => r.lang === 'en' && isProse(r), 400, 30, 200],
  ],
};

mkdirSync(CORPUS, { recursive: true });
const pools: Record<string, Record<string, number>> = {};
const write = (pool: string, items: Row[]) => {
  writeFileSync(
    join(CORPUS, `${pool}.jsonl`),
    items.map((r) => JSON.stringify({ text: r.text, pkg: pkgOf(r), path: pathOf(r), split: 'dev', source: r.source }) + '\n').join(''),
  );
  const by: Record<string, number> = {};
  for (const r of items) by[r.source] = (by[r.source] ?? 0) + 1;
  pools[pool] = by;
  console.log(`${pool.padEnd(6)} ${String(items.length).padStart(5)}  ${Object.entries(by).map(([s, n]) => `${s} ${n}`).join(', ')}`);
};

const taken = new Set<string>();
for (const [pool, draws] of Object.entries(PLAN)) {
  const items: Row[] = [];
  for (const [source, pred, n, min = 20, max = 300] of draws) {
    const got = sample(pieces(source, (r) => pred(r) && !taken.has(r.text), min, max), n).filter((r) => !taken.has(r.text));
    for (const r of got) taken.add(r.text);
    items.push(...got);
  }
  write(pool, items);
}

// code: fenced code blocks of the READMEs, and JavaScript source
const codeOk = (r: Row) => charLength(r.text) >= 20 && charLength(r.text) <= 300;
write('code', [...sample((rows.get('docs-code') ?? []).filter(codeOk), 150), ...sample((rows.get('js-code') ?? []).filter(codeOk), 250)]);

// url: bare URLs out of every document, and single-line paragraphs holding one
const URL_RE = /https?:\/\/[^\s)\]"'<>`，。）]+/g;
const urls = new Map<string, Row>();
const withUrl: Row[] = [];
for (const source of ['docs-en', 'docs-cjk', 'docs-code', 'vscode-zh', 'ts-diagnostics-zh']) {
  for (const r of rows.get(source) ?? []) {
    for (const m of r.text.matchAll(URL_RE)) {
      const u = m[0].replace(/[.,;:!?*]+$/, '');
      if (u.length >= 15 && u.length <= 250 && !urls.has(u)) urls.set(u, { ...r, text: u });
    }
    if (!r.text.includes('\n') && URL_RE.test(r.text) && HAN_RE.test(r.text) && charLength(r.text) <= 300) withUrl.push(r);
    URL_RE.lastIndex = 0;
  }
}
write('url', [...sample([...urls.values()], 150), ...sample(withUrl, 100)]);
writeFileSync(join(CORPUS, 'pools.json'), JSON.stringify(pools, null, 2) + '\n');

if (!values['corpus-only']) {
  const evalDir = sharedEvalDir();
  for (const seed of values.seeds!.split(',').map((s) => s.trim())) {
    const out = join(OUT, seed === '11' ? 'heldout.jsonl' : `heldout-s${seed}.jsonl`);
    console.log(`\ngenerate.py --seed ${seed} --per-kind ${values['per-kind']} -> ${out}`);
    execFileSync(
      'python3',
      [join(evalDir, 'generate.py'), '--corpus', CORPUS, '--split', 'dev', '--seed', seed, '--per-kind', values['per-kind']!, '--id-prefix', `h${seed}-`, '--out', out],
      { stdio: 'inherit' },
    );
  }
}
