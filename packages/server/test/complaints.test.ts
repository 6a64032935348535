import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { addDays, addWorkingDays } from '@anjian/domain';
import { createHarness, dbKinds, DEMO_PASSWORD, type Harness } from './harness.js';
import { users } from '../src/db/schema.js';
import { hashPassword } from '../src/modules/auth/password.js';
import { overdueComplaints } from '../src/modules/complaints/service.js';

const NAME = '王举报';
const PHONE = '13912345678';

describe.each(dbKinds)('complaints and reports (R37, R11) on %s', (kind) => {
  let h: Harness;
  let county: string; // county.officer, 西湖区
  let countyLeader: string;
  let neighbour: string; // county2.officer, 上城区
  let cityOfficer: string;
  let provinceLeader: string;
  let oversight: string;
  let legal: string;
  let admin: string;
  let enterpriseCookie: string;
  let township: string; // an officer of a township agency under 西湖区 (made below)
  let countyAgency: number;
  let neighbourAgency: number;
  let provinceAgency: number;
  let townshipAgency: number;
  let enterprise: { id: number; name: string; credit_code: string; region_code: string };
  let officerIds: number[];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  let ipSeq = 0;
  /** each public call from its own address unless one is given, so the throttle is tested on purpose only */
  const nextIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 800 });
    const agencyAt = async (code: string) => Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = ${code}`))[0]!.id);
    countyAgency = await agencyAt('330106');
    neighbourAgency = await agencyAt('330102');
    provinceAgency = await agencyAt('330000');
    townshipAgency = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where level = 'township' and region_code like '330106%' order by id limit 1`))[0]!.id);
    const [e] = await h.database.rows<{ id: number; name: string; credit_code: string; region_code: string }>(
      sql`select id, name, credit_code, region_code from enterprises where supervising_agency_id = ${countyAgency} order by id limit 1`,
    );
    enterprise = { ...e!, id: Number(e!.id) };
    officerIds = (
      await h.database.rows<{ id: number }>(
        sql`select id from officers where agency_id = ${countyAgency} and credential_valid_from <= ${today}::date and credential_valid_to >= ${addDays(today, 60)}::date and left_on is null order by id limit 2`,
      )
    ).map((o) => Number(o.id));
    await h.database.rows(sql`update users set enterprise_id = ${enterprise.id} where username = 'enterprise'`);
    await h.database.db.insert(users).values({ username: 'township.officer', displayName: '镇街工作人员', role: 'officer', agencyId: townshipAgency, passwordHash: await hashPassword(DEMO_PASSWORD) });
    const cookies = await Promise.all(
      ['county.officer', 'county.leader', 'county2.officer', 'city.officer', 'leader', 'oversight', 'legal', 'admin', 'enterprise', 'township.officer'].map((u) => h.login(u)),
    );
    [county, countyLeader, neighbour, cityOfficer, provinceLeader, oversight, legal, admin, enterpriseCookie, township] = cookies as [string, string, string, string, string, string, string, string, string, string];
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload?: unknown, cookie: string | null = county, remoteAddress?: string) =>
    h.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, remoteAddress: remoteAddress ?? nextIp(), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const rowOf = async (id: number) => (await h.database.rows<Record<string, unknown>>(sql`select * from complaints where id = ${id}`))[0]!;
  const idOf = async (trackingCode: string) => Number((await h.database.rows<{ id: number }>(sql`select id from complaints where tracking_code = ${trackingCode}`))[0]!.id);

  const publicBody = (extra: Record<string, unknown> = {}) => ({
    enterpriseName: enterprise.name,
    creditCode: enterprise.credit_code,
    regionCode: '330102', // the complainant names 上城区; the enterprise is supervised in 西湖区
    content: '该企业夜间在仓库违规动火作业，未办理动火审批手续，存在火灾隐患。',
    complainantName: NAME,
    complainantPhone: PHONE,
    anonymous: false,
    ...extra,
  });

  async function filePublic(extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/public/complaints', publicBody(extra), null);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().trackingCode as string;
  }

  it("R37: a public filing is routed to the enterprise's supervising county, not the region the complainant named", async () => {
    const code = await filePublic();
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    const row = await rowOf(await idOf(code));
    expect(Number(row.agency_id)).toBe(countyAgency);
    expect(row.routing).toBe('enterprise');
    expect(Number(row.enterprise_id)).toBe(enterprise.id);
    const [due] = await h.database.rows<{ d: string }>(sql`select to_char(accept_due, 'YYYY-MM-DD') as d from complaints where id = ${row.id}`);
    expect(due!.d).toBe(addWorkingDays(today, 5));
    // the neighbouring county the complainant named does not get it
    const other = await call('GET', `/api/complaints/${row.id}`, undefined, neighbour);
    expect(other.statusCode).toBe(404);
    const mine = await call('GET', `/api/complaints/${row.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().agencyId).toBe(countyAgency);
  });

  it('R37: an unmatched complaint goes to the county of the named region, or the province queue without one', async () => {
    const byRegion = await filePublic({ enterpriseName: '不在名录的小作坊', creditCode: null, regionCode: '330102' });
    expect(Number((await rowOf(await idOf(byRegion))).agency_id)).toBe(neighbourAgency);
    const byAddress = await filePublic({ enterpriseName: '不在名录的小作坊二', creditCode: null, regionCode: null, address: '浙江省杭州市西湖区某某路1号' });
    expect(Number((await rowOf(await idOf(byAddress))).agency_id)).toBe(countyAgency);
    const queued = await filePublic({ enterpriseName: '无从查找的单位', creditCode: null, regionCode: null, address: null });
    const q = await rowOf(await idOf(queued));
    expect(Number(q.agency_id)).toBe(provinceAgency);
    expect(q.routing).toBe('province_queue');
  });

  it('R37: staff intake at the wrong county is routed to the competent one; a transfer is recorded, never a dead end', async () => {
    const res = await call('POST', '/api/complaints', { ...publicBody(), source: 'hotline', regionCode: null }, neighbour);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ agencyId: countyAgency, visible: false });
    // manual routing from the province queue by the province's leader, with the reason kept
    const queued = await idOf(await filePublic({ enterpriseName: '无从查找的单位二', creditCode: null, regionCode: null }));
    const refused = await call('POST', `/api/complaints/${queued}/transfer`, { toAgencyId: countyAgency, reason: '查明位于西湖区' }, county);
    expect(refused.statusCode).toBe(404); // not the county's yet
    const t = await call('POST', `/api/complaints/${queued}/transfer`, { toAgencyId: countyAgency, reason: '经核实该单位位于西湖区' }, provinceLeader);
    expect(t.statusCode, t.body).toBe(200);
    const detail = (await call('GET', `/api/complaints/${queued}`)).json();
    expect(detail.agencyId).toBe(countyAgency);
    expect(detail.routingLabel).toBe('已转交');
    expect(detail.transfers).toHaveLength(1);
    expect(detail.transfers[0]).toMatchObject({ reason: '经核实该单位位于西湖区', toAgencyName: expect.stringContaining('西湖区') });
    const audit = await h.database.rows(sql`select 1 from audit_log where entity_type = 'complaint' and entity_id = ${String(queued)} and action = 'transfer'`);
    expect(audit).toHaveLength(1);
    // the county passes one on to its neighbour: recorded too
    const again = await call('POST', `/api/complaints/${queued}/transfer`, { toAgencyId: neighbourAgency, reason: '实际位于上城区' });
    expect(again.statusCode).toBe(200);
    expect((await call('GET', `/api/complaints/${queued}`, undefined, neighbour)).json().transfers).toHaveLength(2);
    // a county that cannot name the competent agency hands it up to its city
    const up = await call('POST', `/api/complaints/${queued}/transfer`, { toSuperior: true, reason: '涉及跨区县，报市局分派' }, neighbour);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().agencyName).toContain('杭州市');
    expect((await call('POST', `/api/complaints/${queued}/transfer`, { reason: '未选机构' }, cityOfficer)).statusCode).toBe(400);
  });

  it('R11: accepting a complaint about a registered enterprise opens an immediate inspection linked to it; R37: the answer shows on the tracking page', async () => {
    const code = await filePublic();
    const id = await idOf(code);
    const neighbourTry = await call('POST', `/api/complaints/${id}/accept`, { accept: true, officerIds }, neighbour);
    expect(neighbourTry.statusCode).toBe(404);
    const noTeam = await call('POST', `/api/complaints/${id}/accept`, { accept: true, officerIds: officerIds.slice(0, 1) });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().message).toContain('两名以上');
    const res = await call('POST', `/api/complaints/${id}/accept`, { accept: true, officerIds });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.status).toBe('accepted');
    expect(d.replyDue).toBe(addWorkingDays(today, 30));
    expect(d.inspection).toMatchObject({ id: expect.any(Number), plannedDate: today });
    const row = await rowOf(id);
    expect(Number(row.inspection_id)).toBe(d.inspection.id);
    const [insp] = await h.database.rows<{ origin: string; trigger: string; enterprise_id: number; agency_id: number; reason: string }>(
      sql`select i.origin, u.trigger, i.enterprise_id, i.agency_id, u.reason from inspections i join unplanned_requests u on u.id = i.unplanned_request_id where i.id = ${d.inspection.id}`,
    );
    expect(insp).toMatchObject({ origin: 'unplanned', trigger: 'complaint' });
    expect(Number(insp!.enterprise_id)).toBe(enterprise.id);
    expect(Number(insp!.agency_id)).toBe(countyAgency);
    // the inspection's record names no complainant
    expect(insp!.reason).not.toContain(NAME);
    expect((await call('POST', `/api/complaints/${id}/accept`, { accept: true, officerIds })).statusCode).toBe(409);

    const before = await call('GET', `/api/public/complaints/${code}`, undefined, null);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ status: 'accepted', statusLabel: '已受理，办理中', replyText: null });
    const reply = await call('POST', `/api/complaints/${id}/reply`, { text: '经现场检查，该企业确有违规动火作业，已责令停止并立案查处。' });
    expect(reply.statusCode, reply.body).toBe(200);
    const after = await call('GET', `/api/public/complaints/${code.toLowerCase()}`, undefined, null);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ status: 'replied', statusLabel: '已答复', replyText: '经现场检查，该企业确有违规动火作业，已责令停止并立案查处。', repliedOn: today });
    // nothing about the complainant or anyone else
    expect(after.body).not.toContain(NAME);
    expect(after.body).not.toContain(PHONE);
    expect(after.body).not.toContain('inspection');

    // 举报奖励: the county leader records it
    const officerReward = await call('POST', `/api/complaints/${id}/reward`, { amount: 2000, rewardOn: today, decision: '举报属实，按举报奖励办法给予奖励' });
    expect(officerReward.statusCode).toBe(403);
    const reward = await call('POST', `/api/complaints/${id}/reward`, { amount: 2000, rewardOn: today, decision: '举报属实，按举报奖励办法给予奖励' }, countyLeader);
    expect(reward.statusCode, reward.body).toBe(200);
    expect(reward.json()).toMatchObject({ rewardAmount: 2000, rewardOn: today });
  });

  it('R37: not accepting needs a reason, which the complainant reads', async () => {
    const code = await filePublic({ enterpriseName: '不在名录的小作坊三', creditCode: null, regionCode: '330106' });
    const id = await idOf(code);
    expect((await call('POST', `/api/complaints/${id}/accept`, { accept: false })).statusCode).toBe(400);
    const res = await call('POST', `/api/complaints/${id}/accept`, { accept: false, reason: '举报事项不属于安全生产监管职责，已告知向市场监管部门反映' });
    expect(res.statusCode, res.body).toBe(200);
    const pub = (await call('GET', `/api/public/complaints/${code}`, undefined, null)).json();
    expect(pub).toMatchObject({ status: 'not_accepted', decisionReason: '举报事项不属于安全生产监管职责，已告知向市场监管部门反映' });
  });

  it('R37: the complainant is shown only to the handling agency and oversight, masked for others, absent for the enterprise', async () => {
    const id = await idOf(await filePublic());
    const seen = async (cookie: string) => {
      const res = await call('GET', `/api/complaints?q=${encodeURIComponent(enterprise.name)}&pageSize=200`, undefined, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.find((c: { id: number }) => c.id === id);
    };
    expect(await seen(county)).toMatchObject({ complainantName: NAME, complainantPhone: PHONE, identityVisible: true });
    expect(await seen(countyLeader)).toMatchObject({ complainantName: NAME, complainantPhone: PHONE });
    expect(await seen(oversight)).toMatchObject({ complainantName: NAME, complainantPhone: PHONE });
    for (const cookie of [cityOfficer, provinceLeader, legal, admin]) {
      const c = await seen(cookie);
      expect(c).toMatchObject({ complainantName: '王**', complainantPhone: '139****5678', identityVisible: false, trackingCode: null });
      const detail = await call('GET', `/api/complaints/${id}`, undefined, cookie);
      expect(detail.body).not.toContain(NAME);
      expect(detail.body).not.toContain(PHONE);
    }
    const xlsx = async (cookie: string) => {
      const res = await call('GET', `/api/complaints/export?q=${encodeURIComponent(enterprise.name)}`, undefined, cookie);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const cells: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.text)))));
      return cells.join('\n');
    };
    expect(await xlsx(county)).toContain(PHONE);
    const cityExport = await xlsx(cityOfficer);
    expect(cityExport).toContain('139****5678');
    expect(cityExport).not.toContain(PHONE);
    expect(cityExport).not.toContain(NAME);
    // the enterprise learns nothing: no ledger, no detail, no export
    for (const url of ['/api/complaints', `/api/complaints/${id}`, '/api/complaints/export', '/api/observation-points']) {
      const res = await call('GET', url, undefined, enterpriseCookie);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain(NAME);
    }
    // nor does the audit trail carry who complained
    const audit = await h.database.rows<{ t: string }>(sql`select coalesce(after::text, '') || coalesce(reason, '') || coalesce(before::text, '') as t from audit_log where entity_type = 'complaint'`);
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) {
      expect(a.t).not.toContain(NAME);
      expect(a.t).not.toContain(PHONE);
    }
  });

  it('R37: overdue acceptance is computed by working days, in one function and in the ledger', async () => {
    const receivedOn = addDays(today, -20);
    const res = await call('POST', '/api/complaints', { ...publicBody({ enterpriseName: '逾期测试单位', creditCode: null, regionCode: '330106' }), source: 'letter', receivedOn });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const due = addWorkingDays(receivedOn, 5);
    expect(res.json().acceptDue).toBe(due);
    expect((await overdueComplaints(h.ctx, due)).find((o) => o.complaintId === id)).toBeUndefined();
    const late = (await overdueComplaints(h.ctx, addDays(due, 1))).find((o) => o.complaintId === id);
    expect(late).toMatchObject({ agencyId: countyAgency, regionCode: '330106', kind: 'accept', dueDate: due });
    expect(late!.summary).toContain('逾期未受理');
    expect(late!.summary).not.toContain(NAME);
    const ledger = (await call('GET', '/api/complaints?overdue=1&pageSize=200')).json();
    expect(ledger.items.find((c: { id: number }) => c.id === id)).toMatchObject({ overdue: 'accept', overdueLabel: '逾期未受理' });
  });

  it('R37: junk, bad codes and floods from one address are refused with Chinese 4xx', async () => {
    const junk = await call('POST', '/api/public/complaints', publicBody({ content: '啊啊啊啊啊啊啊啊啊啊啊' }), null);
    expect(junk.statusCode).toBe(400);
    expect(junk.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect((await call('POST', '/api/public/complaints', publicBody({ complainantPhone: '12' }), null)).statusCode).toBe(400);
    expect((await call('POST', '/api/public/complaints', publicBody({ creditCode: '91330106MA2XXXXXX1' }), null)).statusCode).toBe(400);
    expect((await call('POST', '/api/public/complaints', { content: '只有内容' }, null)).statusCode).toBe(400);
    expect((await call('POST', '/api/public/complaints', publicBody({ agencyId: countyAgency }), null)).statusCode).toBe(400); // no choosing the agency
    expect((await call('GET', '/api/public/complaints/abc', undefined, null)).statusCode).toBe(400);
    const unknown = await call('GET', '/api/public/complaints/ABCDEFGHJKMN', undefined, null);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('查询码');
    const ip = '10.9.9.9';
    for (let i = 0; i < 5; i++) expect((await call('POST', '/api/public/complaints', publicBody(), null, ip)).statusCode).toBe(201);
    const flood = await call('POST', '/api/public/complaints', publicBody(), null, ip);
    expect(flood.statusCode).toBe(429);
    expect(flood.json().message).toContain('12350');
    const guesser = '10.9.9.10';
    for (let i = 0; i < 20; i++) expect((await call('GET', `/api/public/complaints/ABCDEFGHJKM${'ABCDEFGHJKMNPQRSTUVWX'[i]}`, undefined, null, guesser)).statusCode).toBe(404);
    expect((await call('GET', '/api/public/complaints/ABCDEFGHJKMN', undefined, null, guesser)).statusCode).toBe(429);
    // staff acts on bad input
    expect((await call('POST', '/api/complaints/999999/accept', { accept: true })).statusCode).toBe(404);
    expect((await call('POST', '/api/complaints', { source: 'portal', enterpriseName: 'x', content: 'y', anonymous: true })).statusCode).toBe(400);
  });

  it('R37: observation points are designated by the province or a city; their clues are followed like complaints by the designating agency', async () => {
    expect((await call('POST', '/api/observation-points', { agencyId: townshipAgency }, countyLeader)).statusCode).toBe(403);
    expect((await call('POST', '/api/observation-points', { agencyId: countyAgency }, provinceLeader)).statusCode).toBe(400);
    const res = await call('POST', '/api/observation-points', { agencyId: townshipAgency, note: '对口联系西湖区' }, provinceLeader);
    expect(res.statusCode, res.body).toBe(201);
    const pointId = res.json().id as number;
    expect((await call('POST', '/api/observation-points', { agencyId: townshipAgency }, provinceLeader)).statusCode).toBe(409);
    const list = (await call('GET', '/api/observation-points', undefined, township)).json();
    expect(list.items.find((p: { id: number }) => p.id === pointId)).toMatchObject({ mayReport: true, mayRemove: false });
    expect((await call('POST', `/api/observation-points/${pointId}/clues`, { enterpriseName: '西湖区应急管理局', content: '区局对辖区企业的检查长期只签字不检查，隐患未督促整改。' }, county)).statusCode).toBe(403);
    const clue = await call('POST', `/api/observation-points/${pointId}/clues`, { enterpriseName: '西湖区应急管理局', content: '区局对辖区企业的检查长期只签字不检查，隐患未督促整改。' }, township);
    expect(clue.statusCode, clue.body).toBe(201);
    const row = await rowOf(clue.json().id);
    expect(row).toMatchObject({ source: 'observation_point', routing: 'observation', observation_point_id: pointId });
    expect(Number(row.agency_id)).toBe(provinceAgency);
    // the county reported on does not see it; the province handles it like any complaint
    expect((await call('GET', `/api/complaints/${row.id}`, undefined, county)).statusCode).toBe(404);
    const d = (await call('GET', `/api/complaints/${row.id}`, undefined, provinceLeader)).json();
    expect(d).toMatchObject({ sourceLabel: '基层观测点', status: 'received', mayHandle: true });
    const del = await call('DELETE', `/api/observation-points/${pointId}`, { reason: '调整观测点' }, provinceLeader);
    expect(del.statusCode).toBe(200);
    expect((await call('GET', '/api/observation-points', undefined, provinceLeader)).json().items.find((p: { id: number }) => p.id === pointId)).toBeUndefined();
  });
});
