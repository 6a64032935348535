// R36: GET /api/statistics — the figures of an agency's subtree over a period (service.ts says what each one counts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statisticsGroupBys } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { isoDate, user } from '../../lib/http.js';
import { statistics } from './service.js';

const count = z.number().int().min(0);
const nCount = count.nullable();
export const statisticsFiguresSchema = z.object({
  inspections: z.object({ planned: nCount, done: count, donePlanned: count, doneUnplanned: count }),
  coverage: z.object({ keyTargets: nCount, keyTargetsInspected: nCount, highRiskTargets: nCount, highRiskInspected: nCount }),
  hazards: z.object({ found: count, major: count, closed: count, awaitingReview: count, unclosed: count, overdue: count, majorUnclosed: count }),
  cases: z.object({ opened: count, byStatus: z.record(z.string(), count), byProcedure: z.record(z.string(), count), transferred: count }),
  penalties: z.object({ decisions: count, fineDecided: z.number().min(0), collectedDecisions: count, fineCollected: z.number().min(0), suspensions: count, closures: count }),
  durations: z.object({ openToNotify: z.number().nullable(), notifyToDecide: z.number().nullable(), openToDecide: z.number().nullable(), decideToServe: z.number().nullable(), serveToClose: z.number().nullable() }),
});

export const statisticsResultSchema = z.object({
  agency: z.object({ id: z.number().int(), name: z.string(), level: z.string(), regionCode: z.string() }),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  groupBy: z.enum(statisticsGroupBys).nullable(),
  total: statisticsFiguresSchema,
  groups: z.array(z.object({ key: z.string(), label: z.string(), regionCode: z.string().nullable(), figures: statisticsFiguresSchema })),
});

export const statisticsQuerySchema = z.object({
  agencyId: z.coerce.number().int().positive().max(2147483647).optional(),
  from: isoDate,
  to: isoDate,
  groupBy: z.enum(statisticsGroupBys, { error: '分组方式应为下级执法主体、行政区划、行业、风险等级、执法人员或月份' }).optional(),
});

export const statisticsRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/statistics',
      { schema: { tags: ['statistics'], querystring: statisticsQuerySchema, response: { 200: statisticsResultSchema } } },
      async (req) => statistics(ctx, user(req), req.query),
    );
  };
