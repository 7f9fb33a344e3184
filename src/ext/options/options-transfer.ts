/**
 * The options page's backup and reset: export every setting as a JSON file, import such a file back (a bad
 * file is named and changes nothing: settings-file.ts), reset to the defaults after a confirmation.
 */
import type { Translate } from '../../shared/i18n';
import { DEFAULT_SETTINGS, type Settings, type WriteOutcome } from '../shared/settings';
import { exportFileName, exportSettings, importSettings } from '../shared/settings-file';

export interface TransferDeps {
  t: Translate;
  read(): Promise<Settings>;
  replace(s: Settings): Promise<WriteOutcome>;
  /** Hands the file to the user (a download); tests catch it. */
  download(name: string, text: string): void;
  onError(err: unknown): void;
  now(): Date;
}

export interface Transfer {
  /** What the file input does with a file's text (tests call it directly). */
  importText(text: string): Promise<boolean>;
}

/** A download of `text` as a JSON file, from an extension page. */
export function downloadText(doc: Document, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function mountTransfer(doc: Document, deps: TransferDeps): Transfer {
  const { t } = deps;
  const $ = <T extends HTMLElement>(sel: string) => doc.querySelector(sel) as T;
  const status = $<HTMLElement>('#transfer-status');
  const fileInput = $<HTMLInputElement>('#import-file');
  const confirmBox = $<HTMLElement>('#reset-confirm');
  const resetButton = $<HTMLButtonElement>('#reset');

  const say = (text: string, bad = false) => {
    status.textContent = text;
    status.classList.toggle('bad', bad);
  };

  $<HTMLButtonElement>('#export').addEventListener('click', async () => {
    const now = deps.now();
    deps.download(exportFileName(now), exportSettings(await deps.read(), now));
    say(t('options_exported'));
  });

  const importText = async (text: string): Promise<boolean> => {
    const got = importSettings(text);
    if (!got.ok) {
      say(t('options_importRefused', [t(got.problem.key, got.problem.subs)]), true);
      return false;
    }
    try {
      await deps.replace({ ...got.settings });
    } catch (err) {
      deps.onError(err);
      say(t('options_importRefused', [err instanceof Error ? err.message : String(err)]), true);
      return false;
    }
    say(t('options_imported', [String(Object.keys(got.settings.sites).length)]));
    return true;
  };

  $<HTMLButtonElement>('#import').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    await importText(await file.text());
    doc.body.dataset.imports = String(Number(doc.body.dataset.imports ?? 0) + 1);
  });

  resetButton.addEventListener('click', () => {
    confirmBox.hidden = false;
    $<HTMLButtonElement>('#reset-no').focus();
  });
  const closeConfirm = () => { confirmBox.hidden = true; resetButton.focus(); };
  $<HTMLButtonElement>('#reset-no').addEventListener('click', closeConfirm);
  confirmBox.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeConfirm(); });
  $<HTMLButtonElement>('#reset-yes').addEventListener('click', async () => {
    try {
      await deps.replace({ ...DEFAULT_SETTINGS, sites: {} });
      say(t('options_resetDone'));
    } catch (err) {
      deps.onError(err);
    }
    closeConfirm();
  });

  return { importText };
}
