// @vitest-environment happy-dom
/**
 * The options page's logic on its own page (happy-dom) over fakeBrowser's storage: add, edit and remove site
 * rules; the sites switched off; the global switches; export → import round trip; a bad file changes nothing
 * and says why; reset; the note when the rules outgrow sync; every control named.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

const { mountOptions } = await import('../../src/ext/options/options-view');
const { readSettings, writeSettings } = await import('../../src/ext/shared/settings');

const HTML = readFileSync('entrypoints/options/index.html', 'utf8').replace(/<link[^>]*>|<script[^>]*><\/script>/g, '').replace(/<img[^>]*>/g, '');
const EN = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
/** The browser's getMessage, for the English messages: placeholders filled from the substitutions. */
const t = (key: string, subs: string[] = []) => {
  const m = EN[key];
  if (!m) return '';
  return m.message.replace(/\$([A-Z0-9_]+)\$/g, (_, name: string) => {
    const content = m.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_x, d: string) => subs[Number(d) - 1] ?? '');
  });
};

const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;
const rowOf = (site: string) => document.querySelector<HTMLTableRowElement>(`#rules tr[data-site="${site}"]`);
const until = async (cond: () => boolean) => { for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5)); expect(cond()).toBe(true); };
const change = (el: HTMLInputElement | HTMLSelectElement, value?: string) => {
  if (value !== undefined) el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
};
const downloads: Array<{ name: string; text: string }> = [];

async function mount() {
  document.documentElement.innerHTML = HTML.replace(/^[\s\S]*?<html[^>]*>|<\/html>\s*$/g, '');
  downloads.length = 0;
  return mountOptions(document, { t, download: (name, text) => downloads.push({ name, text }), now: () => new Date('2026-12-01T00:00:00Z') });
}

async function addSite(input: string, founder = 'pdf', repair = true) {
  $<HTMLInputElement>('#new-site').value = input;
  $<HTMLSelectElement>('#new-founder').value = founder;
  $<HTMLInputElement>('#new-repair').checked = repair;
  $<HTMLFormElement>('#add-site').dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
}

/** A control's accessible name, the parts of the computation this page uses. */
function accessibleName(el: HTMLElement): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label')!;
  const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
  if (label) return label.textContent!.trim();
  return el.textContent!.trim();
}

describe('options page', () => {
  beforeEach(() => fakeBrowser.reset());

  it('adds a site rule from a typed address, edits it field by field, removes it', async () => {
    const page = await mount();
    expect($('#no-rules').hidden).toBe(false);
    await addSite(' https://Paper.Example.cn/rmrb/1.htm ');
    await until(() => rowOf('paper.example.cn') !== null);
    expect((await readSettings()).sites).toEqual({ 'paper.example.cn': { repair: true, founder: 'pdf', encoding: null } });
    expect($<HTMLInputElement>('#new-site').value).toBe('');
    const row = rowOf('paper.example.cn')!;
    const founder = row.querySelectorAll('select')[0];
    expect(accessibleName(founder)).toBe('Text source of paper.example.cn');
    change(founder, 'off');
    await until(() => rowOf('paper.example.cn')?.querySelector('select')?.value === 'off');
    change(rowOf('paper.example.cn')!.querySelectorAll('select')[1], 'gbk');
    await vi.waitFor(async () => expect((await readSettings()).sites['paper.example.cn']).toEqual({ repair: true, founder: 'off', encoding: 'gbk' }));
    await until(() => rowOf('paper.example.cn')?.querySelectorAll('select')[1].value === 'gbk');
    rowOf('paper.example.cn')!.querySelector('button')!.click();
    await until(() => rowOf('paper.example.cn') === null);
    expect((await readSettings()).sites).toEqual({});
    expect($('#no-rules').hidden).toBe(false);
  });

  it('a site switched off is listed with its way back on; global switches are stored', async () => {
    await mount();
    await addSite('forum.example.tw', 'auto', false);
    await until(() => $('#disabled-sites').textContent!.includes('forum.example.tw'));
    $('#disabled-sites').querySelector('button')!.click();
    await until(() => rowOf('forum.example.tw') === null);
    $<HTMLInputElement>('#enabled').checked = false;
    change($<HTMLInputElement>('#enabled'));
    $<HTMLInputElement>('#highlight').checked = false;
    change($<HTMLInputElement>('#highlight'));
    await vi.waitFor(async () => expect(await readSettings()).toEqual({ enabled: false, highlight: false, sites: {} }));
  });

  it('refuses a typed site that is no site, and a rule that is all defaults', async () => {
    await mount();
    await addSite('not a site');
    expect($('#add-error').textContent).toContain('“not a site” is not a site');
    await addSite('a.cn', 'auto', true);
    expect($('#add-error').textContent).toContain('These are the defaults already');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('export → import round-trips; a bad file changes nothing and says why', async () => {
    const page = await mount();
    await writeSettings({ enabled: true, highlight: false, sites: { 'x.cn': { repair: false, founder: 'pdf', encoding: 'big5' }, 'y.cn': { repair: true, founder: 'off', encoding: null } } });
    await page.refreshed();
    $('#export').click();
    await until(() => downloads.length === 1);
    expect(downloads[0].name).toBe('luanma-settings-2026-12-01.json');
    const exported = await readSettings();
    const storedBefore = await fakeBrowser.storage.sync.get(null);

    expect(await page.importText('{"format": "luanma-settings", "version": 1, "enabled": "yes"')).toBe(false);
    expect($('#transfer-status').textContent).toMatch(/^Nothing was changed: the file is not JSON/);
    expect(await page.importText(JSON.stringify({ ...JSON.parse(downloads[0].text), sites: { 'x.cn': { founder: 'e-paper' } } }))).toBe(false);
    expect($('#transfer-status').textContent).toContain('the rule for “x.cn” is wrong: "founder" must be one of auto, pdf, off');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual(storedBefore);

    await writeSettings({ enabled: false, highlight: true, sites: { 'z.cn': { repair: false, founder: 'auto', encoding: null } } });
    expect(await page.importText(downloads[0].text)).toBe(true);
    expect($('#transfer-status').textContent).toBe('Settings imported: 2 site rules.');
    expect(await readSettings()).toEqual(exported);
    await page.refreshed();
    await until(() => rowOf('x.cn') !== null && rowOf('z.cn') === null);
  });

  it('reset asks first, then restores the defaults', async () => {
    const page = await mount();
    await writeSettings({ enabled: false, sites: { 'x.cn': { repair: false, founder: 'pdf', encoding: null } } });
    await page.refreshed();
    $('#reset').click();
    expect($('#reset-confirm').hidden).toBe(false);
    $('#reset-no').click();
    expect($('#reset-confirm').hidden).toBe(true);
    expect((await readSettings()).enabled).toBe(false);
    $('#reset').click();
    $('#reset-yes').click();
    await vi.waitFor(async () => expect(await readSettings()).toEqual({ enabled: true, highlight: true, sites: {} }));
    await until(() => rowOf('x.cn') === null);
  });

  it('says where the rules are kept: sync, or this device once they outgrow sync', async () => {
    const page = await mount();
    expect($('#storage-note').textContent).toMatch(/sync storage .* \(\d+ of 102400 bytes of sync storage in use\)/);
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`site-${i}.example.com`, { repair: false, founder: 'auto', encoding: null }]));
    await writeSettings({ sites: many as never });
    await page.refreshed();
    await until(() => document.body.dataset.sitesIn === 'local');
    expect($('#storage-note').textContent).toContain('kept on this device only');
  });

  it('a change that cannot be stored is said in the alert', async () => {
    await mount();
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, highlight: true, huge: 'x'.repeat(9000) }, settings$: { v: 2 } });
    $<HTMLInputElement>('#highlight').checked = false;
    change($<HTMLInputElement>('#highlight'));
    await until(() => !$('#save-error').hidden);
    expect($('#save-error').textContent).toContain('The change was not saved: the browser has no room left');
    await until(() => $<HTMLInputElement>('#highlight').checked);
  });

  it('names every control', async () => {
    await mount();
    await addSite('x.cn');
    await until(() => rowOf('x.cn') !== null);
    const controls = [...document.querySelectorAll<HTMLElement>('input, select, button')].filter((el) => el.id !== 'import-file');
    expect(controls.length).toBeGreaterThan(10);
    for (const el of controls) expect(accessibleName(el), el.outerHTML.slice(0, 80)).not.toBe('');
  });
});
