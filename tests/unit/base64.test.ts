import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Loop } from '../../src/core/model/base64';
import { COMMON_HAN_BITMAP } from '../../src/core/model/common-han.generated';
import { PAIR_DATA } from '../../src/core/model/pairs.generated';

describe('base64 tables', () => {
  it('the native path and the written-out loop decode alike, padding included', () => {
    for (const text of [PAIR_DATA, COMMON_HAN_BITMAP, '', 'QQ==', 'QUI=', 'QUJD', '/+8=']) {
      expect(Array.from(decodeBase64(text))).toEqual(Array.from(decodeBase64Loop(text)));
    }
    expect(Array.from(decodeBase64('QUJD'))).toEqual([0x41, 0x42, 0x43]);
  });
  it('the loop refuses what is not base64', () => {
    expect(() => decodeBase64Loop('QU*D')).toThrow(/bad base64/);
  });
});
