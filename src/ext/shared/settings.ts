/**
 * User settings, synced across the user's browsers. The type is derived from the defaults so the
 * two cannot drift; the item is versioned so a future shape change ships a migration.
 */
import { storage } from '#imports';

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

export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
  // Ordered migrations go here when the shape changes (e.g. 2: (v1) => ({ ...v1, newField })).
  migrations: {},
});

export function repairEnabledFor(settings: Settings, site: string | null): boolean {
  if (!settings.enabled) return false;
  return site === null || !settings.disabledSites.includes(site);
}

export async function setSiteEnabled(site: string, on: boolean): Promise<void> {
  const s = await settingsItem.getValue();
  const others = s.disabledSites.filter((x) => x !== site);
  await settingsItem.setValue({ ...s, disabledSites: on ? others : [...others, site].sort() });
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  await settingsItem.setValue({ ...(await settingsItem.getValue()), ...patch });
}
