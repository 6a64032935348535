// R38: what the law fixes for every year. 《全国年节及纪念日放假办法》 (2024 revision, in force from 2025): 元旦 1 day,
// 春节 4 (除夕 and 正月初一至初三), 清明节 1 (the solar term day), 劳动节 2 (5月1日、2日), 端午节 1 (五月初五), 中秋节 1
// (八月十五), 国庆节 3 (10月1日至3日); a festival day falling on a Saturday or Sunday is made up on a working day (第六条).
// Only the arrangement of the makeup days and 调休 waits for the State Council's notice of the year.
// Lunar dates and solar terms come from lunar-typescript (astronomical computation, no table limit).
import { Lunar, Solar } from 'lunar-typescript';
import { addDays, isWeekend, STATUTORY_DAYS, type CalendarYear, type HolidayRange, type IsoDate } from './calendar.js';

export interface FestivalDay {
  date: IsoDate;
  name: string;
}

const ymd = (s: Solar): IsoDate => s.toYmd();
const run = (from: IsoDate, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

function qingming(year: number): IsoDate {
  for (let day = 3; day <= 6; day++) {
    const s = Solar.fromYmd(year, 4, day);
    if (s.getLunar().getJieQi() === '清明') return ymd(s);
  }
  throw new RangeError(`${year}年清明日期无法计算`);
}

const cache = new Map<number, FestivalDay[]>();

/** The statutory festival days of a year (several names on one day when festivals coincide, e.g. 中秋 on 10月1日). */
export function statutoryFestivalDays(year: number): FestivalDay[] {
  const known = cache.get(year);
  if (known) return known;
  const springFestival = ymd(Lunar.fromYmd(year, 1, 1).getSolar());
  const groups: [string, IsoDate[]][] = [
    ['元旦', [`${year}-01-01`]],
    // 除夕 is the day before 正月初一 (the last day of the twelfth month, 29th or 30th).
    ['春节', run(addDays(springFestival, -1), 4)],
    ['清明节', [qingming(year)]],
    ['劳动节', run(`${year}-05-01`, 2)],
    ['端午节', [ymd(Lunar.fromYmd(year, 5, 5).getSolar())]],
    ['中秋节', [ymd(Lunar.fromYmd(year, 8, 15).getSolar())]],
    ['国庆节', run(`${year}-10-01`, 3)],
  ];
  const out = groups.flatMap(([name, days]) => days.filter((d) => d.startsWith(`${year}-`)).map((date) => ({ date, name })));
  out.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, out);
  return out;
}

/**
 * A year as far as the law fixes it, before its notice: the statutory festival days, and for each festival day on a
 * weekend (or on another festival's day) a makeup day off on the next working day after the festival — where the
 * notice will place it is not known, so every date of the year is provisional.
 */
export function provisionalYear(year: number): CalendarYear {
  const days = statutoryFestivalDays(year);
  const taken = new Set(days.map((d) => d.date));
  const counted = new Set<IsoDate>();
  const holidays: HolidayRange[] = [];
  for (const name of Object.keys(STATUTORY_DAYS)) {
    const own = days.filter((d) => d.name === name).map((d) => d.date);
    if (own.length === 0) continue;
    holidays.push({ name, from: own[0]!, to: own[own.length - 1]! });
    // owed: festival days on a weekend, or on a day another festival already gave
    const owed = own.filter((d) => isWeekend(d) || counted.has(d)).length;
    for (const d of own) counted.add(d);
    let d = own[own.length - 1]!;
    for (let left = owed; left > 0; ) {
      d = addDays(d, 1);
      if (isWeekend(d) || taken.has(d)) continue;
      taken.add(d);
      holidays.push({ name: `${name}（补假）`, from: d, to: d });
      left--;
    }
  }
  holidays.sort((a, b) => a.from.localeCompare(b.from));
  return { year, official: false, notice: null, holidays, makeupWorkdays: [] };
}
