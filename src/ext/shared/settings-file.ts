/**
 * Settings as a file the user keeps: export writes every setting as JSON, import reads such a file back. Pure (no
 * browser). Unlike storage, which is read leniently field by field (a garbage field counts as its default),
 * an imported file is read strictly: anything wrong in it is named to the user, and nothing is changed.
 */
import { isRedecodeEncoding, REDECODE_ENCODINGS } from '../../core/redecode/encodings';
import { siteFromInput } from './site';
import { FOUNDER_RULES, isDefaultRule, isSiteName, MAX_SITES, sortedSites, type FounderRule, type SiteRule, type SiteRules } from './site-rules';

export const FILE_FORMAT = 'luanma-settings';
/** The file's own version (its shape), raised when the file's shape changes, independently of storage's. */
export const FILE_VERSION = 1;
/** Far more than MAX_SITES rules take (~100 bytes each): a bigger file is not one of ours. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface FileSettings {
  enabled: boolean;
  highlight: boolean;
  sites: SiteRules;
}

export interface SettingsFile {
  format: typeof FILE_FORMAT;
  version: number;
  exported: string;
  enabled: boolean;
  highlight: boolean;
  sites: Record<string, SiteRule>;
}

/** The file's text: every setting, each site's rule written out in full so the file reads on its own. */
export function exportSettings(s: FileSettings, now: Date): string {
  const sites: Record<string, SiteRule> = {};
  for (const site of sortedSites(s.sites)) sites[site] = { ...s.sites[site] };
  const file: SettingsFile = { format: FILE_FORMAT, version: FILE_VERSION, exported: now.toISOString(), enabled: s.enabled, highlight: s.highlight, sites };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export const exportFileName = (now: Date): string => `luanma-settings-${now.toISOString().slice(0, 10)}.json`;

/** Why a file was refused: an i18n message key (options_import…) and its substitutions. */
export interface ImportProblem { key: string; subs: string[] }

export type ImportResult = { ok: true; settings: FileSettings } | { ok: false; problem: ImportProblem };

const fail = (key: string, ...subs: string[]): ImportResult => ({ ok: false, problem: { key, subs } });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const RULE_FIELDS = ['repair', 'founder', 'encoding'];

/** The first problem with one site's rule, or the rule. Fields may be left out (their defaults). */
function parseRule(site: string, raw: unknown): SiteRule | ImportProblem {
  if (!isRecord(raw)) return { key: 'options_importBadRule', subs: [site, 'an object {"repair", "founder", "encoding"}'] };
  const unknown = Object.keys(raw).find((k) => !RULE_FIELDS.includes(k));
  if (unknown !== undefined) return { key: 'options_importBadRule', subs: [site, `unknown field "${unknown}"`] };
  const { repair = true, founder = 'auto', encoding = null } = raw;
  if (typeof repair !== 'boolean') return { key: 'options_importBadRule', subs: [site, '"repair" must be true or false'] };
  if (!FOUNDER_RULES.includes(founder as FounderRule)) return { key: 'options_importBadRule', subs: [site, `"founder" must be one of ${FOUNDER_RULES.join(', ')}`] };
  if (encoding !== null && !isRedecodeEncoding(encoding)) return { key: 'options_importBadRule', subs: [site, `"encoding" must be null or one of ${REDECODE_ENCODINGS.join(', ')}`] };
  return { repair, founder: founder as FounderRule, encoding };
}

/** Reads an exported file; the first thing wrong with it is the problem, and nothing of a bad file is used. */
export function importSettings(text: string): ImportResult {
  if (text.length > MAX_FILE_BYTES) return fail('options_importTooBig', String(Math.round(MAX_FILE_BYTES / 1024 / 1024)));
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail('options_importNotJson', err instanceof Error ? err.message : String(err));
  }
  if (!isRecord(data) || data.format !== FILE_FORMAT) return fail('options_importNotOurs');
  const { version } = data;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail('options_importBadField', 'version', 'a whole number');
  if (version > FILE_VERSION) return fail('options_importNewer', String(version));
  for (const field of ['enabled', 'highlight'] as const) {
    if (typeof data[field] !== 'boolean') return fail('options_importBadField', field, 'true or false');
  }
  if (!isRecord(data.sites)) return fail('options_importBadField', 'sites', 'an object of site → rule');
  const entries = Object.entries(data.sites);
  if (entries.length > MAX_SITES) return fail('options_importTooMany', String(MAX_SITES));
  const sites: SiteRules = {};
  for (const [site, raw] of entries) {
    // A site as the extension names it (siteOf): `Example.com` or `http://x.cn/` would never match a page.
    if (!isSiteName(site) || siteFromInput(site) !== site) return fail('options_importBadSite', site);
    const rule = parseRule(site, raw);
    if ('key' in rule) return { ok: false, problem: rule };
    if (!isDefaultRule(rule)) sites[site] = rule;
  }
  return { ok: true, settings: { enabled: data.enabled as boolean, highlight: data.highlight as boolean, sites } };
}
