// R36: GET /api/statistics — the figures of an agency's subtree over a period (service.ts says what each one counts).
import { statisticsQuerySchema, statisticsResultSchema } from '@anjian/domain/contract/reporting';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { statistics } from './statisticsService.js';

export const statisticsRoutes = routes(async (r, ctx: AppContext) => {
  r.get(
    '/statistics',
    { schema: { tags: ['statistics'], querystring: statisticsQuerySchema, response: { 200: statisticsResultSchema } } },
    async (req) => statistics(ctx, user(req), req.query),
  );
});
