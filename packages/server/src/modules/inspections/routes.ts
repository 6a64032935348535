// HTTP routes of inspections, hazards, evidence and the public QR page. Handlers only parse and delegate; the rules
// are in @anjian/domain and the services.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { checkItemScopes, escalationLevels, inspectionOrigins, inspectionStatusLabels, inspectionStatuses, itemsForIndustry, labelOf, type Industry } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { contentDisposition, isoDate, user } from '../../lib/http.js';
import { requirePermission, type Principal } from '../auth/principal.js';
import { catalogueVersion, currentCatalogue, listCatalogues, publishCatalogue } from './catalog.js';
import { inspectionFile } from '../documents/caseFile.js';
import { issueInspectionDocuments, issueReinspectionOpinion } from './documents.js';
import { addEvidence, loadEvidence, type EvidenceCapture } from './evidenceService.js';
import { discardEvidence, MAX_EVIDENCE_BYTES, readEvidence, receiveEvidence, type ReceivedFile } from './evidenceStore.js';
import { readParts, readUpload } from '../../lib/upload.js';
import type { Readable } from 'node:stream';
import { exportHazards, hazardDetail, hazardLedger, reinspect, reportRectification, runEscalation, updateClosing } from './hazardService.js';
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
import { triggers } from '../planning/unplannedService.js';
import { evidenceCaptureFields, inspectionSyncBody, inspectionSyncResult, syncAnswer, syncCertificate, syncExam, syncFinding } from '@anjian/domain/inspectionSync';
import { exportLedger, inspectionDetail, inspectionLedger, publicVerification, submitFeedback, today } from './recordService.js';

const id = z.object({ id: z.coerce.number().int().positive() });
const clientId = z.string().trim().min(8, '记录编号不正确').max(64);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max);

const ledgerQuery = z.object({
  status: z.enum(inspectionStatuses).optional(),
  origin: z.enum(inspectionOrigins).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  officerId: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
  hasHazards: bool.optional(),
  backfillOverdue: bool.optional(),
  /** R36 drill-down: a region (6 or 9 digits) inside the caller's jurisdiction */
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional(),
});

const feedbackBody = z.object({
  answers: z.object({ twoOfficers: z.boolean(), credentialsShown: z.boolean(), courteous: z.boolean(), rightsExplained: z.boolean(), guidance: z.boolean(), improperDemand: z.boolean() }),
  comment: z.string().trim().max(1000).optional(),
});

const rootCause = z.object({ cause: text(2, 1000, '隐患原因'), responsibility: text(2, 1000, '责任人员处理情况'), education: text(2, 1000, '教育情况'), measures: text(2, 1000, '整改措施') });

export const inspectionRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['inspections'];

    // ---- the check-item catalogue (R17) ----
    r.get('/check-items', { schema: { tags, querystring: z.object({ industry: z.string().optional() }) } }, async (req) => {
      user(req);
      const c = await currentCatalogue(ctx);
      return { version: c.version, items: req.query.industry ? itemsForIndustry(c, req.query.industry as Industry) : c.items };
    });
    r.get('/check-item-catalogs', { schema: { tags } }, async (req) => {
      user(req);
      return { items: await listCatalogues(ctx) };
    });
    r.post(
      '/check-item-catalogs',
      {
        schema: {
          tags,
          body: z.object({
            note: text(2, 500, '修订说明'),
            items: z.array(z.object({ code: z.string().trim(), scope: z.enum(checkItemScopes), title: z.string().trim().max(500), majorHazardStandard: z.string().trim().max(200).optional(), criterion: z.string().trim().max(500).optional() })).min(1).max(2000),
          }),
        },
      },
      async (req, reply) => reply.status(201).send(await publishCatalogue(ctx, user(req), req.body.items, req.body.note)),
    );

    // ---- inspections ----
    r.get('/today', { schema: { tags } }, async (req) => today(ctx, user(req)));
    r.get('/inspections', { schema: { tags, querystring: ledgerQuery.extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }) } }, async (req) =>
      inspectionLedger(ctx, user(req), req.query),
    );
    r.get('/inspections/export', { schema: { tags, querystring: ledgerQuery } }, async (req, reply) => exportLedger(ctx, user(req), req.query, reply));
    r.post(
      '/inspections',
      {
        schema: {
          tags,
          body: z.object({
            clientId: clientId.optional(),
            enterpriseId: z.number().int().positive(),
            origin: z.enum(inspectionOrigins, { error: '请选择检查来源' }),
            planEntryId: z.number().int().positive().optional(),
            drawId: z.number().int().positive().optional(),
            unplannedRequestId: z.number().int().positive().optional(),
            emergencyReason: z.string().trim().max(2000).optional(),
            legalBasis: z.string().trim().max(2000).optional(),
            plannedDate: isoDate.optional(),
            place: z.string().trim().max(500).optional(),
            officerIds: z.array(z.number().int().positive()).max(20).optional(),
            itemCodes: z.array(z.string().trim().max(10)).max(500).optional(),
            // an unplanned inspection registered and filed at once (R11: exempt triggers), e.g. the phone before going out
            unplanned: z
              .object({ trigger: z.enum(triggers, { error: '请选择检查缘由' }), reason: z.string().trim().min(5, '请写明检查事由（不少于5个字）').max(2000), jointWithAgencyId: z.number().int().positive().nullish() })
              .optional(),
          }),
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
    r.get('/inspection-sources', { schema: { tags, querystring: z.object({ enterpriseId: z.coerce.number().int().positive() }) } }, async (req) =>
      filingSources(ctx, user(req), req.query.enterpriseId),
    );
    r.get('/inspections/:id', { schema: { tags, params: id } }, async (req) => inspectionDetail(ctx, user(req), req.params.id));
    /** A command on one inspection that answers with the updated record. */
    const act = <B extends z.ZodType>(path: string, body: B, run: (p: Principal, inspectionId: number, b: z.infer<B>) => Promise<unknown>) =>
      r.post(path, { schema: { tags, params: id, body } }, async (req) => {
        const p = user(req);
        await run(p, req.params.id, req.body as z.infer<B>);
        return inspectionDetail(ctx, p, req.params.id);
      });
    const none = z.object({}).nullish();
    act('/inspections/:id/backfill', z.object({ legalBasis: text(4, 2000, '法律依据'), officerIds: z.array(z.number().int().positive()).max(20).optional(), itemCodes: z.array(z.string().max(10)).max(500).optional() }), (p, i, b) => backfillFiling(ctx, p, i, b));
    act('/inspections/:id/enter', none, (p, i) => enterSite(ctx, p, i));
    act('/inspections/:id/show-credentials', none, (p, i) => showCredentials(ctx, p, i));
    act('/inspections/:id/commitment', z.object({ signerNames: z.array(z.string().trim().min(1)).min(1).max(20) }), (p, i, b) => signCommitment(ctx, p, i, b.signerNames));
    act('/inspections/:id/cancel', z.object({ reason: text(5, 1000, '取消原因') }), (p, i, b) => cancelInspection(ctx, p, i, b.reason));
    act('/inspections/:id/exams', syncExam.omit({ at: true }), (p, i, b) => addRecord(ctx, p, i, 'exams', b));
    act('/inspections/:id/certificates', syncCertificate.omit({ at: true }), (p, i, b) => addRecord(ctx, p, i, 'certificates', b));
    r.put(
      '/inspections/:id/answers',
      {
        schema: {
          tags,
          params: id,
          body: z.object({ answers: z.array(syncAnswer.partial({ answeredAt: true })).min(1).max(500) }),
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
          // the same shape as the phone's sync, without its time (the server's)
          body: syncFinding.omit({ at: true }),
        },
      },
      async (req, reply) => reply.status(201).send(await addFinding(ctx, user(req), req.params.id, req.body)),
    );
    r.post('/inspections/:id/complete', { schema: { tags, params: id, body: z.object({ summary: text(4, 4000, '检查结论') }) } }, async (req) => {
      const p = user(req);
      await completeInspection(ctx, p, req.params.id, req.body.summary, (tx, row, audit) => issueInspectionDocuments(ctx, tx, p, row, audit));
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
    r.post('/inspections/:id/feedback', { schema: { tags, params: id, body: feedbackBody } }, async (req, reply) => reply.status(201).send(await submitFeedback(ctx, user(req), { id: req.params.id }, req.body)));
    // R22 / R35: the inspection's 卷宗 with its hazards' documents, in one PDF (staff only)
    r.get('/inspections/:id/file.pdf', { schema: { tags, params: id } }, async (req, reply) => {
      const f = await inspectionFile(ctx, user(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', `inspection-${req.params.id}-file.pdf`, f.fileName))
        .header('cache-control', 'private, no-store')
        .send(f.pdf);
    });
    r.get('/inspections/:id/qr.svg', { schema: { tags, params: id, querystring: z.object({ origin: z.string().url().optional() }) } }, async (req, reply) => {
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
    r.post('/inspections/:id/evidence', { schema: { tags, params: id, consumes: ['multipart/form-data'] } }, async (req, reply) =>
      reply.status(201).send(await addEvidence(ctx, user(req), { inspectionId: req.params.id }, await upload(req))),
    );
    r.post('/hazards/:id/evidence', { schema: { tags, params: id, consumes: ['multipart/form-data'] } }, async (req, reply) =>
      reply.status(201).send(await addEvidence(ctx, user(req), { hazardId: req.params.id }, await upload(req))),
    );
    r.get('/evidence/:id/file', { schema: { tags, params: id } }, async (req, reply) => {
      const e = await loadEvidence(ctx, user(req), req.params.id);
      return reply
        .header('content-type', e.mime)
        .header('content-disposition', contentDisposition('inline', `evidence-${e.id}`, e.originalName))
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('x-content-sm3', e.sm3)
        .send(readEvidence(ctx, e.sm3));
    });

    // ---- hazards (R22–R24) ----
    const hazardQuery = z.object({
      status: z.enum(['open', 'rectified', 'closed', 'unclosed']).optional(),
      major: bool.optional(),
      overdue: bool.optional(),
      escalationLevel: z.enum(escalationLevels).optional(),
      enterpriseId: z.coerce.number().int().positive().optional(),
      q: z.string().trim().max(100).optional(),
      deadlineFrom: isoDate.optional(),
      deadlineTo: isoDate.optional(),
    });
    r.get('/hazards/export', { schema: { tags, querystring: hazardQuery } }, async (req, reply) => exportHazards(ctx, user(req), req.query, reply));
    r.get(
      '/hazards',
      {
        schema: {
          tags,
          querystring: z.object({
            status: z.enum(['open', 'rectified', 'closed', 'unclosed']).optional(),
            major: bool.optional(),
            overdue: bool.optional(),
            escalationLevel: z.enum(escalationLevels).optional(),
            enterpriseId: z.coerce.number().int().positive().optional(),
            q: z.string().trim().max(100).optional(),
            deadlineFrom: isoDate.optional(),
            deadlineTo: isoDate.optional(),
            // R36 drill-down from the statistics: recorded (found) between, in a region
            foundFrom: isoDate.optional(),
            foundTo: isoDate.optional(),
            regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
        },
      },
      async (req) => hazardLedger(ctx, user(req), req.query),
    );
    r.get('/hazards/:id', { schema: { tags, params: id } }, async (req) => hazardDetail(ctx, user(req), req.params.id));
    r.post('/hazards/:id/rectification', { schema: { tags, params: id, body: z.object({ description: text(4, 2000, '整改情况'), evidenceIds: z.array(z.number().int().positive()).max(50) }) } }, async (req) => {
      await reportRectification(ctx, user(req), req.params.id, req.body);
      return hazardDetail(ctx, user(req), req.params.id);
    });
    r.post(
      '/hazards/:id/reinspection',
      {
        schema: {
          tags,
          params: id,
          body: z.object({
            officerIds: z.array(z.number().int().positive()).min(1).max(20),
            result: z.enum(['passed', 'failed'], { error: '复查结论应为合格或不合格' }),
            opinion: text(4, 2000, '复查意见'),
            evidenceIds: z.array(z.number().int().positive()).max(50).default([]),
            newDeadline: isoDate.nullish(),
          }),
        },
      },
      async (req) => {
        const p = user(req);
        const result = await reinspect(ctx, p, req.params.id, req.body, (tx, h, rid) => issueReinspectionOpinion(ctx, tx, p, h, rid));
        return { ...result, hazard: await hazardDetail(ctx, p, req.params.id) };
      },
    );
    r.post(
      '/hazards/:id/closing',
      { schema: { tags, params: id, body: z.object({ rootCause: rootCause.optional(), noPenaltyReason: z.string().trim().max(2000).nullish(), openPenaltyCase: z.boolean().optional() }) } },
      async (req) => {
        const result = await updateClosing(ctx, user(req), req.params.id, req.body);
        return { ...result, hazard: await hazardDetail(ctx, user(req), req.params.id) };
      },
    );
    r.post('/jobs/escalation', { schema: { tags, body: z.object({ date: isoDate.optional() }).nullish() } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'catalog.write');
      if (req.body?.date && p.role !== 'admin') throw new AppError('FORBIDDEN', '只有系统管理员可以指定日期运行督办任务');
      return runEscalation(ctx, req.body?.date);
    });

    // ---- public: the QR page (扫码迎检) and the enterprise's evaluation, no login ----
    const token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '二维码无效') });
    r.get('/public/inspections/:token', { config: { public: true }, schema: { tags, params: token } }, async (req) => publicVerification(ctx, req.params.token));
    r.post('/public/inspections/:token/feedback', { config: { public: true }, schema: { tags, params: token, body: feedbackBody } }, async (req, reply) =>
      reply.status(201).send(await submitFeedback(ctx, req.principal, { token: req.params.token }, req.body)),
    );
  };
