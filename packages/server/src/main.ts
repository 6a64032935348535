// Entry point: `npm start`. Embedded PGlite in DATA_DIR unless DATABASE_URL points at PostgreSQL.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './db/client.js';
import { buildApp } from './app.js';
import { defaultConfig } from './context.js';
import { seedIfEmpty } from './seed/load.js';
import { roleLabels, type Role } from '@anjian/domain';
import { startDailyJobs } from './modules/jobs/daily.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const config = defaultConfig({
  port: Number(env.PORT ?? 3000),
  dataDir: path.resolve(env.DATA_DIR ?? './data'),
  databaseUrl: env.DATABASE_URL || undefined,
  cookieSecure: env.COOKIE_SECURE === '1',
  webDist: path.resolve(here, '../../web/dist'),
});

const started = Date.now();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
const logins = await seedIfEmpty(database, {
  demo: env.DEMO !== '0',
  enterprises: Number(env.DEMO_SCALE ?? 3000),
  provinceCode: env.PROVINCE,
  adminPassword: env.ADMIN_PASSWORD,
  demoPassword: env.DEMO_PASSWORD,
});
const app = await buildApp({ database, config }, { logger: env.LOG === '1' });
await app.listen({ port: config.port, host: env.HOST ?? '0.0.0.0' });
const stopSchedule = startDailyJobs({ database, config });

const url = `http://localhost:${config.port}/`;
console.log(`\n安监执法平台 已启动：${url}  （数据库：${database.kind === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL'}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
if (logins) {
  console.log('首次启动，已创建以下账户（请妥善保存密码，登录后可在“用户管理”中修改）：');
  for (const l of logins) console.log(`  ${l.username.padEnd(16)} ${l.password.padEnd(18)} ${roleLabels[l.role as Role]}  ${l.agency}`);
} else {
  console.log('使用已有数据。管理员账户：admin');
}
console.log(`API 文档：${url}api/openapi.json\n`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  stopSchedule();
  await app.close();
  await database.close(); // PGlite flushes to DATA_DIR on close
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
