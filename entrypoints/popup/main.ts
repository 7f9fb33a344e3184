/**
 * The popup: switches for this site, all sites and highlights; the tab's counts and lifetime
 * totals; the sites switched off. `popup.html?tab=<tabId>` addresses a given tab (tests, debugging).
 */
import { mountPopup } from '@/src/ext/popup/popup-view';

void mountPopup(document, new URLSearchParams(location.search));
