// R31: leaders' interventions in a case, recorded by the handling agency.
import type { AppContext } from '../../context.js';
import { penaltyInterventions } from '../../db/penaltySchema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { assertCanWrite, loadCase } from './caseAccess.js';
import { event } from './caseState.js';

// ---------- R31: interventions ----------

export async function recordIntervention(ctx: AppContext, p: Principal, id: number, b: { intervenerName: string; intervenerPosition: string; method: string; content: string; occurredOn: string }) {
  const row = await loadCase(ctx, p, id);
  if (p.role === 'enterprise') throw forbidden('企业用户不能登记干预记录');
  // recorded by the handling agency, whose case file it belongs to; a higher level's staff see it there
  assertCanWrite(p, row);
  if (b.occurredOn > shanghaiDate()) throw new AppError('VALIDATION', '干预日期不能晚于今天');
  return ctx.database.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(penaltyInterventions)
      .values({ caseId: id, regionCode: row.regionCode, intervenerName: b.intervenerName.trim(), intervenerPosition: b.intervenerPosition.trim(), method: b.method.trim(), content: b.content.trim(), occurredOn: b.occurredOn, recordedBy: p.userId, recordedByName: p.displayName })
      .returning();
    await event(tx, p, row, 'record_intervention', row.status, row.status, null, { interventionId: r!.id });
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'record_intervention', entityType: 'penalty_case', entityId: id, regionCode: row.regionCode, after: { intervenerName: r!.intervenerName, intervenerPosition: r!.intervenerPosition, method: r!.method, occurredOn: r!.occurredOn } }]);
    return r!;
  });
}
