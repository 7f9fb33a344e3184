/**
 * `npm run bench -- [--runs N]`: characters per second of the repair engine, no assertions. It runs bundled by
 * esbuild as the extension's build compiles the engine (tsx would wrap every inner function in a naming helper).
 *   clean, gate only        ~1 MB of the dev set's clean_simplified + clean_traditional inputs, each paragraph
 *                           through the cheap suspect-text gate (what rejects clean text on a page)
 *   clean, gate → repair    the same, as the extension does: the gate over the page first; only if a paragraph is
 *                           suspect, evidence for the page and a repair of every paragraph the gate lets through
 *   founder, gate → repair  the Founder-damaged seed article repeated to ~1 MB, the same way (line by line)
 *   founder, CLI document   the same text as one document, as `npm run repair` does it (chunks of lines)
 *   utf-8 as gbk, gate → repair  the clean text's UTF-8 bytes read as GBK (generated with the core's codecs), line by line
 *   dev set, each alone     every dev-set case repaired on its own (evidence from itself), nothing carried over
 *   charCodeAt loop         a loop summing charCodeAt over the clean text: the floor the gate is measured against
 * Each row: one warm-up run, then the best of N runs; a run repeats its work until it has lasted MIN_RUN_MS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { collectEvidence, repair } from '../src/core/index';
import { isSuspect } from '../src/core/gate';
import { repairDocument } from '../src/core/document/repair-chunks';
import { decode, reEncode } from '../src/core/codecs';
import { loadDevset, repairCase } from './lib/devset';
import { repoRoot } from './lib/repo-root';

/** The CLI's chunk size (src/cli/main.ts). */
const DOCUMENT_CHUNK_CHARS = 64 * 1024;

/** About a megabyte of text per workload: large enough to time, small enough to build quickly. */
const TARGET_CHARS = 1_000_000;
/** A run shorter than this is repeated, so fast rows (the gate) are not timer noise. */
const MIN_RUN_MS = 100;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs) || 5);

function repeatTo(paragraphs: readonly string[], chars: number): string[] {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    for (const p of paragraphs) {
      out.push(p);
      n += p.length;
    }
  }
  return out;
}

const charsOf = (texts: readonly string[]) => texts.reduce((n, t) => n + t.length, 0);

let sink = 0; // keeps the work observable, so nothing is optimised away

function gateOnly(paragraphs: readonly string[]): void {
  for (const p of paragraphs) sink += +isSuspect(p);
}

/**
 * As the content script does it: the gate over every paragraph first; only a page with a suspect
 * paragraph pays for page evidence and the decoder, and then only its suspect paragraphs are repaired.
 */
function extensionPath(paragraphs: readonly string[]): void {
  if (!paragraphs.some((p) => isSuspect(p))) return;
  const evidence = collectEvidence(paragraphs);
  for (const p of paragraphs) if (isSuspect(p, evidence)) sink += repair(p, evidence).steps.length;
}

/** Best characters per second over `runs` runs, after one warm-up run. */
function measure(chars: number, work: () => void): number {
  let best = 0;
  for (let r = 0; r <= runs; r++) {
    let reps = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      work();
      reps++;
      elapsed = performance.now() - start;
    } while (elapsed < MIN_RUN_MS);
    if (r > 0) best = Math.max(best, (chars * reps) / (elapsed / 1000));
  }
  return best;
}

const devset = loadDevset();
const clean = repeatTo(
  devset.filter((c) => c.kind === 'clean_simplified' || c.kind === 'clean_traditional').flatMap((c) => c.input.split('\n')),
  TARGET_CHARS,
);
const seedPath = join(repoRoot(import.meta.url), 'tests', 'fixtures', 'seed-founder.txt');
const founder = repeatTo(readFileSync(seedPath, 'utf8').split('\n'), TARGET_CHARS);
const founderDoc = founder.join('\n');
const devChars = charsOf(devset.map((c) => c.input));
/** UTF-8 read as GBK, line by line, as a forum page that stored the wrong way shows it. */
const utf8AsGbk = clean.map((p) => decode('gbk', reEncode('utf-8', p).bytes).text);

/** A local sum per paragraph, as tight as such a loop gets (adding into the module-level sink would slow it). */
function charCodeLoop(paragraphs: readonly string[]): void {
  for (const p of paragraphs) {
    let sum = 0;
    for (let i = 0; i < p.length; i++) sum += p.charCodeAt(i);
    sink += sum;
  }
}

const rows: Array<[string, number, () => void]> = [
  ['clean, gate only', charsOf(clean), () => gateOnly(clean)],
  ['clean, gate → repair', charsOf(clean), () => extensionPath(clean)],
  ['founder, gate → repair', charsOf(founder), () => extensionPath(founder)],
  ['founder, CLI document', founderDoc.length, () => (sink += repairDocument({ repair, collectEvidence }, founderDoc, { maxChars: DOCUMENT_CHUNK_CHARS }).steps.length)],
  ['utf-8 as gbk, gate → repair', charsOf(utf8AsGbk), () => extensionPath(utf8AsGbk)],
  ['dev set, each alone', devChars, () => devset.forEach((c) => (sink += repairCase(c).steps.length))],
  ['charCodeAt loop', charsOf(clean), () => charCodeLoop(clean)],
];

/** The performance issue's budgets for the engine (README, Performance). */
const DAMAGED_BUDGET = 5e6;
const GATE_RATIO_BUDGET = 4;

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : `${(n / 1e3).toFixed(0)} k`);
console.log(`| workload | chars | chars/s (best of ${runs}) |`);
console.log('|---|---:|---:|');
const speed = new Map<string, number>();
for (const [name, chars, work] of rows) {
  speed.set(name, measure(chars, work));
  console.log(`| ${name} | ${chars.toLocaleString('en')} | ${fmt(speed.get(name)!)} |`);
}
const ratio = speed.get('charCodeAt loop')! / speed.get('clean, gate only')!;
const budget = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
console.log(`\n| engine figure | now | budget | |\n|---|---:|---:|---|`);
for (const name of ['founder, gate → repair', 'utf-8 as gbk, gate → repair']) {
  console.log(`| ${name} | ${fmt(speed.get(name)!)} chars/s | ≥ ${fmt(DAMAGED_BUDGET)} | ${budget(speed.get(name)! >= DAMAGED_BUDGET)} |`);
}
console.log(`| gate ÷ charCodeAt loop (time) | ${ratio.toFixed(1)}× | ≤ ${GATE_RATIO_BUDGET}× | ${budget(ratio <= GATE_RATIO_BUDGET)} |`);
console.log(`\nNode ${process.version}; ${sink > 0 ? '' : 'no steps produced; '}one warm-up run, min ${MIN_RUN_MS} ms a run`);
