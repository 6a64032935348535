// R16 / R18 / R23 / R34 / R35: the documents of evidence-taking and on-site measures, and the hazard escalation letters.
// Each is issued from what the system already holds (the party from the register, the officers with their credentials,
// the hazard and its rectification history, the evidence files) plus what the officer records on the spot, in the
// transaction that records the step — so the 卷宗 (the case's, or the inspection's through its hazards) holds it.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  actRemediesText,
  isOpenUndecided,
  credentialValidOn,
  escalationLevelLabels,
  evidencePreservationDue,
  overdueWorkingDays,
  reconsiderationBody,
  seizureDue,
  seizureExtensionProblems,
  penaltyPeriods,
  type DocumentContentMap,
  type DocumentKind,
  type EscalationLevel,
  type HazardEscalationContent,
  type Interviewee,
  type InterviewQa,
  type OfficerRef,
  type OnSiteMeasure,
  type PartyInfo,
  type RectificationOrderContent,
  type SeizedItem,
  type SeizureDecisionContent,
  type SeizureMeasure,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { documents } from '../../db/schema.js';
import { evidence, hazardEscalations, hazards, reinspections } from '../../db/inspectionSchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { requireActingAgency, requirePermission, type Principal } from '../auth/principal.js';
import { issueDocument, summaryOf, type DocumentRow } from '../documents/service.js';
import { loadHazard, type HazardRow } from '../hazard/service.js';
import { assertInspectingAgency, loadInspection, loadOfficers } from '../inspection/inspectionService.js';
import { party } from '../inspection/documents.js';
import { assertCanWrite, loadCase, type CaseRow } from '../penalty/caseAccess.js';
import { event } from '../penalty/caseState.js';

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function noEnterprise(p: Principal): void {
  if (p.role === 'enterprise') throw forbidden('企业用户不能制作执法文书');
}

/** Two or more officers of the caller's jurisdiction whose credentials are valid today (R16 持证执法). */
async function validOfficers(ctx: AppContext, p: Principal, ids: readonly number[], what: string): Promise<OfficerRef[]> {
  const rows = await loadOfficers(ctx, p, ids);
  if (rows.length < 2) throw new AppError('VALIDATION', `${what}须由两名以上执法人员进行`);
  const today = shanghaiDate();
  const invalid = rows.filter((o) => !credentialValidOn(o, today));
  if (invalid.length) throw new AppError('VALIDATION', `执法证不在有效期内，不得执法：${invalid.map((o) => `${o.name}（${o.credentialNo}）`).join('、')}`);
  return rows.map((o) => ({ name: o.name, credentialNo: o.credentialNo }));
}

/** A recorded time span must lie in the past (an 笔录 records what happened) and end after it began. */
function pastSpan(startedAt: string, endedAt: string, what: string): void {
  const s = Date.parse(startedAt);
  const e = Date.parse(endedAt);
  if (Number.isNaN(s) || Number.isNaN(e)) throw new AppError('VALIDATION', `${what}时间格式不正确`);
  if (e <= s) throw new AppError('VALIDATION', `${what}结束时间应晚于开始时间`);
  if (e > Date.now() + 10 * 60_000) throw new AppError('VALIDATION', `${what}结束时间不能晚于现在`);
  if (e - s > 24 * 3600_000) throw new AppError('VALIDATION', `${what}时间不能超过24小时，请分次记录`);
}

async function agencyOf(ctx: AppContext, agencyId: number, tx?: Db) {
  const [a] = await ctx.database.rows<{ name: string; level: string; region_code: string }>(sql`select name, level, region_code from agencies where id = ${agencyId}`, tx);
  return { name: a?.name ?? '', level: a?.level ?? 'county', regionCode: a?.region_code ?? '' };
}

async function casePartyOf(ctx: AppContext, row: CaseRow, tx: Db): Promise<PartyInfo> {
  const e = await party(ctx, row.enterpriseId, tx);
  return { ...e, name: row.partyName || e.name, address: e.address || '（未登记）', legalRepresentative: e.legalRepresentative || '（未登记）' };
}

// While the case is investigated and before it is decided: the evidence and the measures that secure it.
function assertInvestigating(row: CaseRow, what: string): void {
  if (!isOpenUndecided(row.status)) throw new AppError('CONFLICT', `${what}应在立案后、作出决定前制作，本案当前阶段不能制作`);
}

const docDto = (d: DocumentRow) => summaryOf(d);

/**
 * Issues a document of a penalty case in one transaction with the case event that records it; the event carries the
 * document's id and number so the case history points at the 卷宗 entry.
 */
async function issueCaseDocument<K extends DocumentKind>(
  ctx: AppContext,
  p: Principal,
  row: CaseRow,
  kind: K,
  content: (tx: Db) => Promise<DocumentContentMap[K]>,
  ev: { caseEvent: string; reason?: string | null; detail?: Record<string, unknown> },
) {
  return ctx.database.db.transaction(async (tx) => {
    const doc = await issueDocument(tx, ctx, p, { agencyId: row.agencyId, kind, entityType: 'penalty_case', entityId: row.id, enterpriseId: row.enterpriseId, content: await content(tx) });
    await event(tx, p, row, ev.caseEvent, row.status, row.status, ev.reason ?? null, { documentId: doc.id, number: doc.number, ...ev.detail });
    return docDto(doc);
  });
}

/** The case, for its investigators' agency: an officer or leader of it (penalty.write), never the reviewer or oversight. */
async function caseForWrite(ctx: AppContext, p: Principal, id: number): Promise<CaseRow> {
  const row = await loadCase(ctx, p, id);
  requirePermission(p, 'penalty.write');
  assertCanWrite(p, row);
  return row;
}

// ---------- 询问笔录 ----------

export interface InterviewInput {
  startedAt: string;
  endedAt: string;
  place: string;
  interviewee: Interviewee;
  officerIds: number[];
  present?: string;
  recusalAnswer: string;
  qa: InterviewQa[];
}

function interviewContent(enterprise: PartyInfo, matterRef: string | undefined, officers: OfficerRef[], b: InterviewInput) {
  return {
    enterprise,
    ...(matterRef ? { matterRef } : {}),
    startedAt: new Date(b.startedAt).toISOString(),
    endedAt: new Date(b.endedAt).toISOString(),
    place: b.place,
    interviewee: { ...b.interviewee, idNumber: b.interviewee.idNumber.trim().toUpperCase() },
    officers,
    ...(b.present?.trim() ? { present: b.present.trim() } : {}),
    recusalAnswer: b.recusalAnswer,
    qa: b.qa,
  };
}

/** 询问笔录 on an inspection (the person questioned on the spot); it is filed in the inspection's 卷宗. */
export async function recordInspectionInterview(ctx: AppContext, p: Principal, id: number, b: InterviewInput) {
  noEnterprise(p);
  const row = await loadInspection(ctx, p, id);
  assertInspectingAgency(p, row);
  if (row.status === 'filed' || row.status === 'cancelled') throw new AppError('CONFLICT', '检查尚未进场或已取消，不能制作询问笔录');
  pastSpan(b.startedAt, b.endedAt, '询问');
  const officers = await validOfficers(ctx, p, b.officerIds, '询问');
  return ctx.database.db.transaction(async (tx) => {
    const [record] = await tx.select({ number: documents.number }).from(documents).where(sql`${documents.kind} = 'inspection_record' and ${documents.entityType} = 'inspection' and ${documents.entityId} = ${String(id)}`).limit(1);
    const doc = await issueDocument(tx, ctx, p, {
      agencyId: row.agencyId,
      kind: 'interview_record',
      entityType: 'inspection',
      entityId: id,
      enterpriseId: row.enterpriseId,
      content: interviewContent(await party(ctx, row.enterpriseId, tx), record?.number, officers, b),
    });
    return docDto(doc);
  });
}

/** 询问笔录 of a penalty case (several per case): filed in the case's 卷宗 as evidence. */
export async function recordCaseInterview(ctx: AppContext, p: Principal, id: number, b: InterviewInput) {
  noEnterprise(p);
  const row = await caseForWrite(ctx, p, id);
  assertInvestigating(row, '询问笔录');
  pastSpan(b.startedAt, b.endedAt, '询问');
  const officers = await validOfficers(ctx, p, b.officerIds, '询问');
  return issueCaseDocument(ctx, p, row, 'interview_record', async (tx) => interviewContent(await casePartyOf(ctx, row, tx), row.caseNumber ?? undefined, officers, b), {
    caseEvent: 'record_interview',
    detail: { interviewee: b.interviewee.name },
  });
}

// ---------- 勘验（检查）笔录 ----------

export interface SiteExaminationInput {
  startedAt: string;
  endedAt: string;
  place: string;
  officerIds: number[];
  partyPresent: { name: string; post?: string };
  witnesses: { name: string; workUnit?: string; phone?: string }[];
  subject: string;
  findings: string;
  evidenceIds: number[];
}

export async function recordSiteExamination(ctx: AppContext, p: Principal, id: number, b: SiteExaminationInput) {
  noEnterprise(p);
  const row = await caseForWrite(ctx, p, id);
  assertInvestigating(row, '勘验（检查）笔录');
  pastSpan(b.startedAt, b.endedAt, '勘验');
  const officers = await validOfficers(ctx, p, b.officerIds, '勘验（检查）');
  if (officers.some((o) => b.witnesses.some((w) => w.name.trim() === o.name))) throw new AppError('VALIDATION', '见证人不能是勘验的执法人员');
  // evidence already stored for this party (the inspection's photos, the hazard's): referenced, not copied
  const ids = [...new Set(b.evidenceIds)];
  const files = ids.length ? await ctx.database.db.select().from(evidence).where(inArray(evidence.id, ids)).orderBy(asc(evidence.id)) : [];
  if (files.length !== ids.length || files.some((f) => f.enterpriseId !== row.enterpriseId)) throw new AppError('VALIDATION', '所附证据不存在或不属于本案当事人，请先在检查或隐患中上传');
  return issueCaseDocument(
    ctx,
    p,
    row,
    'site_examination_record',
    async (tx) => ({
      enterprise: await casePartyOf(ctx, row, tx),
      ...(row.caseNumber ? { matterRef: row.caseNumber } : {}),
      startedAt: new Date(b.startedAt).toISOString(),
      endedAt: new Date(b.endedAt).toISOString(),
      place: b.place,
      officers,
      partyPresent: b.partyPresent,
      witnesses: b.witnesses,
      subject: b.subject,
      findings: b.findings,
      evidence: files.map((f) => ({ id: f.id, kind: f.kind, name: f.originalName, sm3: f.sm3, takenAt: f.createdAt.toISOString() })),
    }),
    { caseEvent: 'record_site_examination', detail: { evidenceIds: ids } },
  );
}

// ---------- 现场处理措施决定书 (from a hazard found on an inspection) ----------

export async function decideOnSiteMeasure(ctx: AppContext, p: Principal, hazardId: number, b: { measures: OnSiteMeasure[]; scope?: string; officerIds: number[] }) {
  noEnterprise(p);
  const h = await loadHazard(ctx, p, hazardId);
  requirePermission(p, 'inspection.write');
  requireActingAgency(p, h.agencyId, '只有发现该隐患的执法机构可以作出现场处理措施决定');
  if (h.status === 'closed') throw new AppError('CONFLICT', '该隐患已销号，不能再作出现场处理措施决定');
  const measures = [...new Set(b.measures)];
  if (measures.includes('suspend') && !b.scope?.trim()) throw new AppError('VALIDATION', '责令暂时停产停业或者停止使用的，须写明停止的范围或者设施、设备');
  const officers = await validOfficers(ctx, p, b.officerIds, '现场处理');
  const ins = await loadInspection(ctx, p, h.inspectionId);
  return ctx.database.db.transaction(async (tx) => {
    const [record] = await tx.select({ number: documents.number }).from(documents).where(sql`${documents.kind} = 'inspection_record' and ${documents.entityType} = 'inspection' and ${documents.entityId} = ${String(h.inspectionId)}`).limit(1);
    const doc = await issueDocument(tx, ctx, p, {
      agencyId: h.agencyId,
      kind: 'on_site_measure_decision',
      entityType: 'hazard',
      entityId: h.id,
      enterpriseId: h.enterpriseId,
      content: {
        enterprise: await party(ctx, h.enterpriseId, tx),
        ...(record ? { inspectionRecordRef: record.number } : {}),
        inspectedOn: ins.entryDate ?? ins.plannedDate,
        place: ins.place || '生产经营场所',
        hazard: { description: h.description, major: h.major, ...(h.criterion ? { legalBasis: h.criterion } : {}) },
        measures,
        ...(b.scope?.trim() ? { scope: b.scope.trim() } : {}),
        resumeCondition: measures.includes('suspend')
          ? '重大事故隐患排除后，经本机关审查同意，方可恢复生产经营和使用（《中华人民共和国安全生产法》第六十五条第一款第（三）项）。'
          : '你单位应当立即落实上述措施，隐患排除后及时向本机关报告。',
        officers,
        remedies: actRemediesText(reconsiderationBody(await agencyOf(ctx, h.agencyId, tx))),
      },
    });
    return docDto(doc);
  });
}

// ---------- 查封扣押决定书 / 延长 / 先行登记保存通知书 ----------

export interface ItemsInput {
  reason: string;
  place: string;
  items: SeizedItem[];
  officerIds: number[];
}

/** What a 查封扣押决定书 and a 先行登记保存通知书 both state first: the party, the case, why, where and what. */
async function itemsContent(ctx: AppContext, row: CaseRow, tx: Db, b: ItemsInput) {
  return { enterprise: await casePartyOf(ctx, row, tx), ...(row.caseNumber ? { caseNumber: row.caseNumber } : {}), reason: b.reason, place: b.place, items: b.items };
}

/** The checks both make before issuing: staff only, a case under investigation, officers qualified for the act. */
async function itemsCase(ctx: AppContext, p: Principal, id: number, b: ItemsInput, title: string, act: string) {
  noEnterprise(p);
  const row = await caseForWrite(ctx, p, id);
  assertInvestigating(row, title);
  return { row, officers: await validOfficers(ctx, p, b.officerIds, act), today: shanghaiDate() };
}

export async function decideSeizure(ctx: AppContext, p: Principal, id: number, b: ItemsInput & { measure: SeizureMeasure }) {
  const { row, officers, today } = await itemsCase(ctx, p, id, b, '查封扣押决定书', '查封、扣押');
  return issueCaseDocument(
    ctx,
    p,
    row,
    'seizure_decision',
    async (tx) => ({
      ...(await itemsContent(ctx, row, tx, b)),
      measure: b.measure,
      decidedOn: today,
      until: seizureDue(today),
      periodDays: penaltyPeriods().seizure.length,
      officers,
      remedies: actRemediesText(reconsiderationBody(await agencyOf(ctx, row.agencyId, tx))),
    }),
    { caseEvent: 'seize', reason: b.reason, detail: { until: seizureDue(today), items: b.items } },
  );
}

/** 延长: once, before the 30 days end, with the reasons (《行政强制法》第二十五条); a new decision states the new end. */
export async function extendSeizure(ctx: AppContext, p: Principal, id: number, documentId: number, b: { reason: string }) {
  noEnterprise(p);
  const row = await caseForWrite(ctx, p, id);
  requirePermission(p, 'penalty.decide');
  return ctx.database.db.transaction(async (tx) => {
    const [orig] = await tx.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.kind, 'seizure_decision'), eq(documents.entityType, 'penalty_case'), eq(documents.entityId, String(id))));
    if (!orig) throw new AppError('NOT_FOUND', '本案没有该查封扣押决定书');
    const c = orig.content as SeizureDecisionContent;
    if (c.extension) throw new AppError('VALIDATION', '延长决定不能再次延长：查封、扣押期限只能延长一次');
    const [done] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from penalty_case_events where case_id = ${id} and action = 'extend_seizure' and detail->>'originalId' = ${String(documentId)}`, tx);
    const today = shanghaiDate();
    const problems = seizureExtensionProblems({ decidedOn: c.decidedOn, alreadyExtended: Number(done?.n ?? 0) > 0, on: today, reason: b.reason });
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
    const until = seizureDue(c.decidedOn, true);
    const doc = await issueDocument(tx, ctx, p, {
      agencyId: row.agencyId,
      kind: 'seizure_decision',
      entityType: 'penalty_case',
      entityId: id,
      enterpriseId: row.enterpriseId,
      content: { ...c, until, extension: { reason: b.reason, until, originalNumber: orig.number } },
    });
    await event(tx, p, row, 'extend_seizure', row.status, row.status, b.reason, { documentId: doc.id, originalId: documentId, until });
    return docDto(doc);
  });
}

export async function preserveEvidence(ctx: AppContext, p: Principal, id: number, b: ItemsInput) {
  const { row, officers, today } = await itemsCase(ctx, p, id, b, '先行登记保存通知书', '先行登记保存');
  return issueCaseDocument(
    ctx,
    p,
    row,
    'evidence_preservation_notice',
    async (tx) => ({ ...(await itemsContent(ctx, row, tx, b)), registeredOn: today, decideBy: evidencePreservationDue(today), officers }),
    { caseEvent: 'preserve_evidence', reason: b.reason, detail: { decideBy: evidencePreservationDue(today) } },
  );
}

// ---------- hazard escalation letters (R23) ----------

export const escalationDocumentKinds: Record<EscalationLevel, DocumentKind> = {
  letter: 'hazard_letter',
  notice: 'hazard_bulletin',
  interview: 'interview_notice',
  supervision: 'supervision_notice',
};

export interface EscalationLetterInput {
  recipient?: string;
  requirement: string;
  requiredBy: string;
  meeting?: { at: string; place: string; attendees: string[] };
  supervisor?: string;
  contact?: { person: string; phone: string };
}

/** The hazard's rectification history: the order that set the deadline, the reinspections, the days overdue. */
async function historyOf(ctx: AppContext, h: HazardRow, firstDeadline: string, tx: Db) {
  const [order] = await tx
    .select({ number: documents.number, issuedAt: documents.issuedAt, content: documents.content })
    .from(documents)
    .where(sql`${documents.kind} = 'rectification_order' and ${documents.entityType} = 'inspection' and ${documents.entityId} = ${String(h.inspectionId)}`)
    .orderBy(desc(documents.id))
    .limit(1);
  const ordered = (order?.content as RectificationOrderContent | undefined)?.hazards.find((x) => x.description === h.description);
  const reins = await tx.select().from(reinspections).where(eq(reinspections.hazardId, h.id)).orderBy(asc(reinspections.id));
  const today = shanghaiDate();
  return {
    ...(order ? { orderNumber: order.number, orderDate: shanghaiDay(order.issuedAt) } : {}),
    firstDeadline: ordered?.deadline ?? firstDeadline,
    currentDeadline: h.deadline,
    reinspections: reins.map((r) => ({ on: shanghaiDay(r.createdAt), passed: r.result === 'passed', opinion: r.opinion, ...(r.newDeadline ? { newDeadline: r.newDeadline } : {}) })),
    overdueWorkingDays: overdueWorkingDays(h.deadline, today),
  };
}

/**
 * The escalation step the nightly job recorded (R23) is taken by issuing its letter: once per step, with the hazard's
 * facts and history; the step keeps the document, and the hazard (so the inspection's 卷宗) holds it.
 */
export async function issueEscalationLetter(ctx: AppContext, p: Principal, hazardId: number, level: EscalationLevel, b: EscalationLetterInput) {
  noEnterprise(p);
  const h = await loadHazard(ctx, p, hazardId);
  requirePermission(p, 'inspection.write');
  requireActingAgency(p, h.agencyId, '只有责令整改的执法机构可以出具督办文书');
  const label = escalationLevelLabels[level];
  if (h.status === 'closed') throw new AppError('CONFLICT', `该隐患已销号，不再${label}`);
  const today = shanghaiDate();
  if (b.requiredBy < today) throw new AppError('VALIDATION', '完成期限不能早于今天');
  if (b.meeting && Date.parse(b.meeting.at) < Date.now()) throw new AppError('VALIDATION', '约谈时间不能早于现在');
  return ctx.database.db.transaction(async (tx) => {
    const [step] = await tx.select().from(hazardEscalations).where(and(eq(hazardEscalations.hazardId, hazardId), eq(hazardEscalations.level, level))).for('update');
    if (!step) throw new AppError('CONFLICT', `该隐患尚未到${label}的督办步骤（整改逾期的工作日数未达到）`);
    if (step.documentId) throw new AppError('CONFLICT', `该隐患的${label}文书已出具`);
    const enterprise = await party(ctx, h.enterpriseId, tx);
    const [first] = await tx.select({ deadline: hazardEscalations.deadline }).from(hazardEscalations).where(eq(hazardEscalations.hazardId, hazardId)).orderBy(asc(hazardEscalations.id)).limit(1);
    const content: HazardEscalationContent = {
      recipient: b.recipient?.trim() || enterprise.name,
      enterprise,
      hazard: { description: h.description, requirement: h.requirement || '按照有关法律法规和国家标准、行业标准的要求整改到位', major: h.major, foundOn: shanghaiDay(h.createdAt) },
      history: await historyOf(ctx, h, first?.deadline ?? step.deadline, tx),
      requirement: b.requirement,
      requiredBy: b.requiredBy,
      ...(b.meeting ? { meeting: { ...b.meeting, at: new Date(b.meeting.at).toISOString() } } : {}),
      ...(b.supervisor?.trim() ? { supervisor: b.supervisor.trim() } : {}),
      ...(b.contact ? { contact: b.contact } : {}),
    };
    const doc = await issueDocument(tx, ctx, p, { agencyId: h.agencyId, kind: escalationDocumentKinds[level], entityType: 'hazard', entityId: h.id, enterpriseId: h.enterpriseId, content });
    await tx.update(hazardEscalations).set({ documentId: doc.id }).where(eq(hazardEscalations.id, step.id));
    await tx.update(hazards).set({ updatedAt: new Date() }).where(eq(hazards.id, h.id));
    return docDto(doc);
  });
}
