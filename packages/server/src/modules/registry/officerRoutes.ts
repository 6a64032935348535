// R4: officer register (执法检查人员名录库): credential number and validity, agency, specialties.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { industryLabels, type Industry } from '@anjian/domain';
import { ok } from '@anjian/domain/contract/common';
import { officerCreateSchema as createSchema, officerListQuery, officerPage as officerPageSchema, officerPatchSchema as patchSchema, officerQuery, officerRecusalBody, officerRecusalList, officerSchema } from '@anjian/domain/contract/registry';
import { xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { auditEntrySchema, entityHistory } from '../audit/history.js';
import { requirePermission } from '../auth/principal.js';
import { addRecusal, createOfficer, listOfficers, listRecusals, loadOfficerScoped, officerDto, officerPage, officerWhere, patchOfficer } from './officerService.js';

export const officerRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['officers'];
    const idParams = z.object({ id: z.coerce.number().int().positive() });
    r.get(
      '/officers',
      {
        schema: {
          tags,
          querystring: officerListQuery,
          response: { 200: officerPageSchema },
        },
      },
      async (req) => listOfficers(ctx, user(req), req.query),
    );
    // R4: the register as .xlsx with the list's filters
    r.get('/officers/export', { schema: { tags, querystring: officerQuery, response: { 200: xlsx('执法人员名录（Excel）') } } }, async (req, reply) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      const where = officerWhere(p, req.query); // refuses the enterprise role before any header goes out
      type Row = ReturnType<typeof officerDto>;
      const stateLabels = { valid: '有效', expiring: '即将到期', expired: '已过期或未生效' } as const;
      return sendXlsx<Row>(reply, {
        title: '执法人员名录',
        asciiName: 'officers',
        columns: [
          { header: '姓名', width: 10, value: (r) => r.name },
          { header: '执法证号', width: 20, value: (r) => r.credentialNo },
          { header: '有效期起', width: 12, value: (r) => r.credentialValidFrom },
          { header: '有效期止', width: 12, value: (r) => r.credentialValidTo },
          { header: '执法证状态', width: 14, value: (r) => stateLabels[r.credentialStatus] },
          { header: '所属机构', width: 24, value: (r) => r.agencyName },
          { header: '所属部门', width: 12, value: (r) => r.department },
          { header: '专业领域', width: 30, value: (r) => r.specialties.map((x) => industryLabels[x as Industry] ?? '其他').join('、') },
          { header: '联系电话', width: 14, value: (r) => r.phone },
          { header: '离职日期', width: 12, value: (r) => r.leftOn },
          { header: '执法证注销日期', width: 14, value: (r) => r.credentialRevokedOn },
          { header: '不得执法原因', width: 30, value: (r) => r.enforcementBlocked },
        ],
        page: (offset, limit) => officerPage(ctx, where, limit, offset),
      });
    });
    r.get('/officers/:id', { schema: { tags, params: idParams, response: { 200: officerSchema } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      return officerDto(await loadOfficerScoped(ctx, p, req.params.id));
    });
    r.get('/officers/:id/history', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(auditEntrySchema) }) } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      await loadOfficerScoped(ctx, p, req.params.id);
      return { items: await entityHistory(ctx, 'officer', req.params.id) };
    });
    r.post('/officers', { schema: { tags, body: createSchema, response: { 201: officerSchema } } }, async (req, reply) => reply.status(201).send(await createOfficer(ctx, user(req), req.body)));
    r.patch('/officers/:id', { schema: { tags, params: idParams, body: patchSchema, response: { 200: officerSchema } } }, async (req) => patchOfficer(ctx, user(req), req.params.id, req.body));
    // Recusal (回避): an officer is never drawn for these enterprises (R13).
    r.get('/officers/:id/recusals', { schema: { tags, params: idParams, response: { 200: officerRecusalList } } }, async (req) => listRecusals(ctx, user(req), req.params.id));
    r.post('/officers/:id/recusals', { schema: { tags, params: idParams, body: officerRecusalBody, response: { 201: ok } } }, async (req, reply) => reply.status(201).send(await addRecusal(ctx, user(req), req.params.id, req.body)));
  };
