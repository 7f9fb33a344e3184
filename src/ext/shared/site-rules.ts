/**
 * Per-site rules: what the user chose for one site (see site.ts for what a site is). Pure: no storage, no
 * browser, so the content script, the popup, the options page and the tests share one model.
 *
 * - `repair`: false switches repair off on the site (the popup's 此网站 switch);
 * - `founder`: 'pdf' says the site's text comes from PDFs / e-paper, so Founder damage is expected (the CLI's
 *   `--hint pdf`); 'off' never Founder-repairs the site (the CLI's `--founder off`); 'auto' decides per page;
 * - `encoding`: the encoding forced when re-decoding the site's mislabelled pages (redecode-rules.ts).
 *
 * A site whose rule is all defaults has no entry: a map of rules holds only sites the user chose something for.
 */
import { isRedecodeEncoding, type RedecodeEncoding } from '../../core/redecode/encodings';
import type { Hints } from '../../core/types';

export type FounderRule = 'auto' | 'pdf' | 'off';
export const FOUNDER_RULES: readonly FounderRule[] = ['auto', 'pdf', 'off'];

export interface SiteRule {
  repair: boolean;
  founder: FounderRule;
  encoding: RedecodeEncoding | null;
}

export type SiteRules = Record<string, SiteRule>;

export const DEFAULT_RULE: Readonly<SiteRule> = Object.freeze({ repair: true, founder: 'auto', encoding: null });

/** A hostname is at most 253 characters; the local-files site is a short word. */
export const MAX_SITE_LENGTH = 253;
/**
 * More sites than anyone gives a rule by hand (storage.local holds this many; sync about 2,400, settings-quota.ts): keeps
 * a corrupted store from costing every page, and an add beyond it is refused with a message, not dropped.
 */
export const MAX_SITES = 20_000;

export const isSiteName = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= MAX_SITE_LENGTH && s.trim() === s;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isDefaultRule = (r: SiteRule): boolean => r.repair && r.founder === 'auto' && r.encoding === null;

/** The stored form: only what differs from the defaults (every byte of storage.sync counts, quota.ts). */
export type StoredRule = { repair?: false; founder?: 'pdf' | 'off'; encoding?: RedecodeEncoding };

export function toStored(r: SiteRule): StoredRule {
  const out: StoredRule = {};
  if (!r.repair) out.repair = false;
  if (r.founder !== 'auto') out.founder = r.founder;
  if (r.encoding !== null) out.encoding = r.encoding;
  return out;
}

/** A stored rule read leniently, field by field: a garbage field counts as its default. */
export function fromStored(raw: unknown): SiteRule {
  if (!isRecord(raw)) return { ...DEFAULT_RULE };
  return {
    repair: raw.repair !== false,
    founder: raw.founder === 'pdf' || raw.founder === 'off' ? raw.founder : 'auto',
    encoding: isRedecodeEncoding(raw.encoding) ? raw.encoding : null,
  };
}

/** Rules from whatever is stored (a site → stored rule map): bad sites and default rules are left out. */
export function parseStoredRules(raw: unknown, into: SiteRules = {}): SiteRules {
  if (!isRecord(raw)) return into;
  let n = Object.keys(into).length;
  for (const [site, value] of Object.entries(raw)) {
    if (n >= MAX_SITES) break;
    if (!isSiteName(site) || site in into) continue;
    const rule = fromStored(value);
    if (isDefaultRule(rule)) continue;
    into[site] = rule;
    n++;
  }
  return into;
}

/** The site's rule (the defaults for a site without one, and for no site at all). */
export function ruleOf(rules: SiteRules, site: string | null): SiteRule {
  return (site !== null && Object.hasOwn(rules, site) ? rules[site] : undefined) ?? { ...DEFAULT_RULE };
}

/** A copy of `rules` with `site`'s rule changed by `patch` (null: the rule removed); an all-default rule is removed. */
export function withRule(rules: SiteRules, site: string, patch: Partial<SiteRule> | null): SiteRules {
  const out = { ...rules };
  const next = patch === null ? null : { ...ruleOf(rules, site), ...patch };
  if (next === null || isDefaultRule(next)) delete out[site];
  else out[site] = next;
  return out;
}

/** What the decoder is told about the site's text: the same hints the CLI's --hint pdf and --founder off give. */
export function hintsFor(rule: SiteRule): Hints {
  if (rule.founder === 'pdf') return { source: 'pdf' };
  if (rule.founder === 'off') return { founder: 'off' };
  return {};
}

/** Sites in a stable order for lists (the local-files site sorts like any name). */
export const sortedSites = (rules: SiteRules): string[] => Object.keys(rules).sort();
