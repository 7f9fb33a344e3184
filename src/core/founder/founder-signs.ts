/**
 * What a paragraph shows of Founder damage on its own, before any decision: how many shifted-looking clause
 * marks stand free of words, how many real marks it has, which paired marks it leaves open. Evidence counts
 * these for a whole page; the decision (founder-decision.ts) builds on the same word support.
 */
import { hanLog10P, isTetragramWordAt, isTetragramWordStartingAt, isTrigramWord, isTrigramWordStarting, pairPmi } from '../model';
import { endsSentenceBefore, isAsciiAlnum, isClauseMark, isHan, isSpace, isUnifiedHan } from '../text-classes';
import { isCuedColonAtEnd } from './colon-cue';
import { founderSymbolOf, PARTNER } from './founder-map';
import * as W from './founder-weights';

/**
 * The marks whose shifted forms give damage away: ，。、 are everywhere in Chinese, and ” (冶) closes
 * every quotation, while 袁 遥 尧 冶 are rare as characters outside a handful of words the model knows.
 */
const TELLING_MARKS = new Set(['，', '。', '、', '”']);
/**
 * ？！ (钥 浴) give damage away only where a sentence ends: before a space, a Latin word or the text's end
 * (…和巨魔作战吗钥 You can, …重获自由浴). Elsewhere both are characters of words (钥匙, 沐浴, 浴室).
 */
const END_MARKS = new Set(['？', '！']);

/** Titles that follow a surname (袁老师, 袁先生): the 袁 before them is a name, not a comma. */
const TITLES = ['老师', '先生', '女士', '小姐', '同志', '教授', '主任', '书记', '院长', '校长', '局长', '部长', '市长', '县长', '经理', '师傅', '医生', '总'];

/** , . ; : ? ! as they stand between Chinese words in half-width text. */
function isAsciiClauseMark(code: number): boolean {
  return code === 0x2c || code === 0x2e || code === 0x3b || code === 0x3a || code === 0x3f || code === 0x21;
}

/** 小 老 大 before a surname make a familiar name (小袁, 老袁): the 袁 is the surname, not a comma. */
const FAMILIAR_PREFIXES = new Set([0x5c0f, 0x8001, 0x5927]);
/**
 * After a Han character the prefix may end a word instead (古老, 养老, 缩小), or a name (字商老, 史弥大: 袁 then a
 * comma), so there it is a weak sign: it keeps this 袁 from counting as a free mark, so that it never makes a
 * paragraph damaged on its own (昨天老袁来了), but it does not outweigh a damaged paragraph's other signs. A prefix
 * bound to the character before it more strongly than a one-character title may be (TITLE_WORD_PMI) is no sign.
 */
function afterFamiliarPrefix(text: string, i: number, start: number): boolean {
  if (i - 2 < start || !FAMILIAR_PREFIXES.has(text.charCodeAt(i - 1))) return false;
  return (pairPmi(text.charCodeAt(i - 2), text.charCodeAt(i - 1)) ?? 0) <= TITLE_WORD_PMI;
}

/** 字 and 号 introduce a courtesy or art name (，字致尧，, 一字尧臣, 号适斋). */
const NAME_INTRODUCERS = new Set([0x5b57, 0x53f7]);
/** 一字 and 又号 introduce a second name the same way. */
const NAME_INTRODUCER_PREFIXES = new Set([0x4e00, 0x53c8]);

/** ” ’: a 字 after a closing quote is the quoted character (一“读”字), never a courtesy name's introducer. */
const CLOSING_QUOTES = new Set([0x201d, 0x2019]);

/**
 * Whether the candidate at i stands inside a name that 字 or 号 introduces: right after it, where no mark is ever
 * written (字、 字，), or — for 、 — one character later, since names of one character are not listed (字致尧 is a
 * name, 字致、 never a list). The 字 must open its clause, so words that end in 字 (文字、数字、) are not names, nor
 * may it follow a closing quote: in the clean corpus ”字 is followed by ，。皆段必 and never by a name (）字子 is).
 */
export function inIntroducedName(text: string, i: number, start: number, symbol: string, markAt: MarkAt): boolean {
  const opens = (j: number) => {
    if (j >= start && NAME_INTRODUCER_PREFIXES.has(text.charCodeAt(j))) j--;
    if (j < start) return true;
    const code = text.charCodeAt(j);
    if (CLOSING_QUOTES.has(code)) return false;
    if (markAt(j)) {
      const sym = founderSymbolOf(code)?.symbol;
      return sym === undefined || !CLOSING_QUOTES.has(sym.charCodeAt(0));
    }
    return !isHan(code) && !isAsciiAlnum(code);
  };
  if (i - 1 >= start && NAME_INTRODUCERS.has(text.charCodeAt(i - 1))) return opens(i - 2);
  return symbol === '、' && i - 2 >= start && NAME_INTRODUCERS.has(text.charCodeAt(i - 2)) && hanAt(text, i - 1, start, i, markAt) >= 0 && opens(i - 3);
}

/** The first characters of TITLES: most candidates are followed by none of them, and need no string comparison. */
const TITLE_STARTS = new Set(TITLES.map((t) => t.charCodeAt(0)));

export function beforeTitle(text: string, i: number, start: number, end: number): boolean {
  if (FAMILIAR_PREFIXES.has(text.charCodeAt(i - 1)) && !isHan(text.charCodeAt(i - 2))) return true;
  if (text.charCodeAt(i + 1) === ZHOU && i + 1 < end && (endsPlaceName(text, i + 2, end) || afterPostingVerb(text, i, start))) return true;
  if (!TITLE_STARTS.has(text.charCodeAt(i + 1))) return text.charCodeAt(i - 1) === 0x59d3;
  for (const t of TITLES) {
    if (i + 1 + t.length > end || !text.startsWith(t, i + 1)) continue;
    // A one-character title that starts a word with what follows is that word (何时袁总会有: 总会, not 袁总).
    if (t.length === 1 && (pairPmi(t.charCodeAt(0), text.charCodeAt(i + 2)) ?? 0) > TITLE_WORD_PMI) continue;
    return true;
  }
  return text.charCodeAt(i - 1) === 0x59d3; // 姓袁: the family name itself
}

/**
 * 袁州, the prefecture of classical biographies (知袁州, 通判袁州), which the dictionary barely holds: 袁 before 州 and
 * then a mark, a shifted mark or 府 (袁州府) is the place. A clause that starts with 州 alone goes on with a word
 * (，州县, ，州人). In the clean corpus's real text, 袁州 stands 272 times, 191 of them followed by a mark or 府; ，州
 * 60 times, 2 of them so (，州府).
 */
const ZHOU = 0x5dde; // 州
const FU = 0x5e9c; // 府

/**
 * ...and so is 袁州 right after a verb of posting (知袁州罗公, 官袁州州学, 为袁州教授), whatever follows: over the clean
 * corpus's 袁州 and ，州 this finds 219 of the first instead of 203, and the same 4 of the second (，州府, ，州在). The
 * verb must stand alone: 因为，州政府 and 不知，州 end words (the pair before binds).
 */
const POSTING_VERBS = ['通判', '权知', '知', '官', '为', '移', '徙', '贬', '谪'];

function afterPostingVerb(text: string, i: number, start: number): boolean {
  for (const verb of POSTING_VERBS) {
    const at = i - verb.length;
    if (at < start || !text.startsWith(verb, at)) continue;
    return at - 1 < start || !isHan(text.charCodeAt(at - 1)) || (pairPmi(text.charCodeAt(at - 1), verb.charCodeAt(0)) ?? 0) <= TITLE_WORD_PMI;
  }
  return false;
}

function endsPlaceName(text: string, j: number, end: number): boolean {
  if (j >= end) return true;
  const c = text.charCodeAt(j);
  return !isHan(c) || c === FU || founderSymbolOf(c) !== undefined;
}

/** A one-character title binding to the next character this strongly (PMI) is part of that word instead. */
const TITLE_WORD_PMI = 0.5;

/** What a paragraph shows on its own: the basis of the decision whether it is damaged at all. */
export interface ParagraphSigns {
  /** Real clause marks (，。；：？！). */
  realClauseMarks: number;
  /** Shifted ，。、 (袁遥尧) that form no word with their neighbours. */
  freeClauseMarks: number;
  /**
   * Marks of shifted pairs that enclose a short stretch and form no word on either side (腋查找夜 for 「查找」,
   * 叶虞美人曳 for 《虞美人》): two per pair. Counted apart from the free clause marks, which page evidence weighs.
   */
  freePairMarks: number;
  /** Any candidate character at all. */
  candidates: number;
  han: number;
  /** ASCII letters and digits: words of another script, which make a short text a sentence rather than a label. */
  alnum: number;
  /** Of the free clause marks, the cued colons ending a line (…如下院): signs no word explains. */
  cuedColons: number;
  /**
   * Candidates the decision restores by their context alone: clause marks and runs (袁遥尧, 噎 要). Paired marks need
   * a partner (freePairMarks counts those that have one), enumerators a list, numeric marks digits.
   */
  loose: number;
}

export function paragraphSigns(text: string, start: number, end: number): ParagraphSigns {
  const signs: ParagraphSigns = { realClauseMarks: 0, freeClauseMarks: 0, freePairMarks: 0, candidates: 0, han: 0, alnum: 0, cuedColons: 0, loose: 0 };
  let openAt = -1;
  let openSymbol = '';
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3000) {
      // Half-width punctuation set tight between Chinese words is real punctuation too (王某某,袁某某,张某某): the
      // shift never touches ASCII. Not where a space or Latin text follows (出版物: 我们, 用户, 密码): Chinese
      // documents mix those with full-width marks the shift does take.
      if (isAsciiClauseMark(code) && isHan(text.charCodeAt(i - 1)) && isHan(text.charCodeAt(i + 1))) signs.realClauseMarks++;
      else if (isAsciiAlnum(code)) signs.alnum++;
      continue;
    }
    if (isClauseMark(code)) {
      signs.realClauseMarks++;
      continue;
    }
    if (!isHan(code)) continue;
    signs.han++;
    const sym = founderSymbolOf(code);
    if (!sym) continue;
    signs.candidates++;
    if (sym.role === 'break' || sym.role === 'run') signs.loose++;
    if (isFreeMark(text, i, start, end)) signs.freeClauseMarks++;
    else if (isCuedColonAtEnd(text, i, start, end) && !formsWordBefore(text, i)) {
      signs.freeClauseMarks++;
      signs.cuedColons++;
    }
    if (sym.role === 'open' && PAIR_SIGN_MARKS.has(sym.symbol)) {
      if (wordSupport(text, i, start, end, NO_MARKS) <= W.WORD_SUPPORT_FLOOR) {
        openAt = i;
        openSymbol = sym.symbol;
      }
    } else if (sym.role === 'close' && openAt >= 0 && PARTNER.get(sym.symbol) === openSymbol) {
      if (i - openAt - 1 >= 1 && i - openAt - 1 <= PAIR_SIGN_MAX_INSIDE && wordSupport(text, i, start, end, NO_MARKS) <= W.WORD_SUPPORT_FLOOR) signs.freePairMarks += 2;
      openAt = -1;
    }
  }
  return signs;
}

const REPLACEMENT = 0xfffd;

/** Quotes, titles and corner brackets: the pairs whose shifted forms enclose words and names in running text. */
const PAIR_SIGN_MARKS = new Set(['“', '《', '「', '『', '（']);
/** A title or quotation this short (characters inside) is one a reader sees as a pair; longer, chance pairs. */
const PAIR_SIGN_MAX_INSIDE = 20;

/**
 * Whether the character at i of the paragraph [start, end) is a free telling mark: a shifted ，。、” (袁遥尧冶), or ？！
 * (钥浴) where a sentence can end, likelier the mark than the character even after the best word its neighbours
 * offer (袁将 is a weak word; 袁世凯, 遥远, 冶金 are strong ones), and not a surname before a title.
 */
export function isFreeMark(text: string, i: number, start: number, end: number): boolean {
  const code = text.charCodeAt(i);
  const sym = founderSymbolOf(code);
  if (!sym || i <= start || beforeTitle(text, i, start, end)) return false;
  if (!TELLING_MARKS.has(sym.symbol) && !(END_MARKS.has(sym.symbol) && endsSentenceBefore(text, i + 1, end))) return false;
  if (sym.symbol === '，' && afterFamiliarPrefix(text, i, start)) return false;
  // An enumeration comma or a comma ends no text (张智尧, 汝南袁: names). A hard-wrapped line may end in one, so
  // this is a weak sign like the familiar prefix: the line's other signs still decide it.
  if ((sym.symbol === '、' || sym.symbol === '，') && isBlankAfter(text, i + 1, end)) return false;
  // Nor does a clause mark follow a space or a half-width mark (Name: 袁丽萍, 地点: 尧山): the same weak sign.
  const before = text.charCodeAt(i - 1);
  if (isSpace(before) || isAsciiClauseMark(before)) return false;
  // Beside a lost character (U+FFFD) the word it may have formed is unknown (遥� may be 遥远): no sign either way.
  if (text.charCodeAt(i - 1) === REPLACEMENT || (i + 1 < end && text.charCodeAt(i + 1) === REPLACEMENT)) return false;
  const odds = sym.logRate! - hanLog10P(code) - W.WORD_SUPPORT_WEIGHT * wordSupport(text, i, start, end, NO_MARKS);
  return odds > W.FREE_MARK_LOGIT;
}

/**
 * A cue can end inside a word with the 院 (地方法院 holds 方法): the 院 that binds to the character before it this
 * strongly (PMI; 法院, 学院, 医院 2.1–2.6) is that word's, while 如下院's 下院 (0.35) is no bar to the cue.
 */
const CUED_COLON_WORD_PMI = 1.0;

function formsWordBefore(text: string, i: number): boolean {
  return (pairPmi(text.charCodeAt(i - 1), text.charCodeAt(i)) ?? 0) > CUED_COLON_WORD_PMI;
}

/** Whether text[i, end) is nothing but spaces. */
export function isBlankAfter(text: string, i: number, end: number): boolean {
  for (let j = i; j < end; j++) if (!isSpace(text.charCodeAt(j))) return false;
  return true;
}

export type MarkAt = (i: number) => boolean;
export const NO_MARKS: MarkAt = () => false;

export function hanAt(text: string, i: number, start: number, end: number, markAt: MarkAt): number {
  if (i < start || i >= end || markAt(i)) return -1;
  const code = text.charCodeAt(i);
  return isHan(code) ? code : -1;
}

/**
 * How strongly the character at i forms a word with a Han neighbour, in PMI, less what that reading costs: the
 * neighbour's bond to its other side is lost when it joins the character (本地遥|远程: 遥远 takes 远 from 远程;
 * 指出|院, 袁|世称), so a share of that bond counts against it, unless the three are a word (枢密院, 袁世凯). Bound on
 * both sides (梅尧臣), the weaker bond adds its share (BOTH_SIDES_SHARE).
 */
export function wordSupport(text: string, i: number, start: number, end: number, markAt: MarkAt): number {
  const code = text.charCodeAt(i);
  let leftSupport = 0;
  const prev = hanAt(text, i - 1, start, end, markAt);
  const left = prev >= 0 ? pairPmi(prev, code) ?? 0 : 0;
  if (left > 0) {
    const prevPrev = hanAt(text, i - 2, start, end, markAt);
    const competing = prevPrev >= 0 ? pairPmi(prevPrev, prev) ?? 0 : 0;
    // ...unless the three are one word (枢密院: 枢密 is a word, and so is 枢密院).
    const discount = competing <= 0 || isTrigramWord(prevPrev, prev, code) ? 0 : competing;
    leftSupport = left - W.COMPETING_WORD_SHARE * discount;
  }
  let rightSupport = 0;
  const next = hanAt(text, i + 1, start, end, markAt);
  const right = next >= 0 ? pairPmi(code, next) ?? 0 : 0;
  if (right > 0) {
    // The same on the right: 世 in 袁|世称 is taken by 称, unless the three are a word (袁世凯).
    const nextNext = hanAt(text, i + 2, start, end, markAt);
    const competing = nextNext >= 0 ? pairPmi(next, nextNext) ?? 0 : 0;
    const discount = competing <= 0 || isTrigramWordStarting(code, next, nextNext) ? 0 : competing;
    rightSupport = right - W.COMPETING_WORD_SHARE * discount;
  }
  const strong = Math.max(leftSupport, rightSupport);
  const weak = Math.min(leftSupport, rightSupport);
  let best = Math.max(0, strong + (weak > W.WORD_SUPPORT_FLOOR ? W.BOTH_SIDES_SHARE * weak : 0));
  // A whole three-character word (袁世凯: the model gives the name's first pair no mass of its own).
  if (next >= 0 && W.TRIGRAM_WORD_SUPPORT > best) {
    const nextNext = hanAt(text, i + 2, start, end, markAt);
    if (nextNext >= 0 && isTrigramWordStarting(code, next, nextNext)) best = W.TRIGRAM_WORD_SUPPORT;
  }
  // ...or four, ending or starting here (一步之遥: no pair holds 之遥), its characters all still characters.
  if (W.TRIGRAM_WORD_SUPPORT > best) {
    const hanRun = (from: number) => hanAt(text, from, start, end, markAt) >= 0 && hanAt(text, from + 1, start, end, markAt) >= 0 && hanAt(text, from + 2, start, end, markAt) >= 0;
    if ((isTetragramWordAt(text, i - 3) && hanRun(i - 3)) || (isTetragramWordStartingAt(text, i) && hanRun(i + 1))) best = W.TRIGRAM_WORD_SUPPORT;
  }
  return best;
}

/** Shifted opening and closing marks of a paragraph left over after pairing them in order, as [open, close]. */
export function unpairedMarks(text: string, start: number, end: number): [number, number] {
  const depth = new Map<string, number>();
  let close = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isUnifiedHan(code)) continue;
    const sym = founderSymbolOf(code);
    if (!sym || sym.logRate === undefined) continue;
    if (sym.role === 'open') depth.set(sym.symbol, (depth.get(sym.symbol) ?? 0) + 1);
    else if (sym.role === 'close') {
      const open = PARTNER.get(sym.symbol)!;
      const d = depth.get(open) ?? 0;
      if (d > 0) depth.set(open, d - 1);
      else close++;
    }
  }
  let open = 0;
  for (const d of depth.values()) open += d;
  return [open, close];
}
