/** Loading the dev set copied into the tests, filtering it by kind, and running the engine over it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repair, type Hints, type RepairResult } from '../../src/core/index';
import type { DevCase } from './devset-metrics';
import { repoRoot } from './repo-root';

export const DEVSET_PATH = join(repoRoot(import.meta.url), 'tests', 'fixtures', 'devset.jsonl');

export function loadDevset(path: string = DEVSET_PATH): DevCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DevCase);
}

/** `founder,clean_*` → a predicate on kinds; `*` matches any run of characters. Empty or undefined: every kind. */
export function kindFilter(spec: string | undefined): (kind: string) => boolean {
  const patterns = (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((p) => new RegExp('^' + p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$'));
  return patterns.length ? (kind) => patterns.some((re) => re.test(kind)) : () => true;
}

/** One case as the evaluation repairs it (and `--jsonl` does): alone, evidence from its own paragraphs. */
export function repairCase(c: DevCase, hints: Hints = {}): RepairResult {
  return repair(c.input, undefined, hints);
}
