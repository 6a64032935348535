// The to-do list of every role (GET /api/todo): zero where nothing is pending, then each role's pending work as it
// arises, in the caller's jurisdiction only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, statementDefenseDue, todoKindsByRole } from '@anjian/domain';
import { createHarness, dbKinds, discussionBoard, discussionOpinions, type Harness, violationFacts } from './harness.js';
import { arrayParam } from '../src/lib/bulk.js';

type Item = { kind: string; title: string; count: number; link: string; due?: string; overdue: boolean };

describe.each(dbKinds)('to-do lists on %s', (kind) => {
  let h: Harness;
  const cookies: Record<string, string> = {};
  let agencyId: number;
  let enterpriseId: number;
  let investigators: number[];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 300 });
    agencyId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
    enterpriseId = Number((await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${agencyId} order by id limit 1`))[0]!.id);
    await h.database.rows(sql`update users set enterprise_id = ${enterpriseId} where username = 'enterprise'`);
    const [me] = await h.database.rows<{ id: number }>(sql`select o.id from officers o join users u on u.id = o.user_id where u.username = 'county.officer'`);
    const [other] = await h.database.rows<{ id: number }>(
      sql`select id from officers where agency_id = ${agencyId} and id <> ${me!.id} and credential_valid_from <= ${today}::date and credential_valid_to >= ${addDays(today, 60)}::date order by id limit 1`,
    );
    investigators = [Number(me!.id), Number(other!.id)];
    for (const u of ['county.officer', 'county.leader', 'leader', 'legal', 'oversight', 'enterprise', 'admin', 'county2.officer']) cookies[u] = await h.login(u);
    // a leader of the neighbouring county: its list never shows 西湖区's work
    const [county2] = await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330102'`);
    await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: cookies.admin! }, payload: { username: 'county2.leader', password: 'Linxian#2026pw', displayName: '邻县负责人', role: 'leader', agencyId: Number(county2!.id) } });
    cookies['county2.leader'] = await h.login('county2.leader', 'Linxian#2026pw');
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload: unknown, who: string) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const todo = async (who: string): Promise<Item[]> => (await ok(await call('GET', '/api/todo', undefined, who))).items;
  const item = async (who: string, k: string): Promise<Item> => (await todo(who)).find((i) => i.kind === k)!;

  it('R10/R22/R28/R34: every role gets its kinds with Chinese titles, all zero while nothing is pending; the administrator none', async () => {
    for (const [who, role] of [['county.officer', 'officer'], ['county.leader', 'leader'], ['legal', 'legal_reviewer'], ['oversight', 'oversight'], ['enterprise', 'enterprise']] as const) {
      const items = await todo(who);
      expect(items.map((i) => i.kind)).toEqual(todoKindsByRole[role]);
      for (const i of items) {
        expect(i).toMatchObject({ count: 0, overdue: false });
        expect(i.due).toBeUndefined();
        expect(i.title).toMatch(/^[\u4e00-\u9fa5、，（）]+$/);
        expect(i.link.startsWith('/')).toBe(true);
      }
    }
    expect(await todo('admin')).toEqual([]);
    expect((await h.app.inject({ method: 'GET', url: '/api/todo' })).statusCode).toBe(401);
  });

  it('R10/R11/R15/R19/R22/R27/R28/R29: each role sees its pending work as it arises, with the nearest deadline, and only in its jurisdiction', async () => {
    // ---- an inspection today, with a hazard found (officer: today's inspection; enterprise: hazard to rectify) ----
    const u = await ok(await call('POST', '/api/unplanned-inspections', { enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }, 'county.officer'), 201);
    const ins = await ok(await call('POST', '/api/inspections', { enterpriseId, origin: 'unplanned', unplannedRequestId: u.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: today, officerIds: investigators }, 'county.officer'), 201);
    expect(await item('county.officer', 'inspection_today')).toMatchObject({ count: 1, due: today, overdue: false, link: `/inspections/${ins.id}` });
    await ok(await call('POST', `/api/inspections/${ins.id}/enter`, {}, 'county.officer'));
    await ok(await call('POST', `/api/inspections/${ins.id}/show-credentials`, {}, 'county.officer'));
    const names = (await h.database.rows<{ name: string }>(sql`select name from officers where id = any(${arrayParam(investigators, 'int')}) order by id`)).map((o) => o.name);
    await ok(await call('POST', `/api/inspections/${ins.id}/commitment`, { signerNames: names }, 'county.officer'));
    const deadline = addDays(today, 10);
    const hz = await ok(await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), itemCode: 'G09', description: '隐患排查治理台账未建立', disposition: 'hazard', requirement: '建立台账', deadline, responsiblePerson: '张安全' }, 'county.officer'), 201);
    expect(await item('enterprise', 'hazard_rectify')).toMatchObject({ count: 1, due: deadline, overdue: false, link: `/hazards/${hz.hazardId}` });

    // the deadline passes: overdue for the enterprise and for the leader; the neighbour county sees nothing
    await h.database.rows(sql`update hazards set deadline = ${addDays(today, -2)}::date where id = ${hz.hazardId}`);
    expect(await item('enterprise', 'hazard_rectify')).toMatchObject({ count: 1, overdue: true });
    expect(await item('county.leader', 'hazard_overdue')).toMatchObject({ count: 1, due: addDays(today, -2), overdue: true });
    expect(await item('leader', 'hazard_overdue')).toMatchObject({ count: 1 });
    expect(await item('county2.leader', 'hazard_overdue')).toMatchObject({ count: 0 });
    // rectified by the enterprise: the officer who inspected rechecks it; the enterprise has nothing left to do
    await h.database.rows(sql`update hazards set status = 'rectified', rectified_at = now() where id = ${hz.hazardId}`);
    expect(await item('county.officer', 'hazard_recheck')).toMatchObject({ count: 1, link: `/hazards/${hz.hazardId}` });
    expect(await item('enterprise', 'hazard_rectify')).toMatchObject({ count: 0 });
    expect(await item('county.leader', 'hazard_overdue')).toMatchObject({ count: 0 });
    // completed: the enterprise is asked to evaluate it (R19); the officer's day is done
    await h.database.rows(sql`update inspections set status = 'completed', completed_at = now() where id = ${ins.id}`);
    expect(await item('enterprise', 'inspection_feedback')).toMatchObject({ count: 1, link: `/inspections/${ins.id}` });
    expect(await item('county.officer', 'inspection_today')).toMatchObject({ count: 0 });

    // ---- an emergency inspection: backfill due 1 working day later ----
    const em = await ok(await call('POST', '/api/inspections', { enterpriseId, origin: 'emergency', emergencyReason: '企业发生燃气泄漏险情，立即进场处置', officerIds: investigators }, 'county.officer'), 201);
    const backfill = await item('county.officer', 'inspection_backfill');
    expect(backfill).toMatchObject({ count: 1, overdue: false, link: `/inspections/${em.id}` });
    expect(backfill.due! > today).toBe(true);

    // ---- a penalty case: to file (leader), steps (officer), notice to answer (enterprise), review (legal), decision (leader) ----
    const c = await ok(await call('POST', '/api/penalty-cases', { enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds: investigators }, 'county.officer'), 201);
    expect(await item('county.leader', 'case_opening')).toMatchObject({ count: 1, link: `/cases/${c.id}` });
    expect(await item('county2.leader', 'case_opening')).toMatchObject({ count: 0 });
    await ok(await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'open' }, 'county.leader'));
    expect(await item('county.leader', 'case_opening')).toMatchObject({ count: 0 });
    expect(await item('county.officer', 'case_step')).toMatchObject({ count: 1, due: addDays(today, 90), link: `/cases/${c.id}` });
    await ok(await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'start_investigation' }, 'county.officer'));
    await ok(await call('POST', `/api/penalty-cases/${c.id}/violations`, { facts: violationFacts('aq097.initial.unit') }, 'county.officer'), 201);
    await ok(await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'notify' }, 'county.officer'));
    // notified: the party's turn, not the officer's
    expect(await item('county.officer', 'case_step')).toMatchObject({ count: 0 });
    expect(await item('enterprise', 'notice_answer')).toMatchObject({ count: 1, due: statementDefenseDue(today), overdue: false, link: `/cases/${c.id}` });
    await ok(await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'waive_rights' }, 'enterprise'));
    expect(await item('enterprise', 'notice_answer')).toMatchObject({ count: 0 });
    await ok(await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'submit_review' }, 'county.officer'));
    expect(await item('legal', 'legal_review')).toMatchObject({ count: 1, link: `/cases/${c.id}` });
    const reviewed = await ok(await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'approve_review', reason: '同意' }, 'legal'));
    expect(await item('legal', 'legal_review')).toMatchObject({ count: 0 });
    expect(await item('county.leader', 'case_decision')).toMatchObject({ count: 1, link: `/cases/${c.id}` });
    expect(await item('county2.leader', 'case_decision')).toMatchObject({ count: 0 });
    // the decision period runs out: the leader's overdue list and the oversight alert both show it
    await h.database.rows(sql`update penalty_cases set decision_due = ${addDays(today, -1)}::date where id = ${c.id}`);
    expect(await item('county.leader', 'case_overdue')).toMatchObject({ count: 1, overdue: true });
    expect(await item('oversight', 'alert_case_overdue')).toMatchObject({ count: 1, overdue: true });
    if (reviewed.majorCaseReasons.length) {
      await ok(await call('PATCH', `/api/penalty-cases/${c.id}`, { collectiveDiscussion: { heldOn: today, participants: discussionBoard, opinions: discussionOpinions, conclusion: '同意' } }, 'county.leader'));
    }
    await ok(await call('POST', `/api/penalty-cases/${c.id}/actions`, { action: 'decide' }, 'county.leader'));
    expect(await item('county.leader', 'case_decision')).toMatchObject({ count: 0 });
    expect(await item('county.officer', 'case_step')).toMatchObject({ count: 1 }); // to serve

    // ---- credit repair: once the fact may be repaired the enterprise is told; its application waits for the leader ----
    const [fact] = await h.database.rows<{ id: number }>(sql`select id from credit_facts where case_id = ${c.id}`);
    expect(fact).toBeDefined();
    expect(await item('enterprise', 'credit_repair')).toMatchObject({ count: 0 }); // not yet repairable
    await h.database.rows(sql`update credit_facts set published = true, repairable_from = ${today}::date, published_until = ${addDays(today, 90)}::date where id = ${fact!.id}`);
    expect(await item('enterprise', 'credit_repair')).toMatchObject({ count: 1 });

    // ---- plans and unplanned requests wait for a leader other than the submitter ----
    const plan = await ok(await call('POST', '/api/plans', { agencyId, year: 2026, params: { seed: 5 } }, 'county.officer'), 201);
    await ok(await call('POST', `/api/plans/${plan.id}/transition`, { action: 'submit' }, 'county.leader'));
    expect(await item('county.leader', 'plan_approval')).toMatchObject({ count: 0 }); // submitted it: not theirs to approve
    expect(await item('leader', 'plan_approval')).toMatchObject({ count: 1, link: `/plans/${plan.id}` });
    expect(await item('county2.leader', 'plan_approval')).toMatchObject({ count: 0 });
    await ok(await call('POST', '/api/unplanned-inspections', { enterpriseId, trigger: 'other', reason: '计划外了解复工情况', plannedDate: addDays(today, 3) }, 'county.officer'), 201);
    expect(await item('county.leader', 'unplanned_approval')).toMatchObject({ count: 1, due: addDays(today, 3) });
    expect(await item('county2.leader', 'unplanned_approval')).toMatchObject({ count: 0 });

    // an officer login without an officer record has no work of its own
    expect((await todo('county2.officer')).every((i) => i.count === 0)).toBe(true);
  });
});
