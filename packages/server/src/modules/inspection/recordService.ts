// Reading inspections: the full record, the ledger (R19) with its .xlsx export, the officer's "today", the public
// verification behind the QR code (亮证亮单, R16) and the enterprise's evaluation (R19).
import { sendXlsx } from '../../lib/xlsxExport.js';
import type { FastifyReply } from 'fastify';
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  addWorkingDays,
  answerResultLabels,
  backfillOverdue,
  credentialValidOn,
  feedbackConcerns,
  findingDispositionLabels,
  inspectionOriginLabels,
  inspectionStatusLabels,
  labelOf,
  type FeedbackAnswers,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { officers } from '../../db/schema.js';
import { evidence, findings, hazards, inspectionAnswers, inspectionFeedback, inspections } from '../../db/inspectionSchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { enterpriseOwnedCondition, regionScopeCondition, type Principal } from '../auth/principal.js';
import { catalogueVersion } from './catalog.js';
import { COMMITMENT_TEXT, inspectionProblems, loadEnterprise, loadInspection, type InspectionRow } from './inspectionService.js';

async function officerCards(ctx: AppContext, ids: readonly number[], day: string) {
  if (ids.length === 0) return [];
  const rows = await ctx.database.db.select().from(officers).where(inArray(officers.id, [...ids]));
  const byId = new Map(rows.map((o) => [o.id, o]));
  return ids
    .map((id) => byId.get(id))
    .filter((o) => o != null)
    .map((o) => ({
      id: o.id,
      name: o.name,
      credentialNo: o.credentialNo,
      credentialValidFrom: o.credentialValidFrom,
      credentialValidTo: o.credentialValidTo,
      credentialValid: credentialValidOn(o, day),
      department: o.department,
    }));
}

async function agencyName(ctx: AppContext, id: number): Promise<string> {
  const [a] = await ctx.database.rows<{ name: string }>(sql`select name from agencies where id = ${id}`);
  return a?.name ?? '';
}

function summaryOf(row: InspectionRow, today: string) {
  return {
    id: row.id,
    status: row.status,
    statusLabel: labelOf(inspectionStatusLabels, row.status),
    origin: row.origin,
    originLabel: labelOf(inspectionOriginLabels, row.origin),
    plannedDate: row.plannedDate,
    filed: row.filedAt != null,
    filedAt: row.filedAt?.toISOString() ?? null,
    entryDate: row.entryDate,
    backfillDue: row.backfillDue,
    backfillOverdue: row.backfillDue != null && row.entryDate != null ? backfillOverdue(row.entryDate, row.backfilledAt ? shanghaiDate(row.backfilledAt) : null, today) : false,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/** The whole record of one inspection, as the officer's phone and the detail page show it. */
export async function inspectionDetail(ctx: AppContext, p: Principal, id: number) {
  const row = await loadInspection(ctx, p, id);
  const today = shanghaiDate();
  const [enterprise, agency, officerList, catalogue, answers, findingRows, hazardRows, evidenceRows, feedback] = await Promise.all([
    loadEnterprise(ctx, row.enterpriseId),
    agencyName(ctx, row.agencyId),
    officerCards(ctx, row.officerIds, row.entryDate ?? row.plannedDate),
    catalogueVersion(ctx, row.catalogVersion),
    ctx.database.db.select().from(inspectionAnswers).where(eq(inspectionAnswers.inspectionId, id)),
    ctx.database.db.select().from(findings).where(eq(findings.inspectionId, id)).orderBy(asc(findings.id)),
    ctx.database.db.select().from(hazards).where(eq(hazards.inspectionId, id)).orderBy(asc(hazards.id)),
    ctx.database.db.select().from(evidence).where(eq(evidence.inspectionId, id)).orderBy(asc(evidence.id)),
    ctx.database.db.select().from(inspectionFeedback).where(eq(inspectionFeedback.inspectionId, id)),
  ]);
  const answerBy = new Map(answers.map((a) => [a.itemCode, a]));
  const itemBy = new Map(catalogue.items.map((i) => [i.code, i]));
  return {
    ...summaryOf(row, today),
    agencyId: row.agencyId,
    agencyName: agency,
    enterprise: enterprise!,
    emergencyReason: row.emergencyReason,
    legalBasis: row.legalBasis,
    place: row.place,
    planEntryId: row.planEntryId,
    drawId: row.drawId,
    unplannedRequestId: row.unplannedRequestId,
    officers: officerList,
    catalogVersion: row.catalogVersion,
    items: row.itemCodes.map((code) => {
      const item = itemBy.get(code);
      const a = answerBy.get(code);
      return {
        code,
        title: item?.title ?? code,
        scope: item?.scope ?? 'general',
        majorHazardStandard: item?.majorHazardStandard ?? null,
        criterion: item?.criterion ?? null,
        result: a?.result ?? null,
        resultLabel: a ? labelOf(answerResultLabels, a.result) : null,
        note: a?.note ?? '',
        answeredAt: a?.answeredAt.toISOString() ?? null,
      };
    }),
    credentialsShownAt: row.credentialsShownAt?.toISOString() ?? null,
    commitment: row.commitment as { text: string; signers: string[]; signedAt: string } | null,
    /** what the officers read and sign (R16); the signed text is kept in commitment */
    commitmentText: COMMITMENT_TEXT,
    exams: row.exams as unknown[],
    certificates: row.certificates as unknown[],
    summary: row.summary,
    findings: findingRows.map((f) => ({ ...f, dispositionLabel: labelOf(findingDispositionLabels, f.disposition), createdAt: f.createdAt.toISOString() })),
    hazards: hazardRows.map((h) => ({ id: h.id, description: h.description, major: h.major, deadline: h.deadline, status: h.status, responsiblePerson: h.responsiblePerson, trackerName: h.trackerName, penaltyCaseId: h.penaltyCaseId })),
    evidence: evidenceRows.map(evidenceDto),
    feedback: feedback[0] ? { answers: feedback[0].answers, concerns: feedback[0].concerns, comment: feedback[0].comment, via: feedback[0].via, createdAt: feedback[0].createdAt.toISOString() } : null,
    publicPath: `/v/${row.publicToken}`,
    problems: row.status === 'in_progress' ? await inspectionProblems(ctx, row) : [],
  };
}

export function evidenceDto(e: typeof evidence.$inferSelect) {
  return {
    id: e.id,
    clientId: e.clientId,
    kind: e.kind,
    mime: e.mime,
    size: e.size,
    sm3: e.sm3,
    itemCode: e.itemCode,
    findingClientId: e.findingClientId,
    hazardId: e.hazardId,
    originalName: e.originalName,
    /** upload time */
    createdAt: e.createdAt.toISOString(),
    /** R35: when and where the phone took it (null for uploads that did not say), and whether its SM3 was checked */
    capturedAt: e.capturedAt?.toISOString() ?? null,
    latitude: e.captureLatitude,
    longitude: e.captureLongitude,
    accuracy: e.captureAccuracy,
    sm3Verified: e.sm3Verified,
    url: `/api/evidence/${e.id}/file`,
  };
}

export interface LedgerQuery {
  status?: string;
  origin?: string;
  enterpriseId?: number;
  officerId?: number;
  from?: string;
  to?: string;
  q?: string;
  hasHazards?: boolean;
  backfillOverdue?: boolean;
  regionCode?: string;
  page: number;
  pageSize: number;
}

function ledgerConditions(p: Principal, q: Omit<LedgerQuery, 'page' | 'pageSize'>): SQL {
  const c: SQL[] = [enterpriseOwnedCondition(p, 'i')];
  if (q.status) c.push(sql`i.status = ${q.status}`);
  if (q.origin) c.push(sql`i.origin = ${q.origin}`);
  if (q.enterpriseId) c.push(sql`i.enterprise_id = ${q.enterpriseId}`);
  if (q.officerId) c.push(sql`i.officer_ids @> array[${q.officerId}]::int[]`);
  if (q.from) c.push(sql`i.planned_date >= ${q.from}::date`);
  if (q.to) c.push(sql`i.planned_date <= ${q.to}::date`);
  if (q.regionCode) c.push(regionScopeCondition(q.regionCode, 'i.region_code'));
  if (q.q) c.push(sql`(e.name like ${`%${q.q}%`} or e.credit_code = ${q.q.toUpperCase()})`);
  if (q.hasHazards) c.push(sql`exists (select 1 from hazards h where h.inspection_id = i.id)`);
  if (q.backfillOverdue) c.push(sql`i.backfill_due is not null and (i.backfilled_at is null and i.backfill_due < ${shanghaiDate()}::date or (i.backfilled_at at time zone 'Asia/Shanghai')::date > i.backfill_due)`);
  return sql.join(c, sql` and `);
}

const LEDGER_SELECT = sql`select i.*, e.name as enterprise_name, e.credit_code, e.industry, a.name as agency_name,
  (select string_agg(o.name, '、' order by o.name) from officers o where o.id = any(i.officer_ids)) as officer_names,
  (select count(*)::int from findings f where f.inspection_id = i.id) as finding_count,
  (select count(*)::int from hazards h where h.inspection_id = i.id) as hazard_count,
  (select count(*)::int from hazards h where h.inspection_id = i.id and h.major) as major_hazard_count,
  (select count(*)::int from hazards h where h.inspection_id = i.id and h.status <> 'closed') as open_hazard_count
  from inspections i join enterprises e on e.id = i.enterprise_id join agencies a on a.id = i.agency_id`;

function ledgerRow(r: Record<string, unknown>, today: string) {
  const row = {
    id: Number(r.id),
    status: String(r.status),
    origin: String(r.origin),
    plannedDate: String(r.planned_date).slice(0, 10),
    filedAt: r.filed_at ? new Date(r.filed_at as string) : null,
    entryDate: r.entry_date ? String(r.entry_date).slice(0, 10) : null,
    backfillDue: r.backfill_due ? String(r.backfill_due).slice(0, 10) : null,
    backfilledAt: r.backfilled_at ? new Date(r.backfilled_at as string) : null,
    completedAt: r.completed_at ? new Date(r.completed_at as string) : null,
  } as unknown as InspectionRow;
  return {
    ...summaryOf(row, today),
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: String(r.enterprise_name),
    creditCode: String(r.credit_code),
    industry: String(r.industry),
    agencyName: String(r.agency_name),
    officerNames: String(r.officer_names ?? ''),
    legalBasis: String(r.legal_basis),
    summary: String(r.summary),
    itemCount: (r.item_codes as unknown[]).length,
    findingCount: Number(r.finding_count),
    hazardCount: Number(r.hazard_count),
    majorHazardCount: Number(r.major_hazard_count),
    openHazardCount: Number(r.open_hazard_count),
  };
}

/** R19: the inspection ledger — unit, officers, method, content and result — searchable and paginated. */
export async function inspectionLedger(ctx: AppContext, p: Principal, q: LedgerQuery) {
  const where = ledgerConditions(p, q);
  const today = shanghaiDate();
  const [rows, [count]] = await Promise.all([
    ctx.database.rows(sql`${LEDGER_SELECT} where ${where} order by i.planned_date desc, i.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from inspections i join enterprises e on e.id = i.enterprise_id where ${where}`),
  ]);
  return { items: rows.map((r) => ledgerRow(r, today)), total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

const LEDGER_COLUMNS: [keyof ReturnType<typeof ledgerRow>, string, number][] = [
  ['plannedDate', '检查日期', 12],
  ['enterpriseName', '检查单位', 30],
  ['creditCode', '统一社会信用代码', 22],
  ['agencyName', '执法机构', 24],
  ['officerNames', '执法人员', 18],
  ['originLabel', '检查方式', 12],
  ['legalBasis', '检查依据', 30],
  ['itemCount', '检查事项数', 10],
  ['statusLabel', '状态', 10],
  ['findingCount', '发现问题', 10],
  ['hazardCount', '隐患', 8],
  ['majorHazardCount', '重大隐患', 10],
  ['openHazardCount', '未销号隐患', 10],
  ['summary', '检查结果', 40],
];

export async function exportLedger(ctx: AppContext, p: Principal, q: Omit<LedgerQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
  const where = ledgerConditions(p, q);
  const today = shanghaiDate();
  return sendXlsx(reply, {
    title: '执法检查台账',
    asciiName: 'inspections',
    columns: LEDGER_COLUMNS.map(([key, header, width]) => ({ header, width, value: (r: ReturnType<typeof ledgerRow>) => r[key] as string | number | null })),
    page: async (offset, limit) =>
      (await ctx.database.rows(sql`${LEDGER_SELECT} where ${where} order by i.planned_date desc, i.id desc limit ${limit} offset ${offset}`)).map((r) =>
        ledgerRow(r, today),
      ),
  });
}

/** The officer's day: inspections to do, emergency filings to backfill, hazards coming due (leaders: the agency's). */
export async function today(ctx: AppContext, p: Principal) {
  const day = shanghaiDate();
  if (!p.agencyId) return { date: day, officerId: null, inspections: [], backfills: [], hazardsDue: [] };
  const [me] = await ctx.database.db.select({ id: officers.id }).from(officers).where(eq(officers.userId, p.userId));
  const mine = p.role === 'officer' && me ? sql`and i.officer_ids @> array[${me.id}]::int[]` : sql``;
  const soon = addWorkingDays(day, 3);
  const [todo, backfills, due] = await Promise.all([
    ctx.database.rows(sql`${LEDGER_SELECT} where i.agency_id = ${p.agencyId} and i.status in ('filed', 'in_progress') ${mine} order by i.planned_date, i.id limit 50`),
    ctx.database.rows(sql`${LEDGER_SELECT} where i.agency_id = ${p.agencyId} and i.backfill_due is not null and i.backfilled_at is null ${mine} order by i.backfill_due limit 50`),
    ctx.database.rows(
      sql`select h.id, h.description, h.major, h.deadline, h.status, h.escalation_level, h.inspection_id, e.name as enterprise_name
            from hazards h join enterprises e on e.id = h.enterprise_id
           where h.agency_id = ${p.agencyId} and h.status <> 'closed' and h.deadline <= ${soon}::date
           order by h.deadline, h.id limit 50`,
    ),
  ]);
  return {
    date: day,
    officerId: me?.id ?? null,
    inspections: todo.map((r) => ledgerRow(r, day)),
    backfills: backfills.map((r) => ledgerRow(r, day)),
    hazardsDue: due.map((h) => ({
      id: Number(h.id),
      description: String(h.description),
      major: Boolean(h.major),
      deadline: String(h.deadline).slice(0, 10),
      overdue: String(h.deadline).slice(0, 10) < day,
      status: String(h.status),
      escalationLevel: (h.escalation_level as string | null) ?? null,
      inspectionId: Number(h.inspection_id),
      enterpriseName: String(h.enterprise_name),
    })),
  };
}

async function byToken(ctx: AppContext, token: string): Promise<InspectionRow> {
  const [row] = await ctx.database.db.select().from(inspections).where(eq(inspections.publicToken, token));
  // said to whoever scanned the code, logged in or not: no jurisdiction wording
  if (!row || row.status === 'cancelled') throw new AppError('NOT_FOUND', '查无此次检查：二维码无效，或该检查已取消');
  return row;
}

/**
 * R16 扫码迎检: what the enterprise sees when it scans the officers' code — who they are, whether their credentials
 * are valid today, whether the inspection is filed and with which items — and, clearly, what is wrong.
 */
export async function publicVerification(ctx: AppContext, token: string) {
  const row = await byToken(ctx, token);
  const day = shanghaiDate();
  const [enterprise, agency, officerList, catalogue, feedback] = await Promise.all([
    loadEnterprise(ctx, row.enterpriseId),
    agencyName(ctx, row.agencyId),
    officerCards(ctx, row.officerIds, day),
    catalogueVersion(ctx, row.catalogVersion),
    ctx.database.db.select({ at: inspectionFeedback.createdAt }).from(inspectionFeedback).where(eq(inspectionFeedback.inspectionId, row.id)),
  ]);
  const itemBy = new Map(catalogue.items.map((i) => [i.code, i.title]));
  const warnings: string[] = [];
  if (!row.filedAt) warnings.push('该检查尚未报备：执法检查应在进场前报备，紧急检查须在进场后1个工作日内补录。您有权要求执法人员说明情况，并可向执法监督部门反映。');
  for (const o of officerList) if (!o.credentialValid) warnings.push(`执法人员${o.name}的执法证（${o.credentialNo}）不在有效期内，不得从事执法检查。`);
  if (officerList.length < 2) warnings.push('执法检查应由两名以上执法人员共同进行。');
  return {
    agencyName: agency,
    enterpriseName: enterprise!.name,
    status: row.status,
    statusLabel: labelOf(inspectionStatusLabels, row.status),
    originLabel: labelOf(inspectionOriginLabels, row.origin),
    plannedDate: row.plannedDate,
    filed: row.filedAt != null,
    filedAt: row.filedAt?.toISOString() ?? null,
    /** the filing's date in Beijing time, as the QR page prints it */
    filedOn: row.filedAt ? shanghaiDate(row.filedAt) : null,
    legalBasis: row.legalBasis,
    officers: officerList.map(({ id: _id, ...o }) => o),
    items: row.itemCodes.map((code) => ({ code, title: itemBy.get(code) ?? code })),
    commitmentSigned: row.commitment != null,
    valid: warnings.length === 0,
    warnings,
    feedbackOpen: (row.status === 'in_progress' || row.status === 'completed') && feedback.length === 0,
    feedbackSubmitted: feedback.length > 0,
  };
}

/** R19: the enterprise's evaluation, once per inspection, from its account or the QR page. */
export async function submitFeedback(ctx: AppContext, p: Principal | null, ref: { token?: string; id?: number }, b: { answers: FeedbackAnswers; comment?: string }) {
  let row: InspectionRow;
  if (ref.token) row = await byToken(ctx, ref.token);
  else {
    if (!p || p.role !== 'enterprise') throw new AppError('FORBIDDEN', '只有被检查企业可以评价本次检查');
    row = await loadInspection(ctx, p, ref.id!);
  }
  if (row.status !== 'in_progress' && row.status !== 'completed') throw new AppError('CONFLICT', '检查开始后才能评价');
  const concerns = feedbackConcerns(b.answers);
  return ctx.database.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(inspectionFeedback)
      .values({ inspectionId: row.id, regionCode: row.regionCode, answers: b.answers, concerns, comment: b.comment?.trim() ?? '', via: ref.token ? 'qr' : 'account', submittedBy: p?.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new AppError('CONFLICT', '本次检查已评价，感谢您的反馈');
    await appendAudit(ctx.database, tx, p ? { id: p.userId, name: p.displayName } : { id: null, name: '企业（扫码评价）' }, [
      { action: 'feedback', entityType: 'inspection', entityId: row.id, regionCode: row.regionCode, after: { answers: b.answers, concerns, comment: b.comment?.trim() ?? '' } },
    ]);
    return { concerns };
  });
}
