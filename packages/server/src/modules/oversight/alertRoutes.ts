// HTTP routes of the R34 detectors and their alerts (执法监督预警). Handlers parse and delegate to alertService.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alertActions, alertStates, detectorCodes } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { isoDate, user } from '../../lib/http.js';
import { shanghaiDate } from '../../lib/diff.js';
import { forbidden } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf } from '../auth/principal.js';
import { exportAlerts, getAlert, listAlerts, requireRunner, resolveAlert, rulesCatalogue, runDetectors } from './alertService.js';

const INT4 = 2147483647;
const tags = ['oversight'];
const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确') });
const filters = z.object({
  rule: z.enum(detectorCodes, { error: '监测规则不正确' }).optional(),
  state: z.enum(alertStates, { error: '状态不正确' }).optional(),
  agencyId: z.coerce.number().int().positive().max(INT4, '单位编号不正确').optional(),
  active: z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true').optional(),
});

const evidenceSchema = z.object({ label: z.string(), value: z.string(), link: z.string().optional() });
const itemSchema = z.object({ item: z.string(), text: z.string() });
const alertSchema = z.object({
  id: z.number(),
  rule: z.string(),
  ruleTitle: z.string(),
  items: z.array(itemSchema),
  agencyId: z.number(),
  agencyName: z.string(),
  regionCode: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  amount: z.number().nullable(),
  occurredOn: z.string().nullable(),
  state: z.enum(alertStates),
  stateLabel: z.string(),
  active: z.boolean(),
  firstDetectedOn: z.string(),
  lastDetectedOn: z.string(),
  clearedOn: z.string().nullable(),
  detections: z.number(),
  overseerName: z.string().nullable(),
  history: z.array(z.object({ action: z.string(), actionLabel: z.string(), from: z.string(), fromLabel: z.string(), to: z.string(), toLabel: z.string(), reason: z.string(), byName: z.string(), at: z.string().nullable() }).passthrough()),
  version: z.number(),
  actions: z.array(z.enum(alertActions)),
});
const runResult = z.object({ rule: z.string(), title: z.string(), found: z.number(), created: z.number(), cleared: z.number(), reopened: z.number(), ms: z.number() });

export const oversightAlertRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/oversight/rules',
      {
        schema: {
          tags,
          response: {
            200: z.object({
              detectors: z.array(z.object({ code: z.string(), title: z.string(), description: z.string(), items: z.array(itemSchema) })),
              uncovered: z.array(z.object({ item: z.string(), text: z.string(), why: z.string(), instead: z.string() })),
            }),
          },
        },
      },
      async (req) => {
        if (user(req).role === 'enterprise') throw forbidden('企业用户不能查看执法监督规则');
        return rulesCatalogue();
      },
    );

    r.post(
      '/oversight/detectors/run',
      {
        schema: {
          tags,
          body: z.object({ asOf: isoDate.optional(), rules: z.array(z.enum(detectorCodes, { error: '监测规则不正确' })).max(detectorCodes.length).optional() }).optional(),
          response: { 200: z.object({ asOf: z.string(), results: z.array(runResult) }) },
        },
      },
      async (req) => {
        const p = user(req);
        requireRunner(p);
        const asOf = req.body?.asOf ?? shanghaiDate();
        const results = await runDetectors(ctx, asOf, req.body?.rules);
        await ctx.database.db.transaction(async (tx) => {
          await appendAudit(ctx.database, tx, actorOf(p), [
            { action: 'run', entityType: 'oversight_detectors', entityId: asOf, regionCode: p.agencyRegionCode ?? '', reason: '立即运行执法监督监测', after: { results: results.map(({ rule, found, created, cleared }) => ({ rule, found, created, cleared })) } },
          ]);
        });
        return { asOf, results };
      },
    );

    r.get(
      '/oversight/alerts',
      {
        schema: {
          tags,
          querystring: filters.extend({ page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
          response: { 200: z.object({ items: z.array(alertSchema), total: z.number(), capped: z.boolean(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (req) => listAlerts(ctx, user(req), req.query),
    );

    r.get('/oversight/alerts/export', { schema: { tags, querystring: filters } }, async (req, reply) => exportAlerts(ctx, user(req), req.query, reply));

    r.get('/oversight/alerts/:id', { schema: { tags, params: idParams, response: { 200: alertSchema } } }, async (req) => getAlert(ctx, user(req), req.params.id));

    r.post(
      '/oversight/alerts/:id/resolve',
      {
        schema: {
          tags,
          params: idParams,
          body: z.object({
            action: z.enum(alertActions, { error: '处理方式不正确' }),
            reason: z.string().trim().min(4, '请填写理由（至少4个字）').max(2000, '理由不能超过2000个字'),
            version: z.number().int().positive().max(INT4).optional(),
          }),
          response: { 200: alertSchema },
        },
      },
      async (req) => resolveAlert(ctx, user(req), req.params.id, req.body),
    );
  };
