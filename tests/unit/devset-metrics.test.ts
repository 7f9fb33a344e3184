/** The metrics module mirrors ../shared/eval/score.py; these pin its definitions on hand-made cases. */
import { describe, expect, it } from 'vitest';
import { computeMetrics, editDistance, formatMetrics, type DevCase } from '../../scripts/lib/devset-metrics';
import { kindFilter } from '../../scripts/lib/devset';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['关于袁参见遥', '关于，参见。', 2],
    ['😀a', 'a', 1], // code points, as Python counts, not UTF-16 units
    ['x😀y', 'x😁y', 1],
    ['flaw', 'lawn', 2],
  ])('%j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('computeMetrics', () => {
  const cases: DevCase[] = [
    { id: 'f1', kind: 'founder', input: '你好袁世界遥', expected: '你好，世界。' },
    { id: 'f2', kind: 'founder', input: '甲袁乙', expected: '甲，乙' },
    { id: 'f3', kind: 'founder', input: '丙袁丁', expected: '丙，丁', lossy: true },
    { id: 'c1', kind: 'clean_legit', input: '袁世凯', expected: '袁世凯' },
    { id: 'c2', kind: 'clean_legit', input: '医院', expected: '医院' },
  ];
  const table = computeMetrics(cases, [
    { id: 'f1', text: '你好，世界。', flagged: false }, // exact
    { id: 'f2', text: '甲，，乙', flagged: true }, // distance 1, as far as the input: not worse
    { id: 'f3', text: '丙袁袁丁' }, // distance 2 > 1: worse
    { id: 'c1', text: '，世凯' }, // a false positive
    // c2 missing: scored as unchanged
  ]);

  it('computes EM, CER (micro, in code points), changed, worse and flags per kind', () => {
    const f = table.rows.get('founder')!;
    expect(f.n).toBe(3);
    expect(f['EM%']).toBeCloseTo(100 / 3);
    expect(f.CER).toBeCloseTo((0 + 1 + 2) / (6 + 3 + 3));
    expect(f.CERin).toBeCloseTo((2 + 1 + 1) / 12);
    expect(f['chg%']).toBeCloseTo(100);
    expect(f['worse%']).toBeCloseTo(100 / 3);
    expect(f['EM-ll%']).toBeCloseTo(50);
    expect(f['n-lossy']).toBe(1);
    expect(f['flag%']).toBeCloseTo(100 / 3);
    expect(f['FP%']).toBeNull();
  });

  it('counts any change to a clean case as a false positive, and a missing prediction as no change', () => {
    const c = table.rows.get('clean_legit')!;
    expect(c['FP%']).toBe(50);
    expect(c['EM%']).toBe(50);
    expect(c['worse%']).toBeNull();
    expect(table.missing).toBe(1);
  });

  it('orders corrupted kinds, then clean kinds, then the totals, as score.py does', () => {
    expect([...table.rows.keys()]).toEqual(['founder', 'clean_legit', 'ALL corrupted', 'ALL clean', 'ALL']);
    expect(table.rows.get('ALL')!['FP%']).toBe(50);
    expect(table.macroEmCorrupted).toBeCloseTo(100 / 3);
    expect(formatMetrics(table)).toContain('| founder | 3 | 33.3 |');
  });
});

describe('kindFilter', () => {
  it('matches comma-separated names with * wildcards', () => {
    const f = kindFilter('founder,clean_*');
    expect(['founder', 'founder_partial', 'clean_url', 'mixed'].filter(f)).toEqual(['founder', 'clean_url']);
    expect(kindFilter(undefined)('anything')).toBe(true);
  });
});
