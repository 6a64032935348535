import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness, dbKinds, type Harness } from './harness.js';
import { canonicalJson } from '@anjian/domain';
import { appendAudit, contentJson, entryDigest, GENESIS_HASH, legacyEntryHash, sealAudit, startAuditSealer, verifyChain } from '../src/modules/audit/chain.js';
import { openDatabase } from '../src/db/client.js';

describe.each(dbKinds)('audit chain on %s', (kind) => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    // no sealing timer: the tests decide when entries left unsealed get sealed
    h = await createHarness(kind, { enterprises: 150, config: { auditSealIntervalMs: 0 } });
    admin = await h.login('admin');
  });
  afterAll(() => h?.close());

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

  it('R35: a tampered row is detected and named', async () => {
    const [target] = await h.database.rows<{ id: number; after: unknown }>(sql`select id, after from audit_log where entity_type = 'enterprise' order by id limit 1 offset 5`);
    await h.database.rows(sql`update audit_log set after = jsonb_set(after, '{name}', '"篡改后的名称"') where id = ${target!.id}`);
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBroken.id).toBe(Number(target!.id));
    expect(v.firstBroken.reason).toContain('篡改');
    // Putting the original back makes the chain whole again: the hash covers content, not row identity.
    await h.database.rows(sql`update audit_log set after = ${JSON.stringify(target!.after)}::jsonb where id = ${target!.id}`);
    expect((await verify()).ok).toBe(true);
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
    await h.database.rows(
      sql`insert into audit_log (at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, digest)
          values (${at}, null, '测试', 'update', 'test', '1', '', null, null, ${JSON.stringify({ n: 1 })}::jsonb, ${entryDigest(content)})`,
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

  it('R35: reordering sealed entries is detected', async () => {
    type Chained = { id: number; seq: number; prev_hash: string; hash: string };
    // a stands at position k+1, b at k
    const [a, b] = await h.database.rows<Chained>(sql`select id, seq, prev_hash, hash from audit_log order by seq desc limit 2 offset 3`);
    const put = (rows: Chained[]) =>
      h.database.db.transaction(async (tx) => {
        for (const [i, r] of rows.entries()) await h.database.rows(sql`update audit_log set seq = ${-1 - i} where id = ${r.id}`, tx);
        for (const r of rows) await h.database.rows(sql`update audit_log set seq = ${r.seq}, prev_hash = ${r.prev_hash}, hash = ${r.hash} where id = ${r.id}`, tx);
      });
    // the two exchange positions, each keeping its hashes
    await put([{ ...a!, seq: b!.seq }, { ...b!, seq: a!.seq }]);
    let r = await verifyChain(h.database);
    expect(r.ok).toBe(false);
    expect(r.firstBroken!.id).toBe(Number(a!.id));
    expect(r.firstBroken!.reason).toContain('前序哈希不一致');
    // the two exchange positions and hashes (the links then line up): the hash covers position, id and content
    await put([{ ...b!, id: a!.id }, { ...a!, id: b!.id }]);
    r = await verifyChain(h.database);
    expect(r.ok).toBe(false);
    expect(r.firstBroken!.id).toBe(Number(a!.id));
    expect(r.firstBroken!.reason).toContain('内容与哈希不一致');
    await put([a!, b!]);
    expect((await verifyChain(h.database)).ok).toBe(true);
    // a position moved out of line leaves a gap, named as such
    await h.database.rows(sql`update audit_log set seq = seq + 1000000 where id = ${b!.id}`);
    r = await verifyChain(h.database);
    expect(r.ok).toBe(false);
    expect(r.firstBroken!.id).toBe(Number(a!.id));
    expect(r.firstBroken!.reason).toContain('序号不连续');
    await put([a!, b!]);
    expect((await verifyChain(h.database)).ok).toBe(true);
  });

  it('R35: a deleted row is detected at the entry after it', async () => {
    const rows = await h.database.rows<{ id: number }>(sql`select id from audit_log order by seq desc limit 3`);
    await h.database.rows(sql`delete from audit_log where id = ${rows[1]!.id}`);
    const r = await verifyChain(h.database);
    expect(r.ok).toBe(false);
    expect(r.firstBroken!.id).toBe(Number(rows[0]!.id));
    expect(r.firstBroken!.reason).toContain('删除');
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
    const dataDir = path.join(dir, 'pglite');
    // the migrations up to 0009: the log as it was, each entry hashed by its writer under the chain lock, in id order
    const before0010 = path.join(dir, 'drizzle');
    cpSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../drizzle'), before0010, { recursive: true });
    const journalFile = path.join(before0010, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx < 10);
    writeFileSync(journalFile, JSON.stringify(journal));
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const old = await PGlite.create({ dataDir, extensions: { pg_trgm } });
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
    await old.close();

    const database = await openDatabase({ dataDir }); // applies 0010
    try {
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
      // an old entry changed is still caught
      await database.rows(sql`update audit_log set after = '{"name": "篡改", "level": "county"}' where seq = 3`);
      const r = await verifyChain(database);
      expect(r.ok).toBe(false);
      expect(r.firstBroken!.reason).toContain('篡改');
      await database.rows(sql`update audit_log set after = '{"name": "机构3", "level": "county"}' where seq = 3`);
      expect((await verifyChain(database)).ok).toBe(true);
      // a new entry stripped of its digest does not pass for an old one
      await database.rows(sql`update audit_log set digest = null where seq = 6`);
      const s = await verifyChain(database);
      expect(s.ok).toBe(false);
      expect(s.firstBroken!.id).toBe(Number(sixth!.id));
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
