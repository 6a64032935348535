// HTTP routes of 回访 (R33). Handlers parse and delegate to the service; the questionnaire and the draw are in
// @anjian/domain.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { followUpMatterFindings, followUpMethods, followUpReasons, followUpStatuses } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { isoDate, user } from '../../lib/http.js';
import {
  createFollowUpDraw,
  exportFollowUps,
  followUpDetail,
  followUpDrawView,
  followUpLedger,
  followUpStats,
  listFollowUpDraws,
  listRatios,
  recordFollowUp,
  resolveMatter,
  setRatio,
  verifyFollowUpDrawById,
} from './service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);

const ledgerQuery = z.object({
  drawId: z.coerce.number().int().positive().optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  status: z.enum(followUpStatuses).optional(),
  reason: z.enum(followUpReasons).optional(),
  method: z.enum(followUpMethods).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
  hasMatters: bool.optional(),
});

const ratioSchema = z.object({
  agencyId: z.number(),
  agencyName: z.string(),
  level: z.string(),
  regionCode: z.string(),
  percent: z.number(),
  isDefault: z.boolean(),
  reason: z.string(),
  changedByName: z.string().nullable(),
  changedAt: z.string().nullable(),
});
const ratiosResponse = z.object({
  ownAgencyId: z.number().nullable(),
  items: z.array(ratioSchema),
  history: z.array(z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string(), percent: z.number(), reason: z.string(), changedByName: z.string(), changedAt: z.string() })),
});
const drawSummary = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  seed: z.number(),
  percent: z.number(),
  inputHash: z.string(),
  poolSize: z.number(),
  required: z.number(),
  drawn: z.number(),
  createdAt: z.string(),
});
const drawView = drawSummary.extend({
  items: z.array(z.object({ id: z.number(), inspectionId: z.number(), enterpriseName: z.string(), creditCode: z.string(), reason: z.string(), reasonLabel: z.string(), statusLabel: z.string() })),
});
const ledgerRow = z.object({
  id: z.number(),
  drawId: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  inspectionId: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  inspectedOn: z.string(),
  officerNames: z.string(),
  reason: z.string(),
  reasonLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  method: z.string().nullable(),
  methodLabel: z.string(),
  visitedOn: z.string().nullable(),
  visitors: z.string().nullable(),
  contactPerson: z.string().nullable(),
  recordedByName: z.string().nullable(),
  matters: z.number(),
  openMatters: z.number(),
  concerns: z.string(),
});
const matterSchema = z.object({
  id: z.number(),
  questionKey: z.string(),
  concern: z.string(),
  officerNames: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  handling: z.string().nullable(),
  finding: z.string().nullable(),
  findingLabel: z.string(),
  result: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  mayResolve: z.boolean(),
});
const detailSchema = ledgerRow.extend({
  answers: z.record(z.string(), z.string()),
  notes: z.record(z.string(), z.string()),
  comment: z.string(),
  recordedAt: z.string().nullable(),
  mayRecord: z.boolean(),
  matterList: z.array(matterSchema),
});
const statsSchema = z.object({
  from: z.string(),
  to: z.string(),
  byAgency: z.array(
    z.object({
      agencyId: z.number(),
      agencyName: z.string(),
      inspectedTargets: z.number(),
      inspections: z.number(),
      drawn: z.number(),
      visited: z.number(),
      visitedTargets: z.number(),
      ratePercent: z.number(),
      requiredAtTenPercent: z.number(),
      shortfall: z.boolean(),
      matters: z.number(),
      openMatters: z.number(),
      confirmedMatters: z.number(),
    }),
  ),
  flagged: z.array(z.number()),
  byOfficer: z.array(
    z.object({ officerId: z.number(), name: z.string(), agencyName: z.string(), inspections: z.number(), drawn: z.number(), visited: z.number(), ratePercent: z.number(), matters: z.number(), confirmedMatters: z.number() }),
  ),
});

export const followUpRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['follow-ups'];
    r.get('/follow-ups/ratios', { schema: { tags, response: { 200: ratiosResponse } } }, async (req) => listRatios(ctx, user(req)));
    r.put(
      '/follow-ups/ratios',
      {
        schema: {
          tags,
          body: z.object({ percent: z.number().int('回访比例应为整数百分比').min(1, '回访比例不能低于1%').max(100, '回访比例不能超过100%'), reason: text(2, 200, '调整原因') }).strict(),
          response: { 200: ratiosResponse },
        },
      },
      async (req) => setRatio(ctx, user(req), req.body),
    );
    r.post(
      '/follow-ups/draws',
      {
        schema: {
          tags,
          body: z.object({ periodStart: isoDate, periodEnd: isoDate, seed: z.number().int().min(1).max(2 ** 31 - 1).optional() }).strict(),
          response: { 201: drawView },
        },
      },
      async (req, reply) => reply.status(201).send(await createFollowUpDraw(ctx, user(req), req.body)),
    );
    r.get('/follow-ups/draws', { schema: { tags, response: { 200: z.object({ items: z.array(drawSummary) }) } } }, async (req) => listFollowUpDraws(ctx, user(req)));
    r.get('/follow-ups/draws/:id', { schema: { tags, params: idParams, response: { 200: drawView } } }, async (req) => followUpDrawView(ctx, user(req), req.params.id));
    // anyone may re-run a draw from its seed and input (no names in the answer: the visited enterprises are not public)
    r.post(
      '/follow-ups/draws/:id/verify',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          params: idParams,
          response: { 200: drawSummary.omit({ agencyId: true }).extend({ agencyId: z.number(), ok: z.boolean(), reason: z.string().nullable(), recomputedHash: z.string(), drawnInspectionIds: z.array(z.number()) }) },
        },
      },
      async (req) => verifyFollowUpDrawById(ctx, req.params.id),
    );
    r.get(
      '/follow-ups',
      {
        schema: {
          tags,
          querystring: ledgerQuery.extend({ page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
          response: { 200: z.object({ items: z.array(ledgerRow), total: z.number(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (req) => followUpLedger(ctx, user(req), req.query),
    );
    r.get('/follow-ups/export', { schema: { tags, querystring: ledgerQuery } }, async (req, reply) => exportFollowUps(ctx, user(req), req.query, reply));
    r.get('/follow-ups/stats', { schema: { tags, querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }), response: { 200: statsSchema } } }, async (req) => followUpStats(ctx, user(req), req.query));
    r.get('/follow-ups/:id', { schema: { tags, params: idParams, response: { 200: detailSchema } } }, async (req) => followUpDetail(ctx, user(req), req.params.id));
    r.post(
      '/follow-ups/:id/record',
      {
        schema: {
          tags,
          params: idParams,
          body: z
            .object({
              method: z.enum(followUpMethods, { message: '请选择回访方式（电话回访或实地回访）' }),
              visitedOn: isoDate,
              visitors: text(2, 100, '回访人员'),
              contactPerson: text(1, 50, '企业受访人'),
              answers: z.record(z.string().max(40), z.string().max(40)),
              notes: z.record(z.string().max(2), z.string().max(1000, '每项说明不能超过1000个字')).default({}),
              comment: z.string().trim().max(2000, '其他意见不能超过2000个字').default(''),
            })
            .strict(),
          response: { 200: detailSchema },
        },
      },
      async (req) => recordFollowUp(ctx, user(req), req.params.id, req.body),
    );
    r.post(
      '/follow-ups/:id/matters/:mid/resolve',
      {
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive(), mid: z.coerce.number().int().positive() }),
          body: z.object({ handling: text(2, 2000, '核查处理情况'), finding: z.enum(followUpMatterFindings, { message: '请选择核查结论（查实或查否）' }), result: text(2, 2000, '处理结果') }).strict(),
          response: { 200: detailSchema },
        },
      },
      async (req) => resolveMatter(ctx, user(req), req.params.id, req.params.mid, req.body),
    );
  };
