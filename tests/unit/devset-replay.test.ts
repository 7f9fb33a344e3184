/**
 * Every dev-set result is explained by its steps: replaying them on the input gives the output, each step's
 * `original` is the input span it names, and steps come in order without overlapping. Holds for the stub as
 * for the real engine; a failure here is a contract bug, whatever the scores.
 */
import { describe, expect, it } from 'vitest';
import { applySteps, REPAIR_KINDS } from '../../src/core/index';
import { loadDevset, repairCase } from '../../scripts/lib/devset';

const cases = loadDevset();
const kinds = [...new Set(cases.map((c) => c.kind))];

describe('dev set: steps replay to the output', () => {
  it.each(kinds)('%s', (kind) => {
    for (const c of cases.filter((x) => x.kind === kind)) {
      const r = repairCase(c);
      const where = `case ${c.id}`;
      let at = 0;
      for (const s of r.steps) {
        expect(s.start, `${where}: steps in order, not overlapping`).toBeGreaterThanOrEqual(at);
        expect(s.end, `${where}: step end`).toBeGreaterThanOrEqual(s.start);
        expect(s.end, `${where}: step inside the input`).toBeLessThanOrEqual(c.input.length);
        expect(s.original, `${where}: original is the input span`).toBe(c.input.slice(s.start, s.end));
        expect(REPAIR_KINDS, `${where}: kind`).toContain(s.kind);
        expect(s.confidence, `${where}: confidence`).toBeGreaterThanOrEqual(0);
        expect(s.confidence, `${where}: confidence`).toBeLessThanOrEqual(1);
        at = s.end;
      }
      expect(applySteps(c.input, r.steps), `${where}: replay`).toBe(r.text);
    }
  });
});
