// People and accounts: an officer's record (执法人员) and the login the officer signs in with. The link is
// officers.user_id (at most one login per officer and one officer per login, migration 0019); through it a login
// handles its own cases and sees its own day, and an officer who left or whose credential was revoked takes no
// enforcement act any more (principal.ts, enforcementBlocked).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { officerAccountLinkBody, officerAccountUnlinkBody } from '@anjian/domain/contract/auth';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { user } from '../../lib/http.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, inJurisdiction, requirePermission, type Principal } from '../auth/principal.js';
import { loadOfficerScoped, officerDto, officerSchema } from '../registry/officerService.js';
import { createUser, newUserFields } from './service.js';

/** The roles an officer's login may have (an enterprise account or the system administrator is nobody's officer record). */
const staffRoles = ['officer', 'leader', 'legal_reviewer', 'oversight'] as const;

/** Links the login to the officer inside the transaction; refuses a second link on either side. */
async function link(ctx: AppContext, tx: Db, p: Principal, officerId: number, userId: number, created: boolean) {
  // lock the officer row: two admins linking at once do not both pass the check
  const [o] = await ctx.database.rows<{ user_id: number | null; region_code: string; name: string }>(sql`select user_id, region_code, name from officers where id = ${officerId} for update`, tx);
  if (o!.user_id != null) throw new AppError('CONFLICT', `${o!.name}已关联登录账户，请先解除关联`);
  const [other] = await ctx.database.rows<{ name: string }>(sql`select name from officers where user_id = ${userId}`, tx);
  if (other) throw new AppError('CONFLICT', `该账户已关联执法人员${other.name}`);
  await ctx.database.rows(sql`update officers set user_id = ${userId}, version = version + 1, updated_at = now() where id = ${officerId}`, tx);
  const [u] = await ctx.database.rows<{ username: string }>(sql`select username from users where id = ${userId}`, tx);
  await appendAudit(ctx.database, tx, actorOf(p), [
    { action: 'link_account', entityType: 'officer', entityId: officerId, regionCode: o!.region_code, before: { userId: null }, after: { userId, username: u!.username, created } },
  ]);
}

export const officerAccountRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['officers'];
    const params = z.object({ id: z.coerce.number().int().positive() });

    /** Where the officer stands, checked before a login is made or linked. */
    async function officerForLink(p: Principal, id: number) {
      requirePermission(p, 'users.manage');
      const o = officerDto(await loadOfficerScoped(ctx, p, id));
      if (o.account) throw new AppError('CONFLICT', `${o.name}已关联登录账户“${o.account.username}”，请先解除关联`);
      if (o.leftOn) throw new AppError('VALIDATION', `${o.name}已登记离职，不能再开通登录账户`);
      return o;
    }

    r.post(
      '/officers/:id/account',
      {
        schema: {
          tags,
          params,
          body: z.object({ ...newUserFields, displayName: newUserFields.displayName.optional(), role: z.enum(staffRoles).default('officer') }).strict(),
          response: { 201: officerSchema },
        },
      },
      async (req, reply) => {
        const p = user(req);
        const o = await officerForLink(p, req.params.id);
        const b = req.body;
        await createUser(ctx, p, { username: b.username, password: b.password, displayName: b.displayName ?? o.name, role: b.role, agencyId: o.agencyId }, (tx, userId) =>
          link(ctx, tx, p, o.id, userId, true),
        );
        return reply.status(201).send(officerDto(await loadOfficerScoped(ctx, p, o.id)));
      },
    );

    r.put('/officers/:id/account', { schema: { tags, params, body: officerAccountLinkBody, response: { 200: officerSchema } } }, async (req) => {
      const p = user(req);
      const o = await officerForLink(p, req.params.id);
      const [u] = await ctx.database.rows<{ id: number; role: string; agency_id: number | null; username: string; active: boolean; region_code: string }>(
        sql`select u.id, u.role, u.agency_id, u.username, u.active, a.region_code from users u join agencies a on a.id = u.agency_id where u.id = ${req.body.userId}`,
      );
      // an account outside the caller's jurisdiction is answered like one that does not exist
      if (!u || !inJurisdiction(p, u.region_code)) throw new AppError('VALIDATION', '账户不存在或不在您的管辖范围内');
      if (!(staffRoles as readonly string[]).includes(u.role)) throw new AppError('VALIDATION', '企业用户和系统管理员账户不能关联执法人员');
      if (Number(u.agency_id) !== o.agencyId) throw new AppError('VALIDATION', `账户“${u.username}”不属于${o.agencyName}，不能关联该机构的执法人员`);
      if (!u.active) throw new AppError('VALIDATION', `账户“${u.username}”已停用，请先启用`);
      await ctx.database.db.transaction((tx) => link(ctx, tx, p, o.id, Number(u.id), false));
      return officerDto(await loadOfficerScoped(ctx, p, o.id));
    });

    r.delete('/officers/:id/account', { schema: { tags, params, body: officerAccountUnlinkBody, response: { 200: officerSchema } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'users.manage');
      const o = officerDto(await loadOfficerScoped(ctx, p, req.params.id));
      if (!o.account) throw new AppError('CONFLICT', `${o.name}没有关联登录账户`);
      await ctx.database.db.transaction(async (tx) => {
        const [row] = await ctx.database.rows<{ user_id: number | null; region_code: string }>(sql`select user_id, region_code from officers where id = ${o.id} for update`, tx);
        if (row!.user_id == null) throw new AppError('CONFLICT', `${o.name}没有关联登录账户`);
        await ctx.database.rows(sql`update officers set user_id = null, version = version + 1, updated_at = now() where id = ${o.id}`, tx);
        await appendAudit(ctx.database, tx, actorOf(p), [
          { action: 'unlink_account', entityType: 'officer', entityId: o.id, regionCode: row!.region_code, reason: req.body.reason, before: { userId: Number(row!.user_id) }, after: { userId: null } },
        ]);
      });
      return officerDto(await loadOfficerScoped(ctx, p, o.id));
    });
  };
