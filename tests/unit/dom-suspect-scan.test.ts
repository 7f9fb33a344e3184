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
  scanForSuspects({ win: window as unknown as Window, isSuspect: wholeOnly(seen), mayBeSuspect: (t) => t.includes('#') || t.includes('x'), onSuspect: () => hits++, signal: controller.signal });
  await sleep(20);
  after?.();
  await sleep(120);
  return { hits: () => hits, seen };
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

  it('stops with its signal', async () => {
    const { hits } = await scan('<p>clean</p>', () => { controller.abort(); document.body.insertAdjacentHTML('beforeend', '<p>#x#</p>'); });
    expect(hits()).toBe(0);
  });
});
