import { describe, expect, it } from 'vitest';
import { OFF_ICON, ON_ICON, toolbarState } from '../../src/ext/background/toolbar-state';
import { DEFAULT_SETTINGS } from '../../src/ext/shared/settings';
import { DEFAULT_RULE } from '../../src/ext/shared/site-rules';

/** Sites switched off, as per-site rules. */
const off = (...sites: string[]) => Object.fromEntries(sites.map((site) => [site, { ...DEFAULT_RULE, repair: false }]));

const t = (key: string, subs?: string[]) => [key, ...(subs ?? [])].join('|');
const settings = (s: Partial<typeof DEFAULT_SETTINGS>) => ({ ...DEFAULT_SETTINGS, ...s });

describe('toolbar state', () => {
  it('repairing: the count in the title and the badge; nothing repaired yet says so', () => {
    expect(toolbarState(settings({}), 'a.cn', 12, t)).toEqual({ mode: 'on', title: 'toolbar_titleRepairs|12', icon: ON_ICON, badge: '12' });
    expect(toolbarState(settings({}), 'a.cn', 0, t)).toEqual({ mode: 'on', title: 'toolbar_titleOn', icon: ON_ICON, badge: '' });
  });

  it('off for the site, or everywhere: another title, the slashed icon, no badge (not told by colour alone)', () => {
    expect(toolbarState(settings({ sites: off('a.cn') }), 'a.cn', 5, t)).toEqual({ mode: 'offSite', title: 'toolbar_titleOffSite|a.cn', icon: OFF_ICON, badge: '' });
    expect(toolbarState(settings({ sites: off('b.cn') }), 'a.cn', 5, t).mode).toBe('on');
    // The global switch wins over the site's.
    expect(toolbarState(settings({ enabled: false, sites: off('a.cn') }), 'a.cn', 5, t)).toEqual({ mode: 'offAll', title: 'toolbar_titleOffAll', icon: OFF_ICON, badge: '' });
  });

  it('every title it names exists in every locale, with the placeholder it fills', async () => {
    const { readFileSync } = await import('node:fs');
    for (const loc of ['zh_CN', 'zh_TW', 'en']) {
      const messages = JSON.parse(readFileSync(new URL(`../../public/_locales/${loc}/messages.json`, import.meta.url), 'utf8'));
      for (const key of ['toolbar_titleRepairs', 'toolbar_titleOn', 'toolbar_titleOffSite', 'toolbar_titleOffAll']) expect(messages[key]?.message, `${loc} ${key}`).toBeTruthy();
      expect(messages.toolbar_titleRepairs.placeholders.count.content).toBe('$1');
      expect(messages.toolbar_titleOffSite.placeholders.site.content).toBe('$1');
    }
  });
});
