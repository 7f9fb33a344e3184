import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

const { checkMessage } = await import('../../src/ext/shared/messages');
const { parseCounts } = await import('../../src/ext/shared/counts');
const { parseLifetime, parseTabStats } = await import('../../src/ext/shared/stats-store');

const id = fakeBrowser.runtime.id;
const ext = fakeBrowser.runtime.getURL('/');
const content = { id, tab: { id: 3 } as never, frameId: 0, url: 'https://example.com/' };
const popup = { id, url: `${ext}popup.html` };
const counts = { founder: 1, encoding: 2, lossy: 0, redecode: 0, chars: 9, skipped: 0 };

describe('messages', () => {
  it('accepts each message only from the context that may send it', () => {
    expect(checkMessage({ type: 'hello', payload: { top: true } }, content)).toBe('hello');
    expect(checkMessage({ type: 'hello', payload: { top: true } }, popup)).toBeNull();
    expect(checkMessage({ type: 'pageText', payload: {} }, popup)).toBe('pageText');
    expect(checkMessage({ type: 'pageText', payload: {} }, content)).toBeNull();
    expect(checkMessage({ type: 'redecode', payload: { encoding: 'gbk' } }, popup)).toBe('redecode');
    expect(checkMessage({ type: 'redecode', payload: { encoding: null } }, popup)).toBe('redecode');
    expect(checkMessage({ type: 'redecode', payload: { encoding: 'utf-7' } }, popup)).toBeNull();
    expect(checkMessage({ type: 'redecode', payload: { encoding: 'gbk' } }, content)).toBeNull();
    expect(checkMessage({ type: 'redecodeStatus', payload: {} }, popup)).toBe('redecodeStatus');
    expect(checkMessage({ type: 'e2eInvoke', payload: { tabId: 1, command: 'toggle-site' } }, content)).toBeNull();
    expect(checkMessage({ type: 'hello', payload: { top: true } }, { ...content, id: 'someone-else' })).toBeNull();
  });

  it('ignores unknown messages and malformed payloads', () => {
    expect(checkMessage({ type: 'toString', payload: {} }, content)).toBeNull();
    expect(checkMessage({ type: 'nope', payload: {} }, content)).toBeNull();
    expect(checkMessage('hello', content)).toBeNull();
    expect(checkMessage({ type: 'hello', payload: { top: 'yes' } }, content)).toBeNull();
    expect(checkMessage({ type: 'copySelection', payload: { fallback: 42 } }, popup)).toBeNull();
  });

  it('accepts counts only as finite, non-negative numbers', () => {
    const report = (c: unknown) => checkMessage({ type: 'reportCounts', payload: { counts: c, added: counts } }, content);
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
