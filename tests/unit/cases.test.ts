/**
 * JSON case files (tests/cases/, format in tests/cases/README.md):
 *   positive*.json        the repair gives `expected`, and its steps replay to it; `flagged`, when given, is
 *                         what the engine must say about lossy damage left in the text
 *   negative*.json        the text comes out unchanged, with no steps
 *   known-failures*.json  not repaired yet: these tests pass while the output is still wrong, and fail the
 *                         day a change fixes one (move it to a positive file then)
 * Each case is repaired alone, its evidence from its own paragraphs, as `--jsonl` and the dev-set eval do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applySteps, repair, type Hints } from '../../src/core/index';

interface Case {
  name: string;
  input: string;
  expected: string;
  hints?: Hints;
  flagged?: boolean;
  note?: string;
}

/** Alone, its evidence from its own paragraphs: as `--jsonl` and the dev-set eval repair a case. */
const repairStandalone = (input: string, hints?: Hints) => repair(input, undefined, hints);

const DIR = new URL('../cases/', import.meta.url);

function load(prefix: string): Array<[string, Case[]]> {
  return readdirSync(DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort()
    .map((f) => {
      const cases = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Case[];
      for (const c of cases) {
        if (typeof c.name !== 'string' || typeof c.input !== 'string' || typeof c.expected !== 'string') {
          throw new Error(`${f}: every case needs string "name", "input" and "expected": ${JSON.stringify(c)}`);
        }
      }
      return [f, cases];
    });
}

describe.each(load('positive'))('%s', (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = repairStandalone(c.input, c.hints);
    expect(r.text).toBe(c.expected);
    expect(applySteps(c.input, r.steps)).toBe(r.text);
    if (c.flagged !== undefined) expect(r.flagged, 'flagged').toBe(c.flagged);
  });
});

describe.each(load('negative'))('%s', (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(c.expected, 'a negative case expects its input back').toBe(c.input);
    const r = repairStandalone(c.input, c.hints);
    expect(r.text).toBe(c.input);
    expect(r.steps).toEqual([]);
  });
});

describe.each(load('known-failures'))('%s', (_, cases) => {
  for (const c of cases) {
    it.fails(`${c.name} (still fails: move it to a positive file when this test turns red)`, () => {
      expect(repairStandalone(c.input, c.hints).text).toBe(c.expected);
    });
  }
});
