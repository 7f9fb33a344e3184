/**
 * User settings, synced across the user's browsers. The type is derived from the defaults so the two cannot
 * drift, and every field is read through its own validator: a field that is garbage (`disabledSites: null`, a
 * string where a list belongs) falls back to its default and the valid fields are kept.
 *
 * Stored as WXT stored them before (key `settings`, its version under `settings$`: `{ v }`), so existing
 * settings carry over. Settings written by a newer version are read for the fields this version knows; a write
 * changes only the fields it sets, keeps every field it does not know, and never lowers the version.
 * Only `storage.sync` is touched: this module is safe in content scripts (no storage.session, no read on import).
 */
import { browser } from 'wxt/browser';
import { isRedecodeEncoding } from '../../core/redecode/encodings';

export const DEFAULT_SETTINGS = {
  /** Global switch: off wins over every per-site choice. */
  enabled: true,
  /** Show repaired spans with a subtle highlight. */
  highlight: true,
  /** Sites (see siteOf) where repair is switched off. Default: repair everywhere. */
  disabledSites: [] as string[],
  /** Per site, the encoding the user chose to re-decode its pages in (site → encoding): see redecode-rules.ts. */
  redecodeRules: {} as Record<string, string>,
};

export type Settings = typeof DEFAULT_SETTINGS;

export const SETTINGS_KEY = 'settings';
export const SETTINGS_META_KEY = 'settings$';
/** The shape this code writes. Raise it with a migration below when the shape changes. */
export const SETTINGS_VERSION = 1;

/**
 * Ordered migrations: MIGRATIONS[n] turns a version-n object into version n + 1 (e.g. 1: (v1) => ({ ...v1,
 * newField: … })). Applied when reading older settings; the result is written only with the user's next change.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** A hostname is at most 253 characters; the local-files site is a short word. */
const MAX_SITE_LENGTH = 253;
/** More sites than anyone switches off by hand; keeps a corrupted list from costing every page. */
const MAX_SITES = 5000;
/** More sites than anyone gives an encoding by hand; keeps a corrupted map from costing every page. */
const MAX_RULES = 1000;

/** Per-site encodings from whatever is stored: only site → known encoding entries survive. */
export function parseRedecodeRules(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  let n = 0;
  for (const [site, enc] of Object.entries(raw as Record<string, unknown>)) {
    if (n >= MAX_RULES) break;
    if (!site || site.length > MAX_SITE_LENGTH || !isRedecodeEncoding(enc)) continue;
    out[site] = enc;
    n++;
  }
  return out;
}

type Validators = { [K in keyof Settings]: (raw: unknown) => Settings[K] | undefined };

/** Each field's validator: undefined means "garbage, use the default". */
const VALIDATORS: Validators = {
  enabled: (v) => (typeof v === 'boolean' ? v : undefined),
  highlight: (v) => (typeof v === 'boolean' ? v : undefined),
  disabledSites: (v) => {
    if (!Array.isArray(v)) return undefined;
    const sites = new Set<string>();
    for (const s of v) {
      if (typeof s !== 'string') continue;
      const site = s.trim();
      if (site && site.length <= MAX_SITE_LENGTH) sites.add(site);
      if (sites.size >= MAX_SITES) break;
    }
    return [...sites].sort();
  },
  redecodeRules: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? parseRedecodeRules(v) : undefined),
};

const FIELDS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored version: 1 for settings WXT wrote without one, and for garbage. */
function storedVersion(meta: unknown): number {
  const v = isRecord(meta) ? meta.v : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

function migrate(raw: Record<string, unknown>, from: number): Record<string, unknown> {
  let out = raw;
  for (let v = from; v < SETTINGS_VERSION; v++) out = MIGRATIONS[v]?.(out) ?? out;
  return out;
}

/** Settings from whatever is stored: each known field validated on its own, defaults for the rest. */
export function parseSettings(raw: unknown, meta?: unknown): Settings {
  const obj = isRecord(raw) ? migrate(raw, storedVersion(meta)) : {};
  const out = { ...DEFAULT_SETTINGS, disabledSites: [...DEFAULT_SETTINGS.disabledSites], redecodeRules: { ...DEFAULT_SETTINGS.redecodeRules } };
  for (const key of FIELDS) {
    const value = VALIDATORS[key](obj[key]);
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

async function readRaw(): Promise<{ raw: unknown; meta: unknown }> {
  const got = await browser.storage.sync.get([SETTINGS_KEY, SETTINGS_META_KEY]);
  return { raw: got[SETTINGS_KEY], meta: got[SETTINGS_META_KEY] };
}

/** The current settings; the defaults if storage cannot be read at all. */
export async function readSettings(): Promise<Settings> {
  try {
    const { raw, meta } = await readRaw();
    return parseSettings(raw, meta);
  } catch {
    return parseSettings(undefined);
  }
}

/**
 * Changes the fields `change` returns (it gets the current settings). Everything else stored is kept as it
 * was, fields this version does not know included, and the version is never lowered.
 */
export async function updateSettings(change: Partial<Settings> | ((s: Settings) => Partial<Settings>)): Promise<Settings> {
  const { raw, meta } = await readRaw();
  const version = storedVersion(meta);
  const current = parseSettings(raw, meta);
  const patch = typeof change === 'function' ? change(current) : change;
  const next = parseSettings({ ...current, ...patch });
  const stored = isRecord(raw) ? (version < SETTINGS_VERSION ? migrate(raw, version) : { ...raw }) : {};
  for (const key of Object.keys(patch) as Array<keyof Settings>) if (FIELDS.includes(key)) stored[key] = next[key];
  await browser.storage.sync.set({
    [SETTINGS_KEY]: stored,
    [SETTINGS_META_KEY]: { ...(isRecord(meta) ? meta : {}), v: Math.max(version, SETTINGS_VERSION) },
  });
  return next;
}

/** Calls `listener` with the settings after every change to them; returns the unsubscribe function. */
export function watchSettings(listener: (s: Settings) => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && (SETTINGS_KEY in changes || SETTINGS_META_KEY in changes)) void readSettings().then(listener);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

export function repairEnabledFor(settings: Settings, site: string | null): boolean {
  if (!settings.enabled) return false;
  return site === null || !settings.disabledSites.includes(site);
}

export async function setSiteEnabled(site: string, on: boolean): Promise<void> {
  await updateSettings((s) => {
    const others = s.disabledSites.filter((x) => x !== site);
    return { disabledSites: on ? others : [...others, site] };
  });
}
