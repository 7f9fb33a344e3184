/**
 * Which encoding a page's bytes are in, among REDECODE_ENCODINGS: rule out, then score (chardetng's order).
 *
 *   1. Each candidate decodes a sample of the bytes in replacement mode. A candidate whose decoding has more
 *      than a tiny share of U+FFFD is ruled out: real text in an encoding decodes in it. Bytes that are valid
 *      UTF-8 with enough non-ASCII in them are UTF-8 and nothing else (as chardetng and the browsers hold):
 *      legacy double-byte text is valid UTF-8 only by accident, for a few bytes at most, while the model would
 *      prefer Hangul or Han to the Latin, Hebrew or Armenian letters of a European or other page.
 *   2. A Japanese candidate (Shift_JIS, EUC-JP) must show kana and the Korean one (EUC-KR) Hangul: the shared
 *      model knows Chinese, so other languages are told apart by script only. Chinese bytes read as EUC-KR come
 *      out as Hangul mixed with Han (KS X 1001 puts Hangul where GB2312 has its commonest Han characters);
 *      Korean is almost all Hangul.
 *   3. The rest are scored with the language model (text-score.ts): the total log10 probability of the decoded
 *      sample. Totals, not averages, because every candidate explains the same bytes, however many characters
 *      it makes of them: ASCII decodes alike everywhere and cancels out.
 *
 * The decoders are passed in, one per candidate label: the browser passes `TextDecoder`, Node tests the core's
 * own codecs or another implementation. Pure: no DOM, no browser API.
 */
import { textLog10P } from '../model/text-score';
import { isHangul, isHanBmp, isKana } from '../text-classes';
import { damageSignals } from './damage-signals';
import { REDECODE_ENCODINGS, type RedecodeEncoding } from './encodings';

/** Decodes bytes in replacement mode: one U+FFFD per error, as `new TextDecoder(label).decode(bytes)` does. */
export type BytesDecoder = (bytes: Uint8Array) => string;

export type Decoders = Partial<Record<RedecodeEncoding, BytesDecoder>>;

/**
 * Bytes judged per candidate: enough for any page's verdict (a page's first 256 KB hold thousands of its
 * characters), and a 5 MB text file is not decoded seven times over.
 */
export const PICK_SAMPLE_BYTES = 256 * 1024;

/**
 * Share of U+FFFD among a decoding's non-ASCII characters above which the candidate is ruled out. Not zero:
 * real pages carry a few broken bytes (a truncated character at a cut, one pasted fragment in another encoding).
 * `npm run eval:redecode`: right decodings of the corpus documents show none; many wrong ones show far more, but
 * some only 0.1 % (GB2312 text read as Big5, whose table covers most of the same byte pairs): errors rule out the
 * hopeless candidates cheaply, and the model decides between the rest.
 */
export const MAX_ERROR_SHARE = 0.01;

/**
 * Non-ASCII bytes of error-free UTF-8 from which UTF-8 rules out every other candidate. A GBK or Big5 character
 * is a valid two-byte UTF-8 sequence by accident about one time in twelve (lead C2–DF, trail 80–BF), so three
 * characters in a row pass with odds near 1 in 2,000 and four near 1 in 20,000; eight bytes are four of them.
 */
export const UTF8_DECISIVE_BYTES = 8;

/**
 * Share of kana among the Han and kana characters below which a Japanese candidate is ruled out. Japanese prose
 * writes its particles and endings in kana (measured: the leanest Japanese corpus documents hold well above
 * this); Chinese bytes read as Shift_JIS or EUC-JP give kana only where GB2312 keeps its own kana rows.
 */
export const JA_MIN_KANA_SHARE = 0.1;

/**
 * Share of Hangul among the Han, kana and Hangul characters below which the Korean candidate is ruled out.
 * Modern Korean is written almost entirely in Hangul (the Korean corpus documents: all of it); GBK bytes read as
 * EUC-KR give at most about 63 % (KS X 1001 puts Hangul on GB2312's rows of its commonest Han characters), and
 * the model alone would take such Hangul for Korean over classical Chinese verse with its rarer characters.
 */
export const KO_MIN_HANGUL_SHARE = 0.8;

/**
 * Share of a windows-1252 decoding's non-ASCII characters standing in runs of LATIN_RUN_MIN or more (ÄãºÃ) above
 * which windows-1252 is ruled out: that is a double-byte encoding read byte by byte, and windows-1252, which never
 * fails to decode, must not survive as the one candidate left. European text has next to no such runs.
 */
export const MAX_LATIN1_RUN_SHARE = 0.2;

/**
 * Score margin over the runner-up, in total log10 units, at which the pick is certain. The model is no calibrated
 * probability (most classes have fixed costs), so a margin is trusted only far above what short texts reach by
 * chance: `npm run eval:redecode` prints the largest margin of a wrong pick among the short prefixes.
 */
export const CERTAIN_MARGIN = 30;

/**
 * Non-ASCII characters (of the winning decoding) at which the evidence is enough for certainty. A page with a
 * handful of non-ASCII characters can read well in more than one encoding by chance (a two-character word in
 * GBK is also two Big5 characters).
 */
export const CERTAIN_EVIDENCE_CHARS = 40;

export interface CandidateScore {
  encoding: RedecodeEncoding;
  /** Why the candidate was ruled out, or null. Ruled out for its script (kana, Hangul, Latin-1 runs), it is still scored. */
  ruledOut: string | null;
  /** U+FFFD in the decoded sample. */
  errors: number;
  /** Non-ASCII characters of the decoded sample (U+FFFD included). */
  nonAscii: number;
  han: number;
  kana: number;
  hangul: number;
  /** Characters in runs of Latin-1-looking characters (damage-signals.ts, LATIN_RUN_MIN). */
  latinRuns: number;
  /** Total log10 probability of the decoded sample under the model; -Infinity when it does not decode. */
  score: number;
}

export interface EncodingPick {
  /** Scored candidates best first, then the ruled-out ones. */
  ranking: CandidateScore[];
  /** The best scored candidate, or null when every candidate was ruled out (not text in any of them). */
  best: RedecodeEncoding | null;
  /** 0–1: how sure the pick is (margin over the runner-up and amount of evidence, each capped at certainty). */
  confidence: number;
  /** Score margin of the best over the next best scored decoding, in the wrong script or not, in total log10 units (Infinity when no other decodes). */
  margin: number;
  /** The same per non-ASCII character of the best decoding. */
  marginPerChar: number;
  /** Non-ASCII characters of the best decoding. */
  evidence: number;
  /** Plain-language reasons, for the popup's details and for tests. */
  reasons: string[];
}

/**
 * The sample's end: the last byte before PICK_SAMPLE_BYTES that cannot sit inside a character in any candidate.
 * Bytes below 0x30 (controls, space, !"#$%&'()*+,-./) never continue a character: trail bytes start at 0x40
 * (GBK, Big5, Shift_JIS), at 0x80 (UTF-8) or at 0xA1 (EUC), and GB18030's four-byte form uses 0x30–0x39.
 */
export function sampleEnd(bytes: Uint8Array, max = PICK_SAMPLE_BYTES): number {
  if (bytes.length <= max) return bytes.length;
  for (let i = max; i > 0; i--) if (bytes[i - 1] < 0x30) return i;
  return max;
}

type Counts = Pick<CandidateScore, 'errors' | 'nonAscii' | 'han' | 'kana' | 'hangul' | 'latinRuns'>;

function countScripts(text: string): Counts {
  let errors = 0, nonAscii = 0, han = 0, kana = 0, hangul = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair: one character
    nonAscii++;
    if (c === 0xfffd) errors++;
    else if (isHanBmp(c) || (c >= 0xd840 && c <= 0xd87f)) han++;
    else if (isKana(c)) kana++;
    else if (isHangul(c)) hangul++;
  }
  return { errors, nonAscii, han, kana, hangul, latinRuns: damageSignals(text).latinRuns };
}

/** Why a decoding cannot be text in this encoding (its bytes do not decode), or null. */
function undecodable(c: Counts): string | null {
  if (c.errors > 0 && c.errors > MAX_ERROR_SHARE * c.nonAscii) return `${c.errors} undecodable of ${c.nonAscii} non-ASCII characters`;
  return null;
}

/** Why a decoding that decodes is still not text in this encoding's scripts, or null. */
function wrongScript(encoding: RedecodeEncoding, c: Counts): string | null {
  if ((encoding === 'shift_jis' || encoding === 'euc-jp') && c.kana < JA_MIN_KANA_SHARE * (c.han + c.kana)) {
    return `too little kana for Japanese (${c.kana} kana, ${c.han} Han)`;
  }
  if (encoding === 'windows-1252' && c.latinRuns > MAX_LATIN1_RUN_SHARE * c.nonAscii) {
    return `reads as a double-byte encoding read byte by byte (${c.latinRuns} of ${c.nonAscii} characters in Latin-1 runs)`;
  }
  if (encoding === 'euc-kr' && c.hangul < KO_MIN_HANGUL_SHARE * (c.han + c.kana + c.hangul)) {
    return `too little Hangul for Korean (${c.hangul} Hangul, ${c.han} Han)`;
  }
  return null;
}

function nonAsciiBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) n++;
  return n;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Scores `bytes` under every candidate that has a decoder (see the header for the order of work). */
export function pickEncoding(bytes: Uint8Array, decoders: Decoders): EncodingPick {
  const sample = bytes.subarray(0, sampleEnd(bytes));
  const ranking: CandidateScore[] = [];
  let utf8Decisive = false;
  for (const encoding of REDECODE_ENCODINGS) {
    const decode = decoders[encoding];
    if (!decode) continue;
    const text = decode(sample);
    const counts = countScripts(text);
    let ruledOut = undecodable(counts);
    if (encoding === 'utf-8' && ruledOut === null && counts.errors === 0 && nonAsciiBytes(sample) >= UTF8_DECISIVE_BYTES) utf8Decisive = true;
    else if (utf8Decisive) ruledOut = 'the bytes are valid UTF-8';
    // A decoding in the wrong script is still scored: it cannot win, but a pick that only beats nothing (its
    // rivals all in the wrong script) must not look sure.
    const script = ruledOut === null ? wrongScript(encoding, counts) : null;
    ranking.push({ encoding, ruledOut: ruledOut ?? script, ...counts, score: ruledOut ? -Infinity : textLog10P(text).total });
  }
  // Stable: on a tie the earlier candidate in REDECODE_ENCODINGS (UTF-8, then GBK) wins.
  ranking.sort((a, b) => (a.ruledOut === null) !== (b.ruledOut === null) ? (a.ruledOut === null ? -1 : 1) : b.score - a.score);
  const [first] = ranking;
  const reasons: string[] = [];
  if (!first || first.ruledOut !== null) {
    for (const c of ranking) reasons.push(`${c.encoding}: ${c.ruledOut}`);
    return { ranking, best: null, confidence: 0, margin: 0, marginPerChar: 0, evidence: 0, reasons };
  }
  const evidence = first.nonAscii;
  const rival = ranking.slice(1).reduce<CandidateScore | null>((r, c) => (Number.isFinite(c.score) && (!r || c.score > r.score) ? c : r), null);
  const margin = rival ? first.score - rival.score : Infinity;
  const marginPerChar = margin / Math.max(1, evidence);
  const confidence = evidence === 0 ? 0 : clamp01(margin / CERTAIN_MARGIN) * clamp01(evidence / CERTAIN_EVIDENCE_CHARS);
  reasons.push(rival
    ? `${first.encoding} reads better than ${rival.encoding} by ${margin.toFixed(1)} log10 (${marginPerChar.toFixed(2)} per character) over ${evidence} characters`
    : `${first.encoding} is the only candidate left, over ${evidence} characters`);
  for (const c of ranking) if (c.ruledOut !== null) reasons.push(`${c.encoding} ruled out: ${c.ruledOut}`);
  return { ranking, best: first.encoding, confidence, margin, marginPerChar, evidence, reasons };
}
