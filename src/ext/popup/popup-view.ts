/** The popup's behaviour, kept out of the entrypoint so it reads top to bottom. */
import { browser } from 'wxt/browser';
import { localize, t } from '../../shared/i18n';
import { readLifetime, readTabStats, watchLifetime, watchTabStats, type LifetimeStats, type TabStats } from '../shared/stats-store';
import { repairedSpans, sumFrames, type RepairCounts } from '../shared/counts';
import { disabledSitesOf, readSettings, repairEnabledFor, setSiteEnabled, updateSettings, watchSettings, type Settings } from '../shared/settings';
import { LOCAL_FILES_SITE, siteOf } from '../shared/site';
import { mountPopupActions } from './popup-actions';
import { mountRedecodePanel } from './popup-redecode';
import { mountSiteRuleSummary } from './popup-site-rule';

async function targetTab(params: URLSearchParams) {
  const id = Number(params.get('tab'));
  if (Number.isInteger(id) && id > 0) return browser.tabs.get(id).catch(() => undefined);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

const siteLabel = (site: string) => (site === LOCAL_FILES_SITE ? t('localFiles') : site);

export async function mountPopup(doc: Document, params: URLSearchParams): Promise<void> {
  doc.documentElement.lang = browser.i18n.getUILanguage();
  localize(doc);
  doc.title = t('popupTitle');

  const $ = <T extends HTMLElement>(sel: string) => doc.querySelector(sel) as T;
  const siteSwitch = $<HTMLInputElement>('#site-switch');
  const globalSwitch = $<HTMLInputElement>('#global-switch');
  const highlightSwitch = $<HTMLInputElement>('#highlight-switch');
  const siteName = $<HTMLElement>('#site-name');
  const list = $<HTMLUListElement>('#disabled-sites');

  const tab = await targetTab(params);
  const tabId = tab?.id;
  const site = siteOf(tab?.url);
  mountPopupActions(doc, tab);
  const redecodePanel = mountRedecodePanel(doc, tab);
  const renderSiteRule = mountSiteRuleSummary(doc, site);
  siteName.textContent = site ? siteLabel(site) : t('noSite');

  const renderSettings = (s: Settings) => {
    globalSwitch.checked = s.enabled;
    highlightSwitch.checked = s.highlight;
    siteSwitch.disabled = !site || !s.enabled;
    siteSwitch.checked = site !== null && repairEnabledFor({ ...s, enabled: true }, site);
    renderSiteRule(s);
    list.replaceChildren();
    const disabled = disabledSitesOf(s);
    if (disabled.length === 0) {
      const li = doc.createElement('li');
      li.className = 'empty';
      li.textContent = t('noneDisabled');
      list.append(li);
    }
    for (const off of disabled) {
      const li = doc.createElement('li');
      const name = doc.createElement('span');
      name.textContent = siteLabel(off);
      const btn = doc.createElement('button');
      btn.type = 'button';
      btn.textContent = t('turnBackOn');
      btn.setAttribute('aria-label', t('turnBackOnSite', [siteLabel(off)]));
      btn.addEventListener('click', () => void setSiteEnabled(off, true));
      li.append(name, btn);
      list.append(li);
    }
  };

  const setStat = (key: string, value: number) => { $<HTMLElement>(`[data-stat="${key}"]`).textContent = String(value); };
  const renderCounts = (prefix: string, c: RepairCounts) => {
    setStat(`${prefix}-repaired`, repairedSpans(c));
    setStat(`${prefix}-founder`, c.founder);
    setStat(`${prefix}-encoding`, c.encoding);
    setStat(`${prefix}-lossy`, c.lossy);
    setStat(`${prefix}-redecode`, c.redecode ?? 0);
    setStat(`${prefix}-chars`, c.chars);
  };
  const cappedNote = $<HTMLElement>('#capped-note');
  const renderTab = (stats: TabStats) => {
    const c = sumFrames(tabId === undefined ? undefined : stats[tabId]);
    renderCounts('tab', c);
    // The page had more suspect text than a frame's decoder budget: say what was left, and where to go instead.
    cappedNote.hidden = c.skipped === 0;
    cappedNote.textContent = c.skipped ? t('cappedNote', [String(c.skipped)]) : '';
  };
  const renderLife = (life: LifetimeStats) => renderCounts('life', life);

  // A change that cannot be stored is said, and the switches show what is stored again.
  const settingsError = $<HTMLElement>('#settings-error');
  const saving = (write: Promise<unknown>) => {
    settingsError.hidden = true;
    write.catch(async (err: unknown) => {
      settingsError.hidden = false;
      settingsError.textContent = t('options_saveFailed', [err instanceof Error ? err.message : String(err)]);
      renderSettings(await readSettings());
    });
  };
  siteSwitch.addEventListener('change', () => { if (site) saving(setSiteEnabled(site, siteSwitch.checked)); });
  globalSwitch.addEventListener('change', () => saving(updateSettings({ enabled: globalSwitch.checked })));
  highlightSwitch.addEventListener('change', () => saving(updateSettings({ highlight: highlightSwitch.checked })));

  watchSettings(renderSettings);
  watchTabStats(renderTab);
  watchLifetime(renderLife);
  renderSettings(await readSettings());
  renderTab(await readTabStats());
  renderLife(await readLifetime());
  await redecodePanel;
  doc.body.dataset.ready = 'true';
}
