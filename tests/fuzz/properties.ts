/**
 * The engine's invariants, as checks of one case. A case is plain JSON (`FuzzCase`), so a counterexample
 * is stored, replayed and shrunk the same way whichever generator produced it.
 *
 *   no-throw         repair never throws (checked inside every other property too)
 *   well-formed      steps sorted, non-overlapping, in range, `original === input.slice(start, end)`,
 *                    `applySteps(input, steps) === text`, plus the rest of the Step/RepairResult contract
 *                    (types.ts): `flagged` ⇔ some step lossy, confidence in [0, 1], a non-lossy step changes
 *                    its span, no step boundary inside a surrogate pair
 *   idempotent       repair(repair(x).text).text === repair(x).text: standalone (each call's evidence from its
 *                    own text), or with one fixed evidence argument passed to both calls
 *   clean-unchanged  clean text comes out as it went in: a paragraph alone, a page of them as one text, and each
 *                    paragraph of a page repaired with the page's evidence (as the extension does)
 *   lost-neighbour   a clean paragraph with one U+FFFD inserted (or one character replaced by U+FFFD): every
 *                    other character survives, i.e. the output is `before + R + after` for some R, where the
 *                    input is `before + U+FFFD + after`. Only the U+FFFD's own span may change.
 *   no-collateral    the same for a clean paragraph with one span damaged (any mix-up, Founder shift, a byte
 *                    lost): the output is `input[0, start) + R + input[end)` — nothing outside the damaged span
 *                    [start, end) changes. (Not in the brief's list; it generalises lost-neighbour to all damage.)
 */
import { readFileSync } from 'node:fs';
import { applySteps, collectEvidence, repair, REPAIR_KINDS, type Evidence, type RepairResult, type Step } from '../../src/core/index';
import { CLEAN_PARAGRAPHS } from './corpus';

export const PROPERTIES = ['no-throw', 'well-formed', 'idempotent', 'clean-unchanged', 'lost-neighbour', 'no-collateral'] as const;
export type PropertyName = (typeof PROPERTIES)[number];

/**
 * Which evidence the repair calls get.
 *   standalone    each call's evidence from its own text: repair(t, collectEvidence(t.split('\n')))
 *   none          no evidence argument: repair(t)
 *   own           idempotent only: the first input's evidence, passed unchanged to both calls
 *   clean-page    a fixed page of every clean paragraph of the corpus
 *   founder-page  a fixed Founder-damaged page (tests/fixtures/seed-founder.txt)
 *   page          clean-unchanged only: every line of the input repaired alone with the whole input's evidence
 */
export type EvidenceMode = 'standalone' | 'none' | 'own' | 'clean-page' | 'founder-page' | 'page';

export interface FuzzCase {
  property: PropertyName;
  input: string;
  /** Default `standalone`. */
  evidence?: EvidenceMode;
  /** lost-neighbour and no-collateral: the span [start, end) of `input` that may change; all else must survive. */
  span?: [number, number];
  /** lost-neighbour only: the character the U+FFFD at `input[span[0]]` stands for ('' when it was inserted). */
  lost?: string;
}

export interface Failure {
  property: PropertyName;
  /** Which part of the property broke, and how: the class a shrink must preserve. */
  signature: string;
  detail: string;
}

export const evidenceOf = (t: string): Evidence => collectEvidence(t.split('\n'));

const FIXED: Record<'clean-page' | 'founder-page', () => Evidence> = {
  'clean-page': (() => {
    let e: Evidence | undefined;
    return () => (e ??= collectEvidence(CLEAN_PARAGRAPHS.map((c) => c.text)));
  })(),
  'founder-page': (() => {
    let e: Evidence | undefined;
    return () => (e ??= evidenceOf(readFileSync(new URL('../fixtures/seed-founder.txt', import.meta.url), 'utf8')));
  })(),
};

/** The evidence argument of a call on `text`, in a case whose first input is `first`. */
function evidenceFor(mode: EvidenceMode, text: string, first: string): Evidence | undefined {
  switch (mode) {
    case 'standalone':
      return evidenceOf(text);
    case 'none':
      return undefined;
    case 'own':
    case 'page':
      return evidenceOf(first);
    default:
      return FIXED[mode]();
  }
}

/** The evidence argument the case's mode gives a call on `text` (`text` is the case's input, or a repair of it). */
export function evidenceModeArgument(c: FuzzCase, text: string): Evidence | undefined {
  return evidenceFor(c.evidence ?? 'standalone', text, c.input);
}

class Thrown extends Error {}

/** What is checked: the engine's `repair`, or (in the harness's own self-test) a deliberately broken one. */
export type Engine = (text: string, evidence?: Evidence) => RepairResult;
let engine: Engine = repair;

function run(text: string, evidence: Evidence | undefined): RepairResult {
  try {
    return engine(text, evidence);
  } catch (err) {
    const e = err as Error;
    throw new Thrown(`${e?.name ?? 'throw'}: ${String(e?.message ?? e).slice(0, 80)}`);
  }
}

/** One step, as a failure class names it: `encoding:utf-8<gbk`, `founder`, `lossy`. */
export function stepClass(s: Step): string {
  return s.kind === 'encoding' ? `encoding:${s.codecs.join('<')}${s.lossy ? '~lossy' : ''}` : s.kind;
}

const esc = (s: string) => JSON.stringify(s).replace(/[\u0080-\u009f\u00ad\ud800-\udfff\ue000-\uf8ff\ufffd\u200b-\u200f\u2028-\u202e\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const showStep = (s: Step) => `${stepClass(s)} ${s.start}-${s.end} ${esc(s.original)} → ${esc(s.replacement)}`;

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function insidePair(t: string, at: number): boolean {
  return at > 0 && at < t.length && isHigh(t.charCodeAt(at - 1)) && isLow(t.charCodeAt(at));
}

/** The first contract violation of a result, or null. */
export function malformed(input: string, r: RepairResult): { check: string; step?: Step } | null {
  let at = 0;
  for (const s of r.steps) {
    if (!REPAIR_KINDS.includes(s.kind)) return { check: 'kind', step: s };
    if (s.start < 0 || s.end < s.start || s.end > input.length) return { check: 'range', step: s };
    if (s.start < at) return { check: 'order', step: s };
    if (input.slice(s.start, s.end) !== s.original) return { check: 'original', step: s };
    if (!(s.confidence >= 0 && s.confidence <= 1)) return { check: 'confidence', step: s };
    if (!s.lossy && s.replacement === s.original) return { check: 'no-op', step: s };
    if (insidePair(input, s.start) || insidePair(input, s.end)) return { check: 'splits-pair', step: s };
    at = s.end;
  }
  let replayed: string;
  try {
    replayed = applySteps(input, r.steps);
  } catch {
    return { check: 'replay-throws' };
  }
  if (replayed !== r.text) return { check: 'replay' };
  if (r.flagged !== r.steps.some((s) => s.lossy)) return { check: 'flagged' };
  return null;
}

/** The steps of `r` that change anything (a flag-only lossy step changes nothing). */
const changing = (r: RepairResult) => r.steps.filter((s) => s.replacement !== s.original);

/** Checks one case; null when it holds. A throw anywhere is a `no-throw` failure. */
export function check(c: FuzzCase, with_: Engine = repair): Failure | null {
  const saved = engine;
  engine = with_;
  try {
    return checkInner(c);
  } catch (err) {
    if (err instanceof Thrown) return { property: 'no-throw', signature: `no-throw/${err.message.split(':')[0]}`, detail: err.message };
    throw err;
  } finally {
    engine = saved;
  }
}

function checkInner(c: FuzzCase): Failure | null {
  const mode = c.evidence ?? 'standalone';
  const x = c.input;
  switch (c.property) {
    case 'no-throw':
      run(x, evidenceFor(mode, x, x));
      return null;
    case 'well-formed': {
      const r = run(x, evidenceFor(mode, x, x));
      const bad = malformed(x, r);
      if (!bad) return null;
      return {
        property: 'well-formed',
        signature: `well-formed/${bad.check}${bad.step ? '/' + stepClass(bad.step) : ''}`,
        detail: bad.step ? showStep(bad.step) : `${esc(r.text)} from ${r.steps.length} steps`,
      };
    }
    case 'idempotent': {
      const r1 = run(x, evidenceFor(mode, x, x));
      const y = r1.text;
      const r2 = run(y, evidenceFor(mode, y, x));
      if (r2.text === y) return null;
      const first = changing(r1).map(stepClass);
      const again = changing(r2)[0];
      return {
        property: 'idempotent',
        signature: `idempotent/${mode}/${again ? stepClass(again) : 'text'} after ${first.length ? [...new Set(first)].sort().join('+') : 'nothing'}`,
        detail: `first: ${changing(r1).map(showStep).join('; ') || 'no change'} | again: ${changing(r2).map(showStep).join('; ')}`,
      };
    }
    case 'clean-unchanged': {
      if (mode === 'page') {
        const ev = evidenceOf(x);
        const lines = x.split('\n');
        for (let i = 0; i < lines.length; i++) {
          const r = run(lines[i], ev);
          if (r.text !== lines[i]) return cleanFailure('page', r, `line ${i}: `);
        }
        return null;
      }
      const r = run(x, evidenceFor(mode, x, x));
      return r.text === x ? null : cleanFailure(mode, r, '');
    }
    case 'lost-neighbour':
    case 'no-collateral': {
      const [start, end] = c.span ?? [x.indexOf('\ufffd'), x.indexOf('\ufffd') + 1];
      const before = x.slice(0, start);
      const after = x.slice(end);
      const r = run(x, evidenceFor(mode, x, x));
      const y = r.text;
      if (y.length >= before.length + after.length && y.startsWith(before) && y.endsWith(after)) return null;
      // The first step reaching outside the span names the class: does it also cover the span, and on which side.
      const culprit = changing(r).find((s) => s.start < start || s.end > end);
      const side = culprit ? (culprit.start < start && culprit.end > end ? 'both' : culprit.start < start ? 'before' : 'after') : 'text';
      const where = culprit && culprit.start < end && culprit.end > start ? 'overlapping' : 'elsewhere';
      const how = c.property === 'lost-neighbour' ? (c.lost ? '/replaced' : '/inserted') : '';
      return {
        property: c.property,
        signature: `${c.property}/${mode}/${culprit ? stepClass(culprit) : 'text'}/${where}/${side}${how}`,
        detail: changing(r).map(showStep).join('; '),
      };
    }
  }
}

function cleanFailure(mode: string, r: RepairResult, prefix: string): Failure {
  const s = changing(r)[0];
  return {
    property: 'clean-unchanged',
    signature: `clean-unchanged/${mode}/${s ? stepClass(s) : 'text'}`,
    detail: prefix + changing(r).map(showStep).join('; '),
  };
}

export { esc as escapeForReport };
