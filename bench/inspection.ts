// `npm run bench -- inspection`: inspection records and the hazard escalation job at provincial scale, on PostgreSQL.
//   1. a scratch database with the generator's agency tree, 20,000 officers and N enterprises (default 1,000,000) loaded
//      through the server's seed loader (as bench/registry.ts and bench/planning.ts do), then — set-based SQL,
//      generate_series — 5,000,000 past completed inspections with one photo record each, and 2,000,000 open hazards
//      (each with its finding) from the recent ones, deadlines spread so that most are overdue; the migrations' indexes
//      are dropped for the load and re-created from their own definitions (checked identical afterwards)
//   2. the real server (buildApp + listen on loopback); one officer account per client, logged in once up front
//   3. submissions: C clients (default 50) in a child process (bench/lib/inspectionLoad.ts) submit complete inspection
//      records back to back for a fixed time — the 2 requests of an officer's phone that works offline (issue #20):
//      the unplanned inspection registered and filed (online, before going out), then ONE multipart sync of the whole
//      visit with one 200 KB photo (its SM3 and capture time from the phone; entry, credentials, commitment, all
//      answers, exam, certificate, 3 findings — fixed on the spot with the photo, a hazard, a violation — and
//      completion, which issues the documents)
//   4. baseline: the same rows inserted by the same C clients with plain `pg`, one transaction per record
//   5. the escalation job runEscalation over the open hazards: the nightly run of a working day, after the steps of the
//      night before (set up by SQL, or measured as the job's catch-up with BENCH_CATCHUP=1); baseline: one plain UPDATE
//      of the same hazard rows (rolled back)
//   6. console tables and the "inspection" section of docs/benchmarks.md
//
// Environment:
//   DATABASE_URL              admin connection (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_QUICK=1             small scale for a quick check: 100,000 enterprises, 500,000 inspections, 200,000 hazards,
//                             30 s of submissions (every figure below can still be set on its own)
//   BENCH_ENTERPRISES         enterprises (default 1000000)       BENCH_OFFICERS        officers (default 20000)
//   BENCH_INSPECTIONS         past inspections (default 5000000)  BENCH_PAST_EVIDENCE   past photo records (default = inspections)
//   BENCH_HAZARDS             open hazards (default 2000000)
//   BENCH_CLIENTS             concurrent clients (default 50)     BENCH_AGENCIES        county agencies they work for (default 25)
//   BENCH_WARMUP_S / BENCH_DURATION_S            submissions: warm-up and measured time (default 15 / 120)
//   BENCH_BASE_WARMUP_S / BENCH_BASE_DURATION_S  baseline: the same (default 5 / 60)
//   BENCH_PHOTO_KB            photo size (default 200)
//   BENCH_POOL                the server's PostgreSQL pool (default: the server's own default, 10)
//   BENCH_PHASES              which phases run (default "api,escalation")
//   BENCH_CATCHUP=1           also measure the escalation job's catch-up (its first run, every due step at once; ~10 min
//                             at full scale); by default the state of the night before is set up by SQL
//   KEEP_DB=1                 keep the scratch database; BENCH_DB=<name> reuses one (the rows of earlier runs are
//                             removed first; implies KEEP_DB unless KEEP_DB=0)
//   BENCH_PROFILE=1           V8 CPU profiles of the server during submissions and of the escalation job (/tmp/inspection-*.cpuprofile)
//   BENCH_REPORT=0|1          write docs/benchmarks.md (default: at the default scale, without profiling)
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  addDays,
  addWorkingDays,
  defaultCheckItemCatalogue,
  escalationCutoffs,
  escalationLevels,
  generateProvince,
  industries,
  isWorkingDay,
  itemsForIndustry,
  overdueWorkingDays,
  type EscalationLevel,
} from '@anjian/domain';
import { openDatabase, type Database } from '../packages/server/src/db/client.js';
import { buildApp } from '../packages/server/src/app.js';
import { defaultConfig, type AppContext } from '../packages/server/src/context.js';
import { openAuditTrail } from '../packages/server/src/modules/audit/chain.js';
import { loadEnterprises, loadOfficers, seedIfEmpty } from '../packages/server/src/seed/load.js';
import { runEscalation, type EscalationRun } from '../packages/server/src/modules/hazard/service.js';
import { COMMITMENT_TEXT } from '../packages/server/src/modules/inspection/inspectionService.js';
import { shanghaiDate } from '../packages/server/src/lib/diff.js';
import { BENCH_AUDIT_KEY, DEFAULT_ADMIN_URL, createScratchDatabase, type ScratchDatabase } from './lib/pg.js';
import { machineInfo, machineLine, repoRoot, writeSection } from './lib/report.js';
import { fixed, int, mdTable, median, ms, now, percentile, ratio, seconds, textTable } from './lib/stats.js';
import { PeakRss, cpuDelta, cpuSnapshot, fullGc, selfCpuMs, withCpuProfile } from './lib/procStats.js';
import { STEPS, type ClientSpec, type LoadConfig, type LoadResult } from './lib/inspectionLoad.js';

export const description = '执法检查：500万历史检查、200万隐患规模下的50并发检查记录提交与隐患逾期督办任务';

const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const num = (name: string, full: number, quick: number) => Number(env[name] ?? (QUICK ? quick : full));
const N = num('BENCH_ENTERPRISES', 1_000_000, 100_000);
const OFFICERS = num('BENCH_OFFICERS', 20_000, 5_000);
const PAST = num('BENCH_INSPECTIONS', 5_000_000, 500_000);
const PAST_EVIDENCE = num('BENCH_PAST_EVIDENCE', PAST, PAST);
const HAZARDS = num('BENCH_HAZARDS', 2_000_000, 200_000);
const CLIENTS = num('BENCH_CLIENTS', 50, 50);
const AGENCIES = num('BENCH_AGENCIES', 25, 25);
const WARMUP_S = num('BENCH_WARMUP_S', 15, 5);
const DURATION_S = num('BENCH_DURATION_S', 120, 30);
const BASE_WARMUP_S = num('BENCH_BASE_WARMUP_S', 5, 3);
const BASE_DURATION_S = num('BENCH_BASE_DURATION_S', 60, 20);
const PHOTO_BYTES = num('BENCH_PHOTO_KB', 200, 200) * 1024;
const POOL = env.BENCH_POOL ? Number(env.BENCH_POOL) : undefined;
const PHASES = new Set((env.BENCH_PHASES ?? 'api,escalation').split(',').map((s) => s.trim()));
const REUSE = env.BENCH_DB;
const KEEP_DB = env.KEEP_DB === '1' || (REUSE !== undefined && env.KEEP_DB !== '0');
const PROFILE = env.BENCH_PROFILE === '1';
/** API processes (node:cluster, as the server's WEB_CONCURRENCY): 1 = the server in the benchmark's own process */
const CLUSTER = Math.max(1, Number(env.BENCH_API_PROCESSES ?? 1));
const CATCHUP = env.BENCH_CATCHUP === '1';
const DEFAULT_SCALE =
  !QUICK &&
  ['BENCH_ENTERPRISES', 'BENCH_OFFICERS', 'BENCH_INSPECTIONS', 'BENCH_PAST_EVIDENCE', 'BENCH_HAZARDS', 'BENCH_CLIENTS', 'BENCH_AGENCIES', 'BENCH_PHOTO_KB', 'BENCH_POOL', 'BENCH_PHASES'].every((k) => env[k] === undefined);
const REPORT = env.BENCH_REPORT !== undefined ? env.BENCH_REPORT === '1' : DEFAULT_SCALE && !PROFILE;
const SEED = 20260101; // the demo's seed: the same province the demo shows
const PROVINCE = '330000';
const ADMIN_PASSWORD = 'Bench#Admin2026';
const OFFICER_PASSWORD = 'Bench#Officer2026';
/** the deadlines of the past hazards: inspected 1–150 days ago, 30 days to rectify → up to 121 days overdue */
const HAZARD_DAYS = 150;
const RECTIFY_DAYS = 30;
const PAST_DAYS = 1095; // past inspections over three years

/** Written from the figures of the recorded run (see the section): what dominates and what was changed. */
const ANALYSIS: string[] = [];

/** modules/audit/chain.ts CHAIN_LOCK_KEY: the advisory lock of the audit sealer (before migration 0010, every audited transaction took it) */
const AUDIT_LOCK_KEY = 0x41554454;

const mib = (b: number) => `${Math.round(b / 1024 ** 2).toLocaleString('en-US')} MiB`;
const here = path.dirname(fileURLToPath(import.meta.url));

type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

interface State {
  enterprises: number;
  officers: number;
  agencies: number;
  inspections: number;
  evidence: number;
  findings: number;
  hazards: number;
  max_inspection: number;
  max_evidence: number;
  max_finding: number;
  max_hazard: number;
  max_unplanned: number;
  max_penalty: number;
  max_document: number;
  max_audit: number;
  load_ms: number;
}

export async function run(_args: string[]): Promise<void> {
  const started = now();
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  const code = codeVersion();
  const scratch: ScratchDatabase = REUSE ? existingDatabase(REUSE) : await createScratchDatabase('anjian_bench_inspection');
  console.log(
    `inspection bench: ${int(N)} enterprises, ${int(PAST)} past inspections, ${int(HAZARDS)} open hazards, ${CLIENTS} clients × ${DURATION_S} s; database ${scratch.name}${REUSE ? ' (reused)' : ''}`,
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anjian-bench-inspection-'));
  const withApp = (url: string, name: string) => {
    const u = new URL(url);
    u.searchParams.set('application_name', name);
    return u.toString();
  };
  let database: Database | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let workers: ApiWorkers | undefined;
  const pool = new pg.Pool({ connectionString: withApp(scratch.url, 'bench-main'), max: 3 });
  try {
    const q: Query = async (text, params = []) => (await pool.query(text, params)).rows;
    database = await openDatabase({ url: withApp(scratch.url, 'anjian-server'), poolSize: POOL });
    await openAuditTrail(database, { dataDir, auditKey: BENCH_AUDIT_KEY });
    const [{ version }] = (await q<{ version: string }>('select version()')) as [{ version: string }];

    // ---- 1. data ----
    const state = await loadData(database, scratch.url, q);
    const today = shanghaiDate();
    const ctx: AppContext = { database, config: defaultConfig({ databaseUrl: scratch.url, dataDir, auditKey: BENCH_AUDIT_KEY }) };

    // ---- 2. server, accounts ----
    app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    let base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const clients = await setUpClients(base, q, today);
    if (CLUSTER > 1) {
      // the submissions go to N API processes on one port (node:cluster, as WEB_CONCURRENCY=N npm start)
      workers = await startApiWorkers(withApp(scratch.url, 'anjian-server'), dataDir);
      base = workers.base;
    }

    let api: ApiPhase | null = null;
    let baseline: ApiPhase | null = null;
    if (PHASES.has('api')) {
      // ---- 3. submissions through the API ----
      const cfg: LoadConfig = { mode: 'api', base, clients, warmupMs: WARMUP_S * 1000, durationMs: DURATION_S * 1000, photoBytes: PHOTO_BYTES, today, hazardDeadline: addDays(today, 10) };
      api = await loadPhase('api', cfg, q, scratch.name, 'anjian-server', workers);
      const [check] = await q<{ completed: number; other: number; hazards: number; evidence: number; documents: number }>(
        `select (select count(*)::int from inspections where id > $1 and status = 'completed') as completed,
                (select count(*)::int from inspections where id > $1 and status <> 'completed') as other,
                (select count(*)::int from hazards where id > $2) as hazards,
                (select count(*)::int from evidence where id > $3) as evidence,
                (select count(*)::int from documents where id > $4) as documents`,
        [state.max_inspection, state.max_hazard, state.max_evidence, state.max_document],
      );
      api.check = check!;
      console.log(`api: stored ${int(check!.completed)} completed records (${check!.other} unfinished), ${int(check!.hazards)} hazards, ${int(check!.evidence)} photos, ${int(check!.documents)} documents`);
      if (check!.hazards !== check!.completed + check!.other && check!.other === 0) throw new Error('api: hazards and records do not match');

      // ---- 4. baseline: the same rows, plain pg, one transaction per record ----
      const [rec] = await q<{ content: unknown }>(`select content from documents where id > $1 and kind = 'inspection_record' order by id desc limit 1`, [state.max_document]);
      const [ord] = await q<{ content: unknown }>(`select content from documents where id > $1 and kind = 'rectification_order' order by id desc limit 1`, [state.max_document]);
      await q('drop table if exists audit_log_baseline');
      await q('drop sequence if exists audit_log_baseline_seq');
      await q('create table audit_log_baseline (like audit_log including all)');
      await q('create sequence audit_log_baseline_seq');
      const before = await q<{ n: number }>(`select count(*)::int as n from inspections where id > $1`, [state.max_inspection]);
      const itemsByIndustry = Object.fromEntries(industries.map((i) => [i, itemsForIndustry(defaultCheckItemCatalogue, i).map((x) => x.code)]));
      baseline = await loadPhase(
        'pg',
        {
          mode: 'pg',
          databaseUrl: withApp(scratch.url, 'bench-baseline'),
          clients,
          warmupMs: BASE_WARMUP_S * 1000,
          durationMs: BASE_DURATION_S * 1000,
          photoBytes: PHOTO_BYTES,
          today,
          hazardDeadline: addDays(today, 10),
          itemsByIndustry,
          documentTemplates: { inspection_record: rec!.content, rectification_order: ord!.content },
          year: Number(today.slice(0, 4)),
        },
        q,
        scratch.name,
        'bench-baseline',
      );
      const after = await q<{ n: number }>(`select count(*)::int as n from inspections where id > $1`, [state.max_inspection]);
      console.log(`baseline: stored ${int(after[0]!.n - before[0]!.n)} records`);
    }

    // ---- 5. escalation ----
    let esc: EscalationPhase | null = null;
    if (PHASES.has('escalation')) esc = await escalationPhase(ctx, q, today);

    // ---- 6. report ----
    const totalMs = ms(started);
    const machine = machineInfo(version);
    const pgSettings = Object.fromEntries(
      (await q<{ name: string; setting: string; unit: string | null }>(`select name, current_setting(name) as setting, unit from pg_settings where name in ('shared_buffers', 'synchronous_commit', 'autovacuum')`)).map((x) => [x.name, x.setting]),
    );
    await q('analyze inspection_answers, documents, audit_log, hazard_escalations');
    const sizes = (
      await q<{ name: string; rows: string; bytes: number }>(
        `select c.relname as name, to_char(c.reltuples, 'FM999,999,999,999') as rows, pg_total_relation_size(c.oid)::bigint as bytes from pg_class c
          where c.relname in ('inspections', 'inspection_answers', 'evidence', 'findings', 'hazards', 'hazard_escalations', 'documents', 'audit_log', 'enterprises') and c.relkind = 'r'
          order by pg_total_relation_size(c.oid) desc`,
      )
    ).map((x) => ({ ...x, bytes: Number(x.bytes) }));
    const body = report({ pgSettings, sizes, analysis: ANALYSIS, machine, version, state, api, baseline, esc, totalMs, code, loads: `${loadBefore} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at end`, today, clients });
    console.log(`\nwhole run ${seconds(totalMs)}`);
    if (REPORT && api && baseline && esc) {
      writeSection('inspection', body);
      console.log('docs/benchmarks.md updated (section "inspection")');
    } else {
      console.log('docs/benchmarks.md not written (non-default scale, a subset of phases or profiling; BENCH_REPORT=1 forces it)');
      if (env.BENCH_REPORT === '1') writeSection('inspection', body);
    }
  } finally {
    await workers?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    if (KEEP_DB) console.log(`KEEP_DB: database ${scratch.name} kept — reuse with BENCH_DB=${scratch.name}; drop with: psql -c 'drop database ${scratch.name}'`);
    else await scratch.drop();
  }
}

// ---------- data ----------

async function loadData(database: Database, url: string, q: Query): Promise<State> {
  const [exists] = await q<{ t: string | null }>(`select to_regclass('bench_inspection_state')::text as t`);
  if (exists?.t) return resetReused(q);
  const t0 = now();
  await seedIfEmpty(database, { demo: false, enterprises: 0, adminPassword: ADMIN_PASSWORD, provinceCode: PROVINCE, seed: SEED });
  const agencyIds = new Map((await q<{ id: number; region_code: string }>('select id, region_code from agencies')).map((r) => [r.region_code, Number(r.id)]));
  // Credentials around today, as the demo does: entering the site checks today's validity (R16).
  const gen = generateProvince({ seed: SEED, enterprises: N, officers: OFFICERS, provinceCode: PROVINCE, today: shanghaiDate() });
  await loadOfficers(database, gen, agencyIds, { audit: false });
  let reported = 0;
  await loadEnterprises(database, gen, agencyIds, {
    audit: false,
    onProgress: (n) => {
      if (n - reported >= 200_000 || n === N) {
        reported = n;
        console.log(`  loaded ${int(n)} enterprises, ${int(n / (ms(t0) / 1000))} rows/s`);
      }
    },
  });
  fullGc();
  const tEnt = ms(t0);
  await pastRecords(url, q);
  const loadMs = ms(t0);
  console.log(`load: ${seconds(loadMs)} (register ${seconds(tEnt)}, past records ${seconds(loadMs - tEnt)})`);
  const max = async (t: string) => Number((await q<{ m: number | null }>(`select coalesce(max(id), 0)::bigint as m from ${t}`))[0]!.m);
  const count = async (t: string) => Number((await q<{ n: number }>(`select count(*)::bigint as n from ${t}`))[0]!.n);
  const state: State = {
    enterprises: await count('enterprises'),
    officers: await count('officers'),
    agencies: await count('agencies'),
    inspections: await count('inspections'),
    evidence: await count('evidence'),
    findings: await count('findings'),
    hazards: await count('hazards'),
    max_inspection: await max('inspections'),
    max_evidence: await max('evidence'),
    max_finding: await max('findings'),
    max_hazard: await max('hazards'),
    max_unplanned: await max('unplanned_requests'),
    max_penalty: await max('penalty_cases'),
    max_document: await max('documents'),
    max_audit: await max('audit_log'),
    load_ms: loadMs,
  };
  await q(`create table bench_inspection_state (state jsonb not null)`);
  await q(`insert into bench_inspection_state values ($1)`, [JSON.stringify(state)]);
  return state;
}

/** A database kept by an earlier run: back to the state after loading (the rows of earlier runs removed). */
async function resetReused(q: Query): Promise<State> {
  const [{ state }] = (await q<{ state: State }>('select state from bench_inspection_state')) as [{ state: State }];
  if (state.enterprises !== N || state.inspections !== PAST || state.hazards !== HAZARDS || state.evidence !== PAST_EVIDENCE) {
    throw new Error(`BENCH_DB holds ${JSON.stringify(state)}, not the requested scale`);
  }
  const t = now();
  await q(`delete from inspection_answers where inspection_id > $1`, [state.max_inspection]);
  for (const [table, key] of [
    ['inspections', 'max_inspection'],
    ['evidence', 'max_evidence'],
    ['findings', 'max_finding'],
    ['hazards', 'max_hazard'],
    ['unplanned_requests', 'max_unplanned'],
    ['penalty_cases', 'max_penalty'],
    ['documents', 'max_document'],
  ] as const) {
    await q(`delete from ${table} where id > $1`, [state[key]]);
  }
  // the audit log's triggers refuse any delete (R35); a restore-like session without them takes back a run's entries
  await q(`begin; set local session_replication_role = replica; delete from audit_log where id > ${Number(state.max_audit)}; commit`);
  await q('truncate hazard_escalations, document_counters');
  await q('delete from sessions');
  await q(`update hazards set escalation_level = null where escalation_level is not null`);
  await q('drop table if exists audit_log_baseline');
  for (const t2 of ['inspections', 'inspection_answers', 'evidence', 'findings', 'hazards', 'hazard_escalations', 'unplanned_requests', 'penalty_cases', 'documents', 'audit_log', 'sessions']) await q(`vacuum analyze ${t2}`);
  console.log(`reused: rows of earlier runs removed in ${seconds(ms(t))}`);
  return state;
}

/** The indexes of `tables` that no constraint owns, as the migrations created them. */
async function plainIndexes(c: pg.Client, tables: string[]): Promise<{ name: string; def: string }[]> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any($1)
        and not exists (select 1 from pg_constraint k where k.conname = i.indexname)
      order by i.indexname`,
    [tables],
  );
  return rows;
}

/**
 * 5M past inspections with a photo each, and 2M open hazards with their findings from the recent ones: set-based SQL,
 * ids given explicitly so the rows relate by arithmetic. Plain indexes are dropped for the load and re-created from
 * the migrations' definitions.
 */
async function pastRecords(url: string, q: Query): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const step = async (label: string, text: string, params: unknown[] = []) => {
    const t = now();
    const r = await c.query(text, params);
    console.log(`  ${label}: ${r.rowCount != null && r.command !== 'CREATE' ? `${int(r.rowCount)} rows, ` : ''}${seconds(ms(t))}`);
  };
  try {
    await c.query(`set maintenance_work_mem = '1GB'`);
    await c.query(`set work_mem = '256MB'`);
    await c.query(`set synchronous_commit = off`);
    const [e] = (await c.query<{ min: number; max: number; n: number }>('select min(id)::bigint as min, max(id)::bigint as max, count(*)::bigint as n from enterprises')).rows;
    if (Number(e!.max) - Number(e!.min) + 1 !== Number(e!.n)) throw new Error('enterprise ids are not contiguous');
    const [admin] = (await c.query<{ id: number }>(`select id from users where username = 'admin'`)).rows;
    const months = Math.floor((PAST - HAZARD_DAYS) / PAST_DAYS);
    if (months < 1) throw new Error(`BENCH_INSPECTIONS must be at least ${PAST_DAYS + HAZARD_DAYS}`);
    const tables = ['inspections', 'evidence', 'findings', 'hazards'];
    const indexes = await plainIndexes(c, tables);
    for (const i of indexes) await c.query(`drop index ${i.name}`);

    await c.query(`create temp table bench_items (industry text primary key, codes text[] not null)`);
    for (const i of industries) await c.query(`insert into bench_items values ($1, $2)`, [i, itemsForIndustry(defaultCheckItemCatalogue, i).map((x) => x.code)]);
    await c.query(`create temp table bench_agency_officers as select agency_id, array_agg(id order by id) as ids from officers group by agency_id`);
    await c.query(`alter table bench_agency_officers add primary key (agency_id)`);
    const today = shanghaiDate();
    const commitment = JSON.stringify({ text: COMMITMENT_TEXT, signers: ['执法人员甲', '执法人员乙'], signedAt: `${today}T01:35:00.000Z` });
    const exams = JSON.stringify([{ clientId: 'bench-past-exam', personName: '王总', position: '主要负责人', questions: '本单位安全生产责任制', score: 85, passed: true, at: `${today}T02:00:00.000Z` }]);
    const certs = JSON.stringify([{ clientId: 'bench-past-cert', holderName: '李工', certificateType: '特种作业操作证（电工作业）', certificateNo: 'T330100198001011234', validTo: addDays(today, 400), valid: true, at: `${today}T02:10:00.000Z` }]);
    const CHUNK = 1_000_000;
    for (let from = 1; from <= PAST; from += CHUNK) {
      const to = Math.min(PAST, from + CHUNK - 1);
      await step(
        `inspections ${int(from)}–${int(to)}`,
        `insert into inspections (id, agency_id, enterprise_id, region_code, origin, legal_basis, planned_date, place, officer_ids, item_codes, catalog_version, status,
            filed_at, filed_by, entered_at, entry_date, credentials_shown_at, commitment, exams, certificates, summary, completed_at, public_token, created_by, created_at, updated_at)
         select g, e.supervising_agency_id, e.id, e.region_code, case g % 10 when 0 then 'unplanned' when 1 then 'draw' else 'plan' end,
                '《中华人民共和国安全生产法》第六十五条', d.day, e.address,
                case when cardinality(o.ids) >= 2 then array[o.ids[1 + g % cardinality(o.ids)], o.ids[1 + (g + 1) % cardinality(o.ids)]] else coalesce(o.ids, '{}') end,
                it.codes, 1, 'completed', d.t - interval '3 days', $4, d.t, d.day, d.t + interval '5 minutes', $5::jsonb, $6::jsonb, $7::jsonb,
                '检查完毕：发现问题已当场整改或责令限期整改', d.t + interval '3 hours', md5('bench-past-' || g), $4, d.t - interval '3 days', d.t + interval '3 hours'
           from generate_series($1::bigint, $2::bigint) g
           join enterprises e on e.id = $3::bigint + (g * 7919) % $8::bigint
           cross join lateral (select $9::date - 1 - (g % ${PAST_DAYS})::int as day, (($9::date - 1 - (g % ${PAST_DAYS})::int) + time '09:30') at time zone 'Asia/Shanghai' as t) d
           left join bench_agency_officers o on o.agency_id = e.supervising_agency_id
           join bench_items it on it.industry = e.industry`,
        [from, to, e!.min, admin!.id, commitment, exams, certs, e!.n, today],
      );
    }
    // The rows below relate to the inspections by arithmetic on the ids (no join with the 5M-row table): inspection g
    // is of enterprise eMin + (g·7919 mod N), on the day $today − 1 − (g mod 1095).
    const day = (id: string) => `($4::date - 1 - (${id} % ${PAST_DAYS})::int)`;
    const at = (id: string) => `((${day(id)} + time '09:30') at time zone 'Asia/Shanghai')`;
    const ent = (id: string) => `join enterprises e on e.id = $5::bigint + (${id} * 7919) % $6::bigint`;
    for (let from = 1; from <= PAST_EVIDENCE; from += CHUNK) {
      const to = Math.min(PAST_EVIDENCE, from + CHUNK - 1);
      // one photo per past inspection (more than that cycle over them again)
      await step(
        `evidence ${int(from)}–${int(to)}`,
        `insert into evidence (id, client_id, region_code, enterprise_id, inspection_id, hazard_id, item_code, finding_client_id, kind, mime, size, sm3, original_name, uploaded_by, created_at)
         select g, md5('bench-ev-' || g)::uuid::text, e.region_code, e.id, x.iid, null, 'G07',
                case when g % 2 = 0 then md5('bench-fx-' || g)::uuid::text end, 'photo', 'image/jpeg', 150000 + (g % 100000)::int,
                md5('a' || g) || md5('b' || g), '现场照片.jpg', $3, ${at('x.iid')} + interval '30 minutes'
           from generate_series($1::bigint, $2::bigint) g cross join lateral (select 1 + (g - 1) % ${PAST} as iid) x ${ent('x.iid')}`,
        [from, to, admin!.id, today, e!.min, e!.n],
      );
    }
    // Hazard h belongs to an inspection of (1 + h mod 150) days ago: its id ≡ that offset (mod 1095).
    const iid = `(1 + h % ${HAZARD_DAYS}) + ${PAST_DAYS}::bigint * ((h / ${HAZARD_DAYS}) % ${months})`;
    for (let from = 1; from <= HAZARDS; from += CHUNK) {
      const to = Math.min(HAZARDS, from + CHUNK - 1);
      await step(
        `findings ${int(from)}–${int(to)}`,
        `insert into findings (id, client_id, inspection_id, region_code, item_code, description, disposition, major, criterion, hazard_id, created_by, created_at)
         select h, md5('bench-finding-' || h)::uuid::text, x.iid, e.region_code, 'G09', '隐患排查治理台账未建立', 'hazard', h % 50 = 0,
                case when h % 50 = 0 then '重大事故隐患判定标准：未建立隐患排查治理制度' end, h, $3, ${at('x.iid')} + interval '2 hours'
           from generate_series($1::bigint, $2::bigint) h cross join lateral (select ${iid} as iid) x ${ent('x.iid')}`,
        [from, to, admin!.id, today, e!.min, e!.n],
      );
      await step(
        `hazards ${int(from)}–${int(to)}`,
        `insert into hazards (id, finding_id, inspection_id, enterprise_id, agency_id, region_code, description, requirement, major, criterion, responsible_person, tracker_name,
            deadline, status, created_at, updated_at)
         select h, h, x.iid, e.id, e.supervising_agency_id, e.region_code, '隐患排查治理台账未建立', '建立隐患排查治理台账并组织全面排查', h % 50 = 0,
                case when h % 50 = 0 then '重大事故隐患判定标准：未建立隐患排查治理制度' end, '张安全', case when h % 50 = 0 then '县局督办人' end,
                ${day('x.iid')} + ${RECTIFY_DAYS}, 'open', ${at('x.iid')} + interval '2 hours', ${at('x.iid')} + interval '2 hours'
           from generate_series($1::bigint, $2::bigint) h cross join lateral (select ${iid} as iid) x ${ent('x.iid')}`.replace(/\$([4-6])/g, (_, d: string) => `$${Number(d) - 1}`),
        [from, to, today, e!.min, e!.n],
      );
    }
    // the arithmetic agrees with the stored inspections (a sample)
    const { rows: bad } = await c.query<{ n: number }>(
      `select (select count(*) from generate_series(1, ${PAST_EVIDENCE}, 997) s join evidence v on v.id = s join inspections i on i.id = v.inspection_id where (v.enterprise_id <> i.enterprise_id or v.region_code <> i.region_code))
            + (select count(*) from generate_series(1, ${HAZARDS}, 997) s join hazards h on h.id = s join inspections i on i.id = h.inspection_id
                where (h.enterprise_id <> i.enterprise_id or h.agency_id <> i.agency_id or h.deadline <> i.planned_date + ${RECTIFY_DAYS})) as n`,
    );
    if (Number(bad[0]!.n) !== 0) throw new Error(`${bad[0]!.n} sampled evidence/hazard rows disagree with their inspection`);
    for (const t of tables) await c.query(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
    for (const i of indexes) await step(`index ${i.name}`, i.def);
    const again = await plainIndexes(c, tables);
    if (JSON.stringify(again) !== JSON.stringify(indexes)) throw new Error('the re-created indexes differ from the migrations\'');
    for (const t of tables) await step(`vacuum analyze ${t}`, `vacuum analyze ${t}`);
    await step('vacuum analyze (rest)', 'vacuum analyze');
  } finally {
    await c.end();
  }
  void q;
}

// ---------- accounts ----------

async function setUpClients(base: string, q: Query, today: string): Promise<ClientSpec[]> {
  // County agencies with the most enterprises, each with two officers whose credentials are valid for the run.
  const agencies = await q<{ id: number; region_code: string; officers: number[]; names: string[] }>(
    `select a.id, a.region_code, o.ids as officers, o.names
       from agencies a
       join lateral (select array_agg(id order by id) as ids, array_agg(name order by id) as names
                       from (select id, name from officers where agency_id = a.id and credential_valid_from <= $1::date and credential_valid_to >= $2::date order by id limit 2) x) o on true
      where a.level = 'county' and cardinality(o.ids) = 2
      order by (select count(*) from enterprises e where e.supervising_agency_id = a.id) desc, a.id
      limit $3`,
    [today, addDays(today, 30), AGENCIES],
  );
  if (agencies.length < AGENCIES) throw new Error(`only ${agencies.length} county agencies with two valid officers`);
  const adminRes = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  if (adminRes.status !== 200) throw new Error(`admin login: ${adminRes.status}`);
  const adminCookie = adminRes.headers.getSetCookie().find((c) => c.startsWith('sid='))!.split(';')[0]!;
  const specs: ClientSpec[] = [];
  for (let ci = 0; ci < CLIENTS; ci++) {
    const a = agencies[ci % agencies.length]!;
    const share = Math.ceil(CLIENTS / agencies.length);
    const username = `bench.officer.${String(ci + 1).padStart(3, '0')}`;
    let [u] = await q<{ id: number; agency_id: number }>(`select id, agency_id from users where username = $1`, [username]);
    if (u && Number(u.agency_id) !== Number(a.id)) throw new Error(`${username} belongs to another agency`);
    if (!u) {
      const res = await fetch(`${base}/api/users`, {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: OFFICER_PASSWORD, displayName: `基准执法员${ci + 1}`, role: 'officer', agencyId: Number(a.id) }),
      });
      if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${await res.text()}`);
      u = { id: Number(((await res.json()) as { id: number }).id), agency_id: a.id };
    }
    // the agency's enterprises, split between its clients
    const slot = Math.floor(ci / agencies.length);
    const enterprises = await q<{ id: number; industry: string; region_code: string; address: string }>(
      `select id, industry, region_code, address from enterprises where supervising_agency_id = $1 and id % $2 = $3 order by id limit 2000`,
      [a.id, share, slot],
    );
    if (enterprises.length === 0) throw new Error(`agency ${a.id} has no enterprises for client ${ci}`);
    specs.push({
      username,
      password: OFFICER_PASSWORD,
      userId: Number(u.id),
      agencyId: Number(a.id),
      enterprises: enterprises.map((e) => ({ id: Number(e.id), industry: e.industry, regionCode: e.region_code, address: e.address })),
      officerIds: a.officers.map(Number),
      officerNames: a.names,
    });
  }
  return specs;
}

// ---------- the load phases ----------

interface WaitSample {
  /** samples × connections of the role, by state / wait event */
  byWait: Map<string, number>;
  /** active samples by statement (first words) */
  byQuery: Map<string, number>;
  /** what the holder of the audit chain lock is doing, per sample */
  byHolder: Map<string, number>;
  samples: number;
}

interface ApiPhase {
  result: LoadResult;
  peakRss: number;
  startRss: number;
  rssExact: boolean;
  serverCpuMs: number;
  pgCpuMs: number;
  wallMs: number;
  waits: WaitSample;
  profileTop?: string[];
  check?: { completed: number; other: number; hazards: number; evidence: number; documents: number };
}

/** pg_stat_activity of one application's connections, every 100 ms: where their time goes. */
function waitSampler(q: Query, dbName: string, appName: string): { stop: () => Promise<WaitSample> } {
  const byWait = new Map<string, number>();
  const byQuery = new Map<string, number>();
  const byHolder = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await q<{ state: string | null; wt: string | null; we: string | null; query: string }>(
        `select state, wait_event_type as wt, wait_event as we, query from pg_stat_activity where datname = $1 and application_name = $2 and pid <> pg_backend_pid()`,
        [dbName, appName],
      ).catch(() => []);
      // the holder of the audit chain's advisory lock: what it is doing, and its last statement
      const holders = await q<{ state: string | null; wt: string | null; we: string | null; query: string }>(
        `select a.state, a.wait_event_type as wt, a.wait_event as we, a.query from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and l.objid = ${AUDIT_LOCK_KEY} and a.datname = $1 and a.application_name = $2`,
        [dbName, appName],
      ).catch(() => []);
      samples++;
      if (holders.length === 0) byHolder.set('(nobody holds it)', (byHolder.get('(nobody holds it)') ?? 0) + 1);
      for (const h of holders) {
        const state = h.state === 'active' ? `active: ${h.wt ? `${h.wt}/${h.we}` : 'CPU'}` : (h.state ?? '?');
        const key = `${state} — last statement: ${h.query.replace(/\s+/g, ' ').replace(/\$\d+/g, '$').slice(0, 70)}`;
        byHolder.set(key, (byHolder.get(key) ?? 0) + 1);
      }
      for (const r of rows) {
        const state = r.state ?? '?';
        const key = state === 'active' ? `active: ${r.wt ? `${r.wt}/${r.we}` : 'CPU'}` : state;
        byWait.set(key, (byWait.get(key) ?? 0) + 1);
        if (state === 'active') {
          const stmt = r.query.replace(/\s+/g, ' ').replace(/\$\d+/g, '$').slice(0, 90);
          byQuery.set(stmt, (byQuery.get(stmt) ?? 0) + 1);
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return { byWait, byQuery, byHolder, samples };
    },
  };
}

async function pgPids(q: Query, dbName: string): Promise<number[]> {
  const rows = await q<{ pid: number }>(`select pid from pg_stat_activity where datname = $1 or datname is null`, [dbName]);
  return rows.map((r) => Number(r.pid));
}

interface ApiWorkers {
  base: string;
  pids: number[];
  stop(): Promise<void>;
}

/** BENCH_API_PROCESSES workers (bench/lib/apiWorker.ts) on one port; the benchmark's process is the cluster's primary. */
async function startApiWorkers(url: string, dataDir: string): Promise<ApiWorkers> {
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  cluster.setupPrimary({ exec: path.join(here, 'lib/apiWorker.ts'), execArgv: ['--import', 'tsx'] });
  const list = Array.from({ length: CLUSTER }, () =>
    cluster.fork({ BENCH_WORKER_DB: url, BENCH_WORKER_DATA_DIR: dataDir, BENCH_WORKER_AUDIT_KEY: BENCH_AUDIT_KEY, BENCH_WORKER_PORT: String(port), ...(POOL ? { BENCH_WORKER_POOL: String(POOL) } : {}) }),
  );
  await Promise.all(list.map((w) => new Promise<void>((resolve, reject) => {
    w.on('message', (m: { type: string }) => m.type === 'listening' && resolve());
    w.on('exit', (code) => reject(new Error(`API worker exited (${code})`)));
  })));
  console.log(`api: ${CLUSTER} API processes (node:cluster) on port ${port}, pool ${POOL ?? 10} each`);
  return {
    base: `http://127.0.0.1:${port}`,
    pids: list.map((w) => w.process.pid!),
    stop: async () => {
      await Promise.all(list.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : (w.once('exit', () => resolve()), w.process.kill('SIGTERM'))))));
    },
  };
}

/** Peak RSS of other processes (VmHWM from /proc, reset at start). */
function peakRssOf(pids: number[]): () => number {
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      /* not ours to reset: the high-water mark since start */
    }
  }
  return () =>
    pids.reduce((sum, pid) => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return sum + (m ? Number(m[1]) * 1024 : 0);
      } catch {
        return sum;
      }
    }, 0);
}

async function loadPhase(mode: 'api' | 'pg', cfg: LoadConfig, q: Query, dbName: string, appName: string, workers?: ApiWorkers): Promise<ApiPhase> {
  const child: ChildProcess = fork(path.join(here, 'lib/inspectionLoad.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: { type: string; result?: LoadResult; message?: string }[] = [];
  let wake: () => void = () => undefined;
  child.on('message', (m: { type: string }) => {
    messages.push(m);
    wake();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    wake();
  });
  const next = async (type: string) => {
    for (;;) {
      const i = messages.findIndex((m) => m.type === type || m.type === 'error');
      if (i >= 0) {
        const m = messages.splice(i, 1)[0]!;
        if (m.type === 'error') throw new Error(`load generator: ${m.message}`);
        return m;
      }
      if (exited) throw new Error('load generator exited');
      await new Promise<void>((r) => (wake = r));
    }
  };
  try {
    child.send({ type: 'config', config: cfg });
    await next('ready');
    console.log(`${mode}: ${cfg.clients.length} clients ready; ${cfg.warmupMs / 1000} s warm-up, ${cfg.durationMs / 1000} s measured`);
    const rss = new PeakRss();
    const workerRss = workers ? peakRssOf(workers.pids) : null;
    const pids0 = await pgPids(q, dbName);
    const run = async () => {
      child.send({ type: 'start' });
      await new Promise((r) => setTimeout(r, cfg.warmupMs));
      // the measured window: CPU of this process (the server) and of PostgreSQL, pg_stat_activity
      const cpu0 = process.cpuUsage();
      const w0 = cpuSnapshot(workers?.pids ?? []);
      const pg0 = cpuSnapshot(pids0);
      const t = now();
      const sampler = waitSampler(q, dbName, appName);
      await new Promise((r) => setTimeout(r, cfg.durationMs));
      const waits = await sampler.stop();
      const wallMs = ms(t);
      // the server: this process, plus the API workers when there are
      const serverCpuMs = selfCpuMs(cpu0) + (workers ? cpuDelta(w0, cpuSnapshot(workers.pids)) : 0);
      const pgCpuMs = cpuDelta(pg0, cpuSnapshot([...new Set([...pids0, ...(await pgPids(q, dbName))])]));
      const m = await next('result');
      return { result: m.result!, waits, wallMs, serverCpuMs, pgCpuMs };
    };
    let profileTop: string[] | undefined;
    let r: Awaited<ReturnType<typeof run>>;
    if (PROFILE && mode === 'api') {
      const p = await withCpuProfile('/tmp/inspection-api.cpuprofile', run);
      r = p.value;
      profileTop = p.summary;
      console.log(`CPU self time of the server, submissions (/tmp/inspection-api.cpuprofile):\n${p.summary.map((l) => '  ' + l).join('\n')}`);
    } else r = await run();
    // with API workers: the sum of their peaks (the primary only passes connections on)
    const peakRss = workerRss ? (rss.stop(), workerRss()) : rss.stop();
    const res = r.result;
    console.log(
      `${mode}: ${int(res.completedInWindow)} records in ${seconds(res.windowMs)} = ${fixed(res.completedInWindow / (res.windowMs / 1000), 1)} records/s; record p50 ${fixed(median(res.recordMs), 0)} ms, p99 ${fixed(percentile(res.recordMs, 99), 0)} ms; errors ${res.errors}${res.errors ? ` (${res.errorSamples[0]})` : ''}; peak RSS ${mib(peakRss)}`,
    );
    return { result: res, peakRss, startRss: rss.start, rssExact: rss.isExact, serverCpuMs: r.serverCpuMs, pgCpuMs: r.pgCpuMs, wallMs: r.wallMs, waits: r.waits, profileTop };
  } finally {
    if (!exited) child.kill();
  }
}

// ---------- escalation ----------

interface EscalationRunFigures {
  date: string;
  overdue: number;
  run: EscalationRun;
  steps: number;
  ms: number;
  peakRss: number;
  startRss: number;
  cpuMs: number;
  pgCpuMs: number;
  baseMs: number;
  baseRows: number;
  auditRows: number;
  profileTop?: string[];
}

interface EscalationPhase {
  open: number;
  /** the state before the nightly run: recorded by the job itself (catch-up, BENCH_CATCHUP=1) or set up by SQL */
  previous: string;
  setupMs: number | null;
  catchUp: EscalationRunFigures | null;
  nightly: EscalationRunFigures;
  /** the nightly result checked against the steps and levels recomputed from the deadlines */
  checked: { steps: number; levels: number };
}

const levelCase = (cut: Record<EscalationLevel, string>) =>
  `case when deadline <= '${cut.supervision}'::date then 'supervision' when deadline <= '${cut.interview}'::date then 'interview' when deadline <= '${cut.notice}'::date then 'notice' else 'letter' end`;

/**
 * The steps and levels the job would have recorded by the end of `date`, without audit entries: set-based SQL (the
 * state of a database whose job has run every night).
 */
async function escalationState(q: Query, date: string): Promise<number> {
  const t = now();
  const cut = escalationCutoffs(date);
  const [{ min }] = (await q<{ min: string | null }>(`select to_char(min(deadline), 'YYYY-MM-DD') as min from hazards where status <> 'closed' and deadline < $1::date`, [date])) as [{ min: string | null }];
  const dates: string[] = [];
  const late: number[] = [];
  for (let d = min ?? date; d < date; d = addDays(d, 1)) {
    dates.push(d);
    late.push(overdueWorkingDays(d, date));
  }
  for (const level of escalationLevels) {
    await q(
      `insert into hazard_escalations (hazard_id, level, overdue_days, deadline, created_at)
       select h.id, $1, od.n, h.deadline, ($4::date + time '00:05') at time zone 'Asia/Shanghai' from hazards h join unnest($2::date[], $3::int[]) od(d, n) on od.d = h.deadline
        where h.status <> 'closed' and h.deadline <= $5::date`,
      [level, dates, late, date, cut[level]],
    );
  }
  await q(`update hazards set escalation_level = ${levelCase(cut)} where status <> 'closed' and deadline <= $1::date`, [cut.letter]);
  await q('vacuum analyze hazards');
  await q('vacuum analyze hazard_escalations');
  return ms(t);
}

async function escalationPhase(ctx: AppContext, q: Query, today: string): Promise<EscalationPhase> {
  const [{ open }] = (await q<{ open: number }>(`select count(*)::int as open from hazards where status <> 'closed'`)) as [{ open: number }];
  // the nightly run of a working day, after the run of the working day before
  const nightlyDate = addWorkingDays(today, 0);
  let previous = addDays(nightlyDate, -1);
  while (!isWorkingDay(previous)) previous = addDays(previous, -1);
  const dbName = new URL(ctx.config.databaseUrl!).pathname.slice(1);
  const measureRun = async (date: string, label: string): Promise<EscalationRunFigures> => {
    const cut = escalationCutoffs(date);
    const [{ overdue }] = (await q<{ overdue: number }>(`select count(*)::int as overdue from hazards where status <> 'closed' and deadline < $1::date`, [date])) as [{ overdue: number }];
    // Baseline: one plain UPDATE of the rows the job's own UPDATE changes (their new level), timed, rolled back.
    const client = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await client.connect();
    let baseMs: number;
    let baseRows: number;
    try {
      await client.query('begin');
      const t = now();
      const r = await client.query(
        `update hazards set escalation_level = ${levelCase(cut)}, updated_at = now()
          where status <> 'closed' and deadline <= $1::date and escalation_level is distinct from ${levelCase(cut)}`,
        [cut.letter],
      );
      baseMs = ms(t);
      baseRows = r.rowCount ?? 0;
      await client.query('rollback');
      // the rolled-back row versions are garbage the job should not have to step over
      await client.query('vacuum analyze hazards');
    } finally {
      await client.end();
    }
    console.log(`escalation ${label} (${date}): baseline UPDATE of ${int(baseRows)} hazards in ${seconds(baseMs)}`);
    const [{ audit0 }] = (await q<{ audit0: number }>(`select coalesce(max(id), 0)::bigint as audit0 from audit_log`)) as [{ audit0: number }];
    const rss = new PeakRss();
    const pids0 = await pgPids(q, dbName);
    const pg0 = cpuSnapshot(pids0);
    const cpu0 = process.cpuUsage();
    const t = now();
    let run: EscalationRun;
    let profileTop: string[] | undefined;
    if (PROFILE) {
      const p = await withCpuProfile(`/tmp/inspection-escalation-${label}.cpuprofile`, () => runEscalation(ctx, date));
      run = p.value;
      profileTop = p.summary;
      console.log(`CPU self time, escalation ${label}:\n${p.summary.map((l) => '  ' + l).join('\n')}`);
    } else run = await runEscalation(ctx, date);
    const elapsed = ms(t);
    const cpuMs = selfCpuMs(cpu0);
    const pgCpuMs = cpuDelta(pg0, cpuSnapshot([...new Set([...pids0, ...(await pgPids(q, dbName))])]));
    const peakRss = rss.stop();
    const [{ auditRows }] = (await q<{ auditRows: number }>(`select count(*)::int as "auditRows" from audit_log where id > $1`, [audit0])) as [{ auditRows: number }];
    const steps = Object.values(run.newSteps).reduce((a, b) => a + b, 0);
    console.log(
      `escalation ${label} (${date}): ${int(overdue)} overdue of ${int(open)} open, ${int(steps)} new steps (${escalationLevels.map((l) => `${l} ${int(run.newSteps[l])}`).join(', ')}), ${int(run.hazardsUpdated)} hazards updated, ${int(auditRows)} audit entries in ${seconds(elapsed)}; peak RSS ${mib(peakRss)}`,
    );
    if (run.skipped) throw new Error('escalation skipped (lock held)');
    if (run.hazardsUpdated !== baseRows) throw new Error(`the job updated ${run.hazardsUpdated} hazards, the baseline ${baseRows}`);
    if (auditRows !== steps) throw new Error(`${steps} new steps but ${auditRows} audit entries`);
    await q('vacuum analyze hazards');
    await q('vacuum analyze hazard_escalations');
    return { date, overdue, run, steps, ms: elapsed, peakRss, startRss: rss.start, cpuMs, pgCpuMs, baseMs, baseRows, auditRows, profileTop };
  };
  let setupMs: number | null = null;
  let catchUp: EscalationRunFigures | null = null;
  if (CATCHUP) catchUp = await measureRun(previous, 'catch-up');
  else {
    setupMs = await escalationState(q, previous);
    console.log(`escalation: the steps due by ${previous} recorded by SQL in ${seconds(setupMs)} (the state after last night's run)`);
  }
  const nightly = await measureRun(nightlyDate, 'nightly');
  // every step and level the deadlines call for on the nightly date, and nothing else
  const cut = escalationCutoffs(nightlyDate);
  const [c] = await q<{ steps: number; expected_steps: number; levels: number; wrong_levels: number }>(
    `select (select count(*)::int from hazard_escalations e join hazards h on h.id = e.hazard_id where h.id <= $5) as steps,
            (select (count(*) filter (where deadline <= $1::date) + count(*) filter (where deadline <= $2::date) + count(*) filter (where deadline <= $3::date)
                     + count(*) filter (where deadline <= $4::date))::int from hazards where status <> 'closed' and id <= $5) as expected_steps,
            (select count(*)::int from hazards where status <> 'closed' and id <= $5 and escalation_level is not null) as levels,
            (select count(*)::int from hazards where status <> 'closed' and id <= $5 and escalation_level is distinct from (case when deadline <= $1::date then ${levelCase(cut)} end)) as wrong_levels`,
    [cut.letter, cut.notice, cut.interview, cut.supervision, HAZARDS],
  );
  if (c!.steps !== c!.expected_steps || c!.wrong_levels !== 0) throw new Error(`escalation state after the nightly run: ${JSON.stringify(c)}`);
  console.log(`escalation: checked — ${int(c!.steps)} steps and ${int(c!.levels)} levels, as the deadlines call for on ${nightlyDate}`);
  return { open, previous, setupMs, catchUp, nightly, checked: { steps: c!.steps, levels: c!.levels } };
}

// ---------- report ----------

/** Which code was measured: the commit, and uncommitted files of the server, domain and bench. */
function codeVersion(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: repoRoot, encoding: 'utf8' }).replace(/\s+$/, '');
    const head = git('log', '-1', '--format=%h %cd %s', '--date=format:%Y-%m-%d %H:%M');
    const dirty = git('status', '--porcelain', '--', 'packages/server/src', 'packages/domain/src', 'bench/inspection.ts', 'bench/lib/inspectionLoad.ts').split('\n').filter(Boolean);
    return `\`${head}\`${dirty.length ? `, plus uncommitted changes in ${dirty.map((l) => l.slice(3)).join(', ')}` : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

function existingDatabase(name: string): ScratchDatabase {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name: ${name}`);
  const adminUrl = env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

interface ReportInput {
  pgSettings: Record<string, string>;
  sizes: { name: string; rows: string; bytes: number }[];
  analysis: string[];
  machine: ReturnType<typeof machineInfo>;
  version: string;
  state: State;
  api: ApiPhase | null;
  baseline: ApiPhase | null;
  esc: EscalationPhase | null;
  totalMs: number;
  code: string;
  loads: string;
  today: string;
  clients: ClientSpec[];
}

const STEP_LABELS: Record<string, string> = {
  unplanned: 'POST /api/unplanned-inspections (一事一报 trigger)',
  file: 'POST /api/inspections (unplanned inspection registered with its trigger and filed)',
  enter: 'POST …/enter',
  'show-credentials': 'POST …/show-credentials',
  commitment: 'POST …/commitment',
  answers: 'PUT …/answers (every item)',
  exams: 'POST …/exams',
  certificates: 'POST …/certificates',
  evidence: 'POST …/evidence (multipart, photo with SM3 and capture time)',
  sync: 'POST …/sync (multipart: the whole visit with its photo; 2 documents issued)',
  'finding-spot': 'POST …/findings (fixed on the spot, with the photo)',
  'finding-hazard': 'POST …/findings (hazard → ledger)',
  'finding-violation': 'POST …/findings (violation → penalty case draft)',
  complete: 'POST …/complete (2 documents issued)',
};

const p = (xs: number[] | undefined, q: number) => (xs && xs.length ? percentile(xs, q) : NaN);
const msf = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US')} ms` : '–');
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`;

/** The console tables and the Markdown section. */
function report(r: ReportInput): string {
  const lines: string[] = [];
  const { api, baseline: b, esc, state } = r;
  const command = `${DEFAULT_SCALE ? '' : 'BENCH_… (non-default) '}${CLUSTER > 1 ? `BENCH_API_PROCESSES=${CLUSTER} ` : ''}npm run bench -- inspection`;
  const cores = r.machine.cpus;
  const rate = (x: ApiPhase) => x.result.completedInWindow / (x.result.windowMs / 1000);
  const allReq = (x: ApiPhase) => Object.values(x.result.requestMs).flat();
  const cpuLine = (x: ApiPhase, clientLabel: string) =>
    `${pct(x.serverCpuMs, x.wallMs * cores)} server process, ${pct(x.result.cpuMs, x.wallMs * cores)} ${clientLabel}, ${pct(x.pgCpuMs, x.wallMs * cores)} PostgreSQL (of ${cores} cores)`;

  lines.push('## inspection', '');
  lines.push(`- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  lines.push(`- Machine: ${machineLine(r.machine)}`);
  lines.push(`- Load average (1/5/15 min): ${r.loads} — the machine is shared, so the figures carry that noise`);
  lines.push(
    `- PostgreSQL: ${r.version.split(' on ')[0]} (same machine, loopback; shared_buffers ${r.pgSettings.shared_buffers}, synchronous_commit ${r.pgSettings.synchronous_commit}, autovacuum ${r.pgSettings.autovacuum}; ${REUSE ? 'a database loaded by an earlier run (BENCH_DB), the rows of earlier runs removed' : 'a fresh database per run, dropped at the end'})`,
  );
  lines.push(`- Code measured: ${r.code}`);
  lines.push(`- Command: \`flock /tmp/bench.lock ${command}\` (the lock keeps benchmarks from overlapping; DATABASE_URL = admin connection, default \`postgres://postgres@127.0.0.1:5432/test\`; \`BENCH_QUICK=1\` for a small quick check, not reported)`);
  lines.push(
    `- Data: generator seed ${SEED}, province ${PROVINCE}: ${int(state.agencies)} agencies, ${int(state.officers)} officers, ${int(state.enterprises)} enterprises (the server's loader); set-based SQL (generate_series): ${int(state.inspections)} past completed inspections over three years with ${int(state.evidence)} photo records, ${int(state.hazards)} open hazards with their findings from inspections 1–${HAZARD_DAYS} days ago, ${RECTIFY_DAYS} days to rectify (so deadlines run from ${HAZARD_DAYS - RECTIFY_DAYS + 1} days ago to ${RECTIFY_DAYS - 2} days ahead). The migrations' plain indexes of those four tables were dropped for the load and re-created from their own definitions (checked identical), then VACUUM ANALYZE (autovacuum is off on this server). Loaded in ${seconds(state.load_ms)} (not part of the figures); the whole run took ${seconds(r.totalMs)}.`,
  );
  lines.push(`- Table sizes at the end (with indexes): ${r.sizes.map((s) => `${s.name} ${s.rows} rows / ${mib(s.bytes)}`).join(', ')}`);
  lines.push('');

  if (api && b) {
    const apiReq = allReq(api);
    const baseTx = b.result.requestMs.transaction ?? [];
    lines.push(`### Submissions: ${CLIENTS} clients, ${DURATION_S} s measured after ${WARMUP_S} s warm-up (baseline ${BASE_DURATION_S} s after ${BASE_WARMUP_S} s)`, '');
    lines.push(
      `Each client is one officer account of one of ${AGENCIES} county agencies (the ones with the most enterprises, two clients each), logged in once before the clock starts, and submits complete records back to back (no think time) for enterprises its agency supervises — the ${STEPS.length} requests of a phone that works offline (issue #20): online before going out, ONE \`POST /api/inspections\` that registers an unplanned inspection (trigger 投诉举报, R11) and files it (R15, two officers, every check item of the industry; \`Prefer: return=minimal\`: answered with the id and the items the phone needs; the request, the inspection and their audit entries written in one statement); back from the site, ONE multipart \`POST …/sync\` with one ${PHOTO_BYTES / 1024} KB photo, its SM3, capture time and position taken on the phone (R35: the server checks the SM3 against the bytes, streams the file to disk by SM3), and the whole visit — entry, credentials shown, the commitment signed (R16), the answers of all items (R17), an exam and a certificate check (逢查必考/必检), three findings — fixed on the spot with that photo, a hazard with deadline and responsible person (R22), a violation that opens a penalty case draft (R18) — and completion, which issues 现场检查记录 and 责令限期整改指令书 (R34/R35), all in one transaction answered with a lean result (status, counts, documents, ledger ids). The clients run in a child process (bench/lib/inspectionLoad.ts); ${CLUSTER > 1 ? `the server runs as ${CLUSTER} API processes on one port (node:cluster, bench/lib/apiWorker.ts — what \`WEB_CONCURRENCY=${CLUSTER} npm start\` runs), each with its default PostgreSQL pool of ${POOL ?? 10}; their CPU and the sum of their peak RSS are reported` : `the server (buildApp, listening on loopback, its default PostgreSQL pool of ${POOL ?? 10}) runs in the benchmark's process, whose peak RSS is reported`}.`,
      '',
      `A record's latency is from its first request to the sync's answer; records/s counts the records completed inside the measured window. Request latency is the client's round trip; "server" is Fastify's own time for the request (\`server-timing\`).`,
      '',
      `**Baseline**: the same ${CLIENTS} clients insert the same rows with plain \`pg\` (one connection each), one transaction per record: the unplanned request, the inspection in its final state, the answers, the photo record, the three findings, hazard and penalty case, the two documents with their counter upserts (the same rows locks), and the record's 17 audit entries — the latter into a copy of audit_log without the SM3 chain (no chain lock, no hashing). No photo file is written and no response built.`,
      '',
    );
    const head = ['', 'records/s', 'record p50', 'record p99', 'request p50', 'request p99', 'errors', 'peak RSS', 'CPU (share of all cores)'];
    const rows = [
      [`API (${STEPS.length} requests per record${CLUSTER > 1 ? `, ${CLUSTER} API processes` : ''})`, fixed(rate(api), 1), msf(median(api.result.recordMs)), msf(p(api.result.recordMs, 99)), msf(median(apiReq)), msf(p(apiReq, 99)), String(api.result.errors), `${mib(api.peakRss)} (server process)`, cpuLine(api, 'client process')],
      ['baseline: plain pg, 1 transaction per record', fixed(rate(b), 1), msf(median(b.result.recordMs)), msf(p(b.result.recordMs, 99)), `${msf(median(baseTx))} (transaction)`, `${msf(p(baseTx, 99))} (transaction)`, String(b.result.errors), `${mib(b.result.peakRss)} (client process)`, cpuLine(b, 'client process')],
      [
        'ratio API ÷ baseline',
        ratio(rate(api), rate(b)),
        ratio(median(api.result.recordMs), median(b.result.recordMs)),
        ratio(p(api.result.recordMs, 99), p(b.result.recordMs, 99)),
        `${ratio(median(apiReq), median(baseTx))} (request ÷ transaction)`,
        `${ratio(p(apiReq, 99), p(baseTx, 99))} (request ÷ transaction)`,
        '',
        '',
        '',
      ],
    ];
    lines.push(mdTable(head, rows), '');
    console.log('\n' + textTable(head, rows));
    if (api.check) lines.push(`Stored by the API run (warm-up and drain included): ${int(api.check.completed)} completed records, ${int(api.check.hazards)} hazards, ${int(api.check.evidence)} photos, ${int(api.check.documents)} documents; ${api.check.other} records unfinished.`, '');

    const stepHead = ['request', 'count', 'p50', 'p99', 'server p50', 'server p99', 'share of a record (sum of medians)'];
    const medSum = STEPS.reduce((a, s) => a + (median(api.result.requestMs[s] ?? []) || 0), 0);
    const stepRows = STEPS.map((s) => {
      const xs = api.result.requestMs[s] ?? [];
      const sv = api.result.serverMs[s] ?? [];
      return [STEP_LABELS[s] ?? s, int(xs.length), msf(median(xs)), msf(p(xs, 99)), msf(median(sv)), msf(p(sv, 99)), pct(median(xs) || 0, medSum)];
    });
    lines.push('Per request (API run, requests started inside the window):', '', mdTable(stepHead, stepRows), '');
    console.log('\n' + textTable(stepHead, stepRows));

    const waitRows = (w: WaitSample) =>
      [...w.byWait.entries()]
        .sort((x, y) => y[1] - x[1])
        .map(([k, n]) => [k, fixed(n / w.samples, 2)]);
    lines.push(
      `Where the server's ${POOL ?? 10} PostgreSQL connections spend the window (pg_stat_activity every 100 ms, ${int(api.waits.samples)} samples; average number of connections per state — "idle in transaction" is a transaction waiting for the server's Node code, "Lock/advisory" waits for the audit chain lock (since 0010 only the sealer takes it), "Lock/transactionid"/"Lock/tuple" for a row lock):`,
      '',
      mdTable(['state', 'connections (average)'], waitRows(api.waits)),
      '',
    );
    const topQ = [...api.waits.byQuery.entries()].sort((x, y) => y[1] - x[1]).slice(0, 8);
    const activeTotal = [...api.waits.byQuery.values()].reduce((a, x) => a + x, 0);
    lines.push('Statements most often seen active:', '', mdTable(['statement (first 90 characters)', 'share of active samples'], topQ.map(([k, n]) => [`\`${k.replace(/`/g, "'")}\``, pct(n, activeTotal)])), '');
    console.log('\n' + textTable(['state', 'connections'], waitRows(api.waits)));
    console.log('\n' + textTable(['statement', 'share'], topQ.map(([k, n]) => [k, pct(n, activeTotal)])));
    const holderRows = [...api.waits.byHolder.entries()].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([k, n]) => [k.replace(/`/g, "'"), pct(n, api.waits.samples)]);
    lines.push("What the holder of the audit chain's advisory lock (R35: one sealer at a time; business transactions no longer take it) is doing, per sample:", '', mdTable(['holder state — its last statement', 'share of samples'], holderRows), '');
    console.log('\n' + textTable(['lock holder', 'share'], holderRows));
    if (api.profileTop) lines.push('CPU profile of the server process (self time):', '', '```', ...api.profileTop, '```', '');
  }

  if (esc) {
    lines.push('### Escalation job (runEscalation, R23)', '');
    lines.push(
      `\`runEscalation\` (hazardService.ts), the job the server runs after each change of the Shanghai date, in the benchmark's process against the loaded database: ${int(esc.open)} open hazards. **Nightly**: the run of ${esc.nightly.date}, after the run of the working day before (${esc.previous}) — ${
        esc.catchUp
          ? 'which this run measured too, as the **catch-up**: the first run, with no step recorded yet, so every overdue hazard gets every step it has reached (函告 → 通报 → 约谈 → 挂牌督办) at once, as after a migration or days of downtime'
          : `whose steps and levels were recorded by set-based SQL before (the job's own statements, without audit entries; ${seconds(esc.setupMs ?? 0)}, not timed). \`BENCH_CATCHUP=1\` measures the job doing that instead — the catch-up, every step of every overdue hazard at once, ~10 minutes at this scale`
      }. Each new step is a hazard_escalations row and an SM3-chained audit entry (R35), and the hazard's level is updated, all in one transaction. After the nightly run the stored steps and levels are checked against the ones the deadlines call for (${int(esc.checked.steps)} steps, ${int(esc.checked.levels)} levels: ✅). **Baseline**: one plain \`UPDATE hazards SET escalation_level = <level by deadline>, updated_at = now()\` of the same rows (those whose level changes), timed and rolled back, then VACUUM (not timed) so the job does not step over its dead rows.`,
      '',
    );
    const eh = ['run', 'date', 'overdue hazards', 'new steps (letter / notice / interview / supervision)', 'hazards updated', 'audit entries', 'time', 'baseline UPDATE', 'time ÷ baseline', 'peak RSS', 'CPU: job process / PostgreSQL'];
    const erow = (label: string, x: EscalationRunFigures) => [
      label,
      x.date,
      int(x.overdue),
      `${int(x.steps)} (${escalationLevels.map((l) => int(x.run.newSteps[l])).join(' / ')})`,
      int(x.run.hazardsUpdated),
      int(x.auditRows),
      seconds(x.ms),
      `${int(x.baseRows)} rows in ${seconds(x.baseMs)}`,
      ratio(x.ms, x.baseMs),
      `${mib(x.peakRss)} (+${mib(x.peakRss - x.startRss)})`,
      `${seconds(x.cpuMs)} / ${seconds(x.pgCpuMs)}`,
    ];
    const erows = [...(esc.catchUp ? [erow('catch-up (first run)', esc.catchUp)] : []), erow('nightly', esc.nightly)];
    lines.push(mdTable(eh, erows), '');
    console.log('\n' + textTable(eh, erows));
    for (const [label, x] of [['catch-up', esc.catchUp], ['nightly', esc.nightly]] as const) {
      if (x?.profileTop) lines.push(`CPU profile of the ${label} run (self time):`, '', '```', ...x.profileTop, '```', '');
    }
  }
  lines.push(...r.analysis);
  return lines.join('\n');
}
