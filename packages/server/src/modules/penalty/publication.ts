// R29: public disclosure of penalty decisions (行政处罚决定公开). A general-procedure penalty gets a publication row
// on decision, due by the earlier of 7 working days and 15 days (publicationDue, configurable); publishing after the
// due day is flagged late. The public page needs no login and shows personal data masked.
// A published decision that is lawfully changed, revoked, confirmed illegal or confirmed invalid is withdrawn within
// 3 working days of that day (《行政处罚法》第四十八条第二款、第八十五条); the portal then shows only the withdrawal
// statement (撤回说明: decision number, date, ground, reason), never the decision's content again.
import { eq, sql, type SQL } from 'drizzle-orm';
import {
  countdown,
  publicationWithdrawalDue,
  publicationWithdrawalGroundLabels,
  workingCalendar,
  type ProposedDecision,
  type PublicationWithdrawalGround,
} from '@anjian/domain';
import type { PublicPenaltyDecision } from '@anjian/domain/contract/disclosure';
import type { PublicationStatus, WithdrawalInput } from '@anjian/domain/contract/penalty';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import type { Db } from '../../db/client.js';
import { penaltyPublications } from '../../db/penaltySchema.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, regionCondition, regionScopeCondition, requirePermission, type Principal } from '../auth/principal.js';
import { annulDecisionCredit } from '../credit/service.js';
import { assertCanWrite, loadCase, type CaseRow, type StoredViolation } from './caseAccess.js';
import { decisionText } from './documents.js';

/** 张三 → 张*；欧阳娜娜 → 欧***: only the surname of a natural person is shown. */
export function maskPersonName(name: string): string {
  const n = name.trim();
  if (n.length <= 1) return n ? '*' : '';
  return n[0] + '*'.repeat(n.length - 1);
}

/** Digit runs of 6 or more (ID card, phone numbers) keep their first 3 and last 2 digits. */
export function maskNumbers(s: string): string {
  return s.replace(/\d{6,}[\dXx]?/g, (m) => m.slice(0, 3) + '*'.repeat(m.length - 5) + m.slice(-2));
}

export async function publicationContent(ctx: AppContext, tx: Db, row: CaseRow, documentNumber: string | null) {
  const [e] = await ctx.database.rows<{ name: string; credit_code: string; legal_representative: string }>(sql`select name, credit_code, legal_representative from enterprises where id = ${row.enterpriseId}`, tx);
  const [a] = await ctx.database.rows<{ name: string }>(sql`select name from agencies where id = ${row.agencyId}`, tx);
  const citizen = row.partyKind === 'citizen';
  const d = row.decision as ProposedDecision;
  const vs = (row.violations ?? []) as StoredViolation[];
  return {
    caseNumber: row.caseNumber,
    documentNumber,
    // a unit's name and credit code are public; a natural person's name is masked and no id number is shown
    partyName: citizen ? maskPersonName(row.partyName || e!.name) : row.partyName || e!.name,
    creditCode: citizen ? null : e!.credit_code,
    legalRepresentative: citizen ? null : maskPersonName(e!.legal_representative || ''),
    violations: vs.map((v) => ({ violation: maskNumbers(v.proposal.violation), basis: v.proposal.basis })),
    facts: maskNumbers(row.facts),
    decision: decisionText(d),
    fine: d?.fine ?? 0,
    decidedOn: row.decidedOn,
    agencyName: a?.name ?? '',
  };
}

/** Publish a decided case (staff of the jurisdiction). Late when published after the due day. */
export async function publishDecision(ctx: AppContext, p: Principal, caseId: number) {
  requirePermission(p, 'penalty.write');
  const c = await loadCase(ctx, p, caseId);
  assertCanWrite(p, c);
  const today = shanghaiDate();
  return ctx.database.db.transaction(async (tx) => {
    const [pub] = await tx.select().from(penaltyPublications).where(eq(penaltyPublications.caseId, caseId)).for('update');
    if (!pub) throw new AppError('CONFLICT', '该案件没有需要公示的处罚决定（普通程序作出的行政处罚决定方需公示）');
    if (pub.publishedAt) throw new AppError('CONFLICT', `该决定已于${pub.publishedOn}公示`);
    const late = today > pub.dueOn;
    const [row] = await tx.update(penaltyPublications).set({ publishedAt: new Date(), publishedOn: today, publishedBy: p.userId, late }).where(eq(penaltyPublications.caseId, caseId)).returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'publish', entityType: 'penalty_case', entityId: caseId, regionCode: c.regionCode, after: { publishedOn: today, dueOn: pub.dueOn, late } }]);
    return publicationDto(row!, today);
  });
}

type PublicationRow = typeof penaltyPublications.$inferSelect;
type PublicationContent = { caseNumber?: string | null; documentNumber?: string | null; partyName?: string; fine?: number; decision?: string; agencyName?: string };

function publicationDto(r: PublicationRow, today: string, names: Map<number, string> = new Map()) {
  const content = r.content as PublicationContent;
  const ground = r.withdrawalGround as PublicationWithdrawalGround | null;
  return {
    caseId: r.caseId,
    regionCode: r.regionCode,
    enterpriseId: r.enterpriseId,
    caseNumber: content.caseNumber ?? null,
    documentNumber: content.documentNumber ?? null,
    partyName: content.partyName ?? '',
    fine: content.fine ?? 0,
    decidedOn: r.decidedOn,
    dueOn: r.dueOn,
    dueRule: r.dueRule,
    publishedOn: r.publishedOn,
    publishedByName: r.publishedBy != null ? (names.get(r.publishedBy) ?? null) : null,
    published: !!r.publishedAt,
    // late: published after the due day, or still unpublished after it
    late: r.late || (!r.publishedAt && today > r.dueOn),
    countdown: r.publishedAt ? null : countdown(r.dueOn, today),
    withdrawn: !!r.withdrawnAt,
    withdrawal: r.withdrawnAt
      ? {
          ground,
          groundLabel: ground ? publicationWithdrawalGroundLabels[ground] : '',
          reason: r.withdrawalReason ?? '',
          changedOn: r.decisionChangedOn,
          dueOn: r.withdrawalDueOn,
          withdrawnOn: r.withdrawnOn,
          withdrawnByName: r.withdrawnBy != null ? (names.get(r.withdrawnBy) ?? null) : null,
          late: r.withdrawalLate,
        }
      : null,
    content: r.content,
  };
}

async function userNames(ctx: AppContext, rows: PublicationRow[], executor?: Db): Promise<Map<number, string>> {
  const ids = [...new Set(rows.flatMap((r) => [r.publishedBy, r.withdrawnBy]).filter((v): v is number => v != null))];
  if (!ids.length) return new Map();
  const found = await ctx.database.rows<{ id: number; display_name: string }>(sql`select id, display_name from users where id = any(${arrayParam(ids, 'int')})`, executor);
  return new Map(found.map((u) => [Number(u.id), u.display_name]));
}

/**
 * Staff list with due dates and late flags (oversight and legal staff included). pending: not yet published (most
 * urgent first); late: published late, still unpublished after the due day, or withdrawn late; published: on the
 * portal now; withdrawn: withdrawn from it. `counts` feeds the page's tabs (overdue: unpublished after the due day).
 */
/** The staff list's filter, order and jurisdiction, shared by the list and its .xlsx export. */
function publicationFilter(p: Principal, q: { status?: PublicationStatus }, today: string) {
  if (p.role === 'enterprise') throw forbidden();
  const scope = regionCondition(p, 'region_code');
  const conds: SQL[] = [scope];
  const lateCond = sql`(late or withdrawal_late or (published_at is null and due_on < ${today}::date))`;
  let order = sql`decided_on desc, case_id desc`;
  if (q.status === 'pending') {
    conds.push(sql`published_at is null`);
    order = sql`due_on asc, case_id asc`;
  }
  if (q.status === 'published') {
    conds.push(sql`published_at is not null and withdrawn_at is null`);
    order = sql`published_on desc, case_id desc`;
  }
  if (q.status === 'withdrawn') {
    conds.push(sql`withdrawn_at is not null`);
    order = sql`withdrawn_on desc, case_id desc`;
  }
  if (q.status === 'late') {
    conds.push(lateCond);
    order = sql`due_on asc, case_id asc`;
  }
  return { scope, lateCond, where: sql.join(conds, sql` and `), order };
}

export async function listPublications(ctx: AppContext, p: Principal, q: { status?: PublicationStatus }) {
  const today = shanghaiDate();
  const { scope, lateCond, where, order } = publicationFilter(p, q, today);
  const [rows, counts] = await Promise.all([
    ctx.database.db.select().from(penaltyPublications).where(where).orderBy(order).limit(500),
    ctx.database.rows<{ pending: number; overdue: number; late: number; published: number; withdrawn: number }>(
      sql`select count(*) filter (where published_at is null)::int as pending,
                 count(*) filter (where published_at is null and due_on < ${today}::date)::int as overdue,
                 count(*) filter (where ${lateCond})::int as late,
                 count(*) filter (where published_at is not null and withdrawn_at is null)::int as published,
                 count(*) filter (where withdrawn_at is not null)::int as withdrawn
          from penalty_publications where ${scope}`,
    ),
  ]);
  const names = await userNames(ctx, rows);
  return { items: rows.map((r) => publicationDto(r, today, names)), counts: counts[0] ?? { pending: 0, overdue: 0, late: 0, published: 0, withdrawn: 0 } };
}

/** R29: the filtered staff list as .xlsx (all rows, not only the 500 the page shows). */
export async function exportPublications(ctx: AppContext, p: Principal, q: { status?: PublicationStatus }, reply: FastifyReply) {
  const today = shanghaiDate();
  const { where, order } = publicationFilter(p, q, today);
  type Row = ReturnType<typeof publicationDto>;
  const state = (r: Row) => (r.withdrawn ? '已撤回' : r.published ? '已公示' : '待公示');
  return sendXlsx<Row>(reply, {
    title: '处罚决定公示台账',
    asciiName: 'penalty-publications',
    columns: [
      { header: '案件编号', width: 22, value: (r) => r.caseNumber },
      { header: '决定书文号', width: 24, value: (r) => r.documentNumber },
      { header: '当事人', width: 30, value: (r) => r.partyName },
      { header: '罚款（元）', width: 12, value: (r) => r.fine },
      { header: '决定日期', width: 12, value: (r) => r.decidedOn },
      { header: '公示期限', width: 12, value: (r) => r.dueOn },
      { header: '公示状态', width: 10, value: state },
      { header: '公示日期', width: 12, value: (r) => r.publishedOn },
      { header: '公示人', width: 12, value: (r) => r.publishedByName },
      { header: '逾期', width: 8, value: (r) => r.late },
      { header: '撤回理由类别', width: 16, value: (r) => r.withdrawal?.groundLabel ?? '' },
      { header: '撤回日期', width: 12, value: (r) => r.withdrawal?.withdrawnOn ?? '' },
    ],
    page: async (offset, limit) => {
      const rows = await ctx.database.db.select().from(penaltyPublications).where(where).orderBy(order).limit(limit).offset(offset);
      const names = await userNames(ctx, rows);
      return rows.map((r) => publicationDto(r, today, names));
    },
  });
}

/**
 * 《行政处罚法》第四十八条第二款: withdraw a published decision that was changed or annulled, within 3 working days of
 * that day (late ones flagged). Staff who may publish (officer, leader) of the case's jurisdiction; one transaction
 * with its audit entry.
 */
export async function withdrawPublication(ctx: AppContext, p: Principal, caseId: number, input: WithdrawalInput) {
  requirePermission(p, 'penalty.write');
  if (p.role === 'enterprise') throw forbidden();
  const today = shanghaiDate();
  return ctx.database.db.transaction(async (tx) => {
    const c = await loadCase(ctx, p, caseId, tx);
    assertCanWrite(p, c);
    const [pub] = await tx.select().from(penaltyPublications).where(eq(penaltyPublications.caseId, caseId)).for('update');
    if (!pub) throw new AppError('CONFLICT', '该案件没有公开的行政处罚决定，无需撤回');
    if (!pub.publishedAt) throw new AppError('CONFLICT', '该行政处罚决定尚未公开，无需撤回；如决定已被变更或撤销，请勿公示');
    if (pub.withdrawnAt) throw new AppError('CONFLICT', `该行政处罚决定信息已于${pub.withdrawnOn}撤回，不能重复撤回`);
    if (input.changedOn < pub.decidedOn) throw new AppError('VALIDATION', `决定被变更或撤销的日期不能早于处罚决定日期（${pub.decidedOn}）`);
    if (input.changedOn > today) throw new AppError('VALIDATION', `决定被变更或撤销的日期不能晚于今天（${today}）`);
    const dueOn = publicationWithdrawalDue(input.changedOn, workingCalendar());
    const late = today > dueOn;
    const [row] = await tx
      .update(penaltyPublications)
      .set({ withdrawnAt: new Date(), withdrawnOn: today, withdrawnBy: p.userId, withdrawalGround: input.ground, withdrawalReason: input.reason, decisionChangedOn: input.changedOn, withdrawalDueOn: dueOn, withdrawalLate: late })
      .where(eq(penaltyPublications.caseId, caseId))
      .returning();
    // R32: a revoked or void decision no longer stands, so neither does its credit fact; a changed one (变更) still
    // stands in its new form and 确认违法 may leave it in force (行政诉讼法 第七十四条) — those keep the fact.
    if (input.ground === 'revoked' || input.ground === 'confirmed_invalid') {
      await annulDecisionCredit(ctx, tx, p, caseId, input.changedOn, `决定${publicationWithdrawalGroundLabels[input.ground]}：${input.reason}`, today);
    }
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: 'withdraw_publication',
        entityType: 'penalty_case',
        entityId: caseId,
        regionCode: c.regionCode,
        reason: input.reason,
        before: { publishedOn: pub.publishedOn },
        after: { ground: input.ground, changedOn: input.changedOn, withdrawnOn: today, dueOn, late },
      },
    ]);
    return publicationDto(row!, today, await userNames(ctx, [row!], tx));
  });
}

/**
 * R29: the public portal list — no login, masked content, newest first. A withdrawn decision is shown only as its
 * withdrawal statement (撤回说明: number, dates, ground and reason; no party, facts or penalty), dated by its withdrawal.
 */
export async function publicDecisions(ctx: AppContext, q: { regionCode?: string; page?: number; pageSize?: number }) {
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 50));
  const conds: SQL[] = [sql`p.published_at is not null`];
  if (q.regionCode) conds.push(regionScopeCondition(q.regionCode, 'p.region_code'));
  const where = sql.join(conds, sql` and `);
  const [rows, count] = await Promise.all([
    ctx.database.rows<{
      case_id: number;
      content: Record<string, unknown> & PublicationContent;
      published_on: string;
      withdrawn_on: string | null;
      withdrawal_ground: PublicationWithdrawalGround | null;
      withdrawal_reason: string | null;
      decision_changed_on: string | null;
    }>(
      sql`select p.case_id, p.content, p.published_on::text as published_on, p.withdrawn_on::text as withdrawn_on, p.withdrawal_ground, p.withdrawal_reason, p.decision_changed_on::text as decision_changed_on
          from penalty_publications p where ${where}
          order by coalesce(p.withdrawn_on, p.published_on) desc, p.case_id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from penalty_publications p where ${where}`),
  ]);
  const items = rows.map((r) => {
    const id = Number(r.case_id);
    if (!r.withdrawn_on) return { ...(r.content as Omit<PublicPenaltyDecision, 'id' | 'withdrawn' | 'publishedOn'>), id, withdrawn: false as const, publishedOn: r.published_on };
    const c = r.content;
    const groundLabel = r.withdrawal_ground ? publicationWithdrawalGroundLabels[r.withdrawal_ground] : '';
    const number = c.documentNumber ?? c.caseNumber ?? '';
    return {
      id,
      withdrawn: true as const,
      publishedOn: r.published_on,
      withdrawnOn: r.withdrawn_on,
      caseNumber: c.caseNumber ?? null,
      documentNumber: c.documentNumber ?? null,
      agencyName: c.agencyName ?? '',
      decidedOn: (c as { decidedOn?: string }).decidedOn ?? null,
      changedOn: r.decision_changed_on,
      ground: r.withdrawal_ground,
      groundLabel,
      reason: maskNumbers(r.withdrawal_reason ?? ''),
      statement: `${c.agencyName ?? '本机关'}于${r.published_on}公开的行政处罚决定（${number}）已${groundLabel}，依据《中华人民共和国行政处罚法》第四十八条第二款，于${r.withdrawn_on}撤回该行政处罚决定信息。`,
    };
  });
  return { page, pageSize, total: Number(count[0]?.n ?? 0), items };
}
