import type { Engine, Evidence } from '../types';
import { bodyStart, lineSpans } from './line-spans';

/**
 * A document's evidence: one paragraph per line, line breaks and a byte-order mark left out. `context` adds
 * lines from around the document (the rest of the page a selection was copied from), so a short piece is
 * judged like its page.
 */
export function documentEvidence(engine: Pick<Engine, 'collectEvidence'>, text: string, context: Iterable<string> = []): Evidence {
  const lines = lineSpans(text, bodyStart(text)).map(([s, e]) => text.slice(s, e));
  for (const line of context) lines.push(line);
  return engine.collectEvidence(lines);
}
