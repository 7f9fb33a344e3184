/**
 * The dev-set table, computed exactly as the official scorer (`../shared/eval/score.py`) does, so `npm run eval`
 * and the floor test agree with it. Pure: cases and predictions in, rows out.
 *
 *   EM%     output == expected
 *   CER     Σ edit distance(output, expected) / Σ max(1, len(expected))   (micro average, code points)
 *   CERin   the same for the untouched input (what doing nothing scores)
 *   FP%     clean_* kinds: output != input (any change to clean text is a false positive)
 *   chg%    corrupted kinds: output != input
 *   worse%  corrupted kinds: edit distance to expected grew compared with the input's
 *   EM-ll%  exact match on the lossless cases of the kind
 *   flag%   share of cases flagged
 * A case without a prediction counts as "returned the input unchanged", as in the scorer.
 */

export interface DevCase {
  id: string;
  kind: string;
  input: string;
  expected: string;
  lossy?: boolean;
  variant?: string;
}

export interface Prediction {
  id: string;
  text: string;
  flagged?: boolean;
}

export interface MetricsRow {
  n: number;
  'EM%': number | null;
  CER: number | null;
  CERin: number | null;
  'FP%': number | null;
  'chg%': number | null;
  'worse%': number | null;
  'EM-ll%': number | null;
  'n-lossy': number | null;
  'flag%': number | null;
}

export interface MetricsTable {
  /** Per kind (corrupted kinds first, then clean_*, each alphabetical), then ALL corrupted, ALL clean, ALL. */
  rows: Map<string, MetricsRow>;
  /** Mean EM% over the corrupted kinds. */
  macroEmCorrupted: number | null;
  missing: number;
  anyFlags: boolean;
}

export const isCleanKind = (kind: string): boolean => kind.startsWith('clean_');

/** Levenshtein distance over code points (as Python's str), with the common prefix and suffix stripped first. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let x = Array.from(a);
  let y = Array.from(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  x = x.slice(i, x.length - j);
  y = y.slice(i, y.length - j);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  if (x.length < y.length) [x, y] = [y, x];
  const m = y.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let k = 0; k <= m; k++) prev[k] = k;
  for (let r = 1; r <= x.length; r++) {
    cur[0] = r;
    const cx = x[r - 1];
    for (let k = 1; k <= m; k++) {
      const sub = prev[k - 1] + (cx === y[k - 1] ? 0 : 1);
      const del = prev[k] + 1;
      const ins = cur[k - 1] + 1;
      cur[k] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

class Acc {
  n = 0; em = 0; dist = 0; distIn = 0; chars = 0; changed = 0; worse = 0; flagged = 0;
  llN = 0; llEm = 0; lossyN = 0;

  add(c: DevCase, out: string, flagged: boolean): void {
    const d = editDistance(out, c.expected);
    const dIn = editDistance(c.input, c.expected);
    this.n++;
    this.em += +(out === c.expected);
    this.dist += d;
    this.distIn += dIn;
    this.chars += Math.max(1, Array.from(c.expected).length);
    this.changed += +(out !== c.input);
    this.worse += +(d > dIn);
    this.flagged += +flagged;
    if (c.lossy) this.lossyN++;
    else {
      this.llN++;
      this.llEm += +(out === c.expected);
    }
  }

  row(clean: boolean): MetricsRow {
    const pct = (a: number, b: number) => (b ? (100 * a) / b : null);
    return {
      n: this.n,
      'EM%': pct(this.em, this.n),
      CER: this.chars ? this.dist / this.chars : null,
      CERin: this.chars ? this.distIn / this.chars : null,
      'FP%': clean ? pct(this.changed, this.n) : null,
      'chg%': clean ? null : pct(this.changed, this.n),
      'worse%': clean ? null : pct(this.worse, this.n),
      'EM-ll%': clean ? null : pct(this.llEm, this.llN),
      'n-lossy': clean ? null : this.lossyN,
      'flag%': pct(this.flagged, this.n),
    };
  }
}

export function computeMetrics(cases: readonly DevCase[], predictions: Iterable<Prediction>): MetricsTable {
  const preds = new Map<string, Prediction>();
  for (const p of predictions) preds.set(p.id, p);
  const kinds = [...new Set(cases.map((c) => c.kind))].sort(
    (a, b) => +isCleanKind(a) - +isCleanKind(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const perKind = new Map(kinds.map((k) => [k, new Acc()]));
  const corrupt = new Acc();
  const clean = new Acc();
  const every = new Acc();
  let missing = 0;
  for (const c of cases) {
    const p = preds.get(c.id);
    if (!p) missing++;
    const out = p ? p.text : c.input;
    const flagged = Boolean(p?.flagged);
    perKind.get(c.kind)!.add(c, out, flagged);
    (isCleanKind(c.kind) ? clean : corrupt).add(c, out, flagged);
    every.add(c, out, flagged);
  }
  const rows = new Map<string, MetricsRow>();
  for (const k of kinds) rows.set(k, perKind.get(k)!.row(isCleanKind(k)));
  rows.set('ALL corrupted', corrupt.row(false));
  rows.set('ALL clean', clean.row(true));
  rows.set('ALL', { ...every.row(false), 'FP%': clean.row(true)['FP%'] });
  const corruptKinds = kinds.filter((k) => !isCleanKind(k));
  const macroEmCorrupted = corruptKinds.length
    ? corruptKinds.reduce((s, k) => s + (rows.get(k)!['EM%'] ?? 0), 0) / corruptKinds.length
    : null;
  return { rows, macroEmCorrupted, missing, anyFlags: [...preds.values()].some((p) => p.flagged) };
}

const COLUMNS: readonly (keyof MetricsRow)[] = ['n', 'EM%', 'CERin', 'CER', 'FP%', 'chg%', 'worse%', 'EM-ll%', 'n-lossy'];

function fmt(v: number | null, key: keyof MetricsRow): string {
  if (v === null) return '-';
  if (key === 'n' || key === 'n-lossy') return String(v);
  return key.startsWith('CER') ? v.toFixed(3) : v.toFixed(1);
}

/** The table as Markdown (score.py's layout, with CERin next to CER: before → after). */
export function formatMetrics(table: MetricsTable): string {
  const cols = table.anyFlags ? [...COLUMNS, 'flag%' as const] : COLUMNS;
  const lines = [`| kind | ${cols.join(' | ')} |`, `|---|${'---:|'.repeat(cols.length)}`];
  for (const [kind, row] of table.rows) lines.push(`| ${kind} | ${cols.map((c) => fmt(row[c], c)).join(' | ')} |`);
  lines.push(
    '',
    `macro EM% over corrupted kinds: ${fmt(table.macroEmCorrupted, 'EM%')}; missing (scored as unchanged): ${table.missing}`,
  );
  return lines.join('\n');
}
