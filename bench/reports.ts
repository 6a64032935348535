// `npm run bench -- reports`: the province's 监管执法工作情况月报表 (R36) at provincial scale, on PostgreSQL — the
// report JSON (the statistics of the month and of the year to date), its .xlsx and its PDF, each < 10 s.
//
// The data are those of the statistics benchmark (bench/statistics.ts — 1,000,000 enterprises, 5,000,000 inspections,
// 2,000,000 hazards, 300,000 penalty cases, summary tables rebuilt): this bench does not generate its own. With
// BENCH_DB=<name> it reuses a database prepared by
//   BENCH_SETUP_ONLY=1 KEEP_DB=1 npm run bench -- statistics
// otherwise it runs that setup itself first (same environment variables: BENCH_ENTERPRISES, BENCH_INSPECTIONS, …)
// and drops the database afterwards (KEEP_DB=1 keeps it).
//
// Environment: DATABASE_URL (admin connection), BENCH_DB, KEEP_DB, BENCH_RUNS (measured runs, default 10),
// BENCH_REPORT=0|1 (write docs/benchmarks.md; default: yes when the data are at the default scale).
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { latestEndedPeriod } from '@anjian/domain';
import { openDatabase, type Database } from '../packages/server/src/db/client.js';
import { defaultConfig, type AppContext } from '../packages/server/src/context.js';
import { openAuditTrail } from '../packages/server/src/modules/audit/chain.js';
import { loadCalendar } from '../packages/server/src/modules/calendar/service.js';
import { shanghaiDate } from '../packages/server/src/lib/diff.js';
import { getReport } from '../packages/server/src/modules/reporting/reportService.js';
import { reportPdf, reportWorkbook } from '../packages/server/src/modules/reporting/render.js';
import type { Principal } from '../packages/server/src/modules/auth/principal.js';
import { BENCH_AUDIT_KEY, DEFAULT_ADMIN_URL } from './lib/pg.js';
import { machineInfo, machineLine, writeSection } from './lib/report.js';
import { fixed, int, mdTable, ms, now, percentile, seconds, textTable } from './lib/stats.js';

export const description = '月报表：省级规模（100万企业、500万检查）下全省监管执法工作情况月报表的生成、Excel 和 PDF（< 10 s）';

const env = process.env;
const RUNS = env.BENCH_RUNS ? Number(env.BENCH_RUNS) : 10;
const TARGET_MS = 10_000;
const ADMIN = env.DATABASE_URL || DEFAULT_ADMIN_URL;
const PREFIX = 'anjian_bench_statistics';

async function prepare(): Promise<{ name: string; setupMs: number; own: boolean }> {
  if (env.BENCH_DB) return { name: env.BENCH_DB, setupMs: 0, own: false };
  // the statistics bench's own loader, keeping its database; its name is the newest of that prefix
  const keep = env.KEEP_DB;
  env.BENCH_SETUP_ONLY = '1';
  env.KEEP_DB = '1';
  const t0 = now();
  const stats = await import('./statistics.js');
  await stats.run([]);
  env.KEEP_DB = keep;
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1 order by oid desc limit 1`, [`${PREFIX}_%`]);
  await c.end();
  if (!rows[0]) throw new Error('statistics bench left no database');
  return { name: rows[0].datname, setupMs: ms(t0), own: true };
}

export async function run(_args: string[]): Promise<void> {
  const started = now();
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  const prepared = await prepare();
  const url = new URL(ADMIN);
  url.pathname = `/${prepared.name}`;
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: url.toString() });
    await openAuditTrail(database, { dataDir: path.join(os.tmpdir(), 'anjian-bench-reports'), auditKey: BENCH_AUDIT_KEY });
    await loadCalendar(database);
    const ctx: AppContext = { database, config: defaultConfig({ databaseUrl: url.toString() }) };
    const [province] = await database.rows<{ id: number; name: string; region_code: string }>(
      (await import('drizzle-orm')).sql`select id, name, region_code from agencies where parent_id is null order by id limit 1`,
    );
    const counts = await database.rows<{ name: string; n: string }>(
      (await import('drizzle-orm')).sql`select c.relname as name, to_char(c.reltuples, 'FM999,999,999,999') as n from pg_class c
        where c.relname in ('enterprises', 'inspections', 'hazards', 'penalty_cases') and c.relkind = 'r' order by c.relname`,
    );
    const leader: Principal = {
      userId: 1,
      username: 'bench',
      displayName: '省厅负责人',
      role: 'leader',
      agencyId: Number(province!.id),
      agencyName: province!.name,
      agencyLevel: 'province',
      agencyRegionCode: province!.region_code,
      enterpriseId: null,
      officerId: null,
      enforcementBlocked: null,
      sessionId: 'bench',
    };
    const month = latestEndedPeriod('monthly', shanghaiDate());
    const steps = {
      report: [] as number[],
      xlsx: [] as number[],
      pdf: [] as number[],
      total: [] as number[],
    };
    let sample = '';
    for (let r = -1; r < RUNS; r++) {
      const t0 = now();
      const report = await getReport(ctx, leader, 'monthly', month);
      const t1 = now();
      const wb = await reportWorkbook(report);
      const buf = await wb.xlsx.writeBuffer();
      const t2 = now();
      const pdf = await reportPdf(report);
      const t3 = now();
      if (r < 0) {
        sample = `${report.periodLabel}：完成执法检查 ${report.figures.period.inspectionsDone}，发现隐患 ${report.figures.period.hazardsFound}，本年累计检查 ${report.figures.yearToDate.inspectionsDone}；xlsx ${int(buf.byteLength)} B，PDF ${int(pdf.length)} B`;
        continue; // warm-up (fonts read, plans cached)
      }
      steps.report.push(ms(t0, t1));
      steps.xlsx.push(ms(t1, t2));
      steps.pdf.push(ms(t2, t3));
      steps.total.push(ms(t0, t3));
    }
    const row = (name: string, t: number[]) => [name, fixed(percentile(t, 50)), fixed(percentile(t, 95)), fixed(Math.max(...t)), Math.max(...t) < TARGET_MS ? '✅ met' : '❌ missed'];
    const head = ['step', 'p50 ms', 'p95 ms', 'max ms', `< ${TARGET_MS / 1000} s`];
    const rows = [row('report (GET /api/reports/monthly, JSON)', steps.report), row('.xlsx (format=xlsx)', steps.xlsx), row('PDF (format=pdf)', steps.pdf), row('all three', steps.total)];
    console.log(sample);
    console.log(textTable(head, rows));
    const pgVersion = String((await database.rows<{ v: string }>((await import('drizzle-orm')).sql`select version() as v`))[0]!.v);
    const defaultScale = !env.BENCH_ENTERPRISES && !env.BENCH_INSPECTIONS && !env.BENCH_HAZARDS && !env.BENCH_CASES;
    const write = env.BENCH_REPORT !== undefined ? env.BENCH_REPORT === '1' : defaultScale;
    const body = [
      '## reports',
      '',
      `R36: the province's 监管执法工作情况月报表 for ${month}, as the province's leader: the report (statistics of the month and of the year to date through \`statistics(ctx, principal, query)\`, called in process), the official .xlsx and the PDF.`,
      '',
      `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `- Machine: ${machineLine(machineInfo(pgVersion))}`,
      `- Load average (1/5/15 min): ${loadBefore} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at end (shared machine)`,
      `- Command: \`flock /tmp/bench.lock npm run bench -- reports\` (or, on a database kept by \`BENCH_SETUP_ONLY=1 KEEP_DB=1 npm run bench -- statistics\`: \`BENCH_DB=<name> npm run bench -- reports\`)`,
      `- Data: the statistics benchmark's generator (bench/statistics.ts) — ${counts.map((c) => `${c.name} ${c.n}`).join(', ')}${prepared.setupMs ? `; its setup took ${seconds(prepared.setupMs)}` : ' (reused database)'}. Whole run ${seconds(ms(started))}.`,
      `- Figures: ${sample}`,
      `- ${RUNS} measured runs after one warm-up.`,
      '',
      mdTable(head, rows),
      '',
    ].join('\n');
    if (write) {
      writeSection('reports', body);
      console.log('docs/benchmarks.md updated (section "reports")');
    } else console.log(`${body}\ndocs/benchmarks.md not written (non-default scale; BENCH_REPORT=1 forces it)`);
  } finally {
    await database?.close().catch(() => undefined);
    if (prepared.own && env.KEEP_DB !== '1') {
      const c = new pg.Client({ connectionString: ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${prepared.name} with (force)`);
      await c.end();
    } else if (prepared.own) console.log(`KEEP_DB: database ${prepared.name} kept — reuse with BENCH_DB=${prepared.name}`);
  }
}
