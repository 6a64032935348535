// Annual inspection plans (R6–R12, R20): generation from the register, versions, workflow and filing.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  defaultPlanParams,
  drawWeight,
  generatePlan,
  hasOfficialSchedule,
  highRiskIndustries,
  keyTargetReasons,
  planCategoryLabels,
  regionFullName,
  type PlanEnterprise,
  type PlanEntry,
  type PlanParams,
  type PlanResult,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies, plans, planVersions } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { bulkCopy, bulkInsertSql, StatementQueue, type BulkColumn, type Step } from '../../lib/bulk.js';
import { appendAudit, type AuditInput } from '../audit/chain.js';
import { actorOf, inJurisdiction, inRegionScope, inServiceOn, regionCondition, regionScopeCondition, requireOwnAgency, requirePermission, type Principal } from '../auth/principal.js';

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

/**
 * The facts the plan rules read (R1, R7–R9, R20), one line per enterprise, as PostgreSQL writes them into one text
 * value: a province's million rows arrive as a few large strings instead of twelve million protocol fields, which the
 * driver turns into JS values several times slower than a scan of the text (measured: 3.3 s against 1.1 s). The
 * values are codes and numbers: none holds a comma or a newline. (Ordering the lines by agency would put each
 * agency's objects together in memory and halve the time the rules take to walk them, but PostgreSQL's sort costs
 * more than that on this path, where Node waits for PostgreSQL to store the plans.)
 */
const PACKED_FACTS = sql`string_agg(concat_ws(',', id, region_code, industry, risk_code, hazard_source_count, major_hazard_source_count,
  standardization_level, credit_status, fatal_accidents_3y, non_site_monitored::int, supervising_agency_id), E'\n')`;
/** ids per part of a read by id ranges (one connection, one part after another) */
const REGISTER_PART_IDS = 100_000;
/** heap blocks per part of a whole-register read (about 50,000 enterprises; 5,000 read 0.4 s slower at 10⁶, 1,250 no faster) */
const REGISTER_PART_BLOCKS = 2_500;

export type RegisterParts = { ids?: number } | { blocks: number };

/**
 * The plan facts of the enterprises matching `where`, by supervising agency (in the order read: generatePlan orders
 * what is not in id order already).
 *
 * Parts by id range (default): one after another on the caller's connection — an agency's register, found by index.
 * Parts by heap blocks (`{ blocks }`, for a province's batch, which reads most of the table): each part is a TID range
 * scan, reading its blocks in order rather than going through the primary key to every row (a block holds ~20 rows:
 * the index scans spent more than half their time on reads of single blocks). On PostgreSQL three connections read
 * parts at once in REPEATABLE READ transactions that share one exported snapshot — rows move between blocks when
 * updated, so the parts must see one state of the table, or an enterprise updated meanwhile could be read twice or not
 * at all.
 */
export async function readPlanRegister(ctx: AppContext, where: SQL, tx?: Db, parts: RegisterParts = {}): Promise<Map<number, PlanEnterprise[]>> {
  const byAgency = new Map<number, PlanEnterprise[]>();
  const parse = registerParser(byAgency);
  if ('blocks' in parts) await readByBlocks(ctx, where, parse, parts.blocks);
  else await readByIds(ctx, where, parse, tx, parts.ids ?? REGISTER_PART_IDS);
  return byAgency;
}

type PackedRows = { t: string | null }[];

async function readByIds(ctx: AppContext, where: SQL, parse: (rows: PackedRows) => void, tx: Db | undefined, partIds: number) {
  const [range] = await ctx.database.rows<{ lo: number | null; hi: number | null }>(sql`select min(id) as lo, max(id) as hi from enterprises where ${where}`, tx);
  if (range?.lo == null || range.hi == null) return;
  for (let from = Number(range.lo); from <= Number(range.hi); from += partIds) {
    parse(await ctx.database.rows(sql`select ${PACKED_FACTS} as t from enterprises where ${where} and id between ${from} and ${from + partIds - 1}`, tx));
  }
}

async function readByBlocks(ctx: AppContext, where: SQL, parse: (rows: PackedRows) => void, partBlocks: number) {
  const { database } = ctx;
  const snapshotRead = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;
  await database.db.transaction(async (first) => {
    const [info] = await database.rows<{ blocks: number; snapshot: string | null }>(
      sql`select (pg_relation_size('enterprises') / current_setting('block_size')::int)::int as blocks,
            pg_export_snapshot() as snapshot`,
      first,
    );
    const count = Math.max(1, Math.ceil(Number(info!.blocks) / partBlocks));
    // Rows of blocks past the size read here came after the snapshot: the last part has no upper bound all the same.
    const read = (conn: Db, k: number) =>
      database.rows<{ t: string | null }>(
        sql`select ${PACKED_FACTS} as t from enterprises where ${where} and ctid >= ${`(${k * partBlocks},0)`}::tid
            ${k + 1 < count ? sql`and ctid < ${`(${(k + 1) * partBlocks},0)`}::tid` : sql``}`,
        conn,
      );
    const conns: Db[] = [first];
    const release: (() => void)[] = [];
    const helpers: Promise<unknown>[] = [];
    try {
      if (info!.snapshot && count > 1) {
        if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(info!.snapshot)) throw new Error(`unexpected snapshot id ${info!.snapshot}`);
        for (let i = 0; i < 2; i++) {
          await new Promise<void>((ready, fail) => {
            const helper = database.db.transaction(async (conn) => {
              await database.rows(sql.raw(`set transaction snapshot '${info!.snapshot}'`), conn);
              conns.push(conn);
              ready();
              await new Promise<void>((done) => release.push(done));
            }, snapshotRead);
            helper.catch(fail);
            helpers.push(helper);
          });
        }
      }
      // Parts are parsed in order (each agency's list stays in heap order), with one read ahead per connection.
      const pending = Array.from({ length: Math.min(conns.length, count) }, (_, k) => read(conns[k]!, k));
      for (let k = 0; k < count; k++) {
        const rows = await pending[k]!;
        if (k + conns.length < count) pending.push(read(conns[k % conns.length]!, k + conns.length));
        parse(rows);
      }
    } finally {
      for (const done of release) done();
      await Promise.allSettled(helpers);
    }
  }, snapshotRead);
}

/** A parser of PACKED_FACTS text that adds each enterprise to its agency's list. */
function registerParser(byAgency: Map<number, PlanEnterprise[]>): (rows: PackedRows) => void {
  // The rows repeat a few thousand distinct codes: one string each instead of one per row, which a province's plans
  // would otherwise hold until they are stored (docs/benchmarks.md § planning).
  const codes = new Map<string, string>();
  return (rows) => {
    const text = rows[0]?.t;
    if (!text) return;
    let pos = 0;
    const int = () => {
      let v = 0;
      for (let c = text.charCodeAt(pos++); c >= 48 && c <= 57; c = text.charCodeAt(pos++)) v = v * 10 + c - 48;
      return v;
    };
    const code = <T extends string>(): T => {
      const end = text.indexOf(',', pos);
      const s = text.slice(pos, end);
      pos = end + 1;
      return (codes.get(s) ?? (codes.set(s, s), s)) as T;
    };
    let list: PlanEnterprise[] = [];
    let listAgency = -1;
    while (pos < text.length) {
      const e: PlanEnterprise = {
        id: int(),
        regionCode: code(),
        industry: code(),
        riskCode: code(),
        hazardSourceCount: int(),
        majorHazardSourceCount: int(),
        standardizationLevel: code(),
        creditStatus: code(),
        fatalAccidents3y: int(),
        nonSiteMonitored: int() === 1,
        supervisingAgencyId: int(), // then past the newline
      };
      if (e.supervisingAgencyId !== listAgency) {
        listAgency = e.supervisingAgencyId;
        list = byAgency.get(listAgency) ?? [];
        byAgency.set(listAgency, list);
      }
      list.push(e);
    }
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
        and credential_valid_from <= ${today}::date and credential_valid_to >= ${today}::date and ${inServiceOn(today)}`,
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
  if (params.generalSampleRatio < 0.3) throw new AppError('VALIDATION', '一般企业抽查比例不得低于30%');
  if (params.teamSize < 2) throw new AppError('VALIDATION', '每组执法人员不少于2人');
  if (params.spotCheckCount > 0 && agency.level === 'township') throw new AppError('VALIDATION', '乡镇（街道）没有下级监管企业可供抽查');
  const supervised = (await readPlanRegister(ctx, sql`supervising_agency_id = ${agency.id}`, tx)).get(agency.id) ?? [];
  let lowerLevel: PlanEnterprise[] = [];
  if (params.spotCheckCount > 0) {
    // R20: a higher level spot-checks the risky part of its lower levels' register.
    const lower = await readPlanRegister(
      ctx,
      sql`${regionScopeCondition(agency.regionCode, 'region_code')} and supervising_agency_id <> ${agency.id}
          and (risk_code in ('red', 'yellow') or industry in ${[...highRiskIndustries]})`,
      tx,
    );
    lowerLevel = [...lower.values()].flat();
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
  const [id] = await allocateIds(ctx, tx, 'plan_versions', 1);
  const queue = new StatementQueue(ctx.database, tx);
  for (const q of versionStatements([{ id: id!, planId, versionNo, params, result, reason, createdBy: p.userId }])) queue.send(q);
  await queue.drain();
}

interface NewVersion {
  /** allocated beforehand (allocateIds), so the entries can be sent without waiting for the version's insert */
  id: number;
  planId: number;
  versionNo: number;
  params: PlanParams;
  result: PlanResult;
  reason: string | null;
  createdBy: number;
}

/** `n` new ids of a table's serial id column, in one round trip. */
async function allocateIds(ctx: AppContext, tx: Db, table: 'plans' | 'plan_versions', n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await ctx.database.rows<{ id: number }>(sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`, tx);
  return rows.map((r) => Number(r.id));
}

/** A version to store with its entries' reason numbers (reasonLists). */
type VersionRow = NewVersion & { reasons: ReasonLists };

const VERSION_COLUMNS: BulkColumn<VersionRow>[] = [
  { name: 'id', type: 'int', value: (v) => v.id },
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
  { name: 'reason_lists', type: 'jsonb', value: (v) => v.reasons.lists },
  { name: 'created_by', type: 'int', value: (v) => v.createdBy },
  // the application's clock, not the database's: 按时编制 (lateCompilation) is judged on this instant
  { name: 'created_at', type: 'timestamptz', value: () => new Date().toISOString() },
];

type EntryRow = { versionId: number; entry: PlanEntry; reasonNo: number };
const ENTRY_COLUMNS: BulkColumn<EntryRow>[] = [
  { name: 'plan_version_id', type: 'int', value: (r) => r.versionId },
  { name: 'enterprise_id', type: 'bigint', value: (r) => r.entry.enterpriseId },
  { name: 'region_code', type: 'text', value: (r) => r.entry.regionCode },
  { name: 'category', type: 'text', value: (r) => r.entry.category },
  { name: 'reason_no', type: 'int', value: (r) => r.reasonNo },
  { name: 'planned_date', type: 'date', value: (r) => r.entry.plannedDate },
  { name: 'month', type: 'int', value: (r) => r.entry.month },
  { name: 'joint_with_agency_id', type: 'int', value: (r) => r.entry.jointWithAgencyId },
  { name: 'urgent', type: 'boolean', value: (r) => r.entry.urgent },
];

interface ReasonLists {
  lists: (readonly string[])[];
  /** per entry, in the order of the version's entries */
  numbers: number[];
}

/**
 * R7–R9: a version's distinct lists of reasons and each entry's number into them (plan_versions.reason_lists,
 * plan_entries.reason_no). The domain shares one frozen list among the entries with the same reasons, so most look-ups
 * are by identity; an equal list built separately gets the same number through its text.
 */
function reasonLists(entries: readonly PlanEntry[]): ReasonLists {
  const byList = new Map<readonly string[], number>();
  const byText = new Map<string, number>();
  const lists: (readonly string[])[] = [];
  const numbers = entries.map(({ reasons }) => {
    let n = byList.get(reasons);
    if (n === undefined) {
      const text = JSON.stringify(reasons);
      n = byText.get(text);
      if (n === undefined) {
        n = lists.push(reasons) - 1;
        byText.set(text, n);
      }
      byList.set(reasons, n);
    }
    return n;
  });
  if (lists.length > 32_767) throw new Error('too many distinct reason lists for reason_no (smallint)'); // combinations of a few fixed reasons
  return { lists, numbers };
}

/**
 * The writes of plan versions (bulk insert) with their entries (COPY): a province's batch stores some 400,000 entries,
 * which drizzle's builder takes seconds per 100,000 to prepare.
 */
function versionStatements(versions: NewVersion[]): (Step | null)[] {
  const rows = versions.map((v) => ({ ...v, reasons: reasonLists(v.result.entries) }));
  const entries = rows.flatMap((v) => v.result.entries.map((entry, i) => ({ versionId: v.id, entry, reasonNo: v.reasons.numbers[i]! })));
  return [bulkInsertSql('plan_versions', VERSION_COLUMNS, rows), bulkCopy('plan_entries', ENTRY_COLUMNS, entries)];
}

function assertOwnAgency(p: Principal, agencyId: number) {
  // Each agency compiles its own plan; the administrator may act for any agency in the jurisdiction.
  requireOwnAgency(p, agencyId, '只能编制、调整本机构的年度监督检查计划');
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
        `执法人员未减少（${current!.officerCount}→${params.officerCount}人），调整后计划检查数（${result.summary.totalPlanned}）不得少于原计划（${current!.totalPlanned}）`,
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
      if (!p.agencyRegionCode || !inRegionScope(p.agencyRegionCode, plan.region_code as string)) throw forbidden('只能由本机构或上级负责人审批');
    }
    // four eyes: whoever submitted the plan does not approve it
    if (input.action === 'approve' && plan.submitted_by != null && Number(plan.submitted_by) === p.userId) throw forbidden('提交审批的人员不能审批本人提交的计划，请由本机构或上级其他负责人审批');
    if (input.action === 'return' && !input.note?.trim()) throw new AppError('VALIDATION', '退回须填写意见');
    const patch: Record<string, unknown> = { status: t.to, updatedAt: new Date(), version: sql`${plans.version} + 1` };
    if (input.action === 'submit') patch.submittedBy = p.userId;
    let filings = plan.filings as { with: string; at: string; by: string }[];
    if (input.action === 'file') {
      const bodies = [...new Set(input.filedWith ?? [])];
      const missing = FILING_BODIES.filter((b) => !bodies.includes(b));
      if (missing.length) throw new AppError('VALIDATION', `计划须报${missing.join('、')}备案`);
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
 *
 * Only the agencies of a township and of its county, city and province plan enterprises there (R1, R20): the entries of
 * their current plans are looked up by version, month, region and date (plan_entries_version_month_idx; the windows
 * are written both ways and in months, so that the index bounds either side). An entry's region is the enterprise's
 * region when its plan was made.
 */
export async function planOverlaps(ctx: AppContext, versionId: number, agencyId: number) {
  const near = sql`with regions as materialized (select distinct region_code from plan_entries where plan_version_id = ${versionId}),
          near as materialized (
            select r.region_code, v.id as version_id, a.name as agency from regions r
            cross join lateral (values (left(r.region_code, 2) || '0000'), (left(r.region_code, 4) || '00'), (left(r.region_code, 6)), (r.region_code)) as up(code)
            join plans pl on pl.region_code = up.code and pl.agency_id <> ${agencyId}
            join plan_versions v on v.plan_id = pl.id and v.version_no = pl.current_version
            join agencies a on a.id = pl.agency_id)`;
  const within = (days: number) => {
    const d = sql.raw(String(days));
    return sql`pe2.month in (extract(month from pe.planned_date - ${d})::int, extract(month from pe.planned_date)::int, extract(month from pe.planned_date + ${d})::int)
            and pe.month in (extract(month from pe2.planned_date - ${d})::int, extract(month from pe2.planned_date)::int, extract(month from pe2.planned_date + ${d})::int)
            and pe2.planned_date between pe.planned_date - ${d} and pe.planned_date + ${d} and pe.planned_date between pe2.planned_date - ${d} and pe2.planned_date + ${d}`;
  };
  const [enterprises, areas] = await Promise.all([
    ctx.database.rows<{ name: string; d: string; agency: string; od: string }>(
      sql`${near}
          select e.name, to_char(pe.planned_date, 'YYYY-MM-DD') as d, n.agency, to_char(pe2.planned_date, 'YYYY-MM-DD') as od
          from near n
          join plan_entries pe on pe.plan_version_id = ${versionId} and pe.region_code = n.region_code
          join plan_entries pe2 on pe2.plan_version_id = n.version_id and pe2.region_code = n.region_code and pe2.enterprise_id = pe.enterprise_id and ${within(30)}
          join enterprises e on e.id = pe.enterprise_id
          order by pe.planned_date, e.name, n.agency limit 50`,
    ),
    ctx.database.rows<{ region_code: string; agency: string; d: string }>(
      sql`${near}
          select distinct on (pe.region_code, n.agency) pe.region_code, n.agency, to_char(pe.planned_date, 'YYYY-MM-DD') as d
          from near n
          join plan_entries pe on pe.plan_version_id = ${versionId} and pe.region_code = n.region_code
          join plan_entries pe2 on pe2.plan_version_id = n.version_id and pe2.region_code = n.region_code and pe2.enterprise_id <> pe.enterprise_id and ${within(7)}
          order by pe.region_code, n.agency, pe.planned_date limit 50`,
    ),
  ]);
  return [
    ...enterprises.map((r) => `${r.name}：本计划${r.d}检查，${r.agency}计划${r.od}检查，30日内重复`),
    ...areas.map((r) => `${regionFullName(r.region_code)}：${r.agency}在${r.d}前后7日内也安排了检查，注意避免多层级集中扎堆`),
  ];
}

export const provisionalPlanWarning = (year: number) =>
  `${year}年国务院放假安排通知尚未录入：计划日期按法定节假日暂定，通知录入后将自动调整落在放假日的检查日期`;

export async function planDetail(ctx: AppContext, p: Principal, id: number) {
  const plan = await loadPlan(ctx, p, id);
  const versions = await ctx.database.db.select().from(planVersions).where(eq(planVersions.planId, id)).orderBy(planVersions.versionNo);
  const current = versions.find((v) => v.versionNo === Number(plan.current_version))!;
  const dueBy = `${plan.year}-03-31`;
  const overlaps = await planOverlaps(ctx, current.id, Number(plan.agency_id));
  // R38: before the year's holiday notice is entered, every date of the plan is 暂定
  const provisional = !hasOfficialSchedule(Number(plan.year));
  const calendarWarning = provisional ? [provisionalPlanWarning(Number(plan.year))] : [];
  return {
    id,
    provisional,
    agencyId: Number(plan.agency_id),
    agencyName: plan.agency_name as string,
    agencyLevel: plan.agency_level as string,
    year: Number(plan.year),
    status: plan.status as PlanStatus,
    statusLabel: planStatusLabels[plan.status as PlanStatus],
    /** four eyes: the user who submitted it for approval (not offered the approval) */
    submittedBy: plan.submitted_by == null ? null : Number(plan.submitted_by),
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
      warnings: [...calendarWarning, ...(current.warnings as string[])],
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
  // By the version's prefix of the index (there is none on enterprise_id): an agency's plan is a few thousand entries.
  const [entry] = await ctx.database.rows<{ category: string; planned_date: string; reasons: string[] | string }>(
    sql`select pe.category, to_char(pe.planned_date, 'YYYY-MM-DD') as planned_date, v.reason_lists -> pe.reason_no as reasons
          from plan_entries pe join plan_versions v on v.id = pe.plan_version_id
         where pe.plan_version_id = ${version!.id} and pe.enterprise_id = ${enterpriseId} limit 1`,
  );
  const base = { enterpriseId, name: e.name as string, creditCode: e.credit_code as string };
  if (entry) {
    const category = entry.category as keyof typeof planCategoryLabels;
    return { ...base, included: true, category, categoryLabel: planCategoryLabels[category], plannedDate: entry.planned_date, reasons: (typeof entry.reasons === 'string' ? JSON.parse(entry.reasons) : entry.reasons) as string[] };
  }
  const pe = toPlanEnterprise(e);
  const params = version!.params as PlanParams;
  const reasons: string[] = [];
  if (pe.supervisingAgencyId !== Number(plan.agency_id)) {
    reasons.push(`该企业由“${e.agency_name}”监管，一家企业对应一个层级执法主体，不列入本机构计划`);
    if (params.spotCheckCount > 0) reasons.push('本计划的上级抽查未抽中该企业');
  } else if (keyTargetReasons(pe).length || highRiskIndustries.includes(pe.industry)) {
    reasons.push('按当前企业信息应列入计划：企业信息在计划生成后已变更，请调整计划');
  } else if (pe.riskCode === 'green') {
    reasons.push('绿码企业以自查自纠为主，原则上不开展现场检查');
  } else if (pe.nonSiteMonitored) {
    reasons.push('已纳入非现场监管，原则上不开展现场检查');
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
  const agencyRows = await ctx.database.rows<{ id: number; region_code: string; level: string }>(
    sql`select a.id, a.region_code, a.level from agencies a where ${regionCondition(p, 'a.region_code')}
          and not exists (select 1 from plans pl where pl.agency_id = a.id and pl.year = ${year}) order by a.id`,
  );
  const today = shanghaiDate();
  const officerCounts = new Map(
    (
      await ctx.database.rows<{ agency_id: number; n: number }>(
        sql`select agency_id, count(*)::int as n from officers where department = '应急管理' and credential_valid_from <= ${today}::date
              and credential_valid_to >= ${today}::date and ${inServiceOn(today)} and ${regionCondition(p)} group by 1`,
      )
    ).map((r) => [Number(r.agency_id), Number(r.n)]),
  );
  const byAgency = await readPlanRegister(ctx, regionCondition(p), undefined, { blocks: REGISTER_PART_BLOCKS });
  const planned = agencyRows.filter((a) => byAgency.has(Number(a.id)));
  let entries = 0;
  await ctx.database.db.transaction(async (tx) => {
    // Ids first, so that no insert waits for another's RETURNING: PostgreSQL stores one batch while Node drafts the
    // next.
    const planIds = await allocateIds(ctx, tx, 'plans', planned.length);
    const versionIds = await allocateIds(ctx, tx, 'plan_versions', planned.length);
    const queue = new StatementQueue(ctx.database, tx);
    const audit: AuditInput[] = [];
    let batch: Draft[] = [];
    let batchEntries = 0;
    let lastYield = performance.now();
    const flush = async () => {
      for (const q of draftStatements(p, year, batch)) queue.send(q);
      for (const d of batch) {
        audit.push({
          action: 'create',
          entityType: 'plan',
          entityId: d.planId,
          regionCode: d.agency.regionCode,
          reason: '统一生成年度计划草稿',
          after: { year, agencyId: d.agency.id, version: 1, summary: d.result.summary, inputHash: d.result.inputHash },
        });
      }
      batch = [];
      batchEntries = 0;
      // At most two batches waiting to be stored: each holds its statements' text.
      await queue.drain(2 * STATEMENTS_PER_BATCH);
    };
    for (const [i, a] of planned.entries()) {
      const params: PlanParams = {
        ...defaultPlanParams,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        spotCheckCount: 0, // spot checks are each higher level's own choice, made in its own plan
        seed: input.seed ?? year * 10_000 + Number(a.id),
        year,
        agencyId: Number(a.id),
        officerCount: officerCounts.get(Number(a.id)) ?? 0,
      };
      const supervised = byAgency.get(Number(a.id))!;
      byAgency.delete(Number(a.id)); // what is planned need not be held any longer
      const result = generatePlan({ params, supervised, listExclusions: false });
      batch.push({ planId: planIds[i]!, versionId: versionIds[i]!, agency: { id: Number(a.id), regionCode: a.region_code }, params, result });
      batchEntries += result.entries.length;
      entries += result.entries.length;
      if (batchEntries >= BATCH_ENTRIES) await flush();
      // Let the connection send the next queued statement as soon as PostgreSQL has run the one before.
      if (performance.now() - lastYield > 10) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    await flush();
    await queue.drain();
    await appendAudit(ctx.database, tx, actorOf(p), audit);
  });
  return { created: planned.length, entries, skipped: agencyRows.length - planned.length };
}

const BATCH_ENTRIES = 20_000;
const STATEMENTS_PER_BATCH = 3;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Draft {
  planId: number;
  versionId: number;
  agency: { id: number; regionCode: string };
  params: PlanParams;
  result: PlanResult;
}

/** The inserts of draft plans of several agencies: plans, their first versions, the entries (STATEMENTS_PER_BATCH). */
function draftStatements(p: Principal, year: number, drafts: Draft[]): (Step | null)[] {
  return [
    bulkInsertSql('plans', PLAN_COLUMNS(year), drafts),
    ...versionStatements(drafts.map((d) => ({ id: d.versionId, planId: d.planId, versionNo: 1, params: d.params, result: d.result, reason: null, createdBy: p.userId }))),
  ];
}

const PLAN_COLUMNS = (year: number): BulkColumn<Draft>[] => [
  { name: 'id', type: 'int', value: (d) => d.planId },
  { name: 'agency_id', type: 'int', value: (d) => d.agency.id },
  { name: 'region_code', type: 'text', value: (d) => d.agency.regionCode },
  { name: 'year', type: 'int', value: () => year },
  { name: 'status', type: 'text', value: () => 'draft' },
];
