/** The toolbar badge shows how many spans were repaired in the tab. */
import { browser } from 'wxt/browser';

const BADGE_COLOR = '#b07d00';

/** MV3 has `action`; Firefox's MV2 build has `browserAction` with the same methods. */
function actionApi() {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

export async function setBadgeCount(tabId: number, count: number): Promise<void> {
  const action = actionApi();
  try {
    await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  } catch {
    // The tab may have closed between the report and the update.
  }
}
