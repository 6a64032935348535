import { describe, expect, it } from 'vitest';
import { addWorkingDays, hasOfficialSchedule, holidaysOfYear, isWorkingDay, workingDaysBetween } from '../src/calendar/workingDays.js';

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
