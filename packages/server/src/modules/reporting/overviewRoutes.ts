// The home page figures of the caller's jurisdiction.
import { sql } from 'drizzle-orm';
import { statsOverview } from '@anjian/domain/contract/reporting';
import { highRiskIndustries } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { shanghaiDate } from '../../lib/diff.js';
import { user } from '../../lib/http.js';
import { enterpriseCondition, regionCondition, requirePermission } from '../auth/principal.js';
import { EXPIRING_DAYS } from '../registry/officerService.js';

export const statsRoutes = routes(async (r, ctx: AppContext) => {
  r.get(
    '/stats/overview',
    { schema: { tags: ['stats'], response: { 200: statsOverview } } },
    async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      const ent = enterpriseCondition(p);
      const groups = await ctx.database.rows<{ industry: string; risk_code: string; n: number; own: number }>(
        sql`select e.industry, e.risk_code, count(*)::int as n,
              count(*) filter (where e.supervising_agency_id = ${p.agencyId ?? -1})::int as own
            from enterprises e where ${ent} group by 1, 2`,
      );
      const byRisk: Record<string, number> = { red: 0, yellow: 0, blue: 0, green: 0 };
      const byIndustry: Record<string, number> = {};
      let total = 0;
      let highRisk = 0;
      let own = 0;
      for (const g of groups) {
        const n = Number(g.n);
        total += n;
        own += Number(g.own);
        byRisk[g.risk_code] = (byRisk[g.risk_code] ?? 0) + n;
        byIndustry[g.industry] = (byIndustry[g.industry] ?? 0) + n;
        if ((highRiskIndustries as readonly string[]).includes(g.industry)) highRisk += n;
      }
      let officerCount = 0;
      let expired = 0;
      let expiring = 0;
      let agencyCount = 0;
      if (p.role !== 'enterprise') {
        const today = shanghaiDate();
        const soon = new Date(Date.parse(today) + EXPIRING_DAYS * 86400_000).toISOString().slice(0, 10);
        const [o] = await ctx.database.rows<{ n: number; expired: number; expiring: number; agencies: number }>(
          sql`select count(*)::int as n,
                count(*) filter (where credential_valid_to < ${today}::date or credential_valid_from > ${today}::date)::int as expired,
                count(*) filter (where credential_valid_to between ${today}::date and ${soon}::date)::int as expiring,
                (select count(*)::int from agencies where ${regionCondition(p)}) as agencies
              from officers where ${regionCondition(p)}`,
        );
        officerCount = Number(o?.n ?? 0);
        expired = Number(o?.expired ?? 0);
        expiring = Number(o?.expiring ?? 0);
        agencyCount = Number(o?.agencies ?? 0);
      }
      return {
        enterpriseCount: total,
        byRisk,
        byIndustry,
        highRiskEnterpriseCount: highRisk,
        supervisedByOwnAgency: own,
        officerCount,
        expiredCredentialCount: expired,
        expiringCredentialCount: expiring,
        agencyCount,
      };
    },
  );
});
