/**
 * The user's per-site choice of encoding: set when they re-decode a page from the popup, used on the site's next
 * pages (still only where a page looks mis-decoded), shown in the popup with a way to forget it. Kept in the
 * synced settings (`redecodeRules`, site → encoding); read through `redecodeRulesOf`, which drops garbage, since
 * settings written before this field existed, or by hand, may hold anything.
 */
import { isRedecodeEncoding, type RedecodeEncoding } from '../../core/redecode/encodings';
import { settingsItem, updateSettings, type Settings } from './settings';

export type RedecodeRules = Record<string, RedecodeEncoding>;

/** More sites than anyone sets by hand; keeps a corrupted map from costing every page. */
const MAX_RULES = 1000;
/** A hostname is at most 253 characters; the local-files site is a short word. */
const MAX_SITE_LENGTH = 253;

/** The rules from whatever is stored: only site → known encoding entries survive. */
export function parseRedecodeRules(raw: unknown): RedecodeRules {
  const out: RedecodeRules = {};
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

export const redecodeRulesOf = (s: Partial<Settings>): RedecodeRules => parseRedecodeRules((s as { redecodeRules?: unknown }).redecodeRules);

export function ruleFor(s: Partial<Settings>, site: string | null): RedecodeEncoding | null {
  return site === null ? null : redecodeRulesOf(s)[site] ?? null;
}

/** Remembers `encoding` for `site`, or forgets the site's rule (null). */
export async function setRedecodeRule(site: string, encoding: RedecodeEncoding | null): Promise<void> {
  const rules = redecodeRulesOf(await settingsItem.getValue());
  if (encoding === null) delete rules[site];
  else rules[site] = encoding;
  await updateSettings({ redecodeRules: rules });
}
