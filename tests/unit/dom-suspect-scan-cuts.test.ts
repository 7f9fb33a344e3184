// @vitest-environment happy-dom
/**
 * The first content script's scan with the real gate, on paragraphs cut into inline pieces as pages cut them (links,
 * emphasis, an opted-out span, a nested block between two halves): it must report a page exactly when the
 * paragraph read whole is suspect. The scan rules cuts out from a node's neighbour (suspect-scan.ts's cutRuledOut)
 * rather than reading every paragraph with a rare character near a cut; a wrong rule misses damage here.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isSuspect, pieceSignals } from '../../src/core/gate';
import { isCommonHan } from '../../src/core/model/common-han';
import { scanForSuspects } from '../../src/dom/suspect-scan';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let controller: AbortController | undefined;
afterEach(() => controller?.abort());

const COMMON = [...'的一是在中国人们有这个上来到说时大地为子你和年着就那要下以生会自'];
const RARE = [...'鏂囦犲蓰蔸蓖蕻薤螭螓蠛蟊衄'].filter((c) => !isCommonHan(c.codePointAt(0)!));
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** How a piece of the paragraph is written; `skip` pieces are not the paragraph's text. */
type Wrap = 'text' | 'a' | 'em-b' | 'off' | 'off-rare' | 'nested';
const write = (piece: string, wrap: Wrap): string => {
  switch (wrap) {
    case 'text': return esc(piece);
    case 'a': return `<a href="#">${esc(piece)}</a>`;
    case 'em-b': return `<em><b>${esc(piece)}</b></em>`;
    // Neither is read with the paragraph: rare characters inside must not flag it, common ones not hide a cut.
    case 'off': return `${esc(piece)}<span data-luanma-off>${COMMON.slice(0, 10).join('')}</span>`;
    case 'off-rare': return `${esc(piece)}<span data-luanma-off>${RARE.slice(0, 4).join('')}</span>`;
    case 'nested': return `${esc(piece)}<p>${COMMON.slice(0, 12).join('')}</p>`;
  }
};

async function scanPage(html: string): Promise<boolean> {
  controller?.abort();
  document.body.innerHTML = html;
  controller = new AbortController();
  let hit = false;
  scanForSuspects({ win: window as unknown as Window, isSuspect, pieceSignals, onSuspect: () => { hit = true; }, signal: controller.signal });
  await sleep(25);
  return hit;
}

describe('scanForSuspects with the real gate', () => {
  // What a clean-looking cut is: long pieces of common prose, each with up to two rare characters at an edge (too few
  // for the piece's own share to flag it, so only the cut can), cut by links and emphasis, with short clean pieces or
  // an opted-out span between them. Four rare characters across a short piece are one damaged phrase.
  const prose = fc.array(fc.constantFrom(...COMMON, '，'), { minLength: 26, maxLength: 40 }).map((a) => a.join(''));
  const rareRun = fc.array(fc.constantFrom(...RARE), { minLength: 1, maxLength: 2 }).map((a) => a.join(''));
  const long = fc.tuple(rareRun, prose, fc.boolean()).map(([r, p, atEnd]) => (atEnd ? p + r : r + p));
  const short = fc.oneof({ arbitrary: fc.array(fc.constantFrom(...COMMON), { minLength: 0, maxLength: 5 }).map((a) => a.join('')), weight: 3 }, { arbitrary: fc.constantFrom(...RARE), weight: 1 });
  const wrap = fc.constantFrom<Wrap>('text', 'text', 'a', 'em-b', 'off', 'off-rare', 'nested');
  const page = fc.array(fc.tuple(fc.tuple(long, wrap), fc.tuple(short, wrap)), { minLength: 1, maxLength: 4 }).map((a) => a.flat());

  it('reports a page exactly when its paragraph, read whole, is suspect', async () => {
    const cases = fc.sample(page, { seed: 2026, numRuns: 500 });
    const wrong: string[] = [];
    let suspect = 0;
    for (const pieces of cases) {
      // The paragraph: the pieces' own text (a nested block and an opted-out span are not part of it).
      const text = pieces.map(([t]) => t).join('');
      // A <div>: a <p> would be closed by the nested block's start tag.
      const html = `<div>${pieces.map(([t, how]) => write(t, how)).join('')}</div>`;
      const want = isSuspect(text);
      if (want) suspect++;
      if (await scanPage(html) !== want) wrong.push(`${want ? 'missed' : 'reported'}: ${html}`);
    }
    expect(wrong).toEqual([]);
    // Both answers are exercised.
    expect(suspect).toBeGreaterThan(50);
    expect(cases.length - suspect).toBeGreaterThan(50);
  }, 60_000);

  it('reads a paragraph whose four rare characters are cut two and two by a link', async () => {
    const prose = COMMON.join('');
    const rare = RARE.slice(0, 4).join('');
    expect(isSuspect(prose + rare + prose)).toBe(true);
    expect(await scanPage(`<p>${prose}${rare.slice(0, 2)}<a href="#">${rare.slice(2)}${prose}</a></p>`)).toBe(true);
    // The same characters on either side of a nested block are two paragraphs, neither suspect.
    expect(await scanPage(`<div>${prose}${rare.slice(0, 2)}<p>${prose}</p>${rare.slice(2)}${prose}</div>`)).toBe(true);
    expect(await scanPage(`<div><p>${prose}${rare.slice(0, 2)}</p><p>${rare.slice(2)}${prose}</p></div>`)).toBe(false);
  });
});
