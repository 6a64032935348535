// Inspections from filing to the signed record (R15–R19). Every command is one transaction with its audit entry;
// commands that the phone may resend after a lost connection carry a clientId and are answered idempotently.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
  backfillDue,
  backfillOverdue,
  completionProblems,
  credentialValidOn,
  dispositionProblems,
  filingProblems,
  itemsForIndustry,
  type AnswerResult,
  type CheckItem,
  type FilingOfficer,
  type FindingDisposition,
  type Industry,
  type InspectionOrigin,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { unplannedRequests } from '../../db/schema.js';
import { findings, inspections } from '../../db/inspectionSchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit, auditCommitted, auditInsertSql, type AuditInput } from '../audit/chain.js';
import { arrayParam } from '../../lib/bulk.js';
import { actorOf, canSeeEnterpriseRow, inJurisdiction, regionCondition, requireActingAgency, requirePermission, type Principal } from '../auth/principal.js';
import { DRAW_ASSIGNMENTS } from '../draw/service.js';
import { checkUnplanned, duplicatesJson, triggerLabels, unplannedAudit, unplannedValues, warningsOf, type CheckedUnplanned, type Trigger } from '../planning/unplannedService.js';
import { CURRENT_VERSION, catalogueOfCurrent, catalogueVersion } from './catalog.js';

export type InspectionRow = typeof inspections.$inferSelect;

/** The honesty commitment (廉政承诺书) the officers read and sign before the inspection (R16). */
export const COMMITMENT_TEXT =
  '我们承诺：严格依法依规开展执法检查，主动出示执法证件，文明执法、说理式执法；不接受企业宴请、礼品礼金和有价证券，不向企业推销产品、指定服务机构或安责险承保机构，不吃拿卡要、不以权谋私；自觉接受企业和社会监督。';

export interface EnterpriseBrief {
  id: number;
  name: string;
  creditCode: string;
  regionCode: string;
  industry: Industry;
  address: string;
  legalRepresentative: string;
  supervisingAgencyId: number;
}

export async function loadEnterprise(ctx: AppContext, id: number, executor?: Db): Promise<EnterpriseBrief | undefined> {
  const [e] = await ctx.database.rows<Record<string, unknown>>(
    sql`select id, name, credit_code, region_code, industry, address, legal_representative, supervising_agency_id from enterprises where id = ${id}`,
    executor,
  );
  return e ? enterpriseBrief(e) : undefined;
}

/** The enterprise brief as a json column of a larger statement (the filing's one read). */
const enterpriseJson = (id: number) =>
  sql`(select json_build_object('id', id, 'name', name, 'credit_code', credit_code, 'region_code', region_code, 'industry', industry, 'address', address,
                                'legal_representative', legal_representative, 'supervising_agency_id', supervising_agency_id) from enterprises where id = ${id})`;

function enterpriseBrief(e: Record<string, unknown>): EnterpriseBrief {
  return {
    id: Number(e.id),
    name: String(e.name),
    creditCode: String(e.credit_code),
    regionCode: String(e.region_code),
    industry: e.industry as Industry,
    address: String(e.address),
    legalRepresentative: String(e.legal_representative),
    supervisingAgencyId: Number(e.supervising_agency_id),
  };
}

/** The inspection if the caller may see it (its region subtree, or an enterprise user's own), else 404. */
export async function loadInspection(ctx: AppContext, p: Principal, id: number, executor?: Db): Promise<InspectionRow> {
  const [row] = await (executor ?? ctx.database.db).select().from(inspections).where(eq(inspections.id, id));
  if (!row || !canSeeEnterpriseRow(p, row)) throw notFound('检查记录');
  return row;
}

/** Only the inspecting agency changes an inspection (not the admin account: it performs no enforcement act). */
export function assertInspectingAgency(p: Principal, row: { agencyId: number }): void {
  requirePermission(p, 'inspection.write');
  requireActingAgency(p, row.agencyId, '只有实施检查的执法机构可以办理');
}

/** Locks the row for the command and re-checks its state inside the transaction. */
async function lockInspection(tx: Db, id: number): Promise<InspectionRow> {
  const [row] = await tx.select().from(inspections).where(eq(inspections.id, id)).for('update');
  return row!;
}

function requireStatus(row: InspectionRow, allowed: InspectionRow['status'][], action: string): void {
  if (!allowed.includes(row.status)) {
    const label: Record<string, string> = { filed: '已报备', in_progress: '检查中', completed: '已完成', cancelled: '已取消' };
    throw new AppError('CONFLICT', `检查当前状态为“${label[row.status] ?? row.status}”，不能${action}`);
  }
}

export async function loadOfficers(ctx: AppContext, p: Principal, ids: readonly number[], executor?: Db): Promise<FilingOfficer[]> {
  if (ids.length === 0) return [];
  const [r] = await ctx.database.rows<{ officers: OfficerJson[] | null }>(sql`select ${officersJson(p, ids)} as officers`, executor);
  return filingOfficers(ids, r?.officers ?? null);
}

interface OfficerJson {
  id: number;
  name: string;
  credential_no: string;
  credential_valid_from: string;
  credential_valid_to: string;
  left_on: string | null;
  credential_revoked_on: string | null;
}

/** The officers of the caller's jurisdiction among `ids`, as a json column (dates as YYYY-MM-DD). */
function officersJson(p: Principal, ids: readonly number[]) {
  return sql`(select json_agg(json_build_object('id', o.id, 'name', o.name, 'credential_no', o.credential_no, 'credential_valid_from', o.credential_valid_from,
                                                'credential_valid_to', o.credential_valid_to, 'left_on', o.left_on, 'credential_revoked_on', o.credential_revoked_on))
                from officers o where o.id = any(${arrayParam([...new Set(ids)], 'int')}) and ${regionCondition(p, 'o.region_code')})`;
}

/** The filing's officers in the order given; one missing (unknown, outside the jurisdiction) refuses the filing. */
function filingOfficers(ids: readonly number[], rows: OfficerJson[] | null): FilingOfficer[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const byId = new Map((rows ?? []).map((o) => [Number(o.id), o]));
  if (byId.size !== unique.length) throw new AppError('VALIDATION', '所选执法人员不存在或不在本机构管辖范围内');
  return unique.map((id) => {
    const o = byId.get(id)!;
    return { id, name: o.name, credentialNo: o.credential_no, credentialValidFrom: o.credential_valid_from, credentialValidTo: o.credential_valid_to, leftOn: o.left_on, credentialRevokedOn: o.credential_revoked_on };
  });
}

function itemsOf(catalogueItems: readonly CheckItem[], industry: Industry, codes: readonly string[] | undefined): string[] {
  const allowed = itemsForIndustry({ version: 0, items: [...catalogueItems] }, industry);
  if (!codes || codes.length === 0) return allowed.map((i) => i.code);
  const known = new Set(allowed.map((i) => i.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError('VALIDATION', `检查事项不属于该企业所在行业的检查清单：${unknown.join('、')}`);
  return [...new Set(codes)];
}

export interface CreateInspectionInput {
  clientId?: string;
  enterpriseId: number;
  origin: InspectionOrigin;
  planEntryId?: number;
  drawId?: number;
  unplannedRequestId?: number;
  emergencyReason?: string;
  legalBasis?: string;
  plannedDate?: string;
  place?: string;
  officerIds?: number[];
  itemCodes?: string[];
  /** origin 'unplanned' without a request yet: register it (R11, exempt triggers only) and file in one transaction */
  unplanned?: { trigger: Trigger; reason: string; jointWithAgencyId?: number | null };
}

/** R15: the source an inspection comes from must exist and belong to the caller's agency. Returns drawn officers. */
async function checkOrigin(ctx: AppContext, p: Principal, e: EnterpriseBrief, b: CreateInspectionInput): Promise<number[] | null> {
  switch (b.origin) {
    case 'plan': {
      if (!b.planEntryId) throw new AppError('VALIDATION', '请选择年度计划中的检查对象');
      const [row] = await ctx.database.rows(
        sql`select pe.id from plan_entries pe join plan_versions v on v.id = pe.plan_version_id join plans pl on pl.id = v.plan_id
             where pe.id = ${b.planEntryId} and pe.enterprise_id = ${e.id} and pl.agency_id = ${p.agencyId} and pl.status in ('approved', 'filed', 'published')`,
      );
      if (!row) throw new AppError('VALIDATION', '该企业不在本机构已批准的年度监督检查计划中，计划外检查须先登记');
      return null;
    }
    case 'draw': {
      if (!b.drawId) throw new AppError('VALIDATION', '请选择双随机抽取结果');
      const [row] = await ctx.database.rows<{ officer_ids: number[] }>(
        sql`select a.officer_ids from draws d, ${DRAW_ASSIGNMENTS} where d.id = ${b.drawId} and d.agency_id = ${p.agencyId} and a.enterprise_id = ${e.id}`,
      );
      if (!row) throw new AppError('VALIDATION', '该企业不在本机构的这次双随机抽取结果中');
      return row.officer_ids.map(Number);
    }
    case 'unplanned': {
      if (!b.unplannedRequestId) throw new AppError('VALIDATION', '请选择已登记或已批准的计划外检查');
      const [row] = await ctx.database.rows(
        sql`select id from unplanned_requests where id = ${b.unplannedRequestId} and enterprise_id = ${e.id} and agency_id = ${p.agencyId} and status in ('recorded', 'approved')`,
      );
      if (!row) throw new AppError('VALIDATION', '计划外检查须一事一报：未找到本机构对该企业已登记或已批准的计划外检查');
      return null;
    }
    case 'emergency':
      if (!b.emergencyReason || b.emergencyReason.trim().length < 5) throw new AppError('VALIDATION', '紧急检查请写明事由（不少于5个字）');
      return null;
  }
}

/**
 * R15: what the caller's agency may file an inspection of this enterprise from — its plan entries (current version of
 * an approved plan), the draws that picked it, its recorded or approved unplanned requests — each with the inspection
 * already filed from it, if any, so the filing page offers only what is still open.
 */
export async function filingSources(ctx: AppContext, p: Principal, enterpriseId: number) {
  requirePermission(p, 'inspection.write');
  const e = await loadEnterprise(ctx, enterpriseId);
  if (!e || !inJurisdiction(p, e.regionCode) || !p.agencyId) throw notFound('企业');
  const used = (column: string) => sql.raw(`(select i.id from inspections i where i.${column} = s.id and i.enterprise_id = s.enterprise_id and i.status <> 'cancelled' limit 1)`);
  const [planEntries, drawRows, unplanned] = await Promise.all([
    ctx.database.rows<{ id: number; year: number; planned_date: string; category: string; inspection_id: number | null }>(
      // within the agency's own current plans, by the versions' prefix of the index (there is none on enterprise_id)
      sql`select s.id, pl.year, to_char(s.planned_date, 'YYYY-MM-DD') as planned_date, s.category, ${used('plan_entry_id')} as inspection_id
            from plans pl join plan_versions v on v.plan_id = pl.id and v.version_no = pl.current_version
            join plan_entries s on s.plan_version_id = v.id
           where s.enterprise_id = ${enterpriseId} and pl.agency_id = ${p.agencyId} and pl.status in ('approved', 'filed', 'published')
           order by s.planned_date`,
    ),
    ctx.database.rows<{ id: number; title: string; draw_date: string; officer_ids: number[]; inspection_id: number | null }>(
      sql`select s.id, s.title, s.draw_date, s.officer_ids, ${used('draw_id')} as inspection_id
            from (select d.id, d.title, to_char(d.draw_date, 'YYYY-MM-DD') as draw_date, a.officer_ids, a.enterprise_id
                    from draws d, ${DRAW_ASSIGNMENTS} where d.agency_id = ${p.agencyId} and a.enterprise_id = ${enterpriseId}) s
           order by s.id desc limit 20`,
    ),
    ctx.database.rows<{ id: number; trigger: string; reason: string; status: string; planned_date: string; inspection_id: number | null }>(
      sql`select s.id, s.trigger, s.reason, s.status, to_char(s.planned_date, 'YYYY-MM-DD') as planned_date, ${used('unplanned_request_id')} as inspection_id
            from unplanned_requests s where s.enterprise_id = ${enterpriseId} and s.agency_id = ${p.agencyId} and s.status in ('recorded', 'approved')
           order by s.id desc limit 20`,
    ),
  ]);
  const inspectionId = (v: number | null) => (v == null ? null : Number(v));
  return {
    enterprise: e,
    planEntries: planEntries.map((r) => ({ id: Number(r.id), year: Number(r.year), plannedDate: r.planned_date, category: r.category, inspectionId: inspectionId(r.inspection_id) })),
    draws: drawRows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      drawDate: r.draw_date,
      officerIds: r.officer_ids.map(Number),
      inspectionId: inspectionId(r.inspection_id),
    })),
    unplanned: unplanned.map((r) => ({ id: Number(r.id), trigger: r.trigger, reason: r.reason, status: r.status, plannedDate: r.planned_date, inspectionId: inspectionId(r.inspection_id) })),
  };
}

/**
 * R15: file an inspection (or start an emergency one, to be backfilled within 1 working day). `warnings`: R20's, when
 * the filing registered its unplanned inspection.
 */
export async function createInspection(ctx: AppContext, p: Principal, b: CreateInspectionInput): Promise<InspectionRow & { warnings?: string[] }> {
  requirePermission(p, 'inspection.write');
  if (!p.agencyId) throw forbidden('请以执法机构账户办理');
  const today = shanghaiDate();
  const emergency = b.origin === 'emergency';
  const date = emergency ? today : (b.plannedDate ?? today);
  const registering = b.unplanned != null && b.origin === 'unplanned' && !b.unplannedRequestId;
  // One read for the whole check (a filing is most of a phone's requests before it goes out): the clientId already
  // used, the enterprise, the officers, the current catalogue, R20's warnings when registering, and the new rows' ids
  // (unused ones are gaps, as after any rolled-back insert).
  const [pre] = await ctx.database.rows<{
    existing: boolean;
    enterprise: Record<string, unknown> | null;
    officers: OfficerJson[] | null;
    catalog_version: number | null;
    duplicates: Parameters<typeof warningsOf>[0];
    inspection_id: number;
    unplanned_id: number | null;
    audit_ids: number[];
  }>(
    sql`select ${b.clientId ? sql`exists(select 1 from inspections where client_id = ${b.clientId})` : sql`false`} as existing,
               ${enterpriseJson(b.enterpriseId)} as enterprise, ${b.officerIds?.length ? officersJson(p, b.officerIds) : sql`null`} as officers,
               ${CURRENT_VERSION} as catalog_version, ${registering ? duplicatesJson(b.enterpriseId, date, p.agencyId) : sql`null`} as duplicates,
               nextval('inspections_id_seq') as inspection_id, ${registering ? sql`nextval('unplanned_requests_id_seq')` : sql`null`} as unplanned_id,
               array(select nextval('audit_log_seq') from generate_series(1, ${registering ? 2 : 1})) as audit_ids`,
  );
  if (pre!.existing) {
    const [existing] = await ctx.database.db.select().from(inspections).where(eq(inspections.clientId, b.clientId!));
    if (existing) {
      if (existing.createdBy !== p.userId) throw new AppError('CONFLICT', '该记录编号已被使用');
      return existing;
    }
  }
  const e = pre!.enterprise ? enterpriseBrief(pre!.enterprise) : undefined;
  if (!e || !inJurisdiction(p, e.regionCode)) throw notFound('企业');
  let unplanned: CheckedUnplanned | null = null;
  if (b.unplanned) {
    if (!registering) throw new AppError('VALIDATION', '登记计划外检查只适用于尚未登记的计划外检查');
    unplanned = await checkUnplanned(ctx, p, { ...b.unplanned, enterpriseId: e.id, plannedDate: date }, e, warningsOf(pre!.duplicates));
    // R11: "other" waits for one-by-one approval; only an exempt trigger is recorded and filed at once
    if (unplanned.status !== 'recorded') throw new AppError('VALIDATION', `“${triggerLabels[unplanned.trigger]}”须一事一报，经批准后才能报备检查`);
  }
  const drawn = unplanned ? null : await checkOrigin(ctx, p, e, b);
  let officerIds = b.officerIds ?? [];
  if (drawn) {
    if (officerIds.length === 0) officerIds = drawn;
    else if ([...new Set(officerIds)].sort().join() !== [...new Set(drawn)].sort().join()) {
      throw new AppError('VALIDATION', '双随机抽查须由随机选派的执法人员实施');
    }
  }
  if (!emergency && date < today) throw new AppError('VALIDATION', '检查日期不能早于今天：事前报备须在进场前完成');
  const officerRows = officerIds === b.officerIds ? filingOfficers(officerIds, pre!.officers) : await loadOfficers(ctx, p, officerIds);
  const catalogue = await catalogueOfCurrent(ctx, pre!.catalog_version);
  const itemCodes = itemsOf(catalogue.items, e.industry, b.itemCodes);
  const legalBasis = (b.legalBasis ?? '').trim();
  const problems = filingProblems({ legalBasis: emergency ? legalBasis || '紧急检查（待补录）' : legalBasis, officers: officerRows, itemCodes, date });
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));

  // Written in ONE statement (the request, the inspection and their audit entries as data-modifying CTEs, which
  // commit together): no transaction to hold open across round trips.
  const now = new Date();
  const id = Number(pre!.inspection_id);
  const unplannedId = unplanned ? Number(pre!.unplanned_id) : null;
  const row: InspectionRow = {
    id,
    clientId: b.clientId ?? null,
    agencyId: p.agencyId,
    enterpriseId: e.id,
    regionCode: e.regionCode,
    origin: b.origin,
    planEntryId: b.planEntryId ?? null,
    drawId: b.drawId ?? null,
    unplannedRequestId: unplannedId ?? b.unplannedRequestId ?? null,
    emergencyReason: emergency ? b.emergencyReason!.trim() : null,
    legalBasis,
    plannedDate: date,
    place: b.place?.trim() || e.address,
    officerIds: officerRows.map((o) => o.id),
    itemCodes,
    catalogVersion: catalogue.version,
    status: emergency ? 'in_progress' : 'filed',
    filedAt: emergency ? null : now,
    filedBy: emergency ? null : p.userId,
    enteredAt: emergency ? now : null,
    entryDate: emergency ? today : null,
    backfillDue: emergency ? backfillDue(today) : null,
    backfilledAt: null,
    credentialsShownAt: null,
    commitment: null,
    exams: [],
    certificates: [],
    summary: '',
    completedAt: null,
    publicToken: randomBytes(16).toString('base64url'),
    createdBy: p.userId,
    createdAt: now,
    updatedAt: now,
  };
  const audit: AuditInput[] = [
    ...(unplanned ? [unplannedAudit(unplannedId!, unplanned)] : []),
    {
      action: emergency ? 'emergency_entry' : 'file',
      entityType: 'inspection',
      entityId: id,
      regionCode: e.regionCode,
      reason: emergency ? b.emergencyReason! : null,
      after: { enterpriseId: e.id, origin: b.origin, plannedDate: date, officerIds: row.officerIds, itemCount: itemCodes.length, legalBasis, backfillDue: row.backfillDue },
    },
  ];
  const { db } = ctx.database;
  // getSQL: the statements themselves (a query builder put in sql`` is parenthesised, which a CTE does not take)
  await ctx.database.rows(
    sql`with ${unplanned ? sql`registered as (${db.insert(unplannedRequests).values(unplannedValues(p, unplanned, unplannedId!)).getSQL()}),` : sql``}
             audited as (${auditInsertSql(ctx.database, actorOf(p), audit, pre!.audit_ids.map(Number))})
        ${db.insert(inspections).values(row).getSQL()}`,
  );
  auditCommitted(ctx.database);
  return unplanned ? { ...row, warnings: unplanned.warnings } : row;
}

/** R15: the filing of an emergency inspection, after the fact; late backfills are recorded as such. */
export async function backfillFiling(ctx: AppContext, p: Principal, id: number, b: { legalBasis: string; officerIds?: number[]; itemCodes?: string[] }): Promise<InspectionRow> {
  const row = await loadInspection(ctx, p, id);
  assertInspectingAgency(p, row);
  if (row.origin !== 'emergency' || row.filedAt) throw new AppError('CONFLICT', '只有尚未报备的紧急检查需要补录报备');
  const e = (await loadEnterprise(ctx, row.enterpriseId))!;
  const officerRows = await loadOfficers(ctx, p, b.officerIds ?? row.officerIds);
  const catalogue = await catalogueVersion(ctx, row.catalogVersion);
  const itemCodes = itemsOf(catalogue.items, e.industry, b.itemCodes ?? row.itemCodes);
  const problems = filingProblems({ legalBasis: b.legalBasis, officers: officerRows, itemCodes, date: row.entryDate! });
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  const today = shanghaiDate();
  const late = backfillOverdue(row.entryDate!, today, today);
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockInspection(tx, id);
    if (cur.filedAt) throw new AppError('CONFLICT', '该紧急检查已补录报备');
    const now = new Date();
    const [updated] = await tx
      .update(inspections)
      .set({ legalBasis: b.legalBasis.trim(), officerIds: officerRows.map((o) => o.id), itemCodes, filedAt: now, filedBy: p.userId, backfilledAt: now, updatedAt: now })
      .where(eq(inspections.id, id))
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: 'backfill',
        entityType: 'inspection',
        entityId: id,
        regionCode: row.regionCode,
        reason: late ? `逾期补录：应于${row.backfillDue}前补录` : null,
        after: { legalBasis: b.legalBasis.trim(), officerIds: updated!.officerIds, itemCount: itemCodes.length, late },
      },
    ]);
    return updated!;
  });
}

// ---------- the rules of the visit, one implementation each, on a locked inspection ----------
// The per-step routes and the phone's sync (syncService.ts) run the same functions below inside their transaction:
// each rule checks, changes `s.cur` in memory, collects the row's changes and its audit entries; `finishSession`
// writes the row once and the entries in one batch. A rule whose part is already done returns false (the phone resent
// it), so applying the same part twice changes nothing.

/** A command in progress on one inspection, locked for the transaction. */
export interface Session {
  ctx: AppContext;
  p: Principal;
  tx: Db;
  /** the row as locked, with this command's changes applied */
  cur: InspectionRow;
  set: Partial<typeof inspections.$inferInsert>;
  audit: AuditInput[];
  /** the inspection's officers, loaded once when a rule needs them */
  officers?: FilingOfficer[];
}

/** Locks the inspection for the command; 404 outside the caller's view, 403 for another agency. */
export async function openSession(ctx: AppContext, p: Principal, tx: Db, id: number): Promise<Session> {
  const cur = await lockInspection(tx, id);
  if (!cur || !canSeeEnterpriseRow(p, cur)) throw notFound('检查记录');
  assertInspectingAgency(p, cur);
  return { ctx, p, tx, cur, set: {}, audit: [] };
}

/** Writes the row's changes and the audit entries collected so far. */
export async function flushSession(s: Session): Promise<void> {
  if (Object.keys(s.set).length) {
    await s.tx
      .update(inspections)
      .set({ ...s.set, updatedAt: new Date() })
      .where(eq(inspections.id, s.cur.id));
    s.set = {};
  }
  if (s.audit.length) {
    await appendAudit(s.ctx.database, s.tx, actorOf(s.p), s.audit);
    s.audit = [];
  }
}

/** One command on one inspection in its own transaction. */
export async function inSession<T>(ctx: AppContext, p: Principal, id: number, run: (s: Session) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction(async (tx) => {
    const s = await openSession(ctx, p, tx, id);
    const out = await run(s);
    await flushSession(s);
    return out;
  });
}

function change(s: Session, action: string, set: Partial<typeof inspections.$inferInsert>, reason: string | null = null): void {
  Object.assign(s.cur, set);
  Object.assign(s.set, set);
  s.audit.push({ action, entityType: 'inspection', entityId: s.cur.id, regionCode: s.cur.regionCode, reason, after: JSON.parse(JSON.stringify(set)) });
}

async function sessionOfficers(s: Session): Promise<FilingOfficer[]> {
  return (s.officers ??= await loadOfficers(s.ctx, s.p, s.cur.officerIds, s.tx));
}

/** 进场 (R16): the filed inspection starts; every officer's credential must be valid on the day of entry (Beijing). */
export async function applyEntry(s: Session, at: Date): Promise<boolean> {
  if (s.cur.status !== 'filed') return false;
  const day = shanghaiDate(at);
  const expired = (await sessionOfficers(s)).filter((o) => !credentialValidOn(o, day));
  if (expired.length) {
    const when = day === shanghaiDate() ? '' : `（进场日期${day}）`;
    throw new AppError('VALIDATION', `执法证不在有效期内，不得进场检查${when}：${expired.map((o) => `${o.name}（${o.credentialNo}）`).join('、')}`);
  }
  change(s, 'enter', { status: 'in_progress', enteredAt: at, entryDate: day });
  return true;
}

/** 亮证亮单 (R16). */
export function applyCredentialsShown(s: Session, at: Date): boolean {
  requireStatus(s.cur, ['in_progress'], '亮证亮单');
  if (s.cur.credentialsShownAt) return false;
  change(s, 'show_credentials', { credentialsShownAt: at });
  return true;
}

/** 廉政承诺书 (R16): signed by every officer of the inspection. */
export async function applyCommitment(s: Session, signerNames: readonly string[], at: Date): Promise<boolean> {
  const names = (await sessionOfficers(s)).map((o) => o.name);
  const missing = names.filter((n) => !signerNames.includes(n));
  if (missing.length) throw new AppError('VALIDATION', `廉政承诺书须由每名执法人员签署，尚未签署：${missing.join('、')}`);
  requireStatus(s.cur, ['in_progress'], '签署廉政承诺书');
  if (s.cur.commitment) return false;
  change(s, 'sign_commitment', { commitment: { text: COMMITMENT_TEXT, signers: names, signedAt: at.toISOString() } });
  return true;
}

export interface AnswerInput {
  itemCode: string;
  result: AnswerResult;
  note?: string;
  /** when the officer answered on the device; resent older answers never overwrite newer ones */
  answeredAt?: string;
}

/** The item codes not filed for this inspection, refused before anything is written. */
export function assertItemsFiled(row: InspectionRow, codes: readonly (string | null | undefined)[]): void {
  const known = new Set(row.itemCodes);
  const unknown = [...new Set(codes.filter((c): c is string => c != null && !known.has(c)))];
  if (unknown.length) throw new AppError('VALIDATION', `不是本次报备的检查事项：${unknown.join('、')}`);
}

/**
 * R17: item answers, upserted in one statement; an answer replaces the stored one only when it is newer (or as old and
 * different), so a late offline sync is harmless and a resent one changes nothing. Returns how many were written.
 */
export async function applyAnswers(s: Session, answers: readonly AnswerInput[]): Promise<number> {
  if (answers.length === 0) return 0;
  requireStatus(s.cur, ['in_progress'], '填写检查结果');
  assertItemsFiled(s.cur, answers.map((a) => a.itemCode));
  const nowIso = new Date().toISOString();
  // the newest of each item (one statement cannot update a row twice)
  const latest = new Map<string, { itemCode: string; result: string; note: string; at: string }>();
  for (const a of answers) {
    const at = a.answeredAt ? new Date(a.answeredAt).toISOString() : nowIso;
    const prev = latest.get(a.itemCode);
    if (!prev || prev.at <= at) latest.set(a.itemCode, { itemCode: a.itemCode, result: a.result, note: a.note?.trim() ?? '', at });
  }
  const rows = [...latest.values()];
  const saved = await s.ctx.database.rows<{ item_code: string; result: string; note: string }>(
    sql`insert into inspection_answers (inspection_id, item_code, result, note, answered_by, answered_at)
        select ${s.cur.id}, u.code, u.result, u.note, ${s.p.userId}, u.at
          from unnest(${arrayParam(rows.map((r) => r.itemCode), 'text')}, ${arrayParam(rows.map((r) => r.result), 'text')},
                      ${arrayParam(rows.map((r) => r.note), 'text')}, ${arrayParam(rows.map((r) => r.at), 'timestamptz')}) as u(code, result, note, at)
        on conflict (inspection_id, item_code) do update
           set result = excluded.result, note = excluded.note, answered_by = excluded.answered_by, answered_at = excluded.answered_at
         where inspection_answers.answered_at < excluded.answered_at
            or (inspection_answers.answered_at = excluded.answered_at and (inspection_answers.result, inspection_answers.note) is distinct from (excluded.result, excluded.note))
        returning item_code, result, note`,
    s.tx,
  );
  if (saved.length) {
    s.audit.push({ action: 'answer', entityType: 'inspection', entityId: s.cur.id, regionCode: s.cur.regionCode, after: { answers: saved.map((a) => ({ itemCode: a.item_code, result: a.result, note: a.note })) } });
  }
  return saved.length;
}

export interface ExamInput {
  clientId: string;
  personName: string;
  position: string;
  questions: string;
  score: number;
}
export interface CertificateInput {
  clientId: string;
  holderName: string;
  certificateType: string;
  certificateNo: string;
  validTo: string;
}

/** 逢查必考 / 逢查必检 (R17): appended to the record once per clientId; a certificate is judged on the day checked. */
export function applyRecord(s: Session, kind: 'exams' | 'certificates', input: ExamInput | CertificateInput, at: Date): boolean {
  requireStatus(s.cur, ['in_progress'], kind === 'exams' ? '记录考核' : '记录证书查验');
  const list = s.cur[kind] as { clientId: string }[];
  if (list.some((x) => x.clientId === input.clientId)) return false;
  const entry =
    kind === 'exams'
      ? { ...(input as ExamInput), passed: (input as ExamInput).score >= 60, at: at.toISOString() }
      : { ...(input as CertificateInput), valid: (input as CertificateInput).validTo >= shanghaiDate(at), at: at.toISOString() };
  Object.assign(s.cur, { [kind]: [...list, entry] });
  Object.assign(s.set, { [kind]: s.cur[kind] });
  s.audit.push({ action: kind === 'exams' ? 'exam' : 'certificate_check', entityType: 'inspection', entityId: s.cur.id, regionCode: s.cur.regionCode, after: entry });
  return true;
}

export interface FindingInput {
  clientId: string;
  itemCode?: string | null;
  description: string;
  disposition: FindingDisposition;
  major?: boolean;
  requirement?: string;
  deadline?: string | null;
  responsiblePerson?: string | null;
  trackerName?: string | null;
  /** when found on the phone (default now): the day the deadline is checked against */
  at?: Date;
}

export interface AppliedFinding {
  clientId: string;
  findingId: number;
  hazardId: number | null;
  penaltyCaseId: number | null;
  deadline: string | null;
}

/**
 * R18: non-conformities and what is done about them, set-based. A hazard goes to the ledger with its deadline (R22); a
 * suspected violation — and every major hazard, which must be punished — opens a penalty case draft; fixed on the spot
 * needs its photo uploaded. Findings already recorded (same clientId) are skipped; a clientId of another inspection is
 * a conflict. Returns the ones written. Two statements whatever the count: what exists (findings of these clientIds,
 * their photos, new ids), then every row in one statement of data-modifying CTEs.
 */
export async function applyFindings(s: Session, input: readonly FindingInput[]): Promise<AppliedFinding[]> {
  if (input.length === 0) return [];
  requireStatus(s.cur, ['in_progress'], '记录问题');
  const cur = s.cur;
  const db = s.ctx.database;
  const ids = input.map((f) => f.clientId);
  const majorOf = (f: FindingInput) => f.major ?? false;
  const nHazards = input.filter((f) => f.disposition === 'hazard' || majorOf(f)).length;
  const nCases = input.filter((f) => f.disposition === 'violation' || majorOf(f)).length;
  const [known] = await db.rows<{ recorded: { client_id: string; inspection_id: number }[] | null; photos: { client_id: string; n: number }[] | null; finding_ids: number[]; hazard_ids: number[]; case_ids: number[] }>(
    sql`select (select json_agg(json_build_object('client_id', f.client_id, 'inspection_id', f.inspection_id)) from findings f where f.client_id = any(${arrayParam(ids, 'text')})) as recorded,
               (select json_agg(json_build_object('client_id', e.finding_client_id, 'n', e.n)) from (select finding_client_id, count(*)::int as n from evidence
                  where inspection_id = ${cur.id} and finding_client_id = any(${arrayParam(ids, 'text')}) group by finding_client_id) e) as photos,
               array(select nextval('findings_id_seq') from generate_series(1, ${input.length})) as finding_ids,
               array(select nextval('hazards_id_seq') from generate_series(1, ${nHazards})) as hazard_ids,
               array(select nextval('penalty_cases_id_seq') from generate_series(1, ${nCases})) as case_ids`,
    s.tx,
  );
  const recorded = known!.recorded ?? [];
  const elsewhere = recorded.filter((r) => Number(r.inspection_id) !== cur.id);
  if (elsewhere.length) throw new AppError('CONFLICT', `问题记录编号已被其他检查使用，未同步：${elsewhere.map((r) => r.client_id).join('、')}`);
  const seen = new Set(recorded.map((r) => r.client_id));
  const fresh: FindingInput[] = [];
  for (const f of input) {
    if (seen.has(f.clientId)) continue;
    seen.add(f.clientId);
    fresh.push(f);
  }
  if (fresh.length === 0) return [];
  assertItemsFiled(cur, fresh.map((f) => f.itemCode));
  const catalogue = await catalogueVersion(s.ctx, cur.catalogVersion, s.tx);
  const itemBy = new Map(catalogue.items.map((i) => [i.code, i]));
  const photoCount = new Map((known!.photos ?? []).map((r) => [r.client_id, Number(r.n)]));
  // ids taken up front (unused ones are gaps, as after any rolled-back insert) so that the rows refer to each other
  const findingIds = known!.finding_ids.map(Number);
  const hazardIds = known!.hazard_ids.map(Number);
  const caseIds = known!.case_ids.map(Number);
  const rows = fresh.map((f, i) => {
    const major = majorOf(f);
    const item = f.itemCode ? itemBy.get(f.itemCode) : undefined;
    const at = f.at ?? new Date();
    const problems = dispositionProblems({ ...f, major, evidenceCount: photoCount.get(f.clientId) ?? 0, today: shanghaiDate(at) });
    if (problems.length) throw new AppError('VALIDATION', fresh.length > 1 ? `问题“${f.description.trim().slice(0, 20)}”：${problems.join('；')}` : problems.join('；'));
    const criterion = major && item?.majorHazardStandard ? `${item.majorHazardStandard}：${item.criterion ?? item.title}` : null;
    const hazardId = f.disposition === 'hazard' || major ? hazardIds.shift()! : null;
    const penaltyCaseId = f.disposition === 'violation' || major ? caseIds.shift()! : null;
    return { f, major, criterion, at: at.toISOString(), description: f.description.trim(), findingId: findingIds[i]!, hazardId, penaltyCaseId };
  });
  const hz = rows.filter((r) => r.hazardId != null);
  const pc = rows.filter((r) => r.penaltyCaseId != null);
  const items = rows.filter((r) => r.f.itemCode);
  const photoHazards = hz.filter((r) => photoCount.has(r.f.clientId));
  const col = <T, R>(list: R[], f: (r: R) => T) => list.map(f);
  await db.rows(
    sql`with new_findings as (
          insert into findings (id, client_id, inspection_id, region_code, item_code, description, disposition, major, criterion, hazard_id, penalty_case_id, created_by, created_at)
          select u.id, u.client_id, ${cur.id}, ${cur.regionCode}, u.item_code, u.description, u.disposition, u.major, u.criterion, u.hazard_id, u.case_id, ${s.p.userId}, u.at
            from unnest(${arrayParam(col(rows, (r) => r.findingId), 'bigint')}, ${arrayParam(col(rows, (r) => r.f.clientId), 'text')}, ${arrayParam(col(rows, (r) => r.f.itemCode ?? null), 'text')},
                        ${arrayParam(col(rows, (r) => r.description), 'text')}, ${arrayParam(col(rows, (r) => r.f.disposition), 'text')}, ${arrayParam(col(rows, (r) => r.major), 'boolean')},
                        ${arrayParam(col(rows, (r) => r.criterion), 'text')}, ${arrayParam(col(rows, (r) => r.hazardId), 'bigint')}, ${arrayParam(col(rows, (r) => r.penaltyCaseId), 'int')},
                        ${arrayParam(col(rows, (r) => r.at), 'timestamptz')})
                 as u(id, client_id, item_code, description, disposition, major, criterion, hazard_id, case_id, at)
          returning 1),
        new_cases as (
          insert into penalty_cases (id, agency_id, enterprise_id, region_code, status, source_inspection_id, source_finding_id, facts, created_by)
          select u.id, ${cur.agencyId}, ${cur.enterpriseId}, ${cur.regionCode}, 'draft', ${cur.id}, u.finding_id, u.facts, ${s.p.userId}
            from unnest(${arrayParam(col(pc, (r) => r.penaltyCaseId), 'int')}, ${arrayParam(col(pc, (r) => r.findingId), 'bigint')}, ${arrayParam(col(pc, (r) => r.description), 'text')}) as u(id, finding_id, facts)
          returning 1),
        new_hazards as (
          insert into hazards (id, finding_id, inspection_id, enterprise_id, agency_id, region_code, description, requirement, major, criterion, responsible_person, tracker_name, deadline, status, penalty_case_id)
          select u.id, u.finding_id, ${cur.id}, ${cur.enterpriseId}, ${cur.agencyId}, ${cur.regionCode}, u.description, u.requirement, u.major, u.criterion, u.responsible, u.tracker, u.deadline, 'open', u.case_id
            from unnest(${arrayParam(col(hz, (r) => r.hazardId), 'bigint')}, ${arrayParam(col(hz, (r) => r.findingId), 'bigint')}, ${arrayParam(col(hz, (r) => r.description), 'text')},
                        ${arrayParam(col(hz, (r) => r.f.requirement?.trim() ?? ''), 'text')}, ${arrayParam(col(hz, (r) => r.major), 'boolean')}, ${arrayParam(col(hz, (r) => r.criterion), 'text')},
                        ${arrayParam(col(hz, (r) => r.f.responsiblePerson!.trim()), 'text')}, ${arrayParam(col(hz, (r) => r.f.trackerName?.trim() || null), 'text')},
                        ${arrayParam(col(hz, (r) => r.f.deadline!), 'date')}, ${arrayParam(col(hz, (r) => r.penaltyCaseId), 'int')})
                 as u(id, finding_id, description, requirement, major, criterion, responsible, tracker, deadline, case_id)
          returning 1),
        -- the findings' items are non-conforming by definition
        nonconforming as (
          insert into inspection_answers (inspection_id, item_code, result, note, answered_by, answered_at)
          select distinct on (u.code) ${cur.id}, u.code, 'nonconform', '', ${s.p.userId}, u.at
            from unnest(${arrayParam(col(items, (r) => r.f.itemCode!), 'text')}, ${arrayParam(col(items, (r) => r.at), 'timestamptz')}) as u(code, at)
          on conflict (inspection_id, item_code) do update set result = 'nonconform' where inspection_answers.result <> 'nonconform'
          returning 1),
        -- photos taken for a finding before it was saved now belong to its hazard too
        photo_hazards as (
          update evidence e set hazard_id = u.hazard_id
            from unnest(${arrayParam(col(photoHazards, (r) => r.f.clientId), 'text')}, ${arrayParam(col(photoHazards, (r) => r.hazardId), 'bigint')}) as u(client_id, hazard_id)
           where e.inspection_id = ${cur.id} and e.finding_client_id = u.client_id
          returning 1)
        select (select count(*) from new_findings) as findings, (select count(*) from new_cases) as cases, (select count(*) from new_hazards) as hazards,
               (select count(*) from nonconforming) as answers, (select count(*) from photo_hazards) as photos`,
    s.tx,
  );
  for (const r of rows) {
    s.audit.push({ action: 'finding', entityType: 'inspection', entityId: cur.id, regionCode: cur.regionCode, after: { findingId: r.findingId, itemCode: r.f.itemCode ?? null, disposition: r.f.disposition, major: r.major, hazardId: r.hazardId, penaltyCaseId: r.penaltyCaseId } });
    if (r.hazardId) {
      s.audit.push({ action: 'create', entityType: 'hazard', entityId: r.hazardId, regionCode: cur.regionCode, after: { description: r.description, major: r.major, deadline: r.f.deadline, responsiblePerson: r.f.responsiblePerson, trackerName: r.f.trackerName ?? null } });
    }
    if (r.penaltyCaseId) {
      s.audit.push({ action: 'create', entityType: 'penalty_case', entityId: r.penaltyCaseId, regionCode: cur.regionCode, reason: r.major ? '重大事故隐患须依法立案处罚' : '检查发现涉嫌违法行为', after: { status: 'draft', sourceFindingId: r.findingId } });
    }
  }
  return rows.map((r) => ({ clientId: r.f.clientId, findingId: r.findingId, hazardId: r.hazardId, penaltyCaseId: r.penaltyCaseId, deadline: r.hazardId != null ? r.f.deadline! : null }));
}

/** What still blocks completing the inspection, from the stored record (R16–R18). */
export async function inspectionProblems(ctx: AppContext, row: InspectionRow, executor?: Db): Promise<string[]> {
  const [r] = await ctx.database.rows<{ answers: { item_code: string; result: string }[] | null; finding_items: string[] | null }>(
    sql`select (select json_agg(json_build_object('item_code', a.item_code, 'result', a.result)) from inspection_answers a where a.inspection_id = ${row.id}) as answers,
               (select json_agg(distinct f.item_code) from findings f where f.inspection_id = ${row.id} and f.item_code is not null) as finding_items`,
    executor,
  );
  return problemsOf(row, r?.answers ?? null, r?.finding_items ?? []);
}

function problemsOf(row: InspectionRow, answers: { item_code: string; result: string }[] | null, findingItems: readonly (string | null)[]): string[] {
  return completionProblems({
    filed: row.filedAt != null,
    credentialsShown: row.credentialsShownAt != null,
    commitmentSigned: row.commitment != null,
    itemCodes: row.itemCodes,
    answers: new Map((answers ?? []).map((a) => [a.item_code, a.result as AnswerResult])),
    findingItemCodes: new Set(findingItems.filter((c): c is string => c != null)),
    examCount: (row.exams as unknown[]).length,
    certificateCount: (row.certificates as unknown[]).length,
  });
}

/** What completing checks and the documents state (documents.ts), read in one statement. */
export interface CompletionData {
  enterprise: { name: string; credit_code: string; address: string; legal_representative: string };
  agency_name: string | null;
  officers: { id: number; name: string; credential_no: string }[] | null;
  answers: { item_code: string; result: string; note: string }[] | null;
  findings: { item_code: string | null; description: string; disposition: string; major: boolean }[] | null;
  hazards: { description: string; requirement: string; deadline: string; major: boolean; criterion: string | null }[] | null;
}

export async function readCompletion(ctx: AppContext, row: InspectionRow, tx: Db): Promise<CompletionData> {
  const [data] = await ctx.database.rows<CompletionData>(
    sql`select (select json_build_object('name', e.name, 'credit_code', e.credit_code, 'address', e.address, 'legal_representative', e.legal_representative) from enterprises e where e.id = ${row.enterpriseId}) as enterprise,
               (select a.name from agencies a where a.id = ${row.agencyId}) as agency_name,
               (select json_agg(json_build_object('id', o.id, 'name', o.name, 'credential_no', o.credential_no)) from officers o where o.id = any(${arrayParam(row.officerIds, 'int')})) as officers,
               (select json_agg(json_build_object('item_code', a.item_code, 'result', a.result, 'note', a.note)) from inspection_answers a where a.inspection_id = ${row.id}) as answers,
               (select json_agg(json_build_object('item_code', f.item_code, 'description', f.description, 'disposition', f.disposition, 'major', f.major) order by f.id) from findings f where f.inspection_id = ${row.id}) as findings,
               (select json_agg(json_build_object('description', h.description, 'requirement', h.requirement, 'deadline', to_char(h.deadline, 'YYYY-MM-DD'), 'major', h.major, 'criterion', h.criterion) order by h.id)
                  from hazards h where h.inspection_id = ${row.id}) as hazards`,
    tx,
  );
  return data!;
}

/** Issues the documents of the completed inspection in `tx`, their audit entries into `audit`, from `data` (readCompletion). */
export type IssueDocuments = (tx: Db, row: InspectionRow, audit: AuditInput[], data: CompletionData) => Promise<unknown>;

/**
 * Completing the inspection: every rule of the visit satisfied, then the record (and, with hazards, the rectification
 * order) issued as numbered documents, dated at `at`. Already completed with the same conclusion: false. The row's
 * changes and the audit entries are still the session's: written once, by `flushSession`.
 */
export async function applyCompletion(s: Session, summary: string, at: Date, issueDocuments: IssueDocuments): Promise<boolean> {
  if (s.cur.status === 'completed') {
    if (s.cur.summary === summary.trim()) return false;
    throw new AppError('CONFLICT', '检查已结束，检查结论与已出具的现场检查记录不一致，不能再更改');
  }
  requireStatus(s.cur, ['in_progress'], '结束检查');
  // the answers and findings are in the tables already (read once for the check and the documents); the row's own
  // state is the session's
  const data = await readCompletion(s.ctx, s.cur, s.tx);
  const problems = problemsOf(s.cur, data.answers, (data.findings ?? []).map((f) => f.item_code));
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'), { problems });
  change(s, 'complete', { status: 'completed', summary: summary.trim(), completedAt: at });
  const entry = s.audit.pop()!; // the completion's entry follows the documents', as it always has
  await issueDocuments(s.tx, s.cur, s.audit, data);
  s.audit.push({ ...entry, after: { summary: summary.trim() } });
  return true;
}

// ---------- the per-step commands (one request each) ----------

export async function enterSite(ctx: AppContext, p: Principal, id: number): Promise<void> {
  await inSession(ctx, p, id, async (s) => {
    requireStatus(s.cur, ['filed', 'in_progress'], '进场检查');
    await applyEntry(s, new Date());
  });
}

export async function showCredentials(ctx: AppContext, p: Principal, id: number): Promise<void> {
  await inSession(ctx, p, id, async (s) => applyCredentialsShown(s, new Date()));
}

export async function signCommitment(ctx: AppContext, p: Principal, id: number, signerNames: string[]): Promise<void> {
  await inSession(ctx, p, id, (s) => applyCommitment(s, signerNames, new Date()));
}

export async function cancelInspection(ctx: AppContext, p: Principal, id: number, reason: string): Promise<void> {
  await inSession(ctx, p, id, async (s) => {
    requireStatus(s.cur, ['filed'], '取消');
    change(s, 'cancel', { status: 'cancelled' }, reason);
  });
}

function assertNotLater(at: string | undefined, what: string): void {
  if (at && Date.parse(at) > Date.now() + 5 * 60_000) throw new AppError('VALIDATION', `${what}时间不能晚于当前时间`);
}

/** R17: item answers; only newer answers replace older ones, so a late offline sync is harmless. */
export async function saveAnswers(ctx: AppContext, p: Principal, id: number, answers: AnswerInput[]): Promise<{ saved: number }> {
  for (const a of answers) assertNotLater(a.answeredAt, '填写');
  return inSession(ctx, p, id, async (s) => ({ saved: await applyAnswers(s, answers) }));
}

/** 逢查必考 / 逢查必检 (R17): appended to the record once per clientId. */
export async function addRecord(ctx: AppContext, p: Principal, id: number, kind: 'exams' | 'certificates', input: ExamInput | CertificateInput): Promise<void> {
  await inSession(ctx, p, id, async (s) => applyRecord(s, kind, input, new Date()));
}

/** R18: one finding; resending the same clientId answers the one recorded. */
export async function addFinding(ctx: AppContext, p: Principal, id: number, f: FindingInput) {
  await inSession(ctx, p, id, async (s) => {
    const [existing] = await s.tx.select({ inspectionId: findings.inspectionId }).from(findings).where(eq(findings.clientId, f.clientId));
    if (existing) {
      if (existing.inspectionId !== id) throw new AppError('CONFLICT', '该记录编号已被使用');
      return;
    }
    await applyFindings(s, [f]);
  });
  const [saved] = await ctx.database.db.select().from(findings).where(eq(findings.clientId, f.clientId));
  return saved!;
}

/** Completing the inspection from the per-step route: the documents dated now. */
export async function completeInspection(ctx: AppContext, p: Principal, id: number, summary: string, issueDocuments: IssueDocuments): Promise<void> {
  await inSession(ctx, p, id, async (s) => {
    if (s.cur.status === 'completed') return;
    await applyCompletion(s, summary, new Date(), issueDocuments);
  });
}
