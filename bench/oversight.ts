// `npm run bench -- oversight`: the R34 detectors of lax and improper enforcement at provincial scale, on PostgreSQL.
//   1. a scratch database (bench/lib/pg.ts) with the generator's agency tree and, generated in SQL (generate_series):
//      20,000 officers (3 % with an expired credential), N enterprises (default 1,000,000), 5·N inspections over two
//      years spread as plans spread them, 1 % of enterprises inspected twice within a month (plan, draw, unplanned,
//      emergency; by the county, sometimes by the city or the province), documents for almost all of them, hazards
//      for a tenth, violation findings for a fiftieth, penalty cases for them, and a little of every kind of problem
//      the detectors look for
//   2. baseline: one plain `pg` scan of what the detectors read most (the inspections of the look-back year)
//   3. all detectors as of today (runDetectors, the service behind POST /api/oversight/detectors/run and the nightly
//      job), each timed; then a rerun (idempotent: nothing new, nothing cleared)
//   4. the queries of the oversight page (listAlerts, getAlert — the services behind GET /api/oversight/alerts[/:id])
//      for the province's oversight and a county leader, with the filters of the page: p50/p99 over repeated calls,
//      against the baseline of a plain `pg` SELECT of one page of alerts by primary key
//   5. console table and the "oversight" section of docs/benchmarks.md (at the default scale)
//
// Environment:
//   DATABASE_URL          admin connection (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_ENTERPRISES     enterprises (default 1000000); inspections are 5 per enterprise
//   KEEP_DB=1             keep the scratch database (its name is printed); BENCH_DB=<name> reuses it (no load, or
//                         the rest of a load that stopped part-way)
//   BENCH_REPORT=0|1      write docs/benchmarks.md (default: at the default scale)
// Quick iteration: BENCH_ENTERPRISES=20000 npm run bench -- oversight
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../packages/server/src/db/client.js';
import { defaultConfig, type AppContext } from '../packages/server/src/context.js';
import { openAuditTrail } from '../packages/server/src/modules/audit/chain.js';
import { seedIfEmpty } from '../packages/server/src/seed/load.js';
import { loadCalendar } from '../packages/server/src/modules/calendar/service.js';
import { getAlert, listAlerts, runDetectors, type DetectorRunResult } from '../packages/server/src/modules/oversight/alertService.js';
import { shanghaiDate } from '../packages/server/src/lib/diff.js';
import type { Principal } from '../packages/server/src/modules/auth/principal.js';
import { BENCH_AUDIT_KEY, createScratchDatabase, existingDatabase, type ScratchDatabase } from './lib/pg.js';
import { machineInfo, machineLine, writeSection } from './lib/report.js';
import { int, mdTable, ms, now, percentile, ratio, seconds, textTable } from './lib/stats.js';
import { codeVersion, loadAverage } from './lib/measure.js';

export const description = '执法监督预警：全省规模数据上运行全部监测规则，预警页面查询';

const env = process.env;
const N = Number(env.BENCH_ENTERPRISES ?? 1_000_000);
const OFFICERS = 20_000;
const REUSE = env.BENCH_DB;
const KEEP_DB = env.KEEP_DB === '1' || (REUSE !== undefined && env.KEEP_DB !== '0');
const DEFAULT_SCALE = N === 1_000_000;
const REPORT = env.BENCH_REPORT !== undefined ? env.BENCH_REPORT === '1' : DEFAULT_SCALE;
const PROVINCE = '330000';
const SEED = 20260101;
const TARGET_TOTAL_MS = 5 * 60_000;
const TARGET_P99_MS = 200;
const REPS = 40;
const CHUNK = 500_000;

type Q = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export async function run(_args: string[]): Promise<void> {
  const started = now();
  const loadBefore = loadAverage();
  const code = codeVersion(['packages/server/src/modules/oversight', 'packages/domain/src/oversight', 'bench/oversight.ts']);
  const scratch: ScratchDatabase = REUSE ? existingDatabase(REUSE) : await createScratchDatabase('anjian_bench_oversight');
  console.log(`oversight bench: ${int(N)} enterprises, ${int(N * 5)} inspections; database ${scratch.name}${REUSE ? ' (reused)' : ''}`);
  let database: Database | undefined;
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  try {
    database = await openDatabase({ url: scratch.url, poolSize: 4 });
    await openAuditTrail(database, { dataDir: path.join(os.tmpdir(), 'anjian-bench-oversight'), auditKey: BENCH_AUDIT_KEY });
    await loadCalendar(database);
    const q: Q = async (text, params = []) => (await pool.query(text, params)).rows;
    const load = await loadData(database, q);
    const ctx: AppContext = { database, config: defaultConfig({ databaseUrl: scratch.url }) };
    const today = shanghaiDate();
    const counts = (await q<Record<string, number>>(
      `select (select count(*)::int from enterprises) as enterprises, (select count(*)::int from inspections) as inspections, (select count(*)::int from hazards) as hazards,
              (select count(*)::int from penalty_cases) as cases, (select count(*)::int from documents) as documents, (select count(*)::int from findings) as findings`,
    ))[0]!;
    console.log(`data: ${Object.entries(counts).map(([k, v]) => `${int(Number(v))} ${k}`).join(', ')}`);

    // ---- baseline: a plain scan of the look-back year's inspections (what most detectors read) ----
    await q('checkpoint');
    const b0 = now();
    const [base] = await q<{ n: number }>(`select count(*)::int as n from inspections where planned_date >= current_date - 365 and status <> 'cancelled' and cardinality(officer_ids) >= 0`);
    const baseMs = ms(b0);
    console.log(`baseline (plain scan of a year of inspections): ${int(Number(base!.n))} rows in ${seconds(baseMs)}`);

    // ---- detectors: first run, then a rerun ----
    const t1 = now();
    const first = await runDetectors(ctx, today);
    const firstMs = ms(t1);
    const t2 = now();
    const second = await runDetectors(ctx, today);
    const secondMs = ms(t2);
    console.log(textTable(['规则', '检出', '新增', '首次', '重跑', '重跑新增', '重跑清除'], first.map((r, i) => [r.title, int(r.found), int(r.created), seconds(r.ms), seconds(second[i]!.ms), int(second[i]!.created), int(second[i]!.cleared)])));
    console.log(`all detectors: ${seconds(firstMs)} (rerun ${seconds(secondMs)}), target < ${seconds(TARGET_TOTAL_MS)}`);

    // ---- the oversight page's queries ----
    const [prov] = await q<{ id: number; name: string }>(`select id, name from agencies where region_code = $1`, [PROVINCE]);
    const [county] = await q<{ id: number; name: string; region_code: string }>(
      `select a.id, a.name, a.region_code from oversight_alerts t join agencies a on a.id = t.agency_id where a.level = 'county' group by a.id order by count(*) desc limit 1`,
    );
    const principal = (role: 'oversight' | 'leader', agency: { id: number; name: string }, level: string, region: string): Principal => ({
      userId: 1,
      username: role,
      displayName: role,
      role,
      agencyId: Number(agency.id),
      agencyName: agency.name,
      agencyLevel: level,
      agencyRegionCode: region,
      enterpriseId: null,
      officerId: null,
      enforcementBlocked: null,
      sessionId: 'bench',
    });
    const overseer = principal('oversight', prov!, 'province', PROVINCE);
    const leader = principal('leader', county!, 'county', county!.region_code);
    const [someAlert] = await q<{ id: number }>(`select id from oversight_alerts where region_code like $1 order by id desc limit 1 offset 100`, [`${county!.region_code}%`]);
    const [total] = await q<{ n: number }>(`select count(*)::int as n from oversight_alerts`);
    const page = { page: 1, pageSize: 20 };
    const cases: [string, () => Promise<unknown>][] = [
      ['省级监督：全部，第1页', () => listAlerts(ctx, overseer, page)],
      ['省级监督：待处理', () => listAlerts(ctx, overseer, { ...page, state: 'open' })],
      ['省级监督：按规则（单人执法）', () => listAlerts(ctx, overseer, { ...page, rule: 'single_officer' })],
      ['省级监督：按规则+状态（同案异罚、待处理）', () => listAlerts(ctx, overseer, { ...page, rule: 'inconsistent_penalties', state: 'open' })],
      ['省级监督：按单位', () => listAlerts(ctx, overseer, { ...page, agencyId: Number(county!.id) })],
      ['省级监督：第50页', () => listAlerts(ctx, overseer, { page: 50, pageSize: 20 })],
      ['县级负责人：全部，第1页', () => listAlerts(ctx, leader, page)],
      ['县级负责人：按规则', () => listAlerts(ctx, leader, { ...page, rule: 'documents_missing' })],
      ['预警详情', () => getAlert(ctx, overseer, Number(someAlert?.id ?? 1))],
    ];
    const baseline = await timed(() => q(`select * from oversight_alerts order by id desc limit 20`));
    const queryRows: string[][] = [];
    let worstP99 = 0;
    for (const [label, fn] of cases) {
      const t = await timed(fn);
      worstP99 = Math.max(worstP99, t.p99);
      queryRows.push([label, t.p50.toFixed(1), t.p99.toFixed(1), ratio(t.p50, baseline.p50)]);
    }
    console.log(textTable(['查询', 'p50 ms', 'p99 ms', '对基线'], queryRows));
    console.log(`baseline (plain pg, one page by primary key): p50 ${baseline.p50.toFixed(2)} ms, p99 ${baseline.p99.toFixed(2)} ms; alerts: ${int(Number(total!.n))}`);
    console.log(`worst p99 ${worstP99.toFixed(1)} ms, target < ${TARGET_P99_MS} ms`);

    if (REPORT || env.BENCH_REPORT === '1') {
      const [v] = await q<{ v: string }>(`select current_setting('server_version') as v`);
      const machine = machineInfo(v!.v);
      writeSection(
        'oversight',
        [
          '## oversight',
          '',
          `R34 detectors (\`npm run bench -- oversight\`${DEFAULT_SCALE ? '' : `, BENCH_ENTERPRISES=${N}`}), code ${code}, ${new Date().toISOString().slice(0, 16)}Z, load average before ${loadBefore}, after ${loadAverage()}.`,
          machineLine(machine) + `, PostgreSQL ${machine.postgres}.`,
          '',
          `Data (generated in SQL in ${seconds(load.ms)}${load.resumed ? ', in two sittings: the load resumed on the kept database' : ''}${REUSE ? '; the database reused' : ''}): ${Object.entries(counts).map(([k, x]) => `${int(Number(x))} ${k}`).join(', ')}.`,
          '',
          `All ${first.length} detectors: **${seconds(firstMs)}** (target < ${seconds(TARGET_TOTAL_MS)}); rerun ${seconds(secondMs)} with ${int(second.reduce((a, r) => a + r.created, 0))} new and ${int(second.reduce((a, r) => a + r.cleared, 0))} cleared.`,
          `Baseline: a plain \`pg\` scan of a year of inspections, ${int(Number(base!.n))} rows in ${seconds(baseMs)}.`,
          '',
          mdTable(['detector', 'found', 'first run', 'rerun'], first.map((r: DetectorRunResult, i) => [r.title, int(r.found), seconds(r.ms), seconds(second[i]!.ms)])),
          '',
          `Oversight page (${int(Number(total!.n))} alerts; ${REPS} calls each; baseline: plain \`pg\` page by primary key, p50 ${baseline.p50.toFixed(2)} ms): worst p99 **${worstP99.toFixed(1)} ms** (target < ${TARGET_P99_MS} ms).`,
          '',
          mdTable(['query', 'p50 ms', 'p99 ms', 'vs baseline (p50)'], queryRows),
          '',
          `Total wall time ${seconds(ms(started))}.`,
        ].join('\n'),
      );
    }
  } finally {
    await pool.end();
    await database?.close();
    if (!KEEP_DB) await scratch.drop();
    else console.log(`kept database ${scratch.name}`);
  }
}

async function timed(fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = now();
    await fn();
    samples.push(ms(t));
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/**
 * Agencies through the seed loader; everything else in SQL. Each step is recorded in bench_steps with its time, so a
 * kept database whose load stopped part-way (BENCH_DB) resumes at the first step not done; the generation time is the
 * sum of the steps' times.
 */
async function loadData(database: Database, q: Q): Promise<{ ms: number; resumed: boolean }> {
  await q(`create table if not exists bench_steps (label text primary key, ms double precision not null)`);
  const recorded = async () => (await q<{ label: string; ms: number }>(`select label, ms from bench_steps`)).map((r) => [r.label, Number(r.ms)] as const);
  const done = new Map(await recorded());
  const total = async () => (await recorded()).reduce((a, [, x]) => a + x, 0);
  const resumed = done.size > 0;
  if (done.has('vacuum analyze')) {
    await q(`delete from oversight_alerts`);
    return { ms: await total(), resumed: done.has('resumed') };
  }
  if (resumed) {
    await q(`delete from oversight_alerts`);
    await q(`insert into bench_steps (label, ms) values ('resumed', 0) on conflict do nothing`);
  }
  const step = async (label: string, text: string | (() => Promise<unknown>), params: unknown[] = []) => {
    if (done.has(label)) return;
    const s = now();
    if (typeof text === 'string') await q(text, params);
    else await text();
    const took = ms(s);
    await q(`insert into bench_steps (label, ms) values ($1, $2)`, [label, took]);
    console.log(`  ${label}: ${seconds(took)}`);
  };
  await step('agencies', () => seedIfEmpty(database, { demo: false, enterprises: 0, adminPassword: 'Bench#Admin2026', provinceCode: PROVINCE, seed: SEED }));
  await step('oversight user', `insert into users (username, password_hash, display_name, role, agency_id) select 'oversight', 'x', '执法监督员', 'oversight', id from agencies where region_code = $1`, [PROVINCE]);
  // officers: spread over the province, cities and counties; 3 % expired
  await step(
    'officers',
    `with a as (select id, region_code, row_number() over (order by id) - 1 as k, count(*) over () as m from agencies where level in ('province', 'city', 'county'))
     insert into officers (name, credential_no, credential_valid_from, credential_valid_to, agency_id, region_code)
     select '执法员' || g, 'BENCH' || lpad(g::text, 8, '0'), current_date - 1000, case when g % 33 = 0 then current_date - 200 else current_date + 1000 end, a.id, a.region_code
       from generate_series(0, ${OFFICERS - 1}) g join a on a.k = g % a.m`,
  );
  await step('officer pools', `create table bench_pool as select agency_id, array_agg(id order by id) as ids, count(*)::int as n from officers group by agency_id`);
  await step('officer pools key', `alter table bench_pool add primary key (agency_id)`);
  await step(
    'enterprises',
    `with c as (select array_agg(id order by id) as ids, array_agg(region_code order by id) as rc from agencies where level = 'county')
     insert into enterprises (credit_code, name, region_code, industry, risk_code, supervising_agency_id)
     select 'BENCH' || lpad(g::text, 13, '0'), '测试企业' || g, c.rc[1 + g % cardinality(c.ids)], 'industry_trade', case when g % 10 = 0 then 'red' else 'blue' end, c.ids[1 + g % cardinality(c.ids)]
       from generate_series(0, ${N - 1}) g, c`,
  );
  const [{ lo }] = (await q<{ lo: number }>('select min(id)::bigint as lo from enterprises')) as [{ lo: number }];
  const [{ pid }] = (await q<{ pid: number }>('select id as pid from agencies where region_code = $1', [PROVINCE])) as [{ pid: number }];
  const [{ uid }] = (await q<{ uid: number }>(`select id as uid from users where username = 'admin'`)) as [{ uid: number }];
  // inspections: 5 per enterprise over the last two years, placed as plans place them (R20: a plan spreads its
  // inspections over the year's working days, and other agencies' inspections of the same enterprise are checked):
  // an enterprise's inspections 146 days apart from an offset of its own, moved off weekends. The exception, 1 % of
  // enterprises: one more routine inspection 1–29 days after another — by the city (four in five) or by the same
  // county again — which is what 多头重复检查 looks for. Agencies 90 % the supervising county, 5 % its city, 5 % the
  // province; origins 60 % plan, 30 % draw, 10 % emergency, 0.5 % unplanned; mixed within an enterprise (m).
  for (let from = 0; from < 5 * N; from += CHUNK) {
    const to = Math.min(5 * N, from + CHUNK) - 1;
    await step(
      `inspections ${int(from)}–${int(to)}`,
      `insert into inspections (agency_id, enterprise_id, region_code, origin, plan_entry_id, draw_id, emergency_reason, planned_date, officer_ids, item_codes, catalog_version, status,
                                credentials_shown_at, public_token, created_by, entry_date, completed_at)
       select x.agency, e.id, e.region_code, x.origin, case when x.origin = 'plan' then 1 end, case when x.origin = 'draw' then 1 end,
              case when x.origin = 'emergency' then '群众举报' end, x.day,
              case when g % 500 = 0 then array[p.ids[1 + g % p.n]] else array[p.ids[1 + g % p.n], p.ids[1 + (g + 1) % p.n]] end, '{A1,A2}', 1,
              case when x.day > current_date - 3 then 'filed' else 'completed' end, case when g % 300 = 0 then null else x.day::timestamptz end,
              md5('bench' || g), ${uid}, x.day, case when x.day > current_date - 3 then null else x.day::timestamptz end
         from generate_series(${from}, ${to}) g
         join enterprises e on e.id = ${lo} + g % ${N}
         join agencies sa on sa.id = e.supervising_agency_id
         -- j: the enterprise, k: its k-th inspection (0 the latest), dup: the 1 % repeat (in place of the oldest)
         cross join lateral (select j, k, j * 7 + k as m, (j::bigint * 7919 % 146)::int as offs, j % 100 = 41 and k = 4 as dup
                               from (select g % ${N} as j, g / ${N} as k) jk) v
         cross join lateral (select case when v.dup then case when v.j % 500 = 41 then sa.id else coalesce(sa.parent_id, sa.id) end
                                         when v.m % 20 = 7 then coalesce(sa.parent_id, sa.id) when v.m % 20 = 13 then ${pid} else sa.id end as agency,
                                    case when v.dup then 'plan' when v.m % 200 = 0 then 'unplanned' when v.m % 10 < 6 then 'plan' when v.m % 10 < 9 then 'draw' else 'emergency' end as origin,
                                    current_date - case when v.dup then v.offs + 146 - 3 - v.j / 100 % 25 else v.offs + 146 * v.k end as d0) y
         cross join lateral (select y.agency, y.origin, y.d0 - case extract(isodow from y.d0) when 6 then 1 when 7 then 2 else 0 end as day) x
         join bench_pool p on p.agency_id = x.agency`,
    );
  }
  // the on-site record of almost every completed inspection (1 % missing), numbered by the inspection's id
  await step(
    'documents (inspection records)',
    `insert into documents (agency_id, agency_name, region_code, kind, year, seq, number, entity_type, entity_id, title, content, content_sm3, issued_by, issued_at)
     select i.agency_id, '测试', i.region_code, 'inspection_record', 2026, i.id, 'B' || i.id, 'inspection', i.id::text, '现场检查记录', '{}', 'x', ${uid}, i.completed_at
       from inspections i where i.status = 'completed' and i.id % 100 <> 1`,
  );
  // hazards for a tenth of the inspections: 3 % major; 80 % closed, the rest open (some overdue) or reported rectified
  await step(
    'hazards',
    `insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, major, responsible_person, deadline, status, rectified_at, no_penalty_reason, created_at, closed_at)
     select i.id, i.id, i.enterprise_id, i.agency_id, i.region_code, '隐患' || i.id, i.id % 300 = 0, '负责人', i.planned_date + 30,
            case when i.id % 100 < 80 then 'closed' when i.id % 100 < 95 then 'open' else 'rectified' end,
            case when i.id % 100 >= 95 then i.planned_date::timestamptz + interval '20 days' end, case when i.id % 600 = 0 then '已移交上级立案' end,
            i.planned_date::timestamptz, case when i.id % 100 < 80 then i.planned_date::timestamptz + interval '25 days' end
       from inspections i where i.id % 10 = 0 and i.status = 'completed'`,
  );
  await step(
    'documents (orders to rectify)',
    `insert into documents (agency_id, agency_name, region_code, kind, year, seq, number, entity_type, entity_id, title, content, content_sm3, issued_by, issued_at)
     select h.agency_id, '测试', h.region_code, 'rectification_order', 2026, h.inspection_id, 'Z' || h.inspection_id, 'inspection', h.inspection_id::text, '责令限期整改指令书', '{}', 'x', ${uid}, h.created_at
       from hazards h where h.inspection_id % 1000 <> 10`,
  );
  await step(
    'reinspections',
    `insert into reinspections (hazard_id, officer_ids, result, opinion, evidence_ids, created_by, created_at)
     select h.id, '{1,2}', 'passed', '已整改', '{}', ${uid}, h.deadline::timestamptz + interval '1 day' from hazards h where h.status = 'open' and h.id % 2 = 0`,
  );
  // violations found at a fiftieth of the inspections; a case for 95 % of them
  await step(
    'findings',
    `insert into findings (client_id, inspection_id, region_code, description, disposition, created_by, created_at)
     select 'bench' || i.id, i.id, i.region_code, '违法行为' || i.id, 'violation', ${uid}, i.planned_date::timestamptz from inspections i where i.id % 50 = 3 and i.status = 'completed'`,
  );
  // penalty cases: twenty articles, four tiers; one county in fifty (by rank: agency ids are not dense) fines at three
  // times the others; 2 % below the tier without a reason; 1 % decided as no penalty; 5 % under articles reserving
  // criminal liability (a tenth of them serious)
  await step(
    'penalty cases',
    `with heavy as (select id from (select id, row_number() over (order by id) as r from agencies where level = 'county') c where r % 50 = 7)
     insert into penalty_cases (agency_id, enterprise_id, region_code, status, source_inspection_id, source_finding_id, facts, procedure, investigator_ids, violations, decision, decision_kind,
                                opened_on, notified_on, decided_on, served_on, statement_received, created_by)
     select i.agency_id, i.enterprise_id, i.region_code, case when f.id % 10 = 0 then 'investigating' else 'closed' end, i.id, f.id, '案情', 'general', i.officer_ids,
            jsonb_build_array(jsonb_build_object(
              'facts', jsonb_build_object('itemCode', 'item' || (f.id % 20), 'harm', 'general'),
              'proposal', jsonb_build_object('itemCode', 'item' || (f.id % 20), 'tier', t.tier, 'outcome', 'penalty', 'violation', '违法行为第' || (f.id % 20) || '类', 'basis', '《中华人民共和国安全生产法》第九十七条',
                                             'amountRange', jsonb_build_object('min', t.lo, 'max', t.hi), 'criminalReserved', f.id % 20 = 0, 'serious', f.id % 200 = 0),
              'amount', case when f.id % 50 = 0 then t.lo / 2 else (t.lo + (f.id % 7) * (t.hi - t.lo) / 7) * case when i.agency_id in (select id from heavy) then 3 else 1 end end,
              'reason', case when f.id % 50 = 0 then null when i.agency_id in (select id from heavy) then '情节严重' end, 'sanctions', '[]'::jsonb)),
            case when f.id % 10 = 0 then null else jsonb_build_object('kind', case when f.id % 100 = 1 then 'no_penalty' else 'penalty' end, 'fine', t.lo, 'sanctions', '[]'::jsonb) end,
            case when f.id % 10 = 0 then null when f.id % 100 = 1 then 'no_penalty' else 'penalty' end,
            i.planned_date + 5, i.planned_date + 20, case when f.id % 10 = 0 then null else i.planned_date + 40 end, case when f.id % 10 = 0 then null else i.planned_date + 45 end,
            true, ${uid}
       from findings f join inspections i on i.id = f.inspection_id
       cross join lateral (select (array['light','general','serious','severe'])[1 + f.id % 4] as tier, (array[10000, 30000, 50000, 100000])[1 + f.id % 4] as lo, (array[30000, 50000, 100000, 200000])[1 + f.id % 4] as hi) t
      where f.disposition = 'violation' and f.id % 20 <> 7 and i.planned_date < current_date - 45`,
  );
  await step('findings → cases', `update findings f set penalty_case_id = c.id from penalty_cases c where c.source_finding_id = f.id`);
  await step(
    'documents (decisions)',
    `insert into documents (agency_id, agency_name, region_code, kind, year, seq, number, entity_type, entity_id, title, content, content_sm3, issued_by, issued_at)
     select c.agency_id, '测试', c.region_code, 'penalty_decision', 2026, c.id, 'J' || c.id, 'penalty_case', c.id::text, '行政处罚决定书', '{}', 'x', ${uid}, c.decided_on::timestamptz
       from penalty_cases c where c.decided_on is not null and c.id % 100 <> 5`,
  );
  await step(
    'answers (not conforming)',
    `insert into inspection_answers (inspection_id, item_code, result, note, answered_by, answered_at)
     select i.id, 'A1', 'nonconform', '', ${uid}, i.planned_date::timestamptz from inspections i where i.id % 100 = 17 and i.status = 'completed'`,
  );
  await step('findings for answers', `insert into findings (client_id, inspection_id, region_code, item_code, description, disposition, created_by) select 'benchA' || inspection_id, inspection_id, '', 'A1', '当场整改', 'fixed_on_spot', ${uid} from inspection_answers where inspection_id % 200 <> 17`);
  await step('vacuum analyze', 'vacuum analyze');
  const loadMs = await total();
  console.log(`load: ${seconds(loadMs)}${resumed ? ' (resumed)' : ''}`);
  return { ms: loadMs, resumed };
}
