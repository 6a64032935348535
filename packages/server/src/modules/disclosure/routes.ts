// The public portal's operations (no login, throttled per address): the index by region, published plans, draws
// with their verification data, and the results of double-random inspections. See docs/public-portal.md.
import { drawItem, errors, idParams, indexResponse, pageOf, paging, planItem, planResponse, positive, regionCode, resultItem, resultResponse, year } from '@anjian/domain/contract/disclosure';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { publicThrottle } from '../../lib/publicThrottle.js';
import { portalIndex, publicDraws, publicPlan, publicPlans, publicResult, publicResults } from './service.js';

export const portalRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['public'];
  const throttle = publicThrottle();
  const config = { public: true };
  r.get('/public/portal', { config, onRequest: throttle, schema: { tags, querystring: z.object({ regionCode, ...paging }), response: { 200: indexResponse, ...errors } } }, async (req) => portalIndex(ctx, req.query));
  r.get(
    '/public/plans',
    { config, onRequest: throttle, schema: { tags, querystring: z.object({ regionCode, agencyId: positive('机构编号').optional(), year, ...paging }), response: { 200: pageOf(planItem), ...errors } } },
    async (req) => publicPlans(ctx, req.query),
  );
  r.get(
    '/public/plans/:id',
    { config, onRequest: throttle, schema: { tags, params: idParams, querystring: z.object({ version: positive('版本号').optional() }), response: { 200: planResponse, ...errors } } },
    async (req) => publicPlan(ctx, req.params.id, req.query.version),
  );
  r.get(
    '/public/draws',
    { config, onRequest: throttle, schema: { tags, querystring: z.object({ regionCode, agencyId: positive('机构编号').optional(), planId: positive('计划编号').optional(), year, ...paging }), response: { 200: pageOf(drawItem), ...errors } } },
    async (req) => publicDraws(ctx, req.query),
  );
  r.get(
    '/public/inspection-results',
    { config, onRequest: throttle, schema: { tags, querystring: z.object({ regionCode, agencyId: positive('机构编号').optional(), drawId: positive('抽取编号').optional(), year, ...paging }), response: { 200: pageOf(resultItem), ...errors } } },
    async (req) => publicResults(ctx, req.query),
  );
  r.get('/public/inspection-results/:id', { config, onRequest: throttle, schema: { tags, params: idParams, response: { 200: resultResponse, ...errors } } }, async (req) => publicResult(ctx, req.params.id));
});
