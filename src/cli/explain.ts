/**
 * `--explain`: one line per step on standard error, then a summary line. `[start,end)` are the steps' own
 * UTF-16 offsets into the input; `line:column` (1-based, UTF-16 units) is added so a reader can find the span.
 *
 *   luanma: founder   2:8 [9,10)  "袁" → "，"  gb2312+0x31  conf 0.98
 *   luanma: encoding  3:1 [20,26)  "浣犲ソ锛�" → "你好�"  utf-8>gbk  conf 0.91  LOSSY
 *   luanma: 2 steps (founder 1, encoding 1), 1 lossy; flagged: lossy damage remains
 */
import type { Step } from '../core/index';

/** Line starts of a text, for offset → line:column in O(log lines) (a 5 MB file may have 100 000 steps). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** "line:column", both 1-based. */
  at(offset: number): string {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return `${lo + 1}:${offset - this.starts[lo] + 1}`;
  }
}

export function formatStep(step: Step, lines: LineIndex, label = ''): string {
  const change =
    step.original === step.replacement
      ? `${JSON.stringify(step.original)} (left as is)`
      : `${JSON.stringify(step.original)} → ${JSON.stringify(step.replacement)}`;
  return [
    `luanma: ${label}${step.kind.padEnd(8)}`,
    `${lines.at(step.start)} [${step.start},${step.end})`,
    change,
    step.codecs.length ? step.codecs.join('>') : '-',
    `conf ${step.confidence.toFixed(2)}`,
    ...(step.lossy ? ['LOSSY'] : []),
  ].join('  ');
}

export function formatSummary(steps: readonly Step[], flagged: boolean, label = ''): string {
  const byKind = new Map<string, number>();
  for (const s of steps) byKind.set(s.kind, (byKind.get(s.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${k} ${n}`).join(', ');
  const lossy = steps.filter((s) => s.lossy).length;
  return (
    `luanma: ${label}${steps.length} step${steps.length === 1 ? '' : 's'}` +
    (kinds ? ` (${kinds})` : '') +
    `, ${lossy} lossy; ${flagged ? 'flagged: lossy damage remains' : 'not flagged'}`
  );
}

/** The explain block for one input: its steps, then its summary. */
export function explainLines(steps: readonly Step[], flagged: boolean, input: string, label = ''): string[] {
  const lines = new LineIndex(input);
  return [...steps.map((s) => formatStep(s, lines, label)), formatSummary(steps, flagged, label)];
}
