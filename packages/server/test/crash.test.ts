// R1/R35 (issue #14): `kill -9` of the server at any moment — mid-import, under concurrent writes, during the daily
// jobs — never leaves the store unopenable and never loses an acknowledged write; the audit chain still verifies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds } from './harness.js';
import { postgresProcessesOf, runCrashCycles } from './crashCycles.js';

describe.each(dbKinds)('crash safety on %s', (kind) => {
  // (embedded store: a second server on the same DATA_DIR refuses to start, in Chinese, and the first keeps answering)
  it('R35: after kill -9 during an import commit, concurrent writes and the daily jobs, the server reopens with every acknowledged write and a verified audit chain', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'anjian-crash-'));
    const db = kind === 'postgres' ? await createTestDatabase('postgres') : null;
    try {
      const results = await runCrashCycles({ dataDir, databaseUrl: db?.url, cycles: 3, seed: 20261206, importRows: 20_000, nightlyEvery: 3, secondInstance: kind === 'embedded' });
      expect(results.map((r) => r.phase)).toEqual(['import commit', 'import commit', 'daily jobs']);
      for (const r of results) {
        expect(r.acknowledged).toBeGreaterThan(0);
        expect(r.auditChecked).toBeGreaterThan(0);
      }
      // the server stopped its embedded PostgreSQL on the way out, including the one it adopted after a kill
      expect(postgresProcessesOf(dataDir)).toEqual([]);
    } finally {
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 900_000);
});
