import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

const { BACKGROUND_RULES, CONTENT_RULES, E2E_RULES, checkMessage } = await import('../../src/ext/shared/messages');
const { parseCounts } = await import('../../src/ext/shared/counts');
const { parseLifetime, parseTabStats } = await import('../../src/ext/shared/stats-store');

const id = fakeBrowser.runtime.id;
const ext = fakeBrowser.runtime.getURL('/');
const content = { id, tab: { id: 3 } as never, frameId: 0, url: 'https://example.com/' };
const popup = { id, url: `${ext}popup.html` };
const counts = { founder: 1, encoding: 2, lossy: 0, redecode: 0, chars: 9, skipped: 0 };

describe('messages', () => {
  it('accepts each message only from the context that may send it', () => {
    expect(checkMessage(BACKGROUND_RULES, { type: 'hello', payload: { top: true } }, content)).toBe('hello');
    expect(checkMessage(BACKGROUND_RULES, { type: 'hello', payload: { top: true } }, popup)).toBeNull();
    expect(checkMessage(CONTENT_RULES, { type: 'pageText', payload: {} }, popup)).toBe('pageText');
    expect(checkMessage(CONTENT_RULES, { type: 'pageText', payload: {} }, content)).toBeNull();
    expect(checkMessage(CONTENT_RULES, { type: 'redecode', payload: { encoding: 'gbk' } }, popup)).toBe('redecode');
    expect(checkMessage(CONTENT_RULES, { type: 'redecode', payload: { encoding: null } }, popup)).toBe('redecode');
    expect(checkMessage(CONTENT_RULES, { type: 'redecode', payload: { encoding: 'utf-7' } }, popup)).toBeNull();
    expect(checkMessage(CONTENT_RULES, { type: 'redecode', payload: { encoding: 'gbk' } }, content)).toBeNull();
    expect(checkMessage(CONTENT_RULES, { type: 'redecodeStatus', payload: {} }, popup)).toBe('redecodeStatus');
    expect(checkMessage(E2E_RULES, { type: 'e2eInvoke', payload: { tabId: 1, command: 'toggle-site' } }, content)).toBeNull();
    expect(checkMessage(BACKGROUND_RULES, { type: 'hello', payload: { top: true } }, { ...content, id: 'someone-else' })).toBeNull();
  });

  it('accepts a message only where it is received: each receiver checks its own table', () => {
    expect(checkMessage(CONTENT_RULES, { type: 'hello', payload: { top: true } }, content)).toBeNull();
    expect(checkMessage(BACKGROUND_RULES, { type: 'pageText', payload: {} }, popup)).toBeNull();
    expect(checkMessage(CONTENT_RULES, { type: 'e2eInvoke', payload: { tabId: 1, command: 'toggle-site' } }, popup)).toBeNull();
    expect(checkMessage(E2E_RULES, { type: 'e2eInvoke', payload: { tabId: 1, command: 'toggle-site' } }, popup)).toBe('e2eInvoke');
  });

  it('ignores unknown messages and malformed payloads', () => {
    expect(checkMessage(BACKGROUND_RULES, { type: 'toString', payload: {} }, content)).toBeNull();
    expect(checkMessage(CONTENT_RULES, { type: 'nope', payload: {} }, content)).toBeNull();
    expect(checkMessage(BACKGROUND_RULES, 'hello', content)).toBeNull();
    expect(checkMessage(BACKGROUND_RULES, { type: 'hello', payload: { top: 'yes' } }, content)).toBeNull();
    expect(checkMessage(CONTENT_RULES, { type: 'copySelection', payload: { fallback: 42 } }, popup)).toBeNull();
  });

  it('accepts counts only as finite, non-negative numbers', () => {
    const report = (c: unknown) => checkMessage(BACKGROUND_RULES, { type: 'reportCounts', payload: { counts: c, added: counts } }, content);
    expect(report(counts)).toBe('reportCounts');
    expect(report({ ...counts, chars: -1 })).toBeNull();
    expect(report({ ...counts, founder: Infinity })).toBeNull();
    expect(report({ ...counts, encoding: NaN })).toBeNull();
    expect(report({ ...counts, lossy: '3' })).toBeNull();
    expect(report({ ...counts, chars: 1e300 })).toBeNull();
  });
});

describe('stored counts', () => {
  it('read garbage as nothing, field by field', () => {
    expect(parseCounts({ founder: 2.7, encoding: -3, lossy: 'x', chars: Infinity })).toEqual({ founder: 2, encoding: 0, lossy: 0, redecode: 0, chars: 0, skipped: 0 });
    expect(parseLifetime({ ...counts, pages: -1 })).toEqual({ ...counts, pages: 0 });
    expect(parseTabStats({ 3: { 0: counts, x: counts }, abc: {}, 4: 'no' })).toEqual({ 3: { 0: counts } });
    expect(parseTabStats(null)).toEqual({});
  });
});
