import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

const {
  DEFAULT_SETTINGS, disabledSitesOf, parseSettings, readSettings, repairEnabledFor, setSiteEnabled, setSiteRule, updateSettings, writeSettings, watchSettings,
} = await import('../../src/ext/shared/settings');
const { redecodeRulesOf, setRedecodeRule } = await import('../../src/ext/shared/redecode-rules');
const { shardKeyOf, LOCAL_SITES_KEY } = await import('../../src/ext/shared/settings-quota');

const rule = (r: Partial<{ repair: boolean; founder: 'auto' | 'pdf' | 'off'; encoding: string | null }>) => ({ repair: true, founder: 'auto', encoding: null, ...r });

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('falls back to the default field by field and keeps the valid fields', () => {
    expect(parseSettings({ enabled: false, highlight: 'yes' }, { v: 2 })).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null, { v: 'x' })).toEqual(DEFAULT_SETTINGS);
    // Version 2: rules come from the shards, read leniently (a garbage field is its default; an all-default rule is no rule).
    const shards = { 'sites.3': { 'a.cn': { repair: false }, 'b.cn': { founder: 'pdf', encoding: 'utf-7' }, 'c.cn': { repair: 'no' }, '': { repair: false } }, 'sites.9': 'garbage' };
    expect(parseSettings({}, { v: 2 }, shards).sites).toEqual({ 'a.cn': rule({ repair: false }), 'b.cn': rule({ founder: 'pdf' }) });
  });

  it('migrates version 1: disabledSites and redecodeRules become per-site rules, read as version 1 read them', () => {
    const v1 = {
      enabled: true, highlight: false,
      disabledSites: [42, null, ' a.com ', '', 'a.com', { x: 1 }, 'b.com'],
      redecodeRules: { 'b.com': 'gbk', 'c.tw': 'big5', 'd.cn': 'utf-7', '': 'big5', e: 3 },
    };
    expect(parseSettings(v1)).toEqual({
      enabled: true, highlight: false,
      sites: { 'a.com': rule({ repair: false }), 'b.com': rule({ repair: false, encoding: 'gbk' }), 'c.tw': rule({ encoding: 'big5' }) },
    });
    expect(parseSettings({ disabledSites: 'example.com', redecodeRules: ['gbk'] }).sites).toEqual({});
    // A string of sites no longer switches off every site it contains.
    expect(repairEnabledFor(parseSettings({ disabledSites: 'www.example.com.cn' }), 'example.com')).toBe(true);
  });

  it('existing users carry over: version 1 storage is read as is, and the next change writes version 2 without losing a site', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, highlight: true, disabledSites: ['x.cn', 'y.cn'], redecodeRules: { 'x.cn': 'big5', 'z.tw': 'big5' }, later: 1 } });
    const before = await readSettings();
    expect(disabledSitesOf(before)).toEqual(['x.cn', 'y.cn']);
    expect(redecodeRulesOf(before)).toEqual({ 'x.cn': 'big5', 'z.tw': 'big5' });
    // A content script reading only its own site gets the same answer from version 1 storage.
    expect((await readSettings('y.cn')).sites).toEqual({ 'y.cn': rule({ repair: false }) });
    await updateSettings({ highlight: false });
    const stored = await fakeBrowser.storage.sync.get(null);
    expect(stored.settings).toEqual({ enabled: true, highlight: false, later: 1 });
    expect(stored.settings$).toEqual({ v: 2 });
    expect(stored[shardKeyOf('x.cn')]).toMatchObject({ 'x.cn': { repair: false, encoding: 'big5' } });
    expect(stored[shardKeyOf('z.tw')]).toMatchObject({ 'z.tw': { encoding: 'big5' } });
    expect(await readSettings()).toEqual({ ...before, highlight: false });
  });

  it('reads settings a newer version wrote, and a change keeps its fields and its version', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, highlight: false, later: { a: 1 } }, settings$: { v: 5, other: true }, [shardKeyOf('x.cn')]: { 'x.cn': { repair: false, future: 2 } } });
    expect(await readSettings()).toEqual({ enabled: true, highlight: false, sites: { 'x.cn': rule({ repair: false }) } });
    await setSiteEnabled('y.cn', false);
    const stored = await fakeBrowser.storage.sync.get(['settings', 'settings$', shardKeyOf('y.cn')]);
    expect(stored.settings).toEqual({ enabled: true, highlight: false, later: { a: 1 } });
    expect(stored.settings$).toEqual({ v: 5, other: true });
    expect(stored[shardKeyOf('y.cn')]).toMatchObject({ 'y.cn': { repair: false } });
  });

  it('writes only the fields it changes, repairing garbage ones only when asked', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: 'on', highlight: true }, settings$: { v: 2 } });
    await updateSettings({ highlight: false });
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual({ enabled: 'on', highlight: false });
    expect(await readSettings()).toEqual({ enabled: true, highlight: false, sites: {} });
  });

  it('per-site rules: set, changed field by field, reverted to the defaults and gone', async () => {
    await setSiteRule('news.cn', { founder: 'pdf' });
    await setRedecodeRule('news.cn', 'gbk');
    await setSiteEnabled('news.cn', false);
    expect((await readSettings()).sites).toEqual({ 'news.cn': rule({ repair: false, founder: 'pdf', encoding: 'gbk' }) });
    await setSiteRule('news.cn', { founder: 'auto', encoding: null });
    await setSiteEnabled('news.cn', true);
    expect((await readSettings()).sites).toEqual({});
    expect(Object.keys(await fakeBrowser.storage.sync.get(null)).sort()).toEqual(['settings', 'settings$']);
  });

  it('a content script reads and watches only its own site', async () => {
    await setSiteRule('a.cn', { founder: 'off' });
    await setSiteRule('b.cn', { repair: false });
    expect((await readSettings('a.cn')).sites).toEqual({ 'a.cn': rule({ founder: 'off' }) });
    expect((await readSettings(null)).sites).toEqual({});
    const seen: unknown[] = [];
    const unwatch = watchSettings((s) => seen.push(s.sites), 'a.cn');
    await setSiteRule('a.cn', { founder: 'pdf' });
    await vi.waitFor(() => expect(seen).toEqual([{ 'a.cn': rule({ founder: 'pdf' }) }]));
    unwatch();
  });

  it('too many rules for sync move to storage.local, say so, and move back once they fit', async () => {
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`site-${i}.example.com`, rule({ founder: 'pdf' as const })]));
    const out = await writeSettings({ sites: many as never });
    expect(out.sitesIn).toBe('local');
    expect(out.syncProblem?.kind).toBe('total');
    expect((await fakeBrowser.storage.local.get(LOCAL_SITES_KEY))[LOCAL_SITES_KEY]).toBe(true);
    expect(Object.keys((await readSettings()).sites)).toHaveLength(3000);
    expect((await readSettings('site-7.example.com')).sites).toEqual({ 'site-7.example.com': rule({ founder: 'pdf' }) });
    const back = await writeSettings({ sites: { 'one.cn': rule({ repair: false }) } as never });
    expect(back.sitesIn).toBe('sync');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((await readSettings()).sites).toEqual({ 'one.cn': rule({ repair: false }) });
  });

  it('a write that fits nowhere is refused whole and stores nothing', async () => {
    await setSiteRule('keep.cn', { repair: false });
    const before = { sync: await fakeBrowser.storage.sync.get(null), local: await fakeBrowser.storage.local.get(null) };
    await expect(writeSettings({ sites: Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`s${i}.cn`, rule({ repair: false })])) as never }))
      .rejects.toMatchObject({ reason: 'too-many-sites' });
    // Unknown fields of a newer version that fill sync's item on their own: the change is refused, not half-written.
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, highlight: true, huge: 'x'.repeat(9000) }, settings$: { v: 2 } });
    await expect(updateSettings({ highlight: false })).rejects.toMatchObject({ reason: 'quota' });
    expect((await fakeBrowser.storage.sync.get(null))[shardKeyOf('keep.cn')]).toEqual(before.sync[shardKeyOf('keep.cn')]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before.local);
  });
});
