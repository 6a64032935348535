import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { withCheckChar } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';

describe.each(dbKinds)('enterprise register on %s', (kind) => {
  let h: Harness;
  let cookie: string;
  let xihu: number; // 杭州市西湖区应急管理局
  let hangzhou: number; // 杭州市应急管理局
  let shangcheng: number; // 杭州市上城区应急管理局
  beforeAll(async () => {
    h = await createHarness(kind);
    cookie = await h.login('county.officer');
    const ids = await h.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from agencies where region_code in ('330106','330100','330102')`);
    const byRegion = new Map(ids.map((r) => [r.region_code, Number(r.id)]));
    xihu = byRegion.get('330106')!;
    hangzhou = byRegion.get('330100')!;
    shangcheng = byRegion.get('330102')!;
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload?: unknown, c = cookie) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie: c }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const valid = (suffix: string) => ({
    creditCode: withCheckChar(`91330106MA2${suffix.padStart(6, '0')}`),
    name: `杭州测试${suffix}化工有限公司`,
    regionCode: '330106002',
    address: '浙江省杭州市西湖区北山街道测试路1号',
    industry: 'hazardous_chemicals',
    riskCode: 'yellow',
    hazardSourceCount: 4,
    majorHazardSourceCount: 1,
    supervisingAgencyId: xihu,
  });
  const count = async () => Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from enterprises`))[0]!.n);

  it('R2: an enterprise is created under its credit code and the creation is in its history', async () => {
    const input = valid('1');
    const res = await call('POST', '/api/enterprises', { ...input, creditCode: input.creditCode.toLowerCase() });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e.creditCode).toBe(input.creditCode);
    expect(e.supervisingAgencyName).toBe('杭州市西湖区应急管理局');
    expect(e.regionName).toBe('浙江省杭州市西湖区北山街道');
    const hist = (await call('GET', `/api/enterprises/${e.id}/history`)).json().items;
    expect(hist).toHaveLength(1);
    expect(hist[0].action).toBe('create');
    expect(hist[0].actorName).toBe('县局执法员');
    expect(hist[0].after.creditCode).toBe(input.creditCode);
  });

  it('R2: a wrong check character is refused with a message naming it, and nothing is written', async () => {
    const n = await count();
    const input = valid('2');
    const wrong = input.creditCode.slice(0, 17) + (input.creditCode[17] === '0' ? '1' : '0');
    const res = await call('POST', '/api/enterprises', { ...input, creditCode: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'INVALID_CREDIT_CODE', message: `统一社会信用代码校验位错误：第18位应为“${input.creditCode[17]}”，实际为“${wrong[17]}”` });
    const short = await call('POST', '/api/enterprises', { ...input, creditCode: '91330106MA2' });
    expect(short.json().message).toBe('统一社会信用代码应为18位，当前为11位');
    const letterO = await call('POST', '/api/enterprises', { ...input, creditCode: `${input.creditCode.slice(0, 10)}O${input.creditCode.slice(11)}` });
    expect(letterO.json().message).toContain('第11位“O”不是合法字符');
    expect(await count()).toBe(n);
  });

  it('R2: a credit code is registered once', async () => {
    const input = valid('3');
    expect((await call('POST', '/api/enterprises', input)).statusCode).toBe(201);
    const again = await call('POST', '/api/enterprises', { ...input, name: '另一个名称有限公司' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已登记');
  });

  it('R1: the supervising agency must be the local agency of a level that contains the enterprise', async () => {
    const res = await call('POST', '/api/enterprises', { ...valid('4'), supervisingAgencyId: shangcheng });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_AGENCY');
    expect(res.json().message).toContain('管辖区域不包含');
    // The city above the county is a valid single supervising agency — named by a level that contains the city (R1:
    // a county does not hand an enterprise to a higher level).
    expect((await call('POST', '/api/enterprises', { ...valid('5'), supervisingAgencyId: hangzhou }, await h.login('leader'))).statusCode).toBe(201);
  });

  it('R1: changing the supervising agency is a separate, reasoned, audited action for leaders', async () => {
    const e = (await call('POST', '/api/enterprises', valid('6'))).json();
    // PATCH cannot do it.
    const patch = await call('PATCH', `/api/enterprises/${e.id}`, { version: e.version, supervisingAgencyId: hangzhou });
    expect(patch.statusCode).toBe(400);
    // An officer may not; a leader may, with a reason.
    expect((await call('POST', `/api/enterprises/${e.id}/supervision`, { agencyId: hangzhou, reason: '升级为市级监管' })).statusCode).toBe(403);
    const leader = await h.login('leader');
    const noReason = await call('POST', `/api/enterprises/${e.id}/supervision`, { agencyId: hangzhou, reason: '' }, leader);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('原因');
    const bad = await call('POST', `/api/enterprises/${e.id}/supervision`, { agencyId: shangcheng, reason: '错误的机构' }, leader);
    expect(bad.statusCode).toBe(400);
    const ok = await call('POST', `/api/enterprises/${e.id}/supervision`, { agencyId: hangzhou, reason: '涉及重大危险源，升级为市级监管' }, leader);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().supervisingAgencyId).toBe(hangzhou);
    const hist = (await call('GET', `/api/enterprises/${e.id}/history`)).json().items;
    expect(hist[0]).toMatchObject({ action: 'transfer', reason: '涉及重大危险源，升级为市级监管', actorName: '省厅负责人' });
    expect(hist[0].before.supervisingAgencyName).toBe('杭州市西湖区应急管理局');
    expect(hist[0].after.supervisingAgencyName).toBe('杭州市应急管理局');
  });

  it('R35: an edit records exactly the changed fields, before and after', async () => {
    const e = (await call('POST', '/api/enterprises', valid('7'))).json();
    const res = await call('PATCH', `/api/enterprises/${e.id}`, { version: e.version, employeeCount: 321, riskCode: 'red', name: e.name });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ employeeCount: 321, riskCode: 'red', version: e.version + 1 });
    const hist = (await call('GET', `/api/enterprises/${e.id}/history`)).json().items;
    expect(hist[0].action).toBe('update');
    expect(hist[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'employeeCount', label: '从业人员数', before: 0, after: 321, beforeText: '0', afterText: '321' },
        { field: 'riskCode', label: '风险赋码', before: 'yellow', after: 'red', beforeText: '黄码', afterText: '红码' },
      ]),
    );
    expect(hist[0].changes).toHaveLength(2);
    // A stale version is refused and changes nothing.
    const stale = await call('PATCH', `/api/enterprises/${e.id}`, { version: e.version, employeeCount: 999 });
    expect(stale.statusCode).toBe(409);
    expect((await call('GET', `/api/enterprises/${e.id}`)).json().employeeCount).toBe(321);
  });

  it('R3: edits are validated: counts, region and hazard sources', async () => {
    const e = (await call('POST', '/api/enterprises', valid('8'))).json();
    const cases: [unknown, RegExp][] = [
      [{ version: e.version, employeeCount: -1 }, /从业人员数/],
      [{ version: e.version, majorHazardSourceCount: 9 }, /重大危险源数量不能大于危险源数量/],
      [{ version: e.version, regionCode: '330102001' }, /管辖范围|监管主体/],
      [{ version: e.version, regionCode: '999999' }, /不存在/],
      [{ version: e.version, riskCode: 'purple' }, /风险赋码/],
      [{ version: e.version, creditCode: '91330106MA2000000X' }, /.+/],
    ];
    for (const [body, msg] of cases) {
      const res = await call('PATCH', `/api/enterprises/${e.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().message).toMatch(msg);
    }
    const after = (await call('GET', `/api/enterprises/${e.id}`)).json();
    expect(after.version).toBe(e.version);
  });

  it('R3: the list filters by industry, risk, standardization, credit, region and agency, sorts and pages on the server', async () => {
    const admin = await h.login('admin');
    const all = await call('GET', '/api/enterprises?pageSize=200&industry=hazardous_chemicals,mining&riskCode=red,yellow', undefined, admin);
    const body = all.json();
    expect(body.items.length).toBeGreaterThan(0);
    for (const e of body.items) {
      expect(['hazardous_chemicals', 'mining']).toContain(e.industry);
      expect(['red', 'yellow']).toContain(e.riskCode);
    }
    const [{ n }] = (await h.database.rows<{ n: number }>(
      sql`select count(*)::int as n from enterprises where industry in ('hazardous_chemicals','mining') and risk_code in ('red','yellow')`,
    )) as [{ n: number }];
    expect(body.total).toBe(Number(n));
    const sorted = (await call('GET', '/api/enterprises?sort=name&order=asc&pageSize=50', undefined, admin)).json().items.map((e: { name: string }) => e.name);
    const dbSorted = (await h.database.rows<{ name: string }>(sql`select name from enterprises order by name asc, id asc limit 50`)).map((r) => r.name);
    expect(sorted).toEqual(dbSorted);
    const p1 = (await call('GET', '/api/enterprises?sort=creditCode&order=asc&pageSize=10&page=1', undefined, admin)).json().items;
    const p2 = (await call('GET', '/api/enterprises?sort=creditCode&order=asc&pageSize=10&page=2', undefined, admin)).json().items;
    expect(p1).toHaveLength(10);
    expect(p2[0].creditCode > p1[9].creditCode).toBe(true);
    const region = (await call('GET', '/api/enterprises?regionCode=330106&pageSize=200', undefined, admin)).json().items;
    expect(region.every((e: { regionCode: string }) => e.regionCode.startsWith('330106'))).toBe(true);
    const agency = (await call('GET', `/api/enterprises?supervisingAgencyId=${hangzhou}&pageSize=200`, undefined, admin)).json().items;
    expect(agency.every((e: { supervisingAgencyId: number }) => e.supervisingAgencyId === hangzhou)).toBe(true);
    const std = (await call('GET', '/api/enterprises?standardizationLevel=level1&creditStatus=trustworthy,normal&pageSize=200', undefined, admin)).json().items;
    expect(std.every((e: { standardizationLevel: string; creditStatus: string }) => e.standardizationLevel === 'level1' && ['trustworthy', 'normal'].includes(e.creditStatus))).toBe(true);
    const one = (await call('GET', '/api/enterprises?pageSize=200', undefined, admin)).json().items[0];
    const byName = (await call('GET', `/api/enterprises?q=${encodeURIComponent(one.name.slice(2, 6))}`, undefined, admin)).json().items;
    expect(byName.some((e: { id: number }) => e.id === one.id)).toBe(true);
    // Two-character Chinese searches go through the bigram index and find every name containing them.
    const two = one.name.slice(2, 4);
    const byTwo = (await call('GET', `/api/enterprises?q=${encodeURIComponent(two)}&pageSize=200`, undefined, admin)).json();
    const [{ n: twoCount }] = (await h.database.rows<{ n: number }>(sql`select count(*)::int as n from enterprises where name like ${'%' + two + '%'}`)) as [{ n: number }];
    expect(byTwo.total).toBe(Number(twoCount));
    expect(byTwo.items.every((e: { name: string }) => e.name.includes(two))).toBe(true);
    const byCode = (await call('GET', `/api/enterprises?q=${one.creditCode.slice(0, 12)}`, undefined, admin)).json().items;
    expect(byCode.some((e: { id: number }) => e.id === one.id)).toBe(true);
  });

  it('bad input gives a Chinese 4xx {code, message}, never a 5xx', async () => {
    const n = await count();
    const bodies: unknown[] = [
      {},
      { creditCode: 123 },
      { ...valid('9'), supervisingAgencyId: 'abc' },
      { ...valid('9'), supervisingAgencyId: 99999999 },
      { ...valid('9'), regionCode: '330106' + 'x' },
      { ...valid('9'), name: 'a'.repeat(500) },
      { ...valid('9'), employeeCount: 1.5 },
      { ...valid('9'), nonSiteMonitored: 'yes' },
      [],
      'not json',
    ];
    for (const body of bodies) {
      const res = await h.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie, 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(body)).toBeLessThan(500);
      const json = res.json();
      expect(typeof json.code).toBe('string');
      expect(json.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const url of ['/api/enterprises/abc', '/api/enterprises/-1', '/api/enterprises/99999999', '/api/enterprises?page=0', '/api/enterprises?sort=drop', '/api/enterprises?regionCode=12', '/api/enterprises?regionCode=999999', '/api/nope']) {
      const res = await call('GET', url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count()).toBe(n);
  });
});
