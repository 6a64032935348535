// `npm run bench -- statistics`: the leaders' dashboards (R36) at provincial scale, on PostgreSQL.
//   1. a scratch database with the generator's agency tree and N enterprises (default 1,000,000) loaded through the
//      server's seed loader (as bench/planning.ts does), then — set-based SQL, generate_series — a published plan per
//      county agency with entries for 40 % of the register, 5,000,000 inspections over three years (97 % completed),
//      2,000,000 hazards (85 % closed), 300,000 penalty cases (80 % decided) with their transfer events. The summary
//      tables of migrations 0024 and 0031 are filled by statistics_rebuild() after the load (its time is reported), and are
//      checked against the base tables afterwards.
//   2. the dashboard queries of the home page — the service behind GET /api/statistics — as a province, a city and a
//      county leader: this year by month, the same period last year by month, this year by region (the map);
//      R warm-up then M measured runs each, interleaved
//   3. baseline in the same run: the same figures from the base tables alone (computeFigures raw — what the queries
//      cost without the summary tables), fewer runs
//   4. console table and the "statistics" section of docs/benchmarks.md
//
// Environment:
//   DATABASE_URL              admin connection (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_ENTERPRISES         enterprises (default 1000000)   BENCH_INSPECTIONS   inspections (default 5000000)
//   BENCH_HAZARDS             hazards (default 2000000)       BENCH_CASES         penalty cases (default 300000)
//   BENCH_RUNS                measured runs per query (default 100; warm-up 10)   BENCH_BASE_RUNS  baseline runs (default 5)
//   KEEP_DB=1                 keep the scratch database; BENCH_DB=<name> reuses one (no load)
//   BENCH_SETUP_ONLY=1        load only (with KEEP_DB=1: prepares a database for BENCH_DB)
//   BENCH_REPORT=0|1          write docs/benchmarks.md (default: at the default scale)
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { previousYearPeriod, type StatisticsGroupBy } from '@anjian/domain';
import { openDatabase, type Database } from '../packages/server/src/db/client.js';
import { defaultConfig, type AppContext } from '../packages/server/src/context.js';
import { openAuditTrail } from '../packages/server/src/modules/audit/chain.js';
import { shanghaiDate } from '../packages/server/src/lib/diff.js';
import { computeFigures, statistics } from '../packages/server/src/modules/reporting/statisticsService.js';
import { regionPrefix } from '@anjian/domain';
import type { Principal } from '../packages/server/src/modules/auth/principal.js';
import { loadProvince } from './lib/province.js';
import { BENCH_AUDIT_KEY, createScratchDatabase, DEFAULT_ADMIN_URL, type ScratchDatabase } from './lib/pg.js';
import { machineInfo, machineLine, writeSection } from './lib/report.js';
import { fixed, int, mdTable, ms, now, percentile, seconds, textTable } from './lib/stats.js';

export const description = '领导驾驶舱统计：100万企业、500万检查、200万隐患规模下的首页统计查询（p99 < 200 ms）';

const env = process.env;
const num = (name: string, def: number) => (env[name] ? Number(env[name]) : def);
const N = num('BENCH_ENTERPRISES', 1_000_000);
const INSPECTIONS = num('BENCH_INSPECTIONS', 5_000_000);
const HAZARDS = num('BENCH_HAZARDS', 2_000_000);
const CASES = num('BENCH_CASES', 300_000);
const RUNS = num('BENCH_RUNS', 100);
const WARMUP = 10;
const BASE_RUNS = num('BENCH_BASE_RUNS', 5);
const REUSE = env.BENCH_DB;
const KEEP_DB = env.KEEP_DB === '1' || (REUSE !== undefined && env.KEEP_DB !== '0');
const DEFAULT_SCALE = N === 1_000_000 && INSPECTIONS === 5_000_000 && HAZARDS === 2_000_000 && CASES === 300_000;
const REPORT = env.BENCH_REPORT !== undefined ? env.BENCH_REPORT === '1' : DEFAULT_SCALE;
const SEED = 20260101;
const PROVINCE = '330000';
const DAYS = 1095; // three years of records up to today
const TARGET_MS = 200;
const CHUNK = 500_000;

type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export async function run(_args: string[]): Promise<void> {
  const started = now();
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  const scratch: ScratchDatabase = REUSE ? existing(REUSE) : await createScratchDatabase('anjian_bench_statistics');
  console.log(`statistics bench: ${int(N)} enterprises, ${int(INSPECTIONS)} inspections, ${int(HAZARDS)} hazards, ${int(CASES)} cases; database ${scratch.name}${REUSE ? ' (reused)' : ''}`);
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: scratch.url });
    await openAuditTrail(database, { dataDir: path.join(os.tmpdir(), 'anjian-bench-statistics'), auditKey: BENCH_AUDIT_KEY });
    const q: Query = async (text, params = []) => (await pool.query(text, params)).rows;
    const load = REUSE ? null : await loadData(database, q);
    if (env.BENCH_SETUP_ONLY === '1') return;
    const ctx: AppContext = { database, config: defaultConfig({ databaseUrl: scratch.url }) };
    const today = shanghaiDate();
    const year = today.slice(0, 4);

    // the summary tables agree with the base tables (province, this year by month)
    const ytd = { from: `${year}-01-01`, to: today };
    const a = Object.fromEntries(await computeFigures(ctx, '33', ytd.from, ytd.to, 'month', today));
    const b = Object.fromEntries(await computeFigures(ctx, '33', ytd.from, ytd.to, 'month', today, { raw: true }));
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('summary tables disagree with the base tables');
    console.log('summary tables agree with the base tables (province, this year by month)');

    // the callers: leaders of the province, of the city with most enterprises and of its largest county
    const [city] = await q<{ id: number; name: string; region_code: string }>(
      `select a.id, a.name, a.region_code from agencies a where a.level = 'city' order by (select count(*) from enterprises e where e.region_code like left(a.region_code, 4) || '%') desc limit 1`,
    );
    const [county] = await q<{ id: number; name: string; region_code: string }>(
      `select a.id, a.name, a.region_code from agencies a where a.level = 'county' and a.parent_id = $1 order by (select count(*) from enterprises e where e.region_code like a.region_code || '%') desc limit 1`,
      [city!.id],
    );
    const [province] = await q<{ id: number; name: string; region_code: string }>(`select id, name, region_code from agencies where region_code = $1`, [PROVINCE]);
    const leader = (a: { id: number; name: string; region_code: string }, level: string): Principal => ({
      userId: 1,
      username: 'bench',
      displayName: '负责人',
      role: 'leader',
      agencyId: Number(a.id),
      agencyName: a.name,
      agencyLevel: level,
      agencyRegionCode: a.region_code,
      enterpriseId: null,
      officerId: null,
      enforcementBlocked: null,
      sessionId: 'bench',
    });
    const last = previousYearPeriod(ytd.from, ytd.to);
    const scopes = [
      { name: `province (${province!.name})`, p: leader(province!, 'province'), prefix: '33' },
      { name: `city (${city!.name})`, p: leader(city!, 'city'), prefix: regionPrefix(city!.region_code) },
      { name: `county (${county!.name})`, p: leader(county!, 'county'), prefix: county!.region_code },
    ];
    const queries: { scope: string; name: string; p: Principal; prefix: string; from: string; to: string; groupBy: StatisticsGroupBy }[] = [];
    for (const s of scopes) {
      queries.push({ scope: s.name, name: 'this year by month', p: s.p, prefix: s.prefix, ...ytd, groupBy: 'month' });
      queries.push({ scope: s.name, name: 'same period last year by month', p: s.p, prefix: s.prefix, ...last, groupBy: 'month' });
      queries.push({ scope: s.name, name: 'this year by region (map)', p: s.p, prefix: s.prefix, ...ytd, groupBy: 'region' });
    }
    const times = new Map<number, number[]>();
    const run1 = async (i: number) => {
      const x = queries[i]!;
      const t0 = now();
      await statistics(ctx, x.p, { from: x.from, to: x.to, groupBy: x.groupBy });
      return ms(t0);
    };
    for (let r = 0; r < WARMUP; r++) for (let i = 0; i < queries.length; i++) await run1(i);
    for (let r = 0; r < RUNS; r++)
      for (let i = 0; i < queries.length; i++) {
        const t = await run1(i);
        times.set(i, [...(times.get(i) ?? []), t]);
      }
    // baseline: the same figures from the base tables only (no summary tables)
    const base = new Map<number, number[]>();
    for (let r = 0; r < BASE_RUNS; r++)
      for (let i = 0; i < queries.length; i++) {
        const x = queries[i]!;
        const t0 = now();
        await Promise.all([computeFigures(ctx, x.prefix, x.from, x.to, null, today, { raw: true }), computeFigures(ctx, x.prefix, x.from, x.to, x.groupBy, today, { raw: true })]);
        base.set(i, [...(base.get(i) ?? []), ms(t0)]);
      }
    const rows = queries.map((x, i) => {
      const t = times.get(i)!;
      const bt = base.get(i)!;
      const p99 = percentile(t, 99);
      return [x.scope, x.name, fixed(percentile(t, 50)), fixed(percentile(t, 95)), fixed(p99), fixed(percentile(bt, 50)), `${fixed(percentile(bt, 50) / percentile(t, 50))}×`, p99 < TARGET_MS ? '✅ met' : '❌ missed'];
    });
    const head = ['scope', 'query', 'p50 ms', 'p95 ms', 'p99 ms', 'baseline p50 ms', 'baseline ÷ query', `p99 < ${TARGET_MS} ms`];
    console.log(textTable(head, rows));
    const totalMs = ms(started);
    const [{ v: pgVersion }] = (await q<{ v: string }>('select version() as v')) as [{ v: string }];
    const sizes = await q<{ name: string; rows: string; size: string }>(
      `select c.relname as name, to_char(c.reltuples, 'FM999,999,999,999') as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size from pg_class c
        where c.relname in ('enterprises', 'inspections', 'hazards', 'penalty_cases', 'plan_entries', 'statistics_daily', 'statistics_township_daily', 'statistics_coverage', 'statistics_coverage_totals', 'statistics_plan_days', 'statistics_township_plan_days', 'statistics_key_targets') and c.relkind = 'r' order by c.relname`,
    );
    const allMet = rows.every((r) => r[7] === '✅ met');
    const body = [
      '## statistics',
      '',
      `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `- Machine: ${machineLine(machineInfo(pgVersion))}`,
      `- Load average (1/5/15 min): ${loadBefore} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at end — the machine is shared by several jobs, so the figures carry that noise`,
      `- PostgreSQL: ${pgVersion.split(' on ')[0]} (same machine, loopback)`,
      `- Command: \`flock /tmp/bench.lock npm run bench -- statistics\` (DATABASE_URL = admin connection, default \`${DEFAULT_ADMIN_URL}\`)`,
      `- Data: generator seed ${SEED}, province ${PROVINCE}: ${int(N)} enterprises through the server's loader, then set-based SQL (generate_series): a published plan per county agency (entries for 40 % of the register), ${int(INSPECTIONS)} inspections over three years up to ${today} (97 % completed), ${int(HAZARDS)} hazards (85 % closed, 5 % awaiting review), ${int(CASES)} penalty cases (80 % decided, 1 % transferred).${load ? ` Loaded in ${seconds(load.ms)}, of which statistics_rebuild() (both summary tables from the base tables, one transaction) ${seconds(load.rebuildMs)}.` : ' Reused database.'} The whole run took ${seconds(totalMs)}.`,
      `- Results: every dashboard query p99 < ${TARGET_MS} ms — ${allMet ? '✅ met' : '❌ missed (see table)'}`,
      '',
      `**Queries**: \`statistics(ctx, principal, query)\`, the service of \`GET /api/statistics\`, called in process (no HTTP) as a leader of each level: this year to date by month (the plan-progress, hazard and case charts), the same period last year by month (the trend), this year by region (the map). ${WARMUP} warm-up rounds, then ${RUNS} measured rounds over all nine queries in turn. Each call runs the total and the grouping side by side (about a dozen SQL statements on the server's pool).`,
      '',
      `**Baseline**: the same figures computed from the base tables alone (\`computeFigures(…, { raw: true })\` for the total and the grouping, in parallel) — what the dashboards would cost without the summary tables of migration 0024; ${BASE_RUNS} rounds.`,
      '',
      mdTable(head, rows),
      '',
      mdTable(['table', 'rows', 'size'], sizes.map((s) => [s.name, s.rows, s.size])),
    ].join('\n');
    if (REPORT) {
      writeSection('statistics', body);
      console.log('docs/benchmarks.md updated (section "statistics")');
    } else console.log(`${body}\n\ndocs/benchmarks.md not written (non-default scale; BENCH_REPORT=1 forces it)`);
  } finally {
    await database?.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    if (KEEP_DB) console.log(`KEEP_DB: database ${scratch.name} kept — reuse with BENCH_DB=${scratch.name}`);
    else await scratch.drop();
  }
}

async function loadData(database: Database, q: Query): Promise<{ ms: number; rebuildMs: number }> {
  const t0 = now();
  await loadProvince(database, { seed: SEED, provinceCode: PROVINCE, enterprises: N, officers: 5000, adminPassword: 'Bench#Admin2026', every: 200_000 });
  const [{ min, max }] = (await q<{ min: number; max: number }>('select min(id)::bigint as min, max(id)::bigint as max from enterprises')) as [{ min: number; max: number }];
  const span = Number(max) - Number(min) + 1;
  const today = shanghaiDate();
  // bulk load without the per-statement triggers; the summaries are rebuilt afterwards (statistics_rebuild)
  await q('alter table inspections disable trigger user');
  await q('alter table hazards disable trigger user');
  const year = Number(today.slice(0, 4));
  // plans: one published plan per county agency for this year and last year, entries for 40 % of its enterprises
  for (const y of [year - 1, year]) {
    await q(
      `insert into plans (agency_id, region_code, year, status) select a.id, a.region_code, $1, 'published' from agencies a where a.level = 'county'`,
      [y],
    );
    await q(
      `insert into plan_versions (plan_id, version_no, params, summary, months, warnings, input_hash, officer_count, total_planned)
       select p.id, 1, '{}', '{}', '[]', '[]', 'bench', 10, 0 from plans p where p.year = $1`,
      [y],
    );
    await q(
      `insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month)
       select v.id, e.id, e.region_code, case when e.id % 10 = 0 then 'key' when e.id % 10 < 3 then 'high_risk' else 'random' end, 0,
              make_date($1, 1 + (e.id % 12)::int, 1 + (e.id % 28)::int), 1 + (e.id % 12)::int
         from enterprises e join agencies c on c.level = 'county' and c.region_code = left(e.region_code, 6)
         join plans p on p.agency_id = c.id and p.year = $1 join plan_versions v on v.plan_id = p.id
        where e.id % 10 < 4`,
      [y],
    );
  }
  console.log(`  plans (${seconds(ms(t0))})`);
  // inspections: enterprise by a multiplicative hash of the row number, dates over three years
  for (let s = 1; s <= INSPECTIONS; s += CHUNK) {
    const e = Math.min(INSPECTIONS, s + CHUNK - 1);
    await q(
      `insert into inspections (agency_id, enterprise_id, region_code, origin, planned_date, officer_ids, item_codes, catalog_version, status, public_token, created_by, completed_at)
       select e.supervising_agency_id, e.id, e.region_code,
              case when g % 20 < 12 then 'plan' when g % 20 < 15 then 'draw' when g % 20 < 19 then 'unplanned' else 'emergency' end,
              $3::date - (g % ${DAYS})::int, array[1 + (g % 4000)::int, 2 + (g % 4000)::int], '{}', 1,
              case when g % 100 < 97 then 'completed' when g % 100 < 99 then 'cancelled' else 'filed' end, md5('bench-ins-' || g), 1,
              case when g % 100 < 97 then ($3::date - (g % ${DAYS})::int) + time '15:00' end
         from generate_series($1::bigint, $2::bigint) g join enterprises e on e.id = ${min} + (g * 7919) % ${span}`,
      [s, e, today],
    );
    console.log(`  inspections ${int(e)} (${seconds(ms(t0))})`);
  }
  for (let s = 1; s <= HAZARDS; s += CHUNK) {
    const e = Math.min(HAZARDS, s + CHUNK - 1);
    await q(
      `insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, responsible_person, deadline, status, major, created_at)
       select g, g, e.id, e.supervising_agency_id, e.region_code, '隐患排查治理台账未建立', '张安全', ($3::date - (g % ${DAYS})::int) + 30,
              case when g % 100 < 85 then 'closed' when g % 100 < 90 then 'rectified' else 'open' end, g % 50 = 0,
              (($3::date - (g % ${DAYS})::int) + time '11:00') at time zone 'Asia/Shanghai'
         from generate_series($1::bigint, $2::bigint) g join enterprises e on e.id = ${min} + (g * 104729) % ${span}`,
      [s, e, today],
    );
    console.log(`  hazards ${int(e)} (${seconds(ms(t0))})`);
  }
  await q(
    `insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, created_by, procedure, investigator_ids, opened_on, notified_on, decided_on, served_on, closed_on, decision, execution_done, transferred_to)
     select e.supervising_agency_id, e.id, e.region_code,
            case when g % 100 = 0 then 'transferred' when g % 100 < 20 then 'investigating' when g % 100 < 50 then 'executing' else 'closed' end,
            '未按规定对从业人员进行安全生产教育和培训', 1, case when g % 5 = 0 then 'simple' else 'general' end, array[1, 2],
            d, d + 5, case when g % 100 >= 20 then d + 20 end, case when g % 100 >= 20 then d + 23 end, case when g % 100 >= 50 then d + 60 end,
            case when g % 100 >= 20 then jsonb_build_object('kind', 'penalty', 'fine', 1000 * (1 + g % 50),
              'sanctions', case when g % 97 = 0 then '["suspend_for_rectification"]'::jsonb when g % 991 = 0 then '["closure"]'::jsonb else '[]'::jsonb end) end,
            g % 100 >= 35, case when g % 100 = 0 then '县公安局' end
       from (select g, $2::date - (g % ${DAYS})::int - 60 as d from generate_series(1, $1::bigint) g) x join enterprises e on e.id = ${min} + (g * 15485863) % ${span}`,
    [CASES, today],
  );
  await q(
    `insert into penalty_case_events (case_id, region_code, action, from_status, to_status, actor_name, at)
     select id, region_code, 'transfer', 'investigating', 'transferred', '负责人', (opened_on + 10) + time '09:00' from penalty_cases where status = 'transferred'`,
  );
  console.log(`  cases (${seconds(ms(t0))})`);
  await q('alter table inspections enable trigger user');
  await q('alter table hazards enable trigger user');
  const tr = now();
  await q('select statistics_rebuild()');
  const rebuildMs = ms(tr);
  console.log(`  statistics_rebuild ${seconds(rebuildMs)}`);
  await q('vacuum analyze');
  return { ms: ms(t0), rebuildMs };
}

function existing(name: string): ScratchDatabase {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL || DEFAULT_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
