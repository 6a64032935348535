import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { addDays, addWorkingDays } from '@anjian/domain';

const sm3Hex = (b: Buffer) => createHash('sm3').update(b).digest('hex');
import { createHarness, dbKinds, type Harness, multipart, PNG } from './harness.js';
import { arrayParam } from '../src/lib/bulk.js';
import { runEscalation } from '../src/modules/hazard/service.js';

describe.each(dbKinds)('inspections and the hazard closed loop on %s', (kind) => {
  let h: Harness;
  let county: string; // county.officer, 杭州市西湖区应急管理局
  let countyLeader: string;
  let neighbour: string; // county2.officer, 上城区
  let enterpriseCookie: string;
  let agencyId: number;
  let officerIds: number[];
  let enterpriseId: number; // supervised by the 西湖区 agency
  let industry: string;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 1500 });
    agencyId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
    const [e] = await h.database.rows<{ id: number; industry: string }>(sql`select id, industry from enterprises where supervising_agency_id = ${agencyId} order by id limit 1`);
    enterpriseId = Number(e!.id);
    industry = e!.industry;
    // the demo enterprise account belongs to this enterprise for these tests
    await h.database.rows(sql`update users set enterprise_id = ${enterpriseId} where username = 'enterprise'`);
    officerIds = (
      await h.database.rows<{ id: number }>(
        sql`select id from officers where agency_id = ${agencyId} and credential_valid_from <= ${today}::date and credential_valid_to >= ${addDays(today, 60)}::date order by id limit 3`,
      )
    ).map((o) => Number(o.id));
    expect(officerIds.length).toBe(3);
    county = await h.login('county.officer');
    countyLeader = await h.login('county.leader');
    neighbour = await h.login('county2.officer');
    enterpriseCookie = await h.login('enterprise');
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload?: unknown, cookie: string | null = county) =>
    h.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const upload = (url: string, fields: Record<string, string>, cookie = county, file = { data: PNG, name: '现场照片.png', type: 'image/png' }) => {
    const m = multipart(fields, file);
    return h.app.inject({ method: 'POST', url, headers: { ...m.headers, cookie }, payload: m.payload });
  };
  const officerNames = async (ids: number[]) => (await h.database.rows<{ name: string }>(sql`select name from officers where id = any(${arrayParam(ids, 'int')}) order by id`)).map((o) => o.name);

  async function unplanned(): Promise<number> {
    const res = await call('POST', '/api/unplanned-inspections', { enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  async function fileInspection(extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/inspections', {
      enterpriseId,
      origin: 'unplanned',
      unplannedRequestId: await unplanned(),
      legalBasis: '《中华人民共和国安全生产法》第六十五条',
      plannedDate: today,
      officerIds: officerIds.slice(0, 2),
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function startInspection() {
    const ins = await fileInspection();
    const entered = await call('POST', `/api/inspections/${ins.id}/enter`);
    expect(entered.json().status, entered.body).toBe('in_progress');
    await call('POST', `/api/inspections/${ins.id}/show-credentials`);
    const signed = await call('POST', `/api/inspections/${ins.id}/commitment`, { signerNames: await officerNames(officerIds.slice(0, 2)) });
    expect(signed.statusCode).toBe(200);
    return signed.json();
  }

  it('R15: an inspection is filed with legal basis, officers and the check items of its industry ', async () => {
    const ins = await fileInspection();
    expect(ins).toMatchObject({ status: 'filed', filed: true, origin: 'unplanned', legalBasis: '《中华人民共和国安全生产法》第六十五条' });
    expect(ins.officers).toHaveLength(2);
    expect(ins.officers.every((o: { credentialValid: boolean }) => o.credentialValid)).toBe(true);
    const codes = ins.items.map((i: { code: string }) => i.code);
    expect(codes.slice(0, 14)).toEqual(Array.from({ length: 14 }, (_, k) => `G${String(k + 1).padStart(2, '0')}`));
    expect(ins.items.every((i: { scope: string }) => i.scope === 'general' || i.scope === industry)).toBe(true);
    expect(ins.publicPath).toMatch(/^\/v\/[A-Za-z0-9_-]{20,}$/);
    // the filing page offers the enterprise's open sources; the one just used points at its inspection
    const sources = await call('GET', `/api/inspection-sources?enterpriseId=${enterpriseId}`);
    expect(sources.statusCode).toBe(200);
    expect(sources.json().unplanned.find((u: { id: number }) => u.id === ins.unplannedRequestId)).toMatchObject({ status: 'recorded', inspectionId: ins.id });
    expect((await call('GET', `/api/inspection-sources?enterpriseId=${enterpriseId}`, undefined, neighbour)).statusCode).toBe(404);
  });

  it('R11/R15: without a plan entry, draw or recorded trigger the inspection is refused', async () => {
    const res = await call('POST', '/api/inspections', { enterpriseId, origin: 'unplanned', unplannedRequestId: 999999, legalBasis: '《安全生产法》', officerIds: officerIds.slice(0, 2) });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('一事一报');
    const plan = await call('POST', '/api/inspections', { enterpriseId, origin: 'plan', planEntryId: 999999, legalBasis: '《安全生产法》', officerIds: officerIds.slice(0, 2) });
    expect(plan.statusCode).toBe(400);
    expect(plan.json().message).toContain('计划外检查须先登记');
    const n = await h.database.rows(sql`select 1 from inspections where unplanned_request_id = 999999`);
    expect(n).toHaveLength(0);
  });

  it('R16: one officer, or an expired credential, cannot be filed', async () => {
    const one = await call('POST', '/api/inspections', { enterpriseId, origin: 'unplanned', unplannedRequestId: await unplanned(), legalBasis: '《安全生产法》第六十五条', officerIds: [officerIds[0]] });
    expect(one.statusCode).toBe(400);
    expect(one.json().message).toContain('两名以上');
    // an officer of this agency whose credential ran out yesterday
    const [expired] = await h.database.rows<{ id: number; name: string }>(
      sql`update officers set credential_valid_to = ${addDays(today, -1)}::date where id = (select id from officers where agency_id = ${agencyId} and user_id is null and id <> all(${arrayParam(officerIds, 'int')}) order by id limit 1) returning id, name`,
    );
    const res = await call('POST', '/api/inspections', { enterpriseId, origin: 'unplanned', unplannedRequestId: await unplanned(), legalBasis: '《安全生产法》第六十五条', officerIds: [officerIds[0], Number(expired!.id)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(`${expired!.name}的执法证`);
  });

  it('R16–R18: a whole inspection on site — answers, 逢查必考/必检, evidence, findings — then completion', async () => {
    const ins = await startInspection();
    const id = ins.id as number;
    expect(ins.credentialsShownAt).not.toBeNull();
    expect(ins.commitment.signers).toHaveLength(2);
    // not done yet: the reasons are listed
    const early = await call('POST', `/api/inspections/${id}/complete`, { summary: '检查完毕' });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('未填写结果');
    expect(early.json().message).toContain('逢查必考');

    const codes: string[] = ins.items.map((i: { code: string }) => i.code);
    const answers = codes.map((c) => ({ itemCode: c, result: c === 'G07' || c === 'G09' || c === 'G11' ? 'nonconform' : 'conform', note: '' }));
    expect((await call('PUT', `/api/inspections/${id}/answers`, { answers })).json().saved).toBe(codes.length);
    expect((await call('POST', `/api/inspections/${id}/exams`, { clientId: randomUUID(), personName: '王总', position: '主要负责人', questions: '本单位重大危险源管理要求', score: 85 })).statusCode).toBe(200);
    expect((await call('POST', `/api/inspections/${id}/certificates`, { clientId: randomUUID(), holderName: '李工', certificateType: '特种作业操作证（焊接与热切割）', certificateNo: 'T330106199001011234', validTo: addDays(today, 300) })).statusCode).toBe(200);

    // fixed on the spot needs evidence (R18)
    const spot = randomUUID();
    const noPhoto = await call('POST', `/api/inspections/${id}/findings`, { clientId: spot, itemCode: 'G07', description: '安全警示标志缺失', disposition: 'fixed_on_spot' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().message).toContain('当场整改须附');
    const photo = await upload(`/api/inspections/${id}/evidence`, { clientId: randomUUID(), itemCode: 'G07', findingClientId: spot });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ kind: 'photo', size: PNG.length, sm3: sm3Hex(PNG) });
    expect((await call('POST', `/api/inspections/${id}/findings`, { clientId: spot, itemCode: 'G07', description: '安全警示标志缺失', disposition: 'fixed_on_spot' })).statusCode).toBe(201);

    // a hazard with deadline and responsible person (R22)
    const hz = await call('POST', `/api/inspections/${id}/findings`, { clientId: randomUUID(), itemCode: 'G09', description: '隐患排查治理台账未建立', disposition: 'hazard', requirement: '建立隐患排查治理台账', deadline: addDays(today, 10), responsiblePerson: '张安全' });
    expect(hz.statusCode, hz.body).toBe(201);
    expect(hz.json().hazardId).toBeGreaterThan(0);
    expect(hz.json().penaltyCaseId).toBeNull();

    // a major hazard needs a tracker, and opens a penalty case (R18)
    const majorBody = { clientId: randomUUID(), itemCode: 'G11', description: '动火作业未审批', disposition: 'hazard', major: true, requirement: '立即停止动火作业', deadline: addDays(today, 5), responsiblePerson: '张安全' };
    const noTracker = await call('POST', `/api/inspections/${id}/findings`, majorBody);
    expect(noTracker.statusCode).toBe(400);
    expect(noTracker.json().message).toContain('跟踪督办人');
    const major = await call('POST', `/api/inspections/${id}/findings`, { ...majorBody, trackerName: '县局赵科长' });
    expect(major.statusCode).toBe(201);
    expect(major.json()).toMatchObject({ major: true });
    expect(major.json().penaltyCaseId).toBeGreaterThan(0);
    const [pc] = await h.database.rows<{ status: string; facts: string }>(sql`select status, facts from penalty_cases where id = ${major.json().penaltyCaseId}`);
    expect(pc).toMatchObject({ status: 'draft', facts: '动火作业未审批' });

    const done = await call('POST', `/api/inspections/${id}/complete`, { summary: '发现问题3项，其中重大事故隐患1项，已责令限期整改并立案调查' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', problems: [] });
    expect(done.json().hazards).toHaveLength(2);
    expect(done.json().evidence[0].url).toBe(`/api/evidence/${photo.json().id}/file`);
    const file = await call('GET', photo.json().url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    // every step is in the audit chain (R35)
    const actions = (await h.database.rows<{ action: string }>(sql`select action from audit_log where entity_type = 'inspection' and entity_id = ${String(id)} order by id`)).map((a) => a.action);
    expect(actions).toEqual(['file', 'enter', 'show_credentials', 'sign_commitment', 'answer', 'exam', 'certificate_check', 'evidence', 'finding', 'finding', 'finding', 'complete']);
    expect((await call('GET', '/api/audit/verify', undefined, await h.login('admin'))).json().ok).toBe(true);
  });

  it('R16–R18: resent submissions from a phone that lost its connection are idempotent', async () => {
    const ins = await startInspection();
    const id = ins.id as number;
    const later = new Date().toISOString();
    const earlier = new Date(Date.now() - 60_000).toISOString();
    await call('PUT', `/api/inspections/${id}/answers`, { answers: [{ itemCode: 'G01', result: 'nonconform', note: '新', answeredAt: later }] });
    // the older answer arriving late does not overwrite the newer one
    const stale = await call('PUT', `/api/inspections/${id}/answers`, { answers: [{ itemCode: 'G01', result: 'conform', note: '旧', answeredAt: earlier }] });
    expect(stale.json().saved).toBe(0);
    const photoId = randomUUID();
    const a = await upload(`/api/inspections/${id}/evidence`, { clientId: photoId });
    const b = await upload(`/api/inspections/${id}/evidence`, { clientId: photoId });
    expect(b.json().id).toBe(a.json().id);
    const finding = { clientId: randomUUID(), itemCode: 'G01', description: '主要负责人未组织隐患排查', disposition: 'hazard', deadline: addDays(today, 7), responsiblePerson: '王总' };
    const f1 = await call('POST', `/api/inspections/${id}/findings`, finding);
    const f2 = await call('POST', `/api/inspections/${id}/findings`, finding);
    expect(f2.json().id).toBe(f1.json().id);
    const exam = { clientId: randomUUID(), personName: '王总', position: '主要负责人', questions: '安全生产责任制', score: 70 };
    await call('POST', `/api/inspections/${id}/exams`, exam);
    const detail = (await call('POST', `/api/inspections/${id}/exams`, exam)).json();
    expect(detail.exams).toHaveLength(1);
    expect(detail.items.find((i: { code: string }) => i.code === 'G01')).toMatchObject({ result: 'nonconform', note: '新' });
    const counts = await h.database.rows<{ e: number; f: number; hz: number }>(
      sql`select (select count(*)::int from evidence where inspection_id = ${id}) as e, (select count(*)::int from findings where inspection_id = ${id}) as f, (select count(*)::int from hazards where inspection_id = ${id}) as hz`,
    );
    expect(counts[0]).toEqual({ e: 1, f: 1, hz: 1 });
  });

  it('R15/R38: an emergency inspection starts unfiled, is due for backfill 1 working day later, and an overdue one is flagged', async () => {
    const res = await call('POST', '/api/inspections', { enterpriseId, origin: 'emergency', emergencyReason: '企业发生燃气泄漏险情，立即进场处置', officerIds: officerIds.slice(0, 2) });
    expect(res.statusCode, res.body).toBe(201);
    const ins = res.json();
    expect(ins).toMatchObject({ status: 'in_progress', filed: false, entryDate: today, backfillDue: addWorkingDays(today, 1), backfillOverdue: false });
    // the enterprise sees on the QR page that it is not filed
    const token = ins.publicPath.split('/').pop();
    const pub = (await call('GET', `/api/public/inspections/${token}`, undefined, null)).json();
    expect(pub.valid).toBe(false);
    expect(pub.warnings[0]).toContain('尚未报备');
    // the officer's day lists it
    const day = (await call('GET', '/api/today')).json();
    expect(day.backfills.map((b: { id: number }) => b.id)).toContain(ins.id);
    // simulate an entry three weeks ago: the backfill is overdue for the leader and for oversight
    await h.database.rows(sql`update inspections set entry_date = ${addDays(today, -21)}::date, backfill_due = ${addWorkingDays(addDays(today, -21), 1)}::date where id = ${ins.id}`);
    const overdue = (await call('GET', '/api/inspections?backfillOverdue=true', undefined, countyLeader)).json();
    expect(overdue.items.map((i: { id: number }) => i.id)).toContain(ins.id);
    expect((await call('GET', '/api/inspections?backfillOverdue=true', undefined, await h.login('oversight'))).json().items.map((i: { id: number }) => i.id)).toContain(ins.id);
    const filed = await call('POST', `/api/inspections/${ins.id}/backfill`, { legalBasis: '《中华人民共和国安全生产法》第六十五条' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ filed: true, backfillOverdue: true });
    const [audit] = await h.database.rows<{ reason: string }>(sql`select reason from audit_log where entity_type = 'inspection' and entity_id = ${String(ins.id)} and action = 'backfill'`);
    expect(audit!.reason).toContain('逾期补录');
  });

  it('R16/R19: the public QR page shows officers and filed items without login, and takes one evaluation', async () => {
    const ins = await startInspection();
    const token = ins.publicPath.split('/').pop();
    const pub = await call('GET', `/api/public/inspections/${token}`, undefined, null);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ filed: true, valid: true, warnings: [], agencyName: '杭州市西湖区应急管理局', feedbackOpen: true });
    expect(pub.json().officers.map((o: { name: string }) => o.name)).toEqual(await officerNames(officerIds.slice(0, 2)));
    expect(pub.json().items.length).toBe(ins.items.length);
    // an officer whose credential lapses is shown as invalid
    await h.database.rows(sql`update officers set credential_valid_to = ${addDays(today, -1)}::date where id = ${officerIds[1]}`);
    const lapsed = (await call('GET', `/api/public/inspections/${token}`, undefined, null)).json();
    await h.database.rows(sql`update officers set credential_valid_to = ${addDays(today, 365)}::date where id = ${officerIds[1]}`);
    expect(lapsed.valid).toBe(false);
    expect(lapsed.warnings.join()).toContain('不在有效期内');
    const answers = { twoOfficers: true, credentialsShown: true, courteous: true, rightsExplained: false, guidance: true, improperDemand: false };
    const fb = await call('POST', `/api/public/inspections/${token}/feedback`, { answers, comment: '态度很好' }, null);
    expect(fb.statusCode).toBe(201);
    expect(fb.json().concerns).toEqual(['是否告知陈述、申辩、听证、复议、诉讼等权利：否']);
    expect((await call('POST', `/api/public/inspections/${token}/feedback`, { answers }, null)).statusCode).toBe(409);
    const unknown = await call('GET', '/api/public/inspections/not-a-real-token-xyz', undefined, null);
    expect(unknown.statusCode).toBe(404);
    // said to whoever scanned: plainly what is wrong, no talk of jurisdiction
    expect(unknown.json().message).toBe('查无此次检查：二维码无效，或该检查已取消');
  });

  it('R16: the QR page prints the filing date in Beijing time — filed at 07:10 on 7 December is 7 December', async () => {
    const ins = (await call('POST', '/api/inspections', { enterpriseId, origin: 'emergency', emergencyReason: '企业报告粉尘爆炸隐患，立即进场核查', officerIds: officerIds.slice(0, 2) })).json();
    await h.database.rows(sql`update inspections set filed_at = '2026-12-06T23:10:00Z' where id = ${ins.id}`);
    const pub = (await call('GET', `/api/public/inspections/${ins.publicPath.split('/').pop()}`, undefined, null)).json();
    expect(pub).toMatchObject({ filed: true, filedOn: '2026-12-07' });
  });

  it('R22: the enterprise reports rectification with evidence; a passed reinspection closes an ordinary hazard', async () => {
    const ins = await startInspection();
    const res = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G05', description: '特种作业人员未持证上岗', disposition: 'hazard', deadline: addDays(today, 3), responsiblePerson: '李主任' });
    const hazardId = res.json().hazardId as number;
    // the enterprise sees its own hazards only
    const mine = (await call('GET', '/api/hazards?status=unclosed', undefined, enterpriseCookie)).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((x: { enterpriseId: number }) => x.enterpriseId === enterpriseId)).toBe(true);
    const noEvidence = await call('POST', `/api/hazards/${hazardId}/rectification`, { description: '已安排人员取证', evidenceIds: [] }, enterpriseCookie);
    expect(noEvidence.statusCode).toBe(400);
    const photo = await upload(`/api/hazards/${hazardId}/evidence`, { clientId: randomUUID() }, enterpriseCookie);
    expect(photo.statusCode, photo.body).toBe(201);
    const rect = await call('POST', `/api/hazards/${hazardId}/rectification`, { description: '两名焊工已取得特种作业操作证', evidenceIds: [photo.json().id] }, enterpriseCookie);
    expect(rect.json().status).toBe('rectified');
    // the enterprise cannot reinspect its own hazard
    expect((await call('POST', `/api/hazards/${hazardId}/reinspection`, { officerIds: officerIds.slice(0, 2), result: 'passed', opinion: '整改到位', evidenceIds: [photo.json().id] }, enterpriseCookie)).statusCode).toBe(403);
    const failed = await call('POST', `/api/hazards/${hazardId}/reinspection`, { officerIds: officerIds.slice(0, 2), result: 'failed', opinion: '仍有一人未取证' });
    expect(failed.statusCode).toBe(400);
    const again = await call('POST', `/api/hazards/${hazardId}/reinspection`, { officerIds: officerIds.slice(0, 2), result: 'failed', opinion: '仍有一人未取证', newDeadline: addDays(today, 10) });
    expect(again.json()).toMatchObject({ closed: false, hazard: { status: 'open', deadline: addDays(today, 10) } });
    const passed = await call('POST', `/api/hazards/${hazardId}/reinspection`, { officerIds: officerIds.slice(0, 2), result: 'passed', opinion: '整改到位，同意销号', evidenceIds: [photo.json().id] });
    expect(passed.json()).toMatchObject({ closed: true, hazard: { status: 'closed' } });
    const hist = (await h.database.rows<{ action: string }>(sql`select action from audit_log where entity_type = 'hazard' and entity_id = ${String(hazardId)} order by id`)).map((a) => a.action);
    expect(hist).toEqual(['create', 'evidence', 'rectify', 'reinspect', 'reinspect', 'close']);
  });

  it('R18/R24: a major hazard closes only with its penalty case and the 四不放过 analysis', async () => {
    const ins = await startInspection();
    const res = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G08', description: '重大危险源未实施监测监控', disposition: 'hazard', major: true, deadline: addDays(today, 3), responsiblePerson: '李主任', trackerName: '赵科长' });
    const hazardId = res.json().hazardId as number;
    const photo = await upload(`/api/hazards/${hazardId}/evidence`, { clientId: randomUUID() });
    const passed = await call('POST', `/api/hazards/${hazardId}/reinspection`, { officerIds: officerIds.slice(0, 2), result: 'passed', opinion: '监测监控系统已投用', evidenceIds: [photo.json().id] });
    expect(passed.json().closed).toBe(false);
    expect(passed.json().problems.join()).toContain('四不放过');
    expect(passed.json().hazard.status).toBe('open');
    const rootCause = { cause: '监控系统建设未纳入计划', responsibility: '分管副总已处理', education: '全员专题培训', measures: '系统已投用并接入平台' };
    const closing = await call('POST', `/api/hazards/${hazardId}/closing`, { rootCause });
    expect(closing.json()).toMatchObject({ closed: true, hazard: { status: 'closed', rootCause } });
  });

  it('R23: the escalation job steps overdue hazards 函告 → 通报 → 约谈 → 督办 on working days, and is safe to run twice', async () => {
    const ins = await startInspection();
    const res = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G03', description: '未足额提取安全费用', disposition: 'hazard', deadline: addDays(today, 1), responsiblePerson: '财务总监' });
    const hazardId = res.json().hazardId as number;
    const admin = await h.login('admin');
    // the deadline passed 12 working days before the run date
    const runDate = '2026-11-23';
    await h.database.rows(sql`update hazards set deadline = '2026-11-05' where id = ${hazardId}`);
    expect((await call('POST', '/api/jobs/escalation', { date: runDate }, county)).statusCode).toBe(403);
    const first = (await call('POST', '/api/jobs/escalation', { date: runDate }, admin)).json();
    expect(first.skipped).toBe(false);
    const steps = async () => (await h.database.rows<{ level: string }>(sql`select level from hazard_escalations where hazard_id = ${hazardId} order by id`)).map((s) => s.level);
    expect(await steps()).toEqual(['letter', 'notice', 'interview']);
    const second = (await call('POST', '/api/jobs/escalation', { date: runDate }, admin)).json();
    expect(second.newSteps).toEqual({ letter: 0, notice: 0, interview: 0, supervision: 0 });
    expect(await steps()).toEqual(['letter', 'notice', 'interview']);
    const detail = (await call('GET', `/api/hazards/${hazardId}`)).json();
    expect(detail.escalationLevel).toBe('interview');
    expect((await call('GET', '/api/hazards?escalationLevel=interview')).json().items.map((x: { id: number }) => x.id)).toContain(hazardId);
    // the ledger's deadline range (R22)
    const inRange = (from: string, to: string) => call('GET', `/api/hazards?deadlineFrom=${from}&deadlineTo=${to}&pageSize=200`).then((r) => r.json().items.map((x: { id: number }) => x.id));
    expect(await inRange('2026-11-01', '2026-11-05')).toContain(hazardId);
    expect(await inRange('2026-11-06', '2026-12-31')).not.toContain(hazardId);
    expect((await call('GET', '/api/hazards?deadlineFrom=2026-13-01')).statusCode).toBe(400);
    // three working days later the last step
    await call('POST', '/api/jobs/escalation', { date: '2026-11-26' }, admin);
    expect(await steps()).toEqual(['letter', 'notice', 'interview', 'supervision']);
  });

  it('R23/R35: a night\'s escalation leaves one signed audit entry per new step, in the chain and in each hazard\'s history', async () => {
    const ins = await startInspection();
    const hazard = async (deadline: string) => {
      const res = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G04', description: '安全培训记录不全', disposition: 'hazard', deadline: addDays(today, 1), responsiblePerson: '培训主管' });
      const id = res.json().hazardId as number;
      await h.database.rows(sql`update hazards set deadline = ${deadline}, escalation_level = null where id = ${id}`);
      return id;
    };
    // run on 2026-11-23: 12 working days overdue (three steps at once), 6 (two), 1 (the letter), and one not due yet
    const [three, two, one, none] = [await hazard('2026-11-05'), await hazard('2026-11-13'), await hazard('2026-11-20'), await hazard('2026-11-23')];
    const mine = [three, two, one, none].map(String);
    const admin = await h.login('admin');
    const before = Number((await h.database.rows<{ m: number }>(sql`select coalesce(max(id), 0)::bigint as m from audit_log`))[0]!.m);
    const run = (await call('POST', '/api/jobs/escalation', { date: '2026-11-23' }, admin)).json();
    expect(run.skipped).toBe(false);
    const steps = await h.database.rows<{ hazard_id: number; level: string; overdue_days: number }>(
      sql`select hazard_id, level, overdue_days from hazard_escalations where hazard_id = any(${arrayParam([three, two, one, none], 'int')}) order by hazard_id, id`,
    );
    expect(steps.map((s) => `${s.hazard_id}:${s.level}:${s.overdue_days}`)).toEqual([
      `${three}:letter:12`, `${three}:notice:12`, `${three}:interview:12`, `${two}:letter:6`, `${two}:notice:6`, `${one}:letter:1`,
    ]);
    // exactly one entry per step of the night, no more (the other hazards of this suite have their own)
    const entries = (
      await h.database.rows<{ entity_id: string; actor_id: number | null; reason: string; after: { level: string; threshold: number } }>(
        sql`select entity_id, actor_id, reason, after from audit_log where id > ${before} and action = 'escalate' order by id`,
      )
    ).filter((e) => mine.includes(e.entity_id));
    expect(entries.map((e) => `${e.entity_id}:${e.after.level}:${e.reason}`)).toEqual(steps.map((s) => `${s.hazard_id}:${s.level}:整改逾期${s.overdue_days}个工作日`));
    expect(entries.every((e) => e.actor_id === null)).toBe(true);
    // sealed into the chain and verified: the digest of every entry and its signature by the key
    const verify = (await call('GET', '/api/audit/verify', undefined, admin)).json();
    expect(verify).toMatchObject({ ok: true, firstBroken: null, unsealed: { count: 0 } });
    const sealed = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where id > ${before} and action = 'escalate' and (seq is null or mac is null)`);
    expect(sealed[0]!.n).toBe(0);
    // the hazard's history shows its steps, in Chinese
    const history = (await call('GET', `/api/audit?entityType=hazard&entityId=${three}`, undefined, admin)).json().items as { action: string; actionLabel: string; after: { level: string } }[];
    expect(history.filter((e) => e.action === 'escalate').map((e) => e.after.level)).toEqual(['interview', 'notice', 'letter']);
    expect(history.find((e) => e.action === 'escalate')!.actionLabel).not.toMatch(/escalate/);
    // a second run the same night: no new step, no new entry
    const last = Number((await h.database.rows<{ m: number }>(sql`select max(id)::bigint as m from audit_log`))[0]!.m);
    await call('POST', '/api/jobs/escalation', { date: '2026-11-23' }, admin);
    expect((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where id > ${last} and action = 'escalate'`))[0]!.n).toBe(0);
  });

  it('R23/R35: a catch-up over several audit pages writes one signed entry per step, in step order', async () => {
    const ins = await startInspection();
    const mine: number[] = [];
    for (const description of ['消防通道堵塞', '配电箱未接地', '应急照明损坏']) {
      const res = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G05', description, disposition: 'hazard', deadline: addDays(today, 1), responsiblePerson: '设备主管' });
      mine.push(res.json().hazardId as number);
    }
    // 17 working days overdue on 2026-11-30: all four steps at once for each
    await h.database.rows(sql`update hazards set deadline = '2026-11-05', escalation_level = null where id = any(${arrayParam(mine, 'int')})`);
    const before = Number((await h.database.rows<{ m: number }>(sql`select coalesce(max(id), 0)::bigint as m from audit_log`))[0]!.m);
    // pages of 2 (10,000 in production): the path of a catch-up over millions
    const run = await runEscalation(h.ctx, '2026-11-30', 2);
    const all = Object.values(run.newSteps).reduce((a, b) => a + b, 0);
    expect(all).toBeGreaterThanOrEqual(12);
    const steps = await h.database.rows<{ hazard_id: number; level: string }>(
      sql`select hazard_id, level from hazard_escalations where hazard_id = any(${arrayParam(mine, 'int')}) order by hazard_id, id`,
    );
    expect(steps.map((s) => s.level)).toEqual(mine.flatMap(() => ['letter', 'notice', 'interview', 'supervision']));
    const entries = await h.database.rows<{ entity_id: string; after: { level: string } }>(sql`select entity_id, after from audit_log where id > ${before} and action = 'escalate' order by id`);
    expect(entries).toHaveLength(all);
    expect(entries.filter((e) => mine.map(String).includes(e.entity_id)).map((e) => `${e.entity_id}:${e.after.level}`)).toEqual(steps.map((s) => `${s.hazard_id}:${s.level}`));
    const admin = await h.login('admin');
    expect((await call('GET', '/api/audit/verify', undefined, admin)).json()).toMatchObject({ ok: true, firstBroken: null, unsealed: { count: 0 } });
  });

  it('R1: a county officer can neither see nor change another county\'s inspection, hazard or evidence', async () => {
    const ins = await startInspection();
    const photo = await upload(`/api/inspections/${ins.id}/evidence`, { clientId: randomUUID() });
    const res = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G02', description: '全员安全生产责任制未建立', disposition: 'hazard', deadline: addDays(today, 3), responsiblePerson: '王总' });
    const hazardId = res.json().hazardId;
    for (const [m, url, body] of [
      ['GET', `/api/inspections/${ins.id}`],
      ['PUT', `/api/inspections/${ins.id}/answers`, { answers: [{ itemCode: 'G01', result: 'conform' }] }],
      ['POST', `/api/inspections/${ins.id}/complete`, { summary: '越权结束检查' }],
      ['GET', `/api/hazards/${hazardId}`],
      ['POST', `/api/hazards/${hazardId}/reinspection`, { officerIds: officerIds.slice(0, 2), result: 'passed', opinion: '越权复查', evidenceIds: [] }],
      ['GET', `/api/evidence/${photo.json().id}/file`],
    ] as [string, string, unknown?][]) {
      const r = await call(m, url, body, neighbour);
      expect(r.statusCode, `${m} ${url}`).toBe(404);
    }
    expect((await call('GET', '/api/inspections?pageSize=200', undefined, neighbour)).json().items.some((i: { id: number }) => i.id === ins.id)).toBe(false);
    expect((await call('GET', '/api/hazards?pageSize=200', undefined, neighbour)).json().items.some((x: { id: number }) => x.id === hazardId)).toBe(false);
    expect((await call('GET', `/api/inspections/${ins.id}`)).json().items.find((i: { code: string }) => i.code === 'G01').result).toBeNull();
  });

  it('R19: the inspection ledger is searchable and exports to .xlsx', async () => {
    const list = (await call('GET', `/api/inspections?enterpriseId=${enterpriseId}&status=completed`)).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items[0]).toMatchObject({ enterpriseId, statusLabel: '已完成' });
    expect(list.items[0].officerNames).toContain('、');
    const res = await call('GET', `/api/inspections/export?enterpriseId=${enterpriseId}`);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('执法检查台账')!;
    expect(ws.getRow(1).getCell(2).value).toBe('检查单位');
    const all = (await call('GET', `/api/inspections?enterpriseId=${enterpriseId}&pageSize=200`)).json();
    expect(ws.rowCount - 1).toBe(all.total);
  });

  it('R17: the province\'s leaders publish a new catalogue version; officers and county leaders cannot; a bad catalogue is refused', async () => {
    const current = (await call('GET', '/api/check-items')).json();
    expect(current.version).toBe(1);
    const items = [...current.items, { code: 'G15', scope: 'general', title: '有限空间作业安全管理情况' }];
    expect((await call('POST', '/api/check-item-catalogs', { note: '增加有限空间作业', items })).statusCode).toBe(403);
    expect((await call('POST', '/api/check-item-catalogs', { note: '增加有限空间作业', items }, countyLeader)).statusCode).toBe(403);
    const provinceLeader = await h.login('leader');
    const bad = await call('POST', '/api/check-item-catalogs', { note: '重复编码', items: [...items, { code: 'G15', scope: 'general', title: '重复' }] }, provinceLeader);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('重复');
    const ok = await call('POST', '/api/check-item-catalogs', { note: '增加有限空间作业', items }, provinceLeader);
    expect(ok.statusCode).toBe(201);
    expect((await call('GET', `/api/check-items?industry=${industry}`)).json()).toMatchObject({ version: 2 });
    // an inspection filed now uses version 2 and includes the new general item
    const ins = await fileInspection();
    expect(ins.catalogVersion).toBe(2);
    expect(ins.items.map((i: { code: string }) => i.code)).toContain('G15');
  });

  it('bad input gets a Chinese 4xx and changes nothing', async () => {
    const ins = await startInspection();
    const before = await h.database.rows(sql`select count(*)::int as n from findings`);
    for (const body of [
      { clientId: randomUUID(), description: '问题', disposition: 'nonsense' },
      { clientId: 'x', description: '问题描述足够', disposition: 'hazard' },
      { clientId: randomUUID(), itemCode: 'ZZ99', description: '不存在的事项', disposition: 'violation' },
      { clientId: randomUUID(), itemCode: 'G01', description: '期限已过', disposition: 'hazard', deadline: '2020-01-01', responsiblePerson: '某人' },
    ]) {
      const r = await call('POST', `/api/inspections/${ins.id}/findings`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await h.database.rows(sql`select count(*)::int as n from findings`)).toEqual(before);
    const exe = await upload(`/api/inspections/${ins.id}/evidence`, { clientId: randomUUID() }, county, { data: Buffer.from('MZ'), name: 'a.exe', type: 'application/x-msdownload' });
    expect(exe.statusCode).toBe(415);
    expect((await call('PUT', `/api/inspections/${ins.id}/answers`, { answers: [{ itemCode: 'G01', result: 'maybe' }] })).statusCode).toBe(400);
    expect((await call('GET', '/api/inspections/abc')).statusCode).toBe(400);
  });

  it('R35: evidence is checked by its content — a page declared as a photo is refused, file names are bounded — and served with nosniff and a Content-Disposition', async () => {
    const ins = await startInspection();
    const url = `/api/inspections/${ins.id}/evidence`;
    const html = await upload(url, { clientId: randomUUID() }, county, { data: Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'), name: '现场照片.jpg', type: 'image/jpeg' });
    expect(html.statusCode).toBe(415);
    expect(html.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('文件内容不是照片') });
    const long = await upload(url, { clientId: randomUUID() }, county, { data: PNG, name: `${'现场照片'.repeat(1250)}.png`, type: 'image/png' });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('文件名过长');
    const nul = await upload(url, { clientId: randomUUID(), itemCode: 'G0\u00007' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().message).toContain('不允许的字符');
    expect((await h.database.rows(sql`select 1 from evidence where inspection_id = ${ins.id}`)).length).toBe(0);
    // a PNG declared as JPEG is stored and served as what it is
    const png = await upload(url, { clientId: randomUUID() }, county, { data: PNG, name: '现场照片.jpg', type: 'image/jpeg' });
    expect(png.statusCode, png.body).toBe(201);
    const file = await call('GET', `/api/evidence/${png.json().id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(`inline; filename="evidence-${png.json().id}"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`);
  });

  it('R16: the public feedback form answers a NUL byte or a lone surrogate with a Chinese 400 and stores nothing', async () => {
    const ins = await startInspection();
    const token = ins.publicPath.split('/').pop();
    const answers = { twoOfficers: true, credentialsShown: true, courteous: true, rightsExplained: true, guidance: true, improperDemand: false };
    for (const comment of ['态度\u0000很好', '态度\ud800很好']) {
      const res = await call('POST', `/api/public/inspections/${token}/feedback`, { answers, comment }, null);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toEqual({ code: 'VALIDATION', message: expect.stringContaining('不允许的字符') });
    }
    expect((await call('GET', `/api/public/inspections/${token}`, undefined, null)).json().feedbackOpen).toBe(true);
  });
});
