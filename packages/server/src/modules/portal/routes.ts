// The public portal's operations (no login, throttled per address): the index by region, published plans, draws
// with their verification data, and the results of double-random inspections. See docs/public-portal.md.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { publicThrottle } from '../../lib/publicThrottle.js';
import { portalIndex, publicDraws, publicPlan, publicPlans, publicResult, publicResults } from './service.js';

const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional();
const paging = {
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码应从1开始').max(100000).default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(50, '每页最多50条').default(20),
};
const year = z.coerce.number({ error: '年度应为数字' }).int().min(2020, '年度应在2020年以后').max(2100).optional();
const positive = (what: string) => z.coerce.number({ error: `${what}应为数字` }).int().positive(`${what}应为正整数`).max(2 ** 31 - 1);
const idParams = z.object({ id: positive('编号') });
const error = z.object({ code: z.string(), message: z.string() });
const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(item) });

const counts = { plans: z.number(), draws: z.number(), results: z.number(), penalties: z.number(), blacklists: z.number() };
const indexResponse = z.object({
  region: z.object({ code: z.string(), name: z.string(), fullName: z.string(), level: z.string(), levelLabel: z.string() }).nullable(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
  agencies: z.array(z.object({ id: z.number(), name: z.string(), level: z.string(), levelLabel: z.string(), regionCode: z.string(), ...counts })),
  children: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), levelLabel: z.string(), agencies: z.number(), ...counts })),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});
const planItem = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  agencyLevelLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number(),
  versionNo: z.number(),
  publishedOn: z.string(),
  adjustments: z.number(),
  totalPlanned: z.number(),
});
const item = z.object({ code: z.string(), title: z.string() });
const planResponse = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  agencyLevelLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number(),
  versionNo: z.number(),
  publishedOn: z.string(),
  inForce: z.boolean(),
  totalPlanned: z.number(),
  officerCount: z.number(),
  fixed: z.object({ title: z.string(), count: z.number(), text: z.string() }),
  random: z.object({ title: z.string(), count: z.number(), ratio: z.number(), eligible: z.number(), text: z.string() }),
  oversight: z.object({ title: z.string(), count: z.number(), text: z.string() }),
  who: z.string(),
  how: z.string(),
  what: z.string(),
  categories: z.array(z.object({ category: z.string(), label: z.string(), count: z.number() })),
  months: z.array(z.object({ month: z.number(), key: z.number(), highRisk: z.number(), random: z.number(), spotCheck: z.number(), total: z.number() })),
  industries: z.array(z.object({ industry: z.string(), label: z.string(), count: z.number() })),
  checkItems: z.object({ catalogueVersion: z.number(), general: z.array(item), industries: z.array(z.object({ label: z.string(), items: z.array(item) })) }),
  versions: z.array(z.object({ versionNo: z.number(), publishedOn: z.string(), reason: z.string().nullable(), totalPlanned: z.number(), officerCount: z.number() })),
  drawCount: z.number(),
});
const drawItem = z.object({
  id: z.number(),
  title: z.string(),
  agencyName: z.string(),
  regionName: z.string(),
  drawDate: z.string(),
  seed: z.string(),
  inputHash: z.string(),
  targetCount: z.number(),
  assigned: z.number(),
  teamSize: z.number(),
  poolSize: z.number(),
  officerPoolSize: z.number(),
  results: z.number(),
  pageUrl: z.string(),
  inputUrl: z.string(),
  verifyUrl: z.string(),
});
const resultItem = z.object({
  id: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  industryLabel: z.string(),
  regionName: z.string(),
  agencyName: z.string(),
  drawId: z.number(),
  drawTitle: z.string(),
  drawDate: z.string(),
  inspectedOn: z.string(),
  itemCount: z.number(),
  hazards: z.number(),
  majorHazards: z.number(),
  outcome: z.string(),
});
const resultResponse = resultItem.extend({
  legalBasis: z.string(),
  items: z.array(z.object({ code: z.string(), title: z.string(), resultLabel: z.string() })),
  fixedOnSpot: z.number(),
  hazardList: z.array(z.object({ description: z.string(), requirement: z.string(), major: z.boolean(), deadline: z.string(), statusLabel: z.string() })),
});
const errors = { 400: error, 404: error, 429: error };

export const portalRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
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
      {
        config,
        onRequest: throttle,
        schema: { tags, querystring: z.object({ regionCode, agencyId: positive('机构编号').optional(), planId: positive('计划编号').optional(), year, ...paging }), response: { 200: pageOf(drawItem), ...errors } },
      },
      async (req) => publicDraws(ctx, req.query),
    );
    r.get(
      '/public/inspection-results',
      {
        config,
        onRequest: throttle,
        schema: { tags, querystring: z.object({ regionCode, agencyId: positive('机构编号').optional(), drawId: positive('抽取编号').optional(), year, ...paging }), response: { 200: pageOf(resultItem), ...errors } },
      },
      async (req) => publicResults(ctx, req.query),
    );
    r.get('/public/inspection-results/:id', { config, onRequest: throttle, schema: { tags, params: idParams, response: { 200: resultResponse, ...errors } } }, async (req) => publicResult(ctx, req.params.id));
  };
