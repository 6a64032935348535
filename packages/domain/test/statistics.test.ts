import { describe, expect, it } from 'vitest';
import { emptyFigures, measureValue, monthKeys, monthLabel, monthRange, percent, previousYearPeriod, sumFigures } from '../src/reporting/statistics.js';

describe('statistics arithmetic', () => {
  it('R36: county figures sum to the city — counts, stage and procedure maps, nullable plan figures', () => {
    const a = emptyFigures();
    a.inspections = { planned: 10, done: 4, donePlanned: 3, doneUnplanned: 1 };
    a.cases.byStatus = { opened: 2, closed: 1 };
    a.penalties.fineDecided = 15000;
    const b = emptyFigures();
    b.inspections = { planned: null, done: 6, donePlanned: 6, doneUnplanned: 0 };
    b.cases.byStatus = { closed: 3 };
    b.penalties.fineDecided = 5000;
    const s = sumFigures([a, b]);
    expect(s.inspections).toEqual({ planned: 10, done: 10, donePlanned: 9, doneUnplanned: 1 });
    expect(s.cases.byStatus).toEqual({ opened: 2, closed: 4 });
    expect(s.penalties.fineDecided).toBe(20000);
    // averages are not additive: left to the server
    expect(s.durations.openToDecide).toBeNull();
    const n = emptyFigures();
    n.inspections.planned = null;
    expect(sumFigures([n, { ...n }]).inspections.planned).toBeNull();
  });

  it('R36: months of a period, their ranges, and the same period last year', () => {
    expect(monthKeys('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthLabel('2026-03')).toBe('3月');
    expect(monthLabel('2026-03', true)).toBe('2026年3月');
    expect(previousYearPeriod('2028-01-01', '2028-02-29')).toEqual({ from: '2027-01-01', to: '2027-02-28' });
  });

  it('R36: percentages and map measures', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(1, 0)).toBeNull();
    expect(percent(null, 5)).toBeNull();
    const f = emptyFigures();
    f.inspections = { planned: 8, done: 5, donePlanned: 4, doneUnplanned: 1 };
    f.penalties.fineDecided = 123456;
    f.coverage = { keyTargets: 2, keyTargetsInspected: 1, highRiskTargets: 4, highRiskInspected: 3 };
    expect(measureValue(f, 'planProgress')).toBe(50);
    expect(measureValue(f, 'fineDecided')).toBe(12.35);
    expect(measureValue(f, 'highRiskCoverage')).toBe(75);
  });
});
