import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../src/core/model/base64';
import { COMMON_HAN_BITMAP } from '../../src/core/model/common-han.generated';
import { PAIR_DATA } from '../../src/core/model/pairs.generated';

describe('base64 tables', () => {
  it('decodes as Node does, padding included', () => {
    for (const text of [PAIR_DATA, COMMON_HAN_BITMAP, '', 'QQ==', 'QUI=', 'QUJD', '/+8=']) {
      expect(Buffer.from(decodeBase64(text)).equals(Buffer.from(text, 'base64'))).toBe(true);
    }
    expect(Array.from(decodeBase64('QUJD'))).toEqual([0x41, 0x42, 0x43]);
  });
  it('refuses what is not base64', () => {
    expect(() => decodeBase64('QU*D')).toThrow();
  });
});
