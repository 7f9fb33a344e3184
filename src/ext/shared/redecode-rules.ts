/**
 * The user's per-site choice of encoding: set when they re-decode a page from the popup, used on the site's next
 * pages (still only where a page looks mis-decoded), shown in the popup with a way to forget it. Kept in the
 * synced settings (`redecodeRules`, site → encoding); read through `redecodeRulesOf`, which drops garbage, since
 * settings written before this field existed, or by hand, may hold anything.
 */
import type { RedecodeEncoding } from '../../core/redecode/encodings';
import { parseRedecodeRules as parseStoredRules, readSettings, updateSettings, type Settings } from './settings';

export type RedecodeRules = Record<string, RedecodeEncoding>;

/** The rules from whatever is stored: only site → known encoding entries survive (the settings' own validator). */
export const parseRedecodeRules = (raw: unknown): RedecodeRules => parseStoredRules(raw) as RedecodeRules;

export const redecodeRulesOf = (s: Partial<Settings>): RedecodeRules => parseRedecodeRules((s as { redecodeRules?: unknown }).redecodeRules);

export function ruleFor(s: Partial<Settings>, site: string | null): RedecodeEncoding | null {
  return site === null ? null : redecodeRulesOf(s)[site] ?? null;
}

/** Remembers `encoding` for `site`, or forgets the site's rule (null). */
export async function setRedecodeRule(site: string, encoding: RedecodeEncoding | null): Promise<void> {
  const rules = redecodeRulesOf(await readSettings());
  if (encoding === null) delete rules[site];
  else rules[site] = encoding;
  await updateSettings({ redecodeRules: rules });
}
