import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, isWorkingDay, statutoryFestivalDays } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';

// A notice for 2027 as the State Council might publish it; 春节 runs to `springEnd` (chosen per test run so that the
// notice takes a day the plan had scheduled).
const notice2027 = (springEnd: string) => ({
  notice: { number: '国办发明电〔2026〕9号', issuedOn: '2026-11-20' },
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
    { name: '春节', from: '2027-02-05', to: springEnd },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  makeupWorkdays: ['2027-01-02', '2027-02-20', '2027-05-08', '2027-10-09'],
});

describe.each(dbKinds)('the bureau\'s calendar on %s', (kind) => {
  let h: Harness;
  let admin: string;
  let leader: string;
  let county: string;
  let xihuId: number;
  let busiestId: number;
  let planner: string;
  let planId: number;
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 1500 });
    admin = await h.login('admin');
    leader = await h.login('leader');
    county = await h.login('county.officer');
    xihuId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
    // the agency supervising the most enterprises: its plan has entries in every month
    busiestId = Number((await h.database.rows<{ id: number }>(sql`select supervising_agency_id as id from enterprises group by 1 order by count(*) desc limit 1`))[0]!.id);
    const made = await call('POST', '/api/users', admin, { username: 'busy.officer', password: 'Busy#2026test', displayName: '计划编制员', role: 'officer', agencyId: busiestId });
    expect(made.statusCode).toBe(201);
    planner = await h.login('busy.officer', 'Busy#2026test');
  });
  afterAll(() => h?.close());
  const call = (method: string, url: string, cookie: string, payload?: unknown) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it('R38: 2026 is the published schedule (seeded), 2027 the law\'s festival days, provisional', async () => {
    const y26 = (await call('GET', '/api/calendar/2026', county)).json();
    expect(y26).toMatchObject({ year: 2026, official: true, notice: null, source: 'package' });
    expect(y26.days).toHaveLength(365);
    const d26 = new Map(y26.days.map((d: { date: string }) => [d.date, d]));
    expect(d26.get('2026-10-01')).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
    expect(d26.get('2026-10-10')).toMatchObject({ working: true, kind: 'makeup' });
    expect(d26.get('2026-11-21')).toMatchObject({ working: false, kind: 'weekend' });
    const y27 = (await call('GET', '/api/calendar/2027', county)).json();
    expect(y27).toMatchObject({ year: 2027, official: false, notice: null, source: 'statutory' });
    const d27 = new Map(y27.days.map((d: { date: string }) => [d.date, d]));
    for (const f of statutoryFestivalDays(2027)) expect(d27.get(f.date)).toMatchObject({ working: false, kind: 'holiday' });
    expect(d27.get('2027-02-05')).toMatchObject({ name: '春节' }); // 除夕
    expect((await call('GET', '/api/calendar/1999', county)).statusCode).toBe(400);
  });

  it('R38: adding working days skips holidays and says when the result is provisional', async () => {
    expect((await call('GET', '/api/calendar/add-working-days?from=2026-09-30&days=1', county)).json()).toEqual({ date: '2026-10-08', provisional: false });
    // a fine served in late December does not fall due on 元旦 2027
    expect((await call('GET', '/api/calendar/add-working-days?from=2026-12-31&days=1', county)).json()).toEqual({ date: '2027-01-04', provisional: true });
    const bad = await call('GET', '/api/calendar/add-working-days?from=2026-02-30&days=1', county);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/日期/);
    expect((await call('GET', '/api/calendar/add-working-days?from=2026-01-01&days=-1', county)).statusCode).toBe(400);
  });

  it('R6/R38: a 2027 plan is spread over the year on working days, 暂定 with a warning', async () => {
    const created = await call('POST', '/api/plans', planner, { agencyId: busiestId, year: 2027, params: { seed: 3 } });
    expect(created.statusCode).toBe(201);
    planId = created.json().id;
    const detail = (await call('GET', `/api/plans/${planId}`, leader)).json();
    expect(detail.provisional).toBe(true);
    expect(detail.current.warnings[0]).toContain('暂定');
    const months = detail.current.months as { month: number; planned: number; capacity: number }[];
    expect(months.filter((m) => m.planned > 0).length).toBe(12);
    const total = months.reduce((n, m) => n + m.planned, 0);
    const capacity = months.reduce((n, m) => n + m.capacity, 0);
    if (total <= capacity) for (const m of months) expect(Math.abs(m.planned - (total * m.capacity) / capacity)).toBeLessThanOrEqual(1);
    const entries = (await call('GET', `/api/plans/${planId}/entries?pageSize=200`, leader)).json();
    expect(entries.items.length).toBeGreaterThan(0);
    const festival = new Set(statutoryFestivalDays(2027).map((f) => f.date));
    for (const e of entries.items) {
      expect(e.provisional).toBe(true);
      expect(festival.has(e.plannedDate)).toBe(false);
      expect(isWorkingDay(e.plannedDate)).toBe(true);
    }
  });

  it('R38: hazard countdowns and case deadlines that run into 2027 are flagged provisional', async () => {
    const [ent0] = await h.database.rows<{ id: number; region_code: string; agency: number }>(sql`select id, region_code, supervising_agency_id as agency from enterprises order by id limit 1`);
    const later = await h.database.rows<{ id: number }>(
      sql`insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, responsible_person, deadline, status)
          values (0, 0, ${ent0!.id}, ${ent0!.agency}, ${ent0!.region_code}, '消防通道堵塞', '张三', '2027-01-08', 'open'),
                 (0, 0, ${ent0!.id}, ${ent0!.agency}, ${ent0!.region_code}, '灭火器过期', '张三', '2026-12-30', 'open') returning id`,
    );
    const listed = (await call('GET', '/api/hazards?pageSize=100&deadlineFrom=2026-12-30', leader)).json().items as { id: number; deadline: string; provisional: boolean }[];
    const mine = listed.filter((x) => later.some((l) => Number(l.id) === x.id));
    expect(mine.map((x) => [x.deadline, x.provisional]).sort()).toEqual([
      ['2026-12-30', false],
      ['2027-01-08', true],
    ]);
    // a case notified on 28 December 2026: the hearing request runs to 5 January 2027, 暂定
    const [ent] = await h.database.rows<{ id: number; region_code: string; agency: number }>(sql`select id, region_code, supervising_agency_id as agency from enterprises order by id limit 1`);
    const [kase] = await h.database.rows<{ id: number }>(
      sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, case_number, opened_on, notified_on, created_by)
          values (${ent!.agency}, ${ent!.id}, ${ent!.region_code}, 'notified', '测试', '浙应急罚〔2026〕98号', '2026-12-01', '2026-12-28', 1) returning id`,
    );
    const detail = await call('GET', `/api/penalty-cases/${kase!.id}`, leader);
    expect(detail.statusCode).toBe(200);
    const deadlines = detail.json().deadlines as { id: string; due: string; provisional: boolean }[];
    expect(deadlines.length).toBeGreaterThan(0);
    for (const d of deadlines) expect(d.provisional).toBe(d.due >= '2027-01-01');
    expect(deadlines.some((d) => d.provisional)).toBe(true);
  });

  it('R38: only the province administrator enters a notice; bad notices are refused in Chinese and change nothing', async () => {
    const good = notice2027('2027-02-11');
    expect((await call('PUT', '/api/calendar/2027', leader, good)).statusCode).toBe(403);
    const cases: [unknown, RegExp][] = [
      [{ ...good, holidays: [...good.holidays, { name: '补充', from: '2027-10-07', to: '2027-10-08' }] }, /重叠/],
      [{ ...good, holidays: [...good.holidays, { name: '元旦', from: '2026-12-31', to: '2026-12-31' }] }, /不在2027年内/],
      [{ ...good, makeupWorkdays: ['2027-02-06'] }, /春节/],
      [{ ...good, holidays: good.holidays.filter((x) => x.name !== '端午节') }, /6月9日（端午节）是法定节假日，通知中未安排放假/],
      [{ ...good, makeupWorkdays: ['2027-03-03'] }, /不是周六或周日/],
      [{ ...good, notice: { number: '', issuedOn: '2026-11-20' } }, /文号/],
      [{ ...good, holidays: [{ name: '春节', from: '2027-02-30', to: '2027-03-01' }] }, /格式不正确/],
    ];
    for (const [body, reason] of cases) {
      const res = await call('PUT', '/api/calendar/2027', admin, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(reason);
    }
    expect((await call('GET', '/api/calendar/2027', county)).json()).toMatchObject({ official: false, versions: [] });
  });

  it('R38: entering the notice moves plan dates off new days off and recomputes unserved deadlines, never a served one earlier', async () => {
    // the plan's first date from 11 February on: 春节 of the notice runs to it, so the notice takes that day
    const [first] = await h.database.rows<{ d: string }>(
      sql`select to_char(min(e.planned_date), 'YYYY-MM-DD') as d from plan_entries e join plan_versions v on v.plan_id = ${planId} and v.id = e.plan_version_id
           where e.planned_date between '2027-02-11' and '2027-02-19'`,
    );
    const springEnd = first?.d ?? '2027-02-11';
    const [{ n: before } = { n: 0 }] = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from plan_entries e join plan_versions v on v.id = e.plan_version_id where v.plan_id = ${planId}`);
    const [{ n: onNewDays } = { n: 0 }] = await h.database.rows<{ n: number }>(
      sql`select count(*)::int as n from plan_entries e join plan_versions v on v.id = e.plan_version_id where v.plan_id = ${planId} and e.planned_date between '2027-02-11' and ${springEnd}::date`,
    );
    // a case notified on Monday 28 December (statement and hearing request run into 2027), and a credit repair not yet answered
    const [ent] = await h.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from enterprises where supervising_agency_id = ${xihuId} limit 1`);
    const [kase] = await h.database.rows<{ id: number }>(
      sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, case_number, notified_on, created_by)
          values (${xihuId}, ${ent!.id}, ${ent!.region_code}, 'notified', '测试', '西应急罚〔2026〕99号', '2026-12-28', 1) returning id`,
    );
    const [repair] = await h.database.rows<{ id: number }>(
      sql`insert into credit_repairs (enterprise_id, region_code, credit_fact_id, applied_on, application, answer_due, applied_by)
          values (${ent!.id}, ${ent!.region_code}, 1, '2026-12-30', '{}'::jsonb, '2027-01-05', 1) returning id`,
    );
    const res = await call('PUT', '/api/calendar/2027', admin, notice2027(springEnd));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ official: true, version: 1 });
    const changes = res.json().changes as { what: string; subject: string; before: string; after: string }[];

    // plans: nothing left on the new days off, nothing lost, the plan no longer 暂定
    const [{ n: after } = { n: 0 }] = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from plan_entries e join plan_versions v on v.id = e.plan_version_id where v.plan_id = ${planId}`);
    expect(after).toBe(before);
    const left = await h.database.rows(sql`select 1 from plan_entries e join plan_versions v on v.id = e.plan_version_id where v.plan_id = ${planId} and e.planned_date between '2027-02-05' and ${springEnd}::date`);
    expect(left).toHaveLength(0);
    if (onNewDays > 0) expect(changes.some((c) => c.what === '年度监督检查计划' && c.subject.includes(`${onNewDays} 家次检查改期`))).toBe(true);
    const detail = (await call('GET', `/api/plans/${planId}`, leader)).json();
    expect(detail.provisional).toBe(false);
    expect(detail.current.warnings.join()).not.toContain('暂定');
    // February: 20 weekdays, less those of 春节 as the notice has it, plus Saturday 20 February (调休)
    let offWeekdays = 0;
    for (let d = '2027-02-05'; d <= springEnd; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) offWeekdays++;
    expect(detail.current.months.find((m: { month: number }) => m.month === 2).workingDays).toBe(20 - offWeekdays + 1);

    // the repair's answer (the agency's own deadline) follows the notice: Saturday 2 January is now a working day
    const [r] = await h.database.rows<{ d: string }>(sql`select answer_due::text as d from credit_repairs where id = ${repair!.id}`);
    expect(r!.d).toBe('2027-01-04');
    expect(changes).toContainEqual(expect.objectContaining({ what: '信用修复申请答复期限', before: '2027-01-05', after: '2027-01-04' }));
    // the party was given 5 January for the hearing request: it stays, although the notice would make it 4 January
    const kept = await h.database.rows<{ deadline: string; due_on: string }>(sql`select deadline, due_on::text as due_on from kept_deadlines where case_id = ${kase!.id} order by deadline`);
    expect(kept.map((k) => [k.deadline, k.due_on])).toContainEqual(['hearing_request', '2027-01-05']);
    expect(changes.some((c) => c.what.includes('已送达，保持原期限'))).toBe(true);

    // the year is official, the earlier state kept as history, the entry audited
    const y27 = (await call('GET', '/api/calendar/2027', county)).json();
    expect(y27).toMatchObject({ official: true, source: 'notice', notice: { number: '国办发明电〔2026〕9号', issuedOn: '2026-11-20' } });
    expect(y27.days.find((d: { date: string }) => d.date === '2027-01-02')).toMatchObject({ working: true, kind: 'makeup' });
    expect((await call('GET', '/api/calendar/add-working-days?from=2026-12-31&days=1', county)).json()).toEqual({ date: '2027-01-02', provisional: false });
    const audit = await h.database.rows(sql`select 1 from audit_log where entity_type = 'calendar_year' and action = 'enter_notice' and entity_id = '2027-1'`);
    expect(audit).toHaveLength(1);
    // a second notice is the next version; the first is kept
    const again = await call('PUT', '/api/calendar/2027', admin, { ...notice2027(springEnd), notice: { number: '国办发明电〔2026〕10号', issuedOn: '2026-12-01' } });
    expect(again.json().version).toBe(2);
    const versions = (await call('GET', '/api/calendar/2027', county)).json().versions;
    expect(versions.map((v: { version: number; notice: { number: string } }) => [v.version, v.notice.number])).toEqual([[2, '国办发明电〔2026〕10号'], [1, '国办发明电〔2026〕9号']]);
    for (const f of statutoryFestivalDays(2027)) expect(isWorkingDay(f.date)).toBe(false);
    expect(isWorkingDay(addDays(springEnd, 0))).toBe(false);
  });
});
