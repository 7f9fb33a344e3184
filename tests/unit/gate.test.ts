/**
 * The cheap check runs on every text of every page: it must pass all damage through (a miss is a repair
 * never made) and stop clean Chinese before any codec or model runs (that is what most pages cost).
 */
import { describe, expect, it } from 'vitest';
import { SUSPECT_ENCODING, SUSPECT_FOUNDER, isSuspect, suspectSignals } from '../../src/core/gate';
import { loadDevset } from '../../scripts/lib/devset';
import { readFileSync, readdirSync } from 'node:fs';
import { lineSpans } from '../../src/core/document/line-spans';
import { founderSteps } from '../../src/core/founder/founder-repair';
import { hasOpenerComma } from '../../src/core/founder/clause-openers';
import { OPENER_COMMA_MIN_HAN } from '../../src/core/founder/founder-weights';
import { repair } from '../../src/core/repair';

const cases = loadDevset();

describe('gate', () => {
  it('signals encoding damage on every damaged encoding case of the dev set', () => {
    const missed = cases
      .filter((c) => !c.kind.startsWith('clean_') && !c.kind.startsWith('founder') && !c.variant?.startsWith('founder'))
      .filter((c) => (suspectSignals(c.input) & SUSPECT_ENCODING) === 0)
      .map((c) => c.id);
    expect(missed).toEqual([]);
  });

  it('signals Founder damage on every founder case', () => {
    const missed = cases.filter((c) => c.kind.startsWith('founder') && (suspectSignals(c.input) & SUSPECT_FOUNDER) === 0).map((c) => c.id);
    expect(missed).toEqual([]);
  });

  it('stops clean simplified and traditional Chinese before the decoder', () => {
    const passed = cases.filter((c) => (c.kind === 'clean_simplified' || c.kind === 'clean_traditional') && isSuspect(c.input)).map((c) => c.id);
    expect(passed).toEqual([]);
  });

  it.each([
    ['Latin-1 pair from UTF-8', 'ä½\u00a0å¥½', SUSPECT_ENCODING],
    ['GBK as windows-1252', 'ÄãºÃ', SUSPECT_ENCODING],
    ['replacement character', '你好�', SUSPECT_ENCODING],
    ['UTF-8 read as GBK', '浣犲ソ涓栫晫', SUSPECT_ENCODING],
    ['shifted comma', '方法袁参见', SUSPECT_FOUNDER],
  ])('%s', (_, text, signal) => {
    expect(suspectSignals(text) & signal).toBe(signal);
  });

  it.each([
    ['plain ASCII', 'npm run build'],
    ['one accented letter', 'café'],
    ['Chinese punctuation, doubled', '他说——“好”。'],
    ['common Chinese', '我们今天去公园散步，天气很好。'],
  ])('lets %s through untouched', (_, text) => {
    expect(suspectSignals(text)).toBe(0);
  });

  it.each([
    ['a tell beside real clause marks', '他说，遥远的地方很美。'],
    ['a surname in a punctuated sentence', '袁老师说，明天放假。'],
    ['a 遥 right after a real mark', '我们出发了。遥望远方，群山起伏。'],
  ])('no Founder signal for %s (the decision would repair nothing)', (_, text) => {
    expect(suspectSignals(text) & SUSPECT_FOUNDER).toBe(0);
  });

  it('no encoding signal for shifted 、 (尧, an uncommon character) in a short list line', () => {
    // A hard-wrapped e-paper line: its two 尧 were counted as odd characters, and every such line was decoded
    // under every hypothesis for nothing (a quarter of the engine's time on the seed article).
    expect(suspectSignals('在人员集中难尧时间保障难尧要求落实')).toBe(SUSPECT_FOUNDER);
  });

  it.each([
    ['a sentence without real marks', '会议上指出院野加强党的基层组织建设袁关键是从严抓好落实遥冶'],
    ['the damaged sentence after a clean one', '天气很好。我们今天去公园袁然后回家遥'],
    ['a lone shifted full stop after a long clause', '这些软件，当然也可以在很多互联网上的镜像站点中获得遥'],
    ['tells outnumbering real marks fourfold', '方法袁参见袁指南袁说明袁，如此'],
    ['a damaged line after a clean line', '天气很好，我们去公园。\n方法袁参见指南'],
  ])('a Founder signal for %s', (_, text) => {
    expect(suspectSignals(text) & SUSPECT_FOUNDER).toBe(SUSPECT_FOUNDER);
  });

  it('lets through every text the Founder decision, run without the gate, would change', () => {
    // The dev set, every JSON case file, and each case's lines on their own: wherever the decision repairs
    // something, the gate must have said so.
    const dir = new URL('../cases/', import.meta.url);
    const texts = [
      ...cases.map((c) => c.input),
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Array<{ input?: string }>).map((c) => c.input ?? '')),
    ];
    const all = [...texts, ...texts.flatMap((t) => t.split('\n'))];
    let repaired = 0;
    const missed = all.filter((t) => {
      if (founderSteps(t, lineSpans(t), undefined, undefined).length === 0) return false;
      repaired++;
      // The one sign the repair looks for itself (founder/clause-openers.ts): the first content script has no room.
      return (suspectSignals(t) & SUSPECT_FOUNDER) === 0 && !hasOpenerComma(t, OPENER_COMMA_MIN_HAN);
    });
    expect(repaired).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });

  it('leaves a lone shifted comma before a clause opener to the repair, which finds it', () => {
    const text = '我不觉得这是个好主意袁但我会陪你去的。';
    expect(suspectSignals(text) & SUSPECT_FOUNDER).toBe(0);
    expect(hasOpenerComma(text, OPENER_COMMA_MIN_HAN)).toBe(true);
    expect(repair(text).text).toBe('我不觉得这是个好主意，但我会陪你去的。');
  });

  it('passes a quiet paragraph of a Founder-damaged page when the page evidence says so', () => {
    const evidence = { chars: 100, han: 90, realPunct: 0, founderCandidates: 20, founderCommaStop: 10, paragraphs: 5, founderParagraphs: 4 };
    expect(suspectSignals('渊记者 王明')).toBe(0);
    expect(suspectSignals('渊记者 王明', evidence) & SUSPECT_FOUNDER).toBe(SUSPECT_FOUNDER);
  });
});
