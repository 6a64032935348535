// R28: the legal reviews of the caller's jurisdiction (the reviewer's work list).
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../lib/errors.js';
import { regionCondition, type Principal } from '../auth/principal.js';

/** R28: the legal reviews of the caller's jurisdiction (the reviewer's work list). */
export async function listLegalReviews(ctx: AppContext, p: Principal, q: { result?: 'pending' | 'approved' | 'returned' }) {
  if (p.role === 'enterprise') throw forbidden();
  const conds: SQL[] = [regionCondition(p, 'r.region_code')];
  if (q.result) conds.push(sql`r.result = ${q.result}`);
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select r.id, r.case_id, c.case_number, e.name as enterprise_name, r.result, r.major_reasons, r.submitted_at, r.reviewer_name, r.comments, r.decided_at
          from legal_reviews r join penalty_cases c on c.id = r.case_id join enterprises e on e.id = c.enterprise_id
         where ${sql.join(conds, sql` and `)} order by r.submitted_at desc, r.id desc limit 500`,
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      caseId: Number(r.case_id),
      caseNumber: r.case_number as string | null,
      enterpriseName: r.enterprise_name as string,
      result: r.result as string,
      majorReasons: r.major_reasons as string[],
      submittedAt: r.submitted_at as Date | string,
      reviewerName: r.reviewer_name as string | null,
      comments: r.comments as string | null,
      decidedAt: r.decided_at as Date | string | null,
    })),
  };
}
