// One SQL dialect everywhere: PGlite (PostgreSQL in WASM, data in DATA_DIR) by default,
// a PostgreSQL server when DATABASE_URL is set.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** raw rows of a query, the same shape on both drivers */
  rows<T = Record<string, unknown>>(query: SQL, executor?: Db): Promise<T[]>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; undefined = in memory */
  dataDir?: string;
  /** pool size for PostgreSQL */
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let database: Database;
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    // bigint (count(*), bigserial) as JS numbers: our ids and counts stay far below 2^53.
    pg.types.setTypeParser(20, (v) => Number(v));
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = drizzle(pool, { schema }) as unknown as Db;
    await migrate(db as never, { migrationsFolder });
    database = {
      db,
      kind: 'postgres',
      rows: async (q, ex) => ((await (ex ?? db).execute(q)) as unknown as { rows: never[] }).rows,
      close: () => pool.end(),
    };
  } else {
    const { PGlite, types } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const client = await PGlite.create({
      dataDir: opts.dataDir,
      extensions: { pg_trgm },
      parsers: { [types.INT8]: (v: string) => Number(v) },
    });
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const db = drizzle(client, { schema }) as unknown as Db;
    await migrate(db as never, { migrationsFolder });
    database = {
      db,
      kind: 'pglite',
      rows: async (q, ex) => ((await (ex ?? db).execute(q)) as unknown as { rows: never[] }).rows,
      close: () => client.close(),
    };
  }
  return database;
}
