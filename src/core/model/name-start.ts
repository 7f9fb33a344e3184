/**
 * Characters that start person names (surnames, mostly), from jieba's words tagged nr: tells the Founder decision
 * when a character standing alone before a shifted-looking 尧 may be the surname of a name around it (冀尧峰).
 */
import { NAME_START_CHARS } from './name-start.generated';

let set: Set<number> | undefined;

export function startsName(code: number): boolean {
  set ??= new Set(Array.from(NAME_START_CHARS, (c) => c.charCodeAt(0)));
  return set.has(code);
}
