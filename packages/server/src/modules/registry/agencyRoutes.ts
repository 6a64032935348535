// Agencies: the four-level tree (省/市/县/乡镇), each bound to one GB/T 2260 region; and the region look-up.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agencyLevels, agencyNameFor, childRegions, provinceRegions, getRegion, regionFullName, regionPath } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { agencies } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { user } from '../../lib/http.js';
import { appendAudit } from '../audit/chain.js';
import { auditEntrySchema, entityHistory } from '../audit/history.js';
import { actorOf, inJurisdiction, jurisdictionPrefix, regionCondition, requirePermission, type Principal } from '../auth/principal.js';

const agencySchema = z.object({
  id: z.number(),
  name: z.string(),
  level: z.enum(agencyLevels),
  regionCode: z.string(),
  regionName: z.string(),
  parentId: z.number().nullable(),
});
type AgencyRow = typeof agencies.$inferSelect;
const toDto = (a: AgencyRow) => ({
  id: a.id,
  name: a.name,
  level: a.level as (typeof agencyLevels)[number],
  regionCode: a.regionCode,
  regionName: regionFullName(a.regionCode),
  parentId: a.parentId,
});

async function loadScoped(ctx: AppContext, p: Principal, id: number): Promise<AgencyRow> {
  const [a] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, id));
  if (!a || !inJurisdiction(p, a.regionCode)) throw notFound('执法机构');
  return a;
}

export const agencyRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['agencies'];
    const idParams = z.object({ id: z.coerce.number().int().positive() });
    r.get('/agencies', { schema: { tags, response: { 200: z.object({ items: z.array(agencySchema) }) } } }, async (req) => {
      const p = user(req);
      if (p.role === 'enterprise') throw forbidden();
      const rows = await ctx.database.rows<Record<string, unknown>>(
        sql`select * from agencies where ${regionCondition(p)} order by region_code`,
      );
      return {
        items: rows.map((a) =>
          toDto({ id: Number(a.id), name: a.name as string, level: a.level as string, regionCode: a.region_code as string, parentId: a.parent_id == null ? null : Number(a.parent_id) } as AgencyRow),
        ),
      };
    });
    r.get(
      '/agencies/:id',
      { schema: { tags, params: idParams, response: { 200: agencySchema.extend({ enterpriseCount: z.number(), officerCount: z.number() }) } } },
      async (req) => {
        const p = user(req);
        if (p.role === 'enterprise') throw forbidden();
        const a = await loadScoped(ctx, p, req.params.id);
        const [counts] = await ctx.database.rows<{ e: number; o: number }>(
          sql`select (select count(*)::int from enterprises where supervising_agency_id = ${a.id}) as e,
                     (select count(*)::int from officers where agency_id = ${a.id}) as o`,
        );
        return { ...toDto(a), enterpriseCount: Number(counts?.e ?? 0), officerCount: Number(counts?.o ?? 0) };
      },
    );
    r.get('/agencies/:id/history', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(auditEntrySchema) }) } } }, async (req) => {
      const a = await loadScoped(ctx, user(req), req.params.id);
      return { items: await entityHistory(ctx, 'agency', a.id) };
    });
    r.post(
      '/agencies',
      {
        schema: {
          tags,
          body: z.object({ regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码格式不正确'), name: z.string().trim().min(2).max(100).optional() }),
          response: { 201: agencySchema },
        },
      },
      async (req, reply) => {
        const p = user(req);
        requirePermission(p, 'users.manage');
        const region = getRegion(req.body.regionCode);
        if (!region) throw new AppError('INVALID_REGION', `行政区划代码 ${req.body.regionCode} 不存在`);
        if (!inJurisdiction(p, region.code)) throw forbidden('该行政区划不在您的管辖范围内');
        const created = await ctx.database.db.transaction(async (tx) => {
          const [dup] = await tx.select().from(agencies).where(eq(agencies.regionCode, region.code));
          if (dup) throw new AppError('CONFLICT', `该行政区划已有执法机构：${dup.name}`);
          // The parent is the nearest ancestor region that has an agency.
          const ancestors = regionPath(region.code).slice(0, -1).reverse();
          let parentId: number | null = null;
          for (const anc of ancestors) {
            const [pa] = await tx.select().from(agencies).where(eq(agencies.regionCode, anc.code));
            if (pa) {
              parentId = pa.id;
              break;
            }
          }
          const parentRegion = region.parentCode ? getRegion(region.parentCode) : undefined;
          const name = req.body.name ?? agencyNameFor(region.level, region.name, region.level === 'county' || region.level === 'township' ? parentRegion?.name : undefined);
          const [a] = await tx.insert(agencies).values({ name, level: region.level, regionCode: region.code, parentId }).returning();
          await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'agency', entityId: a!.id, regionCode: a!.regionCode, after: toDto(a!) }]);
          return a!;
        });
        return reply.status(201).send(toDto(created));
      },
    );
    r.patch(
      '/agencies/:id',
      { schema: { tags, params: idParams, body: z.object({ name: z.string().trim().min(2, '至少2个字').max(100) }), response: { 200: agencySchema } } },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'users.manage');
        const a = await loadScoped(ctx, p, req.params.id);
        if (a.name === req.body.name) return toDto(a);
        return ctx.database.db.transaction(async (tx) => {
          const [u] = await tx.update(agencies).set({ name: req.body.name, version: a.version + 1, updatedAt: new Date() }).where(eq(agencies.id, a.id)).returning();
          await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'update', entityType: 'agency', entityId: a.id, regionCode: a.regionCode, before: { name: a.name }, after: { name: req.body.name } }]);
          return toDto(u!);
        });
      },
    );

    r.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          querystring: z.object({ parent: z.string().regex(/^\d{6}(\d{3})?$/).optional() }),
          response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), hasChildren: z.boolean() })) }) },
        },
      },
      async (req) => {
        const p = user(req);
        const prefix = jurisdictionPrefix(p);
        let list;
        if (!req.query.parent) {
          const own = p.agencyRegionCode ? getRegion(p.agencyRegionCode) : undefined;
          list = own ? [own] : provinceRegions();
        } else {
          const parent = getRegion(req.query.parent);
          if (!parent) throw new AppError('INVALID_REGION', '行政区划代码不存在');
          // Children are listed only inside the jurisdiction.
          list = childRegions(parent.code).filter((c) => c.code.startsWith(prefix));
        }
        return { items: list.map((c) => ({ code: c.code, name: c.name, level: c.level, hasChildren: childRegions(c.code).length > 0 })) };
      },
    );
  };
