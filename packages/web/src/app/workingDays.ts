// R38 in the browser: the bureau's calendar fetched from the server (GET /api/calendar/:year) and counted by the
// domain's own WorkingCalendar — the same functions the server counts with, not a second calendar.
import { useQueries } from '@tanstack/react-query';
import { WorkingCalendar as DomainCalendar, type CalendarYear } from '@anjian/domain/calendar';
import { api, type CalendarYearView } from '../api';
import { shanghaiToday } from '../api/hazard';
import { calendarKeys } from '../api/keys';

export interface WorkingCalendar {
  today: string;
  /** working days strictly after today up to and including `deadline` (0 when due today; null while loading or past) */
  remaining: (deadline: string) => number | null;
  /** the last day of a period from `from`, counted by the domain's rule on this calendar (e.g. publicationWithdrawalDue); null while loading */
  lastDay: (from: string, rule: (from: string, cal: DomainCalendar) => string) => string | null;
  /** false for days off; true while loading (the server checks again) */
  isWorkingDay: (date: string) => boolean;
  /** the year of `date` has no holiday notice yet: what is computed from it is 暂定 */
  provisional: (date: string) => boolean;
}

/** A year as the API gives it, as the domain's calendar data (each day off its own one-day holiday). */
export function calendarYearOf(v: CalendarYearView): CalendarYear {
  return {
    year: v.year,
    official: v.official,
    notice: v.notice,
    holidays: v.days.filter((d) => d.kind === 'holiday').map((d) => ({ name: d.name ?? '', from: d.date, to: d.date })),
    makeupWorkdays: v.days.filter((d) => d.kind === 'makeup').map((d) => d.date),
  };
}

export const calendarQuery = (year: number) => ({ queryKey: calendarKeys.year(year), queryFn: () => api.calendar(year), staleTime: 3600_000 });

/** The calendar for the years the given dates fall in (this year and, when needed, last year and later ones). */
export function useWorkingCalendar(dates: readonly string[] = []): WorkingCalendar {
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const given = dates.map((d) => Number(d.slice(0, 4))).filter(Number.isFinite);
  // from this year (or the year of an earlier date given) to the latest date given, and next year for date pickers
  const first = Math.max(thisYear - 1, Math.min(thisYear, ...given));
  const last = Math.min(thisYear + 3, Math.max(thisYear + 1, ...given));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const results = useQueries({ queries: years.map(calendarQuery) });
  const loaded = results.every((r) => r.data);
  const cal = loaded ? new DomainCalendar(results.map((r) => calendarYearOf(r.data!))) : null;
  const known = (d: string) => cal && years.includes(Number(d.slice(0, 4)));
  return {
    today,
    remaining: (deadline) => (!cal || deadline < today || !known(deadline) ? null : cal.workingDaysBetween(today, deadline)),
    lastDay: (from, rule) => {
      if (!cal || !known(from)) return null;
      const d = rule(from, cal);
      return known(d) ? d : null;
    },
    isWorkingDay: (d) => (cal && known(d) ? cal.isWorkingDay(d) : true),
    provisional: (d) => (cal && known(d) ? cal.isProvisional(d) : false),
  };
}
