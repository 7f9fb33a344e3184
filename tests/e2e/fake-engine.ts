/**
 * TEST DOUBLE of the decoder, for checking the extension's plumbing independently of the engine's
 * quality: it knows the e2e fixtures' damaged texts and their repairs (pages/expectations.json)
 * and answers with real steps for exactly those. Built in only with `LUANMA_FAKE_ENGINE=1`
 * (`npm run test:e2e -- --fake-engine`); never shipped.
 */
import type { Evidence, RepairKind, RepairResult, Step } from '../../src/core/types';
import expectations from './pages/expectations.json';

export type { Evidence, RepairResult, Step };

function pairs(): Array<[string, string, RepairKind]> {
  const e = expectations;
  const out: Array<[string, string, RepairKind]> = [];
  e.epaper.damaged.forEach((d, i) => out.push([d, e.epaper.paragraphs[i], 'founder']));
  for (const k of Object.keys(e.forum.expected) as Array<keyof typeof e.forum.expected>) out.push([e.forum.damaged[k], e.forum.expected[k], 'encoding']);
  return out;
}

const KNOWN: Array<[string, string, RepairKind]> = (() => {
  const list = pairs();
  const enc = (s: string, d: string) => list.push([d, s, 'encoding']);
  // The other pages' pairs are listed by make-pages.ts under `fake`.
  for (const [damaged, fixed] of expectations.fake) enc(fixed, damaged);
  return list.filter(([d, f]) => d !== f).sort((a, b) => b[0].length - a[0].length);
})();

export function repair(text: string): RepairResult {
  const found: Step[] = [];
  for (const [damaged, fixed, kind] of KNOWN) {
    for (let at = text.indexOf(damaged); at >= 0; at = text.indexOf(damaged, at + damaged.length)) {
      if (found.some((s) => at < s.end && at + damaged.length > s.start)) continue;
      // Trim what the pair has in common, so steps cover only what changed (as the engine's do).
      let p = 0;
      while (p < damaged.length && p < fixed.length && damaged[p] === fixed[p]) p++;
      let q = 0;
      while (q < damaged.length - p && q < fixed.length - p && damaged[damaged.length - 1 - q] === fixed[fixed.length - 1 - q]) q++;
      found.push({
        kind, start: at + p, end: at + damaged.length - q, original: damaged.slice(p, damaged.length - q),
        replacement: fixed.slice(p, fixed.length - q), codecs: kind === 'founder' ? ['gb2312+0x31'] : ['utf-8', 'gbk'], confidence: 1, lossy: false,
      });
    }
  }
  found.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of found) { out += text.slice(at, s.start) + s.replacement; at = s.end; }
  return { text: out + text.slice(at), steps: found, flagged: false };
}

export function collectEvidence(texts: Iterable<string>): Evidence {
  const e: Evidence = { chars: 0, han: 0, realPunct: 0, founderCandidates: 0, founderCommaStop: 0, paragraphs: 0, founderParagraphs: 0 };
  for (const t of texts) { e.chars += t.length; e.paragraphs++; }
  return e;
}
