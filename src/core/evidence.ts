import { paragraphSigns, unpairedMarks } from './founder/founder-paragraph';
import { founderSymbolOf } from './founder/founder-map';
import { isClauseMark, isHan } from './text-classes';
import type { Evidence } from './types';

export function emptyEvidence(): Evidence {
  return {
    chars: 0,
    han: 0,
    realPunct: 0,
    founderCandidates: 0,
    founderCommaStop: 0,
    paragraphs: 0,
    founderParagraphs: 0,
    unpairedOpen: 0,
    unpairedClose: 0,
  };
}

/** Evidence is plain counts, so a page's parts add up to the page. */
export function mergeEvidence(a: Evidence, b: Evidence): Evidence {
  const out = emptyEvidence();
  for (const key of Object.keys(out) as (keyof Evidence)[]) out[key] = (a[key] ?? 0) + (b[key] ?? 0);
  return out;
}

/**
 * Summarises a page or document so that it can be repaired piece by piece with the
 * decisions made for the whole. Each text is split into paragraphs at line breaks.
 */
export function collectEvidence(texts: Iterable<string>): Evidence {
  const e = emptyEvidence();
  for (const text of texts) {
    e.chars += text.length;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      addParagraph(e, text, start, end);
      start = end + 1;
    }
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
