/**
 * The popup's line about the current site's rule (e-paper, never Founder, a forced encoding), and the way to the
 * options page, where every site's rules are edited.
 */
import { browser } from 'wxt/browser';
import { ENCODING_NAMES } from '../../core/redecode/encodings';
import { t } from '../../shared/i18n';
import type { Settings } from '../shared/settings';
import { ruleOf } from '../shared/site-rules';

/** Mounts the summary and the options link; returns the function that renders the summary for new settings. */
export function mountSiteRuleSummary(doc: Document, site: string | null): (s: Settings) => void {
  const line = doc.querySelector<HTMLElement>('#site-rule')!;
  const open = doc.querySelector<HTMLButtonElement>('#open-options')!;
  open.addEventListener('click', () => void browser.runtime.openOptionsPage());
  return (s) => {
    const rule = ruleOf(s.sites, site);
    const parts: string[] = [];
    if (rule.founder === 'pdf') parts.push(t('options_founderPdf'));
    if (rule.founder === 'off') parts.push(t('options_founderOff'));
    if (rule.encoding !== null) parts.push(t('options_encodingIs', [ENCODING_NAMES[rule.encoding]]));
    line.hidden = site === null || parts.length === 0;
    line.textContent = parts.length ? t('options_siteRuleSummary', [parts.join(t('options_listSeparator'))]) : '';
  };
}
