// R29 / R22 / R35: the whole 卷宗 in one PDF (cover, 卷内目录, documents in 归档 order, page numbers), and the
// completeness check before 结案.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, type InspectionRecordContent, type RectificationOrderContent, type ReinspectionOpinionContent } from '@anjian/domain';
import { useCaseWorld, beijingToday, dbKinds, violationFacts } from './harness.js';
import { pdfLines } from './pdfText.js';
import { resolveSession } from '../src/modules/auth/service.js';
import { issueDocument } from '../src/modules/documents/service.js';

const facts = violationFacts;

describe.each(dbKinds)('the 卷宗 on %s', (kind) => {
  const today = beijingToday();

  const w = useCaseWorld(kind, { enterprises: 300 });

  const { call, act, ok } = w;
  const draftCase = async () => (await ok(await call('POST', '/api/penalty-cases', { enterpriseId: w.enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds: w.investigators }), 201)).id as number;
  const textOf = (pdf: Buffer) => {
    const { pages, lines } = pdfLines(pdf);
    return { pages: pages.length, lines, byPage: (n: number) => lines.filter((l) => l.page === n).map((l) => l.text).join('\n') };
  };

  it('R29: the 卷宗 of a decided case holds every issued document in order, with cover, contents and page numbers', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    await ok(await act(id, 'notify', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
    const c = await ok(await act(id, 'decide', w.cookies.leader));
    const docs = c.documents as { kind: string; number: string; title: string }[];
    expect(docs.map((d) => d.kind)).toEqual(expect.arrayContaining(['case_opening_approval', 'penalty_notice', 'penalty_decision', 'credit_repair_notice']));

    const res = await call('GET', `/api/penalty-cases/${id}/file.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(`${c.caseNumber}卷宗.pdf`)}`);
    const pdf = textOf(res.rawPayload);
    const cover = pdf.byPage(1);
    expect(cover).toContain('行政处罚案卷');
    expect(cover).toContain(c.caseNumber);
    expect(cover).toContain('承办人');
    expect(cover.replace(/\n/g, '')).toContain(`本卷页数：${pdf.pages}页`);
    const toc = pdf.byPage(2);
    expect(toc).toContain('卷内目录');
    // each document in the contents, in the order issued, and each starting on the page the contents give
    let at = -1;
    for (const d of docs) {
      const i = toc.indexOf(d.title, at + 1);
      expect(i, d.title).toBeGreaterThan(at);
      at = i;
    }
    const tocRows = pdf.lines.filter((l) => l.page === 2);
    for (const d of docs) {
      const row = tocRows.find((l) => l.text === d.title)!;
      const pageNo = Number(tocRows.filter((l) => Math.abs(l.y - row.y) < 3 && /^\d+$/.test(l.text.trim())).sort((a, b) => b.x - a.x)[0]!.text);
      expect(pdf.byPage(pageNo), d.title).toContain(d.number);
    }
    for (let p = 1; p <= pdf.pages; p++) expect(pdf.byPage(p)).toMatch(new RegExp(`第\\s*${p}\\s*页\\s*共\\s*${pdf.pages}\\s*页`));

    const completeness = await ok(await call('GET', `/api/penalty-cases/${id}/completeness`));
    expect(completeness.missing).toEqual([]);
    expect(completeness.required.map((d: { label: string }) => d.label)).toEqual(['立案审批表', '行政处罚告知书', '行政处罚决定书', '行政处罚信息信用修复告知书']);
  });

  it('R29: 结案 is refused while a required document is missing, with the missing ones named', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    await ok(await act(id, 'transfer', w.cookies.leader, { reason: '涉嫌重大责任事故罪，现场发现伪造检测报告', transferTo: '杭州市公安局西湖区分局' }));
    // a case file brought over from paper: decided with a fine, but the decision was never issued here
    await w.h.database.rows(sql`update penalty_cases set decision = ${JSON.stringify({ kind: 'penalty', fine: 20000, sanctions: [] })}::jsonb where id = ${id}`);
    const missing = await ok(await call('GET', `/api/penalty-cases/${id}/completeness`));
    expect(missing.missing.map((d: { label: string }) => d.label)).toEqual(['行政处罚告知书', '行政处罚决定书', '行政处罚信息信用修复告知书']);
    const refused = await act(id, 'close', w.cookies.leader);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe('卷宗不完整，缺少：《行政处罚告知书》、《行政处罚决定书》、《行政处罚信息信用修复告知书》，不能结案');
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).status).toBe('transferred');
    // once complete (only the transfer letter is required of a transferred case), it closes
    await w.h.database.rows(sql`update penalty_cases set decision = null where id = ${id}`);
    expect((await ok(await act(id, 'close', w.cookies.leader))).status).toBe('closed');
    const file = textOf((await call('GET', `/api/penalty-cases/${id}/file.pdf`)).rawPayload);
    expect(file.byPage(1)).toContain('归档日期');
  });

  it('R29: the 卷宗 is refused to another county and to the enterprise', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    expect((await call('GET', `/api/penalty-cases/${id}/file.pdf`, undefined, w.cookies.neighbour)).statusCode).toBe(404);
    expect((await call('GET', `/api/penalty-cases/${id}/completeness`, undefined, w.cookies.neighbour)).statusCode).toBe(404);
    const ent = await call('GET', `/api/penalty-cases/${id}/file.pdf`, undefined, w.cookies.enterprise);
    expect(ent.statusCode).toBe(403);
    expect(ent.json().message).toContain('卷宗');
    expect((await call('GET', `/api/penalty-cases/${id}/completeness`, undefined, w.cookies.enterprise)).statusCode).toBe(403);
  });

  it('R22: an inspection\'s 卷宗 holds its hazards\' documents', async () => {
    const u = await ok(await call('POST', '/api/unplanned-inspections', { enterpriseId: w.enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }), 201);
    const ins = await ok(await call('POST', '/api/inspections', { enterpriseId: w.enterpriseId, origin: 'unplanned', unplannedRequestId: u.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: today, officerIds: w.investigators }), 201);
    await ok(await call('POST', `/api/inspections/${ins.id}/enter`));
    await ok(await call('POST', `/api/inspections/${ins.id}/show-credentials`));
    const names = (await w.h.database.rows<{ name: string }>(sql`select name from officers where id = ${w.investigators[0]!} or id = ${w.investigators[1]!} order by id`)).map((o) => o.name);
    await ok(await call('POST', `/api/inspections/${ins.id}/commitment`, { signerNames: names }));
    // nothing issued yet: the cover and an empty contents page
    const empty = textOf((await call('GET', `/api/inspections/${ins.id}/file.pdf`)).rawPayload);
    expect(empty.pages).toBe(2);
    expect(empty.byPage(2)).toContain('本卷尚无已出具的文书。');
    const f = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G05', description: '特种作业人员未持证上岗', disposition: 'hazard', deadline: addDays(today, 3), responsiblePerson: '李主任' });
    expect(f.statusCode, f.body).toBeLessThan(300);
    const hazardId = f.json().hazardId as number;

    // the documents as the inspection and its hazard would have issued them
    const p = (await resolveSession(w.h.ctx, w.cookies.officer.slice('sid='.length)))!;
    const enterprise = { name: '卷宗测试企业', creditCode: '91330106MA2CFXXX1X', address: '杭州市西湖区', legalRepresentative: '张三' };
    const officersRef = [
      { name: names[0]!, credentialNo: '33010620001' },
      { name: names[1]!, credentialNo: '33010620002' },
    ];
    const record: InspectionRecordContent = { enterprise, startedAt: new Date().toISOString(), place: '生产车间', officers: officersRef, legalBasis: ['《中华人民共和国安全生产法》第六十五条'], checkItems: [{ code: 'G05', title: '特种作业人员持证', result: 'nonconform' }], findings: ['特种作业人员未持证上岗'], examinations: [{ person: '张三', position: '主要负责人', subject: '安全生产责任制', passed: true }], certificateChecks: [{ certificate: '特种作业操作证', result: 'valid' }] };
    const order: RectificationOrderContent = { enterprise, inspectedOn: today, hazards: [{ description: '特种作业人员未持证上岗', requirement: '持证上岗', deadline: addDays(today, 3) }], officers: officersRef, reconsiderationBody: '杭州市西湖区人民政府', litigationCourt: '杭州市西湖区人民法院' };
    const opinion: ReinspectionOpinionContent = { enterprise, originalOrderNumber: '西湖应急责改〔2026〕1号', originalOrderDate: today, reinspectedOn: today, officers: officersRef, items: [{ hazard: '特种作业人员未持证上岗', result: 'rectified', opinion: '已持证' }], conclusion: '整改完毕，同意销号。' };
    const issued = await w.h.database.db.transaction(async (tx) => [
      await issueDocument(tx, w.h.ctx, p, { agencyId: p.agencyId!, kind: 'inspection_record', entityType: 'inspection', entityId: ins.id, enterpriseId: w.enterpriseId, content: record }),
      await issueDocument(tx, w.h.ctx, p, { agencyId: p.agencyId!, kind: 'rectification_order', entityType: 'inspection', entityId: ins.id, enterpriseId: w.enterpriseId, content: order }),
      await issueDocument(tx, w.h.ctx, p, { agencyId: p.agencyId!, kind: 'reinspection_opinion', entityType: 'hazard', entityId: hazardId, enterpriseId: w.enterpriseId, content: opinion }),
    ]);

    const res = await call('GET', `/api/inspections/${ins.id}/file.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const pdf = textOf(res.rawPayload);
    expect(pdf.byPage(1)).toContain('执法检查案卷');
    const toc = pdf.byPage(2);
    let at = -1;
    for (const d of issued) {
      const i = toc.indexOf(d.title, at + 1);
      expect(i, d.title).toBeGreaterThan(at);
      at = i;
    }
    expect(pdf.lines.map((l) => l.text).join('\n')).toContain('整改完毕，同意销号。');
    expect((await call('GET', `/api/inspections/${ins.id}/file.pdf`, undefined, w.cookies.neighbour)).statusCode).toBe(404);
    expect((await call('GET', `/api/inspections/${ins.id}/file.pdf`, undefined, w.cookies.enterprise)).statusCode).toBe(403);
  });
});
