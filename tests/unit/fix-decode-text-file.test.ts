/** Charset detection for files opened in the paste-and-fix page: browser TextDecoder only, no Node modules. */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeTextFile, plausibility } from '../../src/core/text-file';

const SEED = readFileSync(new URL('../fixtures/seed-founder.expected.txt', import.meta.url), 'utf8');
const SIMPLIFIED = '基层党组织是宣传党的主张、贯彻党的决定、领导基层治理的坚强战斗堡垒。\n今年七月，习近平总书记在全国组织工作会议上指出。\n';
const TRADITIONAL = '基層黨組織是宣傳黨的主張、貫徹黨的決定、領導基層治理的堅強戰鬥堡壘。\n我們今天在臺灣讀書，學習中文與歷史。\n';
const bytes = (b: Buffer) => new Uint8Array(b);

describe('decodeTextFile', () => {
  it('UTF-8 (strict) stays UTF-8', () => {
    expect(decodeTextFile(new TextEncoder().encode(SEED))).toEqual({ ok: true, text: SEED, encoding: 'utf-8' });
  });

  it('GBK bytes decode as GB18030', () => {
    expect(decodeTextFile(bytes(iconv.encode(SIMPLIFIED, 'gbk')))).toEqual({ ok: true, text: SIMPLIFIED, encoding: 'gb18030' });
    expect(decodeTextFile(bytes(iconv.encode(SEED, 'gbk')))).toEqual({ ok: true, text: SEED, encoding: 'gb18030' });
  });

  it('GB18030 four-byte sequences decode', () => {
    const text = `${SIMPLIFIED}€ 𠀀 ḿ\n`;
    const r = decodeTextFile(bytes(iconv.encode(text, 'gb18030')));
    expect(r).toEqual({ ok: true, text, encoding: 'gb18030' });
  });

  it('Big5 bytes decode as Big5', () => {
    expect(decodeTextFile(bytes(iconv.encode(TRADITIONAL, 'big5')))).toEqual({ ok: true, text: TRADITIONAL, encoding: 'big5' });
  });

  it('Big5 text scores higher as Big5 than as GB18030 (and GBK text the other way)', () => {
    const big5 = bytes(iconv.encode(TRADITIONAL, 'big5'));
    const gbk = bytes(iconv.encode(SIMPLIFIED, 'gbk'));
    expect(plausibility(new TextDecoder('big5').decode(big5), 'big5')).toBeGreaterThan(plausibility(new TextDecoder('gb18030').decode(big5), 'gb18030'));
    expect(plausibility(new TextDecoder('gb18030').decode(gbk), 'gb18030')).toBeGreaterThan(plausibility(new TextDecoder('big5').decode(gbk), 'big5'));
  });

  it('UTF-16 with a byte-order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'乱码'].map((c) => c.charCodeAt(0))).buffer)]);
    expect(decodeTextFile(le)).toEqual({ ok: true, text: '乱码', encoding: 'utf-16le' });
  });

  it('an empty file is reported as empty', () => {
    expect(decodeTextFile(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it('NUL bytes or undecodable noise are binary', () => {
    expect(decodeTextFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]))).toEqual({ ok: false, reason: 'binary' });
    // A PNG header and pseudo-random bytes without NUL: neither UTF-8 nor plausible legacy text.
    let x = 12345;
    const noise = new Uint8Array(4096).map(() => { x = (x * 1103515245 + 12345) >>> 0; return (x >>> 16) % 255 + 1; });
    noise.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(decodeTextFile(noise)).toEqual({ ok: false, reason: 'binary' });
  });

  it('control-character-heavy UTF-8 is binary', () => {
    expect(decodeTextFile(new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))))).toEqual({ ok: false, reason: 'binary' });
  });
});
