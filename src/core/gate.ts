/**
 * The cheap check: is a text worth the decoder at all? One pass, no codec tables, no
 * language model — only a 4 KB bitmap of common Han characters. Most pages have no
 * mojibake, so this is what most text costs. It must let every damaged text through;
 * false alarms only cost time, since the decoder then leaves the text unchanged.
 */
import { hasCuedColon } from './founder/colon-cue';
import { COMMON_HAN_BASE, commonHanBits, isCommonHan } from './model/common-han';
import { endsSentenceBefore, isHanExtA, isKana, isLatinShown, isOddSymbol, isSpace, isUnifiedHan } from './text-classes';
import type { Evidence } from './types';

/** Shifted ，。、” (袁 遥 尧 冶): Founder damage always shows some of these. Compared inline: this loop runs on every page. */
const TELL_COMMA = 0x8881;
const TELL_STOP = 0x9065;
const TELL_LIST = 0x5c27;
const TELL_QUOTE = 0x51b6;

/**
 * Shifted openers and closers of quotes, titles, corner brackets and parentheses (野…冶 叶…曳 腋…夜 渊…冤): a matched
 * pair is a sign of damage to the decision (founder-signs' free pair marks), so the gate passes one wherever a closer
 * follows its opener within PAIR_REACH characters. One flag per basic Han character, read once per character.
 */
const FLAG_TELL = 1;
const FLAG_OPEN = 2;
const FLAG_CLOSE = 4;
/** 屯, a common character: 屯屯屯 is uninitialised memory (0xCD bytes) shown as GBK (lossy.ts); 烫烫烫 is rare anyway. */
const FLAG_MEMORY = 8;
const TUN = 0x5c6f;
/** 遥 钥 浴, the shifted 。？！, where a sentence can end (founder-signs' END_MARKS: 钥 浴 are tells only there). */
const FLAG_END = 16;
const PAIRS = '野冶叶曳腋夜渊冤';
/** founder-signs' PAIR_SIGN_MAX_INSIDE (20) plus the closer itself. */
const PAIR_REACH = 21;
/**
 * Which pair a flagged opener or closer belongs to, in the flags' high bits (its opener's offset in PAIRS): a closer
 * matches the last opener when the bits agree. Compared as numbers: looking the opener up by string, once per
 * closer, was half the decoder's gate time in one CPU profile of an e-paper page in a cold renderer.
 */
const PAIR_SHIFT = 5;
let flags: Uint8Array | undefined;

function founderFlags(): Uint8Array {
  if (flags) return flags;
  const f = new Uint8Array(0x9fff - 0x4e00 + 1);
  for (const c of [TELL_COMMA, TELL_STOP, TELL_LIST, TELL_QUOTE]) f[c - 0x4e00] |= FLAG_TELL;
  f[TUN - 0x4e00] |= FLAG_MEMORY;
  for (const c of [TELL_STOP, 0x94a5, 0x6d74]) f[c - 0x4e00] |= FLAG_END;
  for (let k = 0; k < PAIRS.length; k += 2) {
    f[PAIRS.charCodeAt(k) - 0x4e00] |= FLAG_OPEN | (k << PAIR_SHIFT);
    f[PAIRS.charCodeAt(k + 1) - 0x4e00] |= FLAG_CLOSE | (k << PAIR_SHIFT);
  }
  return (flags = f);
}

/** Share of Han characters outside the common set above which a text looks like re-decoded bytes (about 1 in 12). */
const ODD_SHARE = 1 / 12;

/** Fewer odd characters than this is a rare name or a quotation, not damage. */
const ODD_MIN = 2;
/**
 * A label, a button, a table cell or an alt text of three Han characters (鏂囦欢, 璁剧疆: 文件, 设置) with one rare
 * character is suspect: a two-character word in UTF-8 is six bytes, three characters as GBK, and the first of them
 * rare. The decoder, which must find a strict re-decode that reads better, decides (王珺瑶 stays). Not two or four:
 * those are the common lengths of Japanese labels (検索, 拡張機能), and none with kana (決され、'{1}' が有効であ).
 */
const SHORT_RUN_HAN = 3;

/**
 * The same three characters more often hold one GBK shows from its symbol rows (UTF-8's continuation bytes land
 * there): a Cyrillic or Greek letter, a prime, a full-width Latin letter, a lone kana (宸ヤ綔, 浜у搧, 澶т細, 鏉′欢, 姝ｆ槸:
 * 工作, 产品, 大会, 条件, 正是), which no clean three-character Chinese text puts beside Han. Of the 2,000 commonest
 * two-character words of jieba, UTF-8 read as GBK, 222 were not suspect before. Not the punctuation Chinese uses
 * (“”‘’—…·), and not a lone hiragana that Japanese writes between kanji as a particle (日の出, 気が付く).
 */
function isShownForeign(text: string, i: number, c: number): boolean {
  if (isKana(c)) return !isKana(text.charCodeAt(i - 1)) && !isKana(text.charCodeAt(i + 1)) && !'のがにはをとでもへ'.includes(text[i]);
  // Full-width Latin letters (and the few signs between their two rows: ［＼］＾＿｀, as rare in Chinese).
  // Not the general punctuation U+2010–2027 (—―–“”‘’…•) nor ·.
  return (c >= 0xff21 && c <= 0xff5a) || (isLatinShown(c) && (c < 0x2010 || c > 0x2027) && c !== 0xb7);
}

/**
 * Four odd characters within ODD_CLUSTER_SPAN characters of each other: one damaged sentence in a long clean
 * paragraph (鏂囦欢鍚嶏紝 amid ordinary prose) stays far below ODD_SHARE of the whole, but is dense where it is.
 * Three would also catch real words of two uncommon characters side by side (骷髏、哀嚎); four caught none of
 * 32,362 clean modern paragraphs, and 183 of the 406 damaged sentences in the dev sets' mixed cases.
 */
const ODD_CLUSTER_SPAN = 8;
/**
 * When a shifted-looking ，。、” (袁 遥 尧 冶, "tells") is worth the Founder decision, as founder-repair.ts decides
 * what is damaged, loosened wherever the gate cannot know what the decision knows (which tells are free of words,
 * where a free 遥 ends a sentence), so that it passes everything the decision would repair:
 * - a line with tells and no real clause mark at all (a paragraph with one free mark and no real one is damaged);
 * - two tells with no real clause mark between them (a sentence needs two free marks beside clean sentences, or
 *   four times as many as its real marks, which leaves two between some pair of real ones);
 * - a 遥 ending at least LONE_STOP_MIN_HAN Han characters since the last real mark (the one broken sentence of a
 *   clean paragraph, which the decision may repair alone: founder-weights' LONE_SIGN_MIN_HAN).
 * A tell beside real marks (他说，遥远的地方) is no reason to load the decoder.
 */
const LONE_STOP_MIN_HAN = 9;
/**
 * One more, the broken sentence that runs into English or ends the text (founder-weights' END_SIGN_MIN_HAN): a 遥, or
 * a 钥 浴 (the shifted ？！, tells only there), before a space, a Latin letter or the text's end, more than this many
 * Han characters since the last real mark.
 */
const END_STOP_MIN_HAN = 4;

/**
 * A short text (at most this many non-ASCII characters: a file name, a label, a line of terminal output) with a `?`
 * right after a Han character and an odd character anywhere: what Windows tools leave of UTF-8 read as GBK and saved
 * back, a `?` for each lead byte GBK could not pair (鏂囦欢澶? for 文件夹, 涓轰粈涔? for 为什么). Longer damage shows
 * its odd characters anyway; a clean question (为什么?) has none.
 */
const SHORT_LOST_MAX = 8;

/** What the cheap scan saw, as bits: which repairs are worth running at all. */
export const SUSPECT_FOUNDER = 1;
export const SUSPECT_ENCODING = 2;

/** True when text may hold mojibake; `evidence` lets a Founder-damaged page pass its quieter paragraphs too. */
export function isSuspect(text: string, evidence?: Evidence): boolean {
  return suspectSignals(text, evidence) !== 0;
}

/**
 * SUSPECT_ENCODING when the text shows re-decoded bytes (Latin-1 pairs, U+FFFD, rare Han,
 * stray kana or symbols); SUSPECT_FOUNDER when it shows shifted punctuation (or its page does).
 */
export function suspectSignals(text: string, evidence?: Evidence): number {
  if (text !== lastText) {
    lastTextSignals = textSignals(text);
    lastText = text;
  }
  let signals = lastTextSignals & (SUSPECT_ENCODING | SUSPECT_FOUNDER);
  const han = (lastTextSignals & HAS_HAN) !== 0;
  if (evidence !== undefined && evidence.founderParagraphs > 0 && han) signals |= SUSPECT_FOUNDER;
  if ((signals & SUSPECT_FOUNDER) === 0 && han && hasCuedColon(text)) signals |= SUSPECT_FOUNDER;
  return signals;
}

/**
 * textSignals of the last text asked. A paragraph is gated and then repaired with the same evidence (the page's
 * repairer, the bench's extension path), and the repair's first round asks the gate again: the scan of that paragraph
 * was a third of the gate's share of a CPU profile of Founder damage. What the evidence adds is cheap and reapplied.
 */
let lastText: string | undefined;
let lastTextSignals = 0;

/** textSignals: the text holds a basic Han character (what the evidence and colon rules need). */
const HAS_HAN = 4;

/** The signals the text shows by itself, and HAS_HAN. */
function textSignals(text: string): number {
  let signals = 0;
  let latinRun = 0;
  let prevLatin1 = false;
  let han = 0;
  let odd = 0;
  let kana = 0;
  // Non-ASCII characters, and of them those isShownForeign names: for the three-character rule (SHORT_RUN_HAN).
  let shown = 0;
  let foreign = 0;
  let questionAfterHan = false;
  // Where the last three odd characters were, for ODD_CLUSTER_SPAN.
  let odd1 = -Infinity;
  let odd2 = -Infinity;
  let odd3 = -Infinity;
  const bits = commonHanBits();
  const founder = founderFlags();
  // Where the last shifted opener stood and which pair it opens, for PAIR_REACH.
  let lastOpen = -Infinity;
  let lastOpenPair = -1;
  // Per line: real clause marks seen, tells since the last one, Han characters since the last one.
  let lineReal = 0;
  let tellsSinceReal = 0;
  let hanSinceReal = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      latinRun = 0;
      if (c === 0x3f && isUnifiedHan(text.charCodeAt(i - 1))) questionAfterHan = true;
      if (c === 0x0a || c === 0x0d) {
        if (lineReal === 0 && tellsSinceReal > 0) signals |= SUSPECT_FOUNDER;
        lineReal = tellsSinceReal = hanSinceReal = 0;
      }
      continue;
    }
    shown++;
    // The hot path, most of every Chinese page: a common character of the basic Han block, or CJK punctuation
    // and full-width forms (neither Latin-1 nor odd), settled with a few comparisons and one bitmap read.
    let isOdd = false;
    if (c >= 0x4e00 && c <= 0x9fff) {
      latinRun = 0;
      han++;
      hanSinceReal++;
      const f = founder[c - 0x4e00];
      if (f !== 0) {
        const mayEnd = (f & FLAG_END) !== 0 && endsSentenceBefore(text, i + 1);
        if (((f & FLAG_TELL) !== 0 || mayEnd) && (++tellsSinceReal >= 2 || (c === TELL_STOP && hanSinceReal >= LONE_STOP_MIN_HAN) || (mayEnd && hanSinceReal > END_STOP_MIN_HAN))) signals |= SUSPECT_FOUNDER;
        if ((f & FLAG_CLOSE) !== 0 && i - lastOpen <= PAIR_REACH && lastOpenPair === f >> PAIR_SHIFT) signals |= SUSPECT_FOUNDER;
        if ((f & FLAG_OPEN) !== 0) {
          lastOpen = i;
          lastOpenPair = f >> PAIR_SHIFT;
        }
        if ((f & FLAG_MEMORY) !== 0 && text.charCodeAt(i - 1) === c && text.charCodeAt(i - 2) === c) signals |= SUSPECT_ENCODING;
      }
      const k = c - COMMON_HAN_BASE;
      if ((bits[k >> 3] & (1 << (k & 7))) !== 0) continue;
      // 尧, the one uncommon tell: on an e-paper page it is the shifted 、, a sign of Founder damage (above), not of
      // re-decoded bytes; counted as odd, two of them made a short list line look like encoding damage too.
      if ((f & FLAG_TELL) !== 0) continue;
      isOdd = true;
    } else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff60)) {
      latinRun = 0;
      if (c === 0xff0c || c === 0x3002 || c === 0xff1b || c === 0xff1a || c === 0xff1f || c === 0xff01) {
        lineReal++;
        tellsSinceReal = hanSinceReal = 0;
      } else if (c >= 0xff21 && isShownForeign(text, i, c)) foreign++;
      continue;
    } else {
      if (signals === (SUSPECT_ENCODING | SUSPECT_FOUNDER)) break;
      // Two Latin-1 or windows-1252 characters side by side, one of them in 0x80–0xFF: ä½, ÄãºÃ, æ‰
      // (one é alone is French; “” and —— alone are Chinese punctuation).
      if (isLatinShown(c)) {
        const latin1 = c <= 0xff;
        if (latinRun > 0 && (latin1 || prevLatin1)) signals |= SUSPECT_ENCODING;
        latinRun++;
        prevLatin1 = latin1;
        if (isShownForeign(text, i, c)) foreign++;
        continue;
      }
      latinRun = 0;
      if (c === 0xfffd) signals |= SUSPECT_ENCODING;
      if (isKana(c)) {
        kana++;
        if (isShownForeign(text, i, c)) foreign++;
      } else if (isOddSymbol(c) || isHanExtA(c)) isOdd = true;
    }
    if (isOdd) {
      odd++;
      if (i - odd3 <= ODD_CLUSTER_SPAN) signals |= SUSPECT_ENCODING;
      odd3 = odd2;
      odd2 = odd1;
      odd1 = i;
    }
  }
  if (lineReal === 0 && tellsSinceReal > 0) signals |= SUSPECT_FOUNDER;
  if ((odd >= ODD_MIN || (odd > 0 && kana === 0 && han === SHORT_RUN_HAN)) && odd >= han * ODD_SHARE) signals |= SUSPECT_ENCODING;
  if (shown === SHORT_RUN_HAN && han > 0 && (foreign > 0 || (odd > 0 && kana === 0))) signals |= SUSPECT_ENCODING;
  if (questionAfterHan && odd > 0 && shown <= SHORT_LOST_MAX) signals |= SUSPECT_ENCODING;
  // A few kana among many Han characters: 浣犲ソ (UTF-8 read as GBK); Japanese has kana everywhere.
  if (kana > 0 && kana * 8 < han && odd > 0) signals |= SUSPECT_ENCODING;
  return han > 0 ? signals | HAS_HAN : signals;
}

const YUAN = 0x9662; // 院, the shifted ：, which the colon cue looks for

/**
 * False when no text holding this one as a piece (a text node of a paragraph) can be suspect because of it, however
 * the rest of the paragraph reads: the first content script runs this over each text node and assembles paragraphs
 * only around the rare node that returns true. Every signal of suspectSignals is ruled out from the piece alone, or
 * the piece is flagged:
 * - Latin-1, U+FFFD, kana, odd symbols, CJK Extension A: flagged (each can signal with what another piece holds);
 * - rare Han: the whole text's share of them is a sum over its pieces, so a piece whose own share is below
 *   ODD_SHARE cannot raise it there; four within ODD_CLUSTER_SPAN across a cut put one within that span of an edge
 *   of every piece they touch, so a rare character that near an edge is flagged;
 * - a Founder tell is ruled out by a real clause mark before it on its line, within the piece, since the last tell
 *   (then the line has a real mark, and no earlier tell counts with it), and for 遥 fewer Han since that mark than
 *   LONE_STOP_MIN_HAN; a later tell in another piece has no such mark in its own piece and flags that one;
 * - a shifted closer is ruled out by the piece's own last opener, or by standing PAIR_REACH or more from its
 *   start; an opener needs nothing (its closer, in a later piece, is flagged there);
 * - 院 is flagged only where it could end a line (the colon cue), i.e. followed by nothing but spaces in the piece;
 * - a letter GBK shows from its symbol rows (isShownForeign) only in a piece of at most SHORT_RUN_HAN non-ASCII
 *   characters: the rule that reads it counts the whole text's.
 * Checked over every dev-set and case text cut every way at random (tests/unit/gate-may-be-suspect.test.ts).
 */
export function mayBeSuspect(text: string): boolean {
  return pieceSignals(text, false) !== 0;
}

/** pieceSignals: the piece may be suspect whatever surrounds it. */
export const PIECE_SUSPECT = 1;
/** pieceSignals: the piece's only reason is a rare character within ODD_CLUSTER_SPAN of its start (of its end). */
export const PIECE_EDGE_START = 2;
export const PIECE_EDGE_END = 4;
/** How far from a cut a cluster of rare characters across it reaches (the caller rules a cut out with it). */
export const PIECE_EDGE_SPAN = ODD_CLUSTER_SPAN;

/**
 * mayBeSuspect with its reasons: 0, PIECE_SUSPECT, or the edge bits alone when nothing but a rare character near an
 * edge flags the piece, so that a caller who can see the neighbouring piece (suspect-scan.ts) rules the cut out:
 * four rare characters across a cut leave one within ODD_CLUSTER_SPAN of it on both sides. `whole`: the text is
 * a whole gate input (a paragraph read whole), whose edges no other piece continues.
 */
export function pieceSignals(text: string, whole: boolean): number {
  const bits = commonHanBits();
  const founder = founderFlags();
  const n = text.length;
  let han = 0;
  let odd = 0;
  let odd1 = -Infinity;
  let odd2 = -Infinity;
  let odd3 = -Infinity;
  // A real clause mark on this line, within the piece, since the last tell; Han characters since that mark.
  let guarded = false;
  let hanSinceReal = 0;
  let lastOpen = -1;
  let lastOpenPair = -1;
  // Non-ASCII characters, and whether one is isShownForeign's: a short text's three may all be in this piece.
  let shown = 0;
  let foreign = false;
  let edges = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x0a || c === 0x0d) guarded = false;
      continue;
    }
    shown++;
    if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      hanSinceReal++;
      const f = founder[c - 0x4e00];
      if (f !== 0) {
        // At the piece's end, what follows is unknown: a sentence may end there.
        const mayEnd = (f & FLAG_END) !== 0 && endsSentenceBefore(text, i + 1);
        if ((f & FLAG_TELL) !== 0 || mayEnd) {
          if (!guarded || (c === TELL_STOP && hanSinceReal >= LONE_STOP_MIN_HAN) || (mayEnd && hanSinceReal > END_STOP_MIN_HAN)) return PIECE_SUSPECT;
          guarded = false;
        }
        if ((f & FLAG_CLOSE) !== 0 && (lastOpen < 0 ? !whole && i < PAIR_REACH : i - lastOpen <= PAIR_REACH && lastOpenPair === f >> PAIR_SHIFT)) return PIECE_SUSPECT;
        if ((f & FLAG_OPEN) !== 0) {
          lastOpen = i;
          lastOpenPair = f >> PAIR_SHIFT;
        }
        // Any 屯: a run of three may be cut between pieces.
        if ((f & FLAG_MEMORY) !== 0) return PIECE_SUSPECT;
      }
      if (c === YUAN && mayEndLine(text, i)) return PIECE_SUSPECT;
      const k = c - COMMON_HAN_BASE;
      if ((bits[k >> 3] & (1 << (k & 7))) !== 0) continue;
      if (i - odd3 <= ODD_CLUSTER_SPAN) return PIECE_SUSPECT;
      if (!whole) {
        if (i < ODD_CLUSTER_SPAN) edges |= PIECE_EDGE_START;
        if (n - 1 - i < ODD_CLUSTER_SPAN) edges |= PIECE_EDGE_END;
      }
      odd++;
      odd3 = odd2;
      odd2 = odd1;
      odd1 = i;
      continue;
    }
    if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff60)) {
      if (c === 0xff0c || c === 0x3002 || c === 0xff1b || c === 0xff1a || c === 0xff1f || c === 0xff01) {
        guarded = true;
        hanSinceReal = 0;
      } else if (c >= 0xff21 && isShownForeign(text, i, c)) foreign = true;
      continue;
    }
    if (c <= 0xff) return PIECE_SUSPECT;
    if (isLatinShown(c)) {
      if (isShownForeign(text, i, c)) foreign = true;
      continue;
    }
    if (c === 0xfffd || isKana(c) || isOddSymbol(c) || isHanExtA(c)) return PIECE_SUSPECT;
  }
  if ((odd !== 0 && odd >= han * ODD_SHARE) || (foreign && shown <= SHORT_RUN_HAN)) return PIECE_SUSPECT;
  return edges;
}

/** Whether only spaces follow position `i` up to a line break or the piece's end. */
function mayEndLine(text: string, i: number): boolean {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) return true;
    if (!isSpace(c)) return false;
  }
  return true;
}

/**
 * Within a text the gate already let through: could this line hold re-decoded bytes at all? Any one
 * telltale (a Latin-1 pair, U+FFFD, a rare Han character, an odd symbol, kana) is enough, so short damaged
 * lines are never skipped; clean lines of a long document skip the decoder.
 */
export function mayShowEncodingDamage(text: string, start: number, end: number): boolean {
  let prevLatin = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      prevLatin = false;
      continue;
    }
    if (isLatinShown(c)) {
      if (prevLatin) return true;
      prevLatin = true;
      continue;
    }
    prevLatin = false;
    if (c === 0xfffd) return true;
    if (isUnifiedHan(c)) {
      if (!isCommonHan(c)) return true;
    } else if (isKana(c) || isOddSymbol(c) || isHanExtA(c)) {
      return true;
    }
  }
  return false;
}
