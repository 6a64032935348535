// HTTP routes of inspections, their evidence and the public QR page (hazards: ../hazard/routes.ts). Handlers only parse and delegate; the rules
// are in @anjian/domain and the services.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { inspectionStatusLabels, itemsForIndustry, labelOf, type Industry } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { contentDisposition, user } from '../../lib/http.js';
import type { Principal } from '../auth/principal.js';
import { catalogueVersion, currentCatalogue, listCatalogues, publishCatalogue } from './catalog.js';
import { inspectionFile } from '../documents/caseFile.js';
import { issueInspectionDocuments } from './documents.js';
import { addEvidence, loadEvidence, type EvidenceCapture } from './evidenceService.js';
import { discardEvidence, MAX_EVIDENCE_BYTES, readEvidence, receiveEvidence, type ReceivedFile } from './evidenceStore.js';
import { readParts, readUpload } from '../../lib/upload.js';
import type { Readable } from 'node:stream';
import {
  addFinding,
  addRecord,
  backfillFiling,
  cancelInspection,
  completeInspection,
  createInspection,
  enterSite,
  filingSources,
  saveAnswers,
  showCredentials,
  signCommitment,
} from './inspectionService.js';
import { syncInspection } from './syncService.js';
import {
  answersBody,
  backfillBody,
  cancelBody,
  catalogueBody,
  catalogueList,
  certificateBody,
  checkItemsAnswer,
  checkItemsQuery,
  commitmentBody,
  completeBody,
  evidenceCaptureFields,
  evidenceItem,
  evidenceUpload,
  examBody,
  feedbackAnswer,
  feedbackBody,
  filingAnswer,
  filingBody,
  filingSources as filingSourcesAnswer,
  filingSourcesQuery,
  findingBody,
  addedFinding,
  inspectionDetail as inspectionDetailAnswer,
  inspectionLedger as inspectionLedgerAnswer,
  inspectionLedgerQuery as ledgerQuery,
  inspectionPageQuery,
  inspectionSyncBody,
  inspectionSyncResult,
  publicToken as token,
  publicVerification as publicVerificationAnswer,
  qrQuery,
  savedAnswers,
  todayAnswer,
} from '@anjian/domain/contract/inspection';
import { file, noBody, xlsx } from '@anjian/domain/contract/wire';
import { exportLedger, inspectionDetail, inspectionLedger, publicVerification, submitFeedback, today } from './recordService.js';

const id = z.object({ id: z.coerce.number().int().positive() });

export const inspectionRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['inspections'];

    // ---- the check-item catalogue (R17) ----
    r.get('/check-items', { schema: { tags, querystring: checkItemsQuery, response: { 200: checkItemsAnswer } } }, async (req) => {
      user(req);
      const c = await currentCatalogue(ctx);
      return { version: c.version, items: req.query.industry ? itemsForIndustry(c, req.query.industry as Industry) : c.items };
    });
    r.get('/check-item-catalogs', { schema: { tags, response: { 200: catalogueList } } }, async (req) => {
      user(req);
      return { items: await listCatalogues(ctx) };
    });
    r.post(
      '/check-item-catalogs',
      {
        schema: {
          tags,
          body: catalogueBody,
          response: { 201: checkItemsAnswer },
        },
      },
      async (req, reply) => reply.status(201).send(await publishCatalogue(ctx, user(req), req.body.items, req.body.note)),
    );

    // ---- inspections ----
    r.get('/today', { schema: { tags, response: { 200: todayAnswer } } }, async (req) => today(ctx, user(req)));
    r.get('/inspections', { schema: { tags, querystring: inspectionPageQuery, response: { 200: inspectionLedgerAnswer } } }, async (req) =>
      inspectionLedger(ctx, user(req), req.query),
    );
    r.get('/inspections/export', { schema: { tags, querystring: ledgerQuery, response: { 200: xlsx('执法检查台账（Excel）') } } }, async (req, reply) => exportLedger(ctx, user(req), req.query, reply));
    r.post(
      '/inspections',
      {
        schema: {
          tags,
          body: filingBody,
          response: { 201: filingAnswer },
        },
      },
      async (req, reply) => {
        const row = await createInspection(ctx, user(req), req.body);
        // RFC 7240 `Prefer: return=minimal`: the phone filing before it goes out needs the id, the items and the QR
        // path, not the whole record (ten more reads) — at a province's field traffic that is most of the filing's cost
        if (/\breturn=minimal\b/.test(String(req.headers.prefer ?? ''))) {
          const titles = new Map((await catalogueVersion(ctx, row.catalogVersion)).items.map((i) => [i.code, i.title]));
          return reply
            .status(201)
            .header('preference-applied', 'return=minimal')
            .send({
              id: row.id,
              clientId: row.clientId,
              status: row.status,
              statusLabel: labelOf(inspectionStatusLabels, row.status),
              plannedDate: row.plannedDate,
              filedAt: row.filedAt?.toISOString() ?? null,
              officerIds: row.officerIds,
              items: row.itemCodes.map((code) => ({ code, title: titles.get(code) ?? code })),
              publicPath: `/v/${row.publicToken}`,
              unplannedRequestId: row.unplannedRequestId,
              warnings: row.warnings ?? [],
            });
        }
        const detail = await inspectionDetail(ctx, user(req), row.id);
        return reply.status(201).send(row.warnings ? { ...detail, warnings: row.warnings } : detail);
      },
    );
    r.get('/inspection-sources', { schema: { tags, querystring: filingSourcesQuery, response: { 200: filingSourcesAnswer } } }, async (req) =>
      filingSources(ctx, user(req), req.query.enterpriseId),
    );
    r.get('/inspections/:id', { schema: { tags, params: id, response: { 200: inspectionDetailAnswer } } }, async (req) => inspectionDetail(ctx, user(req), req.params.id));
    /** A command on one inspection that answers with the updated record. */
    const act = <B extends z.ZodType>(path: string, body: B, run: (p: Principal, inspectionId: number, b: z.infer<B>) => Promise<unknown>) =>
      r.post(path, { schema: { tags, params: id, body, response: { 200: inspectionDetailAnswer } } }, async (req) => {
        const p = user(req);
        await run(p, req.params.id, req.body as z.infer<B>);
        return inspectionDetail(ctx, p, req.params.id);
      });
    const none = noBody;
    act('/inspections/:id/backfill', backfillBody, (p, i, b) => backfillFiling(ctx, p, i, b));
    act('/inspections/:id/enter', none, (p, i) => enterSite(ctx, p, i));
    act('/inspections/:id/show-credentials', none, (p, i) => showCredentials(ctx, p, i));
    act('/inspections/:id/commitment', commitmentBody, (p, i, b) => signCommitment(ctx, p, i, b.signerNames));
    act('/inspections/:id/cancel', cancelBody, (p, i, b) => cancelInspection(ctx, p, i, b.reason));
    act('/inspections/:id/exams', examBody, (p, i, b) => addRecord(ctx, p, i, 'exams', b));
    act('/inspections/:id/certificates', certificateBody, (p, i, b) => addRecord(ctx, p, i, 'certificates', b));
    r.put(
      '/inspections/:id/answers',
      {
        schema: {
          tags,
          params: id,
          body: answersBody,
          response: { 200: savedAnswers },
        },
      },
      async (req) => saveAnswers(ctx, user(req), req.params.id, req.body.answers),
    );
    r.post(
      '/inspections/:id/findings',
      {
        schema: {
          tags,
          params: id,
          body: findingBody,
          response: { 201: addedFinding },
        },
      },
      async (req, reply) => reply.status(201).send(await addFinding(ctx, user(req), req.params.id, req.body)),
    );
    r.post('/inspections/:id/complete', { schema: { tags, params: id, body: completeBody, response: { 200: inspectionDetailAnswer } } }, async (req) => {
      const p = user(req);
      await completeInspection(ctx, p, req.params.id, req.body.summary, (tx, row, audit, data) => issueInspectionDocuments(ctx, tx, p, row, audit, data));
      return inspectionDetail(ctx, p, req.params.id);
    });
    // the phone's sync: the whole visit in one request, applied once (R16–R19, issue #20); as multipart, with the photos'
    // files (the body as JSON in the field `sync`), streamed to disk while hashed before the body is validated
    const syncFiles = new WeakMap<FastifyRequest, ReceivedFile[]>();
    const dropFiles = async (req: FastifyRequest) => {
      for (const f of syncFiles.get(req) ?? []) await discardEvidence(f);
      syncFiles.delete(req);
    };
    r.post(
      '/inspections/:id/sync',
      {
        schema: { tags, params: id, body: inspectionSyncBody, response: { 200: inspectionSyncResult } },
        preValidation: async (req) => {
          if (!req.isMultipart()) return;
          user(req);
          const { fields, files } = await readParts(req, { maxBytes: MAX_EVIDENCE_BYTES, tooLarge: '单个文件不能超过 50 MB', maxFiles: 20, maxFieldBytes: 2 * 1024 * 1024 }, (stream, meta) => receiveEvidence(ctx, stream as Readable, meta), discardEvidence);
          syncFiles.set(req, files);
          try {
            req.body = JSON.parse(fields.sync ?? '');
          } catch {
            throw new AppError('VALIDATION', '同步内容格式不正确：缺少字段 sync 或其内容不是 JSON');
          }
        },
        // files not stored (a refused sync, a photo already recorded) are removed before the answer; stored ones have moved
        onError: async (req) => dropFiles(req),
      },
      async (req) => {
        try {
          return await syncInspection(ctx, user(req), req.params.id, req.body, syncFiles.get(req));
        } finally {
          await dropFiles(req);
        }
      },
    );
    r.post('/inspections/:id/feedback', { schema: { tags, params: id, body: feedbackBody, response: { 201: feedbackAnswer } } }, async (req, reply) => reply.status(201).send(await submitFeedback(ctx, user(req), { id: req.params.id }, req.body)));
    // R22 / R35: the inspection's 卷宗 with its hazards' documents, in one PDF (staff only)
    r.get('/inspections/:id/file.pdf', { schema: { tags, params: id, response: { 200: file('application/pdf', '检查卷宗（PDF）') } } }, async (req, reply) => {
      const f = await inspectionFile(ctx, user(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', `inspection-${req.params.id}-file.pdf`, f.fileName))
        .header('cache-control', 'private, no-store')
        .send(f.pdf);
    });
    r.get('/inspections/:id/qr.svg', { schema: { tags, params: id, querystring: qrQuery, response: { 200: file('image/svg+xml', '扫码迎检二维码（SVG）') } } }, async (req, reply) => {
      const detail = await inspectionDetail(ctx, user(req), req.params.id);
      const origin = req.query.origin ?? `${req.protocol}://${req.headers.host}`;
      const svg = await QRCode.toString(`${origin}${detail.publicPath}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return reply.header('content-type', 'image/svg+xml').header('cache-control', 'private, max-age=300').send(svg);
    });

    // ---- evidence (multipart: the file plus clientId / itemCode / findingClientId fields) ----
    const upload = async (req: FastifyRequest) => {
      const u = await readUpload(req, { maxBytes: MAX_EVIDENCE_BYTES, tooLarge: '单个文件不能超过 50 MB' });
      const cid = u.field('clientId');
      if (!cid || cid.length < 8 || cid.length > 64) throw new AppError('VALIDATION', '缺少记录编号（clientId）');
      // R35: sealed at capture — the phone's SM3, time and position of the photo, when it sends them
      let capture: EvidenceCapture | undefined;
      if (u.field('sm3') || u.field('capturedAt')) {
        const parsed = evidenceCaptureFields.safeParse({
          sm3: u.field('sm3')?.toLowerCase(),
          capturedAt: u.field('capturedAt') ?? undefined,
          latitude: u.field('latitude') || undefined,
          longitude: u.field('longitude') || undefined,
          accuracy: u.field('accuracy') || undefined,
        });
        if (!parsed.success) throw new AppError('VALIDATION', parsed.error.issues.map((i) => (i.path[0] === 'sm3' && i.code === 'invalid_type' ? '缺少照片校验值（sm3）' : i.path[0] === 'capturedAt' && i.code === 'invalid_type' ? '缺少拍摄时间' : i.message)).join('；'));
        capture = parsed.data;
      }
      return { data: u.data, mime: u.mime, fileName: u.fileName, clientId: cid, itemCode: u.field('itemCode'), findingClientId: u.field('findingClientId'), capture };
    };
    r.post('/inspections/:id/evidence', { schema: { tags, params: id, consumes: ['multipart/form-data'], body: evidenceUpload, response: { 201: evidenceItem } } }, async (req, reply) =>
      reply.status(201).send(await addEvidence(ctx, user(req), { inspectionId: req.params.id }, await upload(req))),
    );
    r.post('/hazards/:id/evidence', { schema: { tags, params: id, consumes: ['multipart/form-data'], body: evidenceUpload, response: { 201: evidenceItem } } }, async (req, reply) =>
      reply.status(201).send(await addEvidence(ctx, user(req), { hazardId: req.params.id }, await upload(req))),
    );
    r.get('/evidence/:id/file', { schema: { tags, params: id, response: { 200: file('application/octet-stream', '证据原件（照片、录音、视频或文件，类型见 content-type）') } } }, async (req, reply) => {
      const e = await loadEvidence(ctx, user(req), req.params.id);
      return reply
        .header('content-type', e.mime)
        .header('content-disposition', contentDisposition('inline', `evidence-${e.id}`, e.originalName))
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('x-content-sm3', e.sm3)
        .send(readEvidence(ctx, e.sm3));
    });

    // ---- public: the QR page (扫码迎检) and the enterprise's evaluation, no login ----
    r.get('/public/inspections/:token', { config: { public: true }, schema: { tags, params: token, response: { 200: publicVerificationAnswer } } }, async (req) => publicVerification(ctx, req.params.token));
    r.post('/public/inspections/:token/feedback', { config: { public: true }, schema: { tags, params: token, body: feedbackBody, response: { 201: feedbackAnswer } } }, async (req, reply) =>
      reply.status(201).send(await submitFeedback(ctx, req.principal, { token: req.params.token }, req.body)),
    );
  };
