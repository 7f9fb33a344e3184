/**
 * Floors on the dev set (tests/fixtures/devset.jsonl, each case repaired on its own as `npm run eval` does),
 * computed with the same metrics module as the table. Raise the floors as the engine improves; never lower
 * them to make a change pass. The goal in issue 2: at most one miss in each founder kind (36 cases each:
 * 97.2 %), no change at all to any clean_* case.
 */
import { describe, expect, it } from 'vitest';
import { loadDevset, repairCase } from '../../scripts/lib/devset';
import { computeMetrics, isCleanKind, type Prediction } from '../../scripts/lib/devset-metrics';

/** Minimum exact-match rate (%) on `founder` cases. */
export const FOUNDER_EM_FLOOR = 97;
/** Minimum exact-match rate (%) on `founder_partial` pages. */
export const FOUNDER_PARTIAL_EM_FLOOR = 97;
/** Maximum share (%) of clean_* cases the engine may change, per clean kind. */
export const CLEAN_MAX_CHANGED = 0;
/** Minimum exact-match rate (%) on the lossless cases of each encoding kind and `mixed` (issue 3: at most one miss). */
export const LOSSLESS_EM_FLOOR = 97;
/** Minimum share (%) of lossy cases flagged (issue 3: ≥ 95 %). */
export const LOSSY_FLAGGED_FLOOR = 95;
/** Maximum share (%) of corrupted cases whose output is farther from the truth than the input. */
export const WORSE_MAX = 0;

const cases = loadDevset();
const outputs = new Map(cases.map((c) => [c.id, repairCase(c)]));
const predictions: Prediction[] = cases.map((c) => ({ id: c.id, text: outputs.get(c.id)!.text, flagged: outputs.get(c.id)!.flagged }));
const table = computeMetrics(cases, predictions);

/** Ids of the cases of a kind that `bad` picks, for a failure message a reader can act on. */
const idsOf = (kind: string, bad: (input: string, expected: string, out: string) => boolean) =>
  cases.filter((c) => c.kind === kind && bad(c.input, c.expected, outputs.get(c.id)!.text)).map((c) => c.id);

describe('dev-set floors', () => {
  it(`founder EM ≥ ${FOUNDER_EM_FLOOR}%`, () => {
    const missed = idsOf('founder', (_, exp, out) => out !== exp);
    expect(table.rows.get('founder')!['EM%'], `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(FOUNDER_EM_FLOOR);
  });

  it(`founder_partial EM ≥ ${FOUNDER_PARTIAL_EM_FLOOR}%`, () => {
    const missed = idsOf('founder_partial', (_, exp, out) => out !== exp);
    expect(table.rows.get('founder_partial')!['EM%'], `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(
      FOUNDER_PARTIAL_EM_FLOOR,
    );
  });

  const cleanKinds = [...new Set(cases.map((c) => c.kind))].filter(isCleanKind);
  it.each(cleanKinds)(`%s: at most ${CLEAN_MAX_CHANGED}% changed`, (kind) => {
    const changed = idsOf(kind, (inp, _, out) => out !== inp);
    expect(table.rows.get(kind)!['FP%'], `changed: ${changed.join(', ')}`).toBeLessThanOrEqual(CLEAN_MAX_CHANGED);
  });

  const encodingKinds = [...new Set(cases.map((c) => c.kind))].filter((k) => !isCleanKind(k) && !k.startsWith('founder'));
  // Kinds whose every case lost bytes (gbk_as_utf8, utf8_as_big5, utf8_as_shift_jis) have no lossless case to be exact on.
  const withLossless = encodingKinds.filter((k) => cases.some((c) => c.kind === k && !c.lossy));
  it.each(withLossless)(`%s: lossless cases ≥ ${LOSSLESS_EM_FLOOR}% exact`, (kind) => {
    const lossless = cases.filter((c) => c.kind === kind && !c.lossy);
    const missed = lossless.filter((c) => outputs.get(c.id)!.text !== c.expected).map((c) => c.id);
    expect(100 - (100 * missed.length) / lossless.length, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(LOSSLESS_EM_FLOOR);
  });

  it.each(encodingKinds)(`%s: no case made worse`, (kind) => {
    expect(table.rows.get(kind)!['worse%'] ?? 0).toBeLessThanOrEqual(WORSE_MAX);
  });

  it(`lossy cases flagged ≥ ${LOSSY_FLAGGED_FLOOR}%; no clean or exactly repaired case flagged`, () => {
    const lossy = cases.filter((c) => c.lossy);
    const flagged = lossy.filter((c) => outputs.get(c.id)!.flagged).length;
    expect((100 * flagged) / lossy.length).toBeGreaterThanOrEqual(LOSSY_FLAGGED_FLOOR);
    const wrongly = cases
      .filter((c) => !c.lossy && (isCleanKind(c.kind) || outputs.get(c.id)!.text === c.expected) && outputs.get(c.id)!.flagged)
      .map((c) => c.id);
    expect(wrongly, 'flagged although clean or fully repaired').toEqual([]);
  });

  it('lossy cases: the engine recovers characters (CER falls)', () => {
    const lossyKinds = ['utf8_as_big5', 'utf8_as_shift_jis', 'gbk_as_utf8', 'double_utf8_gbk'];
    for (const kind of lossyKinds) {
      const row = table.rows.get(kind)!;
      expect(row.CER!, kind).toBeLessThan(row.CERin!);
    }
  });
});

