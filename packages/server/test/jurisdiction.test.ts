import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { withCheckChar } from '@anjian/domain';
import { createHarness, dbKinds, waitForJob, type Harness } from './harness.js';

// county.officer belongs to 杭州市西湖区 (330106); county2.officer to 杭州市上城区 (330102).
describe.each(dbKinds)('jurisdiction on %s', (kind) => {
  let h: Harness;
  let own: Record<string, unknown>;
  let other: Record<string, unknown>;
  let otherOfficer: Record<string, unknown>;
  let otherAgency: Record<string, unknown>;
  let cookie: string;
  const snapshot = async (id: unknown) =>
    (await h.database.rows(sql`select * from enterprises where id = ${Number(id)}`))[0];

  beforeAll(async () => {
    h = await createHarness(kind);
    own = (await h.database.rows(sql`select * from enterprises where region_code like '330106%' order by id limit 1`))[0]!;
    other = (await h.database.rows(sql`select * from enterprises where region_code like '330102%' order by id limit 1`))[0]!;
    otherOfficer = (await h.database.rows(sql`select * from officers where region_code like '330102%' order by id limit 1`))[0]!;
    otherAgency = (await h.database.rows(sql`select * from agencies where region_code = '330102'`))[0]!;
    expect(own).toBeTruthy();
    expect(other).toBeTruthy();
    cookie = await h.login('county.officer');
  });
  afterAll(() => h?.close());

  const inject = (method: string, url: string, payload?: unknown) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it('R1: the list shows only enterprises of the caller\'s county', async () => {
    const res = await inject('GET', '/api/enterprises?pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((e: { regionCode: string }) => e.regionCode.startsWith('330106'))).toBe(true);
    // Asking for another county's region narrows to nothing rather than widening the scope.
    const narrowed = await inject('GET', '/api/enterprises?regionCode=330102');
    expect(narrowed.json().items).toHaveLength(0);
    const byCode = await inject('GET', `/api/enterprises?creditCode=${other.credit_code}`);
    expect(byCode.json().items).toHaveLength(0);
  });

  it('R1: a county officer cannot read another county\'s enterprise (detail, history)', async () => {
    expect((await inject('GET', `/api/enterprises/${own.id}`)).statusCode).toBe(200);
    for (const url of [`/api/enterprises/${other.id}`, `/api/enterprises/${other.id}/history`]) {
      const res = await inject('GET', url);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
  });

  it('R1: a county officer cannot change another county\'s enterprise, and nothing changes', async () => {
    const before = await snapshot(other.id);
    const patch = await inject('PATCH', `/api/enterprises/${other.id}`, { version: Number(other.version), name: '越权修改的名称' });
    expect(patch.statusCode).toBe(404);
    const transfer = await inject('POST', `/api/enterprises/${other.id}/supervision`, { agencyId: Number(otherAgency.id), reason: '越权变更' });
    expect([403, 404]).toContain(transfer.statusCode);
    expect(await snapshot(other.id)).toEqual(before);
  });

  it('R1: a county officer cannot create an enterprise in another county', async () => {
    const code = withCheckChar('91330102MA27XL0T0');
    const res = await inject('POST', '/api/enterprises', {
      creditCode: code,
      name: '越权新增企业',
      regionCode: '330102001',
      industry: 'industry_trade',
      riskCode: 'blue',
      supervisingAgencyId: Number(otherAgency.id),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('管辖范围');
    const rows = await h.database.rows(sql`select 1 from enterprises where credit_code = ${code}`);
    expect(rows).toHaveLength(0);
  });

  it('R1: import cannot overwrite another county\'s enterprise by its credit code', async () => {
    const before = await snapshot(other.id);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(['统一社会信用代码', '企业名称', '行政区划代码', '行业', '风险赋码', '监管层级']);
    ws.addRow([other.credit_code, '导入覆盖的名称', other.region_code, '一般工贸', '蓝码', '县级']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----x';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(h, cookie, res.json().jobId);
    expect(job.status).toBe('previewed');
    expect(job.validCount).toBe(0);
    // the message says the code cannot be used here, not that it exists elsewhere
    expect((job.errors as { messages: string[] }[])[0]!.messages.join()).toMatch(/管辖范围|不能在您的辖区登记或更新/);
    expect(await snapshot(other.id)).toEqual(before);
  });

  it('R1: export contains only the caller\'s county', async () => {
    const res = await inject('GET', '/api/enterprises/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const codes: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(3).value));
    });
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('330106'))).toBe(true);
  });

  it('R4: a county officer cannot read or change another county\'s officer', async () => {
    const list = await inject('GET', '/api/officers?pageSize=200');
    expect(list.json().items.length).toBeGreaterThan(0);
    for (const o of list.json().items) expect(o.agencyName).toMatch(/西湖区/);
    expect((await inject('GET', `/api/officers/${otherOfficer.id}`)).statusCode).toBe(404);
    expect((await inject('GET', `/api/officers/${otherOfficer.id}/history`)).statusCode).toBe(404);
    const before = (await h.database.rows(sql`select * from officers where id = ${Number(otherOfficer.id)}`))[0];
    const patch = await inject('PATCH', `/api/officers/${otherOfficer.id}`, { version: 1, phone: '13900000000' });
    expect(patch.statusCode).toBe(404);
    const create = await inject('POST', '/api/officers', {
      name: '越权人员',
      credentialNo: 'X330102999',
      credentialValidFrom: '2025-01-01',
      credentialValidTo: '2030-01-01',
      agencyId: Number(otherAgency.id),
    });
    expect(create.statusCode).toBe(400);
    expect((await h.database.rows(sql`select * from officers where id = ${Number(otherOfficer.id)}`))[0]).toEqual(before);
    expect(await h.database.rows(sql`select 1 from officers where credential_no = 'X330102999'`)).toHaveLength(0);
  });

  it('R1: agencies and regions outside the county are invisible', async () => {
    const list = await inject('GET', '/api/agencies');
    expect(list.json().items.every((a: { regionCode: string }) => a.regionCode.startsWith('330106'))).toBe(true);
    expect((await inject('GET', `/api/agencies/${otherAgency.id}`)).statusCode).toBe(404);
    const regions = await inject('GET', '/api/regions?parent=330100');
    expect(regions.json().items.every((r: { code: string }) => r.code.startsWith('330106'))).toBe(true);
  });

  it('R1: stats count only the county', async () => {
    const res = await inject('GET', '/api/stats/overview');
    const [{ n }] = (await h.database.rows<{ n: number }>(sql`select count(*)::int as n from enterprises where region_code like '330106%'`)) as [{ n: number }];
    expect(res.json().enterpriseCount).toBe(Number(n));
  });

  it('R35: officers cannot manage users or read the global audit log', async () => {
    expect((await inject('GET', '/api/users')).statusCode).toBe(403);
    expect((await inject('POST', '/api/users', { username: 'x.y', password: 'Abcdef#123', displayName: '某某', role: 'admin', agencyId: 1 })).statusCode).toBe(403);
    expect((await inject('GET', '/api/audit')).statusCode).toBe(403);
    expect((await inject('GET', '/api/audit/verify')).statusCode).toBe(403);
  });

  it('R2: an enterprise user sees only its own enterprise', async () => {
    const ec = await h.login('enterprise');
    const me = (await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: ec } })).json();
    const list = await h.app.inject({ method: 'GET', url: '/api/enterprises', headers: { cookie: ec } });
    expect(list.json().items.map((e: { id: number }) => e.id)).toEqual([me.enterpriseId]);
    expect((await h.app.inject({ method: 'GET', url: `/api/enterprises/${other.id}`, headers: { cookie: ec } })).statusCode).toBe(404);
    const patch = await h.app.inject({ method: 'PATCH', url: `/api/enterprises/${me.enterpriseId}`, headers: { cookie: ec }, payload: { version: 1, name: '企业自改名称' } });
    expect(patch.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/agencies', headers: { cookie: ec } })).statusCode).toBe(403);
  });

  it('R1: the province level sees every county', async () => {
    const lc = await h.login('leader');
    const res = await h.app.inject({ method: 'GET', url: `/api/enterprises/${other.id}`, headers: { cookie: lc } });
    expect(res.statusCode).toBe(200);
  });
});
