/**
 * Is a document shown with the wrong encoding? Judged from the text the reader sees, before any byte is fetched
 * again, so that a page that decoded cleanly is never requested twice.
 *
 * The signs, counted over a sample of the document's visible text:
 * - U+FFFD: bytes the browser's decoder could not read (GBK, Big5 or Shift_JIS bytes read as UTF-8);
 * - 锟斤拷: U+FFFD itself stored as UTF-8 and read as GBK (the bytes were lost before the page was served);
 * - runs of four or more Latin-1 letters and symbols (ÄãºÃ£¬): bytes of a double-byte encoding read as
 *   windows-1252 (shorter ones are real in European text: Größe, «\u00a0Le, nejvyšší);
 * - text the decoder finds in the wrong encoding: the share of the sample its encoding repairs cover
 *   (UTF-8 read as GBK, 浣犲ソ), passed in by the caller that ran the decoder.
 *
 * Two levels: `suspect` is worth a look at the bytes when that costs no request (the HTTP cache) or the user asks;
 * `clear` is what the automatic path needs. Cheap and table-free: the first content script runs `damageSignals`.
 */
import type { Step } from '../types';

/** Characters of visible text the first content script samples: a page's verdict shows long before this. */
export const DAMAGE_SAMPLE_CHARS = 20_000;

/**
 * Share of a document's non-ASCII characters that must look damaged for it to be a suspect. Clean pages show
 * none of these signs (`npm run eval:redecode` prints the clean corpus documents' highest share); one U+FFFD in a
 * long page is a broken comment, not a mislabelled page.
 */
export const SUSPECT_DAMAGE_SHARE = 0.05;
/** And at least this many damaged characters: one lone U+FFFD is too little to go on. */
export const SUSPECT_MIN_DAMAGED = 2;

/**
 * Share of damaged non-ASCII characters for a clear verdict. A mislabelled page is damaged nearly throughout
 * (GBK read as UTF-8: most non-ASCII characters are U+FFFD; read as windows-1252: all are Latin-1 runs); the
 * measured mislabelled corpus documents sit far above this and the clean ones far below SUSPECT_DAMAGE_SHARE.
 */
export const CLEAR_DAMAGE_SHARE = 0.3;
/**
 * And at least this many damaged characters: a mostly-English page with two broken words is a suspect for the
 * popup, not a page to re-decode behind the reader's back (a few characters cannot tell the encodings apart
 * reliably either: see CERTAIN_EVIDENCE_CHARS in pick-encoding.ts).
 */
export const CLEAR_MIN_DAMAGED = 40;

/**
 * A run of Latin-1-looking characters this long is bytes read as windows-1252: every Chinese character read so
 * is two of them, and Chinese characters come in words. Shorter runs occur in clean European text: two in German
 * (öß), three in French, Czech and Turkish (’«\u00a0, nejvyšší, üçü: the European corpus documents of
 * `npm run eval:redecode`, which counts none of four).
 */
export const LATIN_RUN_MIN = 4;

export interface DamageSignals {
  /** Non-ASCII characters of the sample: the denominator of every share. */
  nonAscii: number;
  replacement: number;
  /** Characters in 锟斤拷 runs. */
  kaoMoji: number;
  /** Characters in runs of LATIN_RUN_MIN or more characters windows-1252 shows for bytes 80–FF, one of them in U+0080–U+00FF. */
  latinRuns: number;
  /** Characters the decoder's encoding repairs cover (0 when the caller did not run the decoder). May include the U+FFFD and runs above. */
  wrongCodec: number;
}

export type DamageVerdict = 'clean' | 'suspect' | 'clear';

export interface DamageAssessment {
  verdict: DamageVerdict;
  /** Damaged characters (never more than the non-ASCII ones) and their share of the non-ASCII characters. */
  damaged: number;
  share: number;
  signals: DamageSignals;
  reasons: string[];
}

/**
 * What windows-1252 makes of bytes 80–FF: Latin-1 (U+0080–U+00FF) and its 27 letters and marks at 80–9F. Narrower
 * than the gate's Latin class on purpose: Cyrillic, Polish or Czech letters never come out of a misread, and in
 * clean text they stand in runs with « or a no-break space.
 */
const WINDOWS_1252_HIGH = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c) => c.charCodeAt(0)));
const isWindows1252Shown = (c: number) => (c >= 0x80 && c <= 0xff) || WINDOWS_1252_HIGH.has(c);

const KAO = '锟斤拷';
const KAO_LEAD = KAO.charCodeAt(0);

/** Counts the signs over `text` (one pass, no tables). */
export function damageSignals(text: string): DamageSignals {
  let nonAscii = 0, replacement = 0, kaoMoji = 0, latinRuns = 0;
  let run = 0;
  let runHasLatin1 = false;
  const endRun = () => {
    if (run >= LATIN_RUN_MIN && runHasLatin1) latinRuns += run;
    run = 0;
    runHasLatin1 = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) { endRun(); continue; }
    nonAscii++;
    if (isWindows1252Shown(c)) {
      run++;
      if (c <= 0xff) runHasLatin1 = true;
      continue;
    }
    endRun();
    if (c === 0xfffd) replacement++;
    else if (c === KAO_LEAD && text.startsWith(KAO, i)) { kaoMoji += KAO.length; i += KAO.length - 1; nonAscii += KAO.length - 1; }
  }
  endRun();
  return { nonAscii, replacement, kaoMoji, latinRuns, wrongCodec: 0 };
}

/** Adds the decoder's verdict: characters its (non-lossy) encoding repairs cover. */
export function withWrongCodec(signals: DamageSignals, coveredChars: number): DamageSignals {
  return { ...signals, wrongCodec: signals.wrongCodec + coveredChars };
}

export function assessDamage(signals: DamageSignals): DamageAssessment {
  const { nonAscii, replacement, kaoMoji, latinRuns, wrongCodec } = signals;
  // The decoder's encoding repairs cover the very U+FFFD and Latin-1 runs counted above: the larger of the two
  // counts, never their sum, and never more than the non-ASCII characters.
  const damaged = Math.min(nonAscii, Math.max(replacement + kaoMoji + latinRuns, wrongCodec));
  const share = nonAscii === 0 ? 0 : damaged / nonAscii;
  const reasons: string[] = [];
  if (replacement) reasons.push(`${replacement} U+FFFD`);
  if (kaoMoji) reasons.push(`${kaoMoji / KAO.length}× 锟斤拷`);
  if (latinRuns) reasons.push(`${latinRuns} characters in Latin-1 runs`);
  if (wrongCodec) reasons.push(`${wrongCodec} characters the decoder reads as another encoding`);
  reasons.push(`${(share * 100).toFixed(1)} % of ${nonAscii} non-ASCII characters damaged`);
  const verdict: DamageVerdict = damaged >= CLEAR_MIN_DAMAGED && share >= CLEAR_DAMAGE_SHARE ? 'clear'
    : damaged >= SUSPECT_MIN_DAMAGED && share >= SUSPECT_DAMAGE_SHARE ? 'suspect' : 'clean';
  return { verdict, damaged, share, signals, reasons };
}

/**
 * Characters the decoder's encoding repairs cover: spans it reads as bytes decoded with the wrong encoding, lossy
 * or not (UTF-8 read as GBK loses a byte in about half its spans, and the rest of such a span is still misread).
 */
export function wrongCodecCoverage(steps: ReadonlyArray<Pick<Step, 'kind' | 'start' | 'end'>>): number {
  let covered = 0;
  for (const s of steps) if (s.kind === 'encoding') covered += s.end - s.start;
  return covered;
}
