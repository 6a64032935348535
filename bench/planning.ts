// `npm run bench -- planning`: annual plans and the double-random draw at provincial scale, on PostgreSQL.
//   1. a scratch database (bench/lib/pg.ts) with the generator's agency tree, 20,000 officers and N enterprises
//      (default 1,000,000), loaded through the server's seed loader like bench/registry.ts
//   2. baselines: the rows each phase reads, with one plain `pg` SELECT each
//   3. plans: createPlansForAll (the service behind POST /api/plans/batch) for every agency of the province
//   4. draw: createDraw (the service behind POST /api/draws) of 300,000 targets with officer assignment, from an
//      approved province plan whose random pool is the whole register (set up by SQL, not timed)
//   5. wall time, peak RSS and heap of each phase; console table and the "planning" section of docs/benchmarks.md
//
// Environment:
//   DATABASE_URL          admin connection (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_ENTERPRISES     enterprises to generate (default 1000000)
//   BENCH_OFFICERS        officers to generate (default 20000; the generator meets an explicit count exactly)
//   BENCH_DRAW_TARGETS    targets of the draw (default 300000)
//   KEEP_DB=1             keep the scratch database at the end (its name is printed)
//   BENCH_DB=<name>       reuse a database kept by KEEP_DB=1: no load; earlier plans of the bench year and draws are
//                         removed first (implies KEEP_DB unless KEEP_DB=0)
//   BENCH_PROFILE=1       CPU profiles of the plan and draw phases to /tmp/planning-{plan,draw}.cpuprofile, top self
//                         times printed (the profiler slows the phases down: figures of such a run are not reported)
//   BENCH_SETUP_ONLY=1    load, set up and measure the baselines only (with KEEP_DB=1: prepares a database for BENCH_DB)
//   BENCH_REPORT=0        do not write docs/benchmarks.md (default: written when the run uses the default scale)
// Quick iteration: BENCH_ENTERPRISES=100000 BENCH_OFFICERS=5000 BENCH_DRAW_TARGETS=30000 KEEP_DB=1 npm run bench -- planning
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { gunzipSync } from 'node:zlib';
import { runDraw, type DrawInput } from '@anjian/domain';
import { openDatabase, type Database } from '../packages/server/src/db/client.js';
import { defaultConfig, type AppContext } from '../packages/server/src/context.js';
import { openAuditTrail } from '../packages/server/src/modules/audit/chain.js';
import { createPlansForAll } from '../packages/server/src/modules/planning/planService.js';
import { loadCalendar } from '../packages/server/src/modules/calendar/service.js';
import { createDraw } from '../packages/server/src/modules/draw/service.js';
import { shanghaiDate } from '../packages/server/src/lib/diff.js';
import type { Principal } from '../packages/server/src/modules/auth/principal.js';
import { loadProvince } from './lib/province.js';
import { BENCH_AUDIT_KEY, createScratchDatabase, existingDatabase, type ScratchDatabase } from './lib/pg.js';
import { machineInfo, machineLine, writeSection } from './lib/report.js';
import { int, mdTable, ms, now, ratio, seconds, textTable } from './lib/stats.js';
import { codeVersion, gc, loadAverage, measure, profile, type Measured } from './lib/measure.js';

export const description = '年度计划与双随机：全省各机构计划生成、30万对象抽取与人员分派';

const env = process.env;
const N = Number(env.BENCH_ENTERPRISES ?? 1_000_000);
const OFFICERS = Number(env.BENCH_OFFICERS ?? 20_000);
const DRAW_TARGETS = Number(env.BENCH_DRAW_TARGETS ?? 300_000);
const REUSE = env.BENCH_DB;
const KEEP_DB = env.KEEP_DB === '1' || (REUSE !== undefined && env.KEEP_DB !== '0');
const PROFILE = env.BENCH_PROFILE === '1';
const SETUP_ONLY = env.BENCH_SETUP_ONLY === '1';
const DEFAULT_SCALE = N === 1_000_000 && OFFICERS === 20_000 && DRAW_TARGETS === 300_000;
const REPORT = env.BENCH_REPORT !== undefined ? env.BENCH_REPORT === '1' : DEFAULT_SCALE && !PROFILE && !SETUP_ONLY;
const SEED = 20260101; // the demo's seed: the same province the demo shows
const PROVINCE = '330000';
const YEAR = 2027; // the plans of the batch run
const POOL_YEAR = YEAR + 1; // the province plan the draw is made from
const DRAW_SEED = 20270101;
const TARGET_MS = 10_000;
const TARGET_BYTES = 1024 ** 3;
const ADMIN_PASSWORD = 'Bench#Admin2026';

const mib = (b: number) => `${Math.round(b / 1024 ** 2).toLocaleString('en-US')} MiB`;

/** The columns createPlansForAll reads, in its order. */
const PLAN_COLUMNS = `id, name, region_code, industry, risk_code, hazard_source_count, major_hazard_source_count,
  standardization_level, credit_status, fatal_accidents_3y, non_site_monitored, supervising_agency_id`;

export async function run(_args: string[]): Promise<void> {
  const started = now();
  const loadBefore = loadAverage();
  const code = codeVersion(['packages/server', 'packages/domain', 'bench']);
  const scratch: ScratchDatabase = REUSE ? existingDatabase(REUSE) : await createScratchDatabase('anjian_bench_planning');
  console.log(`planning bench: ${int(N)} enterprises, ${int(OFFICERS)} officers, draw of ${int(DRAW_TARGETS)}; database ${scratch.name}${REUSE ? ' (reused)' : ''}`);
  let database: Database | undefined;
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  try {
    database = await openDatabase({ url: scratch.url, poolSize: 4 });
    await openAuditTrail(database, { dataDir: path.join(os.tmpdir(), 'anjian-bench-planning'), auditKey: BENCH_AUDIT_KEY });
    const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[];

    // ---- 1. data ----
    const load = await loadData(database, q);
    gc();

    // ---- the caller: the administrator of the province (POST /api/plans/batch needs users.manage) ----
    const [adminRow] = await q<{ id: number; agency_id: number }>(`select id, agency_id from users where username = 'admin'`);
    const [provinceRow] = await q<{ id: number; name: string }>(`select id, name from agencies where region_code = $1`, [PROVINCE]);
    const admin: Principal = {
      userId: Number(adminRow!.id),
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      agencyId: Number(provinceRow!.id),
      agencyName: provinceRow!.name,
      agencyLevel: 'province',
      agencyRegionCode: PROVINCE,
      enterpriseId: null,
      officerId: null,
      enforcementBlocked: null,
      sessionId: 'bench',
    };
    const ctx: AppContext = { database, config: defaultConfig({ databaseUrl: scratch.url }) };

    // ---- the draw's plan: the province's, approved, its random pool the whole register (setup, not timed) ----
    const poolPlan = await poolPlanFor(q, Number(provinceRow!.id), admin.userId);
    const [{ n: poolOfficers }] = (await q<{ n: number }>(
      `select count(*)::int as n from officers where agency_id = $1 and credential_valid_from <= $2::date and credential_valid_to >= $2::date`,
      [provinceRow!.id, shanghaiDate()],
    )) as [{ n: number }];
    await q('checkpoint');

    // ---- 2. baselines: one plain pg SELECT of what each phase reads ----
    const basePlan = await measure(async () => (await pool.query(`select ${PLAN_COLUMNS} from enterprises where region_code like $1`, [`${PROVINCE.slice(0, 2)}%`])).rowCount ?? 0);
    console.log(`baseline (register, planner's columns): ${int(basePlan.value)} rows in ${seconds(basePlan.ms)}, peak RSS ${mib(basePlan.peakRss)}`);
    const baseDraw = await measure(
      async () =>
        (
          await pool.query(
            `select e.id, e.name, e.region_code, e.industry, e.risk_code, e.hazard_source_count, e.major_hazard_source_count, e.standardization_level,
                    e.credit_status, e.fatal_accidents_3y, e.non_site_monitored, e.supervising_agency_id
               from plan_entries pe join enterprises e on e.id = pe.enterprise_id
              where pe.plan_version_id = $1 and pe.category = 'random'`,
            [poolPlan.versionId],
          )
        ).rowCount ?? 0,
    );
    console.log(`baseline (draw pool, plan entries ⋈ register): ${int(baseDraw.value)} rows in ${seconds(baseDraw.ms)}, peak RSS ${mib(baseDraw.peakRss)}`);

    if (SETUP_ONLY) return;

    // ---- 3. plans for every agency ----
    await loadCalendar(ctx.database); // R38: the stored calendar, as the server installs it at start
    const planRun = () => createPlansForAll(ctx, admin, YEAR, {});
    const plan = await measure(PROFILE ? async () => report('plan', await profile('/tmp/planning-plan.cpuprofile', planRun)) : planRun);
    const [planCheck] = await q<{ plans: number; entries: number; random: number; audits: number }>(
      `select count(distinct pl.id)::int as plans, count(pe.id)::int as entries, (count(pe.id) filter (where pe.category = 'random'))::int as random,
              (select count(*)::int from audit_log where entity_type = 'plan' and action = 'create') as audits
         from plans pl join plan_versions v on v.plan_id = pl.id left join plan_entries pe on pe.plan_version_id = v.id where pl.year = $1`,
      [YEAR],
    );
    if (planCheck!.plans !== plan.value.created || planCheck!.entries !== plan.value.entries || planCheck!.audits !== plan.value.created) throw new Error(`plans: service said ${JSON.stringify(plan.value)}, database has ${JSON.stringify(planCheck)}`);
    console.log(`plans: ${int(plan.value.created)} agencies (${plan.value.skipped} without enterprises), ${int(plan.value.entries)} entries in ${seconds(plan.ms)}, peak RSS ${mib(plan.peakRss)}, heap ${mib(plan.peakHeap)}`);

    // ---- 4. the draw ----
    const drawRun = () => createDraw(ctx, admin, { planId: poolPlan.planId, targetCount: DRAW_TARGETS, teamSize: 2, seed: DRAW_SEED, departments: [], title: '全省双随机抽查（基准）' });
    const draw = await measure(PROFILE ? async () => report('draw', await profile('/tmp/planning-draw.cpuprofile', drawRun)) : drawRun);
    const [stored] = await q<{ assigned: number; unassigned: number; pool: number; officers: number; teams: number; busiest: number }>(
      `select cardinality(assigned_enterprise_ids) as assigned, jsonb_array_length(unassigned)::int as unassigned,
              pool_size as pool, officer_pool_size as officers,
              (case when team_size = 2 and cardinality(assigned_officer_ids) = 2 * cardinality(assigned_enterprise_ids) then cardinality(assigned_enterprise_ids) else -1 end) as teams,
              (select max(n)::int from (select count(*) as n from unnest(assigned_officer_ids) o group by o) t) as busiest
         from draws where id = $1`,
      [draw.value],
    );
    if (!stored || stored.assigned + stored.unassigned !== DRAW_TARGETS || stored.teams !== stored.assigned) throw new Error(`draw ${draw.value}: stored ${JSON.stringify(stored)}`);
    console.log(
      `draw: ${int(stored.assigned)} assigned, ${int(stored.unassigned)} unassigned, pool ${int(stored.pool)}, ${int(stored.officers)} officers (busiest ${int(stored.busiest)} inspections) in ${seconds(draw.ms)}, peak RSS ${mib(draw.peakRss)}, heap ${mib(draw.peakHeap)}`,
    );
    // The domain part alone: runDraw again on the stored canonical input (what POST /api/draws/:id/verify does).
    const [{ gz }] = (await q<{ gz: Buffer }>(`select input_gzip as gz from draws where id = $1`, [draw.value])) as [{ gz: Buffer }];
    const storedInput = JSON.parse(gunzipSync(gz).toString('utf8')) as DrawInput;
    const domain = await measure(async () => runDraw(storedInput).assignments.length);
    if (domain.value !== stored.assigned) throw new Error('runDraw on the stored input gave another result');
    console.log(`  of which runDraw (re-run on the stored input): ${seconds(domain.ms)}`);

    // ---- 5. report ----
    const total = plan.ms + draw.ms;
    const peak = Math.max(plan.peakRss, draw.peakRss);
    const baseTotal = basePlan.ms + baseDraw.ms;
    const yes = (ok: boolean) => (ok ? '✅ met' : '❌ missed');
    const memRow = (m: Measured<unknown>) => [mib(m.peakRss), `+${mib(m.peakRss - m.startRss)}`, mib(m.peakHeap)];
    const head = ['phase', 'rows', 'time', 'peak RSS', 'RSS over start', 'peak heap (sampled)', 'time ÷ baseline', 'peak RSS ÷ baseline'];
    const rows = [
      ['baseline A: plain pg SELECT of the register (planner\'s columns)', `${int(basePlan.value)} rows`, seconds(basePlan.ms), ...memRow(basePlan), '1.00×', '1.00×'],
      [
        'plans for every agency (createPlansForAll)',
        `${int(plan.value.created)} plans, ${int(plan.value.entries)} entries`,
        seconds(plan.ms),
        ...memRow(plan),
        ratio(plan.ms, basePlan.ms),
        ratio(plan.peakRss, basePlan.peakRss),
      ],
      ['baseline B: plain pg SELECT of the draw pool (plan entries ⋈ register)', `${int(baseDraw.value)} rows`, seconds(baseDraw.ms), ...memRow(baseDraw), '1.00×', '1.00×'],
      [
        `draw of ${int(DRAW_TARGETS)} with officers (createDraw)`,
        `pool ${int(stored.pool)}, ${int(stored.officers)} officers → ${int(stored.assigned)} assigned, ${int(stored.unassigned)} unassigned`,
        seconds(draw.ms),
        ...memRow(draw),
        ratio(draw.ms, baseDraw.ms),
        ratio(draw.peakRss, baseDraw.peakRss),
      ],
      ['  of which runDraw (domain, re-run on the stored input)', '', seconds(domain.ms), ...memRow(domain), ratio(domain.ms, baseDraw.ms), ''],
      ['plan + draw', '', seconds(total), mib(peak), '', mib(Math.max(plan.peakHeap, draw.peakHeap)), ratio(total, baseTotal), ratio(peak, Math.max(basePlan.peakRss, baseDraw.peakRss))],
    ];
    const met = { time: total < TARGET_MS, memory: peak < TARGET_BYTES };
    console.log('\n' + textTable(head, rows));
    console.log(`\ntargets: plan + draw < 10 s: ${yes(met.time)} (${seconds(total)}); peak RSS < 1 GiB: ${yes(met.memory)} (${mib(peak)}); whole run ${seconds(ms(started))}`);

    if (!REPORT) {
      console.log('docs/benchmarks.md not written (non-default scale or profiling; BENCH_REPORT=1 forces it)');
      return;
    }
    const [{ version }] = (await q<{ version: string }>('select version()')) as [{ version: string }];
    const machine = machineInfo(version);
    const command = `${DEFAULT_SCALE ? '' : `BENCH_ENTERPRISES=${N} BENCH_OFFICERS=${OFFICERS} BENCH_DRAW_TARGETS=${DRAW_TARGETS} `}npm run bench -- planning`;
    writeSection(
      'planning',
      [
        '## planning',
        '',
        `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        `- Machine: ${machineLine(machine)}`,
        `- Load average (1/5/15 min): ${loadBefore} at start, ${loadAverage()} at end — the machine is shared (PostgreSQL, the bench and anything else running), so the figures carry that noise`,
        `- PostgreSQL: ${version.split(' on ')[0]} (same machine, loopback; ${REUSE ? 'a database loaded by an earlier run of this benchmark (BENCH_DB), its plans and draws removed first' : 'a fresh database per run'})`,
        `- Code measured: ${code}`,
        `- Command: \`flock /tmp/bench.lock ${command}\` (the lock keeps benchmarks from running at the same time; DATABASE_URL = admin connection, default \`postgres://postgres@127.0.0.1:5432/test\`)`,
        `- Data: generator seed ${SEED}, province ${PROVINCE}: ${int(load.agencies)} agencies, ${int(load.officers)} officers (credentials valid on ${shanghaiDate()}: ${int(load.validOfficers)}), ${int(load.enterprises)} enterprises${load.ms !== null ? `, loaded in ${seconds(load.ms)} (not part of the figures)` : ''}; the whole run took ${seconds(ms(started))}`,
        `- Results: plan + draw < 10 s — ${yes(met.time)} (${seconds(total)}, ${ratio(total, baseTotal)} the two baselines); peak memory < 1 GiB — ${yes(met.memory)} (peak RSS ${mib(peak)})`,
        '',
        `**Plans**: \`createPlansForAll\`, the service of \`POST /api/plans/batch\`, called as the province's administrator for year ${YEAR}: it reads the`,
        'register once (the rule facts as packed text, in parts of heap blocks read by three connections sharing one snapshot) and splits it by supervising agency, applies the',
        'rules per agency (key targets R7, high-risk coverage R8, the weighted 30 % sample R9, the capacity schedule on working days R38,',
        'the SM3 hash of each plan\'s input, R13) and stores all plans — each with its version, entries and audit entry — in one',
        'transaction, the entries by COPY in batches of about 20,000 that PostgreSQL stores while Node drafts the next batch. The result is',
        'checked against the database (plans, entries and audit entries counted).',
        '',
        `**Draw**: \`createDraw\`, the service of \`POST /api/draws\` (without the response's name lookup), for ${int(DRAW_TARGETS)} targets, teams of 2, seed ${DRAW_SEED}.`,
        `The service draws from a plan's random entries and assigns the plan agency's officers. No generated agency has a pool of ${int(DRAW_TARGETS)}`,
        `(the random entries of all ${int(plan.value.created)} plans of ${YEAR} together are ${int(planCheck!.random)}), so the draw is made from a ${POOL_YEAR} plan of the province`,
        `agency (approved, set up by SQL before the timing) whose random pool is the whole register, ${int(stored.pool)} enterprises; its officers are the`,
        `province agency's ${int(poolOfficers)} with a valid credential (${int(stored.officers)} read, the expired ones are excluded by the draw, R4), so the busiest officer gets ${int(stored.busiest)}`,
        'inspections. Timed: plan and version lookup, the pool, officers with recusals and rotation read from the database, weights (R9),',
        'the draw (`prepareDraw`: canonical input and its SM3 hash; `drawFrom`: weighted sample, assignment with credential, recusal, rotation',
        'and load balance, while a thread gzips the input text), and the insert of the draw (the compressed input, the result as arrays) with',
        'its audit entry, all in one transaction. Checked: every target assigned or listed as',
        'unassigned, two officers per team; runDraw re-run on the stored input gives the same result.',
        '',
        '**Baselines**: the same process reads what each phase reads with one plain `pg` SELECT (all rows into memory, the planner\'s',
        'columns): A = the register, B = the draw pool (the plan\'s random entries joined to the register). Ratios: plans ÷ A, draw ÷ B,',
        'plan + draw ÷ (A + B).',
        '',
        `**Memory**: each phase starts after a full GC; peak RSS is the kernel's high-water mark of the process (VmHWM, reset before each phase${plan.exactRss ? '' : ' — not available here, sampled instead'}),`,
        '"RSS over start" is that peak minus the RSS at the phase start; heap is V8\'s heap in use, sampled every 10 ms (it can miss the top',
        'of a long synchronous stretch). PostgreSQL\'s memory is not counted.',
        '',
        mdTable(head, rows),
        '',
      ].join('\n'),
    );
    console.log('docs/benchmarks.md updated (section "planning")');
  } finally {
    await pool.end().catch(() => undefined);
    await database?.close().catch(() => undefined);
    if (KEEP_DB) console.log(`KEEP_DB: database ${scratch.name} kept — reuse with BENCH_DB=${scratch.name}; drop with: psql -c 'drop database ${scratch.name}'`);
    else await scratch.drop();
  }
}

function report<T>(phase: string, r: { value: T; summary: string[] }): T {
  console.log(`CPU self time, ${phase} (/tmp/planning-${phase}.cpuprofile):\n${r.summary.map((l) => '  ' + l).join('\n')}`);
  return r.value;
}

type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

interface LoadResult {
  agencies: number;
  officers: number;
  validOfficers: number;
  enterprises: number;
  ms: number | null;
}

/** Generator data through the server's loader (as bench/registry.ts does), or a check and reset of a reused database. */
async function loadData(database: Database, q: Query): Promise<LoadResult> {
  const counts = async () => {
    const [c] = await q<{ agencies: number; officers: number; valid: number; enterprises: number }>(
      `select (select count(*)::int from agencies) as agencies, (select count(*)::int from officers) as officers,
              (select count(*)::int from officers where credential_valid_from <= $1::date and credential_valid_to >= $1::date) as valid,
              (select count(*)::int from enterprises) as enterprises`,
      [shanghaiDate()],
    );
    return c!;
  };
  const c0 = await counts();
  if (c0.enterprises > 0) {
    if (c0.enterprises !== N || c0.officers !== OFFICERS) throw new Error(`BENCH_DB ${JSON.stringify(c0)} does not match BENCH_ENTERPRISES=${N} BENCH_OFFICERS=${OFFICERS}`);
    // Back to the state after loading: no plans of the bench year, no draws (the pool plan is kept).
    await q(`delete from plan_entries where plan_version_id in (select v.id from plan_versions v join plans pl on pl.id = v.plan_id where pl.year = $1)`, [YEAR]);
    await q(`delete from plan_versions where plan_id in (select id from plans where year = $1)`, [YEAR]);
    await q(`delete from plans where year = $1`, [YEAR]);
    await q(`delete from draws`);
    // the triggers refuse to delete audit entries (R35): as a superuser, without them (this breaks the bench's chain)
    await q(`begin; set local session_replication_role = replica; delete from audit_log where entity_type in ('plan', 'draw'); commit`);
    for (const t of ['plan_entries', 'plan_versions', 'plans', 'draws', 'audit_log']) await q(`vacuum full analyze ${t}`);
    console.log(`reused: ${int(c0.enterprises)} enterprises, ${int(c0.officers)} officers; earlier plans of ${YEAR} and draws removed`);
    return { agencies: c0.agencies, officers: c0.officers, validOfficers: c0.valid, enterprises: c0.enterprises, ms: null };
  }
  const t = now();
  await loadProvince(database, { seed: SEED, provinceCode: PROVINCE, enterprises: N, officers: OFFICERS, adminPassword: ADMIN_PASSWORD, every: 100_000 });
  await q('vacuum analyze');
  const loadMs = ms(t);
  const c = await counts();
  console.log(`load: ${seconds(loadMs)}: ${int(c.agencies)} agencies, ${int(c.officers)} officers (${int(c.valid)} valid today), ${int(c.enterprises)} enterprises`);
  return { agencies: c.agencies, officers: c.officers, validOfficers: c.valid, enterprises: c.enterprises, ms: loadMs };
}

/**
 * The plan the draw is made from: the province agency's plan of POOL_YEAR, approved, one version whose random entries
 * are the whole register. Created once per database (kept on reuse).
 */
async function poolPlanFor(q: Query, provinceId: number, userId: number): Promise<{ planId: number; versionId: number }> {
  const [existing] = await q<{ plan_id: number; version_id: number }>(
    `select pl.id as plan_id, v.id as version_id from plans pl join plan_versions v on v.plan_id = pl.id and v.version_no = pl.current_version
      where pl.agency_id = $1 and pl.year = $2`,
    [provinceId, POOL_YEAR],
  );
  if (existing) return { planId: Number(existing.plan_id), versionId: Number(existing.version_id) };
  const t = now();
  const [plan] = await q<{ id: number }>(`insert into plans (agency_id, region_code, year, status) values ($1, $2, $3, 'approved') returning id`, [provinceId, PROVINCE, POOL_YEAR]);
  const [version] = await q<{ id: number }>(
    `insert into plan_versions (plan_id, version_no, params, summary, months, warnings, input_hash, officer_count, total_planned, reason_lists, created_by)
     values ($1, 1, $2, $3, '[]', '[]', 'bench', 0, (select count(*) from enterprises), '[["基准：全省双随机抽查对象库"]]', $4) returning id`,
    [plan!.id, JSON.stringify({ year: POOL_YEAR, agencyId: provinceId, note: 'bench: the whole register as the random pool' }), JSON.stringify({ bench: true }), userId],
  );
  await q(
    `insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month)
     select $1, id, region_code, 'random', 0, make_date($2, (id % 12)::int + 1, 1), (id % 12)::int + 1 from enterprises`,
    [version!.id, POOL_YEAR],
  );
  await q('vacuum analyze plan_entries');
  console.log(`draw pool plan ${plan!.id} (version ${version!.id}) set up in ${seconds(ms(t))}`);
  return { planId: Number(plan!.id), versionId: Number(version!.id) };
}
