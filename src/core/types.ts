/**
 * The decoder's contract. Every caller (content script, paste-and-fix page,
 * command-line tool, tests) speaks only these types, so they live alone here,
 * with the two sums over Evidence: plain functions without imports, so the
 * first content script may use them without pulling in the decoder.
 */

/** What kind of damage a step undid (or, for `lossy`, only found). */
export type RepairKind =
  /** Founder/方正 e-paper text: GB2312 symbol rows A1–A3 written with lead byte +0x31. */
  | 'founder'
  /** Bytes decoded with the wrong character encoding, possibly more than once. */
  | 'encoding'
  /** Damage nothing in the text can undo (U+FFFD, 锟斤拷, 烫烫烫): flagged, left as it is. */
  | 'lossy';

export const REPAIR_KINDS: readonly RepairKind[] = ['founder', 'encoding', 'lossy'];

export interface Step {
  kind: RepairKind;
  /** UTF-16 offset into the input where the replaced span starts. */
  start: number;
  /** UTF-16 offset into the input just past the replaced span. */
  end: number;
  /** Exactly `input.slice(start, end)`. */
  original: string;
  /** What the span became; equal to `original` for a flag-only lossy step. */
  replacement: string;
  /**
   * The chain that was undone, from the true encoding outwards:
   * `["gb2312+0x31"]`, `["utf-8", "gbk"]` (UTF-8 bytes read as GBK),
   * `["utf-8", "windows-1252", "utf-8", "windows-1252"]` (that, twice).
   */
  codecs: string[];
  /** 0–1: how sure the engine is that the replacement is what the author wrote. */
  confidence: number;
  /** True when the span could not be fully recovered. */
  lossy: boolean;
}

/** A [start, end) range of UTF-16 offsets into a text. */
export type Extent = readonly [start: number, end: number];

export interface RepairResult {
  text: string;
  /** In input order, never overlapping; applying them to the input gives `text`. */
  steps: Step[];
  /** True when lossy damage remains in `text`. */
  flagged: boolean;
}

/**
 * A page's or document's summary, so that a caller repairing it piece by piece
 * (text nodes, chunks of a large file) makes the same decisions as for the whole.
 * Plain numbers only: it is merged by addition and crosses message boundaries.
 */
export interface Evidence {
  /** Characters seen. */
  chars: number;
  /** Han characters seen. */
  han: number;
  /** Real full-width punctuation (，。、：；？！“”（）《》…) seen. */
  realPunct: number;
  /** Characters that are shifted GB2312 punctuation in Founder damage (袁遥尧院…). */
  founderCandidates: number;
  /** The two most telling of those, shifted ，and 。 (袁, 遥), in damaging positions. */
  founderCommaStop: number;
  /** Paragraphs (or texts) seen, and how many looked Founder-damaged on their own. */
  paragraphs: number;
  founderParagraphs: number;
  /**
   * Shifted opening and closing marks (野 叶 渊 耶 / 冶 曳 冤 爷) left without a partner inside their own
   * paragraph: hard-wrapped e-paper lines split quotations, so a page with both kinds pairs them across
   * paragraphs, and a caller repairing paragraph by paragraph must know. Optional for older callers.
   */
  unpairedOpen?: number;
  unpairedClose?: number;
}

/** Evidence of nothing: the start of a sum. */
export function emptyEvidence(): Evidence {
  return { chars: 0, han: 0, realPunct: 0, founderCandidates: 0, founderCommaStop: 0, paragraphs: 0, founderParagraphs: 0, unpairedOpen: 0, unpairedClose: 0 };
}

/** Evidence is plain counts, so a page's parts add up to the page: merging is adding field by field. */
export function mergeEvidence(a: Evidence, b: Evidence): Evidence {
  const out = emptyEvidence();
  for (const key of Object.keys(out) as (keyof Evidence)[]) out[key] = (a[key] ?? 0) + (b[key] ?? 0);
  return out;
}

/** a − b field by field, never below zero: the evidence of a page without one of its texts. */
export function subtractEvidence(a: Evidence, b: Evidence): Evidence {
  const out = emptyEvidence();
  for (const key of Object.keys(out) as (keyof Evidence)[]) out[key] = Math.max(0, (a[key] ?? 0) - (b[key] ?? 0));
  return out;
}

export interface Hints {
  /**
   * Where the text came from. `pdf` (e-paper, text copied out of a PDF) makes
   * Founder damage expected; `web` is the default.
   */
  source?: 'pdf' | 'web';
  /** Override the automatic Founder decision: `force` repairs every candidate that context allows, `off` none. */
  founder?: 'auto' | 'force' | 'off';
}

/**
 * The decoder as its callers hold it: the CLI passes the core's own functions, the extension's DOM layer a
 * bundle loaded on first need (only types cross that line, so the first content script carries no decoder).
 */
export interface Engine {
  repair(text: string, evidence?: Evidence, hints?: Hints): RepairResult;
  collectEvidence(texts: Iterable<string>): Evidence;
}
