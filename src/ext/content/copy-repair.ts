/**
 * Repairing text on its way to the clipboard: a selection (context menu, keyboard shortcut) or a whole
 * page (popup), whether or not repair is switched on for the site. No DOM and no browser API here: the
 * gate and the decoder come in as parameters, so unit tests drive this with a double or the real engine.
 *
 * The text is one document: evidence is collected once over its lines (plus, optionally, the page's other
 * lines, so a short selection is judged like its page), then it is repaired in chunks of whole lines. Chunks
 * are many lines, not one, because hard-wrapped text (a PDF, an e-paper column) often has a pair such as
 * 野…冶 (“…”) on two lines, and the engine needs both ends in one call. Line breaks survive untouched.
 */
import type { Evidence, Step } from '../core/types';
import type { DecoderPort } from '../dom/decoder-port';

/** Largest piece handed to the engine at once (UTF-16 units); a longer single line is kept whole. */
export const COPY_CHUNK_CHARS = 64 * 1024;
/** At most this much of the page's own text feeds the evidence for a selection: enough to tell a Founder page. */
export const CONTEXT_CHARS = 200_000;

export interface CopyRepair {
  text: string;
  /** Steps with offsets into the input text. */
  steps: Step[];
}

export interface CopyRepairDeps {
  /** The cheap gate: text it clears never loads the decoder. */
  isSuspect(text: string, evidence?: Evidence): boolean;
  loadDecoder(): Promise<DecoderPort>;
}

const lines = (text: string) => text.split(/\r\n?|\n/).filter((l) => l.trim() !== '');

/** [start, end) chunks of whole lines covering `text`, each at most `maxChars` unless one line is longer. */
export function lineChunks(text: string, maxChars = COPY_CHUNK_CHARS): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = 0;
  while (at < text.length) {
    if (text.length - at <= maxChars) { out.push([at, text.length]); break; }
    let cut = text.lastIndexOf('\n', at + maxChars - 1) + 1;
    if (cut <= at) cut = text.indexOf('\n', at + maxChars) + 1 || text.length;
    out.push([at, cut]);
    at = cut;
  }
  return out;
}

/** Page lines for evidence, up to CONTEXT_CHARS in all. */
export function contextLines(pageText: string, maxChars = CONTEXT_CHARS): string[] {
  return lines(pageText.length > maxChars ? pageText.slice(0, pageText.lastIndexOf('\n', maxChars) + 1 || maxChars) : pageText);
}

/** Repairs text[start, end) with `evidence`, appending its steps (offsets into the whole text) to `steps`. */
function repairPiece(text: string, start: number, end: number, decoder: DecoderPort, evidence: Evidence, steps: Step[]): string {
  const r = decoder.repair(text.slice(start, end), evidence);
  for (const s of r.steps) steps.push({ ...s, start: s.start + start, end: s.end + start });
  return r.text;
}

const evidenceFor = (text: string, decoder: DecoderPort, context: Iterable<string>) => decoder.collectEvidence([...lines(text), ...context]);

/**
 * The plain function behind "Copy repaired text" (menu and shortcut): repairs `text` with `decoder`,
 * judging it with evidence from its own lines and the `context` lines (the rest of its page).
 */
export function repairSelectionForCopy(text: string, decoder: DecoderPort, context: Iterable<string> = []): CopyRepair {
  const evidence = evidenceFor(text, decoder, context);
  const steps: Step[] = [];
  let out = '';
  for (const [start, end] of lineChunks(text)) out += repairPiece(text, start, end, decoder, evidence, steps);
  return { text: out, steps };
}

/**
 * Gate first, then the decoder: a clean selection on a clean page is handed back as it is without loading
 * the decoder bundle. A suspect page counts too: on a Founder page, lines without a telltale character are
 * damaged as well, and only the page's evidence shows it. Between chunks the page gets its thread back, so
 * copying a whole long page does not freeze it.
 */
export async function repairForCopy(text: string, deps: CopyRepairDeps, context: string[] = []): Promise<CopyRepair> {
  const suspect = (l: string) => deps.isSuspect(l);
  if (!lines(text).some(suspect) && !context.some(suspect)) return { text, steps: [] };
  const decoder = await deps.loadDecoder();
  const evidence = evidenceFor(text, decoder, context);
  const steps: Step[] = [];
  let out = '';
  for (const [i, [start, end]] of lineChunks(text).entries()) {
    if (i > 0) await new Promise((r) => setTimeout(r, 0));
    out += repairPiece(text, start, end, decoder, evidence, steps);
  }
  return { text: out, steps };
}
