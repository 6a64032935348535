// R38: the calendar in force in this process. The server installs the bureau's calendar from its database (and again
// after a notice is entered); until then, and for any year the installed data does not cover, a year is what the law
// fixes (statutory festival days, provisional). The rules of the domain count working days through these functions.
import { WorkingCalendar, type CalendarYear, type HolidayPeriod, type IsoDate } from './calendar.js';
import { provisionalYear } from './statutory.js';

export * from './calendar.js';
export * from './statutory.js';
export * from './notice.js';

let installed = new WorkingCalendar([], provisionalYear);

/** Installs the known years (official notices, published schedules); other years fall back to the law. */
export function installCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  installed = new WorkingCalendar(years, provisionalYear);
  return installed;
}

/** Puts a calendar in force as it is (e.g. to compute what a date was before a notice). */
export function setWorkingCalendar(cal: WorkingCalendar): void {
  installed = cal;
}

export function workingCalendar(): WorkingCalendar {
  return installed;
}

export function hasOfficialSchedule(year: number): boolean {
  return installed.isOfficial(year);
}

export const isWorkingDay = (d: IsoDate): boolean => installed.isWorkingDay(d);
export const isProvisionalDate = (d: IsoDate): boolean => installed.isProvisional(d);
export const addWorkingDays = (d: IsoDate, n: number): IsoDate => installed.addWorkingDays(d, n);
export const workingDaysBetween = (from: IsoDate, to: IsoDate): number => installed.workingDaysBetween(from, to);
export const holidaysOfYear = (year: number): HolidayPeriod[] => installed.holidaysOfYear(year);
