/**
 * Running a campaign: every case of a target is generated from the seed (fast-check), checked, and each
 * failure classified; failures are kept with their index so `fc` can replay them, and shrunk on request.
 */
import fc from 'fast-check';
import { classify, type FailureClass } from './classes';
import { check, type Failure, type FuzzCase, type PropertyName } from './properties';
import type { Target } from './targets';

export interface FoundFailure {
  index: number;
  case: FuzzCase;
  failure: Failure;
  class: FailureClass;
}

export interface TargetRun {
  property: PropertyName;
  generator: string;
  seed: number;
  cases: number;
  failures: FoundFailure[];
  ms: number;
}

/** A per-target seed, so targets of one property do not all see the same inputs. */
export function deriveSeed(seed: number, name: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x9e3779b1) >>> 0;
  return h | 0;
}

export const targetName = (t: Target, i: number) => `${t.property}/${t.generator}/${i}`;

/** Runs `cases` cases of one target; never stops at a failure. */
export function runTarget(t: Target, i: number, seed: number, cases: number, keep = Infinity): TargetRun {
  const s = deriveSeed(seed, targetName(t, i));
  const failures: FoundFailure[] = [];
  let index = 0;
  const t0 = performance.now();
  const result = fc.check(
    fc.property(t.arb, (c) => {
      const failure = check(c);
      if (failure && failures.length < keep) failures.push({ index, case: c, failure, class: classify(c, failure) });
      index++;
      return true;
    }),
    { seed: s, numRuns: cases },
  );
  if (result.failed) throw new Error(`${targetName(t, i)}: the harness itself threw: ${String(result.errorInstance)}`);
  return { property: t.property, generator: t.generator, seed: s, cases: index, failures, ms: performance.now() - t0 };
}

/**
 * Shrinks a failing case by deleting code points (delta debugging: halves, quarters, … single ones) while the
 * case still fails with the same signature and class. The span a property protects (the U+FFFD, the damaged
 * span) is never cut into: deletions stay outside it and the span's offsets follow.
 */
export function shrink(c: FuzzCase, f: Failure, budget = 3000): FuzzCase {
  const klass = classify(c, f).id;
  const same = (x: FuzzCase) => {
    const g = check(x);
    return g !== null && g.signature === f.signature && classify(x, g).id === klass;
  };
  let pieces = Array.from(c.input);
  // The span, as code points: `pre` of them before it, `len` inside it.
  let pre = 0;
  let len = 0;
  if (c.span) {
    let o = 0;
    for (const p of pieces) {
      if (o < c.span[0]) pre++;
      else if (o < c.span[1]) len++;
      o += p.length;
    }
  }
  const build = (ps: string[], pre: number): FuzzCase => {
    const x: FuzzCase = { ...c, input: ps.join('') };
    if (c.span) {
      const start = ps.slice(0, pre).join('').length;
      x.span = [start, start + ps.slice(pre, pre + len).join('').length];
    }
    return x;
  };
  let best = c;
  let tries = 0;
  for (let size = Math.max(1, pieces.length >> 1); size >= 1 && tries < budget; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
    let changed = true;
    while (changed && tries < budget) {
      changed = false;
      for (let at = 0; at < pieces.length && tries < budget; ) {
        let end = Math.min(pieces.length, at + size);
        if (c.span && at < pre + len && end > pre) {
          // Never into the span: cut up to it, or skip past it.
          if (at < pre) end = pre;
          else {
            at = pre + len;
            continue;
          }
        }
        const ps = [...pieces.slice(0, at), ...pieces.slice(end)];
        const nextPre = at < pre ? pre - (end - at) : pre;
        const x = build(ps, nextPre);
        tries++;
        if (same(x)) {
          pieces = ps;
          pre = nextPre;
          best = x;
          changed = true;
        } else at = end;
      }
    }
  }
  return best;
}
