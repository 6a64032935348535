// HTTP routes of 执法监督: case-file review (R34, R35) and supervisory measures (R31/R34). Handlers parse and delegate.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseReviewKinds, caseReviewStatuses, interventionKinds, interventionSubjects, reviewGrades, reviewSections } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { isoDate, user } from '../../lib/http.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { acceptRectification, createRound, exportRows, getItem, getSheet, league, listItems, listRounds, publishSheet, recordRectification, scoreItem, verifyRound } from './caseReviewService.js';
import { listOversightInterventions, recordOversightIntervention } from './interventionService.js';

const INT4 = 2147483647;
const id = z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确') });
const text = (min: number, max: number, what: string) => z.string({ error: `请填写${what}` }).trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const optId = z.coerce.number().int().positive().max(INT4, '编号不正确').optional();
const kind = z.enum(caseReviewKinds, { error: '案卷类别应为行政处罚案卷或监督检查案卷' });

const itemFilter = z.object({
  roundId: optId,
  agencyId: optId,
  kind: kind.optional(),
  status: z.enum(caseReviewStatuses, { error: '状态应为待评查、待整改、整改待验收或已办结' }).optional(),
  grade: z.enum(reviewGrades, { error: '等次应为优秀、良好、合格或不合格' }).optional(),
});

const roundSchema = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  perAgency: z.number(),
  ratio: z.number().nullable(),
  seed: z.number(),
  inputHash: z.string(),
  sheetVersion: z.number(),
  itemCount: z.number(),
  pending: z.number(),
  scored: z.number(),
  drawnByName: z.string(),
  drawnAt: z.string(),
});

const itemSchema = z.object({
  id: z.number(),
  roundId: z.number(),
  roundTitle: z.string(),
  roundAgencyName: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  subjectId: z.number(),
  subjectLabel: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  gradeLabel: z.string().nullable(),
  veto: z.boolean().nullable(),
  defectCount: z.number(),
  reviewerName: z.string().nullable(),
  scoredAt: z.string().nullable(),
});

const sheetItem = z.object({
  code: z.string({ error: '请填写评查项目编号' }).trim().regex(/^[A-Za-z0-9]{1,8}$/, '评查项目编号应为1至8位字母或数字'),
  section: z.enum(reviewSections, { error: '评查类别应为主体、事实与证据、适用法律、程序、裁量、文书或归档' }),
  text: text(4, 200, '评查内容'),
  points: z.number({ error: '请填写分值' }).min(0.5, '分值不少于0.5分').max(50, '分值不超过50分'),
  appliesTo: z.array(kind).min(1, '评查项目应至少适用于一类案卷').max(2),
  veto: z.boolean().optional(),
});
const defectSchema = z.object({ code: z.string(), section: z.string(), text: z.string(), deduction: z.number(), note: z.string(), veto: z.boolean() });
const statusOut = z.object({ id: z.number(), status: z.string(), statusLabel: z.string() });
const interventionOut = z.object({
  id: z.number(),
  subjectType: z.string(),
  subjectTypeLabel: z.string(),
  subjectId: z.number(),
  subjectLabel: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  content: z.string(),
  dueOn: z.string().nullable(),
  targetAgencyName: z.string(),
  agencyName: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});

export const oversightRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['oversight'];

    // ---- the scoring sheet ----
    r.get(
      '/case-reviews/sheet',
      {
        schema: {
          tags,
          querystring: z.object({ version: z.coerce.number().int().min(0).max(INT4, '版本号不正确').optional() }),
          response: {
            200: z.object({
              sheet: z.object({ version: z.number(), items: z.array(sheetItem), note: z.string(), createdByName: z.string().nullable(), createdAt: z.string().nullable() }),
              canEdit: z.boolean(),
              versions: z.array(z.object({ version: z.number(), note: z.string(), createdByName: z.string().nullable(), createdAt: z.string().nullable(), itemCount: z.number() })),
            }),
          },
        },
      },
      async (req) => getSheet(ctx, user(req), req.query),
    );
    r.post(
      '/case-reviews/sheet',
      {
        schema: {
          tags,
          body: z.object({ items: z.array(sheetItem).min(1, '评查标准至少应有一个评查项目').max(200, '评查项目不超过200项'), note: text(2, 500, '修订说明') }),
          response: { 201: z.object({ version: z.number(), items: z.array(sheetItem), note: z.string(), createdByName: z.string(), createdAt: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await publishSheet(ctx, user(req), req.body)),
    );

    // ---- rounds ----
    r.post(
      '/case-reviews/rounds',
      {
        schema: {
          tags,
          body: z.object({
            quarter: z.string().regex(/^\d{4}-?Q[1-4]$/, '季度格式应为 2026-Q3').optional(),
            periodStart: isoDate.optional(),
            periodEnd: isoDate.optional(),
            perAgency: z.number({ error: '每个单位抽取数量应为整数' }).int('每个单位抽取数量应为整数').min(1, '每个单位至少抽取1卷').max(50, '每个单位最多抽取50卷').optional(),
            ratio: z.number({ error: '抽取比例应为数字' }).gt(0, '抽取比例应大于0').max(1, '抽取比例不超过100%').optional(),
            seed: z.number({ error: '随机种子应为整数' }).int('随机种子应为整数').min(0, '随机种子不能为负数').max(4294967295, '随机种子过大').optional(),
          }),
          response: { 201: roundSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await createRound(ctx, user(req), req.body)),
    );
    r.get('/case-reviews/rounds', { schema: { tags, response: { 200: z.object({ canDraw: z.boolean(), items: z.array(roundSchema) }) } } }, async (req) => listRounds(ctx, user(req)));
    r.post(
      '/case-reviews/rounds/:id/verify',
      { schema: { tags, params: id, response: { 200: z.object({ ok: z.boolean(), reason: z.string().nullable(), inputHash: z.string(), seed: z.number() }) } } },
      async (req) => verifyRound(ctx, user(req), req.params.id),
    );

    // ---- the drawn files ----
    r.get(
      '/case-reviews',
      {
        schema: {
          tags,
          querystring: itemFilter.extend({ page: z.coerce.number().int().min(1).max(100000).optional(), pageSize: z.coerce.number().int().min(1).max(100).optional() }),
          response: { 200: z.object({ items: z.array(itemSchema), total: z.number(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (req) => listItems(ctx, user(req), req.query),
    );
    r.get('/case-reviews/export', { schema: { tags, querystring: itemFilter } }, async (req, reply) => {
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
    r.get(
      '/case-reviews/league',
      {
        schema: {
          tags,
          querystring: z.object({ roundId: optId }),
          response: {
            200: z.object({
              roundId: z.number().nullable(),
              roundTitle: z.string().nullable(),
              rows: z.array(
                z.object({ rank: z.number().nullable(), agencyId: z.number(), agencyName: z.string(), drawn: z.number(), scored: z.number(), average: z.number().nullable(), excellent: z.number(), failed: z.number(), passRate: z.number().nullable(), openRectifications: z.number() }),
              ),
            }),
          },
        },
      },
      async (req) => league(ctx, user(req), req.query),
    );
    r.get(
      '/case-reviews/:id',
      {
        schema: {
          tags,
          params: id,
          response: {
            200: itemSchema.extend({
              sheetVersion: z.number(),
              sheetItems: z.array(sheetItem),
              scores: z.array(z.object({ code: z.string(), deduction: z.number(), note: z.string().optional() })).nullable(),
              defects: z.array(defectSchema),
              comment: z.string().nullable(),
              rectification: z.string().nullable(),
              rectifiedByName: z.string().nullable(),
              rectifiedAt: z.string().nullable(),
              acceptanceOpinion: z.string().nullable(),
              acceptedByName: z.string().nullable(),
              acceptedAt: z.string().nullable(),
              version: z.number(),
              interventions: z.array(z.object({ id: z.number(), kind: z.string(), content: z.string(), dueOn: z.string().nullable(), recordedByName: z.string(), recordedAt: z.string() })),
              can: z.object({ score: z.boolean(), rectify: z.boolean(), accept: z.boolean(), intervene: z.boolean() }),
              reviewBlockedReason: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => getItem(ctx, user(req), req.params.id) as never,
    );
    r.post(
      '/case-reviews/:id/score',
      {
        schema: {
          tags,
          params: id,
          body: z.object({
            scores: z
              .array(z.object({ code: z.string({ error: '请填写评查项目编号' }).max(8, '评查项目编号不正确'), deduction: z.number({ error: '扣分应为数字' }).min(0, '扣分不能为负数').max(50, '扣分不超过50分'), note: z.string().trim().max(500, '扣分理由不能超过500个字').optional() }))
              .min(1, '请逐项评分')
              .max(200, '评查项目过多'),
            comment: z.string().trim().max(2000, '评查意见不能超过2000个字').optional(),
          }),
          response: {
            200: statusOut.extend({ applicablePoints: z.number(), deducted: z.number(), score: z.number(), grade: z.string(), gradeLabel: z.string(), veto: z.boolean(), defects: z.array(defectSchema) }),
          },
        },
      },
      async (req) => scoreItem(ctx, user(req), req.params.id, req.body),
    );
    r.post(
      '/case-reviews/:id/rectification',
      { schema: { tags, params: id, body: z.object({ content: text(10, 2000, '整改情况') }), response: { 200: statusOut } } },
      async (req) => recordRectification(ctx, user(req), req.params.id, req.body),
    );
    r.post(
      '/case-reviews/:id/acceptance',
      { schema: { tags, params: id, body: z.object({ accept: z.boolean({ error: '请选择验收通过或退回整改' }), opinion: text(2, 1000, '验收意见') }), response: { 200: statusOut } } },
      async (req) => acceptRectification(ctx, user(req), req.params.id, req.body),
    );

    // ---- supervisory measures (督办、约谈、通报、监督提醒) ----
    r.post(
      '/oversight/interventions',
      {
        schema: {
          tags,
          body: z.object({
            subjectType: z.enum(interventionSubjects, { error: '监督对象应为评查案卷或处罚案件' }),
            subjectId: z.number({ error: '请选择监督对象' }).int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确'),
            kind: z.enum(interventionKinds, { error: '监督措施应为监督提醒、督办、约谈或通报' }),
            content: text(4, 2000, '监督措施的内容'),
            dueOn: isoDate.nullable().optional(),
          }),
          response: { 201: interventionOut.omit({ subjectTypeLabel: true, subjectLabel: true, agencyName: true }) },
        },
      },
      async (req, reply) => reply.status(201).send(await recordOversightIntervention(ctx, user(req), req.body)),
    );
    r.get(
      '/oversight/interventions',
      {
        schema: {
          tags,
          querystring: z.object({
            subjectType: z.enum(interventionSubjects, { error: '监督对象应为评查案卷或处罚案件' }).optional(),
            subjectId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确').optional(),
            kind: z.enum(interventionKinds, { error: '监督措施应为监督提醒、督办、约谈或通报' }).optional(),
            page: z.coerce.number().int().min(1).max(100000).optional(),
            pageSize: z.coerce.number().int().min(1).max(100).optional(),
          }),
          response: { 200: z.object({ items: z.array(interventionOut), total: z.number(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (req) => listOversightInterventions(ctx, user(req), req.query),
    );
  };
