// R38: the working-day calendar as data. A year is either official — the State Council's notice (放假安排通知) is
// known: its holidays and adjusted working weekends (调休) — or provisional, when only the statutory festival days of
// 《全国年节及纪念日放假办法》 are known. The functions take the calendar as a value (no I/O, no node: modules), so
// the server (loaded from its database) and the browser (fetched from the API) count days the same way.
// Dates are Asia/Shanghai calendar dates "YYYY-MM-DD".

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

/** 0 = Sunday … 6 = Saturday */
export function dayOfWeek(d: IsoDate): number {
  return new Date(toUtc(d)).getUTCDay();
}

export const isWeekend = (d: IsoDate) => {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
};

export interface CalendarNotice {
  /** 文号, e.g. 国办发明电〔2026〕7号 */
  number: string;
  issuedOn: IsoDate;
}

/** A run of days off as the notice states it (weekend days inside the run included). */
export interface HolidayRange {
  name: string;
  from: IsoDate;
  to: IsoDate;
}

export interface CalendarYear {
  year: number;
  /** true when the year's schedule is final (the notice is entered, or a published schedule was loaded) */
  official: boolean;
  notice: CalendarNotice | null;
  holidays: HolidayRange[];
  /** weekend days made working days (调休上班) */
  makeupWorkdays: IsoDate[];
}

export type DayKind = 'holiday' | 'makeup' | 'weekend' | 'workday';

export interface CalendarDay {
  date: IsoDate;
  working: boolean;
  name?: string;
  kind: DayKind;
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

/** Statutory days off per festival under the 2024 revision of 《全国年节及纪念日放假办法》 (in force from 2025). */
export const STATUTORY_DAYS: Readonly<Record<string, number>> = { 元旦: 1, 春节: 4, 清明节: 1, 劳动节: 2, 端午节: 1, 中秋节: 1, 国庆节: 3 };

interface YearIndex {
  data: CalendarYear;
  off: Map<IsoDate, string>;
  makeup: Set<IsoDate>;
  months?: (readonly IsoDate[])[];
}

/** A year with weekends only: what is known of a year when no rule for it is given. */
const weekendsOnly = (year: number): CalendarYear => ({ year, official: false, notice: null, holidays: [], makeupWorkdays: [] });

export class WorkingCalendar {
  private readonly index = new Map<number, YearIndex>();
  private readonly given: readonly CalendarYear[];

  /**
   * @param years the years known (official or provisional)
   * @param fallback what a year not given is (the domain's default computes its statutory festival days)
   */
  constructor(
    years: readonly CalendarYear[],
    private readonly fallback: (year: number) => CalendarYear = weekendsOnly,
  ) {
    this.given = years;
    for (const y of years) this.index.set(y.year, indexYear(y));
  }

  /** The same calendar with `year` replaced (a notice entered). */
  with(year: CalendarYear): WorkingCalendar {
    return new WorkingCalendar([...this.given.filter((y) => y.year !== year.year), year], this.fallback);
  }

  private yearIndex(year: number): YearIndex {
    let ix = this.index.get(year);
    if (!ix) {
      ix = indexYear(this.fallback(year));
      this.index.set(year, ix);
    }
    return ix;
  }

  year(year: number): CalendarYear {
    return this.yearIndex(year).data;
  }

  isOfficial(year: number): boolean {
    return this.yearIndex(year).data.official;
  }

  /** A date is provisional when its year's notice is not known yet. */
  isProvisional(d: IsoDate): boolean {
    return !this.isOfficial(Number(d.slice(0, 4)));
  }

  /** Whether a date counted from `from` to `to` (either order) crosses a provisional year. */
  provisionalBetween(from: IsoDate, to: IsoDate): boolean {
    const [a, b] = from <= to ? [from, to] : [to, from];
    for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) if (!this.isOfficial(y)) return true;
    return false;
  }

  isWorkingDay(d: IsoDate): boolean {
    assertIsoDate(d);
    const ix = this.yearIndex(Number(d.slice(0, 4)));
    if (ix.makeup.has(d)) return true; // 调休: a weekend made a working day
    if (ix.off.has(d)) return false;
    return !isWeekend(d);
  }

  day(d: IsoDate): CalendarDay {
    const ix = this.yearIndex(Number(d.slice(0, 4)));
    if (ix.makeup.has(d)) return { date: d, working: true, name: makeupName(this, d), kind: 'makeup' };
    const name = ix.off.get(d);
    if (name) return { date: d, working: false, name, kind: 'holiday' };
    return isWeekend(d) ? { date: d, working: false, kind: 'weekend' } : { date: d, working: true, kind: 'workday' };
  }

  days(year: number): CalendarDay[] {
    const out: CalendarDay[] = [];
    for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) out.push(this.day(d));
    return out;
  }

  /** The working days of a month (1–12), computed once per calendar (a province's planning asks per agency). */
  workingDaysOfMonth(year: number, month: number): readonly IsoDate[] {
    const ix = this.yearIndex(year);
    ix.months ??= [];
    const cached = ix.months[month];
    if (cached) return cached;
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    const out: IsoDate[] = [];
    for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) if (this.isWorkingDay(d)) out.push(d);
    ix.months[month] = out;
    return out;
  }

  /**
   * The n-th working day after `d` (n ≥ 1). "Within 1 working day after entering the site" (R15) means by the end of
   * addWorkingDays(entryDate, 1). n = 0 returns `d` itself if it is a working day, else the next one.
   */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    assertIsoDate(d);
    if (!Number.isInteger(n) || n < 0) throw new RangeError('工作日天数应为非负整数');
    let cur = d;
    if (n === 0) {
      while (!this.isWorkingDay(cur)) cur = addDays(cur, 1);
      return cur;
    }
    let left = n;
    while (left > 0) {
      cur = addDays(cur, 1);
      if (this.isWorkingDay(cur)) left--;
    }
    return cur;
  }

  /** Working days strictly after `from` up to and including `to` (negative when `to` is before `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    assertIsoDate(from);
    assertIsoDate(to);
    const sign = to >= from ? 1 : -1;
    const [a, b] = sign > 0 ? [from, to] : [to, from];
    let n = 0;
    for (let cur = addDays(a, 1); cur <= b; cur = addDays(cur, 1)) if (this.isWorkingDay(cur)) n++;
    return sign * n;
  }

  /** The holidays of a year, each with its whole run of days off and its 调休 working days. */
  holidaysOfYear(year: number): HolidayPeriod[] {
    const data = this.year(year);
    const periods: (HolidayPeriod & { borrowed: number })[] = [];
    for (const h of [...data.holidays].sort((a, b) => a.from.localeCompare(b.from))) {
      // Extend over the whole non-working run around the holiday.
      let start = h.from;
      while (!this.isWorkingDay(addDays(start, -1))) start = addDays(start, -1);
      let end = h.to;
      while (!this.isWorkingDay(addDays(end, 1))) end = addDays(end, 1);
      const last = periods[periods.length - 1];
      if (last && last.start === start) {
        // Two festivals in one break (e.g. 国庆节 and 中秋节 in 2025): one period, both names.
        for (const part of h.name.split('、').map(festivalOf)) if (!last.name.split('、').includes(part)) last.name = `${last.name}、${part}`;
        continue;
      }
      periods.push({ name: festivalOf(h.name), start, end, daysOff: (toUtc(end) - toUtc(start)) / DAY + 1, makeupWorkdays: [], borrowed: 0 });
    }
    // A 调休 working day repays a weekday taken off beyond the statutory days; give each to the nearest holiday that
    // borrowed one (the notice lists them per holiday, the stored calendar as plain dates).
    for (const p of periods) {
      let weekdays = 0;
      for (let d = p.start; d <= p.end; d = addDays(d, 1)) if (!isWeekend(d)) weekdays++;
      const statutory = p.name.split('、').reduce((n, part) => n + (STATUTORY_DAYS[part] ?? 1), 0);
      p.borrowed = Math.max(0, weekdays - statutory);
    }
    const dist = (d: IsoDate, p: HolidayPeriod) => Math.min(Math.abs(toUtc(d) - toUtc(p.start)), Math.abs(toUtc(d) - toUtc(p.end)));
    for (const w of [...data.makeupWorkdays].sort()) {
      const open = periods.filter((p) => p.borrowed > 0);
      const pool = open.length ? open : periods;
      const near = pool.reduce<(typeof periods)[number] | undefined>((best, p) => (!best || dist(w, p) < dist(w, best) ? p : best), undefined);
      if (!near) continue;
      near.makeupWorkdays.push(w);
      near.borrowed--;
    }
    return periods.map(({ borrowed: _b, ...p }) => p);
  }
}

/** 劳动节（补假） → 劳动节 */
const festivalOf = (name: string) => name.replace(/（补假）$/, '');

function makeupName(cal: WorkingCalendar, d: IsoDate): string {
  const p = cal.holidaysOfYear(Number(d.slice(0, 4))).find((h) => h.makeupWorkdays.includes(d));
  return p ? `${p.name}调休上班` : '调休上班';
}

function indexYear(data: CalendarYear): YearIndex {
  const off = new Map<IsoDate, string>();
  for (const h of data.holidays) {
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) {
      const known = off.get(d);
      off.set(d, known && !known.split('、').includes(h.name) ? `${known}、${h.name}` : h.name);
    }
  }
  return { data, off, makeup: new Set(data.makeupWorkdays) };
}

// The names used in the State Council's notice (the chinese-days package abbreviates some).
const OFFICIAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/**
 * The published schedules carried by the `chinese-days` package (its JSON, given as data), as calendar years: each
 * run of consecutive days with one name is a holiday range; every year it covers is official.
 */
export function calendarYearsFromChineseDays(data: { holidays: Record<string, string>; workdays: Record<string, string> }): CalendarYear[] {
  const years = new Map<number, CalendarYear>();
  const yearOf = (d: IsoDate) => {
    const y = Number(d.slice(0, 4));
    let c = years.get(y);
    if (!c) years.set(y, (c = { year: y, official: true, notice: null, holidays: [], makeupWorkdays: [] }));
    return c;
  };
  for (const d of Object.keys(data.holidays).sort()) {
    const raw = (data.holidays[d] ?? '').split(',')[1] ?? '';
    const name = OFFICIAL_NAMES[raw] ?? raw;
    const c = yearOf(d);
    const last = c.holidays[c.holidays.length - 1];
    if (last && last.name === name && addDays(last.to, 1) === d) last.to = d;
    else c.holidays.push({ name, from: d, to: d });
  }
  for (const d of Object.keys(data.workdays).sort()) yearOf(d).makeupWorkdays.push(d);
  return [...years.values()].sort((a, b) => a.year - b.year);
}
