// The hazard closed loop (R22–R24): ledger, the enterprise's rectification report, reinspection (复查), closing
// (销号) and the nightly escalation job 函告 → 通报 → 约谈 → 督办.
import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { addDays, closingProblems, escalationCutoffs, escalationLevelLabels, escalationLevels, hazardStatusLabels, escalationThresholds, overdueWorkingDays, workingCalendar, type EscalationLevel, type RootCause } from '@anjian/domain';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import type { Db } from '../../db/client.js';
import { arrayParam } from '../../lib/bulk.js';
import { evidence, hazardEscalations, hazardRectifications, hazards, penaltyCases, reinspections } from '../../db/inspectionSchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, notFound } from '../../lib/errors.js';
import { appendAudit, prepareAudit, writeAudit, type AuditInput } from '../audit/chain.js';
import { actorOf, canSeeEnterpriseRow, enterpriseOwnedCondition, regionScopeCondition, requireActingAgency, requirePermission, type Principal } from '../auth/principal.js';
import { loadOfficers } from '../inspection/inspectionService.js';
import { evidenceDto } from '../inspection/recordService.js';

export type HazardRow = typeof hazards.$inferSelect;

export async function loadHazard(ctx: AppContext, p: Principal, id: number, executor?: Db): Promise<HazardRow> {
  const [row] = await (executor ?? ctx.database.db).select().from(hazards).where(eq(hazards.id, id));
  if (!row || !canSeeEnterpriseRow(p, row)) throw notFound('隐患');
  return row;
}

async function lockHazard(tx: Db, id: number): Promise<HazardRow> {
  const [row] = await tx.select().from(hazards).where(eq(hazards.id, id)).for('update');
  return row!;
}

function assertAgency(p: Principal, h: HazardRow): void {
  requirePermission(p, 'inspection.write');
  requireActingAgency(p, h.agencyId, '只有责令整改的执法机构可以复查、销号');
}

/** Evidence ids must be files uploaded for this hazard (or its inspection finding). */
async function checkEvidence(ctx: AppContext, h: HazardRow, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await ctx.database.db.select({ id: evidence.id, hazardId: evidence.hazardId }).from(evidence).where(inArray(evidence.id, [...ids]));
  if (rows.length !== new Set(ids).size || rows.some((r) => r.hazardId !== h.id)) throw new AppError('VALIDATION', '所附证据不属于该隐患，请先上传证据');
}

/** The enterprise (or an officer on its behalf) reports the hazard rectified, with evidence; it then awaits 复查. */
export async function reportRectification(ctx: AppContext, p: Principal, id: number, b: { description: string; evidenceIds: number[] }) {
  const h = await loadHazard(ctx, p, id);
  if (p.role !== 'enterprise') assertAgency(p, h);
  if (b.evidenceIds.length === 0) throw new AppError('VALIDATION', '请上传整改后的照片等证据');
  await checkEvidence(ctx, h, b.evidenceIds);
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockHazard(tx, id);
    if (cur.status === 'closed') throw new AppError('CONFLICT', '该隐患已销号');
    const [r] = await tx.insert(hazardRectifications).values({ hazardId: id, description: b.description.trim(), evidenceIds: b.evidenceIds, submittedBy: p.userId }).returning();
    await tx.update(hazards).set({ status: 'rectified', rectifiedAt: new Date(), updatedAt: new Date() }).where(eq(hazards.id, id));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'rectify', entityType: 'hazard', entityId: id, regionCode: cur.regionCode, before: { status: cur.status }, after: { status: 'rectified', description: b.description.trim(), evidenceIds: b.evidenceIds } }]);
    return r!;
  });
}

async function lastPassedReinspection(ctx: AppContext, hazardId: number, executor?: Db) {
  const [r] = await (executor ?? ctx.database.db)
    .select()
    .from(reinspections)
    .where(sql`${reinspections.hazardId} = ${hazardId} and ${reinspections.result} = 'passed'`)
    .orderBy(desc(reinspections.id))
    .limit(1);
  return r;
}

export async function hazardClosingProblems(ctx: AppContext, h: HazardRow, executor?: Db): Promise<string[]> {
  const passed = await lastPassedReinspection(ctx, h.id, executor);
  return closingProblems({
    major: h.major,
    reinspectionPassed: !!passed,
    reinspectionEvidenceCount: passed?.evidenceIds.length ?? 0,
    penaltyCaseId: h.penaltyCaseId,
    noPenaltyReason: h.noPenaltyReason,
    rootCause: h.rootCause as Partial<RootCause> | null,
  });
}

async function closeIfReady(ctx: AppContext, tx: Db, p: Principal, h: HazardRow): Promise<{ closed: boolean; problems: string[] }> {
  const problems = await hazardClosingProblems(ctx, h, tx);
  if (problems.length) return { closed: false, problems };
  const now = new Date();
  await tx.update(hazards).set({ status: 'closed', closedAt: now, closedBy: p.userId, updatedAt: now }).where(eq(hazards.id, h.id));
  await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'close', entityType: 'hazard', entityId: h.id, regionCode: h.regionCode, before: { status: h.status }, after: { status: 'closed' } }]);
  return { closed: true, problems: [] };
}

export interface ReinspectionInput {
  officerIds: number[];
  result: 'passed' | 'failed';
  opinion: string;
  evidenceIds: number[];
  newDeadline?: string | null;
}

/**
 * R22 复查: passed with evidence closes the hazard when nothing else is missing (for a major hazard: the penalty
 * case and the 四不放过 analysis); failed sets a new deadline and the hazard stays open. The 整改复查意见书 is issued.
 */
export async function reinspect(ctx: AppContext, p: Principal, id: number, b: ReinspectionInput, issueOpinion: (tx: Db, h: HazardRow, reinspectionId: number) => Promise<number | null>) {
  const h = await loadHazard(ctx, p, id);
  assertAgency(p, h);
  const officerRows = await loadOfficers(ctx, p, b.officerIds);
  if (officerRows.length < 2) throw new AppError('VALIDATION', '复查须由两名以上执法人员进行');
  if (b.result === 'passed' && b.evidenceIds.length === 0) throw new AppError('VALIDATION', '复查合格须附整改后的证据');
  await checkEvidence(ctx, h, b.evidenceIds);
  const today = shanghaiDate();
  if (b.result === 'failed' && (!b.newDeadline || b.newDeadline < today)) throw new AppError('VALIDATION', '复查不合格须重新确定整改期限（不早于今天）');
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockHazard(tx, id);
    if (cur.status === 'closed') throw new AppError('CONFLICT', '该隐患已销号');
    const [r] = await tx
      .insert(reinspections)
      .values({ hazardId: id, officerIds: officerRows.map((o) => o.id), result: b.result, opinion: b.opinion.trim(), evidenceIds: b.evidenceIds, newDeadline: b.result === 'failed' ? b.newDeadline! : null, createdBy: p.userId })
      .returning();
    const audit: AuditInput[] = [{ action: 'reinspect', entityType: 'hazard', entityId: id, regionCode: cur.regionCode, after: { result: b.result, opinion: b.opinion.trim(), newDeadline: b.newDeadline ?? null } }];
    let updated = cur;
    if (b.result === 'failed') {
      [updated] = await tx.update(hazards).set({ status: 'open', deadline: b.newDeadline!, updatedAt: new Date() }).where(eq(hazards.id, id)).returning() as [HazardRow];
      audit[0]!.before = { deadline: cur.deadline };
    }
    await appendAudit(ctx.database, tx, actorOf(p), audit);
    const documentId = await issueOpinion(tx, updated, r!.id);
    if (documentId) await tx.update(reinspections).set({ documentId }).where(eq(reinspections.id, r!.id));
    const closing = b.result === 'passed' ? await closeIfReady(ctx, tx, p, updated) : { closed: false, problems: [] };
    return { reinspectionId: r!.id, documentId, ...closing };
  });
}

/** R18/R24: the closing record of a major hazard — 四不放过 answers, and a penalty case or the legal reason for none. */
export async function updateClosing(ctx: AppContext, p: Principal, id: number, b: { rootCause?: RootCause; noPenaltyReason?: string | null; openPenaltyCase?: boolean }) {
  const h = await loadHazard(ctx, p, id);
  assertAgency(p, h);
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockHazard(tx, id);
    if (cur.status === 'closed') throw new AppError('CONFLICT', '该隐患已销号');
    const set: Partial<typeof hazards.$inferInsert> = { updatedAt: new Date() };
    if (b.rootCause) set.rootCause = b.rootCause;
    if (b.noPenaltyReason !== undefined) set.noPenaltyReason = b.noPenaltyReason?.trim() || null;
    if (b.openPenaltyCase && !cur.penaltyCaseId) {
      const [c] = await tx
        .insert(penaltyCases)
        .values({ agencyId: cur.agencyId, enterpriseId: cur.enterpriseId, regionCode: cur.regionCode, status: 'draft', sourceInspectionId: cur.inspectionId, sourceFindingId: cur.findingId, facts: cur.description, createdBy: p.userId })
        .returning({ id: penaltyCases.id });
      set.penaltyCaseId = c!.id;
    }
    const [updated] = (await tx.update(hazards).set(set).where(eq(hazards.id, id)).returning()) as [HazardRow];
    const { updatedAt: _u, ...after } = set;
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'update_closing', entityType: 'hazard', entityId: id, regionCode: cur.regionCode, after }]);
    // a hazard already reinspected closes as soon as its closing record is complete
    const closing = cur.status === 'rectified' || (await lastPassedReinspection(ctx, id, tx)) ? await closeIfReady(ctx, tx, p, updated) : { closed: false, problems: await hazardClosingProblems(ctx, updated, tx) };
    return { ...closing, penaltyCaseId: updated.penaltyCaseId };
  });
}

const SYSTEM_ACTOR = { id: null, name: '系统（隐患逾期督办任务）' };
const JOB_LOCK_KEY = 0x45534341; // "ESCA"
/** steps read back and audited per page */
const AUDIT_PAGE = 10_000;

/** what an audit entry of a step records: one object per step, so each page serialises it once (prepareAudit) */
const stepAfter = Object.fromEntries(escalationLevels.map((l) => [l, { level: l, threshold: escalationThresholds[l] }])) as Record<EscalationLevel, { level: EscalationLevel; threshold: number }>;

export interface EscalationRun {
  date: string;
  skipped: boolean;
  newSteps: Record<EscalationLevel, number>;
  hazardsUpdated: number;
}

/**
 * R23, nightly: every open hazard past its deadline reaches the steps its working days overdue call for. Set-based:
 * one statement scans the overdue hazards once, records each step a hazard is due and has not reached (the unique
 * (hazard, step) key makes a second run on the same day — or a run after days of downtime — record each step exactly
 * once) and raises the hazard's level with them. Then one audit entry per new step (R35), read back, signed and
 * written a page at a time, so memory stays bounded even for a catch-up over millions of hazards.
 */
export async function runEscalation(ctx: AppContext, today: string = shanghaiDate(), pageSize = AUDIT_PAGE): Promise<EscalationRun> {
  const cut = escalationCutoffs(today);
  const newSteps = Object.fromEntries(escalationLevels.map((l) => [l, 0])) as Record<EscalationLevel, number>;
  return ctx.database.db.transaction(async (tx) => {
    const [lock] = await ctx.database.rows<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${JOB_LOCK_KEY}) as ok`, tx);
    if (!lock?.ok) return { date: today, skipped: true, newSteps, hazardsUpdated: 0 };
    const [{ min } = { min: null }] = await ctx.database.rows<{ min: string | null }>(sql`select to_char(min(deadline), 'YYYY-MM-DD') as min from hazards where status <> 'closed' and deadline < ${today}::date`, tx);
    if (!min) return { date: today, skipped: false, newSteps, hazardsUpdated: 0 };
    // per distinct deadline (a small table joined by date): the working days overdue, for the record, and how many
    // steps are due — the cut-offs fall in step order, so the steps due are the first `due` of escalationLevels
    const dates: string[] = [];
    const late: number[] = [];
    const due: number[] = [];
    for (let d = min; d <= cut.letter; d = addDays(d, 1)) {
      dates.push(d);
      late.push(overdueWorkingDays(d, today));
      due.push(escalationLevels.filter((l) => d <= cut[l]).length);
    }
    if (dates.length === 0) return { date: today, skipped: false, newSteps, hazardsUpdated: 0 };
    const levels = arrayParam(escalationLevels, 'text');
    // The new steps with what their audit entries need, for this transaction only: read back without a join.
    await ctx.database.rows(sql`create temp table escalation_steps (id bigint, hazard_id bigint, level text, overdue_days int, region_code text) on commit drop`, tx);
    // One pass over the overdue hazards: a hazard at a step has the steps before it (steps are reached in order and
    // its level is kept with them, here in the same statement), so it gets the steps after its level up to the ones
    // due, and its level becomes the last one due. Its level is never lowered (a later deadline extension leaves it).
    // The UPDATE finds its rows by key (= any): joined with the candidates, the planner, which cannot estimate how few
    // they are, hashes all 2 million hazards again.
    const levelOf = sql`case when h.deadline <= ${cut.supervision}::date then 'supervision' when h.deadline <= ${cut.interview}::date then 'interview'
                             when h.deadline <= ${cut.notice}::date then 'notice' else 'letter' end`;
    const counts = await ctx.database.rows<{ level: EscalationLevel | null; n: number; updated: number }>(
      sql`with od as (select * from unnest(${arrayParam(dates, 'date')}, ${arrayParam(late, 'int')}, ${arrayParam(due, 'int')}) as t(d, n, due)),
               c as (
                 select h.id, h.deadline, h.region_code, od.n, od.due, coalesce(array_position(${levels}, h.escalation_level), 0) as reached
                   from hazards h join od on od.d = h.deadline
                  where h.status <> 'closed' and h.deadline <= ${cut.letter}::date
                    and coalesce(array_position(${levels}, h.escalation_level), 0) < od.due),
               ins as (
                 insert into hazard_escalations (hazard_id, level, overdue_days, deadline)
                 select c.id, (${levels})[g], c.n, c.deadline from c cross join lateral generate_series(c.reached + 1, c.due) g
                 on conflict (hazard_id, level) do nothing
                 returning id, hazard_id, level, overdue_days),
               upd as (
                 update hazards h set escalation_level = ${levelOf}, updated_at = now()
                  where h.id = any(array(select id from c)) and h.status <> 'closed' and h.deadline <= ${cut.letter}::date
                 returning 1),
               kept as (
                 insert into escalation_steps select ins.id, ins.hazard_id, ins.level, ins.overdue_days, c.region_code from ins join c on c.id = ins.hazard_id)
          select level, count(*)::int as n, (select count(*)::int from upd) as updated from ins group by level
          union all select null, 0, (select count(*)::int from upd)`,
      tx,
    );
    let updated = 0;
    for (const r of counts) {
      if (r.level) newSteps[r.level] = Number(r.n);
      updated = Number(r.updated);
    }
    // One audit entry per new step, read back and written a page at a time: a catch-up over millions of hazards
    // would otherwise hold every entry in memory at once (≈1.3 KB each). The next page is fetched while Node digests
    // this one; one statement at a time on the transaction's connection.
    type Step = { id: number; hazard_id: number; level: EscalationLevel; overdue_days: number; region_code: string };
    await ctx.database.rows(sql`declare escalation_audit no scroll cursor for select * from escalation_steps order by id`, tx);
    const fetchPage = () => ctx.database.rows<Step>(sql`fetch forward ${sql.raw(String(pageSize))} from escalation_audit`, tx);
    for (let page = await fetchPage(); page.length > 0; ) {
      const next = page.length < pageSize ? Promise.resolve([]) : fetchPage();
      next.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile
      const entries = prepareAudit(
        SYSTEM_ACTOR,
        page.map((r) => ({
          action: 'escalate',
          entityType: 'hazard',
          entityId: Number(r.hazard_id),
          regionCode: r.region_code,
          reason: `整改逾期${r.overdue_days}个工作日`,
          after: stepAfter[r.level],
        })),
      );
      const following = await next;
      await writeAudit(ctx.database, tx, entries, { copy: true });
      page = following;
    }
    await ctx.database.rows(sql`close escalation_audit`, tx);
    return { date: today, skipped: false, newSteps, hazardsUpdated: updated };
  });
}

export interface HazardQuery {
  status?: 'open' | 'rectified' | 'closed' | 'unclosed';
  major?: boolean;
  overdue?: boolean;
  escalationLevel?: EscalationLevel;
  enterpriseId?: number;
  q?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  foundFrom?: string;
  foundTo?: string;
  regionCode?: string;
  page: number;
  pageSize: number;
}

/** The ledger's filter and jurisdiction, shared by the list and its .xlsx export. */
function hazardWhere(p: Principal, q: Omit<HazardQuery, 'page' | 'pageSize'>, today: string): SQL {
  const c: SQL[] = [enterpriseOwnedCondition(p, 'h')];
  if (q.status === 'unclosed') c.push(sql`h.status <> 'closed'`);
  else if (q.status) c.push(sql`h.status = ${q.status}`);
  if (q.major !== undefined) c.push(sql`h.major = ${q.major}`);
  if (q.overdue) c.push(sql`h.status <> 'closed' and h.deadline < ${today}::date`);
  if (q.escalationLevel) c.push(sql`h.escalation_level = ${q.escalationLevel}`);
  if (q.enterpriseId) c.push(sql`h.enterprise_id = ${q.enterpriseId}`);
  if (q.deadlineFrom) c.push(sql`h.deadline >= ${q.deadlineFrom}::date`);
  if (q.deadlineTo) c.push(sql`h.deadline <= ${q.deadlineTo}::date`);
  if (q.foundFrom) c.push(sql`h.created_at >= (${q.foundFrom}::date::timestamp at time zone 'Asia/Shanghai')`);
  if (q.foundTo) c.push(sql`h.created_at < ((${q.foundTo}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  if (q.regionCode) c.push(regionScopeCondition(q.regionCode, 'h.region_code'));
  if (q.q) c.push(sql`(e.name like ${`%${q.q}%`} or h.description like ${`%${q.q}%`})`);
  return sql.join(c, sql` and `);
}

/** One page in the ledger's order; `after` (the last row of the previous page) pages by key instead of OFFSET. */
function hazardPage(ctx: AppContext, where: SQL, limit: number, offset: number, after?: { closed: boolean; deadline: string; id: number }) {
  const key = after ? sql` and ((h.status = 'closed'), h.deadline, h.id) > (${after.closed}, ${after.deadline}::date, ${after.id})` : sql``;
  return ctx.database.rows(
    sql`select h.*, e.name as enterprise_name, e.credit_code, a.name as agency_name from hazards h join enterprises e on e.id = h.enterprise_id join agencies a on a.id = h.agency_id
         where ${where}${key} order by (h.status = 'closed'), h.deadline, h.id limit ${limit} offset ${after ? 0 : offset}`,
  );
}

function hazardListRow(r: Record<string, unknown>, today: string, overdueDays: (deadline: string, today: string) => number = overdueWorkingDays) {
  const deadline = String(r.deadline).slice(0, 10);
  return {
    id: Number(r.id),
    inspectionId: Number(r.inspection_id),
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: String(r.enterprise_name),
    creditCode: String(r.credit_code),
    agencyName: String(r.agency_name),
    description: String(r.description),
    requirement: String(r.requirement),
    major: Boolean(r.major),
    responsiblePerson: String(r.responsible_person),
    trackerName: (r.tracker_name as string | null) ?? null,
    deadline,
    status: String(r.status),
    overdue: r.status !== 'closed' && deadline < today,
    overdueWorkingDays: r.status !== 'closed' ? overdueDays(deadline, today) : 0,
    // R38: the working-day countdown crosses a year whose holiday notice is not entered yet (暂定)
    provisional: r.status !== 'closed' && workingCalendar().provisionalBetween(today, deadline),
    escalationLevel: (r.escalation_level as string | null) ?? null,
    penaltyCaseId: (r.penalty_case_id as number | null) ?? null,
  };
}

/** R22: the hazard ledger — deadline, responsible person, tracker, escalation — for the caller's jurisdiction. */
export async function hazardLedger(ctx: AppContext, p: Principal, q: HazardQuery) {
  const today = shanghaiDate();
  const where = hazardWhere(p, q, today);
  const [rows, [count]] = await Promise.all([
    hazardPage(ctx, where, q.pageSize, (q.page - 1) * q.pageSize),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from hazards h join enterprises e on e.id = h.enterprise_id where ${where}`),
  ]);
  return {
    items: rows.map((r) => hazardListRow(r, today)),
    total: Number(count?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** R22: the filtered hazard ledger as .xlsx. */
export async function exportHazards(ctx: AppContext, p: Principal, q: Omit<HazardQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
  const today = shanghaiDate();
  const where = hazardWhere(p, q, today);
  // a working-day count costs milliseconds; 100,000 rows share a few hundred deadlines
  const counted = new Map<string, number>();
  const overdueDays = (deadline: string) => counted.get(deadline) ?? counted.set(deadline, overdueWorkingDays(deadline, today)).get(deadline)!;
  let last: { closed: boolean; deadline: string; id: number } | null = null;
  type Row = ReturnType<typeof hazardListRow>;
  return sendXlsx<Row>(reply, {
    title: '隐患整改台账',
    asciiName: 'hazards',
    columns: [
      { header: '企业名称', width: 30, value: (r) => r.enterpriseName },
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '执法机构', width: 24, value: (r) => r.agencyName },
      { header: '隐患描述', width: 40, value: (r) => r.description },
      { header: '整改要求', width: 30, value: (r) => r.requirement },
      { header: '重大隐患', width: 10, value: (r) => r.major },
      { header: '整改责任人', width: 12, value: (r) => r.responsiblePerson },
      { header: '跟踪责任人', width: 12, value: (r) => r.trackerName },
      { header: '整改期限', width: 12, value: (r) => r.deadline },
      { header: '状态', width: 10, value: (r) => hazardStatusLabels[r.status as keyof typeof hazardStatusLabels] ?? '其他' },
      { header: '逾期工作日', width: 10, value: (r) => r.overdueWorkingDays },
      { header: '督办措施', width: 10, value: (r) => (r.escalationLevel ? escalationLevelLabels[r.escalationLevel as EscalationLevel] : '') },
      { header: '已立案', width: 8, value: (r) => r.penaltyCaseId != null },
    ],
    // by key: OFFSET would sort the whole filtered join again for every page of a 100,000-row export
    page: async (offset, limit) => {
      const rows = (await hazardPage(ctx, where, limit, offset, last ?? undefined)).map((r) => hazardListRow(r, today, overdueDays));
      const tail = rows[rows.length - 1];
      if (tail) last = { closed: tail.status === 'closed', deadline: tail.deadline, id: tail.id };
      return rows;
    },
  });
}

export async function hazardDetail(ctx: AppContext, p: Principal, id: number) {
  const h = await loadHazard(ctx, p, id);
  const today = shanghaiDate();
  const [escalations, rectifications, reins, files, [ent]] = await Promise.all([
    ctx.database.db.select().from(hazardEscalations).where(eq(hazardEscalations.hazardId, id)).orderBy(hazardEscalations.id),
    ctx.database.db.select().from(hazardRectifications).where(eq(hazardRectifications.hazardId, id)).orderBy(hazardRectifications.id),
    ctx.database.db.select().from(reinspections).where(eq(reinspections.hazardId, id)).orderBy(reinspections.id),
    ctx.database.db.select().from(evidence).where(eq(evidence.hazardId, id)).orderBy(evidence.id),
    ctx.database.rows<{ name: string; credit_code: string }>(sql`select name, credit_code from enterprises where id = ${h.enterpriseId}`),
  ]);
  return {
    ...h,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
    rectifiedAt: h.rectifiedAt?.toISOString() ?? null,
    closedAt: h.closedAt?.toISOString() ?? null,
    enterpriseName: ent?.name ?? '',
    creditCode: ent?.credit_code ?? '',
    overdue: h.status !== 'closed' && h.deadline < today,
    overdueWorkingDays: h.status !== 'closed' ? overdueWorkingDays(h.deadline, today) : 0,
    provisional: h.status !== 'closed' && workingCalendar().provisionalBetween(today, h.deadline),
    escalations: escalations.map((e) => ({ level: e.level, overdueDays: e.overdueDays, createdAt: e.createdAt.toISOString(), documentId: e.documentId ?? null })),
    rectifications: rectifications.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() })),
    reinspections: reins.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    evidence: files.map(evidenceDto),
    closingProblems: h.status === 'closed' ? [] : await hazardClosingProblems(ctx, h),
  };
}
