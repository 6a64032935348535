// 《安全生产法》第一百一十二条 (按日连续处罚) and 第一百一十三条 (提请关闭): detected over the enterprise's decided
// penalty cases by the domain's rules, surfaced on the case and the enterprise.
import { sql } from 'drizzle-orm';
import { closureGrounds, correctiveOrders, dailyPenaltyCandidates, type PastPenalty, type ProposedDecision } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';

export async function penaltyHistory(ctx: AppContext, enterpriseId: number, executor?: Db): Promise<PastPenalty[]> {
  const rows = await ctx.database.rows<{ id: number; decided_on: string; major_hazard: boolean; decision: ProposedDecision; deadline: string | null; ordered_on: string | null; rectified_on: string | null; refused: boolean }>(
    sql`select c.id, c.decided_on::text as decided_on, c.major_hazard, c.decision,
               (select max(h.deadline)::text from hazards h where h.penalty_case_id = c.id) as deadline,
               (select min((h.created_at at time zone 'Asia/Shanghai')::date)::text from hazards h where h.penalty_case_id = c.id) as ordered_on,
               (select max((h.rectified_at at time zone 'Asia/Shanghai')::date)::text from hazards h where h.penalty_case_id = c.id and h.status <> 'open') as rectified_on,
               false as refused
          from penalty_cases c
         where c.enterprise_id = ${enterpriseId} and c.decided_on is not null and c.decision->>'kind' = 'penalty'
         order by c.decided_on`,
    executor,
  );
  return rows.map((r) => {
    const ordered = (r.decision.sanctions ?? []).some((s) => correctiveOrders.includes(s)) || !!r.deadline;
    return {
      id: Number(r.id),
      decidedOn: r.decided_on,
      underWorkSafetyLaw: true,
      majorHazard: !!r.major_hazard,
      fine: Number(r.decision.fine ?? 0),
      // the order to correct (责令限期整改) was given with the hazard at the inspection, else with the decision
      correctionOrderedOn: ordered ? (r.ordered_on ?? r.decided_on) : null,
      correctionDeadline: r.deadline,
      correctedOn: r.rectified_on,
      refusedCorrection: r.refused,
    };
  });
}

/** The art. 112 candidates and art. 113 grounds of an enterprise today. */
export async function enforcementAlerts(ctx: AppContext, enterpriseId: number, today: string, executor?: Db) {
  const history = await penaltyHistory(ctx, enterpriseId, executor);
  return { dailyPenalty: dailyPenaltyCandidates(history, today), closure: closureGrounds(history, {}, today) };
}
