// The demo year: on the first start of a demo installation, a year of enforcement (from the first working week of
// January to yesterday) in two neighbouring counties, so every page, ledger and report has content.
//
// Every record is made by the HTTP API itself (app.inject, as the demo users), so each one passes the same validation,
// jurisdiction checks, domain rules and audit writes as a user's click. Dates come from a virtual clock (clock.ts) that
// walks the year day by day: a plan approved in January carries a January date, a hazard's deadline is counted in
// working days from its inspection, the nightly escalation and credit jobs run on their (weekly) days. Choices are
// drawn from a seeded PRNG, so the same day gives the same year.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, dayOfWeek, isWorkingDay } from '@anjian/domain';
import type { Database } from '../db/client.js';
import type { AppContext, Config } from '../context.js';
import { buildApp } from '../app.js';
import { shanghaiDate } from '../lib/diff.js';
import { runDailyJobs } from '../modules/jobs/daily.js';
import { installVirtualClock, type VirtualClock } from './clock.js';
import { seedIfEmpty, type DemoLogin, type SeedOptions } from './load.js';

/** A 1×1 PNG: the photo attached to rectifications and reinspections. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const FILING_BODIES = ['同级司法行政部门', '上一级应急管理部门', '安委办'];
const LEGAL_BASIS = '《中华人民共和国安全生产法》第六十五条、《安全生产违法行为行政处罚办法》';

export interface DemoYearSummary {
  from: string;
  to: string;
  /** API calls made */
  calls: number;
  /** steps the API refused (0 on a healthy build; printed, never fatal to the start) */
  failures: string[];
  /** milliseconds spent per kind of step */
  timings: Record<string, number>;
}

/** mulberry32: small, fast and the same everywhere */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

/**
 * First start with DEMO on: seeds the province (load.ts) and then the demo year, both on the virtual clock so the
 * audit trail reads in order. Returns the logins (null when the database was not empty).
 */
export async function seedWithDemoYear(database: Database, config: Config, opts: SeedOptions, log: (m: string) => void = console.log): Promise<{ logins: DemoLogin[] | null; year: DemoYearSummary | null }> {
  const [{ n } = { n: 0 }] = await database.rows<{ n: number }>(sql`select count(*)::int as n from users`);
  if (Number(n) > 0 || !opts.demo) return { logins: await seedIfEmpty(database, opts), year: null };
  const today = shanghaiDate();
  const from = firstWorkingDay(`${today.slice(0, 4)}-01-05`);
  if (from >= addDays(today, -14)) return { logins: await seedIfEmpty(database, opts), year: null }; // early January: nothing to show yet
  const clock = installVirtualClock(from, 8);
  try {
    const logins = await seedIfEmpty(database, { ...opts, today });
    if (!logins) return { logins, year: null };
    const password = logins.find((l) => l.username === 'county.officer')?.password;
    if (!password) return { logins, year: null };
    const year = await seedDemoYear(database, config, clock, { from, today, password, seed: opts.seed ?? 20260101 });
    if (year.failures.length) log(`演示数据：${year.failures.length} 个步骤未能完成（不影响使用）：\n  ${year.failures.slice(0, 10).join('\n  ')}`);
    return { logins, year };
  } finally {
    clock.restore();
  }
}

function firstWorkingDay(d: string): string {
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

type Task = () => Promise<void>;
type Source = { origin: 'plan' | 'draw' | 'unplanned'; planEntryId?: number; drawId?: number; unplannedRequestId?: number; officerIds?: number[] };

export async function seedDemoYear(database: Database, config: Config, clock: VirtualClock, o: { from: string; today: string; password: string; seed: number }): Promise<DemoYearSummary> {
  // Sessions of the seeding app outlive the virtual year; they are logged out at the end.
  const ctx: AppContext = { database, config: { ...config, sessionIdleMinutes: 10 ** 8, sessionMaxHours: 10 ** 7 } };
  const app = await buildApp(ctx);
  const rnd = prng(o.seed);
  const failures: string[] = [];
  const timings: Record<string, number> = {};
  const timed = async (label: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    try {
      await run();
    } finally {
      timings[label] = (timings[label] ?? 0) + performance.now() - t;
    }
  };
  let calls = 0;
  const yesterday = addDays(o.today, -1);

  const inject = async (cookie: string | null, method: string, url: string, payload?: unknown, extraHeaders: Record<string, string> = {}) => {
    calls++;
    const t = performance.now();
    const res = await app.inject({ method: method as 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...extraHeaders }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const key = `${method} ${url.replace(/\d+/g, ':id').replace(/\?.*/, '')}`;
    timings[key] = (timings[key] ?? 0) + performance.now() - t;
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.body ? (res.json() as Record<string, any>) : {}; // the answers are read loosely: the API checked them
  };
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: o.password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
    return `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`;
  };
  const upload = async (cookie: string, url: string, fields: Record<string, string>) => {
    const boundary = `----demo${randomUUID()}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${boundary}--\r\n`));
    calls++;
    const res = await app.inject({ method: 'POST', url, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
    if (res.statusCode >= 300) throw new Error(`POST ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    return Number(res.json().id);
  };

  // ---- the agenda: tasks by day, run in order as the clock walks the year ----
  const agenda = new Map<string, { label: string; run: Task }[]>();
  const at = (day: string, label: string, run: Task) => {
    if (day > yesterday) return; // the future does not happen
    const list = agenda.get(day) ?? [];
    list.push({ label, run });
    agenda.set(day, list);
  };
  const workday = (d: string) => firstWorkingDay(d < o.from ? o.from : d);

  const t0 = performance.now();
  try {
    const cookies = {
      officer: await login('county.officer'),
      leader: await login('county.leader'),
      officer2: await login('county2.officer'),
      legal: await login('legal'),
      enterprise: await login('enterprise'),
      provinceLeader: await login('leader'),
    };
    timings['登录'] = performance.now() - t0;
    const agencyOf = async (username: string) =>
      Number((await database.rows<{ id: number }>(sql`select agency_id as id from users where username = ${username}`))[0]!.id);
    const counties = [
      { officer: cookies.officer, leader: cookies.leader, agencyId: await agencyOf('county.officer'), region: '', perMonth: 2, cases: true },
      // the neighbour: a smaller program of its own, so that jurisdictions show
      { officer: cookies.officer2, leader: null as string | null, agencyId: await agencyOf('county2.officer'), region: '', perMonth: 1, cases: false },
    ];
    for (const c of counties) c.region = (await database.rows<{ r: string }>(sql`select region_code as r from agencies where id = ${c.agencyId}`))[0]!.r;
    const [ownEnterprise] = await database.rows<{ id: number }>(sql`select enterprise_id as id from users where username = 'enterprise'`);
    const demoEnterpriseId = ownEnterprise ? Number(ownEnterprise.id) : 0;

    const officersOn = async (agencyId: number, day: string) =>
      (
        await database.rows<{ id: number; name: string; user_id: number | null }>(
          sql`select id, name, user_id from officers where agency_id = ${agencyId} and credential_valid_from <= ${day}::date and credential_valid_to >= ${addDays(day, 45)}::date
                and left_on is null and credential_revoked_on is null order by (user_id is null), id limit 6`,
        )
      ).map((r) => ({ id: Number(r.id), name: r.name }));

    // ---- R6/R10: the annual plan, approved, filed and published in January ----
    const plans = new Map<number, number>();
    for (const c of counties) {
      at(workday(addDays(o.from, 1)), '年度计划', async () => {
        const year = Number(o.from.slice(0, 4));
        const plan = await inject(c.officer, 'POST', '/api/plans', { agencyId: c.agencyId, year, params: { seed: o.seed } });
        plans.set(c.agencyId, Number(plan.id));
        await inject(c.officer, 'POST', `/api/plans/${plan.id}/transition`, { action: 'submit', note: '按年度监督检查计划编制要求编制，请审批' });
        clock.tick(90);
        await inject(c.leader ?? cookies.provinceLeader, 'POST', `/api/plans/${plan.id}/transition`, { action: 'approve', note: '同意' });
        clock.tick(60);
        await inject(c.officer, 'POST', `/api/plans/${plan.id}/transition`, { action: 'file', filedWith: FILING_BODIES });
        clock.tick(30);
        await inject(c.officer, 'POST', `/api/plans/${plan.id}/transition`, { action: 'publish' });
      });
    }

    // ---- R13/R15–R19: each month a draw, and inspections of plan entries and drawn targets ----
    const findings = [
      { item: 'G07', text: '作业场所安全警示标志缺失', req: '按规定设置安全警示标志' },
      { item: 'G09', text: '隐患排查治理台账未建立', req: '建立隐患排查治理台账并落实闭环管理' },
      { item: 'G03', text: '从业人员安全生产教育培训记录不全', req: '补齐培训并建立培训档案' },
      { item: 'G05', text: '应急预案未按规定组织演练', req: '组织应急演练并记录评估' },
      { item: 'G11', text: '动火作业未履行审批手续', req: '立即停止违规动火作业，完善作业审批' },
    ];
    const inspect = async (c: (typeof counties)[number], enterpriseId: number, source: Source, day: string, opts: { complete: boolean; hazards: number; major: boolean }) => {
      const pool = await officersOn(c.agencyId, day);
      const officerIds = source.officerIds?.length ? source.officerIds : pool.slice(0, 2).map((x) => x.id);
      const ins = await inject(c.officer, 'POST', '/api/inspections', { enterpriseId, origin: source.origin, planEntryId: source.planEntryId, drawId: source.drawId, unplannedRequestId: source.unplannedRequestId, legalBasis: LEGAL_BASIS, plannedDate: opts.complete ? day : addDays(o.today, 1 + rnd.int(10)), officerIds });
      if (!opts.complete) return;
      clock.tick(40);
      const id = Number(ins.id);
      await inject(c.officer, 'POST', `/api/inspections/${id}/enter`);
      await inject(c.officer, 'POST', `/api/inspections/${id}/show-credentials`);
      const names = (ins.officers as { name: string }[]).map((x) => x.name);
      await inject(c.officer, 'POST', `/api/inspections/${id}/commitment`, { signerNames: names });
      const codes = (ins.items as { code: string }[]).map((x) => x.code);
      const chosen = findings.filter((f) => codes.includes(f.item)).slice(rnd.int(2), rnd.int(2) + opts.hazards + (opts.major ? 1 : 0));
      await inject(c.officer, 'PUT', `/api/inspections/${id}/answers`, { answers: codes.map((code) => ({ itemCode: code, result: chosen.some((f) => f.item === code) ? 'nonconform' : 'conform' })) });
      await inject(c.officer, 'POST', `/api/inspections/${id}/exams`, { clientId: randomUUID(), personName: '企业主要负责人', position: '主要负责人', questions: '本单位安全生产责任制和重大危险源管理要求', score: 70 + rnd.int(30) });
      await inject(c.officer, 'POST', `/api/inspections/${id}/certificates`, { clientId: randomUUID(), holderName: '特种作业人员', certificateType: '特种作业操作证（电工作业）', certificateNo: `T${enterpriseId}${day.replace(/-/g, '')}`, validTo: addDays(day, 400) });
      for (const [k, f] of chosen.entries()) {
        clock.tick(15);
        const major = opts.major && k === chosen.length - 1;
        const deadline = addDays(day, major ? 5 : 10 + rnd.int(20));
        const res = await inject(c.officer, 'POST', `/api/inspections/${id}/findings`, {
          clientId: randomUUID(),
          itemCode: f.item,
          description: f.text,
          disposition: 'hazard',
          major,
          requirement: f.req,
          deadline,
          responsiblePerson: '企业安全管理负责人',
          trackerName: major ? '县局执法大队负责人' : undefined,
        });
        scheduleHazard(c, Number(res.hazardId), deadline, major, pool);
      }
      clock.tick(30);
      await inject(c.officer, 'POST', `/api/inspections/${id}/complete`, { summary: chosen.length ? `发现问题${chosen.length}项，已责令限期整改` : '检查未发现问题' });
    };

    // ---- R22/R23: what becomes of a hazard: closed after reinspection, awaiting it, failed once, or left overdue ----
    let awaiting = 0;
    const scheduleHazard = (c: (typeof counties)[number], hazardId: number, deadline: string, major: boolean, pool: { id: number }[]) => {
      const fate = rnd.next();
      const team = pool.slice(0, 2).map((x) => x.id);
      const rectify = async () => {
        const ev = await upload(c.officer, `/api/hazards/${hazardId}/evidence`, { clientId: randomUUID() });
        await inject(c.officer, 'POST', `/api/hazards/${hazardId}/rectification`, { description: '已按整改要求完成整改，附整改后照片（企业书面报送）', evidenceIds: [ev] });
      };
      const reinspect = async (result: 'passed' | 'failed', newDeadline?: string) => {
        const ev = await upload(c.officer, `/api/hazards/${hazardId}/evidence`, { clientId: randomUUID() });
        if (major && result === 'passed') {
          await inject(c.officer, 'POST', `/api/hazards/${hazardId}/closing`, {
            rootCause: { cause: '动火作业管理制度未落实', responsibility: '已对车间负责人进行内部问责', education: '已组织全体员工专题安全教育', measures: '完善动火作业审批流程并专人监护' },
          });
        }
        await inject(c.officer, 'POST', `/api/hazards/${hazardId}/reinspection`, { officerIds: team, result, opinion: result === 'passed' ? '经复查，隐患已整改到位' : '经复查，整改不到位，重新确定整改期限', evidenceIds: [ev], newDeadline });
      };
      const rectDay = workday(addDays(deadline, -2));
      const checkDay = workday(addDays(deadline, 2));
      if (fate < 0.5) {
        at(rectDay, '隐患整改', rectify);
        at(checkDay, '隐患复查', () => reinspect('passed'));
      } else if (fate < 0.65) {
        // awaiting reinspection: of the older reports every other one was reinspected late (and closed)
        at(rectDay, '隐患整改', rectify);
        if (awaiting++ % 2 === 1 && checkDay < addDays(o.today, -60)) at(workday(addDays(checkDay, 30)), '隐患复查', () => reinspect('passed'));
      } else if (fate < 0.78) {
        const again = addDays(checkDay, 15);
        at(rectDay, '隐患整改', rectify);
        at(checkDay, '复查不合格', () => reinspect('failed', again));
      }
      // otherwise: left overdue — the weekly job escalates it 函告 → 通报 → 约谈 → 督办
    };

    const months: number[] = [];
    for (let m = 1; m <= Number(yesterday.slice(5, 7)); m++) months.push(m);
    for (const c of counties) {
      for (const m of months) {
        // the month's work starts on its first working days, and in January after the plan is published
        const first = workday(m === 1 ? addDays(o.from, 2) : `${o.from.slice(0, 4)}-${String(m).padStart(2, '0')}-03`);
        at(first, `${m}月抽取和检查安排`, async () => {
          const planId = plans.get(c.agencyId);
          if (!planId) return;
          // R13: this month's random draw
          let drawn: { enterpriseId: number; officers: { id: number }[] }[] = [];
          let drawId = 0;
          try {
            const d = await inject(c.officer, 'POST', '/api/draws', { planId, month: m, teamSize: 2, seed: o.seed + m });
            drawId = Number(d.id);
            drawn = d.assignments as typeof drawn;
          } catch (e) {
            if (!String(e).includes('409') && !String(e).includes('400')) throw e; // no random targets this month
          }
          const entries = (await inject(c.officer, 'GET', `/api/plans/${planId}/entries?month=${m}&pageSize=100`)).items as { enterpriseId: number; plannedDate: string; category: string }[];
          const keyEntries = entries.filter((e) => e.category !== 'random');
          const jobs: { enterpriseId: number; day: string; source: () => Promise<Source> }[] = [];
          for (const e of keyEntries) {
            jobs.push({
              enterpriseId: e.enterpriseId,
              day: workday(e.plannedDate < first ? first : e.plannedDate),
              source: async () => {
                const s = await inject(c.officer, 'GET', `/api/inspection-sources?enterpriseId=${e.enterpriseId}`);
                const entry = (s.planEntries as { id: number; inspectionId: number | null }[]).find((x) => x.inspectionId == null);
                return { origin: 'plan', planEntryId: entry?.id };
              },
            });
          }
          for (const [k, a] of drawn.slice(0, Math.max(1, c.perMonth - 2)).entries()) {
            jobs.push({ enterpriseId: a.enterpriseId, day: workday(addDays(first, 7 + k * 3)), source: async () => ({ origin: 'draw', drawId, officerIds: a.officers.map((x) => x.id) }) });
          }
          // R11: complaints, referrals and monitoring alerts bring inspections outside the plan (recorded with their
          // trigger); enterprises of the townships below are inspected jointly with their township (R20)
          const eligible = await database.rows<{ id: number; sup: number }>(
            sql`select e.id, e.supervising_agency_id as sup from enterprises e join agencies a on a.id = e.supervising_agency_id
                 where e.region_code like ${c.region + '%'} and (a.id = ${c.agencyId} or a.level = 'township') order by e.id`,
          );
          const triggers = [
            { trigger: 'complaint', reason: '群众投诉企业夜间违规动火作业' },
            { trigger: 'referral', reason: '市场监管部门移送：企业特种设备作业人员无证上岗线索' },
            { trigger: 'monitoring_alert', reason: '在线监测系统报警：可燃气体浓度超限' },
            { trigger: 'onsite_verification', reason: '核查企业报送的隐患自查自改情况' },
          ];
          // the neighbour inspects every other month: enough to show that jurisdictions do not overlap
          const count = c.cases ? c.perMonth : m % 2;
          for (let k = 0; k < count && eligible.length; k++) {
            const e = eligible[(m * c.perMonth + k) % eligible.length]!;
            const t = triggers[(m + k) % triggers.length]!;
            const day = workday(addDays(first, 2 + k * 6));
            jobs.push({
              enterpriseId: Number(e.id),
              day,
              source: async () => {
                const u = await inject(c.officer, 'POST', '/api/unplanned-inspections', { enterpriseId: Number(e.id), trigger: t.trigger, reason: t.reason, plannedDate: day, jointWithAgencyId: Number(e.sup) === c.agencyId ? null : Number(e.sup) });
                return { origin: 'unplanned', unplannedRequestId: Number(u.id) };
              },
            });
          }
          for (const j of jobs) {
            const fresh = j.day >= addDays(o.today, -3);
            const run = async () => inspect(c, j.enterpriseId, await j.source(), j.day, { complete: !fresh, hazards: rnd.int(3), major: c.cases && rnd.next() < 0.15 });
            // inspections due in the last days (or later) are filed now and still pending
            if (fresh) await run();
            else at(j.day, '执法检查', run);
          }
        });
      }
    }

    // ---- R25–R32: penalty cases at every stage ----
    if (counties[0]) scheduleCases(counties[0]);

    function scheduleCases(c: (typeof counties)[number]) {
      const facts = (s: { item: string; clause?: number; serious?: boolean }) => ({ facts: { itemCode: s.item, ...(s.clause ? { clause: s.clause } : {}), circumstance: s.serious ? 'serious' : 'general', harm: 'general', fault: 'negligent', firstViolation: false, correctedInTime: false, repeatWithinYear: false } });
      const act = (id: number, action: string, cookie: string, extra: Record<string, unknown> = {}) => inject(cookie, 'POST', `/api/penalty-cases/${id}/actions`, { action, ...extra });
      // issue #17: served in person on the party at its address (送达回证)
      const serveDirect = async (id: number) => {
        const d = await inject(officer, 'GET', `/api/penalty-cases/${id}`);
        return act(id, 'serve', officer, { service: { method: 'direct', recipient: String(d.partyName ?? '当事人'), place: '当事人住所' } });
      };
      const patch = (id: number, body: Record<string, unknown>, cookie = c.officer) => inject(cookie, 'PATCH', `/api/penalty-cases/${id}`, body);
      const officer = c.officer;
      const leader = c.leader!;
      type Stage = 'draft' | 'opened' | 'investigating' | 'notified' | 'statement' | 'hearing_review' | 'decided' | 'published' | 'served' | 'paid' | 'withdrawn' | 'cancelled';
      // each act with the article and item (项) it breaks: the decision names the item, not the whole article
      const A97 = 'aq097.initial.unit';
      const scenarios: { stage: Stage; start: number; facts: string; item: string; clause?: number; serious?: boolean; enterprise?: number }[] = [
        { stage: 'paid', start: 60, facts: '未按规定对从业人员进行安全生产教育和培训', item: A97, clause: 3 },
        { stage: 'paid', start: 110, facts: '未如实记录安全生产教育和培训情况', item: A97, clause: 4 },
        { stage: 'withdrawn', start: 100, facts: '特种作业人员未按规定经专门的安全作业培训并取得相应资格', item: A97, clause: 7 },
        { stage: 'served', start: 150, facts: '未按规定制定生产安全事故应急救援预案', item: A97, clause: 6 },
        { stage: 'published', start: 190, facts: '未建立事故隐患排查治理制度', item: 'aq101.initial.unit', clause: 5 },
        { stage: 'hearing_review', start: 200, facts: '特种作业人员未经专门的安全作业培训、未取得相应资格即上岗作业', item: A97, clause: 7, serious: true },
        { stage: 'decided', start: 230, facts: '未对安全设备进行经常性维护、保养和定期检测', item: 'aq099.initial.unit', clause: 3 },
        { stage: 'cancelled', start: 120, facts: '涉嫌未按规定配备安全生产管理人员（经核实已配备）', item: A97, clause: 1 },
        { stage: 'statement', start: 260, facts: '未按规定组织开展应急预案演练', item: A97, clause: 6, enterprise: demoEnterpriseId },
        { stage: 'notified', start: 285, facts: '对重大危险源未登记建档', item: 'aq101.initial.unit', clause: 2 },
        { stage: 'investigating', start: 300, facts: '未按规定设置安全生产管理机构', item: A97, clause: 1 },
        { stage: 'opened', start: 318, facts: '未对承包单位的安全生产工作统一协调、管理', item: 'aq103-2.initial.unit' },
        { stage: 'draft', start: 330, facts: '未将事故隐患排查治理情况如实记录', item: A97, clause: 5 },
      ];
      const span = Math.max(20, (Date.parse(yesterday) - Date.parse(o.from)) / 86400_000);
      const used = new Set<number>();
      let pickIndex = 0;
      for (const s of scenarios) {
        // the year is compressed when it is still young: starts keep their order
        const day0 = workday(addDays(o.from, Math.floor((s.start / 365) * span)));
        const steps: [number, Task][] = [];
        const st = { id: 0, enterpriseId: 0 };
        steps.push([
          0,
          async () => {
            let eid = s.enterprise && !used.has(s.enterprise) ? s.enterprise : 0;
            if (!eid) {
              const rows = await database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${c.agencyId} order by id limit 60`);
              // a county supervises a few dozen enterprises at the default scale: fresh ones first, then again
              const all = rows.map((r) => Number(r.id)).filter((x) => x !== demoEnterpriseId);
              const fresh = all.filter((x) => !used.has(x));
              const ids = fresh.length ? fresh : all;
              if (!ids.length) throw new Error('本机构没有监管的企业');
              eid = ids[(pickIndex++ * 7) % ids.length]!;
            }
            used.add(eid);
            st.enterpriseId = eid;
            const team = (await officersOn(c.agencyId, day0)).slice(0, 2).map((x) => x.id);
            const created = await inject(officer, 'POST', '/api/penalty-cases', { enterpriseId: eid, facts: s.facts, investigatorIds: team });
            st.id = Number(created.id);
          },
        ]);
        const order: Stage[] = ['draft', 'opened', 'investigating', 'notified'];
        const reach = (x: Stage) => s.stage === x || (order.indexOf(s.stage) === -1 ? order.includes(x) : order.indexOf(s.stage) >= order.indexOf(x));
        if (s.stage === 'cancelled') {
          steps.push([2, async () => void (await act(st.id, 'open', leader, { reason: '同意立案' }))]);
          steps.push([12, async () => void (await act(st.id, 'cancel', leader, { reason: '经调查，违法事实不能成立，撤销立案' }))]);
        } else {
          if (reach('opened')) steps.push([2, async () => void (await act(st.id, 'open', leader, { reason: '同意立案' }))]);
          if (reach('investigating')) steps.push([3, async () => void (await act(st.id, 'start_investigation', officer))]);
          if (reach('notified')) {
            steps.push([
              10,
              async () => {
                await inject(officer, 'POST', `/api/penalty-cases/${st.id}/violations`, facts(s));
                await act(st.id, 'notify', officer);
              },
            ]);
          }
          const late = !['draft', 'opened', 'investigating', 'notified'].includes(s.stage);
          if (s.stage === 'statement') {
            // R27: the party's statement, partly accepted: the fine is lowered with the reason written down
            steps.push([
              13,
              async () => {
                await act(st.id, 'record_statement', officer, { reason: '当事人陈述：已于检查后立即组织演练并建立制度，请求从轻处罚', receivedOn: shanghaiDate() });
                const detail = await inject(officer, 'GET', `/api/penalty-cases/${st.id}`);
                const amount = Number(detail.violations?.[0]?.amount ?? detail.violations?.[0]?.proposal?.suggestedAmount ?? 0);
                if (amount > 2000) await inject(officer, 'PATCH', `/api/penalty-cases/${st.id}/violations/1`, { amount: Math.round(amount * 0.8), reason: '部分采纳当事人陈述申辩意见：违法行为已及时改正，依法从轻' });
                // the statement's 采纳情况, which the decision will state (《行政处罚法》第四十五条)
                const statement = (detail.partySubmissions as { id: number; kind: string }[] | undefined)?.find((x) => x.kind === 'record_statement');
                if (statement) await inject(officer, 'POST', `/api/penalty-cases/${st.id}/statements/${statement.id}/answer`, { result: 'partly_adopted', reasons: '检查后立即组织演练并建立制度属实，依法从轻处罚；检查时未建立制度的违法事实清楚，不予免除处罚' });
              },
            ]);
          } else if (s.stage === 'hearing_review') {
            // R27/R28: a hearing requested and held by an officer outside the case, then the legal review is pending
            steps.push([12, async () => void (await act(st.id, 'request_hearing', officer))]);
            steps.push([
              30,
              async () => {
                const pool = await officersOn(c.agencyId, shanghaiDate());
                const detail = await inject(officer, 'GET', `/api/penalty-cases/${st.id}`);
                const inv = new Set((detail.investigators as { id: number }[] | undefined)?.map((x) => x.id) ?? []);
                const host = pool.find((x) => !inv.has(x.id));
                // issue #17: the 听证通知书 and the 听证笔录 are generated from these facts
                await patch(st.id, {
                  hearing: {
                    noticeOn: addDays(shanghaiDate(), -15),
                    heldOn: shanghaiDate(),
                    hostId: host?.id,
                    notice: { time: '09:30', place: `${detail.agencyName ?? ''}听证室`, panelists: [], clerk: '记录员' },
                    minutes: {
                      attended: true,
                      partyAttendees: [{ name: '当事人代理人', role: '委托代理人' }],
                      investigatorCase: '调查人员陈述违法事实，出示现场检查记录等证据，提出处罚建议',
                      partyStatement: '当事人对违法事实无异议，请求从轻处罚',
                      crossExamination: '当事人对证据的真实性无异议',
                      finalStatements: '调查人员坚持处罚建议；当事人请求从轻处罚',
                    },
                  },
                });
                await act(st.id, 'submit_review', officer);
              },
            ]);
          } else if (late) {
            steps.push([13, async () => void (await patch(st.id, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }))]);
            steps.push([
              15,
              async () => {
                const d = await inject(officer, 'GET', `/api/penalty-cases/${st.id}`);
                if ((d.availableActions as string[] | undefined)?.includes('submit_review')) {
                  await act(st.id, 'submit_review', officer);
                  await act(st.id, 'approve_review', cookies.legal, { reason: '事实清楚，证据确凿，适用依据正确，程序合法' });
                }
                await act(st.id, 'decide', leader, { reason: '经审查，依法作出行政处罚决定' });
              },
            ]);
            if (['published', 'served', 'paid', 'withdrawn'].includes(s.stage)) steps.push([18, async () => void (await inject(officer, 'POST', `/api/penalty-cases/${st.id}/publish`))]);
            if (['served', 'paid'].includes(s.stage)) steps.push([19, async () => void (await serveDirect(st.id))]);
            if (s.stage === 'paid') {
              steps.push([22, async () => void (await act(st.id, 'start_execution', officer))]);
              steps.push([
                35,
                async () => {
                  await patch(st.id, { executionDone: true, reason: '当事人已按期缴纳罚款' });
                  await act(st.id, 'close', leader, { reason: '处罚决定已执行完毕，同意结案' });
                },
              ]);
            }
            if (s.stage === 'withdrawn') {
              steps.push([19, async () => void (await serveDirect(st.id))]);
              steps.push([
                60,
                async () =>
                  void (await inject(officer, 'POST', `/api/penalty-cases/${st.id}/publication/withdraw`, { ground: 'changed', reason: '行政复议机关决定变更该行政处罚决定的罚款数额', changedOn: addDays(shanghaiDate(), -1) })),
              ]);
            }
          }
        }
        // steps in order on their working days; a step is scheduled only once the previous one ran
        const chain = (k: number, day: string) => {
          const [, run] = steps[k]!;
          at(day, `处罚案件（${s.stage}）`, async () => {
            await run();
            if (k + 1 < steps.length) chain(k + 1, workday(addDays(day0, Math.max(steps[k + 1]![0], Math.ceil((Date.parse(day) - Date.parse(day0)) / 86400_000) + 1))));
          });
        };
        chain(0, day0);
      }
    }

    // ---- R32: a serious-dishonesty listing (an accident this spring) ----
    const listedOn = workday(addDays(o.from, Math.min(150, Math.floor((Date.parse(yesterday) - Date.parse(o.from)) / 86400_000 / 2))));
    // the quarterly public list (by the 10th working day after the quarter), from the listing's quarter on
    const yearNo = o.from.slice(0, 4);
    for (const [q, end] of [['Q1', '03-31'], ['Q2', '06-30'], ['Q3', '09-30']] as const) {
      const quarterEnd = `${yearNo}-${end}`;
      if (quarterEnd < listedOn) continue;
      at(workday(addDays(quarterEnd, 6)), '严重失信主体名单季度公布', async () => void (await inject(cookies.leader, 'POST', '/api/credit/blacklist-publications', { quarter: `${yearNo}${q}` })));
    }
    at(listedOn, '严重失信主体名单', async () => {
      const [e] = await database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${counties[0]!.agencyId} order by id desc limit 1`);
      if (!e) return;
      await inject(cookies.leader, 'POST', '/api/credit/blacklist', {
        enterpriseId: Number(e.id),
        reason: '发生重大生产安全事故，经调查认定对事故发生负有责任，依法列入严重失信主体名单',
        facts: { accidents: [{ occurredOn: addDays(shanghaiDate(), -20), grade: 'major', responsible: true }] },
      });
    });

    // ---- walk the year ----
    for (let day = o.from; day <= yesterday; day = addDays(day, 1)) {
      // the nightly jobs (escalation, credit status) every other Monday: enough for each escalation step
      if (dayOfWeek(day) === 1 && (Date.parse(day) / 86400_000 / 7) % 2 < 1) {
        clock.set(day, 6);
        await timed('每日任务', () => runDailyJobs(ctx, day, () => undefined)).catch((e: unknown) => failures.push(`${day} 每日任务：${String(e)}`));
      }
      const tasks = agenda.get(day);
      if (!tasks) continue;
      clock.set(day, 9);
      for (let i = 0; i < tasks.length; i++) {
        clock.tick(11);
        try {
          await timed(tasks[i]!.label, tasks[i]!.run);
        } catch (e) {
          failures.push(`${day} ${tasks[i]!.label}：${(e as Error).message}`);
        }
      }
      agenda.delete(day);
    }
    clock.set(yesterday, 22);
    for (const cookie of Object.values(cookies)) await inject(cookie, 'POST', '/api/auth/logout').catch(() => undefined);
  } finally {
    await app.close();
  }
  return { from: o.from, to: yesterday, calls, failures, timings };
}
