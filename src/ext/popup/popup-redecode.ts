/**
 * The popup's page-encoding panel: what re-decoding knows of the tab's page (asked of its top frame), the button
 * 按原始字节重新解码 / "Re-decode from the page's bytes" with the detected encoding preselected and the others to
 * force, the site's remembered encoding with a way to forget it, and the list of sites that have one. For a local
 * file the extension may not read, it offers the paste-and-fix page's file opener instead.
 *
 * `body[data-redecode-state]` and `[data-redecode-note]` tell the last status shown (tests and debugging).
 */
import { browser, type Browser } from 'wxt/browser';
import { ENCODING_NAMES, REDECODE_ENCODINGS, isRedecodeEncoding, type RedecodeEncoding } from '../../core/redecode/encodings';
import { t } from '../../shared/i18n';
import { sendToTab, type Protocol } from '../shared/messages';
import { isRedecodeStatus, type RedecodeStatus } from '../shared/redecode-status';
import { redecodeRulesOf, setRedecodeRule } from '../shared/redecode-rules';
import { readSettings, watchSettings, type Settings } from '../shared/settings';
import { LOCAL_FILES_SITE, siteOf } from '../shared/site';

/** The frame hears a settings change when the popup does: ask again a moment later for what it made of it. */
const STATUS_RECHECK_MS = 400;

const nameOf = (enc: string) => (isRedecodeEncoding(enc) ? ENCODING_NAMES[enc] : enc);
const siteLabel = (site: string) => (site === LOCAL_FILES_SITE ? t('localFiles') : site);

export async function mountRedecodePanel(doc: Document, tab: Browser.tabs.Tab | undefined): Promise<void> {
  const $ = <T extends HTMLElement>(sel: string) => doc.querySelector(sel) as T | null;
  const section = $<HTMLElement>('#redecode');
  const line = $<HTMLElement>('#redecode-status');
  const unmatched = $<HTMLElement>('#redecode-unmatched');
  const actions = $<HTMLElement>('#redecode-actions');
  const select = $<HTMLSelectElement>('#redecode-encoding');
  const button = $<HTMLButtonElement>('#redecode-button');
  const openFix = $<HTMLButtonElement>('#redecode-open-fix');
  const ruleLine = $<HTMLElement>('#redecode-rule');
  const forget = $<HTMLButtonElement>('#redecode-forget');
  const rulesList = $<HTMLUListElement>('#redecode-rules');
  if (!section || !line || !unmatched || !actions || !select || !button || !openFix || !ruleLine || !forget || !rulesList) return;
  const tabId = tab?.id;
  const site = siteOf(tab?.url);
  const localFile = tab?.url?.startsWith('file:') ?? false;
  let status: RedecodeStatus | null = null;
  let rule: RedecodeEncoding | null = null;
  select.setAttribute('aria-label', t('redecode_choose'));

  const ask = async <K extends 'redecodeStatus' | 'redecode'>(type: K, payload: Protocol[K]['req']): Promise<RedecodeStatus | null> => {
    if (tabId === undefined || site === null) return null;
    try {
      const res: unknown = await sendToTab(tabId, type, payload);
      return isRedecodeStatus(res) ? res : null;
    } catch {
      return null; // no content script in the tab's top frame (a browser page, a file the extension may not read)
    }
  };

  const fillChoices = () => {
    const keep = select.value;
    select.replaceChildren();
    const auto = doc.createElement('option');
    auto.value = '';
    auto.textContent = status?.detected ? t('redecode_auto', [ENCODING_NAMES[status.detected]]) : t('redecode_autoUnknown');
    select.append(auto);
    for (const enc of REDECODE_ENCODINGS) {
      const opt = doc.createElement('option');
      opt.value = enc;
      opt.textContent = ENCODING_NAMES[enc];
      select.append(opt);
    }
    select.value = keep;
  };

  const render = () => {
    doc.body.dataset.redecodeState = status?.state ?? 'none';
    doc.body.dataset.redecodeNote = status?.note ?? '';
    openFix.hidden = true;
    unmatched.hidden = true;
    if (!status) {
      section.hidden = !localFile;
      actions.hidden = true;
      line.textContent = localFile ? t('redecode_fileHint') : '';
      openFix.hidden = !localFile;
      return;
    }
    section.hidden = status.state === 'unsupported';
    actions.hidden = status.state === 'clean' || status.state === 'unsupported';
    const shown = nameOf(status.shownAs);
    switch (status.state) {
      case 'clean': line.textContent = t('redecode_clean', [shown]); break;
      case 'suspect': line.textContent = t('redecode_suspect', [shown]); break;
      case 'offered':
        line.textContent = status.detected
          ? t('redecode_offered', [ENCODING_NAMES[status.detected], String(Math.round(status.confidence * 100)), shown])
          : t('redecode_suspect', [shown]);
        break;
      case 'applied': {
        const how = t(status.how === 'rule' ? 'redecode_howRule' : status.how === 'user' ? 'redecode_howUser' : 'redecode_howAuto');
        line.textContent = t('redecode_applied', [ENCODING_NAMES[status.applied!], how, String(status.rewritten)]);
        if (status.unmatched > 0) { unmatched.hidden = false; unmatched.textContent = t('redecode_unmatched', [String(status.unmatched)]); }
        break;
      }
      case 'failed':
        line.textContent = t('redecode_failed', [status.note]);
        openFix.hidden = !status.offerFixPage;
        actions.hidden = status.offerFixPage;
        break;
      default: line.textContent = '';
    }
    button.textContent = t(status.state === 'applied' ? 'redecode_again' : 'redecode_button');
    fillChoices();
  };

  const renderRules = (s: Settings) => {
    const rules = redecodeRulesOf(s);
    rule = site !== null ? rules[site] ?? null : null;
    ruleLine.hidden = rule === null;
    const span = ruleLine.querySelector('span');
    if (span) span.textContent = rule ? t('redecode_rule', [ENCODING_NAMES[rule]]) : '';
    rulesList.replaceChildren();
    const sites = Object.keys(rules).sort();
    if (sites.length === 0) {
      const li = doc.createElement('li');
      li.className = 'empty';
      li.textContent = t('redecode_noRules');
      rulesList.append(li);
    }
    for (const other of sites) {
      const li = doc.createElement('li');
      const name = doc.createElement('span');
      name.textContent = `${siteLabel(other)} · ${ENCODING_NAMES[rules[other]]}`;
      const btn = doc.createElement('button');
      btn.type = 'button';
      btn.textContent = t('redecode_forget');
      btn.setAttribute('aria-label', t('redecode_forgetSite', [siteLabel(other)]));
      btn.addEventListener('click', () => void setRedecodeRule(other, null));
      li.append(name, btn);
      rulesList.append(li);
    }
  };

  button.addEventListener('click', async () => {
    const forced = isRedecodeEncoding(select.value) ? select.value : null;
    button.disabled = true;
    try {
      const res = await ask('redecode', { encoding: forced });
      if (res) status = res;
      // The user's choice is the site's from now on: what they forced, or what the detection applied.
      const chosen = res?.state === 'applied' ? res.applied : res?.state === 'offered' && forced ? forced : null;
      if (site !== null && chosen !== null) await setRedecodeRule(site, chosen);
      render();
    } finally {
      button.disabled = false;
      doc.body.dataset.redecodeClicks = String(Number(doc.body.dataset.redecodeClicks ?? 0) + 1);
    }
  });
  forget.addEventListener('click', () => { if (site !== null) void setRedecodeRule(site, null); });
  openFix.addEventListener('click', () => void browser.tabs.create({ url: browser.runtime.getURL('/fix.html') }));

  status = await ask('redecodeStatus', {});
  render();
  renderRules(await readSettings());
  const refresh = async () => {
    const next = await ask('redecodeStatus', {});
    if (next) { status = next; render(); }
  };
  watchSettings((s) => {
    renderRules(s);
    // The site switched off or on: the frame restores or re-decodes on the same change, maybe after us.
    void refresh();
    setTimeout(() => void refresh(), STATUS_RECHECK_MS);
  });
}
