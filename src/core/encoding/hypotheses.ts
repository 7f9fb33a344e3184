import type { CodecName } from '../codecs';

/**
 * One way bytes get decoded wrongly: text written in `truth` was shown by a `shown`
 * decoder. Undoing it means re-encoding with `shown` and decoding with `truth`.
 */
export interface Hypothesis {
  truth: CodecName;
  shown: CodecName;
  /**
   * log10 prior cost of claiming this damage at all, paid once per repaired span.
   * Common mix-ups are cheap; rare ones must earn more from the language model.
   */
  cost: number;
}

/**
 * The mix-ups users meet, cheapest first. Costs are log10 units against the
 * language model's gain: a two-character accidental re-decode of clean text gains
 * about 1–3, a real repair of even three damaged characters gains 8 or more.
 */
export const HYPOTHESES: readonly Hypothesis[] = [
  { truth: 'utf-8', shown: 'gbk', cost: 3 },
  { truth: 'utf-8', shown: 'windows-1252', cost: 3 },
  { truth: 'utf-8', shown: 'iso-8859-1', cost: 3 },
  { truth: 'gbk', shown: 'windows-1252', cost: 3.5 },
  { truth: 'gbk', shown: 'iso-8859-1', cost: 3.5 },
  { truth: 'big5', shown: 'gbk', cost: 4 },
  { truth: 'gbk', shown: 'big5', cost: 4 },
  { truth: 'utf-8', shown: 'big5', cost: 4 },
  { truth: 'utf-8', shown: 'shift_jis', cost: 4 },
  // GBK read as UTF-8 is nearly all U+FFFD; only the rare byte runs that happen to be UTF-8 survive.
  { truth: 'gbk', shown: 'utf-8', cost: 4 },
  { truth: 'big5', shown: 'windows-1252', cost: 4.5 },
];

/** Layers of damage undone at most (double encodings are common, triple ones are seen, more is noise). */
export const MAX_LAYERS = 3;

/** The hypotheses grouped by the decoder that showed the text, so each text is re-encoded once per decoder. */
export const BY_SHOWN: ReadonlyMap<CodecName, readonly Hypothesis[]> = (() => {
  const m = new Map<CodecName, Hypothesis[]>();
  for (const h of HYPOTHESES) m.set(h.shown, [...(m.get(h.shown) ?? []), h]);
  return m;
})();
