/**
 * The paste-and-fix page's behaviour, given its document: input box and file loading, the repair job in a
 * worker with progress, the output view with per-repair accept/reject, hints, and the copy button.
 *
 * `document.body.dataset.state` says where the page is (idle, pending, working, done, error) and
 * `dataset.copies` counts copies, so tests can wait on them (they read the copied text with a spy on the
 * clipboard writer: no test hook here).
 */
import { applySteps } from '../core/apply-steps';
import type { Step } from '../core/types';
import { isChoice } from './step-choice';
import { copyText } from '../dom/clipboard';
import type { decodeTextFile, FileEncoding } from '../core/text-file';
import { localize, t as translate, type Translate } from '../shared/i18n';
import { viewStrings } from './fix-strings';
import { createOutputView, type ViewModel } from './output-view';
import { hintsFor, isHintChoice, type HintChoice } from './page-hints';
import { loadEngineScript } from './engine-script';
import { createRepairClient, type RepairClient } from './repair-client';

export interface FixPageOptions {
  t?: Translate;
  client?: RepairClient;
  /** Chunk size handed to the worker (tests make it small). */
  maxChars?: number;
  /** Reads a file's bytes (default: the decoder bundle's, loaded on the first file: engine-script.ts). */
  decodeFile?(bytes: Uint8Array): Promise<ReturnType<typeof decodeTextFile>>;
}

export type PageState = 'idle' | 'pending' | 'working' | 'done' | 'error';

/** Typing is repaired once it pauses this long; a paste or a loaded file is repaired at once. */
const TYPING_PAUSE_MS = 300;
/**
 * Above this many characters a pasted or loaded text is kept in memory, not in the input box: laying out a
 * textarea that holds a 5 MB novel (1.9 M characters) blocks Chromium's main thread for about 3 s, far longer
 * than the repair itself takes in the worker. The box then shows the beginning, read-only.
 */
export const LARGE_INPUT_CHARS = 100_000;
/** How much of a large text the read-only input box shows. */
const PREVIEW_CHARS = 20_000;

const ENCODING_NAMES: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GBK / GB18030', big5: 'Big5',
};

export function mountFixPage(doc: Document, opts: FixPageOptions = {}): { dispose(): void } {
  const t = opts.t ?? translate;
  const win = doc.defaultView!;
  const $ = <T extends HTMLElement>(sel: string) => doc.querySelector(sel) as T;
  const input = $<HTMLTextAreaElement>('#input');
  const fileInput = $<HTMLInputElement>('#file-input');
  const output = $<HTMLElement>('#output');
  const copyBtn = $<HTMLButtonElement>('#copy');
  const acceptAll = $<HTMLButtonElement>('#accept-all');
  const rejectAll = $<HTMLButtonElement>('#reject-all');
  const progress = $<HTMLProgressElement>('#progress');
  const status = $<HTMLElement>('#status');
  const fileStatus = $<HTMLElement>('#file-status');
  const largeNote = $<HTMLElement>('#large-note');
  const clearBtn = $<HTMLButtonElement>('#clear-input');

  localize(doc, t);
  doc.documentElement.lang = safeUiLanguage();
  doc.title = t('fix_title') || doc.title;

  const client = opts.client ?? createRepairClient();
  const decodeFile = opts.decodeFile ?? ((bytes: Uint8Array) => loadEngineScript(doc).then((s) => s.tools.decodeTextFile(bytes)));
  const abort = new AbortController();
  const on = <K extends keyof HTMLElementEventMap>(el: EventTarget, type: K, fn: (e: HTMLElementEventMap[K]) => void) =>
    el.addEventListener(type, fn as EventListener, { signal: abort.signal });

  let model: ViewModel & { rejected: Set<number>; steps: Step[] } = { input: '', steps: [], rejected: new Set() };
  let lastMs = 0;
  let ranOnMain = false;
  const view = createOutputView(doc, output, viewStrings(t), (k) => toggle(k));

  const setState = (s: PageState) => { doc.body.dataset.state = s; };
  const setButtons = () => {
    const choices = model.steps.some(isChoice);
    copyBtn.disabled = model.input.length === 0;
    acceptAll.disabled = !choices || model.rejected.size === 0;
    rejectAll.disabled = !choices || model.rejected.size === model.steps.filter(isChoice).length;
  };
  const summarise = () => {
    const n = { founder: 0, encoding: 0, lossy: 0 };
    for (const s of model.steps) if (isChoice(s)) n[s.kind]++; else n.lossy++;
    const repaired = n.founder + n.encoding;
    if (repaired + n.lossy === 0) { status.textContent = t('fix_nothing'); return; }
    const time = lastMs >= 1000 ? ` · ${t('fix_time', [(lastMs / 1000).toFixed(1)])}` : '';
    status.textContent = t('fix_summary', [String(repaired), String(n.founder), String(n.encoding), String(n.lossy), String(model.rejected.size)]) + time + (ranOnMain ? ` ${t('fix_mainThread')}` : '');
  };

  const toggle = (k: number) => {
    if (!isChoice(model.steps[k])) return;
    if (model.rejected.has(k)) model.rejected.delete(k); else model.rejected.add(k);
    view.refreshStep(k);
    setButtons();
    summarise();
  };
  const setAll = (rejected: boolean) => {
    model.rejected = new Set(rejected ? model.steps.flatMap((s, k) => (isChoice(s) ? [k] : [])) : []);
    view.show(model);
    setButtons();
    summarise();
  };

  const hintChoice = (): HintChoice => {
    const v = doc.querySelector<HTMLInputElement>('input[name="hint"]:checked')?.value ?? 'auto';
    return isHintChoice(v) ? v : 'auto';
  };

  /** The whole text while a large one is held outside the input box. */
  let large: string | undefined;
  const setInputText = (text: string) => {
    large = text.length > LARGE_INPUT_CHARS ? text : undefined;
    input.readOnly = large !== undefined;
    input.value = large === undefined ? text : `${text.slice(0, PREVIEW_CHARS)}\n…`;
    largeNote.hidden = large === undefined;
    largeNote.querySelector('span')!.textContent = large === undefined ? '' : t('fix_largeInput', [large.length.toLocaleString()]);
    doc.body.dataset.large = String(large !== undefined);
  };
  const inputText = () => large ?? input.value;

  let timer = 0;
  const repairNow = async () => {
    win.clearTimeout(timer);
    const text = inputText();
    if (text.length === 0) {
      model = { input: '', steps: [], rejected: new Set() };
      view.show(model);
      progress.hidden = true;
      status.textContent = t('fix_idle');
      setButtons();
      setState('idle');
      return;
    }
    setState('working');
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t('fix_working', ['0', '…']);
    const steps: Step[] = [];
    try {
      const outcome = await client.run(text, hintsFor(hintChoice()), {
        onProgress(done, total, chunkSteps) {
          for (const s of chunkSteps) steps.push(s);
          progress.value = done / total;
          status.textContent = t('fix_working', [String(done), String(total)]);
        },
      }, opts.maxChars);
      if (outcome === 'superseded') return;
      lastMs = outcome.ms;
      ranOnMain = outcome.ran === 'main-thread';
      doc.body.dataset.ran = outcome.ran;
      model = { input: text, steps, rejected: new Set() };
      view.show(model);
      progress.hidden = true;
      setButtons();
      summarise();
      setState('done');
    } catch (err) {
      progress.hidden = true;
      status.textContent = t('fix_error', [err instanceof Error ? err.message : String(err)]);
      setState('error');
    }
  };
  const repairSoon = (delay: number) => {
    setState('pending');
    win.clearTimeout(timer);
    timer = win.setTimeout(() => void repairNow(), delay);
  };

  on(input, 'paste', (e) => {
    const text = (e as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
    if (input.readOnly || text.length <= LARGE_INPUT_CHARS) return; // the browser pastes it; 'input' follows
    e.preventDefault();
    setInputText(text);
    void repairNow();
  });
  on(clearBtn, 'click', () => { setInputText(''); input.focus(); void repairNow(); });
  on(input, 'input', (e) => repairSoon((e as InputEvent).inputType === 'insertFromPaste' ? 0 : TYPING_PAUSE_MS));
  for (const radio of doc.querySelectorAll('input[name="hint"]')) on(radio, 'change', () => void repairNow());
  on(acceptAll, 'click', () => setAll(false));
  on(rejectAll, 'click', () => setAll(true));

  on(copyBtn, 'click', async () => {
    // A rejected repair keeps its original span; the rest of the text is the decoder's own.
    const text = applySteps(model.input, model.steps, (i) => model.rejected.has(i));
    const ok = await copyText(doc, text);
    doc.body.dataset.copies = String(Number(doc.body.dataset.copies ?? 0) + 1);
    status.textContent = t(ok ? 'fix_copied' : 'fix_copyFailed');
  });

  const loadFile = async (file: File) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      fileStatus.textContent = t('fix_fileUnreadable', [file.name]);
      return;
    }
    let decoded: ReturnType<typeof decodeTextFile>;
    try {
      decoded = await decodeFile(bytes);
    } catch {
      fileStatus.textContent = t('fix_fileUnreadable', [file.name]);
      return;
    }
    if (!decoded.ok) {
      // The input box keeps what it had: a wrong file never costs the user their text.
      fileStatus.textContent = t(decoded.reason === 'empty' ? 'fix_fileEmpty' : 'fix_fileBinary', [file.name]);
      doc.body.dataset.fileError = decoded.reason;
      return;
    }
    delete doc.body.dataset.fileError;
    setInputText(decoded.text);
    fileStatus.textContent = '';
    status.textContent = t('fix_loaded', [file.name, ENCODING_NAMES[decoded.encoding]]);
    doc.body.dataset.encoding = decoded.encoding;
    await repairNow();
  };
  on(fileInput, 'change', () => {
    const file = fileInput.files?.[0];
    if (file) void loadFile(file);
    fileInput.value = ''; // the same file can be picked again
  });
  // Drop anywhere on the page; a drop of plain text into the box stays the browser's own.
  on(doc.body, 'dragover', (e) => {
    if (!(e as DragEvent).dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    doc.body.classList.add('dragging');
  });
  on(doc.body, 'dragleave', () => doc.body.classList.remove('dragging'));
  on(doc.body, 'drop', (e) => {
    doc.body.classList.remove('dragging');
    const file = (e as DragEvent).dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    void loadFile(file);
  });

  status.textContent = t('fix_idle');
  setButtons();
  setState('idle');
  if (input.value) void repairNow(); // a reload keeps the box's text in some browsers

  return {
    dispose() {
      abort.abort();
      win.clearTimeout(timer);
      view.dispose();
      client.dispose();
    },
  };
}

function safeUiLanguage(): string {
  try {
    return translate('@@ui_locale').replace('_', '-') || 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}
