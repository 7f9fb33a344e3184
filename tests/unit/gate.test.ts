/**
 * The cheap check runs on every text of every page: it must pass all damage through (a miss is a repair
 * never made) and stop clean Chinese before any codec or model runs (that is what most pages cost).
 */
import { describe, expect, it } from 'vitest';
import { SUSPECT_ENCODING, SUSPECT_FOUNDER, isSuspect, suspectSignals } from '../../src/core/gate';
import { loadDevset } from '../../scripts/lib/devset';

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

  it('passes a quiet paragraph of a Founder-damaged page when the page evidence says so', () => {
    const evidence = { chars: 100, han: 90, realPunct: 0, founderCandidates: 20, founderCommaStop: 10, paragraphs: 5, founderParagraphs: 4 };
    expect(suspectSignals('渊记者 王明冤')).toBe(0);
    expect(suspectSignals('渊记者 王明冤', evidence) & SUSPECT_FOUNDER).toBe(SUSPECT_FOUNDER);
  });
});
