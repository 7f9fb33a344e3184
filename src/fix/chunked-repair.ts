/**
 * Repairs a large text the way the command-line tool does, in pieces a worker can report progress on:
 * evidence is collected once over the whole text, then the text is repaired in chunks of whole lines
 * (never line by line: hard-wrapped PDF text has pairs such as 野…冶 across line breaks) with that same
 * evidence, and each chunk's steps are moved to offsets into the whole text.
 *
 * The chunking policy (size, preference for blank lines) is the CLI's own, so the page and
 * `luanma file.txt` cut a document at the same places and make the same decisions.
 */
import { chunkSpans, paragraphSpans, CHUNK_CHARS } from '../cli/repair-document';
import type { Evidence, Hints, RepairResult, Step } from '../core/types';

export { CHUNK_CHARS };

export type RepairFn = (text: string, evidence?: Evidence, hints?: Hints) => RepairResult;
export type EvidenceFn = (texts: Iterable<string>) => Evidence;

export interface ChunkResult {
  /** 0-based chunk number, and how many chunks the text has. */
  index: number;
  total: number;
  /** [start, end) of the chunk in the whole text. */
  start: number;
  end: number;
  /** The chunk's steps, with offsets into the whole text. */
  steps: Step[];
  flagged: boolean;
}

const BOM = '\uFEFF';

/** The whole text's evidence: one paragraph per line, line breaks left out (as the CLI does). */
export function documentEvidence(text: string, collect: EvidenceFn): Evidence {
  const bodyStart = text.startsWith(BOM) ? BOM.length : 0;
  return collect(paragraphSpans(text, bodyStart).map(([s, e]) => text.slice(s, e)));
}

/** [start, end) of the chunks: whole lines, at most `maxChars` each unless one line is longer. A leading BOM is left out. */
export function planChunks(text: string, maxChars = CHUNK_CHARS): Array<[number, number]> {
  return chunkSpans(text, text.startsWith(BOM) ? BOM.length : 0, maxChars);
}

/** Moves a chunk's steps (relative to the chunk) to offsets into the whole text. */
export function offsetSteps(steps: readonly Step[], by: number): Step[] {
  return by === 0 ? [...steps] : steps.map((s) => ({ ...s, start: s.start + by, end: s.end + by }));
}

/**
 * Repairs `text` chunk by chunk, yielding after each so the caller can report progress or stop.
 * `evidence` is collected once before the first chunk unless given.
 */
export function* repairInChunks(
  text: string,
  engine: { repair: RepairFn; collectEvidence: EvidenceFn },
  hints: Hints = {},
  opts: { evidence?: Evidence; maxChars?: number } = {},
): Generator<ChunkResult, void, undefined> {
  const evidence = opts.evidence ?? documentEvidence(text, engine.collectEvidence);
  const chunks = planChunks(text, opts.maxChars);
  for (let index = 0; index < chunks.length; index++) {
    const [start, end] = chunks[index];
    const result = engine.repair(text.slice(start, end), evidence, hints);
    yield { index, total: chunks.length, start, end, steps: offsetSteps(result.steps, start), flagged: result.flagged };
  }
}
