/**
 * `npm run eval:redecode [-- --fp-corpus DIR] [--per-lang N] [--doc-chars N] [--no-engine]`: the figures behind the
 * re-decode thresholds (src/core/redecode: damage-signals.ts, pick-encoding.ts, decide.ts).
 *
 * Real clean text (the dev paragraphs, ../shared/eval/corpus-dev, and the clean-text corpus, .cache/fp-corpus from
 * `npm run build:fp-corpus`) is cut into page-sized documents per language, encoded in each encoding that can hold
 * it, and shown as a browser would show it with the right and with wrong labels:
 *   1. pick: every encoded document's bytes through pickEncoding (is the true encoding the best? how sure?), and
 *      prefixes holding only k non-ASCII characters (how much evidence a sure pick needs);
 *   2. damage: every shown document through damageSignals (+ the decoder's coverage, as the extension runs it):
 *      the damaged share of clean documents (must stay below SUSPECT_DAMAGE_SHARE) and of mis-decoded ones;
 *   3. decision: decideRedecode on each mis-decoded and each clean document (auto right / auto wrong / offer / none).
 * Encodings are the browser's (the core's WHATWG codecs); EUC-JP and EUC-KR, which the core has no codec for,
 * are encoded with iconv-lite and decoded with Node's TextDecoder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repair } from '../src/core/index';
import { assessDamage, CLEAR_DAMAGE_SHARE, CLEAR_MIN_DAMAGED, damageSignals, DAMAGE_SAMPLE_CHARS, SUSPECT_DAMAGE_SHARE, SUSPECT_MIN_DAMAGED, withWrongCodec, wrongCodecCoverage } from '../src/core/redecode/damage-signals';
import { AUTO_MIN_CONFIDENCE, decideRedecode } from '../src/core/redecode/decide';
import { REDECODE_ENCODINGS, type RedecodeEncoding } from '../src/core/redecode/encodings';
import { CERTAIN_EVIDENCE_CHARS, CERTAIN_MARGIN, JA_MIN_KANA_SHARE, KO_MIN_HANGUL_SHARE, MAX_ERROR_SHARE, pickEncoding } from '../src/core/redecode/pick-encoding';
import { ROOT, sharedEvalDir } from './corpus/lib';
import { encodeIn, NODE_DECODERS } from './lib/redecode-codecs';

const { values } = parseArgs({
  options: {
    'fp-corpus': { type: 'string', default: join(ROOT, '.cache', 'fp-corpus') },
    'per-lang': { type: 'string', default: '150' },
    'doc-chars': { type: 'string', default: '1500' },
    'no-engine': { type: 'boolean', default: false },
  },
});
const PER_LANG = Number(values['per-lang']);
const DOC_CHARS = Number(values['doc-chars']);

type Lang = 'hans' | 'hant' | 'ja' | 'ko' | 'latin';
/** The encodings a document of each language is served in. */
const SERVED_IN: Record<Lang, RedecodeEncoding[]> = {
  hans: ['gbk', 'utf-8', 'big5'],
  hant: ['big5', 'gbk', 'utf-8'],
  ja: ['shift_jis', 'euc-jp', 'utf-8'],
  ko: ['euc-kr', 'utf-8'],
  latin: ['windows-1252', 'utf-8'],
};
/** How browsers mis-show bytes of each encoding: the label lies (UTF-8), a wrong meta (windows-1252), a wrong guess. */
const SHOWN_AS: Record<RedecodeEncoding, RedecodeEncoding[]> = {
  gbk: ['utf-8', 'windows-1252', 'big5'],
  big5: ['utf-8', 'windows-1252', 'gbk'],
  shift_jis: ['utf-8', 'windows-1252', 'gbk'],
  'euc-jp': ['utf-8', 'gbk'],
  'euc-kr': ['utf-8', 'gbk'],
  'windows-1252': ['utf-8'],
  'utf-8': ['gbk', 'windows-1252', 'big5', 'shift_jis'],
};

/**
 * A document in `enc`, without the few characters `enc` lacks (a rare character outside Big5 would otherwise keep
 * almost every traditional document out of the Big5 figures); null when more than MAX_DROPPED of them are missing.
 */
const MAX_DROPPED = 0.01;
function served(enc: RedecodeEncoding, text: string): { text: string; bytes: Uint8Array } | null {
  const whole = encodeIn(enc, text);
  if (whole) return { text, bytes: whole };
  const kept = [...text].filter((ch) => encodeIn(enc, ch) !== null);
  if (kept.length < (1 - MAX_DROPPED) * [...text].length) return null;
  const bytes = encodeIn(enc, kept.join(''));
  return bytes ? { text: kept.join(''), bytes } : null;
}
const encode = (enc: RedecodeEncoding, text: string) => served(enc, text)?.bytes ?? null;
const DECODERS = NODE_DECODERS;

// --- documents -------------------------------------------------------------------------------------------------

interface Doc { lang: Lang; source: string; text: string }

function readJsonl(path: string): Array<Record<string, string>> {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

function langOf(row: Record<string, string>, fileLang: string | undefined): Lang | null {
  const l = row.lang ?? fileLang;
  return l === 'hans' || l === 'hant' || l === 'ja' || l === 'ko' || l === 'latin' ? l : null;
}

/** Consecutive paragraphs of one source and language, joined into documents of about DOC_CHARS characters. */
function documents(): Doc[] {
  const files: Array<{ path: string; lang?: string }> = [];
  const dev = join(sharedEvalDir(), 'corpus-dev');
  for (const f of ['hans', 'hant', 'ja', 'latin']) files.push({ path: join(dev, `${f}.jsonl`), lang: f });
  const fp = values['fp-corpus']!;
  if (existsSync(fp)) for (const f of readdirSync(fp).filter((n) => n.endsWith('.jsonl'))) files.push({ path: join(fp, f) });
  else console.log(`# no clean-text corpus at ${fp} (npm run build:fp-corpus): the dev paragraphs only`);
  const byLang = new Map<Lang, Doc[]>();
  for (const { path, lang } of files) {
    const source = path.split('/').slice(-2).join('/');
    let cur: Doc | null = null;
    for (const row of readJsonl(path)) {
      const l = langOf(row, lang);
      if (!l) continue;
      if (!cur || cur.lang !== l) cur = { lang: l, source, text: '' };
      cur.text += (cur.text ? '\n' : '') + row.text;
      if (cur.text.length >= DOC_CHARS) {
        const list = byLang.get(l) ?? [];
        list.push(cur);
        byLang.set(l, list);
        cur = null;
      }
    }
  }
  const out: Doc[] = [];
  for (const [lang, list] of byLang) {
    // Evenly over the list, so every source of a language is represented.
    const step = Math.max(1, list.length / PER_LANG);
    for (let i = 0; i < list.length && out.filter((d) => d.lang === lang).length < PER_LANG; i += step) out.push(list[Math.floor(i)]);
  }
  return out;
}

// --- figures ---------------------------------------------------------------------------------------------------

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '-');
const q = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
};
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));
function table(head: string[], rows: Array<Array<string | number>>): void {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

const docs = documents();
const langs = [...new Set(docs.map((d) => d.lang))];
console.log(`# ${docs.length} documents of about ${DOC_CHARS} characters: ${langs.map((l) => `${l} ${docs.filter((d) => d.lang === l).length}`).join(', ')}`);
console.log(`# thresholds: MAX_ERROR_SHARE ${MAX_ERROR_SHARE}, JA_MIN_KANA_SHARE ${JA_MIN_KANA_SHARE}, KO_MIN_HANGUL_SHARE ${KO_MIN_HANGUL_SHARE}, ` +
  `CERTAIN_MARGIN ${CERTAIN_MARGIN}, CERTAIN_EVIDENCE_CHARS ${CERTAIN_EVIDENCE_CHARS}, AUTO_MIN_CONFIDENCE ${AUTO_MIN_CONFIDENCE}, ` +
  `SUSPECT_DAMAGE_SHARE ${SUSPECT_DAMAGE_SHARE}, SUSPECT_MIN_DAMAGED ${SUSPECT_MIN_DAMAGED}, CLEAR_DAMAGE_SHARE ${CLEAR_DAMAGE_SHARE}, CLEAR_MIN_DAMAGED ${CLEAR_MIN_DAMAGED}`);

interface Served { doc: Doc; enc: RedecodeEncoding; bytes: Uint8Array }
const servedDocs: Served[] = [];
for (const doc of docs) for (const enc of SERVED_IN[doc.lang]) {
  const s = served(enc, doc.text);
  if (s) servedDocs.push({ doc: { ...doc, text: s.text }, enc, bytes: s.bytes });
}

const MIN_CJK = 20;

// 1. The pick on whole documents.
console.log('\n## 1. pick: whole documents\n');
{
  const rows: Array<Array<string | number>> = [];
  const trueErr: number[] = [];
  const wrongErrNotOut: number[] = [];
  const kanaJa: number[] = [];
  const kanaWrongJa: number[] = [];
  const hangulKo: number[] = [];
  const hangulWrongKo: number[] = [];
  const hangulGbk: number[] = [];
  for (const enc of REDECODE_ENCODINGS) {
    const group = servedDocs.filter((s) => s.enc === enc);
    if (!group.length) continue;
    let right = 0, trueOut = 0, auto = 0, autoWrong = 0;
    const margins: number[] = [];
    const conf: number[] = [];
    for (const s of group) {
      const p = pickEncoding(s.bytes, DECODERS);
      const truth = p.ranking.find((c) => c.encoding === s.enc)!;
      trueErr.push(truth.errors / Math.max(1, truth.nonAscii));
      if (truth.ruledOut) trueOut++;
      for (const c of p.ranking) {
        const share = c.errors / Math.max(1, c.nonAscii);
        if (c.encoding !== s.enc && c.errors > 0) wrongErrNotOut.push(share);
        // Shares over fewer than MIN_CJK characters say nothing (one å is one Hangul syllable in EUC-KR).
        if (c.han + c.kana + c.hangul < MIN_CJK) continue;
        const kanaShare = c.kana / Math.max(1, c.kana + c.han);
        const hangulShare = c.hangul / Math.max(1, c.han + c.kana + c.hangul);
        if (c.encoding === 'shift_jis' || c.encoding === 'euc-jp') (c.encoding === s.enc ? kanaJa : s.doc.lang !== 'ja' && s.enc !== 'utf-8' && c.errors <= MAX_ERROR_SHARE * c.nonAscii ? kanaWrongJa : []).push(kanaShare);
        if (c.encoding === 'euc-kr' && s.enc === 'gbk' && c.errors <= MAX_ERROR_SHARE * c.nonAscii) hangulGbk.push(hangulShare);
        if (c.encoding === 'euc-kr') (c.encoding === s.enc ? hangulKo : s.doc.lang !== 'ko' && s.enc !== 'utf-8' && c.errors <= MAX_ERROR_SHARE * c.nonAscii ? hangulWrongKo : []).push(hangulShare);
      }
      if (p.best === s.enc) right++;
      margins.push(p.margin);
      conf.push(p.confidence);
      if (p.confidence >= AUTO_MIN_CONFIDENCE) { auto++; if (p.best !== s.enc) autoWrong++; }
    }
    rows.push([enc, group.length, pct(right, group.length), trueOut, f3(q(margins, 0)), f3(q(margins, 0.5)), f3(q(conf, 0)), pct(auto, group.length), autoWrong]);
  }
  table(['true encoding', 'docs', 'picked right', 'true one ruled out', 'min margin', 'median margin', 'min confidence', 'confidence ≥ auto', 'sure and wrong'], rows);
  console.log(`\nU+FFFD share of the true encoding's decoding: max ${f3(q(trueErr, 1))}; of wrong decodings that have any: min ${f3(q(wrongErrNotOut, 0))}, 1st percentile ${f3(q(wrongErrNotOut, 0.01))} (MAX_ERROR_SHARE ${MAX_ERROR_SHARE})`);
  console.log(`(shares below over decodings with at least ${MIN_CJK} Han, kana or Hangul characters)`);
  console.log(`kana share (kana / (Han + kana)): Japanese documents as Japanese min ${f3(q(kanaJa, 0))}; other languages' legacy bytes read as Japanese without errors max ${f3(q(kanaWrongJa, 1))} over ${kanaWrongJa.length} (JA_MIN_KANA_SHARE ${JA_MIN_KANA_SHARE})`);
  console.log(`Hangul share: Korean documents as EUC-KR min ${f3(q(hangulKo, 0))}; other languages' legacy bytes read as EUC-KR without errors max ${f3(q(hangulWrongKo, 1))} over ${hangulWrongKo.length}; ` +
    `GBK bytes so read max ${f3(q(hangulGbk, 1))} over ${hangulGbk.length} (KO_MIN_HANGUL_SHARE ${KO_MIN_HANGUL_SHARE})`);
}

// 1b. Short texts: how much evidence a right pick needs.
console.log('\n## 1b. pick: prefixes with k non-ASCII characters (Chinese, Japanese and Korean documents)\n');
{
  const rows: Array<Array<string | number>> = [];
  for (const k of [2, 4, 8, 16, 24, 32, 40, 64]) {
    let n = 0, right = 0, sure = 0, sureWrong = 0, wrongMargin = 0;
    for (const s of servedDocs) {
      if (s.doc.lang === 'latin') continue;
      let seen = 0, cut = 0;
      for (const ch of s.doc.text) { cut += ch.length; if (ch.codePointAt(0)! >= 0x80 && ++seen >= k) break; }
      if (seen < k) continue;
      const bytes = encode(s.enc, s.doc.text.slice(0, cut));
      if (!bytes) continue;
      const p = pickEncoding(bytes, DECODERS);
      n++;
      if (p.best === s.enc) right++;
      else if (Number.isFinite(p.margin)) wrongMargin = Math.max(wrongMargin, p.margin);
      if (p.confidence >= AUTO_MIN_CONFIDENCE) { sure++; if (p.best !== s.enc) sureWrong++; }
    }
    rows.push([k, n, pct(right, n), f3(wrongMargin), pct(sure, n), sureWrong]);
  }
  table(['k', 'texts', 'picked right', 'largest margin of a wrong pick', 'confidence ≥ auto', 'sure and wrong'], rows);
}

// 2 and 3. What the reader sees: the damage verdict, and the decision.
console.log(`\n## 2. damage: documents as shown${values['no-engine'] ? ' (without the decoder\'s coverage)' : ' (with the decoder\'s coverage, as the extension judges)'}\n`);
{
  const rows: Array<Array<string | number>> = [];
  const cleanShares: number[] = [];
  let cleanSuspect = 0, cleanClear = 0, cleanN = 0;
  let cleanAuto = 0;
  const cleanWhy: string[] = [];
  const decisions = { autoRight: 0, autoWrong: 0, offer: 0, none: 0, n: 0 };
  const judge = (text: string) => {
    const sample = text.slice(0, DAMAGE_SAMPLE_CHARS);
    let signals = damageSignals(sample);
    if (!values['no-engine']) signals = withWrongCodec(signals, wrongCodecCoverage(repair(sample).steps));
    return assessDamage(signals);
  };
  for (const s of servedDocs) {
    const shown = DECODERS[s.enc]!(s.bytes);
    const a = judge(shown);
    cleanN++;
    cleanShares.push(a.share);
    if (a.verdict === 'suspect') { cleanSuspect++; cleanWhy.push(`${s.doc.source} (${s.enc}): ${a.reasons.join(', ')}`); }
    if (a.verdict === 'clear') cleanClear++;
    if (a.verdict !== 'clean' && decideRedecode(a, pickEncoding(s.bytes, DECODERS), s.enc).action === 'auto') cleanAuto++;
  }
  for (const enc of REDECODE_ENCODINGS) for (const shownAs of SHOWN_AS[enc]) {
    const group = servedDocs.filter((s) => s.enc === enc);
    if (!group.length) continue;
    const shares: number[] = [];
    let suspect = 0, clear = 0, autoRight = 0, autoWrong = 0, offer = 0;
    for (const s of group) {
      const shown = DECODERS[shownAs]!(s.bytes);
      const a = judge(shown);
      shares.push(a.share);
      if (a.verdict === 'suspect') suspect++;
      if (a.verdict === 'clear') clear++;
      const d = decideRedecode(a, pickEncoding(s.bytes, DECODERS), shownAs);
      if (d.action === 'auto') { if (d.encoding === s.enc) autoRight++; else autoWrong++; }
      else if (d.action === 'offer') offer++;
      decisions.n++;
    }
    decisions.autoRight += autoRight;
    decisions.autoWrong += autoWrong;
    decisions.offer += offer;
    rows.push([`${enc} shown as ${shownAs}`, group.length, f3(q(shares, 0)), f3(q(shares, 0.05)), f3(q(shares, 0.5)), pct(suspect + clear, group.length), pct(clear, group.length), pct(autoRight, group.length), autoWrong, pct(offer, group.length)]);
  }
  table(['bytes shown as', 'docs', 'min share', '5th pct', 'median', 'suspect or clear', 'clear', 'auto, right', 'auto, wrong', 'offered'], rows);
  console.log(`\nclean documents (each shown in its own encoding): ${cleanN}; damaged share max ${f3(q(cleanShares, 1))}, 99th percentile ${f3(q(cleanShares, 0.99))}; ` +
    `suspect ${cleanSuspect}, clear ${cleanClear}, re-decoded automatically ${cleanAuto}`);
  for (const w of cleanWhy.slice(0, 10)) console.log(`  suspect: ${w}`);
  console.log(`mis-decoded documents: ${decisions.n}; re-decoded automatically and right ${pct(decisions.autoRight, decisions.n)}, wrong ${decisions.autoWrong}; offered in the popup ${pct(decisions.offer, decisions.n)}`);
}
