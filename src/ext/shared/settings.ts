/**
 * User settings, synced across the user's browsers. The type is derived from the defaults so the two cannot
 * drift, and every field is read through its own validator: a field that is garbage (`enabled: 'yes'`, a
 * string where a map belongs) falls back to its default and the valid fields are kept.
 *
 * Stored (version 2, settings-quota.ts for why): `settings` holds the global switches, `settings$` its version
 * (`{ v }`, as WXT stored it), and the per-site rules (site-rules.ts) are split across `sites.0` … `sites.31` by a
 * hash of the site, in storage.sync, or in storage.local (with `sites$local: true`) once they no longer fit
 * there. Version 1 kept `disabledSites` and `redecodeRules` in `settings`: it is read through MIGRATIONS[1] and
 * rewritten in the new shape with the user's next change. Settings written by a newer version are read for the
 * fields this version knows; a write changes only the fields it sets, keeps every field it does not know, and
 * never lowers the version.
 * Only storage.sync and storage.local are touched: this module is safe in content scripts (no storage.session,
 * no read on import), and a content script reads only its own site's item.
 */
import { browser } from 'wxt/browser';
import { isRedecodeEncoding } from '../../core/redecode/encodings';
import {
  ALL_SHARD_KEYS, isShardKey, LOCAL_SITES_KEY, planWrite, QuotaError, SETTINGS_KEY, SETTINGS_META_KEY, shardKeyOf, shardsOf,
  SYNC_QUOTA, totalBytes, type QuotaProblem,
} from './settings-quota';
import { isSiteName, MAX_SITES, parseStoredRules, ruleOf, withRule, type SiteRule, type SiteRules } from './site-rules';

export { SETTINGS_KEY, SETTINGS_META_KEY };

export const DEFAULT_SETTINGS = {
  /** Global switch: off wins over every per-site choice. */
  enabled: true,
  /** Show repaired spans with a subtle highlight. */
  highlight: true,
  /** Per-site rules (site-rules.ts): only sites the user chose something for. */
  sites: {} as SiteRules,
};

export type Settings = typeof DEFAULT_SETTINGS;

/** The shape this code writes. Raise it with a migration below when the shape changes. */
export const SETTINGS_VERSION = 2;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Version 1's limits, kept to read its lists as it did. */
const V1_MAX_DISABLED = 5000;
const V1_MAX_ENCODINGS = 1000;

/** Version 1's `disabledSites` and `redecodeRules` as per-site rules (each read leniently, as version 1 did). */
export function sitesFromV1(disabledSites: unknown, redecodeRules: unknown): SiteRules {
  let rules: SiteRules = {};
  if (Array.isArray(disabledSites)) {
    let n = 0;
    for (const s of disabledSites) {
      if (n >= V1_MAX_DISABLED) break;
      if (typeof s !== 'string' || !isSiteName(s.trim()) || Object.hasOwn(rules, s.trim())) continue;
      rules = withRule(rules, s.trim(), { repair: false });
      n++;
    }
  }
  if (isRecord(redecodeRules)) {
    let n = 0;
    for (const [site, enc] of Object.entries(redecodeRules)) {
      if (n >= V1_MAX_ENCODINGS) break;
      if (!isSiteName(site) || !isRedecodeEncoding(enc)) continue;
      rules = withRule(rules, site, { encoding: enc });
      n++;
    }
  }
  return rules;
}

/**
 * Ordered migrations of the logical settings (the `settings` item's fields, plus `sites` from the shards):
 * MIGRATIONS[n] turns version n into version n + 1. Applied when reading older settings; the result is written
 * only with the user's next change.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  // Per-site rules replace the list of sites switched off and the map of remembered encodings.
  1: ({ disabledSites, redecodeRules, ...rest }) => ({ ...rest, sites: sitesFromV1(disabledSites, redecodeRules) }),
};

/** Fields version 1 kept in the `settings` item; a write in the new shape drops them. */
const V1_FIELDS = ['disabledSites', 'redecodeRules'];

type Validators = { [K in keyof Settings]: (raw: unknown) => Settings[K] | undefined };

/** Each field's validator: undefined means "garbage, use the default". */
const VALIDATORS: Validators = {
  enabled: (v) => (typeof v === 'boolean' ? v : undefined),
  highlight: (v) => (typeof v === 'boolean' ? v : undefined),
  sites: (v) => (isRecord(v) ? parseSitesField(v) : undefined),
};

/** The in-memory `sites` map (already SiteRule values) or stored rules: both read through the stored form's reader. */
function parseSitesField(v: Record<string, unknown>): SiteRules {
  return parseStoredRules(v);
}

const FIELDS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

/** The stored version: 1 for settings WXT wrote without one, and for garbage. */
export function storedVersion(meta: unknown): number {
  const v = isRecord(meta) ? meta.v : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

function migrate(raw: Record<string, unknown>, from: number): Record<string, unknown> {
  let out = raw;
  for (let v = from; v < SETTINGS_VERSION; v++) out = MIGRATIONS[v]?.(out) ?? out;
  return out;
}

/** The shards' rules merged into one map (a site is in one shard; a stray duplicate keeps the first). */
function rulesOfShards(shards: Record<string, unknown>): SiteRules {
  const rules: SiteRules = {};
  for (const key of ALL_SHARD_KEYS) parseStoredRules(shards[key], rules);
  return rules;
}

/**
 * Settings from whatever is stored: the `settings` item, its version item, and the rule shards (for version 2
 * and later); each known field validated on its own, defaults for the rest.
 */
export function parseSettings(raw: unknown, meta?: unknown, shards: Record<string, unknown> = {}): Settings {
  const version = storedVersion(meta);
  const item = isRecord(raw) ? raw : {};
  const logical = version < 2 ? migrate(item, version) : { ...item, sites: rulesOfShards(shards) };
  const out: Settings = { ...DEFAULT_SETTINGS, sites: {} };
  for (const key of FIELDS) {
    const value = VALIDATORS[key](logical[key]);
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

interface Stored {
  sync: Record<string, unknown>;
  local: Record<string, unknown>;
}

/** Where the stored rules are read from: storage.local once they moved there. */
const shardArea = (s: Stored) => (s.local[LOCAL_SITES_KEY] === true ? s.local : s.sync);

const parseStored = (s: Stored) => parseSettings(s.sync[SETTINGS_KEY], s.sync[SETTINGS_META_KEY], shardArea(s));

async function readStored(site?: string | null): Promise<Stored> {
  // A content script needs its own site's item only (one of 32); writers need all of sync, for its total.
  const shardKeys = site === undefined ? [...ALL_SHARD_KEYS] : site === null ? [] : [shardKeyOf(site)];
  const [sync, local] = await Promise.all([
    site === undefined ? browser.storage.sync.get(null) : browser.storage.sync.get([SETTINGS_KEY, SETTINGS_META_KEY, ...shardKeys]),
    browser.storage.local.get([LOCAL_SITES_KEY, ...shardKeys]),
  ]);
  return { sync, local };
}

/**
 * The current settings; the defaults if storage cannot be read at all. With `site` (a content script), `sites`
 * holds at most that site's rule: only its item is read. `null` (a page with no site) reads no rule.
 */
export async function readSettings(site?: string | null): Promise<Settings> {
  try {
    const s = parseStored(await readStored(site));
    if (site === undefined) return s;
    return { ...s, sites: site !== null && Object.hasOwn(s.sites, site) ? { [site]: s.sites[site] } : {} };
  } catch {
    return parseSettings(undefined);
  }
}

export interface StorageStatus {
  /** Where the per-site rules are kept: sync (every browser the user signs in to) or this device only. */
  sitesIn: 'sync' | 'local';
  /** Bytes of storage.sync in use, and its total quota. */
  syncBytes: number;
  syncQuota: number;
}

/** Where the settings are and how much of sync they use (the options page shows it). */
export async function readStorageStatus(): Promise<StorageStatus> {
  const { sync, local } = await readStored();
  return { sitesIn: local[LOCAL_SITES_KEY] === true ? 'local' : 'sync', syncBytes: totalBytes(sync), syncQuota: SYNC_QUOTA.totalBytes };
}

/** A change that could not be stored (quota, too many sites, storage refusing); nothing of it was lost silently. */
export class SettingsWriteError extends Error {
  constructor(
    readonly reason: 'quota' | 'too-many-sites' | 'storage',
    message: string,
    readonly problem: QuotaProblem | null = null,
  ) {
    super(message);
  }
}

export interface WriteOutcome {
  settings: Settings;
  sitesIn: 'sync' | 'local';
  /** What would not fit in sync, when the rules are kept in storage.local. */
  syncProblem: QuotaProblem | null;
}

/**
 * Changes the fields `change` returns (it gets the current settings). Everything else stored is kept as it
 * was, fields this version does not know included, and the version is never lowered. Throws
 * SettingsWriteError when the change cannot be stored: the caller tells the user.
 */
export function writeSettings(change: Partial<Settings> | ((s: Settings) => Partial<Settings>)): Promise<WriteOutcome> {
  // One write at a time in this context: each reads what the one before wrote (two quick clicks keep both).
  const next = writes.then(() => writeNow(change));
  writes = next.catch(() => undefined);
  return next;
}

let writes: Promise<unknown> = Promise.resolve();

async function writeNow(change: Partial<Settings> | ((s: Settings) => Partial<Settings>)): Promise<WriteOutcome> {
  const stored = await readStored();
  const raw = stored.sync[SETTINGS_KEY];
  const meta = stored.sync[SETTINGS_META_KEY];
  const version = storedVersion(meta);
  const current = parseStored(stored);
  const patch = typeof change === 'function' ? change(current) : change;
  if (patch.sites && Object.keys(patch.sites).length > MAX_SITES) {
    throw new SettingsWriteError('too-many-sites', `more than ${MAX_SITES} sites`);
  }
  const next: Settings = { ...current };
  for (const key of FIELDS) {
    if (!(key in patch)) continue;
    const value = key === 'sites' ? parseSitesField(patch.sites as Record<string, unknown>) : VALIDATORS[key](patch[key]);
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  // The settings item: unknown fields kept; version 1's fields dropped once the rules are written as shards.
  const item: Record<string, unknown> = isRecord(raw) ? { ...raw } : {};
  const migrating = version < 2;
  if (migrating) for (const f of V1_FIELDS) delete item[f];
  for (const key of FIELDS) if (key !== 'sites' && key in patch) item[key] = next[key];
  const writeSites = migrating || 'sites' in patch;
  let plan;
  try {
    plan = planWrite({
      sync: stored.sync,
      local: stored.local,
      settings: item,
      meta: { ...(isRecord(meta) ? meta : {}), v: Math.max(version, SETTINGS_VERSION) },
      shards: writeSites ? shardsOf(next.sites) : null,
    });
  } catch (err) {
    if (err instanceof QuotaError) throw new SettingsWriteError('quota', err.message, err.problem);
    throw err;
  }
  try {
    // Rules moving to this device are stored there before anything else changes; rules moving back to sync
    // are removed from this device only once sync holds them.
    if (Object.keys(plan.local.set).length) await browser.storage.local.set(plan.local.set);
    await browser.storage.sync.set(plan.sync.set);
    if (plan.sync.remove.length) await browser.storage.sync.remove(plan.sync.remove);
    if (plan.local.remove.length) await browser.storage.local.remove(plan.local.remove);
  } catch (err) {
    throw new SettingsWriteError('storage', err instanceof Error ? err.message : String(err));
  }
  return { settings: next, sitesIn: plan.sitesIn, syncProblem: plan.syncProblem };
}

/** writeSettings, returning the new settings (the popup's and background's callers need no more). */
export async function updateSettings(change: Partial<Settings> | ((s: Settings) => Partial<Settings>)): Promise<Settings> {
  return (await writeSettings(change)).settings;
}

/** Replaces every setting with `s` (an imported file; the defaults for a reset): unknown fields are kept. */
export function replaceSettings(s: Settings): Promise<WriteOutcome> {
  return writeSettings({ enabled: s.enabled, highlight: s.highlight, sites: s.sites });
}

/**
 * Calls `listener` with the settings after every change to them; returns the unsubscribe function. With
 * `site`, only changes that can concern that site wake it, and it gets readSettings(site).
 */
export function watchSettings(listener: (s: Settings) => void, site?: string | null): () => void {
  const mine = site === undefined ? isShardKey : (key: string) => site !== null && key === shardKeyOf(site);
  // Reads may resolve out of order (a write of several items fires several changes): only the latest is told.
  let latest = 0;
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    const keys = Object.keys(changes);
    const relevant = area === 'sync'
      ? keys.some((k) => k === SETTINGS_KEY || k === SETTINGS_META_KEY || mine(k))
      : area === 'local' && keys.some((k) => k === LOCAL_SITES_KEY || mine(k));
    if (!relevant) return;
    const mineNow = ++latest;
    void readSettings(site).then((s) => { if (mineNow === latest) listener(s); });
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

export function repairEnabledFor(settings: Settings, site: string | null): boolean {
  if (!settings.enabled) return false;
  return ruleOf(settings.sites, site).repair;
}

/** Sites with repair switched off, sorted. */
export const disabledSitesOf = (s: Settings): string[] => Object.keys(s.sites).filter((k) => !s.sites[k].repair).sort();

/** Changes one site's rule (null removes it: the site back to the defaults). */
export async function setSiteRule(site: string, patch: Partial<SiteRule> | null): Promise<WriteOutcome> {
  return writeSettings((s) => ({ sites: withRule(s.sites, site, patch) }));
}

export async function setSiteEnabled(site: string, on: boolean): Promise<void> {
  await setSiteRule(site, { repair: on });
}
