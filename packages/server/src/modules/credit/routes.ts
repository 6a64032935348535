// HTTP routes of the credit record (R32, R29): handlers parse and delegate to the service.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accidentGrades } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { isoDate, user } from '../../lib/http.js';
import { shanghaiDate } from '../../lib/diff.js';
import { forbidden } from '../../lib/errors.js';
import { requirePermission } from '../auth/principal.js';
import { exportBlacklist, exportViolations } from './exports.js';
import { refreshCreditStatuses, violationDatabase, addToBlacklist, answerObjection, applyRepair, blacklistOverview, creditRecord, decideRepair, listObjections, listRepairs, publicBlacklist, publishBlacklist, removeFromBlacklist, submitObjection } from './service.js';

const INT4 = 2147483647;
const id = z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确') });
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const conditions = z.object({ obligationsPerformed: z.boolean(), violationCorrected: z.boolean(), commitmentSigned: z.boolean(), noNewSeriousConduct: z.boolean() });
const quarter = z.string().regex(/^\d{4}Q[1-4]$/, '季度格式应为 2026Q3');

export const creditRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['credit'];
    // R32/R9: recompute the stored credit statuses for a date (publication periods and listings expire)
    r.post('/jobs/credit-status', { schema: { tags, body: z.object({ date: isoDate.optional() }).default({}) } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'credit.decide');
      if (req.body.date && p.role !== 'admin') throw forbidden('只有系统管理员可以指定日期');
      return refreshCreditStatuses(ctx, p, req.body.date ?? shanghaiDate());
    });
    r.get('/enterprises/:id/credit', { schema: { tags, params: id } }, async (req) => creditRecord(ctx, user(req), req.params.id));
    r.post(
      '/credit/blacklist',
      {
        schema: {
          tags,
          body: z.object({
            enterpriseId: z.number().int().positive(),
            reason: text(10, 2000, '列入理由'),
            facts: z.object({
              accidents: z.array(z.object({ occurredOn: isoDate, grade: z.enum(accidentGrades), responsible: z.boolean(), aggravatedFine: z.boolean().optional(), concealed: z.boolean().optional(), principalFailedRescue: z.boolean().optional() })).max(50).default([]),
              unlicensedOperationPenalised: z.boolean().optional(),
              institutionFraudPenalised: z.boolean().optional(),
              refusedExecution: z.boolean().optional(),
              otherSeriousReason: z.string().trim().max(2000).nullable().optional(),
            }),
          }),
        },
      },
      async (req, reply) => reply.status(201).send(await addToBlacklist(ctx, user(req), req.body)),
    );
    r.get(
      '/credit/violations/export',
      { schema: { tags, querystring: z.object({ enterpriseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(), severity: z.enum(['general', 'serious']).optional() }) } },
      async (req, reply) => exportViolations(ctx, user(req), req.query, reply),
    );
    r.get('/credit/blacklist/export', { schema: { tags } }, async (req, reply) => exportBlacklist(ctx, user(req), reply));
    r.get(
      '/credit/violations',
      { schema: { tags, querystring: z.object({ enterpriseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(), severity: z.enum(['general', 'serious']).optional(), page: z.coerce.number().int().min(1).optional() }) } },
      async (req) => violationDatabase(ctx, user(req), req.query),
    );
    r.get('/credit/blacklist', { schema: { tags } }, async (req) => blacklistOverview(ctx, user(req)));
    r.get('/credit/objections', { schema: { tags, querystring: z.object({ status: z.enum(['pending', 'upheld', 'rejected']).optional() }) } }, async (req) => listObjections(ctx, user(req), req.query));
    r.post('/credit/blacklist/:id/remove', { schema: { tags, params: id, body: z.object({ reason: text(4, 2000, '移出理由'), application: conditions }) } }, async (req) => removeFromBlacklist(ctx, user(req), req.params.id, req.body));
    r.post('/credit/blacklist-publications', { schema: { tags, body: z.object({ quarter: quarter.optional() }) } }, async (req, reply) => reply.status(201).send(await publishBlacklist(ctx, user(req), req.body)));
    r.get('/public/blacklist', { config: { public: true }, schema: { tags, querystring: z.object({ quarter: quarter.optional(), regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional() }) } }, async (req) => publicBlacklist(ctx, req.query));
    r.get('/credit/repairs', { schema: { tags, querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }) } }, async (req) => listRepairs(ctx, user(req), req.query));
    r.post('/credit/repairs', { schema: { tags, body: conditions.extend({ creditFactId: z.number().int().positive(), statement: text(4, 2000, '修复申请说明') }) } }, async (req, reply) => reply.status(201).send(await applyRepair(ctx, user(req), req.body)));
    r.post('/credit/repairs/:id/decision', { schema: { tags, params: id, body: z.object({ approve: z.boolean(), opinion: text(2, 2000, '答复意见') }) } }, async (req) => decideRepair(ctx, user(req), req.params.id, req.body));
    r.post(
      '/credit/objections',
      { schema: { tags, body: z.object({ creditFactId: z.number().int().positive().nullable().optional(), reason: text(1, 2000, '异议理由'), evidence: z.array(z.string().trim().min(1).max(500)).max(20).default([]) }) } },
      async (req, reply) => reply.status(201).send(await submitObjection(ctx, user(req), req.body)),
    );
    r.post('/credit/objections/:id/answer', { schema: { tags, params: id, body: z.object({ upheld: z.boolean(), answer: text(2, 2000, '答复意见') }) } }, async (req) => answerObjection(ctx, user(req), req.params.id, req.body));
  };
