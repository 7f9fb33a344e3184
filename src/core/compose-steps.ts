/**
 * Two rounds of repair as one: steps on a text, then steps on what they made of it, become steps on the text
 * that give the final result. The encoding repair's output is judged again for Founder damage, and `repair`
 * runs until its output no longer changes (repair.ts), and each caller still receives steps on its own input.
 */
import type { RepairKind, Step } from './types';

interface Group {
  /** The group's span in the middle text (what `first` made). */
  y0: number;
  y1: number;
  first: Step[];
  later: Step[];
}

/**
 * `first` are steps on `input` (in order, not overlapping), `mid` what they make of it, `later` steps on `mid`.
 * Returns steps on `input` whose result is what `later` makes of `mid`. A later step and the first steps it
 * touches become one step over their union: its kind the repair's (encoding over Founder over a flag), its codecs
 * the later chain inside the first, its confidence the lower, lossy if either was. A union that comes back to the
 * input as it was (a repair undone) is no step.
 */
export function composeSteps(input: string, first: readonly Step[], mid: string, later: readonly Step[]): Step[] {
  if (later.length === 0) return [...first];
  // The middle-text span of each first step's replacement.
  const ys: Array<[number, number]> = [];
  let shift = 0;
  for (const f of first) {
    const y0 = f.start + shift;
    ys.push([y0, y0 + f.replacement.length]);
    shift += f.replacement.length - (f.end - f.start);
  }
  // Sweep both lists in middle-text order, joining what overlaps into groups.
  const groups: Group[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < later.length) {
    const takeFirst = j >= later.length || (i < first.length && ys[i][0] <= later[j].start);
    const [y0, y1] = takeFirst ? ys[i] : [later[j].start, later[j].end];
    const g = groups[groups.length - 1];
    // Spans that overlap, or an empty one (an insertion, a deletion) at an edge of another, are one repair.
    const joins = g !== undefined && (y0 < g.y1 || (y0 === g.y1 && (y1 === y0 || g.y1 === g.y0)));
    const target = joins ? g : { y0, y1, first: [], later: [] };
    if (!joins) groups.push(target);
    target.y1 = Math.max(target.y1, y1);
    if (takeFirst) target.first.push(first[i++]);
    else target.later.push(later[j++]);
  }
  // Middle → input offsets at group edges, which never fall inside a first replacement.
  const out: Step[] = [];
  let firstShift = 0; // length change of the first steps before the current group
  for (const g of groups) {
    // A group starts where a first step's replacement or a later step starts, never inside a replacement.
    const x0 = g.y0 - firstShift;
    let groupFirstShift = 0;
    for (const f of g.first) groupFirstShift += f.replacement.length - (f.end - f.start);
    const x1 = g.y1 - firstShift - groupFirstShift;
    // The group's final text: the later steps applied to its middle span.
    let replacement = '';
    let y = g.y0;
    for (const t of g.later) {
      replacement += mid.slice(y, t.start) + t.replacement;
      y = t.end;
    }
    replacement += mid.slice(y, g.y1);
    firstShift += groupFirstShift;
    if (g.later.length === 0) {
      for (const f of g.first) out.push(f);
      continue;
    }
    const parts = [...g.later, ...g.first];
    const original = input.slice(x0, x1);
    const lossy = parts.some((p) => p.lossy) || replacement.includes('\ufffd');
    if (replacement === original && !lossy) continue;
    if (g.first.length === 0 && g.later.length === 1) {
      out.push({ ...g.later[0], start: x0, end: x1, original });
      continue;
    }
    out.push({
      kind: kindOf(parts),
      start: x0,
      end: x1,
      original,
      replacement,
      codecs: [...g.later.flatMap((p) => p.codecs), ...g.first.flatMap((p) => p.codecs)],
      confidence: Math.min(...parts.map((p) => p.confidence)),
      lossy,
    });
  }
  return out;
}

/** A union of repairs is an encoding repair if any part was one, else a Founder repair, else a flag. */
function kindOf(parts: readonly Step[]): RepairKind {
  if (parts.some((p) => p.kind === 'encoding')) return 'encoding';
  if (parts.some((p) => p.kind === 'founder')) return 'founder';
  return 'lossy';
}
