// R38: the bureau's calendar. Everyone signed in reads a year (official, or 暂定 from the law's festival days); the
// province administrator enters the State Council's notice for a year, which becomes the next version of that year.
import { sql } from 'drizzle-orm';
import { addWorkingDaysQuery, calendarNoticeBody, calendarNoticeEntered, calendarYearParam as yearParam, calendarYearView, workingDaysAdded } from '@anjian/domain/contract/calendar';
import { addWorkingDays, noticeProblems, workingCalendar, type CalendarYear } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { user } from '../../lib/http.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, jurisdictionPrefix, type Principal } from '../auth/principal.js';
import { applyNotice, loadCalendar, type CalendarChange } from './service.js';

/** The province administrator (or a national one without an agency) keeps the calendar. */
function requireProvinceAdmin(p: Principal): void {
  if (p.role !== 'admin' || (p.agencyId !== null && p.agencyLevel !== 'province')) throw forbidden('只有省级管理员可以录入放假安排通知');
}

/** What a notice changed, as far as the caller's jurisdiction reaches (enterprises see none). */
function visibleChanges(p: Principal, changes: CalendarChange[]): CalendarChange[] {
  if (p.role === 'enterprise') return [];
  const prefix = jurisdictionPrefix(p);
  return changes.filter((c) => c.regionCode.startsWith(prefix));
}

export const calendarRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['calendar'];

  r.get(
    '/calendar/add-working-days',
    { schema: { tags, querystring: addWorkingDaysQuery, response: { 200: workingDaysAdded } } },
    async (req) => {
      user(req);
      const { from, days } = req.query;
      if (!/^(20\d\d)-/.test(from)) throw new AppError('VALIDATION', '日期应在2000至2099年之间');
      let date: string;
      try {
        date = addWorkingDays(from, days);
      } catch {
        throw new AppError('VALIDATION', `日期不正确：${from}`);
      }
      return { date, provisional: workingCalendar().provisionalBetween(from, date) };
    },
  );

  r.get('/calendar/:year', { schema: { tags, params: yearParam, response: { 200: calendarYearView } } }, async (req) => {
    const p = user(req);
    const { year } = req.params;
    const cal = workingCalendar();
    const data = cal.year(year);
    const versions = await ctx.database.rows<{ id: number; version: number; source: string; notice_number: string | null; issued_on: string | null; entered_at: string; entered_by_name: string | null; changes: CalendarChange[] }>(
      sql`select c.id, c.version, c.source, c.notice_number, c.issued_on::text as issued_on, c.entered_at, u.display_name as entered_by_name, c.changes
            from calendar_years c left join users u on u.id = c.entered_by where c.year = ${year} order by c.version desc`,
    );
    return {
      year,
      official: data.official,
      notice: data.notice,
      source: data.official ? (data.notice ? ('notice' as const) : ('package' as const)) : ('statutory' as const),
      days: cal.days(year),
      holidays: cal.holidaysOfYear(year),
      versions: versions.map((v) => ({
        version: Number(v.version),
        source: v.source,
        notice: v.notice_number ? { number: v.notice_number, issuedOn: String(v.issued_on).slice(0, 10) } : null,
        enteredAt: new Date(v.entered_at).toISOString(),
        enteredBy: v.entered_by_name,
        changes: visibleChanges(p, v.changes ?? []),
      })),
    };
  });

  r.put(
    '/calendar/:year',
    { schema: { tags, params: yearParam, body: calendarNoticeBody, response: { 200: calendarNoticeEntered } } },
    async (req) => {
      const p = user(req);
      requireProvinceAdmin(p);
      const { year } = req.params;
      const b = req.body;
      const problems = noticeProblems(year, b);
      if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
      const holidays = [...b.holidays].sort((x, y) => x.from.localeCompare(y.from));
      const makeupWorkdays = [...new Set(b.makeupWorkdays)].sort();
      const entered: CalendarYear = { year, official: true, notice: b.notice, holidays, makeupWorkdays };
      const before = workingCalendar();
      const after = before.with(entered);
      const result = await ctx.database.db.transaction(async (tx) => {
        // one notice at a time per year: the version number is taken under the lock
        await ctx.database.rows(sql`select pg_advisory_xact_lock(${0x43414c00 + year})`, tx);
        const [{ v } = { v: 0 }] = await ctx.database.rows<{ v: number | null }>(sql`select coalesce(max(version), 0)::int as v from calendar_years where year = ${year}`, tx);
        const version = Number(v) + 1;
        const [row] = await ctx.database.rows<{ id: number }>(
          sql`insert into calendar_years (year, version, source, notice_number, issued_on, holidays, makeup_workdays, entered_by)
              values (${year}, ${version}, 'notice', ${b.notice.number}, ${b.notice.issuedOn}::date, ${JSON.stringify(holidays)}::jsonb, ${JSON.stringify(makeupWorkdays)}::jsonb, ${p.userId}) returning id`,
          tx,
        );
        const changes = await applyNotice(ctx, tx, before, after, year, Number(row!.id));
        await ctx.database.rows(sql`update calendar_years set changes = ${JSON.stringify(changes)}::jsonb where id = ${row!.id}`, tx);
        await appendAudit(ctx.database, tx, actorOf(p), [
          {
            action: 'enter_notice',
            entityType: 'calendar_year',
            entityId: `${year}-${version}`,
            regionCode: p.agencyRegionCode ?? '',
            before: { official: before.isOfficial(year), holidays: before.year(year).holidays, makeupWorkdays: before.year(year).makeupWorkdays },
            after: { notice: b.notice, holidays, makeupWorkdays, changes: changes.length },
          },
        ]);
        return { version, changes };
      });
      await loadCalendar(ctx.database);
      const cal = workingCalendar();
      return { year, official: true, notice: b.notice, version: result.version, holidays: cal.holidaysOfYear(year), changes: visibleChanges(p, result.changes) };
    },
  );
});
