// R38: working days follow the State Council's official holiday schedule, including the adjusted working
// weekends (调休), from the `chinese-days` package. Dates are Asia/Shanghai calendar dates "YYYY-MM-DD".
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const data: { holidays: Record<string, string>; workdays: Record<string, string> } = require('chinese-days/dist/chinese-days.json');

export type IsoDate = string;

const DAY = 86400_000;
const toUtc = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (t: number): IsoDate => new Date(t).toISOString().slice(0, 10);

export function assertIsoDate(d: string): IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(toUtc(d)) || fromUtc(toUtc(d)) !== d) {
    throw new RangeError(`日期格式不正确：${d}（应为 YYYY-MM-DD）`);
  }
  return d;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromUtc(toUtc(d) + n * DAY);
}

/** Years whose official schedule the package carries; later years fall back to plain weekends. */
export const scheduledYears: ReadonlySet<number> = new Set(Object.keys(data.holidays).map((k) => Number(k.slice(0, 4))));

export function hasOfficialSchedule(year: number): boolean {
  return scheduledYears.has(year);
}

export function isWorkingDay(d: IsoDate): boolean {
  assertIsoDate(d);
  if (data.workdays[d]) return true; // 调休: a weekend made a working day
  if (data.holidays[d]) return false;
  const dow = new Date(toUtc(d)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The n-th working day after `d` (n ≥ 1). "Within 1 working day after entering the site" (R15) means by the end of
 * addWorkingDays(entryDate, 1). n = 0 returns `d` itself if it is a working day, else the next one.
 */
export function addWorkingDays(d: IsoDate, n: number): IsoDate {
  assertIsoDate(d);
  if (!Number.isInteger(n) || n < 0) throw new RangeError('工作日天数应为非负整数');
  let cur = d;
  if (n === 0) {
    while (!isWorkingDay(cur)) cur = addDays(cur, 1);
    return cur;
  }
  let left = n;
  while (left > 0) {
    cur = addDays(cur, 1);
    if (isWorkingDay(cur)) left--;
  }
  return cur;
}

/** Working days strictly after `from` up to and including `to` (negative when `to` is before `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  assertIsoDate(from);
  assertIsoDate(to);
  const sign = to >= from ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let n = 0;
  for (let cur = addDays(a, 1); cur <= b; cur = addDays(cur, 1)) if (isWorkingDay(cur)) n++;
  return sign * n;
}

export interface HolidayPeriod {
  /** Chinese name, e.g. 春节 */
  name: string;
  /** first and last day of the consecutive days off (weekends joined to the holiday included) */
  start: IsoDate;
  end: IsoDate;
  /** consecutive days off: R21 decides preventive inspections (≤ 3) or unannounced visits (> 3) */
  daysOff: number;
  /** adjusted working weekends (调休上班) that belong to this holiday */
  makeupWorkdays: IsoDate[];
}

// The names used in the State Council's notice (the package abbreviates some).
const OFFICIAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** The official holidays of a year, each with its whole run of days off and its 调休 working days. */
export function holidaysOfYear(year: number): HolidayPeriod[] {
  const prefix = `${year}-`;
  const days = Object.keys(data.holidays)
    .filter((d) => d.startsWith(prefix))
    .sort();
  const periods: HolidayPeriod[] = [];
  for (const d of days) {
    const raw = (data.holidays[d] ?? '').split(',')[1] ?? '';
    const name = OFFICIAL_NAMES[raw] ?? raw;
    const last = periods[periods.length - 1];
    if (last && last.name === name && addDays(last.end, 1) >= d) continue;
    // Extend over the whole non-working run around the holiday date.
    let start = d;
    while (!isWorkingDay(addDays(start, -1))) start = addDays(start, -1);
    let end = d;
    while (!isWorkingDay(addDays(end, 1))) end = addDays(end, 1);
    if (last && last.start === start) {
      // Two festivals in one break (e.g. 国庆节 and 中秋节 in 2025): one period, both names.
      if (!last.name.includes(name)) last.name = `${last.name}、${name}`;
      continue;
    }
    const makeupWorkdays = Object.keys(data.workdays)
      .filter((w) => (data.workdays[w] ?? '').split(',')[1] === raw && w.startsWith(prefix))
      .sort();
    periods.push({ name, start, end, daysOff: (toUtc(end) - toUtc(start)) / DAY + 1, makeupWorkdays });
  }
  return periods;
}
