/**
 * The user's per-site choice of encoding: set when they re-decode a page from the popup (or in the options page),
 * used on the site's next pages (still only where a page looks mis-decoded), shown in the popup with a way to
 * forget it. It is the `encoding` of the site's rule (site-rules.ts), stored with the other per-site choices.
 */
import type { RedecodeEncoding } from '../../core/redecode/encodings';
import { setSiteRule, type Settings } from './settings';
import { ruleOf } from './site-rules';

export type RedecodeRules = Record<string, RedecodeEncoding>;

/** Sites with a remembered encoding, site → encoding. */
export function redecodeRulesOf(s: Pick<Settings, 'sites'>): RedecodeRules {
  const out: RedecodeRules = {};
  for (const [site, rule] of Object.entries(s.sites)) if (rule.encoding !== null) out[site] = rule.encoding;
  return out;
}

/** The site's remembered encoding: its own rule's, looked up alone (every frame asks on every settings change). */
export const ruleFor = (s: Pick<Settings, 'sites'>, site: string | null): RedecodeEncoding | null => ruleOf(s.sites, site).encoding;

/** Remembers `encoding` for `site`, or forgets the site's encoding (null); the site's other choices stay. */
export async function setRedecodeRule(site: string, encoding: RedecodeEncoding | null): Promise<void> {
  await setSiteRule(site, { encoding });
}
