// R29: publication of penalty decisions — the staff list and the withdrawal of a published decision that was changed
// or annulled (《行政处罚法》第四十八条第二款: within 3 working days, 第八十五条, with the reason made public).
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, addWorkingDays, publicationWithdrawalDue, workingCalendar } from '@anjian/domain';
import { useCaseWorld, beijingToday, dbKinds, violationFacts } from './harness.js';

const facts = violationFacts('aq097.initial.unit');
const CJK = /[\u4e00-\u9fa5]/;

describe.each(dbKinds)('R29 publication and withdrawal on %s', (kind) => {
  const today = beijingToday();

  const w = useCaseWorld(kind, { enterprises: 800 });

  const { call, act, ok } = w;
  const row = async (id: number) => (await w.h.database.rows<Record<string, unknown>>(sql`select * from penalty_publications where case_id = ${id}`))[0]!;
  const maxAuditId = async () => Number((await w.h.database.rows<{ n: number }>(sql`select coalesce(max(id), 0)::bigint as n from audit_log`))[0]!.n);
  const auditCount = async () => Number((await w.h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n);
  const withdraw = (id: number, body: unknown, cookie: string = w.cookies.officer) => call('POST', `/api/penalty-cases/${id}/publication/withdraw`, body, cookie);

  /** A general-procedure case decided today (its publication row is created with the decision). */
  async function decidedCase(): Promise<number> {
    const c = await ok(await call('POST', '/api/penalty-cases', { enterpriseId: w.enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds: w.investigators }), 201);
    await ok(await act(c.id, 'open', w.cookies.leader));
    await ok(await act(c.id, 'start_investigation', w.cookies.officer));
    await ok(await call('POST', `/api/penalty-cases/${c.id}/violations`, { facts }), 201);
    await ok(await act(c.id, 'notify', w.cookies.officer));
    await ok(await call('PATCH', `/api/penalty-cases/${c.id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
    const d = await ok(await act(c.id, 'decide', w.cookies.leader));
    expect(d.publication).toMatchObject({ publishedAt: null });
    return c.id;
  }
  async function publishedCase(): Promise<number> {
    const id = await decidedCase();
    await ok(await call('POST', `/api/penalty-cases/${id}/publish`));
    return id;
  }
  const publicItems = async (query = '') => ok(await call('GET', `/api/public/penalty-decisions${query}`, undefined, null));

  it('R29: the staff list shows what is due with a working-day countdown, then published; counts per status', async () => {
    const id = await decidedCase();
    let list = await ok(await call('GET', '/api/penalty-publications?status=pending'));
    const due = list.items.find((i: { caseId: number }) => i.caseId === id);
    expect(due).toMatchObject({ published: false, late: false, withdrawn: false, decidedOn: today, partyName: expect.any(String) });
    expect(due.caseNumber).toBeTruthy();
    expect(due.countdown).toMatchObject({ due: due.dueOn, overdue: false });
    expect(due.countdown.workingDaysLeft).toBeGreaterThan(0);
    expect(list.counts.pending).toBeGreaterThanOrEqual(1);
    await ok(await call('POST', `/api/penalty-cases/${id}/publish`));
    list = await ok(await call('GET', '/api/penalty-publications?status=published'));
    expect(list.items.find((i: { caseId: number }) => i.caseId === id)).toMatchObject({ published: true, publishedOn: today, publishedByName: '县局执法员', countdown: null });
    expect((await call('GET', '/api/penalty-publications?status=bogus')).json().message).toMatch(CJK);
    // another county sees none of it; the enterprise has no staff list
    expect((await ok(await call('GET', '/api/penalty-publications', undefined, w.cookies.neighbour))).items.some((i: { caseId: number }) => i.caseId === id)).toBe(false);
    expect((await call('GET', '/api/penalty-publications', undefined, w.cookies.enterprise)).statusCode).toBe(403);
  });

  it('R29: withdrawal hides the decision on the portal and publishes the withdrawal statement (audited)', async () => {
    const id = await publishedCase();
    let pub = await publicItems();
    const shown = pub.items.find((i: { id: number }) => i.id === id);
    expect(shown).toMatchObject({ withdrawn: false, facts: expect.any(String), decision: expect.stringContaining('罚款') });
    const documentNumber = shown.documentNumber as string;
    expect(documentNumber).toBeTruthy();

    const before = await auditCount();
    const maxId = await maxAuditId();
    const res = await ok(await withdraw(id, { ground: 'revoked', reason: '行政复议机关决定撤销该行政处罚决定（复议决定书编号 330106199001011234）', changedOn: today }));
    expect(res).toMatchObject({ withdrawn: true, withdrawal: { ground: 'revoked', groundLabel: '被依法撤销', changedOn: today, withdrawnOn: today, dueOn: publicationWithdrawalDue(today, workingCalendar()), late: false, withdrawnByName: '县局执法员' } });
    expect(res.withdrawal.dueOn).toBe(addWorkingDays(today, 3));

    // the portal: the statement in place of the decision, no personal data, newest first
    pub = await publicItems();
    expect(typeof pub.total).toBe('number');
    const st = pub.items.find((i: { id: number }) => i.id === id);
    expect(st).toMatchObject({ withdrawn: true, withdrawnOn: today, documentNumber, groundLabel: '被依法撤销', ground: 'revoked' });
    for (const k of ['partyName', 'creditCode', 'legalRepresentative', 'facts', 'violations', 'decision', 'fine']) expect(st, k).not.toHaveProperty(k);
    expect(st.statement).toContain(documentNumber);
    expect(st.statement).toContain('第四十八条第二款');
    expect(st.reason).toContain('行政复议机关决定撤销');
    expect(st.reason).not.toContain('330106199001011234'); // digit runs are masked like the decisions' text
    expect(JSON.stringify(st)).not.toContain(shown.partyName);
    expect(pub.items[0].id).toBe(id);

    // the staff list moves it from 已公示 to 已撤回; the case file carries it
    expect((await ok(await call('GET', '/api/penalty-publications?status=published'))).items.some((i: { caseId: number }) => i.caseId === id)).toBe(false);
    expect((await ok(await call('GET', '/api/penalty-publications?status=withdrawn'))).items.find((i: { caseId: number }) => i.caseId === id)).toMatchObject({ withdrawn: true });
    const file = await ok(await call('GET', `/api/penalty-cases/${id}`));
    expect(file.publication).toMatchObject({ withdrawnOn: today, withdrawalGround: 'revoked' });

    // audited in the same transaction, with the reason (the revoked decision's credit fact is annulled with it, R32);
    // the chain still verifies
    const entries = await w.h.database.rows<{ action: string; entity_type: string; entity_id: string; reason: string; after: Record<string, unknown>; region_code: string }>(
      sql`select action, entity_type, entity_id, reason, after, region_code from audit_log where id > ${maxId} order by id`,
    );
    expect(entries.map((e) => `${e.entity_type}:${e.action}`).filter((a) => a !== 'enterprise:credit_status')).toEqual(['credit_fact:annul', 'penalty_case:withdraw_publication']);
    const entry = entries.find((e) => e.action === 'withdraw_publication');
    const changes = entries.length;
    expect(entry).toMatchObject({ action: 'withdraw_publication', entity_type: 'penalty_case', entity_id: String(id), after: { ground: 'revoked', changedOn: today, late: false } });
    expect(entry!.reason).toContain('行政复议机关');
    expect(entry!.region_code.startsWith('330106')).toBe(true);
    expect(await ok(await call('GET', '/api/audit/verify', undefined, w.cookies.oversight))).toMatchObject({ ok: true });

    // twice: 409 with the date, nothing changed
    const again = await withdraw(id, { ground: 'changed', reason: '重复提交撤回申请', changedOn: today });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已于') });
    expect((await row(id)).withdrawal_ground).toBe('revoked');
    expect(await auditCount()).toBe(before + changes);
  });

  it('R32: a revoked or void decision no longer counts in the credit record; a changed one still does', async () => {
    const fact = async (caseId: number) => (await w.h.database.rows<Record<string, unknown>>(sql`select * from credit_facts where case_id = ${caseId}`))[0]!;
    const record = async () => ok(await call('GET', `/api/enterprises/${w.enterpriseId}/credit`));
    const revokedCase = await publishedCase();
    const changedCase = await publishedCase();
    expect(await fact(revokedCase)).toMatchObject({ published: true, annulled_on: null });
    expect((await record()).status).not.toBe('trustworthy'); // penalties on record

    ok(await withdraw(changedCase, { ground: 'changed', reason: '复议机关变更罚款数额', changedOn: today }));
    expect(await fact(changedCase)).toMatchObject({ published: true, annulled_on: null });

    ok(await withdraw(revokedCase, { ground: 'confirmed_invalid', reason: '人民法院判决确认该行政处罚决定无效', changedOn: today }));
    const annulled = await fact(revokedCase);
    expect(annulled).toMatchObject({ published: false, annulled_on: today });
    expect(annulled.annulled_reason).toContain('无效');
    const rec = await record();
    expect(rec.facts.find((f: { caseId: number }) => f.caseId === revokedCase)).toMatchObject({ annulledOn: today, published: false });
    // the stored status follows the record computed without the void decision
    const [e] = await w.h.database.rows<{ credit_status: string }>(sql`select credit_status from enterprises where id = ${w.enterpriseId}`);
    expect(e!.credit_status).toBe(rec.status);
  });

  it('R29/R38: the withdrawal is due 3 working days after the change, over the National Day holiday and its 调休; late ones are flagged and shown to oversight', async () => {
    // decided 2026-09-18 and published; revoked on 2026-09-30 (Wed). 10-01…10-07 are holidays, 10-10 (Sat) is a
    // 调休 working day: the three working days are 10-08, 10-09, 10-10.
    const id = await publishedCase();
    await w.h.database.rows(sql`update penalty_publications set decided_on = '2026-09-18', due_on = '2026-09-25', published_on = '2026-09-21' where case_id = ${id}`);
    expect(publicationWithdrawalDue('2026-09-30', workingCalendar())).toBe('2026-10-10');
    const res = await ok(await withdraw(id, { ground: 'confirmed_illegal', reason: '人民法院判决确认该行政处罚决定违法', changedOn: '2026-09-30' }));
    expect(res.withdrawal).toMatchObject({ dueOn: '2026-10-10', changedOn: '2026-09-30', late: today > '2026-10-10' });
    expect(res.withdrawal.late).toBe(true); // the clock of this project is past 2026-10-10
    const late = await ok(await call('GET', '/api/penalty-publications?status=late'));
    expect(late.items.find((i: { caseId: number }) => i.caseId === id)).toMatchObject({ withdrawn: true, withdrawal: { late: true, dueOn: '2026-10-10' } });
    expect((await row(id)).withdrawal_late).toBe(true);
    // oversight sees the late withdrawal with how late (10-10 → withdrawn today); the neighbour county does not
    const ov = await ok(await call('GET', '/api/penalty-oversight', undefined, w.cookies.oversight));
    const lw = ov.lateWithdrawals.find((x: { caseId: number }) => x.caseId === id);
    expect(lw).toMatchObject({ ground: 'confirmed_illegal', changedOn: '2026-09-30', dueOn: '2026-10-10', withdrawnOn: today });
    expect(lw.workingDaysLate).toBeGreaterThan(20);
    const theirs = await ok(await call('GET', '/api/penalty-oversight', undefined, w.cookies.neighbour));
    expect(theirs.lateWithdrawals.some((x: { caseId: number }) => x.caseId === id)).toBe(false);
  });

  it('R29: bad input is a Chinese 400 and changes nothing; an unpublished decision cannot be withdrawn', async () => {
    const id = await publishedCase();
    const before = await auditCount();
    const good = { ground: 'changed', reason: '复议机关决定变更罚款数额', changedOn: today };
    const bad: [unknown, RegExp][] = [
      [{ ...good, ground: 'mistake' }, /撤回事由/],
      [{ reason: good.reason, changedOn: today }, /撤回事由/],
      [{ ...good, reason: '  ' }, /撤回理由/],
      [{ ground: 'changed', changedOn: today }, /撤回理由/],
      [{ ...good, reason: '理'.repeat(1001) }, /不能超过1000个字/],
      [{ ...good, changedOn: '2026-02-30' }, /日期不存在/],
      [{ ...good, changedOn: '2026/11/01' }, /日期格式/],
      [{ ...good, changedOn: addDays(today, 1) }, /不能晚于今天/],
      [{ ...good, changedOn: addDays(today, -400) }, /不能早于处罚决定日期/],
    ];
    for (const [body, msg] of bad) {
      const res = await withdraw(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
      expect(res.json().message).toMatch(msg);
      expect(res.json().message).toMatch(CJK);
    }
    expect((await call('POST', '/api/penalty-cases/abc/publication/withdraw', good)).statusCode).toBe(400);
    expect(await row(id)).toMatchObject({ withdrawn_at: null, withdrawal_ground: null, withdrawal_reason: null });
    expect(await auditCount()).toBe(before);
    expect((await publicItems()).items.find((i: { id: number }) => i.id === id)).toMatchObject({ withdrawn: false });

    // decided but not yet published: nothing to withdraw (409)
    const pending = await decidedCase();
    const res = await withdraw(pending, good);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('尚未公开');
    // a case without publication at all, and a case that does not exist
    expect((await withdraw(2147483000, good)).statusCode).toBe(404);
  });

  it('R29: only staff of the jurisdiction who may publish can withdraw — other county 404, other roles 403, nothing changes', async () => {
    const id = await publishedCase();
    const before = await auditCount();
    const body = { ground: 'revoked', reason: '行政复议机关决定撤销该行政处罚决定', changedOn: today };
    const other = await withdraw(id, body, w.cookies.neighbour);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toMatch(CJK);
    for (const cookie of [w.cookies.oversight, w.cookies.legal, w.cookies.enterprise]) {
      const res = await withdraw(id, body, cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(CJK) });
    }
    expect((await call('POST', `/api/penalty-cases/${id}/publication/withdraw`, body, null)).statusCode).toBe(401);
    expect(await row(id)).toMatchObject({ withdrawn_at: null });
    expect(await auditCount()).toBe(before);
    // the leader of the county may
    expect(await ok(await withdraw(id, body, w.cookies.leader))).toMatchObject({ withdrawn: true });
  });

  it('R29: the portal pages on the server and says how many there are', async () => {
    await publishedCase();
    const [{ n }] = (await w.h.database.rows<{ n: number }>(sql`select count(*)::int as n from penalty_publications where published_at is not null`)) as [{ n: number }];
    const first = await publicItems('?pageSize=1');
    expect(first).toMatchObject({ page: 1, pageSize: 1, total: Number(n) });
    expect(first.items).toHaveLength(1);
    const second = await publicItems('?pageSize=1&page=2');
    expect(second.items[0]?.id).not.toBe(first.items[0].id);
    expect((await publicItems(`?pageSize=1&page=${Number(n) + 1}`)).items).toEqual([]);
    const bad = await call('GET', '/api/public/penalty-decisions?pageSize=1000', undefined, null);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(CJK);
  });

  it('R29: the portal\'s region filter is that region\'s tree — 330110 is 余杭区 only, never 330111–330114; 330100 the whole city', async () => {
    const [a, b, c] = [await publishedCase(), await publishedCase(), await publishedCase()];
    // the publications' regions as if decided in 余杭区 (330110), 富阳区 (330111) and a township of 余杭区
    await w.h.database.rows(sql`update penalty_publications set region_code = case case_id when ${a} then '330110' when ${b} then '330111' else '330110001' end where case_id in (${a}, ${b}, ${c})`);
    const ids = async (regionCode: string) => new Set((await publicItems(`?regionCode=${regionCode}&pageSize=100`)).items.map((i: { id: number }) => i.id));
    const county = await ids('330110');
    expect([county.has(a), county.has(b), county.has(c)]).toEqual([true, false, true]);
    const city = await ids('330100');
    expect([city.has(a), city.has(b), city.has(c)]).toEqual([true, true, true]);
    const other = await ids('330111');
    expect([other.has(a), other.has(b), other.has(c)]).toEqual([false, true, false]);
  });
});
