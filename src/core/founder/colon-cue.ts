/**
 * A shifted colon (院) that ends its paragraph right after words announcing what follows (…步骤如下院, …位于以下目录院,
 * before a list or a code block): as telling as a free shifted comma, since no paragraph ends in 如下院. Small and
 * table-free, so the cheap gate (gate.ts) uses it as well as the paragraph signs.
 */
import { isSpace } from '../text-classes';

/** Words that announce what follows a colon. */
const COLON_CUES = ['如下', '以下', '下列', '所示', '例如', '比如', '包括', '注意', '提示', '步骤', '方法', '原因', '结果', '说明', '参见', '详见', '用法', '命令'];
/** The cue may stand this many characters before the 院 (以下目录院). */
const CUE_REACH = 4;
const YUAN = 0x9662; // 院, the shifted ：

export function isCuedColonAtEnd(text: string, i: number, start: number, end: number): boolean {
  if (text.charCodeAt(i) !== YUAN) return false;
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) break;
    if (!isSpace(c)) return false;
  }
  return followsColonCue(text, i, start);
}

/** Whether words announcing what follows stand just before i (步骤如下院, 其中包括院). */
export function followsColonCue(text: string, i: number, start: number): boolean {
  const before = text.slice(Math.max(start, i - CUE_REACH - 1), i);
  return COLON_CUES.some((cue) => before.includes(cue));
}

/** Whether some line of the text ends in a cued 院 (for the gate). */
export function hasCuedColon(text: string): boolean {
  for (let i = text.indexOf('院'); i >= 0; i = text.indexOf('院', i + 1)) if (isCuedColonAtEnd(text, i, 0, text.length)) return true;
  return false;
}
