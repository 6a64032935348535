// R35: every state change appends to an audit log whose entries are chained by SM3 (国密) hash. Changing, removing or
// reordering any sealed entry breaks the chain, and GET /api/audit/verify names where.
//
// Two steps, so that audited commands do not wait for one another:
//   1. append (appendAudit) — inside the business transaction, with the change: the entry's content and its SM3
//      `digest`; no lock, no chain position. The entry exists exactly when its change committed.
//   2. seal (sealAudit) — after the commit, in a short transaction of its own under the chain's advisory lock: the
//      committed unsealed entries get the next chain positions `seq` (in id order), `prev_hash` and
//      `hash = SM3(prev_hash | seq | id | digest)`. Chain order is `seq`, the order of sealing — not id, since ids are
//      taken before commit and transactions commit in any order.
// The window: an entry is unsealed from its commit until the sealer has run — milliseconds, since every audited
// commit kicks the sealer (Database.afterCommit), plus a timer every few seconds for the entries of a process that
// died before sealing them. Until sealed, an entry can be changed or removed without trace (as any row can be by
// someone who can also recompute SM3); verify reports how many entries are waiting and the age of the oldest.
//
// Entries chained before migration 0010 have no digest: their hash is SM3(prev_hash | canonical entry incl. id), in
// id order, and the migration gave them seq = their id order, so they verify unchanged (their order is pinned by
// prev_hash). A new entry whose digest is removed is checked by that formula too, and fails it.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canonicalJson } from '@anjian/domain';
import type { Database, Db } from '../../db/client.js';
import { arrayParam, bulkInsert, JsonText, type BulkColumn } from '../../lib/bulk.js';

export const GENESIS_HASH = '0'.repeat(64);
// Any constant works; it only has to be the same for every sealer of the chain.
const CHAIN_LOCK_KEY = 0x41554454; // "AUDT"
/** entries sealed per transaction, and rows per page of verify */
const PAGE = 5000;

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

/** What an entry says; its digest is the SM3 of the canonical JSON of these fields. */
interface ContentFields {
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

function sm3(...parts: string[]): string {
  const h = createHash('sm3');
  parts.forEach((p, i) => {
    if (i > 0) h.update('|');
    h.update(p);
  });
  return h.digest('hex');
}

export function entryDigest(f: ContentFields): string {
  return sm3(contentJson(f, canonicalJson(f.before), canonicalJson(f.after)));
}

/**
 * canonicalJson(f), with before/after given as their canonical JSON: appendAudit serialises each once and stores the
 * same text as jsonb. The keys are written in canonicalJson's (sorted) order; a test holds the two equal.
 */
export function contentJson(f: Omit<ContentFields, 'before' | 'after'>, before: string, after: string): string {
  const j = JSON.stringify;
  return (
    `{"action":${j(f.action)},"actorId":${f.actorId == null ? 'null' : j(f.actorId)},"actorName":${j(f.actorName)},"after":${after},` +
    `"at":${j(f.at)},"before":${before},"entityId":${j(f.entityId)},"entityType":${j(f.entityType)},"reason":${f.reason == null ? 'null' : j(f.reason)},` +
    `"regionCode":${j(f.regionCode)}}`
  );
}

/** The linked hash of a sealed entry: its place in the chain (after prevHash, at position seq), its id and its content. */
export function linkHash(prevHash: string, seq: number, id: number, digest: string): string {
  return sm3(prevHash, String(seq), String(id), digest);
}

/** Entries chained before migration 0010 (no digest). */
export function legacyEntryHash(prevHash: string, f: ContentFields & { id: number }): string {
  return sm3(prevHash, canonicalJson(f));
}

const kicked = new WeakSet<object>();

/**
 * Appends entries inside the caller's transaction (R35: in the same transaction as the change), unsealed. Takes no
 * lock: concurrent commands do not wait for each other. The sealer is kicked once the transaction has committed.
 */
export async function appendAudit(database: Database, tx: Db, actor: Actor, entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  const rows = entries.map((e): AuditRow => {
    const f = {
      at,
      actorId: actor.id,
      actorName: actor.name,
      action: e.action,
      entityType: e.entityType,
      entityId: String(e.entityId),
      regionCode: e.regionCode ?? '',
      reason: e.reason ?? null,
    };
    // Serialised once, in canonical form: hashed, and stored as jsonb as it is. canonicalJson follows JSON's rules
    // (dates as ISO strings, undefined left out), so what is hashed is what jsonb gives back to verify.
    const before = canonicalJson(e.before);
    const after = canonicalJson(e.after);
    return { ...f, before: jsonbText(before), after: jsonbText(after), digest: sm3(contentJson(f, before, after)) };
  });
  // ids from the column default (audit_log_seq), in the order of the entries: unnest gives the rows in array order
  await bulkInsert(database, tx, 'audit_log', AUDIT_COLUMNS, rows);
  if (!kicked.has(tx)) {
    kicked.add(tx);
    database.afterCommit(tx, () => kickSealer(database));
  }
}

/** JSON null is stored as SQL NULL, as before/after of an entry without one always were. */
function jsonbText(text: string): JsonText | null {
  return text === 'null' ? null : new JsonText(text);
}

type AuditRow = Omit<ContentFields, 'before' | 'after'> & { before: JsonText | null; after: JsonText | null; digest: string };
const AUDIT_COLUMNS: BulkColumn<AuditRow>[] = [
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
  { name: 'digest', type: 'text', value: (r) => r.digest },
];

// ---------- sealing ----------

interface Sealer {
  running: Promise<void> | null;
  /** a call came while a pass was running: run once more, for the entries committed after that pass looked */
  again: boolean;
}
const sealers = new WeakMap<Database, Sealer>();

/**
 * Seals every entry committed before the call. Single-flight per database object: a call while a pass runs makes it
 * run once more and shares its promise. Other processes' sealers wait on the advisory lock.
 */
export function sealAudit(database: Database): Promise<void> {
  let s = sealers.get(database);
  if (!s) sealers.set(database, (s = { running: null, again: false }));
  const sealer = s;
  if (sealer.running) {
    sealer.again = true;
    return sealer.running;
  }
  sealer.running = (async () => {
    try {
      do {
        sealer.again = false;
        while ((await sealPage(database)) === PAGE);
      } while (sealer.again);
    } finally {
      sealer.running = null;
    }
  })();
  return sealer.running;
}

/** Fire and forget (after a commit, on the timer): a failed pass is retried by the next kick or the timer. */
function kickSealer(database: Database): Promise<void> {
  return sealAudit(database).catch((err: unknown) => console.error(`审计链封存失败，将在下次提交或定时封存时重试：${(err as Error)?.message ?? String(err)}`));
}

/**
 * The sealer of a server process: a pass now (entries left unsealed by a process that stopped), then every
 * `intervalMs` (0 = only on commits). Returns the stop function, which waits for a running pass.
 */
export function startAuditSealer(database: Database, intervalMs: number): () => Promise<void> {
  void kickSealer(database);
  const timer = intervalMs > 0 ? setInterval(() => void kickSealer(database), intervalMs) : null;
  timer?.unref();
  return async () => {
    if (timer) clearInterval(timer);
    await sealers.get(database)?.running?.catch(() => undefined);
  };
}

/** One page of unsealed entries into the chain; returns how many. */
async function sealPage(database: Database): Promise<number> {
  // Nothing waiting (the timer's usual case): no transaction, no lock.
  const [waiting] = await database.rows<{ any: boolean }>(sql`select exists(select 1 from audit_log where seq is null) as any`);
  if (!waiting?.any) return 0;
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
    // Statements of their own after the lock: a read-committed statement sees the rows committed before it started,
    // and one started before the lock was granted would miss what the sealer it waited for wrote.
    const [head] = await database.rows<{ seq: number; hash: string }>(
      sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`,
      tx,
    );
    const page = await database.rows<{ id: number; digest: string | null }>(
      sql`select id, digest from audit_log where seq is null order by id limit ${PAGE}`,
      tx,
    );
    if (page.length === 0) return 0;
    // An entry without a digest was not written by appendAudit (e.g. by hand): its digest comes from its content.
    const missing = page.filter((r) => r.digest == null).map((r) => Number(r.id));
    const digests = new Map<number, string>();
    if (missing.length) {
      const rows = await database.rows<Record<string, unknown>>(sql`select * from audit_log where id = any(${arrayParam(missing, 'bigint')})`, tx);
      for (const r of rows) digests.set(Number(r.id), entryDigest(contentOf(r)));
    }
    let prev = head?.hash ?? GENESIS_HASH;
    let seq = Number(head?.seq ?? 0);
    const ids: number[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    const digestCol: string[] = [];
    for (const r of page) {
      const id = Number(r.id);
      const digest = r.digest ?? digests.get(id)!;
      seq++;
      const hash = linkHash(prev, seq, id, digest);
      ids.push(id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(hash);
      digestCol.push(digest);
      prev = hash;
    }
    await tx.execute(
      sql`update audit_log a set seq = u.seq, prev_hash = u.prev, hash = u.hash, digest = u.digest
            from unnest(${arrayParam(ids, 'bigint')}, ${arrayParam(seqs, 'bigint')}, ${arrayParam(prevs, 'text')},
                        ${arrayParam(hashes, 'text')}, ${arrayParam(digestCol, 'text')}) as u(id, seq, prev, hash, digest)
           where a.id = u.id`,
    );
    return page.length;
  });
}

// ---------- verification ----------

export interface VerifyResult {
  ok: boolean;
  /** sealed entries checked */
  checked: number;
  firstBroken: null | { id: number; reason: string };
  /** entries committed but not yet sealed when the check ended (not protected yet; not a break) */
  unsealed: { count: number; oldestAt: string | null };
}

function contentOf(r: Record<string, unknown>): ContentFields {
  return {
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
}

/**
 * Re-computes the whole chain in seq order, in pages, and reports the first entry that does not match. Seals first
 * (unless `seal: false`), so a check right after a change covers it.
 */
export async function verifyChain(database: Database, opts: { seal?: boolean } = {}): Promise<VerifyResult> {
  if (opts.seal !== false) await sealAudit(database);
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  const broken = async (id: number, reason: string): Promise<VerifyResult> => ({ ok: false, checked, firstBroken: { id, reason }, unsealed: await unsealedNow(database) });
  for (let first = true; ; first = false) {
    const page = await database.rows<Record<string, unknown>>(
      sql`select id, seq, digest, at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, prev_hash, hash
          from audit_log where ${first ? sql`seq is not null` : sql`seq > ${lastSeq}`} order by seq limit ${PAGE}`,
    );
    if (page.length === 0) break;
    for (const r of page) {
      const id = Number(r.id);
      const seq = Number(r.seq);
      if (seq !== lastSeq + 1) return broken(id, `链序号不连续（应为 ${lastSeq + 1}，实为 ${seq}）：该条之前的记录被删除或顺序被改动`);
      if (r.prev_hash !== prev) return broken(id, '前序哈希不一致：该条之前的记录被删除、插入或篡改');
      const content = contentOf(r);
      const expected = r.digest == null ? legacyEntryHash(prev, { id, ...content }) : linkHash(prev, seq, id, entryDigest(content));
      if (expected !== r.hash) return broken(id, '内容与哈希不一致：该条记录被篡改');
      prev = r.hash as string;
      lastSeq = seq;
      checked++;
    }
  }
  return { ok: true, checked, firstBroken: null, unsealed: await unsealedNow(database) };
}

async function unsealedNow(database: Database): Promise<VerifyResult['unsealed']> {
  const [u] = await database.rows<{ n: number; oldest: string | Date | null }>(
    sql`select count(*)::int as n, min(at) as oldest from audit_log where seq is null`,
  );
  return { count: Number(u?.n ?? 0), oldestAt: u?.oldest ? new Date(u.oldest).toISOString() : null };
}

function parseJson(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : (v ?? null);
}
