// HTTP routes of the credit record (R32, R29): handlers parse and delegate to the service.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  blacklistAddBody,
  blacklistListed,
  blacklistOverview as blacklistOverviewSchema,
  blacklistPublication,
  blacklistPublishBody,
  blacklistRemoveBody,
  creditIdParams as id,
  creditJobBody,
  creditJobResult,
  creditRecord as creditRecordSchema,
  creditObjection,
  creditRepair,
  objectionAnswerBody,
  objectionAnswered,
  objectionBody,
  objectionList,
  objectionQuery,
  publicBlacklist as publicBlacklistSchema,
  publicBlacklistQuery,
  repairApplyBody,
  repairDecided,
  repairDecisionBody,
  repairList,
  repairQuery,
  violationFilter,
  violationPage,
  violationQuery,
} from '@anjian/domain/contract/credit';
import { xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { shanghaiDate } from '../../lib/diff.js';
import { forbidden } from '../../lib/errors.js';
import { requirePermission } from '../auth/principal.js';
import { exportBlacklist, exportViolations } from './exports.js';
import { refreshCreditStatuses, violationDatabase, addToBlacklist, answerObjection, applyRepair, blacklistOverview, creditRecord, decideRepair, listObjections, listRepairs, publicBlacklist, publishBlacklist, removeFromBlacklist, submitObjection } from './service.js';

export const creditRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['credit'];
    // R32/R9: recompute the stored credit statuses for a date (publication periods and listings expire)
    r.post('/jobs/credit-status', { schema: { tags, body: creditJobBody, response: { 200: creditJobResult } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'credit.decide');
      if (req.body.date && p.role !== 'admin') throw forbidden('只有系统管理员可以指定日期');
      return refreshCreditStatuses(ctx, p, req.body.date ?? shanghaiDate());
    });
    r.get('/enterprises/:id/credit', { schema: { tags, params: id, response: { 200: creditRecordSchema } } }, async (req) => creditRecord(ctx, user(req), req.params.id));
    r.post('/credit/blacklist', { schema: { tags, body: blacklistAddBody, response: { 201: blacklistListed } } }, async (req, reply) => reply.status(201).send(await addToBlacklist(ctx, user(req), req.body)));
    r.get('/credit/violations/export', { schema: { tags, querystring: violationFilter, response: { 200: xlsx('违法行为信息库（Excel）') } } }, async (req, reply) => exportViolations(ctx, user(req), req.query, reply));
    r.get('/credit/blacklist/export', { schema: { tags, response: { 200: xlsx('严重失信主体名单（Excel）') } } }, async (req, reply) => exportBlacklist(ctx, user(req), reply));
    r.get('/credit/violations', { schema: { tags, querystring: violationQuery, response: { 200: violationPage } } }, async (req) => violationDatabase(ctx, user(req), req.query));
    r.get('/credit/blacklist', { schema: { tags, response: { 200: blacklistOverviewSchema } } }, async (req) => blacklistOverview(ctx, user(req)));
    r.get('/credit/objections', { schema: { tags, querystring: objectionQuery, response: { 200: objectionList } } }, async (req) => listObjections(ctx, user(req), req.query));
    r.post('/credit/blacklist/:id/remove', { schema: { tags, params: id, body: blacklistRemoveBody, response: { 200: blacklistListed } } }, async (req) => removeFromBlacklist(ctx, user(req), req.params.id, req.body));
    r.post('/credit/blacklist-publications', { schema: { tags, body: blacklistPublishBody, response: { 201: blacklistPublication } } }, async (req, reply) => reply.status(201).send(await publishBlacklist(ctx, user(req), req.body)));
    r.get('/public/blacklist', { config: { public: true }, schema: { tags, querystring: publicBlacklistQuery, response: { 200: publicBlacklistSchema } } }, async (req) => publicBlacklist(ctx, req.query));
    r.get('/credit/repairs', { schema: { tags, querystring: repairQuery, response: { 200: repairList } } }, async (req) => listRepairs(ctx, user(req), req.query));
    r.post('/credit/repairs', { schema: { tags, body: repairApplyBody, response: { 201: creditRepair } } }, async (req, reply) => reply.status(201).send(await applyRepair(ctx, user(req), req.body)));
    r.post('/credit/repairs/:id/decision', { schema: { tags, params: id, body: repairDecisionBody, response: { 200: repairDecided } } }, async (req) => decideRepair(ctx, user(req), req.params.id, req.body));
    r.post('/credit/objections', { schema: { tags, body: objectionBody, response: { 201: creditObjection } } }, async (req, reply) => reply.status(201).send(await submitObjection(ctx, user(req), req.body)));
    r.post('/credit/objections/:id/answer', { schema: { tags, params: id, body: objectionAnswerBody, response: { 200: objectionAnswered } } }, async (req) => answerObjection(ctx, user(req), req.params.id, req.body));
  };
