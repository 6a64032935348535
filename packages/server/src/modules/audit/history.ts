import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { auditActionLabel, auditEntityLabel, auditFieldLabel, auditValueText } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../lib/bulk.js';
import { auditEntry } from '@anjian/domain/contract/audit';

// the entry's shape is the contract's (GET /audit and every entity's history)
export const auditEntrySchema = auditEntry;
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export function toAuditDto(r: Record<string, unknown>, names: ObjectNames = new Map()): AuditEntryDto {
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
    actionLabel: auditActionLabel(r.action as string, r.entity_type as string),
    objectLabel: objectLabel(r.entity_type as string, r.entity_id as string, names),
    entityType: r.entity_type as string,
    entityId: r.entity_id as string,
    reason: (r.reason as string | null) ?? null,
    before,
    after,
    // For a creation the "changes" are the initial values; the history page shows them the same way.
    changes: [...keys].map((field) => ({
      field,
      label: auditFieldLabel(field, r.entity_type as string),
      before: before?.[field] ?? null,
      after: after?.[field] ?? null,
      beforeText: auditValueText(field, before?.[field] ?? null, r.entity_type as string),
      afterText: auditValueText(field, after?.[field] ?? null, r.entity_type as string),
    })),
    seq: r.seq == null ? null : Number(r.seq),
    hash: (r.hash as string | null) ?? null,
  };
}

/** Readable names of the objects of a page of entries, keyed `type:id`. */
export type ObjectNames = Map<string, string>;

/** What identifies each kind of object to a reader: a case by its number, an enterprise by its name, … */
const NAME_QUERIES: Record<string, (ids: string[]) => SQL> = {
  enterprise: (ids) => sql`select id::text, name from enterprises where id::text = any(${arrayParam(ids, 'text')})`,
  officer: (ids) => sql`select id::text, name from officers where id::text = any(${arrayParam(ids, 'text')})`,
  agency: (ids) => sql`select id::text, name from agencies where id::text = any(${arrayParam(ids, 'text')})`,
  user: (ids) => sql`select id::text, coalesce(nullif(display_name, ''), username) as name from users where id::text = any(${arrayParam(ids, 'text')})`,
  plan: (ids) => sql`select p.id::text, a.name || p.year || '年度监督检查计划' as name from plans p join agencies a on a.id = p.agency_id where p.id::text = any(${arrayParam(ids, 'text')})`,
  inspection: (ids) =>
    sql`select i.id::text, e.name || '（' || i.planned_date::text || '检查）' as name from inspections i join enterprises e on e.id = i.enterprise_id where i.id::text = any(${arrayParam(ids, 'text')})`,
  hazard: (ids) =>
    sql`select h.id::text, e.name || '：' || left(h.description, 24) as name from hazards h join enterprises e on e.id = h.enterprise_id where h.id::text = any(${arrayParam(ids, 'text')})`,
  penalty_case: (ids) =>
    sql`select c.id::text, coalesce(c.case_number, '') || case when c.case_number is null then '' else ' ' end || e.name as name from penalty_cases c join enterprises e on e.id = c.enterprise_id where c.id::text = any(${arrayParam(ids, 'text')})`,
  document: (ids) => sql`select id::text, title || ' ' || number as name from documents where id::text = any(${arrayParam(ids, 'text')})`,
  credit_fact: (ids) => sql`select f.id::text, e.name as name from credit_facts f join enterprises e on e.id = f.enterprise_id where f.id::text = any(${arrayParam(ids, 'text')})`,
};

export async function objectNames(ctx: AppContext, rows: Record<string, unknown>[]): Promise<ObjectNames> {
  const byType = new Map<string, Set<string>>();
  for (const r of rows) {
    const t = r.entity_type as string;
    if (!NAME_QUERIES[t] || r.entity_id == null) continue;
    (byType.get(t) ?? byType.set(t, new Set()).get(t)!).add(String(r.entity_id));
  }
  const names: ObjectNames = new Map();
  await Promise.all(
    [...byType].map(async ([t, ids]) => {
      for (const x of await ctx.database.rows<{ id: string; name: string }>(NAME_QUERIES[t]!([...ids]))) names.set(`${t}:${x.id}`, x.name);
    }),
  );
  return names;
}

function objectLabel(entityType: string, entityId: string | null, names: ObjectNames): string {
  const kind = auditEntityLabel(entityType);
  if (entityId == null || entityId === '') return kind;
  const name = names.get(`${entityType}:${entityId}`);
  return name ? `${kind}「${name}」` : `${kind}（编号 ${entityId}）`;
}

/** History of one entity, newest first. Callers check first that the entity is in the caller's jurisdiction. */
export async function entityHistory(ctx: AppContext, entityType: string, entityId: number | string): Promise<AuditEntryDto[]> {
  const rows = await ctx.database.rows(
    sql`select * from audit_log where entity_type = ${entityType} and entity_id = ${String(entityId)} order by id desc limit 500`,
  );
  const names = await objectNames(ctx, rows);
  return rows.map((r) => toAuditDto(r, names));
}
