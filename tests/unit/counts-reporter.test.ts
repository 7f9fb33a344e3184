/** The content script's counts reporter (src/ext/content/counts-reporter.ts): one message per burst, none for nothing new. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const sent: unknown[] = [];
vi.mock('../../src/ext/shared/messages', () => ({ send: (type: string, payload: unknown) => { sent.push([type, payload]); return Promise.resolve(undefined); } }));

const { createCountsReporter, REPORT_DELAY_MS } = await import('../../src/ext/content/counts-reporter');
const { emptyCounts } = await import('../../src/ext/shared/counts');

describe('createCountsReporter', () => {
  beforeEach(() => { vi.useFakeTimers(); sent.length = 0; });
  afterEach(() => vi.useRealTimers());

  it('sends one message per burst, with what is new since the last one, and none when nothing changed', () => {
    const report = createCountsReporter(new AbortController().signal);
    const c = emptyCounts();
    report({ ...c, founder: 1 });
    report({ ...c, founder: 3 });
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(sent).toEqual([['reportCounts', { counts: { ...c, founder: 3 }, added: { ...c, founder: 3 } }]]);
    // A dynamic page reports the same counts again and again: the background hears nothing new.
    report({ ...c, founder: 3 });
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    report({ ...c, founder: 3 });
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(sent).toHaveLength(1);
    // Fewer repairs now (a paragraph removed): reported, with nothing added to the lifetime totals.
    report({ ...c, founder: 2 });
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(sent).toHaveLength(2);
    expect((sent[1] as [string, { added: Record<string, number> }])[1].added.founder).toBe(0);
  });
});
