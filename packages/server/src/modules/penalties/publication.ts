// R29: public disclosure of penalty decisions (行政处罚决定公开). A general-procedure penalty gets a publication row
// on decision, due by the earlier of 7 working days and 15 days (publicationDue, configurable); publishing after the
// due day is flagged late. The public page needs no login and shows personal data masked.
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { countdown, type ProposedDecision } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { penaltyPublications } from '../../db/penaltySchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { regionCondition, requirePermission, type Principal } from '../auth/principal.js';
import { actorOf } from '../registry/enterpriseService.js';
import { loadCase, type CaseRow, type StoredViolation } from './caseService.js';
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
  if (p.role === 'enterprise') throw forbidden();
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

function publicationDto(r: typeof penaltyPublications.$inferSelect, today: string) {
  return {
    caseId: r.caseId,
    regionCode: r.regionCode,
    enterpriseId: r.enterpriseId,
    decidedOn: r.decidedOn,
    dueOn: r.dueOn,
    dueRule: r.dueRule,
    publishedOn: r.publishedOn,
    published: !!r.publishedAt,
    // late: published after the due day, or still unpublished after it
    late: r.late || (!r.publishedAt && today > r.dueOn),
    countdown: r.publishedAt ? null : countdown(r.dueOn, today),
    content: r.content,
  };
}

/** Staff list with due dates and late flags (oversight and legal staff included). */
export async function listPublications(ctx: AppContext, p: Principal, q: { status?: 'pending' | 'published' | 'late' }) {
  if (p.role === 'enterprise') throw forbidden();
  const conds: SQL[] = [regionCondition(p, 'region_code')];
  const today = shanghaiDate();
  if (q.status === 'pending') conds.push(sql`published_at is null`);
  if (q.status === 'published') conds.push(sql`published_at is not null`);
  if (q.status === 'late') conds.push(sql`(late or (published_at is null and due_on < ${today}::date))`);
  const rows = await ctx.database.db.select().from(penaltyPublications).where(sql.join(conds, sql` and `)).orderBy(desc(penaltyPublications.decidedOn)).limit(500);
  return { items: rows.map((r) => publicationDto(r, today)) };
}

/** R29: the public portal list — no login, masked content, published and not withdrawn. */
export async function publicDecisions(ctx: AppContext, q: { regionCode?: string; page?: number }) {
  const page = Math.max(1, q.page ?? 1);
  const conds: SQL[] = [sql`p.published_at is not null and p.withdrawn_at is null`];
  if (q.regionCode) conds.push(sql`p.region_code like ${q.regionCode.replace(/0+$/, '') + '%'}`);
  const rows = await ctx.database.rows<{ case_id: number; content: Record<string, unknown>; published_on: string; late: boolean }>(
    sql`select p.case_id, p.content, p.published_on::text as published_on, p.late from penalty_publications p where ${sql.join(conds, sql` and `)} order by p.published_on desc, p.case_id desc limit 50 offset ${(page - 1) * 50}`,
  );
  return { page, items: rows.map((r) => ({ id: Number(r.case_id), publishedOn: r.published_on, ...r.content })) };
}

