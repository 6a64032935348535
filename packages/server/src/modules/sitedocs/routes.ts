// HTTP routes of the evidence and on-site measure documents and the hazard escalation letters: parse, then delegate.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { escalationLevels, onSiteMeasures, seizureMeasures, sexes } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { isoDate, user } from '../../lib/http.js';
import { decideOnSiteMeasure, decideSeizure, extendSeizure, issueEscalationLetter, preserveEvidence, recordCaseInterview, recordInspectionInterview, recordSiteExamination } from './service.js';

const INT4 = 2147483647;
const id = z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确') });
const text = (min: number, max: number, what: string) => z.string({ error: `请填写${what}` }).trim().min(min, `请填写${what}`).max(max, `${what}不能超过${max}个字`);
const instant = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .max(40, `${what}格式不正确`)
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), `${what}格式不正确，应为 ISO 时间（含时区）`);
const officerIds = z.array(z.number({ error: '执法人员编号应为数字' }).int().positive().max(INT4), { error: '请选择执法人员' }).min(2, '执法人员不得少于两人').max(10, '执法人员不能超过10人');
const phone = z.string().trim().max(20, '联系电话不正确');

const interviewBody = z.object({
  startedAt: instant('询问开始时间'),
  endedAt: instant('询问结束时间'),
  place: text(1, 200, '询问地点'),
  interviewee: z.object(
    {
      name: text(1, 50, '被询问人姓名'),
      sex: z.enum(sexes, { error: '被询问人性别应为男或女' }),
      idNumber: text(18, 18, '被询问人公民身份号码（18位）'),
      workUnit: text(1, 200, '被询问人工作单位'),
      post: text(1, 100, '被询问人职务'),
      phone: text(1, 20, '被询问人联系电话'),
      relation: text(1, 100, '被询问人与本案的关系'),
      address: z.string().trim().max(200).optional(),
    },
    { error: '请填写被询问人信息' },
  ),
  officerIds,
  present: z.string().trim().max(200).optional(),
  recusalAnswer: text(1, 200, '被询问人是否申请回避'),
  qa: z.array(z.object({ q: text(1, 2000, '问题'), a: text(1, 5000, '回答') }), { error: '请记录问答' }).min(1, '请记录询问的问题和回答').max(200, '问答不能超过200条'),
});

const item = z.object({
  name: text(1, 100, '物品名称'),
  spec: z.string().trim().max(100).optional(),
  quantity: z.number({ error: '数量应为数字' }).positive('数量应为正数').max(1e9, '数量过大'),
  unit: text(1, 10, '计量单位'),
  location: text(1, 200, '存放地点'),
});
const itemsBody = {
  reason: text(4, 2000, '理由'),
  place: text(1, 200, '场所'),
  items: z.array(item, { error: '请逐项列明物品' }).min(1, '请逐项列明物品').max(200, '物品不能超过200项'),
  officerIds,
};

export const siteDocumentRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['documents'];

    r.post('/inspections/:id/interviews', { schema: { tags, params: id, body: interviewBody } }, async (req, reply) => reply.code(201).send(await recordInspectionInterview(ctx, user(req), req.params.id, req.body)));
    r.post('/penalty-cases/:id/interviews', { schema: { tags, params: id, body: interviewBody } }, async (req, reply) => reply.code(201).send(await recordCaseInterview(ctx, user(req), req.params.id, req.body)));

    r.post(
      '/penalty-cases/:id/site-examinations',
      {
        schema: {
          tags,
          params: id,
          body: z.object({
            startedAt: instant('勘验开始时间'),
            endedAt: instant('勘验结束时间'),
            place: text(1, 200, '勘验地点'),
            officerIds,
            partyPresent: z.object({ name: text(1, 50, '在场当事人（代理人）姓名'), post: z.string().trim().max(100).optional() }, { error: '请填写在场的当事人（或其代理人）' }),
            witnesses: z.array(z.object({ name: text(1, 50, '见证人姓名'), workUnit: z.string().trim().max(200).optional(), phone: phone.optional() }), { error: '请填写见证人' }).min(1, '请填写见证人').max(10),
            subject: text(1, 500, '勘验（检查）对象'),
            findings: text(4, 10000, '勘验（检查）情况'),
            evidenceIds: z.array(z.number({ error: '证据编号应为数字' }).int().positive().max(Number.MAX_SAFE_INTEGER), { error: '证据编号应为列表' }).max(100, '附件不能超过100个').default([]),
          }),
        },
      },
      async (req, reply) => reply.code(201).send(await recordSiteExamination(ctx, user(req), req.params.id, req.body)),
    );

    r.post(
      '/hazards/:id/on-site-measures',
      {
        schema: {
          tags,
          params: id,
          body: z.object({
            measures: z.array(z.enum(onSiteMeasures, { error: '现场处理措施应为责令立即排除、撤出作业人员或者暂时停产停业（停止使用）' }), { error: '请选择现场处理措施' }).min(1, '请选择现场处理措施').max(3),
            scope: z.string().trim().max(500, '停止的范围不能超过500个字').optional(),
            officerIds,
          }),
        },
      },
      async (req, reply) => reply.code(201).send(await decideOnSiteMeasure(ctx, user(req), req.params.id, req.body)),
    );

    r.post(
      '/penalty-cases/:id/seizures',
      { schema: { tags, params: id, body: z.object({ measure: z.enum(seizureMeasures, { error: '措施应为查封或者扣押' }), ...itemsBody }) } },
      async (req, reply) => reply.code(201).send(await decideSeizure(ctx, user(req), req.params.id, req.body)),
    );
    r.post(
      '/penalty-cases/:id/seizures/:documentId/extension',
      {
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确'), documentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '文书编号不正确') }),
          body: z.object({ reason: text(4, 2000, '延长理由') }),
        },
      },
      async (req, reply) => reply.code(201).send(await extendSeizure(ctx, user(req), req.params.id, req.params.documentId, req.body)),
    );
    r.post('/penalty-cases/:id/evidence-preservations', { schema: { tags, params: id, body: z.object(itemsBody) } }, async (req, reply) =>
      reply.code(201).send(await preserveEvidence(ctx, user(req), req.params.id, req.body)),
    );

    r.post(
      '/hazards/:id/escalations/:level/document',
      {
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确'), level: z.enum(escalationLevels, { error: '督办步骤应为函告、通报、约谈或挂牌督办' }) }),
          body: z.object({
            recipient: z.string().trim().max(200, '主送单位不能超过200个字').optional(),
            requirement: text(4, 2000, '工作要求'),
            requiredBy: isoDate,
            meeting: z.object({ at: instant('约谈时间'), place: text(1, 200, '约谈地点'), attendees: z.array(text(1, 100, '参加人员'), { error: '请填写参加人员' }).min(1, '请填写须参加约谈的人员').max(20) }).optional(),
            supervisor: z.string().trim().max(200).optional(),
            contact: z.object({ person: text(1, 50, '联系人'), phone: text(1, 20, '联系电话') }).optional(),
          }),
        },
      },
      async (req, reply) => reply.code(201).send(await issueEscalationLetter(ctx, user(req), req.params.id, req.params.level, req.body)),
    );
  };
