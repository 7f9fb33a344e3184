import { describe, expect, it } from 'vitest';
import { alignSequences, LCS_MAX_CELLS } from '../../src/core/redecode/align-slots';

/** Every pair matches equal texts, and both sides increase. */
function wellFormed(a: string[], b: string[], pairs: Array<[number, number]>): void {
  pairs.forEach(([i, j], k) => {
    expect(a[i]).toBe(b[j]);
    if (k > 0) { expect(i).toBeGreaterThan(pairs[k - 1][0]); expect(j).toBeGreaterThan(pairs[k - 1][1]); }
  });
}

describe('alignSequences', () => {
  it('matches everything when nothing changed', () => {
    const a = ['标题', '第一段', '第二段', '页脚'];
    expect(alignSequences(a, [...a])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
  });

  it('skips pieces a script added or removed, and never matches unequal texts', () => {
    const served = ['标题', '第一段', '第二段', '第三段', '页脚'];
    const live = ['标题', '广告', '第一段', '第三段', '脚本加入的文字', '页脚'];
    const pairs = alignSequences(served, live);
    wellFormed(served, live, pairs);
    expect(pairs).toEqual([[0, 0], [1, 2], [3, 3], [4, 5]]);
  });

  it('keeps repeated pieces in order (unique ones anchor, repeats fill the gaps)', () => {
    const served = ['回复', '甲', '回复', '乙', '回复', '丙'];
    const live = ['回复', '甲', '新', '回复', '乙', '回复', '丙'];
    const pairs = alignSequences(served, live);
    wellFormed(served, live, pairs);
    expect(pairs.length).toBe(6);
  });

  it('matches nothing between unrelated pages, beyond pieces they share', () => {
    const get = ['网站名', '导航', '同一网址的GET版本', '页脚'];
    const post = ['网站名', '导航', '表单提交后的结果页面', '谢谢', '页脚'];
    const pairs = alignSequences(get, post);
    wellFormed(get, post, pairs);
    expect(pairs.map(([i]) => get[i])).toEqual(['网站名', '导航', '页脚']);
  });

  it('gives up on a huge gap without a single shared unique text instead of an unbounded LCS', () => {
    const n = Math.ceil(Math.sqrt(LCS_MAX_CELLS)) + 10;
    const a = Array.from({ length: n }, (_, i) => (i % 2 ? 'x' : 'y'));
    const b = Array.from({ length: n }, (_, i) => (i % 2 ? 'y' : 'x'));
    const t0 = performance.now();
    const pairs = alignSequences(['开头', ...a, '结尾'], ['开头', ...b, '结尾']);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(pairs[0]).toEqual([0, 0]);
    expect(pairs.at(-1)).toEqual([n + 1, n + 1]);
  });

  it('aligns 20,000 pieces with a few inserted in linear-ish time', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `段落${i}`);
    const b = [...a.slice(0, 5000), '插入一', '插入二', ...a.slice(5000, 12_000), ...a.slice(12_001)];
    const t0 = performance.now();
    const pairs = alignSequences(a, b);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(pairs.length).toBe(19_999);
  });
});
