/**
 * Renders the toolbar icons (乱 on an amber tile) with Debian's Chromium and a CJK font
 * (apt-get install chromium fonts-wqy-zenhei). Run: npx tsx scripts/make-icons.ts — the PNGs are committed.
 */
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';

const SIZES = [16, 32, 48, 128];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">
    <div style="width:${size}px;height:${size}px;border-radius:${size * 0.2}px;background:#c08a00;display:flex;align-items:center;justify-content:center;
      color:#fff;font:700 ${size * 0.78}px/1 'WenQuanYi Zen Hei',sans-serif">乱</div></body></html>`);
  await page.screenshot({ path: resolve(import.meta.dirname, `../public/icon/${size}.png`), omitBackground: true });
}
await browser.close();
