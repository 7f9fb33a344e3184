/** Export and import of the settings file: a round trip keeps everything; a bad file is refused with its reason. */
import { describe, expect, it } from 'vitest';
import { exportFileName, exportSettings, FILE_FORMAT, importSettings } from '../../src/ext/shared/settings-file';

const settings = {
  enabled: false,
  highlight: true,
  sites: {
    'paper.example.cn': { repair: true, founder: 'pdf', encoding: null },
    'forum.example.tw': { repair: false, founder: 'off', encoding: 'big5' },
    本地文件: { repair: true, founder: 'auto', encoding: 'gbk' },
  },
} as const;
const NOW = new Date('2026-12-01T10:00:00Z');
const good = () => JSON.parse(exportSettings(settings as never, NOW)) as Record<string, unknown>;
const problem = (v: unknown) => {
  const r = importSettings(typeof v === 'string' ? v : JSON.stringify(v));
  return r.ok ? null : r.problem;
};

describe('settings file', () => {
  it('round-trips every setting; the file reads on its own', () => {
    const text = exportSettings(settings as never, NOW);
    expect(good()).toMatchObject({ format: FILE_FORMAT, version: 1, exported: '2026-12-01T10:00:00.000Z' });
    expect(Object.keys(good().sites as object)).toEqual(['forum.example.tw', 'paper.example.cn', '本地文件']);
    expect(importSettings(text)).toEqual({ ok: true, settings });
    expect(importSettings(`\uFEFF${text}`).ok).toBe(true);
    expect(exportFileName(NOW)).toBe('luanma-settings-2026-12-01.json');
  });

  it('fills fields a rule leaves out with their defaults, and drops all-default rules', () => {
    const r = importSettings(JSON.stringify({ ...good(), sites: { 'a.cn': { founder: 'pdf' }, 'b.cn': {} } }));
    expect(r).toEqual({ ok: true, settings: { enabled: false, highlight: true, sites: { 'a.cn': { repair: true, founder: 'pdf', encoding: null } } } });
  });

  it('refuses a bad file with the first thing wrong in it', () => {
    expect(problem('{"format": "luanma-settings",')).toMatchObject({ key: 'options_importNotJson' });
    expect(problem('[1, 2]')).toEqual({ key: 'options_importNotOurs', subs: [] });
    expect(problem({ ...good(), format: 'other' })).toEqual({ key: 'options_importNotOurs', subs: [] });
    expect(problem({ ...good(), version: 2 })).toEqual({ key: 'options_importNewer', subs: ['2'] });
    expect(problem({ ...good(), version: '1' })).toMatchObject({ key: 'options_importBadField', subs: ['version', 'a whole number'] });
    expect(problem({ ...good(), enabled: 'yes' })).toEqual({ key: 'options_importBadField', subs: ['enabled', 'true or false'] });
    expect(problem({ ...good(), highlight: undefined })).toMatchObject({ key: 'options_importBadField', subs: ['highlight', 'true or false'] });
    expect(problem({ ...good(), sites: [] })).toMatchObject({ key: 'options_importBadField', subs: ['sites', expect.any(String)] });
    expect(problem({ ...good(), sites: { 'Example.com': {} } })).toEqual({ key: 'options_importBadSite', subs: ['Example.com'] });
    expect(problem({ ...good(), sites: { 'http://a.cn/': {} } })).toEqual({ key: 'options_importBadSite', subs: ['http://a.cn/'] });
    expect(problem({ ...good(), sites: { 'a.cn': { founder: 'PDF' } } })).toMatchObject({ key: 'options_importBadRule', subs: ['a.cn', expect.stringContaining('"founder"')] });
    expect(problem({ ...good(), sites: { 'a.cn': { encoding: 'utf-7' } } })).toMatchObject({ key: 'options_importBadRule', subs: ['a.cn', expect.stringContaining('"encoding"')] });
    expect(problem({ ...good(), sites: { 'a.cn': { repair: 'no' } } })).toMatchObject({ key: 'options_importBadRule' });
    expect(problem({ ...good(), sites: { 'a.cn': { repiar: false } } })).toMatchObject({ key: 'options_importBadRule', subs: ['a.cn', 'unknown field "repiar"'] });
    expect(problem({ ...good(), sites: { 'a.cn': 'off' } })).toMatchObject({ key: 'options_importBadRule' });
    expect(problem({ ...good(), sites: Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`s${i}.cn`, {}])) })).toEqual({ key: 'options_importTooMany', subs: ['20000'] });
    expect(problem(' '.repeat(5 * 1024 * 1024))).toMatchObject({ key: 'options_importTooBig' });
  });
});
