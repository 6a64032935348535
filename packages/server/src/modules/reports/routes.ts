// R36: the periodic reports. GET a report (JSON, or the official form as .xlsx / PDF), annotate it, submit it upward,
// return it for correction; the upper level's board of its subordinate agencies' submissions.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isReportKind, latestEndedPeriod, reportFigureKeys, reportKinds, submissionStateLabels, type ReportKind } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { contentDisposition, user } from '../../lib/http.js';
import { sendWorkbook } from '../../lib/xlsxExport.js';
import { requirePermission } from '../auth/principal.js';
import { reportFileName, reportPdf, reportWorkbook } from './render.js';
import { getReport, returnReport, saveDraft, submissionBoard, submitReport } from './service.js';

const kindParam = z.object({ kind: z.string().max(40) });
const periodParams = z.object({ kind: z.string().max(40), period: z.string().max(20) });
const agencyId = z.coerce.number({ message: '填报单位编号应为正整数' }).int('填报单位编号应为正整数').positive('填报单位编号应为正整数').max(2147483647, '填报单位编号不正确');
const version = z.number({ message: '请提供报表版本号' }).int().min(0).max(2147483647);

const kindOf = (k: string): ReportKind => {
  if (!isReportKind(k)) throw new AppError('VALIDATION', '报表类型应为月报表、两月一行动总结、半年总结或年度总结');
  return k;
};

const figures = z.object(Object.fromEntries(reportFigureKeys.map((k) => [k, z.number().nullable()])) as Record<(typeof reportFigureKeys)[number], z.ZodNullable<z.ZodNumber>>);
const agencySchema = z.object({ id: z.number(), name: z.string(), level: z.string(), regionCode: z.string(), parentId: z.number().nullable() });
const stateSchema = z.enum(Object.keys(submissionStateLabels) as [keyof typeof submissionStateLabels, ...(keyof typeof submissionStateLabels)[]]);
const statusSchema = z.enum(['draft', 'submitted', 'returned']);
const reportSchema = z.object({
  kind: z.enum(reportKinds),
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  agency: agencySchema,
  status: statusSchema,
  state: stateSchema,
  dueOn: z.string(),
  daysLate: z.number(),
  figures: z.object({ period: figures, yearToDate: figures }),
  annotations: z.record(z.string(), z.string()),
  remarks: z.string().nullable(),
  preparedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  firstSubmittedOn: z.string().nullable(),
  submissions: z.number(),
  returnedAt: z.string().nullable(),
  returnedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number(),
  can: z.object({ annotate: z.boolean(), submit: z.boolean(), return: z.boolean() }),
});
const boardSchema = z.object({
  kind: z.enum(reportKinds),
  period: z.string(),
  periodLabel: z.string(),
  dueOn: z.string(),
  agency: agencySchema,
  summary: z.object({ total: z.number(), submitted: z.number(), submittedLate: z.number(), returned: z.number(), overdue: z.number(), pending: z.number() }),
  items: z.array(
    z.object({
      agencyId: z.number(),
      agencyName: z.string(),
      level: z.string(),
      status: statusSchema.nullable(),
      state: stateSchema,
      daysLate: z.number(),
      submittedAt: z.string().nullable(),
      submittedBy: z.string().nullable(),
      returnReason: z.string().nullable(),
      version: z.number(),
    }),
  ),
  canReturn: z.boolean(),
});

export const reportRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];

    r.get(
      '/reports/submissions',
      {
        schema: {
          tags,
          querystring: z.object({ kind: z.string().max(40).default('monthly'), period: z.string().max(20).optional(), agencyId: agencyId.optional() }),
          response: { 200: boardSchema },
        },
      },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'registry.read');
        const kind = kindOf(req.query.kind);
        return submissionBoard(ctx, p, kind, req.query.period ?? latestEndedPeriod(kind, shanghaiDate()), req.query.agencyId);
      },
    );

    r.get(
      '/reports/:kind',
      {
        schema: {
          tags,
          params: kindParam,
          querystring: z.object({
            agencyId: agencyId.optional(),
            period: z.string().max(20).optional(),
            /** monthly reports: the month, YYYY-MM (the same as period) */
            month: z.string().max(20).optional(),
            format: z.enum(['json', 'xlsx', 'pdf'], { message: '文件格式应为 xlsx 或 pdf' }).default('json'),
          }),
          response: { 200: reportSchema },
        },
      },
      async (req, reply) => {
        const p = user(req);
        requirePermission(p, 'registry.read');
        const kind = kindOf(req.params.kind);
        const period = req.query.period ?? req.query.month ?? latestEndedPeriod(kind, shanghaiDate());
        const report = await getReport(ctx, p, kind, period, req.query.agencyId);
        if (req.query.format === 'xlsx') {
          return sendWorkbook(reply, await reportWorkbook(report), { title: reportFileName(report), asciiName: `report-${kind}-${period}` });
        }
        if (req.query.format === 'pdf') {
          return reply
            .header('content-type', 'application/pdf')
            .header('content-disposition', contentDisposition('attachment', `report-${kind}-${period}.pdf`, `${reportFileName(report)}.pdf`))
            .header('cache-control', 'private, no-store')
            .send((await reportPdf(report)) as never);
        }
        return report;
      },
    );

    r.put(
      '/reports/:kind/:period',
      {
        schema: {
          tags,
          params: periodParams,
          body: z.object({
            agencyId: agencyId.optional(),
            annotations: z.record(z.string().max(40), z.string().max(500, '每项说明不超过500字')).refine((a) => Object.keys(a).every((k) => (reportFigureKeys as readonly string[]).includes(k)), '说明只能针对报表所列项目'),
            remarks: z.string().max(2000, '说明不超过2000字').nullable().optional(),
            version,
          }),
          response: { 200: reportSchema },
        },
      },
      async (req) => {
        const p = user(req);
        return saveDraft(ctx, p, kindOf(req.params.kind), req.params.period, req.body);
      },
    );

    r.post(
      '/reports/:kind/:period/submit',
      { schema: { tags, params: periodParams, body: z.object({ agencyId: agencyId.optional(), version }), response: { 200: reportSchema } } },
      async (req) => {
        const p = user(req);
        return submitReport(ctx, p, kindOf(req.params.kind), req.params.period, req.body);
      },
    );

    r.post(
      '/reports/:kind/:period/return',
      {
        schema: {
          tags,
          params: periodParams,
          body: z.object({ agencyId, reason: z.string().trim().min(2, '请填写退回原因（至少2个字）').max(500, '退回原因不超过500字'), version }),
          response: { 200: reportSchema },
        },
      },
      async (req) => {
        const p = user(req);
        return returnReport(ctx, p, kindOf(req.params.kind), req.params.period, req.body);
      },
    );
  };
