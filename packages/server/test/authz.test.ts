// Authorisation findings of the trust review (issue 14, item 5): each test names its rule and failed before the fix.
// county.* = 杭州市西湖区 (330106); county2.officer = 杭州市上城区 (330102); leader, legal, oversight, admin = the province.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { defaultCheckItemCatalogue, defaultDiscretionCatalogue, withCheckChar } from '@anjian/domain';
import { createHarness, dbKinds, DEMO_PASSWORD, waitForJob, type Harness } from './harness.js';

describe.each(dbKinds)('authorisation findings on %s', (kind) => {
  let h: Harness;
  const cookies: Record<string, string> = {};
  let xihu: number; // 西湖区 agency
  let province: number;
  let hangzhou: number;
  let xihuEnterprise: { id: number; name: string };
  let otherCounty: { id: number; credit_code: string; name: string; region_code: string };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await createHarness(kind);
    const id = async (region: string) => Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = ${region}`))[0]!.id);
    [xihu, province, hangzhou] = [await id('330106'), await id('330000'), await id('330100')];
    const [e] = await h.database.rows<{ id: number; name: string }>(sql`select id, name from enterprises where supervising_agency_id = ${xihu} order by id limit 1`);
    xihuEnterprise = { id: Number(e!.id), name: e!.name };
    otherCounty = (await h.database.rows<typeof otherCounty>(sql`select id, credit_code, name, region_code from enterprises where region_code like '330102%' order by id limit 1`))[0]!;
    for (const u of ['admin', 'leader', 'legal', 'county.leader', 'county.officer', 'county2.officer']) cookies[u] = await h.login(u);
    // a legal reviewer and an admin of the county (the demo has them only at the province)
    for (const [username, role] of [['county.legal', 'legal_reviewer'], ['county.admin', 'admin']] as const) {
      const res = await call('POST', '/api/users', { username, password: DEMO_PASSWORD, displayName: `西湖区${role === 'admin' ? '管理员' : '法制审核员'}`, role, agencyId: xihu }, 'admin');
      expect(res.statusCode, res.body).toBe(201);
      cookies[username] = await h.login(username);
    }
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload: unknown, who: string) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const count = async (table: string) => Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);

  it('R17: only the province level publishes a check-item catalogue version; a county leader or admin gets 403 and nothing is stored', async () => {
    const body = { note: '县局自行修订的清单', items: defaultCheckItemCatalogue.items.slice(0, 20) };
    const before = await count('check_item_catalogs');
    for (const who of ['county.leader', 'county.admin']) {
      const res = await call('POST', '/api/check-item-catalogs', body, who);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().message).toContain('省级应急管理部门统一发布');
    }
    expect(await count('check_item_catalogs')).toBe(before);
    const ok = await call('POST', '/api/check-item-catalogs', { ...body, note: '省厅修订检查事项清单' }, 'leader');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await count('check_item_catalogs')).toBe(before + 1);
  });

  it('R25: only the province level (its legal reviewer or admin) publishes a discretion benchmark version', async () => {
    const body = { note: '县局自行修订的裁量基准', items: defaultDiscretionCatalogue.items };
    const before = await count('discretion_catalogs');
    for (const who of ['county.legal', 'county.admin']) {
      const res = await call('POST', '/api/discretion-catalogs', body, who);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().message).toContain('省级应急管理部门统一发布');
    }
    expect(await count('discretion_catalogs')).toBe(before);
    const ok = await call('POST', '/api/discretion-catalogs', { ...body, note: '省厅修订裁量基准' }, 'legal');
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('R1: a county officer cannot register an enterprise supervised by the province or the city (like a transfer), and nothing is written', async () => {
    const base = { name: '越级登记测试有限公司', regionCode: '330106002', industry: 'industry_trade', riskCode: 'blue' };
    for (const [n, agencyId] of [[1, province], [2, hangzhou]] as const) {
      const creditCode = withCheckChar(`91330106MA2AX${n}000`);
      const res = await call('POST', '/api/enterprises', { ...base, creditCode, supervisingAgencyId: agencyId }, 'county.officer');
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().message).toContain('上级机构');
      expect(await h.database.rows(sql`select 1 from enterprises where credit_code = ${creditCode}`)).toHaveLength(0);
    }
    // its own agency is fine; the province leader may name the city (an agency within its jurisdiction)
    expect((await call('POST', '/api/enterprises', { ...base, creditCode: withCheckChar('91330106MA2AX3000'), supervisingAgencyId: xihu }, 'county.officer')).statusCode).toBe(201);
    expect((await call('POST', '/api/enterprises', { ...base, creditCode: withCheckChar('91330106MA2AX4000'), supervisingAgencyId: hangzhou }, 'leader')).statusCode).toBe(201);
    // a transfer follows the same rule: the county leader cannot hand its enterprise to the province
    const e = (await call('GET', `/api/enterprises?creditCode=${withCheckChar('91330106MA2AX3000')}`, undefined, 'county.leader')).json().items[0];
    const up = await call('POST', `/api/enterprises/${e.id}/supervision`, { agencyId: province, reason: '县局想交给省厅监管' }, 'county.leader');
    expect(up.statusCode).toBe(403);
    expect((await call('GET', `/api/enterprises/${e.id}`, undefined, 'county.leader')).json().supervisingAgencyId).toBe(xihu);
  });

  it('R1: an import by a county officer cannot create an enterprise supervised by the province (省级)', async () => {
    const code = withCheckChar('91330106MA2AX5000');
    const job = await importRows([[code, '导入越级监管有限公司', '330106002', '一般工贸', '蓝码', '省级']], 'county.officer');
    expect(job.validCount).toBe(0);
    expect((job.errors as { messages: string[] }[])[0]!.messages.join()).toContain('上级机构');
  });

  async function importRows(rows: string[][], who: string) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(['统一社会信用代码', '企业名称', '行政区划代码', '行业', '风险赋码', '监管层级']);
    for (const r of rows) ws.addRow(r);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----authz';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie: cookies[who]!, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode, res.body).toBe(202);
    return waitForJob(h, cookies[who]!, res.json().jobId);
  }

  it('R1: import and registration messages do not reveal that a credit code exists in another jurisdiction', async () => {
    // another county's code, and a code that cannot be used for a reason the importer can see nothing of, read the same
    const job = await importRows([[otherCounty.credit_code, '导入的名称', '330106002', '一般工贸', '蓝码', '县级']], 'county.officer');
    const message = (job.errors as { messages: string[] }[])[0]!.messages.join();
    expect(message).not.toMatch(/其他辖区|已登记|已存在/);
    expect(message).not.toContain(otherCounty.name);
    const created = await call('POST', '/api/enterprises', { creditCode: otherCounty.credit_code, name: '抢注测试有限公司', regionCode: '330106002', industry: 'industry_trade', riskCode: 'blue', supervisingAgencyId: xihu }, 'county.officer');
    expect(created.statusCode).toBe(409);
    expect(created.json().message).toBe(message);
    expect(created.json().message).not.toContain(otherCounty.name);
    // within the jurisdiction the duplicate is named, as before
    const own = (await h.database.rows<{ credit_code: string; name: string }>(sql`select credit_code, name from enterprises where id = ${xihuEnterprise.id}`))[0]!;
    const dup = await call('POST', '/api/enterprises', { creditCode: own.credit_code, name: '重复登记有限公司', regionCode: '330106002', industry: 'industry_trade', riskCode: 'blue', supervisingAgencyId: xihu }, 'county.officer');
    expect(dup.json().message).toContain(own.name);
  });

  async function newCase(who = 'county.officer') {
    const res = await call('POST', '/api/penalty-cases', { enterpriseId: xihuEnterprise.id, facts: '企业未按规定对安全设备进行经常性维护', procedure: 'general' }, who);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; agencyId: number; status: string };
  }

  it('R35: a penalty case is acted on by its handling agency only — the province leader cannot cancel or edit a county case', async () => {
    const c = await newCase();
    expect(c.agencyId).toBe(xihu);
    const cancel = await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'cancel', reason: '省厅认为不应立案' }, 'leader');
    expect(cancel.statusCode, cancel.body).toBe(403);
    expect(cancel.json().message).toContain('提级管辖');
    const patch = await call('PATCH', `/api/penalty-cases/${c.id}`, { facts: '省厅改写的案情内容' }, 'leader');
    expect(patch.statusCode).toBe(403);
    const row = (await h.database.rows<{ status: string; facts: string }>(sql`select status, facts from penalty_cases where id = ${c.id}`))[0]!;
    expect(row).toEqual({ status: 'draft', facts: '企业未按规定对安全设备进行经常性维护' });
    // the province leader still reads it, and is offered no act but 提级管辖
    const seen = (await call('GET', `/api/penalty-cases/${c.id}`, undefined, 'leader')).json();
    expect(seen.availableActions).toEqual([]);
    expect(seen).toMatchObject({ canAct: false, canEscalate: true, agencyName: '杭州市西湖区应急管理局' });
  });

  it('R35: 提级管辖 — a leader of a higher agency takes the case over with a reason, on the timeline and in the audit trail; then only it acts', async () => {
    const c = await newCase();
    // not by a neighbour, not by an officer, not without a reason
    expect((await call('POST', `/api/penalty-cases/${c.id}/escalation`, { reason: '上城区想办理西湖区的案件' }, 'county2.officer')).statusCode).toBe(404);
    expect((await call('POST', `/api/penalty-cases/${c.id}/escalation`, { reason: '市局执法员想提级办理本案' }, 'county.officer')).statusCode).toBe(403);
    expect((await call('POST', `/api/penalty-cases/${c.id}/escalation`, { reason: '太短' }, 'leader')).statusCode).toBe(400);
    // the handling agency's own leader cannot "escalate" to itself
    expect((await call('POST', `/api/penalty-cases/${c.id}/escalation`, { reason: '本局负责人尝试提级管辖本案' }, 'county.leader')).statusCode).toBe(409);
    const reason = '案情重大复杂、跨区域影响，由省厅直接办理';
    const res = await call('POST', `/api/penalty-cases/${c.id}/escalation`, { reason }, 'leader');
    expect(res.statusCode, res.body).toBe(200);
    const taken = res.json();
    expect(taken).toMatchObject({ agencyId: province, canAct: true, canEscalate: false, investigators: [] });
    const ev = taken.events.find((e: { action: string }) => e.action === 'escalate');
    expect(ev).toMatchObject({ reason, actorName: '省厅负责人', actorRole: 'leader' });
    expect(ev.detail).toMatchObject({ fromAgencyId: xihu, toAgencyId: province, fromAgencyName: '杭州市西湖区应急管理局' });
    const audit = await h.database.rows<{ action: string; reason: string; before: { agencyId: number }; after: { agencyId: number } }>(
      sql`select action, reason, before, after from audit_log where entity_type = 'penalty_case' and entity_id = ${String(c.id)} and action = 'escalate'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ reason, before: { agencyId: xihu }, after: { agencyId: province } });
    // the original agency no longer acts on it
    const countyCancel = await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'cancel', reason: '县局撤销立案' }, 'county.leader');
    expect(countyCancel.statusCode).toBe(403);
    expect((await call('PATCH', `/api/penalty-cases/${c.id}`, { facts: '县局修改案情内容' }, 'county.officer')).statusCode).toBe(403);
    expect((await call('GET', `/api/penalty-cases/${c.id}`, undefined, 'county.leader')).json()).toMatchObject({ canAct: false, canEscalate: false, availableActions: [] });
    // the taking agency does
    const cancel = await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'cancel', reason: '经省厅调查，违法事实不能成立' }, 'leader');
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
  });

  it('R22/R35: the admin account performs no enforcement act on an inspection, hazard or case (403 in Chinese), and nothing changes', async () => {
    // a county inspection with a hazard, made by the county officer
    const officerIds = (
      await h.database.rows<{ id: number }>(sql`select id from officers where agency_id = ${xihu} and credential_valid_from <= ${today}::date and credential_valid_to > ${today}::date order by id limit 2`)
    ).map((o) => Number(o.id));
    const ins = await call('POST', '/api/inspections', { enterpriseId: xihuEnterprise.id, origin: 'emergency', emergencyReason: '企业发生燃气泄漏险情，立即进场处置', officerIds }, 'county.officer');
    expect(ins.statusCode, ins.body).toBe(201);
    const id = ins.json().id as number;
    const deadline = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
    const f = await call('POST', `/api/inspections/${id}/findings`, { clientId: 'authz-finding-1', description: '消防通道堆放杂物', disposition: 'hazard', requirement: '立即清理', deadline, responsiblePerson: '张三' }, 'county.officer');
    expect(f.statusCode, f.body).toBe(201);
    const hazardId = f.json().hazardId as number;
    const c = await newCase();
    const before = await h.database.rows(sql`select (select count(*) from findings) as f, (select count(*) from evidence) as e, (select count(*) from reinspections) as r, (select status from hazards where id = ${hazardId}) as h, (select status from penalty_cases where id = ${c.id}) as c`);
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const boundary = '----admin';
    const upload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\nauthz-admin-evidence\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const attempts = [
      call('POST', '/api/inspections', { enterpriseId: xihuEnterprise.id, origin: 'emergency', emergencyReason: '管理员尝试发起紧急检查', officerIds }, 'admin'),
      call('POST', `/api/inspections/${id}/findings`, { clientId: 'authz-admin-finding', description: '管理员补录的问题', disposition: 'fixed_on_spot' }, 'admin'),
      call('PUT', `/api/inspections/${id}/answers`, { answers: [{ itemCode: ins.json().items[0].code, result: 'conform' }] }, 'admin'),
      h.app.inject({ method: 'POST', url: `/api/inspections/${id}/evidence`, headers: { cookie: cookies.admin!, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: upload }),
      call('POST', `/api/hazards/${hazardId}/rectification`, { description: '管理员代报整改', evidenceIds: [1] }, 'admin'),
      call('POST', `/api/hazards/${hazardId}/reinspection`, { officerIds, result: 'passed', opinion: '管理员复查通过', evidenceIds: [] }, 'admin'),
      call('POST', `/api/hazards/${hazardId}/closing`, { noPenaltyReason: '管理员认为无需处罚的理由说明' }, 'admin'),
      call('POST', `/api/inspections/${id}/complete`, { summary: '管理员完成检查' }, 'admin'),
      call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'cancel', reason: '管理员撤销' }, 'admin'),
      call('PATCH', `/api/penalty-cases/${c.id}`, { facts: '管理员修改的案情' }, 'admin'),
      call('POST', '/api/penalty-cases', { enterpriseId: xihuEnterprise.id, facts: '管理员登记的案件', procedure: 'general' }, 'admin'),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().message).toContain('系统管理员');
    }
    const after = await h.database.rows(sql`select (select count(*) from findings) as f, (select count(*) from evidence) as e, (select count(*) from reinspections) as r, (select status from hazards where id = ${hazardId}) as h, (select status from penalty_cases where id = ${c.id}) as c`);
    expect(after).toEqual(before);
  });
});
