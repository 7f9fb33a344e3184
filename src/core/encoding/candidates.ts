import { decode, decodesCleanly, reEncode } from '../codecs';
import { textLog10P } from '../model';
import type { Hypothesis } from './hypotheses';

/** A span of the text that re-decodes strictly under one hypothesis, and what the language model thinks of it. */
export interface Candidate {
  start: number;
  end: number;
  replacement: string;
  hypothesis: Hypothesis;
  /** log10 P(replacement) − log10 P(original) − the hypothesis' cost: > 0 means the repair reads better. */
  gain: number;
}

/**
 * Every maximal span of text[from, to) that the `shown` decoder could have produced
 * from bytes that decode without error as `truth`, with pure-ASCII edges trimmed
 * (ASCII bytes read the same in every codec here, so they need no repair).
 */
export function candidatesFor(text: string, from: number, to: number, hypothesis: Hypothesis, out: Candidate[]): void {
  const { shown, truth } = hypothesis;
  const enc = reEncode(shown, text, from, to);
  const { bytes, byteAt, unmappable } = enc;
  let runStart = from;
  for (let k = 0; k <= unmappable.length; k++) {
    const runEnd = k < unmappable.length ? unmappable[k] : to;
    if (runEnd > runStart) regionsOfRun(text, from, runStart, runEnd, bytes, byteAt, hypothesis, out);
    if (k < unmappable.length) {
      runStart = runEnd + 1;
      // A surrogate pair is listed once, by its high half.
      const c = text.charCodeAt(runEnd);
      if (c >= 0xd800 && c <= 0xdbff) runStart++;
    }
  }
  void truth;
}

function regionsOfRun(
  text: string,
  from: number,
  runStart: number,
  runEnd: number,
  bytes: Uint8Array,
  byteAt: Uint32Array,
  hypothesis: Hypothesis,
  out: Candidate[],
): void {
  const bs = byteAt[runStart - from];
  const be = byteAt[runEnd - from];
  let high = false;
  for (let p = bs; p < be; p++) {
    if (bytes[p] >= 0x80) {
      high = true;
      break;
    }
  }
  if (!high) return;
  const dec = decode(hypothesis.truth, bytes, bs, be);
  // Clean byte regions lie between decode errors.
  let regionStart = bs;
  const errs = dec.errors;
  let e = 0;
  for (let j = 0; j <= dec.text.length; j++) {
    const at = dec.srcAt[j];
    const isError = j < dec.text.length && e < errs.length && errs[e] === at && dec.text.charCodeAt(j) === 0xfffd;
    if (isError || j === dec.text.length) {
      const regionEnd = at;
      if (regionEnd > regionStart) addRegion(text, from, runStart, runEnd, bytes, byteAt, regionStart, regionEnd, hypothesis, out);
      if (isError) {
        e++;
        regionStart = j + 1 <= dec.text.length ? dec.srcAt[j + 1] : be;
      }
    }
  }
}

/** First index i in [lo, hi] with byteAt[i - from] >= p. */
function lowerBound(byteAt: Uint32Array, from: number, lo: number, hi: number, p: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byteAt[mid - from] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function addRegion(
  text: string,
  from: number,
  runStart: number,
  runEnd: number,
  bytes: Uint8Array,
  byteAt: Uint32Array,
  p: number,
  q: number,
  hypothesis: Hypothesis,
  out: Candidate[],
): void {
  let a = lowerBound(byteAt, from, runStart, runEnd, p);
  // Last index in [a, runEnd] whose character starts at or before q.
  let b = lowerBound(byteAt, from, a, runEnd, q);
  if (byteAt[b - from] > q) b--;
  while (a < b && text.charCodeAt(a) < 0x80) a++;
  while (b > a && text.charCodeAt(b - 1) < 0x80) b--;
  if (b <= a) return;
  const bp = byteAt[a - from];
  const bq = byteAt[b - from];
  if (bq <= bp || !decodesCleanly(hypothesis.truth, bytes, bp, bq)) return;
  const replacement = decode(hypothesis.truth, bytes, bp, bq).text;
  if (replacement === text.slice(a, b) || !isPlausible(replacement)) return;
  const before = textLog10P(text, a, b).total;
  const after = textLog10P(replacement).total;
  out.push({ start: a, end: b, replacement, hypothesis, gain: after - before - hypothesis.cost });
}

/**
 * Rules out decodes no author wrote: C0 controls (other than tab and line breaks), private use,
 * noncharacters, and code points beyond the planes in use (planes 3–13 and 15–16 hold nothing readable).
 * C1 controls stay possible: they are the middle layer of a double encoding read as Latin-1.
 */
function isPlausible(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    } else if (c === 0x7f || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffe || c === 0xffff) {
      return false;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const cp = s.codePointAt(i)!;
      const plane = cp >> 16;
      if (plane >= 3 && plane !== 14) return false;
      i++;
    }
  }
  return true;
}
