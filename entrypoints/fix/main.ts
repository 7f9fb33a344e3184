/**
 * The paste-and-fix page (fix.html): paste, type or open text, see it repaired with every repair marked,
 * accept or reject each, copy the result. Opened with `browser.runtime.getURL('/fix.html')`.
 */
import { mountFixPage } from '@/src/fix/fix-page';

mountFixPage(document);
