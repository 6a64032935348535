import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { agencyShortName, type InspectionRecordContent, type RectificationOrderContent, type ReinspectionOpinionContent, type SectionedDocumentContent } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';
import { pdfLines } from './pdfText.js';
import { resolveSession } from '../src/modules/auth/service.js';
import type { Principal } from '../src/modules/auth/principal.js';
import { appendAudit, verifyChain } from '../src/modules/audit/chain.js';
import { issueDocument, type IssueDocumentInput } from '../src/modules/documents/service.js';
import { AppError } from '../src/lib/errors.js';

// ---------- fixtures ----------

const enterprise = { name: '杭州鑫源化工有限公司', creditCode: '91330106MA2CFXXX1X', address: '浙江省杭州市西湖区文一西路1号某某工业园区3幢东侧二楼', legalRepresentative: '张三', contactPhone: '0571-88888888' };
const officers = [
  { name: '李四', credentialNo: '33010620001' },
  { name: '王五', credentialNo: '33010620002' },
];
const LONG =
  '经查，你单位存在下列问题：现场发现危险化学品仓库内物品混存，未按规定设置通风和防爆设施，作业人员未佩戴劳动防护用品，安全警示标志缺失，应急器材过期未更换，ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ，以上问题须按要求逐项整改并报送整改情况。';
const record: InspectionRecordContent = {
  enterprise,
  startedAt: '2026-03-05T01:30:00.000Z',
  endedAt: '2026-03-05T03:00:00.000Z',
  place: '企业生产车间及仓库',
  officers,
  legalBasis: ['《中华人民共和国安全生产法》第六十五条'],
  checkItems: Array.from({ length: 24 }, (_, i) => ({
    code: `G${String((i % 14) + 1).padStart(2, '0')}`,
    title: i % 2 ? '安全生产证照、建设项目安全评价及建设项目安全设施“三同时”情况，是否存在未批先建、非法违法生产等情况' : '主要负责人履行职责情况',
    result: (['conform', 'nonconform', 'na'] as const)[i % 3]!,
    note: i % 3 === 1 ? '隐患排查治理台账自2025年10月起未更新' : undefined,
  })),
  findings: ['事故隐患排查治理台账自2025年10月起未更新', LONG],
  examinations: [{ person: '张三', position: '主要负责人', subject: '安全生产责任制、应急预案', passed: true, score: 85 }],
  certificateChecks: [{ certificate: '安全生产许可证', holder: '杭州鑫源化工有限公司', number: '(浙)WH安许证字〔2024〕0001', validTo: '2027-06-30', result: 'valid' }],
  onSiteRepresentative: { name: '赵六', position: '安全主管' },
  remarks: LONG,
};
const order: RectificationOrderContent = {
  enterprise,
  inspectedOn: '2026-03-05',
  inspectionRecordNumber: '西湖应急检记〔2026〕1号',
  hazards: [
    { description: '事故隐患排查治理台账未更新', requirement: '建立并按月更新隐患排查治理台账', deadline: '2026-03-20' },
    { description: LONG, requirement: '立即停止使用并整改', deadline: '2026-03-10', major: true },
  ],
  officers,
  reconsiderationBody: '杭州市西湖区人民政府',
  litigationCourt: '杭州市西湖区人民法院',
};
const opinion: ReinspectionOpinionContent = {
  enterprise,
  originalOrderNumber: '西湖应急责改〔2026〕1号',
  originalOrderDate: '2026-03-05',
  reinspectedOn: '2026-03-21',
  officers,
  items: [
    { hazard: '事故隐患排查治理台账未更新', result: 'rectified', opinion: '已建立台账并按月更新' },
    { hazard: LONG, result: 'not_rectified', opinion: '未按期整改，依法立案查处' },
  ],
  conclusion: '第1项已整改完毕，同意销号；第2项未整改，另行处理。',
};
const notice: SectionedDocumentContent = {
  recipient: '杭州鑫源化工有限公司',
  sections: [
    { heading: '违法事实', paragraphs: [LONG, LONG] },
    { heading: '陈述申辩权利', paragraphs: ['你单位有权进行陈述和申辩，请于收到本告知书之日起5日内提出。'] },
  ],
  officers,
};

// ---------- tests ----------

describe.each(dbKinds)('enforcement documents on %s', (kind) => {
  let h: Harness;
  let countyCookie: string;
  let county2Cookie: string;
  let adminCookie: string;
  let county: Principal;
  let admin: Principal;
  let countyEnterpriseId: number;
  const principalOf = async (cookie: string) => (await resolveSession(h.ctx, cookie.slice('sid='.length)))!;

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 300 });
    countyCookie = await h.login('county.officer');
    county2Cookie = await h.login('county2.officer');
    adminCookie = await h.login('admin');
    county = await principalOf(countyCookie);
    admin = await principalOf(adminCookie);
    const [e] = await h.database.rows<{ id: number }>(sql`select id from enterprises where region_code like ${county.agencyRegionCode + '%'} order by id limit 1`);
    countyEnterpriseId = Number(e!.id);
  });
  afterAll(() => h?.close());

  const issue = (p: Principal, input: Partial<IssueDocumentInput> & Pick<IssueDocumentInput, 'kind' | 'content'>) =>
    h.database.db.transaction((tx) => issueDocument(tx, h.ctx, p, { agencyId: p.agencyId!, entityType: 'test', entityId: 1, ...input } as IssueDocumentInput));
  const get = (url: string, cookie = countyCookie) => h.app.inject({ method: 'GET', url, headers: { cookie } });

  it('R35: 20 concurrent issuers in separate transactions get gapless, unique numbers', async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(county, { kind: 'inspection_record', content: record, entityId: i, enterpriseId: countyEnterpriseId, date: '2026-03-05' })));
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(20);
    const short = agencyShortName(county.agencyName!);
    expect(short).toBe('西湖');
    for (const r of rows) expect(r.number).toBe(`${short}应急检记〔2026〕${r.seq}号`);
    const [c] = await h.database.rows<{ last_seq: number }>(sql`select last_seq from document_counters where agency_id = ${county.agencyId} and kind = 'inspection_record' and year = 2026`);
    expect(Number(c!.last_seq)).toBe(20);
  });

  it('R35: callers that append audit entries before issuing do not deadlock with plain issuers; the chain stays whole', async () => {
    const rows = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.database.db.transaction(async (tx) => {
          if (i % 2 === 0) await appendAudit(h.database, tx, { id: county.userId, name: county.displayName }, [{ action: 'complete', entityType: 'test', entityId: i, regionCode: county.agencyRegionCode! }]);
          return issueDocument(tx, h.ctx, county, { agencyId: county.agencyId!, kind: 'case_transfer', entityType: 'test', entityId: i, content: notice, date: '2026-04-01' });
        }),
      ),
    );
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await verifyChain(h.database)).ok).toBe(true);
  });

  it('R35: a rolled-back issue gives its number back — no gap', async () => {
    const first = await issue(county, { kind: 'rectification_order', content: order, date: '2026-03-05' });
    const err = await h.database.db
      .transaction(async (tx) => {
        const d = await issueDocument(tx, h.ctx, county, { agencyId: county.agencyId!, kind: 'rectification_order', entityType: 'test', entityId: 2, content: order, date: '2026-03-05' });
        expect(d.seq).toBe(first.seq + 1);
        throw new Error('后续步骤失败，整个命令回滚');
      })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const next = await issue(county, { kind: 'rectification_order', content: order, date: '2026-03-06' });
    expect(next.seq).toBe(first.seq + 1);
    const all = await h.database.rows<{ seq: number }>(sql`select seq from documents where agency_id = ${county.agencyId} and kind = 'rectification_order' and year = 2026 order by seq`);
    expect(all.map((r) => Number(r.seq))).toEqual([first.seq, first.seq + 1]);
  });

  it('R35: numbering restarts each Asia/Shanghai year and is separate per agency and per kind', async () => {
    const lastOf2026 = await issue(county, { kind: 'reinspection_opinion', content: opinion, date: '2026-12-31T23:30:00+08:00' });
    const firstOf2027 = await issue(county, { kind: 'reinspection_opinion', content: opinion, date: '2027-01-01T00:30:00+08:00' });
    expect(lastOf2026).toMatchObject({ year: 2026, seq: 1, number: '西湖应急复查〔2026〕1号' });
    expect(firstOf2027).toMatchObject({ year: 2027, seq: 1, number: '西湖应急复查〔2027〕1号' });
    expect((await issue(county, { kind: 'reinspection_opinion', content: opinion, date: '2027-02-01' })).seq).toBe(2);
    // Another kind and another agency start their own series.
    expect((await issue(county, { kind: 'penalty_notice', content: notice, date: '2026-05-01' })).number).toBe('西湖应急罚告〔2026〕1号');
    const byProvince = await issue(admin, { kind: 'inspection_record', content: record, date: '2026-03-05' });
    expect(byProvince).toMatchObject({ seq: 1, number: '浙应急检记〔2026〕1号', agencyName: '浙江省应急管理厅' });
  });

  it('R34: incomplete content, enterprise users and agencies outside the jurisdiction are refused in Chinese', async () => {
    const bad = await issue(county, { kind: 'inspection_record', content: { ...record, officers: [officers[0]!], examinations: [] } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).code).toBe('VALIDATION');
    expect((bad as AppError).message).toContain('执法人员不得少于两人');
    expect((bad as AppError).message).toContain('逢查必考');
    const [other] = await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330102'`);
    const outside = await issue(county, { agencyId: Number(other!.id), kind: 'inspection_record', content: record }).catch((e: unknown) => e);
    expect((outside as AppError).code).toBe('FORBIDDEN');
    const entPrincipal = await principalOf(await h.login('enterprise'));
    const byEnterprise = await issue({ ...entPrincipal, agencyId: county.agencyId }, { kind: 'inspection_record', content: record }).catch((e: unknown) => e);
    expect((byEnterprise as AppError).code).toBe('FORBIDDEN');
    expect((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from documents where entity_type = 'test' and kind = 'inspection_record' and agency_id = ${Number(other!.id)}`))[0]!.n).toBe(0);
  });

  it('R34/R35: the detail returns the issued content, its SM3 still matches, and the issue is in the audit chain', async () => {
    const d = await issue(county, { kind: 'rectification_order', content: order, entityType: 'inspection', entityId: 77, enterpriseId: countyEnterpriseId });
    const res = await get(`/api/documents/${d.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: d.id, number: d.number, title: '责令限期整改指令书', kind: 'rectification_order', entityType: 'inspection', entityId: '77', enterpriseId: countyEnterpriseId, contentIntact: true, issuedByName: county.displayName });
    expect(body.content).toEqual(JSON.parse(JSON.stringify(order)));
    expect(body.contentSm3).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await h.database.rows<{ action: string; after: { number: string; contentSm3: string } }>(sql`select action, after from audit_log where entity_type = 'document' and entity_id = ${String(d.id)}`);
    expect(audit).toMatchObject({ action: 'issue', after: { number: d.number, contentSm3: body.contentSm3 } });
    // Tampering with the stored content shows.
    await h.database.rows(sql`update documents set content = jsonb_set(content, '{inspectedOn}', '"2026-03-04"') where id = ${d.id}`);
    expect((await get(`/api/documents/${d.id}`)).json().contentIntact).toBe(false);
    // The list by entity.
    const list = (await get('/api/documents?entityType=inspection&entityId=77')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: d.id, number: d.number });
  });

  it.each([
    ['inspection_record', '现场检查记录', record],
    ['rectification_order', '责令限期整改指令书', order],
    ['reinspection_opinion', '整改复查意见书', opinion],
    ['penalty_notice', '行政处罚告知书', notice],
  ] as const)('R34: the %s PDF is a valid A4 PDF with the agency, the title, the number and page numbers, wrapped inside the margins', async (docKind, title, content) => {
    const d = await issue(county, { kind: docKind, content, date: '2026-06-01' });
    const res = await get(`/api/documents/${d.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(d.number + title)}.pdf`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const { pages, lines } = pdfLines(pdf);
    expect(pages[0]).toEqual({ width: 595.28, height: 841.89 }); // A4
    const text = lines.map((l) => l.text);
    expect(text).toContain(county.agencyName);
    expect(text).toContain(title);
    expect(text).toContain(d.number);
    for (let i = 1; i <= pages.length; i++) expect(text).toContain(`第 ${i} 页 共 ${pages.length} 页`);
    // Every line of text lies inside the left and right margins (76 pt): long Chinese paragraphs wrap.
    for (const l of lines) {
      expect(l.x, l.text).toBeGreaterThanOrEqual(76 - 0.01);
      expect(l.x + l.width, l.text).toBeLessThanOrEqual(595.28 - 76 + 0.01);
    }
    // The long paragraph is all there, across several lines.
    expect(text.join('').replace(/\s/g, '')).toContain(LONG.slice(0, 40));
    if (docKind === 'rectification_order') {
      const all = text.join('');
      expect(all).toContain('《中华人民共和国安全生产法》第六十五条');
      expect(all).toContain('60日内向杭州市西湖区人民政府申请行政复议');
      expect(all).toContain('6个月内依法向杭州市西湖区人民法院提起行政诉讼');
      expect(all).toContain('（印章）');
    }
    if (docKind === 'inspection_record') {
      const all = text.join('');
      for (const s of ['逢查必考', '逢查必检', '不符合', '不涉及', '执法证号：33010620001', '被检查单位现场负责人（签名）']) expect(all).toContain(s);
      expect(pages.length).toBeGreaterThan(1);
    }
  });

  it('R35: a county officer gets 404 for another county’s document; lists are scoped; an enterprise sees only its own documents', async () => {
    const d = await issue(county, { kind: 'inspection_record', content: record, entityType: 'inspection', entityId: 901, enterpriseId: countyEnterpriseId });
    for (const url of [`/api/documents/${d.id}`, `/api/documents/${d.id}/pdf`]) {
      const res = await get(url, county2Cookie);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '文书不存在或不在您的管辖范围内' });
    }
    expect((await get('/api/documents?entityType=inspection&entityId=901', county2Cookie)).json().total).toBe(0);
    expect((await get('/api/documents?entityType=inspection&entityId=901', adminCookie)).json().total).toBe(1);
    // The enterprise user of another enterprise does not see it; the enterprise concerned does.
    const entCookie = await h.login('enterprise');
    const ent = await principalOf(entCookie);
    expect((await get(`/api/documents/${d.id}`, entCookie)).statusCode).toBe(ent.enterpriseId === countyEnterpriseId ? 200 : 404);
    const own = await issue(admin, { kind: 'rectification_order', content: order, entityType: 'inspection', entityId: 902, enterpriseId: ent.enterpriseId });
    expect((await get(`/api/documents/${own.id}`, entCookie)).statusCode).toBe(200);
    expect((await get(`/api/documents/${own.id}/pdf`, entCookie)).statusCode).toBe(200);
    const entList = (await get('/api/documents?pageSize=200', entCookie)).json();
    expect(entList.items.length).toBeGreaterThan(0);
    expect(entList.items.every((x: { enterpriseId: number }) => x.enterpriseId === ent.enterpriseId)).toBe(true);
  });

  it('R34: bad parameters are 4xx with Chinese messages', async () => {
    const res = await get('/api/documents/abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    const badKind = await get('/api/documents?kind=foo');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().message).toContain('未知的文书种类');
    expect((await get('/api/documents/999999999')).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/documents' })).statusCode).toBe(401);
    const kinds = (await get('/api/documents/kinds')).json().items;
    expect(kinds.find((k: { kind: string }) => k.kind === 'penalty_decision')).toMatchObject({ title: '行政处罚决定书', abbreviation: '罚' });
  });
});
