// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { PageRepairer, MAX_WRITES_PER_NODE } from '../../src/dom/page-repairer';
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
    expect(repairer.report()).toEqual([]);
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
    for (let i = 0; i < MAX_WRITES_PER_NODE + 5; i++) { await sleep(70); }
    await repairer.whenSettled();
    const settled = pageWrites;
    await sleep(300);
    mo.disconnect();
    expect(pageWrites).toBe(settled);
    expect(pageWrites).toBeLessThanOrEqual(MAX_WRITES_PER_NODE);
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
    expect(repairer.store.counts()).toEqual({ founder: 0, encoding: 2, lossy: 0, redecode: 0, chars: 4 });
  });
});
