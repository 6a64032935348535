import { describe, expect, it } from 'vitest';
import { paymentDue, penaltyPeriods, periodDue, publicationWithdrawalDue } from '../src/penalty/deadlines.js';
import { addDays, addWorkingDays, hasOfficialSchedule, holidaysOfYear, isProvisionalDate, isWorkingDay, noticeProblems, statutoryFestivalDays, workingCalendar, WorkingCalendar, workingDaysBetween } from '../src/calendar/workingDays.js';

describe('R38: working-day calendar on the official schedule', () => {
  it('R38: 2026 holidays and adjusted working weekends (调休)', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // 国庆节
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday made a working day
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday before 春节, 调休
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-11-21')).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-11-23')).toBe(true); // ordinary Monday
  });
  it('R38: 2025 schedule including 调休 Sundays', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true); // Sunday, 春节调休
    expect(isWorkingDay('2025-02-08')).toBe(true);
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, 国庆调休
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-10-11')).toBe(true);
  });
  it('R38: adding working days skips holidays and counts 调休 days', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', 2)).toBe('2026-10-10'); // Thu → Fri 9th → Sat 10th (调休)
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Fri → Sunday 调休
    expect(addWorkingDays('2026-02-13', 5)).toBe('2026-02-27'); // over 春节: 14th (调休), then 24th–27th
    expect(addWorkingDays('2026-11-20', 5)).toBe('2026-11-27');
    expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-08');
    expect(workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(workingDaysBetween('2026-10-08', '2026-09-30')).toBe(-1);
  });
  it('R21/R38: every 2026 holiday with its consecutive days off', () => {
    const h = holidaysOfYear(2026).map((p) => [p.name, p.start, p.end, p.daysOff]);
    expect(h).toEqual([
      ['元旦', '2026-01-01', '2026-01-03', 3],
      ['春节', '2026-02-15', '2026-02-23', 9],
      ['清明节', '2026-04-04', '2026-04-06', 3],
      ['劳动节', '2026-05-01', '2026-05-05', 5],
      ['端午节', '2026-06-19', '2026-06-21', 3],
      ['中秋节', '2026-09-25', '2026-09-27', 3],
      ['国庆节', '2026-10-01', '2026-10-07', 7],
    ]);
    expect(holidaysOfYear(2026).find((p) => p.name === '春节')!.makeupWorkdays).toEqual(['2026-02-14', '2026-02-28']);
  });
  it('R21/R38: 2025 joins 国庆节 and 中秋节 into one 8-day break', () => {
    const h = holidaysOfYear(2025);
    const national = h.find((p) => p.name.includes('国庆节'))!;
    expect(national).toMatchObject({ start: '2025-10-01', end: '2025-10-08', daysOff: 8 });
    expect(national.name).toContain('中秋节');
    expect(h.find((p) => p.name === '元旦')!.daysOff).toBe(1);
    expect(h.find((p) => p.name === '春节')).toMatchObject({ start: '2025-01-28', end: '2025-02-04', daysOff: 8 });
  });
  it('R38: knows which years have an official schedule and rejects malformed dates', () => {
    expect(hasOfficialSchedule(2026)).toBe(true);
    expect(() => isWorkingDay('2026-02-30')).toThrow(/日期格式不正确/);
    expect(() => addWorkingDays('2026-01-01', -1)).toThrow();
  });
});

describe('R38: the law\'s festival days for any year, provisional until the notice', () => {
  const festival2027 = [
    ['2027-01-01', '元旦'],
    ['2027-02-05', '春节'], // 除夕: the day before 正月初一 (2027-02-06)
    ['2027-02-06', '春节'],
    ['2027-02-07', '春节'],
    ['2027-02-08', '春节'],
    ['2027-04-05', '清明节'],
    ['2027-05-01', '劳动节'],
    ['2027-05-02', '劳动节'],
    ['2027-06-09', '端午节'],
    ['2027-09-15', '中秋节'],
    ['2027-10-01', '国庆节'],
    ['2027-10-02', '国庆节'],
    ['2027-10-03', '国庆节'],
  ];
  it('R38: 2027 statutory festival days (2024 revision: 春节 with 除夕, 劳动节 two days) from the lunar calendar', () => {
    expect(statutoryFestivalDays(2027).map((f) => [f.date, f.name])).toEqual(festival2027);
    // 2026 as the law computes it agrees with the published schedule
    const published = new Set(holidaysOfYear(2026).flatMap((h) => Array.from({ length: h.daysOff }, (_, i) => addDays(h.start, i))));
    for (const f of statutoryFestivalDays(2026)) expect(published.has(f.date)).toBe(true);
  });
  it('R38: with 2027 (no notice) no working day is a statutory festival day and every 2027 date is provisional', () => {
    for (const [d] of festival2027) expect(isWorkingDay(d!)).toBe(false);
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // not 元旦, not the weekend
    expect(hasOfficialSchedule(2027)).toBe(false);
    expect(isProvisionalDate('2027-03-01')).toBe(true);
    expect(isProvisionalDate('2026-03-01')).toBe(false);
    expect(workingCalendar().provisionalBetween('2026-12-20', '2027-01-05')).toBe(true);
    // festival days on a weekend are made up on the next working day (第六条), provisionally
    expect(isWorkingDay('2027-05-03')).toBe(false);
    expect(isWorkingDay('2027-05-04')).toBe(false);
    expect(isWorkingDay('2027-05-05')).toBe(true);
    const days = workingCalendar().days(2027);
    expect(days).toHaveLength(365);
    expect(days.find((d) => d.date === '2027-02-05')).toEqual({ date: '2027-02-05', working: false, name: '春节', kind: 'holiday' });
    expect(days.find((d) => d.date === '2027-01-02')).toMatchObject({ working: false, kind: 'weekend' });
  });
  it('R38: a calendar given as data counts the same way (what the browser uses)', () => {
    const cal = new WorkingCalendar([{ year: 2027, official: true, notice: { number: '国办发明电〔2026〕1号', issuedOn: '2026-11-10' }, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupWorkdays: ['2027-01-09'] }]);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.isWorkingDay('2027-01-09')).toBe(true);
    expect(cal.day('2027-01-09')).toMatchObject({ kind: 'makeup', working: true, name: '元旦调休上班' });
    expect(cal.isProvisional('2027-06-01')).toBe(false);
    expect(cal.isProvisional('2028-06-01')).toBe(true); // a year not given
  });
  it('R29: the withdrawal deadline the browser shows is the domain rule on the calendar it was given', () => {
    const cal = new WorkingCalendar([{ year: 2027, official: true, notice: { number: '国办发明电〔2026〕1号', issuedOn: '2026-11-10' }, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupWorkdays: ['2027-01-09'] }]);
    // changed Thu 2026-12-31: Fri 1 Jan off, weekend off, then Mon 4, Tue 5, Wed 6
    expect(publicationWithdrawalDue('2026-12-31', cal)).toBe('2027-01-06');
    // changed Wed 2027-01-06: Thu 7, Fri 8, Sat 9 (调休上班)
    expect(publicationWithdrawalDue('2027-01-06', cal)).toBe('2027-01-09');
  });
});

describe('R38: a year\'s notice is checked before it is entered', () => {
  const notice = { number: '国办发明电〔2026〕1号', issuedOn: '2026-11-10' };
  const good = {
    notice,
    holidays: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-05', to: '2027-02-12' },
      { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
    ],
    makeupWorkdays: ['2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
  };
  it('R38: a complete notice has no problems', () => {
    expect(noticeProblems(2027, good)).toEqual([]);
  });
  it('R38: overlaps, dates outside the year, festival days made working or left out are refused in Chinese', () => {
    const bad = (over: Partial<typeof good>) => noticeProblems(2027, { ...good, ...over }).join('；');
    expect(bad({ holidays: [...good.holidays, { name: '补充', from: '2027-10-07', to: '2027-10-08' }] })).toContain('重叠');
    expect(bad({ holidays: [...good.holidays, { name: '元旦', from: '2026-12-31', to: '2026-12-31' }] })).toContain('不在2027年内');
    expect(bad({ makeupWorkdays: ['2028-01-08'] })).toContain('不在2027年内');
    expect(bad({ makeupWorkdays: ['2027-02-06'] })).toMatch(/法定节假日，不能安排为调休上班日|既是春节放假日/);
    expect(bad({ holidays: good.holidays.filter((h) => h.name !== '中秋节') })).toContain('9月15日（中秋节）是法定节假日，通知中未安排放假');
    expect(bad({ makeupWorkdays: ['2027-03-03'] })).toContain('不是周六或周日');
    expect(bad({ holidays: [{ name: '春节', from: '2027-02-12', to: '2027-02-05' }] })).toContain('晚于结束日期');
    expect(bad({ notice: { number: ' ', issuedOn: '2025-01-01' } })).toMatch(/文号.*发布日期应在2026年或2027年内/);
  });
});

describe('R38: no computed deadline lands on a statutory holiday, in 2026 (published) and 2027 (provisional)', () => {
  it('R38: every working-day period, and every period that rolls over a day off, ends on a working day that is no festival day', () => {
    const festival = new Set([...statutoryFestivalDays(2026), ...statutoryFestivalDays(2027)].map((f) => f.date));
    const periods = Object.values(penaltyPeriods()).filter((p) => p.unit === 'working_days' || p.rollsOver);
    expect(periods.length).toBeGreaterThan(3);
    for (let start = '2026-01-01'; start <= '2027-12-20'; start = addDays(start, 1)) {
      for (const p of periods) {
        const due = periodDue(p, start, workingCalendar());
        if (due > '2027-12-31') continue;
        expect(festival.has(due), `${p.label} 自 ${start} 起算到期日 ${due}`).toBe(false);
        expect(isWorkingDay(due)).toBe(true);
      }
      const backfill = addWorkingDays(start, 1);
      if (backfill <= '2027-12-31') expect(festival.has(backfill)).toBe(false);
    }
    // a fine served on 17 December 2026: 15 days end on 元旦 2027, which rolls to Monday 4 January
    expect(paymentDue('2026-12-17')).toBe('2027-01-04');
  }, 60_000); // two years of start days × every period: a few seconds on a busy machine
});
