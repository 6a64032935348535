// R37 投诉举报 and 基层观测点: the public form and tracking page (no login, throttled), the staff register and its acts.
import { z } from 'zod';
import { complaintOverdueLabels } from '@anjian/domain';
import {
  clueBody,
  clueReported,
  complaintDecisionBody,
  complaintDetail as detailSchema,
  complaintFilter,
  complaintIdParams as idParams,
  complaintListQuery,
  complaintPage as complaintPageSchema,
  complaintReplyBody,
  complaintRewardBody,
  complaintTracking,
  complaintTransferBody,
  complaintTransferred,
  designatePointBody,
  observationPointList,
  pointDesignated,
  pointRemoved,
  publicComplaintBody,
  publicComplaintFiled,
  removePointBody,
  staffComplaintBody,
  staffComplaintFiled,
  trackingCodeParams,
} from '@anjian/domain/contract/complaints';
import { xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import {
  complaintDetail,
  complaintPage,
  decideComplaint,
  designateObservationPoint,
  filePublicComplaint,
  fileStaffComplaint,
  listComplaints,
  listObservationPoints,
  removeObservationPoint,
  replyComplaint,
  reportClue,
  rewardComplaint,
  trackComplaint,
  transferComplaint,
  type ComplaintFilter,
  type ComplaintView,
} from './service.js';

const tags = ['complaints'];
const filterOf = (q: z.infer<typeof complaintFilter>): ComplaintFilter => ({ status: q.status, source: q.source, overdue: q.overdue === '1', q: q.q || undefined, agencyId: q.agencyId });

export const complaintRoutes = routes(async (r, ctx: AppContext) => {

  // ---- public: no login; the complainant does not choose the agency, routing does ----
  r.post(
    '/public/complaints',
    { config: { public: true }, schema: { tags: ['public'], body: publicComplaintBody, response: { 201: publicComplaintFiled } } },
    async (req, reply) => reply.status(201).send(await filePublicComplaint(ctx, req.ip, req.body)),
  );
  r.get(
    '/public/complaints/:trackingCode',
    { config: { public: true }, schema: { tags: ['public'], params: trackingCodeParams, response: { 200: complaintTracking } } },
    async (req) => trackComplaint(ctx, req.ip, req.params.trackingCode),
  );

  // ---- staff ----
  r.get(
    '/complaints',
    { schema: { tags, querystring: complaintListQuery, response: { 200: complaintPageSchema } } },
    async (req) => listComplaints(ctx, user(req), filterOf(req.query), req.query.page, req.query.pageSize),
  );
  r.get('/complaints/export', { schema: { tags, querystring: complaintFilter, response: { 200: xlsx('投诉举报台账（Excel）') } } }, async (req, reply) => {
    const p = user(req);
    const f = filterOf(req.query);
    await complaintPage(ctx, p, f, 0, 1); // refuses the enterprise role before any header goes out
    return sendXlsx<ComplaintView>(reply, {
      title: '投诉举报台账',
      asciiName: 'complaints',
      columns: [
        { header: '登记号', width: 8, value: (c) => c.id },
        { header: '来源', value: (c) => c.sourceLabel },
        { header: '收到日期', value: (c) => c.receivedOn },
        { header: '被举报单位', width: 28, value: (c) => c.enterpriseName },
        { header: '统一社会信用代码', width: 22, value: (c) => c.creditCode },
        { header: '举报内容', width: 48, value: (c) => c.content },
        { header: '举报人', value: (c) => (c.anonymous ? '匿名' : c.complainantName) },
        { header: '联系电话', value: (c) => c.complainantPhone },
        { header: '承办机构', width: 24, value: (c) => c.agencyName },
        { header: '分派方式', value: (c) => c.routingLabel },
        { header: '状态', value: (c) => c.statusLabel },
        { header: '受理期限', value: (c) => c.acceptDue },
        { header: '答复期限', value: (c) => c.replyDue },
        { header: '答复日期', value: (c) => c.repliedOn },
        { header: '逾期情况', value: (c) => (c.overdue ? complaintOverdueLabels[c.overdue as 'accept' | 'reply'] : '') },
        { header: '关联检查', value: (c) => (c.inspectionId ? `第${c.inspectionId}号检查` : '') },
        { header: '举报奖励（元）', value: (c) => c.rewardAmount },
      ],
      page: (offset, limit) => complaintPage(ctx, p, f, offset, limit),
    });
  });
  r.get('/complaints/:id', { schema: { tags, params: idParams, response: { 200: detailSchema } } }, async (req) => complaintDetail(ctx, user(req), req.params.id));
  r.post(
    '/complaints',
    { schema: { tags, body: staffComplaintBody, response: { 201: staffComplaintFiled } } },
    async (req, reply) => reply.status(201).send(await fileStaffComplaint(ctx, user(req), req.body)),
  );
  r.post(
    '/complaints/:id/transfer',
    { schema: { tags, params: idParams, body: complaintTransferBody, response: { 200: complaintTransferred } } },
    async (req) => transferComplaint(ctx, user(req), req.params.id, req.body),
  );
  r.post(
    '/complaints/:id/accept',
    { schema: { tags, params: idParams, body: complaintDecisionBody, response: { 200: detailSchema } } },
    async (req) => decideComplaint(ctx, user(req), req.params.id, req.body),
  );
  r.post(
    '/complaints/:id/reply',
    { schema: { tags, params: idParams, body: complaintReplyBody, response: { 200: detailSchema } } },
    async (req) => replyComplaint(ctx, user(req), req.params.id, req.body.text),
  );
  r.post(
    '/complaints/:id/reward',
    { schema: { tags, params: idParams, body: complaintRewardBody, response: { 200: detailSchema } } },
    async (req) => rewardComplaint(ctx, user(req), req.params.id, req.body),
  );

  // ---- 基层观测点 ----
  r.get('/observation-points', { schema: { tags, response: { 200: observationPointList } } }, async (req) => listObservationPoints(ctx, user(req)));
  r.post(
    '/observation-points',
    { schema: { tags, body: designatePointBody, response: { 201: pointDesignated } } },
    async (req, reply) => reply.status(201).send(await designateObservationPoint(ctx, user(req), req.body)),
  );
  r.delete(
    '/observation-points/:id',
    { schema: { tags, params: idParams, body: removePointBody, response: { 200: pointRemoved } } },
    async (req) => removeObservationPoint(ctx, user(req), req.params.id, req.body?.reason),
  );
  r.post(
    '/observation-points/:id/clues',
    { schema: { tags, params: idParams, body: clueBody, response: { 201: clueReported } } },
    async (req, reply) => reply.status(201).send(await reportClue(ctx, user(req), req.params.id, req.body)),
  );
});
