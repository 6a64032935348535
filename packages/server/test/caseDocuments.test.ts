// Issue #17 (R27/R28/R29/R35): a penalty case's 卷宗 stands up in a 案卷评查 — every procedure document generated from
// the facts the workflow recorded (送达回证, 听证通知书, 听证笔录, 集体讨论记录, 法制审核意见书), filed in 归档 order.
// Each scenario drives the workflow through the API, closes the case and reads the downloaded 卷宗 back.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, formatYuan, legalReviewAspectLabels, serviceMethods, statementAdoptions } from '@anjian/domain';
import { useCaseWorld, beijingToday, dbKinds, discussionBoard, discussionOpinions, hearingMinutes, hearingNotice, violationFacts } from './harness.js';
import { pdfLines } from './pdfText.js';

const facts = violationFacts;
const cn = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

describe.each(dbKinds)('the procedure documents of a 卷宗 on %s', (kind) => {
  const today = beijingToday();

  const w = useCaseWorld(kind, { enterprises: 300 });

  const { call, act, ok } = w;
  const officerNames = () => w.investigatorRecords.map((o) => o.name);
  const draftCase = async (factsText: string) => (await ok(await call('POST', '/api/penalty-cases', { enterpriseId: w.enterpriseId, facts: factsText, investigatorIds: w.investigators }), 201)).id as number;

  /**
   * Closes the case, then reads its 卷宗: the required documents (completeness passes) are all in the 卷内目录 in
   * 归档 order, each on the page the contents give; every page numbered; no rule id or English code anywhere.
   */
  async function closedFile(id: number) {
    const c = await ok(await act(id, 'close', w.cookies.leader));
    expect(c.status).toBe('closed');
    const completeness = await ok(await call('GET', `/api/penalty-cases/${id}/completeness`));
    expect(completeness.missing).toEqual([]);
    const res = await call('GET', `/api/penalty-cases/${id}/file.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const { pages, lines } = pdfLines(res.rawPayload);
    const byPage = (n: number) => lines.filter((l) => l.page === n).map((l) => l.text).join('\n');
    const flat = (from: number, to = pages.length) => lines.filter((l) => l.page >= from && l.page <= to).map((l) => l.text).join('').replace(/\s/g, '');
    const docs = c.documents as { kind: string; title: string; number: string }[];
    // the 卷内目录: each document's row and its page number
    const toc = lines.filter((l) => l.page === 2);
    // (PDF coordinates: y grows upwards, so a row further down has a smaller y)
    let lastY = Infinity;
    const rows = docs.map((d) => {
      // each title's row below the previous one (the number column wraps; the title fits one line)
      const row = toc.filter((l) => l.text.trim() === d.title && l.y < lastY).sort((x, y) => y.y - x.y)[0]!;
      expect(row, `${d.title} in ${JSON.stringify(toc.map((l) => [l.text, Math.round(l.y)]))}`).toBeTruthy();
      lastY = row.y;
      const page = Number(toc.filter((l) => Math.abs(l.y - row.y) < 3 && /^\d+$/.test(l.text.trim())).sort((a, b) => b.x - a.x)[0]!.text);
      return { ...d, y: row.y, page };
    });
    // 归档 order: the required documents appear in the order the law files them, pages ascending
    const required = (completeness.required as { kind: string; label: string }[]).map((r) => r.kind);
    const filed = rows.filter((r) => required.includes(r.kind));
    expect([...new Set(filed.map((r) => r.kind))]).toEqual(required);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.page).toBeGreaterThan(rows[i - 1]!.page);
    for (const r of rows) expect(byPage(r.page), r.title).toContain(r.number);
    for (let p = 1; p <= pages.length; p++) expect(byPage(p)).toMatch(new RegExp(`第\\s*${p}\\s*页\\s*共\\s*${pages.length}\\s*页`));
    const all = flat(1);
    // nothing a user reads carries a rule id or an English code
    expect(all).not.toMatch(/\bR\d{1,2}\b|R\d{1,2}[：:、，]/);
    expect(all).not.toMatch(/[a-z]+_[a-z]+/);
    for (const code of [...serviceMethods, ...statementAdoptions, 'approved', 'returned', 'penalty', 'organization', 'hearing', 'general']) expect(all, code).not.toContain(code);
    /** The text of one document: from its page to the next document's. */
    const docText = (kindOf: string) => {
      const i = rows.findIndex((r) => r.kind === kindOf);
      expect(i, kindOf).toBeGreaterThanOrEqual(0);
      return flat(rows[i]!.page, (rows[i + 1]?.page ?? pages.length + 1) - 1);
    };
    return { c, completeness, docText, required };
  }

  it('R27/R28/R29/R35: a general-procedure case with a hearing held — 听证通知书, 听证笔录, 法制审核意见书, 集体讨论记录, 决定书, 送达回证 in one closed 卷宗', async () => {
    const id = await draftCase('未按规定对从业人员进行安全生产教育和培训');
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit', { clause: 3, circumstance: 'serious' }) }), 201);
    let c = await ok(await act(id, 'notify', w.cookies.officer));
    expect(c.hearingRightReasons.join('')).toContain('较大数额罚款');
    // the case was notified weeks ago: the hearing could be notified seven working days ahead and held since
    const notifiedOn = addDays(today, -25);
    await w.h.database.rows(sql`update penalty_cases set notified_on = ${notifiedOn}::date where id = ${id}`);
    await ok(await act(id, 'request_hearing', w.cookies.officer, { receivedOn: addDays(notifiedOn, 1), reason: '当事人书面要求听证' }));
    const noticeOn = addDays(notifiedOn, 2);
    const heldOn = addDays(today, -3);
    // R27: the hearing waits for its facts — no review without the notice facts and the minutes
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn, heldOn, hostId: w.thirdOfficer.id } }));
    const early = await act(id, 'submit_review', w.cookies.officer);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('听证笔录');
    const badMinutes = await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { notice: hearingNotice, minutes: { ...hearingMinutes, crossExamination: '' } } });
    expect(badMinutes.statusCode).toBe(400);
    expect(badMinutes.json().message).toContain('质证情况');
    c = await ok(await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { notice: hearingNotice, minutes: hearingMinutes } }));
    expect(c.documents.map((d: { kind: string }) => d.kind).slice(-2)).toEqual(['hearing_notification', 'hearing_record']);
    expect((await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { minutes: hearingMinutes } })).statusCode).toBe(409);

    await ok(await act(id, 'submit_review', w.cookies.officer));
    // R28: the review is written down — an approval without an opinion is refused
    const bare = await act(id, 'approve_review', w.cookies.legal);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toBe('请写明法制审核意见');
    const opinion = '经审核，本案事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意按拟处罚意见作出决定';
    await ok(await act(id, 'approve_review', w.cookies.legal, { reason: opinion, reviewPoints: { subject: '执法主体为县应急管理局，主体合法', procedure: '已告知并依当事人要求举行听证，程序合法' } }));
    const noDiscussion = await act(id, 'decide', w.cookies.leader);
    expect(noDiscussion.json().message).toContain('集体讨论');
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: discussionBoard, opinions: discussionOpinions, conclusion: '同意法制审核意见，按拟处罚内容作出行政处罚决定' } }, w.cookies.leader));
    c = await ok(await act(id, 'decide', w.cookies.leader, { reason: '经集体讨论决定' }));
    const fine = c.decision.fine as number;
    expect(fine).toBeGreaterThanOrEqual(50000);
    // 送达 on the unit's office clerk, who signs for it
    await ok(await act(id, 'serve', w.cookies.officer, { service: { method: 'direct', recipient: c.partyName, signer: { name: '钱文员', relation: '单位办公室工作人员' }, place: '当事人办公室' } }));
    await ok(await act(id, 'start_execution', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { executionDone: true }));

    const { docText, required } = await closedFile(id);
    expect(required).toEqual([
      'case_opening_approval',
      'penalty_notice',
      'hearing_notice',
      'hearing_notification',
      'hearing_record',
      'legal_review_opinion',
      'collective_discussion_record',
      'penalty_decision',
      'credit_repair_notice',
      'service_record',
    ]);
    const notice = docText('hearing_notification');
    expect(notice).toContain(`${cn(heldOn)}9时30分`);
    expect(notice).toContain('本机关第一听证室');
    expect(notice).toContain(`听证主持人：${w.thirdOfficer.name}`);
    expect(notice).toContain('听证员：周听证员');
    expect(notice).toContain('记录员：吴记录员');
    expect(notice).toContain('申请回避');
    expect(notice).toContain(`本通知于${cn(noticeOn)}送达`);
    const record = docText('hearing_record');
    expect(record).toContain(`听证时间：${cn(heldOn)}9时30分`);
    expect(record).toContain('赵代理人（委托代理人）');
    for (const part of [hearingMinutes.investigatorCase, hearingMinutes.partyStatement, hearingMinutes.crossExamination, hearingMinutes.finalStatements]) expect(record).toContain(part);
    for (const n of officerNames()) expect(record).toContain(n);
    expect(record).toContain('记录员（签名）');
    const review = docText('legal_review_opinion');
    for (const label of Object.values(legalReviewAspectLabels)) expect(review).toContain(label);
    expect(review).toContain('执法主体为县应急管理局，主体合法');
    expect(review).toContain(opinion);
    expect(review).toContain('审核结论：审核通过');
    expect(review).toContain(cn(today));
    const discussion = docText('collective_discussion_record');
    expect(discussion).toContain(`讨论日期：${cn(today)}`);
    expect(discussion).toContain('主持人：张局长（局长）');
    expect(discussion).toContain('李副局长（副局长）');
    expect(discussion).toContain('李副局长：事实清楚，同意处罚');
    expect(discussion).toContain('经过听证程序');
    expect(discussion).toContain('同意法制审核意见，按拟处罚内容作出行政处罚决定');
    expect(docText('penalty_decision')).toContain(`罚款${formatYuan(fine)}`);
    const service = docText('service_record');
    expect(service).toContain('《行政处罚决定书》');
    expect(service).toContain('《行政处罚信息信用修复告知书》');
    expect(service).toContain(`受送达人：${c.partyName}`);
    expect(service).toContain('送达方式：直接送达');
    expect(service).toContain('送达地点：当事人办公室');
    expect(service).toContain(`送达日期：${cn(today)}`);
    expect(service).toContain('钱文员（与受送达人关系：单位办公室工作人员）');
  });

  it('R27/R29/R35: a case whose statement was partly accepted, served by 留置送达 — 采纳情况 and the reduced amount in the closed 卷宗; 电子送达 refused without the written consent', async () => {
    const id = await draftCase('动火作业现场未安排专门人员进行现场安全管理');
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    let c = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq101.initial.unit', { clause: 3 }), amount: 40000 }), 201);
    const suggested = c.violations[0].proposal.suggestedAmount as number;
    expect(suggested).toBeLessThan(40000);
    await ok(await act(id, 'notify', w.cookies.officer));
    const statement = '我公司已于检查当日安排安全员到场监护动火作业，并已补充制度，请求从轻处罚';
    c = await ok(await act(id, 'record_statement', w.cookies.enterprise, { reason: statement }));
    const reasons = '当事人事后安排监护并补充制度属实，予以从轻考虑；但检查时未安排专门人员现场安全管理的事实清楚，不予免除处罚';
    await ok(await call('POST', `/api/penalty-cases/${id}/statements/${c.partySubmissions[0].id}/answer`, { result: 'partly_adopted', reasons }));
    // partly accepted: the amount goes down to the tier's suggestion
    await ok(await call('PATCH', `/api/penalty-cases/${id}/violations/1`, { amount: suggested }));
    c = await ok(await act(id, 'decide', w.cookies.leader));
    expect(c.decision.fine).toBe(suggested);

    // R27: 电子送达 only where the party agreed in writing (《行政处罚法》第六十一条)
    const electronic = { method: 'electronic', recipient: c.partyName, place: '当事人确认的电子邮箱' };
    const refused = await act(id, 'serve', w.cookies.officer, { service: electronic });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('当事人未书面同意电子送达');
    expect(refused.json().message).toContain('第六十一条');
    const noWitness = await act(id, 'serve', w.cookies.officer, { service: { method: 'left_at_premises', recipient: c.partyName, place: '当事人生产经营场所' } });
    expect(noWitness.statusCode).toBe(400);
    expect(noWitness.json().message).toContain('见证人');
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).status).toBe('decided');
    await ok(await act(id, 'serve', w.cookies.officer, { service: { method: 'left_at_premises', recipient: c.partyName, place: '当事人生产经营场所', witness: { name: '孙见证', position: '社区工作人员' } } }));
    await ok(await act(id, 'start_execution', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { executionDone: true }));

    const { docText, required } = await closedFile(id);
    // not a major case, no hearing asked for: no hearing documents, no review, no collective discussion
    expect(required).toEqual(['case_opening_approval', 'penalty_notice', 'penalty_decision', 'credit_repair_notice', 'service_record']);
    const decision = docText('penalty_decision');
    expect(decision).toContain(`当事人于${cn(today)}提出陈述、申辩：${statement}。`);
    expect(decision).toContain(`采纳情况：部分采纳。理由：${reasons}`);
    expect(decision).toContain(`罚款${formatYuan(suggested)}`);
    const service = docText('service_record');
    expect(service).toContain('送达方式：留置送达');
    expect(service).toContain('见证人：孙见证（社区工作人员）');
    expect(service).toContain('送达地点：当事人生产经营场所');
    expect(service).toContain(`送达日期：${cn(today)}`);
    expect(service).toContain('见证人（签名）');
  });
});
