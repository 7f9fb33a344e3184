/**
 * Applies a tab's toolbar state (toolbar-state.ts): its title, icon and badge, for that tab only. Chromium and
 * Firefox drop tab-specific values when the tab navigates; the new page's first report sets them again.
 */
import { browser } from 'wxt/browser';
import type { ToolbarState } from './toolbar-state';

const BADGE_COLOR = '#b07d00';

/** MV3 has `action`; Firefox's MV2 build has `browserAction` with the same methods. */
function actionApi() {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

/**
 * What was last applied per tab, so a burst of frame reports changes only what changed (the icon, loaded from
 * its file, only with the mode). A stopped service worker forgets it and applies again, which is harmless.
 */
const applied = new Map<number, ToolbarState>();

export async function applyToolbar(tabId: number, state: ToolbarState): Promise<void> {
  const was = applied.get(tabId);
  const action = actionApi();
  try {
    if (was?.title !== state.title) await action.setTitle({ tabId, title: state.title });
    if (was?.mode !== state.mode) {
      await action.setIcon({ tabId, path: state.icon });
      await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    }
    if (was?.badge !== state.badge) await action.setBadgeText({ tabId, text: state.badge });
    applied.set(tabId, state);
  } catch (err) {
    // The tab may have closed between the report and the update ("No tab with id", "Invalid tab ID"); anything
    // else (a missing icon file) is a bug worth seeing.
    if (!/\btab\b/i.test(String(err))) console.warn('[luanma] updating the toolbar button failed', err);
  }
}

/** A new document in the tab (its tab-specific values were reset by the browser), or the tab closed. */
export function forgetToolbar(tabId: number): void {
  applied.delete(tabId);
}
