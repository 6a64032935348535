// Login accounts: shapes, loading, the commands (through runCommand: permission, transaction, audit entry). The routes
// are routes.ts.
import { eq, sql } from 'drizzle-orm';
import { roles } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies, enterprises, sessions, users } from '../../db/schema.js';
import { runCommand } from '../../lib/command.js';
import { changedFields } from '../../lib/diff.js';
import { AppError, notFound } from '../../lib/errors.js';
import { inJurisdiction, regionCondition, requirePermission, type Principal } from '../auth/principal.js';
import { hashPassword, passwordProblem } from '../auth/password.js';

export const SELECT = sql`select u.id, u.username, u.display_name, u.role, u.agency_id, u.enterprise_id, u.active, u.created_at, u.version,
  a.name as agency_name, coalesce(a.region_code, e.region_code, '') as scope_region, o.id as officer_id, o.name as officer_name
  from users u left join agencies a on a.id = u.agency_id left join enterprises e on e.id = u.enterprise_id left join officers o on o.user_id = u.id`;

export const toDto = (r: Record<string, unknown>) => ({
  id: Number(r.id),
  username: r.username as string,
  displayName: r.display_name as string,
  role: r.role as (typeof roles)[number],
  agencyId: r.agency_id == null ? null : Number(r.agency_id),
  agencyName: (r.agency_name as string | null) ?? null,
  enterpriseId: r.enterprise_id == null ? null : Number(r.enterprise_id),
  active: Boolean(r.active),
  officerId: r.officer_id == null ? null : Number(r.officer_id),
  officerName: (r.officer_name as string | null) ?? null,
  createdAt: new Date(r.created_at as string).toISOString(),
});

/**
 * One account created: password rule, binding in the caller's jurisdiction, unique name, audit — the same for the user
 * page and for a login made from an officer's record (`link` runs in the same transaction, before the audit entry).
 */
export async function createUser(
  ctx: AppContext,
  p: Principal,
  b: { username: string; password: string; displayName: string; role: (typeof roles)[number]; agencyId?: number | null; enterpriseId?: number | null },
  link?: (tx: Db, userId: number) => Promise<void>,
) {
  requirePermission(p, 'users.manage');
  const pw = passwordProblem(b.password);
  if (pw) throw new AppError('VALIDATION', pw);
  const binding = await checkBinding(ctx, p, b.role, b.agencyId, b.enterpriseId);
  const passwordHash = await hashPassword(b.password);
  const row = await runCommand(ctx, p, { permission: 'users.manage' }, async (tx) => {
    const [dup] = await tx.select({ id: users.id }).from(users).where(eq(users.username, b.username));
    if (dup) throw new AppError('CONFLICT', `用户名 ${b.username} 已被使用`);
    const [u] = await tx
      .insert(users)
      .values({ username: b.username, displayName: b.displayName, role: b.role, agencyId: binding.agencyId, enterpriseId: binding.enterpriseId, passwordHash })
      .returning({ id: users.id });
    if (link) await link(tx, u!.id);
    const [row] = await ctx.database.rows(sql`${SELECT} where u.id = ${u!.id}`, tx);
    const { createdAt: _c, ...after } = toDto(row!);
    return { result: row!, audit: [{ action: 'create', entityType: 'user', entityId: u!.id, regionCode: binding.regionCode, after }] };
  });
  return toDto(row);
}

/** Where an account belongs: its agency, or for an enterprise user, its enterprise; both must be in the caller's jurisdiction. */
export async function checkBinding(ctx: AppContext, p: Principal, role: string, agencyId: number | null | undefined, enterpriseId: number | null | undefined) {
  if (role === 'enterprise') {
    if (!enterpriseId) throw new AppError('VALIDATION', '企业用户须指定所属企业');
    const [e] = await ctx.database.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
    if (!e || !inJurisdiction(p, e.regionCode)) throw new AppError('VALIDATION', '所属企业不存在或不在您的管辖范围内');
    return { agencyId: null, enterpriseId, regionCode: e.regionCode };
  }
  if (!agencyId) throw new AppError('VALIDATION', '请指定所属机构');
  const [a] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!a || !inJurisdiction(p, a.regionCode)) throw new AppError('INVALID_AGENCY', '所属机构不存在或不在您的管辖范围内');
  return { agencyId, enterpriseId: null, regionCode: a.regionCode };
}


/** The accounts in the caller's jurisdiction; `agencyId` + `unlinked`: an agency's logins not yet linked to an officer. */
export async function listUsers(ctx: AppContext, p: Principal, q: { agencyId?: number; unlinked?: 'true' | 'false' }) {
  requirePermission(p, 'users.manage');
  const conds = [regionCondition(p, 'x.scope_region')];
  if (q.agencyId) conds.push(sql`x.agency_id = ${q.agencyId}`);
  if (q.unlinked === 'true') conds.push(sql`x.officer_id is null and x.role not in ('enterprise', 'admin')`);
  const rows = await ctx.database.rows(sql`select * from (${SELECT}) x where ${sql.join(conds, sql` and `)} order by x.id limit 1000`);
  return { items: rows.map(toDto) };
}

export interface UserPatch {
  displayName?: string;
  role?: (typeof roles)[number];
  active?: boolean;
  password?: string;
  agencyId?: number;
}

export async function updateUser(ctx: AppContext, p: Principal, id: number, b: UserPatch) {
  requirePermission(p, 'users.manage');
  const [row] = await ctx.database.rows(sql`select * from (${SELECT}) x where x.id = ${id} and ${regionCondition(p, 'x.scope_region')}`);
  if (!row) throw notFound('用户');
  const current = toDto(row);
  if (current.id === p.userId && (b.active === false || (b.role && b.role !== current.role))) {
    throw new AppError('VALIDATION', '不能停用自己的账户或修改自己的角色');
  }
  if (b.password) {
    const pw = passwordProblem(b.password);
    if (pw) throw new AppError('VALIDATION', pw);
  }
  const role = b.role ?? current.role;
  const binding = b.role || b.agencyId ? await checkBinding(ctx, p, role, b.agencyId ?? current.agencyId, current.enterpriseId) : null;
  const { password, ...fields } = b;
  const diff = changedFields(current as Record<string, unknown>, { ...fields, ...(binding ? { agencyId: binding.agencyId } : {}) });
  const passwordHash = password ? await hashPassword(password) : undefined;
  return runCommand(ctx, p, { permission: 'users.manage' }, async (tx) => {
    await tx
      .update(users)
      .set({ ...fields, ...(binding ? { agencyId: binding.agencyId } : {}), ...(passwordHash ? { passwordHash } : {}), updatedAt: new Date(), version: Number(row.version) + 1 })
      .where(eq(users.id, current.id));
    // A disabled account or a new password ends every open session of that account.
    if (b.active === false || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, current.id));
    const [updated] = await ctx.database.rows(sql`${SELECT} where u.id = ${current.id}`, tx);
    return {
      result: toDto(updated!),
      audit: [
        {
          action: 'update',
          entityType: 'user',
          entityId: current.id,
          regionCode: row.scope_region as string,
          before: { ...(diff?.before ?? {}), ...(passwordHash ? { password: '******' } : {}) },
          after: { ...(diff?.after ?? {}), ...(passwordHash ? { password: '（已重置）' } : {}) },
        },
      ],
    };
  });
}
