/**
 * The options page's table of per-site rules: one row per site with its repair switch, its text source (auto,
 * e-paper / PDF, never Founder) and the encoding forced when re-decoding; a form to add a site; each row
 * removable. Every control is named for its site, so a screen reader says which site it changes.
 */
import { ENCODING_NAMES, REDECODE_ENCODINGS, isRedecodeEncoding } from '../../core/redecode/encodings';
import type { Translate } from '../../shared/i18n';
import type { Settings } from '../shared/settings';
import { DEFAULT_RULE, FOUNDER_RULES, isDefaultRule, sortedSites, type FounderRule, type SiteRule } from '../shared/site-rules';
import { LOCAL_FILES_SITE, siteFromInput } from '../shared/site';

export interface RulesDeps {
  t: Translate;
  /** Stores a change to one site's rule (null removes it); rejects when it cannot be stored. */
  setRule(site: string, patch: Partial<SiteRule> | null): Promise<unknown>;
  /** Says a change could not be stored (the page's alert). */
  onError(err: unknown): void;
}

const FOUNDER_LABEL: Record<FounderRule, string> = { auto: 'options_founderAuto', pdf: 'options_founderPdf', off: 'options_founderOff' };

export const siteLabel = (t: Translate, site: string): string => (site === LOCAL_FILES_SITE ? t('localFiles') : site);

/** An <option> of this document (not the global Option: DOM code works on the document it is given). */
function option(doc: Document, label: string, value: string): HTMLOptionElement {
  const o = doc.createElement('option');
  o.textContent = label;
  o.value = value;
  return o;
}

function founderSelect(doc: Document, t: Translate, value: FounderRule, select = doc.createElement('select')): HTMLSelectElement {
  select.replaceChildren();
  for (const f of FOUNDER_RULES) select.append(option(doc, t(FOUNDER_LABEL[f]), f));
  select.value = value;
  return select;
}

function encodingSelect(doc: Document, t: Translate, value: string | null, select = doc.createElement('select')): HTMLSelectElement {
  select.replaceChildren();
  select.append(option(doc, t('options_encodingAuto'), ''));
  for (const e of REDECODE_ENCODINGS) select.append(option(doc, ENCODING_NAMES[e], e));
  select.value = value ?? '';
  return select;
}

const founderOf = (v: string): FounderRule => (FOUNDER_RULES as readonly string[]).includes(v) ? v as FounderRule : 'auto';
const encodingOf = (v: string) => (isRedecodeEncoding(v) ? v : null);

/** Mounts the table and the add form; returns the function that renders new settings into them. */
export function mountRules(doc: Document, deps: RulesDeps): (s: Settings) => void {
  const { t } = deps;
  const body = doc.querySelector<HTMLTableSectionElement>('#rules tbody')!;
  const table = doc.querySelector<HTMLTableElement>('#rules')!;
  const empty = doc.querySelector<HTMLElement>('#no-rules')!;
  const form = doc.querySelector<HTMLFormElement>('#add-site')!;
  const input = doc.querySelector<HTMLInputElement>('#new-site')!;
  const addRepair = doc.querySelector<HTMLInputElement>('#new-repair')!;
  const addFounder = doc.querySelector<HTMLSelectElement>('#new-founder')!;
  const addEncoding = doc.querySelector<HTMLSelectElement>('#new-encoding')!;
  const addError = doc.querySelector<HTMLElement>('#add-error')!;
  // The add form's choices: e-paper preselected, the commonest reason to add a site by hand.
  founderSelect(doc, t, 'pdf', addFounder);
  encodingSelect(doc, t, null, addEncoding);
  let current: Settings | null = null;

  const save = (site: string, patch: Partial<SiteRule> | null) => deps.setRule(site, patch).catch(deps.onError);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const site = siteFromInput(input.value);
    addError.textContent = '';
    if (site === null) { addError.textContent = t('options_addBadSite', [input.value.trim()]); return; }
    const rule: SiteRule = { repair: addRepair.checked, founder: founderOf(addFounder.value), encoding: encodingOf(addEncoding.value) };
    if (isDefaultRule(rule)) { addError.textContent = t('options_addDefault'); return; }
    const existing = current?.sites[site];
    void save(site, { ...(existing ?? DEFAULT_RULE), ...rule }).then(() => {
      input.value = '';
      doc.body.dataset.added = site;
    });
  });

  return (s) => {
    current = s;
    const sites = sortedSites(s.sites);
    empty.hidden = sites.length > 0;
    table.hidden = sites.length === 0;
    const rows: HTMLTableRowElement[] = [];
    for (const site of sites) {
      const rule = s.sites[site];
      const name = siteLabel(t, site);
      const tr = doc.createElement('tr');
      tr.dataset.site = site;
      const th = doc.createElement('th');
      th.scope = 'row';
      th.textContent = name;

      const repair = doc.createElement('input');
      repair.type = 'checkbox';
      repair.setAttribute('role', 'switch');
      repair.checked = rule.repair;
      repair.setAttribute('aria-label', t('options_repairSite', [name]));
      repair.addEventListener('change', () => void save(site, { repair: repair.checked }));

      const founder = founderSelect(doc, t, rule.founder);
      founder.setAttribute('aria-label', t('options_founderSite', [name]));
      founder.addEventListener('change', () => void save(site, { founder: founderOf(founder.value) }));

      const encoding = encodingSelect(doc, t, rule.encoding);
      encoding.setAttribute('aria-label', t('options_encodingSite', [name]));
      encoding.addEventListener('change', () => void save(site, { encoding: encodingOf(encoding.value) }));

      const remove = doc.createElement('button');
      remove.type = 'button';
      remove.textContent = t('options_remove');
      remove.setAttribute('aria-label', t('options_removeSite', [name]));
      remove.addEventListener('click', () => void save(site, null));

      const cells = [repair, founder, encoding, remove].map((c) => { const td = doc.createElement('td'); td.append(c); return td; });
      tr.append(th, ...cells);
      rows.push(tr);
    }
    // Rows are built anew: the control that had focus gets it back (or, its row removed, the next row's).
    const active = doc.activeElement;
    const activeRow = active instanceof Element && body.contains(active) ? active.closest('tr') : null;
    const column = activeRow ? [...activeRow.cells].findIndex((c) => c.contains(active)) : -1;
    const at = activeRow ? [...body.rows].indexOf(activeRow as HTMLTableRowElement) : -1;
    body.replaceChildren(...rows);
    if (activeRow && column >= 0) {
      const same = rows.find((r) => r.dataset.site === (activeRow as HTMLElement).dataset.site) ?? rows[Math.min(at, rows.length - 1)];
      const target = same?.cells[column]?.querySelector<HTMLElement>('input, select, button');
      (target ?? input).focus();
    }
  };
}
