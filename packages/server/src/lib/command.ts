// A write command: the permission is checked, the region it acts in must lie in the caller's jurisdiction, and the
// work runs in one transaction with its audit entries (R35) — appended in that same transaction, so a change is never
// stored without its entry nor an entry without its change.
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { appendAudit, type AuditInput } from '../modules/audit/chain.js';
import { actorOf, assertRegionInJurisdiction, requirePermission, type Permission, type Principal } from '../modules/auth/principal.js';

export interface CommandResult<T> {
  result: T;
  audit: AuditInput[];
}

export async function runCommand<T>(
  ctx: AppContext,
  p: Principal,
  opts: { permission: Permission; regionCode?: string },
  work: (tx: Db) => Promise<CommandResult<T>>,
): Promise<T> {
  requirePermission(p, opts.permission);
  if (opts.regionCode !== undefined) assertRegionInJurisdiction(p, opts.regionCode);
  return ctx.database.db.transaction(async (tx) => {
    const { result, audit } = await work(tx);
    await appendAudit(ctx.database, tx, actorOf(p), audit);
    return result;
  });
}
