/**
 * The background's glue, on WXT's fakeBrowser (vitest.config.ts: WxtVitest): the messages content scripts send,
 * the counts it keeps per tab and in total, and the toolbar button it drives from them and the settings.
 * The copy features (menus, commands) are left out: fakeBrowser implements neither.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { setSiteEnabled, updateSettings } from '../../src/ext/shared/settings';

vi.mock('../../src/ext/background/copy-commands', () => ({ startCopyFeatures: () => undefined }));

const counts = (c: Partial<Record<string, number>>) => ({ founder: 0, encoding: 0, lossy: 0, redecode: 0, chars: 0, skipped: 0, ...c });
const none = counts({});
const URL_A = 'https://a.example.cn/page.html';

/** What i18n would say: the key and its substitutions, so a test reads which message was chosen. */
const getMessage = (key: string, subs?: string | string[]) => [key, ...(subs === undefined ? [] : [subs].flat())].join('|');

let setIcon: ReturnType<typeof vi.fn>;
let executeScript: ReturnType<typeof vi.fn>;

async function start(): Promise<void> {
  vi.resetModules();
  const { startBackground } = await import('../../src/ext/background/background-service');
  startBackground();
}

/** Delivers a message as the browser would, from `sender`, and resolves with the reply. */
function deliver(type: string, payload: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
  return new Promise((resolve) => {
    // fakeBrowser's trigger is typed (message, sender); the browser also hands listeners sendResponse.
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    void trigger({ type, payload }, sender, resolve).then((handled) => {
      if (!handled.includes(true)) resolve('ignored');
    });
  });
}

/** fakeBrowser's tabs are typed by webextension-polyfill, the background's senders by WXT: the same fields. */
const fromContent = (tab: { id?: number; url?: string }, frameId = 0) => ({ id: fakeBrowser.runtime.id, tab, frameId, url: tab.url }) as Browser.runtime.MessageSender;
const fromPopup: Browser.runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

/** Lets queued storage work and listeners settle. */
const flush = () => new Promise((r) => setTimeout(r, 20));

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = getMessage;
  setIcon = vi.fn(async () => undefined);
  executeScript = vi.fn(async () => [{ result: undefined }]);
  (fakeBrowser.action as { setIcon: unknown }).setIcon = setIcon;
  (fakeBrowser.scripting as { executeScript: unknown }).executeScript = executeScript;
});

describe('background', () => {
  it('answers hello with the tab\'s site, tab and frame, and starts a new top-level page\'s counts afresh', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: URL_A });
    await fakeBrowser.storage.session.set({ tabStats: { [tab.id!]: { 0: counts({ founder: 3 }) } } });
    expect(await deliver('hello', { top: true }, fromContent(tab))).toEqual({ site: 'a.example.cn', tabId: tab.id, frameId: 0 });
    expect((await fakeBrowser.storage.session.get('tabStats')).tabStats).toEqual({});
    // A frame saying hello does not wipe its tab's counts.
    await fakeBrowser.storage.session.set({ tabStats: { [tab.id!]: { 0: counts({ founder: 3 }) } } });
    expect(await deliver('hello', { top: false }, fromContent(tab, 7))).toEqual({ site: 'a.example.cn', tabId: tab.id, frameId: 7 });
    expect(Object.keys(((await fakeBrowser.storage.session.get('tabStats')).tabStats as object))).toEqual([String(tab.id)]);
  });

  it('keeps each frame\'s counts, sums them on the toolbar, and adds what is new to the lifetime totals once per page', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: URL_A });
    await deliver('hello', { top: true }, fromContent(tab));
    await deliver('reportCounts', { counts: counts({ founder: 2, chars: 5 }), added: counts({ founder: 2, chars: 5 }) }, fromContent(tab));
    await deliver('reportCounts', { counts: counts({ encoding: 1, lossy: 1, skipped: 40 }), added: counts({ encoding: 1, lossy: 1, skipped: 40 }) }, fromContent(tab, 3));
    const stats = (await fakeBrowser.storage.session.get('tabStats')).tabStats as Record<string, Record<string, unknown>>;
    expect(Object.keys(stats[String(tab.id)]).sort()).toEqual(['0', '3']);
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id })).toBe('3');
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id })).toBe('toolbar_titleRepairs|3');
    const life = (await fakeBrowser.storage.local.get('lifetime')).lifetime as Record<string, number>;
    // Skipped text is a note about the tab, never a lifetime total; the page is counted once, by its top frame.
    expect(life).toEqual({ ...counts({ founder: 2, encoding: 1, lossy: 1, chars: 5 }), pages: 1 });
  });

  it('ignores counts from a context that may not send them', async () => {
    await start();
    expect(await deliver('reportCounts', { counts: counts({ founder: 9 }), added: counts({ founder: 9 }) }, fromPopup)).toBe('ignored');
    expect((await fakeBrowser.storage.local.get('lifetime')).lifetime).toBeUndefined();
  });

  it('the toolbar says off, with the slashed icon and no badge, where the site or everything is switched off', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: URL_A });
    const other = await fakeBrowser.tabs.create({ url: 'https://b.example.cn/' });
    await deliver('hello', { top: true }, fromContent(tab));
    await deliver('reportCounts', { counts: counts({ founder: 4 }), added: none }, fromContent(tab));
    await deliver('hello', { top: true }, fromContent(other));
    await flush(); // the toolbar follows on its own queue, after the reply
    expect(setIcon).toHaveBeenLastCalledWith({ tabId: other.id, path: { 16: '/icon/16.png', 32: '/icon/32.png' } });
    expect(await fakeBrowser.action.getTitle({ tabId: other.id })).toBe('toolbar_titleOn');

    await setSiteEnabled('a.example.cn', false);
    await flush();
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id })).toBe('toolbar_titleOffSite|a.example.cn');
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id })).toBe('');
    expect(setIcon).toHaveBeenCalledWith({ tabId: tab.id, path: { 16: '/icon/off-16.png', 32: '/icon/off-32.png' } });
    expect(await fakeBrowser.action.getTitle({ tabId: other.id })).toBe('toolbar_titleOn');

    await setSiteEnabled('a.example.cn', true);
    await updateSettings({ enabled: false });
    await flush();
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id })).toBe('toolbar_titleOffAll');
    expect(await fakeBrowser.action.getTitle({ tabId: other.id })).toBe('toolbar_titleOffAll');

    await updateSettings({ enabled: true });
    await flush();
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id })).toBe('toolbar_titleRepairs|4');
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id })).toBe('4');
  });

  it('leaves the button of a tab without a site (the browser\'s own pages) alone', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await deliver('hello', { top: true }, fromContent(tab));
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id })).toBe('');
    expect(setIcon).not.toHaveBeenCalled();
  });

  it('injects the decoder bundle into the asking frame only', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: URL_A });
    expect(await deliver('loadDecoder', {}, fromContent(tab, 5))).toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id, frameIds: [5] }, files: ['/decoder.js'] });
    executeScript.mockRejectedValueOnce(new Error('Frame with ID 5 was removed.'));
    expect(await deliver('loadDecoder', {}, fromContent(tab, 5))).toEqual({ ok: false, error: 'Error: Frame with ID 5 was removed.' });
  });

  it('forgets a closed tab\'s counts', async () => {
    await start();
    const tab = await fakeBrowser.tabs.create({ url: URL_A });
    await deliver('reportCounts', { counts: counts({ founder: 1 }), added: none }, fromContent(tab));
    // (fakeBrowser's tabs.remove trips over its own tab list: the event is what the background listens to.)
    await fakeBrowser.tabs.onRemoved.trigger(tab.id!, { windowId: tab.windowId!, isWindowClosing: false });
    await flush();
    expect((await fakeBrowser.storage.session.get('tabStats')).tabStats).toEqual({});
  });
});
