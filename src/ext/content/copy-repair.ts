/**
 * Repairing text on its way to the clipboard: a selection (context menu, keyboard shortcut) or a whole
 * page (popup), whether or not repair is switched on for the site. No DOM and no browser API here: the
 * gate and the decoder come in as parameters, so unit tests drive this with a double or the real engine.
 *
 * The text is one document (core/document): evidence is collected once over its lines (plus, optionally, the
 * page's other lines, so a short selection is judged like its page), then it is repaired in chunks of whole
 * lines. Line breaks survive untouched.
 */
import { applySteps } from '../../core/apply-steps';
import { documentEvidence } from '../../core/document/document-evidence';
import { lineSpans } from '../../core/document/line-spans';
import { repairChunks } from '../../core/document/repair-chunks';
import type { Engine, Evidence, Hints, Step } from '../../core/types';

/**
 * Largest piece handed to the engine at once (UTF-16 units): a long page is repaired in pieces of about
 * 20–40 ms each, with the page's thread given back in between; a longer single line is kept whole.
 */
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
  loadDecoder(): Promise<Engine>;
  /** The site's rule as decoder hints (e-paper, never Founder), as the page's own repair uses them. */
  hints?(): Hints;
}

const lines = (text: string) => lineSpans(text).map(([s, e]) => text.slice(s, e));

/** The page's first lines for evidence, up to `maxChars` in all, cut at a line break. */
export function contextLines(pageText: string, maxChars = CONTEXT_CHARS): string[] {
  return lines(pageText.length > maxChars ? pageText.slice(0, pageText.lastIndexOf('\n', maxChars) + 1 || maxChars) : pageText).filter((l) => l.trim() !== '');
}

/**
 * The plain function behind "Copy repaired text" (menu and shortcut): repairs `text` with `decoder`,
 * judging it with evidence from its own lines and the `context` lines (the rest of its page).
 */
export function repairSelectionForCopy(text: string, decoder: Engine, context: Iterable<string> = []): CopyRepair {
  const evidence = documentEvidence(decoder, text, context);
  const steps: Step[] = [];
  for (const chunk of repairChunks(decoder, text, { maxChars: COPY_CHUNK_CHARS, evidence })) for (const s of chunk.steps) steps.push(s);
  return { text: applySteps(text, steps), steps };
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
  const evidence = documentEvidence(decoder, text, context);
  const steps: Step[] = [];
  for (const chunk of repairChunks(decoder, text, { maxChars: COPY_CHUNK_CHARS, evidence, hints: deps.hints?.() })) {
    if (chunk.index > 0) await new Promise((r) => setTimeout(r, 0));
    for (const s of chunk.steps) steps.push(s);
  }
  return { text: applySteps(text, steps), steps };
}
