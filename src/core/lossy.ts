import type { Step } from './types';

/**
 * Damage no decoder can undo, flagged so the reader knows: U+FFFD (a decoder gave up),
 * 锟斤拷 (U+FFFD itself encoded as UTF-8 and read as GBK), 烫烫烫 / 屯屯屯 (uninitialised
 * memory, 0xCC / 0xCD bytes, shown as GBK). The step keeps the text as it is. Three at least: 烫烫的 (very hot)
 * is Chinese.
 */
const LOSSY = /\ufffd+|(?:锟斤拷)+锟?|(?:烫){3,}|(?:屯){3,}/g;

export function lossySteps(text: string): Step[] {
  const steps: Step[] = [];
  if (!text.includes('\ufffd') && !text.includes('锟') && !text.includes('烫') && !text.includes('屯')) return steps;
  for (const m of text.matchAll(LOSSY)) {
    const start = m.index!;
    steps.push({
      kind: 'lossy',
      start,
      end: start + m[0].length,
      original: m[0],
      replacement: m[0],
      codecs: [m[0].startsWith('锟') ? 'utf-8(U+FFFD)' : m[0][0] === '\ufffd' ? 'unknown' : 'uninitialised-memory'],
      confidence: 1,
      lossy: true,
    });
  }
  return steps;
}
