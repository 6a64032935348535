// Entry point: `npm start`. The embedded PostgreSQL server in DATA_DIR/postgres unless DATABASE_URL points at a
// PostgreSQL server. WEB_CONCURRENCY=N (with DATABASE_URL) runs N API processes on the one port (node:cluster): one
// Node event loop is the limit of a province's field traffic (docs/benchmarks.md § inspection), PostgreSQL is not.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './db/client.js';
import { clusterDirOf, ensureEmbedded } from './db/embedded.js';
import { holdInstanceLock } from './db/instanceLock.js';
import { buildApp } from './app.js';
import { defaultConfig, originsFrom, trustProxyFrom } from './context.js';
import { seedIfEmpty } from './seed/load.js';
import { seedWithDemoYear } from './seed/demoYear.js';
import { openAuditTrail } from './modules/audit/chain.js';
import { roleLabels, type Role } from '@anjian/domain';
import { startDailyJobs } from './modules/jobs/daily.js';
import { backupSettings } from './modules/backup/backup.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const dataDir = path.resolve(env.DATA_DIR ?? './data');
const backup = backupSettings(env, dataDir);
const config = defaultConfig({
  port: Number(env.PORT ?? 3000),
  dataDir,
  backupDir: backup.dir,
  backupKeepDays: backup.keepDays,
  databaseUrl: env.DATABASE_URL || undefined,
  cookieSecure: env.COOKIE_SECURE === '1',
  auditKey: env.AUDIT_KEY || undefined,
  trustProxy: trustProxyFrom(env.TRUST_PROXY),
  allowedOrigins: originsFrom(env.ALLOWED_ORIGINS),
  webDist: path.resolve(here, '../../web/dist'),
});

// Shutdown undoes what started so far, last first (a signal may come while the server is still starting): the app,
// then its connections, then the embedded server (fast shutdown).
const undo: (() => Promise<unknown> | void)[] = [];
let closing = false;
const shutdown = async (code = 0) => {
  if (closing) return;
  closing = true;
  for (const step of undo.reverse()) await Promise.resolve(step()).catch((err: unknown) => console.error(err));
  process.exit(code);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

/** API processes: WEB_CONCURRENCY (default 1). */
const processes = Math.max(1, Math.floor(Number(env.WEB_CONCURRENCY ?? 1)) || 1);
/** In a cluster, the worker that runs the daily jobs (one is enough; the others only serve requests). */
const runsJobs = !cluster.isWorker || env.ANJIAN_JOBS === '1';

// A failed start (port taken, database refused…) stops what it started, the embedded server included.
async function start() {
  const started = Date.now();
  const embedded = config.databaseUrl ? null : await ensureEmbedded(config.dataDir);
  if (embedded) undo.push(() => embedded.release());
  // One server per DATA_DIR: a second `npm start` on the same data would run the nightly jobs twice.
  const instanceLock = embedded ? await holdInstanceLock(embedded.url) : null;
  if (embedded && !instanceLock) {
    console.error(`\n数据目录 ${config.dataDir} 已有一个安监执法平台在运行，不能再启动第二个。请先停止它（在其窗口按 Ctrl+C），或用 DATA_DIR 指定另一个数据目录。\n`);
    await shutdown(1);
  }
  if (instanceLock) undo.push(() => instanceLock.release());
  const database = await openDatabase({ url: config.databaseUrl ?? embedded!.url, kind: embedded ? 'embedded' : 'postgres' });
  undo.push(() => database.close());
  // R35: the audit chain's key and anchors (DATA_DIR/audit) before anything is audited, the seeding included
  await openAuditTrail(database, config);
  const seedOptions = {
    demo: env.DEMO !== '0',
    enterprises: Number(env.DEMO_SCALE ?? 3000),
    provinceCode: env.PROVINCE,
    adminPassword: env.ADMIN_PASSWORD,
    demoPassword: env.DEMO_PASSWORD,
  };
  // The demo province comes with a year of enforcement (seed/demoYear.ts) unless DEMO_YEAR=0
  // in a cluster the primary has migrated and seeded before forking (two workers seeding an empty database would race)
  const logins = cluster.isWorker ? null : env.DEMO_YEAR === '0' ? await seedIfEmpty(database, seedOptions) : (await seedWithDemoYear(database, config, seedOptions)).logins;
  if (cluster.isPrimary && processes > 1) {
    // the primary only forks and restarts: it serves no request and runs no job
    await database.close();
    undo.length = 0;
    if (logins) printLogins(logins);
    return startWorkers();
  }
  const app = await buildApp({ database, config }, { logger: env.LOG === '1' });
  undo.push(() => app.close());
  await app.listen({ port: config.port, host: env.HOST ?? '0.0.0.0' });
  // jobs are safe across processes (job_runs leases), but their check-then-start is not atomic: one process runs them
  if (runsJobs) undo.push(startDailyJobs({ database, config }));
  if (cluster.isWorker) return;

  const url = `http://localhost:${config.port}/`;
  const store = embedded ? `内嵌 PostgreSQL，数据在 ${clusterDirOf(config.dataDir)}` : `PostgreSQL ${redactedUrl(config.databaseUrl!)}`;
  console.log(`\n安监执法平台 已启动：${url}  （数据库：${store}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  const oldPglite = path.join(config.dataDir, 'pglite');
  if (logins && embedded && existsSync(oldPglite)) {
    console.log(
      `注意：发现旧版的 PGlite 数据目录 ${oldPglite}。本版改用内嵌 PostgreSQL 服务器（${clusterDirOf(config.dataDir)}），旧数据不会自动迁入，旧目录原样保留、不会删除。` +
        `如需旧数据：用旧版本（PGlite 版）启动，导出企业台账等数据后在本版导入；或由技术人员用 PGlite 的 pg_dump（@electric-sql/pglite-tools）导出 SQL 后导入 ${clusterDirOf(config.dataDir)} 的数据库 anjian。`,
    );
  }
  if (logins) printLogins(logins);
  else console.log('使用已有数据。管理员账户：admin');
  console.log(`API 文档：${url}api/openapi.json\n`);
}

function printLogins(logins: { username: string; password: string; role: string; agency: string }[]) {
  console.log('首次启动，已创建以下账户（请妥善保存密码，登录后可在“用户管理”中修改）：');
  for (const l of logins) console.log(`  ${l.username.padEnd(16)} ${l.password.padEnd(18)} ${roleLabels[l.role as Role]}  ${l.agency}`);
}

/** The cluster's primary: N workers on the one port; a worker that dies is replaced (the job runner by a job runner). */
function startWorkers() {
  const fork = (jobs: boolean) => {
    const w = cluster.fork({ ANJIAN_JOBS: jobs ? '1' : '0' });
    w.on('exit', (code, signal) => {
      if (closing) return;
      console.error(`API 进程 ${w.process.pid} 已退出（${signal ?? code}），正在重新启动`);
      setTimeout(() => fork(jobs), 1000);
    });
  };
  for (let i = 0; i < processes; i++) fork(i === 0);
  undo.push(() => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
  });
  console.log(`\n安监执法平台 已启动：http://localhost:${config.port}/  （${processes} 个 API 进程，数据库：PostgreSQL ${redactedUrl(config.databaseUrl!)}）`);
}

if (cluster.isPrimary && processes > 1 && !config.databaseUrl) {
  console.error('\nWEB_CONCURRENCY 大于 1 时须用 DATABASE_URL 指定 PostgreSQL 服务器（内嵌数据库只供一个进程使用）。\n');
  process.exit(1);
}
await start().catch(async (err: unknown) => {
  console.error('启动失败：', err instanceof Error ? err.message : err);
  await shutdown(1);
});

function redactedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '（DATABASE_URL）';
  }
}
