/**
 * Repairing a document of any size with the decisions made for the whole: its evidence is collected once,
 * then it is repaired chunk by chunk (chunk-spans.ts) with that same evidence. The generator lets each caller
 * decide what happens between chunks: the CLI goes straight on, the paste-and-fix worker reports progress,
 * copying and the page repairer give the page its thread back.
 */
import { applySteps } from '../apply-steps';
import type { Engine, Evidence, Hints, RepairResult, Step } from '../types';
import { chunkSpans } from './chunk-spans';
import { documentEvidence } from './document-evidence';
import { bodyStart } from './line-spans';
import { offsetSteps } from './offset-steps';

export interface ChunkRepair {
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

export interface ChunkOptions {
  /** Largest chunk handed to the engine at once, in UTF-16 units (see chunkSpans). */
  maxChars: number;
  /** The whole text's evidence (or its page's); collected from the text itself when absent. */
  evidence?: Evidence;
  hints?: Hints;
}

export function* repairChunks(engine: Engine, text: string, opts: ChunkOptions): Generator<ChunkRepair, void, undefined> {
  const evidence = opts.evidence ?? documentEvidence(engine, text);
  const chunks = chunkSpans(text, bodyStart(text), opts.maxChars);
  for (let index = 0; index < chunks.length; index++) {
    const [start, end] = chunks[index];
    const result = engine.repair(text.slice(start, end), evidence, opts.hints);
    yield { index, total: chunks.length, start, end, steps: offsetSteps(result.steps, start), flagged: result.flagged };
  }
}

/** The whole document at once: its steps with offsets into it, and the text they give. */
export function repairDocument(engine: Engine, text: string, opts: ChunkOptions): RepairResult {
  const steps: Step[] = [];
  let flagged = false;
  for (const chunk of repairChunks(engine, text, opts)) {
    for (const s of chunk.steps) steps.push(s);
    flagged ||= chunk.flagged;
  }
  return { text: applySteps(text, steps), steps, flagged };
}
