// R27/R29: the 行政处罚决定书 a legal reviewer signs — issue #17. A case filed from an inspection finding worded
// “涉嫌违反……第四十三条”, decided on the general procedure after the party's statement; the PDF is read back.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, earliestHearingDate, latePaymentSurcharge, paymentDue } from '@anjian/domain';
import { caseFromFinding as findingCase, useCaseWorld, beijingToday, dbKinds, directService, violationFacts } from './harness.js';
import { pdfLines } from './pdfText.js';

const facts = violationFacts;

describe.each(dbKinds)('the penalty decision on %s', (kind) => {
  const today = beijingToday();

  const w = useCaseWorld(kind, { enterprises: 300 });

  const { call, act, ok } = w;
  const eventCount = async (id: number) => Number((await w.h.database.rows<{ n: number }>(sql`select count(*)::int as n from penalty_case_events where case_id = ${id}`))[0]!.n);

  /** A draft case from an inspection finding, in the inspection's words (涉嫌违反…). */
  const caseFromFinding = (description: string) => findingCase(w, { description, major: false });

  it('R29: the decision states the facts as established, the item applied, the amount decided, 采纳情况, the reconsideration body, the surcharge cap — one signature block', async () => {
    const id = await caseFromFinding('涉嫌违反《中华人民共和国安全生产法》第四十三条：动火作业现场未安排专门人员进行现场安全管理');
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { investigatorIds: w.investigators }));
    await ok(await act(id, 'open', w.cookies.leader, { reason: '同意立案' }));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    // 第一百零一条第（三）项, 一般 tier (2.5万–5万, suggested 3.75万); 4万元 decided, inside the tier
    const bad = await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq101.initial.unit', { clause: 6 }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('第（五）项');
    // the article lists five acts: a violation without the item applied is refused, nothing stored
    const whole = await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq101.initial.unit', { clause: null }) });
    expect(whole.statusCode).toBe(400);
    expect(whole.json()).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('第一百零一条分项列举了违法行为，请选择适用的项') });
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).violations).toEqual([]);
    let c = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq101.initial.unit', { clause: 3 }), amount: 40000 }), 201);
    expect(c.violations[0].proposal).toMatchObject({ basis: '《中华人民共和国安全生产法》第一百零一条第（三）项', suggestedAmount: 37500 });
    // the inspection's suspicion goes into neither the 告知书 nor the decision: 400, nothing changed
    const before = await eventCount(id);
    const suspected = await act(id, 'notify', w.cookies.officer);
    expect(suspected.statusCode).toBe(400);
    expect(suspected.json()).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('涉嫌') });
    expect(await eventCount(id)).toBe(before);
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).status).toBe('investigating');
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { facts: '经查，2026年当事人在厂区进行动火作业，未安排专门人员进行现场安全管理，有现场检查记录、询问笔录和现场照片为证。' }));
    await ok(await act(id, 'notify', w.cookies.officer));
    const text = '我公司已于检查当日安排安全员到场监护动火作业，并已补充制度，请求从轻处罚';
    await ok(await act(id, 'record_statement', w.cookies.enterprise, { reason: text }));

    // an unanswered statement goes into no decision: 400, nothing changed
    const beforeDecide = await eventCount(id);
    const still = await act(id, 'decide', w.cookies.leader);
    expect(still.statusCode).toBe(400);
    expect(still.json()).toMatchObject({ code: 'VALIDATION' });
    expect(still.json().message).toContain(`当事人${today}提出的陈述、申辩尚未登记采纳情况`);
    expect(await eventCount(id)).toBe(beforeDecide);
    c = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.leader));
    expect(c.status).toBe('defence');
    expect(c.availableActions).not.toContain('decide');

    // the officer answers the statement; bad answers are Chinese 4xx and change nothing
    const statementId = c.partySubmissions.find((s: { kind: string }) => s.kind === 'record_statement').id;
    const answer = (body: unknown, cookie = w.cookies.officer, sid = statementId) => call('POST', `/api/penalty-cases/${id}/statements/${sid}/answer`, body, cookie);
    const noReason = await answer({ result: 'partly_adopted', reasons: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('部分采纳的理由');
    expect((await answer({ result: 'maybe', reasons: '理由充分' })).json().message).toContain('采纳、部分采纳或不予采纳');
    expect((await answer({ result: 'adopted', reasons: '理由充分' }, w.cookies.enterprise)).statusCode).toBe(403);
    const notify = c.events.find((e: { action: string }) => e.action === 'notify').id;
    expect((await answer({ result: 'adopted', reasons: '理由充分' }, w.cookies.officer, notify)).statusCode).toBe(404);
    expect(await eventCount(id)).toBe(beforeDecide); // the refused answers changed nothing
    const reasons = '当事人事后安排监护并补充制度属实，予以从轻考虑；但检查时未安排专门人员现场安全管理的事实清楚，不予免除处罚';
    c = await ok(await answer({ result: 'partly_adopted', reasons }));
    expect(c.partySubmissions[0].answer).toMatchObject({ result: 'partly_adopted', resultLabel: '部分采纳', reasons });
    // the party reads the answer in the decision, not before
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise))).partySubmissions[0].answer).toBeNull();

    c = await ok(await act(id, 'decide', w.cookies.leader));
    expect(c.status).toBe('decided');
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, w.cookies.enterprise))).partySubmissions[0].answer).toMatchObject({ resultLabel: '部分采纳' });
    // after the decision the answer is fixed
    expect((await answer({ result: 'adopted', reasons: '改为采纳' })).statusCode).toBe(409);

    const decision = c.documents.find((d: { kind: string }) => d.kind === 'penalty_decision');
    const res = await call('GET', `/api/documents/${decision.id}/pdf`);
    expect(res.statusCode).toBe(200);
    const lines = pdfLines(res.rawPayload).lines.map((l) => l.text);
    const all = lines.join('').replace(/\s/g, '');
    expect(all).not.toContain('涉嫌');
    expect(all).toContain('该行为属于《中华人民共和国安全生产法》第一百零一条第（三）项规定的违法行为');
    expect(all).toContain('进行爆破、吊装、动火、临时用电以及国务院应急管理部门会同国务院有关部门规定的其他危险作业，未安排专门人员进行现场安全管理');
    expect(all).not.toContain('第一百零一条所列行为之一');
    expect(all).toContain('决定罚款4万元');
    expect(all).not.toContain('建议罚款');
    const [y, m, d] = today.split('-').map(Number);
    expect(all).toContain(`当事人于${y}年${m}月${d}日提出陈述、申辩：${text}。`);
    expect(all).toContain(`采纳情况：部分采纳。理由：${reasons}`);
    expect(all).toContain('每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额');
    expect(all).toContain('六十日内向杭州市西湖区人民政府申请行政复议');
    expect(all).toContain('六个月内依法向人民法院提起行政诉讼');
    // one signature block: the agency's name in the header and by the seal, the date once (in Chinese, by the seal)
    expect(lines.filter((l) => l.trim() === '杭州市西湖区应急管理局')).toHaveLength(2);
    expect(all).not.toContain(today);
    expect(lines.filter((l) => l.trim() === `${y}年${m}月${d}日`)).toHaveLength(1);

    // the public page: the item applied, established facts
    const [pub] = await w.h.database.rows<{ content: { facts: string; violations: { violation: string; basis: string }[] } }>(sql`select content from penalty_publications where case_id = ${id}`);
    expect(pub!.content.facts).not.toContain('涉嫌');
    expect(pub!.content.violations[0]!.basis).toBe('《中华人民共和国安全生产法》第一百零一条第（三）项');

    // R29: 加处罚款 on the fine unpaid after its due day — on the case page and on the enterprise's view, capped at the fine
    await ok(await act(id, 'serve', w.cookies.officer, { service: directService() }));
    for (const [ago, capped] of [[30, false], [90, true]] as const) {
      const servedOn = addDays(today, -ago);
      await w.h.database.rows(sql`update penalty_cases set served_on = ${servedOn}::date where id = ${id}`);
      const due = paymentDue(servedOn);
      const expected = latePaymentSurcharge(40000, due, today);
      expect(expected.capped).toBe(capped);
      for (const cookie of [w.cookies.officer, w.cookies.enterprise]) {
        const view = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, cookie));
        expect(view.latePayment).toEqual({ dueOn: due, fine: 40000, ...expected });
      }
    }
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).latePayment.amount).toBe(40000);
    // paid: no surcharge shown any more
    await ok(await act(id, 'start_execution', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { executionDone: true }));
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).latePayment).toBeNull();
  });

  it('R27: a hearing notice fewer than seven working days before the hearing is refused on entry, with the earliest day allowed', async () => {
    const c0 = await ok(await call('POST', '/api/penalty-cases', { enterpriseId: w.enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds: w.investigators }), 201);
    const id = c0.id as number;
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit', { circumstance: 'serious', clause: 3 }) }), 201);
    await ok(await act(id, 'notify', w.cookies.officer));
    await ok(await act(id, 'request_hearing', w.cookies.enterprise));
    let c = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(c.earliestHearingOn).toBe(earliestHearingDate(today));
    const before = await eventCount(id);
    const tooSoon = await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn: today, heldOn: addDays(today, 3) } });
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json().code).toBe('VALIDATION');
    expect(tooSoon.json().message).toContain('七个工作日前通知当事人');
    expect(tooSoon.json().message).toContain(`听证最早可定于${earliestHearingDate(today)}`);
    expect(await eventCount(id)).toBe(before);
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`))).hearing.noticeOn).toBeUndefined();
    const future = await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn: addDays(today, 1) } });
    expect(future.statusCode).toBe(400);
    c = await ok(await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { noticeOn: today, heldOn: earliestHearingDate(today) } }));
    expect(c.hearing).toMatchObject({ noticeOn: today, heldOn: earliestHearingDate(today) });
    // moving the hearing earlier afterwards is refused the same way
    expect((await call('PATCH', `/api/penalty-cases/${id}`, { hearing: { heldOn: addDays(today, 2) } })).statusCode).toBe(400);
  });
});
