/**
 * UTF-8 shown as windows-1252 or Latin-1 by a viewer that dropped the bytes it could not show: windows-1252 has no
 * character for 0x81 0x8D 0x8F 0x90 0x9D (browsers show C1 controls, which copying and many tools strip) and 0xAD is
 * the invisible soft hyphen; Latin-1 shows all of 0x80–0x9F as controls. Only continuation bytes are in these sets,
 * so every drop leaves a UTF-8 character truncated, and nothing else: a text whose every decode error is such a
 * truncation is UTF-8 with dropped bytes, not text of another codec (ä¸æ–‡ is 中文 with 0xAD gone, never GBK).
 */
import type { CodecName } from '../codecs';

function byteSet(bytes: number[]): Uint8Array {
  return Uint8Array.from(bytes);
}

const C1 = Array.from({ length: 0x20 }, (_, i) => 0x80 + i);

/** The bytes each viewer drops, per the codec it showed the text with. */
export const DROPPABLE: Partial<Record<CodecName, Uint8Array>> = {
  'windows-1252': byteSet([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xad]),
  'iso-8859-1': byteSet([...C1, 0xad]),
};

/**
 * log10 of how often a UTF-8 CJK character (two continuation bytes) loses one to the viewer: 6 of 64 continuation
 * values for windows-1252 (about one character in five), 33 of 64 for Latin-1 (three in four). What a drop costs
 * the reading that blames it, against the readings that blame another codec.
 */
export const DROP_LOG10P: Partial<Record<CodecName, number>> = {
  'windows-1252': Math.log10(1 - (1 - 6 / 64) ** 2),
  'iso-8859-1': Math.log10(1 - (1 - 33 / 64) ** 2),
};

/**
 * What a character lost to drops costs the reading, beside its drop: about a typical Chinese character (log10),
 * since it was one. The language model's U+FFFD cost is for a decoder that gave up, not for a byte a viewer hid.
 */
export const LOST_CHAR_LOG10P = -3;

/**
 * The length a UTF-8 lead byte announces, or 0 for a byte that leads nothing (a continuation byte, C0, C1,
 * F5–FF).
 */
export function utf8Length(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? (lead <= 0xef ? 3 : 0) : lead >= 0xc2 ? 2 : 0;
}

/**
 * Whether every decode error of bytes[bs, be) is a character truncated by dropped bytes: a lead byte followed by
 * fewer continuation bytes than it announces, the next byte no continuation (or the end). A stray continuation
 * byte or an invalid byte means something else happened.
 */
export function errorsAreDrops(bytes: Uint8Array, be: number, errors: readonly number[]): boolean {
  for (const e of errors) {
    const need = utf8Length(bytes[e]);
    if (need === 0) return false;
    let k = e + 1;
    while (k < be && k - e < need && (bytes[k] & 0xc0) === 0x80) k++;
    if (k - e >= need) return false; // complete but invalid (overlong, surrogate): not a drop
    if (k < be && (bytes[k] & 0xc0) === 0x80) return false;
  }
  return true;
}
