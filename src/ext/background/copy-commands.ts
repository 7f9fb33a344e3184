/**
 * The background's part of copying and shortcuts: the context-menu items (copy the repaired selection;
 * open the paste-and-fix page) and the keyboard commands (toggle repair for the tab's site; copy the
 * repaired selection). Their handlers are plain exported functions, which the test build's `e2eInvoke`
 * message (e2e/background-hooks.ts) calls the same way the browser's events do.
 */
import { browser, type Browser } from 'wxt/browser';
import { t } from '../../shared/i18n';
import { sendToTab } from '../shared/messages';
import { readSettings, repairEnabledFor, setSiteEnabled } from '../shared/settings';
import { siteOf } from '../shared/site';
import { copyInFrameWithoutContentScript } from './copy-fallback';

/** Menu item ids; the copy item shares its name with the keyboard command that does the same. */
export const MENU_COPY_SELECTION = 'copy-repaired-selection';
export const MENU_OPEN_FIX = 'open-fix-page';
/** Command names, as declared under `commands` in wxt.config.ts. */
export const COMMAND_TOGGLE_SITE = 'toggle-site';
export const COMMAND_COPY_SELECTION = 'copy-repaired-selection';

type Tab = Pick<Browser.tabs.Tab, 'id' | 'url' | 'index' | 'windowId'>;
export interface MenuClick { menuItemId: string | number; frameId?: number; selectionText?: string }

/** Switches repair for the site of `url` (the popup's site switch); returns the new state, or null for no site. */
export async function toggleSite(url: string | undefined): Promise<boolean | null> {
  const site = siteOf(url);
  if (!site) return null;
  const s = await readSettings();
  const on = !repairEnabledFor({ ...s, enabled: true }, site);
  await setSiteEnabled(site, on);
  return on;
}

/**
 * The frame whose selection a keyboard command means: the focused frame with a selection, else any frame
 * with one, else the top frame. (A context-menu click names its frame itself.)
 */
async function frameWithSelection(tabId: number): Promise<number> {
  try {
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => {
        const el = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
        const inField = !!el && 'selectionStart' in el && typeof el.selectionStart === 'number' && (el.selectionEnd ?? 0) > el.selectionStart;
        return { selected: inField || (getSelection()?.toString() ?? '') !== '', focused: document.hasFocus() };
      },
    });
    const withSelection = results.filter((r) => (r.result as { selected: boolean } | undefined)?.selected);
    const pick = withSelection.find((r) => (r.result as { focused: boolean }).focused) ?? withSelection[0];
    return pick?.frameId ?? 0;
  } catch {
    return 0;
  }
}

/** Asks the frame's content script to repair its selection and put it on the clipboard. */
export async function copyRepairedSelection(tabId: number, frameId?: number, selectionText = ''): Promise<boolean> {
  const frame = frameId ?? await frameWithSelection(tabId);
  try {
    const res = await sendToTab(tabId, 'copySelection', { fallback: selectionText }, frame);
    return res?.ok ?? false;
  } catch {
    // No content script answers: the tab was open before the extension was installed or reloaded.
    return copyInFrameWithoutContentScript(tabId, frame, selectionText);
  }
}

/** Opens the paste-and-fix page in a new tab, next to `tab` when there is one. */
export async function openFixPage(tab?: Tab): Promise<void> {
  await browser.tabs.create({
    url: browser.runtime.getURL('/fix.html'),
    ...(tab?.index !== undefined ? { index: tab.index + 1, windowId: tab.windowId } : {}),
  });
}

async function activeTab(): Promise<Tab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** What `commands.onCommand` calls. */
export async function runCommand(command: string, tab?: Tab): Promise<boolean> {
  const target = tab?.id !== undefined ? tab : await activeTab();
  if (target?.id === undefined) return false;
  if (command === COMMAND_TOGGLE_SITE) return (await toggleSite(target.url)) !== null;
  if (command === COMMAND_COPY_SELECTION) return copyRepairedSelection(target.id);
  return false;
}

/** What `contextMenus.onClicked` calls. */
export async function runMenuItem(info: MenuClick, tab?: Tab): Promise<boolean> {
  if (info.menuItemId === MENU_COPY_SELECTION && tab?.id !== undefined) return copyRepairedSelection(tab.id, info.frameId, info.selectionText);
  if (info.menuItemId === MENU_OPEN_FIX) { await openFixPage(tab); return true; }
  return false;
}

function createMenus(): void {
  const menus = browser.contextMenus;
  const done = () => void browser.runtime.lastError; // a duplicate id after a restart is harmless
  // The toolbar button's menu is `action` in MV3 and `browser_action` in Firefox's MV2.
  const actionContext = (import.meta.env.MANIFEST_VERSION === 2 ? 'browser_action' : 'action') as 'action';
  // removeAll first: the background starts many times, the menu must exist once. Calls run in order.
  void Promise.resolve(menus.removeAll()).catch(done);
  menus.create({ id: MENU_COPY_SELECTION, title: t('copy_menuSelection'), contexts: ['selection'] }, done);
  // 'page' shows only where no other context applies (not on a selection or a link), so it stays out of the way.
  menus.create({ id: MENU_OPEN_FIX, title: t('copy_menuOpenFix'), contexts: ['page', actionContext] }, done);
}

const logFailure = (err: unknown) => console.warn('[luanma] command failed', err);

export function startCopyFeatures(): void {
  // Firefox for Android has neither context menus nor keyboard commands.
  if (browser.contextMenus) {
    createMenus();
    browser.contextMenus.onClicked.addListener((info, tab) => void runMenuItem(info, tab).catch(logFailure));
  }
  browser.commands?.onCommand.addListener((command, tab) => void runCommand(command, tab).catch(logFailure));
}
