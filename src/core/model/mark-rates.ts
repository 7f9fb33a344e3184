/**
 * How often each CJK mark occurs per character of running Chinese text (rounded, from typical prose: about
 * one ， every 18 characters, one 。 every 40). The model's word for a mark, as the unigram is for a Han
 * character: the Founder decision weighs a shifted character's own frequency against its mark's, and the
 * guess at a character cut by a lost byte weighs marks against Han characters.
 */
export const MARK_RATE: Readonly<Record<string, number>> = {
  '，': 0.055, '。': 0.025, '、': 0.008, '：': 0.003, '；': 0.0015, '？': 0.001, '！': 0.001, '·': 0.0004,
  '“': 0.004, '”': 0.004, '‘': 0.0002, '’': 0.0002, '（': 0.002, '）': 0.002, '《': 0.0015, '》': 0.0015,
  '〔': 0.00001, '〕': 0.00001, '［': 0.00001, '］': 0.00001, '【': 0.0002, '】': 0.0002,
  '「': 0.0002, '」': 0.0002, '『': 0.00005, '』': 0.00005, '〈': 0.00005, '〉': 0.00005, '〖': 0.00002, '〗': 0.00002,
  '｛': 0.00002, '｝': 0.00002,
  // A single … or — (the doubled ones are runs, decided by their shape): an ellipsis closing a sentence, a dash
  // in a range or an aside.
  '…': 0.0002, '—': 0.0002,
};

