// R16 / R18 / R23 / R27 / R29 / R34 / R35: the evidence and on-site measure documents (询问笔录, 勘验（检查）笔录,
// 现场处理措施决定书, 查封扣押决定书 and its 延长, 先行登记保存通知书) and the hazard escalation letters — each issued
// from the recorded facts, numbered, hashed, printed with its facts, and filed in its 卷宗 in 归档 order.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, evidencePreservationDue, seizureDue } from '@anjian/domain';
import { useCaseWorld, beijingToday, dbKinds, directService, violationFacts } from './harness.js';
import { pdfLines } from './pdfText.js';
import { runEscalation } from '../src/modules/hazard/service.js';

const facts = violationFacts;
const cn = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

describe.each(dbKinds)('evidence, measure and escalation documents on %s', (kind) => {
  const today = beijingToday();

  const w = useCaseWorld(kind, { enterprises: 300 });

  const { call, act, ok } = w;
  const names = () => w.investigatorRecords.map((o) => o.name);
  const credentials = () => w.investigatorRecords.map((o) => o.credentialNo);
  const refused = async (res: Awaited<ReturnType<typeof call>>, status: number, part: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(part);
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
  };
  const pdfText = async (url: string) => {
    const res = await call('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const { pages, lines } = pdfLines(res.rawPayload);
    return { pages: pages.length, all: lines.map((l) => l.text).join('').replace(/\s+/g, ''), byPage: (n: number) => lines.filter((l) => l.page === n).map((l) => l.text).join('\n') };
  };
  const docText = async (id: number) => (await pdfText(`/api/documents/${id}/pdf`)).all;

  // 9:05–10:30 Beijing time today, an hour or more ago at any time of day: the record is of the past
  const span = () => {
    const end = new Date(Date.now() - 3600_000);
    return { startedAt: new Date(end.getTime() - 85 * 60_000).toISOString(), endedAt: end.toISOString() };
  };
  const beijing = (iso: string) => {
    const s = new Date(Date.parse(iso) + 8 * 3600_000);
    return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日${s.getUTCHours()}时${String(s.getUTCMinutes()).padStart(2, '0')}分`;
  };
  const interview = (extra: Record<string, unknown> = {}) => ({
    ...span(),
    place: '被检查企业三楼会议室',
    interviewee: { name: '王建国', sex: 'male', idNumber: '11010519491231002X', workUnit: '被检查企业', post: '设备主管', phone: '13800000000', relation: '当事单位工作人员' },
    officerIds: w.investigators,
    recusalAnswer: '不申请回避',
    qa: [
      { q: '你单位的可燃气体报警装置最近一次检定是什么时候？', a: '去年三月，今年没有检定。' },
      { q: '报警装置失效你是否知情？', a: '知道，传感器过期还没有更换。' },
    ],
    ...extra,
  });

  async function inspection() {
    const u = await ok(await call('POST', '/api/unplanned-inspections', { enterpriseId: w.enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }), 201);
    const ins = await ok(await call('POST', '/api/inspections', { enterpriseId: w.enterpriseId, origin: 'unplanned', unplannedRequestId: u.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: today, officerIds: w.investigators }), 201);
    await ok(await call('POST', `/api/inspections/${ins.id}/enter`));
    await ok(await call('POST', `/api/inspections/${ins.id}/show-credentials`));
    await ok(await call('POST', `/api/inspections/${ins.id}/commitment`, { signerNames: names() }));
    return ins as { id: number; items: { code: string }[] };
  }

  /** A case from a finding of an inspection (R18), opened and under investigation. */
  async function caseFromInspection(): Promise<{ caseId: number; inspectionId: number }> {
    const ins = await inspection();
    const f = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), description: '可燃气体报警装置失效', disposition: 'violation', deadline: addDays(today, 10), responsiblePerson: '王建国' });
    expect(f.statusCode, f.body).toBeLessThan(300);
    const [c] = await w.h.database.rows<{ id: number }>(sql`select id from penalty_cases where source_inspection_id = ${ins.id}`);
    const caseId = Number(c!.id);
    await ok(await call('PATCH', `/api/penalty-cases/${caseId}`, { investigatorIds: w.investigators }));
    await ok(await act(caseId, 'open', w.cookies.leader));
    await ok(await act(caseId, 'start_investigation', w.cookies.officer));
    return { caseId, inspectionId: ins.id };
  }

  it('R16/R34/R35: an 询问笔录 of a case prints the person, the two officers with credentials, the rights, the answers and the confirmation', async () => {
    const { caseId } = await caseFromInspection();
    const body = interview();
    const doc = await ok(await call('POST', `/api/penalty-cases/${caseId}/interviews`, body), 201);
    expect(doc).toMatchObject({ kind: 'interview_record', title: '询问笔录', entityType: 'penalty_case', entityId: String(caseId) });
    expect(doc.number).toMatch(/^西湖应急询〔\d{4}〕\d+号$/);
    // stored with its SM3, intact
    expect((await ok(await call('GET', `/api/documents/${doc.id}`))).contentIntact).toBe(true);
    const t = await docText(doc.id);
    for (const s of ['询问笔录', doc.number, '王建国', '性别：男', '11010519491231002X', '设备主管', '13800000000', '当事单位工作人员', '被检查企业三楼会议室', ...names(), ...credentials()]) expect(t, s).toContain(s);
    expect(t).toContain(beijing(body.startedAt));
    expect(t).toContain('这是我们的执法证件（已出示）');
    expect(t).toContain('有如实回答询问、协助调查的义务');
    expect(t).toContain('申请执法人员回避的权利');
    expect(t).toContain('答：不申请回避');
    expect(t).toContain('问：报警装置失效你是否知情？');
    expect(t).toContain('答：知道，传感器过期还没有更换。');
    expect(t).toContain('以上笔录我已看过，与我说的相符');
    expect(t).toContain('被询问人（签名）');
    // several per case
    await ok(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview({ interviewee: { ...body.interviewee, name: '李四', idNumber: '11010519491231002x' } })), 201);
    expect((await ok(await call('GET', `/api/documents?entityType=penalty_case&entityId=${caseId}&kind=interview_record`))).total).toBe(2);
  });

  it('R16: a wrong ID number, one officer, a record of the future, an enterprise user or another county are refused in Chinese; nothing is issued', async () => {
    const { caseId } = await caseFromInspection();
    const count = async () => Number((await w.h.database.rows<{ n: number }>(sql`select count(*)::int as n from documents where entity_type = 'penalty_case' and entity_id = ${String(caseId)} and kind = 'interview_record'`))[0]!.n);
    await refused(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview({ interviewee: { ...interview().interviewee, idNumber: '110105194912310021' } })), 400, '公民身份号码不正确');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview({ officerIds: [w.investigators[0]] })), 400, '不得少于两人');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview({ startedAt: new Date(Date.now() + 3600_000).toISOString(), endedAt: new Date(Date.now() + 7200_000).toISOString() })), 400, '不能晚于现在');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview({ qa: [] })), 400, '问题和回答');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview({ interviewee: { ...interview().interviewee, sex: 'x' } })), 400, '性别');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview(), w.cookies.enterprise), 403, '企业用户');
    expect((await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview(), w.cookies.neighbour)).statusCode).toBe(404);
    expect(await count()).toBe(0);
  });

  it('R29: a case from an inspection decided without an 询问笔录 or 勘验（检查）笔录 cannot be closed, the missing one named', async () => {
    const { caseId } = await caseFromInspection();
    await ok(await call('POST', `/api/penalty-cases/${caseId}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    await ok(await act(caseId, 'notify', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${caseId}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
    await ok(await act(caseId, 'decide', w.cookies.leader));
    await ok(await act(caseId, 'serve', w.cookies.officer, { service: directService() }));
    await ok(await act(caseId, 'start_execution', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${caseId}`, { executionDone: true }));
    const missing = await ok(await call('GET', `/api/penalty-cases/${caseId}/completeness`));
    expect(missing.missing.map((d: { label: string }) => d.label)).toEqual(['询问笔录或勘验（检查）笔录']);
    await refused(await act(caseId, 'close', w.cookies.leader), 400, '《询问笔录或勘验（检查）笔录》');
    // the case is decided: the 笔录 now comes too late to be made in the case — the check stays, the fixture records it earlier
    await refused(await call('POST', `/api/penalty-cases/${caseId}/interviews`, interview()), 409, '作出决定前');
  });

  it('R29/R35: evidence recorded during the investigation is filed in the case 卷宗 in 归档 order and completes it', async () => {
    const { caseId, inspectionId } = await caseFromInspection();
    // a photo taken during the inspection, already in the evidence store
    const [photo] = await w.h.database.rows<{ id: number }>(
      sql`insert into evidence (client_id, region_code, enterprise_id, inspection_id, kind, mime, size, sm3, original_name, uploaded_by)
          select ${randomUUID()}, region_code, id, ${inspectionId}, 'photo', 'image/png', 100, ${'ab'.repeat(32)}, '报警装置现场照片.png', (select id from users where username = 'county.officer') from enterprises where id = ${w.enterpriseId} returning id`,
    );
    const exam = {
      ...span(),
      place: '企业储罐区',
      officerIds: w.investigators,
      partyPresent: { name: '王建国', post: '设备主管' },
      witnesses: [{ name: '赵见证', workUnit: '园区管委会' }],
      subject: '储罐区可燃气体报警装置',
      findings: '储罐区共设可燃气体报警探头6个，其中2个指示灯不亮，按测试按钮无报警。',
      evidenceIds: [Number(photo!.id)],
    };
    await refused(await call('POST', `/api/penalty-cases/${caseId}/site-examinations`, { ...exam, evidenceIds: [999999999] }), 400, '所附证据');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/site-examinations`, { ...exam, witnesses: [] }), 400, '见证人');
    const ex = await ok(await call('POST', `/api/penalty-cases/${caseId}/site-examinations`, exam), 201);
    const t = await docText(ex.id);
    for (const s of ['勘验（检查）笔录', '企业储罐区', '王建国', '赵见证', '其中2个指示灯不亮', '报警装置现场照片.png', `证据编号${photo!.id}`, ...names(), ...credentials()]) expect(t, s).toContain(s);
    expect(t).toContain(beijing(exam.startedAt));

    await ok(await call('POST', `/api/penalty-cases/${caseId}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    await ok(await act(caseId, 'notify', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${caseId}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
    const c = await ok(await act(caseId, 'decide', w.cookies.leader));
    expect((await ok(await call('GET', `/api/penalty-cases/${caseId}/completeness`))).missing).toEqual([]);
    const file = await pdfText(`/api/penalty-cases/${caseId}/file.pdf`);
    const toc = file.byPage(2);
    const order = ['立案审批表', '勘验（检查）笔录', '行政处罚告知书', '行政处罚决定书'].map((title) => toc.indexOf(title));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(file.all).toContain(ex.number);
    expect(c.status).toBe('decided');
  });

  it('R27/R29: 查封扣押决定书 lists the items with the 30-day period of the domain, extends once, and is required by the 卷宗', async () => {
    const { caseId } = await caseFromInspection();
    const body = { measure: 'detain', reason: '现场使用的3台电焊机绝缘破损，不符合保障安全生产的国家标准', place: '企业二号厂房', items: [{ name: '交流电焊机', spec: 'BX1-400', quantity: 3, unit: '台', location: '二号厂房东侧' }], officerIds: w.investigators };
    await refused(await call('POST', `/api/penalty-cases/${caseId}/seizures`, { ...body, items: [{ ...body.items[0], quantity: 0 }] }), 400, '数量应为正数');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/seizures`, { ...body, measure: 'burn' }), 400, '查封或者扣押');
    const doc = await ok(await call('POST', `/api/penalty-cases/${caseId}/seizures`, body), 201);
    expect(doc.number).toMatch(/应急查扣〔/);
    const t = await docText(doc.id);
    for (const s of ['查封扣押决定书', '交流电焊机', 'BX1-400', '3台', '二号厂房东侧', '《中华人民共和国安全生产法》第六十五条第一款第（四）项', '《中华人民共和国行政强制法》第二十四条、第二十五条', '扣押期限为30日', `至${cn(seizureDue(today))}止`, '六十日内向杭州市西湖区人民政府申请行政复议', '六个月内']) expect(t, s).toContain(s);
    // the case now must hold it (a 查封扣押 recorded)
    const required = (await ok(await call('GET', `/api/penalty-cases/${caseId}/completeness`))).required.map((d: { label: string }) => d.label);
    expect(required).toContain('查封扣押决定书');
    // the case page counts the period down with the same function
    const deadline = async () => (await ok(await call('GET', `/api/penalty-cases/${caseId}`))).deadlines.find((d: { id: string }) => d.id === 'seizure');
    expect(await deadline()).toMatchObject({ due: seizureDue(today), done: false });
    // 延长: the head of the agency, with reasons, once
    await refused(await call('POST', `/api/penalty-cases/${caseId}/seizures/${doc.id}/extension`, { reason: '检验机构尚未出具检验报告' }), 403, '');
    const ext = await ok(await call('POST', `/api/penalty-cases/${caseId}/seizures/${doc.id}/extension`, { reason: '检验机构尚未出具检验报告' }, w.cookies.leader), 201);
    const et = await docText(ext.id);
    expect(et).toContain(`延长至${cn(seizureDue(today, true))}`);
    expect(et).toContain(doc.number);
    expect(et).toContain('检验机构尚未出具检验报告');
    expect((await deadline()).due).toBe(seizureDue(today, true));
    await refused(await call('POST', `/api/penalty-cases/${caseId}/seizures/${doc.id}/extension`, { reason: '仍需检验' }, w.cookies.leader), 400, '只能延长一次');
    await refused(await call('POST', `/api/penalty-cases/${caseId}/seizures/${ext.id}/extension`, { reason: '仍需检验' }, w.cookies.leader), 400, '只能延长一次');
  });

  it('R27: 先行登记保存通知书 states the 7-working-day decision date of the domain function', async () => {
    const { caseId } = await caseFromInspection();
    const doc = await ok(
      await call('POST', `/api/penalty-cases/${caseId}/evidence-preservations`, { reason: '动火作业审批记录可能灭失', place: '企业安全管理部办公室', items: [{ name: '动火作业审批单', quantity: 12, unit: '份', location: '安全管理部档案柜' }], officerIds: w.investigators }),
      201,
    );
    const t = await docText(doc.id);
    for (const s of ['先行登记保存通知书', '《中华人民共和国行政处罚法》第五十六条', '动火作业审批单', '12份', `${cn(evidencePreservationDue(today))}前`, '不得销毁或者转移证据']) expect(t, s).toContain(s);
    expect((await ok(await call('GET', `/api/penalty-cases/${caseId}/completeness`))).required.map((d: { label: string }) => d.label)).toContain('先行登记保存通知书');
    expect((await ok(await call('GET', `/api/penalty-cases/${caseId}`))).deadlines.find((d: { id: string }) => d.id === 'evidence_preservation')).toMatchObject({ due: evidencePreservationDue(today), label: '先行登记保存证据的处理决定' });
  });

  it('R18/R22: 现场处理措施决定书 from an inspection hazard cites 第六十五条第一款第（三）项 and the remedies, and is filed in the inspection 卷宗; 询问笔录 of the inspection too', async () => {
    const ins = await inspection();
    const f = await ok(await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), description: '液化气储罐区违规动火作业', disposition: 'hazard', major: true, trackerName: '赵科长', requirement: '立即停止动火作业', deadline: addDays(today, 3), responsiblePerson: '王建国' }), 201);
    const body = { measures: ['evacuate', 'suspend'], scope: '液化气储罐区及其动火作业', officerIds: w.investigators };
    await refused(await call('POST', `/api/hazards/${f.hazardId}/on-site-measures`, { ...body, scope: '' }), 400, '停止的范围');
    await refused(await call('POST', `/api/hazards/${f.hazardId}/on-site-measures`, { ...body, measures: ['demolish'] }), 400, '现场处理措施');
    await refused(await call('POST', `/api/hazards/${f.hazardId}/on-site-measures`, body, w.cookies.enterprise), 403, '企业用户');
    const doc = await ok(await call('POST', `/api/hazards/${f.hazardId}/on-site-measures`, body), 201);
    const t = await docText(doc.id);
    for (const s of ['现场处理措施决定书', '重大事故隐患', '液化气储罐区违规动火作业', '《中华人民共和国安全生产法》第六十五条第一款第（三）项', '从危险区域内撤出作业人员', '责令暂时停产停业或者停止使用相关设施、设备：液化气储罐区及其动火作业', '六十日内向杭州市西湖区人民政府申请行政复议', '不停止执行', ...names()])
      expect(t, s).toContain(s);
    const iv = await ok(await call('POST', `/api/inspections/${ins.id}/interviews`, interview()), 201);
    const file = await pdfText(`/api/inspections/${ins.id}/file.pdf`);
    const toc = file.byPage(2);
    expect(toc.indexOf('现场处理措施决定书')).toBeGreaterThanOrEqual(0);
    expect(toc.indexOf('询问笔录')).toBeGreaterThan(toc.indexOf('现场处理措施决定书'));
    expect(file.all).toContain(iv.number);
  });

  it('R23: taking an escalation step issues its letter with the hazard, the order and the deadlines; once per step, only when reached', async () => {
    const ins = await inspection();
    const codes = ins.items.map((i) => i.code);
    await ok(await call('PUT', `/api/inspections/${ins.id}/answers`, { answers: codes.map((c) => ({ itemCode: c, result: 'conform', note: '' })) }));
    await ok(await call('POST', `/api/inspections/${ins.id}/exams`, { clientId: randomUUID(), personName: '王总', position: '主要负责人', questions: '隐患排查治理制度', score: 85 }));
    await ok(await call('POST', `/api/inspections/${ins.id}/certificates`, { clientId: randomUUID(), holderName: '李工', certificateType: '安全管理人员', certificateNo: 'A1', validTo: addDays(today, 300) }));
    const f = await ok(await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), description: '消防通道被货物堵塞', disposition: 'hazard', requirement: '清理消防通道', deadline: addDays(today, 1), responsiblePerson: '王建国' }), 201);
    await ok(await call('POST', `/api/inspections/${ins.id}/complete`, { summary: '发现隐患1项，已责令限期整改' }));
    const [order] = await w.h.database.rows<{ number: string }>(sql`select number from documents where kind = 'rectification_order' and entity_id = ${String(ins.id)}`);
    const hazardId = f.hazardId as number;
    const letter = { recipient: '杭州市西湖区商务局', requirement: '请督促该单位立即清理消防通道，落实隐患整改。', requiredBy: addDays(today, 10) };
    // not yet overdue: no step to take
    await refused(await call('POST', `/api/hazards/${hazardId}/escalations/letter/document`, letter), 409, '尚未到函告');
    // the deadline passed long ago: the nightly job reaches every step
    const past = addDays(today, -40);
    await w.h.database.rows(sql`update hazards set deadline = ${past}::date where id = ${hazardId}`);
    await runEscalation(w.h.ctx, today);
    await refused(await call('POST', `/api/hazards/${hazardId}/escalations/letter/document`, { ...letter, requiredBy: addDays(today, -1) }), 400, '完成期限');
    await refused(await call('POST', `/api/hazards/${hazardId}/escalations/letter/document`, letter, w.cookies.enterprise), 403, '企业用户');
    const doc = await ok(await call('POST', `/api/hazards/${hazardId}/escalations/letter/document`, letter), 201);
    expect(doc.kind).toBe('hazard_letter');
    const t = await docText(doc.id);
    for (const s of ['隐患整改逾期函告书', '杭州市西湖区商务局：', '消防通道被货物堵塞', order!.number, '清理消防通道', `超过整改期限（${cn(past)}）`, '请督促该单位立即清理消防通道', `${cn(addDays(today, 10))}前完成`]) expect(t, s).toContain(s);
    await refused(await call('POST', `/api/hazards/${hazardId}/escalations/letter/document`, letter), 409, '已出具');
    // 约谈: time, place, who attends
    const meeting = { at: new Date(Date.now() + 3 * 86400_000).toISOString(), place: '区应急管理局三楼会议室', attendees: ['主要负责人', '安全管理人员'] };
    await refused(await call('POST', `/api/hazards/${hazardId}/escalations/interview/document`, { requirement: '按时参加约谈并汇报整改情况。', requiredBy: addDays(today, 5) }), 400, '约谈时间');
    const iv = await ok(await call('POST', `/api/hazards/${hazardId}/escalations/interview/document`, { requirement: '按时参加约谈并汇报整改情况。', requiredBy: addDays(today, 5), meeting }), 201);
    const it2 = await docText(iv.id);
    for (const s of ['约谈通知书', '区应急管理局三楼会议室', '主要负责人、安全管理人员', beijing(meeting.at)]) expect(it2, s).toContain(s);
    const detail = await ok(await call('GET', `/api/hazards/${hazardId}`));
    expect(detail.escalations.find((e: { level: string }) => e.level === 'letter').documentId).toBe(doc.id);
    // the hazard's letters are in the inspection's 卷宗, after its record and order
    const toc = (await pdfText(`/api/inspections/${ins.id}/file.pdf`)).byPage(2);
    const at = ['现场检查记录', '责令限期整改指令书', '隐患整改逾期函告书', '约谈通知书'].map((x) => toc.indexOf(x));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
