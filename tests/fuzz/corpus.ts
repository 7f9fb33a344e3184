/**
 * The clean corpus of the fuzz harness: every distinct true text of the dev set copied into the tests
 * (`tests/fixtures/devset.jsonl`): the `expected` side of every case, which for the `clean_*` kinds is the
 * input itself. Chinese (simplified and traditional), Japanese, Latin languages, code, URLs, and the
 * truths of the damaged kinds (mostly Chinese, some multi-line). Nothing here reads ../shared.
 */
import { loadDevset } from '../../scripts/lib/devset';

export interface CleanText {
  text: string;
  /** The dev-set kind it came from (`clean_japanese`, `founder`, …): the language group of the timing and P4 figures. */
  kind: string;
}

function load(): CleanText[] {
  const seen = new Set<string>();
  const out: CleanText[] = [];
  for (const c of loadDevset()) {
    if (seen.has(c.expected)) continue;
    seen.add(c.expected);
    out.push({ text: c.expected, kind: c.kind });
  }
  return out;
}

/** In dev-set order, so a seed always picks the same paragraph. */
export const CLEAN: readonly CleanText[] = load();

/** Single paragraphs (no line break): the unit that P5 damages and that pages are built from. */
export const CLEAN_PARAGRAPHS: readonly CleanText[] = CLEAN.flatMap((c) =>
  c.text
    .split('\n')
    .filter((p) => p.trim() !== '')
    .map((text) => ({ text, kind: c.kind })),
);

/** Damaged dev-set inputs: short slices of them are the "mojibake fragments" of the random-string generator. */
export const DAMAGED_INPUTS: readonly string[] = loadDevset()
  .filter((c) => !c.kind.startsWith('clean_') && c.input !== c.expected)
  .map((c) => c.input);

/** Han characters of the clean corpus, most frequent first: "common Han" for the random-string generator. */
export const CORPUS_HAN: string = (() => {
  const counts = new Map<string, number>();
  for (const c of CLEAN) for (const ch of c.text) if (/\p{Script=Han}/u.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 2000)
    .map(([ch]) => ch)
    .join('');
})();
