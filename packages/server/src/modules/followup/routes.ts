// HTTP routes of 回访 (R33). Handlers parse and delegate to the service; the questionnaire and the draw are in
// @anjian/domain.
import {
  followUpDetail as detailSchema,
  followUpDrawBody,
  followUpDrawList,
  followUpDrawView as drawView,
  followUpIdParams as idParams,
  followUpLedgerFilter,
  followUpLedgerQuery,
  followUpMatterParams,
  followUpPage,
  followUpRatioBody,
  followUpRatios as ratiosResponse,
  followUpRecordBody,
  followUpResolveBody,
  followUpStats as statsSchema,
  followUpStatsQuery,
  followUpVerification,
} from '@anjian/domain/contract/followup';
import { noBody, xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
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

export const followUpRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['follow-ups'];
  r.get('/follow-ups/ratios', { schema: { tags, response: { 200: ratiosResponse } } }, async (req) => listRatios(ctx, user(req)));
  r.put('/follow-ups/ratios', { schema: { tags, body: followUpRatioBody, response: { 200: ratiosResponse } } }, async (req) => setRatio(ctx, user(req), req.body));
  r.post(
    '/follow-ups/draws',
    { schema: { tags, body: followUpDrawBody, response: { 201: drawView } } },
    async (req, reply) => reply.status(201).send(await createFollowUpDraw(ctx, user(req), req.body)),
  );
  r.get('/follow-ups/draws', { schema: { tags, response: { 200: followUpDrawList } } }, async (req) => listFollowUpDraws(ctx, user(req)));
  r.get('/follow-ups/draws/:id', { schema: { tags, params: idParams, response: { 200: drawView } } }, async (req) => followUpDrawView(ctx, user(req), req.params.id));
  // anyone may re-run a draw from its seed and input (no names in the answer: the visited enterprises are not public)
  r.post(
    '/follow-ups/draws/:id/verify',
    { config: { public: true }, schema: { tags: ['public'], params: idParams, body: noBody, response: { 200: followUpVerification } } },
    async (req) => verifyFollowUpDrawById(ctx, req.params.id),
  );
  r.get('/follow-ups', { schema: { tags, querystring: followUpLedgerQuery, response: { 200: followUpPage } } }, async (req) => followUpLedger(ctx, user(req), req.query));
  r.get('/follow-ups/export', { schema: { tags, querystring: followUpLedgerFilter, response: { 200: xlsx('回访台账（Excel）') } } }, async (req, reply) => exportFollowUps(ctx, user(req), req.query, reply));
  r.get('/follow-ups/stats', { schema: { tags, querystring: followUpStatsQuery, response: { 200: statsSchema } } }, async (req) => followUpStats(ctx, user(req), req.query));
  r.get('/follow-ups/:id', { schema: { tags, params: idParams, response: { 200: detailSchema } } }, async (req) => followUpDetail(ctx, user(req), req.params.id));
  r.post(
    '/follow-ups/:id/record',
    { schema: { tags, params: idParams, body: followUpRecordBody, response: { 200: detailSchema } } },
    async (req) => recordFollowUp(ctx, user(req), req.params.id, req.body),
  );
  r.post(
    '/follow-ups/:id/matters/:mid/resolve',
    { schema: { tags, params: followUpMatterParams, body: followUpResolveBody, response: { 200: detailSchema } } },
    async (req) => resolveMatter(ctx, user(req), req.params.id, req.params.mid, req.body),
  );
});
