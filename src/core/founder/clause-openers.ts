/**
 * Words that open a clause after a comma: conjunctions, the pronouns that start a new subject, modal openers
 * (…保持一致袁并且…, …好决定袁但我会…, …工厂函数袁例如…). A shifted comma (袁) right before one, free of any
 * word with its neighbours, is a comma even beside the real marks of a clean sentence: no given name starts with
 * these (袁可立 is why 可 alone is not one).
 *
 * Not in the cheap gate (gate.ts): the first content script has no bytes to spare for the words, and a page whose
 * only damage is one such comma is rare. The repair looks for it itself (repair.ts), so the command line, the
 * paste-and-fix page and every paragraph the page repairer hands over (all of a Founder-damaged page's) see it.
 */
import { isClauseMark, isHan } from '../text-classes';

/**
 * The temple names of emperors, which open a clause of a biography with the reign it tells of (…字子安，哲宗元祐中知…,
 * …杨辟之，仁宗至和中通判…). In the clean corpus (npm run build:fp-corpus) one of these follows a ， 2,135 times and a
 * 袁 never: a given name of 袁 is not a temple name.
 */
const TEMPLE_NAMES = [
  '高祖', '太祖', '世祖', '成祖', '太宗', '中宗', '睿宗', '玄宗', '肃宗', '代宗', '德宗', '顺宗', '宪宗', '穆宗', '文宗',
  '武宗', '宣宗', '懿宗', '僖宗', '昭宗', '真宗', '仁宗', '英宗', '神宗', '哲宗', '徽宗', '钦宗', '高宗', '孝宗', '光宗',
  '宁宗', '理宗', '度宗', '世宗', '成宗', '熹宗',
];

export const OPENERS = [
  '并且', '而且', '但', '因为', '所以', '因此', '如果', '例如', '比如', '然后', '然而', '虽然', '即使', '否则',
  '同时', '于是', '不过', '可是', '或者', '从而', '以便', '只要', '只有', '除非', '尽管', '以及', '甚至', '因而',
  '可以', '他们', '我们', '它们', '你们', '这样', '那么', '就是', '也是', '还是', '并不', '也不',
  ...TEMPLE_NAMES,
];
const FIRST = new Set(OPENERS.map((w) => w.charCodeAt(0)));

/** Whether a clause-opening word starts at i. */
export function opensClause(text: string, i: number): boolean {
  if (!FIRST.has(text.charCodeAt(i))) return false;
  for (const w of OPENERS) if (text.startsWith(w, i)) return true;
  return false;
}

const SHIFTED_COMMA = 0x8881; // 袁
const SHIFTED_FULL_STOP = 0x9065; // 遥
const TEMPLE_FIRST = new Set(TEMPLE_NAMES.map((w) => w.charCodeAt(0)));

/** Whether a word that opens a sentence (a temple name) starts at i. */
export function opensSentence(text: string, i: number): boolean {
  if (!TEMPLE_FIRST.has(text.charCodeAt(i))) return false;
  for (const w of TEMPLE_NAMES) if (text.startsWith(w, i)) return true;
  return false;
}

/**
 * Whether the text holds a 袁 right before a clause opener, or a 遥 right before a sentence opener, after at least
 * minHan Han characters of its clause.
 */
export function hasOpenerComma(text: string, minHan: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === SHIFTED_COMMA ? opensClause(text, i + 1) : c === SHIFTED_FULL_STOP && opensSentence(text, i + 1))) continue;
    let han = 0;
    for (let j = i - 1; j >= 0 && han < minHan; j--) {
      const d = text.charCodeAt(j);
      if (isClauseMark(d) || d === 0x0a || d === 0x0d) break;
      if (isHan(d)) han++;
    }
    if (han >= minHan) return true;
  }
  return false;
}
