// R17: the check-item catalogue as versioned data. Version 1 is the catalogue shipped in the domain package;
// editors add versions, inspections keep the version they were filed with.
import { desc, eq, sql } from 'drizzle-orm';
import { catalogueProblems, defaultCheckItemCatalogue, type CheckItem, type CheckItemCatalogue } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { checkItemCatalogs } from '../../db/inspectionSchema.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, requireProvinceLevel, type Principal } from '../auth/principal.js';

/**
 * Published versions never change (a new version is a new row), so each is read once per process and kept; only
 * which version is current is asked each time. A row another transaction can see is committed — the cache never holds
 * a version that may still roll back (publishCatalogue, which inserts, does not read it back).
 */
const versions = new WeakMap<object, Map<number, CheckItemCatalogue>>();
const cacheOf = (ctx: AppContext) => {
  let m = versions.get(ctx.database);
  if (!m) versions.set(ctx.database, (m = new Map()));
  return m;
};

export async function currentCatalogue(ctx: AppContext): Promise<CheckItemCatalogue> {
  const [row] = await ctx.database.rows<{ version: number | null }>(sql`select ${CURRENT_VERSION} as version`);
  return catalogueOfCurrent(ctx, row?.version ?? null);
}

/** Which version is current, as a column of a larger statement (the filing's one read); see catalogueOfCurrent. */
export const CURRENT_VERSION = sql`(select max(version) from check_item_catalogs)`;

/** The catalogue of a CURRENT_VERSION read (null: none published, the built-in one). */
export function catalogueOfCurrent(ctx: AppContext, version: number | string | null): Promise<CheckItemCatalogue> {
  return version == null ? Promise.resolve(defaultCheckItemCatalogue) : catalogueVersion(ctx, Number(version));
}

/** Inside a transaction pass its handle, so the read sees the transaction's own rows. */
export async function catalogueVersion(ctx: AppContext, version: number, tx: Db = ctx.database.db): Promise<CheckItemCatalogue> {
  const cached = cacheOf(ctx).get(version);
  if (cached) return cached;
  const [row] = await tx.select().from(checkItemCatalogs).where(eq(checkItemCatalogs.version, version));
  if (row) {
    const c = { version, items: row.items as CheckItem[] };
    cacheOf(ctx).set(version, c);
    return c;
  }
  // the built-in version has no row (publishing numbers from the current version + 1): kept like a published one
  if (version === defaultCheckItemCatalogue.version) {
    cacheOf(ctx).set(version, defaultCheckItemCatalogue);
    return defaultCheckItemCatalogue;
  }
  throw new AppError('NOT_FOUND', `检查事项清单第${version}版不存在`);
}

export async function listCatalogues(ctx: AppContext) {
  const rows = await ctx.database.db
    .select({ version: checkItemCatalogs.version, note: checkItemCatalogs.note, createdAt: checkItemCatalogs.createdAt })
    .from(checkItemCatalogs)
    .orderBy(desc(checkItemCatalogs.version));
  if (!rows.some((r) => r.version === 1)) rows.push({ version: 1, note: '系统内置（通用和专业监督检查事项清单）', createdAt: new Date(0) });
  return rows;
}

/** A new catalogue version; the previous ones stay for the inspections filed with them. */
export async function publishCatalogue(ctx: AppContext, p: Principal, items: CheckItem[], note: string): Promise<CheckItemCatalogue> {
  requireProvinceLevel(p, 'catalog.write', '检查事项清单');
  const problems = catalogueProblems(items);
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  const current = await currentCatalogue(ctx);
  const version = current.version + 1;
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(checkItemCatalogs).values({ version, items, note, createdBy: p.userId });
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'check_item_catalog', entityId: version, reason: note, after: { version, itemCount: items.length } }]);
  });
  return { version, items };
}
