// Issue #15 "one contract": the web reads the server's answers through the contract's schemas, so a real answer must
// parse with them, and the answer must carry every field the contract names (none stripped, none added).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { caseDetail, casePage } from '@anjian/domain/contract/penalty';
import { complaintPage } from '@anjian/domain/contract/complaints';
import { createHarness, dbKinds, type Harness } from './harness.js';

describe.each(dbKinds)('the penalty contract on %s', (kind) => {
  let h: Harness;
  let officer: string;
  let enterpriseCookie: string;
  let caseId: number;

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 800 });
    const [a] = await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`);
    const [e] = await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${a!.id} order by id limit 1`);
    await h.database.rows(sql`update users set enterprise_id = ${e!.id} where username = 'enterprise'`);
    officer = await h.login('county.officer');
    enterpriseCookie = await h.login('enterprise');
    const call = (method: 'POST' | 'GET', url: string, cookie: string, payload?: object) => h.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const created = await call('POST', '/api/penalty-cases', officer, { enterpriseId: Number(e!.id), facts: '未按规定对从业人员进行安全生产教育和培训' });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
  });
  afterAll(() => h?.close());

  const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });

  it('R18: GET /api/penalty-cases/:id parses with the contract for the officer and the party, every contract field present', async () => {
    for (const cookie of [officer, enterpriseCookie]) {
      const res = await get(`/api/penalty-cases/${caseId}`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const parsed = caseDetail.safeParse(body);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(Object.keys(body).sort()).toEqual(Object.keys(caseDetail.shape).sort());
    }
  });

  it('R18: GET /api/penalty-cases parses with the contract and lists the case', async () => {
    const res = await get('/api/penalty-cases?pageSize=50', officer);
    expect(res.statusCode, res.body).toBe(200);
    const parsed = casePage.parse(res.json());
    expect(parsed.items.map((i) => i.id)).toContain(caseId);
    expect(Object.keys(res.json().items[0]).sort()).toEqual(Object.keys(casePage.shape.items.element.shape).sort());
  });

  it('R37: GET /api/complaints parses with the contract', async () => {
    const res = await get('/api/complaints', await h.login('county.leader'));
    expect(res.statusCode, res.body).toBe(200);
    expect(complaintPage.safeParse(res.json()).error?.issues ?? []).toEqual([]);
  });
});
