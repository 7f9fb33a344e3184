import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/cli/detect-charset';
import { runCli, tempDir } from './cli-run';

const SIMPLIFIED = '这是一个简体中文的测试文件，用来检查编码识别是否正确。\n第二行：数字 123 与 English。\n';
const TRADITIONAL = '這是一個繁體中文的測試檔案，用來檢查編碼偵測是否正確。\n第二行：數字 123 與 English。\n';
/** Characters GBK lacks, so GB18030 writes them as four bytes. */
const GB18030_ONLY = '一个表情😀，一个欧元符号€，还有ḿ。\n';

describe('input charset detection (decodeInput)', () => {
  it('takes strict UTF-8 first', () => {
    expect(decodeInput(Buffer.from(SIMPLIFIED), 'x')).toEqual({ text: SIMPLIFIED, encoding: 'utf-8' });
  });

  it.each([
    ['GBK', SIMPLIFIED, 'gbk', 'gb18030'],
    ['GB18030', GB18030_ONLY, 'gb18030', 'gb18030'],
    ['Big5', TRADITIONAL, 'big5', 'big5'],
    ['GBK, two characters', '中文', 'gbk', 'gb18030'],
    ['Big5, two characters', '中文', 'big5', 'big5'],
  ])('recognises %s', (_, text, encoding, detected) => {
    expect(decodeInput(iconv.encode(text, encoding), 'x')).toEqual({ text, encoding: detected });
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SIMPLIFIED, 'utf16le')]);
    expect(decodeInput(bytes, 'x')).toEqual({ text: SIMPLIFIED, encoding: 'utf-16le' });
  });

  it('keeps U+FFFD in UTF-8 text: saved mojibake is text to flag, not binary', () => {
    const text = '��ã�����\n'.repeat(20);
    expect(decodeInput(Buffer.from(text), 'x').text).toBe(text);
  });

  it('calls NUL bytes and undecodable bytes binary', () => {
    expect(() => decodeInput(Buffer.from('abc\0def'), 'f')).toThrow('luanma: f: looks like a binary file');
    const noise = Buffer.from(Array.from({ length: 2048 }, (_, i) => 0x80 + ((i * 31) % 0x80)).map((b, i) => (i % 3 ? b : 0x7f)));
    expect(() => decodeInput(noise, 'f')).toThrow('looks like a binary file');
  });
});

describe('luanma CLI: GBK, GB18030 and Big5 files', () => {
  const dir = tempDir();
  it.each([
    ['gbk.txt', SIMPLIFIED, 'gbk'],
    ['gb18030.txt', GB18030_ONLY, 'gb18030'],
    ['big5.txt', TRADITIONAL, 'big5'],
  ])('%s is decoded and written out as UTF-8', (name, text, encoding) => {
    const path = join(dir, name);
    writeFileSync(path, iconv.encode(text, encoding));
    const r = runCli([path]);
    expect(r.status).toBe(0);
    expect(r.out).toBe(text);
  });
});
