// People and accounts (R4), four eyes (R10, R28) and the leaders' collective discussion (第五十七条第二款).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays } from '@anjian/domain';
import { createHarness, dbKinds, directService, discussionOpinions, type Harness, violationFacts } from './harness.js';

const PASSWORD = 'Xinren#2026pw';
const board = [
  { name: '张局长', position: '局长' },
  { name: '李副局长', position: '副局长' },
  { name: '王副局长', position: '副局长' },
];

describe.each(dbKinds)('people, accounts and four eyes on %s', (kind) => {
  let h: Harness;
  let admin: string;
  let leader: string; // county.leader
  let legal: string;
  let agencyId: number;
  let enterpriseId: number;
  let colleague: number; // another officer of the county with a valid credential
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 300 });
    agencyId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
    enterpriseId = Number((await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${agencyId} order by id limit 1`))[0]!.id);
    colleague = Number(
      (
        await h.database.rows<{ id: number }>(
          sql`select id from officers where agency_id = ${agencyId} and user_id is null and credential_valid_from <= ${today}::date and credential_valid_to >= ${addDays(today, 60)}::date order by id limit 1`,
        )
      )[0]!.id,
    );
    admin = await h.login('admin');
    leader = await h.login('county.leader');
    legal = await h.login('legal');
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload: unknown, cookie: string) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const act = (id: number, action: string, cookie: string, extra: Record<string, unknown> = {}) => call('POST', `/api/penalty-cases/${id}/actions`, { action, ...extra }, cookie);

  /** A new officer of the county in the register, with a valid credential (as the bureau's staff office enters one). */
  async function newOfficer(name: string, credentialNo: string) {
    return ok(
      await call('POST', '/api/officers', { name, credentialNo, credentialValidFrom: addDays(today, -30), credentialValidTo: addDays(today, 700), agencyId, specialties: [] }, admin),
      201,
    );
  }

  /** A case of the enterprise handled by `cookie`'s officer and the colleague, opened and under investigation with one violation. */
  async function caseUnderInvestigation(cookie: string, officerId: number) {
    const c = await ok(await call('POST', '/api/penalty-cases', { enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds: [officerId, colleague] }, cookie), 201);
    await ok(await act(c.id, 'open', leader));
    await ok(await act(c.id, 'start_investigation', cookie));
    await ok(await call('POST', `/api/penalty-cases/${c.id}/violations`, { facts: violationFacts('aq097.initial.unit') }, cookie), 201);
    return Number(c.id);
  }

  it('R4/R27/R28/R35: a new officer gets a linked login from the record, signs in and carries a case from filing to service', async () => {
    const o = await newOfficer('陈新人', 'ZJ33010699001');
    expect(o.account).toBeNull();
    // only the administrator opens logins; the password rule applies
    expect((await call('POST', `/api/officers/${o.id}/account`, { username: 'chen.xr', password: PASSWORD }, leader)).statusCode).toBe(403);
    const weak = await call('POST', `/api/officers/${o.id}/account`, { username: 'chen.xr', password: '123' }, admin);
    expect(weak.statusCode).toBe(400);
    const linked = await ok(await call('POST', `/api/officers/${o.id}/account`, { username: 'chen.xr', password: PASSWORD }, admin), 201);
    expect(linked.account).toMatchObject({ username: 'chen.xr', displayName: '陈新人', role: 'officer', active: true });
    // a second login for the same officer is refused, nothing created
    const again = await call('POST', `/api/officers/${o.id}/account`, { username: 'chen.xr2', password: PASSWORD }, admin);
    expect(again.statusCode).toBe(409);
    expect((await h.database.rows(sql`select 1 from users where username = 'chen.xr2'`)).length).toBe(0);
    // the user list shows the officer; the audit chain has the creation and the link
    const users = await ok(await call('GET', '/api/users', undefined, admin));
    expect(users.items.find((u: { username: string }) => u.username === 'chen.xr')).toMatchObject({ officerId: o.id, officerName: '陈新人', agencyId });
    const history = await ok(await call('GET', `/api/officers/${o.id}/history`, undefined, admin));
    expect(history.items.map((e: { action: string }) => e.action)).toContain('link_account');

    const me = await h.login('chen.xr', PASSWORD);
    expect(await ok(await call('GET', '/api/me', undefined, me))).toMatchObject({ username: 'chen.xr', role: 'officer', officerId: o.id, enforcementBlocked: null, agency: { id: agencyId } });
    // file → open → investigate → notify → (rights waived) → legal review → collective discussion → decide → serve
    const id = await caseUnderInvestigation(me, o.id);
    let c = await ok(await act(id, 'notify', me));
    expect(c.status).toBe('notified');
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }, me));
    c = await ok(await act(id, 'submit_review', me));
    expect(c.status).toBe('legal_review');
    c = await ok(await act(id, 'approve_review', legal, { reason: '事实清楚，证据确凿，程序合法' }));
    if (c.majorCaseReasons.length) await ok(await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: board, opinions: discussionOpinions, conclusion: '同意按拟处罚内容作出决定' } }, leader));
    c = await ok(await act(id, 'decide', leader, { reason: '同意' }));
    expect(c.status).toBe('decided');
    c = await ok(await act(id, 'serve', me, { service: directService() }));
    expect(c.status).toBe('served');
    const actors = await h.database.rows<{ action: string; actor_name: string }>(sql`select action, actor_name from penalty_case_events where case_id = ${id} order by id`);
    expect(actors.filter((e) => e.actor_name === '陈新人').map((e) => e.action)).toEqual(['create', 'start_investigation', 'add_violation', 'notify', 'waive_rights', 'submit_review', 'serve']);
  });

  it('R4: an existing login is linked from the officer record; a login of another agency or already linked is refused', async () => {
    const o = await newOfficer('周老兵', 'ZJ33010699002');
    const created = await ok(await call('POST', '/api/users', { username: 'zhou.lb', password: PASSWORD, displayName: '周老兵', role: 'officer', agencyId }, admin), 201);
    const [other] = await h.database.rows<{ id: number }>(sql`select u.id from users u where u.username = 'county2.officer'`);
    const foreign = await call('PUT', `/api/officers/${o.id}/account`, { userId: Number(other!.id) }, admin);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain('不属于');
    const [taken] = await h.database.rows<{ id: number }>(sql`select u.id from users u where u.username = 'county.officer'`);
    expect((await call('PUT', `/api/officers/${o.id}/account`, { userId: Number(taken!.id) }, admin)).statusCode).toBe(409);
    // the picker lists the agency's logins not yet linked
    const free = await ok(await call('GET', `/api/users?agencyId=${agencyId}&unlinked=true`, undefined, admin));
    expect(free.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['zhou.lb', 'county.leader']));
    expect(free.items.map((u: { username: string }) => u.username)).not.toContain('county.officer');
    const linked = await ok(await call('PUT', `/api/officers/${o.id}/account`, { userId: created.id }, admin));
    expect(linked.account).toMatchObject({ userId: created.id, username: 'zhou.lb' });
    expect((await ok(await call('GET', '/api/me', undefined, await h.login('zhou.lb', PASSWORD)))).officerId).toBe(o.id);
    const unlinked = await ok(await call('DELETE', `/api/officers/${o.id}/account`, { reason: '账户关联错误' }, admin));
    expect(unlinked.account).toBeNull();
  });

  it('R4/R16: an officer who left, or whose credential was revoked, keeps reading but takes no enforcement act nor joins a team', async () => {
    const o = await newOfficer('吴将离', 'ZJ33010699003');
    await ok(await call('POST', `/api/officers/${o.id}/account`, { username: 'wu.jl', password: PASSWORD }, admin), 201);
    const me = await h.login('wu.jl', PASSWORD);
    const id = await caseUnderInvestigation(me, o.id);
    const eventsBefore = (await h.database.rows(sql`select 1 from penalty_case_events where case_id = ${id}`)).length;
    const left = await ok(await call('PATCH', `/api/officers/${o.id}`, { version: (await ok(await call('GET', `/api/officers/${o.id}`, undefined, admin))).version, leftOn: today }, admin));
    expect(left.enforcementBlocked).toContain('离职');
    expect((await ok(await call('GET', '/api/me', undefined, me))).enforcementBlocked).toContain('离职');
    // reading goes on; every enforcement act is refused with the reason, nothing changes
    const c = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, me));
    expect(c.availableActions).toEqual([]);
    const notify = await act(id, 'notify', me);
    expect(notify.statusCode).toBe(403);
    expect(notify.json().message).toContain('离职');
    const inspection = await call('POST', '/api/unplanned-inspections', { enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }, me);
    expect(inspection.statusCode).toBe(403);
    expect((await h.database.rows(sql`select 1 from penalty_case_events where case_id = ${id}`)).length).toBe(eventsBefore);
    expect((await call('GET', '/api/enterprises', undefined, me)).statusCode).toBe(200);
    // nor is the officer put on another officer's inspection team
    const colleagueCookie = await h.login('county.officer');
    const [co] = await h.database.rows<{ id: number }>(sql`select o.id from officers o join users u on u.id = o.user_id where u.username = 'county.officer'`);
    const req = await ok(await call('POST', '/api/unplanned-inspections', { enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }, colleagueCookie), 201);
    const team = await call('POST', '/api/inspections', { enterpriseId, origin: 'unplanned', unplannedRequestId: req.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: today, officerIds: [Number(co!.id), o.id] }, colleagueCookie);
    expect(team.statusCode).toBe(400);
    expect(team.json().message).toContain('已于' + today + '离职');
    // nor drawn for a holiday round (one team: every officer in service)
    const roundOf = async () => (await ok(await call('POST', '/api/holiday-rounds', { year: 2026, holidayName: '国庆节', teamCount: 1 }, leader), 201)).teams[0].officerIds as number[];
    expect(await roundOf()).not.toContain(o.id);
    // back in service, then the credential revoked (with a reason)
    const back = await ok(await call('PATCH', `/api/officers/${o.id}`, { version: left.version, leftOn: null }, admin));
    expect(back.enforcementBlocked).toBeNull();
    expect(await roundOf()).toContain(o.id);
    expect((await call('PATCH', `/api/officers/${o.id}`, { version: back.version, credentialRevokedOn: today }, admin)).statusCode).toBe(400);
    const revoked = await ok(await call('PATCH', `/api/officers/${o.id}`, { version: back.version, credentialRevokedOn: today, credentialRevokedReason: '违纪收回执法证' }, admin));
    expect(revoked.enforcementBlocked).toContain('注销');
    expect((await act(id, 'notify', me)).json().message).toContain('注销');
    const audit = await h.database.rows<{ after: Record<string, unknown> }>(sql`select after from audit_log where entity_type = 'officer' and entity_id = ${String(o.id)} and action = 'update' order by id`);
    expect(audit.map((a) => Object.keys(a.after))).toEqual([['leftOn'], ['leftOn'], ['credentialRevokedOn', 'credentialRevokedReason']]);
  });

  it('R10: the user who submits a plan cannot approve it; another leader can', async () => {
    const plan = await ok(await call('POST', '/api/plans', { agencyId, year: 2026, params: { seed: 3 } }, leader), 201);
    expect((await ok(await call('POST', `/api/plans/${plan.id}/transition`, { action: 'submit' }, leader))).submittedBy).toBeGreaterThan(0);
    const self = await call('POST', `/api/plans/${plan.id}/transition`, { action: 'approve' }, leader);
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain('不能审批本人提交的计划');
    expect((await ok(await call('GET', `/api/plans/${plan.id}`, undefined, leader))).status).toBe('submitted');
    // the province leader (a level above) approves
    expect((await ok(await call('POST', `/api/plans/${plan.id}/transition`, { action: 'approve' }, await h.login('leader')))).status).toBe('approved');
  });

  it('R28: the reviewer is never an investigator nor the one who submitted; the decider never an investigator; acted-on buttons disappear', async () => {
    // a legal reviewer whose officer record is one of the case's investigators
    const reviewerOfficer = await newOfficer('郑法制', 'ZJ33010699004');
    await ok(await call('POST', `/api/officers/${reviewerOfficer.id}/account`, { username: 'zheng.fz', password: PASSWORD, role: 'legal_reviewer' }, admin), 201);
    const reviewer = await h.login('zheng.fz', PASSWORD);
    const handler = await newOfficer('钱承办', 'ZJ33010699005');
    await ok(await call('POST', `/api/officers/${handler.id}/account`, { username: 'qian.cb', password: PASSWORD }, admin), 201);
    const officer = await h.login('qian.cb', PASSWORD);
    const id = await caseUnderInvestigation(officer, handler.id);
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { investigatorIds: [handler.id, colleague, reviewerOfficer.id] }, officer));
    await ok(await act(id, 'notify', officer));
    await ok(await call('PATCH', `/api/penalty-cases/${id}`, { rightsWaived: true }, officer));
    await ok(await act(id, 'submit_review', officer));
    let c = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, reviewer));
    expect(c.availableActions).not.toContain('approve_review');
    const own = await act(id, 'approve_review', reviewer, { reason: '同意' });
    expect(own.statusCode).toBe(400);
    expect(own.json().message).toContain('不得为本案承办人员');

    // the submitter made a legal reviewer afterwards still cannot review what they submitted
    const [qian] = await h.database.rows<{ id: number }>(sql`select id from users where username = 'qian.cb'`);
    await ok(await call('PATCH', `/api/users/${qian!.id}`, { role: 'legal_reviewer' }, admin));
    const self = await act(id, 'approve_review', await h.login('qian.cb', PASSWORD), { reason: '同意' });
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toContain('不得审核本人提交');
    expect((await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, legal))).legalReviews.at(-1).result).toBe('pending');

    // another reviewer approves; the approval buttons are gone and a second click is refused
    await ok(await act(id, 'approve_review', legal, { reason: '同意' }));
    c = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, legal));
    expect(c.availableActions).toEqual([]);
    const twice = await act(id, 'approve_review', legal, { reason: '同意' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toContain('法制审核已通过');

    // a leader whose officer record handles the case does not decide it
    const leaderOfficer = await newOfficer('孙局长', 'ZJ33010699006');
    const [lead] = await h.database.rows<{ id: number }>(sql`select id from users where username = 'county.leader'`);
    await ok(await call('PUT', `/api/officers/${leaderOfficer.id}/account`, { userId: Number(lead!.id) }, admin));
    await h.database.rows(sql`update penalty_cases set investigator_ids = investigator_ids || ${leaderOfficer.id}::int where id = ${id}`);
    if (c.majorCaseReasons.length) await ok(await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: board, opinions: discussionOpinions, conclusion: '同意' } }, leader));
    c = await ok(await call('GET', `/api/penalty-cases/${id}`, undefined, leader));
    expect(c.availableActions).not.toContain('decide');
    const decide = await act(id, 'decide', leader);
    expect(decide.statusCode).toBe(400);
    expect(decide.json().message).toContain('承办人员不得对本案作出处罚决定');
    await ok(await call('DELETE', `/api/officers/${leaderOfficer.id}/account`, { reason: '测试结束' }, admin));
    expect((await ok(await act(id, 'decide', leader))).status).toBe('decided');
  });

  it('R28: the collective discussion records at least three participants and their conclusion; a bare yes is refused', async () => {
    const o = await newOfficer('冯讨论', 'ZJ33010699007');
    await ok(await call('POST', `/api/officers/${o.id}/account`, { username: 'feng.tl', password: PASSWORD }, admin), 201);
    const me = await h.login('feng.tl', PASSWORD);
    const id = await caseUnderInvestigation(me, o.id);
    const bare = await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussionHeld: true }, leader);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toContain('参加人员');
    const two = await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: board.slice(0, 2), opinions: discussionOpinions, conclusion: '同意处罚' } }, leader);
    expect(two.statusCode).toBe(400);
    expect(two.json().message).toContain('3名以上');
    const dup = await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: [...board.slice(0, 2), board[0]], opinions: discussionOpinions, conclusion: '同意处罚' } }, leader);
    expect(dup.statusCode).toBe(400);
    const future = await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: addDays(today, 1), participants: board, opinions: discussionOpinions, conclusion: '同意处罚' } }, leader);
    expect(future.statusCode).toBe(400);
    expect((await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: board, opinions: discussionOpinions, conclusion: '同意处罚' } }, me)).statusCode).toBe(403);
    const c = await ok(await call('PATCH', `/api/penalty-cases/${id}`, { collectiveDiscussion: { heldOn: today, participants: board, opinions: discussionOpinions, conclusion: '同意按拟处罚内容作出决定' } }, leader));
    expect(c.collectiveDiscussionHeld).toBe(true);
    expect(c.collectiveDiscussion).toMatchObject({ heldOn: today, participants: board, opinions: discussionOpinions, conclusion: '同意按拟处罚内容作出决定', recordedBy: '县局负责人' });
  });
});
