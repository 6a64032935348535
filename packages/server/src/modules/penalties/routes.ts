// HTTP routes of penalty cases (R18, R25–R31): handlers parse and delegate; the rules are @anjian/domain's.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  aggravatingFactors,
  discretionTiers,
  faultLevels,
  harmLevels,
  mitigatingFactors,
  penaltyCaseActions,
  penaltyCaseStatuses,
  penaltyDecisionKinds,
  penaltyProcedures,
  publicationWithdrawalGrounds,
  sanctionKinds,
  statementAdoptions,
  legalReviewAspects,
  serviceMethods,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { contentDisposition, isoDate, user } from '../../lib/http.js';
import { penaltyCaseCompleteness, penaltyCaseFile } from '../documents/caseFile.js';
import { addViolation, answerStatement, caseDetail, createCase, escalateCase, listCases, listLegalReviews, patchCase, previewDiscretion, recordIntervention, removeViolation, takeAction, updateViolation } from './caseService.js';
import { currentDiscretionCatalogue, discretionItemSchema, listDiscretionCatalogues, publishDiscretionCatalogue } from './catalog.js';
import { enforcementAlerts } from './alerts.js';
import { penaltyOversight } from './oversight.js';
import { exportPublications, listPublications, publicationStatuses, publicDecisions, publishDecision, withdrawPublication } from './publication.js';
import { loadEnterpriseScoped } from './scope.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError } from '../../lib/errors.js';
import { readUpload } from '../../lib/upload.js';
import { MAX_EVIDENCE_BYTES } from '../inspections/evidenceStore.js';
import { addCaseAttachment } from './attachments.js';
import { exportCases } from './exports.js';

const INT4 = 2147483647;
const id = z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确') });
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const yuan = z.number({ error: '金额应为数字（元）' }).int('金额应为整数元').min(0, '金额不能为负数').max(1e10);

export const violationFactsSchema = z.object({
  itemCode: z.string().trim().min(1, '请选择裁量事项').max(100),
  // the item (项) of the article applied (第一百零一条第（三）项)
  clause: z.number({ error: '适用的项应为数字' }).int('适用的项应为整数').min(1, '请选择适用的项').max(20, '请选择适用的项').nullable().optional(),
  actId: z.string().trim().max(100).optional(),
  partyName: z.string().trim().max(200).optional(),
  circumstance: z.enum(discretionTiers, { error: '违法情节应为轻微、一般、较重或严重' }),
  harm: z.enum(harmLevels, { error: '请选择危害后果' }),
  fault: z.enum(faultLevels, { error: '请选择主观过错' }),
  firstViolation: z.boolean(),
  correctedInTime: z.boolean(),
  repeatWithinYear: z.boolean(),
  majorHazard: z.boolean().optional(),
  mitigating: z.array(z.enum(mitigatingFactors)).max(5).optional(),
  aggravating: z.array(z.enum(aggravatingFactors)).max(7).optional(),
  reduce: z.boolean().optional(),
  illegalGain: yuan.nullable().optional(),
  annualIncome: yuan.nullable().optional(),
});

const violationBody = z.object({
  facts: violationFactsSchema,
  amount: yuan.nullable().optional(),
  reason: z.string().trim().max(1000).nullable().optional(),
  sanctions: z.array(z.enum(sanctionKinds)).max(20).optional(),
  punishDespiteOptionalExemption: z.boolean().optional(),
});

const caseFileDocument = z.object({ kind: z.string(), label: z.string() });

export const penaltyRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['penalties'];

    // ---- the discretion catalogue (R25/R26) ----
    r.get('/discretion-catalog', { schema: { tags } }, async (req) => {
      user(req);
      return currentDiscretionCatalogue(ctx);
    });
    r.get('/discretion-catalogs', { schema: { tags } }, async (req) => {
      user(req);
      return { items: await listDiscretionCatalogues(ctx) };
    });
    r.post('/discretion-catalogs', { schema: { tags, body: z.object({ note: text(2, 500, '修订说明'), title: z.string().trim().max(200).optional(), items: z.array(discretionItemSchema).min(1, '请提供裁量事项').max(2000) }) } }, async (req, reply) => {
      const res = await publishDiscretionCatalogue(ctx, user(req), req.body);
      return reply.status(201).send(res);
    });
    r.post('/discretion/propose', { schema: { tags, body: violationFactsSchema } }, async (req) => {
      user(req);
      return previewDiscretion(ctx, req.body);
    });

    // ---- cases ----
    const caseQuery = z.object({
      status: z.enum(penaltyCaseStatuses).optional(),
      enterpriseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
      q: z.string().trim().max(100).optional(),
    });
    r.get('/penalty-cases/export', { schema: { tags, querystring: caseQuery } }, async (req, reply) => exportCases(ctx, user(req), req.query, reply));
    r.get(
      '/penalty-cases',
      {
        schema: {
          tags,
          querystring: z.object({
            status: z.enum(penaltyCaseStatuses).optional(),
            enterpriseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
            q: z.string().trim().max(100).optional(),
            // R36 drill-down from the statistics: opened (立案) or decided between, procedure, transferred, region
            openedFrom: isoDate.optional(),
            openedTo: isoDate.optional(),
            decidedFrom: isoDate.optional(),
            decidedTo: isoDate.optional(),
            procedure: z.enum(penaltyProcedures).optional(),
            transferred: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional(),
            page: z.coerce.number().int().min(1).optional(),
            pageSize: z.coerce.number().int().min(1).max(100).optional(),
          }),
        },
      },
      async (req) => listCases(ctx, user(req), req.query),
    );
    r.post(
      '/penalty-cases',
      {
        schema: {
          tags,
          body: z.object({
            enterpriseId: z.number().int().positive(),
            facts: text(4, 4000, '案情'),
            procedure: z.enum(penaltyProcedures).default('general'),
            partyKind: z.enum(['organization', 'citizen']).optional(),
            partyName: z.string().trim().max(200).optional(),
            investigatorIds: z.array(z.number().int().positive().max(INT4)).max(10).optional(),
            majorHazard: z.boolean().optional(),
          }),
        },
      },
      async (req, reply) => reply.status(201).send(await createCase(ctx, user(req), req.body)),
    );
    r.get('/penalty-cases/:id', { schema: { tags, params: id } }, async (req) => caseDetail(ctx, user(req), req.params.id));
    // R29: the whole 卷宗 in one PDF, and which documents it still lacks before 结案 (staff only: it is the agency's file)
    r.get('/penalty-cases/:id/file.pdf', { schema: { tags, params: id } }, async (req, reply) => {
      const f = await penaltyCaseFile(ctx, user(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', `case-${req.params.id}-file.pdf`, f.fileName))
        .header('cache-control', 'private, no-store')
        .send(f.pdf);
    });
    r.get(
      '/penalty-cases/:id/completeness',
      { schema: { tags, params: id, response: { 200: z.object({ required: z.array(caseFileDocument), missing: z.array(caseFileDocument) }) } } },
      async (req) => penaltyCaseCompleteness(ctx, user(req), req.params.id),
    );
    r.patch(
      '/penalty-cases/:id',
      {
        schema: {
          tags,
          params: id,
          body: z.object({
            facts: text(4, 4000, '案情').optional(),
            procedure: z.enum(penaltyProcedures).optional(),
            partyKind: z.enum(['organization', 'citizen']).optional(),
            partyName: z.string().trim().min(1).max(200).optional(),
            investigatorIds: z.array(z.number().int().positive().max(INT4)).max(10).optional(),
            decisionKind: z.enum(penaltyDecisionKinds).nullable().optional(),
            noPenaltyBasis: z.string().trim().max(1000).nullable().optional(),
            rightsWaived: z.boolean().optional(),
            // 负责人集体讨论: who took part and what they concluded (a bare yes/no is refused with the reason)
            collectiveDiscussionHeld: z.boolean().optional(),
            collectiveDiscussion: z
              .object({
                heldOn: isoDate,
                participants: z.array(z.object({ name: z.string().trim().min(2, '姓名至少2个字').max(20), position: z.string().trim().max(30) })).min(1, '请填写参加人员').max(30),
                conclusion: z.string().trim().min(1, '请写明讨论结论').max(2000),
                opinions: z.array(z.object({ name: z.string().trim().max(20), opinion: z.string().trim().max(2000, '发言意见不能超过2000个字') }), { error: '请记录参加人员的讨论意见' }).max(30),
              })
              .optional(),
            hearing: z
              .object({
                noticeOn: isoDate.nullable().optional(),
                heldOn: isoDate.nullable().optional(),
                hostId: z.number().int().positive().max(INT4).nullable().optional(),
                abandoned: z.boolean().optional(),
                // issue #17: the 听证通知书's time, place and hearing staff; the 听证笔录's facts
                notice: z.object({ time: z.string().trim().max(5), place: z.string().trim().max(200, '听证地点不能超过200个字'), panelists: z.array(z.string().trim().max(20)).max(4, '听证员最多4名'), clerk: z.string().trim().max(20) }).optional(),
                minutes: z
                  .object({
                    attended: z.boolean(),
                    partyAttendees: z.array(z.object({ name: z.string().trim().max(20), role: z.string().trim().max(30) })).max(10),
                    investigatorCase: z.string().trim().max(5000, '内容不能超过5000个字'),
                    partyStatement: z.string().trim().max(5000, '内容不能超过5000个字'),
                    crossExamination: z.string().trim().max(5000, '内容不能超过5000个字'),
                    finalStatements: z.string().trim().max(5000, '内容不能超过5000个字'),
                    absenceNote: z.string().trim().max(2000).nullable().optional(),
                  })
                  .optional(),
              })
              .optional(),
            executionDone: z.boolean().optional(),
            reason: z.string().trim().max(1000).optional(),
          }),
        },
      },
      async (req) => patchCase(ctx, user(req), req.params.id, req.body),
    );
    r.post('/penalty-cases/:id/violations', { schema: { tags, params: id, body: violationBody } }, async (req, reply) => reply.status(201).send(await addViolation(ctx, user(req), req.params.id, req.body)));
    r.patch(
      '/penalty-cases/:id/violations/:no',
      { schema: { tags, params: id.extend({ no: z.coerce.number().int().positive() }), body: violationBody.partial() } },
      async (req) => updateViolation(ctx, user(req), req.params.id, req.params.no, req.body),
    );
    r.delete('/penalty-cases/:id/violations/:no', { schema: { tags, params: id.extend({ no: z.coerce.number().int().positive() }) } }, async (req) => removeViolation(ctx, user(req), req.params.id, req.params.no));
    r.post(
      '/penalty-cases/:id/actions',
      {
        schema: {
          tags,
          params: id,
          body: z.object({
            action: z.enum(penaltyCaseActions, { error: '未知的案件操作' }),
            // the party's statement can be long; other reasons are a few lines
            reason: z.string().trim().max(5000, '内容不能超过5000个字').nullable().optional(),
            factsClearWithBasis: z.boolean().optional(),
            transferTo: z.string().trim().max(200).nullable().optional(),
            // R27, the party's acts: the day a paper submission was received (officers only), attachments uploaded before
            receivedOn: isoDate.nullable().optional(),
            evidenceIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(20, '附件最多20个').optional(),
            // issue #17, serve: how the decision was served (送达回证)
            service: z
              .object({
                servedOn: isoDate.optional(),
                method: z.enum(serviceMethods, { error: '送达方式应为直接送达、留置送达、邮寄送达、委托送达、电子送达或公告送达' }),
                recipient: z.string().trim().max(200),
                signer: z.object({ name: z.string().trim().max(20), relation: z.string().trim().max(30) }).nullable().optional(),
                place: z.string().trim().max(300, '送达地点不能超过300个字'),
                witness: z.object({ name: z.string().trim().max(20), position: z.string().trim().max(50).optional() }).nullable().optional(),
                electronicConsentOn: isoDate.nullable().optional(),
                note: z.string().trim().max(500).nullable().optional(),
              })
              .nullable()
              .optional(),
            // issue #17, approve/reject review: the finding on each point reviewed (法制审核意见书)
            reviewPoints: z.partialRecord(z.enum(legalReviewAspects), z.string().trim().max(500, '审核要点不能超过500个字')).nullable().optional(),
          }),
        },
      },
      async (req) => takeAction(ctx, user(req), req.params.id, req.body),
    );
    // R27/R29: the answer to one statement of the party (采纳情况), recorded by the officer before the decision
    r.post(
      '/penalty-cases/:id/statements/:eventId/answer',
      {
        schema: {
          tags,
          params: id.extend({ eventId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确') }),
          body: z.object({
            result: z.enum(statementAdoptions, { error: '采纳情况应为采纳、部分采纳或不予采纳' }),
            reasons: z.string({ error: '请写明理由' }).trim().max(2000, '理由不能超过2000个字'),
          }),
        },
      },
      async (req) => answerStatement(ctx, user(req), req.params.id, req.params.eventId, req.body),
    );
    // R27: files attached to the party's statement / hearing request / withdrawal of it (multipart: the file plus a clientId field)
    r.post('/penalty-cases/:id/attachments', { schema: { tags, params: id, consumes: ['multipart/form-data'] } }, async (req, reply) => {
      const p = user(req);
      const u = await readUpload(req, { maxBytes: MAX_EVIDENCE_BYTES, tooLarge: '单个文件不能超过 50 MB' });
      const cid = u.field('clientId');
      if (!cid || cid.length < 8 || cid.length > 64) throw new AppError('VALIDATION', '缺少记录编号（clientId）');
      return reply.status(201).send(await addCaseAttachment(ctx, p, req.params.id, { data: u.data, mime: u.mime, fileName: u.fileName, clientId: cid }));
    });
    r.post(
      '/penalty-cases/:id/interventions',
      {
        schema: {
          tags,
          params: id,
          body: z.object({ intervenerName: text(1, 50, '干预人姓名'), intervenerPosition: text(1, 100, '干预人职务'), method: text(1, 50, '干预方式'), content: text(4, 2000, '干预内容'), occurredOn: isoDate }),
        },
      },
      async (req, reply) => reply.status(201).send(await recordIntervention(ctx, user(req), req.params.id, req.body)),
    );
    // 提级管辖: a leader of a higher agency takes the case over (reason required)
    r.post('/penalty-cases/:id/escalation', { schema: { tags, params: id, body: z.object({ reason: text(10, 1000, '提级管辖的理由') }) } }, async (req) => escalateCase(ctx, user(req), req.params.id, req.body));
    r.post('/penalty-cases/:id/publish', { schema: { tags, params: id } }, async (req) => publishDecision(ctx, user(req), req.params.id));
    // 《行政处罚法》第四十八条第二款: withdraw a published decision that was changed or annulled (3 working days)
    r.post(
      '/penalty-cases/:id/publication/withdraw',
      {
        schema: {
          tags,
          params: id,
          body: z.object({
            ground: z.enum(publicationWithdrawalGrounds, { error: '撤回事由应为：被依法变更、被依法撤销、被确认违法或被确认无效' }),
            reason: z.string({ error: '请填写撤回理由' }).trim().min(4, '请填写撤回理由（不少于4个字），理由将向社会公开').max(1000, '撤回理由不能超过1000个字'),
            changedOn: isoDate,
          }),
        },
      },
      async (req) => withdrawPublication(ctx, user(req), req.params.id, req.body),
    );

    // ---- oversight, publication, alerts ----
    r.get('/legal-reviews', { schema: { tags, querystring: z.object({ result: z.enum(['pending', 'approved', 'returned']).optional() }) } }, async (req) => listLegalReviews(ctx, user(req), req.query));
    r.get('/penalty-oversight', { schema: { tags } }, async (req) => penaltyOversight(ctx, user(req)));
    r.get('/penalty-publications/export', { schema: { tags, querystring: z.object({ status: z.enum(publicationStatuses, { error: '状态应为待公示、逾期、已公示或已撤回' }).optional() }) } }, async (req, reply) => exportPublications(ctx, user(req), req.query, reply));
    r.get('/penalty-publications', { schema: { tags, querystring: z.object({ status: z.enum(publicationStatuses, { error: '状态应为待公示、逾期、已公示或已撤回' }).optional() }) } }, async (req) => listPublications(ctx, user(req), req.query));
    r.get('/enterprises/:id/penalty-alerts', { schema: { tags, params: id } }, async (req) => {
      const p = user(req);
      const e = await loadEnterpriseScoped(ctx, p, req.params.id);
      return enforcementAlerts(ctx, e.id, shanghaiDate());
    });
    r.get(
      '/public/penalty-decisions',
      { config: { public: true }, schema: { tags, querystring: z.object({ regionCode: z.string().regex(/^\d{2,12}$/, '行政区划代码应为数字').optional(), page: z.coerce.number().int().min(1).max(100000).optional(), pageSize: z.coerce.number().int().min(1).max(100).optional() }) } },
      async (req) => publicDecisions(ctx, req.query),
    );
  };
