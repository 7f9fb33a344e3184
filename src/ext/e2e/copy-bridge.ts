/**
 * Test builds only (`wxt build --mode e2e`): test browsers cannot press extension shortcuts or click native
 * context menus, so a page may ask (by postMessage) for a command or a menu item to run for its tab and
 * frame. The background then calls the very functions `commands.onCommand` and `contextMenus.onClicked` call.
 *
 *   postMessage({ luanmaE2E: 'invoke', id, command: 'toggle-site' })
 *   postMessage({ luanmaE2E: 'invoke', id, menuItemId: 'copy-repaired-selection' })
 *   → { luanmaE2EReply: id, ok }
 */
import { selectedText } from '../content/copy-handlers';
import { send } from '../shared/messages';

export function installCopyBridge(win: Window, signal: AbortSignal): void {
  win.addEventListener('message', (e: MessageEvent) => {
    const data = e.data as { luanmaE2E?: string; id?: string; command?: string; menuItemId?: string } | null;
    if (e.source !== win || !data || data.luanmaE2E !== 'invoke') return;
    const req = data.command !== undefined
      ? { command: data.command }
      // The browser hands the menu the selection as text; the content script prefers its own (line breaks kept).
      : { menuItemId: data.menuItemId ?? '', selectionText: selectedText(win) };
    void send('e2eInvoke', req).then(
      (res) => win.postMessage({ luanmaE2EReply: data.id, ok: res?.ok ?? false }, '*'),
      (err: unknown) => win.postMessage({ luanmaE2EReply: data.id, ok: false, error: String(err) }, '*'),
    );
  }, { signal });
}
