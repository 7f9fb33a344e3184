import type { Step } from './types';

/**
 * Damage no decoder can undo, flagged so the reader knows: U+FFFD (a decoder gave up),
 * 锟斤拷 (U+FFFD itself encoded as UTF-8 and read as GBK), 烫烫烫 / 屯屯屯 (uninitialised
 * memory, 0xCC / 0xCD bytes, shown as GBK). The step keeps the text as it is. Three at least: 烫烫的 (very hot)
 * is Chinese.
 */
const REPLACEMENT = 0xfffd;
const KUN = 0x951f; // 锟
const TANG = 0x70eb; // 烫
const TUN = 0x5c6f; // 屯
const KUN_JIN_KAO = '锟斤拷';
/** 烫烫烫, 屯屯屯: fewer in a row is Chinese. */
const MEMORY_MIN_RUN = 3;

/**
 * Where the lossy span starting at i ends, or i when none starts there: a run of U+FFFD, 锟斤拷 repeated (and one
 * more 锟 after, its start), or a run of MEMORY_MIN_RUN or more 烫 or 屯. The regular expression this replaces
 * (/\ufffd+|(?:锟斤拷)+锟?|(?:烫){3,}|(?:屯){3,}/g through matchAll: its match objects and iterator were 1.5 % of a CPU
 * profile of UTF-8 read as GBK) found the same spans, its alternatives starting with four different characters.
 */
function lossyEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let j = i;
  if (c === REPLACEMENT) {
    while (text.charCodeAt(j) === REPLACEMENT) j++;
  } else if (c === KUN) {
    while (text.startsWith(KUN_JIN_KAO, j)) j += KUN_JIN_KAO.length;
    if (j > i && text.charCodeAt(j) === KUN) j++;
  } else if (c === TANG || c === TUN) {
    while (text.charCodeAt(j) === c) j++;
    if (j - i < MEMORY_MIN_RUN) j = i;
  }
  return j;
}

export function lossySteps(text: string): Step[] {
  const steps: Step[] = [];
  if (!text.includes('\ufffd') && !text.includes('锟') && !text.includes('烫') && !text.includes('屯')) return steps;
  for (let start = 0; start < text.length; ) {
    const end = lossyEnd(text, start);
    if (end === start) {
      start++;
      continue;
    }
    const span = text.slice(start, end);
    steps.push({
      kind: 'lossy',
      start,
      end,
      original: span,
      replacement: span,
      codecs: [span.startsWith('锟') ? 'utf-8(U+FFFD)' : span[0] === '\ufffd' ? 'unknown' : 'uninitialised-memory'],
      confidence: 1,
      lossy: true,
    });
    start = end;
  }
  return steps;
}
