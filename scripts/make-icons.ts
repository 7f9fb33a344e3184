/**
 * Renders the toolbar icons (乱 on an amber tile) with Debian's Chromium and a CJK font
 * (apt-get install chromium fonts-wqy-zenhei). Run: npx tsx scripts/make-icons.ts — the PNGs are committed.
 *
 * The "off" variant (`off-<size>.png`, shown where repair is off for the site or everywhere) differs by shape,
 * not by colour alone: the tile is grey and a slash crosses it, outlined so it reads on light and dark toolbars.
 * Only the toolbar sizes (16, 32) have one.
 */
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';

const SIZES = [16, 32, 48, 128];
const OFF_SIZES = [16, 32];

const tile = (size: number, colour: string, slash: boolean) => `<html><body style="margin:0;background:transparent">
  <div style="position:relative;width:${size}px;height:${size}px;border-radius:${size * 0.2}px;background:${colour};display:flex;align-items:center;justify-content:center;
    color:#fff;font:700 ${size * 0.78}px/1 'WenQuanYi Zen Hei',sans-serif">乱${slash ? `
    <svg viewBox="0 0 16 16" width="${size}" height="${size}" style="position:absolute;inset:0">
      <line x1="2" y1="14" x2="14" y2="2" stroke="#fff" stroke-width="4.2" stroke-linecap="round"/>
      <line x1="2" y1="14" x2="14" y2="2" stroke="#b00020" stroke-width="2.2" stroke-linecap="round"/>
    </svg>` : ''}</div></body></html>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const shoot = async (size: number, file: string, html: string) => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(html);
  await page.screenshot({ path: resolve(import.meta.dirname, `../public/icon/${file}`), omitBackground: true });
};
for (const size of SIZES) await shoot(size, `${size}.png`, tile(size, '#c08a00', false));
for (const size of OFF_SIZES) await shoot(size, `off-${size}.png`, tile(size, '#7a7a7a', true));
await browser.close();
