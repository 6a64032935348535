import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, dbKinds, type Harness } from './harness.js';
import { verifyChain } from '../src/modules/audit/chain.js';

describe.each(dbKinds)('audit chain on %s', (kind) => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 150 });
    admin = await h.login('admin');
  });
  afterAll(() => h?.close());

  const verify = async () => (await h.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: admin } })).json();

  it('R35: every change appends an SM3-chained entry and the chain verifies', async () => {
    const before = Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n);
    const e = (await h.app.inject({ method: 'GET', url: '/api/enterprises?pageSize=1', headers: { cookie: admin } })).json().items[0];
    const res = await h.app.inject({ method: 'PATCH', url: `/api/enterprises/${e.id}`, headers: { cookie: admin }, payload: { version: e.version, contactPhone: '13912345678' } });
    expect(res.statusCode).toBe(200);
    const rows = await h.database.rows<{ hash: string; prev_hash: string; entity_type: string; actor_name: string }>(sql`select * from audit_log order by id desc limit 2`);
    expect(Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n)).toBe(before + 1);
    expect(rows[0]).toMatchObject({ entity_type: 'enterprise', actor_name: '系统管理员' });
    expect(rows[0]!.prev_hash).toBe(rows[1]!.hash);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const v = await verify();
    expect(v.ok).toBe(true);
    expect(v.checked).toBe(before + 1);
    expect(v.firstBroken).toBeNull();
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

  it('R35: a deleted row is detected at the entry after it', async () => {
    const rows = await h.database.rows<{ id: number }>(sql`select id from audit_log order by id desc limit 3`);
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
