// HTTP routes of the hazard loop (R22–R24): the ledger, rectification, re-inspection, closing and the nightly
// escalation. Handlers only parse and delegate to the service.
import { z } from 'zod';
import { closingAnswer, closingBody, escalationBody, escalationRun, hazardDetail as hazardDetailAnswer, hazardFilters as hazardQuery, hazardPage, hazardQuery as hazardPageQuery, reinspectionAnswer, reinspectionBody, rectificationBody } from '@anjian/domain/contract/hazard';
import { xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { user } from '../../lib/http.js';
import { routes } from '../../lib/routePlugin.js';
import { requirePermission } from '../auth/principal.js';
import { issueReinspectionOpinion } from '../inspection/documents.js';
import { exportHazards, hazardDetail, hazardLedger, reinspect, reportRectification, runEscalation, updateClosing } from './service.js';

const id = z.object({ id: z.coerce.number().int().positive() });

export const hazardRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['hazards'];
  r.get('/hazards/export', { schema: { tags, querystring: hazardQuery, response: { 200: xlsx('隐患台账（Excel）') } } }, async (req, reply) => exportHazards(ctx, user(req), req.query, reply));
  r.get(
    '/hazards',
    {
      schema: {
        tags,
        querystring: hazardPageQuery,
        response: { 200: hazardPage },
      },
    },
    async (req) => hazardLedger(ctx, user(req), req.query),
  );
  r.get('/hazards/:id', { schema: { tags, params: id, response: { 200: hazardDetailAnswer } } }, async (req) => hazardDetail(ctx, user(req), req.params.id));
  r.post('/hazards/:id/rectification', { schema: { tags, params: id, body: rectificationBody, response: { 200: hazardDetailAnswer } } }, async (req) => {
    await reportRectification(ctx, user(req), req.params.id, req.body);
    return hazardDetail(ctx, user(req), req.params.id);
  });
  r.post(
    '/hazards/:id/reinspection',
    {
      schema: {
        tags,
        params: id,
        body: reinspectionBody,
        response: { 200: reinspectionAnswer },
      },
    },
    async (req) => {
      const p = user(req);
      const result = await reinspect(ctx, p, req.params.id, req.body, (tx, h, rid) => issueReinspectionOpinion(ctx, tx, p, h, rid));
      return { ...result, hazard: await hazardDetail(ctx, p, req.params.id) };
    },
  );
  r.post(
    '/hazards/:id/closing',
    { schema: { tags, params: id, body: closingBody, response: { 200: closingAnswer } } },
    async (req) => {
      const result = await updateClosing(ctx, user(req), req.params.id, req.body);
      return { ...result, hazard: await hazardDetail(ctx, user(req), req.params.id) };
    },
  );
  r.post('/jobs/escalation', { schema: { tags, body: escalationBody, response: { 200: escalationRun } } }, async (req) => {
    const p = user(req);
    requirePermission(p, 'catalog.write');
    if (req.body?.date && p.role !== 'admin') throw new AppError('FORBIDDEN', '只有系统管理员可以指定日期运行督办任务');
    return runEscalation(ctx, req.body?.date);
  });
});
