// R25/R26: the discretion catalogue (裁量基准), versioned like the check items. Version 1 is the statute's catalogue
// shipped in @anjian/domain; a legal reviewer or admin of the province level adopts a provincial benchmark as a new version. A case keeps
// the version its violations were assessed with.
import { desc, eq, sql } from 'drizzle-orm';
import { defaultDiscretionCatalogue, discretionCatalogueProblems, type DiscretionCatalogue, type DiscretionItem } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { discretionCatalogs } from '../../db/penaltySchema.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, requireProvinceLevel, type Principal } from '../auth/principal.js';

export async function currentDiscretionCatalogue(ctx: AppContext, executor?: Db): Promise<DiscretionCatalogue> {
  const [row] = await (executor ?? ctx.database.db).select().from(discretionCatalogs).orderBy(desc(discretionCatalogs.version)).limit(1);
  return row ? (row.catalogue as DiscretionCatalogue) : defaultDiscretionCatalogue;
}

export async function discretionCatalogueVersion(ctx: AppContext, version: number | null | undefined, executor?: Db): Promise<DiscretionCatalogue> {
  if (version == null) return currentDiscretionCatalogue(ctx, executor);
  const [row] = await (executor ?? ctx.database.db).select().from(discretionCatalogs).where(eq(discretionCatalogs.version, version));
  if (row) return row.catalogue as DiscretionCatalogue;
  if (version === defaultDiscretionCatalogue.version) return defaultDiscretionCatalogue;
  throw new AppError('NOT_FOUND', `裁量基准第${version}版不存在`);
}

export async function listDiscretionCatalogues(ctx: AppContext) {
  const rows = await ctx.database.db
    .select({ version: discretionCatalogs.version, note: discretionCatalogs.note, createdAt: discretionCatalogs.createdAt, items: sql<number>`jsonb_array_length(${discretionCatalogs.catalogue}->'items')` })
    .from(discretionCatalogs)
    .orderBy(desc(discretionCatalogs.version));
  const shipped = { version: defaultDiscretionCatalogue.version, note: `${defaultDiscretionCatalogue.title}（随系统发布）`, createdAt: null, items: defaultDiscretionCatalogue.items.length };
  return rows.some((r) => r.version === shipped.version) ? rows.map((r) => ({ ...r, items: Number(r.items) })) : [...rows.map((r) => ({ ...r, items: Number(r.items) })), shipped];
}

/** A new version of the catalogue (legal reviewer / admin of the province level): the items are checked (tiers partition each range). */
export async function publishDiscretionCatalogue(ctx: AppContext, p: Principal, b: { note: string; title?: string; items: DiscretionItem[] }) {
  requireProvinceLevel(p, 'discretion.write', '裁量基准');
  const problems = discretionCatalogueProblems(b.items);
  if (problems.length) throw new AppError('VALIDATION', `裁量基准有误：${problems.slice(0, 10).join('；')}`, { problems });
  return ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql`lock table discretion_catalogs in share row exclusive mode`);
    const [last] = await tx.select({ v: discretionCatalogs.version }).from(discretionCatalogs).orderBy(desc(discretionCatalogs.version)).limit(1);
    const version = Math.max(last?.v ?? 0, defaultDiscretionCatalogue.version) + 1;
    const catalogue: DiscretionCatalogue = { ...defaultDiscretionCatalogue, title: b.title?.trim() || defaultDiscretionCatalogue.title, version, items: b.items };
    await tx.insert(discretionCatalogs).values({ version, catalogue, note: b.note.trim(), createdBy: p.userId });
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'publish', entityType: 'discretion_catalog', entityId: version, regionCode: '', reason: b.note.trim(), after: { version, items: b.items.length } }]);
    return { version, items: b.items.length };
  });
}
