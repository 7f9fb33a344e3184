/**
 * 院 inside the name of an office, as classical biographies write appointments: 兼国史院编修官, 同知枢密院事, 召试学士院,
 * 监进奏院. A shifted-looking ： there is the character. In the clean corpus's real text (npm run build:fp-corpus), an
 * appointment verb one to four Han characters before (and no word of speech right before: 王司直曰：) or an office title
 * right after (编修 检讨 学士 修撰 山长, 事 and a mark) holds 院 1,511 times and ： once (我是一个直钱底物：). In modern
 * text the verbs start words instead (知识点：, 判断：, 兼职：), which the pair check leaves out.
 */
import { pairPmi } from '../model';
import { isHan } from '../text-classes';
import { hanAt, type MarkAt } from './founder-signs';
import { WORD_SUPPORT_FLOOR } from './founder-weights';

const YUAN = 0x9662; // 院

/** Verbs of appointment (知 covers 同知: the pair check looks at the verb's last character). */
const APPOINTMENT_VERBS = ['签书', '主管', '召试', '兼', '监', '除', '判', '直', '知', '充'];
/** The office's name between the verb and 院: 谏 (知谏院) to 三司都勾 (判三司都勾院). */
const NAME_MAX_CHARS = 4;
/** A colon after these is speech or a list's head (曰： 云： 之矣：; 日 is 曰 as scans misread it), whatever stood before. */
const SPEECH_BEFORE = new Set([...'曰云道说之矣也日'].map((c) => c.charCodeAt(0)));
/** Titles held in an office named by its 院. */
const OFFICE_TITLES = ['编修', '检讨', '学士', '修撰', '同修撰', '山长'];
const SHI = 0x4e8b; // 事: 签书枢密院事。

export function inOfficeName(text: string, i: number, start: number, end: number, markAt: MarkAt): boolean {
  if (text.charCodeAt(i) !== YUAN) return false;
  return afterAppointment(text, i, start, end, markAt) || beforeOfficeTitle(text, i, end, markAt);
}

function afterAppointment(text: string, i: number, start: number, end: number, markAt: MarkAt): boolean {
  if (SPEECH_BEFORE.has(text.charCodeAt(i - 1))) return false;
  for (let name = 1; name <= NAME_MAX_CHARS; name++) {
    const first = i - name;
    if (hanAt(text, first, start, end, markAt) < 0) return false;
    for (const verb of APPOINTMENT_VERBS) {
      const at = first - verb.length;
      if (at < start || !text.startsWith(verb, at)) continue;
      // The verb must stand alone, not start a word with the name (知识点, 判断, 兼职).
      if ((pairPmi(verb.charCodeAt(verb.length - 1), text.charCodeAt(first)) ?? 0) > WORD_SUPPORT_FLOOR) continue;
      return true;
    }
  }
  return false;
}

function beforeOfficeTitle(text: string, i: number, end: number, markAt: MarkAt): boolean {
  const next = text.charCodeAt(i + 1);
  if (next === SHI && i + 2 < end) {
    const after = text.charCodeAt(i + 2);
    return !isHan(after) || markAt(i + 2);
  }
  for (const t of OFFICE_TITLES) if (i + 1 + t.length <= end && text.startsWith(t, i + 1)) return true;
  return false;
}
