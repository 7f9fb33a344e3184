/**
 * Accessibility on pages: the undo card (src/dom/undo-overlay.ts) is reached from the keyboard — the caret put
 * into a repaired span other than by the pointer opens it, Tab enters it, Esc closes it and gives focus and the
 * caret back, Enter on its first button undoes the repair. The card is in a closed shadow root: the test sees
 * its host element and what it does, as a page script would.
 */
import { CheckFailure, EXPECT, type Check } from './checks';
import { settled, sleep } from './harness';

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
