// R27–R30: the steps of a case and the answer to the party's statements. The domain decides whether a step is allowed
// (transitionProblems) and what it changes (penaltyActionEffects); this file loads, stores, issues the documents
// and audits — one transaction per command.
import { eq, sql } from 'drizzle-orm';
import {
  actionReason,
  decisionOutcome,
  isPenaltyPartyAction,
  isPreDecision,
  majorCaseReasons,
  nextPenaltyStatus,
  penaltyActionEffects,
  penaltyActionLabelFor,
  penaltyActionRoles,
  penaltyCaseStatusLabels,
  publicationDue,
  rectificationOnlyProblems,
  serviceProblems,
  statementAdoptionLabels,
  statementAnswerProblems,
  transitionProblems,
  worstCircumstance,
  type ActionEffects,
  type LegalReviewAspect,
  type PenaltyCaseAction,
  type PenaltyCaseState,
  type PenaltyCaseStatus,
  type PenaltyProcedure,
  type ProposedDecision,
  type ServiceFacts,
  type StatementAdoption,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { legalReviews, penaltyCaseEvents, penaltyPublications, penaltyStatementAnswers } from '../../db/penaltySchema.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { assertCanWrite, loadCase, type CaseRow } from './caseAccess.js';
import { publicationContent } from './publication.js';
import { caseCompleteness } from '../documents/caseFile.js';
import { issueCaseDocuments, issueProcedureDocument } from './documents.js';
import { recordDecisionCredit } from '../credit/service.js';
import { type PartyDetail, penaltyDeadlineConfig, lockCase, loadForStaffWrite, violationsOf, combinedOf, latestReview, unansweredStatementsOf, stateOf, actorIdOf, fromMajorHazard, event } from './caseState.js';
import { caseDto } from './caseQueries.js';

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

/** The request's own checks, before the case is locked: who acts, and on which day the party made its act. */
function partyActOn(p: Principal, b: ActionInput, today: string) {
  // R27: the enterprise gets here only with the party's own acts (penaltyActionRoles), on its own case (loadCase)
  const party = isPenaltyPartyAction(b.action);
  const evidenceIds = [...new Set(b.evidenceIds ?? [])];
  if (!party && (b.receivedOn || evidenceIds.length)) throw new AppError('VALIDATION', '只有陈述申辩、听证申请、撤回听证申请和书面放弃可以填写收到日期或附件');
  if (b.receivedOn && p.role === 'enterprise') throw new AppError('VALIDATION', '在线提交以系统收到的日期为准，不能另行填写日期');
  if (b.receivedOn && b.receivedOn > today) throw new AppError('VALIDATION', '收到日期不能晚于今天');
  // the day the party made it: today online; for a paper submission, the day the agency received it
  return { party, evidenceIds, on: party ? (b.receivedOn ?? today) : today };
}

/** Beyond the transition rules: R18, the discretion, the 卷宗's completeness, the service facts, the files cited. */
async function stepProblems(ctx: AppContext, tx: Db, p: Principal, cur: CaseRow, b: ActionInput, c: { major: boolean; proposal: ProposedDecision | null | undefined; today: string; evidenceIds: number[] }): Promise<string[]> {
  const problems: string[] = [];
  if ((b.action === 'decide' || b.action === 'decide_on_spot' || b.action === 'notify') && violationsOf(cur).length) problems.push(...combinedOf(cur).problems);
  if (b.action === 'decide' || b.action === 'decide_on_spot' || b.action === 'cancel') {
    // R18: a major hazard or a serious violation is never closed with rectification only
    const circumstance = worstCircumstance(violationsOf(cur).map((v) => v.facts.circumstance));
    const noPenaltyBasis = b.action === 'cancel' ? b.reason : (cur.noPenaltyBasis ?? (cur.decisionKind === 'not_established' ? b.reason : null));
    problems.push(...rectificationOnlyProblems({ majorHazard: c.major, circumstance, outcome: decisionOutcome(b.action, c.proposal), noPenaltyBasis }));
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
    else problems.push(...serviceProblems(b.service, c.today, cur.decidedOn));
  }
  if (b.service && b.action !== 'serve') problems.push('只有送达时可以填写送达情况');
  if (b.reviewPoints && b.action !== 'approve_review' && b.action !== 'reject_review') problems.push('只有法制审核可以填写审核要点');
  if (c.evidenceIds.length) {
    // only files the submitter uploaded for this party's case (not an inspection's or a hazard's evidence)
    const found = await ctx.database.rows<{ id: number }>(
      sql`select id from evidence where id = any(${arrayParam(c.evidenceIds, 'bigint')}) and enterprise_id = ${cur.enterpriseId} and uploaded_by = ${p.userId} and inspection_id is null and hazard_id is null`,
      tx,
    );
    if (found.length !== c.evidenceIds.length) problems.push('附件不存在或不是本人为本案上传的，请重新上传');
  }
  return problems;
}

type Review = Awaited<ReturnType<typeof latestReview>>;

/** R28: the legal review the step opens, or the result it records on the pending one. */
async function recordReview(tx: Db, p: Principal, cur: CaseRow, state: PenaltyCaseState, review: Review, e: ActionEffects, b: ActionInput, reason: string | null) {
  if (e.legalReview === 'submit') {
    await tx.insert(legalReviews).values({ caseId: cur.id, regionCode: cur.regionCode, majorReasons: majorCaseReasons(state), submittedBy: p.userId });
  } else if (e.legalReview) {
    if (!review || review.result !== 'pending') throw new AppError('CONFLICT', '没有待审核的法制审核申请');
    await tx
      .update(legalReviews)
      .set({ result: e.legalReview, reviewerId: p.userId, reviewerName: p.displayName, comments: reason, points: b.reviewPoints ?? {}, decidedAt: new Date() })
      .where(eq(legalReviews.id, review.id));
  }
}

/** The documents of the step, the case number, and what a decision sets going (R29 publication, R32 credit). */
async function followUps(ctx: AppContext, tx: Db, p: Principal, row: CaseRow, b: ActionInput, e: ActionEffects, c: { review: Review; proposal: ProposedDecision | null | undefined; reason: string | null; today: string }) {
  const docs = await issueCaseDocuments(ctx, tx, p, row, b.action, { hearingRight: e.documents.hearingNotice, reason: c.reason });
  if (e.documents.serviceRecord) docs.push(await issueProcedureDocument(ctx, tx, p, row, { kind: 'service_record', service: row.service as ServiceFacts & { servedOn: string } }));
  if (e.documents.legalReviewOpinion && c.review) {
    const review = { submittedAt: c.review.submittedAt, majorReasons: (c.review.majorReasons as string[] | null) ?? [], approved: b.action === 'approve_review', opinion: c.reason ?? '', reviewer: p.displayName, points: b.reviewPoints ?? null };
    docs.push(await issueProcedureDocument(ctx, tx, p, row, { kind: 'legal_review_opinion', review, proposed: c.proposal ?? null }));
  }
  if (e.caseNumberFromFirstDocument && docs[0]) {
    // the case number is the 立案审批表's number (gapless per agency and year, R35)
    await tx.update(penaltyCases).set({ caseNumber: docs[0].number }).where(eq(penaltyCases.id, row.id));
    row.caseNumber = docs[0].number;
  }
  const decisionNumber = docs.find((d) => d.kind === 'penalty_decision')?.number ?? null;
  if (e.publication) {
    // R29: disclosure due by the earlier of 7 working days and 15 days
    const due = publicationDue(c.today, penaltyDeadlineConfig());
    await tx.insert(penaltyPublications).values({ caseId: row.id, regionCode: row.regionCode, enterpriseId: row.enterpriseId, decidedOn: c.today, dueOn: due.due, dueRule: due.rule, content: await publicationContent(ctx, tx, row, decisionNumber) });
  }
  if (e.credit && c.proposal) await recordDecisionCredit(ctx, tx, p, row, c.proposal, decisionNumber, c.today);
  return docs;
}

/**
 * One step of the case: the domain's transitionProblems decides (role → 403, status → 409, conditions → 400, all with
 * the domain's reason) and penaltyActionEffects what it changes; R18 and the discretion problems are checked before
 * a decision; the documents of the step are issued in the same transaction (立案审批表, 告知书 (+听证告知书), 决定书 +
 * 信用修复告知书 两书同达, 移送书).
 */
export async function takeAction(ctx: AppContext, p: Principal, id: number, b: ActionInput) {
  // another enterprise's case, or one outside the jurisdiction: 404 before anything else
  const pre = await loadCase(ctx, p, id);
  if (!penaltyActionRoles[b.action].includes(p.role)) {
    const msg = transitionProblems(stateOf(pre, null), b.action, { id: -p.userId, role: p.role })[0] ?? '您没有执行此操作的权限';
    throw forbidden(msg);
  }
  if (p.role !== 'enterprise') assertCanWrite(p, pre, { review: b.action === 'approve_review' || b.action === 'reject_review' });
  const today = shanghaiDate();
  const cfg = penaltyDeadlineConfig();
  const { party, evidenceIds, on } = partyActOn(p, b, today);
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
    problems.push(...(await stepProblems(ctx, tx, p, cur, b, { major, proposal, today, evidenceIds })));
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));

    const reason = actionReason(b.action, b.reason);
    const e = penaltyActionEffects(
      { procedure: cur.procedure as PenaltyProcedure, partyKind: state.partyKind, statementReceived: cur.statementReceived, statementText: cur.statementText, hearing: cur.hearing, noPenaltyBasis: cur.noPenaltyBasis },
      { action: b.action, today, on, reason, proposal: proposal ?? null, reasoning: violationsOf(cur).length ? combinedOf(cur).reasoning : '', decidedBy: p.displayName, service: b.service, transferTo: b.transferTo, deadlines: cfg },
    );
    const set: Partial<typeof penaltyCases.$inferInsert> = { ...e.set, status: to, version: cur.version + 1, updatedAt: new Date(), majorHazard: major };
    await recordReview(tx, p, cur, state, review, e, b, reason);
    const [row] = await tx.update(penaltyCases).set(set).where(eq(penaltyCases.id, id)).returning();
    const docs = await followUps(ctx, tx, p, row!, b, e, { review, proposal, reason, today });
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
