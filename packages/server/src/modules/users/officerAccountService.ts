// People and accounts: the login an officer (执法人员) signs in with — made for the officer, linked or unlinked, each
// a command with its audit entry (runCommand). The link is officers.user_id (at most one login per officer and one
// officer per login, migration 0019). The routes are officerAccount.ts.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { runCommand } from '../../lib/command.js';
import { AppError } from '../../lib/errors.js';
import type { AuditInput } from '../audit/chain.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, inJurisdiction, requirePermission, type Principal } from '../auth/principal.js';
import { loadOfficerScoped, officerDto } from '../registry/officerService.js';
import { createUser } from './service.js';

/** The roles an officer's login may have (an enterprise account or the system administrator is nobody's officer record). */
export const staffRoles = ['officer', 'leader', 'legal_reviewer', 'oversight'] as const;

/** Links the login to the officer inside the transaction; refuses a second link on either side. Returns its audit entry. */
async function link(ctx: AppContext, tx: Db, officerId: number, userId: number, created: boolean): Promise<AuditInput> {
  // lock the officer row: two admins linking at once do not both pass the check
  const [o] = await ctx.database.rows<{ user_id: number | null; region_code: string; name: string }>(sql`select user_id, region_code, name from officers where id = ${officerId} for update`, tx);
  if (o!.user_id != null) throw new AppError('CONFLICT', `${o!.name}已关联登录账户，请先解除关联`);
  const [other] = await ctx.database.rows<{ name: string }>(sql`select name from officers where user_id = ${userId}`, tx);
  if (other) throw new AppError('CONFLICT', `该账户已关联执法人员${other.name}`);
  await ctx.database.rows(sql`update officers set user_id = ${userId}, version = version + 1, updated_at = now() where id = ${officerId}`, tx);
  const [u] = await ctx.database.rows<{ username: string }>(sql`select username from users where id = ${userId}`, tx);
  return { action: 'link_account', entityType: 'officer', entityId: officerId, regionCode: o!.region_code, before: { userId: null }, after: { userId, username: u!.username, created } };
}

/** Where the officer stands, checked before a login is made or linked. */
async function officerForLink(ctx: AppContext, p: Principal, id: number) {
  requirePermission(p, 'users.manage');
  const o = officerDto(await loadOfficerScoped(ctx, p, id));
  if (o.account) throw new AppError('CONFLICT', `${o.name}已关联登录账户“${o.account.username}”，请先解除关联`);
  if (o.leftOn) throw new AppError('VALIDATION', `${o.name}已登记离职，不能再开通登录账户`);
  return o;
}

/** A new login for the officer, linked in the account's own transaction (one command, two audit entries). */
export async function createOfficerAccount(ctx: AppContext, p: Principal, id: number, b: { username: string; password: string; displayName?: string; role: (typeof staffRoles)[number] }) {
  const o = await officerForLink(ctx, p, id);
  await createUser(ctx, p, { username: b.username, password: b.password, displayName: b.displayName ?? o.name, role: b.role, agencyId: o.agencyId }, async (tx, userId) =>
    appendAudit(ctx.database, tx, actorOf(p), [await link(ctx, tx, o.id, userId, true)]),
  );
  return officerDto(await loadOfficerScoped(ctx, p, o.id));
}

export async function linkOfficerAccount(ctx: AppContext, p: Principal, id: number, userId: number) {
  const o = await officerForLink(ctx, p, id);
  const [u] = await ctx.database.rows<{ id: number; role: string; agency_id: number | null; username: string; active: boolean; region_code: string }>(
    sql`select u.id, u.role, u.agency_id, u.username, u.active, a.region_code from users u join agencies a on a.id = u.agency_id where u.id = ${userId}`,
  );
  // an account outside the caller's jurisdiction is answered like one that does not exist
  if (!u || !inJurisdiction(p, u.region_code)) throw new AppError('VALIDATION', '账户不存在或不在您的管辖范围内');
  if (!(staffRoles as readonly string[]).includes(u.role)) throw new AppError('VALIDATION', '企业用户和系统管理员账户不能关联执法人员');
  if (Number(u.agency_id) !== o.agencyId) throw new AppError('VALIDATION', `账户“${u.username}”不属于${o.agencyName}，不能关联该机构的执法人员`);
  if (!u.active) throw new AppError('VALIDATION', `账户“${u.username}”已停用，请先启用`);
  await runCommand(ctx, p, { permission: 'users.manage' }, async (tx) => ({ result: null, audit: [await link(ctx, tx, o.id, Number(u.id), false)] }));
  return officerDto(await loadOfficerScoped(ctx, p, o.id));
}

export async function unlinkOfficerAccount(ctx: AppContext, p: Principal, id: number, reason: string) {
  requirePermission(p, 'users.manage');
  const o = officerDto(await loadOfficerScoped(ctx, p, id));
  if (!o.account) throw new AppError('CONFLICT', `${o.name}没有关联登录账户`);
  await runCommand(ctx, p, { permission: 'users.manage' }, async (tx) => {
    const [row] = await ctx.database.rows<{ user_id: number | null; region_code: string }>(sql`select user_id, region_code from officers where id = ${o.id} for update`, tx);
    if (row!.user_id == null) throw new AppError('CONFLICT', `${o.name}没有关联登录账户`);
    await ctx.database.rows(sql`update officers set user_id = null, version = version + 1, updated_at = now() where id = ${o.id}`, tx);
    return { result: null, audit: [{ action: 'unlink_account', entityType: 'officer', entityId: o.id, regionCode: row!.region_code, reason, before: { userId: Number(row!.user_id) }, after: { userId: null } }] };
  });
  return officerDto(await loadOfficerScoped(ctx, p, o.id));
}
