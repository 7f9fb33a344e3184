/** The options page: per-site rules, the global switches, export / import / reset (src/ext/options). */
import { browser } from 'wxt/browser';
import { mountOptions } from '@/src/ext/options/options-view';

document.documentElement.lang = browser.i18n.getUILanguage();
void mountOptions(document);
