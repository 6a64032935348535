// R27–R30: the steps of a case and the answer to the party's statements. The domain decides whether a step is allowed
// (transitionProblems) and what it changes (penaltyActionEffects); this file loads, stores, issues the documents
// and audits — one transaction per command.
import { eq, sql } from 'drizzle-orm';
import {
  isPreDecision,
  correctiveOrders,
  decisionDue,
  discretionTiers,
  hearingRightReasons,
  isPenaltyPartyAction,
  majorCaseReasons,
  nextPenaltyStatus,
  penaltyActionLabelFor,
  penaltyActionRoles,
  penaltyCaseStatusLabels,
  publicationDue,
  rectificationOnlyProblems,
  transitionProblems,
  type DiscretionTier,
  type PenaltyCaseAction,
  type PenaltyCaseStatus,
  statementAdoptionLabels,
  statementAnswerProblems,
  type StatementAdoption,
  serviceProblems,
  type LegalReviewAspect,
  type ServiceFacts,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { legalReviews, penaltyCaseEvents, penaltyPublications, penaltyStatementAnswers } from '../../db/penaltySchema.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { assertCanWrite, loadCase } from './caseAccess.js';
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
