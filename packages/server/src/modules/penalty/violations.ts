// R25/R26/R18: the violations of a case, each assessed by the domain's discretion engine against the catalogue
// version of the case, then combined (分别裁量、合并处罚).
import { eq, sql } from 'drizzle-orm';
import {
  isCaseFileEditable,
  chosenAmountProblems,
  combinePenalties,
  penaltyCaseStatusLabels,
  missingClauseProblem,
  proposeDiscretion,
  type DiscretionProposal,
  type PenaltyCaseStatus,
  type SanctionKind,
  type ViolationFacts,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { discretionCatalogueVersion } from './catalog.js';
import { type CaseRow, type StoredViolation } from './caseAccess.js';
import { lockCase, loadForStaffWrite, violationsOf, fromMajorHazard, event } from './caseState.js';
import { caseDto } from './caseQueries.js';

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
