// R37 投诉举报 and 基层观测点: the public form and tracking page (no login, throttled), the staff register and its acts.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { complaintOverdueLabels, complaintSources, complaintStatuses, trackingCodePattern } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { isoDate, user } from '../../lib/http.js';
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
const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max, `不能超过${max}个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish();
const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').nullish();
const creditCode = z.string().trim().max(18, '统一社会信用代码为18位').nullish();

const complaintBase = {
  enterpriseName: text(1, 100, '请填写被举报单位的名称'),
  creditCode,
  address: optionalText(200),
  regionCode,
  content: text(1, 4000, '请描述举报的问题'),
  complainantName: optionalText(50),
  complainantPhone: z.string().trim().max(20, '联系电话不正确').nullish(),
  anonymous: z.boolean({ error: '请选择是否匿名举报' }),
};

const viewSchema = z.object({
  id: z.number(),
  trackingCode: z.string().nullable(),
  source: z.string(),
  sourceLabel: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  routing: z.string(),
  routingLabel: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string(),
  creditCode: z.string().nullable(),
  address: z.string().nullable(),
  content: z.string(),
  anonymous: z.boolean(),
  complainantName: z.string().nullable(),
  complainantPhone: z.string().nullable(),
  identityVisible: z.boolean(),
  transferredFrom: z.string().nullable(),
  observationPointId: z.number().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  receivedOn: z.string(),
  acceptDue: z.string(),
  decidedOn: z.string().nullable(),
  decisionReason: z.string().nullable(),
  replyDue: z.string().nullable(),
  repliedOn: z.string().nullable(),
  replyText: z.string().nullable(),
  inspectionId: z.number().nullable(),
  rewardAmount: z.number().nullable(),
  rewardOn: z.string().nullable(),
  rewardDecision: z.string().nullable(),
  overdue: z.string().nullable(),
  overdueLabel: z.string().nullable(),
  mayHandle: z.boolean(),
  mayReward: z.boolean(),
});
const detailSchema = viewSchema.extend({
  transfers: z.array(z.object({ at: z.string(), reason: z.string(), fromAgencyName: z.string().nullable(), toAgencyName: z.string(), byName: z.string().nullable() })),
  inspection: z.object({ id: z.number(), statusLabel: z.string(), plannedDate: z.string() }).nullable(),
});

const listQuery = z.object({
  status: z.enum(complaintStatuses, { error: '状态不正确' }).optional(),
  source: z.enum(complaintSources, { error: '来源不正确' }).optional(),
  overdue: z.enum(['1', '0']).optional(),
  q: z.string().trim().max(100).optional(),
  agencyId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
const filterOf = (q: z.infer<typeof listQuery>): ComplaintFilter => ({ status: q.status, source: q.source, overdue: q.overdue === '1', q: q.q || undefined, agencyId: q.agencyId });

export const complaintRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ---- public: no login; the complainant does not choose the agency, routing does ----
    r.post(
      '/public/complaints',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          body: z.object(complaintBase).strict(),
          response: { 201: z.object({ trackingCode: z.string(), receivedOn: z.string(), acceptDue: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await filePublicComplaint(ctx, req.ip, req.body)),
    );
    r.get(
      '/public/complaints/:trackingCode',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          params: z.object({ trackingCode: z.string().trim().toUpperCase().regex(trackingCodePattern, '查询码应为12位字母和数字') }),
          response: {
            200: z.object({
              trackingCode: z.string(),
              receivedOn: z.string(),
              status: z.string(),
              statusLabel: z.string(),
              agencyName: z.string(),
              acceptDue: z.string(),
              decidedOn: z.string().nullable(),
              decisionReason: z.string().nullable(),
              replyDue: z.string().nullable(),
              repliedOn: z.string().nullable(),
              replyText: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => trackComplaint(ctx, req.ip, req.params.trackingCode),
    );

    // ---- staff ----
    r.get(
      '/complaints',
      {
        schema: {
          tags,
          querystring: listQuery.extend({ page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
          response: { 200: z.object({ items: z.array(viewSchema), total: z.number(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (req) => listComplaints(ctx, user(req), filterOf(req.query), req.query.page, req.query.pageSize),
    );
    r.get('/complaints/export', { schema: { tags, querystring: listQuery } }, async (req, reply) => {
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
      {
        schema: {
          tags,
          body: z
            .object({
              ...complaintBase,
              source: z.enum(['hotline', 'letter', 'transfer'], { error: '请选择来源（热线、来信或转办）' }),
              transferredFrom: optionalText(100),
              receivedOn: isoDate.optional(),
            })
            .strict(),
          response: {
            201: z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string(), routingLabel: z.string(), acceptDue: z.string(), visible: z.boolean() }),
          },
        },
      },
      async (req, reply) => reply.status(201).send(await fileStaffComplaint(ctx, user(req), req.body)),
    );
    r.post(
      '/complaints/:id/transfer',
      {
        schema: {
          tags,
          params: idParams,
          body: z
            .object({ toAgencyId: z.number().int().positive().max(2_147_483_647).optional(), toSuperior: z.boolean().optional(), reason: text(2, 500, '请填写转交理由') })
            .strict(),
          response: { 200: z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string() }) },
        },
      },
      async (req) => transferComplaint(ctx, user(req), req.params.id, req.body),
    );
    r.post(
      '/complaints/:id/accept',
      {
        schema: {
          tags,
          params: idParams,
          body: z
            .object({
              accept: z.boolean({ error: '请选择受理或不予受理' }),
              reason: optionalText(2000).transform((v) => v ?? undefined),
              enterpriseId: z.number().int().positive().optional(),
              officerIds: z.array(z.number().int().positive().max(2_147_483_647)).max(10).optional(),
              plannedDate: isoDate.optional(),
              legalBasis: z.string().trim().max(500).optional(),
            })
            .strict(),
          response: { 200: detailSchema },
        },
      },
      async (req) => decideComplaint(ctx, user(req), req.params.id, req.body),
    );
    r.post(
      '/complaints/:id/reply',
      { schema: { tags, params: idParams, body: z.object({ text: text(5, 4000, '请填写答复内容（不少于5个字）') }).strict(), response: { 200: detailSchema } } },
      async (req) => replyComplaint(ctx, user(req), req.params.id, req.body.text),
    );
    r.post(
      '/complaints/:id/reward',
      {
        schema: {
          tags,
          params: idParams,
          body: z.object({ amount: z.number({ error: '请填写奖励金额' }).positive('奖励金额应大于0').max(10_000_000, '奖励金额过大'), rewardOn: isoDate, decision: text(5, 2000, '请填写奖励决定（不少于5个字）') }).strict(),
          response: { 200: detailSchema },
        },
      },
      async (req) => rewardComplaint(ctx, user(req), req.params.id, req.body),
    );

    // ---- 基层观测点 ----
    const pointSchema = z.object({
      id: z.number(),
      agencyId: z.number(),
      agencyName: z.string(),
      regionCode: z.string(),
      designatedByAgencyId: z.number(),
      designatedByName: z.string(),
      note: z.string(),
      designatedAt: z.string(),
      clueCount: z.number(),
      mayReport: z.boolean(),
      mayRemove: z.boolean(),
    });
    r.get('/observation-points', { schema: { tags, response: { 200: z.object({ items: z.array(pointSchema), mayDesignate: z.boolean() }) } } }, async (req) => listObservationPoints(ctx, user(req)));
    r.post(
      '/observation-points',
      {
        schema: {
          tags,
          body: z.object({ agencyId: z.number({ error: '请选择乡镇（街道）' }).int().positive().max(2_147_483_647), note: optionalText(200).transform((v) => v ?? undefined) }).strict(),
          response: { 201: z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await designateObservationPoint(ctx, user(req), req.body)),
    );
    r.delete(
      '/observation-points/:id',
      { schema: { tags, params: idParams, body: z.object({ reason: optionalText(200).transform((v) => v ?? undefined) }).strict().nullish(), response: { 200: z.object({ ok: z.boolean() }) } } },
      async (req) => removeObservationPoint(ctx, user(req), req.params.id, req.body?.reason),
    );
    r.post(
      '/observation-points/:id/clues',
      {
        schema: {
          tags,
          params: idParams,
          body: z.object({ enterpriseName: text(2, 100, '请填写被反映的单位（企业或执法机构）'), creditCode, address: optionalText(200), content: text(10, 4000, '请描述反映的问题（不少于10个字）') }).strict(),
          response: { 201: z.object({ id: z.number(), agencyName: z.string(), acceptDue: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await reportClue(ctx, user(req), req.params.id, req.body)),
    );
  };
