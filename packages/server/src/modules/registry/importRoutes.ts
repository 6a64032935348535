import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { readUpload } from '../../lib/upload.js';
import { requirePermission } from '../auth/principal.js';
import { commitImport, getJob, retryImport, startImport, templateFile } from './importService.js';

const jobSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['parsing', 'previewed', 'committing', 'committed', 'failed']),
  total: z.number(),
  processed: z.number(),
  validCount: z.number(),
  errorCount: z.number(),
  createCount: z.number(),
  updateCount: z.number(),
  errors: z.array(z.object({ row: z.number(), creditCode: z.string(), name: z.string(), messages: z.array(z.string()) })),
  message: z.string().nullable(),
  retryable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const importRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['enterprises'];
    r.get(
      '/enterprises/import/template',
      { schema: { tags, querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) } },
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
    r.post('/enterprises/import', { schema: { tags, consumes: ['multipart/form-data'], response: { 202: z.object({ jobId: z.string() }) } } }, async (req, reply) => {
      const p = user(req);
      requirePermission(p, 'registry.write');
      const file = await readUpload(req, { maxBytes: 100 * 1024 * 1024, tooLarge: '文件过大（最大100MB）' });
      const jobId = await startImport(ctx, p, { fileName: file.fileName, data: file.data });
      return reply.status(202).send({ jobId });
    });
    const params = z.object({ jobId: z.string().uuid('导入任务编号不正确') });
    r.get('/enterprises/import/:jobId', { schema: { tags, params, response: { 200: jobSchema } } }, async (req) =>
      getJob(ctx, user(req), req.params.jobId) as never,
    );
    r.post('/enterprises/import/:jobId/commit', { schema: { tags, params, response: { 202: jobSchema } } }, async (req, reply) =>
      reply.status(202).send((await commitImport(ctx, user(req), req.params.jobId)) as never),
    );
    // A job that failed or was interrupted (its process died) runs again from the stored file: no new upload.
    r.post('/enterprises/import/:jobId/retry', { schema: { tags, params, response: { 202: jobSchema } } }, async (req, reply) =>
      reply.status(202).send((await retryImport(ctx, user(req), req.params.jobId)) as never),
    );
  };
