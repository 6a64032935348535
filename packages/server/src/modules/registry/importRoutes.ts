import { importJob, importJobParams, importStarted, importTemplateQuery, importUpload } from '@anjian/domain/contract/registry';
import { file, noBody } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { readUpload } from '../../lib/upload.js';
import { requirePermission } from '../auth/principal.js';
import { commitImport, getJob, retryImport, startImport, templateFile } from './importService.js';


export const importRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['enterprises'];
  r.get(
    '/enterprises/import/template',
    { schema: { tags, querystring: importTemplateQuery, response: { 200: file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '企业名录导入模板（Excel；format=csv 时为 text/csv）') } } },
    async (req, reply) => {
      user(req);
      const { format } = req.query;
      const name = encodeURIComponent(`企业名录导入模板.${format}`);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="template.${format}"; filename*=UTF-8''${name}`)
        .send(await templateFile(format));
    },
  );
  r.post('/enterprises/import', { schema: { tags, consumes: ['multipart/form-data'], body: importUpload, response: { 202: importStarted } } }, async (req, reply) => {
    const p = user(req);
    requirePermission(p, 'registry.write');
    const file = await readUpload(req, { maxBytes: 100 * 1024 * 1024, tooLarge: '文件过大（最大100MB）' });
    const jobId = await startImport(ctx, p, { fileName: file.fileName, data: file.data });
    return reply.status(202).send({ jobId });
  });
  const params = importJobParams;
  r.get('/enterprises/import/:jobId', { schema: { tags, params, response: { 200: importJob } } }, async (req) =>
    getJob(ctx, user(req), req.params.jobId) as never,
  );
  r.post('/enterprises/import/:jobId/commit', { schema: { tags, params, body: noBody, response: { 202: importJob } } }, async (req, reply) =>
    reply.status(202).send((await commitImport(ctx, user(req), req.params.jobId)) as never),
  );
  // A job that failed or was interrupted (its process died) runs again from the stored file: no new upload.
  r.post('/enterprises/import/:jobId/retry', { schema: { tags, params, body: noBody, response: { 202: importJob } } }, async (req, reply) =>
    reply.status(202).send((await retryImport(ctx, user(req), req.params.jobId)) as never),
  );
});
