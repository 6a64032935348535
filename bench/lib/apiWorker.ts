// One API process of the inspection bench's cluster (BENCH_API_PROCESSES > 1): what `WEB_CONCURRENCY=N npm start` runs
// in each worker (packages/server/src/main.ts) — the server on the shared port, its own pool — without the seeding and
// the daily jobs (the bench loaded the data and runs the escalation itself). Started by node:cluster from
// bench/inspection.ts; tells the primary when it listens.
import { buildApp } from '../../packages/server/src/app.js';
import { defaultConfig } from '../../packages/server/src/context.js';
import { openDatabase } from '../../packages/server/src/db/client.js';
import { openAuditTrail } from '../../packages/server/src/modules/audit/chain.js';

const env = process.env;
const url = env.BENCH_WORKER_DB!;
const dataDir = env.BENCH_WORKER_DATA_DIR!;
const auditKey = env.BENCH_WORKER_AUDIT_KEY!;
const database = await openDatabase({ url, poolSize: env.BENCH_WORKER_POOL ? Number(env.BENCH_WORKER_POOL) : undefined });
await openAuditTrail(database, { dataDir, auditKey });
const app = await buildApp({ database, config: defaultConfig({ databaseUrl: url, dataDir, auditKey }) });
await app.listen({ host: '127.0.0.1', port: Number(env.BENCH_WORKER_PORT) });
process.send!({ type: 'listening' });
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
