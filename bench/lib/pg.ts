// A throwaway PostgreSQL database per benchmark run, created from the admin connection in DATABASE_URL
// (like packages/server/test/harness.ts) and dropped at the end unless KEEP_DB=1.
import pg from 'pg';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `${prefix}_${stamp}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return scratchAt(adminUrl, name);
}

/**
 * R35: the audit key of benchmark databases — fixed, so that a reused database (BENCH_DB) opens again whatever data
 * directory the run uses. A benchmark's chain protects nothing.
 */
export const BENCH_AUDIT_KEY = 'b'.repeat(64);

/** A database kept by an earlier run (KEEP_DB=1), addressed like createScratchDatabase's, dropped the same way. */
export function existingDatabase(name: string): ScratchDatabase {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name: ${name}`);
  return scratchAt(process.env.DATABASE_URL || DEFAULT_ADMIN_URL, name);
}

/** Database `name` on the server of `adminUrl`, dropped (its sessions ended) through the admin connection. */
function scratchAt(adminUrl: string, name: string): ScratchDatabase {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
