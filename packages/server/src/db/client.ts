// One driver (node-postgres) for both stores: the embedded PostgreSQL server in DATA_DIR (db/embedded.ts) by default,
// a PostgreSQL server of the bureau's own when DATABASE_URL is set.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** embedded: the server `npm start` runs in DATA_DIR/postgres; postgres: a server given by DATABASE_URL */
export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** the connection URL (the embedded server's socket, or DATABASE_URL): backups open their own connection by it */
  url: string;
  /** raw rows of a query, the same shape on both drivers */
  rows<T = Record<string, unknown>>(query: SQL, executor?: Db): Promise<T[]>;
  /**
   * COPY <table> (<columns>) FROM STDIN of `text` (COPY's text format) inside the transaction `tx`: PostgreSQL stores
   * rows this way at about half the cost of INSERT … SELECT FROM unnest(arrays) (measured on plan entries).
   */
  copyFrom(table: string, columns: readonly string[], text: string, tx: Db): Promise<void>;
  /**
   * Runs `fn` once the transaction of `tx` has committed (never after a rollback). For a handle this database did not
   * hand out (none today), `fn` runs on the next turn of the event loop instead. A promise `fn` returns is awaited by
   * close() (its rejection is the hook's to handle).
   */
  afterCommit(tx: Db, fn: () => unknown): void;
  /** waits for the after-commit work still running, then closes */
  close(): Promise<void>;
}

/**
 * `db.transaction` (and the savepoints of its handles) remembers the hooks registered on each handle and runs them after
 * COMMIT. Every command of the server opens its transaction through `database.db.transaction`, so this is the one
 * place that knows when a command's rows became visible to others (the audit sealer is kicked from here).
 */
function installCommitHooks(db: Db): { afterCommit: Database['afterCommit']; settled: () => Promise<unknown> } {
  const hooksOf = new WeakMap<object, (() => unknown)[]>();
  const inflight = new Set<Promise<unknown>>();
  const run = (fn: () => unknown) => {
    try {
      const out = fn();
      if (out instanceof Promise) {
        const p = out.catch(() => undefined).finally(() => inflight.delete(p));
        inflight.add(p);
      }
    } catch (err) {
      console.error('提交后的处理失败', err);
    }
  };
  const track = (tx: Db, hooks: (() => unknown)[]) => {
    hooksOf.set(tx, hooks);
    const savepoint = tx.transaction.bind(tx);
    // a savepoint's hooks wait for the outer COMMIT (a savepoint rolled back alone may still run them: harmless for
    // hooks that only announce "something may have changed")
    tx.transaction = ((body: (inner: Db) => Promise<unknown>, config?: unknown) =>
      savepoint((inner) => {
        track(inner as unknown as Db, hooks);
        return body(inner as unknown as Db);
      }, config as never)) as Db['transaction'];
  };
  const begin = db.transaction.bind(db);
  db.transaction = (async (body: (tx: Db) => Promise<unknown>, config?: unknown) => {
    const hooks: (() => unknown)[] = [];
    const result = await begin((tx) => {
      track(tx as unknown as Db, hooks);
      return body(tx as unknown as Db);
    }, config as never);
    for (const fn of hooks) run(fn);
    return result;
  }) as Db['transaction'];
  return {
    afterCommit: (tx, fn) => {
      const hooks = hooksOf.get(tx);
      if (hooks) hooks.push(fn);
      else setImmediate(() => run(fn));
    },
    settled: () => Promise.allSettled([...inflight]),
  };
}

/** The driver's client behind a drizzle handle (a transaction's connection; the pool for the database itself). */
function sessionClient(handle: Db): unknown {
  return (handle as unknown as { session: { client: unknown } }).session.client;
}

const copyStatement = (table: string, columns: readonly string[]) => `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  /** a PostgreSQL connection string: a server's (DATABASE_URL) or the embedded one's (`ensureEmbedded`) */
  url: string;
  /** what the URL points at, shown on /api/health and at start */
  kind?: DatabaseKind;
  /** pool size */
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const { default: pg } = await import('pg');
  // bigint (count(*), bigserial) as JS numbers: our ids and counts stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // JIT off: the statistics' aggregates are estimated above jit_above_cost at provincial scale, and compiling them
  // costs seconds per call while the queries themselves run in milliseconds
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, options: '-c jit=off' });
  const db = drizzle(pool, { schema }) as unknown as Db;
  await migrate(db as never, { migrationsFolder });
  const hooks = installCommitHooks(db);
  const { from: copyStream } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  return {
    db,
    kind: opts.kind ?? 'postgres',
    url: opts.url,
    rows: async (q, ex) => ((await (ex ?? db).execute(q)) as unknown as { rows: never[] }).rows,
    copyFrom: async (table, columns, text, tx) => {
      const client = sessionClient(tx);
      if (client instanceof pg.Pool) throw new Error('copyFrom needs a transaction');
      const stream = (client as import('pg').PoolClient).query(copyStream(copyStatement(table, columns)));
      await pipeline(Readable.from([text]), stream);
    },
    afterCommit: hooks.afterCommit,
    close: async () => {
      await hooks.settled();
      await pool.end();
    },
  };
}
