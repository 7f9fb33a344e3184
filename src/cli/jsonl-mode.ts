/**
 * `--jsonl`: one JSON object a line, `{"id": …, "text": …}` in, `{"id", "text", "steps", "flagged"}` out, in the
 * same order. Every line is independent: its evidence comes from its own text alone (split into paragraphs on
 * \n, as the dev-set evaluation does). Blank lines are skipped; a malformed line gives
 * `{"id": <its id if readable, else null>, "error": "…"}` and the rest go on.
 */
import { repair, type Hints, type Step } from '../core/index';
import { explainLines } from './explain';

export type JsonlId = string | number | boolean | null;

export type JsonlOutput =
  | { id: JsonlId; text: string; steps: Step[]; flagged: boolean }
  | { id: JsonlId; error: string };

export interface JsonlLineResult {
  output: JsonlOutput;
  /** `--explain` lines for this record (empty for an error). */
  explain: string[];
}

export function* repairJsonl(input: string, hints: Hints = {}): Generator<JsonlLineResult> {
  let lineNo = 0;
  for (const line of input.split('\n')) {
    lineNo++;
    if (line.trim() === '') continue;
    const parsed = parseRecord(line, lineNo);
    if ('error' in parsed) {
      yield { output: parsed, explain: [] };
      continue;
    }
    const { id, text } = parsed;
    // Without evidence a text is its own: its own paragraphs decide, as in the dev-set evaluation.
    const result = repair(text, undefined, hints);
    yield {
      output: { id, text: result.text, steps: result.steps, flagged: result.flagged },
      explain: explainLines(result.steps, result.flagged, text, `[${JSON.stringify(id)}] `),
    };
  }
}

function parseRecord(line: string, lineNo: number): { id: JsonlId; text: string } | { id: JsonlId; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { id: salvageId(line), error: `line ${lineNo}: not JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: `line ${lineNo}: expected an object {"id", "text"}` };
  }
  const record = value as Record<string, unknown>;
  const id = isId(record.id) ? record.id : null;
  if (record.id !== undefined && !isId(record.id)) {
    return { id: null, error: `line ${lineNo}: "id" must be a string, number, boolean or null` };
  }
  if (typeof record.text !== 'string') {
    return { id, error: `line ${lineNo}: "text" must be a string` };
  }
  return { id, text: record.text };
}

const isId = (v: unknown): v is JsonlId =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The id of a line that is not valid JSON, when an `"id": "…"` or `"id": 123` can still be read from it. */
function salvageId(line: string): JsonlId {
  const m = /"id"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(line);
  if (!m) return null;
  try {
    return JSON.parse(m[1]) as JsonlId;
  } catch {
    return null;
  }
}
