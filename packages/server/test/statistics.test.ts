// R36: the statistics agree with the ledgers they summarise, at county, city and province level, and roll up
// county → city → province. Records are built through the API (one whole inspection with a hazard) and by factories
// (set-based inserts of inspections, hazards, plan entries and cases with known counts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, additiveFigures, sumFigures, type StatisticsFigures } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';
import { arrayParam } from '../src/lib/bulk.js';
import { computeFigures } from '../src/modules/reporting/statisticsService.js';

interface Ent {
  id: number;
  region_code: string;
  agency_id: number;
}

describe.each(dbKinds)('statistics on %s', (kind) => {
  let h: Harness;
  let leader: string; // province leader
  let countyLeader: string; // 西湖区
  let countyOfficer: string;
  let enterpriseCookie: string;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const from = addDays(today, -150);
  const to = today;
  const ids: Record<string, number> = {};
  let officerIds: number[] = [];
  // what the factories made inside the period, per county (for the expectations computed here, not by the service)
  const made: Record<string, { done: number; hazards: number; overdue: number; major: number; opened: number; fine: number; collected: number; transferred: number; suspensions: number; closures: number }> = {};

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 900 });
    const agency = async (code: string) => Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = ${code}`))[0]!.id);
    ids.province = await agency('330000');
    ids.city = await agency('330100');
    ids.xihu = await agency('330106');
    ids.shangcheng = await agency('330102');
    leader = await h.login('leader');
    countyLeader = await h.login('county.leader');
    countyOfficer = await h.login('county.officer');
    enterpriseCookie = await h.login('enterprise');
    officerIds = (
      await h.database.rows<{ id: number }>(
        sql`select id from officers where agency_id = ${ids.xihu} and credential_valid_from <= ${today}::date and credential_valid_to >= ${addDays(today, 60)}::date order by id limit 2`,
      )
    ).map((o) => Number(o.id));

    // Factories: for each of three counties (two of 杭州市, one of another city) enterprises get records with known
    // counts inside the period and some before it (which no figure may count).
    const counties = ['330106', '330102'];
    const [other] = await h.database.rows<{ code: string }>(sql`select left(region_code, 6) as code from enterprises where region_code not like '3301%' group by 1 order by count(*) desc limit 1`);
    counties.push(other!.code);
    const [plan] = await h.database.rows<{ id: number }>(sql`insert into plans (agency_id, region_code, year, status) values (${ids.xihu}, '330106', ${Number(today.slice(0, 4))}, 'published') returning id`);
    const [version] = await h.database.rows<{ id: number }>(
      sql`insert into plan_versions (plan_id, version_no, params, summary, months, warnings, input_hash, officer_count, total_planned) values (${plan!.id}, 1, '{}', '{}', '[]', '[]', 'x', 10, 0) returning id`,
    );
    let seq = 0;
    for (const [ci, county] of counties.entries()) {
      let ents = await h.database.rows<Ent>(sql`select id, region_code, supervising_agency_id as agency_id from enterprises where region_code like ${county + '%'} order by id limit 6`);
      if (ents.length < 3) {
        // a county with too few demo enterprises gets some moved in (their region only; the test does not need more)
        const moved = await h.database.rows<Ent>(
          sql`update enterprises set region_code = ${county} where id in (select id from enterprises where region_code not like '3301%' and left(region_code, 6) <> ${counties[2]!} order by id desc limit 4) returning id, region_code, supervising_agency_id as agency_id`,
        );
        ents = [...ents, ...moved];
      }
      const m = (made[county] = { done: 0, hazards: 0, overdue: 0, major: 0, opened: 0, fine: 0, collected: 0, transferred: 0, suspensions: 0, closures: 0 });
      for (const [ei, e] of ents.entries()) {
        const k = ci * 10 + ei;
        // inspections: k % 3 + 2 completed in the period, 1 filed (not done), 1 completed before the period
        const doneHere = (k % 3) + 2;
        for (let j = 0; j < doneHere + 2; j++) {
          const date = j === doneHere + 1 ? addDays(from, -3) : addDays(from, (k * 7 + j * 11) % 140);
          const status = j === doneHere ? 'filed' : 'completed';
          const origin = j % 2 === 0 ? 'plan' : 'unplanned';
          const [ins] = await h.database.rows<{ id: number }>(
            sql`insert into inspections (agency_id, enterprise_id, region_code, origin, planned_date, officer_ids, item_codes, catalog_version, status, public_token, created_by, completed_at)
                values (${e.agency_id}, ${e.id}, ${e.region_code}, ${origin}, ${date}::date, ${arrayParam(officerIds, 'int')}, '{}', 1, ${status}, ${'tok' + randomUUID().replace(/-/g, '')}, 1,
                        ${status === 'completed' ? sql`${date}::date + time '10:00'` : sql`null`}) returning id`,
          );
          if (status === 'completed' && j < doneHere) m.done++;
          if (j === 0) {
            // two hazards on this inspection's day: one overdue (deadline past, open), one closed; every fourth major
            for (const [hi, st] of (['open', 'closed'] as const).entries()) {
              const major = (k + hi) % 4 === 0;
              const deadline = st === 'open' ? addDays(today, k % 2 === 0 ? -5 : 20) : addDays(date, 10);
              await h.database.rows(
                sql`insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, responsible_person, deadline, status, major, created_at)
                    values (${++seq}, ${ins!.id}, ${e.id}, ${e.agency_id}, ${e.region_code}, '安全警示标志缺失', '张安全', ${deadline}::date, ${st}, ${major}, (${date}::date + time '11:00') at time zone 'Asia/Shanghai')`,
              );
              m.hazards++;
              if (major) m.major++;
              if (st === 'open' && deadline < today) m.overdue++;
            }
          }
        }
        // a plan entry per enterprise of 西湖区 (the published plan)
        if (county === '330106') {
          await h.database.rows(
            sql`insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month) values (${version!.id}, ${e.id}, ${e.region_code}, ${ei % 2 === 0 ? 'key' : 'general'}, 0, ${addDays(from, ei * 9)}::date, ${Number(addDays(from, ei * 9).slice(5, 7))})`,
          );
        }
        // one case per enterprise: opened and decided in the period (fine 1000·(k+1)), every other one collected;
        // the first of each county transferred, the second with 停产停业整顿, the third with 关闭
        const opened = addDays(from, 5 + ei * 10);
        const decided = addDays(opened, 12);
        const fine = 1000 * (k + 1);
        const sanctions = ei === 1 ? ['suspend_for_rectification'] : ei === 2 ? ['closure'] : [];
        const status = ei === 0 ? 'transferred' : ei % 2 === 0 ? 'closed' : 'executing';
        const [c] = await h.database.rows<{ id: number }>(
          sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, created_by, procedure, investigator_ids, opened_on, notified_on, decided_on, served_on, closed_on, decision, execution_done)
              values (${e.agency_id}, ${e.id}, ${e.region_code}, ${status}, '未按规定进行安全培训', 1, ${ei === 3 ? 'simple' : 'general'}, ${arrayParam(officerIds, 'int')}, ${opened}::date,
                      ${addDays(opened, 4)}::date, ${decided}::date, ${addDays(decided, 2)}::date, ${status === 'closed' ? sql`${addDays(decided, 9)}::date` : sql`null`},
                      ${JSON.stringify({ kind: 'penalty', fine, sanctions })}::jsonb, ${ei % 2 === 0}) returning id`,
        );
        m.opened++;
        m.fine += fine;
        if (ei % 2 === 0) m.collected += fine;
        if (ei === 1) m.suspensions++;
        if (ei === 2) m.closures++;
        if (ei === 0) {
          await h.database.rows(sql`insert into penalty_case_events (case_id, region_code, action, from_status, to_status, actor_name, at) values (${c!.id}, ${e.region_code}, 'transfer', 'investigating', 'transferred', '县局负责人', (${addDays(opened, 3)}::date + time '09:00') at time zone 'Asia/Shanghai')`);
          m.transferred++;
        }
      }
      // a case opened before the period: not counted
      await h.database.rows(
        sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, created_by, opened_on, decided_on, decision) values (${ents[0]!.agency_id}, ${ents[0]!.id}, ${ents[0]!.region_code}, 'decided', '早前案件', 1, ${addDays(from, -20)}::date, ${addDays(from, -2)}::date, '{"kind":"penalty","fine":99999,"sanctions":[]}'::jsonb)`,
      );
    }

    // Through the API: a whole inspection of a 西湖区 enterprise by the county officer, with one hazard.
    const [e] = await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${ids.xihu} and region_code like '330106%' order by id limit 1`);
    const call = (method: string, url: string, payload?: unknown) => h.app.inject({ method: method as 'GET', url, headers: { cookie: countyOfficer }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const u = (await call('POST', '/api/unplanned-inspections', { enterpriseId: e!.id, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today })).json();
    const filed = await call('POST', '/api/inspections', { enterpriseId: e!.id, origin: 'unplanned', unplannedRequestId: u.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: today, officerIds });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as number;
    await call('POST', `/api/inspections/${id}/enter`);
    await call('POST', `/api/inspections/${id}/show-credentials`);
    const names = (await h.database.rows<{ name: string }>(sql`select name from officers where id = any(${arrayParam(officerIds, 'int')}) order by id`)).map((o) => o.name);
    const signed = await call('POST', `/api/inspections/${id}/commitment`, { signerNames: names });
    const codes: string[] = signed.json().items.map((i: { code: string }) => i.code);
    await call('PUT', `/api/inspections/${id}/answers`, { answers: codes.map((c) => ({ itemCode: c, result: c === 'G09' ? 'nonconform' : 'conform', note: '' })) });
    await call('POST', `/api/inspections/${id}/exams`, { clientId: randomUUID(), personName: '王总', position: '主要负责人', questions: '本单位重大危险源管理要求', score: 85 });
    await call('POST', `/api/inspections/${id}/certificates`, { clientId: randomUUID(), holderName: '李工', certificateType: '特种作业操作证（焊接与热切割）', certificateNo: 'T330106199001011234', validTo: addDays(today, 300) });
    const hz = await call('POST', `/api/inspections/${id}/findings`, { clientId: randomUUID(), itemCode: 'G09', description: '隐患排查治理台账未建立', disposition: 'hazard', requirement: '建立隐患排查治理台账', deadline: addDays(today, 10), responsiblePerson: '张安全' });
    expect(hz.statusCode, hz.body).toBe(201);
    const done = await call('POST', `/api/inspections/${id}/complete`, { summary: '发现问题1项，已责令限期整改' });
    expect(done.statusCode, done.body).toBe(200);
    made['330106']!.done++;
    made['330106']!.hazards++;
  }, 240_000);
  afterAll(() => h?.close());

  const get = async (url: string, cookie = leader) => {
    const res = await h.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const stats = (q: string, cookie = leader) => get(`/api/statistics?from=${from}&to=${to}${q}`, cookie);
  const total = async (url: string, cookie = leader) => (await get(url, cookie)).total as number;

  /** The figures must equal what the ledgers list for the same scope and period. */
  async function reconcile(f: StatisticsFigures, region: string, cookie = leader) {
    const r = region ? `&regionCode=${region}` : '';
    expect(f.inspections.done).toBe(await total(`/api/inspections?status=completed&from=${from}&to=${to}${r}`, cookie));
    const planned = (await total(`/api/inspections?status=completed&origin=plan&from=${from}&to=${to}${r}`, cookie)) + (await total(`/api/inspections?status=completed&origin=draw&from=${from}&to=${to}${r}`, cookie));
    expect(f.inspections.donePlanned).toBe(planned);
    const hz = `/api/hazards?foundFrom=${from}&foundTo=${to}${r}`;
    expect(f.hazards.found).toBe(await total(hz, cookie));
    expect(f.hazards.overdue).toBe(await total(`${hz}&overdue=true`, cookie));
    expect(f.hazards.major).toBe(await total(`${hz}&major=true`, cookie));
    expect(f.hazards.closed).toBe(await total(`${hz}&status=closed`, cookie));
    expect(f.hazards.unclosed).toBe(await total(`${hz}&status=unclosed`, cookie));
    expect(f.cases.opened).toBe(await total(`/api/penalty-cases?openedFrom=${from}&openedTo=${to}${r}`, cookie));
    expect(f.cases.byProcedure.simple ?? 0).toBe(await total(`/api/penalty-cases?openedFrom=${from}&openedTo=${to}&procedure=simple${r}`, cookie));
    expect(f.cases.transferred).toBe(await total(`/api/penalty-cases?transferred=true${r}`, cookie));
    const decided = await get(`/api/penalty-cases?decidedFrom=${from}&decidedTo=${to}&pageSize=100${r}`, cookie);
    expect(decided.total).toBeLessThanOrEqual(100);
    expect(f.penalties.decisions).toBe(decided.total);
    expect(f.penalties.fineDecided).toBe(decided.items.reduce((s: number, c: { fine: number | null }) => s + (c.fine ?? 0), 0));
  }

  const sumOf = (groups: { figures: StatisticsFigures }[]) => additiveFigures(sumFigures(groups.map((g) => g.figures)));
  const additive = (f: StatisticsFigures) => {
    const a = additiveFigures(f);
    // plan entries and coverage are additive over regions too; keep them
    return a;
  };

  it('R36: a county’s figures agree with its inspection ledger, hazard ledger, case list and fines — and with what was recorded', async () => {
    const s = await stats('', countyLeader);
    expect(s.agency).toMatchObject({ id: ids.xihu, regionCode: '330106' });
    const f: StatisticsFigures = s.total;
    await reconcile(f, '', countyLeader);
    const m = made['330106']!;
    expect(f.inspections.done).toBe(m.done);
    expect(f.hazards).toMatchObject({ found: m.hazards, overdue: m.overdue, major: m.major });
    expect(f.cases.opened).toBe(m.opened);
    expect(f.cases.transferred).toBe(m.transferred);
    expect(f.penalties).toMatchObject({ fineDecided: m.fine, fineCollected: m.collected, suspensions: m.suspensions, closures: m.closures });
    expect(f.inspections.planned).toBeGreaterThan(0);
    expect(f.coverage.keyTargets).toBeGreaterThan(0);
    expect(f.coverage.keyTargetsInspected).toBeLessThanOrEqual(f.coverage.keyTargets!);
    // stage durations of the factory cases: 4 days to 告知, 12 to 决定, 2 to 送达
    expect(f.durations).toMatchObject({ openToNotify: 4, openToDecide: 12, decideToServe: 2 });
    // the same county asked by the province leader gives the same figures
    expect((await stats(`&agencyId=${ids.xihu}`)).total).toEqual(f);
  });

  it('R36: the counties sum to the city and the cities to the province; each level agrees with the ledgers', async () => {
    const city = await stats(`&agencyId=${ids.city}&groupBy=agency`);
    await reconcile(city.total, '330100');
    expect(sumOf(city.groups)).toEqual(additive(city.total));
    const xihu = city.groups.find((g: { key: string }) => g.key === String(ids.xihu));
    expect(xihu.figures).toEqual((await stats(`&agencyId=${ids.xihu}`)).total);
    const sc = city.groups.find((g: { key: string }) => g.key === String(ids.shangcheng));
    const scAlone = (await stats(`&agencyId=${ids.shangcheng}`)).total;
    expect(sc.figures).toEqual(scAlone);
    expect(scAlone.inspections.done).toBe(made['330102']!.done);

    const province = await stats(`&groupBy=region`);
    expect(province.agency.id).toBe(ids.province);
    await reconcile(province.total, '');
    expect(sumOf(province.groups)).toEqual(additive(province.total));
    const hz = province.groups.find((g: { regionCode: string }) => g.regionCode === '330100');
    expect(additiveFigures(hz.figures)).toEqual(additiveFigures(city.total));
    // every county's factory records are in the province's figures
    const all = Object.values(made).reduce((a, m) => ({ done: a.done + m.done, fine: a.fine + m.fine }), { done: 0, fine: 0 });
    expect(province.total.inspections.done).toBe(all.done);
    expect(province.total.penalties.fineDecided).toBe(all.fine);
  });

  it('R36: months, industries, risk codes sum to the period; officers carry their inspections', async () => {
    const byMonth = await stats('&groupBy=month');
    const months = byMonth.groups.map((g: { key: string }) => g.key);
    expect(months[0]).toBe(from.slice(0, 7));
    expect(months.at(-1)).toBe(to.slice(0, 7));
    const strip = (f: StatisticsFigures) => ({ ...additiveFigures(f), coverage: null });
    expect(strip(sumFigures(byMonth.groups.map((g: { figures: StatisticsFigures }) => g.figures)))).toEqual(strip(byMonth.total));
    for (const g of ['industry', 'riskCode']) {
      const s = await stats(`&groupBy=${g}`);
      expect(sumOf(s.groups)).toEqual(additive(s.total));
      expect(s.groups.every((x: { label: string }) => /[\u4e00-\u9fa5]/.test(x.label))).toBe(true);
    }
    const byOfficer = await stats(`&agencyId=${ids.xihu}&groupBy=officer`);
    const mine = byOfficer.groups.find((g: { key: string }) => g.key === String(officerIds[0]));
    expect(mine.figures.inspections.done).toBe(byOfficer.total.inspections.done);
    expect(mine.figures.inspections.planned).toBeNull();
  });

  it('R36: the summary tables agree with the base tables, after inserts, updates and deletes, and with a rebuild', async () => {
    const yearStart = `${today.slice(0, 4)}-01-01`;
    // a township of 西湖区 with records: its own figures, and the county's map by township, come from the township grain
    const [town] = await h.database.rows<{ code: string }>(sql`select left(region_code, 9) as code from inspections where region_code like '330106%' and status = 'completed' group by 1 order by count(*) desc limit 1`);
    const mid = addDays(today, -60) > yearStart ? addDays(today, -60) : yearStart;
    const check = async () => {
      for (const prefix of ['33', '3301', '330106', town!.code]) {
        for (const g of [null, 'month', 'region', 'industry'] as const) {
          // the last period ends before some first inspections of the year (coverage counted by `to`)
          for (const [a, b] of [[from, to], [yearStart, today], [yearStart, mid]]) {
            const summary = await computeFigures(h.ctx, prefix, a!, b!, g, today);
            const raw = await computeFigures(h.ctx, prefix, a!, b!, g, today, { raw: true });
            expect(Object.fromEntries(summary), `${prefix} ${g} ${a}`).toEqual(Object.fromEntries(raw));
          }
        }
      }
    };
    await check();
    // writes the triggers must follow: a completed inspection cancelled, another moved to another day, one deleted;
    // hazards closed, made major, deleted; an enterprise changes industry and region
    const [i1] = await h.database.rows<{ id: number }>(sql`select id from inspections where status = 'completed' and region_code like '330106%' order by id limit 1`);
    await h.database.rows(sql`update inspections set status = 'cancelled' where id = ${i1!.id}`);
    await h.database.rows(sql`update inspections set planned_date = planned_date - 40 where id in (select id from inspections where status = 'completed' and region_code like '330102%' order by id limit 2)`);
    await h.database.rows(sql`delete from inspections where id in (select id from inspections where status = 'completed' and region_code not like '3301%' order by id limit 1)`);
    await h.database.rows(sql`update hazards set status = 'closed' where id in (select id from hazards where status = 'open' order by id limit 3)`);
    await h.database.rows(sql`update hazards set major = true where id in (select id from hazards where not major order by id desc limit 2)`);
    await h.database.rows(sql`delete from hazards where id in (select id from hazards order by id limit 1)`);
    // cases: a decision's fine changed and executed, one moved to another day, one closed, one deleted
    await h.database.rows(sql`update penalty_cases set decision = jsonb_set(decision, '{fine}', '12345'), execution_done = true where id = (select min(id) from penalty_cases where decided_on is not null)`);
    await h.database.rows(sql`update penalty_cases set decided_on = decided_on + 3 where id = (select max(id) from penalty_cases where decided_on is not null and region_code like '3301%')`);
    await h.database.rows(sql`update penalty_cases set status = 'closed', closed_on = served_on + 4 where id in (select id from penalty_cases where status = 'executing' order by id limit 2)`);
    await h.database.rows(sql`delete from penalty_cases where id = (select max(id) from penalty_cases where decided_on is not null and region_code not like '3301%')`);
    await h.database.rows(sql`update enterprises set industry = 'mining', region_code = '330102001' where id in (select enterprise_id from inspections where status = 'completed' and region_code like '330106%' order by id limit 1)`);
    await check();
    // plans (0031): the key targets and planned counts follow the plans in force. Key targets of 西湖区's plan now:
    const keyTargets = async () => (await computeFigures(h.ctx, '330106', yearStart, today, null, today)).get('')!.coverage;
    const plan = (await h.database.rows<{ id: number; agency_id: number; year: number }>(sql`select id, agency_id, year from plans where region_code = '330106' and status = 'published' order by id limit 1`))[0]!;
    const v1 = Number((await h.database.rows<{ id: number }>(sql`select id from plan_versions where plan_id = ${plan.id} and version_no = 1`))[0]!.id);
    const before = await keyTargets();
    expect(before.keyTargets).toBeGreaterThan(1);
    // the first inspection of a key target moving: all of one target's completed inspections cancelled (not inspected
    // any more), then one completed again on another day
    const [kt] = await h.database.rows<{ enterprise_id: number }>(
      sql`select pe.enterprise_id from plan_entries pe where pe.plan_version_id = ${v1} and pe.category = 'key' and exists (select 1 from inspections i where i.enterprise_id = pe.enterprise_id and i.status = 'completed' and i.planned_date >= ${yearStart}::date) order by pe.enterprise_id limit 1`,
    );
    const reopened = await h.database.rows<{ id: number }>(sql`update inspections set status = 'cancelled' where enterprise_id = ${kt!.enterprise_id} and status = 'completed' returning id`);
    expect((await keyTargets()).keyTargetsInspected).toBe(before.keyTargetsInspected! - 1);
    await check();
    await h.database.rows(sql`update inspections set status = 'completed', planned_date = ${today}::date where id = ${reopened[0]!.id}`);
    expect((await keyTargets()).keyTargetsInspected).toBe(before.keyTargetsInspected);
    await check();
    // adjusted: version 2 drops a key entry and adds another enterprise as key; the plan goes back to draft (out of
    // force: no planned inspections, no key targets), then is published again
    const [v2] = await h.database.rows<{ id: number }>(
      sql`insert into plan_versions (plan_id, version_no, params, summary, months, warnings, input_hash, officer_count, total_planned) values (${plan.id}, 2, '{}', '{}', '[]', '[]', 'y', 10, 0) returning id`,
    );
    await h.database.rows(
      sql`insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month)
          select ${v2!.id}, enterprise_id, region_code, category, reason_no, planned_date + 1, month from plan_entries where plan_version_id = ${v1}
           and id <> (select min(id) from plan_entries where plan_version_id = ${v1} and category = 'key')`,
    );
    const added = await h.database.rows(
      sql`insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month)
          select ${v2!.id}, id, region_code, 'key', 0, ${today}::date, ${Number(today.slice(5, 7))} from enterprises
           where region_code like '330106%' and id not in (select enterprise_id from plan_entries where category = 'key') order by id limit 2 returning id`,
    );
    expect(added.length).toBeGreaterThan(0);
    const adjusted = before.keyTargets! - 1 + added.length;
    await h.database.rows(sql`update plans set current_version = 2, status = 'draft' where id = ${plan.id}`);
    expect((await keyTargets()).keyTargets).toBe(0);
    expect((await computeFigures(h.ctx, '330106', yearStart, today, null, today)).get('')!.inspections.planned).toBe(0);
    await check();
    await h.database.rows(sql`update plans set status = 'published' where id = ${plan.id}`);
    expect((await keyTargets()).keyTargets).toBe(adjusted);
    await check();
    // a second plan in force (the city's) naming one of the same key targets: still one target; its entries removed
    await h.database.rows(
      sql`with p as (insert into plans (agency_id, region_code, year, status) values (${ids.city}, '330100', ${plan.year}, 'approved') returning id),
          v as (insert into plan_versions (plan_id, version_no, params, summary, months, warnings, input_hash, officer_count, total_planned) select id, 1, '{}', '{}', '[]', '[]', 'z', 5, 0 from p returning id)
          insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month)
          select v.id, pe.enterprise_id, pe.region_code, 'key', 0, pe.planned_date, pe.month from v, plan_entries pe where pe.plan_version_id = ${v2!.id} and pe.category = 'key'`,
    );
    expect((await keyTargets()).keyTargets).toBe(adjusted);
    await check();
    await h.database.rows(sql`delete from plan_entries where plan_version_id = ${v2!.id} and category = 'key' and id = (select min(id) from plan_entries where plan_version_id = ${v2!.id} and category = 'key')`);
    expect((await keyTargets()).keyTargets).toBe(adjusted);
    await h.database.rows(sql`delete from plan_entries where plan_version_id in (select v.id from plan_versions v join plans p on p.id = v.plan_id where p.agency_id = ${ids.city})`);
    expect((await keyTargets()).keyTargets).toBe(adjusted - 1);
    await check();
    // a rebuild from the base tables gives the very rows the triggers keep
    const snapshot = async () => ({
      daily: await h.database.rows(sql`select * from statistics_daily where inspections_done <> 0 or hazards_found <> 0 order by region_code, day`),
      coverage: await h.database.rows(sql`select * from statistics_coverage order by enterprise_id, year`),
      register: await h.database.rows(sql`select * from statistics_register where enterprises <> 0 order by region_code, industry`),
      decisions: await h.database.rows(sql`select * from statistics_decisions where decisions <> 0 or n3 <> 0 or n1 <> 0 order by region_code, day`),
      township: await h.database.rows(sql`select * from statistics_township_daily where inspections_done <> 0 or hazards_found <> 0 order by region_code, day`),
      planDays: await h.database.rows(sql`select * from statistics_plan_days where planned <> 0 order by plan_version_id, region_code, day`),
      townshipPlanDays: await h.database.rows(sql`select * from statistics_township_plan_days where planned <> 0 order by plan_version_id, region_code, day`),
      keyTargets: await h.database.rows(sql`select * from statistics_key_targets order by year, enterprise_id, region_code`),
      coverageTotals: await h.database.rows(sql`select * from statistics_coverage_totals where enterprises <> 0 order by year, industry, region_code`),
    });
    const kept = await snapshot();
    expect(kept.daily.length).toBeGreaterThan(0);
    expect(kept.township.length).toBeGreaterThan(0);
    expect(kept.keyTargets.length).toBeGreaterThan(0);
    await h.database.rows(sql`select statistics_rebuild()`);
    expect(await snapshot()).toEqual(kept);
  });

  it('R36: scoped to the caller’s jurisdiction; bad input gets a Chinese 4xx', async () => {
    const other = await h.app.inject({ method: 'GET', url: `/api/statistics?from=${from}&to=${to}&agencyId=${ids.shangcheng}`, headers: { cookie: countyLeader } });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/管辖范围/);
    const ent = await h.app.inject({ method: 'GET', url: `/api/statistics?from=${from}&to=${to}`, headers: { cookie: enterpriseCookie } });
    expect(ent.statusCode).toBe(403);
    for (const q of [`from=${to}&to=${from}`, 'from=2026-02-30&to=2026-03-01', `from=2020-01-01&to=${to}`, `from=${from}&to=${to}&groupBy=x`, `from=${from}&to=${to}&agencyId=999999`]) {
      const res = await h.app.inject({ method: 'GET', url: `/api/statistics?${q}`, headers: { cookie: leader } });
      expect(res.statusCode, q).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, q).toBeLessThan(500);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
