// R36: the periodic reports of an agency — what a period is, when its report is due and how late it came.
// Pure: the working-day rule comes from the domain calendar (R38), never re-derived here.
import { addDays, type IsoDate } from '../calendar/calendar.js';
import { isWorkingDay } from '../calendar/workingDays.js';

/**
 * monthly: 监管执法工作情况月报表 (每月10日前报送上月).
 * special_action: the summary of a “两月一行动” special enforcement action (每次专项行动总结材料于次月12日前报送);
 *   the actions run in two-month periods of the calendar year: 1—2月, 3—4月, … 11—12月.
 * half_year / year: the periodic summaries (半年进行一次阶段性总结; 12月总结完善).
 */
export const reportKinds = ['monthly', 'special_action', 'half_year', 'year'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportKindLabels: Record<ReportKind, string> = {
  monthly: '监管执法工作情况月报表',
  special_action: '“两月一行动”专项执法行动总结',
  half_year: '监管执法工作半年总结',
  year: '监管执法工作年度总结',
};

/** Short names for menus and boards. */
export const reportKindShortLabels: Record<ReportKind, string> = {
  monthly: '月报表',
  special_action: '两月一行动总结',
  half_year: '半年总结',
  year: '年度总结',
};

/** The day of the following month by which each kind is due (before any move past a non-working day). */
export const REPORT_DUE_DAY: Record<ReportKind, number> = { monthly: 10, special_action: 12, half_year: 10, year: 10 };

export const isReportKind = (v: string): v is ReportKind => (reportKinds as readonly string[]).includes(v);

/** How a period is written for each kind (also in URLs): 2026-03, 2026-B2 (3—4月), 2026-H1, 2026. */
export const periodFormats: Record<ReportKind, RegExp> = {
  monthly: /^(20\d\d)-(0[1-9]|1[0-2])$/,
  special_action: /^(20\d\d)-B([1-6])$/,
  half_year: /^(20\d\d)-H([12])$/,
  year: /^(20\d\d)$/,
};

export const periodFormatHints: Record<ReportKind, string> = {
  monthly: '月份应为 YYYY-MM，例如 2026-03',
  special_action: '专项行动期应为 YYYY-Bn（n 为1至6，第n个两个月），例如 2026-B2 表示3—4月',
  half_year: '半年应为 YYYY-H1（上半年）或 YYYY-H2（下半年）',
  year: '年度应为 YYYY，例如 2026',
};

export interface ReportPeriod {
  kind: ReportKind;
  /** as written: 2026-03, 2026-B2, 2026-H1, 2026 */
  period: string;
  /** first and last day covered (inclusive) */
  from: IsoDate;
  to: IsoDate;
  /** 2026年3月, 2026年第2次专项行动（3—4月）, 2026年上半年, 2026年 */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The period, or null when `period` is not written the way `kind` needs. */
export function parseReportPeriod(kind: ReportKind, period: string): ReportPeriod | null {
  const m = periodFormats[kind].exec(period);
  if (!m) return null;
  const y = Number(m[1]);
  const span = (m1: number, m2: number) => ({ from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${pad(lastDayOf(y, m2))}` });
  switch (kind) {
    case 'monthly': {
      const mo = Number(m[2]);
      return { kind, period, ...span(mo, mo), label: `${y}年${mo}月` };
    }
    case 'special_action': {
      const n = Number(m[2]);
      return { kind, period, ...span(2 * n - 1, 2 * n), label: `${y}年第${n}次专项行动（${2 * n - 1}—${2 * n}月）` };
    }
    case 'half_year': {
      const h = Number(m[2]);
      return { kind, period, ...(h === 1 ? span(1, 6) : span(7, 12)), label: `${y}年${h === 1 ? '上' : '下'}半年` };
    }
    case 'year':
      return { kind, period, ...span(1, 12), label: `${y}年` };
  }
}

/** The period of `kind` that contains the date. */
export function periodContaining(kind: ReportKind, date: IsoDate): string {
  const y = date.slice(0, 4);
  const mo = Number(date.slice(5, 7));
  switch (kind) {
    case 'monthly':
      return date.slice(0, 7);
    case 'special_action':
      return `${y}-B${Math.ceil(mo / 2)}`;
    case 'half_year':
      return `${y}-H${mo <= 6 ? 1 : 2}`;
    case 'year':
      return y;
  }
}

/** The period before (`-1`) or after (`+1`) the given one. */
export function shiftPeriod(kind: ReportKind, period: string, by: number): string {
  const p = parseReportPeriod(kind, period);
  if (!p) throw new Error(`bad period ${period}`);
  const step = { monthly: 1, special_action: 2, half_year: 6, year: 12 }[kind];
  const [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
  const idx = y * 12 + (m - 1) + by * step;
  return periodContaining(kind, `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}-01`);
}

/**
 * The latest period whose report is already due or in preparation on `today`: the period that ended most recently
 * (a monthly report is written in the first days of the following month).
 */
export function latestEndedPeriod(kind: ReportKind, today: IsoDate): string {
  return shiftPeriod(kind, periodContaining(kind, today), -1);
}

/** The date the rule names: the 10th (12th for a special action) of the month after the period. */
export function nominalDueDate(p: ReportPeriod): IsoDate {
  const next = addDays(p.to, 1);
  return `${next.slice(0, 7)}-${pad(REPORT_DUE_DAY[p.kind])}`;
}

/**
 * The due date: the nominal day, or — when it is a weekend or public holiday — the first working day after it.
 * This follows the general rule on time limits (《民法典》第二百零三条: a period whose last day is a statutory
 * holiday ends on the day after the holiday), which administrative practice applies to reporting deadlines too;
 * adjusted working days (调休) count as working days.
 */
export function reportDueDate(p: ReportPeriod): IsoDate {
  let d = nominalDueDate(p);
  for (let i = 0; i < 40 && !isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/** Whole calendar days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000);
}

/** How many calendar days after the due date a report submitted on `submittedOn` came (0 when on time). */
export function daysLate(dueOn: IsoDate, submittedOn: IsoDate): number {
  return Math.max(0, daysBetween(dueOn, submittedOn));
}

export type SubmissionState = 'submitted' | 'submitted_late' | 'returned' | 'overdue' | 'pending';

export const submissionStateLabels: Record<SubmissionState, string> = {
  submitted: '按时报送',
  submitted_late: '逾期报送',
  returned: '已退回待更正',
  overdue: '逾期未报',
  pending: '未到期未报',
};

/**
 * Where an agency's report stands for the upper level on `today`. A returned report that is resubmitted keeps the
 * lateness of its first submission (the correction was asked for by the upper level); a returned report not yet
 * resubmitted is shown as returned.
 */
export function submissionState(
  s: { status: 'draft' | 'submitted' | 'returned'; firstSubmittedOn: IsoDate | null } | null,
  dueOn: IsoDate,
  today: IsoDate,
): { state: SubmissionState; daysLate: number } {
  if (s?.status === 'submitted' && s.firstSubmittedOn) {
    const late = daysLate(dueOn, s.firstSubmittedOn);
    return { state: late > 0 ? 'submitted_late' : 'submitted', daysLate: late };
  }
  if (s?.status === 'returned') return { state: 'returned', daysLate: s.firstSubmittedOn ? daysLate(dueOn, s.firstSubmittedOn) : 0 };
  const late = daysLate(dueOn, today);
  return late > 0 ? { state: 'overdue', daysLate: late } : { state: 'pending', daysLate: 0 };
}
