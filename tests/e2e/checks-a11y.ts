/**
 * Accessibility on pages: the undo card (src/dom/undo-overlay.ts) is reached from the keyboard — the caret put
 * into a repaired span other than by the pointer opens it, Tab enters it, Esc closes it and gives focus and the
 * caret back, Enter on its first button undoes the repair. The card is in a closed shadow root: the test sees
 * its host element and what it does, as a page script would.
 */
import { CheckFailure, EXPECT, type Check } from './checks';
import { ev, settled, sleep } from './harness';

const CARD = 'luanma-overlay:not([data-luanma-notice])';

function expectTrue(cond: boolean, what: string): void { if (!cond) throw new CheckFailure(what); }

export const A11Y_CHECKS: Check[] = [
  {
    name: 'undo card from the keyboard: the caret in a repaired span opens it, Tab enters, Esc closes and gives focus back, Enter undoes',
    async run(ctx) {
      const page = await ctx.open('/forum.html');
      await settled(page);
      const post = '#post-utf8gbk .content';
      const repaired = EXPECT.forum.expected.utf8gbk;
      expectTrue(await page.$eval(post, (e) => e.textContent) === repaired, 'the post was repaired first');
      /** Puts the caret at `offset` in the post's text (as caret browsing or find in page would), or into the author's name. */
      const caret = (where: 'post' | 'author', offset: number) => page.evaluate(([sel, off]) => {
        const el = document.querySelector(sel)!;
        getSelection()!.collapse(el.firstChild!, off);
      }, [where === 'post' ? post : '#post-utf8gbk .author', offset] as const);
      const cardShown = (shown: boolean) => page.waitForFunction(([s, want]) => (document.querySelector(s) !== null) === want, [CARD, shown] as const, { timeout: 3000 })
        .then(() => true, () => false);
      const focusInCard = () => page.evaluate((s) => document.activeElement === document.querySelector(s), CARD);

      await caret('post', 3);
      expectTrue(await cardShown(true), 'the caret in a repaired span opens the card');
      await page.keyboard.press('Tab');
      expectTrue(await focusInCard(), 'Tab moves focus into the card');
      await page.keyboard.press('Tab');
      expectTrue(await focusInCard(), 'Tab cycles within the card (Esc is the way out)');
      await page.keyboard.press('Escape');
      expectTrue(await cardShown(false), 'Esc closes the card');
      expectTrue(!await focusInCard(), 'focus left the card');
      const sel = await page.evaluate((s) => { const g = getSelection()!; return { inPost: document.querySelector(s)!.contains(g.focusNode), offset: g.focusOffset }; }, post);
      expectTrue(sel.inPost && sel.offset === 3, `the caret is back where it was (${JSON.stringify(sel)})`);
      await sleep(300);
      expectTrue(await page.$(CARD) === null, 'the card stays closed while the caret stays in its span');

      // Out of the span and back in: the card opens again; Tab, Enter undoes the repair.
      await caret('author', 1);
      await sleep(200);
      await caret('post', 5);
      expectTrue(await cardShown(true), 'the card opens again');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expectTrue(await cardShown(false), 'the card closes after the undo');
      const after = await page.$eval(post, (e) => e.textContent);
      expectTrue(after !== repaired && after === EXPECT.forum.damaged.utf8gbk, `Enter on the undo button brings the original back (got ${after?.slice(0, 20)}…)`);
      expectTrue(!await focusInCard(), 'focus left the card after the undo');
    },
  },
];

/** Controls with no accessible name (aria-label, aria-labelledby, a label, a button's text, title), as `tag#id`. */
const unnamedControls = (page: import('playwright-core').Page) => ev(page, () => {
  const named = (el: HTMLElement): boolean => {
    if (el.getAttribute('aria-label')?.trim()) return true;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return true;
    const labels = (el as HTMLInputElement).labels;
    if (labels && [...labels].some((l) => l.textContent?.trim())) return true;
    if ((el.tagName === 'BUTTON' || el.getAttribute('role') === 'button') && el.textContent?.trim()) return true;
    return Boolean(el.title?.trim());
  };
  return [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [role="switch"], [tabindex]:not([tabindex="-1"])')]
    .filter((el) => !el.closest('[hidden]') && !named(el))
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/\s+/g, '.')}` : ''}`);
});

/** The page's background and text colours' relative luminance (0 black … 1 white). */
const luminance = (page: import('playwright-core').Page) => ev(page, () => {
  const lum = (css: string) => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const s = getComputedStyle(document.body);
  return { bg: lum(s.backgroundColor), fg: lum(s.color) };
});

A11Y_CHECKS.push({
  name: 'popup and fix.html: a dark theme from prefers-color-scheme, switches drawn in forced colours, every control named',
  needs: 'ext',
  async run(ctx) {
    const page = await ctx.open('/forum.html');
    await settled(page);
    const popup = await ctx.ext.openPopup(page);
    const fix = await ctx.ext.openExtensionPage('/fix.html');
    await fix.waitForFunction(() => document.readyState === 'complete' && document.getElementById('input') !== null, undefined, { timeout: 10_000 });
    for (const [what, p] of [['popup', popup], ['fix.html', fix]] as const) {
      const unnamed = await unnamedControls(p);
      expectTrue(unnamed.length === 0, `${what}: controls without an accessible name: ${unnamed.join(', ')}`);
      await p.emulateMedia({ colorScheme: 'dark' });
      // Firefox's BiDi does not emulate media on moz-extension pages (matchMedia stays light): the themes are then
      // checked in Chromium alone.
      if (!await p.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)) {
        expectTrue(ctx.browser === 'firefox', `${what}: the dark colour scheme could not be emulated`);
        continue;
      }
      const dark = await luminance(p);
      expectTrue(dark.bg < 0.05 && dark.fg > 0.6, `${what}: dark background and light text in the dark theme (${JSON.stringify(dark)})`);
      await p.emulateMedia({ colorScheme: 'light' });
      const light = await luminance(p);
      expectTrue(light.bg > 0.9 && light.fg < 0.05, `${what}: light background and dark text in the light theme (${JSON.stringify(light)})`);
    }
    if (ctx.browser === 'chromium') {
      // Forced colours replace author colours: the switches then draw a border and a system-coloured knob.
      await popup.emulateMedia({ forcedColors: 'active' });
      const sw = await popup.$eval('#site-switch', (el) => { const s = getComputedStyle(el); return { border: s.borderTopWidth, adjust: s.getPropertyValue('forced-color-adjust') }; });
      expectTrue(sw.border !== '0px' && sw.adjust === 'none', `popup: the site switch draws itself in forced colours (${JSON.stringify(sw)})`);
      await popup.emulateMedia({ forcedColors: 'none' });
    }
  },
});
