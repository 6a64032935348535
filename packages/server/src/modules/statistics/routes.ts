// R36: GET /api/statistics — the figures of an agency's subtree over a period (service.ts says what each one counts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { statisticsQuerySchema, statisticsResultSchema } from '@anjian/domain/contract/reporting';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { statistics } from './service.js';

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
