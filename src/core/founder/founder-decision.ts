/**
 * The Founder decision inside paragraphs already judged damaged: every shifted-looking character gets log-odds
 * of being the mark it was (founder-weights.ts), from its frequency against the mark's, word support, its place
 * in the clause, pairs, runs, verse rhythm and list numbers; decisions feed their neighbours over a few passes.
 */
import { hanLog10P, pairPmi, singleWordLog10P, startsName } from '../model';
import { isAsciiAlnum, isChinesePunct, isClauseMark, isDigit, isHan, isSpace, isUnifiedHan } from '../text-classes';
import type { Extent } from '../types';
import { followsColonCue } from './colon-cue';
import { inOfficeName } from './office-name';
import { enumeratorSeries, founderSymbolOf, PARTNER, type FounderRole } from './founder-map';
import { beforeTitle, hanAt, inIntroducedName, isBlankAfter, wordSupport, type MarkAt } from './founder-signs';
import * as W from './founder-weights';

/** One shifted-looking character in a paragraph and what the engine made of it. */
export interface FounderCandidate {
  at: number;
  code: number;
  symbol: string;
  role: FounderRole;
  logit: number;
  punct: boolean;
  /** log10 odds of the mark against the character before any context (the mark's rate over the character's); -Infinity for marks never weighed. */
  prior: number;
  /** The paragraph (or sentence) it is decided in. */
  start: number;
  end: number;
}

const SENTENCE_FINAL = '。？！';
/** The paired marks common enough in running text to be carried across a hard wrap. */
const ACROSS_MARKS = new Set([...'“”‘’（）《》']);
const RUN_MIN = 2;
/** □ marks lost characters of classical texts (□□□); its shifted 阴 doubles as a word (阴阴夏木), never tripled. */
const RUN_MIN_OF: Readonly<Record<string, number>> = { '□': 3 };
/** Decisions feed their neighbours' context; three rounds let ：“ settle after a quote is paired. */
const PASSES = 3;
/** Runs are decided by their shape alone; this marks them so later passes leave them be. */
const RUN_LOGIT = 3;


const REAL_OPEN = new Set([0x201c, 0x2018, 0xff08, 0x300a, 0x300c, 0x300e, 0x3010]);
const REAL_CLOSE = new Set([0x201d, 0x2019, 0xff09, 0x300b, 0x300d, 0x300f, 0x3011]);

function neighbourKind(text: string, i: number, start: number, end: number, cands: Map<number, FounderCandidate>): 'edge' | 'han' | 'mark' | 'open' | 'close' | 'other' {
  if (i < start || i >= end) return 'edge';
  const c = cands.get(i);
  if (c?.punct) return c.role === 'open' ? 'open' : c.role === 'close' ? 'close' : 'mark';
  const code = text.charCodeAt(i);
  if (isHan(code)) return 'han';
  if (REAL_OPEN.has(code)) return 'open';
  if (REAL_CLOSE.has(code)) return 'close';
  if (isChinesePunct(code)) return 'mark';
  if (code === 0x0a || code === 0x0d) return 'edge';
  return 'other';
}

function logitOf(
  text: string,
  c: FounderCandidate,
  start: number,
  end: number,
  cands: Map<number, FounderCandidate>,
  markAt: MarkAt,
): number {
  if (c.prior === -Infinity) return -Infinity;
  let logit = c.prior;
  const support = wordSupport(text, c.at, start, end, markAt);
  if (support > W.WORD_SUPPORT_FLOOR) logit -= W.WORD_SUPPORT_WEIGHT * support;

  if (c.symbol === '，' && beforeTitle(text, c.at, start, end)) logit += W.NAME_BEFORE_TITLE;
  if (c.role === 'break' && inIntroducedName(text, c.at, start, c.symbol, markAt)) logit += W.NAME_BEFORE_TITLE;
  if (c.symbol === '？' && !hasQuestionCue(text, c.at, cands)) logit += W.QUESTION_WITHOUT_CUE;
  if (c.symbol === '：' && colonBeforeShortEnd(text, c.at, start, end, cands, markAt)) logit += W.COLON_BEFORE_SHORT_END;
  if (c.symbol === '；' && beforeShortSentenceEnd(text, c.at, end, cands, markAt)) logit += W.SEMICOLON_BEFORE_SHORT_END;
  if (c.symbol === '：' && colonAfterListItem(text, c.at, start, end, cands, markAt)) logit += W.COLON_AFTER_LIST_ITEM;
  if (c.symbol === '：' && inOfficeName(text, c.at, start, end, markAt)) logit += W.COLON_IN_OFFICE_NAME;
  if (c.symbol === '、' && orphans(text, c.at, start, end, markAt) === 2 && startsName(text.charCodeAt(c.at - 1)) && !continuesList(text, c.at, start, end, markAt) && !parallelItems(text, c.at, start, end)) logit += W.LIST_MARK_STRANDING_BOTH;

  const before = neighbourKind(text, c.at - 1, start, end, cands);
  const after = neighbourKind(text, c.at + 1, start, end, cands);
  if (before === 'other' || after === 'other') logit += W.NEXT_TO_NON_HAN;

  if (c.role === 'break' || c.role === 'run') {
    if (before === 'edge' || isBlankBefore(text, c.at, start)) logit += W.BREAK_AT_PARAGRAPH_START;
    if (after === 'edge' || isBlankAfter(text, c.at + 1, end)) {
      logit += SENTENCE_FINAL.includes(c.symbol) || c.symbol === '：' || c.role === 'run' ? W.FINAL_AT_PARAGRAPH_END : W.CLAUSE_AT_PARAGRAPH_END;
    }
    // ？！ ！？ and ……？ are written: an exclamation or question after another end mark or an ellipsis.
    const endMark = c.symbol === '？' || c.symbol === '！';
    const prevCode = text.charCodeAt(c.at - 1);
    const nextCode = text.charCodeAt(c.at + 1);
    if (before === 'mark' && !cands.has(c.at - 1) && !(endMark && (prevCode === 0xff1f || prevCode === 0xff01 || prevCode === 0x2026))) logit += W.BREAK_AFTER_BREAK;
    // Nor before one (遥。 as 。。, 遥， as 。，): the character is the last word of its clause.
    if (after === 'mark' && !cands.has(c.at + 1) && isClauseMark(nextCode) && !(endMark && (nextCode === 0xff1f || nextCode === 0xff01))) logit += W.BREAK_AFTER_BREAK;
    if (after === 'other' && isAsciiSymbol(text.charCodeAt(c.at + 1))) logit += W.BREAK_BEFORE_ASCII_SYMBOL;
    if (before === 'open') logit += W.BREAK_AFTER_OPEN;
    else if (c.symbol === '；' && before === 'han' && after === 'open' && opensQuote(text, c.at + 1, cands)) logit += W.SAY_BEFORE_QUOTE;
    else if (before === 'close' || after === 'open') logit += W.BREAK_BESIDE_PAIRED_MARK;
  } else if (c.role === 'open') {
    if (before === 'edge' || before === 'mark' || before === 'other') logit += W.OPEN_AFTER_BOUNDARY;
    // “、 and “， are never written: a quotation opens on its first word.
    if (after === 'mark') logit += W.BREAK_AFTER_OPEN;
  } else if (c.role === 'close') {
    if (before === 'open') logit += W.BREAK_AFTER_OPEN;
  }
  return logit;
}

/**
 * Whether a 、 at i continues a list of short items: one item back or ahead (one to LIST_ITEM_MAX_CHARS characters)
 * stands another 、 — real, or another shifted 、 (尧) undecided yet, since a list's marks are decided together — or,
 * one character away, any candidate decided as a mark: 原、宁尧鄜尧隰诸州 is a list of prefectures, 韩驹尧洪刍尧徐俯 one of names, not a name;
 * or the item after it ends a counted list of places (endsInCountedPlaces).
 */
function continuesList(text: string, i: number, start: number, end: number, markAt: MarkAt): boolean {
  const code = text.charCodeAt(i);
  // Any decided mark one character away (原、宁尧鄜): a clause mark further off is no list (冀尧峰说，).
  const isListMark = (j: number, k: number) => j >= start && j < end && (text.charCodeAt(j) === 0x3001 || text.charCodeAt(j) === code || (k === 2 && markAt(j)));
  for (let k = 2; k <= W.LIST_ITEM_MAX_CHARS + 1; k++) {
    if (isListMark(i - k, k) && isHanRun(text, i - k + 1, i)) return true;
    if (isListMark(i + k, k) && isHanRun(text, i + 1, i + k)) return true;
  }
  return endsInCountedPlaces(text, i, end);
}

/** 州 郡 县 府 军 路 国 镇: the units a count of places names. */
const PLACE_UNITS = new Set([...'州郡县府军路国镇'].map((c) => c.charCodeAt(0)));

/**
 * Whether the item after a 、 at i is the last of a counted list of places: one or two Han characters, then a
 * numeral and a unit (温、衢二州, 饶、抚、袁三州). Classical lists abbreviate prefectures to one character, which
 * reads like a stranded name. In the clean corpus this shape holds 、 278 times and 尧 never.
 */
function endsInCountedPlaces(text: string, i: number, end: number): boolean {
  for (let k = 1; k <= 2; k++) {
    const numeral = i + 1 + k;
    if (numeral + 1 >= end || !isHanRun(text, i + 1, numeral)) continue;
    if (isChineseNumeral(text.charCodeAt(numeral)) && PLACE_UNITS.has(text.charCodeAt(numeral + 1))) return true;
  }
  return false;
}

/**
 * Whether the items either side of a 、 at i are built alike: two or three Han characters each, one of them the
 * same at the same place (晦庵尧晦翁, 丰城尉尧陇城令): list items in parallel, which a name does not make.
 */
function parallelItems(text: string, i: number, start: number, end: number): boolean {
  for (let k = 2; k <= W.LIST_ITEM_MAX_CHARS; k++) {
    if (i - k < start || i + k >= end || !isHanRun(text, i - k, i) || !isHanRun(text, i + 1, i + 1 + k)) continue;
    for (let p = 0; p < k; p++) if (text.charCodeAt(i - k + p) === text.charCodeAt(i + 1 + p)) return true;
  }
  return false;
}

/** Whether [from, to) is all Han characters (a list item between two marks). */
function isHanRun(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (!isHan(text.charCodeAt(j)) || text.charCodeAt(j) === 0x5c27) return false;
  return true;
}

/**
 * Would making i a mark strand a Han neighbour that forms no word on its other side and is
 * no common word alone? 政委冀尧峰说 as 政委冀、峰说 strands both 冀 and 峰: a name, not a list.
 */
function orphans(text: string, i: number, start: number, end: number, markAt: MarkAt): number {
  let n = 0;
  for (const [near, far] of [[i - 1, i - 2], [i + 1, i + 2]]) {
    const a = hanAt(text, near, start, end, markAt);
    if (a < 0 || (singleWordLog10P(a) ?? -Infinity) > W.ORPHAN_SINGLE_WORD_LOG10P) continue;
    if (far < start || far >= end) continue; // a line break may have split the word: no evidence
    const b = hanAt(text, far, start, end, markAt);
    const bound = b >= 0 && ((near < i ? pairPmi(b, a) : pairPmi(a, b)) ?? 0) > W.WORD_SUPPORT_FLOOR;
    if (!bound) n++;
  }
  return n;
}

const QUOTE_OPENERS = new Set([...'“‘「『'].map((c) => c.charCodeAt(0)));

/** Whether i opens a quotation (not a title or an aside: ；《 and ；（ are written), as a real mark or a decided candidate. */
function opensQuote(text: string, i: number, cands: Map<number, FounderCandidate>): boolean {
  const c = cands.get(i);
  return QUOTE_OPENERS.has(c?.punct ? c.symbol.charCodeAt(0) : text.charCodeAt(i));
}

/** Marks, real or a candidate decided as one, that end the short run after a colon: a sentence end, a list mark, a title's end. */
const COLON_CLAUSE_ENDS = new Set([...'。；？！、》'].map((c) => c.charCodeAt(0)));
const OPEN_PAREN = 0xff08;

/**
 * Whether a ： at i stands after at least COLON_HEAD_MIN Han characters, no word announcing what follows among them,
 * and before at most COLON_TAIL_MAX and a mark that ends the run, or right before an opening parenthesis.
 */
function colonBeforeShortEnd(text: string, i: number, start: number, end: number, cands: Map<number, FounderCandidate>, markAt: MarkAt): boolean {
  let head = 0;
  while (head < W.COLON_HEAD_MIN && hanAt(text, i - 1 - head, start, end, markAt) >= 0) head++;
  if (head < W.COLON_HEAD_MIN || followsColonCue(text, i, start)) return false;
  const markCode = (j: number) => {
    const c = cands.get(j);
    return c?.punct ? c.symbol.charCodeAt(0) : text.charCodeAt(j);
  };
  if (i + 1 < end && markCode(i + 1) === OPEN_PAREN) return true;
  let j = i + 1;
  while (j - i - 1 <= W.COLON_TAIL_MAX && hanAt(text, j, start, end, markAt) >= 0) j++;
  const tail = j - i - 1;
  if (tail === 0 || tail > W.COLON_TAIL_MAX || j >= end) return false;
  return COLON_CLAUSE_ENDS.has(markCode(j));
}

const SENTENCE_ENDS = new Set([...'。？！'].map((c) => c.charCodeAt(0)));

/** Whether one to SEMICOLON_TAIL_MAX Han characters and then a sentence end (real, or a decided candidate) follow i. */
function beforeShortSentenceEnd(text: string, i: number, end: number, cands: Map<number, FounderCandidate>, markAt: MarkAt): boolean {
  let j = i + 1;
  while (j - i - 1 <= W.SEMICOLON_TAIL_MAX && hanAt(text, j, 0, end, markAt) >= 0) j++;
  const tail = j - i - 1;
  if (tail === 0 || tail > W.SEMICOLON_TAIL_MAX || j >= end) return false;
  const c = cands.get(j);
  return SENTENCE_ENDS.has(c?.punct ? c.symbol.charCodeAt(0) : text.charCodeAt(j));
}

/**
 * Whether the Han characters before a ： at i follow a 、 (real, or a candidate decided as one) that itself follows
 * a word, not a list number (一、注意事项： is a heading).
 */
function colonAfterListItem(text: string, i: number, start: number, end: number, cands: Map<number, FounderCandidate>, markAt: MarkAt): boolean {
  let j = i - 1;
  while (hanAt(text, j, start, end, markAt) >= 0) j--;
  if (j === i - 1 || j <= start) return false;
  const c = cands.get(j);
  const isListMark = text.charCodeAt(j) === 0x3001 || (c?.punct === true && c.symbol === '、');
  const item = text.charCodeAt(j - 1);
  return isListMark && isHan(item) && !isChineseNumeral(item) && !markAt(j - 1);
}

/**
 * 吗 呢 什么 谁 哪 几 多少 是否 … (and classical 乎 奚 何 焉 岂 耶 哉, early vernacular 甚 of 为甚 有甚): a question asks
 * before its mark. 甚 gives 400 more of the clean corpus's ？ a cue and none of its 117 钥.
 */
const QUESTION_CUES = new Set([...'吗呢么吧谁哪几啥否多何奚乎焉岂哉耶嘛难怎甚'].map((c) => c.charCodeAt(0)));

function isAsciiSymbol(code: number): boolean {
  return code === 0x2f || code === 0x5c || code === 0x2d || code === 0x5f || code === 0x2e || code === 0x3d || code === 0x7c;
}

/** Looks back across hard-wrapped lines too, up to the previous clause mark. */
function hasQuestionCue(text: string, at: number, cands: Map<number, FounderCandidate>): boolean {
  for (let i = at - 1; i >= 0 && at - i <= W.QUESTION_LOOKBACK; i--) {
    const code = text.charCodeAt(i);
    if (isClauseMark(code) || cands.get(i)?.punct) break;
    if (QUESTION_CUES.has(code)) return true;
  }
  return false;
}

function isBlankBefore(text: string, i: number, start: number): boolean {
  for (let j = i - 1; j >= start; j--) if (!isSpace(text.charCodeAt(j))) return false;
  return true;
}

/**
 * Paired marks: walk in order and match each closing candidate with an open one of its kind
 * not too far back — the nearest, unless a farther one is clearly likelier on its own, so
 * 叶霜叶飞曳 pairs the first 叶 (霜叶 is a word) and 叶梦得叶虞美人曳 the second.
 * Returns the positions that found a partner.
 */
/** Where a lone mark may pair with a partner in another paragraph: null when pairing stays within paragraphs. */
type Across = ((c: FounderCandidate) => boolean) | null;

function matchPairs(list: FounderCandidate[], across: Across = null): Set<number> {
  const matched = new Set<number>();
  const open = new Map<string, FounderCandidate[]>();
  const firstLoneClose = new Map<string, FounderCandidate>();
  /** Pairs matched so far, in the order of their closers. */
  const closed: Array<[number, number]> = [];
  for (const c of list) {
    if (c.role === 'open') {
      const stack = open.get(c.symbol) ?? [];
      stack.push(c);
      open.set(c.symbol, stack);
    } else if (c.role === 'close') {
      const stack = open.get(PARTNER.get(c.symbol)!);
      // The nearest opener, as brackets nest, unless a farther one is clearly likelier on its own.
      let best = -1;
      if (stack) {
        for (let k = stack.length - 1; k >= 0 && c.at - stack[k].at <= W.PAIR_MAX_DISTANCE; k--) {
          // Titles and quotations hold something: 《》 and “” side by side are a character and its neighbour (孤花片叶曳).
          if (crosses(closed, stack[k].at) || c.at - stack[k].at === 1) continue;
          if (best < 0 || stack[k].logit > stack[best].logit + W.FARTHER_OPENER_MARGIN) best = k;
        }
      }
      if (best < 0) {
        if (!firstLoneClose.has(c.symbol)) firstLoneClose.set(c.symbol, c);
        continue;
      }
      const [opener] = stack!.splice(best, 1);
      matched.add(opener.at);
      matched.add(c.at);
      closed.push([opener.at, c.at]);
    }
  }
  if (across) {
    // Paragraphs repaired one at a time: the first lone closer closes a quotation opened in an earlier
    // paragraph, the last lone opener opens one that a later paragraph closes.
    for (const c of firstLoneClose.values()) if (across(c)) matched.add(c.at);
    for (const stack of open.values()) if (stack.length > 0 && across(stack[stack.length - 1])) matched.add(stack[stack.length - 1].at);
  }
  return matched;
}

/**
 * Whether an opener at `at` lies inside a pair already closed (before the closer now being matched): marks nest, so
 * a （ opened inside 《…》 closes inside it too — 渊影印叶诗渊曳…冤 is （影印《诗渊》…）, the inner 渊 a character.
 */
function crosses(closed: ReadonlyArray<[number, number]>, at: number): boolean {
  for (let k = closed.length - 1; k >= 0 && closed[k][1] > at; k--) if (closed[k][0] < at) return true;
  return false;
}

/** Real marks that open or close what a shifted one closes or opens, full width or ASCII: （ and (, “ and ". */
const REAL_PARTNERS: Readonly<Record<string, readonly [string, string]>> = {
  '）': ['（(', '）)'], '（': ['）)', '（('], '”': ['“"', '”"'], '“': ['”"', '“"'], '》': ['《', '》'], '《': ['》', '《'],
  '’': ['‘', '’'], '‘': ['’', '‘'], '」': ['「', '」'], '「': ['」', '「'],
};

/**
 * Whether a shifted opening or closing mark has its partner among the paragraph's real marks: writers mix widths
 * ((但这个问题…特有的）), and the shift leaves ASCII alone, so a shifted ） may close a real (. Looks back from a
 * closer (forward from an opener) for a partner its own kind has not already used.
 */
function hasRealPartner(text: string, c: FounderCandidate): boolean {
  const { start, end } = c;
  const kinds = REAL_PARTNERS[c.symbol];
  if (!kinds) return false;
  const [partner, same] = kinds;
  let depth = 0;
  const step = c.role === 'close' ? -1 : 1;
  for (let i = c.at + step, n = 0; i >= start && i < end && n < W.PAIR_MAX_DISTANCE; i += step, n++) {
    const ch = text[i];
    // An ASCII " opens and closes alike: count the first one met as the partner.
    if (partner.includes(ch)) {
      if (depth === 0) return true;
      depth--;
    } else if (same.includes(ch)) depth++;
  }
  return false;
}

/**
 * Decides every candidate in the given paragraphs of text, all already judged damaged.
 * Paired marks are matched across paragraphs, since hard-wrapped e-paper columns break
 * a quotation over several lines. PASSES rounds: the first sees neighbours as they stand,
 * each later one knows which neighbours became marks.
 */
export function decideParagraphs(text: string, paragraphs: readonly Extent[], wrappedPairs = false): FounderCandidate[] {
  const list: FounderCandidate[] = [];
  const byAt = new Map<number, FounderCandidate>();
  for (const span of paragraphs) {
    for (let i = span[0]; i < span[1]; i++) {
      const code = text.charCodeAt(i);
      if (!isUnifiedHan(code)) continue;
      const sym = founderSymbolOf(code);
      if (!sym || sym.role === 'none') continue;
      const prior = sym.logRate === undefined ? -Infinity : sym.logRate - hanLog10P(code);
      const c: FounderCandidate = { at: i, code, symbol: sym.symbol, role: sym.role, logit: -Infinity, punct: false, prior, start: span[0], end: span[1] };
      list.push(c);
      byAt.set(i, c);
    }
  }
  if (list.length === 0) return list;

  markRuns(text, list);
  // One closure for the whole decision, not one per candidate: this runs for every page.
  const markAt: MarkAt = (i) => byAt.get(i)?.punct === true;
  const paired = list.filter((c) => c.role === 'open' || c.role === 'close');
  // The caller repairs this text as one piece of a larger page: a quotation its edges cut leaves an
  // opener near the end of the piece, or a closer near its start, whose partner is outside.
  const textEnd = text.trimEnd().length;
  const textStart = text.length - text.trimStart().length;
  const across: Across = wrappedPairs
    ? (c) =>
        ACROSS_MARKS.has(c.symbol) &&
        // Likely on its own already, or right at the cut (野党 at a line's end needs the pairing to beat the word).
        (c.logit > 0 || (c.role === 'open' ? textEnd - c.at <= W.ACROSS_REACH : c.at - textStart < W.ACROSS_REACH))
    : null;
  for (let pass = 0; pass < PASSES; pass++) {
    for (const c of list) {
      if (c.role === 'run' && c.logit === RUN_LOGIT) continue;
      if (c.role === 'numeric' || c.role === 'indent' || c.role === 'enumerator') continue;
      c.logit = logitOf(text, c, c.start, c.end, byAt, markAt);
    }
    const matched = matchPairs(paired, across);
    for (const c of paired) if (!matched.has(c.at) && hasRealPartner(text, c)) matched.add(c.at);
    for (const c of paired) c.logit += matched.has(c.at) ? W.PAIR_MATCHED : W.PAIR_UNMATCHED;
    const before = list.map((c) => c.punct);
    for (const c of list) if (c.logit !== RUN_LOGIT) c.punct = c.logit > 0;
    resolveAdjacentBreaks(text, list, byAt);
    // A pass sees its neighbours' decisions and nothing else that changes: when none changed, the next pass
    // would compute the same odds and decide alike.
    if (list.every((c, k) => c.punct === before[k])) break;
  }
  // Pairs stand or fall together: a quote whose partner stayed a character stays one too.
  const finalPairs = matchPairs(paired.filter((c) => c.punct), across);
  for (const c of paired) if (c.punct && !finalPairs.has(c.at) && !hasRealPartner(text, c)) c.punct = false;

  // Candidates are in text order, so each paragraph's are one slice of the list.
  let k = 0;
  for (const span of paragraphs) {
    const first = k;
    while (k < list.length && list[k].at < span[1]) k++;
    const inSpan = list.slice(first, k);
    keepVerseRhythm(inSpan, span[0]);
    markContextual(text, inSpan, byAt, span[0], span[1]);
  }
  return list;
}

/**
 * Two clause marks are never written side by side, nor a clause mark after an opening one: of such a pair, the likelier one stays a mark,
 * except that a colon opening a quotation (曰：“) wins, since that is where quotations open.
 */
function resolveAdjacentBreaks(text: string, list: FounderCandidate[], byAt: Map<number, FounderCandidate>): void {
  for (let k = 1; k < list.length; k++) {
    const a = list[k - 1];
    const b = list[k];
    // A single … or — (not a run, decided by its shape) is a mark like a break here: …。 is seldom written.
    const single = (c: FounderCandidate) => c.role === 'break' || (c.role === 'run' && c.logit !== RUN_LOGIT);
    if (b.at !== a.at + 1 || !a.punct || !b.punct) continue;
    // Nor is a clause mark right after an opening one (《， “、): each rules the other out, so deciding them apart
    // would flip both at every pass (叶袁州府志曳 came out 《，州府志》); the likelier stays.
    if (a.role === 'open' && single(b)) {
      if (b.logit > a.logit) a.punct = false;
      else b.punct = false;
      continue;
    }
    if (!single(a) || !single(b)) continue;
    const next = list[k + 1];
    // ？！ and ！？ are written together.
    if ((a.symbol === '？' || a.symbol === '！') && (b.symbol === '？' || b.symbol === '！') && a.symbol !== b.symbol) continue;
    // So is ？。 after a question's cue, in verse and drama (着甚来由？。): the clean corpus has it 451 times after a
    // cue, and 钥。 never there (锁钥。 关钥。 have none).
    if (a.symbol === '？' && b.symbol === '。' && hasQuestionCue(text, a.at, byAt)) continue;
    const colonOpensQuote = b.symbol === '：' && next !== undefined && next.at === b.at + 1 && next.role === 'open';
    // 曰院 is 曰： (he said:), unless 院 starts a word with what follows (；院长).
    const saysColon = a.symbol === '；' && b.symbol === '：' && (pairPmi(b.code, text.charCodeAt(b.at + 1)) ?? 0) <= W.WORD_SUPPORT_FLOOR;
    if (colonOpensQuote || saysColon || b.logit > a.logit) a.punct = false;
    else b.punct = false;
  }
}

function isSpaced(text: string, at: number, start: number, end: number): boolean {
  return (at === start || text.charCodeAt(at - 1) === 0x20) && (at + 1 === end || text.charCodeAt(at + 1) === 0x20);
}

/**
 * —— and …… come doubled: a run of two or more 要 or 噎 is the mark; so is a lone one
 * standing between spaces ("源码包” — 是指"), where no word can hold it.
 */
function markRuns(text: string, list: FounderCandidate[]): void {
  for (const c of list) {
    if (c.role !== 'run') continue;
    let n = 1;
    for (let j = c.at - 1; text.charCodeAt(j) === c.code; j--) n++;
    for (let j = c.at + 1; text.charCodeAt(j) === c.code; j++) n++;
    const { start, end } = c;
    const min = RUN_MIN_OF[c.symbol];
    if (min !== undefined ? n >= min : n >= RUN_MIN || isSpaced(text, c.at, start, end)) {
      c.punct = true;
      c.logit = RUN_LOGIT;
    }
  }
}

/**
 * Verse: when the clauses of a paragraph have one length, a mark splitting a clause into two
 * unequal pieces that add up to that length is a character of the line (路人借问遥招手), and a
 * character where the rhythm puts a mark is the mark (一身遥遥惟将).
 */
function keepVerseRhythm(list: FounderCandidate[], start: number): void {
  const marks = list.filter((c) => c.punct && c.role === 'break');
  if (marks.length < W.VERSE_MIN_LINES) return;
  const lengths: number[] = [];
  let from = start;
  for (const m of marks) {
    lengths.push(m.at - from);
    from = m.at + 1;
  }
  for (const verse of W.VERSE_LENGTHS) {
    // Merge splits, then ask whether every clause is a verse line. 3 + 3 = 7 is a verse form
    // of its own (车辚辚，马萧萧), so only unequal pieces merge.
    const { merged, undo } = mergeSplits(lengths, marks, (a, b) => a < verse && a + 1 + b === verse);
    const lines = merged.filter((n) => n === verse).length;
    // Verse has lines of its length as they stand; where every one is made by merging a split, the rhythm is the
    // merging's own (宋摅袁乡贡进士袁官袁州: 2 + 4 and 1 + 5 made two 七言 lines of a biography).
    if (lines < W.VERSE_MIN_LINES || lines < merged.length * W.VERSE_SHARE || lines === undo.length) continue;
    for (const m of undo) m.punct = false;
    const breaks = list.filter((c) => c.role === 'break' && (c.symbol === '，' || c.symbol === '。'));
    let clauseStart = start;
    for (const c of breaks) {
      if (c.punct) {
        clauseStart = c.at + 1;
      } else if (c.at - clauseStart === verse && c.logit > W.VERSE_RESCUE_FLOOR) {
        c.punct = true;
        clauseStart = c.at + 1;
      }
    }
    return;
  }
  // 词 mixes its line lengths (菩萨蛮: 7 7 5 5 5 5 5 5), so no single length holds the share; the 七言 and 五言
  // lines together do. Only splits whose pieces are neither length merge, so a five-character line is never
  // glued to its neighbour.
  const isVerse = (n: number) => W.VERSE_LENGTHS.includes(n);
  const { merged, undo } = mergeSplits(lengths, marks, (a, b) => !isVerse(a) && !isVerse(b) && isVerse(a + 1 + b));
  const lines = merged.filter(isVerse).length;
  if (undo.length > 0 && lines > undo.length && lines >= W.VERSE_MIN_LINES && lines >= merged.length * W.VERSE_SHARE && merged.every((n) => n <= W.VERSE_MAX_LINE)) {
    for (const m of undo) m.punct = false;
  }
}

/**
 * Clause lengths with each split the rule allows merged back into one line (two unequal pieces, a + 1 + b
 * characters with the mark between them), and the marks that made those splits.
 */
function mergeSplits(lengths: readonly number[], marks: readonly FounderCandidate[], merges: (a: number, b: number) => boolean): { merged: number[]; undo: FounderCandidate[] } {
  const merged: number[] = [];
  const undo: FounderCandidate[] = [];
  for (let k = 0; k < lengths.length; k++) {
    const [a, b] = [lengths[k], lengths[k + 1]];
    if (b !== undefined && a !== b && merges(a, b)) {
      undo.push(marks[k]);
      merged.push(a + 1 + b);
      k++;
    } else merged.push(a);
  }
  return { merged, undo };
}

/** Marks that only make sense beside digits or at a line's start: ℃ ％ ～ after digits, indents, list numbers. */
function markContextual(text: string, list: FounderCandidate[], byAt: Map<number, FounderCandidate>, start: number, end: number): void {
  for (const c of list) {
    const prev = c.at > start ? text.charCodeAt(c.at - 1) : -1;
    const next = c.at + 1 < end ? text.charCodeAt(c.at + 1) : -1;
    if (c.role === 'numeric') {
      if (c.symbol === '○') {
        // The zero of Chinese numerals (一○六七, 卷二○, 一二○○): beside another numeral digit or zero.
        const prevZero = byAt.get(c.at - 1)?.symbol === '○' && byAt.get(c.at - 1)!.punct;
        c.punct = isChineseNumeral(prev) || prevZero || (isChineseNumeral(next) && byAt.get(c.at + 1)?.symbol !== '○');
        continue;
      }
      const number = (x: number) => x >= 0 && (isDigit(x) || isChineseNumeral(x) || byAt.get(c.at - 1)?.symbol === '○');
      const afterDigit = number(prev);
      const infix = '～×÷±＋－／＝＜＞'.includes(c.symbol);
      // ～ spans a range: after a number, before one, or open at its start (？～一一四二, an unknown birth year).
      // ...or open at its end after a number (一二一八～？, a year of death nobody knows).
      const unknownEnd = afterDigit && (next === 0xff1f || (byAt.get(c.at + 1)?.symbol === '？' && byAt.get(c.at + 1)!.punct));
      // － spans ranges the same way in text typeset with it ((1155－？), (？－1117)).
      // ...and to an approximate number (约 1230～约 1291: a life whose years are known roughly).
      const approx = next === APPROX && c.at + 2 < end && startsNumber(text, c.at + 2, end);
      const range =
        (c.symbol === '～' || c.symbol === '－') && next >= 0 && (((isDigit(next) || isChineseNumeral(next) || approx) && (afterDigit || byAt.get(c.at - 1)?.symbol === '？')) || unknownEnd);
      c.punct = range || (afterDigit && (!infix || (next >= 0 && (isDigit(next) || isChineseNumeral(next)))));
      // An unknown start of a range is a question mark (（？～一二四三）): a 钥 right before the ～ or － is one.
      const before = byAt.get(c.at - 1);
      if (range && before?.symbol === '？') before.punct = true;
    } else if (c.role === 'indent') {
      c.punct = isIndent(text, c, start, end, byAt);
    } else if (c.role === 'enumerator') {
      // Only list numbers whose shifted character is rare enough not to be a word (淤, not 于 or 余).
      const rare = hanLog10P(c.code) < -4.5;
      const atItemStart = prev < 0 || isSpace(prev) || byAt.get(c.at - 1)?.punct === true || isClauseMark(prev);
      // ...and that starts no word with the character after it (《虞美人》: 虞美 is a word, not ⑤美).
      const word = next >= 0 && (pairPmi(c.code, next) ?? 0) > W.WORD_SUPPORT_FLOOR;
      c.punct = rare && atItemStart && next >= 0 && !isAsciiAlnum(next) && !word && hasSequenceNeighbour(text, c);
    }
  }
}

/**
 * List numbers come in sequences: a list has a ② after its ①, footnotes ① ② ③. A lone ⑦ or ⑩ with no neighbour of
 * its series (the number before or after it) within LIST_REACH characters is a rare character where a list seems to
 * start (《舆地纪胜》, 虞俦, 逾年 after a mark), not a list number. The number itself again does not count: the same
 * rare character twice (舆地 … 舆服) is no sequence. The neighbour may be a real mark or a shifted one.
 */
function hasSequenceNeighbour(text: string, c: FounderCandidate): boolean {
  const code = c.symbol.charCodeAt(0);
  const series = enumeratorSeries(code);
  if (!series) return true;
  const from = Math.max(0, c.at - W.LIST_REACH);
  const to = Math.min(text.length, c.at + W.LIST_REACH + 1);
  for (let i = from; i < to; i++) {
    if (i === c.at) continue;
    let k = text.charCodeAt(i);
    if (k < series[0] || k > series[1]) {
      const sym = founderSymbolOf(k);
      if (!sym || sym.role !== 'enumerator') continue;
      k = sym.symbol.charCodeAt(0);
    }
    if (k >= series[0] && k <= series[1] && Math.abs(k - code) === 1) return true;
  }
  return false;
}

const APPROX = 0x7ea6; // 约

/** Whether a number starts at i, after at most one space (约 1291, 约一二九一). */
function startsNumber(text: string, i: number, end: number): boolean {
  if (text.charCodeAt(i) === 0x20) i++;
  if (i >= end) return false;
  const c = text.charCodeAt(i);
  return isDigit(c) || isChineseNumeral(c);
}

/** The digits of Chinese numerals as years, volumes and dates are written (一九八三, 卷二九): 〇 ○ and 一 to 九, 十. */
function isChineseNumeral(code: number): boolean {
  return code === 0x3007 || code === 0x25cb || code === 0x5341 || '一二三四五六七八九'.includes(String.fromCharCode(code));
}

/**
 * 　 (摇) indents e-paper paragraphs: at a paragraph's start, or after a sentence's end where two paragraphs were
 * joined (…有传。　张九成诗). A run of them is an indent when the character after the run forms no word with 摇
 * (摇头, 摇篮, 摇摇欲坠 do); a single one at a paragraph's start only then too, as 摇篮 starts paragraphs.
 */
function isIndent(text: string, c: FounderCandidate, start: number, end: number, byAt: Map<number, FounderCandidate>): boolean {
  let first = c.at;
  while (first > start && byAt.get(first - 1)?.role === 'indent') first--;
  let last = c.at;
  while (last + 1 < end && byAt.get(last + 1)?.role === 'indent') last++;
  const after = last + 1 < end ? text.charCodeAt(last + 1) : -1;
  const formsWord = after >= 0 && (pairPmi(c.code, after) ?? 0) > W.WORD_SUPPORT_FLOOR;
  if (isBlankOrIndentBefore(text, first, start, byAt)) return last > first || (isHan(after) && !formsWord);
  return afterSentenceEnd(text, first, start, byAt) && isHan(after) && !formsWord;
}

/**
 * Whether the text before i ends a sentence: 。？！ (real, or a candidate decided as one), maybe behind a closing quote
 * and the spaces that joined two paragraphs into one line (写下此诗遥 摇摇元和八年).
 */
function afterSentenceEnd(text: string, i: number, start: number, byAt: Map<number, FounderCandidate>): boolean {
  let j = i - 1;
  while (j >= start && text.charCodeAt(j) === 0x20) j--;
  const isMark = (k: number, marks: string) => marks.includes(text[k]) || (byAt.get(k)?.punct === true && marks.includes(byAt.get(k)!.symbol));
  if (j >= start && isMark(j, '”’）』」')) j--;
  return j >= start && isMark(j, '。？！');
}

function isBlankOrIndentBefore(text: string, i: number, start: number, byAt: Map<number, FounderCandidate>): boolean {
  for (let j = i - 1; j >= start; j--) {
    const c = byAt.get(j);
    if (c?.role === 'indent') continue;
    if (!isSpace(text.charCodeAt(j))) return false;
  }
  return true;
}

/** log10 odds to 0–1. */
export function confidenceOf(logit: number): number {
  if (!Number.isFinite(logit)) return logit > 0 ? 1 : 0;
  const p = 1 / (1 + Math.exp(-W.LOG10_TO_LN * Math.abs(logit)));
  return Math.round(p * 1000) / 1000;
}

