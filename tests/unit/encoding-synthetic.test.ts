/**
 * Every encoding mix-up applied, with the project's own WHATWG codecs, to clean paragraphs the engine was not
 * tuned on (the dev set's clean simplified, traditional and legit kinds), then repaired. A check of
 * generalisation beyond the damaged kinds the dev set holds; lossless cases only (lossy ones are scored there).
 */
import { describe, expect, it } from 'vitest';
import { loadDevset } from '../../scripts/lib/devset';
import { decode, reEncode, type CodecName } from '../../src/core/codecs';
import { repair } from '../../src/core';

/** Share (%) restored exactly, per mix-up (107 of 108 is the lowest today). */
const SYNTHETIC_EM_FLOOR = 98;

const texts = loadDevset()
  .filter((c) => ['clean_simplified', 'clean_traditional', 'clean_legit'].includes(c.kind))
  .map((c) => c.input);

const mixUps: [string, CodecName, CodecName][] = [
  ['UTF-8 shown as windows-1252', 'utf-8', 'windows-1252'],
  ['UTF-8 shown as ISO-8859-1', 'utf-8', 'iso-8859-1'],
  ['GBK shown as windows-1252', 'gbk', 'windows-1252'],
  ['GBK shown as ISO-8859-1', 'gbk', 'iso-8859-1'],
  ['Big5 read as GBK', 'big5', 'gbk'],
  ['GBK read as Big5', 'gbk', 'big5'],
];

describe('encoding mix-ups applied to clean text', () => {
  it.each(mixUps)('%s', (_, truth, shown) => {
    let n = 0;
    const missed: string[] = [];
    for (const text of texts) {
      const encoded = reEncode(truth, text);
      if (encoded.unmappable.length > 0) continue; // e.g. simplified text has no Big5 bytes
      const damaged = decode(shown, encoded.bytes);
      if (damaged.errors.length > 0) continue; // lossy: scored on the dev set's lossy cases
      n++;
      if (repair(damaged.text).text !== text) missed.push(text.slice(0, 20));
    }
    expect(n).toBeGreaterThan(30);
    expect(100 - (100 * missed.length) / n, `missed: ${missed.join(' | ')}`).toBeGreaterThanOrEqual(SYNTHETIC_EM_FLOOR);
  });

  it('double: UTF-8 shown as windows-1252, twice', () => {
    const missed = texts.filter((text) => {
      const once = decode('windows-1252', new TextEncoder().encode(text)).text;
      const twice = decode('windows-1252', new TextEncoder().encode(once)).text;
      return repair(twice).text !== text;
    });
    expect(100 - (100 * missed.length) / texts.length, `missed: ${missed.map((t) => t.slice(0, 20)).join(' | ')}`).toBeGreaterThanOrEqual(
      SYNTHETIC_EM_FLOOR,
    );
  });
});
