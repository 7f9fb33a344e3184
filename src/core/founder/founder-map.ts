import { MARK_RATE } from '../model/mark-rates';
import { FOUNDER_PAIRS } from './founder-map.generated';

/**
 * The shifted Han character → the symbol it was, for every mapping the rule
 * gives, plus how the engine may treat each symbol. Built once, lazily.
 */
export interface FounderSymbol {
  /** The GB2312 symbol (，。“ …). */
  symbol: string;
  /** How the engine may restore it; see FOUNDER_ROLE_OF. */
  role: FounderRole;
  /** log10 of the mark's rate in running text (MARK_RATE), computed once: undefined for marks the decision never weighs. */
  logRate: number | undefined;
}

/**
 * - `break`: clause punctuation (，。、：；？！·); decided by context.
 * - `open` / `close`: paired marks; restored only with their partner.
 * - `run`: marks that come doubled (—— ……); restored in runs of two or more,
 *   single … also by context; □, which stands for each lost character of a classical text, in runs of three
 *   or more (阴阴 is a word).
 * - `numeric`: symbols that live next to digits (℃ ％ ～ × ÷ ± ＋ － ／ ＝ ＜ ＞), Chinese
 *   numerals included (一○六七～一一二七: ○ is their zero); restored only there.
 * - `indent`: the ideographic space, restored only as a paragraph indent.
 * - `enumerator`: ① ⑴ ⒈ ㈠ Ⅰ …: restored only where a list item starts.
 * - `none`: full-width letters and digits and rare symbols whose shifted
 *   characters are everyday words (在 再 月 有 用 于…): never restored, since
 *   nothing in the text tells them apart safely.
 */
export type FounderRole = 'break' | 'open' | 'close' | 'run' | 'numeric' | 'indent' | 'enumerator' | 'none';

const BREAK = '，。、：；？！·';
const OPEN = '“‘（《〔［【「『〈〖｛';
const CLOSE = '”’）》〕］】」』〉〗｝';
const RUN = '—…□';
const NUMERIC = '℃％～×÷±＋－／＝＜＞‰°′″○';
const INDENT = '\u3000';

function roleOf(symbol: string): FounderRole {
  const code = symbol.codePointAt(0)!;
  if (BREAK.includes(symbol)) return 'break';
  if (OPEN.includes(symbol)) return 'open';
  if (CLOSE.includes(symbol)) return 'close';
  if (RUN.includes(symbol)) return 'run';
  if (NUMERIC.includes(symbol)) return 'numeric';
  if (symbol === INDENT) return 'indent';
  // ⒈–⒛ ⑴–⒇ ①–⑩ ㈠–㈩ Ⅰ–Ⅻ ⅰ–ⅹ
  if ((code >= 0x2460 && code <= 0x249b) || (code >= 0x3220 && code <= 0x3229) || (code >= 0x2160 && code <= 0x217f)) {
    return 'enumerator';
  }
  return 'none';
}

/** The matching closing mark of an opening one, and back. */
export const PARTNER: ReadonlyMap<string, string> = new Map(
  [...OPEN].flatMap((open, i) => [[open, CLOSE[i]], [CLOSE[i], open]] as [string, string][]),
);

let symbols: FounderSymbol[] | undefined;
/** Code point → 1 + index into `symbols`, 0 for characters the rule never produces: evidence asks for every Han character of a page. */
let index: Uint16Array | undefined;

function build(): Uint16Array {
  symbols = [];
  index = new Uint16Array(0x10000);
  for (let i = 0; i < FOUNDER_PAIRS.length; i += 2) {
    const symbol = FOUNDER_PAIRS[i + 1];
    const rate = MARK_RATE[symbol];
    symbols.push({ symbol, role: roleOf(symbol), logRate: rate === undefined ? undefined : Math.log10(rate) });
    index[FOUNDER_PAIRS.charCodeAt(i)] = symbols.length;
  }
  return index;
}

/** Shifted character code → what it was; undefined for characters the rule never produces. */
export function founderSymbolOf(code: number): FounderSymbol | undefined {
  if (code > 0xffff) return undefined;
  const k = (index ?? build())[code];
  return k === 0 ? undefined : symbols![k - 1];
}

/**
 * The series of list numbers an enumerator belongs to, as [first, last] code points: ①–⑳, ⑴–⒇, ⒈–⒛, ㈠–㈩, Ⅰ–Ⅻ,
 * ⅰ–ⅹ. Undefined for other symbols.
 */
export function enumeratorSeries(code: number): [number, number] | undefined {
  for (const series of ENUMERATOR_SERIES) if (code >= series[0] && code <= series[1]) return series;
  return undefined;
}

const ENUMERATOR_SERIES: ReadonlyArray<[number, number]> = [
  [0x2460, 0x2473], [0x2474, 0x2487], [0x2488, 0x249b], [0x3220, 0x3229], [0x2160, 0x216b], [0x2170, 0x2179],
];
