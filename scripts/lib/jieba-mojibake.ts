/**
 * jieba's dictionary counts pieces of its own corpus's mojibake as one-character words. UTF-8 read as GBK turns
 * 的 是 ， 。 “ into 鐨勭 鏄 锛 銆 鈥 (and 殑 槸 紝 across the next character), and the corpus jieba counted held
 * enough such text that 锛 carries 12,605 counts, 紝 11,651, 銆 6,982, 殑 6,399 — more than 选 or 块 — while no word of
 * the dictionary holds any of them (锛 one, of count 3). Counted as they stand, they made the model's "common Han"
 * set (the gate's bitmap) and its unigram and one-character-word tables read UTF-8-as-GBK text as ordinary Chinese:
 * 鑰屾槸 (而是) and 浜轰滑 (人们) passed the gate as clean, and a repair had to beat an input the model liked.
 *
 * An entry is that mojibake when both hold:
 * - its character's two GBK bytes each lie where UTF-8 puts its bytes for the Han block (a three-byte lead E0–EF or
 *   a continuation 80–BF), which is all a GBK reading of UTF-8 can show; 她 呢 嗯 (CB FB, C4 D8, E0 C5) cannot be;
 * - the multi-character words holding the character weigh less than MAX_IN_WORD_SHARE of its one-character count.
 *   A real character lives in words too: 啊 (B0 A1, the right shape) has 2.7 %, 浣 (浣溪沙) and 涓 (涓涓) more than 1 %.
 * Such an entry keeps no more than the median count of the dictionary's one-character entries (61), what a rare
 * character gets: the character may still be real (呫, 59 counts, is the 呫 of 呫嚅), and dropping it would leave it
 * no mass at all, below every character jieba has.
 */
import iconv from 'iconv-lite';

/** Below this share of in-word mass against the one-character count, the count is not the character's own use. */
const MAX_IN_WORD_SHARE = 0.01;

function utf8Shaped(b: number): boolean {
  return (b >= 0x80 && b <= 0xbf) || (b >= 0xe0 && b <= 0xef);
}

/** Whether the character's GBK bytes could be two bytes of UTF-8 text of the Han block. */
function mayBeUtf8ReadAsGbk(ch: string): boolean {
  const b = iconv.encode(ch, 'gbk');
  return b.length === 2 && utf8Shaped(b[0]) && utf8Shaped(b[1]) && iconv.decode(b, 'gbk') === ch;
}

/**
 * Caps, in place, the counts of the one-character entries of words/freqs (parallel arrays) that are jieba's corpus
 * mojibake, as described above; returns how many were capped.
 */
export function capMojibakeSingles(words: readonly string[], freqs: number[]): number {
  const inWord = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    if (words[i].length < 2) continue;
    for (const ch of new Set(words[i])) inWord.set(ch, (inWord.get(ch) ?? 0) + freqs[i]);
  }
  const singles = words.flatMap((w, i) => (w.length === 1 ? [freqs[i]] : [])).sort((a, b) => a - b);
  const cap = singles[singles.length >> 1];
  let capped = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.length !== 1 || freqs[i] <= cap || !mayBeUtf8ReadAsGbk(w)) continue;
    if ((inWord.get(w) ?? 0) >= freqs[i] * MAX_IN_WORD_SHARE) continue;
    freqs[i] = cap;
    capped++;
  }
  return capped;
}
