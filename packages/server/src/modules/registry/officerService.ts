// R4: the officer register (执法人员名录库) — shapes, loading in scope, the list's filter, the commands (permission,
// jurisdiction, transaction and audit through runCommand). The routes are officerRoutes.ts.
import type { Industry, Role } from '@anjian/domain';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { officerCreateSchema as createSchema, officerPatchSchema as patchSchema } from '@anjian/domain/contract/registry';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies, officerRecusals, officers } from '../../db/schema.js';
import { runCommand } from '../../lib/command.js';
import { AppError, notFound } from '../../lib/errors.js';
import { changedFields, shanghaiDate } from '../../lib/diff.js';
import { inJurisdiction, officerEnforcementBlock, regionCondition, requirePermission, type Principal } from '../auth/principal.js';

export const EXPIRING_DAYS = 60;

export { officerCreateSchema as createSchema, officerFields, officerPatchSchema as patchSchema, officerSchema } from '@anjian/domain/contract/registry';

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
    specialties: (r.specialties as Industry[]) ?? [],
    phone: r.phone as string,
    department: r.department as string,
    leftOn,
    credentialRevokedOn,
    credentialRevokedReason: (r.credential_revoked_reason as string | null) ?? null,
    enforcementBlocked: officerEnforcementBlock({ name: r.name as string, leftOn, credentialRevokedOn, credentialValidFrom: from, credentialValidTo: to }, shanghaiDate()),
    account:
      r.user_id == null
        ? null
        : { userId: Number(r.user_id), username: r.username as string, displayName: r.user_display_name as string, role: r.user_role as Role, active: Boolean(r.user_active) },
    version: Number(r.version),
  };
}

export const SELECT = sql`select o.id, o.name, o.credential_no, to_char(o.credential_valid_from, 'YYYY-MM-DD') as credential_valid_from,
  to_char(o.credential_valid_to, 'YYYY-MM-DD') as credential_valid_to, o.agency_id, o.specialties, o.phone, o.department, o.version, o.region_code,
  to_char(o.left_on, 'YYYY-MM-DD') as left_on, to_char(o.credential_revoked_on, 'YYYY-MM-DD') as credential_revoked_on, o.credential_revoked_reason,
  o.user_id, u.username, u.display_name as user_display_name, u.role as user_role, u.active as user_active,
  a.name as agency_name from officers o join agencies a on a.id = o.agency_id left join users u on u.id = o.user_id`;

export async function loadOfficerScoped(ctx: AppContext, p: Principal, id: number, executor?: Db) {
  const rows = await ctx.database.rows(sql`${SELECT} where o.id = ${id} and ${regionCondition(p, 'o.region_code')}`, executor);
  if (!rows[0]) throw notFound('执法人员');
  return rows[0];
}

export async function agencyInScope(ctx: AppContext, p: Principal, agencyId: number) {
  const [a] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!a || !inJurisdiction(p, a.regionCode)) throw new AppError('INVALID_AGENCY', '所属机构不存在或不在您的管辖范围内');
  return a;
}

/** The register's filter and jurisdiction, shared by the list and its .xlsx export. */
export function officerWhere(p: Principal, q: { q?: string; agencyId?: number; credentialStatus?: 'valid' | 'expiring' | 'expired' }): SQL {
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


export type OfficerQuery = Parameters<typeof officerWhere>[1];

/** R4: a page of the register (`where`: officerWhere), soonest-expiring credential first. */
export async function officerPage(ctx: AppContext, where: SQL, limit: number, offset: number) {
  return (await ctx.database.rows(sql`${SELECT} where ${where} order by o.credential_valid_to asc, o.id limit ${limit} offset ${offset}`)).map(officerDto);
}

export async function listOfficers(ctx: AppContext, p: Principal, q: OfficerQuery & { page: number; pageSize: number }) {
  requirePermission(p, 'registry.read');
  const where = officerWhere(p, q);
  const [items, count] = await Promise.all([
    officerPage(ctx, where, q.pageSize, (q.page - 1) * q.pageSize),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from officers o where ${where}`),
  ]);
  return { items, total: Number(count[0]?.n ?? 0), totalCapped: false, page: q.page, pageSize: q.pageSize };
}

type OfficerInput = z.output<typeof createSchema>;
type OfficerPatch = z.output<typeof patchSchema>;

export async function createOfficer(ctx: AppContext, p: Principal, input: OfficerInput) {
  requirePermission(p, 'registry.write');
  if (input.credentialValidTo < input.credentialValidFrom) throw new AppError('VALIDATION', '执法证有效期止不能早于有效期起');
  const agency = await agencyInScope(ctx, p, input.agencyId);
  return runCommand(ctx, p, { permission: 'registry.write' }, async (tx) => {
    const [dup] = await tx.select({ id: officers.id }).from(officers).where(eq(officers.credentialNo, input.credentialNo));
    if (dup) throw new AppError('CONFLICT', `执法证号 ${input.credentialNo} 已登记`);
    const [o] = await tx.insert(officers).values({ ...input, regionCode: agency.regionCode }).returning({ id: officers.id });
    const [row] = await ctx.database.rows(sql`${SELECT} where o.id = ${o!.id}`, tx);
    const d = officerDto(row!);
    const { credentialStatus: _s, agencyName: _a, enforcementBlocked: _b, account: _u, leftOn: _l, credentialRevokedOn: _r, credentialRevokedReason: _rr, ...after } = d;
    return { result: d, audit: [{ action: 'create', entityType: 'officer', entityId: d.id, regionCode: agency.regionCode, after }] };
  });
}

export async function patchOfficer(ctx: AppContext, p: Principal, id: number, body: OfficerPatch) {
  requirePermission(p, 'registry.write');
  const current = officerDto(await loadOfficerScoped(ctx, p, id));
  const { version, ...fields } = body;
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
  return runCommand(ctx, p, { permission: 'registry.write' }, async (tx) => {
    if (fields.credentialNo && fields.credentialNo !== current.credentialNo) {
      const [dup] = await tx.select({ id: officers.id }).from(officers).where(eq(officers.credentialNo, fields.credentialNo));
      if (dup) throw new AppError('CONFLICT', `执法证号 ${fields.credentialNo} 已登记`);
    }
    const updated = await tx
      .update(officers)
      .set({ ...fields, ...(agency ? { regionCode: agency.regionCode } : {}), version: version + 1, updatedAt: new Date() })
      .where(sql`${officers.id} = ${id} and ${officers.version} = ${version}`)
      .returning({ id: officers.id });
    if (updated.length === 0) throw new AppError('CONFLICT', '数据已被他人修改，请刷新后重试');
    const [row] = await ctx.database.rows(sql`${SELECT} where o.id = ${id}`, tx);
    return { result: officerDto(row!), audit: [{ action: 'update', entityType: 'officer', entityId: id, regionCode: String(row!.region_code), before: diff.before, after: diff.after }] };
  });
}

/** Recusal (回避): the officer is never drawn for these enterprises (R13). */
export async function listRecusals(ctx: AppContext, p: Principal, id: number) {
  requirePermission(p, 'registry.read');
  await loadOfficerScoped(ctx, p, id);
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select r.enterprise_id, r.reason, r.created_at, e.name from officer_recusals r join enterprises e on e.id = r.enterprise_id where r.officer_id = ${id} order by r.created_at`,
  );
  return { items: rows.map((x) => ({ enterpriseId: Number(x.enterprise_id), enterpriseName: x.name as string, reason: x.reason as string, createdAt: new Date(x.created_at as string).toISOString() })) };
}

export async function addRecusal(ctx: AppContext, p: Principal, id: number, body: { enterpriseId: number; reason: string }) {
  requirePermission(p, 'registry.write');
  const o = await loadOfficerScoped(ctx, p, id);
  const [e] = await ctx.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from enterprises where id = ${body.enterpriseId}`);
  if (!e) throw notFound('企业');
  return runCommand(ctx, p, { permission: 'registry.write' }, async (tx) => {
    const inserted = await tx.insert(officerRecusals).values({ officerId: id, enterpriseId: body.enterpriseId, reason: body.reason }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw new AppError('CONFLICT', '已登记该回避事项');
    return { result: { ok: true as const }, audit: [{ action: 'recusal', entityType: 'officer', entityId: id, regionCode: String(o.region_code), reason: body.reason, after: { enterpriseId: body.enterpriseId } }] };
  });
}
