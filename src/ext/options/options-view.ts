/**
 * The options page (options.html): the global switches, the per-site rules, the sites switched off, where the
 * settings are stored (sync, or this device once the rules outgrow sync's quota), export / import / reset.
 * Every change is stored at once; one that cannot be stored is said in the page's alert, and the page shows
 * what is stored again.
 */
import { localize, t as translate, type Translate } from '../../shared/i18n';
import { SettingsWriteError, disabledSitesOf, readSettings, readStorageStatus, replaceSettings, setSiteRule, updateSettings, watchSettings, type Settings, type StorageStatus } from '../shared/settings';
import { mountRules, siteLabel } from './options-rules';
import { downloadText, mountTransfer, type Transfer } from './options-transfer';

export interface OptionsDeps {
  t: Translate;
  download(name: string, text: string): void;
  now(): Date;
}

export interface OptionsPage extends Transfer {
  /** Resolves once what is stored now is shown (after a change, tests wait for it). */
  refreshed(): Promise<void>;
}

export async function mountOptions(doc: Document, deps: Partial<OptionsDeps> = {}): Promise<OptionsPage> {
  const t = deps.t ?? translate;
  localize(doc, t);
  doc.title = t('options_title');
  const $ = <T extends HTMLElement>(sel: string) => doc.querySelector(sel) as T;
  const enabled = $<HTMLInputElement>('#enabled');
  const highlight = $<HTMLInputElement>('#highlight');
  const disabledList = $<HTMLUListElement>('#disabled-sites');
  const alertBox = $<HTMLElement>('#save-error');
  const storageNote = $<HTMLElement>('#storage-note');

  // Only the latest read is shown: reads started by earlier changes may resolve after it.
  let refreshing: Promise<void> = Promise.resolve();
  let latest = 0;
  const refresh = () => {
    const mine = ++latest;
    refreshing = Promise.all([readSettings(), readStorageStatus()]).then(([s, st]) => {
      if (mine !== latest) return;
      render(s);
      renderStatus(st);
    });
    return refreshing;
  };

  const onError = (err: unknown) => {
    alertBox.hidden = false;
    alertBox.textContent = errorText(t, err);
    void refresh();
  };
  const clearError = () => { alertBox.hidden = true; alertBox.textContent = ''; };
  const saving = (write: Promise<unknown>) => { clearError(); return write.then(() => undefined, onError); };

  const renderRules = mountRules(doc, { t, setRule: (site, patch) => saving(setSiteRule(site, patch)), onError });
  const transfer = mountTransfer(doc, {
    t,
    read: readSettings,
    replace: (s) => { clearError(); return replaceSettings(s); },
    download: deps.download ?? ((name, text) => downloadText(doc, name, text)),
    onError,
    now: deps.now ?? (() => new Date()),
  });

  enabled.addEventListener('change', () => void saving(updateSettings({ enabled: enabled.checked })));
  highlight.addEventListener('change', () => void saving(updateSettings({ highlight: highlight.checked })));

  function render(s: Settings): void {
    enabled.checked = s.enabled;
    highlight.checked = s.highlight;
    renderRules(s);
    const off = disabledSitesOf(s);
    const items = off.map((site) => {
      const li = doc.createElement('li');
      const name = doc.createElement('span');
      name.textContent = siteLabel(t, site);
      const btn = doc.createElement('button');
      btn.type = 'button';
      btn.textContent = t('turnBackOn');
      btn.setAttribute('aria-label', t('turnBackOnSite', [siteLabel(t, site)]));
      btn.addEventListener('click', () => void saving(setSiteRule(site, { repair: true })));
      li.append(name, btn);
      return li;
    });
    if (items.length === 0) {
      const li = doc.createElement('li');
      li.className = 'empty';
      li.textContent = t('noneDisabled');
      items.push(li);
    }
    disabledList.replaceChildren(...items);
  }

  function renderStatus(st: StorageStatus): void {
    const used = t('options_syncUsage', [String(st.syncBytes), String(st.syncQuota)]);
    storageNote.textContent = st.sitesIn === 'local' ? `${t('options_rulesLocal')} ${used}` : t('options_rulesSync', [used]);
    storageNote.classList.toggle('warn', st.sitesIn === 'local');
    doc.body.dataset.sitesIn = st.sitesIn;
  }

  // Changes from elsewhere (the popup, another device) show up here too.
  watchSettings(() => void refresh());
  await refresh();
  doc.body.dataset.ready = 'true';
  return { ...transfer, refreshed: () => refreshing };
}

/** What the alert says about a change that was not stored. */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof SettingsWriteError) {
    if (err.reason === 'too-many-sites') return t('options_tooManySites');
    if (err.reason === 'quota') return t('options_quotaFull', [err.message]);
  }
  return t('options_saveFailed', [err instanceof Error ? err.message : String(err)]);
}
