// Backups of the whole store: every table of the database, read in one REPEATABLE READ READ ONLY transaction (one
// consistent state) by COPY … TO STDOUT, the sequences' values, the evidence files (DATA_DIR/evidence) and the audit
// anchor files (DATA_DIR/audit), in one .tar.gz with a manifest (format version, migration level, rows per table,
// SM3 of every part). Logical, inside PostgreSQL: the embedded store ships no pg_dump, and a system pg_dump of
// another major version refuses the server. Tables come from the catalog, so a new table is never missed.
// A restore migrates an empty database to this program's level, loads every table by COPY … FROM STDIN with triggers
// and foreign keys off for the load (session_replication_role = replica: the rows go back exactly as they were,
// sealed audit entries included, in any order — this needs a superuser, which the embedded store and the test
// databases are), sets the sequences and checks the row counts table by table.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import { create as tarCreate, extract as tarExtract } from 'tar';
import { AppError } from '../../lib/errors.js';

export const BACKUP_FORMAT = 'anjian-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** the parts of DATA_DIR that belong to a backup */
const FILE_DIRS = ['evidence', 'audit'] as const;

interface TablePart {
  schema: string;
  table: string;
  columns: string[];
  rows: number;
  file: string;
  sm3: string;
}
interface FilePart {
  path: string;
  size: number;
  sm3: string;
}
export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** migrations applied to the database when it was backed up */
  migrationLevel: number;
  tables: TablePart[];
  sequences: { schema: string; name: string; value: number; isCalled: boolean }[];
  files: FilePart[];
}

const qi = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (schema: string, name: string) => `${qi(schema)}.${qi(name)}`;
/** Tables and sequences of the application: not PostgreSQL's own, not drizzle's migration journal (migrations recreate it). */
const USER_SCHEMA = `n.nspname not in ('pg_catalog', 'information_schema', 'drizzle') and n.nspname not like 'pg\\_%'`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** SM3 of a stream's bytes and its count of newlines (one per row in COPY's text format), passing the bytes on. */
function measure() {
  const hash = createHash('sm3');
  let lines = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      cb(null, chunk);
    },
  });
  return { stream, result: () => ({ sm3: hash.digest('hex'), lines }) };
}

async function sm3OfFile(file: string): Promise<string> {
  const m = measure();
  await pipeline(createReadStream(file), m.stream, async (source: AsyncIterable<unknown>) => {
    for await (const _ of source) void _;
  });
  return m.result().sm3;
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const dir = path.join(root, rel);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(rel, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, p)));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) out.push(p);
  }
  return out.sort();
}

/**
 * Puts a file into the staging directory. Evidence never changes once stored, so it is hard-linked when on the same
 * file system (no copy of large files); the audit files grow while the server runs (anchors are appended as entries
 * are sealed), so they are copied: a link would share later appends and the part would no longer match its SM3.
 * False when the file went away after it was listed (a key file's short-lived temporary).
 */
async function stageFile(from: string, to: string, immutable: boolean): Promise<boolean> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    if (immutable) await link(from, to).catch(() => copyFile(from, to));
    else await copyFile(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

async function migrationLevel(client: pg.Client | pg.PoolClient): Promise<number> {
  // (looked up first: a failed query would abort the backup's transaction)
  const { rows } = await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as migrated`);
  if (!rows[0].migrated) return 0;
  const r = await client.query(`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(r.rows[0].n);
}

async function userTables(client: pg.Client): Promise<{ schema: string; table: string; columns: string[] }[]> {
  const { rows } = await client.query<{ schema: string; table: string; columns: string[] }>(
    `select n.nspname as schema, c.relname as table,
            array(select a.attname::text from pg_attribute a
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                  order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and ${USER_SCHEMA}
      order by 1, 2`,
  );
  return rows;
}

/** A file name for a backup made now, in Beijing time: anjian-backup-20270315-020000.tar.gz */
export function backupFileName(now = new Date()): string {
  const t = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return `anjian-backup-${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}.tar.gz`;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
}

/** Writes a backup of the database at `url` and of DATA_DIR's evidence and audit files into `outDir`. */
export async function createBackup(opts: { url: string; dataDir: string; outDir: string; now?: Date }): Promise<BackupResult> {
  await mkdir(opts.outDir, { recursive: true });
  const staging = await mkdtemp(path.join(opts.outDir, '.staging-'));
  try {
    // The audit anchor files first, then the database: an anchor never names a chain position the backed-up database
    // does not hold (entries sealed in between are in the database, anchored by a later anchor).
    const files: FilePart[] = [];
    for (const dir of FILE_DIRS) {
      for (const rel of await listFiles(path.join(opts.dataDir, dir))) {
        const src = path.join(opts.dataDir, dir, rel);
        const part = path.posix.join('files', dir, rel.split(path.sep).join('/'));
        const staged = path.join(staging, part);
        if (!(await stageFile(src, staged, dir === 'evidence'))) continue;
        files.push({ path: part, size: (await stat(staged)).size, sm3: await sm3OfFile(staged) });
      }
    }
    const client = await connect(opts.url);
    const tables: TablePart[] = [];
    const sequences: Manifest['sequences'] = [];
    let level: number;
    try {
      await client.query('begin isolation level repeatable read read only');
      level = await migrationLevel(client);
      await mkdir(path.join(staging, 'db'));
      for (const [i, t] of (await userTables(client)).entries()) {
        const file = `db/${String(i).padStart(4, '0')}-${t.table}.copy`;
        const m = measure();
        const copy = client.query(copyToStream(`COPY ${qualified(t.schema, t.table)} (${t.columns.map(qi).join(', ')}) TO STDOUT`));
        await pipeline(copy, m.stream, createWriteStream(path.join(staging, file)));
        const { sm3, lines } = m.result();
        tables.push({ ...t, rows: lines, file, sm3 });
      }
      const seqs = await client.query<{ schema: string; name: string }>(
        `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'S' and ${USER_SCHEMA} order by 1, 2`,
      );
      for (const s of seqs.rows) {
        const { rows } = await client.query(`select last_value, is_called from ${qualified(s.schema, s.name)}`);
        sequences.push({ ...s, value: Number(rows[0].last_value), isCalled: Boolean(rows[0].is_called) });
      }
      await client.query('commit');
    } finally {
      await client.end();
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: (opts.now ?? new Date()).toISOString(),
      migrationLevel: level,
      tables,
      sequences,
      files,
    };
    await writeFile(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 1));
    const target = path.join(opts.outDir, backupFileName(opts.now));
    const partial = `${target}.part`;
    await tarCreate({ gzip: true, file: partial, cwd: staging, portable: true }, ['manifest.json', 'db', ...(files.length ? ['files'] : [])]);
    await rename(partial, target);
    return { file: target, bytes: (await stat(target)).size, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Reads and checks a backup file: its manifest and the SM3 of every part. Returns the directory it was unpacked in. */
async function unpack(file: string): Promise<{ dir: string; manifest: Manifest }> {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `备份文件不存在：${file}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anjian-restore-'));
  try {
    await tarExtract({ file, cwd: dir, strict: true }).catch(() => {
      throw new AppError('INVALID_FILE', '不是有效的备份文件（无法解压）');
    });
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8').catch(() => '{}')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT) throw new AppError('INVALID_FILE', '不是本系统的备份文件（缺少备份清单）');
    if (manifest.formatVersion > BACKUP_FORMAT_VERSION) throw new AppError('INVALID_FILE', `备份格式版本 ${manifest.formatVersion} 高于本程序支持的版本 ${BACKUP_FORMAT_VERSION}，请先升级程序`);
    for (const part of [...manifest.tables.map((t) => ({ path: t.file, sm3: t.sm3 })), ...manifest.files]) {
      const p = path.join(dir, part.path);
      if (!existsSync(p) || (await sm3OfFile(p)) !== part.sm3) throw new AppError('INVALID_FILE', `备份文件已损坏：${part.path} 的 SM3 校验值不符`);
    }
    return { dir, manifest };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

export interface RestoreResult {
  manifest: Manifest;
  /** rows per table after the restore, as counted in the database */
  counts: Record<string, number>;
  files: number;
}

/**
 * Restores a backup into the database at `url` (migrated to this program's level by `migrate` first) and DATA_DIR.
 * Refuses a database or DATA_DIR that already holds data unless `force` (then they are replaced).
 */
export async function restoreBackup(opts: { url: string; dataDir: string; file: string; force?: boolean; migrate: (url: string) => Promise<void> }): Promise<RestoreResult> {
  const { dir, manifest } = await unpack(opts.file);
  try {
    await opts.migrate(opts.url);
    const client = await connect(opts.url);
    const counts: Record<string, number> = {};
    try {
      const level = await migrationLevel(client);
      if (manifest.migrationLevel > level) {
        throw new AppError('CONFLICT', `备份来自较新的程序版本（数据库迁移 ${manifest.migrationLevel} 级，本程序 ${level} 级），请先升级程序再恢复`);
      }
      const tables = await userTables(client);
      const nonEmpty: string[] = [];
      for (const t of tables) {
        const { rows } = await client.query(`select exists (select 1 from ${qualified(t.schema, t.table)}) as found`);
        if (rows[0].found) nonEmpty.push(t.table);
      }
      const filesThere = (await Promise.all(FILE_DIRS.map((d) => listFiles(path.join(opts.dataDir, d))))).flat().length;
      if ((nonEmpty.length || filesThere) && !opts.force) {
        throw new AppError(
          'CONFLICT',
          `目标数据库或数据目录不是空的（${nonEmpty.length ? `已有数据的表：${nonEmpty.slice(0, 5).join('、')}${nonEmpty.length > 5 ? ' 等' : ''}` : `数据目录中已有证据或审计文件 ${filesThere} 个`}）。恢复会覆盖现有数据；确需覆盖请加 --force`,
        );
      }
      const known = new Set(tables.map((t) => `${t.schema}.${t.table}`));
      const unknown = manifest.tables.filter((t) => !known.has(`${t.schema}.${t.table}`));
      if (unknown.length) throw new AppError('CONFLICT', `备份中的表在本程序的数据库中不存在：${unknown.map((t) => t.table).join('、')}`);
      await client.query('begin');
      try {
        // Triggers (foreign keys, and the audit table's refusal of changes to sealed entries) are off for this load:
        // the rows are put back exactly as they were, in any order. Needs a superuser.
        await client.query('set local session_replication_role = replica').catch(() => {
          throw new AppError('FORBIDDEN', '恢复需要数据库超级用户权限（用于在装入期间关闭触发器），请以超级用户连接数据库后重试');
        });
        if (tables.length) await client.query(`truncate ${tables.map((t) => qualified(t.schema, t.table)).join(', ')}`);
        for (const t of manifest.tables) {
          const copy = client.query(copyFromStream(`COPY ${qualified(t.schema, t.table)} (${t.columns.map(qi).join(', ')}) FROM STDIN`));
          await pipeline(createReadStream(path.join(dir, t.file)), copy);
        }
        // Runs going on at backup time (the backup's own, at least) did not finish in the restored data; without this
        // they would be taken for runs of a crashed process.
        if (known.has('public.job_runs')) {
          await client.query(`update job_runs set status = 'failed', ended_at = now(), error = '备份时该任务正在运行，恢复的数据中没有它的结果' where status = 'running'`);
        }
        for (const s of manifest.sequences) {
          await client.query(`select setval($1, $2, $3)`, [qualified(s.schema, s.name), s.value, s.isCalled]);
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      }
      for (const t of manifest.tables) {
        const { rows } = await client.query(`select count(*)::int as n from ${qualified(t.schema, t.table)}`);
        counts[t.table] = Number(rows[0].n);
        if (counts[t.table] !== t.rows) throw new AppError('CONFLICT', `恢复后表 ${t.table} 的行数 ${counts[t.table]} 与备份中的 ${t.rows} 不符`);
      }
    } finally {
      await client.end();
    }
    if (opts.force) for (const d of FILE_DIRS) await rm(path.join(opts.dataDir, d), { recursive: true, force: true });
    for (const f of manifest.files) {
      const target = path.join(opts.dataDir, ...f.path.split('/').slice(1));
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(dir, f.path), target);
    }
    return { manifest, counts, files: manifest.files.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Deletes this program's backups in `dir` older than `keepDays`, always keeping the newest. Returns the deleted names.
 */
export async function pruneBackups(dir: string, keepDays: number, now = Date.now()): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => /^anjian-backup-\d{8}-\d{6}\.tar\.gz$/.test(n)).sort();
  const deleted: string[] = [];
  for (const name of names.slice(0, -1)) {
    const { mtimeMs } = await stat(path.join(dir, name));
    if (now - mtimeMs > keepDays * 86_400_000) {
      await unlink(path.join(dir, name));
      deleted.push(name);
    }
  }
  return deleted;
}

/** Where backups go and how long they are kept: BACKUP_DIR (default DATA_DIR/backups), BACKUP_KEEP days (default 7). */
export function backupSettings(env: Record<string, string | undefined>, dataDir: string): { dir: string; keepDays: number } {
  const keep = env.BACKUP_KEEP ?? '7';
  if (!/^\d+$/.test(keep) || Number(keep) < 1) throw new AppError('VALIDATION', `BACKUP_KEEP 应为正整数（保留天数），实际为“${keep}”`);
  return { dir: path.resolve(env.BACKUP_DIR || path.join(dataDir, 'backups')), keepDays: Number(keep) };
}

/** Size for people: 12.3 MB. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The daily backup (a job of modules/jobs/daily.ts): a backup, then the backups older than the retention removed. */
export async function backupAndPrune(opts: { url: string; dataDir: string; dir: string; keepDays: number }): Promise<string> {
  const r = await createBackup({ url: opts.url, dataDir: opts.dataDir, outDir: opts.dir });
  const pruned = await pruneBackups(opts.dir, opts.keepDays);
  const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
  return `已写入 ${path.basename(r.file)}（${sizeText(r.bytes)}，${r.manifest.tables.length} 张表 ${rows} 行，文件 ${r.manifest.files.length} 个）${pruned.length ? `，删除超过 ${opts.keepDays} 天的备份 ${pruned.length} 个` : ''}`;
}
