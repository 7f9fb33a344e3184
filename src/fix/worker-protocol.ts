/** Messages between the paste-and-fix page and its repair worker: one source for both sides. */
import type { Hints, Step } from '../core/types';

/**
 * Chunk size of a repair job (UTF-16 units): one chunk is one progress step, about 20–40 ms of the worker's
 * time, so a newer job waits at most that long, and the bar moves on a 5 MB novel (~30 steps).
 */
export const FIX_CHUNK_CHARS = 64 * 1024;

/** Page → worker: repair `text` (job ids only grow; a newer job supersedes the running one). */
export interface RepairRequest {
  job: number;
  text: string;
  hints: Hints;
  /** Chunk size in UTF-16 units; tests make it small to exercise chunking. */
  maxChars?: number;
}

/** Worker → page. */
export type WorkerReply =
  | { job: number; type: 'progress'; done: number; total: number; steps: Step[] }
  | { job: number; type: 'done'; flagged: boolean; ms: number }
  | { job: number; type: 'error'; message: string };
