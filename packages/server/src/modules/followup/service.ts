// 回访 (R33): sampling ratios, the period's verifiable draw, the visit record with the questionnaire of 附件3, the
// 核查事项 its answers open, the ledger and the statistics. Who: the oversight staff and the leaders of the agency that
// inspected (and draws); the levels above read within their jurisdiction; enterprises and officers never see them.
import { randomInt } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import {
  drawFollowUps,
  followUpAnswerProblems,
  followUpConcerns,
  followUpItemText,
  followUpMatterFindingLabels,
  followUpMethodLabels,
  followUpQuestionnaire,
  followUpRatioProblem,
  followUpReasonLabels,
  followUpSampleSize,
  followUpShortfall,
  followUpStatusLabels,
  labelOf,
  verifyFollowUpDraw,
  FOLLOW_UP_DEFAULT_PERCENT,
  type FollowUpAnswers,
  type FollowUpMandatoryEntry,
  type FollowUpMatterFinding,
  type FollowUpMethod,
  type FollowUpNotes,
  type FollowUpReason,
  type FollowUpStatus,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { followUpDraws, followUpMatters, followUpRatios, followUps } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, inJurisdiction, regionCondition, type Principal } from '../auth/principal.js';

const READERS = new Set(['admin', 'leader', 'oversight']);
const MANAGERS = new Set(['leader', 'oversight']);
const NOT_FOR_YOU = '回访记录仅供执法监督人员和单位负责人查看';

export function requireFollowUpReader(p: Principal): void {
  if (!READERS.has(p.role)) throw forbidden(NOT_FOR_YOU);
}

/** Draws, visit records and ratios: the oversight staff and the leaders of the agency itself. */
function requireManagerOf(p: Principal, agencyId: number, what: string): void {
  if (!MANAGERS.has(p.role)) throw forbidden(p.role === 'admin' ? '系统管理员不办理回访，请由执法监督人员或单位负责人办理' : `${what}由执法监督人员或单位负责人办理`);
  if (p.agencyId !== agencyId) throw forbidden(`只能办理本机构（${p.agencyName ?? ''}）的${what}`);
}

interface AgencyRow {
  id: number;
  name: string;
  level: string;
  region_code: string;
}

async function agencyOf(ctx: AppContext, id: number, tx?: Db): Promise<AgencyRow> {
  const [a] = await ctx.database.rows<AgencyRow>(sql`select id, name, level, region_code from agencies where id = ${id}`, tx);
  if (!a) throw notFound('机构');
  return { ...a, id: Number(a.id) };
}

async function currentPercent(ctx: AppContext, agencyId: number, tx?: Db): Promise<number> {
  const [r] = await ctx.database.rows<{ percent: number }>(sql`select percent from follow_up_ratios where agency_id = ${agencyId} order by id desc limit 1`, tx);
  return r ? Number(r.percent) : FOLLOW_UP_DEFAULT_PERCENT;
}

// ---------- ratios ----------

export async function listRatios(ctx: AppContext, p: Principal) {
  requireFollowUpReader(p);
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select a.id, a.name, a.level, a.region_code, r.percent, r.reason, r.changed_by_name, r.changed_at
          from agencies a
          left join lateral (select * from follow_up_ratios x where x.agency_id = a.id order by x.id desc limit 1) r on true
         where a.level in ('province', 'city', 'county') and ${regionCondition(p, 'a.region_code')}
         order by a.region_code limit 500`,
  );
  const history = await ctx.database.rows<Record<string, unknown>>(
    sql`select r.id, r.agency_id, a.name as agency_name, r.percent, r.reason, r.changed_by_name, r.changed_at
          from follow_up_ratios r join agencies a on a.id = r.agency_id
         where ${regionCondition(p, 'r.region_code')} order by r.id desc limit 100`,
  );
  return {
    ownAgencyId: p.agencyId,
    items: rows.map((r) => ({
      agencyId: Number(r.id),
      agencyName: String(r.name),
      level: String(r.level),
      regionCode: String(r.region_code),
      percent: r.percent == null ? FOLLOW_UP_DEFAULT_PERCENT : Number(r.percent),
      isDefault: r.percent == null,
      reason: (r.reason as string | null) ?? '',
      changedByName: (r.changed_by_name as string | null) ?? null,
      changedAt: r.changed_at ? new Date(r.changed_at as string).toISOString() : null,
    })),
    history: history.map((r) => ({
      id: Number(r.id),
      agencyId: Number(r.agency_id),
      agencyName: String(r.agency_name),
      percent: Number(r.percent),
      reason: String(r.reason ?? ''),
      changedByName: String(r.changed_by_name),
      changedAt: new Date(r.changed_at as string).toISOString(),
    })),
  };
}

export async function setRatio(ctx: AppContext, p: Principal, body: { percent: number; reason: string }) {
  if (p.agencyId == null) throw forbidden('只有机构用户可以设置本机构的回访比例');
  requireManagerOf(p, p.agencyId, '回访比例设置');
  const agency = await agencyOf(ctx, p.agencyId);
  const problem = followUpRatioProblem(agency.level, body.percent);
  if (problem) throw new AppError('VALIDATION', problem);
  await ctx.database.db.transaction(async (tx) => {
    const before = await currentPercent(ctx, agency.id, tx);
    const [row] = await tx
      .insert(followUpRatios)
      .values({ agencyId: agency.id, regionCode: agency.region_code, percent: body.percent, reason: body.reason, changedBy: p.userId, changedByName: p.displayName })
      .returning({ id: followUpRatios.id });
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'follow_up_ratio', entityType: 'follow_up_ratio', entityId: row!.id, regionCode: agency.region_code, reason: body.reason, before: { agencyId: agency.id, percent: before }, after: { agencyId: agency.id, percent: body.percent } },
    ]);
  });
  return listRatios(ctx, p);
}

// ---------- draws ----------

/**
 * The inspections of the period that are visited whatever the draw gives: those the enterprise rated badly (an answer
 * of its post-inspection evaluation pointing at a problem) and those made on a complaint (complaints.inspection_id).
 * This is the one place the "always add" selection is made.
 */
export async function mandatoryFollowUps(ctx: AppContext, tx: Db, agencyId: number, periodStart: string, periodEnd: string): Promise<FollowUpMandatoryEntry[]> {
  const rows = await ctx.database.rows<{ id: number; enterprise_id: number; reason: 'negative_feedback' | 'complaint' }>(
    sql`select i.id, i.enterprise_id,
               case when exists (select 1 from complaints c where c.inspection_id = i.id) then 'complaint' else 'negative_feedback' end as reason
          from inspections i
         where i.agency_id = ${agencyId} and i.status = 'completed'
           and (exists (select 1 from inspection_feedback fb where fb.inspection_id = i.id and cardinality(fb.concerns) > 0)
                or exists (select 1 from complaints c where c.inspection_id = i.id))
           and (i.completed_at at time zone 'Asia/Shanghai')::date between ${periodStart}::date and ${periodEnd}::date
           and not exists (select 1 from follow_ups f where f.inspection_id = i.id)`,
    tx,
  );
  return rows.map((r) => ({ inspectionId: Number(r.id), enterpriseId: Number(r.enterprise_id), reason: r.reason }));
}

export async function createFollowUpDraw(ctx: AppContext, p: Principal, body: { periodStart: string; periodEnd: string; seed?: number }) {
  if (p.agencyId == null) throw forbidden('只有机构用户可以抽取本机构的回访对象');
  requireManagerOf(p, p.agencyId, '回访抽查');
  if (body.periodEnd < body.periodStart) throw new AppError('VALIDATION', '回访期间的结束日期不能早于开始日期');
  if (body.periodStart > shanghaiDate()) throw new AppError('VALIDATION', '回访期间尚未开始，不能抽取');
  const days = (Date.parse(body.periodEnd) - Date.parse(body.periodStart)) / 86_400_000;
  if (days > 366) throw new AppError('VALIDATION', '回访期间不能超过一年');
  const agency = await agencyOf(ctx, p.agencyId);
  const id = await ctx.database.db.transaction(async (tx) => {
    // one draw per agency and period: a second, overlapping draw could be repeated until it gives a wanted result
    await ctx.database.rows(sql`select pg_advisory_xact_lock(7033, ${agency.id})`, tx);
    const [overlap] = await ctx.database.rows<{ period_start: string; period_end: string }>(
      sql`select period_start::text, period_end::text from follow_up_draws where agency_id = ${agency.id} and period_start <= ${body.periodEnd}::date and period_end >= ${body.periodStart}::date limit 1`,
      tx,
    );
    if (overlap) throw new AppError('CONFLICT', `本机构已对${overlap.period_start}至${overlap.period_end}进行过回访抽查，期间不能重叠`);
    // The pool: every enterprise the agency inspected in the period, with its last completed inspection.
    const pool = await ctx.database.rows<{ id: number; enterprise_id: number }>(
      sql`select distinct on (i.enterprise_id) i.id, i.enterprise_id from inspections i
           where i.agency_id = ${agency.id} and i.status = 'completed'
             and (i.completed_at at time zone 'Asia/Shanghai')::date between ${body.periodStart}::date and ${body.periodEnd}::date
             and not exists (select 1 from follow_ups f where f.inspection_id = i.id)
           order by i.enterprise_id, i.completed_at desc, i.id desc`,
      tx,
    );
    const mandatory = await mandatoryFollowUps(ctx, tx, agency.id, body.periodStart, body.periodEnd);
    if (pool.length === 0 && mandatory.length === 0) throw new AppError('VALIDATION', '该期间本机构没有已完成的执法检查，无可回访对象');
    const percent = await currentPercent(ctx, agency.id, tx);
    const seed = body.seed ?? randomInt(1, 2 ** 31 - 1);
    const result = drawFollowUps({
      seed,
      agencyId: agency.id,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      percent,
      pool: pool.map((r) => ({ id: Number(r.id), enterpriseId: Number(r.enterprise_id) })),
      mandatory,
    });
    const [d] = await tx
      .insert(followUpDraws)
      .values({ agencyId: agency.id, regionCode: agency.region_code, periodStart: body.periodStart, periodEnd: body.periodEnd, seed, percent, inputHash: result.inputHash, inputText: result.inputText, poolSize: pool.length, required: result.required, createdBy: p.userId })
      .returning({ id: followUpDraws.id });
    if (result.picked.length) {
      await tx.insert(followUps).values(result.picked.map((x) => ({ drawId: d!.id, agencyId: agency.id, regionCode: agency.region_code, inspectionId: x.inspectionId, enterpriseId: x.enterpriseId, reason: x.reason })));
    }
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'follow_up_draw', entityType: 'follow_up_draw', entityId: d!.id, regionCode: agency.region_code, after: { seed, inputHash: result.inputHash, percent, poolSize: pool.length, picked: result.picked.length, mandatory: mandatory.length } },
    ]);
    return d!.id;
  });
  return followUpDrawView(ctx, p, id);
}

async function loadDraw(ctx: AppContext, id: number) {
  const [d] = await ctx.database.rows<Record<string, unknown>>(
    sql`select d.*, d.period_start::text as ps, d.period_end::text as pe, a.name as agency_name from follow_up_draws d join agencies a on a.id = d.agency_id where d.id = ${id}`,
  );
  if (!d) throw notFound('回访抽查记录');
  return d;
}

function drawSummary(d: Record<string, unknown>, drawn: number) {
  return {
    id: Number(d.id),
    agencyId: Number(d.agency_id),
    agencyName: String(d.agency_name),
    periodStart: String(d.ps),
    periodEnd: String(d.pe),
    seed: Number(d.seed),
    percent: Number(d.percent),
    inputHash: String(d.input_hash),
    poolSize: Number(d.pool_size),
    required: Number(d.required),
    drawn,
    createdAt: new Date(d.created_at as string).toISOString(),
  };
}

export async function listFollowUpDraws(ctx: AppContext, p: Principal) {
  requireFollowUpReader(p);
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select d.*, d.period_start::text as ps, d.period_end::text as pe, a.name as agency_name, (select count(*) from follow_ups f where f.draw_id = d.id) as drawn
          from follow_up_draws d join agencies a on a.id = d.agency_id where ${regionCondition(p, 'd.region_code')} order by d.id desc limit 100`,
  );
  return { items: rows.map((d) => drawSummary(d, Number(d.drawn))) };
}

export async function followUpDrawView(ctx: AppContext, p: Principal, id: number) {
  requireFollowUpReader(p);
  const d = await loadDraw(ctx, id);
  if (!inJurisdiction(p, String(d.region_code))) throw notFound('回访抽查记录');
  const items = await ctx.database.rows<Record<string, unknown>>(
    sql`select f.id, f.inspection_id, f.reason, f.status, e.name as enterprise_name, e.credit_code from follow_ups f join enterprises e on e.id = f.enterprise_id where f.draw_id = ${id} order by f.id`,
  );
  return {
    ...drawSummary(d, items.length),
    items: items.map((r) => ({
      id: Number(r.id),
      inspectionId: Number(r.inspection_id),
      enterpriseName: String(r.enterprise_name),
      creditCode: String(r.credit_code),
      reason: String(r.reason),
      reasonLabel: labelOf(followUpReasonLabels, String(r.reason)),
      statusLabel: labelOf(followUpStatusLabels, String(r.status)),
    })),
  };
}

/** Anyone may re-run a follow-up draw from its recorded seed and input: no names, only whether it holds. */
export async function verifyFollowUpDrawById(ctx: AppContext, id: number) {
  const d = await loadDraw(ctx, id);
  const picked = (await ctx.database.rows<{ inspection_id: number; reason: string }>(sql`select inspection_id, reason from follow_ups where draw_id = ${id}`)).map((r) => ({ inspectionId: Number(r.inspection_id), reason: r.reason }));
  let v: { ok: boolean; reason: string | null; recomputedHash: string };
  try {
    v = verifyFollowUpDraw(String(d.input_text), { inputHash: String(d.input_hash), picked });
  } catch {
    // a stored input that no longer parses or runs is itself the finding, not a server error
    v = { ok: false, reason: '记录的输入数据已损坏，无法重新抽取', recomputedHash: '' };
  }
  return { ...drawSummary(d, picked.length), ok: v.ok, reason: v.reason, recomputedHash: v.recomputedHash, drawnInspectionIds: picked.map((x) => x.inspectionId).sort((a, b) => a - b) };
}

// ---------- ledger ----------

export interface LedgerQuery {
  drawId?: number;
  agencyId?: number;
  status?: string;
  reason?: string;
  method?: string;
  from?: string;
  to?: string;
  q?: string;
  hasMatters?: boolean;
  page: number;
  pageSize: number;
}

function ledgerConditions(p: Principal, q: Omit<LedgerQuery, 'page' | 'pageSize'>): SQL {
  const c: SQL[] = [regionCondition(p, 'f.region_code')];
  if (q.drawId) c.push(sql`f.draw_id = ${q.drawId}`);
  if (q.agencyId) c.push(sql`f.agency_id = ${q.agencyId}`);
  if (q.status) c.push(sql`f.status = ${q.status}`);
  if (q.reason) c.push(sql`f.reason = ${q.reason}`);
  if (q.method) c.push(sql`f.method = ${q.method}`);
  if (q.from) c.push(sql`(i.completed_at at time zone 'Asia/Shanghai')::date >= ${q.from}::date`);
  if (q.to) c.push(sql`(i.completed_at at time zone 'Asia/Shanghai')::date <= ${q.to}::date`);
  if (q.q) c.push(sql`e.name like ${'%' + q.q.replace(/[\\%_]/g, (m) => '\\' + m) + '%'}`);
  if (q.hasMatters !== undefined) c.push(q.hasMatters ? sql`exists (select 1 from follow_up_matters m where m.follow_up_id = f.id)` : sql`not exists (select 1 from follow_up_matters m where m.follow_up_id = f.id)`);
  return sql.join(c, sql` and `);
}

const LEDGER_SELECT = sql`
  select f.id, f.draw_id, f.agency_id, f.inspection_id, f.enterprise_id, f.reason, f.status, f.method, f.visited_on::text as visited_on, f.visitors,
         f.contact_person, f.answers, f.notes, f.comment, f.recorded_by_name, f.recorded_at,
         e.name as enterprise_name, e.credit_code, a.name as agency_name, d.period_start::text as period_start, d.period_end::text as period_end,
         (i.completed_at at time zone 'Asia/Shanghai')::date::text as inspected_on,
         (select coalesce(string_agg(o.name, '、' order by o.id), '') from officers o where o.id = any(i.officer_ids)) as officer_names,
         (select count(*) from follow_up_matters m where m.follow_up_id = f.id) as matters,
         (select count(*) from follow_up_matters m where m.follow_up_id = f.id and m.status = 'open') as open_matters,
         (select coalesce(string_agg(m.concern, '；' order by m.id), '') from follow_up_matters m where m.follow_up_id = f.id) as concerns
    from follow_ups f
    join enterprises e on e.id = f.enterprise_id
    join agencies a on a.id = f.agency_id
    join follow_up_draws d on d.id = f.draw_id
    join inspections i on i.id = f.inspection_id`;

function ledgerRow(r: Record<string, unknown>) {
  return {
    id: Number(r.id),
    drawId: Number(r.draw_id),
    agencyId: Number(r.agency_id),
    agencyName: String(r.agency_name),
    inspectionId: Number(r.inspection_id),
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: String(r.enterprise_name),
    creditCode: String(r.credit_code),
    periodStart: String(r.period_start),
    periodEnd: String(r.period_end),
    inspectedOn: (r.inspected_on as string | null) ?? '',
    officerNames: String(r.officer_names ?? ''),
    reason: String(r.reason),
    reasonLabel: labelOf(followUpReasonLabels, String(r.reason)),
    status: String(r.status) as FollowUpStatus,
    statusLabel: labelOf(followUpStatusLabels, String(r.status)),
    method: (r.method as FollowUpMethod | null) ?? null,
    methodLabel: labelOf(followUpMethodLabels, r.method as string | null),
    visitedOn: (r.visited_on as string | null) ?? null,
    visitors: (r.visitors as string | null) ?? null,
    contactPerson: (r.contact_person as string | null) ?? null,
    recordedByName: (r.recorded_by_name as string | null) ?? null,
    matters: Number(r.matters),
    openMatters: Number(r.open_matters),
    concerns: String(r.concerns ?? ''),
  };
}

export async function followUpLedger(ctx: AppContext, p: Principal, q: LedgerQuery) {
  requireFollowUpReader(p);
  const where = ledgerConditions(p, q);
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(sql`${LEDGER_SELECT} where ${where} order by f.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*) as n from follow_ups f join enterprises e on e.id = f.enterprise_id join inspections i on i.id = f.inspection_id where ${where}`),
  ]);
  return { items: rows.map(ledgerRow), total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function exportFollowUps(ctx: AppContext, p: Principal, q: Omit<LedgerQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
  requireFollowUpReader(p);
  const where = ledgerConditions(p, q);
  type Row = { row: ReturnType<typeof ledgerRow>; answers: FollowUpAnswers; notes: FollowUpNotes; comment: string };
  return sendXlsx<Row>(reply, {
    title: '回访台账',
    asciiName: 'follow-ups',
    columns: [
      { header: '回访编号', width: 10, value: (r) => r.row.id },
      { header: '抽查期间', width: 24, value: (r) => `${r.row.periodStart}至${r.row.periodEnd}` },
      { header: '执法机构', width: 20, value: (r) => r.row.agencyName },
      { header: '企业名称', width: 28, value: (r) => r.row.enterpriseName },
      { header: '统一社会信用代码', width: 22, value: (r) => r.row.creditCode },
      { header: '检查完成日期', width: 12, value: (r) => r.row.inspectedOn },
      { header: '执法人员', width: 16, value: (r) => r.row.officerNames },
      { header: '抽取方式', width: 16, value: (r) => r.row.reasonLabel },
      { header: '回访状态', width: 10, value: (r) => r.row.statusLabel },
      { header: '回访方式', width: 10, value: (r) => r.row.methodLabel },
      { header: '回访日期', width: 12, value: (r) => r.row.visitedOn },
      { header: '回访人员', width: 14, value: (r) => r.row.visitors },
      { header: '企业受访人', width: 12, value: (r) => r.row.contactPerson },
      ...followUpQuestionnaire.map((item) => ({ header: `问题${item.no}`, width: 36, value: (r: Row) => (r.row.status === 'visited' ? followUpItemText(item, r.answers, r.notes) : '') })),
      { header: '其他意见', width: 30, value: (r) => r.comment },
      { header: '核查事项', width: 36, value: (r) => r.row.concerns },
      { header: '记录人', width: 10, value: (r) => r.row.recordedByName },
    ],
    page: async (offset, limit) =>
      (await ctx.database.rows<Record<string, unknown>>(sql`${LEDGER_SELECT} where ${where} order by f.id desc limit ${limit} offset ${offset}`)).map((r) => ({
        row: ledgerRow(r),
        answers: (r.answers as FollowUpAnswers | null) ?? {},
        notes: (r.notes as FollowUpNotes | null) ?? {},
        comment: String(r.comment ?? ''),
      })),
  });
}

// ---------- one follow-up: detail, record, matters ----------

async function loadFollowUp(ctx: AppContext, p: Principal, id: number, tx?: Db) {
  requireFollowUpReader(p);
  const [r] = await ctx.database.rows<Record<string, unknown>>(sql`${LEDGER_SELECT} where f.id = ${id}`, tx);
  if (!r || !inJurisdiction(p, String((await agencyOf(ctx, Number(r.agency_id), tx)).region_code))) throw notFound('回访记录');
  return r;
}

export async function followUpDetail(ctx: AppContext, p: Principal, id: number) {
  const r = await loadFollowUp(ctx, p, id);
  const matters = await ctx.database.rows<Record<string, unknown>>(
    sql`select m.*, (select coalesce(string_agg(o.name, '、' order by o.id), '') from officers o where o.id = any(m.officer_ids)) as officer_names
          from follow_up_matters m where m.follow_up_id = ${id} order by m.id`,
  );
  return {
    ...ledgerRow(r),
    answers: (r.answers as FollowUpAnswers | null) ?? {},
    notes: (r.notes as FollowUpNotes | null) ?? {},
    comment: String(r.comment ?? ''),
    recordedAt: r.recorded_at ? new Date(r.recorded_at as string).toISOString() : null,
    mayRecord: MANAGERS.has(p.role) && p.agencyId === Number(r.agency_id) && r.status === 'pending',
    matterList: matters.map((m) => matterView(m, p)),
  };
}

function mayResolve(p: Principal, agencyId: number, regionCode: string): boolean {
  return (p.role === 'oversight' && inJurisdiction(p, regionCode)) || (p.role === 'leader' && p.agencyId === agencyId);
}

function matterView(m: Record<string, unknown>, p: Principal) {
  return {
    id: Number(m.id),
    questionKey: String(m.question_key),
    concern: String(m.concern),
    officerNames: String(m.officer_names ?? ''),
    status: String(m.status) as 'open' | 'resolved',
    statusLabel: m.status === 'open' ? '待核查' : '已办结',
    handling: (m.handling as string | null) ?? null,
    finding: (m.finding as FollowUpMatterFinding | null) ?? null,
    findingLabel: labelOf(followUpMatterFindingLabels, m.finding as string | null),
    result: (m.result as string | null) ?? null,
    resolvedByName: (m.resolved_by_name as string | null) ?? null,
    resolvedAt: m.resolved_at ? new Date(m.resolved_at as string).toISOString() : null,
    mayResolve: m.status === 'open' && mayResolve(p, Number(m.agency_id), String(m.region_code)),
  };
}

export interface RecordBody {
  method: FollowUpMethod;
  visitedOn: string;
  visitors: string;
  contactPerson: string;
  answers: FollowUpAnswers;
  notes: FollowUpNotes;
  comment: string;
}

export async function recordFollowUp(ctx: AppContext, p: Principal, id: number, body: RecordBody) {
  const problems = followUpAnswerProblems(body.answers);
  if (problems.length) throw new AppError('VALIDATION', `回访问题清单未答完整：${problems.slice(0, 3).join('；')}${problems.length > 3 ? `等${problems.length}处` : ''}`);
  const badNote = Object.keys(body.notes).find((k) => !followUpQuestionnaire.some((i) => String(i.no) === k));
  if (badNote) throw new AppError('VALIDATION', '回访问题清单只有第1至第8项，备注的项次不正确');
  await ctx.database.db.transaction(async (tx) => {
    const [f] = await ctx.database.rows<Record<string, unknown>>(
      sql`select f.*, i.officer_ids, (i.completed_at at time zone 'Asia/Shanghai')::date::text as inspected_on from follow_ups f join inspections i on i.id = f.inspection_id where f.id = ${id} for update of f`,
      tx,
    );
    if (!f || !READERS.has(p.role) || !inJurisdiction(p, String(f.region_code))) {
      requireFollowUpReader(p);
      throw notFound('回访记录');
    }
    requireManagerOf(p, Number(f.agency_id), '回访记录');
    if (f.status !== 'pending') throw new AppError('CONFLICT', '该回访已记录，不能重复记录');
    if (body.visitedOn > shanghaiDate()) throw new AppError('VALIDATION', '回访日期不能晚于今天');
    if (f.inspected_on && body.visitedOn < String(f.inspected_on)) throw new AppError('VALIDATION', `回访日期不能早于检查完成日期（${f.inspected_on}）`);
    const notes = Object.fromEntries(Object.entries(body.notes).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
    await ctx.database.rows(
      sql`update follow_ups set status = 'visited', method = ${body.method}, visited_on = ${body.visitedOn}::date, visitors = ${body.visitors}, contact_person = ${body.contactPerson},
            answers = ${JSON.stringify(body.answers)}::jsonb, notes = ${JSON.stringify(notes)}::jsonb, comment = ${body.comment}, recorded_by = ${p.userId}, recorded_by_name = ${p.displayName}, recorded_at = now()
          where id = ${id}`,
      tx,
    );
    const concerns = followUpConcerns(body.answers);
    const officerIds = ((f.officer_ids as (number | string)[]) ?? []).map(Number);
    const matterIds = concerns.length
      ? await tx
          .insert(followUpMatters)
          .values(concerns.map((c) => ({ followUpId: id, agencyId: Number(f.agency_id), regionCode: String(f.region_code), inspectionId: Number(f.inspection_id), officerIds, questionKey: c.questionKey, concern: c.concern })))
          .returning({ id: followUpMatters.id })
      : [];
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'follow_up_record', entityType: 'follow_up', entityId: id, regionCode: String(f.region_code), after: { method: body.method, visitedOn: body.visitedOn, visitors: body.visitors, contactPerson: body.contactPerson, answers: body.answers, notes, comment: body.comment } },
      ...matterIds.map((m, k) => ({ action: 'follow_up_matter_open', entityType: 'follow_up_matter', entityId: m.id, regionCode: String(f.region_code), after: { followUpId: id, concern: concerns[k]!.concern, officerIds } })),
    ]);
  });
  return followUpDetail(ctx, p, id);
}

export async function resolveMatter(ctx: AppContext, p: Principal, id: number, matterId: number, body: { handling: string; finding: FollowUpMatterFinding; result: string }) {
  requireFollowUpReader(p);
  await ctx.database.db.transaction(async (tx) => {
    const [m] = await ctx.database.rows<Record<string, unknown>>(sql`select * from follow_up_matters where id = ${matterId} and follow_up_id = ${id} for update`, tx);
    if (!m || !inJurisdiction(p, String(m.region_code))) throw notFound('核查事项');
    if (!mayResolve(p, Number(m.agency_id), String(m.region_code))) throw forbidden('核查事项由执法监督人员或被回访机构的负责人办理');
    if (m.status !== 'open') throw new AppError('CONFLICT', '该核查事项已办结');
    await ctx.database.rows(
      sql`update follow_up_matters set status = 'resolved', handling = ${body.handling}, finding = ${body.finding}, result = ${body.result}, resolved_by = ${p.userId}, resolved_by_name = ${p.displayName}, resolved_at = now() where id = ${matterId}`,
      tx,
    );
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'follow_up_matter_resolve', entityType: 'follow_up_matter', entityId: matterId, regionCode: String(m.region_code), before: { status: 'open' }, after: { status: 'resolved', handling: body.handling, finding: body.finding, result: body.result } },
    ]);
  });
  return followUpDetail(ctx, p, id);
}

// ---------- statistics ----------

export async function followUpStats(ctx: AppContext, p: Principal, q: { from?: string; to?: string }) {
  requireFollowUpReader(p);
  const to = q.to ?? shanghaiDate();
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (to < from) throw new AppError('VALIDATION', '统计期间的结束日期不能早于开始日期');
  const inPeriod = sql`(i.completed_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`;
  const agencies = await ctx.database.rows<Record<string, unknown>>(
    sql`with insp as (
          select i.agency_id, count(distinct i.enterprise_id) as targets, count(*) as inspections
            from inspections i join agencies a on a.id = i.agency_id
           where i.status = 'completed' and ${inPeriod} and ${regionCondition(p, 'a.region_code')} group by 1),
        fu as (
          select f.agency_id, count(*) as drawn, count(*) filter (where f.status = 'visited') as visited,
                 count(distinct f.enterprise_id) filter (where f.status = 'visited') as visited_targets
            from follow_ups f join inspections i on i.id = f.inspection_id
           where ${inPeriod} and ${regionCondition(p, 'f.region_code')} group by 1),
        mt as (
          select m.agency_id, count(*) as matters, count(*) filter (where m.status = 'open') as open_matters, count(*) filter (where m.finding = 'confirmed') as confirmed
            from follow_up_matters m join inspections i on i.id = m.inspection_id
           where ${inPeriod} and ${regionCondition(p, 'm.region_code')} group by 1)
        select a.id, a.name, a.level, coalesce(insp.targets, 0) as targets, coalesce(insp.inspections, 0) as inspections, coalesce(fu.drawn, 0) as drawn,
               coalesce(fu.visited, 0) as visited, coalesce(fu.visited_targets, 0) as visited_targets, coalesce(mt.matters, 0) as matters,
               coalesce(mt.open_matters, 0) as open_matters, coalesce(mt.confirmed, 0) as confirmed
          from agencies a left join insp on insp.agency_id = a.id left join fu on fu.agency_id = a.id left join mt on mt.agency_id = a.id
         where (insp.agency_id is not null or fu.agency_id is not null) order by a.region_code limit 1000`,
  );
  const officers = await ctx.database.rows<Record<string, unknown>>(
    sql`with insp as (
          select o.id as officer_id, count(*) as inspections
            from inspections i join agencies a on a.id = i.agency_id, unnest(i.officer_ids) as o(id)
           where i.status = 'completed' and ${inPeriod} and ${regionCondition(p, 'a.region_code')} group by 1),
        fu as (
          select o.id as officer_id, count(*) filter (where f.status = 'visited') as visited, count(*) as drawn
            from follow_ups f join inspections i on i.id = f.inspection_id, unnest(i.officer_ids) as o(id)
           where ${inPeriod} and ${regionCondition(p, 'f.region_code')} group by 1),
        mt as (
          select o.id as officer_id, count(*) as matters, count(*) filter (where m.finding = 'confirmed') as confirmed
            from follow_up_matters m join inspections i on i.id = m.inspection_id, unnest(m.officer_ids) as o(id)
           where ${inPeriod} and ${regionCondition(p, 'm.region_code')} group by 1)
        select off.id, off.name, a.name as agency_name, insp.inspections, coalesce(fu.drawn, 0) as drawn, coalesce(fu.visited, 0) as visited,
               coalesce(mt.matters, 0) as matters, coalesce(mt.confirmed, 0) as confirmed
          from insp join officers off on off.id = insp.officer_id join agencies a on a.id = off.agency_id
          left join fu on fu.officer_id = insp.officer_id left join mt on mt.officer_id = insp.officer_id
         order by coalesce(mt.matters, 0) desc, coalesce(fu.visited, 0) desc, off.id limit 300`,
  );
  const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : 0);
  const byAgency = agencies.map((a) => {
    const targets = Number(a.targets);
    const visitedTargets = Number(a.visited_targets);
    return {
      agencyId: Number(a.id),
      agencyName: String(a.name),
      inspectedTargets: targets,
      inspections: Number(a.inspections),
      drawn: Number(a.drawn),
      visited: Number(a.visited),
      visitedTargets,
      ratePercent: rate(visitedTargets, targets),
      requiredAtTenPercent: followUpSampleSize(targets, 10),
      shortfall: followUpShortfall(targets, visitedTargets),
      matters: Number(a.matters),
      openMatters: Number(a.open_matters),
      confirmedMatters: Number(a.confirmed),
    };
  });
  return {
    from,
    to,
    byAgency,
    flagged: byAgency.filter((a) => a.shortfall).map((a) => a.agencyId),
    byOfficer: officers.map((o) => ({
      officerId: Number(o.id),
      name: String(o.name),
      agencyName: String(o.agency_name),
      inspections: Number(o.inspections),
      drawn: Number(o.drawn),
      visited: Number(o.visited),
      ratePercent: rate(Number(o.visited), Number(o.inspections)),
      matters: Number(o.matters),
      confirmedMatters: Number(o.confirmed),
    })),
  };
}

export type { FollowUpReason };
