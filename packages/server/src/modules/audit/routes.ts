import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { forbidden } from '../../lib/errors.js';
import { regionCondition, requirePermission } from '../auth/principal.js';
import { verifyChain } from './chain.js';
import { auditEntrySchema, toAuditDto } from './history.js';
import { COUNT_CAP } from '../registry/enterpriseService.js';

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          querystring: z.object({
            entityType: z.string().max(40).optional(),
            entityId: z.string().max(40).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(auditEntrySchema), total: z.number(), totalCapped: z.boolean(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (req) => {
        const p = user(req);
        // The global log is for administrators and oversight; others see history on each entity's page.
        if (p.role !== 'admin' && p.role !== 'oversight') throw forbidden('仅系统管理员和执法监督人员可查看审计日志');
        const q = req.query;
        const conds = [regionCondition(p)];
        // Logins and user changes carry no region: only an administrator with national scope sees them all.
        if (q.entityType) conds.push(sql`entity_type = ${q.entityType}`);
        if (q.entityId) conds.push(sql`entity_id = ${q.entityId}`);
        const where = sql.join(conds, sql` and `);
        const [rows, count] = await Promise.all([
          ctx.database.rows(sql`select * from audit_log where ${where} order by id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
          // The log grows without end: count up to the cap, like the enterprise list.
          ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from (select 1 from audit_log where ${where} limit ${COUNT_CAP + 1}) t`),
        ]);
        const n = Number(count[0]?.n ?? 0);
        return { items: rows.map(toAuditDto), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: q.page, pageSize: q.pageSize };
      },
    );
    r.get(
      '/audit/verify',
      {
        schema: {
          tags: ['audit'],
          response: {
            200: z.object({
              ok: z.boolean(),
              checked: z.number(),
              firstBroken: z.object({ id: z.number(), reason: z.string() }).nullable(),
              // entries committed but not yet sealed into the chain (not a break; sealed within moments)
              unsealed: z.object({ count: z.number(), oldestAt: z.string().nullable() }),
            }),
          },
        },
      },
      async (req) => {
        requirePermission(user(req), 'audit.verify');
        return verifyChain(ctx.database);
      },
    );
  };
