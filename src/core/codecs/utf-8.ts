/**
 * UTF-8 as the WHATWG UTF-8 decoder reads it: maximal-subpart replacement (one
 * U+FFFD per maximal invalid prefix, the offending byte re-read), no BOM handling
 * (EF BB BF decodes to U+FEFF here; BOM sniffing belongs to the caller).
 */
import type { CodecImpl } from './types';

export const utf8: CodecImpl = {
  maxBytesPerUnit: 3,

  encode(text, start, end, out, byteAt, unmappable) {
    let o = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      byteAt[i - start] = o;
      if (c < 0x80) {
        out[o++] = c;
      } else if (c < 0x800) {
        out[o++] = 0xc0 | (c >> 6);
        out[o++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || (c > 0xdfff && c !== 0xfffd)) {
        out[o++] = 0xe0 | (c >> 12);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
      } else if (c <= 0xdbff && i + 1 < end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          out[o++] = 0xf0 | (cp >> 18);
          out[o++] = 0x80 | ((cp >> 12) & 0x3f);
          out[o++] = 0x80 | ((cp >> 6) & 0x3f);
          out[o++] = 0x80 | (cp & 0x3f);
          byteAt[++i - start] = o;
        } else {
          unmappable.push(i);
        }
      } else {
        unmappable.push(i); // lone surrogate or U+FFFD
      }
    }
    byteAt[end - start] = o;
    return o;
  },

  decode(bytes, start, end, units, srcAt, errors) {
    let i = start;
    let j = 0;
    while (i < end) {
      const b = bytes[i];
      if (b < 0x80) {
        srcAt[j] = i;
        units[j++] = b;
        i++;
        continue;
      }
      let needed: number;
      let cp: number;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        else if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        else if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x7;
      } else {
        // Not a lead byte: one U+FFFD for this byte.
        if (errors === null) return -1;
        errors.push(i);
        srcAt[j] = i;
        units[j++] = 0xfffd;
        i++;
        continue;
      }
      let k = i + 1;
      let ok = true;
      for (let n = 0; n < needed; n++, k++) {
        if (k >= end) {
          ok = false; // truncated: one U+FFFD for what is left
          break;
        }
        const t = bytes[k];
        if (t < lower || t > upper) {
          ok = false; // the offending byte is read again
          break;
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (t & 0x3f);
      }
      srcAt[j] = i;
      if (!ok) {
        if (errors === null) return -1;
        errors.push(i);
        units[j++] = 0xfffd;
        i = k;
        continue;
      }
      if (cp < 0x10000) {
        units[j++] = cp;
      } else {
        units[j++] = 0xd800 + ((cp - 0x10000) >> 10);
        srcAt[j] = k;
        units[j++] = 0xdc00 + (cp & 0x3ff);
      }
      i = k;
    }
    srcAt[j] = end;
    return j;
  },
};
