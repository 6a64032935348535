import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { auditEntrySchema, entityHistory } from '../audit/history.js';
import { enterpriseCreateSchema, enterpriseListQuery, enterprisePage, enterprisePatchSchema, enterpriseSchema, supervisionBody } from '@anjian/domain/contract/registry';
import { xlsx } from '@anjian/domain/contract/wire';
import {
  createEnterprise,
  getEnterprise,
  listEnterprises,
  transferSupervision,
  updateEnterprise,
} from './enterpriseService.js';
import { exportEnterprises } from './exportService.js';

const idParams = z.object({ id: z.coerce.number().int().positive('编号不正确') });

export const enterpriseRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['enterprises'];
  r.get('/enterprises', { schema: { tags, querystring: enterpriseListQuery, response: { 200: enterprisePage } } }, async (req) => listEnterprises(ctx, user(req), req.query));
  r.post('/enterprises', { schema: { tags, body: enterpriseCreateSchema, response: { 201: enterpriseSchema } } }, async (req, reply) => {
    const created = await createEnterprise(ctx, user(req), req.body);
    return reply.status(201).send(created);
  });
  r.get(
    '/enterprises/export',
    { schema: { tags, querystring: enterpriseListQuery.omit({ page: true, pageSize: true }), response: { 200: xlsx('企业名录（Excel）') } } },
    async (req, reply) => exportEnterprises(ctx, user(req), req.query, reply),
  );
  r.get('/enterprises/:id', { schema: { tags, params: idParams, response: { 200: enterpriseSchema } } }, async (req) =>
    getEnterprise(ctx, user(req), req.params.id),
  );
  r.patch(
    '/enterprises/:id',
    { schema: { tags, params: idParams, body: enterprisePatchSchema, response: { 200: enterpriseSchema } } },
    async (req) => updateEnterprise(ctx, user(req), req.params.id, req.body),
  );
  r.post(
    '/enterprises/:id/supervision',
    { schema: { tags, params: idParams, body: supervisionBody, response: { 200: enterpriseSchema } } },
    async (req) => transferSupervision(ctx, user(req), req.params.id, req.body),
  );
  r.get(
    '/enterprises/:id/history',
    { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(auditEntrySchema) }) } } },
    async (req) => {
      await getEnterprise(ctx, user(req), req.params.id); // 404 outside the jurisdiction
      return { items: await entityHistory(ctx, 'enterprise', req.params.id) };
    },
  );
});
