// `npm run backup` and `npm run restore <file> [--force]`: a backup of the whole store (database, evidence and audit
// files) into one .tar.gz, and its restore into an empty store (modules/backup/backup.ts). Chinese output; a failure
// ends with a Chinese reason and exit code 1.
import path from 'node:path';
import { openDatabase } from '../db/client.js';
import { ensureEmbedded } from '../db/embedded.js';
import { openAuditTrail, verifyChain } from '../modules/audit/chain.js';
import { AppError } from '../lib/errors.js';
import { backupSettings, createBackup, pruneBackups, restoreBackup, sizeText } from '../modules/backup/backup.js';

const env = process.env;
const dataDir = path.resolve(env.DATA_DIR ?? './data');

/** The store's connection: DATABASE_URL's server, or DATA_DIR's embedded one (started for the command if not running). */
async function storeConnection(): Promise<{ url: string; release(): Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, release: async () => undefined };
  return ensureEmbedded(dataDir);
}

async function migrate(url: string) {
  const database = await openDatabase({ url: url, poolSize: 1 });
  await database.close();
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'backup') {
    const settings = backupSettings(env, dataDir);
    const store = await storeConnection();
    try {
      await migrate(store.url); // a store never started yet gets its tables (empty) rather than a broken backup
      const started = Date.now();
      const r = await createBackup({ url: store.url, dataDir, outDir: settings.dir });
      const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`备份完成：${r.file}`);
      console.log(`  ${r.manifest.tables.length} 张表共 ${rows} 行，证据与审计文件 ${r.manifest.files.length} 个，大小 ${sizeText(r.bytes)}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      const pruned = await pruneBackups(settings.dir, settings.keepDays);
      if (pruned.length) console.log(`  已删除超过 ${settings.keepDays} 天的备份 ${pruned.length} 个`);
    } finally {
      await store.release();
    }
    return;
  }
  if (command === 'restore') {
    const file = args.find((a) => !a.startsWith('--'));
    const unknown = args.filter((a) => a.startsWith('--') && a !== '--force');
    if (!file || unknown.length) throw new AppError('VALIDATION', '用法：npm run restore <备份文件> [--force]（--force：覆盖已有数据）');
    const store = await storeConnection();
    try {
      const r = await restoreBackup({ url: store.url, dataDir, file: path.resolve(file), force: args.includes('--force'), migrate });
      const rows = Object.values(r.counts).reduce((a, b) => a + b, 0);
      console.log(`恢复完成：${Object.keys(r.counts).length} 张表共 ${rows} 行（与备份逐表一致），证据与审计文件 ${r.files} 个`);
      const database = await openDatabase({ url: store.url, poolSize: 2 });
      try {
        await openAuditTrail(database, { dataDir, auditKey: env.AUDIT_KEY });
        const v = await verifyChain(database);
        if (!v.ok) throw new AppError('CONFLICT', `审计链校验未通过：${v.firstBroken?.reason ?? '未知原因'}`);
        console.log(`审计链校验通过（${v.checked} 条）`);
      } finally {
        await database.close();
      }
    } finally {
      await store.release();
    }
    return;
  }
  throw new AppError('VALIDATION', '用法：npm run backup | npm run restore <备份文件> [--force]');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof AppError) console.error(`失败：${err.message}`);
    else {
      const code = (err as { code?: string }).code;
      const reason =
        code === 'ECONNREFUSED' ? '无法连接数据库' : code === '3D000' ? '数据库不存在' : code === '28P01' ? '数据库用户名或密码错误' : code === 'ENOSPC' ? '磁盘空间不足' : '运行出错';
      console.error(`失败：${reason}（${(err as Error).message}）`);
    }
    process.exit(1);
  },
);
