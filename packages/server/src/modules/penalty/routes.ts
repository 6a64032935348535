// HTTP routes of penalty cases (R18, R25–R31): handlers parse and delegate; the rules are @anjian/domain's.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseActionBody,
  caseAttachmentUpload,
  caseCompleteness,
  caseCreateBody,
  caseDetail,
  caseExportQuery,
  discretionCatalogue,
  discretionCatalogueBody,
  discretionCataloguePublished,
  discretionCatalogueVersions,
  discretionProposal,
  enforcementAlerts as alertsAnswer,
  caseFilePdf,
  caseListQuery,
  casePage,
  casePatchBody,
  escalationBody,
  intervention,
  interventionBody,
  legalReviewList,
  legalReviewQuery,
  publicationItem,
  publicationList,
  publicationQuery,
  publicDecisionQuery,
  statementAnswerBody,
  statementParams,
  violationBody,
  violationFactsSchema,
  violationParams,
  withdrawalBody,
} from '@anjian/domain/contract/penalty';
import { idParam as id } from '@anjian/domain/contract/common';
import { publicPenaltyDecisionPage } from '@anjian/domain/contract/disclosure';
import { evidenceItem } from '@anjian/domain/contract/inspection';
import { penaltyOversightView } from '@anjian/domain/contract/oversight';
import { noBody, xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { contentDisposition, user } from '../../lib/http.js';
import { penaltyCaseCompleteness, penaltyCaseFile } from '../documents/caseFile.js';
import { answerStatement, takeAction } from './caseActions.js';
import { caseDetail as caseDetailOf, listCases } from './caseQueries.js';
import { createCase, patchCase } from './caseService.js';
import { escalateCase } from './escalation.js';
import { recordIntervention } from './interventions.js';
import { listLegalReviews } from './legalReview.js';
import { addViolation, previewDiscretion, removeViolation, updateViolation } from './violations.js';
import { currentDiscretionCatalogue, listDiscretionCatalogues, publishDiscretionCatalogue } from './catalog.js';
import { enforcementAlerts } from './alerts.js';
import { penaltyOversight } from '../oversight/penaltyOversight.js';
import { exportPublications, listPublications, publicDecisions, publishDecision, withdrawPublication } from './publication.js';
import { loadEnterpriseScoped } from './scope.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError } from '../../lib/errors.js';
import { readUpload } from '../../lib/upload.js';
import { MAX_EVIDENCE_BYTES } from '../inspection/evidenceStore.js';
import { addCaseAttachment } from './attachments.js';
import { exportCases } from './exports.js';

export const penaltyRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['penalties'];

    // ---- the discretion catalogue (R25/R26) ----
    r.get('/discretion-catalog', { schema: { tags, response: { 200: discretionCatalogue } } }, async (req) => {
      user(req);
      return currentDiscretionCatalogue(ctx);
    });
    r.get('/discretion-catalogs', { schema: { tags, response: { 200: discretionCatalogueVersions } } }, async (req) => {
      user(req);
      return { items: await listDiscretionCatalogues(ctx) };
    });
    r.post('/discretion-catalogs', { schema: { tags, body: discretionCatalogueBody, response: { 201: discretionCataloguePublished } } }, async (req, reply) => {
      const res = await publishDiscretionCatalogue(ctx, user(req), req.body);
      return reply.status(201).send(res);
    });
    r.post('/discretion/propose', { schema: { tags, body: violationFactsSchema, response: { 200: discretionProposal } } }, async (req) => {
      user(req);
      return previewDiscretion(ctx, req.body);
    });

    // ---- cases ----
    r.get('/penalty-cases/export', { schema: { tags, querystring: caseExportQuery, response: { 200: xlsx('行政处罚案件台账（Excel）') } } }, async (req, reply) => exportCases(ctx, user(req), req.query, reply));
    r.get(
      '/penalty-cases',
      {
        schema: {
          tags,
          querystring: caseListQuery,
          response: { 200: casePage },
        },
      },
      async (req) => listCases(ctx, user(req), req.query),
    );
    r.post(
      '/penalty-cases',
      {
        schema: {
          tags,
          body: caseCreateBody,
          response: { 201: caseDetail },
        },
      },
      async (req, reply) => reply.status(201).send(await createCase(ctx, user(req), req.body)),
    );
    r.get('/penalty-cases/:id', { schema: { tags, params: id, response: { 200: caseDetail } } }, async (req) => caseDetailOf(ctx, user(req), req.params.id));
    // R29: the whole 卷宗 in one PDF, and which documents it still lacks before 结案 (staff only: it is the agency's file)
    r.get('/penalty-cases/:id/file.pdf', { schema: { tags, params: id, produces: ['application/pdf'], response: { 200: caseFilePdf } } }, async (req, reply) => {
      const f = await penaltyCaseFile(ctx, user(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', `case-${req.params.id}-file.pdf`, f.fileName))
        .header('cache-control', 'private, no-store')
        .send(f.pdf);
    });
    r.get(
      '/penalty-cases/:id/completeness',
      { schema: { tags, params: id, response: { 200: caseCompleteness } } },
      async (req) => penaltyCaseCompleteness(ctx, user(req), req.params.id),
    );
    r.patch(
      '/penalty-cases/:id',
      {
        schema: {
          tags,
          params: id,
          body: casePatchBody,
          response: { 200: caseDetail },
        },
      },
      async (req) => patchCase(ctx, user(req), req.params.id, req.body),
    );
    r.post('/penalty-cases/:id/violations', { schema: { tags, params: id, body: violationBody, response: { 201: caseDetail } } }, async (req, reply) => reply.status(201).send(await addViolation(ctx, user(req), req.params.id, req.body)));
    r.patch(
      '/penalty-cases/:id/violations/:no',
      { schema: { tags, params: violationParams, body: violationBody.partial(), response: { 200: caseDetail } } },
      async (req) => updateViolation(ctx, user(req), req.params.id, req.params.no, req.body),
    );
    r.delete('/penalty-cases/:id/violations/:no', { schema: { tags, params: violationParams, response: { 200: caseDetail } } }, async (req) => removeViolation(ctx, user(req), req.params.id, req.params.no));
    r.post(
      '/penalty-cases/:id/actions',
      {
        schema: {
          tags,
          params: id,
          body: caseActionBody,
          response: { 200: caseDetail },
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
          params: statementParams,
          body: statementAnswerBody,
          response: { 200: caseDetail },
        },
      },
      async (req) => answerStatement(ctx, user(req), req.params.id, req.params.eventId, req.body),
    );
    // R27: files attached to the party's statement / hearing request / withdrawal of it (multipart: the file plus a clientId field)
    r.post('/penalty-cases/:id/attachments', { schema: { tags, params: id, consumes: ['multipart/form-data'], body: caseAttachmentUpload, response: { 201: evidenceItem } } }, async (req, reply) => {
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
          body: interventionBody,
          response: { 201: intervention },
        },
      },
      async (req, reply) => reply.status(201).send(await recordIntervention(ctx, user(req), req.params.id, req.body)),
    );
    // 提级管辖: a leader of a higher agency takes the case over (reason required)
    r.post('/penalty-cases/:id/escalation', { schema: { tags, params: id, body: escalationBody, response: { 200: caseDetail } } }, async (req) => escalateCase(ctx, user(req), req.params.id, req.body));
    r.post('/penalty-cases/:id/publish', { schema: { tags, params: id, body: noBody, response: { 200: publicationItem } } }, async (req) => publishDecision(ctx, user(req), req.params.id));
    // 《行政处罚法》第四十八条第二款: withdraw a published decision that was changed or annulled (3 working days)
    r.post(
      '/penalty-cases/:id/publication/withdraw',
      {
        schema: {
          tags,
          params: id,
          body: withdrawalBody,
          response: { 200: publicationItem },
        },
      },
      async (req) => withdrawPublication(ctx, user(req), req.params.id, req.body),
    );

    // ---- oversight, publication, alerts ----
    r.get('/legal-reviews', { schema: { tags, querystring: legalReviewQuery, response: { 200: legalReviewList } } }, async (req) => listLegalReviews(ctx, user(req), req.query));
    r.get('/penalty-oversight', { schema: { tags, response: { 200: penaltyOversightView } } }, async (req) => penaltyOversight(ctx, user(req)));
    r.get('/penalty-publications/export', { schema: { tags, querystring: publicationQuery, response: { 200: xlsx('处罚决定公示台账（Excel）') } } }, async (req, reply) => exportPublications(ctx, user(req), req.query, reply));
    r.get('/penalty-publications', { schema: { tags, querystring: publicationQuery, response: { 200: publicationList } } }, async (req) => listPublications(ctx, user(req), req.query));
    r.get('/enterprises/:id/penalty-alerts', { schema: { tags, params: id, response: { 200: alertsAnswer } } }, async (req) => {
      const p = user(req);
      const e = await loadEnterpriseScoped(ctx, p, req.params.id);
      return enforcementAlerts(ctx, e.id, shanghaiDate());
    });
    r.get(
      '/public/penalty-decisions',
      { config: { public: true }, schema: { tags, querystring: publicDecisionQuery, response: { 200: publicPenaltyDecisionPage } } },
      async (req) => publicDecisions(ctx, req.query),
    );
  };
