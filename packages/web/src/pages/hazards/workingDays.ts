// R38 in the browser: the working-day countdown to a hazard's deadline uses the server's official holiday schedule
// (GET /api/holidays: each holiday's whole run of days off and its 调休 working weekends), not a second calendar.
import { useQueries } from '@tanstack/react-query';
import { api, type HolidayYear } from '../../api';
import { shanghaiToday } from '../../api/hazards';

const DAY = 86400_000;
const toUtc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface WorkingCalendar {
  today: string;
  /** working days strictly after today up to and including `deadline` (0 when due today; null while loading or past) */
  remaining: (deadline: string) => number | null;
  /** the n-th working day after `from` (n ≥ 1), as the server counts a period in working days; null while loading */
  addWorkingDays: (from: string, n: number) => string | null;
}

function build(years: HolidayYear[]): (d: string) => boolean {
  const off = new Set<string>();
  const makeup = new Set<string>();
  for (const y of years) {
    for (const h of y.items) {
      for (let t = toUtc(h.start); t <= toUtc(h.end); t += DAY) off.add(fromUtc(t));
      for (const w of h.makeupWorkdays) makeup.add(w);
    }
  }
  return (d) => {
    if (makeup.has(d)) return true;
    if (off.has(d)) return false;
    const dow = new Date(toUtc(d)).getUTCDay();
    return dow !== 0 && dow !== 6;
  };
}

/** The calendar for the years the given dates fall in (this year and, when needed, last year and later ones). */
export function useWorkingCalendar(deadlines: readonly string[]): WorkingCalendar {
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const given = deadlines.map((d) => Number(d.slice(0, 4))).filter(Number.isFinite);
  // from this year (or the year of an earlier date given, as a period that started last year) to the latest date given
  const first = Math.max(thisYear - 1, Math.min(thisYear, ...given));
  const last = Math.min(thisYear + 3, Math.max(thisYear, ...given));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const results = useQueries({
    queries: years.map((year) => ({ queryKey: ['holidays', year], queryFn: () => api.holidays(year), staleTime: 24 * 3600_000 })),
  });
  const loaded = results.every((r) => r.data);
  const isWorking = loaded ? build(results.map((r) => r.data!)) : null;
  return {
    today,
    remaining: (deadline) => {
      if (!isWorking || deadline < today) return null;
      let n = 0;
      for (let t = toUtc(today) + DAY; t <= toUtc(deadline); t += DAY) if (isWorking(fromUtc(t))) n++;
      return n;
    },
    addWorkingDays: (from, n) => {
      if (!isWorking) return null;
      let t = toUtc(from);
      for (let left = n; left > 0; ) {
        t += DAY;
        if (isWorking(fromUtc(t))) left--;
      }
      return fromUtc(t);
    },
  };
}
