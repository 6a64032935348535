// Agencies: the four-level tree (省/市/县/乡镇), each bound to one GB/T 2260 region. The routes are agencyRoutes.ts.
import { eq, sql } from 'drizzle-orm';
import { agencyLevels, agencyNameFor, getRegion, regionFullName, regionPath } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { agencies } from '../../db/schema.js';
import { runCommand } from '../../lib/command.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { inJurisdiction, regionCondition, requirePermission, type Principal } from '../auth/principal.js';

type AgencyRow = typeof agencies.$inferSelect;
export const toDto = (a: AgencyRow) => ({
  id: a.id,
  name: a.name,
  level: a.level as (typeof agencyLevels)[number],
  regionCode: a.regionCode,
  regionName: regionFullName(a.regionCode),
  parentId: a.parentId,
});

export async function loadScoped(ctx: AppContext, p: Principal, id: number): Promise<AgencyRow> {
  const [a] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, id));
  if (!a || !inJurisdiction(p, a.regionCode)) throw notFound('执法机构');
  return a;
}

/** The agencies of the caller's jurisdiction, in region order. */
export async function listAgencies(ctx: AppContext, p: Principal) {
  if (p.role === 'enterprise') throw forbidden();
  const rows = await ctx.database.rows<Record<string, unknown>>(sql`select * from agencies where ${regionCondition(p)} order by region_code`);
  return rows.map((a) => toDto({ id: Number(a.id), name: a.name as string, level: a.level as string, regionCode: a.region_code as string, parentId: a.parent_id == null ? null : Number(a.parent_id) } as AgencyRow));
}

/** One agency with the number of enterprises it supervises and of its officers. */
export async function agencyDetail(ctx: AppContext, p: Principal, id: number) {
  if (p.role === 'enterprise') throw forbidden();
  const a = await loadScoped(ctx, p, id);
  const [counts] = await ctx.database.rows<{ e: number; o: number }>(
    sql`select (select count(*)::int from enterprises where supervising_agency_id = ${a.id}) as e,
               (select count(*)::int from officers where agency_id = ${a.id}) as o`,
  );
  return { ...toDto(a), enterpriseCount: Number(counts?.e ?? 0), officerCount: Number(counts?.o ?? 0) };
}

/** An agency for a region of the jurisdiction; its parent is the nearest ancestor region that has one. */
export async function createAgency(ctx: AppContext, p: Principal, body: { regionCode: string; name?: string }) {
  requirePermission(p, 'users.manage');
  const region = getRegion(body.regionCode);
  if (!region) throw new AppError('INVALID_REGION', `行政区划代码 ${body.regionCode} 不存在`);
  return runCommand(ctx, p, { permission: 'users.manage', regionCode: region.code }, async (tx) => {
    const [dup] = await tx.select().from(agencies).where(eq(agencies.regionCode, region.code));
    if (dup) throw new AppError('CONFLICT', `该行政区划已有执法机构：${dup.name}`);
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
    const name = body.name ?? agencyNameFor(region.level, region.name, region.level === 'county' || region.level === 'township' ? parentRegion?.name : undefined);
    const [a] = await tx.insert(agencies).values({ name, level: region.level, regionCode: region.code, parentId }).returning();
    return { result: toDto(a!), audit: [{ action: 'create', entityType: 'agency', entityId: a!.id, regionCode: a!.regionCode, after: toDto(a!) }] };
  });
}

export async function renameAgency(ctx: AppContext, p: Principal, id: number, name: string) {
  requirePermission(p, 'users.manage');
  const a = await loadScoped(ctx, p, id);
  if (a.name === name) return toDto(a);
  return runCommand(ctx, p, { permission: 'users.manage' }, async (tx) => {
    const [u] = await tx.update(agencies).set({ name, version: a.version + 1, updatedAt: new Date() }).where(eq(agencies.id, a.id)).returning();
    return { result: toDto(u!), audit: [{ action: 'update', entityType: 'agency', entityId: a.id, regionCode: a.regionCode, before: { name: a.name }, after: { name } }] };
  });
}
