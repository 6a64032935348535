// R36: the periodic reports. GET a report (JSON, or the official form as .xlsx / PDF), annotate it, submit it upward,
// return it for correction; the upper level's board of its subordinate agencies' submissions.
import { boardQuery, boardSchema, kindParam, periodParams, reportDraftBody, reportQuery, reportReturnBody, reportSchema, reportSubmitBody } from '@anjian/domain/contract/reporting';
import { isReportKind, latestEndedPeriod, type ReportKind } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { AppError } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { contentDisposition, user } from '../../lib/http.js';
import { sendWorkbook } from '../../lib/xlsxExport.js';
import { requirePermission } from '../auth/principal.js';
import { reportFileName, reportPdf, reportWorkbook } from './render.js';
import { getReport, returnReport, saveDraft, submissionBoard, submitReport } from './reportService.js';

const kindOf = (k: string): ReportKind => {
  if (!isReportKind(k)) throw new AppError('VALIDATION', '报表类型应为月报表、两月一行动总结、半年总结或年度总结');
  return k;
};

export const reportRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['reports'];

  r.get(
    '/reports/submissions',
    { schema: { tags, querystring: boardQuery, response: { 200: boardSchema } } },
    async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      const kind = kindOf(req.query.kind);
      return submissionBoard(ctx, p, kind, req.query.period ?? latestEndedPeriod(kind, shanghaiDate()), req.query.agencyId);
    },
  );

  r.get(
    '/reports/:kind',
    { schema: { tags, params: kindParam, querystring: reportQuery, response: { 200: reportSchema } } },
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
    { schema: { tags, params: periodParams, body: reportDraftBody, response: { 200: reportSchema } } },
    async (req) => saveDraft(ctx, user(req), kindOf(req.params.kind), req.params.period, req.body),
  );

  r.post(
    '/reports/:kind/:period/submit',
    { schema: { tags, params: periodParams, body: reportSubmitBody, response: { 200: reportSchema } } },
    async (req) => submitReport(ctx, user(req), kindOf(req.params.kind), req.params.period, req.body),
  );

  r.post(
    '/reports/:kind/:period/return',
    { schema: { tags, params: periodParams, body: reportReturnBody, response: { 200: reportSchema } } },
    async (req) => returnReport(ctx, user(req), kindOf(req.params.kind), req.params.period, req.body),
  );
});
