import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, dbKinds, type Harness } from './harness.js';
import { bulkCopy, bulkInsert, bulkInsertSql, JsonText, StatementQueue, type BulkColumn } from '../src/lib/bulk.js';

// The bulk path writes imports (R2), plans (R6–R9) and audit entries (R35): every value must arrive exactly as given.
describe.each(dbKinds)('bulk writes on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 0 });
    await h.database.rows(sql`create table bulk_probe (id serial primary key, t text, n bigint, b boolean, d date, j jsonb, k jsonb)`);
  });
  afterAll(() => h?.close());

  type Row = { t: string | null; n: number | null; b: boolean | null; d: string | null; j: unknown; k: readonly string[] };
  const shared = Object.freeze(['有重大危险源1处', '引号"与反斜杠\\']);
  const other = Object.freeze(['黄码企业：风险等级较高']);
  const columns: BulkColumn<Row>[] = [
    { name: 't', type: 'text', value: (r) => r.t },
    { name: 'n', type: 'bigint', value: (r) => r.n },
    { name: 'b', type: 'boolean', value: (r) => r.b },
    { name: 'd', type: 'date', value: (r) => r.d },
    { name: 'j', type: 'jsonb', value: (r) => r.j },
    { name: 'k', type: 'jsonb', value: (r) => r.k }, // one object shared by many rows (serialised once per literal)
  ];
  const rows: Row[] = [
    { t: '普通文本', n: 1, b: true, d: '2027-01-04', j: { a: 1, s: 'x' }, k: shared },
    { t: 'a "quoted", {braced} \\ back\\slash', n: -42, b: false, d: null, j: 'a string, not JSON text', k: other },
    { t: 'NULL', n: 9_007_199_254_740_991, b: null, d: '2026-02-28', j: new JsonText('{"pre":"serialised"}'), k: shared },
    { t: '', n: null, b: true, d: '2026-12-31', j: [1, 'two', null], k: shared },
    { t: null, n: 0, b: false, d: '2026-10-10', j: 3.5, k: other },
    // codes go into the literal unquoted — except the word NULL in any case
    { t: 'null', n: 2, b: true, d: '2027-02-01', j: null, k: other },
    { t: 'Null', n: 3, b: true, d: '2027-02-02', j: 'NULL', k: shared },
    { t: '330106001', n: 4, b: false, d: '2027-02-03', j: {}, k: shared },
    { t: 'spot_check-2.0:a+b', n: 5, b: false, d: '2027-02-04', j: [], k: other },
    { t: 'NULLS', n: 6, b: false, d: '2027-02-05', j: 0, k: other },
    { t: 'tab\there\nnew line\r\\N end\\', n: 7, b: true, d: null, j: { s: 'tab\tand\\back' }, k: other },
    { t: '\\N', n: 8, b: false, d: null, j: true, k: shared },
  ];

  it('R2/R35: text with quotes, backslashes, braces and the word NULL in any case, bare codes, numbers, nulls and jsonb arrive exactly, also an object shared by several rows', async () => {
    await bulkInsert(h.database, h.database.db, 'bulk_probe', columns, rows, sql``, 2); // several chunks
    const statement = bulkInsertSql('bulk_probe', columns, rows);
    expect(statement).not.toBeNull();
    await h.database.rows(statement!);
    const back = await h.database.rows<Record<string, unknown>>(sql`select t, n, b, to_char(d, 'YYYY-MM-DD') as d, j, k from bulk_probe order by id`);
    const expected = rows.map((r) => ({ ...r, j: r.j instanceof JsonText ? JSON.parse(r.j.text) : r.j, k: [...r.k] }));
    expect(back.map((r) => ({ ...r, n: r.n === null ? null : Number(r.n) }))).toEqual([...expected, ...expected]);
    expect(bulkInsertSql('bulk_probe', columns, [])).toBeNull();
  });

  it('R2/R6: COPY writes the same rows exactly (tabs, newlines, backslashes, \\N as text, nulls, jsonb), as a step of the queue', async () => {
    await h.database.rows(sql`delete from bulk_probe`);
    await h.database.db.transaction(async (tx) => {
      const queue = new StatementQueue(h.database, tx);
      queue.send(bulkCopy('bulk_probe', columns, rows.slice(0, 3)));
      queue.send(bulkInsertSql('bulk_probe', columns, rows.slice(3, 5)));
      queue.send(bulkCopy('bulk_probe', columns, rows.slice(5)));
      queue.send(bulkCopy('bulk_probe', columns, []));
      await queue.drain();
    });
    const back = await h.database.rows<Record<string, unknown>>(sql`select t, n, b, to_char(d, 'YYYY-MM-DD') as d, j, k from bulk_probe order by id`);
    const expected = rows.map((r) => ({ ...r, j: r.j instanceof JsonText ? JSON.parse(r.j.text) : r.j, k: [...r.k] }));
    expect(back.map((r) => ({ ...r, n: r.n === null ? null : Number(r.n) }))).toEqual(expected);
    // a failing COPY (a date that is no date) rolls the transaction back
    await h.database.rows(sql`delete from bulk_probe`);
    await expect(
      h.database.db.transaction(async (tx) => {
        const queue = new StatementQueue(h.database, tx);
        queue.send(bulkCopy('bulk_probe', columns, rows.slice(0, 2)));
        queue.send(bulkCopy('bulk_probe', columns, [{ ...rows[0]!, d: '2027-02-30' }]));
        await queue.drain();
      }),
    ).rejects.toThrow();
    expect(await h.database.rows(sql`select * from bulk_probe`)).toHaveLength(0);
  });

  it('R35: queued statements run in order; after a failure nothing more is sent and the queue reports it', async () => {
    await h.database.rows(sql`delete from bulk_probe`);
    await expect(
      h.database.db.transaction(async (tx) => {
        const queue = new StatementQueue(h.database, tx);
        queue.send(bulkInsertSql('bulk_probe', columns, rows.slice(0, 2)));
        queue.send(sql`select 1 / 0`);
        queue.send(bulkInsertSql('bulk_probe', columns, rows.slice(2)));
        await queue.drain();
      }),
    ).rejects.toThrow();
    expect((await h.database.rows(sql`select * from bulk_probe`)).length).toBe(0);
    await h.database.db.transaction(async (tx) => {
      const queue = new StatementQueue(h.database, tx);
      for (const r of rows) queue.send(bulkInsertSql('bulk_probe', columns, [r]));
      await queue.drain(1);
      await queue.drain();
    });
    expect((await h.database.rows<{ t: string | null }>(sql`select t from bulk_probe order by id`)).map((r) => r.t)).toEqual(rows.map((r) => r.t));
  });
});
