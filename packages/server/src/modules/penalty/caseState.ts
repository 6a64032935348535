// Penalty cases: loading a case for a command, the state the workflow (@anjian/domain workflow.ts) sees, and the
// timeline entry each command writes. Shared by the use cases (caseService, caseActions, violations, …).
import { desc, eq, sql } from 'drizzle-orm';
import {
  isCaseFileEditable,
  combinePenalties,
  correctiveOrders,
  defaultPenaltyDeadlineConfig,
  penaltyCaseStatusLabels,
  type CaseViolation,
  type CollectiveDiscussion,
  type CombinedPenalty,
  type PenaltyCaseState,
  type PenaltyCaseStatus,
  type PenaltyDeadlineConfig,
  type PenaltyDecisionKind,
  type PenaltyProcedure,
  type ProposedDecision,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { legalReviews, penaltyCaseEvents } from '../../db/penaltySchema.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { inJurisdiction, requirePermission, type Principal } from '../auth/principal.js';
import { assertCanWrite, loadCase, type CaseRow, type StoredViolation } from './caseAccess.js';

/** 负责人集体讨论 as stored: the record and who entered it (legacy: a yes/no flag before migration 0029). */
export type CollectiveDiscussionRecord = CollectiveDiscussion & { recordedBy: string; legacy?: boolean };

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

export async function lockCase(tx: Db, id: number): Promise<CaseRow> {
  const [row] = await tx.select().from(penaltyCases).where(eq(penaltyCases.id, id)).for('update');
  return row!;
}

/**
 * Staff-only commands on a case: the case is loaded first, so another enterprise's case stays 404 (its existence not
 * revealed), then the enterprise gets 403 with the reason.
 */
export async function loadForStaffWrite(ctx: AppContext, p: Principal, id: number): Promise<CaseRow> {
  const row = await loadCase(ctx, p, id);
  assertCanWrite(p, row);
  requirePermission(p, 'penalty.write');
  return row;
}

export const violationsOf = (row: Pick<CaseRow, 'violations'>) => (row.violations ?? []) as StoredViolation[];

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

export async function latestReview(ctx: AppContext, caseId: number, executor?: Db) {
  const [r] = await (executor ?? ctx.database.db).select().from(legalReviews).where(eq(legalReviews.caseId, caseId)).orderBy(desc(legalReviews.id)).limit(1);
  return r ?? null;
}

/**
 * R27/R29: the days the party's statements were received that have no answer (采纳情况) yet — the decision waits for
 * them (workflow.ts).
 */
export async function unansweredStatementsOf(ctx: AppContext, caseId: number, executor?: Db): Promise<string[]> {
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
export function stateOf(row: CaseRow, review: Awaited<ReturnType<typeof latestReview>>, unansweredStatements: readonly string[] = []): PenaltyCaseState {
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
export async function actorIdOf(ctx: AppContext, p: Principal, executor?: Db): Promise<number> {
  const [o] = await ctx.database.rows<{ id: number }>(sql`select id from officers where user_id = ${p.userId} order by id limit 1`, executor);
  return o ? Number(o.id) : -p.userId;
}

/** R18: the case comes from a major hazard (the finding or a hazard pointing at it). */
export async function fromMajorHazard(ctx: AppContext, row: CaseRow, executor?: Db): Promise<boolean> {
  if (row.majorHazard) return true;
  const [r] = await ctx.database.rows<{ major: boolean }>(
    sql`select (exists (select 1 from findings f where f.id = ${row.sourceFindingId ?? -1} and f.major) or exists (select 1 from hazards h where h.penalty_case_id = ${row.id} and h.major)) as major`,
    executor,
  );
  return !!r?.major;
}

export async function event(tx: Db, p: Principal, row: CaseRow, action: string, from: string | null, to: string | null, reason: string | null, detail?: unknown) {
  await tx.insert(penaltyCaseEvents).values({ caseId: row.id, regionCode: row.regionCode, action, fromStatus: from, toStatus: to, actorId: p.userId, actorName: p.displayName, actorRole: p.role, reason, detail: detail ?? null });
}

export interface PartyDetail {
  party: { receivedOn: string; onBehalf: boolean; supplement: boolean; evidenceIds: number[] };
}

/** Why this caller may not take the case over now (null: it may); `from` is the handling agency. */
export function escalationRefusal(p: Principal, row: Pick<CaseRow, 'agencyId' | 'status'>, from: { name: string; region_code: string } | undefined): AppError | null {
  if (p.role === 'enterprise') return forbidden('企业用户不能办理提级管辖');
  if (p.role !== 'leader' || !p.agencyId) return forbidden('提级管辖由上级机关负责人决定');
  if (row.agencyId === p.agencyId) return new AppError('CONFLICT', '本案已由本机关办理，无需提级管辖');
  // only an agency above the handling one: the handling agency's region lies within the caller's, and it is not the caller's
  if (!from || !inJurisdiction(p, from.region_code) || from.region_code === p.agencyRegionCode) return forbidden(`只有${from?.name ?? '承办机关'}的上级机关可以提级管辖本案`);
  if (!isCaseFileEditable(row.status)) return new AppError('CONFLICT', `案件当前为“${penaltyCaseStatusLabels[row.status as PenaltyCaseStatus]}”，不能提级管辖（须在作出决定前）`);
  return null;
}
