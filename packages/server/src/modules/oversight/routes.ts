// HTTP routes of 执法监督: case-file review (R34, R35) and supervisory measures (R31/R34). Handlers parse and delegate.
import {
  acceptanceBody,
  league as leagueSchema,
  leagueQuery,
  measureBody,
  measurePage,
  measureQuery,
  measureRecorded,
  rectificationBody,
  reviewItemDetail,
  reviewItemFilter,
  reviewItemPage,
  reviewItemQuery,
  reviewRound,
  reviewStatus,
  roundBody,
  roundList,
  roundVerification,
  scoreBody,
  scored,
  sheetBody,
  sheetPublished,
  sheetQuery,
  sheetView,
} from '@anjian/domain/contract/oversight';
import { idParam as id } from '@anjian/domain/contract/common';
import { noBody, xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { acceptRectification, createRound, exportRows, getItem, getSheet, league, listItems, listRounds, publishSheet, recordRectification, scoreItem, verifyRound } from './caseReviewService.js';
import { listOversightInterventions, recordOversightIntervention } from './interventionService.js';

export const oversightRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['oversight'];

  // ---- the scoring sheet ----
  r.get('/case-reviews/sheet', { schema: { tags, querystring: sheetQuery, response: { 200: sheetView } } }, async (req) => getSheet(ctx, user(req), req.query));
  r.post('/case-reviews/sheet', { schema: { tags, body: sheetBody, response: { 201: sheetPublished } } }, async (req, reply) => reply.status(201).send(await publishSheet(ctx, user(req), req.body)));

  // ---- rounds ----
  r.post('/case-reviews/rounds', { schema: { tags, body: roundBody, response: { 201: reviewRound } } }, async (req, reply) => reply.status(201).send(await createRound(ctx, user(req), req.body)));
  r.get('/case-reviews/rounds', { schema: { tags, response: { 200: roundList } } }, async (req) => listRounds(ctx, user(req)));
  r.post(
    '/case-reviews/rounds/:id/verify',
    { schema: { tags, params: id, body: noBody, response: { 200: roundVerification } } },
    async (req) => verifyRound(ctx, user(req), req.params.id),
  );

  // ---- the drawn files ----
  r.get('/case-reviews', { schema: { tags, querystring: reviewItemQuery, response: { 200: reviewItemPage } } }, async (req) => listItems(ctx, user(req), req.query));
  r.get('/case-reviews/export', { schema: { tags, querystring: reviewItemFilter, response: { 200: xlsx('案卷评查台账（Excel）') } } }, async (req, reply) => {
    const p = user(req);
    return sendXlsx<Awaited<ReturnType<typeof exportRows>>[number]>(reply, {
      title: '案卷评查台账',
      asciiName: 'case-reviews',
      columns: [
        { header: '评查批次', width: 24, value: (x) => x.roundTitle },
        { header: '被评查单位', width: 22, value: (x) => x.agencyName },
        { header: '案卷类别', value: (x) => x.kindLabel },
        { header: '案卷', width: 26, value: (x) => x.subjectLabel },
        { header: '当事人/检查对象', width: 28, value: (x) => x.enterpriseName },
        { header: '得分', value: (x) => x.score },
        { header: '等次', value: (x) => x.gradeLabel },
        { header: '存在问题', width: 60, value: (x) => x.defects },
        { header: '状态', value: (x) => x.statusLabel },
        { header: '整改情况', width: 40, value: (x) => x.rectification },
        { header: '评查人', value: (x) => x.reviewerName },
      ],
      page: (offset, limit) => exportRows(ctx, p, req.query, offset, limit),
    });
  });
  r.get('/case-reviews/league', { schema: { tags, querystring: leagueQuery, response: { 200: leagueSchema } } }, async (req) => league(ctx, user(req), req.query));
  r.get('/case-reviews/:id', { schema: { tags, params: id, response: { 200: reviewItemDetail } } }, async (req) => getItem(ctx, user(req), req.params.id) as never);
  r.post('/case-reviews/:id/score', { schema: { tags, params: id, body: scoreBody, response: { 200: scored } } }, async (req) => scoreItem(ctx, user(req), req.params.id, req.body));
  r.post(
    '/case-reviews/:id/rectification',
    { schema: { tags, params: id, body: rectificationBody, response: { 200: reviewStatus } } },
    async (req) => recordRectification(ctx, user(req), req.params.id, req.body),
  );
  r.post(
    '/case-reviews/:id/acceptance',
    { schema: { tags, params: id, body: acceptanceBody, response: { 200: reviewStatus } } },
    async (req) => acceptRectification(ctx, user(req), req.params.id, req.body),
  );

  // ---- supervisory measures (督办、约谈、通报、监督提醒) ----
  r.post(
    '/oversight/interventions',
    { schema: { tags, body: measureBody, response: { 201: measureRecorded } } },
    async (req, reply) => reply.status(201).send(await recordOversightIntervention(ctx, user(req), req.body)),
  );
  r.get('/oversight/interventions', { schema: { tags, querystring: measureQuery, response: { 200: measurePage } } }, async (req) => listOversightInterventions(ctx, user(req), req.query));
});
