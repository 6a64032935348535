// R38: the bureau's calendar, kept in its database. Version 0 of a year is the schedule published in the
// `chinese-days` package (seeded at start); each notice the province administrator enters is the next version. The
// process installs the versions in force into the domain (which counts every working day from it), reloads after a
// notice is entered, and checks every minute whether another process entered one.
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import {
  addDays,
  backfillDue,
  calendarYearsFromChineseDays,
  creditRepairAnswerDue,
  hearingRequestDue,
  installCalendar,
  objectionAnswerDue,
  paymentDue,
  planMonths,
  publicationDue,
  setWorkingCalendar,
  statementDefenseDue,
  workingCalendar,
  type CalendarYear,
  type IsoDate,
  type PlanParams,
  type WorkingCalendar,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Database, Db } from '../../db/client.js';
import { arrayParam } from '../../lib/bulk.js';

const require = createRequire(import.meta.url);
const packageYears = (): CalendarYear[] => calendarYearsFromChineseDays(require('chinese-days/dist/chinese-days.json'));

interface StoredYear {
  id: number;
  year: number;
  version: number;
  source: string;
  notice_number: string | null;
  issued_on: string | null;
  holidays: { name: string; from: string; to: string }[];
  makeup_workdays: string[];
}

const toYear = (r: StoredYear): CalendarYear => ({
  year: Number(r.year),
  official: true,
  notice: r.notice_number ? { number: r.notice_number, issuedOn: String(r.issued_on).slice(0, 10) } : null,
  holidays: r.holidays,
  makeupWorkdays: r.makeup_workdays,
});

let loadedMaxId = -1;

/** Seeds the package's years (once; a second process's insert does nothing) and installs the versions in force. */
export async function loadCalendar(database: Database, executor?: Db): Promise<WorkingCalendar> {
  const [{ n } = { n: 0 }] = await database.rows<{ n: number }>(sql`select count(*)::int as n from calendar_years where version = 0`, executor);
  const seeded = packageYears();
  if (Number(n) < seeded.length) {
    const json = JSON.stringify(seeded.map((y) => ({ year: y.year, holidays: y.holidays, makeup_workdays: y.makeupWorkdays })));
    await database.rows(
      sql`insert into calendar_years (year, version, source, holidays, makeup_workdays)
          select x.year, 0, 'package', x.holidays, x.makeup_workdays from jsonb_to_recordset(${json}::jsonb) as x(year int, holidays jsonb, makeup_workdays jsonb)
          on conflict (year, version) do nothing`,
      executor,
    );
  }
  const rows = await database.rows<StoredYear>(
    sql`select distinct on (year) id, year, version, source, notice_number, issued_on::text as issued_on, holidays, makeup_workdays
          from calendar_years order by year, version desc`,
    executor,
  );
  loadedMaxId = rows.reduce((m, r) => Math.max(m, Number(r.id)), 0);
  return installCalendar(rows.map(toYear));
}

/** Every minute: another process may have entered a notice. Returns the stop function. */
export function startCalendarRefresh(database: Database, intervalMs = 60_000): () => void {
  const timer = setInterval(() => {
    void database
      .rows<{ m: number | null }>(sql`select max(id)::int as m from calendar_years`)
      .then(([r]) => (Number(r?.m ?? 0) !== loadedMaxId ? loadCalendar(database) : undefined))
      .catch(() => undefined); // the next tick tries again
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export interface CalendarChange {
  regionCode: string;
  what: string;
  subject: string;
  /** the day before and after ('' for a plan, whose change is told in `subject`) */
  before: IsoDate;
  after: IsoDate;
}

/** `fn` computed on `cal` instead of the calendar in force (synchronous: nothing else runs meanwhile). */
function withCalendar<T>(cal: WorkingCalendar, fn: () => T): T {
  const current = workingCalendar();
  setWorkingCalendar(cal);
  try {
    return fn();
  } finally {
    setWorkingCalendar(current);
  }
}

/**
 * What entering a notice changes, inside the notice's transaction: the year's plan entries that now fall on a day off
 * move to the nearest working day of the same month (set-based: one statement for all plans), and each month's working
 * days and capacity are recounted; deadlines not yet served on a party (the agency's own: publication, answers to
 * repairs and objections, backfills) are recomputed from their start day; a party's deadline already served that would
 * come earlier is kept at the day the party was given.
 */
export async function applyNotice(ctx: AppContext, tx: Db, before: WorkingCalendar, after: WorkingCalendar, year: number, calendarYearId: number): Promise<CalendarChange[]> {
  const changes: CalendarChange[] = [];
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  // 1. plan entries on days that are no longer working days
  const moved: [IsoDate, IsoDate][] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    if (before.isWorkingDay(d) && !after.isWorkingDay(d)) {
      const month = d.slice(0, 7);
      let to = d;
      while (to.slice(0, 7) === month && !after.isWorkingDay(to)) to = addDays(to, 1);
      if (to.slice(0, 7) !== month) for (to = d; to.slice(0, 7) === month && !after.isWorkingDay(to); ) to = addDays(to, -1);
      if (to.slice(0, 7) === month) moved.push([d, to]);
    }
  }
  const versions = await ctx.database.rows<{ id: number; region_code: string; agency_name: string; params: PlanParams; months: { month: number; workingDays: number; capacity: number; planned: number }[] }>(
    sql`select v.id, p.region_code, a.name as agency_name, v.params, v.months from plans p join plan_versions v on v.plan_id = p.id and v.version_no = p.current_version
          join agencies a on a.id = p.agency_id where p.year = ${year}`,
    tx,
  );
  if (versions.length) {
    const ids = versions.map((v) => Number(v.id));
    const counts = moved.length
      ? await ctx.database.rows<{ plan_version_id: number; n: number }>(
          sql`with m as (select * from unnest(${arrayParam(moved.map((x) => x[0]), 'date')}, ${arrayParam(moved.map((x) => x[1]), 'date')}) as m(old_day, new_day)),
               u as (update plan_entries e set planned_date = m.new_day from m
                      where e.plan_version_id = any(${arrayParam(ids, 'int')}) and e.planned_date = m.old_day returning e.plan_version_id)
             select plan_version_id, count(*)::int as n from u group by plan_version_id`,
          tx,
        )
      : [];
    const movedBy = new Map(counts.map((c) => [Number(c.plan_version_id), Number(c.n)]));
    const recounted = withCalendar(after, () => versions.map((v) => ({ v, months: planMonths(v.params).months })));
    for (const { v, months } of recounted) {
      const planned = new Map(v.months.map((m) => [m.month, m.planned]));
      const next = months.map((m) => ({ ...m, planned: planned.get(m.month) ?? 0 }));
      const changedMonths = next.filter((m) => v.months.find((o) => o.month === m.month)?.workingDays !== m.workingDays);
      await ctx.database.rows(sql`update plan_versions set months = ${JSON.stringify(next)}::jsonb where id = ${v.id}`, tx);
      const n = movedBy.get(Number(v.id)) ?? 0;
      if (n > 0 || changedMonths.length) {
        changes.push({
          regionCode: v.region_code,
          what: '年度监督检查计划',
          subject: `${v.agency_name}${year}年计划：${n} 家次检查改期${changedMonths.length ? `；${changedMonths.map((m) => `${m.month}月工作日${m.workingDays}天`).join('、')}` : ''}`,
          before: '',
          after: '',
        });
      }
    }
  }
  // 2. deadlines of the agency's own, not served on a party: recomputed where they were computed by the rule
  const own: { what: string; table: string; key: string; start: string; due: string; open: string; subject: string; fn: (d: IsoDate) => IsoDate }[] = [
    { what: '行政处罚决定公示期限', table: 'penalty_publications', key: 'case_id', start: 'decided_on', due: 'due_on', open: 'published_at is null', subject: `'处罚案件 ' || t.case_id`, fn: (d) => publicationDue(d).due },
    { what: '信用修复申请答复期限', table: 'credit_repairs', key: 'id', start: 'applied_on', due: 'answer_due', open: `status = 'pending'`, subject: `'信用修复申请 ' || t.id`, fn: creditRepairAnswerDue },
    { what: '信用异议答复期限', table: 'credit_objections', key: 'id', start: 'received_on', due: 'answer_due', open: `status = 'pending'`, subject: `'信用异议 ' || t.id`, fn: (d) => objectionAnswerDue(d) },
    { what: '紧急检查补报期限', table: 'inspections', key: 'id', start: 'entry_date', due: 'backfill_due', open: `backfill_due is not null and backfilled_at is null and entry_date is not null`, subject: `'检查 ' || t.id`, fn: backfillDue },
  ];
  for (const o of own) {
    const rows = await ctx.database.rows<{ key: number; start: string; due: string; region_code: string; subject: string }>(
      sql`select t.${sql.raw(o.key)} as key, t.${sql.raw(o.start)}::text as start, t.${sql.raw(o.due)}::text as due, t.region_code, ${sql.raw(o.subject)} as subject
            from ${sql.raw(o.table)} t where ${sql.raw(o.open)} and t.${sql.raw(o.due)} >= ${first}::date and t.${sql.raw(o.start)} <= ${last}::date`,
      tx,
    );
    const updates: [number, IsoDate][] = [];
    for (const r of rows) {
      const start = r.start.slice(0, 10);
      const due = r.due.slice(0, 10);
      if (withCalendar(before, () => o.fn(start)) !== due) continue; // set by another rule (a configured period): left alone
      const next = withCalendar(after, () => o.fn(start));
      if (next === due) continue;
      updates.push([Number(r.key), next]);
      changes.push({ regionCode: r.region_code, what: o.what, subject: r.subject, before: due, after: next });
    }
    if (updates.length) {
      await ctx.database.rows(
        sql`update ${sql.raw(o.table)} t set ${sql.raw(o.due)} = u.due from unnest(${arrayParam(updates.map((u) => u[0]), 'bigint')}, ${arrayParam(updates.map((u) => u[1]), 'date')}) as u(key, due)
              where t.${sql.raw(o.key)} = u.key`,
        tx,
      );
    }
  }
  // 3. a party's deadlines already served (告知 for the statement and hearing request, the decision for payment)
  const served = await ctx.database.rows<{ id: number; case_number: string | null; region_code: string; notified_on: string | null; served_on: string | null; open_notice: boolean; open_payment: boolean }>(
    sql`select c.id, c.case_number, c.region_code, c.notified_on::text as notified_on, c.served_on::text as served_on,
               (c.notified_on is not null and c.decided_on is null) as open_notice, (c.served_on is not null and not c.execution_done) as open_payment
          from penalty_cases c
         where ((c.notified_on is not null and c.decided_on is null) or (c.served_on is not null and not c.execution_done))
           and coalesce(c.served_on, c.notified_on) between ${addDays(first, -90)}::date and ${last}::date`,
    tx,
  );
  const kept: [number, string, IsoDate][] = [];
  for (const c of served) {
    const periods: [string, string, IsoDate | null, (d: IsoDate) => IsoDate][] = [
      ['statement_defense', '陈述、申辩期限', c.open_notice ? c.notified_on : null, (d) => statementDefenseDue(d)],
      ['hearing_request', '听证申请期限', c.open_notice ? c.notified_on : null, hearingRequestDue],
      ['payment', '罚款缴纳期限', c.open_payment ? c.served_on : null, paymentDue],
    ];
    for (const [id, what, from, fn] of periods) {
      if (!from) continue;
      const start = from.slice(0, 10);
      const old = withCalendar(before, () => fn(start));
      const next = withCalendar(after, () => fn(start));
      if (old === next) continue;
      const subject = `案件 ${c.case_number ?? c.id}`;
      if (next < old) {
        kept.push([Number(c.id), id, old]);
        changes.push({ regionCode: c.region_code, what: `${what}（已送达，保持原期限）`, subject, before: old, after: old });
      } else changes.push({ regionCode: c.region_code, what, subject, before: old, after: next });
    }
  }
  if (kept.length) {
    await ctx.database.rows(
      sql`insert into kept_deadlines (case_id, deadline, due_on, calendar_year_id)
            select * from unnest(${arrayParam(kept.map((k) => k[0]), 'int')}, ${arrayParam(kept.map((k) => k[1]), 'text')}, ${arrayParam(kept.map((k) => k[2]), 'date')}, ${arrayParam(kept.map(() => calendarYearId), 'int')})
          on conflict (case_id, deadline) do update set due_on = greatest(kept_deadlines.due_on, excluded.due_on), calendar_year_id = excluded.calendar_year_id`,
      tx,
    );
  }
  return changes;
}

/** The deadlines kept at their served day for a case (statement_defense, hearing_request, payment). */
export async function keptDeadlinesOf(database: Database, caseId: number, executor?: Db): Promise<Map<string, IsoDate>> {
  const rows = await database.rows<{ deadline: string; due_on: string }>(sql`select deadline, due_on::text as due_on from kept_deadlines where case_id = ${caseId}`, executor);
  return new Map(rows.map((r) => [r.deadline, r.due_on.slice(0, 10)]));
}
