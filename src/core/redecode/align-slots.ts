/**
 * Matches two sequences of texts in order: the page's text pieces as its bytes parse, and as the live document
 * holds them now (scripts may have added, removed or changed pieces since). Equal texts are matched, never two
 * that differ; the matching is monotone (document order on both sides).
 *
 * A patience diff: common ends first, then the texts that occur exactly once on each side are anchors (their
 * longest increasing run), and the gaps between anchors are aligned the same way; a small gap without anchors
 * is aligned by a longest common subsequence. Linear-ish on pages that mostly agree, bounded on pages that do not.
 */

/**
 * A gap without unique anchors is aligned exactly (longest common subsequence) only up to this many cells:
 * repeated pieces ("Reply", "|") in a small gap; a large gap without one shared unique text is no longer the
 * same page there, and is left unmatched.
 */
export const LCS_MAX_CELLS = 250_000;

/**
 * Gaps inside gaps are aligned down to this depth (each level needs texts unique within its gap); deeper, a gap is
 * aligned by LCS or left. Real pages need two or three levels.
 */
const MAX_DEPTH = 32;

/** Pairs [i, j] with a[i] === b[j], increasing in both. */
export function alignSequences(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  alignRange(a, 0, a.length, b, 0, b.length, out, 0);
  return out;
}

function alignRange(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number, out: Array<[number, number]>, depth: number): void {
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push([a0++, b0++]);
  let tail = 0;
  while (a0 < a1 - tail && b0 < b1 - tail && a[a1 - 1 - tail] === b[b1 - 1 - tail]) tail++;
  a1 -= tail;
  b1 -= tail;
  if (a0 < a1 && b0 < b1) {
    const anchors = depth < MAX_DEPTH ? uniqueAnchors(a, a0, a1, b, b0, b1) : [];
    if (anchors.length) {
      let pa = a0, pb = b0;
      for (const [i, j] of anchors) {
        alignRange(a, pa, i, b, pb, j, out, depth + 1);
        out.push([i, j]);
        pa = i + 1;
        pb = j + 1;
      }
      alignRange(a, pa, a1, b, pb, b1, out, depth + 1);
    } else if ((a1 - a0) * (b1 - b0) <= LCS_MAX_CELLS) {
      for (const p of lcs(a, a0, a1, b, b0, b1)) out.push(p);
    }
  }
  for (let k = 0; k < tail; k++) out.push([a1 + k, b1 + k]);
}

/** Texts unique in both ranges, as [i, j], reduced to their longest run increasing in j. */
function uniqueAnchors(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number): Array<[number, number]> {
  const countA = new Map<string, number>();
  for (let i = a0; i < a1; i++) countA.set(a[i], countA.get(a[i]) === undefined ? i : -1);
  const countB = new Map<string, number>();
  for (let j = b0; j < b1; j++) countB.set(b[j], countB.get(b[j]) === undefined ? j : -1);
  const cand: Array<[number, number]> = [];
  for (let i = a0; i < a1; i++) {
    if (countA.get(a[i]) !== i) continue;
    const j = countB.get(a[i]);
    if (j !== undefined && j >= 0) cand.push([i, j]);
  }
  return longestIncreasing(cand);
}

/** Longest subsequence of `cand` (sorted by i) increasing in j: patience sorting, O(n log n). */
function longestIncreasing(cand: Array<[number, number]>): Array<[number, number]> {
  const tops: number[] = []; // index into cand of the smallest j ending a run of each length
  const prev = new Int32Array(cand.length).fill(-1);
  for (let k = 0; k < cand.length; k++) {
    const j = cand[k][1];
    let lo = 0, hi = tops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cand[tops[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tops[lo - 1];
    tops[lo] = k;
  }
  const out: Array<[number, number]> = [];
  for (let k = tops.length ? tops[tops.length - 1] : -1; k >= 0; k = prev[k]) out.push(cand[k]);
  return out.reverse();
}

function lcs(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number): Array<[number, number]> {
  const n = a1 - a0, m = b1 - b0;
  const t = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * (m + 1) + j] = a[a0 + i] === b[b0 + j] ? t[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(t[(i + 1) * (m + 1) + j], t[i * (m + 1) + j + 1]);
    }
  }
  const out: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[a0 + i] === b[b0 + j]) { out.push([a0 + i, b0 + j]); i++; j++; }
    else if (t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1]) i++;
    else j++;
  }
  return out;
}
