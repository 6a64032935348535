// 案卷评查 (R34, with R35 全过程记录) and supervisory measures (R31/R34): a quarter's verifiable draw per agency, the
// reviewer's 回避, the versioned scoring sheet, scores from the sheet, the rectification flow, the league table, the
// measures taken on a defect, jurisdiction scoping and bad input. The files are inserted as closed cases and completed
// inspections of the demo province (浙江: 省厅 → 杭州市局 → 西湖区 330106 / 上城区 330102).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { defaultReviewSheet, drawReviewSample, itemsFor, scoreReview, type ReviewDrawInput } from '@anjian/domain';
import { createHarness, dbKinds, DEMO_PASSWORD, type Harness } from './harness.js';
import { hashPassword } from '../src/modules/auth/password.js';

describe.each(dbKinds)('case reviews on %s', (kind) => {
  let h: Harness;
  const ag: Record<'province' | 'city' | 'countyA' | 'countyB', number> = { province: 0, city: 0, countyA: 0, countyB: 0 };
  let provinceOversight: string;
  let cityOversight: string;
  let countyLeader: string;
  let countyOfficer: string;
  let neighbour: string;
  let enterpriseCookie: string;
  let admin: string;
  let provinceRound: { id: number; seed: number; inputHash: string; itemCount: number; sheetVersion: number };
  const caseIds: Record<string, number[]> = {};

  const call = (method: string, url: string, payload?: unknown, cookie: string | null = provinceOversight) =>
    h.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const items = async (q: string, cookie = provinceOversight) => (await ok(await call('GET', `/api/case-reviews?pageSize=100&${q}`, undefined, cookie))).items as { id: number; agencyId: number; kind: string; subjectId: number; status: string; score: number | null }[];

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 400 });
    for (const [k, code] of [['province', '330000'], ['city', '330100'], ['countyA', '330106'], ['countyB', '330102']] as const) {
      ag[k] = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = ${code}`))[0]!.id);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await h.database.rows(sql`insert into users (username, display_name, role, agency_id, password_hash) values ('city.oversight', '市局监督员', 'oversight', ${ag.city}, ${passwordHash})`);
    const [u] = await h.database.rows<{ id: number }>(sql`select id from users where username = 'admin'`);
    const entOf = async (prefix: string) => Number((await h.database.rows<{ id: number }>(sql`select id from enterprises where region_code like ${prefix + '%'} order by id limit 1`))[0]!.id);
    const entA = await entOf('330106');
    const entB = await entOf('330102');
    const addCases = async (key: string, agencyId: number, ent: number, region: string, n: number, closedOn: string, status = 'closed') => {
      const rows = await h.database.rows<{ id: number }>(
        sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, created_by, closed_on, case_number)
            select ${agencyId}, ${ent}, ${region}, ${status}, '未按规定开展安全生产教育和培训', ${u!.id}, ${closedOn}::date, ${'评查测试' + key + '-'} || g from generate_series(1, ${n}) g returning id`,
      );
      caseIds[key] = rows.map((r) => Number(r.id));
    };
    await addCases('A', ag.countyA, entA, '330106', 5, '2026-08-10');
    await addCases('B', ag.countyB, entB, '330102', 3, '2026-09-30');
    await addCases('city', ag.city, entA, '330106', 2, '2026-07-01');
    await addCases('province', ag.province, entA, '330106', 2, '2026-07-15');
    await addCases('late', ag.countyA, entA, '330106', 2, '2026-10-01'); // outside the quarter
    await addCases('open', ag.countyA, entA, '330106', 2, '2026-08-01', 'investigating'); // not closed
    await addCases('Q2', ag.countyB, entB, '330102', 2, '2026-05-20');
    const ins = await h.database.rows<{ id: number }>(
      sql`insert into inspections (agency_id, enterprise_id, region_code, origin, planned_date, officer_ids, item_codes, catalog_version, status, completed_at, public_token, created_by)
          select ${ag.countyA}, ${entA}, '330106', 'plan', '2026-08-01'::date, '{}'::int[], '{}'::text[], 1, 'completed', '2026-08-02T10:00:00+08:00'::timestamptz, 'reviewtoken' || g, ${u!.id}
            from generate_series(1, 3) g returning id`,
    );
    caseIds.inspections = ins.map((r) => Number(r.id));
    provinceOversight = await h.login('oversight');
    cityOversight = await h.login('city.oversight');
    countyLeader = await h.login('county.leader');
    countyOfficer = await h.login('county.officer');
    neighbour = await h.login('county2.officer');
    enterpriseCookie = await h.login('enterprise');
    admin = await h.login('admin');
  });
  afterAll(() => h?.close());

  it('R34: a quarter draw takes the set number of closed cases and completed inspections per agency below the drawer, verifiably', async () => {
    provinceRound = await ok(await call('POST', '/api/case-reviews/rounds', { quarter: '2026-Q3', perAgency: 2 }), 201);
    expect(provinceRound).toMatchObject({ title: '2026年第3季度案卷评查', periodStart: '2026-07-01', periodEnd: '2026-09-30', perAgency: 2, sheetVersion: 0, itemCount: 8 });
    expect(provinceRound.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const drawn = await items(`roundId=${provinceRound.id}`);
    const by = (agencyId: number, k: string) => drawn.filter((i) => i.agencyId === agencyId && i.kind === k).map((i) => i.subjectId);
    expect(by(ag.countyA, 'penalty')).toHaveLength(2);
    expect(by(ag.countyA, 'penalty').every((id) => caseIds.A!.includes(id))).toBe(true);
    expect(by(ag.countyB, 'penalty').every((id) => caseIds.B!.includes(id))).toBe(true);
    expect(by(ag.city, 'penalty').sort()).toEqual([...caseIds.city!].sort());
    expect(by(ag.countyA, 'inspection').every((id) => caseIds.inspections!.includes(id))).toBe(true);
    // the drawing agency's own files, files outside the quarter and open cases are never drawn
    expect(by(ag.province, 'penalty')).toEqual([]);
    expect(drawn.some((i) => [...caseIds.late!, ...caseIds.open!, ...caseIds.Q2!].includes(i.subjectId) && i.kind === 'penalty')).toBe(false);

    // anyone with the published seed and input gets the same files
    const [stored] = await h.database.rows<{ input: ReviewDrawInput }>(sql`select input from case_review_rounds where id = ${provinceRound.id}`);
    const again = drawReviewSample(stored!.input);
    expect(again.inputHash).toBe(provinceRound.inputHash);
    expect(again.picks.flatMap((p) => p.ids.map((id) => `${p.kind}${id}`)).sort()).toEqual(drawn.map((i) => `${i.kind}${i.subjectId}`).sort());
    expect(await ok(await call('POST', `/api/case-reviews/rounds/${provinceRound.id}/verify`, {}))).toMatchObject({ ok: true, reason: null, seed: provinceRound.seed });

    // a quarter is drawn once per agency
    const dup = await call('POST', '/api/case-reviews/rounds', { quarter: '2026-Q3' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('不能重复抽取');
  });

  it('R34: a city draws for its counties with a given seed; the same seed gives the same files and a tampered result fails verification', async () => {
    const round = await ok(await call('POST', '/api/case-reviews/rounds', { periodStart: '2026-07-01', periodEnd: '2026-09-30', perAgency: 1, seed: 42 }, cityOversight), 201);
    expect(round.seed).toBe(42);
    const drawn = await items(`roundId=${round.id}`, cityOversight);
    expect(new Set(drawn.map((i) => i.agencyId))).toEqual(new Set([ag.countyA, ag.countyB])); // not the city itself
    const expected = drawReviewSample({
      seed: 42,
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      perAgency: 1,
      ratio: null,
      pools: [
        { agencyId: ag.countyA, kind: 'penalty', ids: caseIds.A! },
        { agencyId: ag.countyB, kind: 'penalty', ids: caseIds.B! },
        { agencyId: ag.countyA, kind: 'inspection', ids: caseIds.inspections! },
      ],
    });
    expect(expected.inputHash).toBe(round.inputHash);
    expect(drawn.map((i) => `${i.kind}${i.subjectId}`).sort()).toEqual(expected.picks.flatMap((p) => p.ids.map((id) => `${p.kind}${id}`)).sort());
    // the province sees the city's round; the city does not see the province's round files of the province's own choosing beyond its region
    expect((await ok(await call('GET', '/api/case-reviews/rounds'))).items.some((r: { id: number }) => r.id === round.id)).toBe(true);
    await h.database.rows(sql`update case_review_items set subject_id = ${caseIds.late![0]!} where round_id = ${round.id} and kind = 'penalty' and agency_id = ${ag.countyA}`);
    const v = await ok(await call('POST', `/api/case-reviews/rounds/${round.id}/verify`, {}, cityOversight));
    expect(v.ok).toBe(false);
    expect(v.reason).toContain('不一致');
  });

  it('R34: a reviewer from the case file\'s own agency is refused, so is one of another agency than the drawer', async () => {
    const [item] = await items(`roundId=${provinceRound.id}&agencyId=${ag.countyA}&kind=penalty`);
    const scores = itemsFor(defaultReviewSheet, 'penalty').map((i) => ({ code: i.code, deduction: 0 }));
    const own = await call('POST', `/api/case-reviews/${item!.id}/score`, { scores }, countyLeader);
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('不得评查本单位的案卷');
    const city = await call('POST', `/api/case-reviews/${item!.id}/score`, { scores }, cityOversight);
    expect(city.statusCode).toBe(403);
    expect(city.json().message).toContain('评查人员应为该单位');
    expect((await call('POST', `/api/case-reviews/${item!.id}/score`, { scores }, countyOfficer)).statusCode).toBe(403);
    // the item page tells the own agency why it cannot score
    const view = await ok(await call('GET', `/api/case-reviews/${item!.id}`, undefined, countyLeader));
    expect(view.can.score).toBe(false);
    expect(view.reviewBlockedReason).toContain('回避');
    expect((await ok(await call('GET', `/api/case-reviews/${item!.id}`))).can.score).toBe(true);
    expect((await call('GET', `/api/case-reviews/${item!.id}`, undefined, neighbour)).statusCode).toBe(404);
  });

  it('R34: the score is computed from the sheet of the round; defects go back for rectification; a file is scored once', async () => {
    const [item] = await items(`roundId=${provinceRound.id}&agencyId=${ag.countyA}&kind=penalty`);
    const sheet = itemsFor(defaultReviewSheet, 'penalty');
    const scores = sheet.map((i) => (i.code === 'E2' ? { code: 'E2', deduction: 4, note: '询问笔录缺少当事人签名' } : i.code === 'W2' ? { code: 'W2', deduction: 2.5, note: '送达回证缺失' } : { code: i.code, deduction: 0 }));
    const missing = await call('POST', `/api/case-reviews/${item!.id}/score`, { scores: scores.slice(1) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('未评分');
    const noNote = await call('POST', `/api/case-reviews/${item!.id}/score`, { scores: scores.map((s) => (s.code === 'E2' ? { code: 'E2', deduction: 4 } : s)) });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().message).toContain('扣分理由');
    const tooMuch = await call('POST', `/api/case-reviews/${item!.id}/score`, { scores: scores.map((s) => (s.code === 'S1' ? { code: 'S1', deduction: 9, note: '主体不适格' } : s)) });
    expect(tooMuch.statusCode).toBe(400);
    const res = await ok(await call('POST', `/api/case-reviews/${item!.id}/score`, { scores, comment: '证据和送达存在缺陷' }));
    const expected = scoreReview(defaultReviewSheet, 'penalty', scores);
    expect(res).toMatchObject({ status: 'rectifying', statusLabel: '待整改', score: expected.score, grade: expected.grade, deducted: 6.5 });
    expect(res.defects.map((d: { code: string }) => d.code)).toEqual(['E2', 'W2']);
    const view = await ok(await call('GET', `/api/case-reviews/${item!.id}`));
    expect(view).toMatchObject({ score: expected.score, reviewerName: '执法监督员', defectCount: 2, status: 'rectifying' });
    expect((await call('POST', `/api/case-reviews/${item!.id}/score`, { scores })).statusCode).toBe(409);
    // R35: the score is in the audit trail with the deductions
    const [audit] = await h.database.rows<{ after: { score: number; defects: unknown[] } }>(sql`select after from audit_log where entity_type = 'case_review' and entity_id = ${String(item!.id)} and action = 'score'`);
    expect(audit!.after.score).toBe(expected.score);
    expect(audit!.after.defects).toHaveLength(2);
  });

  it('R34: rectification — the reviewed agency\'s leader records it, the reviewer returns or accepts it', async () => {
    const [item] = await items(`roundId=${provinceRound.id}&agencyId=${ag.countyA}&status=rectifying`);
    expect(item).toBeTruthy();
    // the to-do lists lead each side to its next action
    const todo = async (cookie: string, kind: string) => ((await ok(await call('GET', '/api/todo', undefined, cookie))).items as { kind: string; count: number; link: string }[]).find((i) => i.kind === kind);
    expect(await todo(countyLeader, 'review_rectify')).toMatchObject({ count: 1, link: `/oversight/reviews/${item!.id}` });
    expect((await todo(provinceOversight, 'review_score'))!.count).toBe(provinceRound.itemCount - 1);
    expect((await call('POST', `/api/case-reviews/${item!.id}/acceptance`, { accept: true, opinion: '同意' })).statusCode).toBe(409);
    expect((await call('POST', `/api/case-reviews/${item!.id}/rectification`, { content: '已补充当事人签名的询问笔录和送达回证' }, countyOfficer)).statusCode).toBe(403);
    expect((await call('POST', `/api/case-reviews/${item!.id}/rectification`, { content: '已补充当事人签名的询问笔录和送达回证' })).statusCode).toBe(403);
    expect((await call('POST', `/api/case-reviews/${item!.id}/rectification`, { content: '太短' }, countyLeader)).statusCode).toBe(400);
    expect((await ok(await call('GET', `/api/case-reviews/${item!.id}`, undefined, countyLeader))).can.rectify).toBe(true);
    expect(await ok(await call('POST', `/api/case-reviews/${item!.id}/rectification`, { content: '已补充当事人签名的询问笔录，补齐送达回证' }, countyLeader))).toMatchObject({ status: 'rectified' });
    expect((await todo(provinceOversight, 'review_accept'))!.count).toBe(1);
    expect((await todo(countyLeader, 'review_rectify'))!.count).toBe(0);
    expect((await call('POST', `/api/case-reviews/${item!.id}/acceptance`, { accept: true, opinion: '同意' }, countyLeader)).statusCode).toBe(403);
    expect(await ok(await call('POST', `/api/case-reviews/${item!.id}/acceptance`, { accept: false, opinion: '送达回证仍缺当事人签收' }))).toMatchObject({ status: 'rectifying' });
    await ok(await call('POST', `/api/case-reviews/${item!.id}/rectification`, { content: '已由当事人补签送达回证并归档' }, countyLeader));
    expect(await ok(await call('POST', `/api/case-reviews/${item!.id}/acceptance`, { accept: true, opinion: '整改到位' }))).toMatchObject({ status: 'closed', statusLabel: '已办结' });
    const view = await ok(await call('GET', `/api/case-reviews/${item!.id}`));
    expect(view).toMatchObject({ rectification: '已由当事人补签送达回证并归档', acceptanceOpinion: '整改到位', acceptedByName: '执法监督员' });
    const trail = await h.database.rows<{ action: string }>(sql`select action from audit_log where entity_type = 'case_review' and entity_id = ${String(item!.id)} order by id`);
    expect(trail.map((t) => t.action)).toEqual(['score', 'rectify', 'return_rectification', 'rectify', 'accept_rectification']);
  });

  it('R31/R34: a supervisory measure (督办) is recorded on a review defect, by a higher level only, and listed in scope', async () => {
    const [item] = await items(`roundId=${provinceRound.id}&agencyId=${ag.countyB}&kind=penalty`);
    const body = { subjectType: 'case_review', subjectId: item!.id, kind: 'supervise', content: '限期完成案卷整改并报送整改报告', dueOn: '2099-01-31' };
    expect((await call('POST', '/api/oversight/interventions', body)).statusCode).toBe(409); // not scored yet: no defect
    const scores = itemsFor(defaultReviewSheet, 'penalty').map((i) => (i.code === 'S2' ? { code: 'S2', deduction: 5, note: '调查询问仅一名执法人员' } : { code: i.code, deduction: 0 }));
    const scored = await ok(await call('POST', `/api/case-reviews/${item!.id}/score`, { scores }));
    expect(scored).toMatchObject({ veto: true, grade: 'fail', gradeLabel: '不合格' });
    const m = await ok(await call('POST', '/api/oversight/interventions', body), 201);
    expect(m).toMatchObject({ kind: 'supervise', kindLabel: '督办', targetAgencyName: expect.any(String) });
    expect((await ok(await call('GET', `/api/case-reviews/${item!.id}`))).interventions).toHaveLength(1);
    // the supervised agency does not supervise itself; the enterprise may not; a neighbour does not see it
    expect((await call('POST', '/api/oversight/interventions', { ...body, kind: 'interview' }, countyLeader)).statusCode).toBe(404);
    expect((await call('POST', '/api/oversight/interventions', body, enterpriseCookie)).statusCode).toBe(403);
    const list = await ok(await call('GET', '/api/oversight/interventions?subjectType=case_review'));
    expect(list.items.some((x: { id: number; subjectTypeLabel: string }) => x.id === m.id && x.subjectTypeLabel === '评查案卷')).toBe(true);
    expect((await ok(await call('GET', '/api/oversight/interventions', undefined, countyLeader))).items.some((x: { id: number }) => x.id === m.id)).toBe(false);
    // the same mechanism on a penalty case
    const onCase = await ok(await call('POST', '/api/oversight/interventions', { subjectType: 'penalty_case', subjectId: caseIds.A![0], kind: 'circular', content: '通报办案超期问题' }), 201);
    expect(onCase.kindLabel).toBe('通报');
    expect((await call('POST', '/api/oversight/interventions', { subjectType: 'penalty_case', subjectId: caseIds.A![0], kind: 'reminder', content: '提醒按期办结' }, countyLeader)).statusCode).toBe(403);
  });

  it('R34: weights are versioned — the province publishes a new sheet (audited), earlier rounds keep theirs, later rounds take it', async () => {
    const cur = await ok(await call('GET', '/api/case-reviews/sheet'));
    expect(cur.sheet.version).toBe(0);
    expect(cur.canEdit).toBe(true);
    const edited = cur.sheet.items.map((i: { code: string; points: number }) => (i.code === 'E2' ? { ...i, points: 20 } : i));
    expect((await call('POST', '/api/case-reviews/sheet', { items: edited, note: '加重证据分值' }, cityOversight)).statusCode).toBe(403);
    expect((await call('POST', '/api/case-reviews/sheet', { items: [...edited, edited[0]], note: '重复编号' })).statusCode).toBe(400);
    const v1 = await ok(await call('POST', '/api/case-reviews/sheet', { items: edited, note: '加重证据分值' }), 201);
    expect(v1.version).toBe(1);
    expect((await ok(await call('GET', '/api/case-reviews/sheet', undefined, countyLeader))).sheet.version).toBe(1);
    expect((await ok(await call('GET', '/api/case-reviews/sheet?version=0'))).sheet.items.find((i: { code: string }) => i.code === 'E2').points).toBe(10);
    const [audit] = await h.database.rows<{ before: { version: number }; after: { version: number } }>(sql`select before, after from audit_log where entity_type = 'case_review_sheet' and action = 'publish'`);
    expect([audit!.before.version, audit!.after.version]).toEqual([0, 1]);
    // the Q3 round keeps version 0; a Q2 round drawn now uses version 1 and scores with its weights
    const [old] = await items(`roundId=${provinceRound.id}&status=pending&kind=penalty`);
    const oldView = await ok(await call('GET', `/api/case-reviews/${old!.id}`));
    expect(oldView.sheetVersion).toBe(0);
    expect(oldView.sheetItems.find((i: { code: string }) => i.code === 'E2').points).toBe(10);
    const q2 = await ok(await call('POST', '/api/case-reviews/rounds', { quarter: '2026-Q2', perAgency: 1 }), 201);
    expect(q2.sheetVersion).toBe(1);
    const [n] = await items(`roundId=${q2.id}`);
    const view = await ok(await call('GET', `/api/case-reviews/${n!.id}`));
    expect(view.sheetItems.find((i: { code: string }) => i.code === 'E2').points).toBe(20);
    const scores = view.sheetItems.map((i: { code: string }) => (i.code === 'E2' ? { code: 'E2', deduction: 20, note: '无任何证据' } : { code: i.code, deduction: 0 }));
    const res = await ok(await call('POST', `/api/case-reviews/${n!.id}/score`, { scores }));
    const total = view.sheetItems.reduce((s: number, i: { points: number }) => s + i.points, 0);
    expect(res.score).toBe(Math.round(((total - 20) / total) * 1000) / 10);
  });

  it('R34: the league table ranks the reviewed agencies by average score within the round', async () => {
    // score the remaining county A files of the Q3 round clean
    for (const it of await items(`roundId=${provinceRound.id}&agencyId=${ag.countyA}&status=pending`)) {
      const view = await ok(await call('GET', `/api/case-reviews/${it.id}`));
      await ok(await call('POST', `/api/case-reviews/${it.id}/score`, { scores: view.sheetItems.map((i: { code: string }) => ({ code: i.code, deduction: 0 })) }));
    }
    const all = await items(`roundId=${provinceRound.id}`);
    const avg = (agencyId: number) => {
      const s = all.filter((i) => i.agencyId === agencyId && i.score != null).map((i) => i.score!);
      return Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 10) / 10;
    };
    const t = await ok(await call('GET', `/api/case-reviews/league?roundId=${provinceRound.id}`));
    expect(t.roundTitle).toBe('2026年第3季度案卷评查');
    const a = t.rows.find((r: { agencyId: number }) => r.agencyId === ag.countyA);
    const b = t.rows.find((r: { agencyId: number }) => r.agencyId === ag.countyB);
    expect(a).toMatchObject({ drawn: 4, scored: 4, average: avg(ag.countyA), rank: 1 });
    expect(b).toMatchObject({ scored: 1, failed: 1, passRate: 0, rank: 2, openRectifications: 1 });
    expect(t.rows.find((r: { agencyId: number }) => r.agencyId === ag.city)).toMatchObject({ scored: 0, rank: null });
    // a county sees only its own line
    const own = await ok(await call('GET', `/api/case-reviews/league?roundId=${provinceRound.id}`, undefined, countyLeader));
    expect(own.rows.map((r: { agencyId: number }) => r.agencyId)).toEqual([ag.countyA]);
  });

  it('R34: jurisdiction — each agency sees its own reviewed files, the enterprise nothing; the export is an xlsx of the same scope', async () => {
    const mine = await items('', countyLeader);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.agencyId === ag.countyA)).toBe(true);
    const theirs = await items('', neighbour);
    expect(theirs.every((i) => i.agencyId === ag.countyB)).toBe(true);
    expect((await call('GET', '/api/case-reviews', undefined, enterpriseCookie)).statusCode).toBe(403);
    expect((await call('GET', '/api/case-reviews/rounds', undefined, enterpriseCookie)).statusCode).toBe(403);
    // the county sees the province's round that reviewed it, with its own counts
    const rounds = (await ok(await call('GET', '/api/case-reviews/rounds', undefined, countyLeader))).items;
    expect(rounds.some((r: { id: number }) => r.id === provinceRound.id)).toBe(true);
    const res = await call('GET', `/api/case-reviews/export?roundId=${provinceRound.id}`, undefined, countyLeader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('存在问题');
    expect(ws.rowCount - 1).toBe(mine.filter((i) => (i as unknown as { roundId: number }).roundId === provinceRound.id).length);
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).toContain('已办结');
    expect(text).not.toMatch(/rectifying|closed|penalty/);
  });

  it('R34: bad input is a Chinese 4xx; who may draw is checked', async () => {
    const bad = async (url: string, body: unknown, status = 400, cookie = provinceOversight) => {
      const res = await call('POST', url, body, cookie);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    };
    await bad('/api/case-reviews/rounds', { quarter: '2026Q9' });
    await bad('/api/case-reviews/rounds', {});
    await bad('/api/case-reviews/rounds', { quarter: '2026-Q1', ratio: 2 });
    await bad('/api/case-reviews/rounds', { quarter: '2026-Q1', perAgency: 0 });
    await bad('/api/case-reviews/rounds', { periodStart: '2026-09-01', periodEnd: '2026-08-01' });
    await bad('/api/case-reviews/rounds', { quarter: '2020-Q1' }); // nothing to draw
    await bad('/api/case-reviews/rounds', { quarter: '2026-Q1' }, 403, countyLeader);
    await bad('/api/case-reviews/rounds', { quarter: '2026-Q1' }, 403, admin);
    await bad('/api/case-reviews/x/score', { scores: [] });
    await bad('/api/case-reviews/1/score', { scores: 'all' });
    await bad('/api/oversight/interventions', { subjectType: 'hazard', subjectId: 1, kind: 'supervise', content: '督办' });
    expect((await call('GET', '/api/case-reviews?status=done')).statusCode).toBe(400);
    expect((await call('GET', '/api/case-reviews/999999')).statusCode).toBe(404);
  });
});
