/**
 * How the settings are laid out in storage so they stay within storage.sync's quotas however many sites a user
 * adds, and what to write for a change. Pure (no browser): `fakeBrowser` enforces no quota, so this is what the
 * unit tests check, and one e2e check compares it with Chromium's own accounting.
 *
 * Per-site rules are split across SHARD_COUNT items by a hash of the site: a change to one site rewrites one
 * item, and a content script reads only its own site's item. When the rules no longer fit in sync (an item or
 * the total would go over), they move to storage.local, on this device only, and the options page says so;
 * they move back on the first write after which they fit again. A write that fits nowhere is refused whole.
 */
import { toStored, type SiteRules, type StoredRule } from './site-rules';

/**
 * storage.sync's limits, the same in Chrome and Firefox (chrome.storage.sync.QUOTA_BYTES_PER_ITEM, QUOTA_BYTES,
 * MAX_ITEMS). An item's size is its key's length plus its value's JSON, in UTF-8 bytes.
 */
export const SYNC_QUOTA = { itemBytes: 8192, totalBytes: 102_400, maxItems: 512 } as const;

/**
 * What this code lets itself use: a little under the limits, because Chromium's JSON writer escapes characters
 * JSON.stringify leaves as they are (`<` becomes \u003C, six bytes for one), and unknown fields kept from a
 * newer version may hold them.
 */
export const SYNC_BUDGET = { itemBytes: SYNC_QUOTA.itemBytes - 256, totalBytes: SYNC_QUOTA.totalBytes - 1024, maxItems: SYNC_QUOTA.maxItems } as const;

/**
 * storage.local's limit in Chrome without `unlimitedStorage` (QUOTA_BYTES, 10 MB since Chrome 114); Firefox's is
 * larger. Only the site rules count against it here; the counts beside them are a few hundred bytes.
 */
export const LOCAL_BUDGET_BYTES = 10 * 1024 * 1024 - 64 * 1024;

/**
 * Items the rules are split into. At the sync budget's ~100 KB, 32 items average 3.1 KB, so a hash's uneven
 * spread stays far below the 8 KB item limit and the total is what fills first (~2,400 rules of ~42 bytes).
 */
export const SHARD_COUNT = 32;
export const SHARD_PREFIX = 'sites.';
export const shardKey = (n: number): string => `${SHARD_PREFIX}${n}`;
export const ALL_SHARD_KEYS: readonly string[] = Array.from({ length: SHARD_COUNT }, (_, n) => shardKey(n));
export const isShardKey = (key: string): boolean => ALL_SHARD_KEYS.includes(key);

/** FNV-1a over the site's UTF-16 code units: stable across versions and browsers, which is all it must be. */
export function shardOf(site: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < site.length; i++) {
    h ^= site.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % SHARD_COUNT;
}

export const shardKeyOf = (site: string): string => shardKey(shardOf(site));

const encoder = new TextEncoder();
/** Bytes an item costs storage.sync: its key plus its value's JSON, in UTF-8. */
export const itemBytes = (key: string, value: unknown): number => encoder.encode(key).length + encoder.encode(JSON.stringify(value) ?? '').length;

export type Shards = Record<string, Record<string, StoredRule>>;

/** The rules as shard items; shards with no site are left out (their keys are removed on write). */
export function shardsOf(rules: SiteRules): Shards {
  const out: Shards = {};
  for (const site of Object.keys(rules).sort()) (out[shardKeyOf(site)] ??= {})[site] = toStored(rules[site]);
  return out;
}

export interface QuotaProblem {
  /** item: one item too big; total: all items too big together; items: too many items. */
  kind: 'item' | 'total' | 'items';
  /** The item, for kind 'item'. */
  key?: string;
  bytes: number;
  limit: number;
}

/** Whether `items` (everything that would be in storage.sync) fits the budget; the first problem otherwise. */
export function syncProblem(items: Record<string, unknown>, budget: typeof SYNC_BUDGET = SYNC_BUDGET): QuotaProblem | null {
  let total = 0;
  const keys = Object.keys(items);
  if (keys.length > budget.maxItems) return { kind: 'items', bytes: keys.length, limit: budget.maxItems };
  for (const key of keys) {
    const bytes = itemBytes(key, items[key]);
    if (bytes > budget.itemBytes) return { kind: 'item', key, bytes, limit: budget.itemBytes };
    total += bytes;
  }
  return total > budget.totalBytes ? { kind: 'total', bytes: total, limit: budget.totalBytes } : null;
}

export const totalBytes = (items: Record<string, unknown>): number => Object.keys(items).reduce((n, k) => n + itemBytes(k, items[k]), 0);

export interface AreaWrite { set: Record<string, unknown>; remove: string[] }

export interface WritePlan {
  sync: AreaWrite;
  local: AreaWrite;
  /** Where the site rules are after the write. */
  sitesIn: 'sync' | 'local';
  /** Why the rules are in storage.local (what would not fit in sync), when they are. */
  syncProblem: QuotaProblem | null;
}

export interface WriteInput {
  /** Everything now in storage.sync (other keys count against its total too). */
  sync: Record<string, unknown>;
  /** The site-rule items now in storage.local (shard keys, and LOCAL_SITES_KEY). */
  local: Record<string, unknown>;
  /** The settings item and its version item, as they are to be stored. */
  settings: Record<string, unknown>;
  meta: Record<string, unknown>;
  /** The rules' shards as they are to be stored, or null when the rules do not change. */
  shards: Shards | null;
}

/** In storage.local: true while the site rules are kept there (this device only) rather than in sync. */
export const LOCAL_SITES_KEY = 'sites$local';
export const SETTINGS_KEY = 'settings';
export const SETTINGS_META_KEY = 'settings$';

export class QuotaError extends Error {
  constructor(readonly problem: QuotaProblem, readonly area: 'sync' | 'local') {
    super(`settings do not fit in storage.${area}: ${problem.kind === 'item' ? `item ${problem.key}` : problem.kind} ${problem.bytes} > ${problem.limit}`);
  }
}

const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/**
 * What to write for a change: the settings item and its version always go to sync; the rules' shards to sync
 * if everything then fits, else to storage.local. Only shards whose content changed are written; shards left
 * empty are removed. Throws QuotaError when even that cannot be stored (nothing is written then).
 */
export function planWrite(input: WriteInput): WritePlan {
  const inLocal = input.local[LOCAL_SITES_KEY] === true;
  const head = { [SETTINGS_KEY]: input.settings, [SETTINGS_META_KEY]: input.meta };
  const headOnly = { ...input.sync, ...head };
  const headProblem = syncProblem(headOnly);
  if (headProblem) throw new QuotaError(headProblem, 'sync');
  if (input.shards === null) {
    return { sync: { set: head, remove: [] }, local: { set: {}, remove: [] }, sitesIn: inLocal ? 'local' : 'sync', syncProblem: null };
  }
  const shards = input.shards;
  const withShards: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.sync)) if (!isShardKey(k)) withShards[k] = v;
  Object.assign(withShards, head, shards);
  const problem = syncProblem(withShards);
  if (!problem) {
    const set: Record<string, unknown> = { ...head };
    // Coming back from storage.local, sync's shards are stale: write them all.
    for (const [k, v] of Object.entries(shards)) if (inLocal || changed(input.sync[k], v)) set[k] = v;
    const remove = ALL_SHARD_KEYS.filter((k) => k in input.sync && !(k in shards));
    const localRemove = inLocal ? [LOCAL_SITES_KEY, ...ALL_SHARD_KEYS.filter((k) => k in input.local)] : [];
    return { sync: { set, remove }, local: { set: {}, remove: localRemove }, sitesIn: 'sync', syncProblem: null };
  }
  // Too much for sync: this device keeps the rules. Sync's shards are left as they were, so other devices keep
  // the rules they had (the options page says the rules no longer sync).
  const localBytes = totalBytes(shards);
  if (localBytes > LOCAL_BUDGET_BYTES) throw new QuotaError({ kind: 'total', bytes: localBytes, limit: LOCAL_BUDGET_BYTES }, 'local');
  const localSet: Record<string, unknown> = { [LOCAL_SITES_KEY]: true };
  for (const [k, v] of Object.entries(shards)) if (!inLocal || changed(input.local[k], v)) localSet[k] = v;
  const localRemove = ALL_SHARD_KEYS.filter((k) => k in input.local && !(k in shards));
  return { sync: { set: head, remove: [] }, local: { set: localSet, remove: localRemove }, sitesIn: 'local', syncProblem: problem };
}
