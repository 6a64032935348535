// R4: officer register (执法检查人员名录库): credential number and validity, agency, specialties.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { industryLabels, type Industry } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { officerRecusals, officers } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { changedFields } from '../../lib/diff.js';
import { user } from '../../lib/http.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { appendAudit } from '../audit/chain.js';
import { auditEntrySchema, entityHistory } from '../audit/history.js';
import { actorOf, requirePermission } from '../auth/principal.js';

import { agencyInScope, createSchema, loadOfficerScoped, officerDto, officerSchema, officerWhere, patchSchema, SELECT } from './officerService.js';

export const officerRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['officers'];
    const idParams = z.object({ id: z.coerce.number().int().positive() });
    const officerQuery = z.object({
      q: z.string().trim().max(50).optional(),
      agencyId: z.coerce.number().int().positive().optional(),
      credentialStatus: z.enum(['valid', 'expiring', 'expired']).optional(),
    });
    r.get(
      '/officers',
      {
        schema: {
          tags,
          querystring: officerQuery.extend({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: {
            200: z.object({ items: z.array(officerSchema), total: z.number(), totalCapped: z.boolean(), page: z.number(), pageSize: z.number() }),
          },
        },
      },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'registry.read');
        const q = req.query;
        const where = officerWhere(p, q);
        const [rows, count] = await Promise.all([
          ctx.database.rows(sql`${SELECT} where ${where} order by o.credential_valid_to asc, o.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
          ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from officers o where ${where}`),
        ]);
        return { items: rows.map(officerDto), total: Number(count[0]?.n ?? 0), totalCapped: false, page: q.page, pageSize: q.pageSize };
      },
    );
    // R4: the register as .xlsx with the list's filters
    r.get('/officers/export', { schema: { tags, querystring: officerQuery } }, async (req, reply) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      const where = officerWhere(p, req.query);
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
        page: async (offset, limit) => (await ctx.database.rows(sql`${SELECT} where ${where} order by o.credential_valid_to asc, o.id limit ${limit} offset ${offset}`)).map(officerDto),
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
    r.post('/officers', { schema: { tags, body: createSchema, response: { 201: officerSchema } } }, async (req, reply) => {
      const p = user(req);
      requirePermission(p, 'registry.write');
      const input = req.body;
      if (input.credentialValidTo < input.credentialValidFrom) throw new AppError('VALIDATION', '执法证有效期止不能早于有效期起');
      const agency = await agencyInScope(ctx, p, input.agencyId);
      const dto = await ctx.database.db.transaction(async (tx) => {
        const [dup] = await tx.select({ id: officers.id }).from(officers).where(eq(officers.credentialNo, input.credentialNo));
        if (dup) throw new AppError('CONFLICT', `执法证号 ${input.credentialNo} 已登记`);
        const [o] = await tx.insert(officers).values({ ...input, regionCode: agency.regionCode }).returning({ id: officers.id });
        const [row] = await ctx.database.rows(sql`${SELECT} where o.id = ${o!.id}`, tx);
        const d = officerDto(row!);
        const { credentialStatus: _s, agencyName: _a, enforcementBlocked: _b, account: _u, leftOn: _l, credentialRevokedOn: _r, credentialRevokedReason: _rr, ...after } = d;
        await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'officer', entityId: d.id, regionCode: agency.regionCode, after }]);
        return d;
      });
      return reply.status(201).send(dto);
    });
    r.patch('/officers/:id', { schema: { tags, params: idParams, body: patchSchema, response: { 200: officerSchema } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.write');
      const current = officerDto(await loadOfficerScoped(ctx, p, req.params.id));
      const { version, ...fields } = req.body;
      if (version !== current.version) throw new AppError('CONFLICT', '数据已被他人修改，请刷新后重试');
      const from = fields.credentialValidFrom ?? current.credentialValidFrom;
      const to = fields.credentialValidTo ?? current.credentialValidTo;
      if (to < from) throw new AppError('VALIDATION', '执法证有效期止不能早于有效期起');
      const agency = fields.agencyId ? await agencyInScope(ctx, p, fields.agencyId) : null;
      if (fields.credentialRevokedOn && !(fields.credentialRevokedReason ?? current.credentialRevokedReason)) throw new AppError('VALIDATION', '注销执法证须写明原因');
      if (fields.credentialRevokedOn === null) fields.credentialRevokedReason = null;
      const { credentialStatus: _s, agencyName: _a, enforcementBlocked: _b, account: _u, ...stored } = current;
      const diff = changedFields(stored as Record<string, unknown>, fields);
      if (!diff) return current;
      return ctx.database.db.transaction(async (tx) => {
        if (fields.credentialNo && fields.credentialNo !== current.credentialNo) {
          const [dup] = await tx.select({ id: officers.id }).from(officers).where(eq(officers.credentialNo, fields.credentialNo));
          if (dup) throw new AppError('CONFLICT', `执法证号 ${fields.credentialNo} 已登记`);
        }
        const updated = await tx
          .update(officers)
          .set({ ...fields, ...(agency ? { regionCode: agency.regionCode } : {}), version: version + 1, updatedAt: new Date() })
          .where(sql`${officers.id} = ${req.params.id} and ${officers.version} = ${version}`)
          .returning({ id: officers.id });
        if (updated.length === 0) throw new AppError('CONFLICT', '数据已被他人修改，请刷新后重试');
        const [row] = await ctx.database.rows(sql`${SELECT} where o.id = ${req.params.id}`, tx);
        await appendAudit(ctx.database, tx, actorOf(p), [
          { action: 'update', entityType: 'officer', entityId: req.params.id, regionCode: String(row!.region_code), before: diff.before, after: diff.after },
        ]);
        return officerDto(row!);
      });
    });
    // Recusal (回避): an officer is never drawn for these enterprises (R13).
    r.get('/officers/:id/recusals', { schema: { tags, params: idParams } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      await loadOfficerScoped(ctx, p, req.params.id);
      const rows = await ctx.database.rows<Record<string, unknown>>(
        sql`select r.enterprise_id, r.reason, r.created_at, e.name from officer_recusals r join enterprises e on e.id = r.enterprise_id where r.officer_id = ${req.params.id} order by r.created_at`,
      );
      return { items: rows.map((x) => ({ enterpriseId: Number(x.enterprise_id), enterpriseName: x.name as string, reason: x.reason as string, createdAt: new Date(x.created_at as string).toISOString() })) };
    });
    r.post(
      '/officers/:id/recusals',
      { schema: { tags, params: idParams, body: z.object({ enterpriseId: z.number().int().positive(), reason: z.string().trim().min(2, '请填写回避理由').max(500) }) } },
      async (req, reply) => {
        const p = user(req);
        requirePermission(p, 'registry.write');
        const o = await loadOfficerScoped(ctx, p, req.params.id);
        const [e] = await ctx.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from enterprises where id = ${req.body.enterpriseId}`);
        if (!e) throw notFound('企业');
        await ctx.database.db.transaction(async (tx) => {
          const inserted = await tx.insert(officerRecusals).values({ officerId: req.params.id, enterpriseId: req.body.enterpriseId, reason: req.body.reason }).onConflictDoNothing().returning();
          if (inserted.length === 0) throw new AppError('CONFLICT', '已登记该回避事项');
          await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'recusal', entityType: 'officer', entityId: req.params.id, regionCode: String(o.region_code), reason: req.body.reason, after: { enterpriseId: req.body.enterpriseId } }]);
        });
        return reply.status(201).send({ ok: true });
      },
    );
  };
