import { lineSpans } from './document/line-spans';
import { founderSymbolOf } from './founder/founder-map';
import { paragraphSigns, unpairedMarks } from './founder/founder-signs';
import { isClauseMark, isHan } from './text-classes';
import { emptyEvidence, type Evidence } from './types';

/**
 * Summarises a page or document so that it can be repaired piece by piece with the
 * decisions made for the whole. Each text is split into paragraphs at line breaks.
 */
export function collectEvidence(texts: Iterable<string>): Evidence {
  const e = emptyEvidence();
  for (const text of texts) {
    e.chars += text.length;
    for (const [start, end] of lineSpans(text)) addParagraph(e, text, start, end);
  }
  return e;
}

function addParagraph(e: Evidence, text: string, start: number, end: number): void {
  let han = 0;
  let candidates = 0;
  let marks = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isHan(c)) {
      han++;
      if (founderSymbolOf(c)) candidates++;
    } else if (isClauseMark(c)) marks++;
  }
  if (han === 0) return;
  e.han += han;
  e.paragraphs++;
  // Most paragraphs have no shifted-looking character: count their marks and move on.
  if (candidates === 0) {
    e.realPunct += marks;
    return;
  }
  const signs = paragraphSigns(text, start, end);
  e.realPunct += signs.realClauseMarks;
  e.founderCandidates += signs.candidates;
  e.founderCommaStop += signs.freeClauseMarks;
  if (signs.freeClauseMarks > 0 && signs.realClauseMarks === 0) {
    e.founderParagraphs++;
    const [open, close] = unpairedMarks(text, start, end);
    e.unpairedOpen = (e.unpairedOpen ?? 0) + open;
    e.unpairedClose = (e.unpairedClose ?? 0) + close;
  }
}
