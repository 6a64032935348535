// R4: officer register (执法检查人员名录库): credential number and validity, agency, specialties.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { industries, industryLabels, type Industry } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies, officerRecusals, officers } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { changedFields, shanghaiDate } from '../../lib/diff.js';
import { isoDate, user } from '../../lib/http.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { appendAudit } from '../audit/chain.js';
import { auditEntrySchema, entityHistory } from '../audit/history.js';
import { actorOf, inJurisdiction, officerEnforcementBlock, regionCondition, requirePermission, type Principal } from '../auth/principal.js';

export const EXPIRING_DAYS = 60;

const officerFields = {
  name: z.string().trim().min(2, '至少2个字').max(50),
  credentialNo: z.string().trim().regex(/^[0-9A-Za-z-]{6,32}$/, '执法证号应为6至32位字母或数字'),
  credentialValidFrom: isoDate,
  credentialValidTo: isoDate,
  agencyId: z.number().int().positive(),
  specialties: z.array(z.enum(industries)).max(9).default([]),
  phone: z.string().trim().regex(/^$|^[0-9+\-() ]{5,20}$/, '格式不正确').default(''),
  // R14: officers of other departments are registered for joint draws (进一次门、查多项事).
  department: z.string().trim().min(2).max(30).default('应急管理'),
};
const createSchema = z.object(officerFields);
const patchSchema = z
  .object({
    version: z.number().int().positive(),
    name: officerFields.name.optional(),
    credentialNo: officerFields.credentialNo.optional(),
    credentialValidFrom: isoDate.optional(),
    credentialValidTo: isoDate.optional(),
    agencyId: officerFields.agencyId.optional(),
    specialties: z.array(z.enum(industries)).max(9).optional(),
    phone: z.string().trim().regex(/^$|^[0-9+\-() ]{5,20}$/, '格式不正确').optional(),
    department: z.string().trim().min(2).max(30).optional(),
    /** 离职、调离: from that day the linked login takes no enforcement act (null: back in service) */
    leftOn: isoDate.nullable().optional(),
    /** 执法证注销: from that day the credential no longer counts, whatever its validity */
    credentialRevokedOn: isoDate.nullable().optional(),
    credentialRevokedReason: z.string().trim().max(200).nullable().optional(),
  })
  .strict();

export const officerSchema = z.object({
  id: z.number(),
  name: z.string(),
  credentialNo: z.string(),
  credentialValidFrom: z.string(),
  credentialValidTo: z.string(),
  credentialStatus: z.enum(['valid', 'expiring', 'expired']),
  agencyId: z.number(),
  agencyName: z.string(),
  specialties: z.array(z.string()),
  phone: z.string(),
  department: z.string(),
  leftOn: z.string().nullable(),
  credentialRevokedOn: z.string().nullable(),
  credentialRevokedReason: z.string().nullable(),
  /** why this officer may not act now (left, credential revoked, expired or not yet valid), or null */
  enforcementBlocked: z.string().nullable(),
  /** the login linked to this officer record */
  account: z.object({ userId: z.number(), username: z.string(), displayName: z.string(), role: z.string(), active: z.boolean() }).nullable(),
  version: z.number(),
});

/** R4: only a credential valid today may be assigned; "expiring" warns two months ahead. */
export function credentialStatus(validFrom: string, validTo: string, today = shanghaiDate()): 'valid' | 'expiring' | 'expired' {
  if (validTo < today || validFrom > today) return 'expired';
  const soon = new Date(Date.parse(today) + EXPIRING_DAYS * 86400_000).toISOString().slice(0, 10);
  return validTo <= soon ? 'expiring' : 'valid';
}

export function officerDto(r: Record<string, unknown>) {
  const from = String(r.credential_valid_from).slice(0, 10);
  const to = String(r.credential_valid_to).slice(0, 10);
  const leftOn = (r.left_on as string | null) ?? null;
  const credentialRevokedOn = (r.credential_revoked_on as string | null) ?? null;
  return {
    id: Number(r.id),
    name: r.name as string,
    credentialNo: r.credential_no as string,
    credentialValidFrom: from,
    credentialValidTo: to,
    credentialStatus: credentialStatus(from, to),
    agencyId: Number(r.agency_id),
    agencyName: r.agency_name as string,
    specialties: (r.specialties as string[]) ?? [],
    phone: r.phone as string,
    department: r.department as string,
    leftOn,
    credentialRevokedOn,
    credentialRevokedReason: (r.credential_revoked_reason as string | null) ?? null,
    enforcementBlocked: officerEnforcementBlock({ name: r.name as string, leftOn, credentialRevokedOn, credentialValidFrom: from, credentialValidTo: to }, shanghaiDate()),
    account:
      r.user_id == null
        ? null
        : { userId: Number(r.user_id), username: r.username as string, displayName: r.user_display_name as string, role: r.user_role as string, active: Boolean(r.user_active) },
    version: Number(r.version),
  };
}

const SELECT = sql`select o.id, o.name, o.credential_no, to_char(o.credential_valid_from, 'YYYY-MM-DD') as credential_valid_from,
  to_char(o.credential_valid_to, 'YYYY-MM-DD') as credential_valid_to, o.agency_id, o.specialties, o.phone, o.department, o.version, o.region_code,
  to_char(o.left_on, 'YYYY-MM-DD') as left_on, to_char(o.credential_revoked_on, 'YYYY-MM-DD') as credential_revoked_on, o.credential_revoked_reason,
  o.user_id, u.username, u.display_name as user_display_name, u.role as user_role, u.active as user_active,
  a.name as agency_name from officers o join agencies a on a.id = o.agency_id left join users u on u.id = o.user_id`;

export async function loadOfficerScoped(ctx: AppContext, p: Principal, id: number, executor?: Db) {
  const rows = await ctx.database.rows(sql`${SELECT} where o.id = ${id} and ${regionCondition(p, 'o.region_code')}`, executor);
  if (!rows[0]) throw notFound('执法人员');
  return rows[0];
}

async function agencyInScope(ctx: AppContext, p: Principal, agencyId: number) {
  const [a] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!a || !inJurisdiction(p, a.regionCode)) throw new AppError('INVALID_AGENCY', '所属机构不存在或不在您的管辖范围内');
  return a;
}

/** The register's filter and jurisdiction, shared by the list and its .xlsx export. */
function officerWhere(p: Principal, q: { q?: string; agencyId?: number; credentialStatus?: 'valid' | 'expiring' | 'expired' }): SQL {
  const today = shanghaiDate();
  const soon = new Date(Date.parse(today) + EXPIRING_DAYS * 86400_000).toISOString().slice(0, 10);
  const conds = [regionCondition(p, 'o.region_code')];
  if (q.q) conds.push(sql`(o.name like ${'%' + q.q + '%'} or o.credential_no like ${q.q + '%'})`);
  if (q.agencyId) conds.push(sql`o.agency_id = ${q.agencyId}`);
  if (q.credentialStatus === 'expired') conds.push(sql`(o.credential_valid_to < ${today}::date or o.credential_valid_from > ${today}::date)`);
  if (q.credentialStatus === 'expiring') conds.push(sql`o.credential_valid_to between ${today}::date and ${soon}::date and o.credential_valid_from <= ${today}::date`);
  if (q.credentialStatus === 'valid') conds.push(sql`o.credential_valid_to > ${soon}::date and o.credential_valid_from <= ${today}::date`);
  return sql.join(conds, sql` and `);
}

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
