// R1/R35: a penalty case as stored, loaded within the caller's scope, and who may write it. Apart from caseService.ts
// so that the modules the case's commands use (documents, publication, the case file) need not import the commands.
import { eq } from 'drizzle-orm';
import type { DiscretionProposal, SanctionKind, ViolationFacts } from '@anjian/domain';
import type { Db } from '../../db/client.js';
import type { AppContext } from '../../context.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { assertMayEnforce, canSeeEnterpriseRow, inJurisdiction, requireActingAgency, type Principal } from '../auth/principal.js';

export type CaseRow = typeof penaltyCases.$inferSelect;

/** One assessed violation as stored in penalty_cases.violations. */
export interface StoredViolation {
  facts: ViolationFacts;
  proposal: DiscretionProposal;
  /** chosen amount (defaults to the suggestion) */
  amount: number | null;
  /** R25: the written reason when the amount lies outside the proposed tier — visible to oversight */
  reason: string | null;
  /** the sanctions chosen among the item's (default: the unconditional ones) */
  sanctions: SanctionKind[];
  punishDespiteOptionalExemption: boolean;
  /** the amount lies outside the proposed tier (deviation) */
  deviates: boolean;
  assessedBy: number;
  assessedAt: string;
}

// ---------- loading, scoped ----------

export async function loadCase(ctx: AppContext, p: Principal, id: number, executor?: Db): Promise<CaseRow> {
  const [row] = await (executor ?? ctx.database.db).select().from(penaltyCases).where(eq(penaltyCases.id, id));
  if (!row || !canSeeEnterpriseRow(p, row)) throw notFound('案件');
  return row;
}

export const NOT_HANDLING_AGENCY = '本案由承办机关办理，其他机关不能办理；上级机关需要直接办理的，须由负责人提级管辖并写明理由';

/**
 * Writes need the case inside the caller's jurisdiction (else 404; an enterprise user never writes the case file) and
 * the caller's agency to be the one handling it (else 403): a higher level acts on a lower level's case only after
 * taking it over (提级管辖, escalateCase). 法制审核 (approve/reject review) is the exception: the legal reviewers of the
 * handling agency or of a level above it review, as they do today for agencies without legal staff of their own.
 */
export function assertCanWrite(p: Principal, row: CaseRow, opts: { review?: boolean } = {}): void {
  if (p.role === 'enterprise') throw forbidden('企业用户不能修改案卷；陈述申辩、听证申请、撤回听证申请和书面放弃请在案件页面直接提交');
  if (!inJurisdiction(p, row.regionCode)) throw notFound('案件');
  assertMayEnforce(p);
  if (opts.review && p.role === 'legal_reviewer') return;
  requireActingAgency(p, row.agencyId, NOT_HANDLING_AGENCY);
}

