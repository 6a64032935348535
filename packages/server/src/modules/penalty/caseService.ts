// Penalty cases (R18, R25–R31): creating a case and editing its file. The rules are @anjian/domain's; the other use
// cases have their own files (caseQueries, violations, caseActions, escalation, legalReview, interventions).
import { eq, sql } from 'drizzle-orm';
import {
  isCaseFileEditable,
  isPreDecision,
  collectiveDiscussionProblems,
  majorCaseReasons,
  penaltyCaseStatusLabels,
  type CollectiveDiscussion,
  type PenaltyCaseStatus,
  type PenaltyDecisionKind,
  type PenaltyProcedure,
  earliestHearingDate,
  hearingNoticeProblems,
  hearingMinutesProblems,
  hearingNoticeFactsProblems,
  type HearingMinutes,
  type HearingNoticeFacts,
  type HearingRecord,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, inJurisdiction, requirePermission, type Principal } from '../auth/principal.js';
import { type CaseRow } from './caseAccess.js';
import { issueProcedureDocument } from './documents.js';
import { type CollectiveDiscussionRecord, lockCase, loadForStaffWrite, latestReview, stateOf, event } from './caseState.js';
import { caseDto } from './caseQueries.js';
import { takeAction } from './caseActions.js';

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
    if (b.collectiveDiscussion !== undefined) set.collectiveDiscussion = collectiveDiscussionOf(p, cur, b.collectiveDiscussion);
    if (b.hearing !== undefined) set.hearing = hearingOf(cur, b.hearing);
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

/** 负责人集体讨论 (R28): recorded by a leader before the decision, checked by the domain's rule. */
function collectiveDiscussionOf(p: Principal, cur: CaseRow, d: NonNullable<CasePatch['collectiveDiscussion']>): CollectiveDiscussionRecord {
  if (p.role !== 'leader') throw forbidden('负责人集体讨论由机关负责人登记');
  if (!isPreDecision(cur.status)) throw new AppError('CONFLICT', `案件当前为“${penaltyCaseStatusLabels[cur.status as PenaltyCaseStatus]}”，不能再登记集体讨论`);
  const problems = collectiveDiscussionProblems(d, shanghaiDate(), cur.openedOn);
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  return {
    heldOn: d.heldOn,
    participants: d.participants.map((x) => ({ name: x.name.trim(), position: x.position.trim() })),
    opinions: d.opinions.map((x) => ({ name: x.name.trim(), opinion: x.opinion.trim() })),
    conclusion: d.conclusion.trim(),
    recordedBy: p.displayName,
  };
}

/** The hearing record (R27) with the entered facts merged in: notice period, notice facts and the minutes checked. */
function hearingOf(cur: CaseRow, bh: NonNullable<CasePatch['hearing']>): HearingRecord {
  const h = cur.hearing as Record<string, unknown> | null;
  if (!h) throw new AppError('CONFLICT', '当事人尚未要求听证');
  // R27: the withdrawal is the party's act, on the timeline and the audit chain; the record is not edited afterwards
  if (h.withdrawnOn) throw new AppError('CONFLICT', `当事人已于${String(h.withdrawnOn)}撤回听证申请，听证不再举行，听证记录不能再修改`);
  const next = { ...h, ...bh } as HearingRecord;
  // R27: a notice fewer than seven working days before the hearing is refused when entered, by the rule that
  // would otherwise refuse the case later (第六十四条第（二）项)
  if (bh.noticeOn !== undefined || bh.heldOn !== undefined) {
    if (next.noticeOn && next.noticeOn > shanghaiDate()) throw new AppError('VALIDATION', '听证通知日期不能晚于今天');
    if (next.noticeOn && next.heldOn) {
      const late = hearingNoticeProblems(next.noticeOn, next.heldOn);
      if (late.length) throw new AppError('VALIDATION', `${late.join('；')}；按${next.noticeOn}通知，听证最早可定于${earliestHearingDate(next.noticeOn)}`);
    }
  }
  if (bh.notice) {
    const problems = hearingNoticeFactsProblems(bh.notice);
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
    next.notice = { time: bh.notice.time, place: bh.notice.place.trim(), panelists: bh.notice.panelists.map((x) => x.trim()), clerk: bh.notice.clerk.trim() };
  }
  if (bh.minutes) {
    // the 听证笔录 is issued once, when the hearing is over; a correction is a note on the file, not a new record
    if (h.minutes) throw new AppError('CONFLICT', '听证笔录已经出具，不能重复登记');
    if (!next.heldOn || next.heldOn > shanghaiDate()) throw new AppError('VALIDATION', '听证举行后方可登记听证笔录');
    const problems = hearingMinutesProblems(bh.minutes);
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
    if (!bh.minutes.attended) next.abandoned = true;
  }
  return next;
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
