// R35: every state change appends to an audit log whose entries are chained by SM3 (国密) hash:
// hash = SM3(prevHash | canonical entry). Changing, removing or reordering any row breaks the chain.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canonicalJson } from '@anjian/domain';
import type { Database, Db } from '../../db/client.js';
import { bulkInsert, type BulkColumn } from '../../lib/bulk.js';

export const GENESIS_HASH = '0'.repeat(64);
// Any constant works; it only has to be the same for every writer of the chain.
const CHAIN_LOCK_KEY = 0x41554454; // "AUDT"

export interface Actor {
  id: number | null;
  name: string;
}

export interface AuditInput {
  action: string; // create | update | delete | transfer | login | import …
  entityType: string; // enterprise | officer | agency | user
  entityId: string | number;
  regionCode?: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

interface HashedFields {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export function entryHash(prevHash: string, f: HashedFields): string {
  return createHash('sm3')
    .update(prevHash)
    .update('|')
    .update(canonicalJson(f))
    .digest('hex');
}

/** Values go through JSON once so what is hashed is exactly what jsonb gives back (dates as strings). */
function jsonSafe(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/**
 * Appends entries to the chain inside the caller's transaction. The advisory lock serialises
 * writers across processes until commit, so ids and hashes follow one order.
 */
export async function appendAudit(database: Database, tx: Db, actor: Actor, entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  // Every statement from the lock to the commit is spent holding it, and under load each round trip waits for a busy
  // event loop: so the head and the ids come in one statement. It must be a statement of its own after the lock — a
  // read-committed statement sees the rows committed before it started, and one started before the lock was granted
  // would miss the entries of the writer it waited for.
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  const [head] = await database.rows<{ hash: string | null; ids: (string | number)[] }>(
    sql`select (select hash from audit_log order by id desc limit 1) as hash,
               array(select nextval('audit_log_seq')::bigint from generate_series(1, ${entries.length})) as ids`,
    tx,
  );
  let prev = head?.hash ?? GENESIS_HASH;
  const ids = head!.ids.map((id) => ({ id: Number(id) }));
  const at = new Date().toISOString();
  const rows = entries.map((e, i) => {
    const f: HashedFields = {
      id: Number(ids[i]!.id),
      at,
      actorId: actor.id,
      actorName: actor.name,
      action: e.action,
      entityType: e.entityType,
      entityId: String(e.entityId),
      regionCode: e.regionCode ?? '',
      reason: e.reason ?? null,
      before: jsonSafe(e.before),
      after: jsonSafe(e.after),
    };
    const hash = entryHash(prev, f);
    const row: AuditRow = { ...f, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await bulkInsert(database, tx, 'audit_log', AUDIT_COLUMNS, rows);
}

type AuditRow = HashedFields & { prevHash: string; hash: string };
const AUDIT_COLUMNS: BulkColumn<AuditRow>[] = [
  { name: 'id', type: 'bigint', value: (r) => r.id },
  { name: 'at', type: 'timestamptz', value: (r) => r.at },
  { name: 'actor_id', type: 'int', value: (r) => r.actorId },
  { name: 'actor_name', type: 'text', value: (r) => r.actorName },
  { name: 'action', type: 'text', value: (r) => r.action },
  { name: 'entity_type', type: 'text', value: (r) => r.entityType },
  { name: 'entity_id', type: 'text', value: (r) => r.entityId },
  { name: 'region_code', type: 'text', value: (r) => r.regionCode },
  { name: 'reason', type: 'text', value: (r) => r.reason },
  { name: 'before', type: 'jsonb', value: (r) => r.before },
  { name: 'after', type: 'jsonb', value: (r) => r.after },
  { name: 'prev_hash', type: 'text', value: (r) => r.prevHash },
  { name: 'hash', type: 'text', value: (r) => r.hash },
];

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: null | { id: number; reason: string };
}

/** Re-computes the whole chain in id order, in pages, and reports the first entry that does not match. */
export async function verifyChain(database: Database): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = -1;
  let checked = 0;
  for (;;) {
    const page = await database.rows<Record<string, unknown>>(
      sql`select id, at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, prev_hash, hash
          from audit_log where id > ${lastId} order by id limit 5000`,
    );
    if (page.length === 0) break;
    for (const r of page) {
      const id = Number(r.id);
      if (r.prev_hash !== prev) {
        return { ok: false, checked, firstBroken: { id, reason: '前序哈希不一致：该条之前的记录被删除、插入或篡改' } };
      }
      const f: HashedFields = {
        id,
        at: new Date(r.at as string).toISOString(),
        actorId: r.actor_id == null ? null : Number(r.actor_id),
        actorName: r.actor_name as string,
        action: r.action as string,
        entityType: r.entity_type as string,
        entityId: r.entity_id as string,
        regionCode: r.region_code as string,
        reason: (r.reason as string | null) ?? null,
        before: parseJson(r.before),
        after: parseJson(r.after),
      };
      if (entryHash(prev, f) !== r.hash) {
        return { ok: false, checked, firstBroken: { id, reason: '内容与哈希不一致：该条记录被篡改' } };
      }
      prev = r.hash as string;
      lastId = id;
      checked++;
    }
  }
  return { ok: true, checked, firstBroken: null };
}

function parseJson(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : (v ?? null);
}
