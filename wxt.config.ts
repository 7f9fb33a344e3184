import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { moduleListPath, moduleListPlugin, resetModuleList } from './scripts/lib/module-list';
import { nativeBrowserInContent } from './scripts/lib/native-browser-in-content';

/** Firefox add-on id: fixed, so storage.sync stays stable across updates. */
export const GECKO_ID = 'luanma@luanma.dev';
/**
 * The test build (`--mode e2e`) is another add-on: its own id and name, so it can never be mistaken for the
 * one users get, and `wxt zip` refuses it.
 */
export const E2E_GECKO_ID = 'luanma-e2e@luanma.dev';

let moduleList: string | undefined;

/**
 * The oldest browsers the manifests admit (README, "Browser versions"): Chromium 105 for the CSS Custom Highlight
 * API, the newest API the extension needs there (storage.session needs 102, scripting and action 88,
 * Object.hasOwn 93); Firefox 140 for the Highlight API and data_collection_permissions. The bundles are compiled
 * for exactly these, so their syntax cannot outrun the manifests (Vite's default would be Chromium 111).
 */
export const MIN_CHROME = 105;
export const MIN_FIREFOX = 140;

// `LUANMA_FAKE_ENGINE=1` swaps the decoder for a test double that knows the e2e fixtures, so the
// extension's plumbing can be checked before the real engine lands (see tests/e2e/fake-engine.ts).
const engine = process.env.LUANMA_FAKE_ENGINE ? 'tests/e2e/fake-engine.ts' : 'src/core/index.ts';

export default defineConfig({
  // `browser` is webextension-polyfill's promise-based API in both browsers (the first content script keeps the
  // native one: scripts/lib/native-browser-in-content.ts says why).
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    'build:before': (wxt) => {
      moduleList = moduleListPath(wxt.config.outBaseDir, wxt.config.outDir);
      resetModuleList(moduleList);
    },
    'zip:start': (wxt) => {
      if (wxt.config.mode === 'e2e') throw new Error('the test build (--mode e2e) is not for a store: zip the production build');
    },
  },
  vite: () => ({
    build: { target: [`chrome${MIN_CHROME}`, `firefox${MIN_FIREFOX}`] },
    plugins: [nativeBrowserInContent(), moduleListPlugin(import.meta.dirname, () => moduleList)],
  }),
  // The e2e runner builds into a private directory so concurrent runs do not overwrite each other.
  outDir: process.env.LUANMA_OUT_DIR ?? '.output',
  alias: { '#engine': resolve(import.meta.dirname, engine) },
  manifest: ({ browser, mode }) => ({
    name: mode === 'e2e' ? 'Luanma (test build)' : '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Why each is needed: README, "Permissions". No `tabs`: <all_urls> already shows the extension a tab's URL
    // (tabs.query, tabs.get, sender.tab), and tabs.create / tabs.sendMessage need no permission.
    permissions: ['storage', 'scripting', 'contextMenus', 'clipboardWrite'],
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
              id: mode === 'e2e' ? E2E_GECKO_ID : GECKO_ID,
              // The CSS Custom Highlight API and data_collection_permissions both need Firefox 140.
              strict_min_version: `${MIN_FIREFOX}.0`,
              // Nothing leaves the browser: settings and counts only, kept in the browser's storage.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learnt data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: String(MIN_CHROME) }),
  }),
});
