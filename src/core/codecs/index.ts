/**
 * Decoding and re-encoding exactly as browsers do (WHATWG Encoding Standard).
 * Pure: no DOM, no Node APIs; safe in a content script. Tables are unpacked on a
 * codec's first use.
 */
export type { CodecName, Decoded, ReEncoded } from './types';
export { CODEC_NAMES } from './types';
export { reEncode } from './re-encode';
export { decode, decodesCleanly } from './decode';
