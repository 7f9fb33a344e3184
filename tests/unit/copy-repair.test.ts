/** The pure part of "Copy repaired text" and the popup's page copy (src/ext/content/copy-repair.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSuspect as realGate } from '../../src/core/gate';
import { applySteps, collectEvidence, repair } from '../../src/core/index';
import { contextLines, repairForCopy, repairSelectionForCopy } from '../../src/ext/content/copy-repair';
import { fakeDecoder, isSuspect } from './dom-fake-decoder';

const EXPECT = JSON.parse(readFileSync(join(import.meta.dirname, '../e2e/pages/expectations.json'), 'utf8')) as {
  epaper: { paragraphs: string[]; damaged: string[] };
  forum: { expected: Record<string, string>; damaged: Record<string, string> };
  epaperSite: { served: string[]; withHint: string[] };
};
const realDecoder = { repair, collectEvidence };

describe('contextLines', () => {
  it('drops blank lines and stops at a line break near the limit', () => {
    expect(contextLines('one\n\n two \nthree\nfour', 14)).toEqual(['one', ' two ']);
    expect(contextLines('one\r\ntwo')).toEqual(['one', 'two']);
  });
});

describe('repairSelectionForCopy', () => {
  it('repairs every line and keeps the line breaks as they were', () => {
    const text = 'a#b\r\n\nc#d\n#e';
    const r = repairSelectionForCopy(text, fakeDecoder());
    expect(r.text).toBe('aB\r\n\ncD\nE');
    expect(applySteps(text, r.steps)).toBe(r.text);
  });
  it('repairs a long text in chunks, with step offsets into the whole text', () => {
    const line = 'x'.repeat(1000) + '#q\n';
    const text = line.repeat(200);
    const decoder = fakeDecoder();
    const r = repairSelectionForCopy(text, decoder);
    expect(decoder.calls.length).toBeGreaterThan(1);
    expect(r.text).toBe(('x'.repeat(1000) + 'Q\n').repeat(200));
    expect(r.steps).toHaveLength(200);
    expect(applySteps(text, r.steps)).toBe(r.text);
  });
  it('judges the selection with its page: evidence covers the context lines too', () => {
    const decoder = fakeDecoder();
    let seen = 0;
    const spy = { ...decoder, collectEvidence: (t: Iterable<string>) => { const e = decoder.collectEvidence(t); seen = e.paragraphs; return e; } };
    repairSelectionForCopy('#a\n#b', spy, ['p1', 'p2', 'p3']);
    expect(seen).toBe(5);
  });
  it('with the real engine: encoding damage in forum posts', () => {
    for (const id of ['utf8gbk', 'gbk1252']) {
      expect(repairSelectionForCopy(EXPECT.forum.damaged[id], realDecoder).text).toBe(EXPECT.forum.expected[id]);
    }
  });
  it('with the real engine: Founder-damaged e-paper lines, one per line', () => {
    const damaged = EXPECT.epaper.damaged.slice(0, 6).join('\n');
    expect(repairSelectionForCopy(damaged, realDecoder, EXPECT.epaper.damaged).text).toBe(EXPECT.epaper.paragraphs.slice(0, 6).join('\n'));
  });
  it('with the real engine: clean text comes out unchanged', () => {
    const clean = EXPECT.forum.expected.clean2 + '\n' + EXPECT.forum.expected.clean3;
    const r = repairSelectionForCopy(clean, realDecoder);
    expect(r.text).toBe(clean);
    expect(r.steps).toEqual([]);
  });
});

describe('repairForCopy', () => {
  const deps = (decoder = fakeDecoder()) => {
    let loads = 0;
    return { isSuspect, loadDecoder: async () => { loads++; return decoder; }, loads: () => loads };
  };
  it('hands clean text on a clean page back without loading the decoder', async () => {
    const d = deps();
    expect(await repairForCopy('plain\ntext', d, ['clean page'])).toEqual({ text: 'plain\ntext', steps: [] });
    expect(d.loads()).toBe(0);
  });
  it('loads the decoder for suspect text and repairs it', async () => {
    const d = deps();
    expect((await repairForCopy('x#y', d)).text).toBe('xY');
    expect(d.loads()).toBe(1);
  });
  it('loads the decoder when only the page looks damaged (lines that only show damage in context)', async () => {
    const d = deps();
    await repairForCopy('plain', d, ['a #damaged page']);
    expect(d.loads()).toBe(1);
  });
  it('gives the same result as repairSelectionForCopy on a long text repaired in several chunks', async () => {
    const text = ('y'.repeat(2000) + '#r\n').repeat(100);
    const decoder = fakeDecoder();
    const got = await repairForCopy(text, deps(decoder), ['ctx']);
    expect(decoder.calls.length).toBeGreaterThan(1);
    expect(got).toEqual(repairSelectionForCopy(text, fakeDecoder(), ['ctx']));
  });
  it('repairs with the site\'s hints (an e-paper rule): the two lines the engine leaves alone on its own page', async () => {
    const site = EXPECT.epaperSite;
    const text = site.served.join('\n');
    const load = async () => realDecoder;
    expect((await repairForCopy(text, { isSuspect: realGate, loadDecoder: load })).text).toBe(text);
    expect((await repairForCopy(text, { isSuspect: realGate, loadDecoder: load, hints: () => ({ source: 'pdf' }) })).text).toBe(site.withHint.join('\n'));
  });
  it('with the real gate: an ordinary Chinese paragraph never loads the decoder', async () => {
    let loads = 0;
    await repairForCopy(EXPECT.forum.expected.clean1, { isSuspect: realGate, loadDecoder: async () => { loads++; return realDecoder; } });
    expect(loads).toBe(0);
  });
});
