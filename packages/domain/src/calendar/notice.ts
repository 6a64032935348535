// R38: checking a year's notice (放假安排通知) before it replaces the provisional calendar. Every problem is named in
// Chinese with its date, so the administrator can correct the entry.
import { addDays, assertIsoDate, isWeekend, type CalendarNotice, type HolidayRange, type IsoDate } from './calendar.js';
import { statutoryFestivalDays } from './statutory.js';

export interface NoticeInput {
  notice: CalendarNotice;
  holidays: HolidayRange[];
  makeupWorkdays: IsoDate[];
}

const md = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const valid = (d: string) => {
  try {
    assertIsoDate(d);
    return true;
  } catch {
    return false;
  }
};

/** The problems of a notice for `year` (empty when it can be entered). */
export function noticeProblems(year: number, input: NoticeInput): string[] {
  const out: string[] = [];
  const inYear = (d: IsoDate) => d.startsWith(`${year}-`);
  if (!input.notice.number.trim()) out.push('请填写通知文号');
  if (!valid(input.notice.issuedOn)) out.push(`发布日期格式不正确：${input.notice.issuedOn}`);
  else if (input.notice.issuedOn < `${year - 1}-01-01` || input.notice.issuedOn > `${year}-12-31`) out.push(`发布日期应在${year - 1}年或${year}年内`);
  if (input.holidays.length === 0) out.push('请至少填写一个放假安排');
  const off = new Map<IsoDate, string>();
  for (const h of input.holidays) {
    if (!h.name.trim()) out.push('放假安排须填写节日名称');
    if (!valid(h.from) || !valid(h.to)) {
      out.push(`${h.name}的放假日期格式不正确`);
      continue;
    }
    if (h.from > h.to) {
      out.push(`${h.name}的放假起始日期（${h.from}）晚于结束日期（${h.to}）`);
      continue;
    }
    if (!inYear(h.from) || !inYear(h.to)) {
      out.push(`${h.name}的放假日期（${h.from}至${h.to}）不在${year}年内`);
      continue;
    }
    if ((Date.parse(h.to) - Date.parse(h.from)) / 86400_000 > 14) out.push(`${h.name}连续放假超过15天，请核对日期`);
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) {
      const other = off.get(d);
      if (other !== undefined) out.push(`${h.name}与${other}的放假日期重叠（${md(d)}）`);
      else off.set(d, h.name);
    }
  }
  const makeup = new Set<IsoDate>();
  for (const w of input.makeupWorkdays) {
    if (!valid(w)) {
      out.push(`调休上班日期格式不正确：${w}`);
      continue;
    }
    if (!inYear(w)) out.push(`调休上班日期（${w}）不在${year}年内`);
    else if (makeup.has(w)) out.push(`调休上班日期重复：${md(w)}`);
    else if (off.has(w)) out.push(`${md(w)}既是${off.get(w)}放假日又是调休上班日`);
    else if (!isWeekend(w)) out.push(`${md(w)}不是周六或周日，无需调休上班`);
    makeup.add(w);
  }
  // The law's festival days are days off whatever the notice arranges: none may be missing or made a working day.
  for (const f of statutoryFestivalDays(year)) {
    if (makeup.has(f.date)) out.push(`${md(f.date)}（${f.name}）是法定节假日，不能安排为调休上班日`);
    else if (!off.has(f.date)) out.push(`${md(f.date)}（${f.name}）是法定节假日，通知中未安排放假`);
  }
  return [...new Set(out)];
}
