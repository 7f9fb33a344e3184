import { applySteps } from '../apply-steps';
import { lineSpans } from '../document/line-spans';
import { offsetSteps } from '../document/offset-steps';
import { SUSPECT_ENCODING, mayShowEncodingDamage, suspectSignals } from '../gate';
import type { Step } from '../types';
import { isHan, isKana } from '../text-classes';
import { contextOfSummary, contextWithReplacement, lineContext, nonAsciiCount, oddCount, summarizeLine, type LineContext, type LineSummary } from './badness';
import { candidatesOf, classesPresent, isPlausible, readingFor, type Candidate } from './candidates';
import { RunningScore } from './running-score';
import { BY_SHOWN, MAX_LAYERS } from './hypotheses';

/** A repair whose gain is this far above zero is as sure as the engine gets; confidence scales up to it. */
const SURE_GAIN = 10;

/** Bytes were lost: however well the rest reads, what came back is partly a reading of context. */
const LOSSY_CONFIDENCE = 0.6;

/** A repair this much likelier than the text as it stands is not one a rarer decoder would overturn. */
const CONFIDENT_GAIN = 8;

/**
 * What a repair may leave odd (badness.ts), as a share of its non-ASCII characters. Repairs of modern text
 * leave at most 7 % (0 in nine of ten; a rare name, a real symbol), while the changes the engine made to clean
 * text before this rule left nearly all of theirs: a rare Han character turned into Cyrillic is still odd.
 */
const MAX_ODD_SHARE_AFTER = 0.15;
/**
 * Classical Chinese keeps many rare characters (稌 廪 秭 醴) after a true repair, above MAX_ODD_SHARE_AFTER; such
 * a repair still explains most of the oddness away (nearly every character of ·áÄê¶àÊò was odd). One in this many
 * odd characters left is as natural as the text gets.
 */
const ODD_REDUCTION_FACTOR = 3;

/**
 * A span of fewer non-ASCII characters than this, glued to Han or kana on either side, is not worth a repair:
 * damage runs over whole fields, lines and sentences (the shortest glued repairs on the dev and held-out sets are
 * four characters: 寮犲瓬锛 → 张孜，), while a rare word in clean prose re-decodes into common characters by chance
 * (芃芃欲 → 刷刷饼, 酴 → 黄). Short damage in ASCII context (an alt text, a table cell) stays repairable.
 */
const MIN_GLUED_SPAN = 4;

/**
 * A candidate's gain (log10, after its hypothesis' prior cost) must exceed this: the repaired reading must be
 * clearly the likelier, not merely likelier. Every exact repair of the dev and held-out sets gains 10 or more;
 * the changes to clean text that oddness alone lets through (煢煢 → 農農, [脩] → [Ñ], ├── → 念岸岸) gain under 4.5.
 */
const MIN_GAIN = 5;

/** A set-off span this short (non-ASCII characters) may be repaired on the model's gain alone (readsBetter). */
const SHORT_SET_OFF_SPAN = 6;

/**
 * The gain a short set-off span needs when its repair also leaves nothing odd of what was odd (璁剧疆 → 设置 in a
 * button, 浠婂ぉ → 今天 in a table cell): a word of two characters is only six bytes, and the model's gain for a
 * common one as UTF-8 read as GBK is 2–5 (今天 4.9, 认为 4.2, 代表 2.7), below MIN_GAIN though nothing else reads
 * it. Measured on both sides: of the 2,000 commonest two-character jieba words shown alone as UTF-8 read as GBK,
 * 97.3 / 97.7 / 98.0 / 98.0 % come back at 4 / 3 / 2 / 1, while eval:short's 119,000 clean words change alike (1, the
 * same at every value, with the conditions below); 2 is still a hundredfold after the mix-up's prior cost. (At 2,
 * 99.5 % since the model no longer counts jieba's own mojibake as common words: scripts/lib/jieba-mojibake.ts.)
 */
const MIN_SET_OFF_GAIN = 2;
/**
 * ...and only for the commonest mix-ups (UTF-8 or GBK shown by GBK, windows-1252 or Latin-1: HYPOTHESES' cheapest)
 * and a repair of Han characters alone: a rare word re-decoded by chance reads as Big5↔GBK Han or as another script
 * (冗冗 → ぞぞ, 艅艎 → ńŊ, 鴟甍 → 쮿_ in eval:short), which a short label of Chinese never is.
 */
const MAX_SET_OFF_COST = 3.5;

function isHanOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isHan(s.charCodeAt(i))) return false;
  return s.length > 0;
}

/** What lossy damage left behind says nothing about whether the rest now reads right. */
const LOST = /\ufffd/g;

/**
 * Finds the spans of text[from, to) that read better re-decoded, picks the best
 * non-overlapping ones, and undoes further layers inside each (double encodings).
 */
export function encodingSteps(text: string): Step[] {
  // A line break is one ASCII byte in every codec here and never inside a multi-byte sequence, so damage
  // never spans lines: each line is its own problem, and lines the cheap scan finds clean cost nothing.
  if (!text.includes('\n') && !text.includes('\r')) return lineSteps(text);
  const steps: Step[] = [];
  for (const [start, end] of lineSpans(text)) {
    if (end > start && mayShowEncodingDamage(text, start, end)) {
      for (const s of offsetSteps(lineSteps(text.slice(start, end)), start)) steps.push(s);
    }
  }
  return steps;
}

/**
 * A `?` right after a CJK character, in a line of mojibake, is what Windows tools leave when UTF-8 read as GBK is
 * saved back: a lead byte GBK could not pair, and the byte after it, replaced by `?` (鏂囦欢澶? for 文件夹). It is
 * read as a gap like U+FFFD: the characters the remaining bytes determine come back, the cut one is guessed from
 * context or stays lost, and the step is lossy. A real ? after Chinese shows as U+FFFD? in such a line instead
 * (its byte cannot follow a lead byte), and in a clean line no decoding reads better either way.
 */
const WINDOWS_LOST = /(?<=[\u3400-\u9fff\uf900-\ufaff\ue000-\uf8ff])\?/g;

function lineSteps(text: string): Step[] {
  // Windows' ? marks read as gaps, on a copy: offsets are the same, originals the line's own.
  const gapped = text.includes('?') ? text.replace(WINDOWS_LOST, '\ufffd') : text;
  const line = new LineOf(text);
  const picked = bestCandidates(text, 0, text.length, gapped === text ? undefined : gapped, line);
  const steps: Step[] = [];
  for (const c of picked) {
    let replacement = c.replacement;
    const codecs = [c.hypothesis.truth, c.hypothesis.shown];
    let gain = c.gain;
    // Loss in any layer is loss in the result, even when a later layer guessed past it.
    let lossy = c.lossy === true;
    for (let layer = 1; layer < MAX_LAYERS; layer++) {
      if (replacement.includes('\ufffd')) lossy = true;
      // Most repairs come out as natural text: the cheap scan says so before any codec runs again.
      if ((suspectSignals(replacement.replace(LOST, '')) & SUSPECT_ENCODING) === 0) break;
      // The whole span must improve again: a double encoding is undone as a whole.
      const inner = bestCandidates(replacement, 0, replacement.length).filter((x) => x.end - x.start >= replacement.length * 0.5);
      if (inner.length === 0) break;
      for (const x of inner) {
        gain += x.gain;
        if (x.lossy) lossy = true;
      }
      replacement = applySteps(replacement, inner);
      codecs.unshift(inner[0].hypothesis.truth, inner[0].hypothesis.shown);
    }
    if (!isPlausible(replacement, false) || !readsBetter(text, c.start, c.end, replacement, c.vouched === true, line, c.setOff === true)) continue;
    const original = text.slice(c.start, c.end);
    steps.push({
      kind: 'encoding',
      start: c.start,
      end: c.end,
      original,
      replacement,
      codecs,
      confidence: Math.round(Math.min(lossy ? LOSSY_CONFIDENCE : 1, 0.5 + gain / (2 * SURE_GAIN)) * 1000) / 1000,
      lossy: lossy || replacement.includes('\ufffd'),
    });
  }
  return steps;
}

/**
 * A repair must explain the odd characters away and leave little odd: fewer damage-like characters than the
 * span had, and at most MAX_ODD_SHARE_AFTER of its characters or a third of what it had, judged in the line's own context; and a short
 * span needs ASCII or a line edge around it (MIN_GLUED_SPAN).
 */
function readsBetter(text: string, start: number, end: number, replacement: string, vouched: boolean, line: LineOf, lowGainSetOff = false): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : 0x20;
  const after = end < text.length ? text.charCodeAt(end) : 0x20;
  if (!vouched && nonAsciiCount(text, start, end) < MIN_GLUED_SPAN && (isHan(before) || isKana(before) || isHan(after) || isKana(after))) return false;
  // Each side judged in its own line: the text as it stands, and as it reads repaired. Oddness looks one character
  // to each side, so the repaired line is needed only as the replacement between its two neighbours.
  const oddBefore = oddCount(text, start, end, line.context());
  const left = start > 0 ? text[start - 1] : '';
  const window = left + replacement + (end < text.length ? text[end] : '');
  const oddAfter = oddCount(window, left.length, left.length + replacement.length, contextWithReplacement(line.summary(), text, start, end, replacement));
  // A piece of damage the rest of its line proves (pick) need not prove itself: it need only read naturally; nor
  // need a short span set off by ASCII (an alt text, a table cell: 璁剧疆 → 设置) whose characters are all too common
  // to look odd, when its repair leaves nothing odd either: the language model's gain (MIN_GAIN) alone decides. A
  // gap the span already had may stay (杩戝勾鏉� → 近年�: 近年来 with its last byte lost) where the rest comes back as
  // Han: a repair may add no gap, and a clean word beside a lost character must not shrink into one letter of
  // another script (�丁翠萍 → �Ƽ reads likelier only by being shorter).
  const lost = lostCount(replacement, 0, replacement.length);
  const setOff = isSetOff(text, start, end) && (lost === 0 || (lost <= lostCount(text, start, end, true) && isHanOnly(replacement.replace(LOST, ''))));
  // Picked below MIN_GAIN for being set off: only where the repair explains every odd character away.
  if (lowGainSetOff && !(oddBefore > 0 && oddAfter === 0)) return false;
  if (oddAfter >= oddBefore && !vouched && !(setOff && oddBefore === 0 && oddAfter === 0)) return false;
  return oddAfter <= MAX_ODD_SHARE_AFTER * nonAsciiCount(replacement, 0, replacement.length) || oddAfter * ODD_REDUCTION_FACTOR <= oddBefore;
}

/** U+FFFD in s[start, end), and with `windows` the `?` Windows tools leave for the same loss (WINDOWS_LOST). */
function lostCount(s: string, start: number, end: number, windows = false): number {
  let n = 0;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 0xfffd || (windows && s.charCodeAt(i) === 0x3f)) n++;
  return n;
}

/** A span of at most SHORT_SET_OFF_SPAN non-ASCII characters with no Han or kana glued to either side: an alt text, a cell. */
function isSetOff(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : 0x20;
  const after = end < text.length ? text.charCodeAt(end) : 0x20;
  return !isHan(before) && !isKana(before) && !isHan(after) && !isKana(after) && nonAsciiCount(text, start, end) <= SHORT_SET_OFF_SPAN;
}

/**
 * A line's context and summary, computed once for all the repairs readsBetter judges in it. The context is read off
 * the summary, which counts what lineContext counts: one pass over the line, not two.
 */
class LineOf {
  private ctx: LineContext | undefined;
  private sum: LineSummary | undefined;
  constructor(private readonly text: string) {}
  context(): LineContext {
    return (this.ctx ??= contextOfSummary(this.summary()));
  }
  summary(): LineSummary {
    return (this.sum ??= summarizeLine(this.text));
  }
}

/** UTF-8 read as GBK: the one mix-up whose Windows round trip leaves `?` for lost bytes. */
const UTF8_AS_GBK = BY_SHOWN.get('gbk')!.filter((h) => h.truth === 'utf-8');

/**
 * `gapped`, when given, is the text with Windows' ? marks as gaps (WINDOWS_LOST), read only under UTF-8 read as
 * GBK: in Big5 ↔ GBK damage a real ? after a character survives as it is. `whole`, when given, is the text's LineOf
 * ([from, to) the whole text): the readings take their line context from it, and readsBetter finds it computed.
 */
function bestCandidates(text: string, from: number, to: number, gapped?: string, whole?: LineOf): Candidate[] {
  const all: Candidate[] = [];
  const present = classesPresent(text, from, to);
  const prefix = new RunningScore(text);
  if (gapped !== undefined) {
    const r = readingFor(gapped, from, to, 'gbk', classesPresent(gapped, from, to), new RunningScore(gapped), all);
    if (r) for (const h of UTF8_AS_GBK) candidatesOf(r, h);
    // What such a candidate reads past was lost, whatever it guessed there.
    for (const c of all) if (gapped.slice(c.start, c.end) !== text.slice(c.start, c.end)) c.lossy = true;
  }
  let chosen: Candidate[] = [];
  let line: LineContext | undefined = whole?.context();
  for (const [shown, hypotheses] of BY_SHOWN) {
    const r = readingFor(text, from, to, shown, present, prefix, all, line);
    if (!r) continue;
    line = r.line;
    for (const h of hypotheses) {
      candidatesOf(r, h);
      chosen = pick(all, text);
      // Hypotheses are tried commonest first; once the picked repairs leave text the cheap scan calls natural,
      // rarer ones could only compete with a repair that already reads right.
      if (settled(text, chosen)) return chosen;
    }
  }
  return chosen;
}

/**
 * Every picked repair confident, and the text they leave natural to the cheap scan (what U+FFFD lost aside) with no
 * C1 control left. A lone control is too little for the scan, but no text means one: it is a byte windows-1252
 * could not show (0x9B of 沇 = 9B 57 in GBK read as Latin-1), left between windows-1252's repairs, which only the
 * rarer Latin-1 reading explains.
 */
function settled(text: string, chosen: readonly Candidate[]): boolean {
  if (chosen.length === 0 || !chosen.every((c) => c.gain >= CONFIDENT_GAIN)) return false;
  const out = applySteps(text, chosen);
  if (C1_CONTROL.test(out) || (suspectSignals(out.replace(LOST, '')) & SUSPECT_ENCODING) !== 0) return false;
  // A short repair the cheap scan cannot judge (い瓣: 中國 in Big5 read as windows-1252, undone as GBK) is settled only
  // when nothing in it reads odd: Big5's reading comes later and reads 中國. A short text is judged whole, what the
  // repairs left beside them included (Áìµ¼, 领导 in GBK read as windows-1252: UTF-8 reads ìµ¼ as 쵼 and leaves Á),
  // and a gap the repairs made counts against it (Îäºº, 武汉, read by UTF-8 as a lost character and 人).
  if (nonAsciiCount(out, 0, out.length) <= SETTLED_SHORT) {
    return oddCount(out, 0, out.length, lineContext(out)) === 0 && lostCount(out, 0, out.length) <= lostCount(text, 0, text.length, true);
  }
  return chosen.every((c) => c.replacement.length > SETTLED_SHORT || oddCount(c.replacement, 0, c.replacement.length, lineContext(c.replacement)) === 0);
}

/** Repairs this short (characters) are judged character by character before rarer hypotheses are skipped (settled). */
const SETTLED_SHORT = 8;

const C1_CONTROL = /[\u0080-\u009f]/;

/**
 * The best non-overlapping candidates, in text order. Greedy by gain; a position map keeps it linear. Only
 * candidates clearly likelier than the text (MIN_GAIN) are picked at first; then, where a confident repair
 * (CONFIDENT_GAIN) shows which wrong decoder showed this line, smaller pieces of the same damage need only read
 * better (gain > 0): one decoder damaged the whole line, and a word between two ASCII names (smbpasswdÊÇSamba)
 * is too short to prove itself alone.
 */
let taken = new Uint8Array(1024);

function pick(all: readonly Candidate[], text: string): Candidate[] {
  const good = all.filter((c) => c.gain > 0).sort((x, y) => y.gain - x.gain);
  if (good.length === 0) return [];
  let end = 0;
  for (const c of good) if (c.end > end) end = c.end;
  // A scratch array of the module's, cleared: pick runs once per hypothesis tried, and a new array cost more.
  if (taken.length < end) taken = new Uint8Array(Math.max(end, 2 * taken.length));
  else taken.fill(0, 0, end);
  const chosen: Candidate[] = [];
  const take = (c: Candidate) => {
    for (let i = c.start; i < c.end; i++) if (taken[i]) return;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  };
  for (const c of good) if (c.gain > MIN_GAIN) take(c);
  for (const c of good) {
    if (c.gain > MIN_SET_OFF_GAIN && c.gain <= MIN_GAIN && c.hypothesis.cost <= MAX_SET_OFF_COST && isHanOnly(c.replacement) && isSetOff(text, c.start, c.end)) take({ ...c, setOff: true });
  }
  const shown = new Set(chosen.filter((c) => c.gain >= CONFIDENT_GAIN).map((c) => c.hypothesis));
  if (shown.size > 0) for (const c of good) if (c.gain <= MIN_GAIN && shown.has(c.hypothesis)) take({ ...c, vouched: true });
  return chosen.sort((x, y) => x.start - y.start);
}
