import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createHarness, createTestDatabase, dbKinds, type Harness } from './harness.js';
import { canonicalJson } from '@anjian/domain';
import {
  appendAudit,
  contentJson,
  contentOf,
  entryDigest,
  entryMac,
  GENESIS_HASH,
  legacyEntryHash,
  linkHash,
  openAuditTrail,
  sealAudit,
  startAuditSealer,
  verifyChain,
} from '../src/modules/audit/chain.js';
import { openDatabase, type Database, type Db } from '../src/db/client.js';

/** As a superuser who turns the triggers off (session_replication_role = replica, as a restore does), in one transaction. */
function bypass(database: Database, fn: (tx: Db) => Promise<unknown>): Promise<void> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await fn(tx);
  });
}

/**
 * What a forger with SQL access who knows the formulas but not the key does after changing the chain: re-link every
 * entry from position `from` on by the unkeyed formula (SM3(prev | seq | id | digest)) — which today's sealer uses and
 * today's verifier accepts.
 */
async function relinkFrom(database: Database, tx: Db, from: number): Promise<void> {
  const [before] = await database.rows<{ hash: string }>(sql`select hash from audit_log where seq = ${from - 1}`, tx);
  let prev = before?.hash ?? GENESIS_HASH;
  const rows = await database.rows<{ id: number; seq: number; digest: string }>(sql`select id, seq, digest from audit_log where seq >= ${from} order by seq`, tx);
  for (const r of rows) {
    const hash = linkHash(prev, Number(r.seq), Number(r.id), r.digest);
    await database.rows(sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`, tx);
    prev = hash;
  }
}

describe.each(dbKinds)('audit chain on %s', (kind) => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    // no sealing timer: the tests decide when entries left unsealed get sealed
    h = await createHarness(kind, { enterprises: 150, config: { auditSealIntervalMs: 0 } });
    admin = await h.login('admin');
  });
  afterAll(() => h?.close());

  const anchorsFile = () => path.join(h.ctx.config.dataDir, 'audit', 'anchors.jsonl');
  const keyOf = () => Buffer.from(readFileSync(path.join(h.ctx.config.dataDir, 'audit', 'key'), 'utf8').trim(), 'hex');
  const head = async () => {
    const [r] = await h.database.rows<{ id: number; seq: number; hash: string }>(sql`select id, seq, hash from audit_log where seq is not null order by seq desc limit 1`);
    return { id: Number(r!.id), seq: Number(r!.seq), hash: r!.hash };
  };
  const entryAt = async (seq: number) => {
    const [r] = await h.database.rows<{ id: number }>(sql`select id from audit_log where seq = ${seq}`);
    return Number(r!.id);
  };
  /** Audited entries written by the application (one transaction, one sealing pass, one anchor). */
  const write = async (n: number, tag: string) => {
    await h.database.db.transaction((tx) =>
      appendAudit(h.database, tx, { id: null, name: '测试' }, Array.from({ length: n }, (_, i) => ({ action: 'update', entityType: 'test', entityId: `${tag}-${i}`, after: { i } }))),
    );
    await sealAudit(h.database);
  };
  /**
   * Runs a tampering, then puts the log and the anchors back as they were — a restore with the triggers off, as the
   * backup job's — after which the chain verifies again.
   */
  const tampered = async (fn: () => Promise<void>) => {
    await sealAudit(h.database);
    await h.database.rows(sql`drop table if exists audit_snapshot`);
    await h.database.rows(sql`create table audit_snapshot as select * from audit_log`);
    const anchors = readFileSync(anchorsFile(), 'utf8');
    try {
      await fn();
    } finally {
      await bypass(h.database, async (tx) => {
        await h.database.rows(sql`delete from audit_log`, tx);
        await h.database.rows(sql`insert into audit_log select * from audit_snapshot`, tx);
      });
      await h.database.rows(sql`drop table audit_snapshot`);
      writeFileSync(anchorsFile(), anchors);
    }
    expect(await verifyChain(h.database)).toMatchObject({ ok: true, firstBroken: null });
  };

  const verify = async () => (await h.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: admin } })).json();

  it('R35: every change appends an SM3-chained entry and the chain verifies', async () => {
    const before = Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n);
    const e = (await h.app.inject({ method: 'GET', url: '/api/enterprises?pageSize=1', headers: { cookie: admin } })).json().items[0];
    const res = await h.app.inject({ method: 'PATCH', url: `/api/enterprises/${e.id}`, headers: { cookie: admin }, payload: { version: e.version, contactPhone: '13912345678' } });
    expect(res.statusCode).toBe(200);
    await sealAudit(h.database);
    const rows = await h.database.rows<{ hash: string; prev_hash: string; entity_type: string; actor_name: string }>(sql`select * from audit_log order by seq desc limit 2`);
    expect(Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n)).toBe(before + 1);
    expect(rows[0]).toMatchObject({ entity_type: 'enterprise', actor_name: '系统管理员' });
    expect(rows[0]!.prev_hash).toBe(rows[1]!.hash);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const v = await verify();
    expect(v.ok).toBe(true);
    expect(v.checked).toBe(before + 1);
    expect(v.firstBroken).toBeNull();
    expect(v.unsealed).toEqual({ count: 0, oldestAt: null });
  });

  const count = async (where = sql`true`) => Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where ${where}`))[0]!.n);

  it('R35: 20 concurrent audited commands do not wait on one another and are all sealed into one unbroken chain', async () => {
    const before = await count();
    const list = (await h.app.inject({ method: 'GET', url: '/api/enterprises?pageSize=20', headers: { cookie: admin } })).json().items;
    expect(list).toHaveLength(20);
    const results = await Promise.all(
      list.map((e: { id: number; version: number }, i: number) =>
        h.app.inject({ method: 'PATCH', url: `/api/enterprises/${e.id}`, headers: { cookie: admin }, payload: { version: e.version, contactPhone: `139000000${String(i).padStart(2, '0')}` } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    // every change has its entry as soon as it committed, sealed or not
    expect(await count()).toBe(before + 20);
    await sealAudit(h.database);
    expect(await count(sql`seq is null`)).toBe(0);
    const seqs = (await h.database.rows<{ seq: number }>(sql`select seq from audit_log order by seq`)).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
    const v = await verifyChain(h.database);
    expect(v).toMatchObject({ ok: true, checked: before + 20, firstBroken: null, unsealed: { count: 0 } });
  });

  it('R35: an entry is written in the transaction of its change — a rolled-back command leaves no entry', async () => {
    const [e] = await h.database.rows<{ id: number; contact_phone: string }>(sql`select id, contact_phone from enterprises order by id limit 1`);
    const before = await count();
    const err = await h.database.db
      .transaction(async (tx) => {
        await h.database.rows(sql`update enterprises set contact_phone = '13800000000' where id = ${e!.id}`, tx);
        await appendAudit(h.database, tx, { id: null, name: '测试' }, [{ action: 'update', entityType: 'enterprise', entityId: e!.id, before: { contactPhone: e!.contact_phone }, after: { contactPhone: '13800000000' } }]);
        // inside the transaction the entry is there, unsealed
        expect(Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where seq is null`, tx))[0]!.n)).toBe(1);
        throw new Error('后续步骤失败，整个命令回滚');
      })
      .catch((x: Error) => x);
    expect(err).toBeInstanceOf(Error);
    await sealAudit(h.database);
    expect(await count()).toBe(before);
    const [after] = await h.database.rows<{ contact_phone: string }>(sql`select contact_phone from enterprises where id = ${e!.id}`);
    expect(after!.contact_phone).toBe(e!.contact_phone);
    expect((await verifyChain(h.database)).ok).toBe(true);
  });

  it('R35: an entry whose before/after hold dates, nulls, undefined, nesting and quotes is stored as hashed and verifies', async () => {
    const awkward = {
      when: new Date('2026-12-02T08:00:00.123Z'),
      gone: undefined,
      none: null,
      text: '引号"与反斜杠\\、换行\n',
      list: [1, undefined, { b: 2, a: [true, false] }],
      n: -0,
      big: 1e21,
    };
    await h.database.db.transaction((tx) =>
      appendAudit(h.database, tx, { id: null, name: '测试' }, [
        { action: 'update', entityType: 'enterprise', entityId: 'awkward', before: awkward, after: { ...awkward, when: '2026-12-03' } },
        { action: 'create', entityType: 'enterprise', entityId: 'no-before', after: { z: 1, a: 2 } },
      ]),
    );
    const rows = await h.database.rows<{ before: unknown; after: unknown }>(sql`select before, after from audit_log where entity_id in ('awkward', 'no-before') order by id`);
    // stored as JSON would give it back: the date as its ISO text, undefined left out (null in an array)
    expect(rows[0]!.before).toEqual({ when: '2026-12-02T08:00:00.123Z', none: null, text: '引号"与反斜杠\\、换行\n', list: [1, null, { b: 2, a: [true, false] }], n: 0, big: 1e21 });
    expect(rows[1]!.before).toBeNull();
    const v = await verifyChain(h.database);
    expect(v.ok).toBe(true);
  });

  it('R35: the content text an entry is hashed over is the canonical JSON of its fields', () => {
    const f = { at: '2026-12-02T08:00:00.000Z', actorId: 7, actorName: '张"三', action: 'update', entityType: 'enterprise', entityId: '12', regionCode: '330106', reason: null, before: { b: 1, a: [new Date(0)] }, after: null };
    expect(contentJson(f, canonicalJson(f.before), canonicalJson(f.after))).toBe(canonicalJson(f));
    expect(contentJson({ ...f, actorId: null, reason: '批量导入' }, 'null', '{}')).toBe(canonicalJson({ ...f, actorId: null, reason: '批量导入', before: null, after: {} }));
  });

  it('R35: verify reports entries awaiting sealing apart from breaks; the sealer (at start, on its timer) seals them', async () => {
    // an entry committed by a process that stopped before sealing it: written, never kicked
    const at = new Date(Date.now() - 5000).toISOString();
    const content = { at, actorId: null, actorName: '测试', action: 'update', entityType: 'test', entityId: '1', regionCode: '', reason: null, before: null, after: { n: 1 } };
    const [{ id }] = (await h.database.rows<{ id: number }>(sql`select nextval('audit_log_seq') as id`)) as [{ id: number }];
    const digest = entryDigest(content);
    await h.database.rows(
      sql`insert into audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, digest, mac)
          values (${id}, ${at}, null, '测试', 'update', 'test', '1', '', null, null, ${JSON.stringify({ n: 1 })}::jsonb, ${digest}, ${entryMac(keyOf(), Number(id), digest)})`,
    );
    const waiting = await verifyChain(h.database, { seal: false });
    expect(waiting.ok).toBe(true);
    expect(waiting.unsealed.count).toBe(1);
    expect(waiting.unsealed.oldestAt).toBe(at);
    const checked = waiting.checked;
    // a server process's sealer seals it without any new commit: at start, then on its timer
    const stop = startAuditSealer(h.database, 50);
    try {
      for (let i = 0; i < 100 && (await count(sql`seq is null`)) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await stop();
    }
    const v = await verifyChain(h.database, { seal: false });
    expect(v).toMatchObject({ ok: true, checked: checked + 1, unsealed: { count: 0, oldestAt: null } });
    // the API says the same
    const api = await verify();
    expect(api).toMatchObject({ ok: true, checked: checked + 1, unsealed: { count: 0, oldestAt: null } });
  });

  it('R35: truncation — the last entries removed by a superuser with the triggers off — is detected by the anchors', async () => {
    await tampered(async () => {
      const { seq } = await head();
      await bypass(h.database, (tx) => h.database.rows(sql`delete from audit_log where seq > ${seq - 2}`, tx));
      const v = await verify();
      expect(v).toMatchObject({ ok: false, checked: seq - 2, firstBroken: { seq: seq - 1, id: null, kind: 'TRUNCATED' } });
      expect(v.firstBroken.reason).toContain('末尾的记录被删除');
      expect(v.anchors.latest).toMatchObject({ seq });
    });
  });

  it('R35: replay — an earlier copy of the log put back and written on — is detected by the anchors', async () => {
    await tampered(async () => {
      const earlier = await head();
      await h.database.rows(sql`drop table if exists audit_earlier`);
      await h.database.rows(sql`create table audit_earlier as select * from audit_log`);
      await write(2, 'replay-original');
      // the earlier copy put back, then the application writes on: the chain is whole again, as long as before
      await bypass(h.database, async (tx) => {
        await h.database.rows(sql`delete from audit_log`, tx);
        await h.database.rows(sql`insert into audit_log select * from audit_earlier`, tx);
      });
      await h.database.rows(sql`drop table audit_earlier`);
      await write(2, 'replay-rewritten');
      const v = await verifyChain(h.database);
      expect(v).toMatchObject({ ok: false, firstBroken: { seq: earlier.seq + 2, id: await entryAt(earlier.seq + 2), kind: 'ANCHOR' } });
    });
  });

  it('R35: an edited entry is detected — its content alone, or with its digest and the links after it re-computed', async () => {
    await tampered(async () => {
      const [t] = await h.database.rows<{ id: number; seq: number }>(sql`select id, seq from audit_log where entity_type = 'enterprise' order by seq desc limit 1 offset 5`);
      const seq = Number(t!.seq);
      await bypass(h.database, (tx) => h.database.rows(sql`update audit_log set after = jsonb_set(after, '{name}', '"篡改后的名称"') where id = ${t!.id}`, tx));
      let v = await verify();
      expect(v).toMatchObject({ ok: false, firstBroken: { seq, id: Number(t!.id), kind: 'CONTENT' } });
      expect(v.firstBroken.reason).toContain('篡改');
      await bypass(h.database, async (tx) => {
        const [row] = await h.database.rows(sql`select * from audit_log where id = ${t!.id}`, tx);
        await h.database.rows(sql`update audit_log set digest = ${entryDigest(contentOf(row!))} where id = ${t!.id}`, tx);
        await relinkFrom(h.database, tx, seq);
      });
      v = await verifyChain(h.database);
      expect(v).toMatchObject({ ok: false, firstBroken: { seq, id: Number(t!.id), kind: 'SIGNATURE' } });
    });
  });

  it('R35: a deleted entry is detected — also with the entries after it renumbered and re-linked', async () => {
    await tampered(async () => {
      const seq = (await head()).seq - 5;
      const next = await entryAt(seq + 1);
      await bypass(h.database, (tx) => h.database.rows(sql`delete from audit_log where seq = ${seq}`, tx));
      let v = await verifyChain(h.database);
      expect(v).toMatchObject({ ok: false, firstBroken: { seq, id: next, kind: 'GAP' } });
      await bypass(h.database, async (tx) => {
        await h.database.rows(sql`update audit_log set seq = -seq where seq > ${seq}`, tx);
        await h.database.rows(sql`update audit_log set seq = -seq - 1 where seq < 0`, tx);
        await relinkFrom(h.database, tx, seq);
      });
      v = await verifyChain(h.database);
      expect(v).toMatchObject({ ok: false, firstBroken: { seq, id: next, kind: 'HASH' } });
    });
  });

  const COPY_COLUMNS = sql.raw('at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, digest, mac');

  it('R35: an entry the application did not write — a copy of an entry, or a forged one — is detected, though sealed', async () => {
    // a copy of an existing entry inserted unsealed (the database lets anyone insert an unsealed entry): sealed, named
    await tampered(async () => {
      const [orig] = await h.database.rows<{ id: number }>(sql`select id from audit_log where entity_type = 'enterprise' order by seq desc limit 1`);
      const [copy] = await h.database.rows<{ id: number }>(sql`insert into audit_log (${COPY_COLUMNS}) select ${COPY_COLUMNS} from audit_log where id = ${orig!.id} returning id`);
      const v = await verify();
      const sealed = await head();
      expect(sealed.id).toBe(Number(copy!.id));
      expect(v).toMatchObject({ ok: false, firstBroken: { seq: sealed.seq, id: Number(copy!.id), kind: 'SIGNATURE' } });
      expect(v.firstBroken.reason).toContain('不是本系统写入的');
    });
    // a made-up entry with a correct digest (the formula is public) and a signature guessed
    await tampered(async () => {
      const content = { at: new Date().toISOString(), actorId: null, actorName: '系统管理员', action: 'delete', entityType: 'enterprise', entityId: '1', regionCode: '', reason: '伪造', before: null, after: null };
      const [forged] = await h.database.rows<{ id: number }>(
        sql`insert into audit_log (at, actor_name, action, entity_type, entity_id, region_code, reason, digest, mac)
            values (${content.at}, ${content.actorName}, 'delete', 'enterprise', '1', '', '伪造', ${entryDigest(content)}, ${'ab'.repeat(32)}) returning id`,
      );
      const v = await verifyChain(h.database);
      expect(v).toMatchObject({ ok: false, firstBroken: { seq: (await head()).seq, id: Number(forged!.id), kind: 'SIGNATURE' } });
    });
  });

  it('R35: reordered entries are detected — swapped with their hashes, or swapped and re-linked', async () => {
    await tampered(async () => {
      const k = (await head()).seq - 4;
      const [a, b] = [await entryAt(k), await entryAt(k + 1)];
      await bypass(h.database, async (tx) => {
        await h.database.rows(sql`update audit_log set seq = -seq where id in (${a}, ${b})`, tx);
        await h.database.rows(sql`update audit_log set seq = ${k + 1} where id = ${a}`, tx);
        await h.database.rows(sql`update audit_log set seq = ${k} where id = ${b}`, tx);
      });
      let v = await verifyChain(h.database);
      expect(v).toMatchObject({ ok: false, firstBroken: { seq: k, id: b, kind: 'LINK' } });
      await bypass(h.database, (tx) => relinkFrom(h.database, tx, k));
      v = await verifyChain(h.database);
      expect(v).toMatchObject({ ok: false, firstBroken: { seq: k, id: b, kind: 'HASH' } });
    });
  });

  it('R35: the database refuses UPDATE, DELETE and TRUNCATE of the log and INSERT of sealed entries; the sealer still seals', async () => {
    const refused = async (q: ReturnType<typeof sql>) => {
      const err = (await h.database.rows(q).then(
        () => null,
        (x: Error) => x,
      )) as (Error & { cause?: Error }) | null;
      expect(err).toBeInstanceOf(Error);
      expect(String(err!.cause?.message ?? err!.message)).toMatch(/审计记录/);
    };
    await tampered(async () => {
      const before = await count();
      const top = await head();
      await refused(sql`update audit_log set reason = '改写' where id = ${top.id}`);
      await refused(sql`update audit_log set seq = seq + 1000 where id = ${top.id}`);
      await refused(sql`update audit_log set hash = ${GENESIS_HASH}`);
      await refused(sql`delete from audit_log where id = ${top.id}`);
      await refused(sql`delete from audit_log where seq > ${top.seq - 2}`);
      await refused(sql`truncate audit_log`);
      await refused(sql`insert into audit_log (${COPY_COLUMNS}, seq, prev_hash, hash) select ${COPY_COLUMNS}, ${top.seq + 1}, ${top.hash}, ${GENESIS_HASH} from audit_log where id = ${top.id}`);
      await refused(sql`update audit_chain set keyed_from_seq = keyed_from_seq + 1000`);
      await refused(sql`delete from audit_chain`);
      // an entry waiting to be sealed can be sealed and nothing else
      const [waiting] = await h.database.rows<{ id: number }>(sql`insert into audit_log (${COPY_COLUMNS}) select ${COPY_COLUMNS} from audit_log where id = ${top.id} returning id`);
      await refused(sql`update audit_log set reason = '改写' where id = ${waiting!.id}`);
      await refused(sql`update audit_log set seq = ${top.seq + 1}, prev_hash = ${top.hash}, hash = ${GENESIS_HASH}, actor_name = '他人' where id = ${waiting!.id}`);
      await refused(sql`delete from audit_log where id = ${waiting!.id}`);
      expect(await count()).toBe(before + 1);
      expect(await head()).toEqual(top);
      await sealAudit(h.database);
      expect(await count(sql`seq is null`)).toBe(0);
      expect((await head()).seq).toBe(top.seq + 1);
    });
    // and the application's own entries go on being sealed into a chain that verifies
    await write(3, 'after-refusals');
    expect(await verifyChain(h.database)).toMatchObject({ ok: true, firstBroken: null, unsealed: { count: 0 } });
  });

  it('R35: the chain head is anchored outside the database each time entries are sealed, and can be exported', async () => {
    await write(2, 'anchor');
    const top = await head();
    const lines = readFileSync(anchorsFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ seq: top.seq, hash: top.hash });
    expect(Date.parse(lines.at(-1).at)).not.toBeNaN();
    const a = await h.app.inject({ method: 'GET', url: '/api/audit/anchor', headers: { cookie: admin } });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ latest: { seq: top.seq, hash: top.hash }, count: lines.length });
    const file = await h.app.inject({ method: 'GET', url: '/api/audit/anchors', headers: { cookie: admin } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.body).toBe(readFileSync(anchorsFile(), 'utf8'));
    const officer = await h.login('county.officer');
    expect((await h.app.inject({ method: 'GET', url: '/api/audit/anchor', headers: { cookie: officer } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/audit/anchors', headers: { cookie: officer } })).statusCode).toBe(403);
    // the key lives beside the anchors, readable by the server's user only, and is not in the database
    const keyFile = path.join(h.ctx.config.dataDir, 'audit', 'key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = keyOf().toString('hex');
    const [dump] = await h.database.rows<{ t: string }>(sql`select string_agg(t::text, '') as t from (select a::text as t from audit_log a union all select c::text from audit_chain c) x`);
    expect(dump!.t).not.toContain(key);
  });

  it('R35: only administrators and oversight may verify; the log lists changes with actor and time', async () => {
    const oversight = await h.login('oversight');
    expect((await h.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: oversight } })).statusCode).toBe(200);
    const list = await h.app.inject({ method: 'GET', url: '/api/audit?entityType=enterprise&pageSize=5', headers: { cookie: oversight } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(5);
    for (const e of list.json().items) {
      expect(e.entityType).toBe('enterprise');
      expect(e.actorName).toBeTruthy();
      expect(Date.parse(e.at)).not.toBeNaN();
    }
  });
});

describe('audit chain across migration 0010', () => {
  it('R35: a log chained before the sealer keeps verifying after the migration, and new entries chain on after it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anjian-audit-'));
    const store = await createTestDatabase(dbKinds[0]!);
    // the migrations up to 0009: the log as it was, each entry hashed by its writer under the chain lock, in id order
    const before0010 = path.join(dir, 'drizzle');
    cpSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../drizzle'), before0010, { recursive: true });
    const journalFile = path.join(before0010, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx < 10);
    writeFileSync(journalFile, JSON.stringify(journal));
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const old = new pg.Client({ connectionString: store.url });
    await old.connect();
    await migrate(drizzle(old), { migrationsFolder: before0010 });
    // the hash of the writer before 0010, spelled out: SM3(prevHash | canonical entry incl. id)
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('@anjian/domain');
    let prev = GENESIS_HASH;
    for (let i = 1; i <= 5; i++) {
      const id = (await old.query<{ id: number }>(`select nextval('audit_log_seq')::int as id`)).rows[0]!.id;
      const f = { id, at: new Date(Date.UTC(2026, 0, i)).toISOString(), actorId: null, actorName: '系统初始化', action: 'create', entityType: 'agency', entityId: String(i), regionCode: '33', reason: null, before: null, after: { name: `机构${i}`, level: 'county' } };
      const hash = createHash('sm3').update(prev).update('|').update(canonicalJson(f)).digest('hex');
      expect(legacyEntryHash(prev, f)).toBe(hash);
      await old.query(
        `insert into audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, prev_hash, hash)
         values ($1, $2, null, $3, $4, $5, $6, $7, null, null, $8, $9, $10)`,
        [id, f.at, f.actorName, f.action, f.entityType, f.entityId, f.regionCode, JSON.stringify(f.after), prev, hash],
      );
      prev = hash;
    }
    await old.end();

    const database = await openDatabase({ url: store.url }); // applies 0010
    try {
      await openAuditTrail(database, { dataDir: dir });
      const [chain] = await database.rows<{ keyed_from_seq: number }>(sql`select keyed_from_seq from audit_chain`);
      expect(Number(chain!.keyed_from_seq)).toBe(6);
      const rows = await database.rows<{ seq: number; digest: string | null }>(sql`select seq, digest from audit_log order by id`);
      expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
      expect(rows.every((r) => r.digest === null)).toBe(true);
      expect(await verifyChain(database)).toMatchObject({ ok: true, checked: 5, firstBroken: null });
      await database.db.transaction((tx) =>
        appendAudit(database, tx, { id: null, name: '测试' }, [
          { action: 'update', entityType: 'agency', entityId: 1, before: { name: '机构1' }, after: { name: '机构一' } },
          { action: 'update', entityType: 'agency', entityId: 2, before: { name: '机构2' }, after: { name: '机构二' } },
        ]),
      );
      expect(await verifyChain(database)).toMatchObject({ ok: true, checked: 7, firstBroken: null });
      const [sixth] = await database.rows<{ id: number; prev_hash: string }>(sql`select id, prev_hash from audit_log where seq = 6`);
      expect(sixth!.prev_hash).toBe(prev);
      // an old entry changed (by a superuser, the triggers off) is still caught
      await bypass(database, (tx) => database.rows(sql`update audit_log set after = '{"name": "篡改", "level": "county"}' where seq = 3`, tx));
      const r = await verifyChain(database);
      expect(r).toMatchObject({ ok: false, firstBroken: { seq: 3, kind: 'CONTENT' } });
      expect(r.firstBroken!.reason).toContain('篡改');
      await bypass(database, (tx) => database.rows(sql`update audit_log set after = '{"name": "机构3", "level": "county"}' where seq = 3`, tx));
      expect((await verifyChain(database)).ok).toBe(true);
      // a new entry stripped of its digest and signature does not pass for an old one
      await bypass(database, (tx) => database.rows(sql`update audit_log set digest = null, mac = null where seq = 6`, tx));
      const s = await verifyChain(database);
      expect(s).toMatchObject({ ok: false, firstBroken: { seq: 6, id: Number(sixth!.id), kind: 'SIGNATURE' } });
    } finally {
      await database.close();
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('audit chain key', () => {
  it('R35: the key is kept outside the database; a server with another key refuses to start, the same key given as AUDIT_KEY is accepted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anjian-audit-key-'));
    const store = await createTestDatabase(dbKinds[0]!);
    const [first, second] = [path.join(dir, 'first'), path.join(dir, 'second')];
    try {
      let database = await openDatabase({ url: store.url });
      try {
        await openAuditTrail(database, { dataDir: first });
        await database.db.transaction((tx) => appendAudit(database, tx, { id: null, name: '测试' }, [{ action: 'create', entityType: 'test', entityId: 1, after: { n: 1 } }]));
        expect(await verifyChain(database)).toMatchObject({ ok: true, checked: 1 });
      } finally {
        await database.close();
      }
      const key = readFileSync(path.join(first, 'audit', 'key'), 'utf8').trim();
      database = await openDatabase({ url: store.url });
      try {
        // another data directory makes a key of its own, which does not match the chain's
        await expect(openAuditTrail(database, { dataDir: second })).rejects.toThrow(/密钥与数据库中审计链登记的密钥不一致/);
        await expect(openAuditTrail(database, { dataDir: second, auditKey: 'abc' })).rejects.toThrow(/64 位十六进制/);
        await openAuditTrail(database, { dataDir: second, auditKey: key });
        expect(await verifyChain(database)).toMatchObject({ ok: true, checked: 1, anchors: { count: 1, latest: { seq: 1 } } });
      } finally {
        await database.close();
      }
    } finally {
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
