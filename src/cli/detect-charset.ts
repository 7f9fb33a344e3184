/**
 * Turns input bytes into text through the project's one file reader (`src/core/text-file.ts`, shared with
 * the paste-and-fix page): UTF-16 with a BOM, strict UTF-8, or the likelier of GB18030 and Big5; binary and
 * undecodable input is refused with a one-line message.
 */
import { decodeTextFile, type FileEncoding } from '../core/text-file';
import { inputError } from './cli-error';

export type InputEncoding = FileEncoding;

export interface DecodedInput {
  text: string;
  encoding: InputEncoding;
}

export function decodeInput(bytes: Uint8Array, name: string): DecodedInput {
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };
  // keepBom: a UTF-8 BOM stays in the text, and the writer puts it back out unchanged.
  const file = decodeTextFile(bytes, { keepBom: true });
  if (!file.ok) throw inputError(`luanma: ${name}: looks like a binary file`);
  return { text: file.text, encoding: file.encoding };
}
