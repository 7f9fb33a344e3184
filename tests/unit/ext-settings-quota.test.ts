/**
 * The quota logic on its own (fakeBrowser enforces no quota): item sizes as storage.sync counts them, the rules'
 * split across items, and the write plan: sync while everything fits, storage.local beyond, refused where
 * nothing fits. The e2e check "options: storage.sync quota" compares the sizes with Chromium's own accounting.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_SHARD_KEYS, itemBytes, LOCAL_SITES_KEY, planWrite, QuotaError, SHARD_COUNT, shardKeyOf, shardOf, shardsOf, SYNC_BUDGET, SYNC_QUOTA, syncProblem,
  totalBytes,
} from '../../src/ext/shared/settings-quota';
import type { SiteRules } from '../../src/ext/shared/site-rules';

const pdf = { repair: true, founder: 'pdf', encoding: null } as const;
const rules = (n: number, name = (i: number) => `site-${i}.example.com`): SiteRules => Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), { ...pdf }]));
const head = { settings: { enabled: true, highlight: true }, meta: { v: 2 } };

describe('settings quota', () => {
  it('sizes an item as key plus JSON value, in UTF-8 bytes', () => {
    expect(itemBytes('settings', { enabled: true })).toBe('settings'.length + '{"enabled":true}'.length);
    expect(itemBytes('sites.1', { 本地文件: { repair: false } })).toBe(7 + 2 + 12 + 2 + '{"repair":false}'.length + 1);
  });

  it('splits rules by a stable hash; each site is in exactly one item; a content script knows its item', () => {
    expect(shardOf('example.com')).toBe(shardOf('example.com'));
    const many = rules(2000);
    const shards = shardsOf(many);
    const seen = Object.entries(shards).flatMap(([k, v]) => Object.keys(v).map((s) => [s, k]));
    expect(seen).toHaveLength(2000);
    for (const [site, key] of seen) expect(key).toBe(shardKeyOf(site));
    // The hash spreads sites evenly enough that at sync's total every item stays far below its own limit.
    expect(Object.keys(shards)).toHaveLength(SHARD_COUNT);
    const sizes = Object.entries(shards).map(([k, v]) => itemBytes(k, v));
    expect(Math.max(...sizes)).toBeLessThan(SYNC_BUDGET.itemBytes / 2);
    expect(shardsOf({ 'a.cn': { repair: false, founder: 'auto', encoding: null } })).toEqual({ [shardKeyOf('a.cn')]: { 'a.cn': { repair: false } } });
  });

  it('finds the first quota problem: item, total, number of items', () => {
    expect(syncProblem({ a: 'x'.repeat(100) })).toBeNull();
    expect(syncProblem({ a: 'x'.repeat(SYNC_BUDGET.itemBytes) })).toMatchObject({ kind: 'item', key: 'a' });
    const big = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, 'x'.repeat(7500)]));
    expect(syncProblem(big)).toMatchObject({ kind: 'total', limit: SYNC_BUDGET.totalBytes });
    expect(syncProblem(Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, 1])))).toMatchObject({ kind: 'items', limit: 512 });
    // The budget stays under the real limits.
    expect(SYNC_BUDGET.itemBytes).toBeLessThan(SYNC_QUOTA.itemBytes);
    expect(SYNC_BUDGET.totalBytes).toBeLessThan(SYNC_QUOTA.totalBytes);
  });

  it('plans a sync write of only the items that changed, and removes emptied ones', () => {
    const before = shardsOf(rules(50));
    const sync = { settings: head.settings, settings$: head.meta, ...before, other: 'kept' };
    const next = rules(50);
    delete next['site-3.example.com'];
    const plan = planWrite({ sync, local: {}, ...head, shards: shardsOf(next) });
    expect(plan.sitesIn).toBe('sync');
    expect(Object.keys(plan.sync.set).sort()).toEqual(['settings', 'settings$', shardKeyOf('site-3.example.com')].sort());
    expect(plan.local).toEqual({ set: {}, remove: [] });
    const alone = planWrite({ sync: { ...sync }, local: {}, ...head, shards: shardsOf({ 'one.cn': { ...pdf } }) });
    expect(alone.sync.remove.sort()).toEqual(Object.keys(before).filter((k) => k !== shardKeyOf('one.cn')).sort());
  });

  it('falls back to storage.local when the rules outgrow sync, and comes back when they fit again', () => {
    // ~41 bytes a rule: 2,000 fit in sync, 3,000 do not.
    const fits = planWrite({ sync: {}, local: {}, ...head, shards: shardsOf(rules(2000)) });
    expect(fits.sitesIn).toBe('sync');
    expect(totalBytes({ ...fits.sync.set })).toBeLessThanOrEqual(SYNC_BUDGET.totalBytes);
    const over = planWrite({ sync: fits.sync.set, local: {}, ...head, shards: shardsOf(rules(3000)) });
    expect(over.sitesIn).toBe('local');
    expect(over.syncProblem?.kind).toBe('total');
    // Sync keeps its shards as they were (other devices keep their rules); only the head is written there.
    expect(Object.keys(over.sync.set).sort()).toEqual(['settings', 'settings$']);
    expect(over.local.set[LOCAL_SITES_KEY]).toBe(true);
    expect(Object.keys(over.local.set).filter((k) => ALL_SHARD_KEYS.includes(k))).toHaveLength(SHARD_COUNT);
    // Back under: every shard is rewritten to sync (sync's were stale), and this device's copy is removed.
    const local = { ...over.local.set };
    const back = planWrite({ sync: { ...fits.sync.set }, local, ...head, shards: shardsOf(rules(10)) });
    expect(back.sitesIn).toBe('sync');
    expect(Object.keys(back.sync.set).filter((k) => ALL_SHARD_KEYS.includes(k)).length).toBe(Object.keys(shardsOf(rules(10))).length);
    expect(back.local.remove).toContain(LOCAL_SITES_KEY);
    expect(back.local.remove.length).toBe(SHARD_COUNT + 1);
  });

  it('other keys in sync count against its total', () => {
    const foreign = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`other${i}`, 'x'.repeat(7000)]));
    const plan = planWrite({ sync: foreign, local: {}, ...head, shards: shardsOf(rules(600)) });
    expect(planWrite({ sync: {}, local: {}, ...head, shards: shardsOf(rules(600)) }).sitesIn).toBe('sync');
    expect(plan.sitesIn).toBe('local');
  });

  it('refuses a write that fits nowhere', () => {
    expect(() => planWrite({ sync: {}, local: {}, settings: { enabled: true, x: 'y'.repeat(9000) }, meta: { v: 2 }, shards: null })).toThrow(QuotaError);
    const huge = rules(1, () => 'h.cn');
    const enormous = Object.fromEntries(Array.from({ length: 120_000 }, (_, i) => [`a-long-site-name-for-the-local-limit-${i}.example.com`, { ...pdf, encoding: 'windows-1252' as const }]));
    expect(() => planWrite({ sync: {}, local: {}, ...head, shards: shardsOf({ ...huge, ...enormous }) })).toThrow(/storage\.local/);
  });
});
