/**
 * R36: periodic statistics of enforcement (定期统计) over the stored records — the layer under the leaders' dashboards
 * and the monthly report.
 *
 *   statistics(ctx, principal, { agencyId?, from, to, groupBy? }): Promise<StatisticsResult>
 *
 * - scope: the agency (default the caller's) with its whole subtree, i.e. every record whose region_code (the
 *   enterprise's region) starts with the agency's region prefix — the same rule as the ledgers, so the figures
 *   reconcile with them; the agency must lie in the caller's jurisdiction (403 otherwise).
 * - period: from…to inclusive, ISO dates in Beijing time; each figure counts its records by its own date
 *   (docs/statistics.md): inspections and plan entries by their inspection date (planned_date), hazards by the day
 *   they were recorded, cases by 立案 day (opened_on), decisions by decided_on, transfers by the transfer event.
 * - result: { agency: {id, name, level, regionCode}, from, to, asOf (today, for "overdue"), groupBy,
 *             total: StatisticsFigures, groups: StatisticsGroup[] }  — StatisticsFigures in
 *   packages/domain/src/reporting/statistics.ts. groupBy agency/region gives the direct children with their subtrees
 *   (their additive figures sum to the total, checked by test/statistics.test.ts); industry and riskCode the
 *   enterprise's current attributes; officer each officer of the inspection/case (an inspection by two officers counts
 *   for both, so officer groups do not sum to the total; plan and coverage figures are null there); month 'YYYY-MM'.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  emptyFigures,
  sumFigures,
  childRegions,
  getRegion,
  highRiskIndustries,
  industryLabels,
  riskCodeLabels,
  monthKeys,
  monthLabel,
  regionPrefix,
  type Industry,
  type RiskCode,
  type StatisticsFigures,
  type StatisticsGroup,
  type StatisticsGroupBy,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError } from '../../lib/errors.js';
import { inJurisdiction, requirePermission, type Principal } from '../auth/principal.js';

export interface StatisticsQuery {
  agencyId?: number;
  from: string;
  to: string;
  groupBy?: StatisticsGroupBy;
}

export interface StatisticsResult {
  agency: { id: number; name: string; level: string; regionCode: string };
  from: string;
  to: string;
  asOf: string;
  groupBy: StatisticsGroupBy | null;
  total: StatisticsFigures;
  groups: StatisticsGroup[];
}

/** Longest period one request may span (three years and a day): the dashboards ask for a year at most. */
export const MAX_PERIOD_DAYS = 3 * 366;

interface Scope {
  agency: StatisticsResult['agency'];
  prefix: string;
}

export async function resolveScope(ctx: AppContext, p: Principal, agencyId: number | undefined): Promise<Scope> {
  requirePermission(p, 'registry.read');
  if (p.role === 'enterprise') throw new AppError('FORBIDDEN', '企业用户不能查看执法统计');
  const id = agencyId ?? p.agencyId;
  const [a] = await ctx.database.rows<{ id: number; name: string; level: string; region_code: string }>(
    id == null ? sql`select id, name, level, region_code from agencies where parent_id is null order by id limit 1` : sql`select id, name, level, region_code from agencies where id = ${id}`,
  );
  if (!a) throw new AppError('NOT_FOUND', '执法主体不存在');
  if (!inJurisdiction(p, a.region_code)) throw new AppError('FORBIDDEN', '该执法主体不在您的管辖范围内，不能查看其统计');
  return { agency: { id: Number(a.id), name: a.name, level: a.level, regionCode: a.region_code }, prefix: regionPrefix(a.region_code) };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
function checkPeriod(from: string, to: string) {
  if (!ISO.test(from) || !ISO.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new AppError('VALIDATION', '请按“年-月-日”填写统计期间');
  if (from > to) throw new AppError('VALIDATION', '统计起始日期不能晚于截止日期');
  const days = (Date.parse(to) - Date.parse(from)) / 86400_000;
  if (days > MAX_PERIOD_DAYS) throw new AppError('VALIDATION', '统计期间不能超过三年');
}

/** Length of the region-code prefix of the scope's direct children: province → city (4), city → county (6), county → township (9). */
export function childPrefixLength(prefix: string): number {
  return prefix.length <= 2 ? 4 : prefix.length <= 4 ? 6 : 9;
}
/** The child prefix as a region code ('3301' → '330100'). */
export const childRegionCode = (key: string) => (key.length === 4 ? `${key}00` : key);

/**
 * The records of a region prefix. With the range beside the LIKE a plain btree on the region (the summary tables' keys)
 * is searched by that range: the database's collation is not "C", so LIKE alone is only a filter there. All codes
 * with the prefix lie between the prefix and the next number of its length ('3301' → '3302').
 */
const like = (col: string, prefix: string): SQL => {
  if (prefix === '') return sql`true`;
  const next = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
  return sql`(${sql.raw(col)} like ${prefix + '%'} and ${sql.raw(col)} >= ${prefix} and ${sql.raw(col)} < ${next})`;
};

/**
 * How one source of records is grouped. `alias`: the source row; `date`: its date for the month key; `officers`:
 * its officer-id array (null: not attributable to officers); `enterprise`: its enterprise id column.
 */
interface Source {
  alias: string;
  date: string;
  officers: string | null;
  enterprise: string;
}

/** The group key expression and the joins it needs, or null when the measure has no breakdown by this dimension. */
function dimension(g: StatisticsGroupBy | null, s: Source, prefix: string): { key: SQL; join: SQL } | null {
  switch (g) {
    case null:
      return { key: sql`''`, join: sql`` };
    case 'agency':
    case 'region':
      return { key: sql.raw(`left(${s.alias}.region_code, ${childPrefixLength(prefix)})`), join: sql`` };
    case 'industry':
      return { key: sql`ge.industry`, join: sql.raw(` join enterprises ge on ge.id = ${s.enterprise}`) };
    case 'riskCode':
      return { key: sql`ge.risk_code`, join: sql.raw(` join enterprises ge on ge.id = ${s.enterprise}`) };
    case 'officer':
      return s.officers ? { key: sql`go.officer_id::text`, join: sql.raw(` cross join lateral unnest(${s.officers}) as go(officer_id)`) } : null;
    case 'month':
      // 'YYYY-MM' from the date's text (DateStyle ISO, the server's default, which the pg driver's date parsing assumes too):
      // far cheaper per row than to_char
      return { key: sql.raw(`left((${s.date})::text, 7)`), join: sql`` };
  }
}

type Row = Record<string, unknown> & { k: string };

/** The group key of a hazard row (h) for the dimensions the summary answers. */
function dHazKey(g: StatisticsGroupBy | null, prefix: string): SQL {
  return dimension(g, { alias: 'h', date: `(h.created_at at time zone 'Asia/Shanghai')::date`, officers: null, enterprise: 'h.enterprise_id' }, prefix)!.key;
}
const n = (v: unknown) => (v == null ? 0 : Number(v));

/** Shanghai-day bounds of the period as timestamps, for timestamptz columns. */
const dayStart = (d: string) => sql`(${d}::date::timestamp at time zone 'Asia/Shanghai')`;
const dayEnd = (d: string) => sql`((${d}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;

/** Raw figures of the scope, grouped by `g` (null: one group '' — the scope's total). */
/**
 * Whether the summary tables per county and day (migrations 0024, 0031) can answer: the scope and the groups are
 * counties or larger. Townships have their own grain (townshipSummaryAnswers); the industry, risk-code and officer
 * breakdowns read the base tables (coverage aside, from the per-enterprise and per-township summaries).
 */
export function summaryAnswers(prefix: string, g: StatisticsGroupBy | null): boolean {
  if (prefix.length > 6) return false;
  return g === null || g === 'month' || ((g === 'agency' || g === 'region') && childPrefixLength(prefix) <= 6);
}

/**
 * Whether the township grain of the daily summary (migration 0031) answers the inspections and hazards: a township
 * scope, or a county's groups by township (the county's map).
 */
export function townshipSummaryAnswers(prefix: string, g: StatisticsGroupBy | null): boolean {
  if (prefix.length === 9) return g === null || g === 'month' || g === 'agency' || g === 'region';
  return prefix.length === 6 && (g === 'agency' || g === 'region');
}

const durationKeys = ['openToNotify', 'notifyToDecide', 'openToDecide', 'decideToServe', 'serveToClose'] as const;
type DurationKey = (typeof durationKeys)[number];
/** Sums and counts of the stage durations, so that groups add up to their total exactly. */
type DurationSums = Record<DurationKey, [number, number]>;
const noDurations = (): DurationSums => ({ openToNotify: [0, 0], notifyToDecide: [0, 0], openToDecide: [0, 0], decideToServe: [0, 0], serveToClose: [0, 0] });
function finalDurations(d: DurationSums): StatisticsFigures['durations'] {
  const avg = ([sum, count]: [number, number]) => (count > 0 ? Math.round((sum / count) * 10) / 10 : null);
  return { openToNotify: avg(d.openToNotify), notifyToDecide: avg(d.notifyToDecide), openToDecide: avg(d.openToDecide), decideToServe: avg(d.decideToServe), serveToClose: avg(d.serveToClose) };
}

interface Partials {
  figures: Map<string, StatisticsFigures>;
  durations: Map<string, DurationSums>;
}

/** The figures of the scope grouped by `g` (null: one group '' — the scope's total). */
export async function computeFigures(ctx: AppContext, prefix: string, from: string, to: string, g: StatisticsGroupBy | null, today: string, opts: { raw?: boolean } = {}): Promise<Map<string, StatisticsFigures>> {
  const p = await computePartials(ctx, prefix, from, to, g, today, opts);
  for (const [k, f] of p.figures) f.durations = finalDurations(p.durations.get(k) ?? noDurations());
  return p.figures;
}

async function computePartials(ctx: AppContext, prefix: string, from: string, to: string, g: StatisticsGroupBy | null, today: string, opts: { raw?: boolean; coverageOnly?: boolean } = {}): Promise<Partials> {
  const summary = !opts.raw && summaryAnswers(prefix, g);
  // the daily summary at the grain the groups need: per county, or per township (0031)
  const daily = summary ? 'statistics_daily' : !opts.raw && townshipSummaryAnswers(prefix, g) ? 'statistics_township_daily' : null;
  const out = new Map<string, StatisticsFigures>();
  const durations = new Map<string, DurationSums>();
  const fig = (k: string) => {
    let f = out.get(k);
    if (!f) {
      f = emptyFigures();
      if (g === 'officer') {
        f.inspections.planned = null;
        f.coverage = { keyTargets: null, keyTargetsInspected: null, highRiskTargets: null, highRiskInspected: null };
      }
      out.set(k, f);
    }
    return f;
  };
  const db = ctx.database;
  const q = (s: SQL) => db.rows<Row>(s);
  const years = Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) => Number(from.slice(0, 4)) + i);

  // plans in force: approved, filed or published, their current version
  const inForce = sql`select v.id from plans p join plan_versions v on v.plan_id = p.id and v.version_no = p.current_version
                       where p.status in ('approved', 'filed', 'published')`;

  const tasks: Promise<void>[] = [];
  // open hazards of the period not yet due, per group (with the daily summary: overdue = unclosed − not due)
  const notDue = new Map<string, number>();
  const only = opts.coverageOnly === true;
  // -- plan entries (planned inspections)
  const dPlan = dimension(g, { alias: 'pe', date: 'pe.planned_date', officers: null, enterprise: 'pe.enterprise_id' }, prefix);
  const dPlanSum = dimension(g, { alias: 'sp', date: 'sp.day', officers: null, enterprise: 'null' }, prefix)!;
  if (daily && !only)
    // planned counts per version, county (or township) and day (0031), of the versions in force
    tasks.push(
      q(sql`select ${dPlanSum.key} as k, sum(sp.planned)::bigint as planned from ${sql.raw(summary ? 'statistics_plan_days' : 'statistics_township_plan_days')} sp
             where sp.plan_version_id in (${inForce}) and ${like('sp.region_code', prefix)} and sp.day between ${from}::date and ${to}::date group by 1`).then((rows) => {
        for (const r of rows) fig(r.k).inspections.planned = n(r.planned);
      }),
    );
  else if (dPlan && !only)
    tasks.push(
      q(sql`select ${dPlan.key} as k, count(*)::bigint as planned from plan_entries pe${dPlan.join}
             where pe.plan_version_id in (${inForce}) and ${like('pe.region_code', prefix)} and pe.planned_date between ${from}::date and ${to}::date group by 1`).then((rows) => {
        for (const r of rows) fig(r.k).inspections.planned = n(r.planned);
      }),
    );
  // -- inspections done
  const dIns = dimension(g, { alias: 'i', date: 'i.planned_date', officers: 'i.officer_ids', enterprise: 'i.enterprise_id' }, prefix)!;
  const dSum = dimension(g, { alias: 'sd', date: 'sd.day', officers: null, enterprise: 'null' }, prefix)!;
  if (only) {
    // coverage alone
  } else if (daily)
    tasks.push(
      q(sql`select ${dSum.key} as k, sum(inspections_done)::bigint as done, sum(inspections_done_planned)::bigint as planned,
                   sum(hazards_found)::bigint as found, sum(hazards_major)::bigint as major, sum(hazards_closed)::bigint as closed,
                   sum(hazards_awaiting)::bigint as awaiting, sum(hazards_major_unclosed)::bigint as major_unclosed
              from ${sql.raw(daily)} sd where sd.day between ${from}::date and ${to}::date and ${like('sd.region_code', prefix)} group by 1`).then((rows) => {
        for (const r of rows) {
          const f = fig(r.k);
          f.inspections.done = n(r.done);
          f.inspections.donePlanned = n(r.planned);
          f.inspections.doneUnplanned = n(r.done) - n(r.planned);
          f.hazards = { found: n(r.found), major: n(r.major), closed: n(r.closed), awaitingReview: n(r.awaiting), unclosed: n(r.found) - n(r.closed), overdue: 0, majorUnclosed: n(r.major_unclosed) };
        }
      }),
      // overdue depends on today: the unclosed ones (summary) less the open ones not yet due — few (deadlines are
      // weeks after the finding) where the overdue ones are most of the open ones (a partial index by deadline)
      q(sql`select ${dHazKey(g, prefix)} as k, count(*)::bigint as not_due from hazards h
             where h.status <> 'closed' and h.deadline >= ${today}::date and ${like('h.region_code', prefix)} and h.created_at >= ${dayStart(from)} and h.created_at < ${dayEnd(to)} group by 1`).then((rows) => {
        for (const r of rows) notDue.set(r.k, n(r.not_due));
      }),
    );
  else tasks.push(
    q(sql`select ${dIns.key} as k, count(*)::bigint as done,
                 count(*) filter (where i.origin in ('plan', 'draw'))::bigint as planned,
                 count(*) filter (where i.origin not in ('plan', 'draw'))::bigint as unplanned
            from inspections i${dIns.join}
           where i.status = 'completed' and ${like('i.region_code', prefix)} and i.planned_date between ${from}::date and ${to}::date group by 1`).then((rows) => {
      for (const r of rows) {
        const f = fig(r.k);
        f.inspections.done = n(r.done);
        f.inspections.donePlanned = n(r.planned);
        f.inspections.doneUnplanned = n(r.unplanned);
      }
    }),
  );
  // -- coverage: high-risk enterprises of the scope, and key targets of the plans in force for the period's years
  if (g !== 'officer') {
    // within one calendar year from 1 January, "inspected in the period" is "first inspection of the year by `to`"
    const yearToDate = from.slice(5) === '01-01' && from.slice(0, 4) === to.slice(0, 4);
    const covered = (e: string) =>
      !opts.raw && yearToDate
        ? sql.raw(`exists (select 1 from statistics_coverage cc where cc.enterprise_id = ${e} and cc.year = ${Number(from.slice(0, 4))} and cc.first_day <= '${to}'::date)`)
        : sql.raw(`exists (select 1 from inspections ci where ci.enterprise_id = ${e} and ci.status = 'completed' and ci.planned_date between '${from}'::date and '${to}'::date)`);
    const dEnt = g === 'month' ? null : dimension(g, { alias: 'e', date: 'null', officers: null, enterprise: 'e.id' }, prefix)!;
    if (dEnt) {
      const key = g === 'industry' ? sql`e.industry` : g === 'riskCode' ? sql`e.risk_code` : dEnt.key;
      const hr = sql.join(highRiskIndustries.map((x) => sql`${x}`), sql`, `);
      if (!opts.raw && yearToDate && g !== 'riskCode') {
        const scKey = g === 'industry' ? sql`sc.industry` : dimension(g, { alias: 'sc', date: 'null', officers: null, enterprise: 'sc.enterprise_id' }, prefix)!.key;
        const stKey = g === 'industry' ? sql`st.industry` : dimension(g, { alias: 'st', date: 'null', officers: null, enterprise: 'null' }, prefix)!.key;
        // the high-risk enterprises: from the register's summary (per township, 0031) unless by risk code
        const registerAnswers = prefix.length <= 9 && (g === null || g === 'industry' || g === 'agency' || g === 'region');
        const srKey = g === 'industry' ? sql`sr.industry` : dimension(g, { alias: 'sr', date: 'null', officers: null, enterprise: 'null' }, prefix)!.key;
        tasks.push(
          q(
            registerAnswers
              ? sql`select ${srKey} as k, sum(sr.enterprises)::bigint as targets from statistics_register sr where sr.industry in (${hr}) and ${like('sr.region_code', prefix)} group by 1`
              : sql`select ${key} as k, count(*)::bigint as targets from enterprises e where e.industry in (${hr}) and ${like('e.region_code', prefix)} group by 1`,
          ).then((rows) => {
            for (const r of rows) fig(r.k).coverage.highRiskTargets = n(r.targets);
          }),
          // inspected by `to`: the year's totals (0031) less the enterprises first inspected after `to`
          q(sql`select k, sum(n)::bigint as inspected from (
                  select ${stKey} as k, sum(st.enterprises) as n from statistics_coverage_totals st
                   where st.year = ${Number(from.slice(0, 4))} and st.industry in (${hr}) and ${like('st.region_code', prefix)} group by 1
                  union all
                  select ${scKey} as k, -count(*) from statistics_coverage sc
                   where sc.year = ${Number(from.slice(0, 4))} and sc.industry in (${hr}) and sc.first_day > ${to}::date and ${like('sc.region_code', prefix)} group by 1) x group by 1`).then((rows) => {
            for (const r of rows) fig(r.k).coverage.highRiskInspected = n(r.inspected);
          }),
        );
      } else
        tasks.push(
          q(sql`select ${key} as k, count(*)::bigint as targets, count(*) filter (where ${covered('e.id')})::bigint as inspected
                  from enterprises e where e.industry in (${hr}) and ${like('e.region_code', prefix)} group by 1`).then((rows) => {
            for (const r of rows) {
              const f = fig(r.k);
              f.coverage.highRiskTargets = n(r.targets);
              f.coverage.highRiskInspected = n(r.inspected);
            }
          }),
        );
      const keyDim = dimension(g, { alias: 'kt', date: 'null', officers: null, enterprise: 'kt.enterprise_id' }, prefix)!;
      const onKeyTargets = (rows: Row[]) => {
        for (const r of rows) {
          const f = fig(r.k);
          f.coverage.keyTargets = n(r.targets);
          f.coverage.keyTargetsInspected = n(r.inspected);
        }
      };
      if (!opts.raw && yearToDate && (g === null || g === 'agency' || g === 'region'))
        // the key targets of the plans in force with their first inspection of the year (0031): one index range
        tasks.push(
          q(sql`select ${keyDim.key} as k, count(*)::bigint as targets, count(*) filter (where kt.first_day <= ${to}::date)::bigint as inspected
                  from statistics_key_targets kt where kt.year = ${Number(from.slice(0, 4))} and ${like('kt.region_code', prefix)} group by 1`).then(onKeyTargets),
        );
      else tasks.push(
        q(sql`select ${keyDim.key} as k, count(*)::bigint as targets, count(*) filter (where ${covered('kt.enterprise_id')})::bigint as inspected
                from (select distinct pe.enterprise_id, pe.region_code from plan_entries pe join plan_versions v on v.id = pe.plan_version_id join plans p on p.id = v.plan_id
                       where pe.plan_version_id in (${inForce}) and p.year in (${sql.join(years.map((y) => sql`${y}`), sql`, `)}) and pe.category = 'key' and ${like('pe.region_code', prefix)}) kt${keyDim.join}
               group by 1`).then(onKeyTargets),
      );
    } else {
      // by month: coverage is a property of the whole period, not of a month
      for (const k of monthKeys(from, to)) fig(k).coverage = { keyTargets: null, keyTargetsInspected: null, highRiskTargets: null, highRiskInspected: null };
    }
  }
  // -- hazards, by the day they were recorded
  const found = `(h.created_at at time zone 'Asia/Shanghai')::date`;
  const dHaz = dimension(g, { alias: 'h', date: found, officers: 'hi.officer_ids', enterprise: 'h.enterprise_id' }, prefix)!;
  if (!daily && !only) tasks.push(
    q(sql`select ${dHaz.key} as k, count(*)::bigint as found,
                 count(*) filter (where h.major)::bigint as major,
                 count(*) filter (where h.status = 'closed')::bigint as closed,
                 count(*) filter (where h.status = 'rectified')::bigint as awaiting,
                 count(*) filter (where h.status <> 'closed')::bigint as unclosed,
                 count(*) filter (where h.status <> 'closed' and h.deadline < ${today}::date)::bigint as overdue,
                 count(*) filter (where h.status <> 'closed' and h.major)::bigint as major_unclosed
            from hazards h${g === 'officer' ? sql` join inspections hi on hi.id = h.inspection_id` : sql``}${dHaz.join}
           where ${like('h.region_code', prefix)} and h.created_at >= ${dayStart(from)} and h.created_at < ${dayEnd(to)} group by 1`).then((rows) => {
      for (const r of rows) fig(r.k).hazards = { found: n(r.found), major: n(r.major), closed: n(r.closed), awaitingReview: n(r.awaiting), unclosed: n(r.unclosed), overdue: n(r.overdue), majorUnclosed: n(r.major_unclosed) };
    }),
  );
  // -- cases opened (立案) in the period, by current stage and procedure
  const dCase = dimension(g, { alias: 'c', date: 'c.opened_on', officers: 'c.investigator_ids', enterprise: 'c.enterprise_id' }, prefix)!;
  if (!only) tasks.push(
    q(sql`select ${dCase.key} as k, c.status, c.procedure, count(*)::bigint as n from penalty_cases c${dCase.join}
           where ${like('c.region_code', prefix)} and c.opened_on between ${from}::date and ${to}::date group by 1, 2, 3`).then((rows) => {
      for (const r of rows) {
        const f = fig(r.k);
        const v = n(r.n);
        f.cases.opened += v;
        f.cases.byStatus[String(r.status)] = (f.cases.byStatus[String(r.status)] ?? 0) + v;
        f.cases.byProcedure[String(r.procedure)] = (f.cases.byProcedure[String(r.procedure)] ?? 0) + v;
      }
    }),
  );
  // -- decisions made in the period: fines decided and collected, 停产停业, 关闭; stage durations
  const dDec = dimension(g, { alias: 'c', date: 'c.decided_on', officers: 'c.investigator_ids', enterprise: 'c.enterprise_id' }, prefix)!;
  const fine = sql`coalesce((c.decision->>'fine')::numeric, 0)`;
  const has = (kinds: string[]) => sql`(c.decision->'sanctions') ?| array[${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}]::text[]`;
  const penalty = sql`c.decision->>'kind' = 'penalty'`;
  const onDecisions = (rows: Row[]) => {
    for (const r of rows) {
      const f = fig(r.k);
      f.penalties = { decisions: n(r.decisions), fineDecided: n(r.fine), collectedDecisions: n(r.collected_n), fineCollected: n(r.collected), suspensions: n(r.suspensions), closures: n(r.closures) };
      durations.set(r.k, { openToNotify: [n(r.s1), n(r.n1)], notifyToDecide: [n(r.s2), n(r.n2)], openToDecide: [n(r.s3), n(r.n3)], decideToServe: [n(r.s4), n(r.n4)], serveToClose: [n(r.s5), n(r.n5)] });
    }
  };
  const dDecSum = dimension(g, { alias: 'sx', date: 'sx.day', officers: null, enterprise: 'null' }, prefix)!;
  if (!only && summary)
    tasks.push(
      q(sql`select ${dDecSum.key} as k, sum(decisions)::bigint as decisions, sum(fine) as fine, sum(collected_decisions)::bigint as collected_n, sum(collected) as collected,
                   sum(suspensions)::bigint as suspensions, sum(closures)::bigint as closures, sum(s1)::bigint as s1, sum(n1)::bigint as n1, sum(s2)::bigint as s2, sum(n2)::bigint as n2,
                   sum(s3)::bigint as s3, sum(n3)::bigint as n3, sum(s4)::bigint as s4, sum(n4)::bigint as n4, sum(s5)::bigint as s5, sum(n5)::bigint as n5
              from statistics_decisions sx where sx.day between ${from}::date and ${to}::date and ${like('sx.region_code', prefix)} group by 1`).then(onDecisions),
    );
  if (!only && !summary) tasks.push(
    q(sql`select ${dDec.key} as k,
                 count(*) filter (where ${penalty})::bigint as decisions,
                 coalesce(sum(${fine}) filter (where ${penalty}), 0) as fine,
                 count(*) filter (where ${penalty} and c.execution_done)::bigint as collected_n,
                 coalesce(sum(${fine}) filter (where ${penalty} and c.execution_done), 0) as collected,
                 count(*) filter (where ${penalty} and ${has(['suspend_for_rectification', 'suspend_business'])})::bigint as suspensions,
                 count(*) filter (where ${penalty} and ${has(['closure'])})::bigint as closures,
                 sum(c.notified_on - c.opened_on) as s1, count(c.notified_on - c.opened_on) as n1,
                 sum(c.decided_on - c.notified_on) as s2, count(c.decided_on - c.notified_on) as n2,
                 sum(c.decided_on - c.opened_on) as s3, count(c.decided_on - c.opened_on) as n3,
                 sum(c.served_on - c.decided_on) as s4, count(c.served_on - c.decided_on) as n4,
                 sum(c.closed_on - c.served_on) filter (where c.status = 'closed') as s5, count(c.closed_on - c.served_on) filter (where c.status = 'closed') as n5
            from penalty_cases c${dDec.join}
           where ${like('c.region_code', prefix)} and c.decided_on between ${from}::date and ${to}::date group by 1`).then(onDecisions),
  );
  // -- transfers to the judicial organs (移送), by the day of the transfer
  const tday = `(ev.at at time zone 'Asia/Shanghai')::date`;
  const dTr = dimension(g, { alias: 'c', date: tday, officers: 'c.investigator_ids', enterprise: 'c.enterprise_id' }, prefix)!;
  if (!only) tasks.push(
    q(sql`select ${dTr.key} as k, count(*)::bigint as n
            from penalty_case_events ev join penalty_cases c on c.id = ev.case_id${dTr.join}
           where ev.action = 'transfer' and ${like('ev.region_code', prefix)} and ev.at >= ${dayStart(from)} and ev.at < ${dayEnd(to)} group by 1`).then((rows) => {
      for (const r of rows) fig(r.k).cases.transferred = n(r.n);
    }),
  );
  await Promise.all(tasks);
  if (daily && !only) for (const [k, f] of out) f.hazards.overdue = f.hazards.unclosed - (notDue.get(k) ?? 0);
  return { figures: out, durations };
}

/** R36: the statistics of an agency's subtree over a period (see the comment at the top). */
export async function statistics(ctx: AppContext, p: Principal, query: StatisticsQuery): Promise<StatisticsResult> {
  checkPeriod(query.from, query.to);
  const scope = await resolveScope(ctx, p, query.agencyId);
  const today = shanghaiDate();
  const g = query.groupBy ?? null;
  let total: StatisticsFigures;
  let groupMap = new Map<string, StatisticsFigures>();
  if (g === null || g === 'officer') {
    // an inspection or case of several officers is in several officer groups: the total is counted on its own
    const [t, m] = await Promise.all([computeFigures(ctx, scope.prefix, query.from, query.to, null, today), g ? computeFigures(ctx, scope.prefix, query.from, query.to, g, today) : null]);
    total = t.get('') ?? emptyFigures();
    if (m) groupMap = m;
  } else {
    // disjoint groups: the total is their sum (durations from the summed sums and counts); coverage by month is not
    // additive (an enterprise inspected in two months), so it is counted for the period on its own
    const [p, cov] = await Promise.all([
      computePartials(ctx, scope.prefix, query.from, query.to, g, today),
      g === 'month' ? computePartials(ctx, scope.prefix, query.from, query.to, null, today, { coverageOnly: true }) : null,
    ]);
    total = sumFigures([...p.figures.values()]);
    const sums = noDurations();
    for (const d of p.durations.values()) for (const k of durationKeys) sums[k] = [sums[k][0] + d[k][0], sums[k][1] + d[k][1]];
    total.durations = finalDurations(sums);
    if (cov) total.coverage = cov.figures.get('')?.coverage ?? emptyFigures().coverage;
    for (const [k, f] of p.figures) f.durations = finalDurations(p.durations.get(k) ?? noDurations());
    groupMap = p.figures;
  }
  const groups = g ? await labelGroups(ctx, scope, g, groupMap, query) : [];
  return { agency: scope.agency, from: query.from, to: query.to, asOf: today, groupBy: g, total, groups };
}

async function labelGroups(ctx: AppContext, scope: Scope, g: StatisticsGroupBy, m: Map<string, StatisticsFigures>, query: StatisticsQuery): Promise<StatisticsGroup[]> {
  const empty = () => {
    const f = emptyFigures();
    if (g === 'month') f.coverage = { keyTargets: null, keyTargetsInspected: null, highRiskTargets: null, highRiskInspected: null };
    return f;
  };
  switch (g) {
    case 'month':
      return monthKeys(query.from, query.to).map((k) => ({ key: k, label: monthLabel(k, query.from.slice(0, 4) !== query.to.slice(0, 4)), regionCode: null, figures: m.get(k) ?? empty() }));
    case 'industry':
      return [...m.entries()].map(([k, f]) => ({ key: k, label: industryLabels[k as Industry] ?? '其他行业', regionCode: null, figures: f })).sort((a, b) => b.figures.inspections.done - a.figures.inspections.done);
    case 'riskCode':
      return (['red', 'yellow', 'blue', 'green'] as RiskCode[]).filter((k) => m.has(k)).map((k) => ({ key: k, label: riskCodeLabels[k], regionCode: null, figures: m.get(k)! }));
    case 'officer': {
      const ids = [...m.keys()].map(Number).filter((x) => Number.isInteger(x));
      const names = ids.length ? await ctx.database.rows<{ id: number; name: string }>(sql`select id, name from officers where id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`) : [];
      const byId = new Map(names.map((o) => [String(o.id), o.name]));
      return [...m.entries()].map(([k, f]) => ({ key: k, label: byId.get(k) ?? '已删除的执法人员', regionCode: null, figures: f })).sort((a, b) => b.figures.inspections.done - a.figures.inspections.done);
    }
    case 'agency':
    case 'region': {
      // every child region of the scope appears (also those without records), then records directly at the scope's own level
      const len = childPrefixLength(scope.prefix);
      const children = await ctx.database.rows<{ id: number; name: string; region_code: string }>(sql`select id, name, region_code from agencies where parent_id = ${scope.agency.id} order by region_code`);
      const keys = new Set<string>(g === 'agency' ? children.map((c) => regionPrefix(c.region_code)) : []);
      if (g === 'region') {
        for (const r of childRegions(scope.agency.regionCode)) keys.add(r.code.length === 6 && len === 4 ? r.code.slice(0, 4) : r.code);
      }
      for (const k of m.keys()) keys.add(k);
      const agencyByPrefix = new Map(children.map((c) => [regionPrefix(c.region_code), c]));
      return [...keys].sort().map((k) => {
        const a = agencyByPrefix.get(k);
        const code = childRegionCode(k);
        const own = k.length < len;
        const label = own ? `${scope.agency.name}直接监管` : g === 'agency' ? (a?.name ?? `${getRegion(code)?.name ?? code}（无执法主体）`) : (getRegion(code)?.name ?? code);
        return { key: g === 'agency' && a ? String(a.id) : k, label, regionCode: own ? scope.agency.regionCode : code, figures: m.get(k) ?? empty() };
      });
    }
  }
}

