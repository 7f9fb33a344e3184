// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { PageRepairer, PIECE_CHARS } from '../../src/dom/page-repairer';
import { REACTIONS_TO_HOLD } from '../../src/dom/loop-guard';
import { fakeDecoder, isSuspect } from './dom-fake-decoder';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let controller: AbortController;
afterEach(() => controller?.abort());

async function start(html: string, decoder = fakeDecoder()) {
  document.title = '';
  document.body.innerHTML = html;
  controller = new AbortController();
  let loads = 0;
  const repairer = new PageRepairer({ win: window as unknown as Window, isSuspect, loadDecoder: async () => { loads++; return decoder; } });
  repairer.start(controller.signal);
  await sleep(10);
  await repairer.whenSettled();
  return { repairer, decoder, loads: () => loads };
}

describe('PageRepairer', () => {
  it('never loads the decoder for a clean page', async () => {
    const { loads, repairer } = await start('<p>clean text</p>');
    expect(loads()).toBe(0);
    expect(repairer.spans()).toEqual([]);
  });

  it('repairs text split across inline elements as one paragraph, in place', async () => {
    const { decoder } = await start('<p id="p">a#b<b>c #d</b> e</p>');
    const p = document.getElementById('p')!;
    expect(p.innerHTML).toBe('aB<b>c D</b> e');
    expect(decoder.calls).toContain('a#bc #d e');
  });

  it('restores the exact original on stop, and repairs again on start', async () => {
    const html = '<p title="t#q">x#a<i>y</i>#b</p><div>  #c  </div><input value="#z">';
    const { repairer } = await start(html);
    expect(document.body.innerHTML).toBe('<p title="tQ">xA<i>y</i>B</p><div>  C  </div><input value="#z">');
    repairer.stop();
    expect(document.body.innerHTML).toBe(html);
    repairer.start(controller.signal);
    await sleep(10);
    await repairer.whenSettled();
    expect(document.body.innerHTML).toBe('<p title="tQ">xA<i>y</i>B</p><div>  C  </div><input value="#z">');
  });

  it('repairs content added later, in batches, without re-walking what did not change', async () => {
    const { decoder, repairer } = await start('<p>#a</p><div id="t"></div>');
    const before = decoder.calls.length;
    const t = document.getElementById('t')!;
    for (let i = 0; i < 5; i++) t.append(Object.assign(document.createElement('p'), { textContent: `#n${i}` }));
    await sleep(120);
    await repairer.whenSettled();
    expect(t.textContent).toBe('N0N1N2N3N4');
    expect(decoder.calls.length - before).toBe(5);
  });

  it('does not react to its own writes', async () => {
    const { decoder } = await start('<p>#a #b</p>');
    const calls = decoder.calls.length;
    await sleep(150);
    expect(decoder.calls.length).toBe(calls);
  });

  it('gives up on a node that a page script keeps re-damaging (loop guard)', async () => {
    const { repairer } = await start('<p id="f">#f</p>');
    const text = document.getElementById('f')!.firstChild as Text;
    let pageWrites = 0;
    const mo = new MutationObserver(() => { if (text.data !== '#f') { pageWrites++; text.data = '#f'; } });
    mo.observe(text, { characterData: true });
    for (let i = 0; i < REACTIONS_TO_HOLD + 5; i++) { await sleep(70); }
    await repairer.whenSettled();
    const settled = pageWrites;
    await sleep(300);
    mo.disconnect();
    expect(pageWrites).toBe(settled);
    expect(pageWrites).toBeLessThanOrEqual(REACTIONS_TO_HOLD);
  });

  it('undoes one repair and leaves the rest', async () => {
    const { repairer } = await start('<p id="p">#a and #b</p>');
    const spans = [...repairer.store.entries()][0][1].spans;
    repairer.store.undoGroup(spans[0].group);
    expect(document.getElementById('p')!.textContent).toBe('#a and B');
    repairer.stop();
    expect(document.getElementById('p')!.textContent).toBe('#a and #b');
  });

  it('counts spans by kind and characters changed', async () => {
    const { repairer } = await start('<p>#a<b>#b</b></p>');
    expect(repairer.counts()).toEqual({ founder: 0, encoding: 2, lossy: 0, redecode: 0, chars: 4, skipped: 0 });
  });

  it('gives up on a text a page keeps putting back by replacing the node (the guard counts per text, not per node)', async () => {
    await start('<p id="f">#f</p>');
    const p = document.getElementById('f')!;
    let pageWrites = 0;
    const mo = new MutationObserver(() => {
      if (p.textContent !== '#f') { pageWrites++; p.replaceChild(document.createTextNode('#f'), p.firstChild!); }
    });
    mo.observe(p, { characterData: true, subtree: true, childList: true });
    for (let i = 0; i < REACTIONS_TO_HOLD + 6; i++) await sleep(70);
    const settled = pageWrites;
    await sleep(400);
    mo.disconnect();
    expect(pageWrites).toBe(settled);
    expect(pageWrites).toBeLessThanOrEqual(REACTIONS_TO_HOLD + 1);
  });

  it('repairs every render of a list the page re-renders on its own clock (not a fight)', async () => {
    await start('<ul id="l"></ul>');
    const ul = document.getElementById('l')!;
    const render = () => ul.replaceChildren(...['#a', '#b', '#c'].map((t) => Object.assign(document.createElement('li'), { textContent: t })));
    let repaired = 0;
    render();
    for (let i = 0; i < 6; i++) {
      await sleep(250);
      if (ul.textContent === 'ABC') repaired++;
      render();
    }
    expect(repaired).toBe(6);
  });

  it('walks open shadow roots again after switching off and on', async () => {
    const { repairer } = await start('<div id="h"></div>');
    const sr = document.getElementById('h')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<p>#s</p>';
    repairer.stop();
    repairer.start(controller.signal);
    await sleep(10);
    await repairer.whenSettled();
    expect(sr.textContent).toBe('S');
    repairer.stop();
    expect(sr.textContent).toBe('#s');
    repairer.start(controller.signal);
    await sleep(10);
    await repairer.whenSettled();
    expect(sr.textContent).toBe('S');
  });

  it('repairs a very long text node in pieces the size of a decoder slice, all of it', async () => {
    const lines = Array.from({ length: 6000 }, (_, i) => `line ${i} #q`).join('\n');
    const decoder = fakeDecoder();
    await start('<pre id="p"></pre>', decoder);
    const pre = document.getElementById('p')!;
    pre.textContent = lines;
    for (let i = 0; i < 200 && pre.textContent !== lines.replaceAll('#q', 'Q'); i++) await sleep(20);
    expect(pre.textContent).toBe(lines.replaceAll('#q', 'Q'));
    expect(Math.max(...decoder.calls.map((c) => c.length))).toBeLessThanOrEqual(PIECE_CHARS);
    expect(decoder.calls.length).toBeGreaterThan(1);
  });

  it('a paragraph taken out of the page and put back is still restored exactly', async () => {
    const { repairer } = await start('<div id="a"><p id="p">#m</p></div><div id="b"></div>');
    const p = document.getElementById('p')!;
    expect(p.textContent).toBe('M');
    p.remove();
    await sleep(120); // a batch with a removal: the store lets go of what it counted there
    expect(repairer.counts().encoding).toBe(0);
    document.getElementById('b')!.append(p);
    await sleep(120);
    await repairer.whenSettled();
    expect(p.textContent).toBe('M');
    expect(repairer.counts().encoding).toBe(1);
    repairer.stop();
    expect(p.textContent).toBe('#m');
  });

  it('past the frame\'s decoder ceiling, leaves suspect text as it is and counts it as skipped', async () => {
    document.body.innerHTML = '<p id="a">#a #b</p><p id="b">#c #d #e</p>';
    controller = new AbortController();
    const repairer = new PageRepairer({ win: window as unknown as Window, isSuspect, loadDecoder: async () => fakeDecoder(), maxDecoderChars: 5 });
    repairer.start(controller.signal);
    await sleep(10);
    await repairer.whenSettled();
    expect(document.getElementById('a')!.textContent).toBe('A B');
    expect(document.getElementById('b')!.textContent).toBe('#c #d #e');
    expect(repairer.counts().skipped).toBe('#c #d #e'.length);
  });
});
