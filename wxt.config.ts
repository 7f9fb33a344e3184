import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

/** Firefox add-on id: fixed, so storage.sync and the e2e profile's .xpi name stay stable. */
export const GECKO_ID = 'luanma@luanma.dev';

// `LUANMA_FAKE_ENGINE=1` swaps the decoder for a test double that knows the e2e fixtures, so the
// extension's plumbing can be checked before the real engine lands (see tests/e2e/fake-engine.ts).
const engine = process.env.LUANMA_FAKE_ENGINE ? 'tests/e2e/fake-engine.ts' : 'src/core/index.ts';

export default defineConfig({
  // The e2e runner builds into a private directory so concurrent runs do not overwrite each other.
  outDir: process.env.LUANMA_OUT_DIR ?? '.output',
  alias: { '#engine': resolve(import.meta.dirname, engine) },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // contextMenus: "Copy repaired text" and the paste-and-fix link; clipboardWrite: copying from a page without a click in it.
    permissions: ['storage', 'tabs', 'scripting', 'contextMenus', 'clipboardWrite'],
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_extName__' },
    // Suggested keys; users change them at chrome://extensions/shortcuts or about:addons → Manage Extension Shortcuts.
    // Chromium keeps Alt+Shift+R, Alt+Shift+C and Ctrl+Shift+L for itself and then assigns no key at all:
    // Alt+Shift+L (L for Luanma) and Alt+Shift+K were checked to be granted (chrome.commands.getAll()).
    commands: {
      'toggle-site': { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_cmd_toggleSite__' },
      'copy-repaired-selection': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_cmd_copySelection__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // The CSS Custom Highlight API and data_collection_permissions both need Firefox 140.
              strict_min_version: '140.0',
              // Nothing leaves the browser: settings and counts only, kept in the browser's storage.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learnt data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
