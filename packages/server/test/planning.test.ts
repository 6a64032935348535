import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { addDays, canonicalDrawInput, canonicalJson, isWorkingDay, regionFullName, type DrawInput } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';
import { readPlanRegister, toPlanEnterprise } from '../src/modules/planning/planService.js';

describe.each(dbKinds)('annual plan, draws, unplanned inspections on %s', (kind) => {
  let h: Harness;
  let county: string; // county.officer, 杭州市西湖区应急管理局
  let leader: string; // province leader
  let xihuId: number;
  let planId: number;
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 3000 });
    county = await h.login('county.officer');
    leader = await h.login('leader');
    xihuId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload?: unknown, cookie = county) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it('R6–R9: the preview counts key, high-risk and sampled enterprises by category, industry, risk and month', async () => {
    const res = await call('POST', '/api/plans/preview', { agencyId: xihuId, year: 2026, params: { seed: 1 } });
    expect(res.statusCode).toBe(200);
    const b = res.json();
    const supervised = await h.database.rows<Record<string, unknown>>(sql`select * from enterprises where supervising_agency_id = ${xihuId}`);
    expect(b.summary.supervisedCount).toBe(supervised.length);
    const highRisk = supervised.filter((e) => ['mining', 'hazardous_chemicals', 'fireworks', 'metallurgy', 'dust_explosion', 'ammonia_refrigeration'].includes(e.industry as string));
    expect((b.byCategory.key ?? 0) + (b.byCategory.high_risk ?? 0)).toBeGreaterThanOrEqual(highRisk.length);
    expect(b.summary.randomSampleSize).toBe(Math.ceil(b.summary.generalEligibleCount * 0.3));
    expect(b.months).toHaveLength(12);
    expect(b.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const low = await call('POST', '/api/plans/preview', { agencyId: xihuId, year: 2026, params: { generalSampleRatio: 0.2 } });
    expect(low.statusCode).toBe(400);
    expect(low.json().message).toContain('30%');
  });

  it('R6/R10: a plan is created as a draft, submitted, approved, filed with all three bodies and published', async () => {
    const created = await call('POST', '/api/plans', { agencyId: xihuId, year: 2026, params: { seed: 7 } });
    expect(created.statusCode).toBe(201);
    planId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', currentVersion: 1 });
    expect((await call('POST', '/api/plans', { agencyId: xihuId, year: 2026, params: {} })).statusCode).toBe(409);
    // Out of order is refused with the reason.
    const early = await call('POST', `/api/plans/${planId}/transition`, { action: 'publish' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('草稿');
    expect((await call('POST', `/api/plans/${planId}/transition`, { action: 'submit' })).json().status).toBe('submitted');
    // An officer cannot approve; a leader can.
    expect((await call('POST', `/api/plans/${planId}/transition`, { action: 'approve' })).statusCode).toBe(403);
    expect((await call('POST', `/api/plans/${planId}/transition`, { action: 'approve' }, leader)).json().status).toBe('approved');
    const partial = await call('POST', `/api/plans/${planId}/transition`, { action: 'file', filedWith: ['安委办'] });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().message).toContain('同级司法行政部门、上一级应急管理部门');
    const filed = await call('POST', `/api/plans/${planId}/transition`, { action: 'file', filedWith: ['同级司法行政部门', '上一级应急管理部门', '安委办'] });
    expect(filed.json().filings.map((f: { with: string }) => f.with)).toEqual(['同级司法行政部门', '上一级应急管理部门', '安委办']);
    expect((await call('POST', `/api/plans/${planId}/transition`, { action: 'publish' })).json().status).toBe('published');
    const hist = (await call('GET', `/api/plans/${planId}/history`)).json().items.map((x: { action: string }) => x.action);
    expect(hist).toEqual(['publish', 'file', 'approve', 'submit', 'create']);
  });

  it('R7/R38: entries fall on working days; a red-coded enterprise is first and urgent', async () => {
    const all = (await call('GET', `/api/plans/${planId}/entries?pageSize=500`)).json();
    expect(all.total).toBeGreaterThan(0);
    for (const e of all.items) expect(isWorkingDay(e.plannedDate)).toBe(true);
    const red = all.items.filter((e: { riskCode: string }) => e.riskCode === 'red');
    for (const e of red) expect(e.urgent).toBe(true);
    if (red.length) expect(all.items[0].riskCode).toBe('red');
  });

  it('R12: the plan explains for any enterprise why it is in or out', async () => {
    const entries = (await call('GET', `/api/plans/${planId}/entries?category=random&pageSize=1`)).json().items;
    const inPlan = (await call('GET', `/api/plans/${planId}/explain?enterpriseId=${entries[0].enterpriseId}`)).json();
    expect(inPlan).toMatchObject({ included: true, category: 'random' });
    expect(inPlan.reasons.join()).toContain('双随机');
    const [green] = await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${xihuId} and risk_code = 'green' and industry = 'industry_trade' and not non_site_monitored and credit_status in ('normal','trustworthy') and fatal_accidents_3y = 0 and major_hazard_source_count = 0 and hazard_source_count < 10 limit 1`);
    if (green) {
      const out = (await call('GET', `/api/plans/${planId}/explain?enterpriseId=${green.id}`)).json();
      expect(out.included).toBe(false);
      expect(out.reasons.join()).toContain('绿码');
    }
    const [cityOne] = await h.database.rows<{ id: number; credit_code: string }>(sql`select e.id, e.credit_code from enterprises e join agencies a on a.id = e.supervising_agency_id where e.region_code like '330106%' and a.level = 'city' limit 1`);
    if (cityOne) {
      const other = (await call('GET', `/api/plans/${planId}/explain?creditCode=${cityOne.credit_code}`)).json();
      expect(other.included).toBe(false);
      expect(other.reasons.join()).toContain('一家企业对应一个层级执法主体');
    }
  });

  it('R5: the monthly target list of a published plan is public, without login', async () => {
    const month = (await call('GET', `/api/plans/${planId}/entries?pageSize=1`)).json().items[0].month;
    const res = await h.app.inject({ method: 'GET', url: `/api/public/plan-targets?year=2026&month=${month}&regionCode=330106` });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
    expect(res.json().items[0]).toHaveProperty('enterpriseName');
    expect(res.json().items[0]).not.toHaveProperty('contactPhone');
  });

  it('R10: an adjustment needs a reason, is a new version, goes through filing again, and may not lower the count while officers stay', async () => {
    const noReason = await call('POST', `/api/plans/${planId}/adjust`, { params: {}, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const lower = await call('POST', `/api/plans/${planId}/adjust`, { params: { generalSampleRatio: 0.3, seed: 7, fieldDayShare: 0.5 }, reason: '减少抽查（应被拒绝）' });
    // Same inputs give the same count, so this adjustment is allowed and produces version 2 in draft.
    expect(lower.statusCode).toBe(200);
    expect(lower.json()).toMatchObject({ currentVersion: 2, status: 'draft', filings: [] });
    expect(lower.json().versions.map((v: { reason: string | null }) => v.reason)).toEqual([null, '减少抽查（应被拒绝）']);
    // Make the register smaller: the recomputed plan would fall below the previous total with the same officers.
    await h.database.rows(sql`update enterprises set risk_code = 'green', non_site_monitored = true where supervising_agency_id = ${xihuId} and industry = 'industry_trade' and risk_code in ('blue','yellow','red')`);
    const refused = await call('POST', `/api/plans/${planId}/adjust`, { params: {}, reason: '企业风险赋码批量调整后重新编制' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('不得少于原计划');
    expect((await call('GET', `/api/plans/${planId}`)).json().currentVersion).toBe(2);
  });

  it('R13: a draw from the plan pool assigns two valid officers per target, and anyone can verify it', async () => {
    // Version 2 must be approved again before drawing.
    const notApproved = await call('POST', '/api/draws', { planId, month: 3 });
    expect(notApproved.statusCode).toBe(409);
    await call('POST', `/api/plans/${planId}/transition`, { action: 'submit' });
    await call('POST', `/api/plans/${planId}/transition`, { action: 'approve' }, leader);
    // Recusal: every officer of the county but two is recused from one pool enterprise.
    const [target] = (await call('GET', `/api/plans/${planId}/entries?category=random&pageSize=1`)).json().items;
    const today0 = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const officers = await h.database.rows<{ id: number }>(sql`select id from officers where agency_id = ${xihuId} and credential_valid_to >= ${today0}::date and credential_valid_from <= ${today0}::date order by id`);
    expect(officers.length).toBeGreaterThan(2);
    const keep = officers.slice(0, 2).map((o) => Number(o.id));
    for (const o of officers.slice(2)) {
      const rr = await call('POST', `/api/officers/${o.id}/recusals`, { enterpriseId: target.enterpriseId, reason: '近亲属在该企业任职' });
      expect(rr.statusCode).toBe(201);
    }
    expect((await call('POST', `/api/officers/${officers[2]!.id}/recusals`, { enterpriseId: target.enterpriseId, reason: '重复登记' })).statusCode).toBe(409);
    const res = await call('POST', '/api/draws', { planId, seed: 12345 });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    const forTarget = d.assignments.find((a: { enterpriseId: number }) => a.enterpriseId === target.enterpriseId);
    expect(forTarget.officers.map((o: { id: number }) => o.id).sort()).toEqual(keep);
    expect(d.seed).toBe(12345);
    expect(d.assignments.length + d.unassigned.length).toBe(d.targetCount);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const a of d.assignments) {
      expect(a.officers).toHaveLength(2);
      const rows = await h.database.rows<{ vt: string; agency_id: number }>(sql`select to_char(credential_valid_to,'YYYY-MM-DD') as vt, agency_id from officers where id in (${a.officers[0].id}, ${a.officers[1].id})`);
      for (const o of rows) {
        expect(o.vt >= today).toBe(true);
        expect(Number(o.agency_id)).toBe(xihuId);
      }
    }
    const v = await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` });
    expect(v.json()).toMatchObject({ ok: true, inputHash: d.inputHash, recomputedHash: d.inputHash });
    const pub = await h.app.inject({ method: 'GET', url: `/api/public/draws/${d.id}` });
    expect(pub.json()).toMatchObject({ seed: 12345, inputHash: d.inputHash });
    // R13: the published input file is the hashed text itself: anyone can hash the downloaded bytes and compare.
    const file = await h.app.inject({ method: 'GET', url: `/api/public/draws/${d.id}/input` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/json');
    expect(file.headers['content-encoding']).toBeUndefined();
    expect(createHash('sm3').update(file.rawPayload).digest('hex')).toBe(d.inputHash);
    const input = JSON.parse(file.body) as DrawInput;
    expect(file.body).toBe(canonicalJson(canonicalDrawInput(input)));
    expect(input.targets.map((t) => t.id)).toEqual([...input.targets.map((t) => t.id)].sort((a, b) => a - b));
    expect(pub.json()).toMatchObject({ poolSize: input.targets.length, officerPoolSize: input.officers.length });
    // A client that takes gzip gets the stored compressed file; what it unpacks is the same hashed text.
    const packed = await h.app.inject({ method: 'GET', url: `/api/public/draws/${d.id}/input`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(packed.rawPayload).toString('utf8')).toBe(file.body);
    // Draws stored before 0014 — the input as jsonb (before 0012) or as text — are still verified and published.
    await h.database.rows(sql`update draws set input = ${file.body}::jsonb, input_gzip = null where id = ${d.id}`);
    expect((await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` })).json()).toMatchObject({ ok: true, recomputedHash: d.inputHash });
    expect(JSON.parse((await h.app.inject({ method: 'GET', url: `/api/public/draws/${d.id}/input` })).body)).toEqual(input);
    await h.database.rows(sql`update draws set input_text = ${file.body}, input = null where id = ${d.id}`);
    expect((await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` })).json()).toMatchObject({ ok: true, recomputedHash: d.inputHash });
    expect((await h.app.inject({ method: 'GET', url: `/api/public/draws/${d.id}/input` })).body).toBe(file.body);
    // A changed input file no longer hashes to the published value (stored as text, or compressed).
    await h.database.rows(sql`update draws set input_text = replace(input_text, '"seed":12345', '"seed":12346') where id = ${d.id}`);
    const changed = (await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` })).json();
    expect(changed.ok).toBe(false);
    expect(changed.reason).toContain('哈希');
    await h.database.rows(sql`update draws set input_gzip = ${gzipSync(file.body.replace('"seed":12345', '"seed":12346'))}, input_text = null where id = ${d.id}`);
    expect((await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` })).json()).toMatchObject({ ok: false, reason: expect.stringContaining('哈希') });
    await h.database.rows(sql`update draws set input_gzip = ${gzipSync(file.body)} where id = ${d.id}`);
    expect((await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` })).json()).toMatchObject({ ok: true, recomputedHash: d.inputHash });
    // Tampering with the stored result is caught by verification.
    await h.database.rows(sql`update draws set assigned_enterprise_ids[1] = 999999 where id = ${d.id}`);
    const bad = (await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` })).json();
    expect(bad.ok).toBe(false);
    expect(bad.reason).toContain('不一致');
    await h.database.rows(sql`update draws set assigned_enterprise_ids[1] = ${d.assignments[0].enterpriseId} where id = ${d.id}`);
    expect((await h.app.inject({ method: 'POST', url: `/api/draws/${d.id}/verify` })).json().ok).toBe(true);
  });

  it('R13/R15/R20: a drawn enterprise\'s sources show its plan entry and its draw with the drawn team; an inspection from the draw takes that team; another level planning it within 30 days warns', async () => {
    const [listed] = (await call('GET', `/api/draws?planId=${planId}`)).json().items;
    const draw = (await call('GET', `/api/draws/${listed.id}`)).json();
    // the last assignment: its team is the last slice of the stored officer ids
    const a = draw.assignments[draw.assignments.length - 1];
    const team = a.officers.map((o: { id: number }) => o.id);
    expect(team).toHaveLength(2);
    const sourcesRes = await call('GET', `/api/inspection-sources?enterpriseId=${a.enterpriseId}`);
    expect(sourcesRes.statusCode, sourcesRes.body).toBe(200);
    const sources = sourcesRes.json();
    expect(sources.draws).toEqual([{ id: draw.id, title: draw.title, drawDate: draw.drawDate, officerIds: team, inspectionId: null }]);
    expect(sources.planEntries).toHaveLength(1);
    const [entry] = sources.planEntries;
    expect(entry).toMatchObject({ year: 2026, category: 'random', inspectionId: null });
    const [stored] = await h.database.rows<{ enterprise_id: number }>(sql`select enterprise_id from plan_entries where id = ${entry.id}`);
    expect(Number(stored!.enterprise_id)).toBe(a.enterpriseId);
    // another county's officer sees neither
    expect((await call('GET', `/api/inspection-sources?enterpriseId=${a.enterpriseId}`, undefined, await h.login('county2.officer'))).statusCode).toBe(404);
    const others = (await h.database.rows<{ id: number }>(sql`select id from officers where agency_id = ${xihuId} and not (id = any(${`{${team.join(',')}}`}::int[])) order by id limit 2`)).map((o) => Number(o.id));
    const wrongTeam = await call('POST', '/api/inspections', { enterpriseId: a.enterpriseId, origin: 'draw', drawId: draw.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', officerIds: others });
    expect(wrongTeam.statusCode).toBe(400);
    expect(wrongTeam.json().message).toContain('随机选派');
    const ins = await call('POST', '/api/inspections', { enterpriseId: a.enterpriseId, origin: 'draw', drawId: draw.id, legalBasis: '《中华人民共和国安全生产法》第六十五条' });
    expect(ins.statusCode, ins.body).toBe(201);
    expect(ins.json().officers.map((o: { id: number }) => o.id).sort()).toEqual([...team].sort());
    expect((await call('GET', `/api/inspection-sources?enterpriseId=${a.enterpriseId}`)).json().draws[0].inspectionId).toBe(ins.json().id);
    // R20: the city plans a joint visit 29 days after the county's planned date (the window reaches into another month)
    const city = await h.login('city.officer');
    const visit = await call('POST', '/api/unplanned-inspections', { enterpriseId: a.enterpriseId, trigger: 'superior_special', reason: '市级专项检查，与区局联合', plannedDate: addDays(entry.plannedDate, 29), jointWithAgencyId: xihuId }, city);
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().warnings).toContain(`杭州市西湖区应急管理局已于${entry.plannedDate}计划检查该企业：避免多层级短时间内重复检查`);
    const later = await call('POST', '/api/unplanned-inspections', { enterpriseId: a.enterpriseId, trigger: 'superior_special', reason: '市级专项检查，与区局联合', plannedDate: addDays(entry.plannedDate, 31), jointWithAgencyId: xihuId }, city);
    expect(later.json().warnings.join()).not.toContain('计划检查该企业');
  });

  it('R1/R7–R9: the register read for planning gives each enterprise once, under its supervising agency, with the facts the rules read', async () => {
    const rows = await h.database.rows<Record<string, unknown>>(sql`select * from enterprises where region_code like '3301%' order by id`);
    const expected = rows.map((r) => {
      const { name: _name, ...facts } = toPlanEnterprise(r);
      return facts;
    });
    for (const parts of [{}, { ids: 97 }, { blocks: 5000 }, { blocks: 3 }]) {
      const byAgency = await readPlanRegister(h.ctx, sql`region_code like '3301%'`, undefined, parts);
      for (const [agencyId, list] of byAgency) expect(list.every((e) => e.supervisingAgencyId === agencyId)).toBe(true);
      const read = [...byAgency.values()].flat().sort((a, b) => a.id - b.id);
      expect(read).toEqual(expected);
    }
  });

  it('R1/R6: a read of the register by heap blocks sees one state of the table while enterprises are updated meanwhile (updated rows move between blocks)', async () => {
    const ids = (await h.database.rows<{ id: number }>(sql`select id from enterprises where region_code like '33%' order by id`)).map((r) => Number(r.id));
    let stop = false;
    let updates = 0;
    const storm = (async () => {
      while (!stop) {
        await h.database.rows(sql`update enterprises set address = address || ' ' where region_code like '33%' and id % 7 = ${updates % 7}`);
        updates++;
      }
    })();
    try {
      for (let i = 0; i < 3; i++) {
        const byAgency = await readPlanRegister(h.ctx, sql`region_code like '33%'`, undefined, { blocks: 2 });
        expect([...byAgency.values()].flat().map((e) => e.id).sort((a, b) => a - b)).toEqual(ids);
      }
    } finally {
      stop = true;
      await storm;
    }
    expect(updates).toBeGreaterThan(0);
  });

  it('R11: exempt triggers are recorded at once; other unplanned inspections wait for approval (一事一报)', async () => {
    const [e] = await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${xihuId} limit 1`);
    const complaint = await call('POST', '/api/unplanned-inspections', { enterpriseId: Number(e!.id), trigger: 'complaint', reason: '群众举报夜间违规作业', plannedDate: '2026-11-25' });
    expect(complaint.statusCode).toBe(201);
    expect(complaint.json().status).toBe('recorded');
    const other = await call('POST', '/api/unplanned-inspections', { enterpriseId: Number(e!.id), trigger: 'other', reason: '计划外了解复工情况', plannedDate: '2026-11-26' });
    expect(other.json().status).toBe('pending');
    expect((await call('POST', `/api/unplanned-inspections/${other.json().id}/decide`, { approve: true })).statusCode).toBe(403);
    const decided = await call('POST', `/api/unplanned-inspections/${other.json().id}/decide`, { approve: true, note: '同意' }, leader);
    expect(decided.json().status).toBe('approved');
  });

  it('R1/R20: a lower level may not inspect a higher level\'s enterprise; a higher level must go jointly, except covert visits; duplicates warn', async () => {
    const [cityEnt] = await h.database.rows<{ id: number; supervising_agency_id: number }>(sql`select e.id, e.supervising_agency_id from enterprises e join agencies a on a.id = e.supervising_agency_id where e.region_code like '330106%' and a.level = 'city' limit 1`);
    if (cityEnt) {
      const res = await call('POST', '/api/unplanned-inspections', { enterpriseId: Number(cityEnt.id), trigger: 'complaint', reason: '县级检查市级企业（应拒绝）', plannedDate: '2026-11-25' });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('一家企业对应一个层级执法主体');
    }
    const city = await h.login('city.officer');
    const [countyEnt] = await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${xihuId} limit 1`);
    const notJoint = await call('POST', '/api/unplanned-inspections', { enterpriseId: Number(countyEnt!.id), trigger: 'superior_special', reason: '市级专项检查，未联合', plannedDate: '2026-11-27' }, city);
    expect(notJoint.statusCode).toBe(400);
    expect(notJoint.json().message).toContain('联合');
    const joint = await call('POST', '/api/unplanned-inspections', { enterpriseId: Number(countyEnt!.id), trigger: 'superior_special', reason: '市级专项检查，与区局联合', plannedDate: '2026-11-27', jointWithAgencyId: xihuId }, city);
    expect(joint.statusCode).toBe(201);
    expect(joint.json().warnings.join()).toContain('避免多层级短时间内重复检查'); // the county recorded a complaint inspection two days earlier
    const covert = await call('POST', '/api/unplanned-inspections', { enterpriseId: Number(countyEnt!.id), trigger: 'unannounced_visit', reason: '暗访夜间作业情况', plannedDate: '2026-11-28' }, city);
    expect(covert.statusCode).toBe(201);
  });

  it('R21: holidays of more than 3 days off call for unannounced visits, shorter ones for preventive inspections', async () => {
    const res = (await call('GET', '/api/holidays?year=2026', undefined, leader)).json();
    expect(res.officialSchedule).toBe(true);
    const byName = Object.fromEntries(res.items.map((x: { name: string }) => [x.name, x]));
    expect(byName['国庆节']).toMatchObject({ daysOff: 7, kind: 'unannounced' });
    expect(byName['端午节']).toMatchObject({ daysOff: 3, kind: 'preventive', preventiveWindow: { start: '2026-06-12', end: '2026-06-18' } });
    const short = await call('POST', '/api/holiday-rounds', { year: 2026, holidayName: '端午节', teamCount: 2 }, leader);
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('预防性检查');
    const round = await call('POST', '/api/holiday-rounds', { year: 2026, holidayName: '国庆节', teamCount: 3, excludedRegionCodes: ['330100'] }, leader);
    expect(round.statusCode).toBe(201);
    const teams = round.json().teams as { officerIds: number[]; regionCodes: string[] }[];
    expect(teams).toHaveLength(3);
    for (const t of teams) {
      expect(t.officerIds.length).toBeGreaterThanOrEqual(2);
      expect(t.regionCodes).not.toContain('330100');
    }
    const filed = await call('POST', `/api/holiday-rounds/${round.json().id}/file`, {}, leader);
    expect(filed.json().filedWithSafetyCommitteeAt).toBeTruthy();
  });

  it('R6: the administrator drafts every agency\'s plan of a year in one run; agencies that have one are left alone', async () => {
    const admin = await h.login('admin');
    expect((await call('POST', '/api/plans/batch', { year: 2027, params: {} })).statusCode).toBe(403);
    const res = await call('POST', '/api/plans/batch', { year: 2027, params: {} }, admin);
    expect(res.statusCode).toBe(201);
    const withEnterprises = Number((await h.database.rows<{ n: number }>(sql`select count(distinct supervising_agency_id)::int as n from enterprises`))[0]!.n);
    expect(res.json().created).toBe(withEnterprises);
    const [{ n }] = (await h.database.rows<{ n: number }>(sql`select count(*)::int as n from plans where year = 2027 and status = 'draft'`)) as [{ n: number }];
    expect(Number(n)).toBe(withEnterprises);
    // Every high-risk-industry enterprise of the province is in its agency's 2027 plan (R8).
    const [{ missing }] = (await h.database.rows<{ missing: number }>(sql`
      select count(*)::int as missing from enterprises e
       where e.industry in ('mining','hazardous_chemicals','fireworks','metallurgy','dust_explosion','ammonia_refrigeration')
         and not exists (select 1 from plans pl join plan_versions v on v.plan_id = pl.id join plan_entries pe on pe.plan_version_id = v.id
                          where pl.year = 2027 and pe.enterprise_id = e.id)`)) as [{ missing: number }];
    expect(Number(missing)).toBe(0);
    expect((await call('POST', '/api/plans/batch', { year: 2027, params: {} }, admin)).json().created).toBe(0);
    // R20: a city spot check of a county enterprise near the county's own date shows up as an overlap on both sides.
    const cityId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330100'`))[0]!.id);
    const [cityPlan] = await h.database.rows<{ id: number }>(sql`select id from plans where agency_id = ${cityId} and year = 2027`);
    const cityOfficer = await h.login('city.officer');
    const adj = await call('POST', `/api/plans/${cityPlan!.id}/adjust`, { params: { spotCheckCount: 50 }, reason: '增加对区县高风险企业的联合抽查' }, cityOfficer);
    expect(adj.statusCode, adj.body).toBe(200);
    expect(adj.json().current.summary.spotCheckCount).toBeGreaterThan(0);
    const [cityVersion] = await h.database.rows<{ id: number }>(sql`select id from plan_versions where plan_id = ${cityPlan!.id} and version_no = 2`);
    // A county entry in a township where the city plans nothing yet.
    const [countyEntry] = await h.database.rows<{ plan_id: number; agency_id: number; enterprise_id: number; region_code: string; d: string }>(
      sql`select v.plan_id, pl.agency_id, pe.enterprise_id, pe.region_code, to_char(pe.planned_date, 'YYYY-MM-DD') as d
          from plan_entries pe join plan_versions v on v.id = pe.plan_version_id join plans pl on pl.id = v.plan_id join agencies a on a.id = pl.agency_id
          where pl.year = 2027 and a.level = 'county' and a.region_code like '3301%'
            and not exists (select 1 from plan_entries c where c.plan_version_id = ${cityVersion!.id} and c.region_code = pe.region_code)
          order by pe.id limit 1`,
    );
    const county2027 = { id: Number(countyEntry!.plan_id) };
    const township = `${regionFullName(countyEntry!.region_code)}：杭州市应急管理局在`;
    const before = (await call('GET', `/api/plans/${county2027.id}`, undefined, admin)).json();
    expect(before.overlaps.some((o: string) => o.startsWith(township))).toBe(false);
    await h.database.rows(sql`insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month, joint_with_agency_id)
      values (${cityVersion!.id}, ${countyEntry!.enterprise_id}, ${countyEntry!.region_code}, 'spot_check', 0, ${countyEntry!.d}::date + 5, extract(month from ${countyEntry!.d}::date + 5)::int, ${countyEntry!.agency_id})`);
    // …and city visits to the township within 7 days of the county's warn of levels piling up there.
    const [neighbour] = await h.database.rows<{ id: number }>(
      sql`select id from enterprises where region_code = ${countyEntry!.region_code} and id <> ${countyEntry!.enterprise_id} order by id limit 1`,
    );
    await h.database.rows(sql`insert into plan_entries (plan_version_id, enterprise_id, region_code, category, reason_no, planned_date, month, joint_with_agency_id)
      values (${cityVersion!.id}, ${neighbour!.id}, ${countyEntry!.region_code}, 'spot_check', 0, ${countyEntry!.d}::date + 6,
              extract(month from ${countyEntry!.d}::date + 6)::int, ${countyEntry!.agency_id})`);
    const detail = (await call('GET', `/api/plans/${county2027.id}`, undefined, admin)).json();
    expect(detail.overlaps.join()).toContain('杭州市应急管理局计划');
    expect(detail.overlaps.join()).toContain('30日内重复');
    expect(detail.overlaps.find((o: string) => o.startsWith(township))).toMatch(/前后7日内也安排了检查，注意避免多层级集中扎堆$/);
  });

  it('R1: another county cannot see or act on the plan', async () => {
    const other = await h.login('county2.officer');
    expect((await call('GET', `/api/plans/${planId}`, undefined, other)).statusCode).toBe(404);
    expect((await call('POST', `/api/plans/${planId}/transition`, { action: 'submit' }, other)).statusCode).toBe(404);
    expect((await call('POST', '/api/plans', { agencyId: xihuId, year: 2027, params: {} }, other)).statusCode).toBe(404);
  });
});
