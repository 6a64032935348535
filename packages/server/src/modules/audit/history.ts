import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { fieldLabels } from '@anjian/domain';
import type { AppContext } from '../../context.js';

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
  /** R35: chain position and hash; null while the entry awaits sealing (待封存, milliseconds after its commit) */
  seq: z.number().nullable(),
  hash: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export function toAuditDto(r: Record<string, unknown>): AuditEntryDto {
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? null));
  const before = parse(r.before) as Record<string, unknown> | null;
  const after = parse(r.after) as Record<string, unknown> | null;
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return {
    id: Number(r.id),
    at: new Date(r.at as string).toISOString(),
    actorId: r.actor_id == null ? null : Number(r.actor_id),
    actorName: r.actor_name as string,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string,
    reason: (r.reason as string | null) ?? null,
    before,
    after,
    // For a creation the "changes" are the initial values; the history page shows them the same way.
    changes: [...keys].map((field) => ({
      field,
      label: fieldLabels[field] ?? field,
      before: before?.[field] ?? null,
      after: after?.[field] ?? null,
    })),
    seq: r.seq == null ? null : Number(r.seq),
    hash: (r.hash as string | null) ?? null,
  };
}

/** History of one entity, newest first. Callers check first that the entity is in the caller's jurisdiction. */
export async function entityHistory(ctx: AppContext, entityType: string, entityId: number | string): Promise<AuditEntryDto[]> {
  const rows = await ctx.database.rows(
    sql`select * from audit_log where entity_type = ${entityType} and entity_id = ${String(entityId)} order by id desc limit 500`,
  );
  return rows.map(toAuditDto);
}
