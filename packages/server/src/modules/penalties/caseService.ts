// Penalty cases (R18, R25–R31): the case file, discretion per violation, the workflow transitions, legal review,
// interventions. The rules are @anjian/domain's (workflow.ts, discretion.ts, deadlines.ts); this file loads the case,
// asks the rule, stores the result, issues the documents and writes the timeline and the audit chain — one
// transaction per command.
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import {
  availablePenaltyActions,
  isCaseFileEditable,
  isPreDecision,
  chosenAmountProblems,
  collectiveDiscussionProblems,
  combinePenalties,
  correctiveOrders,
  countdown,
  decisionDue,
  defaultPenaltyDeadlineConfig,
  discretionTiers,
  hearingRequestDue,
  hearingRightReasons,
  isPenaltyPartyAction,
  majorCaseReasons,
  nextPenaltyStatus,
  paymentDue,
  penaltyActionLabelFor,
  penaltyActionRoles,
  penaltyCaseStatusLabels,
  penaltyPeriods,
  missingClauseProblem,
  proposeDiscretion,
  publicationDue,
  rectificationOnlyProblems,
  serviceDue,
  statementDefenseDue,
  transitionProblems,
  type CaseViolation,
  type CollectiveDiscussion,
  type CombinedPenalty,
  type DiscretionProposal,
  type DiscretionTier,
  type PenaltyCaseAction,
  type PenaltyCaseState,
  type PenaltyCaseStatus,
  type PenaltyDeadlineConfig,
  type PenaltyDecisionKind,
  type PenaltyProcedure,
  type ProposedDecision,
  type SanctionKind,
  type ViolationFacts,
  isProvisionalDate,
  isServedOnParty,
  earliestHearingDate,
  hearingNoticeProblems,
  latePaymentSurcharge,
  statementAdoptionLabels,
  statementAnswerProblems,
  type StatementAdoption,
  hearingMinutesProblems,
  hearingNoticeFactsProblems,
  serviceProblems,
  type HearingMinutes,
  type HearingNoticeFacts,
  type HearingRecord,
  type LegalReviewAspect,
  type ServiceFacts,
  evidencePreservationDue,
  seizureDue,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { legalReviews, penaltyCaseEvents, penaltyInterventions, penaltyPublications, penaltyStatementAnswers } from '../../db/penaltySchema.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, enterpriseOwnedCondition, inJurisdiction, isActingAgency, regionCondition, regionScopeCondition, requirePermission, type Principal } from '../auth/principal.js';
import { discretionCatalogueVersion } from './catalog.js';
import { assertCanWrite, loadCase, type CaseRow, type StoredViolation } from './caseAccess.js';
import { publicationContent } from './publication.js';
import { caseCompleteness } from '../documents/caseFile.js';
import { issueCaseDocuments, issueProcedureDocument } from './documents.js';
import { enforcementAlerts } from './alerts.js';
import { recordDecisionCredit } from '../credit/service.js';
import { keptDeadlinesOf } from '../calendar/service.js';

/** 负责人集体讨论 as stored: the record and who entered it (legacy: a yes/no flag before migration 0029). */
type CollectiveDiscussionRecord = CollectiveDiscussion & { recordedBy: string; legacy?: boolean };

/** R29/R38: the agency's periods; the defaults are the statute's (publication: the earlier of 7 working days and 15 days). */
export function penaltyDeadlineConfig(): PenaltyDeadlineConfig {
  const n = (k: string, d: number) => {
    const v = Number(process.env[k]);
    return Number.isInteger(v) && v > 0 ? v : d;
  };
  return {
    statementDefenseWorkingDays: n('PENALTY_STATEMENT_WORKING_DAYS', defaultPenaltyDeadlineConfig.statementDefenseWorkingDays),
    decisionDays: n('PENALTY_DECISION_DAYS', defaultPenaltyDeadlineConfig.decisionDays),
    publicationWorkingDays: n('PENALTY_PUBLICATION_WORKING_DAYS', defaultPenaltyDeadlineConfig.publicationWorkingDays),
    publicationCalendarDays: n('PENALTY_PUBLICATION_DAYS', defaultPenaltyDeadlineConfig.publicationCalendarDays),
    creditRepairWorkingDays: n('CREDIT_REPAIR_WORKING_DAYS', defaultPenaltyDeadlineConfig.creditRepairWorkingDays),
  };
}

// ---------- loading, scoped (caseAccess.ts) ----------

async function lockCase(tx: Db, id: number): Promise<CaseRow> {
  const [row] = await tx.select().from(penaltyCases).where(eq(penaltyCases.id, id)).for('update');
  return row!;
}

/**
 * Staff-only commands on a case: the case is loaded first, so another enterprise's case stays 404 (its existence not
 * revealed), then the enterprise gets 403 with the reason.
 */
async function loadForStaffWrite(ctx: AppContext, p: Principal, id: number): Promise<CaseRow> {
  const row = await loadCase(ctx, p, id);
  assertCanWrite(p, row);
  requirePermission(p, 'penalty.write');
  return row;
}

const violationsOf = (row: Pick<CaseRow, 'violations'>) => (row.violations ?? []) as StoredViolation[];

/** R25 分别裁量、合并处罚 over the stored violations. */
export function combinedOf(row: Pick<CaseRow, 'violations'>): CombinedPenalty {
  return combinePenalties(violationsOf(row).map((v): CaseViolation => ({ proposal: v.proposal, amount: v.amount, reason: v.reason, punishDespiteOptionalExemption: v.punishDespiteOptionalExemption })));
}

const exempt = (v: StoredViolation) => v.proposal.outcome === 'no_penalty' || (v.proposal.outcome === 'no_penalty_optional' && !v.punishDespiteOptionalExemption);

/** The decision as now proposed, from the violations (and the officer's 违法事实不能成立). */
export function proposedDecisionOf(row: CaseRow): ProposedDecision | null {
  if (row.decisionKind === 'not_established') return { kind: 'not_established', fine: 0, sanctions: [] };
  const vs = violationsOf(row);
  if (!vs.length) return null;
  const combined = combinedOf(row);
  const sanctions = [...new Set(vs.filter((v) => !exempt(v)).flatMap((v) => v.sanctions))];
  const punishing = combined.total > 0 || sanctions.some((s) => !correctiveOrders.includes(s));
  const allExempt = vs.every(exempt);
  const kind: PenaltyDecisionKind = (row.decisionKind as PenaltyDecisionKind | null) ?? (allExempt && !punishing ? 'no_penalty' : 'penalty');
  return { kind, fine: kind === 'penalty' ? combined.total : 0, sanctions: kind === 'penalty' ? sanctions : [], ...(kind === 'penalty' && combined.total === 0 && sanctions.length === 1 && sanctions[0] === 'warning' ? { warningOnly: true } : {}) };
}

async function latestReview(ctx: AppContext, caseId: number, executor?: Db) {
  const [r] = await (executor ?? ctx.database.db).select().from(legalReviews).where(eq(legalReviews.caseId, caseId)).orderBy(desc(legalReviews.id)).limit(1);
  return r ?? null;
}

/**
 * R27/R29: the days the party's statements were received that have no answer (采纳情况) yet — the decision waits for
 * them (workflow.ts).
 */
async function unansweredStatementsOf(ctx: AppContext, caseId: number, executor?: Db): Promise<string[]> {
  const rows = await ctx.database.rows<{ received_on: string }>(
    sql`select coalesce(ev.detail->'party'->>'receivedOn', to_char(ev.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')) as received_on
          from penalty_case_events ev
         where ev.case_id = ${caseId} and ev.action = 'record_statement'
           and not exists (select 1 from penalty_statement_answers a where a.event_id = ev.id)
         order by ev.id`,
    executor,
  );
  return rows.map((r) => r.received_on);
}

/** The case as the state machine sees it. */
function stateOf(row: CaseRow, review: Awaited<ReturnType<typeof latestReview>>, unansweredStatements: readonly string[] = []): PenaltyCaseState {
  const hearing = row.hearing as PenaltyCaseState['hearing'];
  return {
    facts: row.facts,
    unansweredStatements,
    status: row.status as PenaltyCaseStatus,
    procedure: row.procedure as PenaltyProcedure,
    partyKind: row.partyKind as 'organization' | 'citizen',
    investigatorIds: row.investigatorIds,
    openedOn: row.openedOn,
    notifiedOn: row.notifiedOn,
    notified: row.notified as ProposedDecision | null,
    proposal: proposedDecisionOf(row),
    statementReceived: row.statementReceived,
    rightsWaived: row.rightsWaived,
    hearing: hearing ?? null,
    // only the review of the current round counts: a returned one is history
    legalReview:
      review && row.status === 'legal_review'
        ? { reviewerId: review.reviewerId ?? 0, approved: review.result === 'approved' ? true : review.result === 'returned' ? false : null, submittedBy: review.submittedBy }
        : null,
    collectiveDiscussionHeld: !!row.collectiveDiscussion,
    decidedOn: row.decidedOn,
    servedOn: row.servedOn,
    executionDone: row.executionDone,
  };
}

/** The state machine's actor id is the officer id of the caller (承办人员 are officers); other staff get -userId. */
async function actorIdOf(ctx: AppContext, p: Principal, executor?: Db): Promise<number> {
  const [o] = await ctx.database.rows<{ id: number }>(sql`select id from officers where user_id = ${p.userId} order by id limit 1`, executor);
  return o ? Number(o.id) : -p.userId;
}

/** R18: the case comes from a major hazard (the finding or a hazard pointing at it). */
async function fromMajorHazard(ctx: AppContext, row: CaseRow, executor?: Db): Promise<boolean> {
  if (row.majorHazard) return true;
  const [r] = await ctx.database.rows<{ major: boolean }>(
    sql`select (exists (select 1 from findings f where f.id = ${row.sourceFindingId ?? -1} and f.major) or exists (select 1 from hazards h where h.penalty_case_id = ${row.id} and h.major)) as major`,
    executor,
  );
  return !!r?.major;
}

// ---------- list and detail ----------

export interface CaseListQuery {
  status?: PenaltyCaseStatus;
  enterpriseId?: number;
  q?: string;
  openedFrom?: string;
  openedTo?: string;
  decidedFrom?: string;
  decidedTo?: string;
  procedure?: string;
  transferred?: boolean;
  regionCode?: string;
  page?: number;
  pageSize?: number;
}

/** The case list's filter and jurisdiction, shared by the list and its .xlsx export. */
export function caseListWhere(p: Principal, q: Omit<CaseListQuery, 'page' | 'pageSize'>): SQL {
  const conds: SQL[] = [enterpriseOwnedCondition(p, 'c')];
  if (q.status) conds.push(sql`c.status = ${q.status}`);
  if (q.enterpriseId) conds.push(sql`c.enterprise_id = ${q.enterpriseId}`);
  if (q.openedFrom) conds.push(sql`c.opened_on >= ${q.openedFrom}::date`);
  if (q.openedTo) conds.push(sql`c.opened_on <= ${q.openedTo}::date`);
  if (q.decidedFrom) conds.push(sql`c.decided_on >= ${q.decidedFrom}::date`);
  if (q.decidedTo) conds.push(sql`c.decided_on <= ${q.decidedTo}::date`);
  if (q.procedure) conds.push(sql`c.procedure = ${q.procedure}`);
  if (q.transferred !== undefined) conds.push(q.transferred ? sql`exists (select 1 from penalty_case_events ev where ev.case_id = c.id and ev.action = 'transfer')` : sql`not exists (select 1 from penalty_case_events ev where ev.case_id = c.id and ev.action = 'transfer')`);
  if (q.regionCode) conds.push(regionScopeCondition(q.regionCode, 'c.region_code'));
  if (q.q) conds.push(sql`(c.case_number ilike ${'%' + q.q + '%'} or e.name ilike ${'%' + q.q + '%'} or c.facts ilike ${'%' + q.q + '%'})`);
  return sql.join(conds, sql` and `);
}

export async function caseListPage(ctx: AppContext, where: SQL, limit: number, offset: number) {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select c.id, c.case_number, c.status, c.procedure, c.enterprise_id, e.name as enterprise_name, e.credit_code, a.name as agency_name, c.region_code, c.agency_id, c.facts,
               c.opened_on, c.decided_on, c.decision_due, c.major_hazard, c.created_at, c.updated_at,
               (c.decision->>'fine')::numeric as fine,
               (select d.number from documents d where d.entity_type = 'penalty_case' and d.entity_id = c.id::text and d.kind = 'penalty_decision' order by d.id limit 1) as decision_number
          from penalty_cases c join enterprises e on e.id = c.enterprise_id join agencies a on a.id = c.agency_id
         where ${where} order by c.updated_at desc, c.id desc limit ${limit} offset ${offset}`,
  );
  const today = shanghaiDate();
  // working-day countdowns cost milliseconds each: an export's rows share their due days
  const due = new Map<string, ReturnType<typeof countdown>>();
  const countdownOf = (d: string) => due.get(d) ?? due.set(d, countdown(d, today)).get(d)!;
  return rows.map((r) => ({
    id: Number(r.id),
    caseNumber: r.case_number as string | null,
    status: r.status as string,
    statusLabel: penaltyCaseStatusLabels[r.status as PenaltyCaseStatus] ?? String(r.status),
    procedure: r.procedure as string,
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: r.enterprise_name as string,
    creditCode: r.credit_code as string,
    agencyName: r.agency_name as string,
    regionCode: r.region_code as string,
    facts: r.facts as string,
    openedOn: r.opened_on as string | null,
    decidedOn: r.decided_on as string | null,
    majorHazard: Boolean(r.major_hazard),
    fine: r.fine == null ? null : Number(r.fine),
    decisionDue: r.decision_due ? countdownOf(String(r.decision_due)) : null,
    decisionNumber: (r.decision_number as string | null) ?? null,
  }));
}

export async function listCases(ctx: AppContext, p: Principal, q: CaseListQuery) {
  const where = caseListWhere(p, q);
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const page = Math.max(q.page ?? 1, 1);
  const items = await caseListPage(ctx, where, pageSize, (page - 1) * pageSize);
  const [{ n } = { n: 0 }] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from penalty_cases c join enterprises e on e.id = c.enterprise_id where ${where}`);
  // the party knows its case by the documents served on it — the decision, before it the 告知书; the 立案审批表's number
  // is internal
  const partyNumbers = new Map<number, string>();
  const undecided = p.role === 'enterprise' ? items.filter((i) => !i.decisionNumber).map((i) => String(i.id)) : [];
  if (undecided.length) {
    const notices = await ctx.database.rows<{ id: string; number: string }>(
      sql`select distinct on (entity_id) entity_id as id, number from documents
           where entity_type = 'penalty_case' and kind = 'penalty_notice' and entity_id = any(${arrayParam(undecided, 'text')}) order by entity_id, id`,
    );
    for (const r of notices) partyNumbers.set(Number(r.id), r.number);
  }
  return {
    total: Number(n),
    page,
    pageSize,
    items: items.map(({ creditCode: _c, agencyName: _a, majorHazard: _m, decisionNumber, ...rest }) => ({
      ...rest,
      caseNumber: p.role === 'enterprise' ? (decisionNumber ?? partyNumbers.get(rest.id) ?? null) : rest.caseNumber,
    })),
  };
}

export async function caseDetail(ctx: AppContext, p: Principal, id: number) {
  const row = await loadCase(ctx, p, id);
  return caseDto(ctx, p, row);
}

async function caseDto(ctx: AppContext, p: Principal, row: CaseRow, executor?: Db) {
  const db = executor ?? ctx.database.db;
  const today = shanghaiDate();
  const cfg = penaltyDeadlineConfig();
  const [events, reviews, interventions, docs, officers, enterprise, publication, majorHazard, agency, answers] = await Promise.all([
    db.select().from(penaltyCaseEvents).where(eq(penaltyCaseEvents.caseId, row.id)).orderBy(asc(penaltyCaseEvents.id)),
    db.select().from(legalReviews).where(eq(legalReviews.caseId, row.id)).orderBy(asc(legalReviews.id)),
    // R31: interventions are shown to staff (oversight included), never to the enterprise
    p.role === 'enterprise' ? Promise.resolve([]) : db.select().from(penaltyInterventions).where(eq(penaltyInterventions.caseId, row.id)).orderBy(asc(penaltyInterventions.id)),
    ctx.database.rows<{ id: number; kind: string; number: string; title: string; issued_at: Date }>(
      sql`select id, kind, number, title, issued_at from documents where entity_type = 'penalty_case' and entity_id = ${String(row.id)} order by id`,
      executor,
    ),
    ctx.database.rows<{ id: number; name: string; credential_no: string }>(sql`select id, name, credential_no from officers where id = any(${arrayParam(row.investigatorIds, 'int')}) order by id`, executor),
    ctx.database.rows<{ id: number; name: string; credit_code: string; credit_status: string }>(sql`select id, name, credit_code, credit_status from enterprises where id = ${row.enterpriseId}`, executor),
    db.select().from(penaltyPublications).where(eq(penaltyPublications.caseId, row.id)),
    fromMajorHazard(ctx, row, executor),
    ctx.database.rows<{ name: string; region_code: string }>(sql`select name, region_code from agencies where id = ${row.agencyId}`, executor),
    db.select().from(penaltyStatementAnswers).where(eq(penaltyStatementAnswers.caseId, row.id)),
  ]);
  const review = reviews.at(-1) ?? null;
  const submissions = await partySubmissionsOf(ctx, events, answers, executor);
  const unanswered = submissions.filter((s) => s.kind === 'record_statement' && !s.answer).map((s) => s.receivedOn);
  const state = stateOf({ ...row, majorHazard }, review, unanswered);
  const proposal = state.proposal ?? null;
  const combined = violationsOf(row).length ? combinedOf(row) : null;
  const actor = { id: await actorIdOf(ctx, p, executor), role: p.role, userId: p.userId };
  const options = { today, deadlines: cfg };
  const periods = penaltyPeriods(cfg);
  const deadlines: { id: string; label: string; basis: string; due: string; daysLeft: number; workingDaysLeft: number; overdue: boolean; dueToday: boolean; done: boolean; provisional: boolean }[] = [];
  // R38: a party's deadline already served stays where a later holiday notice would have moved it earlier
  const kept = await keptDeadlinesOf(ctx.database, row.id, executor);
  const add = (idKey: keyof typeof periods, computed: string, done: boolean) => {
    const keptDue = kept.get(idKey);
    const due = keptDue && keptDue > computed ? keptDue : computed;
    deadlines.push({ id: idKey, label: periods[idKey].label, basis: periods[idKey].basis, ...countdown(due, today), done, provisional: isProvisionalDate(due) });
  };
  if (row.openedOn && row.procedure === 'general') add('decision', row.decisionDue ?? decisionDue(row.openedOn, cfg), !!row.decidedOn || row.status === 'cancelled' || row.status === 'transferred');
  if (row.notifiedOn) {
    add('statement_defense', statementDefenseDue(row.notifiedOn, cfg), row.statementReceived || row.rightsWaived || !!row.decidedOn);
    if (hearingRightReasons(state.partyKind, state.notified).length) add('hearing_request', hearingRequestDue(row.notifiedOn), !!row.hearing || row.rightsWaived || !!row.decidedOn);
  }
  if (row.decidedOn) {
    add('service', serviceDue(row.decidedOn, row.procedure === 'simple'), !!row.servedOn);
    const pub = publication[0];
    if (pub) add(pub.dueRule as keyof typeof periods, pub.dueOn, !!pub.publishedAt);
  }
  const fine = (row.decision as ProposedDecision | null)?.kind === 'penalty' ? ((row.decision as ProposedDecision).fine ?? 0) : 0;
  if (row.servedOn && fine > 0) add('payment', paymentDue(row.servedOn), row.executionDone);
  // R27: a 查封扣押 (30 days, one extension) and a 先行登记保存 (7 working days) count down with the functions their
  // documents print; the decision on the case ends them
  const seized = events.find((e) => e.action === 'seize');
  if (seized) add('seizure', seizureDue(shanghaiDate(seized.at), events.some((e) => e.action === 'extend_seizure')), !!row.decidedOn || row.status === 'cancelled');
  const preserved = events.find((e) => e.action === 'preserve_evidence');
  if (preserved) add('evidence_preservation', evidencePreservationDue(shanghaiDate(preserved.at)), !!row.decidedOn || row.status === 'cancelled');
  // R29: 加处罚款 (《行政处罚法》第七十二条) on a fine unpaid after its due day, as of today, capped at the fine
  const payDue = row.servedOn && fine > 0 ? paymentDue(row.servedOn) : null;
  const surcharge = payDue && !row.executionDone && today > payDue ? { dueOn: payDue, fine, ...latePaymentSurcharge(fine, payDue, today) } : null;
  const h = row.hearing as { noticeOn?: string | null; heldOn?: string | null } | null;
  const canSeeFile = p.role !== 'enterprise';
  return {
    id: row.id,
    // the party knows its case by the documents served on it (as in listCases)
    caseNumber: canSeeFile ? row.caseNumber : ((docs.find((d) => d.kind === 'penalty_decision') ?? docs.find((d) => d.kind === 'penalty_notice'))?.number ?? null),
    status: row.status,
    statusLabel: penaltyCaseStatusLabels[row.status as PenaltyCaseStatus] ?? row.status,
    procedure: row.procedure,
    partyKind: row.partyKind,
    partyName: row.partyName || enterprise[0]?.name || '',
    agencyId: row.agencyId,
    agencyName: agency[0]?.name ?? '',
    // the caller's agency handles the case (staff acts are offered and accepted only then, assertCanWrite)
    canAct: isActingAgency(p, row.agencyId),
    // 提级管辖 is offered to a leader of an agency above the handling one, before the decision
    canEscalate: escalationRefusal(p, row, agency[0]) === null,
    enterpriseId: row.enterpriseId,
    enterprise: enterprise[0] ? { id: Number(enterprise[0].id), name: enterprise[0].name, creditCode: enterprise[0].credit_code, creditStatus: enterprise[0].credit_status } : null,
    regionCode: row.regionCode,
    facts: row.facts,
    sourceInspectionId: row.sourceInspectionId,
    sourceFindingId: row.sourceFindingId,
    majorHazard,
    investigators: officers.map((o) => ({ id: Number(o.id), name: o.name, credentialNo: o.credential_no })),
    catalogVersion: row.catalogVersion,
    violations: violationsOf(row),
    combined,
    proposal,
    decisionKind: row.decisionKind,
    noPenaltyBasis: row.noPenaltyBasis,
    notified: row.notified as ProposedDecision | null,
    statementReceived: row.statementReceived,
    statementText: row.statementText,
    rightsWaived: row.rightsWaived,
    hearing: row.hearing as HearingRecord | null,
    // R27: the earliest day a hearing may be held, from the notice day recorded (else today): 七日前通知 (第六十四条)
    earliestHearingOn: earliestHearingDate(h?.noticeOn ?? today),
    latePayment: surcharge,
    collectiveDiscussionHeld: !!row.collectiveDiscussion,
    collectiveDiscussion: (row.collectiveDiscussion as CollectiveDiscussionRecord | null) ?? null,
    // 送达: how the decision was served (送达回证)
    service: (row.service as ServiceFacts | null) ?? null,
    decision: row.decision as ProposedDecision | null,
    executionDone: row.executionDone,
    transferredTo: row.transferredTo,
    dates: { openedOn: row.openedOn, notifiedOn: row.notifiedOn, decidedOn: row.decidedOn, servedOn: row.servedOn, closedOn: row.closedOn },
    deadlines,
    majorCaseReasons: majorCaseReasons(state),
    hearingRightReasons: hearingRightReasons(state.partyKind, state.notified ?? proposal),
    // the enterprise is offered the party's acts only (penaltyActionRoles), on its own case (loadCase)
    // staff of another agency (a higher level before 提级管辖) are offered nothing; legal reviewers of a level above, the review
    availableActions: p.enforcementBlocked ? [] : availablePenaltyActions(state, actor, options).filter((a) => p.role === 'enterprise' || isActingAgency(p, row.agencyId) || (p.role === 'legal_reviewer' && (a === 'approve_review' || a === 'reject_review'))),
    // R27: what the party submitted, online or on paper recorded by an officer — both sides see the same list
    // the answer (采纳情况) is the agency's own until the decision states it; the party sees it in the decision
    partySubmissions: canSeeFile || row.decidedOn ? submissions : submissions.map((s) => ({ ...s, answer: null })),
    // the enterprise sees the steps that concern it, not the internal review and its comments
    events: canSeeFile ? events : events.filter((e) => PARTY_VISIBLE_EVENTS.has(e.action)).map(({ actorId: _a, detail: _d, reason, ...e }) => ({ ...e, reason: isPenaltyPartyAction(e.action) ? reason : null })),
    legalReviews: (canSeeFile ? reviews : []) as ((typeof reviews)[number] & { majorReasons: string[] })[],
    interventions,
    // the party sees the documents served on it, not the agency's internal forms (立案审批表, 移送书)
    documents: docs.filter((d) => p.role !== 'enterprise' || isServedOnParty(d.kind)).map((d) => ({ id: Number(d.id), kind: d.kind, number: d.number, title: d.title, issuedAt: d.issued_at })),
    publication: publication[0] ?? null,
    alerts: canSeeFile ? await enforcementAlerts(ctx, row.enterpriseId, today, executor) : null,
    version: row.version,
  };
}

const PARTY_VISIBLE_EVENTS = new Set(['escalate', 'open', 'notify', 'record_statement', 'request_hearing', 'waive_rights', 'withdraw_hearing', 'decide', 'decide_on_spot', 'serve', 'start_execution', 'close', 'cancel', 'transfer']);

/** What a party act stores in its event's detail. */
interface PartyDetail {
  party: { receivedOn: string; onBehalf: boolean; supplement: boolean; evidenceIds: number[] };
}

/** R27: the party's submissions, from the timeline (one event per submission: who, when, what, which files), with the answer to each statement. */
async function partySubmissionsOf(ctx: AppContext, events: (typeof penaltyCaseEvents.$inferSelect)[], answers: (typeof penaltyStatementAnswers.$inferSelect)[], executor?: Db) {
  const answerOf = new Map(answers.map((a) => [Number(a.eventId), a]));
  const own = events.filter((e) => isPenaltyPartyAction(e.action));
  const ids = [...new Set(own.flatMap((e) => (e.detail as PartyDetail | null)?.party?.evidenceIds ?? []))];
  const files = ids.length
    ? await ctx.database.rows<{ id: number; original_name: string; mime: string; size: number }>(sql`select id, original_name, mime, size from evidence where id = any(${arrayParam(ids, 'bigint')}) order by id`, executor)
    : [];
  const byId = new Map(files.map((f) => [Number(f.id), { id: Number(f.id), name: f.original_name, mime: f.mime, size: Number(f.size) }]));
  return own.map((e) => {
    const d = (e.detail as PartyDetail | null)?.party;
    return {
      id: e.id,
      kind: e.action,
      at: e.at,
      receivedOn: d?.receivedOn ?? shanghaiDate(e.at),
      onBehalf: d?.onBehalf ?? e.actorRole !== 'enterprise',
      supplement: d?.supplement ?? false,
      by: e.actorName,
      byRole: e.actorRole,
      text: e.reason,
      attachments: (d?.evidenceIds ?? []).flatMap((i) => byId.get(i) ?? []),
      answer: ((a) => (a ? { result: a.result as StatementAdoption, resultLabel: statementAdoptionLabels[a.result as StatementAdoption], reasons: a.reasons, by: a.recordedByName, at: a.recordedAt } : null))(answerOf.get(Number(e.id))),
    };
  });
}

// ---------- creation and the case file ----------

export async function createCase(ctx: AppContext, p: Principal, b: { enterpriseId: number; facts: string; procedure: PenaltyProcedure; partyKind?: 'organization' | 'citizen'; partyName?: string; investigatorIds?: number[]; majorHazard?: boolean }) {
  requirePermission(p, 'penalty.write');
  const [e] = await ctx.database.rows<{ id: number; region_code: string; supervising_agency_id: number; name: string }>(sql`select id, region_code, supervising_agency_id, name from enterprises where id = ${b.enterpriseId}`);
  if (!e || !inJurisdiction(p, e.region_code)) throw notFound('企业');
  const agencyId = p.agencyId ?? Number(e.supervising_agency_id);
  if (b.investigatorIds?.length) await checkInvestigators(ctx, agencyId, b.investigatorIds);
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(penaltyCases)
      .values({
        agencyId,
        enterpriseId: Number(e.id),
        regionCode: e.region_code,
        status: 'draft',
        facts: b.facts.trim(),
        procedure: b.procedure,
        partyKind: b.partyKind ?? 'organization',
        partyName: b.partyName?.trim() || e.name,
        investigatorIds: b.investigatorIds ?? [],
        majorHazard: b.majorHazard ?? false,
        createdBy: p.userId,
      })
      .returning();
    await event(tx, p, row!, 'create', null, 'draft', null);
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'penalty_case', entityId: row!.id, regionCode: row!.regionCode, after: { enterpriseId: row!.enterpriseId, procedure: b.procedure, facts: row!.facts } }]);
    return caseDto(ctx, p, row!, tx);
  });
}

async function checkInvestigators(ctx: AppContext, agencyId: number, ids: readonly number[], executor?: Db) {
  const uniq = [...new Set(ids)];
  const rows = await ctx.database.rows<{ id: number; agency_id: number; name: string; credential_valid_to: string | null }>(
    sql`select id, agency_id, name, credential_valid_to::text from officers where id = any(${arrayParam(uniq, 'int')})`,
    executor,
  );
  if (rows.length !== uniq.length) throw new AppError('VALIDATION', '承办人员不存在，请从本机关执法人员中选择');
  const today = shanghaiDate();
  for (const o of rows) {
    if (Number(o.agency_id) !== agencyId) throw new AppError('VALIDATION', `${o.name}不是本机关执法人员，不能承办本案`);
    if (o.credential_valid_to && o.credential_valid_to < today) throw new AppError('VALIDATION', `${o.name}的执法证已过期，不能承办案件`);
  }
}

export interface CasePatch {
  facts?: string;
  procedure?: PenaltyProcedure;
  partyKind?: 'organization' | 'citizen';
  partyName?: string;
  investigatorIds?: number[];
  decisionKind?: PenaltyDecisionKind | null;
  noPenaltyBasis?: string | null;
  rightsWaived?: boolean;
  collectiveDiscussionHeld?: boolean;
  collectiveDiscussion?: CollectiveDiscussion;
  hearing?: { noticeOn?: string | null; heldOn?: string | null; hostId?: number | null; abandoned?: boolean; notice?: HearingNoticeFacts; minutes?: HearingMinutes };
  executionDone?: boolean;
  reason?: string;
}

/** The case file's fields (承办人员, procedure, party, the party's waiver, collective discussion, hearing record, execution). */
export async function patchCase(ctx: AppContext, p: Principal, id: number, b: CasePatch) {
  const pre = await loadForStaffWrite(ctx, p, id);
  if (b.rightsWaived === true) {
    // the party's written waiver is one of its acts (R27): the same transition as when the party waives online
    const others = Object.keys(b).filter((k) => k !== 'rightsWaived' && k !== 'reason' && (b as Record<string, unknown>)[k] !== undefined);
    if (others.length) throw new AppError('VALIDATION', '登记当事人放弃陈述、申辩和听证请单独提交');
    return takeAction(ctx, p, id, { action: 'waive_rights', reason: b.reason ?? null });
  }
  if (b.investigatorIds) await checkInvestigators(ctx, pre.agencyId, b.investigatorIds);
  if (b.hearing?.hostId != null) {
    const [o] = await ctx.database.rows<{ agency_id: number }>(sql`select agency_id from officers where id = ${b.hearing.hostId}`);
    if (!o || Number(o.agency_id) !== pre.agencyId) throw new AppError('VALIDATION', '听证主持人应为本机关指定的执法人员');
  }
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockCase(tx, id);
    const set: Partial<typeof penaltyCases.$inferInsert> = {};
    const fileFields = b.facts !== undefined || b.procedure !== undefined || b.partyKind !== undefined || b.partyName !== undefined || b.investigatorIds !== undefined || b.decisionKind !== undefined || b.noPenaltyBasis !== undefined;
    if (fileFields && !isCaseFileEditable(cur.status)) throw new AppError('CONFLICT', `案件当前为“${penaltyCaseStatusLabels[cur.status as PenaltyCaseStatus]}”，不能再修改案情和处理意见`);
    if (b.procedure !== undefined && cur.status !== 'draft') throw new AppError('CONFLICT', '立案后不能变更程序（简易程序只适用于当场处罚）');
    if (b.facts !== undefined) set.facts = b.facts.trim();
    if (b.procedure !== undefined) set.procedure = b.procedure;
    if (b.partyKind !== undefined) set.partyKind = b.partyKind;
    if (b.partyName !== undefined) set.partyName = b.partyName.trim();
    if (b.investigatorIds !== undefined) set.investigatorIds = [...new Set(b.investigatorIds)];
    if (b.decisionKind !== undefined) set.decisionKind = b.decisionKind;
    if (b.noPenaltyBasis !== undefined) set.noPenaltyBasis = b.noPenaltyBasis?.trim() || null;
    if (b.rightsWaived !== undefined) {
      if (!cur.notifiedOn) throw new AppError('CONFLICT', '尚未告知当事人，不能登记放弃陈述、申辩和听证');
      set.rightsWaived = b.rightsWaived;
    }
    if (b.collectiveDiscussionHeld !== undefined) throw new AppError('VALIDATION', '请登记集体讨论的日期、参加人员和结论');
    if (b.collectiveDiscussion !== undefined) {
      if (p.role !== 'leader') throw forbidden('负责人集体讨论由机关负责人登记');
      if (!isPreDecision(cur.status)) throw new AppError('CONFLICT', `案件当前为“${penaltyCaseStatusLabels[cur.status as PenaltyCaseStatus]}”，不能再登记集体讨论`);
      const d = b.collectiveDiscussion;
      const problems = collectiveDiscussionProblems(d, shanghaiDate(), cur.openedOn);
      if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
      set.collectiveDiscussion = {
        heldOn: d.heldOn,
        participants: d.participants.map((x) => ({ name: x.name.trim(), position: x.position.trim() })),
        opinions: d.opinions.map((x) => ({ name: x.name.trim(), opinion: x.opinion.trim() })),
        conclusion: d.conclusion.trim(),
        recordedBy: p.displayName,
      } satisfies CollectiveDiscussionRecord;
    }
    if (b.hearing !== undefined) {
      const h = cur.hearing as Record<string, unknown> | null;
      if (!h) throw new AppError('CONFLICT', '当事人尚未要求听证');
      // R27: the withdrawal is the party's act, on the timeline and the audit chain; the record is not edited afterwards
      if (h.withdrawnOn) throw new AppError('CONFLICT', `当事人已于${String(h.withdrawnOn)}撤回听证申请，听证不再举行，听证记录不能再修改`);
      const next = { ...h, ...b.hearing } as HearingRecord;
      // R27: a notice fewer than seven working days before the hearing is refused when entered, by the rule that
      // would otherwise refuse the case later (第六十四条第（二）项)
      if (b.hearing.noticeOn !== undefined || b.hearing.heldOn !== undefined) {
        if (next.noticeOn && next.noticeOn > shanghaiDate()) throw new AppError('VALIDATION', '听证通知日期不能晚于今天');
        if (next.noticeOn && next.heldOn) {
          const late = hearingNoticeProblems(next.noticeOn, next.heldOn);
          if (late.length) throw new AppError('VALIDATION', `${late.join('；')}；按${next.noticeOn}通知，听证最早可定于${earliestHearingDate(next.noticeOn)}`);
        }
      }
      if (b.hearing.notice) {
        const problems = hearingNoticeFactsProblems(b.hearing.notice);
        if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
        next.notice = { time: b.hearing.notice.time, place: b.hearing.notice.place.trim(), panelists: b.hearing.notice.panelists.map((x) => x.trim()), clerk: b.hearing.notice.clerk.trim() };
      }
      if (b.hearing.minutes) {
        // the 听证笔录 is issued once, when the hearing is over; a correction is a note on the file, not a new record
        if (h.minutes) throw new AppError('CONFLICT', '听证笔录已经出具，不能重复登记');
        if (!next.heldOn || next.heldOn > shanghaiDate()) throw new AppError('VALIDATION', '听证举行后方可登记听证笔录');
        const problems = hearingMinutesProblems(b.hearing.minutes);
        if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
        if (!b.hearing.minutes.attended) next.abandoned = true;
      }
      set.hearing = next;
    }
    if (b.executionDone !== undefined) {
      if (!['served', 'executing'].includes(cur.status)) throw new AppError('CONFLICT', '决定送达后方可登记执行情况');
      set.executionDone = b.executionDone;
    }
    if (!Object.keys(set).length) throw new AppError('VALIDATION', '没有需要修改的内容');
    const [row] = await tx.update(penaltyCases).set({ ...set, version: cur.version + 1, updatedAt: new Date() }).where(eq(penaltyCases.id, id)).returning();
    const docs = await issuePatchDocuments(ctx, tx, p, cur, row!, b);
    await event(tx, p, row!, 'update', cur.status, cur.status, b.reason ?? null, docs.length ? { ...set, documents: docs.map((d) => d.number) } : set);
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'update', entityType: 'penalty_case', entityId: id, regionCode: cur.regionCode, reason: b.reason ?? null, before: pick(cur, Object.keys(set)), after: set }]);
    return caseDto(ctx, p, row!, tx);
  });
}

/**
 * Issue #17: the documents a recorded fact generates — 集体讨论记录 (each record), 听证通知书 (once the notice's day, the
 * hearing's day, the 主持人 and the notice facts are all known, and again whenever one of them changes: a changed hearing
 * is notified anew), 听证笔录 (the minutes, once).
 */
async function issuePatchDocuments(ctx: AppContext, tx: Db, p: Principal, cur: CaseRow, row: CaseRow, b: CasePatch) {
  const out = [];
  if (b.collectiveDiscussion) {
    const review = await latestReview(ctx, row.id, tx);
    const state = stateOf(row, review);
    out.push(await issueProcedureDocument(ctx, tx, p, row, { kind: 'collective_discussion_record', majorReasons: majorCaseReasons(state), proposed: state.proposal ?? null }));
  }
  if (b.hearing) {
    const before = (cur.hearing ?? {}) as HearingRecord;
    const after = (row.hearing ?? {}) as HearingRecord;
    const key = (h: HearingRecord) => (h.noticeOn && h.heldOn && h.hostId != null && h.notice ? JSON.stringify([h.noticeOn, h.heldOn, h.hostId, h.notice]) : null);
    if (key(after) && key(after) !== key(before)) out.push(await issueProcedureDocument(ctx, tx, p, row, { kind: 'hearing_notification' }));
    if (after.minutes && !before.minutes) out.push(await issueProcedureDocument(ctx, tx, p, row, { kind: 'hearing_record' }));
  }
  return out;
}

function pick(o: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

export async function event(tx: Db, p: Principal, row: CaseRow, action: string, from: string | null, to: string | null, reason: string | null, detail?: unknown) {
  await tx.insert(penaltyCaseEvents).values({ caseId: row.id, regionCode: row.regionCode, action, fromStatus: from, toStatus: to, actorId: p.userId, actorName: p.displayName, actorRole: p.role, reason, detail: detail ?? null });
}

// ---------- discretion (R25, R26, R18) ----------

export interface ViolationInput {
  facts: ViolationFacts;
  amount?: number | null;
  reason?: string | null;
  sanctions?: SanctionKind[];
  punishDespiteOptionalExemption?: boolean;
}

function defaultSanctions(pr: DiscretionProposal): SanctionKind[] {
  // the unconditional sanctions of the item; "情节严重的" ones when the circumstance is serious
  return pr.sanctions.filter((s) => !s.condition || (s.condition.includes('情节严重') && pr.serious)).map((s) => s.kind);
}

/** One violation assessed: the engine's proposal, the amount chosen (R25: outside the tier only with a written reason). */
function assess(catalogue: Parameters<typeof proposeDiscretion>[0], row: CaseRow, majorHazard: boolean, input: ViolationInput, p: Principal): StoredViolation {
  const facts: ViolationFacts = { ...input.facts, ...(majorHazard ? { majorHazard: true } : {}), partyName: input.facts.partyName?.trim() || row.partyName || undefined };
  const noClause = missingClauseProblem(catalogue, facts);
  if (noClause) throw new AppError('VALIDATION', noClause);
  let proposal: DiscretionProposal;
  try {
    proposal = proposeDiscretion(catalogue, facts);
  } catch (e) {
    throw new AppError('VALIDATION', e instanceof Error ? e.message : '裁量事项不存在');
  }
  if (proposal.outcome === 'incomplete') throw new AppError('VALIDATION', `裁量信息不完整：${proposal.problems.join('；')}`);
  const amount = input.amount ?? null;
  const reason = input.reason?.trim() || null;
  const isExempt = proposal.outcome === 'no_penalty' || (proposal.outcome === 'no_penalty_optional' && !input.punishDespiteOptionalExemption);
  if (amount != null && !isExempt) {
    const problems = chosenAmountProblems(proposal, amount, reason);
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  } else if (amount != null && amount > 0 && isExempt) {
    throw new AppError('VALIDATION', proposal.outcome === 'no_penalty' ? chosenAmountProblems(proposal, amount).join('；') : '可以不予处罚的情形决定给予处罚的，请勾选“仍给予处罚”');
  }
  const allowed = new Set(proposal.sanctions.map((s) => s.kind));
  const sanctions = input.sanctions ?? defaultSanctions(proposal);
  const bad = sanctions.filter((s) => !allowed.has(s));
  if (bad.length) throw new AppError('VALIDATION', `所选处罚种类不在该条款规定之内：${bad.join('、')}`);
  const chosen = amount ?? proposal.suggestedAmount ?? 0;
  const deviates = !!proposal.amountRange && !isExempt && (chosen < proposal.amountRange.min || chosen > proposal.amountRange.max);
  return { facts, proposal, amount, reason, sanctions, punishDespiteOptionalExemption: !!input.punishDespiteOptionalExemption, deviates, assessedBy: p.userId, assessedAt: new Date().toISOString() };
}

/** R25: the engine's proposal for facts, without saving (the officer's preview). */
export async function previewDiscretion(ctx: AppContext, facts: ViolationFacts) {
  const catalogue = await discretionCatalogueVersion(ctx, null);
  try {
    return proposeDiscretion(catalogue, facts);
  } catch (e) {
    throw new AppError('VALIDATION', e instanceof Error ? e.message : '裁量事项不存在');
  }
}

async function changeViolations(ctx: AppContext, p: Principal, id: number, action: string, f: (cur: CaseRow, list: StoredViolation[], assessOne: (i: ViolationInput) => StoredViolation) => StoredViolation[]) {
  await loadForStaffWrite(ctx, p, id);
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockCase(tx, id);
    if (!isCaseFileEditable(cur.status)) throw new AppError('CONFLICT', `案件当前为“${penaltyCaseStatusLabels[cur.status as PenaltyCaseStatus]}”，不能再修改违法行为和裁量`);
    const catalogue = await discretionCatalogueVersion(ctx, cur.catalogVersion, tx);
    const major = await fromMajorHazard(ctx, cur, tx);
    // the party named in the reasoning: the case's party, else the enterprise
    const [e] = cur.partyName ? [] : await ctx.database.rows<{ name: string }>(sql`select name from enterprises where id = ${cur.enterpriseId}`, tx);
    const named = { ...cur, partyName: cur.partyName || e?.name || '' };
    const list = f(cur, [...violationsOf(cur)], (i) => assess(catalogue, named, major, i, p));
    const combined = combinePenalties(list.map((v) => ({ proposal: v.proposal, amount: v.amount, reason: v.reason, punishDespiteOptionalExemption: v.punishDespiteOptionalExemption })));
    const [row] = await tx
      .update(penaltyCases)
      .set({ violations: list, combined: list.length ? combined : null, catalogVersion: catalogue.version, majorHazard: major, version: cur.version + 1, updatedAt: new Date() })
      .where(eq(penaltyCases.id, id))
      .returning();
    const last = list.at(-1);
    await event(tx, p, row!, action, cur.status, cur.status, last?.reason ?? null, { count: list.length, total: combined.total });
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action, entityType: 'penalty_case', entityId: id, regionCode: cur.regionCode, reason: last?.deviates ? last.reason : null, before: { violations: violationsOf(cur).map(brief) }, after: { violations: list.map(brief), total: combined.total } },
    ]);
    return caseDto(ctx, p, row!, tx);
  });
}

const brief = (v: StoredViolation) => ({ itemCode: v.proposal.itemCode, tier: v.proposal.tier, suggested: v.proposal.suggestedAmount, amount: v.amount, deviates: v.deviates, reason: v.reason });

export function addViolation(ctx: AppContext, p: Principal, id: number, input: ViolationInput) {
  return changeViolations(ctx, p, id, 'add_violation', (_c, list, a) => {
    if (list.length >= 50) throw new AppError('VALIDATION', '一个案件最多50项违法行为');
    return [...list, a(input)];
  });
}

export function updateViolation(ctx: AppContext, p: Principal, id: number, no: number, input: Partial<ViolationInput>) {
  return changeViolations(ctx, p, id, 'update_violation', (_c, list, a) => {
    const v = list[no - 1];
    if (!v) throw notFound('违法行为');
    list[no - 1] = a({ facts: input.facts ?? v.facts, amount: input.amount !== undefined ? input.amount : v.amount, reason: input.reason !== undefined ? input.reason : v.reason, sanctions: input.sanctions ?? v.sanctions, punishDespiteOptionalExemption: input.punishDespiteOptionalExemption ?? v.punishDespiteOptionalExemption });
    return list;
  });
}

export function removeViolation(ctx: AppContext, p: Principal, id: number, no: number) {
  return changeViolations(ctx, p, id, 'remove_violation', (_c, list) => {
    if (!list[no - 1]) throw notFound('违法行为');
    list.splice(no - 1, 1);
    return list;
  });
}

// ---------- the workflow (R27–R30) ----------

export interface ActionInput {
  action: PenaltyCaseAction;
  reason?: string | null;
  /** decide_on_spot: 违法事实确凿并有法定依据 */
  factsClearWithBasis?: boolean;
  /** transfer: the judicial organ */
  transferTo?: string | null;
  /** the party's acts recorded by an officer from paper: the day the agency received it (default today) */
  receivedOn?: string | null;
  /** the party's acts: files uploaded beforehand (POST /penalty-cases/:id/attachments) */
  evidenceIds?: number[];
  /** serve: how the decision was served (送达回证) */
  service?: ServiceFacts | null;
  /** approve_review / reject_review: the reviewer's finding on each point reviewed (法制审核意见书) */
  reviewPoints?: Partial<Record<LegalReviewAspect, string>> | null;
}

const WAIVER_TEXT = '当事人书面声明放弃陈述、申辩和听证权利';

/**
 * One step of the case: the domain's transitionProblems decides (role → 403, status → 409, conditions → 400, all with
 * the domain's reason); R18 and the discretion problems are checked before a decision; the documents of the step are
 * issued in the same transaction (立案审批表, 告知书 (+听证告知书), 决定书 + 信用修复告知书 两书同达, 移送书).
 */
export async function takeAction(ctx: AppContext, p: Principal, id: number, b: ActionInput) {
  // another enterprise's case, or one outside the jurisdiction: 404 before anything else
  const pre = await loadCase(ctx, p, id);
  if (!penaltyActionRoles[b.action].includes(p.role)) {
    const msg = transitionProblems(stateOf(pre, null), b.action, { id: -p.userId, role: p.role })[0] ?? '您没有执行此操作的权限';
    throw forbidden(msg);
  }
  // R27: the enterprise gets here only with the party's own acts (penaltyActionRoles), on its own case (loadCase)
  const party = isPenaltyPartyAction(b.action);
  if (p.role !== 'enterprise') assertCanWrite(p, pre, { review: b.action === 'approve_review' || b.action === 'reject_review' });
  const today = shanghaiDate();
  const cfg = penaltyDeadlineConfig();
  const evidenceIds = [...new Set(b.evidenceIds ?? [])];
  if (!party && (b.receivedOn || evidenceIds.length)) throw new AppError('VALIDATION', '只有陈述申辩、听证申请、撤回听证申请和书面放弃可以填写收到日期或附件');
  if (b.receivedOn && p.role === 'enterprise') throw new AppError('VALIDATION', '在线提交以系统收到的日期为准，不能另行填写日期');
  if (b.receivedOn && b.receivedOn > today) throw new AppError('VALIDATION', '收到日期不能晚于今天');
  // the day the party made it: today online; for a paper submission, the day the agency received it
  const on = party ? (b.receivedOn ?? today) : today;
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockCase(tx, id);
    if (party && cur.notifiedOn && on < cur.notifiedOn) throw new AppError('VALIDATION', `收到日期不能早于告知日期（${cur.notifiedOn}）`);
    const major = await fromMajorHazard(ctx, cur, tx);
    const review = await latestReview(ctx, id, tx);
    const state = stateOf(cur, review, await unansweredStatementsOf(ctx, id, tx));
    const actor = { id: await actorIdOf(ctx, p, tx), role: p.role, userId: p.userId };
    const to = nextPenaltyStatus(state, b.action);
    const problems = transitionProblems(state, b.action, actor, { today: on, reason: b.reason ?? null, deadlines: cfg, factsClearWithBasis: b.factsClearWithBasis ?? false });
    if (!to) throw new AppError('CONFLICT', problems.join('；') || `案件当前为“${penaltyCaseStatusLabels[cur.status as PenaltyCaseStatus]}”，不能“${penaltyActionLabelFor(b.action, p.role)}”`);
    const proposal = state.proposal;
    if (b.action === 'decide' || b.action === 'decide_on_spot' || b.action === 'notify') {
      if (violationsOf(cur).length) problems.push(...combinedOf(cur).problems);
    }
    if (b.action === 'decide' || b.action === 'decide_on_spot' || b.action === 'cancel') {
      // R18: a major hazard or a serious violation is never closed with rectification only
      const worst = violationsOf(cur).reduce<DiscretionTier | null>((w, v) => (w == null || discretionTiers.indexOf(v.facts.circumstance) > discretionTiers.indexOf(w) ? v.facts.circumstance : w), null);
      const outcome =
        b.action === 'cancel'
          ? ('no_penalty' as const)
          : proposal?.kind === 'penalty'
            ? proposal.fine > 0 || proposal.sanctions.some((s) => !correctiveOrders.includes(s))
              ? ('penalty' as const)
              : ('rectification_only' as const)
            : ('no_penalty' as const);
      problems.push(...rectificationOnlyProblems({ majorHazard: major, circumstance: worst, outcome, noPenaltyBasis: b.action === 'cancel' ? b.reason : (cur.noPenaltyBasis ?? (cur.decisionKind === 'not_established' ? b.reason : null)) }));
    }
    if (b.action === 'close') {
      // R29: a 卷宗 missing a document it must hold is not closed (the list is of kinds the platform issues itself)
      const { missing } = await caseCompleteness(ctx, cur, tx);
      if (missing.length) problems.push(`卷宗不完整，缺少：${missing.map((d) => `《${d.label}》`).join('、')}，不能结案`);
    }
    if (b.action === 'transfer' && !b.transferTo?.trim()) problems.push('请填写移送的司法机关（公安机关或者人民检察院）');
    if (b.action === 'serve') {
      // issue #17: the 送达回证 is generated from these facts; 电子送达 only with the party's written consent (第六十一条)
      if (!b.service) problems.push('请登记送达方式、受送达人和送达地点');
      else problems.push(...serviceProblems(b.service, today, cur.decidedOn));
    }
    if (b.service && b.action !== 'serve') problems.push('只有送达时可以填写送达情况');
    if (b.reviewPoints && b.action !== 'approve_review' && b.action !== 'reject_review') problems.push('只有法制审核可以填写审核要点');
    if (evidenceIds.length) {
      // only files the submitter uploaded for this party's case (not an inspection's or a hazard's evidence)
      const found = await ctx.database.rows<{ id: number }>(
        sql`select id from evidence where id = any(${arrayParam(evidenceIds, 'bigint')}) and enterprise_id = ${cur.enterpriseId} and uploaded_by = ${p.userId} and inspection_id is null and hazard_id is null`,
        tx,
      );
      if (found.length !== evidenceIds.length) problems.push('附件不存在或不是本人为本案上传的，请重新上传');
    }
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));

    const set: Partial<typeof penaltyCases.$inferInsert> = { status: to, version: cur.version + 1, updatedAt: new Date(), majorHazard: major };
    const reason = b.reason?.trim() || (b.action === 'waive_rights' ? WAIVER_TEXT : null);
    switch (b.action) {
      case 'open':
        set.openedOn = today;
        set.decisionDue = decisionDue(today, cfg);
        break;
      case 'cancel':
      case 'close':
        set.closedOn = today;
        break;
      case 'notify':
        set.notified = proposal;
        set.notifiedOn = today;
        set.statementReceived = false;
        set.rightsWaived = false;
        // a new notice (after the case was sent back) starts the party's rights over, the hearing request with them;
        // the earlier request and hearing stay in the timeline, the audit log and the documents issued
        set.hearing = null;
        break;
      case 'record_statement':
        set.statementReceived = true;
        // A further statement within the period is accepted and appended as a supplement (补充陈述、申辩), not
        // refused: the agency must hear and weigh everything the party puts forward before deciding (《行政处罚法》
        // 第四十五条), and parties commonly send further facts or evidence after a first letter. Each submission
        // is its own timeline entry; the decision cites them all (documents.ts).
        set.statementText = cur.statementReceived && cur.statementText ? `${cur.statementText}\n【补充陈述、申辩（${on}）】${reason}` : reason;
        break;
      case 'request_hearing':
        // A second request is refused (workflow.ts): the hearing is already being arranged; anything more the
        // party wants to say is said at the hearing (第六十四条).
        set.hearing = { requestedOn: on };
        break;
      case 'waive_rights':
        set.rightsWaived = true;
        break;
      case 'withdraw_hearing':
        // R27 (《行政处罚法》第六十四条): withdrawn before the hearing — it is not held; the record keeps the request
        // (and any notice or scheduled day) and says when it was withdrawn; the status stays 'hearing', and once the
        // statement period is over (or the party has stated its case) the case goes on to review or decision
        // (rightsProblems). The party's stated reason, if any, is the event's text.
        set.hearing = { ...(cur.hearing as Record<string, unknown>), abandoned: true, withdrawnOn: on };
        break;
      case 'submit_review':
        await tx.insert(legalReviews).values({ caseId: id, regionCode: cur.regionCode, majorReasons: majorCaseReasons(state), submittedBy: p.userId });
        break;
      case 'approve_review':
      case 'reject_review': {
        if (!review || review.result !== 'pending') throw new AppError('CONFLICT', '没有待审核的法制审核申请');
        await tx
          .update(legalReviews)
          .set({ result: b.action === 'approve_review' ? 'approved' : 'returned', reviewerId: p.userId, reviewerName: p.displayName, comments: reason, points: b.reviewPoints ?? {}, decidedAt: new Date() })
          .where(eq(legalReviews.id, review.id));
        break;
      }
      case 'decide':
      case 'decide_on_spot': {
        if (b.action === 'decide_on_spot') {
          set.openedOn = today;
        }
        set.decidedOn = today;
        set.decision = { ...proposal!, reasoning: violationsOf(cur).length ? combinedOf(cur).reasoning : '', decidedBy: p.displayName, decidedOn: today, noPenaltyBasis: cur.noPenaltyBasis };
        break;
      }
      case 'serve':
        set.servedOn = b.service!.servedOn ?? today;
        set.service = { ...b.service!, servedOn: set.servedOn };
        break;
      case 'transfer':
        set.transferredTo = b.transferTo!.trim();
        break;
      default:
        break;
    }
    const [row] = await tx.update(penaltyCases).set(set).where(eq(penaltyCases.id, id)).returning();
    const docs = await issueCaseDocuments(ctx, tx, p, row!, b.action, { hearingRight: b.action === 'notify' && hearingRightReasons(state.partyKind, proposal).length > 0, reason });
    // issue #17: 送达回证 on serving, 法制审核意见书 on the review's conclusion
    if (b.action === 'serve') docs.push(await issueProcedureDocument(ctx, tx, p, row!, { kind: 'service_record', service: row!.service as ServiceFacts & { servedOn: string } }));
    if ((b.action === 'approve_review' || b.action === 'reject_review') && review) {
      docs.push(
        await issueProcedureDocument(ctx, tx, p, row!, {
          kind: 'legal_review_opinion',
          review: { submittedAt: review.submittedAt, majorReasons: (review.majorReasons as string[] | null) ?? [], approved: b.action === 'approve_review', opinion: reason ?? '', reviewer: p.displayName, points: b.reviewPoints ?? null },
          proposed: proposal ?? null,
        }),
      );
    }
    if (b.action === 'open' && docs[0]) {
      // the case number is the 立案审批表's number (gapless per agency and year, R35)
      await tx.update(penaltyCases).set({ caseNumber: docs[0].number }).where(eq(penaltyCases.id, id));
      row!.caseNumber = docs[0].number;
    }
    if ((b.action === 'decide' || b.action === 'decide_on_spot') && proposal) {
      const decisionDoc = docs.find((d) => d.kind === 'penalty_decision');
      if (proposal.kind === 'penalty' && row!.procedure === 'general') {
        // R29: disclosure due by the earlier of 7 working days and 15 days
        const due = publicationDue(today, cfg);
        await tx.insert(penaltyPublications).values({ caseId: id, regionCode: row!.regionCode, enterpriseId: row!.enterpriseId, decidedOn: today, dueOn: due.due, dueRule: due.rule, content: await publicationContent(ctx, tx, row!, decisionDoc?.number ?? null) });
      }
      await recordDecisionCredit(ctx, tx, p, row!, proposal, decisionDoc?.number ?? null, today);
    }
    const partyDetail: PartyDetail | null = party ? { party: { receivedOn: on, onBehalf: p.role !== 'enterprise', supplement: b.action === 'record_statement' && cur.statementReceived, evidenceIds } } : null;
    await event(tx, p, row!, b.action, cur.status, to, reason, { ...(docs.length ? { documents: docs.map((d) => d.number) } : {}), ...(b.transferTo ? { transferTo: b.transferTo } : {}), ...partyDetail });
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: b.action,
        entityType: 'penalty_case',
        entityId: id,
        regionCode: cur.regionCode,
        reason,
        before: { status: cur.status, ...(party ? { statementReceived: cur.statementReceived, rightsWaived: cur.rightsWaived, hearing: cur.hearing } : {}) },
        after: {
          status: to,
          ...(set.decision ? { decision: { kind: proposal!.kind, fine: proposal!.fine, sanctions: proposal!.sanctions } } : {}),
          ...(set.service ? { service: set.service } : {}),
          ...(partyDetail ? { ...partyDetail.party, actorRole: p.role, ...(set.hearing ? { hearing: set.hearing } : {}), ...(set.rightsWaived ? { rightsWaived: true } : {}), ...(set.statementReceived ? { statementReceived: true } : {}) } : {}),
        },
      },
    ]);
    return caseDto(ctx, p, row!, tx);
  });
}

// ---------- R27/R29: the answer to each statement (采纳情况) ----------

/**
 * The officer records whether a statement of the party is adopted (采纳 / 部分采纳 / 不予采纳) and why, before the
 * decision (《行政处罚法》第四十五条); it may be changed until then. One timeline event and one audit entry each time.
 */
export async function answerStatement(ctx: AppContext, p: Principal, id: number, eventId: number, b: { result: StatementAdoption; reasons: string }) {
  await loadForStaffWrite(ctx, p, id);
  const problems = statementAnswerProblems(b);
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  const reasons = b.reasons.trim();
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockCase(tx, id);
    if (!isPreDecision(cur.status)) throw new AppError('CONFLICT', `案件当前为“${penaltyCaseStatusLabels[cur.status as PenaltyCaseStatus]}”，不能再登记陈述、申辩的采纳情况`);
    const [ev] = await tx.select().from(penaltyCaseEvents).where(eq(penaltyCaseEvents.id, eventId));
    if (!ev || ev.caseId !== id || ev.action !== 'record_statement') throw notFound('陈述、申辩记录');
    const receivedOn = (ev.detail as PartyDetail | null)?.party?.receivedOn ?? shanghaiDate(ev.at);
    const [before] = await tx.select().from(penaltyStatementAnswers).where(eq(penaltyStatementAnswers.eventId, eventId));
    const values = { result: b.result, reasons, recordedBy: p.userId, recordedByName: p.displayName, recordedAt: new Date() };
    if (before) await tx.update(penaltyStatementAnswers).set(values).where(eq(penaltyStatementAnswers.id, before.id));
    else await tx.insert(penaltyStatementAnswers).values({ caseId: id, eventId, regionCode: cur.regionCode, ...values });
    const [row] = await tx.update(penaltyCases).set({ version: cur.version + 1, updatedAt: new Date() }).where(eq(penaltyCases.id, id)).returning();
    const label = statementAdoptionLabels[b.result];
    await event(tx, p, row!, 'answer_statement', cur.status, cur.status, `${label}：${reasons}`, { statementEventId: eventId, result: b.result });
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: 'answer_statement',
        entityType: 'penalty_case',
        entityId: id,
        regionCode: cur.regionCode,
        reason: reasons,
        before: before ? { statementReceivedOn: receivedOn, adoption: statementAdoptionLabels[before.result as StatementAdoption], adoptionReasons: before.reasons } : null,
        after: { statementReceivedOn: receivedOn, adoption: label, adoptionReasons: reasons },
      },
    ]);
    return caseDto(ctx, p, row!, tx);
  });
}

// ---------- 提级管辖: a higher level takes a case over ----------

/** Why this caller may not take the case over now (null: it may); `from` is the handling agency. */
function escalationRefusal(p: Principal, row: Pick<CaseRow, 'agencyId' | 'status'>, from: { name: string; region_code: string } | undefined): AppError | null {
  if (p.role === 'enterprise') return forbidden('企业用户不能办理提级管辖');
  if (p.role !== 'leader' || !p.agencyId) return forbidden('提级管辖由上级机关负责人决定');
  if (row.agencyId === p.agencyId) return new AppError('CONFLICT', '本案已由本机关办理，无需提级管辖');
  // only an agency above the handling one: the handling agency's region lies within the caller's, and it is not the caller's
  if (!from || !inJurisdiction(p, from.region_code) || from.region_code === p.agencyRegionCode) return forbidden(`只有${from?.name ?? '承办机关'}的上级机关可以提级管辖本案`);
  if (!isCaseFileEditable(row.status)) return new AppError('CONFLICT', `案件当前为“${penaltyCaseStatusLabels[row.status as PenaltyCaseStatus]}”，不能提级管辖（须在作出决定前）`);
  return null;
}

/**
 * 提级管辖 (《行政处罚法》第二十五条): a leader of an agency above the handling agency takes the case over, with a written
 * reason (10+ characters, checked by the route), before the decision. From then on the taking agency handles it and the
 * original one no longer acts on it (assertCanWrite). The investigators were the original agency's officers: the taking
 * agency names its own (PATCH investigatorIds) before the next step that needs them. One transaction with a timeline
 * event and an audit entry.
 */
export async function escalateCase(ctx: AppContext, p: Principal, id: number, b: { reason: string }) {
  const pre = await loadCase(ctx, p, id);
  const [from] = await ctx.database.rows<{ id: number; name: string; region_code: string }>(sql`select id, name, region_code from agencies where id = ${pre.agencyId}`);
  const refused = escalationRefusal(p, pre, from);
  if (refused) throw refused;
  const reason = b.reason.trim();
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockCase(tx, id);
    if (cur.agencyId !== pre.agencyId) throw new AppError('CONFLICT', '案件的承办机关已经变更，请刷新后重试');
    const late = escalationRefusal(p, cur, from);
    if (late) throw late;
    const [row] = await tx
      .update(penaltyCases)
      .set({ agencyId: p.agencyId!, investigatorIds: [], version: cur.version + 1, updatedAt: new Date() })
      .where(eq(penaltyCases.id, id))
      .returning();
    const detail = { fromAgencyId: Number(from!.id), fromAgencyName: from!.name, toAgencyId: p.agencyId!, toAgencyName: p.agencyName, previousInvestigatorIds: cur.investigatorIds };
    await event(tx, p, row!, 'escalate', cur.status, cur.status, reason, detail);
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: 'escalate',
        entityType: 'penalty_case',
        entityId: id,
        regionCode: cur.regionCode,
        reason,
        before: { agencyId: cur.agencyId, agencyName: from!.name, investigatorIds: cur.investigatorIds },
        after: { agencyId: p.agencyId, agencyName: p.agencyName, investigatorIds: [] },
      },
    ]);
    return caseDto(ctx, p, row!, tx);
  });
}

/** R28: the legal reviews of the caller's jurisdiction (the reviewer's work list). */
export async function listLegalReviews(ctx: AppContext, p: Principal, q: { result?: 'pending' | 'approved' | 'returned' }) {
  if (p.role === 'enterprise') throw forbidden();
  const conds: SQL[] = [regionCondition(p, 'r.region_code')];
  if (q.result) conds.push(sql`r.result = ${q.result}`);
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select r.id, r.case_id, c.case_number, e.name as enterprise_name, r.result, r.major_reasons, r.submitted_at, r.reviewer_name, r.comments, r.decided_at
          from legal_reviews r join penalty_cases c on c.id = r.case_id join enterprises e on e.id = c.enterprise_id
         where ${sql.join(conds, sql` and `)} order by r.submitted_at desc, r.id desc limit 500`,
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      caseId: Number(r.case_id),
      caseNumber: r.case_number as string | null,
      enterpriseName: r.enterprise_name as string,
      result: r.result as string,
      majorReasons: r.major_reasons as string[],
      submittedAt: r.submitted_at as Date | string,
      reviewerName: r.reviewer_name as string | null,
      comments: r.comments as string | null,
      decidedAt: r.decided_at as Date | string | null,
    })),
  };
}

// ---------- R31: interventions ----------

export async function recordIntervention(ctx: AppContext, p: Principal, id: number, b: { intervenerName: string; intervenerPosition: string; method: string; content: string; occurredOn: string }) {
  const row = await loadCase(ctx, p, id);
  if (p.role === 'enterprise') throw forbidden('企业用户不能登记干预记录');
  // recorded by the handling agency, whose case file it belongs to; a higher level's staff see it there
  assertCanWrite(p, row);
  if (b.occurredOn > shanghaiDate()) throw new AppError('VALIDATION', '干预日期不能晚于今天');
  return ctx.database.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(penaltyInterventions)
      .values({ caseId: id, regionCode: row.regionCode, intervenerName: b.intervenerName.trim(), intervenerPosition: b.intervenerPosition.trim(), method: b.method.trim(), content: b.content.trim(), occurredOn: b.occurredOn, recordedBy: p.userId, recordedByName: p.displayName })
      .returning();
    await event(tx, p, row, 'record_intervention', row.status, row.status, null, { interventionId: r!.id });
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'record_intervention', entityType: 'penalty_case', entityId: id, regionCode: row.regionCode, after: { intervenerName: r!.intervenerName, intervenerPosition: r!.intervenerPosition, method: r!.method, occurredOn: r!.occurredOn } }]);
    return r!;
  });
}

