/** Real damage for the e2e pages: text as a browser shows it when the bytes are decoded with the wrong codec. */
import iconv from 'iconv-lite';
import { FOUNDER_PAIRS } from '../../src/core/founder/founder-map.generated';

/** WHATWG windows-1252 for 0x80–0x9F (Node's decoder treats it as ISO-8859-1, which is not what browsers do). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function utf8AsGbk(text: string): string {
  const s = new TextDecoder('gbk').decode(Buffer.from(text, 'utf8'));
  if (s.includes('\uFFFD')) throw new Error(`not reversible as UTF-8-as-GBK: ${text}`);
  return s;
}

export function gbkAs1252(text: string): string {
  return [...iconv.encode(text, 'gbk')].map((b) => String.fromCodePoint(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b)).join('');
}


/**
 * Founder (方正) damage: each GB2312 symbol of rows A1–A3 becomes the Han character its lead byte +0x31 makes
 * (，→袁, 。→遥), from the engine's generated map (itself derived from the GBK tables).
 */
export function founderDamage(text: string): string {
  const toHan = new Map<string, string>();
  const pairs = [...FOUNDER_PAIRS];
  for (let i = 0; i + 1 < pairs.length; i += 2) toHan.set(pairs[i + 1], pairs[i]);
  return [...text].map((c) => toHan.get(c) ?? c).join('');
}
