// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { walk } from '../../src/dom/page-walker';
import { blockOf, textNodesOfBlock } from '../../src/dom/blocks';
import { OPT_OUT_ATTRIBUTE } from '../../src/dom/text-filter';

function setup(html: string) {
  document.body.innerHTML = html;
  return walk(document.body, document);
}

describe('walker filter', () => {
  it('rejects whole subtrees that must not change', () => {
    const res = setup(`<p>keep</p>
      <script>no1</script><style>no2</style><noscript>no3</noscript><template>no4</template>
      <textarea>no5</textarea><select><option>no6</option></select>
      <div contenteditable="true"><span>no7</span></div>
      <div ${OPT_OUT_ATTRIBUTE}><b>no8</b></div>
      <pre>keep2</pre><code>no9</code>`);
    expect(res.texts.map((t) => t.data)).toEqual(['keep', 'keep2']);
  });

  it('reports readable attributes, including on form fields whose value is off limits', () => {
    const res = setup(`<a title="t">x</a><img alt="a"><input placeholder="p" value="v"><button aria-label="l"></button><div ${OPT_OUT_ATTRIBUTE} title="no"></div>`);
    expect(res.attributed.map((e) => e.tagName)).toEqual(['A', 'IMG', 'INPUT', 'BUTTON']);
  });

  it('finds open shadow roots', () => {
    document.body.innerHTML = '<div id="h"></div>';
    const sr = document.getElementById('h')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<p>inside</p>';
    const res = walk(document.body, document);
    expect(res.shadowRoots).toEqual([sr]);
    expect(walk(sr, document).texts.map((t) => t.data)).toEqual(['inside']);
  });
});

describe('blocks', () => {
  it('groups a sentence split by inline elements, excluding nested blocks', () => {
    document.body.innerHTML = '<div id="d">一<b>二<a>三</a></b>四<p>别的段落</p></div>';
    const first = walk(document.body, document).texts[0];
    const block = blockOf(first);
    expect((block as Element).id).toBe('d');
    expect(textNodesOfBlock(block).map((t) => t.data).join('')).toBe('一二三四');
  });
});
