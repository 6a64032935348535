import { describe, expect, test } from 'vitest';
import { daysLate, latestEndedPeriod, parseReportPeriod, periodContaining, reportDueDate, shiftPeriod, submissionState } from '../src/index.js';

const due = (k: Parameters<typeof parseReportPeriod>[0], p: string) => reportDueDate(parseReportPeriod(k, p)!);

describe('R36: report periods and due dates', () => {
  test('R36: periods of each kind cover their days and are labelled in Chinese', () => {
    expect(parseReportPeriod('monthly', '2026-02')).toMatchObject({ from: '2026-02-01', to: '2026-02-28', label: '2026年2月' });
    expect(parseReportPeriod('special_action', '2026-B2')).toMatchObject({ from: '2026-03-01', to: '2026-04-30', label: '2026年第2次专项行动（3—4月）' });
    expect(parseReportPeriod('half_year', '2026-H2')).toMatchObject({ from: '2026-07-01', to: '2026-12-31', label: '2026年下半年' });
    expect(parseReportPeriod('year', '2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    for (const [k, p] of [['monthly', '2026-13'], ['monthly', '2026-3'], ['special_action', '2026-B7'], ['half_year', '2026-H3'], ['year', '26']] as const) expect(parseReportPeriod(k, p)).toBeNull();
  });

  test('R36: the monthly report is due on the 10th, a special action summary on the 12th of the following month', () => {
    expect(due('monthly', '2026-01')).toBe('2026-02-10');
    expect(due('special_action', '2026-B1')).toBe('2026-03-12');
    expect(due('half_year', '2026-H1')).toBe('2026-07-10');
  });

  test('R36/R38: a due date on a weekend or holiday moves to the next working day; an adjusted working day (调休) counts', () => {
    expect(due('monthly', '2026-04')).toBe('2026-05-11'); // 2026-05-10 is a Sunday
    expect(due('special_action', '2026-B4')).toBe('2026-09-14'); // 2026-09-12 is a Saturday
    expect(due('year', '2025')).toBe('2026-01-12'); // 2026-01-10 is a Saturday
    expect(due('monthly', '2024-01')).toBe('2024-02-18'); // 春节 2024-02-10…17; the 18th (Sunday) is a 调休 working day
    expect(due('monthly', '2026-09')).toBe('2026-10-10'); // a Saturday worked in exchange (调休)
  });

  test('R36: lateness counts calendar days after the due date; the upper level sees late, missing and pending', () => {
    expect(daysLate('2026-05-11', '2026-05-11')).toBe(0);
    expect(daysLate('2026-05-11', '2026-05-14')).toBe(3);
    expect(submissionState(null, '2026-05-11', '2026-05-11')).toEqual({ state: 'pending', daysLate: 0 });
    expect(submissionState(null, '2026-05-11', '2026-05-13')).toEqual({ state: 'overdue', daysLate: 2 });
    expect(submissionState({ status: 'draft', firstSubmittedOn: null }, '2026-05-11', '2026-05-20').state).toBe('overdue');
    expect(submissionState({ status: 'submitted', firstSubmittedOn: '2026-05-09' }, '2026-05-11', '2026-06-01')).toEqual({ state: 'submitted', daysLate: 0 });
    expect(submissionState({ status: 'submitted', firstSubmittedOn: '2026-05-15' }, '2026-05-11', '2026-06-01')).toEqual({ state: 'submitted_late', daysLate: 4 });
    expect(submissionState({ status: 'returned', firstSubmittedOn: '2026-05-09' }, '2026-05-11', '2026-06-01').state).toBe('returned');
  });

  test('R36: neighbouring periods', () => {
    expect(shiftPeriod('monthly', '2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('special_action', '2026-B1', -1)).toBe('2025-B6');
    expect(shiftPeriod('half_year', '2026-H2', 1)).toBe('2027-H1');
    expect(shiftPeriod('year', '2026', -1)).toBe('2025');
    expect(periodContaining('special_action', '2026-08-31')).toBe('2026-B4');
    expect(latestEndedPeriod('monthly', '2026-12-07')).toBe('2026-11');
  });
});
