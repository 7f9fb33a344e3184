/**
 * Re-decoding's cheap look at a mislabelled page, taken when the decoder bundle's page kit is created (before its
 * repairer writes anything): it samples the page's visible text once and counts the cheap signs of a wrong decoding
 * (core/redecode/damage-signals.ts, no tables). The first content script does not carry it: the scan's suspect text
 * is what loads the kit on a mislabelled page (U+FFFD, Latin-1 runs and rare Han are what the scan flags).
 */
import { assessDamage, damageSignals, DAMAGE_SAMPLE_CHARS, type DamageAssessment } from '../../core/redecode/damage-signals';
import { collectSlots } from '../../dom/redecode/text-slots';
import { initialStatus, type RedecodeStatus } from '../shared/redecode-status';
import type { FetchFn } from './redecode/page-bytes';

/** What the cheap look at a frame's text found, before any decoder. */
export interface RedecodeProbe {
  /** Why this document is never re-decoded; null when it may be. */
  why: string | null;
  /** The visible text sampled, and its cheap verdict. */
  sample: string;
  damage: DamageAssessment;
  /** Worth the decoder bundle for re-decoding, by the cheap signs alone. */
  worthALook: boolean;
  /** The status the popup is told until the decoder bundle knows more. */
  status: RedecodeStatus;
  pageFetch: FetchFn | null;
}

/** Documents that are never re-decoded, and why; null when this one may be. */
function unsupported(win: Window): string | null {
  const { protocol } = win.location;
  if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'file:') return `a ${protocol} document has no address of its own to read again`;
  const type = win.document.contentType;
  if (type !== 'text/html' && type !== 'text/plain') return `${type} documents are not re-decoded`;
  // UTF-16 is chosen by a byte-order mark or label, never guessed; ISO-2022-JP is outside the candidates.
  if (/^(utf-16|iso-2022-jp|replacement)/i.test(win.document.characterSet)) return `${win.document.characterSet} documents are not re-decoded`;
  return null;
}

/** The page's visible text, up to DAMAGE_SAMPLE_CHARS, one piece a line. */
function sampleText(doc: Document): string {
  return collectSlots(doc, DAMAGE_SAMPLE_CHARS).map((s) => s.text).join('\n').slice(0, DAMAGE_SAMPLE_CHARS);
}

export function probeRedecode(win: Window, pageFetch: FetchFn | null): RedecodeProbe {
  const why = unsupported(win);
  const sample = why ? '' : sampleText(win.document);
  const damage = assessDamage(damageSignals(sample));
  // Worth the decoder bundle: damage the cheap signs see. Text the cheap gate would send to the decoder anyway
  // (UTF-8 read as GBK shows no U+FFFD, only rare characters) counts too, but the gate judges paragraphs, as the
  // scan reads them (the kit is told: PageKitOptions.suspect); over this sample, whose pieces between two tags
  // are lines of their own, it would see a line in every inline-split sentence (遥企<a>钧天</a>: a tell on a
  // line without a real mark) and load the decoder for clean pages.
  const worthALook = why === null && damage.verdict !== 'clean';
  const status = initialStatus(win.document.characterSet, why ? 'unsupported' : worthALook ? 'suspect' : 'clean', why ?? damage.reasons.join('; '));
  return { why, sample, damage, worthALook, status, pageFetch };
}

/** With repair off for the site there is nothing to offer: the popup's switch is the way back. */
export const repairOffStatus = (win: Window): RedecodeStatus => initialStatus(win.document.characterSet, 'unsupported', 'repair is off for this site');
