import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { defaultConfig } from '../src/context.js';
import { shanghaiDate } from '../src/lib/diff.js';
import { backupFileName, createBackup, pruneBackups, restoreBackup, type Manifest } from '../src/modules/backup/backup.js';
import { backupJob, runDailyJobs } from '../src/modules/jobs/daily.js';
import { evidencePath, sm3Of, storeEvidence } from '../src/modules/inspection/evidenceStore.js';
import { ADMIN_PASSWORD, createHarness, createTestDatabase, dbKinds, type Harness } from './harness.js';

const root = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
/** The CLI as `npm run restore` runs it; resolves with its exit code and output. */
const cli = (args: string[], env: Record<string, string | undefined>) =>
  run(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/backup.ts', ...args], { cwd: root, env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
const migrate = async (url: string) => (await openDatabase({ url: url, poolSize: 1 })).close();

const tableCounts = async (database: Database, tables: string[]) =>
  Object.fromEntries(await Promise.all(tables.map(async (t) => [t, Number((await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t)}`))[0]!.n)] as const)));

// Backups read PostgreSQL by URL (COPY … TO STDOUT): the databases with a URL.
describe.each(dbKinds)('backup and restore on %s', (kind) => {
  let h: Harness;
  let dataDir: string;
  let target: { url: string; drop: () => Promise<void> };
  let restoredDir: string;
  let backupFile: string;
  let manifest: Manifest;
  const evidence = [Buffer.from('现场照片一'), Buffer.from('现场录音二'), Buffer.from([0, 1, 2, 255, 254])];
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'anjian-backup-src-'));
    restoredDir = await mkdtemp(path.join(os.tmpdir(), 'anjian-backup-dst-'));
    h = await createHarness(kind, { enterprises: 300, config: { dataDir } });
    target = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await h?.close();
    await target?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(restoredDir, { recursive: true, force: true });
  });

  it('R35: the daily backup writes the whole store (every table, evidence and audit files) into one file and records its run', async () => {
    const officer = await h.login('county.officer');
    const [e] = await h.database.rows<{ id: number }>(sql`select id from enterprises where region_code like '330106%' order by id limit 3`);
    for (const facts of ['未按规定对从业人员进行安全生产教育和培训', '安全设备未经常性维护', '未如实记录安全生产教育和培训情况']) {
      const res = await h.app.inject({ method: 'POST', url: '/api/penalty-cases', headers: { cookie: officer }, payload: { enterpriseId: Number(e!.id), facts } });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const b of evidence) await storeEvidence(h.ctx, b);
    await mkdir(path.join(dataDir, 'audit'), { recursive: true });
    await writeFile(path.join(dataDir, 'audit', 'anchor.txt'), '审计链锚点 示例\n');
    await runDailyJobs(h.ctx, shanghaiDate(), () => undefined, [backupJob]);
    const [runRow] = await h.database.rows<{ status: string; summary: string }>(sql`select status, summary from job_runs where job = 'backup'`);
    expect(runRow).toMatchObject({ status: 'succeeded' });
    expect(runRow!.summary).toMatch(/^已写入 anjian-backup-\d{8}-\d{6}\.tar\.gz/);
    backupFile = path.join(dataDir, 'backups', runRow!.summary.match(/anjian-backup-\d{8}-\d{6}\.tar\.gz/)![0]);
    expect(existsSync(backupFile)).toBe(true);
    // the manifest lists every table of the schema, from the catalog
    const restoredCheck = await restoreBackup({ url: target.url, dataDir: restoredDir, file: backupFile, migrate });
    manifest = restoredCheck.manifest;
    const tables = (await h.database.rows<{ t: string }>(sql`select tablename as t from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.t);
    expect(manifest.tables.map((t) => t.table).sort()).toEqual(tables);
    expect(manifest.files.map((f) => f.path)).toContain('files/audit/anchor.txt');
    expect(manifest.files.filter((f) => f.path.startsWith('files/evidence/')).length).toBe(3);
    expect(manifest.migrationLevel).toBeGreaterThan(10);
  }, 120_000);

  it('R35: a backup restored into an empty store has the same rows table by table, its evidence and audit files, and the audit chain verifies', async () => {
    const tables = manifest.tables.map((t) => t.table);
    const restored = await openDatabase({ url: target.url });
    try {
      const src = await tableCounts(h.database, tables);
      // (the backup's own run was already recorded, as running, when the snapshot was taken)
      expect(src).toEqual(Object.fromEntries(manifest.tables.map((t) => [t.table, t.rows])));
      expect(await tableCounts(restored, tables)).toEqual(Object.fromEntries(manifest.tables.map((t) => [t.table, t.rows])));
      expect(src.penalty_cases).toBe(3);
      // a run that was going on at backup time has no result in the restored data, and says so
      expect(await restored.rows(sql`select job, status, error from job_runs`)).toEqual([{ job: 'backup', status: 'failed', error: '备份时该任务正在运行，恢复的数据中没有它的结果' }]);
      expect(src.audit_log).toBeGreaterThan(10);
      for (const b of evidence) {
        const p = evidencePath({ ...h.ctx, config: { ...h.ctx.config, dataDir: restoredDir } }, sm3Of(b));
        expect(sm3Of(await readFile(p))).toBe(sm3Of(b));
      }
      expect(await readFile(path.join(restoredDir, 'audit', 'anchor.txt'), 'utf8')).toBe('审计链锚点 示例\n');
      // sequences continue after the restored rows
      const [s] = await restored.rows<{ next: number; max: number }>(sql`select nextval('audit_log_seq')::bigint as next, (select max(id) from audit_log) as max`);
      expect(Number(s!.next)).toBeGreaterThan(Number(s!.max));
      const app = await buildApp({ database: restored, config: defaultConfig({ dataDir: restoredDir, auditSealIntervalMs: 0 }) });
      try {
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
        expect(login.statusCode).toBe(200);
        const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
        const v = (await app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie } })).json();
        expect(v).toMatchObject({ ok: true, firstBroken: null });
        expect(v.checked).toBeGreaterThanOrEqual(src.audit_log!);
      } finally {
        await app.close();
      }
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('R35: a restore refuses a store that holds data, with a Chinese reason, unless --force', async () => {
    await expect(restoreBackup({ url: target.url, dataDir: restoredDir, file: backupFile, migrate })).rejects.toThrow(/目标数据库或数据目录不是空的.*--force/);
    const forced = await restoreBackup({ url: target.url, dataDir: restoredDir, file: backupFile, migrate, force: true });
    expect(forced.counts).toEqual(Object.fromEntries(manifest.tables.map((t) => [t.table, t.rows])));
    // the CLI says the same and exits non-zero
    const r = await cli(['restore', backupFile], { DATABASE_URL: target.url, DATA_DIR: restoredDir });
    expect(r.code).toBe(1);
    expect(r.out).toContain('目标数据库或数据目录不是空的');
  }, 120_000);

  it('R35: a backup taken while the audit anchors grow (entries sealed meanwhile) restores — every part matches its SM3', async () => {
    const growing = path.join(dataDir, 'audit', 'anchors-growing.jsonl');
    await writeFile(growing, '');
    let writing = true;
    const writer = (async () => {
      for (let seq = 1; writing; seq++) {
        await appendFile(growing, `${JSON.stringify({ seq, hash: 'a'.repeat(64), at: new Date().toISOString() })}\n`);
        await new Promise((r) => setImmediate(r));
      }
    })();
    let out: string;
    try {
      out = (await createBackup({ url: h.database.url, dataDir, outDir: path.join(dataDir, 'backups-growing') })).file;
    } finally {
      writing = false;
      await writer;
    }
    const restored = await restoreBackup({ url: target.url, dataDir: restoredDir, file: out, migrate, force: true });
    expect(restored.manifest.files.map((f) => f.path)).toContain('files/audit/anchors-growing.jsonl');
    await rm(growing, { force: true });
  }, 120_000);
});

describe('backup files', () => {
  it('R35: a file that is not a backup is refused with a Chinese reason and a non-zero exit; without DATABASE_URL the CLI backs up the embedded store', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'anjian-backup-bad-'));
    try {
      const bad = path.join(dir, 'x.tar.gz');
      await writeFile(bad, 'not a backup');
      const migrateNever = async () => {
        throw new Error('must not migrate');
      };
      await expect(restoreBackup({ url: 'postgres://nobody@127.0.0.1:1/none', dataDir: dir, file: bad, migrate: migrateNever })).rejects.toThrow('不是有效的备份文件');
      await expect(restoreBackup({ url: 'postgres://nobody@127.0.0.1:1/none', dataDir: dir, file: path.join(dir, 'missing.tar.gz'), migrate: migrateNever })).rejects.toThrow('备份文件不存在');
      // without DATABASE_URL the CLI backs up DATA_DIR's embedded store (started for it, stopped afterwards)
      const embedded = await cli(['backup'], { DATABASE_URL: '', DATA_DIR: dir });
      expect(embedded.code, embedded.out).toBe(0);
      expect(embedded.out).toContain('备份完成');
      expect((await readdir(path.join(dir, 'backups'))).filter((f) => f.endsWith('.tar.gz'))).toHaveLength(1);
      expect(existsSync(path.join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
      const usage = await cli(['restore'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: dir });
      expect(usage.code).toBe(1);
      expect(usage.out).toContain('用法：npm run restore <备份文件>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('R35: retention deletes backups older than the kept days and always keeps the newest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'anjian-backup-keep-'));
    try {
      const now = Date.now();
      const ages = [10, 8, 6, 1]; // days
      const names = ages.map((d) => backupFileName(new Date(now - d * 86_400_000)));
      for (const [i, n] of names.entries()) {
        await writeFile(path.join(dir, n), 'x');
        const t = new Date(now - ages[i]! * 86_400_000);
        await utimes(path.join(dir, n), t, t);
      }
      await writeFile(path.join(dir, 'other.txt'), 'kept');
      expect(await pruneBackups(dir, 7, now)).toEqual(names.slice(0, 2));
      expect(existsSync(path.join(dir, names[2]!)) && existsSync(path.join(dir, 'other.txt'))).toBe(true);
      // all older than the retention: the newest stays
      expect(await pruneBackups(dir, 1, now + 30 * 86_400_000)).toEqual([names[2]]);
      expect(existsSync(path.join(dir, names[3]!))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
