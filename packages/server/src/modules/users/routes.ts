// Accounts: the administrator creates them with a role and an agency (or an enterprise for enterprise users).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { roles } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { sessions, users } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { changedFields } from '../../lib/diff.js';
import { user } from '../../lib/http.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, regionCondition, requirePermission } from '../auth/principal.js';
import { hashPassword, passwordProblem } from '../auth/password.js';

import { checkBinding, createUser, newUserFields, SELECT, toDto, userSchema } from './service.js';

export const userRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];
    r.get(
      '/users',
      {
        schema: {
          tags,
          // agencyId + unlinked: the logins of an agency not yet linked to an officer record (to link one from the officer's page)
          querystring: z.object({ agencyId: z.coerce.number().int().positive().optional(), unlinked: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(userSchema) }) },
        },
      },
      async (req) => {
      const p = user(req);
      requirePermission(p, 'users.manage');
      const conds = [regionCondition(p, 'x.scope_region')];
      if (req.query.agencyId) conds.push(sql`x.agency_id = ${req.query.agencyId}`);
      if (req.query.unlinked === 'true') conds.push(sql`x.officer_id is null and x.role not in ('enterprise', 'admin')`);
      const rows = await ctx.database.rows(sql`select * from (${SELECT}) x where ${sql.join(conds, sql` and `)} order by x.id limit 1000`);
      return { items: rows.map(toDto) };
      },
    );
    r.post(
      '/users',
      {
        schema: {
          tags,
          body: z.object({
            ...newUserFields,
            role: z.enum(roles),
            agencyId: z.number().int().positive().nullish(),
            enterpriseId: z.number().int().positive().nullish(),
          }),
          response: { 201: userSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await createUser(ctx, user(req), req.body)),
    );
    r.patch(
      '/users/:id',
      {
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z
            .object({
              displayName: z.string().trim().min(2).max(50).optional(),
              role: z.enum(roles).optional(),
              active: z.boolean().optional(),
              password: z.string().max(128).optional(),
              agencyId: z.number().int().positive().optional(),
            })
            .strict(),
          response: { 200: userSchema },
        },
      },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'users.manage');
        const [row] = await ctx.database.rows(sql`select * from (${SELECT}) x where x.id = ${req.params.id} and ${regionCondition(p, 'x.scope_region')}`);
        if (!row) throw notFound('用户');
        const current = toDto(row);
        const b = req.body;
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
        return ctx.database.db.transaction(async (tx) => {
          await tx
            .update(users)
            .set({ ...fields, ...(binding ? { agencyId: binding.agencyId } : {}), ...(passwordHash ? { passwordHash } : {}), updatedAt: new Date(), version: Number(row.version) + 1 })
            .where(eq(users.id, current.id));
          // A disabled account or a new password ends every open session of that account.
          if (b.active === false || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, current.id));
          await appendAudit(ctx.database, tx, actorOf(p), [
            {
              action: 'update',
              entityType: 'user',
              entityId: current.id,
              regionCode: row.scope_region as string,
              before: { ...(diff?.before ?? {}), ...(passwordHash ? { password: '******' } : {}) },
              after: { ...(diff?.after ?? {}), ...(passwordHash ? { password: '（已重置）' } : {}) },
            },
          ]);
          const [updated] = await ctx.database.rows(sql`${SELECT} where u.id = ${current.id}`, tx);
          return toDto(updated!);
        });
      },
    );
  };
