import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE, fromStored, hintsFor, parseStoredRules, ruleOf, toStored, withRule } from '../../src/ext/shared/site-rules';
import { siteFromInput, LOCAL_FILES_SITE } from '../../src/ext/shared/site';

describe('site rules', () => {
  it('stores only what differs from the defaults, and reads garbage fields as defaults', () => {
    expect(toStored({ ...DEFAULT_RULE })).toEqual({});
    expect(toStored({ repair: false, founder: 'pdf', encoding: 'gbk' })).toEqual({ repair: false, founder: 'pdf', encoding: 'gbk' });
    expect(fromStored({ repair: 0, founder: 'PDF', encoding: 'gb2312' })).toEqual(DEFAULT_RULE);
    expect(fromStored(null)).toEqual(DEFAULT_RULE);
    expect(parseStoredRules({ 'a.cn': {}, 'b.cn': { founder: 'off' }, ' c.cn': { repair: false }, ['x'.repeat(254)]: { repair: false } })).toEqual({ 'b.cn': { repair: true, founder: 'off', encoding: null } });
  });

  it('changes one field at a time; an all-default rule is no rule', () => {
    let r = withRule({}, 'a.cn', { founder: 'pdf' });
    r = withRule(r, 'a.cn', { encoding: 'big5' });
    expect(ruleOf(r, 'a.cn')).toEqual({ repair: true, founder: 'pdf', encoding: 'big5' });
    expect(withRule(withRule(r, 'a.cn', { founder: 'auto' }), 'a.cn', { encoding: null })).toEqual({});
    expect(withRule(r, 'a.cn', null)).toEqual({});
    expect(ruleOf(r, null)).toEqual(DEFAULT_RULE);
    expect(ruleOf(r, 'constructor')).toEqual(DEFAULT_RULE);
  });

  it('gives the decoder the hints the CLI gives for --hint pdf and --founder off', () => {
    expect(hintsFor({ ...DEFAULT_RULE, founder: 'pdf' })).toEqual({ source: 'pdf' });
    expect(hintsFor({ ...DEFAULT_RULE, founder: 'off' })).toEqual({ founder: 'off' });
    expect(hintsFor({ ...DEFAULT_RULE })).toEqual({});
  });

  it('names a typed site as the extension names a page’s site', () => {
    expect(siteFromInput(' News.Example.CN ')).toBe('news.example.cn');
    expect(siteFromInput('https://paper.people.com.cn/rmrb/html/2024-01/01/nw.htm')).toBe('paper.people.com.cn');
    expect(siteFromInput('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(siteFromInput('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(siteFromInput('file:///home/a.txt')).toBe(LOCAL_FILES_SITE);
    expect(siteFromInput('')).toBeNull();
    expect(siteFromInput('not a site')).toBeNull();
    expect(siteFromInput('ftp://x.cn')).toBeNull();
  });
});
