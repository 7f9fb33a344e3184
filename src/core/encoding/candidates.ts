import { decode, reEncode, type Decoded } from '../codecs';
import { COST_REPLACEMENT, isCommonHan, textLog10P } from '../model';
import { lineContext, nonAsciiCount, oddCount, type LineContext } from './badness';
import type { CodecName } from '../codecs';
import { isAsciiSpace, isChinesePunct, isHalfwidthKana, isHighSurrogate, isLatinShown, isLowSurrogate, isPrivateUse, isUnifiedHan } from '../text-classes';
import { completeCutChar, completeUtf8, LINE_END } from './complete-cut';
import { DROP_LOG10P, DROPPABLE, errorsAreDrops, LOST_CHAR_LOG10P } from './dropped-bytes';
import type { Hypothesis } from './hypotheses';
import type { RunningScore } from './running-score';

/** A span of the text that re-decodes strictly under one hypothesis, and what the language model thinks of it. */
export interface Candidate {
  start: number;
  end: number;
  replacement: string;
  hypothesis: Hypothesis;
  /** log10 P(replacement) − log10 P(original) − the hypothesis' cost: > 0 means the repair reads better. */
  gain: number;
  /** Bytes were lost inside the span: what came back is partial, or guessed from context. */
  lossy?: boolean;
  /** Picked on the strength of a confident repair of the same damage in its line (encoding-repair's pick). */
  vouched?: boolean;
  /** Picked below MIN_GAIN as a short span set off by ASCII or a line's edges (encoding-repair.ts, MIN_SET_OFF_GAIN). */
  setOff?: boolean;
}

/** Classes of characters a text shows, as bits: which mix-ups could have produced it at all. */
export const HAS_LATIN1 = 1;
export const HAS_CJK = 2;
/** Half-width katakana: Shift_JIS shows every lone byte A1–DF so, and UTF-8's continuation bytes land there. */
export const HAS_HALFWIDTH_KANA = 4;
/** U+FFFD: a UTF-8 decoder fed GBK bytes cannot go far without one. */
export const HAS_REPLACEMENT = 8;
/**
 * CJK in a text of at most SHORT_CJK_CHARS non-ASCII characters. UTF-8 read as Shift_JIS shows most lines with a
 * half-width kana (a lone byte A1–DF), but a short word need not hold one (荳肴弍 is 不是: E4 B8 8D E6 98 AF), and
 * a label is cheap to read once more.
 */
export const HAS_SHORT_CJK = 16;
const SHORT_CJK_CHARS = 8;

/**
 * A decoder only shows damage in characters it produces from high bytes: Latin-1 and
 * windows-1252 show 0x80–0xFF and the windows-1252 punctuation; the CJK decoders show
 * ideographs, kana and their symbol rows.
 */
const SHOWN_NEEDS: Record<string, number> = {
  'windows-1252': HAS_LATIN1,
  'iso-8859-1': HAS_LATIN1,
  gbk: HAS_CJK,
  big5: HAS_CJK,
  shift_jis: HAS_HALFWIDTH_KANA | HAS_SHORT_CJK,
  'utf-8': HAS_REPLACEMENT,
};

/** One pass over the text: which SHOWN_NEEDS classes it has (two Latin-1 characters at least, since one é is no damage). */
export function classesPresent(text: string, from: number, to: number): number {
  let bits = 0;
  let latin = 0;
  let nonAscii = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (isLatinShown(c)) {
      if (++latin >= 2) bits |= HAS_LATIN1;
    } else if (c >= 0x2e80) {
      bits |= HAS_CJK;
      if (isHalfwidthKana(c)) bits |= HAS_HALFWIDTH_KANA;
      else if (c === 0xfffd) bits |= HAS_REPLACEMENT;
    }
    if (bits === (HAS_LATIN1 | HAS_CJK | HAS_HALFWIDTH_KANA | HAS_REPLACEMENT) && nonAscii > SHORT_CJK_CHARS) return bits;
  }
  return (bits & HAS_CJK) !== 0 && nonAscii <= SHORT_CJK_CHARS ? bits | HAS_SHORT_CJK : bits;
}

/**
 * GBK pages show two-byte codes; the four-byte GB18030 sequences contain ASCII digits that
 * mojibake never produces. A character needing one was not shown by a GBK decoder: treat it
 * as unmappable so runs break there (else Cyrillic Ҫ would "re-decode" into digits).
 */
function withFourByteBreaks(unmappable: number[], byteAt: Uint32Array, from: number, to: number): number[] {
  let out: number[] | undefined;
  for (let i = from; i < to; i++) {
    if (byteAt[i + 1 - from] - byteAt[i - from] === 4) (out ??= []).push(i);
  }
  if (!out) return unmappable;
  return [...new Set([...unmappable, ...out])].sort((a, b) => a - b);
}

/**
 * text[from, to) as the bytes one shown decoder would have read it from: one re-encoding serves every
 * hypothesis with that decoder, and every function below reads from it.
 */
export interface Reading {
  text: string;
  from: number;
  to: number;
  bytes: Uint8Array;
  /** byteAt[i - from]: where unit i's bytes start (codecs/types.ts). */
  byteAt: Uint32Array;
  /** Units the shown decoder can never produce: runs of candidate text lie between them. */
  unmappable: number[];
  /** The language model's running score over the text (cumulativeLog10P). */
  prefix: RunningScore;
  /** Where candidates are collected. */
  out: Candidate[];
  /** What the line is written in (badness.ts). */
  line: LineContext;
}

/**
 * text[from, to) as the `shown` decoder would have read it from bytes, ready for candidatesOf; null when the text
 * shows nothing that decoder produces (SHOWN_NEEDS), so no hypothesis with it can apply. `line`, when given, is
 * lineContext(text, from, to) from another reading of the same text (it depends on no decoder).
 */
export function readingFor(text: string, from: number, to: number, shown: CodecName, present: number, prefix: RunningScore, out: Candidate[], line?: LineContext): Reading | null {
  if ((SHOWN_NEEDS[shown] & present) === 0) return null;
  const enc = reEncode(shown, text, from, to);
  const unmappable = shown === 'gbk' ? withFourByteBreaks(enc.unmappable, enc.byteAt, from, to) : enc.unmappable;
  return { text, from, to, bytes: enc.bytes, byteAt: enc.byteAt, unmappable, prefix, out, line: line ?? lineContext(text, from, to) };
}

/**
 * Every maximal span of the reading's text that its decoder could have produced from bytes that decode without
 * error as one hypothesis' `truth`, with pure-ASCII edges trimmed (ASCII bytes read the same in every codec here,
 * so they need no repair), added to the reading's `out`.
 */
export function candidatesOf(r: Reading, hypothesis: Hypothesis): void {
  const { text, from, to, unmappable } = r;
  const lossy = text.includes('\ufffd', from);
  // Lossy text is read twice, strictly and across gaps: the second pass walks the same runs between unmappable
  // characters, and reuses the first one's decodes by run number.
  const decoded: DecodedRuns | undefined = lossy ? [] : undefined;
  let runStart = from;
  for (let k = 0; k <= unmappable.length; k++) {
    const runEnd = k < unmappable.length ? unmappable[k] : to;
    if (runEnd > runStart) regionsOfRun(r, hypothesis, runStart, runEnd, k, decoded);
    if (k < unmappable.length) runStart = afterUnit(text, runEnd);
  }
  if (decoded) lossySegments(r, hypothesis, decoded);
}

/** The index after the character at i (a surrogate pair is listed once, by its high half; a lone half is one unit). */
function afterUnit(text: string, i: number): number {
  return i + (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1);
}

/**
 * Lossy damage: where the shown decoder already gave up (U+FFFD), bytes are gone, so the
 * strict regions stop at every gap. Across gaps, each piece between U+FFFDs is decoded on
 * its own (a character cut by the gap becomes one U+FFFD) and the pieces are joined, so the
 * characters the remaining bytes still determine come back and the rest stays marked.
 */
/** The language model's score leaving U+FFFD out, and how many there were. */
function scoreWithoutLoss(s: string, a: number, b: number, total = textLog10P(s, a, b).total): [number, number] {
  let lost = 0;
  for (let i = a; i < b; i++) if (s.charCodeAt(i) === 0xfffd) lost++;
  return [total - lost * COST_REPLACEMENT, lost];
}

/** The decode of each run between unmappable characters, by the run's number (k in candidatesOf's walk). */
type DecodedRuns = (Decoded | undefined)[];

/** A gap cuts at most one character on each side: a UTF-8 character has at most 3 bytes after its first. */
const LOSSY_EDGE_BYTES = 3;
/** Cut characters leave at most this many errors at a piece's two edges (each stray continuation byte is one). */
const LOSSY_MAX_EDGE_ERRORS = 4;
/** log10 cost charged per character of the text a lossy repair merges into a U+FFFD: about a typical Han character's. */
const SWALLOWED_CHAR_COST = -3;

/**
 * True when every decode error of the piece bytes[bs, be) is a character cut by an adjacent gap, on the gap's own
 * side: for UTF-8, up to three stray continuation bytes at the start (a gap before it) and one truncated sequence at
 * the end (a gap after it, or the line's end) whose lead byte starts a longer sequence; for the two-byte codecs,
 * one byte on either side. Clean text next to a gap (但 = GBK B5 AB, two UTF-8 errors) is explained by no gap.
 */
function errorsAtGaps(truth: CodecName, bytes: Uint8Array, bs: number, be: number, errors: readonly number[], gapBefore: boolean, gapAfter: boolean): boolean {
  const utf8 = truth === 'utf-8';
  let i = 0;
  if (gapBefore) {
    while (i < errors.length && errors[i] < bs + (utf8 ? LOSSY_EDGE_BYTES : 1) && (!utf8 || (bytes[errors[i]] >= 0x80 && bytes[errors[i]] <= 0xbf))) i++;
  }
  let n = errors.length;
  if (gapAfter && n > i) {
    const e = errors[n - 1];
    if (e >= be - (utf8 ? LOSSY_EDGE_BYTES : 1) && (!utf8 || (bytes[e] >= 0xc2 && bytes[e] <= 0xf4))) n--;
  }
  return i >= n;
}

/** Whether every non-ASCII character of text[a, b) is a common Han character or Chinese punctuation. */
function readsClean(text: string, a: number, b: number): boolean {
  let any = false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (!(isUnifiedHan(c) && isCommonHan(c)) && !isChinesePunct(c)) return false;
    any = true;
  }
  return any;
}

/**
 * The piece text[runStart, runEnd), a gap after it, holds decode errors no gap explains: where it is clean text
 * glued to damage, the damage is the stretch after the last of those errors, up to a character the gap cut.
 * Returns that tail and its decode, or null (no error-free stretch, or nothing but clean text).
 */
function gluedTail(r: Reading, hypothesis: Hypothesis, runStart: number, runEnd: number, dec: Decoded): { start: number; dec: Decoded } | null {
  const { text, from, bytes, byteAt } = r;
  const be = byteAt[runEnd - from];
  let start = runStart;
  let d = dec;
  // Each step starts past every error but a final cut character; a decode from a new start may find new errors
  // (a misaligned start): a few steps at most.
  for (let step = 0; step < LOSSY_MAX_EDGE_ERRORS; step++) {
    if (errorsAtGaps(hypothesis.truth, bytes, byteAt[start - from], be, d.errors, false, true)) {
      if (start === runStart) return null;
      // The clean text may run on past its last error (一些 as UTF-8 is һЩ): as at a region's start.
      const [a] = skipGluedClean(r, d, start, runEnd, 0, d.text.length);
      return a === start ? { start, dec: d } : { start: a, dec: decode(hypothesis.truth, bytes, byteAt[a - from], be) };
    }
    let n = d.errors.length;
    if (errorsAtGaps(hypothesis.truth, bytes, d.errors[n - 1], be, d.errors.slice(n - 1), false, true)) n--;
    const lastClean = d.errors[n - 1];
    let t = start;
    while (t < runEnd && (byteAt[t - from] <= lastClean || isLowSurrogate(text.charCodeAt(t)))) t++;
    if (t >= runEnd) return null;
    start = t;
    d = decode(hypothesis.truth, bytes, byteAt[start - from], be);
  }
  return null;
}

function lossySegments(r: Reading, hypothesis: Hypothesis, decoded: DecodedRuns): void {
  const { text, from, to, bytes, byteAt, unmappable, out } = r;
  let segStart = -1;
  let joined = '';
  let gaps = 0;
  /** Characters of the text whose bytes all decoded to errors: merged into a U+FFFD, they are lost, not repaired. */
  let swallowed = 0;
  let skipGap = false;
  let runStart = from;
  const flush = (segEnd: number) => {
    if (segStart >= 0 && gaps > 0) {
      // Trailing ASCII reads the same either way, but only where the decode shows the same characters: an ASCII
      // character of the text may be the trail byte of a two-byte character, and a decode may end in ASCII bytes
      // that were half of a character of the text.
      let joinedEnd = joined.length;
      while (segEnd > segStart && joinedEnd > 0 && text.charCodeAt(segEnd - 1) < 0x80 && joined.charCodeAt(joinedEnd - 1) === text.charCodeAt(segEnd - 1)) {
        segEnd--;
        joinedEnd--;
      }
      // Runs of U+FFFD become one; most segments have none, and skip the regular expression.
      const kept = joined.slice(0, joinedEnd);
      const replacement = kept.includes('\ufffd\ufffd') ? kept.replace(/\ufffd+/g, '\ufffd') : kept;
      if (replacement !== text.slice(segStart, segEnd) && isPlausible(replacement, false)) {
        // Merging several U+FFFD into one is no gain; a U+FFFD the repair adds is a loss like any other, and so is
        // a character of the text it swallows.
        const [after, lostAfter] = scoreWithoutLoss(replacement, 0, replacement.length);
        const [before, lostBefore] = scoreWithoutLoss(text, segStart, segEnd, r.prefix.alone(segStart, segEnd));
        const gain = after - before + Math.max(0, lostAfter - lostBefore) * COST_REPLACEMENT + swallowed * SWALLOWED_CHAR_COST - hypothesis.cost;
        out.push({ start: segStart, end: segEnd, replacement, hypothesis, gain, lossy: true });
      }
    }
    segStart = -1;
    joined = '';
    gaps = 0;
    swallowed = 0;
  };
  for (let k = 0; k <= unmappable.length; k++) {
    const runEnd = k < unmappable.length ? unmappable[k] : to;
    if (runEnd > runStart) {
      const be = byteAt[runEnd - from];
      let dec = decoded[k] ?? decode(hypothesis.truth, bytes, byteAt[runStart - from], be);
      // Errors a gap does not explain mean the piece was never this damage: clean text beside the damaged
      // sentence. It ends the segment and is left alone. The line's end counts as a gap after: text cut off
      // mid-character (a truncated title, a layer below).
      const gapBefore = runStart > from && text.charCodeAt(runStart - 1) === 0xfffd;
      // A U+FFFD right after the piece (not only the line's end).
      const gapNext = k < unmappable.length && text.charCodeAt(runEnd) === 0xfffd;
      const gapAfter = k === unmappable.length || gapNext;
      let atEdges = errorsAtGaps(hypothesis.truth, bytes, byteAt[runStart - from], be, dec.errors, gapBefore, gapAfter);
      if (!atEdges && gapNext) {
        // Clean text and the damage it runs into in one piece (请看：鎮ㄥ…鎹 then U+FFFD): the clean text's
        // errors are its own, and the damaged tail after them is a piece of its own.
        const tail = gluedTail(r, hypothesis, runStart, runEnd, dec);
        if (tail !== null) {
          flush(runStart);
          runStart = tail.start;
          dec = tail.dec;
          atEdges = true;
        }
      }
      if (!atEdges || dec.errors.length > LOSSY_MAX_EDGE_ERRORS) {
        flush(runStart);
        if (k === unmappable.length) break;
        runStart = afterUnit(text, runEnd);
        continue;
      }
      let piece = dec.text;
      // A piece whose every non-ASCII character became an error shows nothing of this damage; what it held is lost.
      if (dec.errors.length > 0 && !/[^\x00-\x7f\ufffd]/.test(piece)) {
        // Unless it ends the damage and reads as clean text (。 right after the gap that took the last byte of 的):
        // its stray bytes are its own, not the rest of a cut character, and the segment ends at the gap. (Between
        // two gaps, as Big5 shows UTF-8, such pieces are what is left of cut characters.)
        if (!gapNext && readsClean(text, runStart, runEnd)) {
          flush(runStart);
          if (k === unmappable.length) break;
          runStart = afterUnit(text, runEnd);
          continue;
        }
        for (let i = runStart; i < runEnd; i++) {
          const c = text.charCodeAt(i);
          if (c >= 0x80 && !isLowSurrogate(c)) swallowed++;
        }
      }
      // A character cut by the gap that follows: guess its lost last byte from context.
      const gapFollows = gapNext && text.charCodeAt(runEnd + 1) !== 0xfffd;
      // Not errors[-1] on a piece without errors: V8 looks an index out of bounds up the prototype chain, 1 % of a CPU profile.
      const lastErr = dec.errors.length > 0 ? dec.errors[dec.errors.length - 1] : undefined;
      if (hypothesis.truth === 'utf-8' && (gapFollows || k === unmappable.length) && lastErr !== undefined && piece.endsWith('\ufffd') && dec.srcAt[piece.length - 1] === lastErr) {
        const prev = piece.length >= 2 ? piece.charCodeAt(piece.length - 2) : 0;
        const after = gapFollows ? runEnd + 1 : runEnd;
        const endsLine = after >= text.length || text.charCodeAt(after) === 0x0a || text.charCodeAt(after) === 0x0d;
        const guess = completeCutChar(bytes, lastErr, be, prev, endsLine ? LINE_END : 0);
        if (guess !== null) {
          piece = piece.slice(0, -1) + guess;
          if (gapFollows) skipGap = true;
        }
      }
      if (segStart < 0) {
        // Start where the damage starts: leading ASCII reads the same either way.
        let a = runStart;
        let skip = 0;
        while (a < runEnd && text.charCodeAt(a) < 0x80) {
          a++;
          skip++;
        }
        // Nor does clean text glued before it (模式 before 閺冪姵鏅: 式 would read as ʽ).
        if (a < runEnd) [a, skip] = skipGluedClean(r, dec, a, runEnd, skip, dec.text.length);
        segStart = a;
        joined = piece.slice(skip);
      } else joined += piece;
    }
    if (k === unmappable.length) break;
    const c = text.charCodeAt(runEnd);
    if (c === 0xfffd) {
      if (segStart < 0) segStart = runEnd;
      if (!skipGap) joined += '\ufffd';
      skipGap = false;
      gaps++;
      runStart = runEnd + 1;
    } else {
      flush(runEnd);
      runStart = afterUnit(text, runEnd);
    }
  }
  flush(to);
}

function regionsOfRun(r: Reading, hypothesis: Hypothesis, runStart: number, runEnd: number, run: number, decoded: DecodedRuns | undefined): void {
  const { from, bytes, byteAt } = r;
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
  // A region's span lies inside the run, and addRegion drops any span with no odd character before it does anything
  // else: a run without one (clean text beside the damage, a repaired line read again) has no region worth a look.
  // Its decode may still serve the lossy pass or the dropped-bytes reading; without either it is not needed at all.
  const odd = hasOddChar(r.text, runStart, runEnd);
  if (!odd && !decoded && !mayShowDrops(hypothesis)) return;
  const dec = decode(hypothesis.truth, bytes, bs, be);
  if (decoded) decoded[run] = dec;
  if (dec.errors.length > 0) droppedBytesCandidate(r, hypothesis, runStart, runEnd, dec);
  if (!odd) return;
  // Clean byte regions lie between decode errors.
  let regionStart = bs;
  const errs = dec.errors;
  let e = 0;
  for (let j = 0; j <= dec.text.length; j++) {
    const at = dec.srcAt[j];
    const isError = j < dec.text.length && e < errs.length && errs[e] === at && dec.text.charCodeAt(j) === 0xfffd;
    if (isError || j === dec.text.length) {
      const regionEnd = at;
      if (regionEnd > regionStart) addRegion(r, hypothesis, runStart, runEnd, dec, regionStart, regionEnd);
      if (isError) {
        e++;
        regionStart = j + 1 <= dec.text.length ? dec.srcAt[j + 1] : be;
      }
    }
  }
}

/**
 * Damage always shows at least one character natural text rarely has (a rare Han character,
 * a Latin-1 letter, a symbol, a stray kana). A span of only common Han characters and
 * punctuation reads as it should, so it is not worth a language-model comparison.
 */
function hasOddChar(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || isChinesePunct(c) || c === 0x3000) continue;
    if (isUnifiedHan(c) && isCommonHan(c)) continue;
    return true;
  }
  return false;
}

/**
 * An edge piece joins a repair only if it reads clearly better decoded (log10): one character of
 * clean text and its accidental decode (遥 → ң) score about the same.
 */
const EDGE_PIECE_MARGIN = 1.5;

/** A piece this short (non-ASCII characters) that reads as well decoded stays with the damage around it. */
const SHORT_PIECE = 3;

/**
 * Whether the space-separated edge piece text[a, b) ↔ dec.text[k0, k1) is clean text the region swallowed: it
 * reads no clearly better decoded (EDGE_PIECE_MARGIN). A short piece that reads as well either way (逆 A … in a
 * line of Big5 shown as GBK, whose first word 欄 is as good a character as 逆) goes with the damage of its line
 * unless decoding makes it odd or clearly worse: one decoder showed the whole line.
 */
function isCleanPiece(r: Reading, dec: Decoded, decLine: LineContext, a: number, b: number, k0: number, k1: number): boolean {
  const before = r.prefix.span(a, b);
  const after = textLog10P(dec.text, k0, k1).total;
  if (after > before + EDGE_PIECE_MARGIN) return false;
  if (nonAsciiCount(r.text, a, b) > SHORT_PIECE) return true;
  return after < before - EDGE_PIECE_MARGIN || oddCount(dec.text, k0, k1, decLine) > oddCount(r.text, a, b, r.line);
}

/** First ASCII whitespace in text[a, b), or -1. */
function nextSpace(text: string, a: number, b: number): number {
  for (let i = a; i < b; i++) if (isAsciiSpace(text.charCodeAt(i))) return i;
  return -1;
}

/** Last ASCII whitespace in text[a, b), or -1. */
function prevSpace(text: string, a: number, b: number): number {
  for (let i = b - 1; i >= a; i--) if (isAsciiSpace(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * The output unit whose character starts exactly at byte p, or -1. A low surrogate carries the offset just past
 * its pair's bytes, the same as the next character's: it is never a character's start.
 */
function unitAt(dec: Decoded, p: number): number {
  const { srcAt, text } = dec;
  let lo = 0;
  let hi = srcAt.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (srcAt[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  while (lo < text.length && srcAt[lo] === p && isLowSurrogate(text.charCodeAt(lo))) lo++;
  return srcAt[lo] === p ? lo : -1;
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

/**
 * A byte region may run on into clean text that happens to form valid sequences with it (文件名， then 去, whose
 * GBK bytes also read as UTF-8 ȥ). Such an edge is trimmed: at each end, the smallest piece between two places
 * where a character of the text and a character of the decode start at the same byte is dropped while the text
 * piece shows nothing odd, its decode does (badness.ts) and reads worse than the text by EDGE_TRIM_MARGIN. Damage
 * itself reads badly as it stands, so it stays in.
 */
/** An edge is trimmed only if its decode reads worse than the text as it stands by this much (log10). */
const EDGE_TRIM_MARGIN = 1.0;

/** A decode with at most this share of odd characters reads naturally (encoding-repair's MAX_ODD_SHARE_AFTER). */
const NATURAL_ODD_SHARE = 0.15;

/**
 * Han for Han, the decode of a one-character edge is judged against its decoded neighbours: a clean character the
 * region swallowed forms words with the repair beside it, its decode rarely does (网 before 釐馱, Big5 of GBK's 络工:
 * 网络工具 against 蔍络工具). The edge stays as it stands when, followed (or preceded) by the next two characters of
 * the repair, it reads better than its decode by EDGE_WORD_MARGIN (two orders of magnitude: a word against none).
 */
const EDGE_WORD_MARGIN = 2;

function joinsBetterAsItStands(text: string, i0: number, i1: number, decText: string, k0: number, k1: number, keep0: number, keep1: number): boolean {
  if (i1 - i0 !== 1 || k1 - k0 !== 1 || !isUnifiedHan(text.charCodeAt(i0)) || !isUnifiedHan(decText.charCodeAt(k0))) return false;
  // The edge is at the start of what is kept (keep0 === k1) or at its end (keep1 === k0).
  const leading = keep0 === k1;
  const ctx = leading ? decText.slice(keep0, Math.min(keep0 + 2, keep1)) : decText.slice(Math.max(keep0, keep1 - 2), keep1);
  if (ctx.length === 0) return false;
  const asIs = leading ? text[i0] + ctx : ctx + text[i0];
  const decoded = leading ? decText[k0] + ctx : ctx + decText[k0];
  return textLog10P(asIs).total > textLog10P(decoded).total + EDGE_WORD_MARGIN;
}

/**
 * The last edge before [b, j1), after [a, j0), where a character of the text and one of the decode start at the same
 * byte, as [i, j]; i <= a or j <= j0 when there is none.
 */
function edgeBefore(r: Reading, dec: Decoded, a: number, b: number, j0: number, j1: number): [number, number] {
  const { text, from, byteAt } = r;
  let i = b - 1;
  let j = j1 - 1;
  while (i > a && j > j0) {
    const bi = byteAt[i - from];
    const bj = dec.srcAt[j];
    if (bi > bj || isLowSurrogate(text.charCodeAt(i))) i--;
    else if (bj > bi || isLowSurrogate(dec.text.charCodeAt(j))) j--;
    else break;
  }
  return [i, j];
}

/** The same forwards: the first shared edge after [a, j0), before [b, j1); i >= b or j >= j1 when there is none. */
function edgeAfter(r: Reading, dec: Decoded, a: number, b: number, j0: number, j1: number): [number, number] {
  const { text, from, byteAt } = r;
  let i = a + 1;
  let j = j0 + 1;
  while (i < b && j < j1) {
    const bi = byteAt[i - from];
    const bj = dec.srcAt[j];
    if (bi < bj || isLowSurrogate(text.charCodeAt(i))) i++;
    else if (bj < bi || isLowSurrogate(dec.text.charCodeAt(j))) j++;
    else break;
  }
  return [i, j];
}

function trimCleanEdges(r: Reading, dec: Decoded, a: number, b: number, j0: number, j1: number): [number, number, number, number] {
  const { text, line } = r;
  // Each side judged in its own line: the text as it stands, the decode as it would read.
  const decLine = lineContext(dec.text, j0, j1);
  // Only where the rest of the decode reads naturally: the middle layer of a double encoding is odd throughout.
  const natural = (k0: number, k1: number) => oddCount(dec.text, k0, k1, decLine) <= NATURAL_ODD_SHARE * nonAsciiCount(dec.text, k0, k1);
  const cleanEdge = (i0: number, i1: number, k0: number, k1: number, keep0: number, keep1: number) =>
    oddCount(text, i0, i1, line) === 0 &&
    // Another script or a symbol, not a rarer Han character: Big5 and GBK trade Han for Han (舊 ↔ 侣) at every edge.
    ((oddCount(dec.text, k0, k1, decLine, false) > 0 && textLog10P(dec.text, k0, k1).total < textLog10P(text, i0, i1).total - EDGE_TRIM_MARGIN) ||
      joinsBetterAsItStands(text, i0, i1, dec.text, k0, k1, keep0, keep1)) &&
    natural(keep0, keep1);
  for (;;) {
    // The last cut point before the end: step back to where both sides start a character at one byte.
    const [i, j] = edgeBefore(r, dec, a, b, j0, j1);
    if (i <= a || j <= j0 || !cleanEdge(i, b, j, j1, j0, j)) break;
    b = i;
    j1 = j;
  }
  for (;;) {
    const [i, j] = edgeAfter(r, dec, a, b, j0, j1);
    if (i >= b || j >= j1 || !cleanEdge(a, i, j0, j, j, j1)) break;
    a = i;
    j0 = j;
  }
  return [a, b, j0, j1];
}

/** skipGluedClean at a region's end: back from [b, j1) past glued clean characters (要确 after 闇€ reads as Ҫȷ). */
function dropGluedClean(r: Reading, dec: Decoded, a: number, b: number, j0: number, j1: number): [number, number] {
  const { text } = r;
  // Only where Chinese text follows: a span that ends the text or meets ASCII ends with its damage.
  if (!gluesTo(text, b)) return [b, j1];
  for (;;) {
    const c = text.charCodeAt(b - 1);
    const d = dec.text.charCodeAt(j1 - 1);
    if (!isGluedLetter(c, d, true)) return [b, j1];
    const [i, j] = edgeBefore(r, dec, a, b, j0, j1);
    if (i <= a || j <= j0) return [b, j1];
    b = i;
    j1 = j;
  }
}

/**
 * A common Han character of the text that a decode shows as a letter of an alphabet past Latin-1 (ʽ Ӧ һ Բ ֮: what
 * a two-byte UTF-8 reading of a GBK character shows) or kana (文件 as Big5 is ゅン): clean text glued to the damage.
 * Not Latin-1 (路 is the UTF-8 of ·, 脳 of ×: real damage starts so), full-width forms or CJK marks (锛嶏紵 is
 * －？). Greek and basic Cyrillic count only where Chinese text runs into the span (`glued`): damage that starts with
 * α right after Chinese text (这是伪绮掑…) keeps its 伪, as glued 伪 would otherwise become α; at the text's start
 * or after a space it comes back.
 */
function isGluedLetter(c: number, d: number, glued: boolean): boolean {
  if (!isUnifiedHan(c) || !isCommonHan(c)) return false;
  if (d >= 0x3041 && d <= 0x30ff) return true;
  if (d < 0x100 || d > 0x7ff) return false;
  // Greek and basic Cyrillic start real text too (α粒子): only where Chinese text runs into the span.
  return glued || d < 0x370 || d > 0x45f;
}

/** Whether text[i] is Chinese text a span's edge may be glued to: a Han character or a Chinese mark. */
function gluesTo(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return isUnifiedHan(c) || isChinesePunct(c);
}

/**
 * From a region's start [a, j0), past the common Han characters of the text the decode shows as letters of
 * alphabets or kana, to the next edge both start a character at; returns the new [a, j0].
 */
function skipGluedClean(r: Reading, dec: Decoded, a: number, b: number, j0: number, j1: number): [number, number] {
  const { text } = r;
  const glued = gluesTo(text, a - 1);
  for (;;) {
    const c = text.charCodeAt(a);
    const d = dec.text.charCodeAt(j0);
    if (!isGluedLetter(c, d, glued)) return [a, j0];
    const [i, j] = edgeAfter(r, dec, a, b, j0, j1);
    if (i >= b || j >= j1) return [a, j0];
    a = i;
    j0 = j;
  }
}

/** Adds the candidate for the clean byte region [p, q) of the run text[runStart, runEnd), decoded as `dec`. */
function addRegion(r: Reading, hypothesis: Hypothesis, runStart: number, runEnd: number, dec: Decoded, p: number, q: number): void {
  const { text, from, byteAt, prefix, out } = r;
  let a = lowerBound(byteAt, from, runStart, runEnd, p);
  // Last index in [a, runEnd] whose character starts at or before q.
  let b = lowerBound(byteAt, from, a, runEnd, q);
  if (byteAt[b - from] > q) b--;
  // Never cut a surrogate pair.
  if (isLowSurrogate(text.charCodeAt(a))) a++;
  if (b < text.length && isLowSurrogate(text.charCodeAt(b))) b--;
  while (a < b && text.charCodeAt(a) < 0x80) a++;
  {
    // An ASCII character may be the trail byte of the region's last character (Big5 。 = A1 43, shown as ¡C):
    // trim trailing ASCII only down to a character edge of the decode.
    let t = b;
    while (t > a && text.charCodeAt(t - 1) < 0x80) t--;
    while (t < b && unitAt(dec, byteAt[t - from]) < 0) t++;
    b = t;
  }
  // A region may start inside a character of the text: clean text glued before the damage whose last bytes form a
  // valid sequence with it (庫。 then 鎮ㄨ… in GBK: 庫's second byte EC and 。's A1 A3 read as UTF-8 졣). Its span
  // starts where a character of the text and one of the decode first start at the same byte. (Not so at the end:
  // there a misaligned edge is damage running on, and cutting it back left partial repairs of double encodings.)
  while (a < b && unitAt(dec, byteAt[a - from]) < 0) a++;
  if (b <= a || !hasOddChar(text, a, b)) return;
  const bp = byteAt[a - from];
  const bq = byteAt[b - from];
  if (bq <= bp) return;
  // The run was decoded once; a region whose edges are character edges of that decode is a slice of it.
  let j0 = unitAt(dec, bp);
  let j1 = unitAt(dec, bq);
  if (j0 < 0 || j1 < 0) return;
  // Clean text glued before the damage whose common characters decode to letters of alphabets (应 → Ӧ, 一些 → һЩ,
  // 式 → ʽ before a double encoding; at a misaligned start it may run on past the first shared edge).
  // trimCleanEdges keeps those wherever the decode is a double encoding's odd middle layer: they are left out here.
  [a, j0] = skipGluedClean(r, dec, a, b, j0, j1);
  [b, j1] = dropGluedClean(r, dec, a, b, j0, j1);
  [a, b, j0, j1] = trimCleanEdges(r, dec, a, b, j0, j1);
  if (b <= a) return;
  // Whitespace-separated pieces at either edge that read no better decoded are clean text the byte
  // region happened to swallow (a line before the damage): leave them out.
  const decLine = lineContext(dec.text, j0, j1);
  for (;;) {
    const w = nextSpace(text, a, b);
    if (w < 0) break;
    const u = unitAt(dec, byteAt[w - from]);
    if (u < 0 || !isCleanPiece(r, dec, decLine, a, w, j0, u)) break;
    a = w + 1;
    j0 = u + 1;
  }
  for (;;) {
    const w = prevSpace(text, a, b);
    if (w < 0) break;
    const u = unitAt(dec, byteAt[w - from]);
    if (u < 0 || !isCleanPiece(r, dec, decLine, w + 1, b, u + 1, j1)) break;
    b = w;
    j1 = u;
  }
  // ASCII at the edges reads the same either way, where the decode shows the same character from the same byte.
  while (a < b && j0 < j1 && text.charCodeAt(a) < 0x80 && dec.text.charCodeAt(j0) === text.charCodeAt(a) && dec.srcAt[j0] === byteAt[a - from]) {
    a++;
    j0++;
  }
  while (b > a && j1 > j0 && text.charCodeAt(b - 1) < 0x80 && dec.text.charCodeAt(j1 - 1) === text.charCodeAt(b - 1) && dec.srcAt[j1 - 1] === byteAt[b - 1 - from]) {
    b--;
    j1--;
  }
  if (b <= a || j1 <= j0) return;
  if (b <= a || j1 <= j0 || !hasOddChar(text, a, b)) return;
  const replacement = dec.text.slice(j0, j1);
  if (replacement === text.slice(a, b) || !isPlausible(replacement, true)) return;
  const before = prefix.span(a, b);
  const after = textLog10P(replacement).total;
  out.push({ start: a, end: b, replacement, hypothesis, gain: after - before - hypothesis.cost });
}

/** Whether the hypothesis is UTF-8 shown by a viewer that may drop bytes (droppedBytesCandidate). */
function mayShowDrops(hypothesis: Hypothesis): boolean {
  return hypothesis.truth === 'utf-8' && DROPPABLE[hypothesis.shown] !== undefined;
}

/**
 * UTF-8 shown as windows-1252 or Latin-1 with dropped bytes (dropped-bytes.ts): when every decode error of the run
 * is a character the drops truncated, the whole run is one candidate, each truncated character guessed from its
 * neighbours among the completions the dropped bytes allow (ä¸ + 文 → 中文) or left as U+FFFD. Lossy either way.
 */
function droppedBytesCandidate(r: Reading, hypothesis: Hypothesis, runStart: number, runEnd: number, dec: Decoded): void {
  const dropped = DROPPABLE[hypothesis.shown];
  if (!dropped || !mayShowDrops(hypothesis)) return;
  const { text, from, bytes, byteAt, out } = r;
  const be = byteAt[runEnd - from];
  if (!errorsAreDrops(bytes, be, dec.errors)) return;
  let a = runStart;
  let b = runEnd;
  while (a < b && text.charCodeAt(a) < 0x80) a++;
  while (b > a && text.charCodeAt(b - 1) < 0x80) b--;
  const j0 = unitAt(dec, byteAt[a - from]);
  const j1 = unitAt(dec, byteAt[b - from]);
  if (b <= a || j0 < 0 || j1 < 0) return;
  let replacement = '';
  let drops = 0;
  let e = 0;
  for (let j = j0; j < j1; j++) {
    const at = dec.srcAt[j];
    while (e < dec.errors.length && dec.errors[e] < at) e++;
    if (dec.text.charCodeAt(j) !== 0xfffd || dec.errors[e] !== at) {
      replacement += dec.text[j];
      continue;
    }
    drops++;
    const prev = replacement.length > 0 ? replacement.charCodeAt(replacement.length - 1) : 0;
    const next = j + 1 < dec.text.length ? dec.text.charCodeAt(j + 1) : 0;
    replacement += completeUtf8(bytes, at, dec.srcAt[j + 1], prev, next, dropped, true) ?? '\ufffd';
  }
  if (!isPlausible(replacement, false)) return;
  // Each drop costs its own likelihood, and a character it left unreadable a typical character's: not the
  // model's U+FFFD cost, which is for a decoder that gave up.
  const [after, lost] = scoreWithoutLoss(replacement, 0, replacement.length);
  const before = r.prefix.span(a, b);
  const gain = after + lost * LOST_CHAR_LOG10P + drops * DROP_LOG10P[hypothesis.shown]! - before - hypothesis.cost;
  out.push({ start: a, end: b, replacement, hypothesis, gain, lossy: true });
}

/**
 * Rules out decodes no author wrote: C0 controls (other than tab and line breaks), noncharacters, lone
 * surrogates, code points beyond the planes in use (planes 3–13 and 15–16 hold nothing readable), and private use
 * beyond a rare character's share of the text (PRIVATE_USE_SHARE).
 * C1 controls stay possible: they are the middle layer of a double encoding read as Latin-1; so is private
 * use of any share while `middle` (GBK shows its user-defined area as private use, the middle of a double UTF-8→GBK).
 */
export function isPlausible(s: string, middle: boolean): boolean {
  let privateUse = 0;
  let nonAscii = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) nonAscii++;
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    } else if (isPrivateUse(c)) {
      privateUse++;
    } else if (c === 0x7f || c === 0xfffe || c === 0xffff) {
      return false;
    } else if (isHighSurrogate(c)) {
      // A high surrogate without its low half is no character at all; neither is a low one alone.
      if (!isLowSurrogate(s.charCodeAt(i + 1))) return false;
      const plane = s.codePointAt(i)! >> 16;
      if (plane >= 3 && plane !== 14) return false;
      i++;
    } else if (isLowSurrogate(c)) {
      return false;
    }
  }
  return middle || privateUse === 0 || privateUse * PRIVATE_USE_SHARE <= nonAscii;
}

/**
 * Classical texts keep a character no standard encodes in the private use area (全宋诗's bios: 王云（～一一二六）
 * holds U+E00E), so a true repair may bring one back among many ordinary characters: at most one in this many
 * non-ASCII characters. A decode made of them is no text.
 */
const PRIVATE_USE_SHARE = 20;
