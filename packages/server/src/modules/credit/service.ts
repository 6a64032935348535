// R32 (with R29, R9): the enterprise credit record — facts from penalty decisions, the serious-dishonesty list
// (黑名单) with entry grounds and early removal, its quarterly publication, credit repair (answered within 3 working
// days, late flagged) and objections. The rules are @anjian/domain's credit/rules.ts; the credit status written to
// enterprises.credit_status feeds the planning weights (R9).
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import {
  blacklistEntryGrounds,
  blacklistPublicationDue,
  blacklistStatus,
  creditFactFromDecision,
  creditPlanningEffect,
  creditRepairEligibility,
  creditStatusOf,
  earlyRemovalProblems,
  objectionAnswerDue,
  pendingBlacklistPublications,
  objectionProblems,
  previousQuarter,
  quarterOf,
  type BlacklistFacts,
  type BlacklistGround,
  type CreditFact,
  type CreditStatus,
  type PenaltyProcedure,
  type ProposedDecision,
  type Quarter,
  type RepairApplication,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { enterprises } from '../../db/schema.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { blacklistListings, blacklistPublications, creditFacts, creditObjections, creditRepairs } from '../../db/penaltySchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, canSeeEnterpriseRow, enterpriseOwnedCondition, inJurisdiction, regionScopeCondition, requirePermission, type Principal } from '../auth/principal.js';

type FactRow = typeof creditFacts.$inferSelect;
type ListingRow = typeof blacklistListings.$inferSelect;
type ObjectionRow = typeof creditObjections.$inferSelect;
type PublishedEntry = { enterpriseName: string; creditCode: string; listedOn: string; expiresOn: string; grounds: string[] };

// jsonb columns come back as unknown: these say what the commands store in them
const listingDto = (l: ListingRow) => ({ ...l, grounds: l.grounds as BlacklistGround[] });
const objectionDto = (o: ObjectionRow, today: string) => ({ ...o, evidence: o.evidence as string[], late: o.late || (o.status === 'pending' && today > o.answerDue) });
const publicationDto = (x: typeof blacklistPublications.$inferSelect) => ({ ...x, entries: x.entries as PublishedEntry[] });

const toFact = (r: FactRow): CreditFact => ({
  kind: r.kind as CreditFact['kind'],
  creditCode: r.creditCode,
  occurredOn: r.occurredOn,
  severity: r.severity as CreditFact['severity'],
  published: r.published,
  publishedUntil: r.publishedUntil,
  repairableFrom: r.repairableFrom,
  // a decision revoked or confirmed invalid is as if it had never been made (行政处罚法 第四十八条第二款 withdraws it)
  affectsCredit: r.affectsCredit && !r.annulledOn,
  repairedOn: r.repairedOn,
  summary: r.summary,
});

async function loadEnterprise(ctx: AppContext, p: Principal, id: number, executor?: Db) {
  const [e] = await (executor ?? ctx.database.db).select().from(enterprises).where(eq(enterprises.id, id));
  if (!e || !canSeeEnterpriseRow(p, { enterpriseId: e.id, regionCode: e.regionCode })) throw notFound('企业');
  return e;
}

/** R32 → R3/R9: recompute and store the enterprise's credit status (in the caller's transaction). */
export async function refreshCreditStatus(ctx: AppContext, tx: Db, p: Principal | null, enterpriseId: number, today: string): Promise<CreditStatus> {
  const [e] = await tx.select().from(enterprises).where(eq(enterprises.id, enterpriseId)).for('update');
  const facts = await tx.select().from(creditFacts).where(eq(creditFacts.enterpriseId, enterpriseId));
  const listings = await tx.select().from(blacklistListings).where(eq(blacklistListings.enterpriseId, enterpriseId));
  const { status, reasons } = creditStatusOf(facts.map(toFact), listings, today);
  if (e && e.creditStatus !== status) {
    await tx.update(enterprises).set({ creditStatus: status, version: e.version + 1, updatedAt: new Date() }).where(eq(enterprises.id, enterpriseId));
    await appendAudit(ctx.database, tx, p ? actorOf(p) : { id: null, name: '系统（信用状态）' }, [
      { action: 'credit_status', entityType: 'enterprise', entityId: enterpriseId, regionCode: e.regionCode, reason: reasons.join('；').slice(0, 500), before: { creditStatus: e.creditStatus }, after: { creditStatus: status } },
    ]);
  }
  return status;
}

/** R32: the credit fact of a decision (violation database), then the status. Called inside the decision's transaction. */
export async function recordDecisionCredit(ctx: AppContext, tx: Db, p: Principal, row: typeof penaltyCases.$inferSelect, d: ProposedDecision, documentNumber: string | null, today: string) {
  const [e] = await tx.select({ creditCode: enterprises.creditCode }).from(enterprises).where(eq(enterprises.id, row.enterpriseId));
  const worst = ((row.violations ?? []) as { facts: { circumstance: string } }[]).some((v) => v.facts.circumstance === 'serious' || v.facts.circumstance === 'severe');
  const f = creditFactFromDecision({
    creditCode: e!.creditCode,
    decidedOn: today,
    procedure: row.procedure as PenaltyProcedure,
    decisionKind: d.kind,
    fine: d.fine,
    sanctions: d.sanctions,
    seriousViolation: worst,
    caseId: row.id,
    ...(documentNumber ? { documentNumber } : {}),
  });
  const [fact] = await tx
    .insert(creditFacts)
    .values({ enterpriseId: row.enterpriseId, regionCode: row.regionCode, creditCode: f.creditCode, kind: f.kind, severity: f.severity, occurredOn: f.occurredOn, published: f.published, publishedUntil: f.publishedUntil, repairableFrom: f.repairableFrom, affectsCredit: f.affectsCredit, summary: f.summary, caseId: row.id, documentNumber })
    .returning();
  await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'credit_fact', entityId: fact!.id, regionCode: row.regionCode, after: { caseId: row.id, kind: f.kind, severity: f.severity, summary: f.summary } }]);
  await refreshCreditStatus(ctx, tx, p, row.enterpriseId, today);
}

/**
 * R32: the decision behind a case's credit fact was revoked or confirmed invalid (its publication is being withdrawn,
 * 《行政处罚法》第四十八条第二款): the fact stops being published and stops counting, and the status is recomputed.
 * The fact itself stays, marked, so the record shows what happened. Called inside the withdrawal's transaction.
 */
export async function annulDecisionCredit(ctx: AppContext, tx: Db, p: Principal, caseId: number, annulledOn: string, reason: string, today: string) {
  const [f] = await tx.select().from(creditFacts).where(eq(creditFacts.caseId, caseId)).for('update');
  if (!f || f.annulledOn) return null;
  const [row] = await tx.update(creditFacts).set({ annulledOn, annulledReason: reason, published: false }).where(eq(creditFacts.id, f.id)).returning();
  await appendAudit(ctx.database, tx, actorOf(p), [
    { action: 'annul', entityType: 'credit_fact', entityId: f.id, regionCode: f.regionCode, reason, before: { published: f.published, annulledOn: null }, after: { published: false, annulledOn } },
  ]);
  await refreshCreditStatus(ctx, tx, p, f.enterpriseId, today);
  return row!;
}

/**
 * R32/R9: a credit status changes with time too (publication periods end, a listing's three years run out), so the
 * stored status of every enterprise with a credit record is recomputed for `today` — one transaction per enterprise,
 * audited only when the status changes. Idempotent: running it twice changes nothing the second time.
 */
export async function refreshCreditStatuses(ctx: AppContext, p: Principal | null, today: string) {
  const ids = await ctx.database.rows<{ id: number }>(sql`select enterprise_id as id from credit_facts union select enterprise_id from blacklist_listings order by 1`);
  let changed = 0;
  for (const { id } of ids) {
    const [before] = await ctx.database.rows<{ credit_status: string }>(sql`select credit_status from enterprises where id = ${id}`);
    const after = await ctx.database.db.transaction((tx) => refreshCreditStatus(ctx, tx, p, Number(id), today));
    if (before && before.credit_status !== after) changed++;
  }
  return { date: today, enterprises: ids.length, changed };
}

// ---------- the record ----------

export async function creditRecord(ctx: AppContext, p: Principal, enterpriseId: number) {
  const e = await loadEnterprise(ctx, p, enterpriseId);
  const today = shanghaiDate();
  const [facts, listings, repairs, objections] = await Promise.all([
    ctx.database.db.select().from(creditFacts).where(eq(creditFacts.enterpriseId, enterpriseId)).orderBy(desc(creditFacts.occurredOn), desc(creditFacts.id)),
    ctx.database.db.select().from(blacklistListings).where(eq(blacklistListings.enterpriseId, enterpriseId)).orderBy(desc(blacklistListings.id)),
    ctx.database.db.select().from(creditRepairs).where(eq(creditRepairs.enterpriseId, enterpriseId)).orderBy(desc(creditRepairs.id)),
    ctx.database.db.select().from(creditObjections).where(eq(creditObjections.enterpriseId, enterpriseId)).orderBy(desc(creditObjections.id)),
  ]);
  const computed = creditStatusOf(facts.map(toFact), listings, today);
  return {
    enterprise: { id: e.id, name: e.name, creditCode: e.creditCode, creditStatus: e.creditStatus },
    status: computed.status,
    reasons: computed.reasons,
    planning: creditPlanningEffect(computed.status),
    facts,
    listings: listings.map((l) => ({ ...listingDto(l), ...blacklistStatus(l, today) })),
    repairs: repairs.map((r) => repairDto(r, today)),
    objections: objections.map((o) => objectionDto(o, today)),
  };
}

export interface ViolationQuery {
  enterpriseId?: number;
  severity?: 'general' | 'serious';
}

/** The violation database's filter and jurisdiction, shared by the list and its .xlsx export. */
export function violationWhere(p: Principal, q: ViolationQuery): SQL {
  const conds: SQL[] = [enterpriseOwnedCondition(p, 'f')];
  if (q.enterpriseId) conds.push(sql`f.enterprise_id = ${q.enterpriseId}`);
  if (q.severity) conds.push(sql`f.severity = ${q.severity}`);
  return sql.join(conds, sql` and `);
}

export async function violationPage(ctx: AppContext, where: SQL, limit: number, offset: number) {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select f.id, f.enterprise_id, e.name as enterprise_name, f.credit_code, f.kind, f.severity, f.occurred_on::text as occurred_on, f.published, f.published_until::text as published_until,
               f.repaired_on::text as repaired_on, f.affects_credit, f.summary, f.case_id, f.document_number
          from credit_facts f join enterprises e on e.id = f.enterprise_id
         where ${where} order by f.occurred_on desc, f.id desc limit ${limit} offset ${offset}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: r.enterprise_name as string,
    creditCode: r.credit_code as string,
    kind: r.kind as string,
    severity: r.severity as string,
    occurredOn: r.occurred_on as string,
    published: r.published as boolean,
    publishedUntil: r.published_until as string | null,
    repairedOn: r.repaired_on as string | null,
    affectsCredit: r.affects_credit as boolean,
    summary: r.summary as string,
    caseId: r.case_id == null ? null : Number(r.case_id),
    documentNumber: r.document_number as string | null,
  }));
}

/** R32: the violation database (违法行为信息库) of the jurisdiction: every credit fact, newest first. */
export async function violationDatabase(ctx: AppContext, p: Principal, q: ViolationQuery & { page?: number }) {
  const page = Math.max(1, q.page ?? 1);
  return { page, items: await violationPage(ctx, violationWhere(p, q), 100, (page - 1) * 100) };
}

// ---------- the blacklist ----------

export async function addToBlacklist(ctx: AppContext, p: Principal, b: { enterpriseId: number; facts: BlacklistFacts; reason: string }) {
  requirePermission(p, 'credit.decide');
  const e = await loadEnterprise(ctx, p, b.enterpriseId);
  if (p.role === 'enterprise' || !inJurisdiction(p, e.regionCode)) throw forbidden();
  const today = shanghaiDate();
  const grounds = blacklistEntryGrounds(b.facts, today);
  if (!grounds.length) throw new AppError('VALIDATION', '不符合列入严重失信主体名单的情形（《安全生产严重失信主体名单管理办法》），请核实事实');
  return ctx.database.db.transaction(async (tx) => {
    const existing = await tx.select().from(blacklistListings).where(eq(blacklistListings.enterpriseId, e.id));
    if (existing.some((l) => blacklistStatus(l, today).active)) throw new AppError('CONFLICT', '该企业已在严重失信主体名单管理期内');
    const st = blacklistStatus({ listedOn: today }, today);
    const [l] = await tx
      .insert(blacklistListings)
      .values({ enterpriseId: e.id, regionCode: e.regionCode, agencyId: p.agencyId, grounds, reason: b.reason.trim(), listedOn: today, expiresOn: st.expiresOn, decidedBy: p.userId })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'blacklist', entityType: 'enterprise', entityId: e.id, regionCode: e.regionCode, reason: b.reason.trim(), after: { listingId: l!.id, grounds: grounds.map((g) => g.id), expiresOn: st.expiresOn } }]);
    const status = await refreshCreditStatus(ctx, tx, p, e.id, today);
    return { ...listingDto(l!), creditStatus: status };
  });
}

export async function removeFromBlacklist(ctx: AppContext, p: Principal, id: number, b: { reason: string; application: Omit<RepairApplication, 'appliedOn'> }) {
  requirePermission(p, 'credit.decide');
  const today = shanghaiDate();
  return ctx.database.db.transaction(async (tx) => {
    const [l] = await tx.select().from(blacklistListings).where(eq(blacklistListings.id, id)).for('update');
    if (!l || p.role === 'enterprise' || !inJurisdiction(p, l.regionCode)) throw notFound('名单记录');
    const problems = earlyRemovalProblems(l, { ...b.application, appliedOn: today });
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
    const [u] = await tx.update(blacklistListings).set({ removedOn: today, removalReason: b.reason.trim() }).where(eq(blacklistListings.id, id)).returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'blacklist_remove', entityType: 'enterprise', entityId: l.enterpriseId, regionCode: l.regionCode, reason: b.reason.trim(), after: { listingId: id, removedOn: today } }]);
    const status = await refreshCreditStatus(ctx, tx, p, l.enterpriseId, today);
    return { ...listingDto(u!), creditStatus: status };
  });
}

function parseQuarter(key: string | undefined, today: string): Quarter {
  if (!key) return previousQuarter(quarterOf(today));
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  if (!m) throw new AppError('VALIDATION', '季度格式应为 2026Q3');
  const q = quarterOf(`${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
  if (q.end >= today) throw new AppError('VALIDATION', `${q.label}尚未结束，季度结束后方可公布名单`);
  return q;
}

/** R32: publish the quarter's list for the caller's agency (once per quarter; late after the due day). */
export async function publishBlacklist(ctx: AppContext, p: Principal, b: { quarter?: string }) {
  requirePermission(p, 'credit.decide');
  if (!p.agencyId || !p.agencyRegionCode) throw forbidden('请以执法机构账户公布名单');
  const today = shanghaiDate();
  const q = parseQuarter(b.quarter, today);
  const due = blacklistPublicationDue(q);
  return ctx.database.db.transaction(async (tx) => {
    const listed = await ctx.database.rows<{ id: number; enterprise_id: number; name: string; credit_code: string; listed_on: string; expires_on: string; removed_on: string | null; grounds: { text: string }[] }>(
      sql`select l.id, l.enterprise_id, e.name, e.credit_code, l.listed_on::text as listed_on, l.expires_on::text as expires_on, l.removed_on::text as removed_on, l.grounds
            from blacklist_listings l join enterprises e on e.id = l.enterprise_id
           where ${enterpriseOwnedCondition(p, 'l')} and l.listed_on <= ${q.end}::date order by l.listed_on, l.id`,
      tx,
    );
    const entries = listed
      .filter((l) => blacklistStatus({ listedOn: l.listed_on, removedOn: l.removed_on }, q.end).active)
      .map((l) => ({ enterpriseName: l.name, creditCode: l.credit_code, listedOn: l.listed_on, expiresOn: l.expires_on, grounds: l.grounds.map((g) => g.text) }));
    const [exists] = await tx.select({ id: blacklistPublications.id }).from(blacklistPublications).where(and(eq(blacklistPublications.agencyId, p.agencyId!), eq(blacklistPublications.quarterKey, q.key)));
    if (exists) throw new AppError('CONFLICT', `${q.label}的严重失信主体名单已公布`);
    const [row] = await tx
      .insert(blacklistPublications)
      .values({ agencyId: p.agencyId!, regionCode: p.agencyRegionCode!, quarterKey: q.key, quarterLabel: q.label, dueOn: due, entries, late: today > due, publishedBy: p.userId })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'publish', entityType: 'blacklist_publication', entityId: row!.id, regionCode: p.agencyRegionCode!, after: { quarter: q.key, entries: entries.length, due, late: row!.late } }]);
    return publicationDto(row!);
  });
}

/**
 * Staff view of the list: the listings in the jurisdiction (with ground, dates, removal), the agency's publications,
 * the quarters still to publish, and the quarter whose list is due now (the last one ended) — published or not.
 */
/** The blacklist's jurisdiction (the list has no filters), shared by the overview and its .xlsx export. */
export function blacklistPage(ctx: AppContext, p: Principal, limit: number, offset: number) {
  return ctx.database.rows<{ id: number; enterprise_id: number; enterprise_name: string; credit_code: string; listed_on: string; removed_on: string | null; removal_reason: string | null; reason: string; grounds: unknown }>(
    sql`select l.id, l.enterprise_id, e.name as enterprise_name, e.credit_code, l.listed_on::text as listed_on, l.removed_on::text as removed_on, l.removal_reason, l.reason, l.grounds
          from blacklist_listings l join enterprises e on e.id = l.enterprise_id where ${enterpriseOwnedCondition(p, 'l')} order by l.listed_on desc, l.id desc limit ${limit} offset ${offset}`,
  );
}

export async function blacklistOverview(ctx: AppContext, p: Principal) {
  if (p.role === 'enterprise') throw forbidden();
  const today = shanghaiDate();
  const listings = await blacklistPage(ctx, p, 500, 0);
  const pubs = p.agencyId ? await ctx.database.db.select().from(blacklistPublications).where(eq(blacklistPublications.agencyId, p.agencyId)).orderBy(desc(blacklistPublications.quarterKey)) : [];
  const first = listings.reduce<string | null>((m, l) => (m == null || l.listed_on < m ? l.listed_on : m), null);
  const q = previousQuarter(quarterOf(today));
  const due = blacklistPublicationDue(q);
  const done = pubs.find((x) => x.quarterKey === q.key);
  return {
    listings: listings.map((r) => ({
      id: Number(r.id),
      enterpriseId: Number(r.enterprise_id),
      enterpriseName: r.enterprise_name,
      creditCode: r.credit_code,
      listedOn: r.listed_on,
      removedOn: r.removed_on,
      removalReason: r.removal_reason,
      reason: r.reason,
      grounds: r.grounds as BlacklistGround[],
      ...blacklistStatus({ listedOn: r.listed_on, removedOn: r.removed_on }, today),
    })),
    publications: pubs.map((x) => ({ id: x.id, quarter: x.quarterKey, quarterLabel: x.quarterLabel, dueOn: x.dueOn, late: x.late, entries: (x.entries as unknown[]).length, publishedAt: x.publishedAt })),
    pending: first ? pendingBlacklistPublications(new Set(pubs.map((x) => x.quarterKey)), first, today) : [],
    // the list due this quarter is the last quarter's, by the 10th working day (publishing needs an agency account)
    current: { quarter: { key: q.key, label: q.label, start: q.start, end: q.end }, due, overdue: !done && today > due, published: !!done, publishedAt: done?.publishedAt ?? null, canPublish: !!p.agencyId },
  };
}

export async function listObjections(ctx: AppContext, p: Principal, q: { status?: string }) {
  const conds: SQL[] = [enterpriseOwnedCondition(p, 'credit_objections')];
  if (q.status) conds.push(sql`status = ${q.status}`);
  const rows = await ctx.database.db.select().from(creditObjections).where(sql.join(conds, sql` and `)).orderBy(asc(creditObjections.answerDue), desc(creditObjections.id)).limit(500);
  const today = shanghaiDate();
  return { items: rows.map((o) => objectionDto(o, today)) };
}

/** R32: the public quarterly list (no login). */
export async function publicBlacklist(ctx: AppContext, q: { quarter?: string; regionCode?: string }) {
  const conds: SQL[] = [sql`true`];
  if (q.quarter) conds.push(sql`quarter_key = ${q.quarter}`);
  // the portal's region filter: the publications of the agencies in that region's subtree
  if (q.regionCode) conds.push(regionScopeCondition(q.regionCode, 'p.region_code'));
  const rows = await ctx.database.rows<{ id: number; quarter_key: string; quarter_label: string; agency_name: string; entries: PublishedEntry[]; published_at: Date }>(
    sql`select p.id, p.quarter_key, p.quarter_label, a.name as agency_name, p.entries, p.published_at from blacklist_publications p join agencies a on a.id = p.agency_id
         where ${sql.join(conds, sql` and `)} order by p.quarter_key desc, p.id desc limit 100`,
  );
  return { items: rows.map((r) => ({ id: Number(r.id), quarter: r.quarter_key, quarterLabel: r.quarter_label, agencyName: r.agency_name, publishedAt: r.published_at, entries: r.entries })) };
}

// ---------- repair (R29/R32) ----------

function repairDto(r: typeof creditRepairs.$inferSelect, today: string) {
  return { ...r, application: r.application as RepairApplication & { statement?: string }, eligibilityProblems: r.eligibilityProblems as string[], late: r.late || (r.status === 'pending' && today > r.answerDue) };
}

export async function applyRepair(ctx: AppContext, p: Principal, b: { creditFactId: number } & Omit<RepairApplication, 'appliedOn'> & { statement: string }) {
  if (p.role !== 'enterprise' || p.enterpriseId == null) throw forbidden('信用修复由企业通过本企业账户申请');
  const today = shanghaiDate();
  return ctx.database.db.transaction(async (tx) => {
    const [f] = await tx.select().from(creditFacts).where(eq(creditFacts.id, b.creditFactId));
    if (!f || f.enterpriseId !== p.enterpriseId) throw notFound('信用记录');
    const application: RepairApplication = { appliedOn: today, obligationsPerformed: b.obligationsPerformed, violationCorrected: b.violationCorrected, commitmentSigned: b.commitmentSigned, noNewSeriousConduct: b.noNewSeriousConduct };
    const el = creditRepairEligibility(toFact(f), application);
    if (!f.published || f.repairedOn) throw new AppError('VALIDATION', el.problems[0] ?? '该信息无需修复');
    const [pending] = await tx.select({ id: creditRepairs.id }).from(creditRepairs).where(and(eq(creditRepairs.creditFactId, f.id), eq(creditRepairs.status, 'pending')));
    if (pending) throw new AppError('CONFLICT', '该信用记录已有待答复的修复申请');
    const [r] = await tx
      .insert(creditRepairs)
      .values({ enterpriseId: f.enterpriseId, regionCode: f.regionCode, creditFactId: f.id, appliedOn: today, application: { ...application, statement: b.statement.trim() }, answerDue: el.answerDue, eligibilityProblems: el.problems, appliedBy: p.userId })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'apply_repair', entityType: 'credit_fact', entityId: f.id, regionCode: f.regionCode, after: { repairId: r!.id, answerDue: el.answerDue } }]);
    return repairDto(r!, today);
  });
}

export async function listRepairs(ctx: AppContext, p: Principal, q: { status?: string }) {
  const conds: SQL[] = [enterpriseOwnedCondition(p, 'credit_repairs')];
  if (q.status) conds.push(sql`status = ${q.status}`);
  const rows = await ctx.database.db.select().from(creditRepairs).where(sql.join(conds, sql` and `)).orderBy(asc(creditRepairs.answerDue), desc(creditRepairs.id)).limit(500);
  const today = shanghaiDate();
  return { items: rows.map((r) => repairDto(r, today)) };
}

/** Staff answer a repair application; answering after the 3-working-day due day is flagged late (R29). */
export async function decideRepair(ctx: AppContext, p: Principal, id: number, b: { approve: boolean; opinion: string }) {
  requirePermission(p, 'credit.decide');
  const today = shanghaiDate();
  return ctx.database.db.transaction(async (tx) => {
    const [r] = await tx.select().from(creditRepairs).where(eq(creditRepairs.id, id)).for('update');
    if (!r || p.role === 'enterprise' || !inJurisdiction(p, r.regionCode)) throw notFound('修复申请');
    if (r.status !== 'pending') throw new AppError('CONFLICT', '该申请已答复');
    const [f] = await tx.select().from(creditFacts).where(eq(creditFacts.id, r.creditFactId)).for('update');
    const app = r.application as RepairApplication;
    const el = creditRepairEligibility(toFact(f!), { ...app, appliedOn: r.appliedOn });
    if (b.approve && !el.eligible) throw new AppError('VALIDATION', `不符合信用修复条件：${el.problems.join('；')}`);
    const late = today > r.answerDue;
    const [u] = await tx.update(creditRepairs).set({ status: b.approve ? 'approved' : 'rejected', opinion: b.opinion.trim(), decidedOn: today, decidedBy: p.userId, late }).where(eq(creditRepairs.id, id)).returning();
    if (b.approve) await tx.update(creditFacts).set({ repairedOn: today }).where(eq(creditFacts.id, f!.id));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: b.approve ? 'approve_repair' : 'reject_repair', entityType: 'credit_fact', entityId: f!.id, regionCode: r.regionCode, reason: b.opinion.trim(), after: { repairId: id, decidedOn: today, answerDue: r.answerDue, late } }]);
    const status = await refreshCreditStatus(ctx, tx, p, r.enterpriseId, today);
    return { ...repairDto(u!, today), creditStatus: status };
  });
}

// ---------- objections (R32) ----------

export async function submitObjection(ctx: AppContext, p: Principal, b: { creditFactId?: number | null; reason: string; evidence: string[] }) {
  if (p.role !== 'enterprise' || p.enterpriseId == null) throw forbidden('异议由企业通过本企业账户提出');
  const today = shanghaiDate();
  const problems = objectionProblems({ receivedOn: today, reason: b.reason, evidenceCount: b.evidence.length });
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  return ctx.database.db.transaction(async (tx) => {
    const [e] = await tx.select().from(enterprises).where(eq(enterprises.id, p.enterpriseId!));
    if (b.creditFactId != null) {
      const [f] = await tx.select({ enterpriseId: creditFacts.enterpriseId }).from(creditFacts).where(eq(creditFacts.id, b.creditFactId));
      if (!f || f.enterpriseId !== p.enterpriseId) throw notFound('信用记录');
    }
    const [o] = await tx
      .insert(creditObjections)
      .values({ enterpriseId: e!.id, regionCode: e!.regionCode, creditFactId: b.creditFactId ?? null, receivedOn: today, reason: b.reason.trim(), evidence: b.evidence, answerDue: objectionAnswerDue(today), submittedBy: p.userId })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'submit_objection', entityType: 'enterprise', entityId: e!.id, regionCode: e!.regionCode, reason: b.reason.trim(), after: { objectionId: o!.id, creditFactId: b.creditFactId ?? null } }]);
    return objectionDto(o!, today);
  });
}

export async function answerObjection(ctx: AppContext, p: Principal, id: number, b: { upheld: boolean; answer: string }) {
  requirePermission(p, 'credit.decide');
  const today = shanghaiDate();
  return ctx.database.db.transaction(async (tx) => {
    const [o] = await tx.select().from(creditObjections).where(eq(creditObjections.id, id)).for('update');
    if (!o || p.role === 'enterprise' || !inJurisdiction(p, o.regionCode)) throw notFound('异议');
    if (o.status !== 'pending') throw new AppError('CONFLICT', '该异议已答复');
    const late = today > o.answerDue;
    const [u] = await tx.update(creditObjections).set({ status: b.upheld ? 'upheld' : 'rejected', answer: b.answer.trim(), decidedOn: today, decidedBy: p.userId, late }).where(eq(creditObjections.id, id)).returning();
    // an upheld objection corrects the record: the fact no longer counts nor is shown
    if (b.upheld && o.creditFactId != null) await tx.update(creditFacts).set({ affectsCredit: false, published: false }).where(eq(creditFacts.id, o.creditFactId));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: b.upheld ? 'uphold_objection' : 'reject_objection', entityType: 'enterprise', entityId: o.enterpriseId, regionCode: o.regionCode, reason: b.answer.trim(), after: { objectionId: id, late } }]);
    const status = await refreshCreditStatus(ctx, tx, p, o.enterpriseId, today);
    return { ...objectionDto(u!, today), creditStatus: status };
  });
}
