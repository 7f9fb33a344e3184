/** Name → implementation. Tables inside each codec load lazily, on first use. */
import type { CodecImpl, CodecName } from './types';
import { utf8 } from './utf-8';
import { gbk } from './gbk';
import { big5 } from './big5';
import { shiftJis } from './shift-jis';
import { latin1, windows1252 } from './single-byte';

const IMPLS: Record<CodecName, CodecImpl> = {
  'utf-8': utf8,
  gbk,
  big5,
  shift_jis: shiftJis,
  'windows-1252': windows1252,
  'iso-8859-1': latin1,
};

export function codecImpl(codec: CodecName): CodecImpl {
  const impl = IMPLS[codec];
  if (!impl) throw new RangeError(`unknown codec: ${String(codec)}`);
  return impl;
}

/** Throws unless 0 <= start <= end <= length (all integers). */
export function checkRange(start: number, end: number, length: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) {
    throw new RangeError(`bad range [${start}, ${end}) for length ${length}`);
  }
}
