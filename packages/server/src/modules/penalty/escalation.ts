// 提级管辖: a leader of a higher agency takes a case over, with the reason written down.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { penaltyCases } from '../../db/inspectionSchema.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { loadCase } from './caseAccess.js';
import { escalationRefusal, lockCase, event } from './caseState.js';
import { caseDto } from './caseQueries.js';

// ---------- 提级管辖: a higher level takes a case over ----------


/**
 * 提级管辖 (《行政处罚法》第二十五条): a leader of an agency above the handling agency takes the case over, with a written
 * reason (10+ characters, checked by the route), before the decision. From then on the taking agency handles it and the
 * original one no longer acts on it (assertCanWrite). The investigators were the original agency's officers: the taking
 * agency names its own (PATCH investigatorIds) before the next step that needs them. One transaction with a timeline
 * event and an audit entry.
 */
export async function escalateCase(ctx: AppContext, p: Principal, id: number, b: { reason: string }) {
  const pre = await loadCase(ctx, p, id);
  const [from] = await ctx.database.rows<{ id: number; name: string; region_code: string }>(sql`select id, name, region_code from agencies where id = ${pre.agencyId}`);
  const refused = escalationRefusal(p, pre, from);
  if (refused) throw refused;
  const reason = b.reason.trim();
  return ctx.database.db.transaction(async (tx) => {
    const cur = await lockCase(tx, id);
    if (cur.agencyId !== pre.agencyId) throw new AppError('CONFLICT', '案件的承办机关已经变更，请刷新后重试');
    const late = escalationRefusal(p, cur, from);
    if (late) throw late;
    const [row] = await tx
      .update(penaltyCases)
      .set({ agencyId: p.agencyId!, investigatorIds: [], version: cur.version + 1, updatedAt: new Date() })
      .where(eq(penaltyCases.id, id))
      .returning();
    const detail = { fromAgencyId: Number(from!.id), fromAgencyName: from!.name, toAgencyId: p.agencyId!, toAgencyName: p.agencyName, previousInvestigatorIds: cur.investigatorIds };
    await event(tx, p, row!, 'escalate', cur.status, cur.status, reason, detail);
    await appendAudit(ctx.database, tx, actorOf(p), [
      {
        action: 'escalate',
        entityType: 'penalty_case',
        entityId: id,
        regionCode: cur.regionCode,
        reason,
        before: { agencyId: cur.agencyId, agencyName: from!.name, investigatorIds: cur.investigatorIds },
        after: { agencyId: p.agencyId, agencyName: p.agencyName, investigatorIds: [] },
      },
    ]);
    return caseDto(ctx, p, row!, tx);
  });
}
