// Enforcement documents (执法文书): list, read and print. Documents are issued by the commands that produce them
// (inspections, penalty cases) through issueDocument, never posted by hand (R34).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { documentKinds, documentKindTable } from '@anjian/domain';
import { documentDetail, documentIdParams as idParams, documentKindList, documentPage, documentPdf, documentQuery } from '@anjian/domain/contract/documents';
import type { AppContext } from '../../context.js';
import { contentDisposition, user } from '../../lib/http.js';
import { requirePermission } from '../auth/principal.js';
import { renderDocumentPdf } from './pdf.js';
import { contentHash, listDocuments, loadDocument, summaryOf } from './service.js';

export const documentRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['documents'];
    r.get('/documents/kinds', { schema: { tags, response: { 200: documentKindList } } }, async (req) => {
      user(req);
      return { items: documentKinds.map((k) => documentKindTable[k]) };
    });

    r.get(
      '/documents',
      {
        schema: {
          tags,
          querystring: documentQuery,
          response: { 200: documentPage },
        },
      },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'registry.read');
        return listDocuments(ctx, p, req.query);
      },
    );

    r.get('/documents/:id', { schema: { tags, params: idParams, response: { 200: documentDetail } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      const d = await loadDocument(ctx, p, req.params.id);
      const [u] = await ctx.database.rows<{ display_name: string }>(sql`select display_name from users where id = ${d.issuedBy}`);
      return {
        ...summaryOf(d, u?.display_name ?? null),
        content: d.content as Record<string, unknown>,
        // R35: the stored content still matches the hash recorded when it was issued.
        contentIntact: contentHash(d.content) === d.contentSm3,
      };
    });

    r.get('/documents/:id/pdf', { schema: { tags, params: idParams, response: { 200: documentPdf } } }, async (req, reply) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      const d = await loadDocument(ctx, p, req.params.id);
      const pdf = await renderDocumentPdf(d);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('inline', `document-${d.id}.pdf`, `${d.number}${d.title}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    });
  };
