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

export const OPENERS = [
  '并且', '而且', '但', '因为', '所以', '因此', '如果', '例如', '比如', '然后', '然而', '虽然', '即使', '否则',
  '同时', '于是', '不过', '可是', '或者', '从而', '以便', '只要', '只有', '除非', '尽管', '以及', '甚至', '因而',
  '可以', '他们', '我们', '它们', '你们', '这样', '那么', '就是', '也是', '还是', '并不', '也不',
];
const FIRST = new Set(OPENERS.map((w) => w.charCodeAt(0)));

/** Whether a clause-opening word starts at i. */
export function opensClause(text: string, i: number): boolean {
  if (!FIRST.has(text.charCodeAt(i))) return false;
  for (const w of OPENERS) if (text.startsWith(w, i)) return true;
  return false;
}

/** Whether the text holds a 袁 right before an opener after at least minHan Han characters of its clause. */
export function hasOpenerComma(text: string, minHan: number): boolean {
  for (let i = text.indexOf('袁'); i >= 0; i = text.indexOf('袁', i + 1)) {
    if (!opensClause(text, i + 1)) continue;
    let han = 0;
    for (let j = i - 1; j >= 0 && han < minHan; j--) {
      const c = text.charCodeAt(j);
      if (isClauseMark(c) || c === 0x0a || c === 0x0d) break;
      if (isHan(c)) han++;
    }
    if (han >= minHan) return true;
  }
  return false;
}
