import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { enterprises } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { canSeeEnterpriseRow, type Principal } from '../auth/principal.js';

/** An enterprise the caller may see (its own for an enterprise user), else 404. */
export async function loadEnterpriseScoped(ctx: AppContext, p: Principal, id: number) {
  const [e] = await ctx.database.db.select({ id: enterprises.id, regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.id, id));
  if (!e || !canSeeEnterpriseRow(p, { enterpriseId: e.id, regionCode: e.regionCode })) throw notFound('企业');
  return e;
}
