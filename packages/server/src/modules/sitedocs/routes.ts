// HTTP routes of the evidence and on-site measure documents and the hazard escalation letters: parse, then delegate.
import { z } from 'zod';
import { escalationLevels } from '@anjian/domain';
import { escalationLetterBody, extensionBody, interviewBody, issuedDocument, onSiteMeasureBody, preservationBody, seizureBody, siteExaminationBody } from '@anjian/domain/contract/inspection';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { decideOnSiteMeasure, decideSeizure, extendSeizure, issueEscalationLetter, preserveEvidence, recordCaseInterview, recordInspectionInterview, recordSiteExamination } from './service.js';

const INT4 = 2147483647;
const id = z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确') });

export const siteDocumentRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['documents'];

  r.post('/inspections/:id/interviews', { schema: { tags, params: id, body: interviewBody, response: { 201: issuedDocument } } }, async (req, reply) => reply.code(201).send(await recordInspectionInterview(ctx, user(req), req.params.id, req.body)));
  r.post('/penalty-cases/:id/interviews', { schema: { tags, params: id, body: interviewBody, response: { 201: issuedDocument } } }, async (req, reply) => reply.code(201).send(await recordCaseInterview(ctx, user(req), req.params.id, req.body)));

  r.post(
    '/penalty-cases/:id/site-examinations',
    { schema: { tags, params: id, body: siteExaminationBody, response: { 201: issuedDocument } } },
    async (req, reply) => reply.code(201).send(await recordSiteExamination(ctx, user(req), req.params.id, req.body)),
  );

  r.post(
    '/hazards/:id/on-site-measures',
    { schema: { tags, params: id, body: onSiteMeasureBody, response: { 201: issuedDocument } } },
    async (req, reply) => reply.code(201).send(await decideOnSiteMeasure(ctx, user(req), req.params.id, req.body)),
  );

  r.post(
    '/penalty-cases/:id/seizures',
    { schema: { tags, params: id, body: seizureBody, response: { 201: issuedDocument } } },
    async (req, reply) => reply.code(201).send(await decideSeizure(ctx, user(req), req.params.id, req.body)),
  );
  r.post(
    '/penalty-cases/:id/seizures/:documentId/extension',
    { schema: { tags, params: z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确'), documentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '文书编号不正确') }), body: extensionBody, response: { 201: issuedDocument } } },
    async (req, reply) => reply.code(201).send(await extendSeizure(ctx, user(req), req.params.id, req.params.documentId, req.body)),
  );
  r.post('/penalty-cases/:id/evidence-preservations', { schema: { tags, params: id, body: preservationBody, response: { 201: issuedDocument } } }, async (req, reply) =>
    reply.code(201).send(await preserveEvidence(ctx, user(req), req.params.id, req.body)),
  );

  r.post(
    '/hazards/:id/escalations/:level/document',
    { schema: { tags, params: z.object({ id: z.coerce.number().int().positive().max(INT4, '编号不正确'), level: z.enum(escalationLevels, { error: '督办步骤应为函告、通报、约谈或挂牌督办' }) }), body: escalationLetterBody, response: { 201: issuedDocument } } },
    async (req, reply) => reply.code(201).send(await issueEscalationLetter(ctx, user(req), req.params.id, req.params.level, req.body)),
  );
});
