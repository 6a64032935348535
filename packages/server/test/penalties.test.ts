import { describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, creditRepairAnswerDue, publicationDue } from '@anjian/domain';
import { caseFromFinding as findingCase, useCaseWorld, beijingToday, dbKinds, directService, discussionBoard, discussionOpinions, hearingMinutes, hearingNotice, violationFacts, multipart, PNG } from './harness.js';
import { arrayParam } from '../src/lib/bulk.js';

const facts = violationFacts;

describe.each(dbKinds)('penalty cases and credit on %s', (kind) => {
  const today = beijingToday();

  const w = useCaseWorld(kind, { enterprises: 800 });

  const { call, act, ok } = w;
  const eventCount = async (id: number) => Number((await w.h.database.rows<{ n: number }>(sql`select count(*)::int as n from penalty_case_events where case_id = ${id}`))[0]!.n);

  /** A draft case from a major-hazard finding of a real inspection (R18). */
  function caseFromFinding(): Promise<number> {
    return findingCase(w, {
      description: '安全设备未经常性维护，可燃气体报警装置失效，构成重大事故隐患',
      major: true,
      deadline: addDays(today, 10),
      responsiblePerson: '王建国',
      trackerName: '李督办',
    });
  }

  async function draftCase(extra: Record<string, unknown> = {}): Promise<number> {
    const c = await ok(await call('POST', '/api/penalty-cases', { enterpriseId: w.enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds: w.investigators, ...extra }), 201);
    return c.id;
  }

  /** opened → investigating, with violations assessed, notified, rights waived. */
  async function toNotified(id: number, violations: unknown[]) {
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    for (const v of violations) await ok(await call('POST', `/api/penalty-cases/${id}/violations`, v), 201);
    await ok(await act(id, 'notify', w.cookies.officer));
    return ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
  }

  it('R18/R25/R27/R28/R29: a case from an inspection finding through legal review to a published decision, served and closed', async () => {
    const id = await caseFromFinding();
    let c = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(c).toMatchObject({ status: 'draft', majorHazard: true, enterpriseId: w.enterpriseId });
    expect(c.availableActions).toEqual([]); // the officer cannot open; no investigators yet either
    // 立案 needs two investigators (行政处罚法 第四十二条)
    const lone = await act(id, 'open', w.cookies.leader);
    expect(lone.statusCode).toBe(400);
    expect(lone.json().message).toContain('两名以上');
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { investigatorIds: w.investigators }));
    c = await ok(await act(id, 'open', w.cookies.leader, { reason: '同意立案' }));
    expect(c.status).toBe('opened');
    expect(c.caseNumber).toMatch(/立审/);
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual(['case_opening_approval']);
    expect(c.deadlines.find((d: { id: string }) => d.id === 'decision')).toMatchObject({ due: addDays(today, 90), overdue: false });
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    // R25: the engine's proposal for the facts; R18 makes the major hazard an aggravating factor
    c = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'serious' }) }), 201);
    const v = c.violations[0];
    expect(v.facts.majorHazard).toBe(true);
    expect(v.proposal.aggravated).toBe(true);
    expect(v.proposal.reasoning).toContain('第九十七条');
    expect(v.proposal.suggestedAmount).toBeGreaterThanOrEqual(50000);
    expect(c.majorCaseReasons.join('')).toContain('重大案件标准');
    await ok(await act(id, 'notify', w.cookies.officer));
    c = await ok(await call('GET', `/api/penalty-cases/${id}`));
    // the hearing right applies (较大数额罚款): 听证告知书 goes with the 告知书 (R27)
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual(['case_opening_approval', 'penalty_notice', 'hearing_notice']);
    // a case from an inspection holds the person's own account as evidence before it can be closed (R29)
    const interview = {
      startedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
      endedAt: new Date(Date.now() - 3600_000).toISOString(),
      place: '企业会议室',
      interviewee: { name: '王建国', sex: 'male', idNumber: '11010519491231002X', workUnit: '被检查企业', post: '设备主管', phone: '13800000000', relation: '当事单位工作人员' },
      officerIds: w.investigators,
      recusalAnswer: '不申请回避',
      qa: [{ q: '可燃气体报警装置为何失效？', a: '传感器过期未更换。' }],
    };
    await ok(await call('POST', `/api/penalty-cases/${id}/interviews`, interview), 201);
    expect(c.deadlines.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(['statement_defense', 'hearing_request']));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true }));

    // R28: a major case cannot be decided without an approved legal review
    const before = await eventCount(id);
    const early = await act(id, 'decide', w.cookies.leader);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('重大案件须经法制审核');
    expect(await eventCount(id)).toBe(before);
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).status).toBe('notified');

    // the reviewer sees the whole file and returns it with comments
    await ok(await act(id, 'submit_review', w.cookies.officer));
    const work = await ok(await call('GET', '/api/legal-reviews?result=pending', undefined, w.cookies.legal));
    expect(work.items.find((r: { caseId: number }) => r.caseId === id)).toMatchObject({ result: 'pending' });
    expect((await call('GET', '/api/legal-reviews', undefined, w.cookies.enterprise)).statusCode).toBe(403);
    const file = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.legal));
    expect(file.violations).toHaveLength(1);
    expect(file.availableActions).toEqual(expect.arrayContaining(['approve_review', 'reject_review']));
    const noComment = await act(id, 'reject_review', w.cookies.legal);
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().message).toContain('审核意见');
    c = await ok(await act(id, 'reject_review', w.cookies.legal, { reason: '请补充设备维护记录的调查笔录' }));
    expect(c.status).toBe('investigating');
    expect(c.legalReviews.at(-1)).toMatchObject({ result: 'returned', comments: '请补充设备维护记录的调查笔录' });
    // the reviewer's record of reviews lists the return with its comments
    const history = await ok(await call('GET', '/api/legal-reviews', undefined, w.cookies.legal));
    expect(history.items.find((r: { caseId: number; result: string }) => r.caseId === id && r.result === 'returned')).toMatchObject({ comments: '请补充设备维护记录的调查笔录' });
    // re-notified and resubmitted, then approved
    await ok(await act(id, 'notify', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true }));
    await ok(await act(id, 'submit_review', w.cookies.officer));
    c = await ok(await act(id, 'approve_review', w.cookies.legal, { reason: '事实清楚，证据确凿，适用依据正确，程序合法' }));
    expect(c.legalReviews.at(-1)).toMatchObject({ result: 'approved' });
    // major: 负责人集体讨论 first (第五十七条第二款)
    const noDiscussion = await act(id, 'decide', w.cookies.leader);
    expect(noDiscussion.statusCode).toBe(400);
    expect(noDiscussion.json().message).toContain('集体讨论');
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: discussionBoard, opinions: discussionOpinions, conclusion: '同意法制审核意见，按拟处罚内容作出决定' } }, w.cookies.leader));
    c = await ok(await act(id, 'decide', w.cookies.leader, { reason: '经集体讨论决定' }));
    expect(c.status).toBe('decided');
    // 两书同达: the decision and the credit-repair notice together; the discretion is written into the decision (R25)
    const kinds = c.documents.map((d: { kind: string }) => d.kind);
    expect(kinds.slice(-2)).toEqual(['penalty_decision', 'credit_repair_notice']);
    const decisionDoc = c.documents.find((d: { kind: string }) => d.kind === 'penalty_decision');
    const [doc] = await w.h.database.rows<{ content: { sections: { heading?: string; paragraphs: string[] }[] } }>(sql`select content from documents where id = ${decisionDoc.id}`);
    const discretion = doc!.content.sections.find((s) => s.heading === '处罚依据和裁量理由')!;
    expect(discretion.paragraphs.join('')).toContain('裁量档次');
    expect((await call('GET', `/api/documents/${decisionDoc.id}/pdf`)).statusCode).toBe(200);
    expect(c.decision.fine).toBe(v.proposal.suggestedAmount);

    // R29: publication due by the earlier of 7 working days and 15 days; public only after publishing, masked
    expect(c.publication).toMatchObject({ dueOn: publicationDue(today).due, publishedAt: null });
    let pub = await ok(await call('GET', '/api/public/penalty-decisions', undefined, null));
    expect(pub.items.some((i: { id: number }) => i.id === id)).toBe(false);
    const published = await ok(await call('POST', `/api/penalty-cases/${id}/publish`));
    expect(published).toMatchObject({ published: true, late: false, publishedOn: today });
    pub = await ok(await call('GET', '/api/public/penalty-decisions', undefined, null));
    const item = pub.items.find((i: { id: number }) => i.id === id);
    expect(item.decision).toContain('罚款');
    expect(item.legalRepresentative === '' || /^.\*+$/.test(item.legalRepresentative)).toBe(true);
    expect((await call('POST', `/api/penalty-cases/${id}/publish`)).statusCode).toBe(409);

    // R32: the decision entered the credit record and the enterprise's credit status
    const credit = await ok(await call('GET', `/api/enterprises/${w.enterpriseId}/credit`));
    expect(credit.facts.find((f: { caseId: number }) => f.caseId === id)).toMatchObject({ kind: 'penalty', severity: 'serious', published: true });
    expect(credit.enterprise.creditStatus).toBe('dishonest');
    const db = await ok(await call('GET', `/api/credit/violations?enterpriseId=${w.enterpriseId}`, undefined, w.cookies.oversight));
    expect(db.items.find((f: { caseId: number }) => f.caseId === id)).toMatchObject({ severity: 'serious', kind: 'penalty' });
    expect((await ok(await call('GET', `/api/credit/violations?enterpriseId=${w.enterpriseId}`, undefined, w.cookies.neighbour))).items).toEqual([]);

    // 送达 → 执行 → 结案
    await ok(await act(id, 'serve', w.cookies.officer, { service: directService() }));
    await ok(await act(id, 'start_execution', w.cookies.officer));
    const unpaid = await act(id, 'close', w.cookies.leader);
    expect(unpaid.statusCode).toBe(400);
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { executionDone: true }));
    c = await ok(await act(id, 'close', w.cookies.leader));
    expect(c.status).toBe('closed');
    expect(c.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['open', 'notify', 'submit_review', 'reject_review', 'approve_review', 'decide', 'serve', 'close']));
    const audit = await w.h.database.rows(sql`select 1 from audit_log where entity_type = 'penalty_case' and entity_id = ${String(id)}`);
    expect(audit.length).toBeGreaterThanOrEqual(10);
    expect((await ok(await call('GET', '/api/audit/verify', undefined, await w.h.login('admin')))).ok).toBe(true);
  });

  it('R27/R28: illegal transitions are refused with the state machine’s reason', async () => {
    const id = await draftCase();
    const decide = await act(id, 'decide', w.cookies.leader);
    expect(decide.statusCode).toBe(409);
    expect(decide.json().message).toBe('案件当前为“待立案”，不能“作出决定”');
    const serve = await act(id, 'serve', w.cookies.officer);
    expect(serve.statusCode).toBe(409);
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    // notify without a proposal
    const notify = await act(id, 'notify', w.cookies.officer);
    expect(notify.statusCode).toBe(400);
    expect(notify.json().message).toContain('请先拟定处罚内容');
    // a penalty cannot be decided without notifying the rights first (第四十四条)
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    const skip = await act(id, 'decide', w.cookies.leader);
    expect(skip.statusCode).toBe(400);
    expect(skip.json().message).toContain('第四十四条');
    // transfer needs the suspected crime written (R30)
    const transfer = await act(id, 'transfer', w.cookies.leader, { reason: '涉嫌' });
    expect(transfer.statusCode).toBe(400);
    expect(transfer.json().message).toContain('移送司法机关须写明涉嫌犯罪的事实和理由');
    const c = await ok(await act(id, 'transfer', w.cookies.leader, { reason: '涉嫌重大责任事故罪，现场发现伪造检测报告', transferTo: '杭州市公安局西湖区分局' }));
    expect(c.status).toBe('transferred');
    expect(c.documents.at(-1).kind).toBe('case_transfer');
  });

  it('R28: unauthorised roles cannot decide or review (403/404, nothing changed)', async () => {
    const id = await draftCase();
    await toNotified(id, [{ facts: facts('aq097.initial.unit') }]);
    const before = await eventCount(id);
    const officerDecides = await act(id, 'decide', w.cookies.officer);
    expect(officerDecides.statusCode).toBe(403);
    expect(officerDecides.json().message).toContain('无权');
    expect((await act(id, 'decide', w.cookies.oversight)).statusCode).toBe(403);
    expect((await act(id, 'decide', w.cookies.legal)).statusCode).toBe(403);
    expect((await act(id, 'decide', w.cookies.enterprise)).statusCode).toBe(403);
    await ok(await act(id, 'submit_review', w.cookies.officer));
    expect((await act(id, 'approve_review', w.cookies.officer)).statusCode).toBe(403);
    expect((await act(id, 'approve_review', w.cookies.leader)).statusCode).toBe(403);
    expect((await act(id, 'approve_review', w.cookies.neighbour)).statusCode).toBe(404); // outside the jurisdiction: not revealed
    const c = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(c.status).toBe('legal_review');
    expect(c.legalReviews.at(-1).result).toBe('pending');
    expect(await eventCount(id)).toBe(before + 1);
    // oversight reads the case, the enterprise too (its own), without the internal file
    expect((await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.oversight)).statusCode).toBe(200);
    const own = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise));
    expect(own.legalReviews).toEqual([]);
    expect(own.events.map((e: { action: string }) => e.action)).not.toContain('submit_review');
    expect(own.availableActions).toEqual([]);
  });

  it('R25: a chosen amount outside the proposed tier needs a written reason, visible to oversight', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    const c = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    const range = c.violations[0].proposal.amountRange;
    expect(range).toEqual({ min: 25000, max: 50000 });
    const outside = range.max + 10000;
    const bare = await call('PATCH', `/api/penalty-cases/${id}/violations/1`, { amount: outside });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toContain('须书面说明理由');
    const tooHigh = await call('PATCH', `/api/penalty-cases/${id}/violations/1`, { amount: 200000, reason: '情节恶劣，社会影响较大，需从重处罚' });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().message).toContain('超过法定最高数额');
    const withReason = await ok(await call('PATCH', `/api/penalty-cases/${id}/violations/1`, { amount: outside, reason: '多次约谈仍未整改，社会影响较大' }));
    expect(withReason.violations[0]).toMatchObject({ amount: outside, deviates: true, reason: '多次约谈仍未整改，社会影响较大' });
    const view = await ok(await call('GET', '/api/penalty-oversight', undefined, w.cookies.oversight));
    expect(view.deviations.find((d: { caseId: number }) => d.caseId === id)).toMatchObject({ amount: outside, reason: '多次约谈仍未整改，社会影响较大' });
  });

  it('R25: several violations are assessed separately and penalised together (sum)', async () => {
    const id = await draftCase();
    await toNotified(id, [
      { facts: facts('aq097.initial.unit'), amount: 30000 },
      { facts: facts('aq101.initial.unit', { circumstance: 'minor', harm: 'minor' }), amount: 10000 },
    ]);
    let c = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(c.combined.lines.map((l: { amount: number }) => l.amount)).toEqual([30000, 10000]);
    expect(c.combined.total).toBe(40000);
    expect(c.proposal.fine).toBe(40000);
    expect(c.majorCaseReasons).toEqual([]);
    c = await ok(await act(id, 'decide', w.cookies.leader));
    expect(c.decision.fine).toBe(40000);
    expect(c.decision.reasoning).toContain('分别裁量、合并处罚');
  });

  it('R29: the publication due date follows publicationDue and a late publication is flagged', async () => {
    const id = await draftCase();
    await toNotified(id, [{ facts: facts('aq097.initial.unit') }]);
    const c = await ok(await act(id, 'decide', w.cookies.leader));
    expect(c.publication.dueOn).toBe(publicationDue(today).due);
    expect(c.deadlines.find((d: { id: string }) => d.id.startsWith('publication'))).toMatchObject({ due: publicationDue(today).due, overdue: false });
    // configurable: an agency with a 1-day rule gets an earlier due day
    process.env.PENALTY_PUBLICATION_DAYS = '1';
    try {
      const id2 = await draftCase();
      await toNotified(id2, [{ facts: facts('aq097.initial.unit') }]);
      const c2 = await ok(await act(id2, 'decide', w.cookies.leader));
      expect(c2.publication.dueOn).toBe(publicationDue(today, { statementDefenseWorkingDays: 5, decisionDays: 90, publicationWorkingDays: 7, publicationCalendarDays: 1, creditRepairWorkingDays: 3 }).due);
      expect(c2.publication.dueOn <= addDays(today, 3)).toBe(true);
    } finally {
      delete process.env.PENALTY_PUBLICATION_DAYS;
    }
    // the decision was made 20 days ago: the due day has passed
    await w.h.database.rows(sql`update penalty_publications set decided_on = ${addDays(today, -20)}::date, due_on = ${publicationDue(addDays(today, -20)).due}::date where case_id = ${id}`);
    const lateList = await ok(await call('GET', '/api/penalty-publications?status=late', undefined, w.cookies.oversight));
    expect(lateList.items.find((i: { caseId: number }) => i.caseId === id)).toMatchObject({ published: false, late: true });
    const pub = await ok(await call('POST', `/api/penalty-cases/${id}/publish`));
    expect(pub).toMatchObject({ published: true, late: true });
  });

  it('R18: a case from a major hazard cannot end as rectification only', async () => {
    const id = await draftCase({ majorHazard: true, facts: '重大事故隐患未及时消除' });
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    // 撤销立案 of a major-hazard case without the legal basis is refused
    const cancel = await act(id, 'cancel', w.cookies.leader, { reason: '已整改' });
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json().message).toContain('重大事故隐患不予处罚的，须写明不予处罚的法律依据');
    // 第九十三条第一款 sets only orders: no penalty to give — deciding it would be rectification only
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq093-1.initial.unit') }), 201);
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { decisionKind: 'penalty' }));
    const c = await ok(await act(id, 'notify', w.cookies.officer));
    expect(c.proposal).toMatchObject({ kind: 'penalty', fine: 0 });
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true }));
    const before = await eventCount(id);
    const decide = await act(id, 'decide', w.cookies.leader);
    expect(decide.statusCode).toBe(400);
    expect(decide.json().message).toContain('不得以责令限期整改代替行政处罚');
    expect(await eventCount(id)).toBe(before);
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).status).toBe('notified');
  });

  it('R26: a minor first violation corrected in time with no harm is not punished; the decision is issued alone and does not affect credit', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    const c0 = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'minor', harm: 'none', firstViolation: true, correctedInTime: true }) }), 201);
    expect(c0.violations[0].proposal.outcome).toBe('no_penalty');
    expect(c0.proposal).toMatchObject({ kind: 'no_penalty', fine: 0 });
    const fined = await call('PATCH', `/api/penalty-cases/${id}/violations/1`, { amount: 1000 });
    expect(fined.statusCode).toBe(400);
    expect(fined.json().message).toContain('不予行政处罚');
    // no penalty: no notification of a penalty is needed before the decision
    const c = await ok(await act(id, 'decide', w.cookies.leader));
    expect(c).toMatchObject({ status: 'decided', publication: null });
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual(['case_opening_approval', 'penalty_decision']);
    const credit = await ok(await call('GET', `/api/enterprises/${w.enterpriseId}/credit`));
    expect(credit.facts.find((f: { caseId: number }) => f.caseId === id)).toMatchObject({ kind: 'no_penalty', affectsCredit: false, published: false });
  });

  it('R18/R27: the simple procedure decides on the spot within the 第五十一条 limits; it is not published', async () => {
    const big = await draftCase({ procedure: 'simple', facts: '现场发现安全警示标志缺失' });
    await ok(await call('POST', `/api/penalty-cases/${big}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'minor', harm: 'none' }), amount: 5000 }), 201);
    const refused = await act(big, 'decide_on_spot', w.cookies.officer, { factsClearWithBasis: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('3000元');
    const id = await draftCase({ procedure: 'simple', facts: '现场发现安全警示标志缺失' });
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'minor', harm: 'none' }), amount: 2000 }), 201);
    const unclear = await act(id, 'decide_on_spot', w.cookies.officer);
    expect(unclear.statusCode).toBe(400);
    expect(unclear.json().message).toContain('违法事实确凿');
    const c = await ok(await act(id, 'decide_on_spot', w.cookies.officer, { factsClearWithBasis: true }));
    expect(c).toMatchObject({ status: 'decided', procedure: 'simple', publication: null });
    expect(c.decision.fine).toBe(2000);
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual(['penalty_decision', 'credit_repair_notice']);
  });

  it('R27/R28: a hearing requested must be held (host not an investigator) before the legal review', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'serious' }) }), 201);
    const n = await ok(await act(id, 'notify', w.cookies.officer));
    expect(n.hearingRightReasons.join('')).toContain('较大数额罚款');
    await ok(await act(id, 'request_hearing', w.cookies.officer));
    const early = await act(id, 'submit_review', w.cookies.officer);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('组织听证');
    const host = w.investigators[0];
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn: addDays(today, -20), heldOn: addDays(today, -2), hostId: host, notice: hearingNotice, minutes: hearingMinutes } }));
    const wrongHost = await act(id, 'submit_review', w.cookies.officer);
    expect(wrongHost.statusCode).toBe(400);
    expect(wrongHost.json().message).toContain('非本案调查人员主持');
    expect((await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { hostId: 999999 } })).statusCode).toBe(400);
    const [third] = await w.h.database.rows<{ id: number }>(sql`select id from officers where agency_id = ${w.agencyId} and id <> all(${arrayParam(w.investigators, 'int')}) order by id limit 1`);
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { hostId: Number(third!.id) } }));
    const c = await ok(await act(id, 'submit_review', w.cookies.officer));
    expect(c.status).toBe('legal_review');
    expect(c.legalReviews.at(-1).majorReasons.join('')).toContain('听证');
    // sent back and notified again: the party's rights start over, its hearing request with them
    await ok(await act(id, 'reject_review', w.cookies.legal, { reason: '请补充设备维护记录的调查笔录' }));
    const renotified = await ok(await act(id, 'notify', w.cookies.officer));
    expect(renotified.hearing ?? null).toBeNull();
    expect((await act(id, 'submit_review', w.cookies.officer)).json().message).toContain('陈述、申辩期限');
    const requested = await ok(await act(id, 'request_hearing', w.cookies.officer));
    expect(requested.status).toBe('hearing');
    expect(requested.hearing.requestedOn).toBe(today);
  });

  /** A case notified today with a fine that carries the hearing right (较大数额罚款), for the party's acts (R27). */
  async function notifiedWithHearingRight(enterprise = w.enterpriseId): Promise<number> {
    const c = await ok(await call('POST', '/api/penalty-cases', { enterpriseId: enterprise, facts: '安全设备未经常性维护，可燃气体报警装置失效', investigatorIds: w.investigators }), 201);
    await ok(await act(c.id, 'open', w.cookies.leader));
    await ok(await act(c.id, 'start_investigation', w.cookies.officer));
    await ok(await call('POST', `/api/penalty-cases/${c.id}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'serious' }) }), 201);
    const n = await ok(await act(c.id, 'notify', w.cookies.officer));
    expect(n.hearingRightReasons.join('')).toContain('较大数额罚款');
    return c.id;
  }
  const caseRow = async (id: number) =>
    (await w.h.database.rows<{ status: string; statement_received: boolean; statement_text: string | null; rights_waived: boolean; hearing: { requestedOn: string } | null; version: number }>(
      sql`select status, statement_received, statement_text, rights_waived, hearing, version from penalty_cases where id = ${id}`,
    ))[0]!;

  it('R27: the enterprise submits its statement itself — the case moves as when an officer records it; a further one is a supplement; files attach', async () => {
    const id = await notifiedWithHearingRight();
    let own = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise));
    expect(own.availableActions).toEqual(['record_statement', 'request_hearing', 'waive_rights']);
    // before the decision the party knows its case by the 告知书 served on it, never by the internal 立案审批表
    const notice = own.documents.find((d: { kind: string }) => d.kind === 'penalty_notice');
    expect(own.caseNumber).toBe(notice.number);
    expect(own.caseNumber).toMatch(/罚告/);
    const listed = (await ok(await call('GET', `/api/penalty-cases?enterpriseId=${w.enterpriseId}&pageSize=100`, undefined, w.cookies.enterprise))).items.find((x: { id: number }) => x.id === id);
    expect(listed.caseNumber).toBe(notice.number);
    // a scanned letter, uploaded first, then cited by the statement
    const up = multipart({ clientId: randomUUID() }, { data: PNG, name: '陈述申辩书.png', type: 'image/png' });
    const file = await ok(await w.h.app.inject({ method: 'POST', url: `/api/penalty-cases/${id}/attachments`, headers: { ...up.headers, cookie: w.cookies.enterprise }, payload: up.payload }), 201);
    const empty = await act(id, 'record_statement', w.cookies.enterprise, { reason: '无' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('请写明陈述、申辩');
    const text = '报警装置已于告知前更换并检测合格，系首次违法，请求从轻处罚';
    own = await ok(await act(id, 'record_statement', w.cookies.enterprise, { reason: text, evidenceIds: [file.id] }));
    expect(own).toMatchObject({ status: 'defence', statementReceived: true, statementText: text });
    expect(own.partySubmissions).toEqual([expect.objectContaining({ kind: 'record_statement', onBehalf: false, supplement: false, byRole: 'enterprise', receivedOn: today, text, attachments: [expect.objectContaining({ id: file.id, name: '陈述申辩书.png' })] })]);
    expect(own.events.find((e: { action: string }) => e.action === 'record_statement')).toMatchObject({ actorRole: 'enterprise', reason: text, fromStatus: 'notified', toStatus: 'defence' });
    expect((await call('GET', `/api/evidence/${file.id}/file`, undefined, w.cookies.officer)).statusCode).toBe(200);
    // a further statement within the period is appended as a supplement, never lost
    own = await ok(await act(id, 'record_statement', w.cookies.enterprise, { reason: '补充提交设备维护合同及检测报告' }));
    expect(own.status).toBe('defence');
    expect(own.statementText).toContain(text);
    expect(own.statementText).toContain('【补充陈述、申辩');
    expect(own.partySubmissions.map((x: { supplement: boolean }) => x.supplement)).toEqual([false, true]);
    // the officer's file shows the party's submissions; the officer records a paper statement on another case the same way
    const file2 = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(file2.partySubmissions).toHaveLength(2);
    expect(file2.partySubmissions[0].attachments[0].id).toBe(file.id);
    const paper = await notifiedWithHearingRight();
    const yesterday = addDays(today, -1);
    const future = await act(paper, 'record_statement', w.cookies.officer, { reason: '当事人来函陈述：已整改完毕', receivedOn: addDays(today, 1) });
    expect(future.statusCode).toBe(400);
    const early = await act(paper, 'record_statement', w.cookies.officer, { reason: '当事人来函陈述：已整改完毕', receivedOn: yesterday });
    expect(early.statusCode).toBe(400); // before the notice (告知 was today)
    expect(early.json().message).toContain('不能早于告知日期');
    const rec = await ok(await act(paper, 'record_statement', w.cookies.officer, { reason: '当事人来函陈述：已整改完毕' }));
    expect(rec.status).toBe('defence');
    expect(rec.partySubmissions[0]).toMatchObject({ onBehalf: true, byRole: 'officer', receivedOn: today });
  });

  it('R27: a hearing is requested within 5 working days of the notice — over 国庆 2026 (real holiday calendar), 10-12 in time, 10-13 late', async () => {
    // notified on 2026-09-29: 10-01…10-07 are off (国庆、中秋), 10-10 is a 调休 working Saturday → the 5th working day is 10-12
    const inTime = await notifiedWithHearingRight();
    const late = await notifiedWithHearingRight();
    await w.h.database.rows(sql`update penalty_cases set notified_on = '2026-09-29' where id = any(${arrayParam([inTime, late], 'int')})`);
    const lateEvents = await eventCount(late);
    const lateBefore = await caseRow(late);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(new Date('2026-10-13T09:30:00+08:00'));
      const refused = await act(late, 'request_hearing', w.cookies.enterprise, { reason: '要求听证' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toBe('当事人应当在告知后五个工作日内（2026-10-12前）提出听证要求，已逾期（《行政处罚法》第六十四条）');
      // 13 calendar days after the notice, the holiday makes it still in time
      vi.setSystemTime(new Date('2026-10-12T16:30:00+08:00'));
      const c = await ok(await act(inTime, 'request_hearing', w.cookies.enterprise, { reason: '拟罚款数额较大，要求举行听证' }));
      expect(c).toMatchObject({ status: 'hearing', hearing: { requestedOn: '2026-10-12' } });
      expect(c.partySubmissions[0]).toMatchObject({ kind: 'request_hearing', onBehalf: false, receivedOn: '2026-10-12' });
      // the same request again is refused (409); the hearing is being arranged
      const again = await act(inTime, 'request_hearing', w.cookies.enterprise);
      expect(again.statusCode).toBe(409);
      expect(again.json().message).toBe('当事人已于2026-10-12提出听证要求，不能重复申请');
    } finally {
      vi.useRealTimers();
    }
    expect(await eventCount(late)).toBe(lateEvents);
    expect(await caseRow(late)).toEqual(lateBefore);
    // an officer records a paper request by the day it was received: the same rule, by that date
    const paperLate = await act(late, 'request_hearing', w.cookies.officer, { receivedOn: '2026-10-13' });
    expect(paperLate.statusCode).toBe(400);
    expect(paperLate.json().message).toContain('2026-10-12前');
    const paper = await ok(await act(late, 'request_hearing', w.cookies.officer, { receivedOn: '2026-10-12' }));
    expect(paper).toMatchObject({ status: 'hearing', hearing: { requestedOn: '2026-10-12' } });
    expect(paper.partySubmissions[0]).toMatchObject({ onBehalf: true, receivedOn: '2026-10-12' });
    // the officer's file: the hearing is next (HearingForm), the deadline is done
    expect(paper.deadlines.find((d: { id: string }) => d.id === 'hearing_request')).toMatchObject({ done: true });
  });

  it('R27: the enterprise waives its rights in writing — status unchanged, the periods end, the officer may submit for review', async () => {
    const id = await notifiedWithHearingRight();
    const early = await act(id, 'submit_review', w.cookies.officer);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('陈述、申辩期限至');
    const c = await ok(await act(id, 'waive_rights', w.cookies.enterprise));
    expect(c).toMatchObject({ status: 'notified', rightsWaived: true, availableActions: [] });
    expect(c.partySubmissions[0]).toMatchObject({ kind: 'waive_rights', onBehalf: false, text: '当事人书面声明放弃陈述、申辩和听证权利' });
    const before = await eventCount(id);
    const again = await act(id, 'waive_rights', w.cookies.enterprise);
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain('无需重复提交');
    const hearing = await act(id, 'request_hearing', w.cookies.enterprise);
    expect(hearing.statusCode).toBe(400);
    expect(hearing.json().message).toBe('当事人已书面放弃陈述、申辩和听证权利');
    expect(await eventCount(id)).toBe(before);
    const file = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(file.availableActions).toContain('submit_review');
    await ok(await act(id, 'submit_review', w.cookies.officer));
    // the officer's 登记 of a paper waiver (PATCH rightsWaived) is the same transition
    const other = await notifiedWithHearingRight();
    const patched = await ok(await call('PATCH', `/api/penalty-cases/${other}`, { rightsWaived: true, reason: '当事人提交书面放弃声明' }));
    expect(patched.events.at(-1)).toMatchObject({ action: 'waive_rights', actorRole: 'officer' });
    expect(patched.partySubmissions[0]).toMatchObject({ kind: 'waive_rights', onBehalf: true });
  });

  it('R27: the enterprise cannot act on another enterprise’s case (404, nothing changed) nor take a staff action (403 with the reason)', async () => {
    const [otherEnterprise] = await w.h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${w.agencyId} and id <> ${w.enterpriseId} order by id limit 1`);
    const foreign = await notifiedWithHearingRight(Number(otherEnterprise!.id));
    const before = { events: await eventCount(foreign), row: await caseRow(foreign) };
    for (const action of ['record_statement', 'request_hearing', 'waive_rights', 'decide', 'submit_review']) {
      const r = await act(foreign, action, w.cookies.enterprise, { reason: '代他人陈述申辩意见' });
      expect(r.statusCode, action).toBe(404);
      expect(r.json().message).toBe('案件不存在或不在您的管辖范围内');
    }
    expect((await call('PATCH', `/api/penalty-cases/${foreign}`, { rightsWaived: true }, w.cookies.enterprise)).statusCode).toBe(404);
    const up = multipart({ clientId: randomUUID() }, { data: PNG, name: 'x.png', type: 'image/png' });
    expect((await w.h.app.inject({ method: 'POST', url: `/api/penalty-cases/${foreign}/attachments`, headers: { ...up.headers, cookie: w.cookies.enterprise }, payload: up.payload })).statusCode).toBe(404);
    expect(await eventCount(foreign)).toBe(before.events);
    expect(await caseRow(foreign)).toEqual(before.row);

    const id = await notifiedWithHearingRight();
    const own = { events: await eventCount(id), row: await caseRow(id) };
    const staff = await act(id, 'submit_review', w.cookies.enterprise);
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'FORBIDDEN', message: '企业用户无权“提交法制审核”：该操作由执法人员办理' });
    expect((await act(id, 'decide', w.cookies.enterprise)).json().message).toBe('企业用户无权“作出决定”：该操作由单位负责人办理');
    const patch = await call('PATCH', `/api/penalty-cases/${id}`, { facts: '企业自行修改案情' }, w.cookies.enterprise);
    expect(patch.statusCode).toBe(403);
    expect(patch.json().message).toContain('企业用户不能修改案卷');
    expect((await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }, w.cookies.enterprise)).statusCode).toBe(403);
    expect((await call('POST', `/api/penalty-cases/${id}/interventions`, { intervenerName: '赵某', intervenerPosition: '副局长', method: '电话', content: '打招呼要求从轻', occurredOn: today }, w.cookies.enterprise)).statusCode).toBe(403);
    // the date of an online submission is the server's
    const dated = await act(id, 'record_statement', w.cookies.enterprise, { reason: '倒签日期的陈述申辩', receivedOn: today });
    expect(dated.statusCode).toBe(400);
    expect(dated.json().message).toContain('以系统收到的日期为准');
    // only files the submitter uploaded can be attached (here: the officer's scan)
    const up2 = multipart({ clientId: randomUUID() }, { data: PNG, name: '询问笔录.png', type: 'image/png' });
    const officersFile = await ok(await w.h.app.inject({ method: 'POST', url: `/api/penalty-cases/${id}/attachments`, headers: { ...up2.headers, cookie: w.cookies.officer }, payload: up2.payload }), 201);
    const stolen = await act(id, 'record_statement', w.cookies.enterprise, { reason: '附他人文件的陈述申辩', evidenceIds: [officersFile.id] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().message).toContain('附件不存在');
    expect(await eventCount(id)).toBe(own.events);
    expect(await caseRow(id)).toEqual(own.row);
  });

  it('R27: the party withdraws its hearing request before the hearing (《行政处罚法》第六十四条) — hearing.abandoned + withdrawnOn, one timeline and audit entry, then the legal review', async () => {
    const id = await notifiedWithHearingRight();
    await ok(await act(id, 'request_hearing', w.cookies.enterprise, { reason: '要求听证' }));
    let own = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise));
    expect(own.availableActions).toEqual(['withdraw_hearing']);
    const blocked = await act(id, 'submit_review', w.cookies.officer);
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().message).toContain('组织听证');

    // refused without a trace: an officer off the case, another county, another enterprise's user
    const [third] = await w.h.database.rows<{ id: number }>(
      sql`select id from officers where agency_id = ${w.agencyId} and id <> all(${arrayParam(w.investigators, 'int')}) and credential_valid_from <= ${today}::date and credential_valid_to >= ${today}::date order by id limit 1`,
    );
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { investigatorIds: [w.investigators[1]!, Number(third!.id)] }));
    const before = { events: await eventCount(id), row: await caseRow(id) };
    const offCase = await act(id, 'withdraw_hearing', w.cookies.officer, { reason: '当事人来函撤回听证申请' });
    expect(offCase.statusCode).toBe(400);
    expect(offCase.json()).toMatchObject({ code: 'VALIDATION', message: '只有本案承办人员可以登记撤回听证申请' });
    const neighbours = await act(id, 'withdraw_hearing', w.cookies.neighbour, { reason: '跨辖区登记撤回' });
    expect(neighbours.statusCode).toBe(404);
    expect(neighbours.json().message).toBe('案件不存在或不在您的管辖范围内');
    expect((await act(id, 'withdraw_hearing', w.cookies.oversight)).statusCode).toBe(403);
    expect(await eventCount(id)).toBe(before.events);
    expect(await caseRow(id)).toEqual(before.row);
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { investigatorIds: w.investigators }));
    const [otherEnterprise] = await w.h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${w.agencyId} and id <> ${w.enterpriseId} order by id limit 1`);
    const foreign = await notifiedWithHearingRight(Number(otherEnterprise!.id));
    await ok(await act(foreign, 'request_hearing', w.cookies.officer));
    const foreignBefore = { events: await eventCount(foreign), row: await caseRow(foreign) };
    const stranger = await act(foreign, 'withdraw_hearing', w.cookies.enterprise, { reason: '代他人撤回' });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().message).toBe('案件不存在或不在您的管辖范围内');
    expect(await eventCount(foreign)).toBe(foreignBefore.events);
    expect(await caseRow(foreign)).toEqual(foreignBefore.row);

    // the party withdraws online, with its reason and its signed letter
    const up = multipart({ clientId: randomUUID() }, { data: PNG, name: '撤回听证申请书.png', type: 'image/png' });
    const letter = await ok(await w.h.app.inject({ method: 'POST', url: `/api/penalty-cases/${id}/attachments`, headers: { ...up.headers, cookie: w.cookies.enterprise }, payload: up.payload }), 201);
    const reason = '已与办案机构充分沟通，对拟处罚内容无异议，撤回听证申请';
    own = await ok(await act(id, 'withdraw_hearing', w.cookies.enterprise, { reason, evidenceIds: [letter.id] }));
    // the statement period (notified today) still runs: the party may still state and defend itself
    expect(own).toMatchObject({ status: 'hearing', hearing: { requestedOn: today, abandoned: true, withdrawnOn: today }, availableActions: ['record_statement'] });
    expect(own.partySubmissions.at(-1)).toMatchObject({ kind: 'withdraw_hearing', onBehalf: false, byRole: 'enterprise', receivedOn: today, text: reason, attachments: [expect.objectContaining({ id: letter.id })] });
    // the party sees its act on its timeline, with its words
    expect(own.events.find((e: { action: string }) => e.action === 'withdraw_hearing')).toMatchObject({ actorRole: 'enterprise', reason, fromStatus: 'hearing', toStatus: 'hearing' });
    const [u] = await w.h.database.rows<{ id: number }>(sql`select id from users where username = 'enterprise'`);
    const audit = await w.h.database.rows<{ actor_id: number; reason: string | null; before: { status: string; hearing: Record<string, unknown> }; after: { status: string; actorRole: string; onBehalf: boolean; receivedOn: string; evidenceIds: number[]; hearing: Record<string, unknown> } }>(
      sql`select actor_id, reason, before, after from audit_log where entity_type = 'penalty_case' and entity_id = ${String(id)} and action = 'withdraw_hearing' order by id`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: Number(u!.id), reason, before: { status: 'hearing', hearing: { requestedOn: today } }, after: { status: 'hearing', actorRole: 'enterprise', onBehalf: false, receivedOn: today, evidenceIds: [letter.id], hearing: { requestedOn: today, abandoned: true, withdrawnOn: today } } });
    expect(audit[0]!.before.hearing.withdrawnOn).toBeUndefined();

    // refused twice (nothing written), no new request, the record is closed
    const events = await eventCount(id);
    const again = await act(id, 'withdraw_hearing', w.cookies.enterprise);
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe(`当事人已于${today}撤回听证申请，不能重复撤回`);
    const paperAgain = await act(id, 'withdraw_hearing', w.cookies.officer);
    expect(paperAgain.json().message).toBe(`当事人已于${today}撤回听证申请，不能重复撤回`);
    expect((await act(id, 'request_hearing', w.cookies.enterprise)).json().message).toBe(`当事人已于${today}撤回听证申请，不能再次申请听证`);
    const edit = await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn: today, abandoned: false } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toContain('撤回听证申请');
    expect(await eventCount(id)).toBe(events);

    // the hearing no longer blocks, the statement period still does: the party states its case, then the officer
    // submits for legal review; no "经过听证程序" among the major reasons
    const waiting = await act(id, 'submit_review', w.cookies.officer);
    expect(waiting.statusCode).toBe(400);
    expect(waiting.json().message).toContain('陈述、申辩期限');
    const upPhoto = multipart({ clientId: randomUUID() }, { data: PNG, name: '整改照片.png', type: 'image/png' });
    const photo = await ok(await w.h.app.inject({ method: 'POST', url: `/api/penalty-cases/${id}/attachments`, headers: { ...upPhoto.headers, cookie: w.cookies.enterprise }, payload: upPhoto.payload }), 201);
    const stated = await ok(await act(id, 'record_statement', w.cookies.enterprise, { reason: '对违法事实无异议，已整改完毕，请求从轻处罚', evidenceIds: [photo.id] }));
    expect(stated).toMatchObject({ status: 'defence', hearing: { withdrawnOn: today } });
    expect(stated.partySubmissions.at(-1).attachments).toEqual([expect.objectContaining({ id: photo.id })]);
    const file = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(file.availableActions).toContain('submit_review');
    expect(file.availableActions).not.toContain('withdraw_hearing');
    const reviewed = await ok(await act(id, 'submit_review', w.cookies.officer));
    expect(reviewed.status).toBe('legal_review');
    expect(reviewed.legalReviews.at(-1).majorReasons.join('')).not.toContain('听证');
    // one endpoint for both sides: the action is in the published schema
    const openapi = (await w.h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(JSON.stringify(openapi.paths['/api/penalty-cases/{id}/actions'].post)).toContain('withdraw_hearing');
  });

  it('R27: a hearing already held cannot be withdrawn; a scheduled one can — the officer records the party\'s paper withdrawal', async () => {
    const id = await notifiedWithHearingRight();
    await ok(await act(id, 'request_hearing', w.cookies.officer, { reason: '当事人来函要求听证' }));
    const [third] = await w.h.database.rows<{ id: number }>(sql`select id from officers where agency_id = ${w.agencyId} and id <> all(${arrayParam(w.investigators, 'int')}) order by id limit 1`);
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn: addDays(today, -20), heldOn: today, hostId: Number(third!.id) } }));
    const before = { events: await eventCount(id), row: await caseRow(id) };
    for (const [cookie, extra] of [[w.cookies.enterprise, {}], [w.cookies.officer, { receivedOn: today }]] as const) {
      const held = await act(id, 'withdraw_hearing', cookie, { reason: '撤回听证申请', ...extra });
      expect(held.statusCode).toBe(400);
      expect(held.json().message).toBe('听证已经举行，不能撤回听证申请');
    }
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise))).availableActions).toEqual([]);
    expect(await eventCount(id)).toBe(before.events);
    expect(await caseRow(id)).toEqual(before.row);
    // rescheduled to a later day: still before the hearing, so the party's written withdrawal is recorded (dated as received)
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn: today, heldOn: addDays(today, 14) } }));
    const future = await act(id, 'withdraw_hearing', w.cookies.officer, { receivedOn: addDays(today, 1) });
    expect(future.statusCode).toBe(400);
    const c = await ok(await act(id, 'withdraw_hearing', w.cookies.officer, { receivedOn: today }));
    expect(c.hearing).toMatchObject({ requestedOn: today, noticeOn: today, heldOn: addDays(today, 14), abandoned: true, withdrawnOn: today });
    expect(c.partySubmissions.at(-1)).toMatchObject({ kind: 'withdraw_hearing', onBehalf: true, byRole: 'officer', receivedOn: today, text: null });
    expect(c.events.at(-1)).toMatchObject({ action: 'withdraw_hearing', actorRole: 'officer' });
    // the statement period still runs; the party's written statement, recorded by the officer, ends it
    expect((await act(id, 'submit_review', w.cookies.officer)).json().message).toContain('陈述、申辩期限');
    await ok(await act(id, 'record_statement', w.cookies.officer, { reason: '当事人书面陈述：对违法事实无异议' }));
    await ok(await act(id, 'submit_review', w.cookies.officer));
  });

  it('R27/R35: each party submission is one timeline entry and one audit entry on the SM3 chain (who, when, what)', async () => {
    const id = await notifiedWithHearingRight();
    await ok(await act(id, 'record_statement', w.cookies.enterprise, { reason: '对违法事实无异议，请求从轻处罚' }));
    await ok(await act(id, 'request_hearing', w.cookies.enterprise, { reason: '要求听证' }));
    const [u] = await w.h.database.rows<{ id: number; display_name: string }>(sql`select id, display_name from users where username = 'enterprise'`);
    const audit = await w.h.database.rows<{ action: string; actor_id: number; actor_name: string; reason: string | null; before: { status: string }; after: { status: string; actorRole: string; onBehalf: boolean; receivedOn: string; hearing?: { requestedOn: string } } }>(
      sql`select action, actor_id, actor_name, reason, before, after from audit_log where entity_type = 'penalty_case' and entity_id = ${String(id)} and action in ('record_statement', 'request_hearing') order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['record_statement', 'request_hearing']);
    expect(audit[0]).toMatchObject({ actor_id: Number(u!.id), actor_name: u!.display_name, reason: '对违法事实无异议，请求从轻处罚', before: { status: 'notified' }, after: { status: 'defence', actorRole: 'enterprise', onBehalf: false, receivedOn: today } });
    expect(audit[1]!.after).toMatchObject({ status: 'hearing', hearing: { requestedOn: today } });
    const events = await w.h.database.rows<{ action: string; actor_role: string; actor_name: string }>(sql`select action, actor_role, actor_name from penalty_case_events where case_id = ${id} and action in ('record_statement', 'request_hearing') order by id`);
    expect(events).toEqual([
      { action: 'record_statement', actor_role: 'enterprise', actor_name: u!.display_name },
      { action: 'request_hearing', actor_role: 'enterprise', actor_name: u!.display_name },
    ]);
    expect((await ok(await call('GET', '/api/audit/verify', undefined, await w.h.login('admin')))).ok).toBe(true);
  });

  it('R30/R31: transfer issues the 案件移送书; interventions are recorded and visible to oversight, not to the enterprise', async () => {
    const id = await draftCase();
    const rec = await ok(await call('POST', `/api/penalty-cases/${id}/interventions`, { intervenerName: '赵某', intervenerPosition: '某局副局长', method: '电话', content: '打招呼要求从轻处理', occurredOn: today }, w.cookies.officer), 201);
    expect(rec.intervenerName).toBe('赵某');
    const view = await ok(await call('GET', '/api/penalty-oversight', undefined, w.cookies.oversight));
    expect(view.interventions.some((i: { caseId: number }) => i.caseId === id)).toBe(true);
    const own = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise));
    expect(own.interventions).toEqual([]);
    const impossible = await call('POST', `/api/penalty-cases/${id}/interventions`, { intervenerName: '赵某', intervenerPosition: '副局长', method: '电话', content: '打招呼要求从轻', occurredOn: '2026-02-30' });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().message).toContain('日期不存在');
    const future = await call('POST', `/api/penalty-cases/${id}/interventions`, { intervenerName: '赵某', intervenerPosition: '副局长', method: '电话', content: '打招呼要求从轻', occurredOn: addDays(today, 3) });
    expect(future.statusCode).toBe(400);
  });

  it('R29/R32: credit repair answered within 3 working days — in time, or flagged late; approval repairs the record', async () => {
    const id = await draftCase();
    await toNotified(id, [{ facts: facts('aq097.initial.unit') }]);
    await ok(await act(id, 'decide', w.cookies.leader));
    const credit = await ok(await call('GET', `/api/enterprises/${w.enterpriseId}/credit`, undefined, w.cookies.enterprise));
    const fact = credit.facts.find((f: { caseId: number }) => f.caseId === id);
    expect(fact).toMatchObject({ severity: 'general', published: true });
    // only the enterprise applies
    expect((await call('POST', '/api/credit/repairs', { creditFactId: fact.id, obligationsPerformed: true, violationCorrected: true, commitmentSigned: true, noNewSeriousConduct: true, statement: '已缴纳罚款并整改' })).statusCode).toBe(403);
    const apply = async () =>
      ok(await call('POST', '/api/credit/repairs', { creditFactId: fact.id, obligationsPerformed: true, violationCorrected: true, commitmentSigned: true, noNewSeriousConduct: true, statement: '已缴纳罚款并完成整改，提交信用承诺书' }, w.cookies.enterprise), 201);
    let r = await apply();
    expect(r.answerDue).toBe(creditRepairAnswerDue(today));
    expect(r.eligibilityProblems.join('')).toContain('方可申请信用修复');
    // not yet repairable (minimum publication): approval refused, rejection in time
    const approveEarly = await call('POST', `/api/credit/repairs/${r.id}/decision`, { approve: true, opinion: '同意修复' }, w.cookies.leader);
    expect(approveEarly.statusCode).toBe(400);
    expect(approveEarly.json().message).toContain('不符合信用修复条件');
    const rejected = await ok(await call('POST', `/api/credit/repairs/${r.id}/decision`, { approve: false, opinion: '未满最短公示期' }, w.cookies.leader));
    expect(rejected).toMatchObject({ status: 'rejected', late: false });
    // the fact is now repairable; an application answered after its due day is flagged late
    await w.h.database.rows(sql`update credit_facts set repairable_from = ${addDays(today, -30)}::date where id = ${fact.id}`);
    r = await apply();
    await w.h.database.rows(sql`update credit_repairs set applied_on = ${addDays(today, -10)}::date, answer_due = ${addDays(today, -5)}::date where id = ${r.id}`);
    const pending = await ok(await call('GET', '/api/credit/repairs?status=pending', undefined, w.cookies.oversight));
    expect(pending.items.find((i: { id: number }) => i.id === r.id)).toMatchObject({ late: true });
    const approved = await ok(await call('POST', `/api/credit/repairs/${r.id}/decision`, { approve: true, opinion: '符合条件，同意修复' }, w.cookies.leader));
    expect(approved).toMatchObject({ status: 'approved', late: true });
    const after = await ok(await call('GET', `/api/enterprises/${w.enterpriseId}/credit`));
    expect(after.facts.find((f: { id: number }) => f.id === fact.id).repairedOn).toBe(today);
    // the neighbour county cannot answer
    expect((await call('POST', `/api/credit/repairs/${r.id}/decision`, { approve: false, opinion: '不同意' }, w.cookies.neighbour)).statusCode).toBe(403);
  });

  it('R32: blacklist entry, quarterly public list, objections', async () => {
    const bad = await call('POST', '/api/credit/blacklist', { enterpriseId: w.enterpriseId, reason: '无任何列入情形的测试申请理由', facts: { accidents: [] } }, w.cookies.leader);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('不符合列入');
    const listing = await ok(
      await call('POST', '/api/credit/blacklist', { enterpriseId: w.enterpriseId, reason: '发生重大生产安全事故，对事故发生负有责任', facts: { accidents: [{ occurredOn: addDays(today, -30), grade: 'major', responsible: true }] } }, w.cookies.leader),
      201,
    );
    expect(listing.creditStatus).toBe('blacklist');
    expect((await ok(await call('GET', `/api/enterprises/${w.enterpriseId}`))).creditStatus).toBe('blacklist');
    // listed within the last quarter → on its published list
    const prevQuarterDay = addDays(today.slice(0, 8) + '01', -100);
    await w.h.database.rows(sql`update blacklist_listings set listed_on = ${prevQuarterDay}::date where id = ${listing.id}`);
    const m = Number(today.slice(5, 7));
    const y = Number(today.slice(0, 4));
    const q = Math.floor((m - 1) / 3) + 1;
    const prev = q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
    const pub = await call('POST', '/api/credit/blacklist-publications', { quarter: prev }, w.cookies.leader);
    const body = await ok(pub, 201);
    expect(body.quarterKey).toBe(prev);
    expect((await call('POST', '/api/credit/blacklist-publications', { quarter: prev }, w.cookies.leader)).statusCode).toBe(409);
    const { creditCode } = await ok(await call('GET', `/api/enterprises/${w.enterpriseId}`));
    expect(body.entries.map((e: { creditCode: string }) => e.creditCode)).toContain(creditCode);
    const open = await ok(await call('GET', `/api/public/blacklist?quarter=${prev}`, undefined, null));
    expect(open.items[0]).toMatchObject({ quarter: prev });
    expect(open.items[0].entries.length).toBeGreaterThanOrEqual(1);
    const overview = await ok(await call('GET', '/api/credit/blacklist', undefined, w.cookies.oversight));
    expect(overview.listings.find((l: { id: number }) => l.id === listing.id)).toMatchObject({ active: true });
    const mine = await ok(await call('GET', '/api/credit/blacklist', undefined, w.cookies.leader));
    expect(mine.publications.map((x: { quarter: string }) => x.quarter)).toContain(prev);
    expect(mine.pending.map((x: { quarter: { key: string } }) => x.quarter.key)).not.toContain(prev);
    expect((await call('POST', '/api/credit/blacklist-publications', { quarter: `${y + 1}Q1` }, w.cookies.leader)).statusCode).toBe(400);
    // objections: reason and evidence needed
    const thin = await call('POST', '/api/credit/objections', { reason: '不服', evidence: [] }, w.cookies.enterprise);
    expect(thin.statusCode).toBe(400);
    expect(thin.json().message).toContain('请写明异议的事实和理由');
    const o = await ok(await call('POST', '/api/credit/objections', { reason: '事故调查报告认定我单位不负主要责任，名单认定有误', evidence: ['事故调查报告第12页'] }, w.cookies.enterprise), 201);
    expect((await ok(await call('GET', '/api/credit/objections?status=pending', undefined, w.cookies.leader))).items.map((x: { id: number }) => x.id)).toContain(o.id);
    expect((await call('GET', '/api/credit/objections', undefined, w.cookies.neighbour)).json().items.map((x: { id: number }) => x.id)).not.toContain(o.id);
    const answered = await ok(await call('POST', `/api/credit/objections/${o.id}/answer`, { upheld: false, answer: '经核查，认定无误' }, w.cookies.leader));
    expect(answered).toMatchObject({ status: 'rejected', late: false });
  });

  it('jurisdiction: another county cannot see or change a case', async () => {
    const id = await draftCase();
    expect((await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.neighbour)).statusCode).toBe(404);
    expect((await act(id, 'start_investigation', w.cookies.neighbour)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/penalty-cases/${id}`, { facts: '篡改案情内容' }, w.cookies.neighbour)).statusCode).toBe(404);
    expect((await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }, w.cookies.neighbour)).statusCode).toBe(404);
    expect((await call('GET', `/api/enterprises/${w.enterpriseId}/credit`, undefined, w.cookies.neighbour)).statusCode).toBe(404);
    const list = await ok(await call('GET', '/api/penalty-cases', undefined, w.cookies.neighbour));
    expect(list.items.some((i: { id: number }) => i.id === id)).toBe(false);
    expect((await call('POST', '/api/penalty-cases', { enterpriseId: w.enterpriseId, facts: '跨辖区立案尝试' }, w.cookies.neighbour)).statusCode).toBe(404);
    // an enterprise user sees only its own cases and credit
    const [otherEnterprise] = await w.h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${w.agencyId} and id <> ${w.enterpriseId} order by id limit 1`);
    const foreign = await ok(await call('POST', '/api/penalty-cases', { enterpriseId: Number(otherEnterprise!.id), facts: '另一企业的案件', investigatorIds: w.investigators }), 201);
    const ownList = await ok(await call('GET', '/api/penalty-cases', undefined, w.cookies.enterprise));
    expect(ownList.items.length).toBeGreaterThan(0);
    expect(ownList.items.every((i: { enterpriseId: number }) => i.enterpriseId === w.enterpriseId)).toBe(true);
    expect((await call('GET', `/api/penalty-cases/${foreign.id}`, undefined, w.cookies.enterprise)).statusCode).toBe(404);
    expect((await call('GET', `/api/enterprises/${otherEnterprise!.id}/credit`, undefined, w.cookies.enterprise)).statusCode).toBe(404);
    const [c] = await w.h.database.rows<{ facts: string; status: string }>(sql`select facts, status from penalty_cases where id = ${id}`);
    expect(c).toMatchObject({ facts: '未按规定对从业人员进行安全生产教育和培训', status: 'draft' });
  });

  it('bad input → Chinese 4xx, never 500', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    const unknownItem = await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq999.x') });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json().message).toContain('裁量基准中没有事项');
    const badTier = await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'huge' }) });
    expect(badTier.statusCode).toBe(400);
    expect(badTier.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const badAction = await call('POST', `/api/penalty-cases/${id}/actions`, { action: 'explode' });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const negative = await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit'), amount: -5 });
    expect(negative.statusCode).toBe(400);
    expect((await call('GET', '/api/penalty-cases/abc')).statusCode).toBe(400);
    expect((await call('GET', '/api/penalty-cases/99999999')).statusCode).toBe(404);
    expect((await call('GET', '/api/penalty-cases/99999999999')).statusCode).toBe(400);
    expect((await call('POST', '/api/credit/repairs/99999999999/decision', { approve: true, opinion: '同意' }, w.cookies.leader)).statusCode).toBe(400);
    const income = await call('POST', '/api/discretion/propose', facts('aq094.initial.principal'));
    expect(income.statusCode).toBe(200);
    const pct = await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq096.accident.other_manager') });
    expect(pct.statusCode).toBe(400);
    expect(pct.json().message).toContain('年收入');
    // the discretion catalogue: only legal reviewers/admins publish a version, and it must be well-formed
    const item = { code: 'x', law: '中华人民共和国安全生产法', article: 97, articleLabel: '第九十八条', violation: '', stage: 'initial', party: 'unit', articleText: '', fine: { kind: 'none' }, sanctions: [], criminalReserved: false, exemptible: true };
    expect((await call('POST', '/api/discretion-catalogs', { note: '测试修订', items: [item] })).statusCode).toBe(403);
    const broken = await call('POST', '/api/discretion-catalogs', { note: '测试修订', items: [item] }, w.cookies.legal);
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toContain('裁量基准有误');
  });

  it('art. 112/113 detection is surfaced on the enterprise and the case', async () => {
    // the enterprise has several decided penalties from the tests above; one came from a major hazard whose order ran out
    const [fromHazard] = await w.h.database.rows<{ id: number }>(
      sql`select c.id from penalty_cases c join hazards h on h.penalty_case_id = c.id where c.enterprise_id = ${w.enterpriseId} and c.decided_on is not null order by c.id limit 1`,
    );
    expect(fromHazard).toBeDefined();
    await w.h.database.rows(sql`update hazards set created_at = now() - interval '10 days', deadline = ${addDays(today, -3)}::date, status = 'open', rectified_at = null where penalty_case_id = ${fromHazard!.id}`);
    await w.h.database.rows(sql`update penalty_cases set major_hazard = true where enterprise_id = ${w.enterpriseId} and decided_on is not null`);
    const alerts = await ok(await call('GET', `/api/enterprises/${w.enterpriseId}/penalty-alerts`));
    expect(alerts.dailyPenalty.find((d: { penaltyId: number }) => d.penaltyId === Number(fromHazard!.id)).text).toContain('第一百一十二条');
    expect(alerts.closure.map((g: { ground: string }) => g.ground)).toContain('major_hazard_repeat');
    const c = await ok(await call('GET', `/api/penalty-cases/${fromHazard!.id}`));
    expect(c.alerts.closure[0].clause).toContain('第一百一十三条');
    expect((await call('GET', `/api/enterprises/${w.enterpriseId}/penalty-alerts`, undefined, w.cookies.neighbour)).statusCode).toBe(404);
  });

  it('R25/R26: the legal reviewer adopts a new discretion catalogue version; assessed cases keep theirs', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    const before = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    expect(before.catalogVersion).toBe(1);
    expect(before.violations[0].proposal.partyName).not.toBe('生产经营单位');
    const current = await ok(await call('GET', '/api/discretion-catalog'));
    const res = await ok(await call('POST', '/api/discretion-catalogs', { note: '采用本省裁量基准', items: current.items }, w.cookies.legal), 201);
    expect(res.version).toBe(current.version + 1);
    const list = await ok(await call('GET', '/api/discretion-catalogs'));
    expect(list.items.map((i: { version: number }) => i.version)).toEqual(expect.arrayContaining([1, res.version]));
    const again = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq101.initial.unit') }), 201);
    expect(again.catalogVersion).toBe(1);
    const fresh = await draftCase();
    await ok(await act(fresh, 'open', w.cookies.leader));
    expect((await ok(await call('POST', `/api/penalty-cases/${fresh}/violations`, { facts: facts('aq097.initial.unit') }), 201)).catalogVersion).toBe(res.version);
  });

  it('R32/R9: credit statuses are recomputed as publication periods and listings expire (idempotent job)', async () => {
    expect((await ok(await call('GET', `/api/enterprises/${w.enterpriseId}`))).creditStatus).toBe('blacklist');
    // five years later: every fact's publication ended, the listing's term is over
    const later = addDays(today, 5 * 366);
    expect((await call('POST', '/api/jobs/credit-status', { date: later }, w.cookies.leader)).statusCode).toBe(403);
    expect((await call('POST', '/api/jobs/credit-status', {}, w.cookies.officer)).statusCode).toBe(403);
    const admin = await w.h.login('admin');
    const run = await ok(await call('POST', '/api/jobs/credit-status', { date: later }, admin));
    expect(run.changed).toBeGreaterThanOrEqual(1);
    expect((await ok(await call('GET', `/api/enterprises/${w.enterpriseId}`))).creditStatus).toBe('trustworthy');
    const again = await ok(await call('POST', '/api/jobs/credit-status', { date: later }, admin));
    expect(again.changed).toBe(0);
    // today again: the record is still active
    await ok(await call('POST', '/api/jobs/credit-status', {}, w.cookies.leader));
    expect((await ok(await call('GET', `/api/enterprises/${w.enterpriseId}`))).creditStatus).toBe('blacklist');
  });

  it('R27: the enterprise sees the documents served on it and knows its case by the decision, never the internal 立案审批表', async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    const staff = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(staff.documents.map((d: { kind: string }) => d.kind)).toContain('case_opening_approval');
    expect(staff.caseNumber).toMatch(/立审/);
    const own = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise));
    expect(own.documents).toEqual([]);
    expect(own.caseNumber).toBeNull();
    const listed = await ok(await call('GET', '/api/penalty-cases?pageSize=100', undefined, w.cookies.enterprise));
    expect(listed.items.find((c: { id: number }) => c.id === id).caseNumber).toBeNull();
    const approval = staff.documents.find((d: { kind: string }) => d.kind === 'case_opening_approval');
    expect((await call('GET', `/api/documents/${approval.id}`, undefined, w.cookies.enterprise)).statusCode).toBe(404);
    expect((await call('GET', `/api/documents/${approval.id}/pdf`, undefined, w.cookies.enterprise)).statusCode).toBe(404);
    const docs = await ok(await call('GET', '/api/documents?pageSize=200', undefined, w.cookies.enterprise));
    expect(docs.items.some((d: { kind: string }) => d.kind === 'case_opening_approval' || d.kind === 'case_transfer')).toBe(false);
  });

  it('R35: the audit log reads as Chinese — actions, objects with their number or name, values without codes or JSON', async () => {
    const admin = await w.h.login('admin');
    const seen = new Set<string>();
    const problems = new Set<string>();
    const code = /[{}[\]"]|\b[a-z]+_[a-z_]+\b|^(?:draft|opened|investigating|notified|reviewing|decided|served|executing|closed|general|simple|violation|hazard|penalty|open|rectified|letter|notice|interview|supervision)$/;
    const raw = new Set(['inputHash', 'seed', 'key', 'ip', 'mime', 'originalName', 'sm3', 'contentSm3']);
    for (let page = 1; page <= 40; page++) {
      const r = await ok(await call('GET', `/api/audit?page=${page}&pageSize=200`, undefined, admin));
      for (const e of r.items as { action: string; entityType: string; actionLabel: string; objectLabel: string; changes: { field: string; label: string; beforeText: string; afterText: string }[] }[]) {
        seen.add(e.entityType);
        const where = `${e.action} on ${e.entityType}`;
        if (!/^[\u4e00-\u9fa5“”、（）]+$/.test(e.actionLabel) || e.actionLabel === '其他操作') problems.add(`${where}: action ${e.actionLabel}`);
        if (!/^[\u4e00-\u9fa5]/.test(e.objectLabel) || /penalty_case|#\d|其他记录/.test(e.objectLabel)) problems.add(`${where}: object ${e.objectLabel}`);
        for (const c of e.changes) {
          if (!/[\u4e00-\u9fa5]/.test(c.label) || c.label === '其他信息') problems.add(`${where}: field ${c.field}`);
          // stored codes (decided, general, violation …) and JSON never reach the reader; hashes and file names may
          for (const text of [c.beforeText, c.afterText]) if (!raw.has(c.field) && code.test(text)) problems.add(`${where}: ${c.field} = ${text.slice(0, 80)}`);
        }
      }
      if ((r.items as unknown[]).length < 200) break;
    }
    expect([...problems]).toEqual([]);
    // the flows of this file reached every kind of record the case file touches
    for (const t of ['penalty_case', 'inspection', 'credit_fact']) expect(seen.has(t), t).toBe(true);
  });
});
