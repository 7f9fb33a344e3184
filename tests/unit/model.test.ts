import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  COST_REPLACEMENT,
  hanLog10P,
  isCommonHan,
  isKnownHan,
  isTetragramWordAt,
  isTetragramWordStartingAt,
  pairLog10P,
  pairPmi,
  singleWordLog10P,
  textLog10P,
  UNSEEN_HAN_LOG10P,
} from '../../src/core/model';

const cp = (s: string): number => s.codePointAt(0)!;
const perChar = (s: string): number => {
  const r = textLog10P(s);
  return r.total / r.chars;
};
/** Bytes of `text` in `from`, read back as `to`: the damage a wrong charset guess does. */
const misread = (text: string, from: string, to: string): string => new TextDecoder(to).decode(iconv.encode(text, from));

// Sentences written for these tests (not from the dev set).
const SIMPLIFIED = ['今天天气很好，我们去公园散步吧。', '我们的研究发现这种方法非常有效。', '这家医院的医生都很认真负责。'];
const TRADITIONAL = ['我們今天在臺北的咖啡廳討論這個軟體的設計問題。', '這是一個關於歷史與文化的故事。', '學生們在圖書館裡安靜地讀書。'];
const JAPANESE = ['東京の天気は晴れです。今日は駅まで歩きました。', 'このソフトウェアはとても使いやすいと思います。'];
/** Natural text must beat its mojibake by at least this much per char (log10): a clear margin, not a coin toss. */
const MARGIN = 1.5;

describe('textLog10P: natural text scores clearly above its mojibake', () => {
  it('UTF-8 read as GBK', () => {
    expect(misread('你好世界', 'utf8', 'gbk')).toBe('浣犲ソ涓栫晫');
    expect(perChar('你好世界')).toBeGreaterThan(perChar('浣犲ソ涓栫晫') + MARGIN);
    for (const s of [...SIMPLIFIED, ...TRADITIONAL, ...JAPANESE]) {
      const bad = misread(s, 'utf8', 'gbk');
      expect(perChar(s), `${s} vs ${bad}`).toBeGreaterThan(perChar(bad) + MARGIN);
    }
  });
  it('simplified GBK read as Big5', () => {
    for (const s of SIMPLIFIED) {
      const bad = misread(s, 'gbk', 'big5');
      expect(perChar(s), `${s} vs ${bad}`).toBeGreaterThan(perChar(bad) + MARGIN);
    }
  });
  it('traditional Big5 read as GBK', () => {
    for (const s of TRADITIONAL) {
      const bad = misread(s, 'big5', 'gbk');
      expect(perChar(s), `${s} vs ${bad}`).toBeGreaterThan(perChar(bad) + MARGIN);
    }
  });
  it('Japanese Shift_JIS read as GBK, and UTF-8 read as Shift_JIS', () => {
    for (const s of JAPANESE) {
      for (const bad of [misread(s, 'shift_jis', 'gbk'), misread(s, 'utf8', 'shift_jis')]) {
        expect(perChar(s), `${s} vs ${bad}`).toBeGreaterThan(perChar(bad) + MARGIN);
      }
    }
  });
  it('UTF-8 read as windows-1252', () => {
    const s = SIMPLIFIED[0];
    const bad = misread(s, 'utf8', 'latin1');
    expect(perChar(s)).toBeGreaterThan(perChar(bad) + MARGIN);
  });
  it('natural text of all three kinds sits in the same band', () => {
    for (const s of [...SIMPLIFIED, ...TRADITIONAL, ...JAPANESE]) {
      expect(perChar(s), s).toBeGreaterThan(-3.5);
    }
  });
  it('Founder damage: the punctuation reading beats the shifted Han char', () => {
    expect(perChar('方法，参见第三章。')).toBeGreaterThan(perChar('方法袁参见第三章。'));
    expect(perChar('他说：“好的。”')).toBeGreaterThan(perChar('他说院野好的冶'));
  });
});

describe('textLog10P: bookkeeping', () => {
  it('counts code points, honours start/end, and punishes U+FFFD', () => {
    expect(textLog10P('').chars).toBe(0);
    expect(textLog10P('a😀b').chars).toBe(3);
    expect(textLog10P('xx你好yy', 2, 4).chars).toBe(2);
    expect(textLog10P('xx你好yy', 2, 4).total).toBeCloseTo(textLog10P('你好').total, 10);
    expect(textLog10P('\ufffd').total).toBe(COST_REPLACEMENT);
    expect(perChar('你好\ufffd世界')).toBeLessThan(perChar('你好世界') - 1);
  });
  it('a bigram inside a word raises the score over the same chars apart', () => {
    expect(textLog10P('医院').total).toBeGreaterThan(textLog10P('院医').total);
  });
  it('scores at least 2 M chars/s', () => {
    const text = (SIMPLIFIED.join('') + TRADITIONAL.join('') + JAPANESE.join('')).repeat(5000);
    textLog10P(text);
    const t0 = performance.now();
    textLog10P(text);
    const secs = (performance.now() - t0) / 1000;
    expect(text.length / secs).toBeGreaterThan(2e6);
  });
});

describe('unigram and single-character words', () => {
  it('orders chars by frequency and knows both scripts', () => {
    expect(hanLog10P(cp('的'))).toBeGreaterThan(hanLog10P(cp('袁')));
    expect(hanLog10P(cp('袁'))).toBeGreaterThan(hanLog10P(cp('犲')));
    for (const c of '的国國软軟体體这這') expect(isKnownHan(cp(c)), c).toBe(true);
    expect(isKnownHan(cp('A'))).toBe(false);
    expect(isKnownHan(cp('の'))).toBe(false);
    expect(hanLog10P(cp('𠀀'))).toBe(UNSEEN_HAN_LOG10P);
    expect(UNSEEN_HAN_LOG10P).toBeLessThan(hanLog10P(cp('犲')));
  });
  it('single-character words: 要 也 以 一 are frequent, 袁 alone is rare', () => {
    for (const c of '要也以一') expect(singleWordLog10P(cp(c))!, c).toBeGreaterThan(-3.5);
    expect(singleWordLog10P(cp('袁')) ?? -Infinity).toBeLessThan(singleWordLog10P(cp('要'))! - 1);
    expect(singleWordLog10P(cp('A'))).toBeUndefined();
  });
});

describe('pairs', () => {
  it('袁世 is a word pair, 法袁 and 袁参 are not', () => {
    expect(pairPmi(cp('袁'), cp('世'))!).toBeGreaterThan(0);
    const fa = pairPmi(cp('法'), cp('袁'));
    expect(fa === undefined || fa <= 0).toBe(true);
    const can = pairPmi(cp('袁'), cp('参'));
    expect(can === undefined || can <= 0).toBe(true);
  });
  it('gives conditional probabilities in range, for both scripts', () => {
    for (const [a, b] of ['中国', '中國', '医院', '醫院', '野生', '远方', '遠方', '一个']) {
      const p = pairLog10P(cp(a), cp(b));
      expect(p, a + b).toBeDefined();
      expect(p!).toBeLessThanOrEqual(0);
      expect(p!).toBeGreaterThan(-4);
      expect(pairPmi(cp(a), cp(b))!, a + b).toBeGreaterThan(0);
    }
    expect(pairLog10P(cp('A'), cp('B'))).toBeUndefined();
  });
  it('keeps rare pairs of Founder candidate chars (GBK lead 0xD2-0xD4) that a top-K cut would drop', () => {
    // 袁 (D4AC) and 冶 (D2B1) words are rare, far below the count where other pairs are cut.
    expect(pairLog10P(cp('袁'), cp('世'))).toBeDefined();
    expect(pairLog10P(cp('冶'), cp('金'))).toBeDefined();
    expect(pairLog10P(cp('陶'), cp('冶'))).toBeDefined();
  });
});

describe('common Han class for the cheap gate', () => {
  it('covers everyday simplified and traditional chars only', () => {
    for (const c of '的是在我们們国國这這说說') expect(isCommonHan(cp(c)), c).toBe(true);
    // 犲 is in: jieba lists it as a frequent single-char word. These come from UTF-8 read as GBK.
    for (const c of '栫晫銇') expect(isCommonHan(cp(c)), c).toBe(false);
    expect(isCommonHan(cp('A'))).toBe(false);
    expect(isCommonHan(cp('，'))).toBe(false);
    expect(isCommonHan(0x20000)).toBe(false);
  });
});

describe('generated tables', () => {
  const dir = join(__dirname, '../../src/core/model');
  const files = readdirSync(dir).filter((f) => f.endsWith('.generated.ts'));
  // 400 KB until the three-character word lists (20 KB) came in: they earn it on held-out text (枢密院, 袁世凯).
  it('stay under the 420 KB budget and carry the do-not-edit header', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const bytes = files.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    expect(bytes).toBeLessThan(420_000);
    for (const f of files) {
      const head = readFileSync(join(dir, f), 'utf8').slice(0, 300);
      expect(head, f).toContain('Generated by scripts/build-model.ts');
      expect(head, f).toContain('Do not edit');
    }
  });
  it('keeps the gate bitmap small (it ships in the first content script)', () => {
    expect(statSync(join(dir, 'common-han.generated.ts')).size).toBeLessThan(8_000);
  });
});

describe('four-character words beside a weighed Founder character', () => {
  it('knows idioms and institutions ending or starting in one, at any offset, and nothing else', () => {
    expect(isTetragramWordAt('只有一步之遥', 2)).toBe(true);
    expect(isTetragramWordAt('人民法院', 0)).toBe(true);
    expect(isTetragramWordStartingAt('遥遥无期了', 0)).toBe(true);
    expect(isTetragramWordAt('只有一步之遥', 1)).toBe(false);
    expect(isTetragramWordAt('一步之', 0)).toBe(false);
    expect(isTetragramWordAt('一步之遥', -1)).toBe(false);
    expect(isTetragramWordAt('我们去吧', 0)).toBe(false);
  });
});
