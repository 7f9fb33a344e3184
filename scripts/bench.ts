/**
 * `npm run bench -- [--runs N]`: characters per second of the repair engine, no assertions.
 *   clean, gate only        ~1 MB of the dev set's clean_simplified + clean_traditional inputs, each paragraph
 *                           through the cheap suspect-text gate (what rejects clean text on a page)
 *   clean, gate → repair    the same, as the extension does: the gate over the page first; only if a paragraph is
 *                           suspect, evidence for the page and a repair of every paragraph the gate lets through
 *   founder, gate → repair  the Founder-damaged seed article repeated to ~1 MB, the same way (line by line)
 *   founder, CLI document   the same text as one document, as `npm run repair` does it (chunks of lines)
 *   dev set, each alone     every dev-set case repaired on its own (evidence from itself), nothing carried over
 * Each row: one warm-up run, then the best of N runs; a run repeats its work until it has lasted MIN_RUN_MS.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { collectEvidence, repair } from '../src/core/index';
import { isSuspect } from '../src/core/gate';
import { repairDocument } from '../src/core/document/repair-chunks';
import { loadDevset, repairCase } from './lib/devset';

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
const seedPath = fileURLToPath(new URL('../tests/fixtures/seed-founder.txt', import.meta.url));
const founder = repeatTo(readFileSync(seedPath, 'utf8').split('\n'), TARGET_CHARS);
const founderDoc = founder.join('\n');
const devChars = charsOf(devset.map((c) => c.input));

const rows: Array<[string, number, () => void]> = [
  ['clean, gate only', charsOf(clean), () => gateOnly(clean)],
  ['clean, gate → repair', charsOf(clean), () => extensionPath(clean)],
  ['founder, gate → repair', charsOf(founder), () => extensionPath(founder)],
  ['founder, CLI document', founderDoc.length, () => (sink += repairDocument({ repair, collectEvidence }, founderDoc, { maxChars: DOCUMENT_CHUNK_CHARS }).steps.length)],
  ['dev set, each alone', devChars, () => devset.forEach((c) => (sink += repairCase(c).steps.length))],
];

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : `${(n / 1e3).toFixed(0)} k`);
console.log(`| workload | chars | chars/s (best of ${runs}) |`);
console.log('|---|---:|---:|');
for (const [name, chars, work] of rows) console.log(`| ${name} | ${chars.toLocaleString('en')} | ${fmt(measure(chars, work))} |`);
console.log(`\nNode ${process.version}; ${sink > 0 ? '' : 'no steps produced; '}one warm-up run, min ${MIN_RUN_MS} ms a run`);
