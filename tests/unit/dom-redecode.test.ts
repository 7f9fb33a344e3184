// @vitest-environment happy-dom
/**
 * Mapping a re-decoded page onto its live DOM (src/dom/redecode): the page's bytes are the e2e GBK page
 * (tests/e2e/redecode-pages.ts), shown as a browser shows them under a UTF-8 label.
 */
import { describe, expect, it } from 'vitest';
import { isSuspect } from '../../src/core/gate';
import { applyMapping, planMapping, type ParsedSlot } from '../../src/dom/redecode/map-text';
import { collectSlots } from '../../src/dom/redecode/text-slots';
import { RewriteStore } from '../../src/dom/rewrite-store';
import { decodeAs } from '../../scripts/lib/redecode-codecs';
import { HANS, JA, renderHtml, textsOf } from '../e2e/redecode-pages';

const bytes = renderHtml(HANS, 'gbk');
const shownHtml = decodeAs('utf-8', bytes);
const trueHtml = decodeAs('gbk', bytes);
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const parsed = (html: string): ParsedSlot[] => collectSlots(parse(html)).map((s) => (s.kind === 'attr' ? { kind: 'attr', name: s.name, text: s.text } : { kind: 'text', text: s.text }));
const isDamaged = (t: string) => t.includes('\ufffd') || isSuspect(t);
const INFO = { encoding: 'gbk', shownAs: 'UTF-8', confidence: 1, firstGroup: 0 };

function textsIn(doc: Document) {
  const out: Record<string, string | null> = { title: doc.title };
  for (const b of HANS.blocks) out[b.id] = doc.getElementById(b.id)?.textContent ?? null;
  out.alt = doc.getElementById('img')?.getAttribute('alt') ?? null;
  out.placeholder = doc.getElementById('field')?.getAttribute('placeholder') ?? null;
  return out;
}

describe('re-decoding onto the live DOM', () => {
  it('rewrites every damaged piece, title and attributes included, in the same nodes, and restores them exactly', () => {
    const live = parse(shownHtml);
    const before = textsIn(live);
    const p1 = live.getElementById('p1')!;
    const nodes = [...p1.childNodes];
    (p1 as unknown as { mark: string }).mark = 'kept';
    const plan = planMapping(parsed(shownHtml), parsed(trueHtml), collectSlots(live), isDamaged);
    expect(plan.agrees, plan.why).toBe(true);
    const store = new RewriteStore();
    applyMapping(plan, store, INFO);
    expect(textsIn(live)).toEqual(textsOf(HANS, (s) => s));
    expect(live.getElementById('p1')).toBe(p1);
    expect([...p1.childNodes]).toEqual(nodes);
    expect((p1 as unknown as { mark: string }).mark).toBe('kept');
    store.restoreAll();
    expect(textsIn(live)).toEqual(before);
  });

  it('keeps what the page built since it loaded: added text, field values, a changed piece', () => {
    const live = parse(shownHtml);
    const added = live.createElement('p');
    added.textContent = '这段文字由脚本在页面载入时加入。';
    live.body.insertBefore(added, live.getElementById('h2'));
    (live.getElementById('field') as HTMLInputElement).value = 'typed';
    live.getElementById('footer')!.textContent = '脚本改写了页脚';
    const plan = planMapping(parsed(shownHtml), parsed(trueHtml), collectSlots(live), isDamaged);
    expect(plan.agrees, plan.why).toBe(true);
    applyMapping(plan, new RewriteStore(), INFO);
    expect(added.textContent).toBe('这段文字由脚本在页面载入时加入。');
    expect((live.getElementById('field') as HTMLInputElement).value).toBe('typed');
    expect(live.getElementById('footer')!.textContent).toBe('脚本改写了页脚');
    expect(live.getElementById('h1')!.textContent).toBe(textsOf(HANS, (s) => s).h1);
  });

  it('puts a piece split over several text nodes into the first and empties the rest, reversibly', () => {
    const live = parse(shownHtml);
    const h1 = live.getElementById('h1')!;
    const first = h1.firstChild as Text;
    const second = first.splitText(3);
    const shown = h1.textContent;
    const store = new RewriteStore();
    applyMapping(planMapping(parsed(shownHtml), parsed(trueHtml), collectSlots(live), isDamaged), store, INFO);
    expect(first.data).toBe(textsOf(HANS, (s) => s).h1);
    expect(second.data).toBe('');
    expect(second.parentNode).toBe(h1);
    store.restoreAll();
    expect(h1.textContent).toBe(shown);
    expect(h1.childNodes.length).toBe(2);
  });

  it('fails the text check on bytes of another page, and writes nothing', () => {
    const other = renderHtml(JA, 'shift_jis');
    const live = parse(shownHtml);
    const before = textsIn(live);
    const plan = planMapping(parsed(decodeAs('utf-8', other)), parsed(decodeAs('shift_jis', other)), collectSlots(live), isDamaged);
    expect(plan.agrees).toBe(false);
    expect(plan.writes).toEqual([]);
    expect(textsIn(live)).toEqual(before);
  });

  it('fails the text check when most of the damaged text is not in the bytes (scripts wrote it)', () => {
    const live = parse(shownHtml);
    for (let i = 0; i < 12; i++) {
      const p = live.createElement('p');
      p.textContent = '\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd'.repeat(20) + i;
      live.body.append(p);
    }
    const plan = planMapping(parsed(shownHtml), parsed(trueHtml), collectSlots(live), isDamaged);
    expect(plan.agrees).toBe(false);
    expect(plan.why).toMatch(/damaged/);
  });

  it('leaves pieces that look right as they are (a mixed page), and counts unmatched damaged ones', () => {
    const live = parse(shownHtml);
    const plan = planMapping(parsed(shownHtml), parsed(trueHtml), collectSlots(live), (t) => t.includes('\ufffd') && !t.startsWith('apt-get'));
    applyMapping(plan, new RewriteStore(), INFO);
    // The title's damaged text starts with "apt-get": judged clean here, so it stays as shown.
    expect(live.title).toBe(textsIn(parse(shownHtml)).title);
    expect(live.getElementById('h1')!.textContent).toBe(textsOf(HANS, (s) => s).h1);
  });

  it('skips scripts, styles, templates, textareas and opted-out regions', () => {
    const doc = parse('<p>甲</p><script>var s = "乙"</script><style>p{}</style><template><p>丙</p></template><textarea>丁</textarea><div data-luanma-off><p>戊</p></div><p title="己">庚</p>');
    expect(collectSlots(doc).map((s) => s.text)).toEqual(['甲', '己', '庚']);
  });
});
