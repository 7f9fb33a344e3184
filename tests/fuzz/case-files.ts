/**
 * The fuzz case files (format in tests/cases/README.md, "Fuzz cases"):
 *   fuzz-known-failures*.json  shrunk counterexamples that still fail today, each with the property it violates
 *                              and its failure class; a class listed here is tolerated in the unit campaign
 *   fuzz-regressions*.json     counterexamples that once failed and must now hold
 */
import { readdirSync, readFileSync } from 'node:fs';
import { PROPERTIES, type EvidenceMode, type FuzzCase } from './properties';

export interface FuzzCaseEntry extends FuzzCase {
  name: string;
  /** Known failures only: the class (tests/fuzz/classes.ts) the failure must still have. */
  class?: string;
  note?: string;
}

const DIR = new URL('../cases/', import.meta.url);
const MODES: EvidenceMode[] = ['standalone', 'none', 'own', 'clean-page', 'founder-page', 'page'];

export function loadFuzzCases(prefix: 'fuzz-known-failures' | 'fuzz-regressions'): FuzzCaseEntry[] {
  const out: FuzzCaseEntry[] = [];
  for (const f of readdirSync(DIR).filter((n) => n.startsWith(prefix) && n.endsWith('.json')).sort()) {
    for (const c of JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as FuzzCaseEntry[]) {
      const bad = (why: string) => new Error(`${f}: ${why}: ${JSON.stringify(c)}`);
      if (typeof c.name !== 'string' || typeof c.input !== 'string') throw bad('every case needs string "name" and "input"');
      if (!(PROPERTIES as readonly string[]).includes(c.property)) throw bad(`"property" must be one of ${PROPERTIES.join(', ')}`);
      if (c.evidence !== undefined && !MODES.includes(c.evidence)) throw bad(`"evidence" must be one of ${MODES.join(', ')}`);
      if (prefix === 'fuzz-known-failures' && typeof c.class !== 'string') throw bad('a known failure needs its "class"');
      if ((c.property === 'lost-neighbour' || c.property === 'no-collateral') && !Array.isArray(c.span)) throw bad(`${c.property} needs "span"`);
      if (c.span && !(c.span.length === 2 && 0 <= c.span[0] && c.span[0] <= c.span[1] && c.span[1] <= c.input.length)) throw bad('"span" out of range');
      if (c.property === 'lost-neighbour' && c.input[c.span![0]] !== '\ufffd') throw bad('a lost-neighbour span starts at its U+FFFD');
      out.push(c);
    }
  }
  return out;
}
