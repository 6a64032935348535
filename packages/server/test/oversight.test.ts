// 执法监督 (GET /api/penalty-oversight) and the staff blacklist view: overdue statutory deadlines with how late,
// leaders' interventions (R31), out-of-tier amounts with their reason (R25), late publications and late credit
// answers (R29/R32) — each scoped to the caller's jurisdiction. Time is moved by back-dating rows, as elsewhere.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, blacklistPublicationDue, decisionDue, paymentDue, previousQuarter, quarterOf, statementDefenseDue } from '@anjian/domain';
import { useCaseWorld, beijingToday, dbKinds, directService, violationFacts } from './harness.js';

const facts = violationFacts;

describe.each(dbKinds)('oversight on %s', (kind) => {
  const today = beijingToday();

  const w = useCaseWorld(kind, { enterprises: 600 });

  const { call, act, ok } = w;
  const view = async (cookie = w.cookies.oversight) => ok(await call('GET', '/api/penalty-oversight', undefined, cookie));
  const draftCase = async () => (await ok(await call('POST', '/api/penalty-cases', { enterpriseId: w.enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds: w.investigators }), 201)).id as number;
  const opened = async () => {
    const id = await draftCase();
    await ok(await act(id, 'open', w.cookies.leader));
    await ok(await act(id, 'start_investigation', w.cookies.officer));
    return id;
  };

  it('R38: a case past its 90-day decision limit appears in oversight with how late, not for the neighbour county', async () => {
    const id = await opened();
    expect((await view()).overdue.some((o: { caseId: number }) => o.caseId === id)).toBe(false);
    const openedOn = addDays(today, -100);
    await w.h.database.rows(sql`update penalty_cases set opened_on = ${openedOn}::date, decision_due = null where id = ${id}`);
    const due = decisionDue(openedOn);
    const row = (await view()).overdue.find((o: { caseId: number; deadline: string }) => o.caseId === id && o.deadline === 'decision');
    expect(row).toMatchObject({ due, daysLate: 10, status: 'investigating', enterpriseId: w.enterpriseId });
    expect(row.caseNumber).toMatch(/立审/);
    expect(row.label).toContain('90日');
    expect(row.basis).toContain('第六十条');
    // the leader of the county sees it too; the neighbour county does not; the enterprise may not ask
    expect((await view(w.cookies.leader)).overdue.some((o: { caseId: number }) => o.caseId === id)).toBe(true);
    expect((await view(w.cookies.neighbour)).overdue.some((o: { caseId: number }) => o.caseId === id)).toBe(false);
    expect((await call('GET', '/api/penalty-oversight', undefined, w.cookies.enterprise)).statusCode).toBe(403);
    // decided in the end: no longer overdue
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    await ok(await act(id, 'notify', w.cookies.officer));
    expect((await view()).overdue.some((o: { caseId: number; deadline: string }) => o.caseId === id && o.deadline === 'decision')).toBe(true);
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
    await ok(await act(id, 'decide', w.cookies.leader));
    expect((await view()).overdue.some((o: { caseId: number; deadline: string }) => o.caseId === id && o.deadline === 'decision')).toBe(false);
  });

  it('R27: a notified case still waiting after the statement and hearing periods ran out is overdue; the unpaid fine after service too', async () => {
    const id = await opened();
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    await ok(await act(id, 'notify', w.cookies.officer));
    const notifiedOn = addDays(today, -20);
    await w.h.database.rows(sql`update penalty_cases set notified_on = ${notifiedOn}::date where id = ${id}`);
    const row = (await view()).overdue.find((o: { caseId: number; deadline: string }) => o.caseId === id && o.deadline === 'rights_notice');
    // 30,000 yuan for a unit: below the hearing threshold, so the statement period alone
    expect(row).toMatchObject({ due: statementDefenseDue(notifiedOn), status: 'notified' });
    expect(row.daysLate).toBeGreaterThan(0);
    expect(row.nextStep).toContain('视为放弃');
    // the periods have run out: the case goes on to the decision; served, the fine unpaid past 15 days
    await ok(await act(id, 'decide', w.cookies.leader));
    expect((await view()).overdue.some((o: { caseId: number; deadline: string }) => o.caseId === id && o.deadline === 'rights_notice')).toBe(false);
    await ok(await act(id, 'serve', w.cookies.officer, { service: directService() }));
    const servedOn = addDays(today, -40);
    await w.h.database.rows(sql`update penalty_cases set served_on = ${servedOn}::date where id = ${id}`);
    const pay = (await view()).overdue.find((o: { caseId: number; deadline: string }) => o.caseId === id && o.deadline === 'payment');
    expect(pay).toMatchObject({ due: paymentDue(servedOn) });
    expect(pay.nextStep).toContain('加处罚款');
  });

  it('R31: interventions show who, when, what and in which case — to oversight and leaders, within the jurisdiction', async () => {
    const id = await opened();
    const occurredOn = addDays(today, -2);
    await ok(await call('POST', `/api/penalty-cases/${id}/interventions`, { intervenerName: '钱某', intervenerPosition: '某区副区长', method: '电话', content: '打招呼要求对该企业从轻处理', occurredOn }), 201);
    const i = (await view()).interventions.find((x: { caseId: number }) => x.caseId === id);
    expect(i).toMatchObject({ intervenerName: '钱某', intervenerPosition: '某区副区长', method: '电话', content: '打招呼要求对该企业从轻处理', occurredOn, enterpriseId: w.enterpriseId, caseStatus: 'investigating' });
    expect(i.caseNumber).toMatch(/立审/);
    expect(i.enterpriseName.length).toBeGreaterThan(0);
    expect(i.recordedByName.length).toBeGreaterThan(0);
    expect((await view(w.cookies.leader)).interventions.some((x: { caseId: number }) => x.caseId === id)).toBe(true);
    expect((await view(w.cookies.neighbour)).interventions.some((x: { caseId: number }) => x.caseId === id)).toBe(false);
  });

  it('R25: an amount outside the proposed tier shows oversight the tier, the range, the amount and the written reason', async () => {
    const id = await opened();
    const c = await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    const range = c.violations[0].proposal.amountRange;
    await ok(await call('PATCH', `/api/penalty-cases/${id}/violations/1`, { amount: range.max + 5000, reason: '多次约谈仍未整改，社会影响较大' }));
    const d = (await view()).deviations.find((x: { caseId: number }) => x.caseId === id);
    expect(d).toMatchObject({ violationNo: 1, amount: range.max + 5000, amountRange: range, reason: '多次约谈仍未整改，社会影响较大', tierLabel: '一般', enterpriseId: w.enterpriseId, caseStatus: 'investigating' });
    expect(d.basis).toContain('第九十七条');
    expect(d.assessedBy.length).toBeGreaterThan(0);
    expect((await view(w.cookies.neighbour)).deviations.some((x: { caseId: number }) => x.caseId === id)).toBe(false);
  });

  it('R29/R32: late publications and late or overdue credit answers are listed with how late', async () => {
    const id = await opened();
    await ok(await call('POST', `/api/penalty-cases/${id}/violations`, { facts: facts('aq097.initial.unit') }), 201);
    await ok(await act(id, 'notify', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
    await ok(await act(id, 'decide', w.cookies.leader));
    await w.h.database.rows(sql`update penalty_publications set decided_on = ${addDays(today, -30)}::date, due_on = ${addDays(today, -9)}::date where case_id = ${id}`);
    const pub = (await view()).latePublications.find((x: { caseId: number }) => x.caseId === id);
    expect(pub).toMatchObject({ published: false, publishedOn: null, dueOn: addDays(today, -9), daysLate: 9 });
    const o = await ok(await call('POST', '/api/credit/objections', { reason: '处罚信息中的企业名称有误，应予更正', evidence: ['营业执照复印件'] }, w.cookies.enterprise), 201);
    await w.h.database.rows(sql`update credit_objections set received_on = ${addDays(today, -12)}::date, answer_due = ${addDays(today, -4)}::date where id = ${o.id}`);
    const obj = (await view()).lateObjections.find((x: { id: number }) => x.id === o.id);
    expect(obj).toMatchObject({ status: 'pending', daysLate: 4, enterpriseId: w.enterpriseId });
    expect((await view(w.cookies.neighbour)).lateObjections.some((x: { id: number }) => x.id === o.id)).toBe(false);
  });

  it('R32: the staff blacklist view says which quarter is due now, whether it is published, and each listing with its dates', async () => {
    const before = await ok(await call('GET', '/api/credit/blacklist', undefined, w.cookies.leader));
    const q = previousQuarter(quarterOf(today));
    expect(before.current).toMatchObject({ quarter: { key: q.key, label: q.label }, due: blacklistPublicationDue(q), published: false, canPublish: true });
    const listing = await ok(
      await call('POST', '/api/credit/blacklist', { enterpriseId: w.enterpriseId, reason: '瞒报生产安全事故，经调查属实，依法列入名单', facts: { accidents: [{ occurredOn: addDays(today, -40), grade: 'general', responsible: true, concealed: true }] } }, w.cookies.leader),
      201,
    );
    const after = await ok(await call('GET', '/api/credit/blacklist', undefined, w.cookies.leader));
    const l = after.listings.find((x: { id: number }) => x.id === listing.id);
    expect(l).toMatchObject({ enterpriseId: w.enterpriseId, listedOn: today, active: true, canApplyEarly: false, removedOn: null, removalReason: null });
    expect(l.creditCode).toMatch(/^[0-9A-Z]{18}$/);
    expect(l.grounds.map((g: { id: string }) => g.id)).toEqual(['concealed_accident']);
    expect(l.earlyRemovalFrom > today).toBe(true);
    // early removal before 12 months: the server's Chinese reason
    const early = await call('POST', `/api/credit/blacklist/${listing.id}/remove`, { reason: '企业已整改完毕', application: { obligationsPerformed: true, violationCorrected: true, commitmentSigned: true, noNewSeriousConduct: true } }, w.cookies.leader);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('满12个月后');
    await ok(await call('POST', '/api/credit/blacklist-publications', {}, w.cookies.leader), 201);
    const published = await ok(await call('GET', '/api/credit/blacklist', undefined, w.cookies.leader));
    expect(published.current).toMatchObject({ published: true, overdue: false });
    // the province oversight account sees the county's listing
    const prov = await ok(await call('GET', '/api/credit/blacklist', undefined, w.cookies.oversight));
    expect(prov.listings.some((x: { id: number }) => x.id === listing.id)).toBe(true);
  });
});
