import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

const { DEFAULT_SETTINGS, parseSettings, readSettings, repairEnabledFor, setSiteEnabled, updateSettings } = await import('../../src/ext/shared/settings');

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('falls back to the default field by field and keeps the valid fields', () => {
    expect(parseSettings({ enabled: false, highlight: 'yes', disabledSites: null })).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(parseSettings({ disabledSites: 'example.com' }).disabledSites).toEqual([]);
    expect(parseSettings({ disabledSites: [42, null, ' a.com ', '', 'a.com', { x: 1 }, 'b.com'] }).disabledSites).toEqual(['a.com', 'b.com']);
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null, { v: 'x' })).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps only site → known encoding entries of the per-site encodings', () => {
    expect(parseSettings({ redecodeRules: { 'a.cn': 'gbk', 'b.cn': 'utf-7', '': 'big5', 'c.tw': 'big5', d: 3 } }).redecodeRules).toEqual({ 'a.cn': 'gbk', 'c.tw': 'big5' });
    expect(parseSettings({ redecodeRules: ['gbk'] }).redecodeRules).toEqual({});
    expect(parseSettings({ redecodeRules: null }).redecodeRules).toEqual({});
  });

  it('a string of sites no longer switches off every site it contains', () => {
    const s = parseSettings({ disabledSites: 'www.example.com.cn' });
    expect(repairEnabledFor(s, 'example.com')).toBe(true);
  });

  it('reads settings a newer version wrote, and a change keeps its fields and its version', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, highlight: false, disabledSites: ['x.cn'], later: { a: 1 } }, settings$: { v: 5, other: true } });
    expect(await readSettings()).toEqual({ enabled: true, highlight: false, disabledSites: ['x.cn'], redecodeRules: {} });
    await setSiteEnabled('y.cn', false);
    const stored = await fakeBrowser.storage.sync.get(null);
    expect(stored).toEqual({
      settings: { enabled: true, highlight: false, disabledSites: ['x.cn', 'y.cn'], later: { a: 1 } },
      settings$: { v: 5, other: true },
    });
  });

  it('writes only the fields it changes, repairing garbage ones only when asked', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: 'on', highlight: true, disabledSites: null } });
    await updateSettings({ highlight: false });
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual({ enabled: 'on', highlight: false, disabledSites: null });
    expect(await readSettings()).toEqual({ enabled: true, highlight: false, disabledSites: [], redecodeRules: {} });
  });
});
