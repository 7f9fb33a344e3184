/**
 * Property 6, as a figure: time of one standalone repair of a ~1 KB, ~100 KB and ~1 MB input made of one
 * generator's samples, joined by line breaks (a document) or by spaces (one long line). Never asserted.
 */
import fc from 'fast-check';
import { collectEvidence, repair } from '../../src/core/index';
import { GENERATORS, type GeneratorName } from './targets';

export const SIZES = [1_000, 100_000, 1_000_000] as const;

export interface TimingRow {
  generator: GeneratorName;
  join: 'lines' | 'one line';
  /** ms per repair at each size (UTF-16 units), or null when skipped. */
  ms: (number | null)[];
  chars: number[];
}

/** Samples of `generator` joined to at least `chars` UTF-16 units. */
export function inputOf(generator: GeneratorName, chars: number, seed: number, join: string): string {
  const parts: string[] = [];
  let n = 0;
  let round = 0;
  while (n < chars) {
    for (const s of fc.sample(GENERATORS[generator], { seed: seed + round++, numRuns: 200 })) {
      parts.push(s);
      n += s.length + 1;
      if (n >= chars) break;
    }
  }
  return parts.join(join);
}

function time(text: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    repair(text, collectEvidence(text.split('\n')));
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** A 1 MB input is timed only when 100 KB took less than this (else it would take minutes; the row says so). */
const MAX_MS_BEFORE_1MB = 15_000;

export function timingTable(seed: number, generators: readonly GeneratorName[] = Object.keys(GENERATORS) as GeneratorName[]): TimingRow[] {
  const rows: TimingRow[] = [];
  for (const generator of generators) {
    for (const join of ['lines', 'one line'] as const) {
      const row: TimingRow = { generator, join, ms: [], chars: [] };
      for (const size of SIZES) {
        const text = inputOf(generator, size, seed, join === 'lines' ? '\n' : ' ');
        row.chars.push(text.length);
        const previous = row.ms[row.ms.length - 1];
        if (size === 1_000_000 && (previous === null || (previous ?? 0) > MAX_MS_BEFORE_1MB)) {
          row.ms.push(null);
          continue;
        }
        time(text.slice(0, 2000), 1); // warm-up
        row.ms.push(time(text, size >= 1_000_000 ? 1 : size >= 100_000 ? 2 : 5));
      }
      rows.push(row);
    }
  }
  return rows;
}

export function formatTiming(rows: readonly TimingRow[]): string {
  const head = '| generator | joined by | 1 KB: ms | 100 KB: ms | 1 MB: ms | ms per KB at 1 KB / 100 KB / 1 MB |';
  const lines = [head, '|---|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const perKb = r.ms.map((m, i) => (m === null ? '—' : ((m * 1000) / r.chars[i]).toFixed(3))).join(' / ');
    const cell = (m: number | null) => (m === null ? 'skipped' : m < 10 ? m.toFixed(2) : m.toFixed(0));
    lines.push(`| ${r.generator} | ${r.join} | ${cell(r.ms[0])} | ${cell(r.ms[1])} | ${cell(r.ms[2])} | ${perKb} |`);
  }
  return lines.join('\n');
}
