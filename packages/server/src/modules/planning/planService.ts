// Annual inspection plans (R6–R12, R20): generation from the register, versions, workflow and filing.
import { and, eq, sql } from 'drizzle-orm';
import {
  defaultPlanParams,
  drawWeight,
  generatePlan,
  highRiskIndustries,
  keyTargetReasons,
  planCategoryLabels,
  regionFullName,
  regionPrefix,
  type PlanEnterprise,
  type PlanEntry,
  type PlanParams,
  type PlanResult,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies, planEntries, plans, planVersions } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { bulkInsert, type BulkColumn } from '../../lib/bulk.js';
import { appendAudit, type AuditInput } from '../audit/chain.js';
import { inJurisdiction, requirePermission, type Principal } from '../auth/principal.js';
import { actorOf } from '../registry/enterpriseService.js';

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'filed' | 'published';
export const planStatusLabels: Record<PlanStatus, string> = {
  draft: '草稿',
  submitted: '待审批',
  approved: '已批准',
  filed: '已备案',
  published: '已公布',
};
/** R10: a plan is filed with these three before it is published. */
export const FILING_BODIES = ['同级司法行政部门', '上一级应急管理部门', '安委办'] as const;

export type PlanInputParams = Partial<Omit<PlanParams, 'year' | 'agencyId' | 'officerCount'>>;

const ENTERPRISE_COLUMNS = sql`id, name, region_code, industry, risk_code, hazard_source_count, major_hazard_source_count,
  standardization_level, credit_status, fatal_accidents_3y, non_site_monitored, supervising_agency_id`;

export function toPlanEnterprise(r: Record<string, unknown>): PlanEnterprise {
  return {
    id: Number(r.id),
    name: r.name as string,
    regionCode: r.region_code as string,
    industry: r.industry as PlanEnterprise['industry'],
    riskCode: r.risk_code as PlanEnterprise['riskCode'],
    hazardSourceCount: Number(r.hazard_source_count),
    majorHazardSourceCount: Number(r.major_hazard_source_count),
    standardizationLevel: r.standardization_level as PlanEnterprise['standardizationLevel'],
    creditStatus: r.credit_status as PlanEnterprise['creditStatus'],
    fatalAccidents3y: Number(r.fatal_accidents_3y),
    nonSiteMonitored: Boolean(r.non_site_monitored),
    supervisingAgencyId: Number(r.supervising_agency_id),
  };
}

export async function loadAgency(ctx: AppContext, p: Principal, agencyId: number) {
  const [a] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!a || !inJurisdiction(p, a.regionCode)) throw notFound('执法机构');
  return a;
}

/** R4: officers of the agency whose credential is valid today. */
export async function validOfficerCount(ctx: AppContext, agencyId: number, tx?: Db): Promise<number> {
  const today = shanghaiDate();
  const [r] = await ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from officers where agency_id = ${agencyId} and department = '应急管理'
        and credential_valid_from <= ${today}::date and credential_valid_to >= ${today}::date`,
    tx,
  );
  return Number(r?.n ?? 0);
}

/** Runs the plan rules on the agency's register as it is now. */
export async function computePlan(ctx: AppContext, agency: { id: number; regionCode: string; level: string }, year: number, input: PlanInputParams, tx?: Db): Promise<{ params: PlanParams; result: PlanResult }> {
  if (!Number.isInteger(year) || year < 2020 || year > 2100) throw new AppError('VALIDATION', '年度不正确');
  const officerCount = await validOfficerCount(ctx, agency.id, tx);
  const params: PlanParams = {
    ...defaultPlanParams,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    seed: input.seed ?? year * 10_000 + agency.id,
    year,
    agencyId: agency.id,
    officerCount,
  };
  if (params.generalSampleRatio < 0.3) throw new AppError('VALIDATION', '一般企业抽查比例不得低于30%（R8）');
  if (params.teamSize < 2) throw new AppError('VALIDATION', '每组执法人员不少于2人（R16）');
  if (params.spotCheckCount > 0 && agency.level === 'township') throw new AppError('VALIDATION', '乡镇（街道）没有下级监管企业可供抽查');
  const supervised = (await ctx.database.rows(sql`select ${ENTERPRISE_COLUMNS} from enterprises where supervising_agency_id = ${agency.id}`, tx)).map(toPlanEnterprise);
  let lowerLevel: PlanEnterprise[] = [];
  if (params.spotCheckCount > 0) {
    // R20: a higher level spot-checks the risky part of its lower levels' register.
    lowerLevel = (
      await ctx.database.rows(
        sql`select ${ENTERPRISE_COLUMNS} from enterprises where region_code like ${regionPrefix(agency.regionCode) + '%'}
            and supervising_agency_id <> ${agency.id} and (risk_code in ('red', 'yellow') or industry in ${[...highRiskIndustries]})`,
        tx,
      )
    ).map(toPlanEnterprise);
  }
  try {
    return { params, result: generatePlan({ params, supervised, lowerLevel }) };
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('VALIDATION', err.message);
    throw err;
  }
}

/** Counts for the wizard's preview: by category, industry, risk code and month. */
export async function breakdown(ctx: AppContext, result: PlanResult, tx?: Db) {
  const byCategory: Record<string, number> = {};
  for (const e of result.entries) byCategory[e.category] = (byCategory[e.category] ?? 0) + 1;
  const ids = result.entries.map((e) => e.enterpriseId);
  const byIndustry: Record<string, number> = {};
  const byRisk: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += 20000) {
    const rows = await ctx.database.rows<{ industry: string; risk_code: string; n: number }>(
      sql`select industry, risk_code, count(*)::int as n from enterprises where id = any(${`{${ids.slice(i, i + 20000).join(',')}}`}::bigint[]) group by 1, 2`,
      tx,
    );
    for (const r of rows) {
      byIndustry[r.industry] = (byIndustry[r.industry] ?? 0) + Number(r.n);
      byRisk[r.risk_code] = (byRisk[r.risk_code] ?? 0) + Number(r.n);
    }
  }
  return { byCategory, byIndustry, byRisk };
}

async function storeVersion(ctx: AppContext, tx: Db, planId: number, versionNo: number, params: PlanParams, result: PlanResult, reason: string | null, p: Principal) {
  const regionOf = new Map(
    (
      await ctx.database.rows<{ id: number; region_code: string }>(
        sql`select id, region_code from enterprises where id = any(${`{${result.entries.map((e) => e.enterpriseId).join(',')}}`}::bigint[])`,
        tx,
      )
    ).map((r) => [Number(r.id), r.region_code]),
  );
  const [v] = await insertVersions(ctx, tx, [{ planId, versionNo, params, result, reason, createdBy: p.userId, regionOf }]);
  return v!;
}

interface NewVersion {
  planId: number;
  versionNo: number;
  params: PlanParams;
  result: PlanResult;
  reason: string | null;
  createdBy: number;
  /** region code of each planned enterprise: entries carry it for jurisdiction scoping (R1) */
  regionOf: Map<number, string>;
}

const VERSION_COLUMNS: BulkColumn<NewVersion>[] = [
  { name: 'plan_id', type: 'int', value: (v) => v.planId },
  { name: 'version_no', type: 'int', value: (v) => v.versionNo },
  { name: 'params', type: 'jsonb', value: (v) => v.params },
  { name: 'summary', type: 'jsonb', value: (v) => v.result.summary },
  { name: 'months', type: 'jsonb', value: (v) => v.result.months },
  { name: 'warnings', type: 'jsonb', value: (v) => v.result.warnings },
  { name: 'input_hash', type: 'text', value: (v) => v.result.inputHash },
  { name: 'officer_count', type: 'int', value: (v) => v.params.officerCount },
  { name: 'total_planned', type: 'int', value: (v) => v.result.summary.totalPlanned },
  { name: 'reason', type: 'text', value: (v) => v.reason },
  { name: 'created_by', type: 'int', value: (v) => v.createdBy },
];

type EntryRow = { versionId: number; regionCode: string; entry: PlanEntry };
const ENTRY_COLUMNS: BulkColumn<EntryRow>[] = [
  { name: 'plan_version_id', type: 'int', value: (r) => r.versionId },
  { name: 'enterprise_id', type: 'bigint', value: (r) => r.entry.enterpriseId },
  { name: 'region_code', type: 'text', value: (r) => r.regionCode },
  { name: 'category', type: 'text', value: (r) => r.entry.category },
  { name: 'reasons', type: 'jsonb', value: (r) => r.entry.reasons },
  { name: 'planned_date', type: 'date', value: (r) => r.entry.plannedDate },
  { name: 'month', type: 'int', value: (r) => r.entry.month },
  { name: 'joint_with_agency_id', type: 'int', value: (r) => r.entry.jointWithAgencyId },
  { name: 'urgent', type: 'boolean', value: (r) => r.entry.urgent },
];

/**
 * Plan versions with their entries, through the bulk path (unnest): a province's batch stores some 400,000 entries,
 * which drizzle's builder takes seconds per 100,000 to prepare. Returns the version ids in the given order.
 */
async function insertVersions(ctx: AppContext, tx: Db, versions: NewVersion[]): Promise<number[]> {
  const rows = await bulkInsert<NewVersion, { id: number; plan_id: number }>(ctx.database, tx, 'plan_versions', VERSION_COLUMNS, versions, sql`returning id, plan_id`);
  const idOf = new Map(rows.map((r) => [Number(r.plan_id), Number(r.id)])); // one new version per plan
  const ids = versions.map((v) => idOf.get(v.planId)!);
  const entries = versions.flatMap((v, i) => v.result.entries.map((entry) => ({ versionId: ids[i]!, regionCode: v.regionOf.get(entry.enterpriseId) ?? '', entry })));
  await bulkInsert(ctx.database, tx, 'plan_entries', ENTRY_COLUMNS, entries);
  return ids;
}

function assertOwnAgency(p: Principal, agencyId: number) {
  // Each agency compiles its own plan; the administrator may act for any agency in the jurisdiction.
  if (p.role !== 'admin' && p.agencyId !== agencyId) throw forbidden('只能编制、调整本机构的年度监督检查计划');
}

export async function createPlan(ctx: AppContext, p: Principal, input: { agencyId: number; year: number; params: PlanInputParams }) {
  requirePermission(p, 'planning.write');
  const agency = await loadAgency(ctx, p, input.agencyId);
  assertOwnAgency(p, agency.id);
  return ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: plans.id }).from(plans).where(and(eq(plans.agencyId, agency.id), eq(plans.year, input.year)));
    if (existing) throw new AppError('CONFLICT', `${agency.name}${input.year}年度计划已存在，如需变更请提交调整`);
    const { params, result } = await computePlan(ctx, agency, input.year, input.params, tx);
    const [plan] = await tx.insert(plans).values({ agencyId: agency.id, regionCode: agency.regionCode, year: input.year, status: 'draft' }).returning();
    await storeVersion(ctx, tx, plan!.id, 1, params, result, null, p);
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'create', entityType: 'plan', entityId: plan!.id, regionCode: agency.regionCode, after: { year: input.year, agencyId: agency.id, version: 1, summary: result.summary, inputHash: result.inputHash } },
    ]);
    return plan!.id;
  });
}

export async function loadPlan(ctx: AppContext, p: Principal, id: number, tx?: Db) {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select pl.*, a.name as agency_name, a.level as agency_level from plans pl join agencies a on a.id = pl.agency_id where pl.id = ${id}${tx ? sql` for update of pl` : sql``}`,
    tx,
  );
  const r = rows[0];
  if (!r || (p.role === 'enterprise') || !inJurisdiction(p, r.region_code as string)) throw notFound('年度计划');
  return r;
}

/** R10: an adjustment is a new version with a written reason; planned inspections may not fall while officers have not. */
export async function adjustPlan(ctx: AppContext, p: Principal, id: number, input: { params: PlanInputParams; reason: string }) {
  requirePermission(p, 'planning.write');
  return ctx.database.db.transaction(async (tx) => {
    const plan = await loadPlan(ctx, p, id, tx);
    assertOwnAgency(p, Number(plan.agency_id));
    if (plan.status === 'submitted') throw new AppError('CONFLICT', '计划正在审批中，不能调整');
    const [current] = await tx.select().from(planVersions).where(and(eq(planVersions.planId, id), eq(planVersions.versionNo, Number(plan.current_version))));
    const agency = { id: Number(plan.agency_id), regionCode: plan.region_code as string, level: plan.agency_level as string };
    const { params, result } = await computePlan(ctx, agency, Number(plan.year), { ...(current!.params as PlanParams), ...input.params }, tx);
    if (params.officerCount >= current!.officerCount && result.summary.totalPlanned < current!.totalPlanned) {
      throw new AppError(
        'VALIDATION',
        `执法人员未减少（${current!.officerCount}→${params.officerCount}人），调整后计划检查数（${result.summary.totalPlanned}）不得少于原计划（${current!.totalPlanned}）（R10）`,
      );
    }
    const versionNo = Number(plan.current_version) + 1;
    await storeVersion(ctx, tx, id, versionNo, params, result, input.reason, p);
    // The adjusted plan goes through approval and filing again.
    await tx.update(plans).set({ currentVersion: versionNo, status: 'draft', filings: [], publishedAt: null, updatedAt: new Date(), version: sql`${plans.version} + 1` }).where(eq(plans.id, id));
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: 'adjust',
        entityType: 'plan',
        entityId: id,
        regionCode: plan.region_code as string,
        reason: input.reason,
        before: { version: current!.versionNo, totalPlanned: current!.totalPlanned, officerCount: current!.officerCount, status: plan.status },
        after: { version: versionNo, totalPlanned: result.summary.totalPlanned, officerCount: params.officerCount, status: 'draft' },
      },
    ]);
    return id;
  });
}

export type PlanAction = 'submit' | 'approve' | 'return' | 'file' | 'publish';
const transitions: Record<PlanAction, { from: PlanStatus; to: PlanStatus; label: string }> = {
  submit: { from: 'draft', to: 'submitted', label: '提交审批' },
  approve: { from: 'submitted', to: 'approved', label: '批准' },
  return: { from: 'submitted', to: 'draft', label: '退回修改' },
  file: { from: 'approved', to: 'filed', label: '备案' },
  publish: { from: 'filed', to: 'published', label: '公布' },
};

export async function transitionPlan(ctx: AppContext, p: Principal, id: number, input: { action: PlanAction; note?: string; filedWith?: string[] }) {
  const t = transitions[input.action];
  requirePermission(p, input.action === 'approve' || input.action === 'return' ? 'planning.approve' : 'planning.write');
  return ctx.database.db.transaction(async (tx) => {
    const plan = await loadPlan(ctx, p, id, tx);
    if (input.action !== 'approve' && input.action !== 'return') assertOwnAgency(p, Number(plan.agency_id));
    if (plan.status !== t.from) {
      throw new AppError('CONFLICT', `计划当前状态为“${planStatusLabels[plan.status as PlanStatus]}”，不能${t.label}（须为“${planStatusLabels[t.from]}”）`);
    }
    if ((input.action === 'approve' || input.action === 'return') && p.role !== 'admin') {
      // The approving leader belongs to the agency or to a level above it.
      if (!p.agencyRegionCode || !(plan.region_code as string).startsWith(regionPrefix(p.agencyRegionCode))) throw forbidden('只能由本机构或上级负责人审批');
    }
    if (input.action === 'return' && !input.note?.trim()) throw new AppError('VALIDATION', '退回须填写意见');
    const patch: Record<string, unknown> = { status: t.to, updatedAt: new Date(), version: sql`${plans.version} + 1` };
    let filings = plan.filings as { with: string; at: string; by: string }[];
    if (input.action === 'file') {
      const bodies = [...new Set(input.filedWith ?? [])];
      const missing = FILING_BODIES.filter((b) => !bodies.includes(b));
      if (missing.length) throw new AppError('VALIDATION', `计划须报${missing.join('、')}备案（R10）`);
      const at = new Date().toISOString();
      filings = FILING_BODIES.map((b) => ({ with: b, at, by: p.displayName }));
      patch.filings = filings;
    }
    if (input.action === 'publish') patch.publishedAt = new Date();
    await tx.update(plans).set(patch).where(eq(plans.id, id));
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: input.action, entityType: 'plan', entityId: id, regionCode: plan.region_code as string, reason: input.note ?? null, before: { status: plan.status }, after: { status: t.to, ...(input.action === 'file' ? { filings } : {}) } },
    ]);
    return id;
  });
}

/**
 * R20: other agencies' current plans that inspect the same enterprise within 30 days, or the same township
 * within 7 days, of this plan's dates — shown as warnings so levels do not pile up on one place.
 */
export async function planOverlaps(ctx: AppContext, versionId: number, agencyId: number) {
  const current = sql`select v.id, pl.agency_id from plan_versions v join plans pl on pl.id = v.plan_id and pl.current_version = v.version_no where pl.agency_id <> ${agencyId}`;
  const [enterprises, areas] = await Promise.all([
    ctx.database.rows<{ name: string; d: string; agency: string; od: string }>(
      sql`select e.name, to_char(pe.planned_date, 'YYYY-MM-DD') as d, a.name as agency, to_char(pe2.planned_date, 'YYYY-MM-DD') as od
          from plan_entries pe join plan_entries pe2 on pe2.enterprise_id = pe.enterprise_id and abs(pe.planned_date - pe2.planned_date) <= 30
          join (${current}) cv on cv.id = pe2.plan_version_id join agencies a on a.id = cv.agency_id join enterprises e on e.id = pe.enterprise_id
          where pe.plan_version_id = ${versionId} order by pe.planned_date limit 50`,
    ),
    ctx.database.rows<{ region_code: string; agency: string; d: string }>(
      sql`select distinct on (pe.region_code, a.name) pe.region_code, a.name as agency, to_char(pe.planned_date, 'YYYY-MM-DD') as d
          from plan_entries pe join plan_entries pe2 on pe2.region_code = pe.region_code and pe2.enterprise_id <> pe.enterprise_id
            and abs(pe.planned_date - pe2.planned_date) <= 7
          join (${current}) cv on cv.id = pe2.plan_version_id join agencies a on a.id = cv.agency_id
          where pe.plan_version_id = ${versionId} order by pe.region_code, a.name, pe.planned_date limit 50`,
    ),
  ]);
  return [
    ...enterprises.map((r) => `${r.name}：本计划${r.d}检查，${r.agency}计划${r.od}检查，30日内重复（R20）`),
    ...areas.map((r) => `${regionFullName(r.region_code)}：${r.agency}在${r.d}前后7日内也安排了检查，注意避免多层级集中扎堆（R20）`),
  ];
}

export async function planDetail(ctx: AppContext, p: Principal, id: number) {
  const plan = await loadPlan(ctx, p, id);
  const versions = await ctx.database.db.select().from(planVersions).where(eq(planVersions.planId, id)).orderBy(planVersions.versionNo);
  const current = versions.find((v) => v.versionNo === Number(plan.current_version))!;
  const dueBy = `${plan.year}-03-31`;
  const overlaps = await planOverlaps(ctx, current.id, Number(plan.agency_id));
  return {
    id,
    agencyId: Number(plan.agency_id),
    agencyName: plan.agency_name as string,
    agencyLevel: plan.agency_level as string,
    year: Number(plan.year),
    status: plan.status as PlanStatus,
    statusLabel: planStatusLabels[plan.status as PlanStatus],
    currentVersion: Number(plan.current_version),
    filings: plan.filings as { with: string; at: string; by: string }[],
    publishedAt: plan.published_at ? new Date(plan.published_at as string).toISOString() : null,
    // R6: plans are compiled by the end of March.
    lateCompilation: versions[0] ? shanghaiDate(versions[0].createdAt) > dueBy : false,
    overlaps,
    current: {
      versionNo: current.versionNo,
      params: current.params as PlanParams,
      summary: current.summary as PlanResult['summary'],
      months: current.months as PlanResult['months'],
      warnings: current.warnings as string[],
      inputHash: current.inputHash,
      reason: current.reason,
    },
    versions: versions.map((v) => ({
      versionNo: v.versionNo,
      reason: v.reason,
      totalPlanned: v.totalPlanned,
      officerCount: v.officerCount,
      inputHash: v.inputHash,
      createdAt: v.createdAt.toISOString(),
    })),
  };
}

/** "Why is this enterprise in (or out of) the plan?" — for any enterprise the caller can see. */
export async function explain(ctx: AppContext, p: Principal, id: number, enterpriseId: number) {
  const plan = await loadPlan(ctx, p, id);
  const [e] = await ctx.database.rows(
    sql`select ${ENTERPRISE_COLUMNS}, credit_code, (select name from agencies where id = supervising_agency_id) as agency_name from enterprises where id = ${enterpriseId}`,
  );
  if (!e || !inJurisdiction(p, e.region_code as string)) throw notFound('企业');
  const [version] = await ctx.database.db.select().from(planVersions).where(and(eq(planVersions.planId, id), eq(planVersions.versionNo, Number(plan.current_version))));
  const [entry] = await ctx.database.db.select().from(planEntries).where(and(eq(planEntries.planVersionId, version!.id), eq(planEntries.enterpriseId, enterpriseId)));
  const base = { enterpriseId, name: e.name as string, creditCode: e.credit_code as string };
  if (entry) {
    return { ...base, included: true, category: entry.category, categoryLabel: planCategoryLabels[entry.category as keyof typeof planCategoryLabels], plannedDate: entry.plannedDate, reasons: entry.reasons as string[] };
  }
  const pe = toPlanEnterprise(e);
  const params = version!.params as PlanParams;
  const reasons: string[] = [];
  if (pe.supervisingAgencyId !== Number(plan.agency_id)) {
    reasons.push(`该企业由“${e.agency_name}”监管，一家企业对应一个层级执法主体，不列入本机构计划（R1）`);
    if (params.spotCheckCount > 0) reasons.push('本计划的上级抽查未抽中该企业（R20）');
  } else if (keyTargetReasons(pe).length || highRiskIndustries.includes(pe.industry)) {
    reasons.push('按当前企业信息应列入计划：企业信息在计划生成后已变更，请调整计划（R12）');
  } else if (pe.riskCode === 'green') {
    reasons.push('绿码企业以自查自纠为主，原则上不开展现场检查（R9）');
  } else if (pe.nonSiteMonitored) {
    reasons.push('已纳入非现场监管，原则上不开展现场检查（R9）');
  } else {
    const w = drawWeight(pe);
    reasons.push(`一般企业本年度双随机未抽中（抽查比例${Math.round(params.generalSampleRatio * 100)}%，种子 ${params.seed}）`);
    reasons.push(`抽取权重 ${w.weight.toFixed(2)}${w.factors.length ? `（${w.factors.join('，')}）` : ''}`);
  }
  return { ...base, included: false, category: null, categoryLabel: null, plannedDate: null, reasons };
}

/**
 * Drafts the year's plan for every agency in the caller's jurisdiction that has none yet (the province's
 * yearly kick-off). The register is read once and split by supervising agency.
 *
 * One transaction for the whole run, as for any command: a failure leaves nothing half-written, and running it again
 * drafts the agencies that still have no plan (a transaction per agency meant a commit and several round trips for each
 * of a province's ~1,500 agencies). Plans are stored in batches of agencies; the audit entries are appended at the end,
 * so the audit chain's lock is held only for the last moment of the run.
 */
export async function createPlansForAll(ctx: AppContext, p: Principal, year: number, input: PlanInputParams) {
  requirePermission(p, 'users.manage');
  const prefix = p.agencyRegionCode ? regionPrefix(p.agencyRegionCode) : '';
  const agencyRows = await ctx.database.rows<{ id: number; region_code: string; level: string }>(
    sql`select a.id, a.region_code, a.level from agencies a where a.region_code like ${prefix + '%'}
          and not exists (select 1 from plans pl where pl.agency_id = a.id and pl.year = ${year}) order by a.id`,
  );
  const today = shanghaiDate();
  const officerCounts = new Map(
    (
      await ctx.database.rows<{ agency_id: number; n: number }>(
        sql`select agency_id, count(*)::int as n from officers where department = '应急管理' and credential_valid_from <= ${today}::date
              and credential_valid_to >= ${today}::date and region_code like ${prefix + '%'} group by 1`,
      )
    ).map((r) => [Number(r.agency_id), Number(r.n)]),
  );
  // The register in id order, 100,000 rows at a time: only one part's raw rows are held besides the converted
  // enterprises (a province has a million), and every agency's list comes out in id order.
  const byAgency = new Map<number, PlanEnterprise[]>();
  // The rows repeat a few thousand distinct codes: one string each instead of one per row, which the plans would
  // otherwise hold until the end (measured at 10⁶ rows: peak RSS 1,035 → 702 MiB).
  const codes = new Map<string, string>();
  const intern = <T extends string>(s: T): T => (codes.get(s) as T | undefined) ?? (codes.set(s, s), s);
  for (let after = 0; ; ) {
    const part = await ctx.database.rows(
      sql`select ${ENTERPRISE_COLUMNS} from enterprises where region_code like ${prefix + '%'} and id > ${after} order by id limit ${REGISTER_PART}`,
    );
    for (const r of part) {
      const e = toPlanEnterprise(r);
      e.regionCode = intern(e.regionCode);
      e.industry = intern(e.industry);
      e.riskCode = intern(e.riskCode);
      e.standardizationLevel = intern(e.standardizationLevel);
      e.creditStatus = intern(e.creditStatus);
      const list = byAgency.get(e.supervisingAgencyId);
      if (list) list.push(e);
      else byAgency.set(e.supervisingAgencyId, [e]);
    }
    if (part.length < REGISTER_PART) break;
    after = Number(part[part.length - 1]!.id);
  }
  let created = 0;
  let entries = 0;
  const skipped: { agencyId: number; reason: string }[] = [];
  await ctx.database.db.transaction(async (tx) => {
    const audit: AuditInput[] = [];
    let batch: Draft[] = [];
    let batchEntries = 0;
    const store = async () => {
      if (batch.length) audit.push(...(await insertDrafts(ctx, tx, p, year, batch)));
      batch = [];
      batchEntries = 0;
    };
    for (const a of agencyRows) {
      const params: PlanParams = {
        ...defaultPlanParams,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        spotCheckCount: 0, // spot checks are each higher level's own choice, made in its own plan
        seed: input.seed ?? year * 10_000 + Number(a.id),
        year,
        agencyId: Number(a.id),
        officerCount: officerCounts.get(Number(a.id)) ?? 0,
      };
      const supervised = byAgency.get(Number(a.id)) ?? [];
      byAgency.delete(Number(a.id)); // what is planned need not be held any longer
      if (supervised.length === 0) {
        skipped.push({ agencyId: Number(a.id), reason: '无监管企业' });
        continue;
      }
      const result = generatePlan({ params, supervised });
      batch.push({ agency: { id: Number(a.id), regionCode: a.region_code }, params, result, regionOf: new Map(supervised.map((e) => [e.id, e.regionCode])) });
      batchEntries += result.entries.length;
      created++;
      entries += result.entries.length;
      if (batchEntries >= BATCH_ENTRIES) await store();
    }
    await store();
    await appendAudit(ctx.database, tx, actorOf(p), audit);
  });
  return { created, entries, skipped: skipped.length };
}

const REGISTER_PART = 100_000;
const BATCH_ENTRIES = 20_000;

interface Draft {
  agency: { id: number; regionCode: string };
  params: PlanParams;
  result: PlanResult;
  regionOf: Map<number, string>;
}

/** Draft plans of several agencies (plan, version 1, entries); returns their audit entries. */
async function insertDrafts(ctx: AppContext, tx: Db, p: Principal, year: number, drafts: Draft[]): Promise<AuditInput[]> {
  const planRows = await bulkInsert<Draft, { id: number; agency_id: number }>(
    ctx.database,
    tx,
    'plans',
    [
      { name: 'agency_id', type: 'int', value: (d) => d.agency.id },
      { name: 'region_code', type: 'text', value: (d) => d.agency.regionCode },
      { name: 'year', type: 'int', value: () => year },
      { name: 'status', type: 'text', value: () => 'draft' },
    ],
    drafts,
    sql`returning id, agency_id`,
  );
  const planOf = new Map(planRows.map((r) => [Number(r.agency_id), Number(r.id)]));
  await insertVersions(
    ctx,
    tx,
    drafts.map((d) => ({ planId: planOf.get(d.agency.id)!, versionNo: 1, params: d.params, result: d.result, reason: null, createdBy: p.userId, regionOf: d.regionOf })),
  );
  return drafts.map((d) => ({
    action: 'create',
    entityType: 'plan',
    entityId: planOf.get(d.agency.id)!,
    regionCode: d.agency.regionCode,
    reason: '统一生成年度计划草稿',
    after: { year, agencyId: d.agency.id, version: 1, summary: d.result.summary, inputHash: d.result.inputHash },
  }));
}
