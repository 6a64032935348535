// R13/R14 双随机: the draw routes (the work is drawService.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { drawBody, drawIdParams as idParams, drawInputFile, drawList, drawQuery, drawVerification, drawView as drawViewSchema } from '@anjian/domain/contract/draw';
import { noBody, xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/diff.js';
import { user } from '../../lib/http.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { requirePermission } from '../auth/principal.js';
import { createDraw, drawDetail, drawInputText, drawPage, drawView, loadDraw, verifyDrawRecord } from './service.js';


export const drawRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['draws'];
    r.post(
      '/draws',
      { schema: { tags, body: drawBody, response: { 201: drawViewSchema } } },
      async (req, reply) => {
        const id = await createDraw(ctx, user(req), req.body);
        return reply.status(201).send(await drawView(ctx, await loadDraw(ctx, id)));
      },
    );
    r.get('/draws', { schema: { tags, querystring: drawQuery, response: { 200: drawList } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      return { items: await drawPage(ctx, p, req.query, 200, 0) };
    });
    // R13: the draw records (results are public) as .xlsx
    r.get('/draws/export', { schema: { tags, querystring: drawQuery, response: { 200: xlsx('双随机抽取记录（Excel）') } } }, async (req, reply) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      type Row = Awaited<ReturnType<typeof drawPage>>[number];
      return sendXlsx<Row>(reply, {
        title: '双随机抽取记录',
        asciiName: 'draws',
        columns: [
          { header: '抽取名称', width: 36, value: (r) => r.title },
          { header: '抽取日期', width: 12, value: (r) => r.drawDate },
          { header: '随机种子', width: 14, value: (r) => r.seed },
          { header: '抽取对象数', width: 12, value: (r) => r.targetCount },
          { header: '已分派企业数', width: 12, value: (r) => r.assigned },
          { header: '输入文件哈希（SM3）', width: 40, value: (r) => r.inputHash },
          { header: '记录时间', width: 12, value: (r) => shanghaiDate(new Date(r.createdAt)) },
        ],
        page: (offset, limit) => drawPage(ctx, p, req.query, limit, offset),
      });
    });
    r.get('/draws/:id', { schema: { tags, params: idParams, response: { 200: drawViewSchema } } }, async (req) => drawDetail(ctx, user(req), req.params.id));
    r.post('/draws/:id/verify', { config: { public: true }, schema: { tags, params: idParams, body: noBody, response: { 200: drawVerification } } }, async (req) => verifyDrawRecord(ctx, req.params.id));
    r.get('/public/draws/:id', { config: { public: true }, schema: { tags: ['public'], params: idParams, response: { 200: drawViewSchema } } }, async (req) => drawView(ctx, await loadDraw(ctx, req.params.id)));
    r.get('/public/draws/:id/input', { config: { public: true }, schema: { tags: ['public'], params: idParams, response: { 200: drawInputFile } } }, async (req, reply) => {
      const f = await drawInputText(ctx, req.params.id);
      // The canonical input without officers' recusal reasons or contact data: enough to recompute the hash and result.
      // Since 0012 the file is the hashed text itself: SM3 of the downloaded bytes is the published input hash. Stored
      // compressed since 0014, it is sent as it is to clients that take gzip (browsers, curl --compressed).
      reply.header('content-disposition', `attachment; filename="draw-${req.params.id}-input.json"`).header('vary', 'accept-encoding');
      if (f.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        return reply.type('application/json; charset=utf-8').header('content-encoding', 'gzip').send(Buffer.from(f.gzip));
      }
      const text = await f.text();
      return text !== null ? reply.type('application/json; charset=utf-8').send(text) : reply.send(f.input);
    });
  };
