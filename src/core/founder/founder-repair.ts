import { endsSentenceBefore, isClauseMark, isHan } from '../text-classes';
import type { Evidence, Extent, Hints, Step } from '../types';
import { confidenceOf, decideParagraphs } from './founder-decision';
import { isFreeMark, paragraphSigns, type ParagraphSigns } from './founder-signs';
import { founderSymbolOf } from './founder-map';
import { opensClause, opensSentence } from './clause-openers';
import * as W from './founder-weights';

export const FOUNDER_CODEC = 'gb2312+0x31';

/**
 * A paragraph with many free 袁遥 and no real clause mark is damaged;
 * with real marks beside them, only when the free ones outnumber the real ones this many times.
 */
const FREE_TO_REAL_RATIO = 4;
const FREE_MIN_WITH_REAL = 4;

/**
 * On a page that is mostly clean (real marks outnumber free 袁遥 this many times),
 * one free 袁 in a paragraph is a name, not damage: ask for two.
 */
const CLEAN_PAGE_RATIO = 3;

/** Page-level share of damaged paragraphs above which every unpunctuated paragraph is suspect too. */
const DAMAGED_PAGE_SHARE = 0.2;

export function isDamagedParagraph(
  signs: ParagraphSigns,
  evidence: Evidence | undefined,
  hints: Hints | undefined,
  cleanNeighbours = false,
): boolean {
  if (hints?.founder === 'off') return false;
  if (signs.candidates === 0) return false;
  if (hints?.founder === 'force') return true;
  const { realClauseMarks: real } = signs;
  const free = signs.freeClauseMarks + signs.freePairMarks;
  if (real === 0) {
    // A text of Han characters alone, shorter than a modern clause, whose one candidate decided by context is a free
    // mark (路遥, 一步之遥, 烟雨遥: a label, a title, a name) is no damage on its own: only another damaged paragraph
    // of its page makes it so (an e-paper page's short wrapped lines). A short text with Latin words is a sentence
    // (此处使用了 "use strict" 指令遥); a second candidate (他说袁我们走吧噎) or a cued colon (步骤如下院) is a sign of its own.
    if (
      !cleanNeighbours && signs.loose === 1 && signs.freePairMarks === 0 && signs.cuedColons === 0 && signs.han < W.LONE_SIGN_MIN_HAN && signs.alnum === 0 &&
      hints?.source !== 'pdf' && !otherDamagedParagraph(evidence)
    ) return false;
    const pageMostlyClean = evidence !== undefined && evidence.realPunct > CLEAN_PAGE_RATIO * Math.max(1, evidence.founderCommaStop);
    const needed = (pageMostlyClean && hints?.source !== 'pdf') || cleanNeighbours ? 2 : 1;
    if (free >= needed) return true;
    if (cleanNeighbours) return false;
    const pageDamaged =
      hints?.source === 'pdf' ||
      (evidence !== undefined && evidence.founderParagraphs > 0 && evidence.founderParagraphs >= DAMAGED_PAGE_SHARE * evidence.paragraphs);
    return pageDamaged;
  }
  return free >= FREE_MIN_WITH_REAL && free >= FREE_TO_REAL_RATIO * real;
}

/** Whether the page has a damaged-looking paragraph besides the one that may be judged (it counts itself). */
function otherDamagedParagraph(evidence: Evidence | undefined): boolean {
  return evidence !== undefined && evidence.founderParagraphs > 1;
}

const SENTENCE_END = new Set([0x3002, 0xff01, 0xff1f]);
/** 遥, the shifted 。: a free one ends a sentence as surely as a real 。 (its own mark was the damage). */
const SHIFTED_FULL_STOP = 0x9065;

/**
 * The sentences of a paragraph, each ending at its own 。！？ or at a free shifted 。 (遥): a damaged sentence's
 * full stop is itself shifted, so cutting only at real marks would join it to the clean sentence after it.
 */
function sentencesOf(text: string, start: number, end: number): Extent[] {
  const out: Extent[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // A 遥 right before a real mark is no full stop (。。 is never written): it is the clause's last word.
    const shiftedEnd = c === SHIFTED_FULL_STOP && !isClauseMark(text.charCodeAt(i + 1)) && isFreeMark(text, i, from, end);
    if (SENTENCE_END.has(c) || shiftedEnd) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < end) out.push([from, end]);
  return out;
}

/**
 * A sentence of a clean paragraph that ends in a free shifted full stop (遥) is damaged if the clause before it,
 * back to the sentence's last real mark, shows no other sign, is a clause's length of modern prose, and the
 * decision is sure of the mark (W.LONE_SIGN_LOGIT): the one broken sentence of a clean paragraph
 * (…当然也可以在很多互联网上的镜像站点中获得遥 Often…), not a name or a line of verse (牧童遥指, 路遥知马力).
 */
function isSureLoneSign(text: string, sentence: Extent, paragraph: Extent, hints: Hints | undefined): boolean {
  const last = sentence[1] - 1;
  if (hints?.founder === 'off' || text.charCodeAt(last) !== SHIFTED_FULL_STOP) return false;
  // Damage shifts whole sentences: a broken one amid clean ones leaves them their real 。！？. Where the paragraph
  // has none, it is one sentence, and its own shifted full stop ends it; a 遥 with more Chinese after it there is a
  // word of verse whose lines end without stops (木叶萧萧乡路迢迢六曲屏山和梦遥佳时倍惜风光别).
  if (!hasSentenceEnd(text, paragraph[0], paragraph[1]) && isHan(text.charCodeAt(last + 1))) return false;
  let from = last;
  while (from > sentence[0] && !isClauseMark(text.charCodeAt(from - 1))) from--;
  const clause: Extent = [from, sentence[1]];
  const signs = paragraphSigns(text, from, sentence[1]);
  if (signs.freeClauseMarks !== 1 || signs.han < W.LONE_SIGN_MIN_HAN) return false;
  return decideParagraphs(text, [clause]).some((c) => c.at === last && c.punct && c.logit >= W.LONE_SIGN_LOGIT);
}

/**
 * A free shifted 。？！ (遥 钥 浴) of a clean paragraph's sentence that ends the text or stands before a space or
 * Latin text, after at least W.END_SIGN_MIN_HAN Han characters and no real mark of its sentence, of which the
 * decision is sure (W.LONE_SIGN_LOGIT): the one broken sentence of a clean paragraph that runs into English or ends it
 * (…需要类型批注遥, …今录诗四首遥 Check if). Where the sentence holds a second free mark the sentence itself is damaged.
 */
function sureEndSigns(text: string, sentence: Extent, paragraph: Extent): number[] {
  const out: number[] = [];
  for (let i = sentence[0]; i < sentence[1]; i++) {
    const role = founderSymbolOf(text.charCodeAt(i))?.symbol;
    if ((role !== '。' && role !== '？' && role !== '！') || !endsSentenceBefore(text, i + 1, paragraph[1])) continue;
    let from = i;
    let han = 0;
    while (from > sentence[0] && !isClauseMark(text.charCodeAt(from - 1))) if (isHan(text.charCodeAt(--from))) han++;
    // Damage shifts whole sentences: a real mark earlier in this one would have been shifted too (梦遥 ending a
    // line of verse after its real ，).
    if (from > sentence[0] || han < W.END_SIGN_MIN_HAN || !isFreeMark(text, i, from, paragraph[1])) continue;
    const clause: Extent = [from, i + 1];
    if (decideParagraphs(text, [clause]).some((c) => c.at === i && c.punct && c.logit >= W.LONE_SIGN_LOGIT)) out.push(i);
  }
  return out;
}

const SHIFTED_COMMA = 0x8881; // 袁

/**
 * Whether a clean paragraph's sentence holds a free shifted comma (袁) right before a word that opens a clause (并且,
 * 但, 例如: clause-openers.ts), after at least W.OPENER_COMMA_MIN_HAN Han characters of its clause, and decided a
 * mark there: damage that took the sentence whose other marks look real (…要保持一致袁并且不能…). The same for a
 * shifted full stop (遥) before a word that opens a sentence, a temple name (…宋宗室遥理宗淳祐间…): no 遥 stands
 * there in the clean corpus.
 */
function hasSureOpener(text: string, sentence: Extent, paragraph: Extent): boolean {
  let from = sentence[0];
  let han = 0;
  for (let i = sentence[0]; i < sentence[1]; i++) {
    const c = text.charCodeAt(i);
    if (isClauseMark(c)) {
      from = i + 1;
      han = 0;
      continue;
    }
    const opener = c === SHIFTED_COMMA ? opensClause(text, i + 1) : c === SHIFTED_FULL_STOP && opensSentence(text, i + 1);
    if (opener && han >= W.OPENER_COMMA_MIN_HAN && isFreeMark(text, i, from, paragraph[1])) {
      // Decided in its clause (a comma alone at an extent's edge starts nothing): the same log-odds the page sees.
      let to = i + 1;
      while (to < sentence[1] && !isClauseMark(text.charCodeAt(to))) to++;
      if (decideParagraphs(text, [[from, to]]).some((d) => d.at === i && d.punct)) return true;
    }
    if (isHan(c)) han++;
  }
  return false;
}

/** The stretches of a sentence between its real clause marks, the marks themselves left out. */
function clausesOf(text: string, start: number, end: number): Extent[] {
  const out: Extent[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i < end && !isClauseMark(text.charCodeAt(i))) continue;
    if (i > from) out.push([from, i]);
    from = i + 1;
  }
  return out;
}

/** A real sentence end: 。！？, or the half-width .!? that half-width-punctuated Chinese ends its sentences with. */
function hasSentenceEnd(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (SENTENCE_END.has(c) || c === 0x2e || c === 0x21 || c === 0x3f) return true;
  }
  return false;
}

/** Founder repair of a text's paragraphs ([start, end) spans, in order): steps with offsets into text. */
export function founderSteps(text: string, paragraphs: readonly Extent[], evidence: Evidence | undefined, hints: Hints | undefined): Step[] {
  const damaged: Extent[] = [];
  for (const [start, end] of paragraphs) {
    const whole = paragraphSigns(text, start, end);
    if (whole.candidates === 0) continue;
    if (isDamagedParagraph(whole, evidence, hints)) {
      damaged.push([start, end]);
      continue;
    }
    if (whole.realClauseMarks === 0) {
      // A sentence of technical text amid English (使用 Svelte 作为所有视图的模板引擎遥) on a page whose other
      // paragraphs are clean: its one sign is its sentence end, which sureEndSigns weighs as in a clean paragraph.
      if (whole.alnum > 0 && whole.han >= W.LONE_SIGN_MIN_HAN && hints?.founder !== 'off') {
        for (const at of sureEndSigns(text, [start, end], [start, end])) damaged.push([at, at + 1]);
      }
      continue;
    }
    // One broken sentence in a clean paragraph: judge sentence by sentence, each ending at its own 。！？ (or 遥).
    for (const sentence of sentencesOf(text, start, end)) {
      const signs = paragraphSigns(text, sentence[0], sentence[1]);
      if (isDamagedParagraph(signs, evidence, hints, true)) {
        damaged.push(sentence);
        continue;
      }
      const before = damaged.length;
      if (signs.realClauseMarks > 0) {
        // Damage can take a single clause of a sentence whose other clauses keep their real marks (选择腋使用文档
        // 内容夜袁然后点击「新建」。). A clause shows it only by a free shifted pair and a free clause mark together:
        // one free 袁 or 遥 between real marks is as often a name or a word the model lacks (出知筠、袁二州).
        for (const clause of clausesOf(text, sentence[0], sentence[1])) {
          const inside = paragraphSigns(text, clause[0], clause[1]);
          if (inside.freePairMarks >= 2 && inside.freeClauseMarks >= 1 && isDamagedParagraph(inside, evidence, hints, true)) damaged.push(clause);
        }
      }
      if (damaged.length !== before) continue;
      // Damage shifts whole sentences: one whose shifted comma is sure (…保持一致袁并且…) has its other marks shifted
      // too (…依赖关系曰它们…), and is decided whole like any damaged text.
      if (hints?.founder !== 'off' && hasSureOpener(text, sentence, [start, end])) damaged.push(sentence);
      else if (isSureLoneSign(text, sentence, [start, end], hints)) damaged.push([sentence[1] - 1, sentence[1]]);
      else if (hints?.founder !== 'off') for (const at of sureEndSigns(text, sentence, [start, end])) damaged.push([at, at + 1]);
    }
  }
  const steps: Step[] = [];
  if (damaged.length === 0) return steps;
  // Only a caller repairing part of what the evidence covers misses partners in other paragraphs.
  const partial = evidence !== undefined && evidence.paragraphs > paragraphs.length;
  const wrappedPairs = partial && (evidence.unpairedOpen ?? 0) > 0 && (evidence.unpairedClose ?? 0) > 0;
  for (const c of decideParagraphs(text, damaged, wrappedPairs)) {
    if (!c.punct) continue;
    const last = steps[steps.length - 1];
    const confidence = confidenceOf(c.logit);
    if (last && last.end === c.at) {
      // Adjacent marks (：“ ——) read as one repair.
      last.end++;
      last.original += text[c.at];
      last.replacement += c.symbol;
      last.confidence = Math.min(last.confidence, confidence);
    } else {
      steps.push({
        kind: 'founder',
        start: c.at,
        end: c.at + 1,
        original: text[c.at],
        replacement: c.symbol,
        codecs: [FOUNDER_CODEC],
        confidence,
        lossy: false,
      });
    }
  }
  return steps;
}
