// Penalty cases (R18, R25–R31): the list (and its filter, shared by the .xlsx export) and the case's detail as the
// web shows it — deadlines, available actions, the party's submissions, documents and alerts.
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import {
  availablePenaltyActions,
  countdown,
  decisionDue,
  hearingRequestDue,
  hearingRightReasons,
  isPenaltyPartyAction,
  majorCaseReasons,
  paymentDue,
  penaltyCaseStatusLabels,
  penaltyPeriods,
  serviceDue,
  statementDefenseDue,
  type PenaltyCaseStatus,
  type ProposedDecision,
  isProvisionalDate,
  isServedOnParty,
  earliestHearingDate,
  latePaymentSurcharge,
  statementAdoptionLabels,
  type StatementAdoption,
  type HearingRecord,
  type ServiceFacts,
  evidencePreservationDue,
  seizureDue,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { legalReviews, penaltyCaseEvents, penaltyInterventions, penaltyPublications, penaltyStatementAnswers } from '../../db/penaltySchema.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { enterpriseOwnedCondition, isActingAgency, regionScopeCondition, type Principal } from '../auth/principal.js';
import { loadCase, type CaseRow } from './caseAccess.js';
import { enforcementAlerts } from './alerts.js';
import { keptDeadlinesOf } from '../calendar/service.js';
import { type CollectiveDiscussionRecord, type PartyDetail, escalationRefusal, penaltyDeadlineConfig, violationsOf, combinedOf, stateOf, actorIdOf, fromMajorHazard } from './caseState.js';

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

export async function caseDto(ctx: AppContext, p: Principal, row: CaseRow, executor?: Db) {
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
