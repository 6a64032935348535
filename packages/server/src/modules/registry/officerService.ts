// R4: the officer register (执法人员名录库) — shapes, loading in scope, the list's filter. The routes are officerRoutes.ts.
import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { industries } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { isoDate } from '../../lib/http.js';
import { inJurisdiction, officerEnforcementBlock, regionCondition, type Principal } from '../auth/principal.js';

export const EXPIRING_DAYS = 60;

export const officerFields = {
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
export const createSchema = z.object(officerFields);
export const patchSchema = z
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

