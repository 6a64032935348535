// Inspections from filing to the signed record (R15–R19). Every command is one transaction with its audit entry;
// commands that the phone may resend after a lost connection carry a clientId and are answered idempotently.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
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
import { officers } from '../../db/schema.js';
import { evidence, findings, hazards, inspectionAnswers, inspections, penaltyCases } from '../../db/inspectionSchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { canSeeEnterpriseRow, inJurisdiction, regionCondition, requireActingAgency, requirePermission, type Principal } from '../auth/principal.js';
import { actorOf } from '../registry/enterpriseService.js';
import { DRAW_ASSIGNMENTS } from '../planning/drawRoutes.js';
import { catalogueVersion, currentCatalogue } from './catalog.js';

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
  if (!e) return undefined;
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
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await (executor ?? ctx.database.db)
    .select()
    .from(officers)
    .where(and(inArray(officers.id, unique), regionCondition(p, 'officers.region_code')));
  if (rows.length !== unique.length) throw new AppError('VALIDATION', '所选执法人员不存在或不在本机构管辖范围内');
  const byId = new Map(rows.map((o) => [o.id, o]));
  return unique.map((id) => {
    const o = byId.get(id)!;
    return { id: o.id, name: o.name, credentialNo: o.credentialNo, credentialValidFrom: o.credentialValidFrom, credentialValidTo: o.credentialValidTo, leftOn: o.leftOn, credentialRevokedOn: o.credentialRevokedOn };
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

/** R15: file an inspection (or start an emergency one, to be backfilled within 1 working day). */
export async function createInspection(ctx: AppContext, p: Principal, b: CreateInspectionInput): Promise<InspectionRow> {
  requirePermission(p, 'inspection.write');
  if (!p.agencyId) throw forbidden('请以执法机构账户办理');
  if (b.clientId) {
    const [existing] = await ctx.database.db.select().from(inspections).where(eq(inspections.clientId, b.clientId));
    if (existing) {
      if (existing.createdBy !== p.userId) throw new AppError('CONFLICT', '该记录编号已被使用');
      return existing;
    }
  }
  const e = await loadEnterprise(ctx, b.enterpriseId);
  if (!e || !inJurisdiction(p, e.regionCode)) throw notFound('企业');
  const drawn = await checkOrigin(ctx, p, e, b);
  let officerIds = b.officerIds ?? [];
  if (drawn) {
    if (officerIds.length === 0) officerIds = drawn;
    else if ([...new Set(officerIds)].sort().join() !== [...new Set(drawn)].sort().join()) {
      throw new AppError('VALIDATION', '双随机抽查须由随机选派的执法人员实施');
    }
  }
  const today = shanghaiDate();
  const emergency = b.origin === 'emergency';
  const date = emergency ? today : (b.plannedDate ?? today);
  if (!emergency && date < today) throw new AppError('VALIDATION', '检查日期不能早于今天：事前报备须在进场前完成');
  const officerRows = await loadOfficers(ctx, p, officerIds);
  const catalogue = await currentCatalogue(ctx);
  const itemCodes = itemsOf(catalogue.items, e.industry, b.itemCodes);
  const legalBasis = (b.legalBasis ?? '').trim();
  const problems = filingProblems({ legalBasis: emergency ? legalBasis || '紧急检查（待补录）' : legalBasis, officers: officerRows, itemCodes, date });
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));

  return ctx.database.db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .insert(inspections)
      .values({
        clientId: b.clientId ?? null,
        agencyId: p.agencyId!,
        enterpriseId: e.id,
        regionCode: e.regionCode,
        origin: b.origin,
        planEntryId: b.planEntryId ?? null,
        drawId: b.drawId ?? null,
        unplannedRequestId: b.unplannedRequestId ?? null,
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
        publicToken: randomBytes(16).toString('base64url'),
        createdBy: p.userId,
      })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: emergency ? 'emergency_entry' : 'file',
        entityType: 'inspection',
        entityId: row!.id,
        regionCode: e.regionCode,
        reason: emergency ? b.emergencyReason! : null,
        after: { enterpriseId: e.id, origin: b.origin, plannedDate: date, officerIds: row!.officerIds, itemCount: itemCodes.length, legalBasis, backfillDue: row!.backfillDue },
      },
    ]);
    return row!;
  });
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

/** One state step of the inspection, audited: entering the site, showing credentials, signing the commitment. */
async function step(
  ctx: AppContext,
  p: Principal,
  id: number,
  action: string,
  allowed: InspectionRow['status'][],
  verb: string,
  change: (row: InspectionRow, now: Date) => Partial<typeof inspections.$inferInsert> | null,
  reason: string | null = null,
): Promise<InspectionRow> {
  const row = await loadInspection(ctx, p, id);
  assertInspectingAgency(p, row);
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockInspection(tx, id);
    requireStatus(cur, allowed, verb);
    const now = new Date();
    const set = change(cur, now);
    if (!set) return cur; // already done: the phone resent it
    const [updated] = await tx
      .update(inspections)
      .set({ ...set, updatedAt: now })
      .where(eq(inspections.id, id))
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action, entityType: 'inspection', entityId: id, regionCode: cur.regionCode, reason, after: JSON.parse(JSON.stringify(set)) }]);
    return updated!;
  });
}

/** 进场: the filed inspection starts; the officers' credentials must still be valid today (R16). */
export async function enterSite(ctx: AppContext, p: Principal, id: number): Promise<InspectionRow> {
  const row = await loadInspection(ctx, p, id);
  const today = shanghaiDate();
  const officerRows = await loadOfficers(ctx, p, row.officerIds);
  const expired = officerRows.filter((o) => !credentialValidOn(o, today));
  if (expired.length) throw new AppError('VALIDATION', `执法证不在有效期内，不得进场检查：${expired.map((o) => `${o.name}（${o.credentialNo}）`).join('、')}`);
  return step(ctx, p, id, 'enter', ['filed', 'in_progress'], '进场检查', (cur, now) => (cur.status === 'in_progress' ? null : { status: 'in_progress', enteredAt: now, entryDate: today }));
}

export async function showCredentials(ctx: AppContext, p: Principal, id: number): Promise<InspectionRow> {
  return step(ctx, p, id, 'show_credentials', ['in_progress'], '亮证亮单', (cur, now) => (cur.credentialsShownAt ? null : { credentialsShownAt: now }));
}

export async function signCommitment(ctx: AppContext, p: Principal, id: number, signerNames: string[]): Promise<InspectionRow> {
  const row = await loadInspection(ctx, p, id);
  const names = (await loadOfficers(ctx, p, row.officerIds)).map((o) => o.name);
  const missing = names.filter((n) => !signerNames.includes(n));
  if (missing.length) throw new AppError('VALIDATION', `廉政承诺书须由每名执法人员签署，尚未签署：${missing.join('、')}`);
  return step(ctx, p, id, 'sign_commitment', ['in_progress'], '签署廉政承诺书', (cur, now) =>
    cur.commitment ? null : { commitment: { text: COMMITMENT_TEXT, signers: names, signedAt: now.toISOString() } },
  );
}

export async function cancelInspection(ctx: AppContext, p: Principal, id: number, reason: string): Promise<InspectionRow> {
  return step(ctx, p, id, 'cancel', ['filed'], '取消', () => ({ status: 'cancelled' }), reason);
}

export interface AnswerInput {
  itemCode: string;
  result: AnswerResult;
  note?: string;
  /** when the officer answered on the device; resent older answers never overwrite newer ones */
  answeredAt?: string;
}

/** R17: item answers, upserted; only newer answers replace older ones, so a late offline sync is harmless. */
export async function saveAnswers(ctx: AppContext, p: Principal, id: number, answers: AnswerInput[]): Promise<{ saved: number }> {
  const row = await loadInspection(ctx, p, id);
  assertInspectingAgency(p, row);
  const known = new Set(row.itemCodes);
  const unknown = answers.filter((a) => !known.has(a.itemCode)).map((a) => a.itemCode);
  if (unknown.length) throw new AppError('VALIDATION', `不是本次报备的检查事项：${[...new Set(unknown)].join('、')}`);
  const now = Date.now();
  for (const a of answers) {
    if (a.answeredAt && Date.parse(a.answeredAt) > now + 5 * 60_000) throw new AppError('VALIDATION', '填写时间不能晚于当前时间');
  }
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockInspection(tx, id);
    requireStatus(cur, ['in_progress'], '填写检查结果');
    let saved = 0;
    for (const a of answers) {
      const at = a.answeredAt ? new Date(a.answeredAt) : new Date();
      const res = await tx
        .insert(inspectionAnswers)
        .values({ inspectionId: id, itemCode: a.itemCode, result: a.result, note: a.note?.trim() ?? '', answeredBy: p.userId, answeredAt: at })
        .onConflictDoUpdate({
          target: [inspectionAnswers.inspectionId, inspectionAnswers.itemCode],
          set: { result: a.result, note: a.note?.trim() ?? '', answeredBy: p.userId, answeredAt: at },
          setWhere: sql`${inspectionAnswers.answeredAt} <= ${at}`,
        })
        .returning({ itemCode: inspectionAnswers.itemCode });
      saved += res.length;
    }
    if (saved) {
      await appendAudit(ctx.database, tx, actorOf(p), [
        { action: 'answer', entityType: 'inspection', entityId: id, regionCode: cur.regionCode, after: { answers: answers.map((a) => ({ itemCode: a.itemCode, result: a.result, note: a.note ?? '' })) } },
      ]);
    }
    return { saved };
  });
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

/** 逢查必考 / 逢查必检 (R17): appended to the record once per clientId. */
export async function addRecord(ctx: AppContext, p: Principal, id: number, kind: 'exams' | 'certificates', input: ExamInput | CertificateInput): Promise<InspectionRow> {
  const row = await loadInspection(ctx, p, id);
  assertInspectingAgency(p, row);
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockInspection(tx, id);
    requireStatus(cur, ['in_progress'], kind === 'exams' ? '记录考核' : '记录证书查验');
    const list = cur[kind] as { clientId: string }[];
    if (list.some((x) => x.clientId === input.clientId)) return cur;
    const today = shanghaiDate();
    const entry =
      kind === 'exams'
        ? { ...(input as ExamInput), passed: (input as ExamInput).score >= 60, at: new Date().toISOString() }
        : { ...(input as CertificateInput), valid: (input as CertificateInput).validTo >= today, at: new Date().toISOString() };
    const [updated] = await tx
      .update(inspections)
      .set({ [kind]: [...list, entry], updatedAt: new Date() })
      .where(eq(inspections.id, id))
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: kind === 'exams' ? 'exam' : 'certificate_check', entityType: 'inspection', entityId: id, regionCode: cur.regionCode, after: entry }]);
    return updated!;
  });
}

export interface FindingInput {
  clientId: string;
  itemCode?: string | null;
  description: string;
  disposition: FindingDisposition;
  major: boolean;
  requirement?: string;
  deadline?: string | null;
  responsiblePerson?: string | null;
  trackerName?: string | null;
}

/**
 * R18: a non-conformity and what is done about it. A hazard goes to the ledger (R22); a suspected violation — and
 * every major hazard, which must be punished — opens a penalty case draft. Resending the same clientId is a no-op.
 */
export async function addFinding(ctx: AppContext, p: Principal, id: number, f: FindingInput) {
  const row = await loadInspection(ctx, p, id);
  assertInspectingAgency(p, row);
  const [existing] = await ctx.database.db.select().from(findings).where(eq(findings.clientId, f.clientId));
  if (existing) {
    if (existing.inspectionId !== id) throw new AppError('CONFLICT', '该记录编号已被使用');
    return existing;
  }
  const catalogue = await catalogueVersion(ctx, row.catalogVersion);
  const item = f.itemCode ? catalogue.items.find((i) => i.code === f.itemCode) : undefined;
  if (f.itemCode && (!item || !row.itemCodes.includes(f.itemCode))) throw new AppError('VALIDATION', `不是本次报备的检查事项：${f.itemCode}`);
  // the finding's photos were uploaded to this inspection: looked up through its index, not a scan of all evidence
  const [{ n: evidenceCount } = { n: 0 }] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from evidence where inspection_id = ${id} and finding_client_id = ${f.clientId}`);
  const today = shanghaiDate();
  const problems = dispositionProblems({ ...f, evidenceCount: Number(evidenceCount), today });
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  const criterion = f.major && item?.majorHazardStandard ? `${item.majorHazardStandard}：${item.criterion ?? item.title}` : null;

  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockInspection(tx, id);
    requireStatus(cur, ['in_progress'], '记录问题');
    const [finding] = await tx
      .insert(findings)
      .values({ clientId: f.clientId, inspectionId: id, regionCode: cur.regionCode, itemCode: f.itemCode ?? null, description: f.description.trim(), disposition: f.disposition, major: f.major, criterion, createdBy: p.userId })
      .returning();
    let hazardId: number | null = null;
    let penaltyCaseId: number | null = null;
    if (f.disposition === 'violation' || f.major) {
      const [c] = await tx
        .insert(penaltyCases)
        .values({ agencyId: cur.agencyId, enterpriseId: cur.enterpriseId, regionCode: cur.regionCode, status: 'draft', sourceInspectionId: id, sourceFindingId: finding!.id, facts: f.description.trim(), createdBy: p.userId })
        .returning({ id: penaltyCases.id });
      penaltyCaseId = c!.id;
    }
    if (f.disposition === 'hazard' || f.major) {
      const [h] = await tx
        .insert(hazards)
        .values({
          findingId: finding!.id,
          inspectionId: id,
          enterpriseId: cur.enterpriseId,
          agencyId: cur.agencyId,
          regionCode: cur.regionCode,
          description: f.description.trim(),
          requirement: f.requirement?.trim() ?? '',
          major: f.major,
          criterion,
          responsiblePerson: f.responsiblePerson!.trim(),
          trackerName: f.trackerName?.trim() || null,
          deadline: f.deadline!,
          status: 'open',
          penaltyCaseId,
        })
        .returning({ id: hazards.id });
      hazardId = h!.id;
    }
    const [saved] = await tx.update(findings).set({ hazardId, penaltyCaseId }).where(eq(findings.id, finding!.id)).returning();
    // the finding's item is non-conforming by definition
    if (f.itemCode) {
      await tx
        .insert(inspectionAnswers)
        .values({ inspectionId: id, itemCode: f.itemCode, result: 'nonconform', note: '', answeredBy: p.userId, answeredAt: new Date() })
        .onConflictDoUpdate({ target: [inspectionAnswers.inspectionId, inspectionAnswers.itemCode], set: { result: 'nonconform' } });
    }
    // photos taken for this finding before it was saved now belong to its hazard too
    if (hazardId) await tx.update(evidence).set({ hazardId }).where(and(eq(evidence.inspectionId, id), eq(evidence.findingClientId, f.clientId)));
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'finding', entityType: 'inspection', entityId: id, regionCode: cur.regionCode, after: { findingId: finding!.id, itemCode: f.itemCode ?? null, disposition: f.disposition, major: f.major, hazardId, penaltyCaseId } },
      ...(hazardId
        ? [{ action: 'create', entityType: 'hazard', entityId: hazardId, regionCode: cur.regionCode, after: { description: f.description.trim(), major: f.major, deadline: f.deadline, responsiblePerson: f.responsiblePerson, trackerName: f.trackerName ?? null } }]
        : []),
      ...(penaltyCaseId ? [{ action: 'create', entityType: 'penalty_case', entityId: penaltyCaseId, regionCode: cur.regionCode, reason: f.major ? '重大事故隐患须依法立案处罚' : '检查发现涉嫌违法行为', after: { status: 'draft', sourceFindingId: finding!.id } }] : []),
    ]);
    return saved!;
  });
}

/** What still blocks completing the inspection, from the stored record (R16–R18). */
export async function inspectionProblems(ctx: AppContext, row: InspectionRow): Promise<string[]> {
  const answers = await ctx.database.db.select().from(inspectionAnswers).where(eq(inspectionAnswers.inspectionId, row.id));
  const fs = await ctx.database.db.select({ itemCode: findings.itemCode }).from(findings).where(eq(findings.inspectionId, row.id));
  return completionProblems({
    filed: row.filedAt != null,
    credentialsShown: row.credentialsShownAt != null,
    commitmentSigned: row.commitment != null,
    itemCodes: row.itemCodes,
    answers: new Map(answers.map((a) => [a.itemCode, a.result as AnswerResult])),
    findingItemCodes: new Set(fs.map((f) => f.itemCode).filter((c): c is string => c != null)),
    examCount: (row.exams as unknown[]).length,
    certificateCount: (row.certificates as unknown[]).length,
  });
}

/**
 * Completing the inspection: every rule of the visit satisfied, then the record (and, with hazards, the
 * rectification order) issued as numbered documents in the same transaction.
 */
export async function completeInspection(
  ctx: AppContext,
  p: Principal,
  id: number,
  summary: string,
  issueDocuments: (tx: Db, row: InspectionRow) => Promise<void>,
): Promise<InspectionRow> {
  const row = await loadInspection(ctx, p, id);
  assertInspectingAgency(p, row);
  if (row.status === 'completed') return row;
  requireStatus(row, ['in_progress'], '结束检查');
  const problems = await inspectionProblems(ctx, row);
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'), { problems });
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockInspection(tx, id);
    if (cur.status === 'completed') return cur;
    requireStatus(cur, ['in_progress'], '结束检查');
    const now = new Date();
    const [updated] = await tx.update(inspections).set({ status: 'completed', summary: summary.trim(), completedAt: now, updatedAt: now }).where(eq(inspections.id, id)).returning();
    await issueDocuments(tx, updated!);
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'complete', entityType: 'inspection', entityId: id, regionCode: cur.regionCode, after: { summary: summary.trim() } }]);
    return updated!;
  });
}
