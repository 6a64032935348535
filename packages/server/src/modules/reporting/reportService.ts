// R36: an agency's periodic reports — generated from the statistics layer, annotated (never overwritten) by the
// agency, submitted upward by its leader, returned for correction by the upper level; due dates from the domain.
import { sql } from 'drizzle-orm';
import {
  parseReportPeriod,
  periodFormatHints,
  reportDueDate,
  reportFigureKeys,
  submissionState,
  type ReportFigureKey,
  type ReportFigures,
  type ReportKind,
  type ReportPeriod,
  type SubmissionState,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, inJurisdiction, jurisdictionPrefix, type Principal } from '../auth/principal.js';
import { reportFigures } from './figures.js';

export interface ReportAgency {
  id: number;
  name: string;
  level: string;
  regionCode: string;
  parentId: number | null;
}

export type ReportStatus = 'draft' | 'submitted' | 'returned';

export interface Report {
  kind: ReportKind;
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  agency: ReportAgency;
  status: ReportStatus;
  state: SubmissionState;
  dueOn: string;
  daysLate: number;
  /** figures of the period and of the year up to the period's end (as submitted, once submitted) */
  figures: { period: ReportFigures; yearToDate: ReportFigures };
  annotations: Partial<Record<ReportFigureKey, string>>;
  remarks: string | null;
  preparedBy: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  firstSubmittedOn: string | null;
  submissions: number;
  returnedAt: string | null;
  returnedBy: string | null;
  returnReason: string | null;
  version: number;
  /** what the caller may do with it */
  can: { annotate: boolean; submit: boolean; return: boolean };
}

interface SubmissionRow {
  id: number;
  agency_id: number;
  status: ReportStatus;
  annotations: Partial<Record<ReportFigureKey, string>>;
  remarks: string | null;
  figures: { period: ReportFigures; yearToDate: ReportFigures } | null;
  due_on: string;
  first_submitted_on: string | null;
  submitted_at: string | null;
  submitted_by_name: string | null;
  prepared_by_name: string | null;
  returned_at: string | null;
  returned_by_name: string | null;
  return_reason: string | null;
  submissions: number;
  version: number;
}

const cols = sql`id, agency_id, status, annotations, remarks, figures, due_on::text as due_on, first_submitted_on::text as first_submitted_on,
  submitted_at, submitted_by_name, prepared_by_name, returned_at, returned_by_name, return_reason, submissions, version`;

export function periodOf(kind: ReportKind, period: string): ReportPeriod {
  const p = parseReportPeriod(kind, period);
  if (!p) throw new AppError('VALIDATION', periodFormatHints[kind]);
  return p;
}

/** The agency named (default: the caller's own), if it is within the caller's jurisdiction. */
export async function loadReportAgency(ctx: AppContext, p: Principal, agencyId: number | undefined): Promise<ReportAgency> {
  if (p.role === 'enterprise') throw forbidden('企业用户不能查看监管执法工作报表');
  const id = agencyId ?? p.agencyId;
  if (id == null) throw new AppError('VALIDATION', '请选择填报单位');
  const [a] = await ctx.database.rows<{ id: number; name: string; level: string; region_code: string; parent_id: number | null }>(
    sql`select id, name, level, region_code, parent_id from agencies where id = ${id}`,
  );
  if (!a || !inJurisdiction(p, a.region_code)) throw notFound('填报单位');
  return { id: Number(a.id), name: a.name, level: a.level, regionCode: a.region_code, parentId: a.parent_id == null ? null : Number(a.parent_id) };
}

const own = (p: Principal, a: ReportAgency) => p.role !== 'admin' && p.agencyId === a.id;
/** an agency above the report's agency (its region contains the report's, and it is not the agency itself) */
const above = (p: Principal, a: ReportAgency) => p.role === 'leader' && p.agencyId != null && p.agencyId !== a.id && inJurisdiction(p, a.regionCode);

async function loadRow(ctx: AppContext, agencyId: number, kind: ReportKind, period: string): Promise<SubmissionRow | null> {
  const [row] = await ctx.database.rows<SubmissionRow>(sql`select ${cols} from report_submissions where agency_id = ${agencyId} and kind = ${kind} and period = ${period}`);
  return row ?? null;
}

/** The figures of the period and of its year up to the period's end, from the statistics layer. */
async function liveFigures(ctx: AppContext, p: Principal, agency: ReportAgency, per: ReportPeriod): Promise<{ period: ReportFigures; yearToDate: ReportFigures }> {
  const yearFrom = `${per.from.slice(0, 4)}-01-01`;
  const [period, yearToDate] = await Promise.all([
    reportFigures(ctx, p, { agency, from: per.from, to: per.to }),
    per.from === yearFrom ? null : reportFigures(ctx, p, { agency, from: yearFrom, to: per.to }),
  ]);
  return { period, yearToDate: yearToDate ?? period };
}

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

export async function getReport(ctx: AppContext, p: Principal, kind: ReportKind, period: string, agencyId?: number): Promise<Report> {
  const per = periodOf(kind, period);
  const agency = await loadReportAgency(ctx, p, agencyId);
  const row = await loadRow(ctx, agency.id, kind, period);
  // once submitted, the due date it was measured against stays; before, the calendar in force decides
  const dueOn = row?.first_submitted_on ? row.due_on : reportDueDate(per);
  const st = submissionState(row ? { status: row.status, firstSubmittedOn: row.first_submitted_on } : null, dueOn, shanghaiDate());
  const status: ReportStatus = row?.status ?? 'draft';
  const figures = status === 'submitted' && row?.figures ? row.figures : await liveFigures(ctx, p, agency, per);
  const editable = status !== 'submitted';
  return {
    kind,
    period,
    periodLabel: per.label,
    from: per.from,
    to: per.to,
    agency,
    status,
    state: st.state,
    dueOn,
    daysLate: st.daysLate,
    figures,
    annotations: row?.annotations ?? {},
    remarks: row?.remarks ?? null,
    preparedBy: row?.prepared_by_name ?? null,
    submittedAt: iso(row?.submitted_at ?? null),
    submittedBy: row?.submitted_by_name ?? null,
    firstSubmittedOn: row?.first_submitted_on ?? null,
    submissions: Number(row?.submissions ?? 0),
    returnedAt: iso(row?.returned_at ?? null),
    returnedBy: row?.returned_by_name ?? null,
    returnReason: row?.return_reason ?? null,
    version: Number(row?.version ?? 0),
    can: {
      annotate: editable && own(p, agency) && (p.role === 'leader' || p.role === 'officer'),
      submit: editable && own(p, agency) && p.role === 'leader',
      return: status === 'submitted' && above(p, agency),
    },
  };
}

/** A report period must have ended before it is submitted (the figures are those of a closed period). */
function assertPeriodEnded(per: ReportPeriod): void {
  if (shanghaiDate() <= per.to) throw new AppError('CONFLICT', `${per.label}尚未结束，期满后才能报送`);
}

export async function saveDraft(
  ctx: AppContext,
  p: Principal,
  kind: ReportKind,
  period: string,
  input: { agencyId?: number; annotations: Partial<Record<ReportFigureKey, string>>; remarks?: string | null; version: number },
): Promise<Report> {
  const per = periodOf(kind, period);
  const agency = await loadReportAgency(ctx, p, input.agencyId);
  if (!(own(p, agency) && (p.role === 'leader' || p.role === 'officer'))) throw forbidden('只有本单位的执法人员和负责人可以填写报表说明');
  const annotations: Partial<Record<ReportFigureKey, string>> = {};
  for (const k of reportFigureKeys) {
    const v = input.annotations[k]?.trim();
    if (v) annotations[k] = v;
  }
  await ctx.database.db.transaction(async (tx) => {
    await ctx.database.rows(sql`select pg_advisory_xact_lock(${0x52455000 + agency.id})`, tx);
    const [row] = await ctx.database.rows<SubmissionRow>(sql`select ${cols} from report_submissions where agency_id = ${agency.id} and kind = ${kind} and period = ${period}`, tx);
    if (Number(row?.version ?? 0) !== input.version) throw new AppError('CONFLICT', '报表已被他人修改，请刷新后重试');
    if (row?.status === 'submitted') throw new AppError('CONFLICT', '报表已报送，不能再修改；如需更正，请上级单位退回');
    const remarks = input.remarks?.trim() || null;
    if (row) {
      await ctx.database.rows(
        sql`update report_submissions set annotations = ${JSON.stringify(annotations)}::jsonb, remarks = ${remarks}, prepared_by_name = ${p.displayName},
              version = version + 1, updated_at = now() where id = ${row.id}`,
        tx,
      );
    } else {
      await ctx.database.rows(
        sql`insert into report_submissions (agency_id, region_code, kind, period, status, annotations, remarks, due_on, prepared_by_name)
            values (${agency.id}, ${agency.regionCode}, ${kind}, ${period}, 'draft', ${JSON.stringify(annotations)}::jsonb, ${remarks}, ${reportDueDate(per)}::date, ${p.displayName})`,
        tx,
      );
    }
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'annotate', entityType: 'report', entityId: `${agency.id}:${kind}:${period}`, regionCode: agency.regionCode, before: row ? { annotations: row.annotations, remarks: row.remarks } : null, after: { annotations, remarks } },
    ]);
  });
  return getReport(ctx, p, kind, period, agency.id);
}

export async function submitReport(ctx: AppContext, p: Principal, kind: ReportKind, period: string, input: { agencyId?: number; version: number }): Promise<Report> {
  const per = periodOf(kind, period);
  const agency = await loadReportAgency(ctx, p, input.agencyId);
  if (!(own(p, agency) && p.role === 'leader')) throw forbidden('报表由本单位负责人审核后报送');
  assertPeriodEnded(per);
  // the figures as they stand at submission are what the upper level receives
  const figures = await liveFigures(ctx, p, agency, per);
  const today = shanghaiDate();
  await ctx.database.db.transaction(async (tx) => {
    await ctx.database.rows(sql`select pg_advisory_xact_lock(${0x52455000 + agency.id})`, tx);
    const [row] = await ctx.database.rows<SubmissionRow>(sql`select ${cols} from report_submissions where agency_id = ${agency.id} and kind = ${kind} and period = ${period}`, tx);
    if (Number(row?.version ?? 0) !== input.version) throw new AppError('CONFLICT', '报表已被他人修改，请刷新后重试');
    if (row?.status === 'submitted') throw new AppError('CONFLICT', '报表已报送');
    if (row) {
      await ctx.database.rows(
        sql`update report_submissions set status = 'submitted', figures = ${JSON.stringify(figures)}::jsonb, first_submitted_on = coalesce(first_submitted_on, ${today}::date),
              due_on = case when first_submitted_on is null then ${reportDueDate(per)}::date else due_on end,
              submitted_at = now(), submitted_by = ${p.userId}, submitted_by_name = ${p.displayName}, submissions = submissions + 1, version = version + 1, updated_at = now()
            where id = ${row.id}`,
        tx,
      );
    } else {
      await ctx.database.rows(
        sql`insert into report_submissions (agency_id, region_code, kind, period, status, annotations, figures, due_on, first_submitted_on, submitted_at, submitted_by, submitted_by_name, prepared_by_name, submissions)
            values (${agency.id}, ${agency.regionCode}, ${kind}, ${period}, 'submitted', '{}'::jsonb, ${JSON.stringify(figures)}::jsonb, ${reportDueDate(per)}::date, ${today}::date, now(), ${p.userId}, ${p.displayName}, ${p.displayName}, 1)`,
        tx,
      );
    }
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'submit', entityType: 'report', entityId: `${agency.id}:${kind}:${period}`, regionCode: agency.regionCode, before: row ? { status: row.status } : null, after: { status: 'submitted', figures } },
    ]);
  });
  return getReport(ctx, p, kind, period, agency.id);
}

export async function returnReport(ctx: AppContext, p: Principal, kind: ReportKind, period: string, input: { agencyId: number; reason: string; version: number }): Promise<Report> {
  periodOf(kind, period);
  const agency = await loadReportAgency(ctx, p, input.agencyId);
  if (!above(p, agency)) throw forbidden('只有上级单位负责人可以退回下级单位的报表');
  await ctx.database.db.transaction(async (tx) => {
    await ctx.database.rows(sql`select pg_advisory_xact_lock(${0x52455000 + agency.id})`, tx);
    const [row] = await ctx.database.rows<SubmissionRow>(sql`select ${cols} from report_submissions where agency_id = ${agency.id} and kind = ${kind} and period = ${period}`, tx);
    if (!row || row.status !== 'submitted') throw new AppError('CONFLICT', '该报表尚未报送，不能退回');
    if (Number(row.version) !== input.version) throw new AppError('CONFLICT', '报表已被他人修改，请刷新后重试');
    await ctx.database.rows(
      sql`update report_submissions set status = 'returned', returned_at = now(), returned_by_name = ${p.displayName}, return_reason = ${input.reason},
            version = version + 1, updated_at = now() where id = ${row.id}`,
      tx,
    );
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'return', entityType: 'report', entityId: `${agency.id}:${kind}:${period}`, regionCode: agency.regionCode, reason: input.reason, before: { status: 'submitted' }, after: { status: 'returned' } },
    ]);
  });
  return getReport(ctx, p, kind, period, agency.id);
}

export interface SubmissionBoardRow {
  agencyId: number;
  agencyName: string;
  level: string;
  status: ReportStatus | null;
  state: SubmissionState;
  daysLate: number;
  submittedAt: string | null;
  submittedBy: string | null;
  returnReason: string | null;
  version: number;
}

/**
 * The upper level's view: every agency directly below `agencyId` (default the caller's) and where its report of the
 * period stands — submitted on time or late, returned, overdue (missing after the due date), or not yet due.
 */
export async function submissionBoard(ctx: AppContext, p: Principal, kind: ReportKind, period: string, agencyId?: number) {
  const per = periodOf(kind, period);
  const parent = await loadReportAgency(ctx, p, agencyId);
  const dueOn = reportDueDate(per);
  const today = shanghaiDate();
  const prefix = jurisdictionPrefix(p);
  const rows = await ctx.database.rows<{ id: number; name: string; level: string; s_id: number | null; status: ReportStatus | null; due_on: string | null; first_submitted_on: string | null; submitted_at: string | null; submitted_by_name: string | null; return_reason: string | null; version: number | null }>(
    sql`select a.id, a.name, a.level, s.id as s_id, s.status, s.due_on::text as due_on, s.first_submitted_on::text as first_submitted_on,
          s.submitted_at, s.submitted_by_name, s.return_reason, s.version
        from agencies a left join report_submissions s on s.agency_id = a.id and s.kind = ${kind} and s.period = ${period}
        where a.parent_id = ${parent.id} and a.region_code like ${prefix + '%'}
        order by a.region_code`,
  );
  const items: SubmissionBoardRow[] = rows.map((r) => {
    const st = submissionState(r.status ? { status: r.status, firstSubmittedOn: r.first_submitted_on } : null, r.first_submitted_on && r.due_on ? r.due_on : dueOn, today);
    return {
      agencyId: Number(r.id),
      agencyName: r.name,
      level: r.level,
      status: r.status,
      state: st.state,
      daysLate: st.daysLate,
      submittedAt: iso(r.submitted_at),
      submittedBy: r.submitted_by_name,
      returnReason: r.status === 'returned' ? r.return_reason : null,
      version: Number(r.version ?? 0),
    };
  });
  const count = (s: SubmissionState) => items.filter((i) => i.state === s).length;
  return {
    kind,
    period,
    periodLabel: per.label,
    dueOn,
    agency: parent,
    summary: { total: items.length, submitted: count('submitted'), submittedLate: count('submitted_late'), returned: count('returned'), overdue: count('overdue'), pending: count('pending') },
    items,
    canReturn: p.role === 'leader' && p.agencyId != null,
  };
}
