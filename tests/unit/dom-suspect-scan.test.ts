// @vitest-environment happy-dom
/** The first content script's scan (src/dom/suspect-scan.ts): the repairer's units, the gate, nothing more. */
import { afterEach, describe, expect, it } from 'vitest';
import { scanForSuspects } from '../../src/dom/suspect-scan';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let controller: AbortController;
afterEach(() => controller?.abort());

/** Suspect only as a whole paragraph: both halves of "#x#" must be seen together (as the real gate's pairs). */
const wholeOnly = (seen: string[]) => (text: string) => { seen.push(text); return /#x#/.test(text); };

async function scan(html: string, after?: () => void) {
  document.body.innerHTML = html;
  controller = new AbortController();
  const seen: string[] = [];
  let hits = 0;
  scanForSuspects({ win: window as unknown as Window, isSuspect: wholeOnly(seen), pieceSignals: (t) => (t.includes('#') || t.includes('x') ? 1 : 0), onSuspect: () => hits++, signal: controller.signal });
  await sleep(20);
  after?.();
  await sleep(120);
  return { hits: () => hits, seen };
}

/** Scans the page as it is now (built with DOM calls: shadow roots cannot be written as markup). */
async function scanBuilt() {
  controller?.abort();
  controller = new AbortController();
  let hits = 0;
  scanForSuspects({ win: window as unknown as Window, isSuspect: (t) => /#x#/.test(t), pieceSignals: (t) => (t.includes('#') || t.includes('x') ? 1 : 0), onSuspect: () => hits++, signal: controller.signal });
  await sleep(60);
  return { hits: () => hits };
}

describe('scanForSuspects', () => {
  it('calls nothing on a clean page; gates only paragraphs with a node the pre-check flags, whole, and readable attributes', async () => {
    const { hits, seen } = await scan('<p>one <b>two</b></p><p>a <b>#</b> b</p><p title="tip">three</p><script>#x#</script><code>#x#</code>');
    expect(hits()).toBe(0);
    expect(seen).toContain('a # b');
    expect(seen).not.toContain('one two');
    expect(seen).toContain('tip');
    expect(seen.join('|')).not.toContain('#x#');
  });

  it('sees damage split across inline elements as one paragraph, once', async () => {
    const { hits } = await scan('<p>clean</p><p>a#<i>x</i>#b</p><p>#x#</p>');
    expect(hits()).toBe(1);
  });

  it('sees a paragraph the walk comes back to after a nested block', async () => {
    const { hits } = await scan('<div>a#x<p>inner</p>#b</div>');
    expect(hits()).toBe(1);
  });

  it('follows the page: added text and text changed inside a paragraph', async () => {
    const added = await scan('<p id="p">clean</p>', () => document.body.insertAdjacentHTML('beforeend', '<p>#x#</p>'));
    expect(added.hits()).toBe(1);
    const changed = await scan('<p id="p">a#<b>y</b>#b</p>', () => { document.querySelector('b')!.firstChild!.textContent = 'x'; });
    expect(changed.hits()).toBe(1);
  });

  it('leaves out what the repairer never touches: opted-out and editable subtrees, code inside a paragraph', async () => {
    const { hits, seen } = await scan('<div data-luanma-off><p>#x#</p></div><div contenteditable><p>#x#</p></div><p>a#<code>x</code>#b</p>');
    expect(hits()).toBe(0);
    expect(seen).toContain('a##b');
  });

  it('finds open shadow roots, nested ones too, but not those inside a rejected subtree', async () => {
    const shadowHost = (tag: string, html: string) => {
      const host = document.createElement(tag);
      host.attachShadow({ mode: 'open' }).innerHTML = html;
      return host;
    };
    document.body.innerHTML = '<p>clean</p>';
    const off = document.createElement('div');
    off.setAttribute('data-luanma-off', '');
    off.append(shadowHost('div', '<p>#x#</p>'));
    document.body.append(off);
    expect((await scanBuilt()).hits()).toBe(0);
    const outer = shadowHost('div', '<p>clean</p>');
    outer.shadowRoot!.append(shadowHost('span', '<p>#x#</p>'));
    document.body.append(outer);
    expect((await scanBuilt()).hits()).toBe(1);
  });

  it('follows added subtrees the way it walks the page: rejected parts left out, titles and shadow roots found', async () => {
    const rejected = await scan('<p>clean</p>', () => document.body.insertAdjacentHTML('beforeend', '<div><p>ok</p><code>#x#</code><div data-luanma-off><p>#x#</p></div></div>'));
    expect(rejected.hits()).toBe(0);
    const titled = await scan('<p>clean</p>', () => document.body.insertAdjacentHTML('beforeend', '<p><span title="#x#">ok</span></p>'));
    expect(titled.hits()).toBe(1);
    const hosted = await scan('<p>clean</p>', () => {
      const host = document.createElement('div');
      host.attachShadow({ mode: 'open' }).innerHTML = '<p>#x#</p>';
      document.body.append(host);
    });
    expect(hosted.hits()).toBe(1);
    // More nodes than a small subtree holds: the long way, with the same result.
    const big = await scan('<p>clean</p>', () => document.body.insertAdjacentHTML('beforeend', `<div>${'<p>ok</p>'.repeat(100)}<code>#x#</code><p>a#<b>x</b>#b</p></div>`));
    expect(big.hits()).toBe(1);
  });

  it('stops with its signal', async () => {
    const { hits } = await scan('<p>clean</p>', () => { controller.abort(); document.body.insertAdjacentHTML('beforeend', '<p>#x#</p>'); });
    expect(hits()).toBe(0);
  });
});
