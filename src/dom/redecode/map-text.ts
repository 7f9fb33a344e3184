/**
 * Puts a re-decoded page's text into the live page, node by node, without touching its structure.
 *
 * Three sequences of slots (text-slots.ts): the bytes decoded as the browser decoded them and parsed (what the
 * page showed when it loaded), the same bytes decoded with the chosen encoding and parsed (what it should have
 * shown; the same markup, so slot i of one is slot i of the other), and the live document now. The first is
 * aligned with the live one on equal texts (align-slots.ts); each matched live slot that differs and looks damaged
 * gets the text of its counterpart in the second. Everything else stays as it is: nodes the page's scripts added
 * or changed, form fields, and pieces that cannot be matched (counted, so the popup can say so).
 *
 * The alignment doubles as the text check: only bytes whose text agrees with what the page showed are its bytes
 * (a cached GET page standing in for a POST result, or a page changed on the server, does not agree).
 */
import { alignSequences } from '../../core/redecode/align-slots';
import type { RewriteStore } from '../rewrite-store';
import type { RewrittenSpan } from '../step-mapping';
import { slotKey, type Slot } from './text-slots';

/** A slot of a parsed decoding: its text and where it sits (a text run, or which attribute). */
export type ParsedSlot = Pick<Slot, 'kind' | 'text'> & { name?: string };

/**
 * Share of the page's text as served (non-blank characters of the parsed slots) that must be found unchanged in
 * the live page. Pages whose bytes are not the ones the reader sees agree far less (different content around a
 * shared header and footer); a page whose scripts have since replaced a tenth of what it served is not re-decoded.
 */
export const TEXT_AGREEMENT_MIN = 0.9;
/**
 * Share of the live page's damaged characters that must sit in matched slots. Bytes of another page share no
 * damaged text with this one; damaged text the page's scripts wrote after load (from strings in a script the
 * browser decoded wrongly too) is not in the bytes' markup, and up to half of it is tolerated and reported.
 */
export const DAMAGED_AGREEMENT_MIN = 0.5;

export interface MappingPlan {
  /** True when the bytes agree with what the page showed (the text check). */
  agrees: boolean;
  why: string;
  /** Live slots to rewrite, with their new text. */
  writes: Array<{ slot: Slot; text: string }>;
  /** Live slots matched to the bytes. */
  matched: number;
  /** Damaged live slots left as they are: unmatched, or re-decoding would make them no better. */
  unmatchedDamaged: number;
  /** The two shares of the text check. */
  agreement: { served: number; damaged: number };
}

const key = (s: ParsedSlot) => (s.kind === 'text' ? `t${s.text}` : `a${s.name}\u0000${s.text}`);
const countReplacement = (s: string) => { let n = 0; for (let i = s.indexOf('\ufffd'); i >= 0; i = s.indexOf('\ufffd', i + 1)) n++; return n; };
const weight = (s: string) => s.replace(/[\t\n\f\r ]+/g, '').length;

/**
 * Works out what to write. `isDamaged` says whether a live text looks mis-decoded (U+FFFD, the cheap gate): only
 * such text is replaced, so parts of a mixed page that the browser showed right stay as they were.
 */
export function planMapping(shown: readonly ParsedSlot[], decoded: readonly ParsedSlot[], live: readonly Slot[], isDamaged: (text: string) => boolean): MappingPlan {
  const fail = (why: string): MappingPlan => ({ agrees: false, why, writes: [], matched: 0, unmatchedDamaged: live.filter((s) => isDamaged(s.text)).length, agreement: { served: 0, damaged: 0 } });
  if (shown.length !== decoded.length || shown.some((s, i) => s.kind !== decoded[i].kind || s.name !== decoded[i].name)) {
    return fail('the two decodings of the bytes parse into different structures');
  }
  const pairs = alignSequences(shown.map(key), live.map(slotKey));
  const matchedLive = new Set<number>();
  let servedAll = 0, servedMatched = 0, damagedAll = 0, damagedMatched = 0;
  for (const s of shown) servedAll += weight(s.text);
  const damagedLive = live.map((s) => isDamaged(s.text));
  live.forEach((s, j) => { if (damagedLive[j]) damagedAll += weight(s.text); });
  const writes: MappingPlan['writes'] = [];
  let unmatchedDamaged = 0;
  for (const [i, j] of pairs) {
    matchedLive.add(j);
    servedMatched += weight(shown[i].text);
    if (damagedLive[j]) damagedMatched += weight(live[j].text);
    const next = decoded[i].text;
    if (next === live[j].text || !damagedLive[j]) continue;
    // A decoding that loses more than the browser's did is no repair of this piece (a mixed page's other part).
    if (countReplacement(next) > countReplacement(live[j].text)) { unmatchedDamaged++; continue; }
    writes.push({ slot: live[j], text: next });
  }
  live.forEach((_, j) => { if (damagedLive[j] && !matchedLive.has(j)) unmatchedDamaged++; });
  const served = servedAll === 0 ? 1 : servedMatched / servedAll;
  const damaged = damagedAll === 0 ? 1 : damagedMatched / damagedAll;
  const agreement = { served, damaged };
  if (served < TEXT_AGREEMENT_MIN) return { ...fail(`only ${(served * 100).toFixed(0)} % of the page's text as served is still on the page`), agreement };
  if (damaged < DAMAGED_AGREEMENT_MIN) return { ...fail(`only ${(damaged * 100).toFixed(0)} % of the damaged text is in the page's bytes`), agreement };
  return { agrees: true, why: 'the bytes agree with the page', writes, matched: pairs.length, unmatchedDamaged, agreement };
}

export interface RedecodeWriteInfo {
  /** The chosen encoding and the one the browser used, for the spans' codec chain. */
  encoding: string;
  shownAs: string;
  confidence: number;
  /** Step groups are unique per frame; the caller hands out a fresh range. */
  firstGroup: number;
}

/** The changed middle of a text: common prefix and suffix kept, as the highlight shows it. */
function changedSpan(before: string, after: string): { start: number; end: number; original: string } {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: after.length - s, original: before.slice(p, before.length - s) };
}

/**
 * Writes the plan through `store` (its WeakMaps keep every original, so `store.restoreAll()` puts the page back).
 * A run of several text nodes gets its whole new text in the first node and the others emptied: bytes re-decoded
 * across node boundaries have no meaningful split, and every node stays in the page. Returns characters replaced.
 */
export function applyMapping(plan: MappingPlan, store: RewriteStore, info: RedecodeWriteInfo): number {
  let chars = 0;
  let group = info.firstGroup;
  for (const { slot, text } of plan.writes) {
    const span = changedSpan(slot.text, text);
    chars += span.original.length;
    const base: Omit<RewrittenSpan, 'start' | 'end' | 'original'> = {
      kind: 'encoding', group: group++, lossy: text.includes('\ufffd'), confidence: info.confidence, codecs: [info.encoding, info.shownAs],
    };
    if (slot.kind === 'attr') {
      store.writeAttr(slot.el, slot.name, slot.text, text, [{ ...base, ...span }]);
      continue;
    }
    const [first, ...rest] = slot.nodes;
    const firstSpan = changedSpan(first.data, text);
    store.writeText(first, first.data, text, [{ ...base, ...firstSpan }]);
    for (const node of rest) if (node.data !== '') store.writeText(node, node.data, '', [{ ...base, start: 0, end: 0, original: node.data }]);
  }
  return chars;
}
