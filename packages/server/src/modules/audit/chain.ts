// R35: every state change appends to an audit log whose entries are chained by SM3 (国密) hash. Changing, removing,
// adding or reordering any sealed entry breaks the chain, and GET /api/audit/verify names where and what.
//
// Two steps, so that audited commands do not wait for one another:
//   1. append (appendAudit) — inside the business transaction, with the change: the entry's content, its SM3 `digest`
//      and its `mac` = HMAC-SM3(key, id | digest), the key being kept outside the database (trail.ts); no lock, no
//      chain position. The entry exists exactly when its change committed.
//   2. seal (sealAudit) — after the commit, in a short transaction of its own under the chain's advisory lock: the
//      committed unsealed entries get the next chain positions `seq` (in id order), `prev_hash` and
//      `hash = HMAC-SM3(key, prev_hash | seq | id | digest | mac)` — every column of the row is in the digest or in the
//      hash. Chain order is `seq`, the order of sealing — not id, since ids are taken before commit and transactions
//      commit in any order. After each pass the new head {seq, hash} is anchored in DATA_DIR/audit/anchors.jsonl.
// The database's triggers (migration 0015) refuse any other change of the log. Someone who bypasses them (a superuser)
// still cannot write an entry or a link that verifies without the key, and cannot remove entries from the end or put
// back an older log unnoticed, since the anchors outside the database record the head.
// The window: an entry is unsealed from its commit until the sealer has run — milliseconds, since every audited
// commit kicks the sealer (Database.afterCommit), plus a timer every few seconds for the entries of a process that
// died before sealing them. An unsealed entry can only be sealed (the trigger refuses anything else), but a superuser
// could remove it unseen; verify reports how many entries are waiting and the age of the oldest.
//
// Older entries keep verifying by the formula they were sealed with (re-sealing them would erase tamper evidence):
// below `audit_chain.keyed_from_seq` (the sealed head + 1 when a server first started with migration 0015; written
// with a keyed check, so it cannot be moved without the key), an entry with a digest (0010–0014) is checked by
// hash = SM3(prev_hash | seq | id | digest), one without (before 0010) by SM3(prev_hash | canonical entry incl. id).
// From keyed_from_seq on, an entry without a valid mac is reported as not written by the application.
import { hash } from 'node:crypto';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { auditBreakLabels, canonicalJson, type AuditBreakKind } from '@anjian/domain';
import type { Database, Db } from '../../db/client.js';
import type { Config } from '../../context.js';
import { arrayParam, bulkCopy, bulkInsert, bulkInsertSql, JsonText, type BulkColumn } from '../../lib/bulk.js';
import { appendAnchor, auditDir, hmacSm3, loadAuditKey, readAnchors, type Anchor, type Anchors } from './trail.js';

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

// one-shot: a quarter of createHash's cost for an entry-sized input, which counts in a job writing 100,000 entries
function sm3(...parts: string[]): string {
  return hash('sm3', parts.join('|'), 'hex');
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

/** The writer's signature of an entry: its id (a copy under another id does not carry it) and its content's digest. */
export function entryMac(key: Buffer, id: number, digest: string): string {
  return hmacSm3(key, String(id), digest);
}

/** The linked hash of a sealed entry (0015 on): its place in the chain (after prevHash, at position seq) and the row. */
export function chainHash(key: Buffer, prevHash: string, seq: number, id: number, digest: string, mac: string): string {
  return hmacSm3(key, prevHash, String(seq), String(id), digest, mac);
}

/** The linked hash of entries sealed from migration 0010 until the key (0015). */
export function linkHash(prevHash: string, seq: number, id: number, digest: string): string {
  return sm3(prevHash, String(seq), String(id), digest);
}

/** Entries chained before migration 0010 (no digest). */
export function legacyEntryHash(prevHash: string, f: ContentFields & { id: number }): string {
  return sm3(prevHash, canonicalJson(f));
}

/** The keyed check of audit_chain.keyed_from_seq: the key is the one the chain was keyed with, the position unmoved. */
function keyCheck(key: Buffer, keyedFromSeq: number): string {
  return hmacSm3(key, 'anjian-audit-chain', String(keyedFromSeq));
}

// ---------- the trail: key, keyed-from position, anchors ----------

export interface AuditTrail {
  key: Buffer;
  /** entries at this chain position and after carry a mac and a keyed hash */
  keyedFromSeq: number;
  anchorsFile: string;
}
const trails = new WeakMap<Database, Promise<AuditTrail>>();
const opened = new WeakMap<Database, AuditTrail>();

/**
 * Loads (or creates) the key under DATA_DIR/audit and checks it against the database's chain; on the first start after
 * migration 0015 seals what older code left unsealed by the older formula and records from where entries are keyed.
 * Then anchors the head. Needed before any audited write (the seeder's too); once per database object.
 */
export function openAuditTrail(database: Database, config: Pick<Config, 'dataDir' | 'auditKey'>): Promise<AuditTrail> {
  let t = trails.get(database);
  if (!t) {
    t = initTrail(database, config);
    trails.set(database, t);
    t.catch(() => trails.delete(database));
  }
  return t;
}

function trailOf(database: Database): AuditTrail {
  const t = opened.get(database);
  if (!t) throw new Error('审计链尚未初始化：写入或校验审计记录之前须先调用 openAuditTrail');
  return t;
}

async function initTrail(database: Database, config: Pick<Config, 'dataDir' | 'auditKey'>): Promise<AuditTrail> {
  const dir = auditDir(config.dataDir);
  const key = loadAuditKey(dir, config.auditKey);
  const keyedFromSeq = await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
    const [row] = await database.rows<{ keyed_from_seq: number; key_check: string }>(sql`select keyed_from_seq, key_check from audit_chain where id = 1`, tx);
    if (row) {
      const from = Number(row.keyed_from_seq);
      if (keyCheck(key, from) !== row.key_check) {
        throw new Error(
          `审计密钥与数据库中审计链登记的密钥不一致，拒绝启动：请使用写入该审计链时的密钥（${path.join(dir, 'key')} 或环境变量 AUDIT_KEY；多个服务进程共用一个数据库时须使用同一密钥）`,
        );
      }
      return from;
    }
    const [signed] = await database.rows<{ any: boolean }>(sql`select exists(select 1 from audit_log where mac is not null) as any`, tx);
    if (signed?.any) throw new Error('数据库中已有带签名的审计记录，但审计链的密钥登记缺失（可能被删除），拒绝启动：请从备份恢复或由管理员核查');
    // Entries older code wrote and did not seal yet: sealed by the formula they were written for.
    while ((await sealPending(database, tx, null)).count === PAGE);
    const head = await chainHead(database, tx);
    const from = (head?.seq ?? 0) + 1;
    await tx.execute(sql`insert into audit_chain (id, keyed_from_seq, key_check) values (1, ${from}, ${keyCheck(key, from)})`);
    return from;
  });
  const trail: AuditTrail = { key, keyedFromSeq, anchorsFile: path.join(dir, 'anchors.jsonl') };
  opened.set(database, trail);
  // The head as this process finds it: a data directory new to the database anchors it from now on.
  const head = await chainHead(database);
  if (head) await anchor(trail, head);
  return trail;
}

async function chainHead(database: Database, tx?: Db): Promise<{ seq: number; hash: string } | null> {
  const [head] = await database.rows<{ seq: number; hash: string }>(sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`, tx);
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/** Records the head outside the database. A failure is reported, not thrown: the entries are sealed all the same. */
async function anchor(trail: AuditTrail, head: { seq: number; hash: string }): Promise<void> {
  try {
    await appendAnchor(trail.anchorsFile, { seq: head.seq, hash: head.hash, at: new Date().toISOString() });
  } catch (err) {
    console.error(`审计链锚点写入失败（${trail.anchorsFile}）：${(err as Error)?.message ?? String(err)}`);
  }
}

/** The anchors this process's data directory holds (GET /api/audit/anchor). */
export function auditAnchors(database: Database): Promise<Anchors> {
  return readAnchors(trailOf(database).anchorsFile);
}

/** The anchors file of this process's data directory (GET /api/audit/anchors). */
export function auditAnchorsFile(database: Database): string {
  return trailOf(database).anchorsFile;
}

const kicked = new WeakSet<object>();

/**
 * Appends entries inside the caller's transaction (R35: in the same transaction as the change), unsealed. Takes no
 * lock: concurrent commands do not wait for each other. The sealer is kicked once the transaction has committed.
 */
export async function appendAudit(database: Database, tx: Db, actor: Actor, entries: AuditInput[], opts: { copy?: boolean } = {}): Promise<void> {
  if (entries.length === 0) return;
  trailOf(database);
  await writeAudit(database, tx, prepareAudit(actor, entries), opts);
}

/** Entries with their content's digest, not written yet (writeAudit): no id, no signature. */
export interface PreparedAudit {
  rows: AuditRow[];
}

/**
 * The first half of appendAudit, Node only: each entry's content serialised and digested. A job writing many pages
 * prepares the next page while the database runs its statements.
 */
export function prepareAudit(actor: Actor, entries: AuditInput[]): PreparedAudit {
  const at = new Date().toISOString();
  // A job passes one before/after object to many entries (the step reached): serialised once.
  const texts = new Map<unknown, string>();
  const canonical = (v: unknown) => {
    if (v === null || typeof v !== 'object') return canonicalJson(v);
    let t = texts.get(v);
    if (t === undefined) texts.set(v, (t = canonicalJson(v)));
    return t;
  };
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
    const before = canonical(e.before);
    const after = canonical(e.after);
    return { ...f, id: 0, before: jsonbText(before), after: jsonbText(after), digest: sm3(contentJson(f, before, after)), mac: '' };
  });
  return { rows };
}

/**
 * Gives prepared entries their ids (taken from audit_log_seq by the caller, ascending) and signs them — Node only, so a
 * job can sign while the database runs its statements. The signature covers the id, so that a copy of an entry under
 * a new id does not verify.
 */
export function signAudit(database: Database, { rows }: PreparedAudit, ids: readonly number[]): void {
  const { key } = trailOf(database);
  if (ids.length !== rows.length) throw new Error(`审计记录 ${rows.length} 条，编号 ${ids.length} 个`);
  rows.forEach((r, i) => {
    r.id = ids[i]!;
    r.mac = entryMac(key, r.id, r.digest);
  });
}

/**
 * The second half of appendAudit: the entries' ids and signatures (unless signAudit gave them), and the rows — by COPY
 * for the large pages of a job (about half the cost of INSERT … unnest), by one insert otherwise.
 */
export async function writeAudit(database: Database, tx: Db, prepared: PreparedAudit, opts: { copy?: boolean } = {}): Promise<void> {
  const { rows } = prepared;
  if (rows.length === 0) return;
  trailOf(database);
  if (rows[0]!.id === 0) {
    const ids = (await database.rows<{ id: number }>(sql`select nextval('audit_log_seq') as id from generate_series(1, ${rows.length})`, tx))
      .map((r) => Number(r.id))
      .sort((a, b) => a - b);
    signAudit(database, prepared, ids);
  }
  const copy = opts.copy ? bulkCopy('audit_log', AUDIT_COLUMNS, rows) : null;
  if (typeof copy === 'function') await copy(database, tx);
  else await bulkInsert(database, tx, 'audit_log', AUDIT_COLUMNS, rows);
  if (!kicked.has(tx)) {
    kicked.add(tx);
    database.afterCommit(tx, () => kickSealer(database, true));
  }
}

/**
 * Entries as one INSERT for a command written as a single statement (its data-modifying CTEs commit together, so an
 * entry exists exactly when its change does): the ids are taken by the caller beforehand (nextval of audit_log_seq, as
 * many as entries), signed here. Once the statement has run, the caller calls auditCommitted.
 */
export function auditInsertSql(database: Database, actor: Actor, entries: AuditInput[], ids: readonly number[]): SQL {
  const prepared = prepareAudit(actor, entries);
  signAudit(database, prepared, [...ids].sort((a, b) => a - b));
  return bulkInsertSql('audit_log', AUDIT_COLUMNS, prepared.rows)!;
}

/** After a single statement with auditInsertSql has committed: the sealer is kicked, as after a transaction. */
export function auditCommitted(database: Database): void {
  void kickSealer(database, true);
}

/** JSON null is stored as SQL NULL, as before/after of an entry without one always were. */
function jsonbText(text: string): JsonText | null {
  return text === 'null' ? null : new JsonText(text);
}

type AuditRow = Omit<ContentFields, 'before' | 'after'> & { id: number; before: JsonText | null; after: JsonText | null; digest: string; mac: string };
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
  { name: 'digest', type: 'text', value: (r) => r.digest },
  { name: 'mac', type: 'text', value: (r) => r.mac },
];

// ---------- sealing ----------

interface Sealer {
  running: Promise<void> | null;
  /** a call came while a pass was running: run once more, for the entries committed after that pass looked */
  again: boolean;
}
const sealers = new WeakMap<Database, Sealer>();

/**
 * Seals every entry committed before the call and anchors the new head. Single-flight per database object: a call
 * while a pass runs makes it run once more and shares its promise. Other processes' sealers wait on the advisory lock.
 */
export function sealAudit(database: Database, opts: { committed?: boolean } = {}): Promise<void> {
  const trail = trailOf(database);
  let s = sealers.get(database);
  if (!s) sealers.set(database, (s = { running: null, again: false }));
  const sealer = s;
  if (sealer.running) {
    sealer.again = true;
    return sealer.running;
  }
  sealer.running = (async () => {
    // kicked by a commit: its entries wait, no need to ask (later passes and pages ask)
    let known = opts.committed === true;
    try {
      do {
        sealer.again = false;
        let head: Sealed['head'] = null;
        for (;;) {
          const page = await sealPage(database, trail, known);
          known = false;
          if (page.head) head = page.head;
          if (page.count < PAGE) break;
        }
        if (head) await anchor(trail, head);
      } while (sealer.again);
    } finally {
      sealer.running = null;
    }
  })();
  return sealer.running;
}

/** Fire and forget (after a commit, on the timer): a failed pass is retried by the next kick or the timer. */
function kickSealer(database: Database, committed = false): Promise<void> {
  return sealAudit(database, { committed }).catch((err: unknown) => console.error(`审计链封存失败，将在下次提交或定时封存时重试：${(err as Error)?.message ?? String(err)}`));
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

interface Sealed {
  count: number;
  /** the chain's head after the page (null if nothing was sealed) */
  head: { seq: number; hash: string } | null;
}

/**
 * One page of unsealed entries into the chain, in a transaction of its own. `known`: entries are known to wait (a
 * commit kicked the pass), so the probe is skipped.
 */
async function sealPage(database: Database, trail: AuditTrail, known = false): Promise<Sealed> {
  // Nothing waiting (the timer's usual case): no transaction, no lock.
  if (!known) {
    const [waiting] = await database.rows<{ any: boolean }>(sql`select exists(select 1 from audit_log where seq is null) as any`);
    if (!waiting?.any) return { count: 0, head: null };
  }
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
    return sealPending(database, tx, trail);
  });
}

/**
 * Under the chain lock: the next page of unsealed entries (id order) gets the next positions and hashes — keyed with
 * the trail's key, or (trail null: the first start after 0015) by the formula of the code that wrote them.
 */
async function sealPending(database: Database, tx: Db, trail: AuditTrail | null): Promise<Sealed> {
  // Statements of their own after the lock: a read-committed statement sees the rows committed before it started,
  // and one started before the lock was granted would miss what the sealer it waited for wrote. The head and the page
  // in one statement (the head repeated on each row; none when nothing waits).
  let head: { seq: number; hash: string } | null;
  let page: Record<string, unknown>[];
  if (trail) {
    page = await database.rows<Record<string, unknown>>(
      sql`select p.id, p.digest, p.mac, h.seq as head_seq, h.hash as head_hash
            from (select id, digest, mac from audit_log where seq is null order by id limit ${PAGE}) p
            left join (select seq, hash from audit_log where seq is not null order by seq desc limit 1) h on true
           order by p.id`,
      tx,
    );
    const first = page[0];
    head = first?.head_seq != null ? { seq: Number(first.head_seq), hash: first.head_hash as string } : null;
  } else {
    head = await chainHead(database, tx);
    page = await database.rows<Record<string, unknown>>(sql`select * from audit_log where seq is null order by id limit ${PAGE}`, tx);
  }
  if (page.length === 0) return { count: 0, head: null };
  let prev = head?.hash ?? GENESIS_HASH;
  let seq = head?.seq ?? 0;
  const ids: number[] = [];
  const seqs: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const r of page) {
    const id = Number(r.id);
    const digest = (r.digest as string | null) ?? '';
    const mac = (r.mac as string | null) ?? '';
    seq++;
    let hash: string;
    if (trail) {
      // An entry the application did not write is sealed all the same — it stays in the chain as evidence, and
      // verify names it — but it is reported now.
      if (!digest || mac !== entryMac(trail.key, id, digest)) console.error(`审计记录 #${id} 没有本系统的有效签名（非本系统写入），已按原样封存，校验时将被指出`);
      hash = chainHash(trail.key, prev, seq, id, digest, mac);
    } else {
      hash = digest ? linkHash(prev, seq, id, digest) : legacyEntryHash(prev, { id, ...contentOf(r) });
    }
    ids.push(id);
    seqs.push(seq);
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  await tx.execute(
    sql`update audit_log a set seq = u.seq, prev_hash = u.prev, hash = u.hash
          from unnest(${arrayParam(ids, 'bigint')}, ${arrayParam(seqs, 'bigint')}, ${arrayParam(prevs, 'text')}, ${arrayParam(hashes, 'text')}) as u(id, seq, prev, hash)
         where a.id = u.id`,
  );
  return { count: page.length, head: { seq, hash: prev } };
}

// ---------- verification ----------

export interface VerifyResult {
  ok: boolean;
  /** sealed entries checked */
  checked: number;
  /** the first problem in chain order: where (chain position, and the entry there if any), what (code and Chinese) */
  firstBroken: null | { seq: number; id: number | null; kind: AuditBreakKind; reason: string };
  /** entries committed but not yet sealed when the check ended (not protected yet; not a break) */
  unsealed: { count: number; oldestAt: string | null };
  /** the anchors the chain was compared with (this process's DATA_DIR/audit/anchors.jsonl) */
  anchors: { count: number; latest: Anchor | null };
}

/** The content fields of a stored row (as read back from the database). */
export function contentOf(r: Record<string, unknown>): ContentFields {
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

/** What is wrong with one sealed entry that links to `prev` at position `seq`, or null. */
function entryProblem(trail: AuditTrail, prev: string, seq: number, id: number, r: Record<string, unknown>): AuditBreakKind | null {
  const content = contentOf(r);
  const digest = r.digest as string | null;
  if (seq < trail.keyedFromSeq) {
    const expected = digest == null ? legacyEntryHash(prev, { id, ...content }) : linkHash(prev, seq, id, entryDigest(content));
    return expected === r.hash ? null : 'CONTENT';
  }
  const mac = r.mac as string | null;
  if (digest == null || mac == null || mac !== entryMac(trail.key, id, digest)) return 'SIGNATURE';
  if (entryDigest(content) !== digest) return 'CONTENT';
  if (chainHash(trail.key, prev, seq, id, digest, mac) !== r.hash) return 'HASH';
  return null;
}

/**
 * Re-computes the whole chain in seq order, in pages, compares it with the anchors, and reports the first problem.
 * Seals first (unless `seal: false`), so a check right after a change covers it.
 */
export async function verifyChain(database: Database, opts: { seal?: boolean } = {}): Promise<VerifyResult> {
  const trail = trailOf(database);
  if (opts.seal !== false) await sealAudit(database);
  const anchors = await readAnchors(trail.anchorsFile);
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  const result = async (firstBroken: VerifyResult['firstBroken']): Promise<VerifyResult> => ({
    ok: firstBroken == null,
    checked,
    firstBroken,
    unsealed: await unsealedNow(database),
    anchors: { count: anchors.count, latest: anchors.latest },
  });
  const broken = (seq: number, id: number | null, kind: AuditBreakKind, detail?: string) =>
    result({ seq, id, kind, reason: detail ? `${auditBreakLabels[kind]}（${detail}）` : auditBreakLabels[kind] });
  for (let first = true; ; first = false) {
    const page = await database.rows<Record<string, unknown>>(
      sql`select id, seq, digest, mac, at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, prev_hash, hash
          from audit_log where ${first ? sql`seq is not null` : sql`seq > ${lastSeq}`} order by seq limit ${PAGE}`,
    );
    if (page.length === 0) break;
    for (const r of page) {
      const id = Number(r.id);
      const seq = Number(r.seq);
      if (seq !== lastSeq + 1) return broken(lastSeq + 1, id, 'GAP', `第 ${lastSeq + 1} 条缺失，下一条为第 ${seq} 条`);
      if (r.prev_hash !== prev) return broken(seq, id, 'LINK');
      const problem = entryProblem(trail, prev, seq, id, r);
      if (problem) return broken(seq, id, problem);
      const anchored = anchors.bySeq.get(seq);
      if (anchored !== undefined && anchored !== r.hash) return broken(seq, id, 'ANCHOR');
      prev = r.hash as string;
      lastSeq = seq;
      checked++;
    }
  }
  if (anchors.latest && anchors.latest.seq > lastSeq) {
    return broken(lastSeq + 1, null, 'TRUNCATED', `锚点记载到第 ${anchors.latest.seq} 条，库中只有 ${lastSeq} 条`);
  }
  return result(null);
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
