// The public portal (R5, R13, R14, R29, R32): the index by region, published plans with their 三个明确 and
// adjustments, draws with verification data, double-random inspection results — and nothing that is not meant to be
// public: records seeded with private markers (officer phones, ID numbers, an unapproved adjustment, draft
// inspections, internal notes, evidence file names, full names of natural persons) are looked for in the answer of
// every /api/public/* operation listed in /api/openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createHarness, dbKinds, type Harness, violationFacts } from './harness.js';
import { publicThrottle } from '../src/lib/publicThrottle.js';
import { maskNumbers, maskPersonName } from '../src/modules/penalty/publication.js';

const CJK = /[\u4e00-\u9fa5]/;
const facts = violationFacts('aq097.initial.unit');

/** Strings that must never leave a public operation. */
const M = {
  officerPhone: '13900007731',
  adjustReason: '调整内部标记甲乙丙未审批',
  returnNote: '退回意见内部标记丁戊',
  draftBasis: '草稿检查依据标记己庚',
  answerNote: '检查项内部备注标记辛壬',
  summary: '检查小结内部标记癸子',
  evidenceName: 'evidence-secret-marker-0417.jpg',
  responsible: '责任人隐私丑寅',
  tracker: '跟踪人隐私卯辰',
  hazardPhone: '13812345678',
  citizenName: '欧阳隐私巳',
  idNumber: '330106199001011234',
  legalRep: '法人隐私午未',
  planOnlyInspection: '定点检查依据标记申酉',
  noPenaltyReason: '不予处罚理由内部标记戌亥',
  discussant: '集体讨论人隐私乾坤',
};

describe.each(dbKinds)('public portal on %s', (kind) => {
  let h: Harness;
  let officer: string;
  let leader: string;
  let provinceLeader: string;
  let xihuId: number;
  let planId: number;
  let draftPlanId: number;
  let drawId: number;
  let resultId: number;
  let draftInspectionId: number;
  let planInspectionId: number;
  let caseId: number;
  let enterpriseId: number;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));

  const call = (method: string, url: string, payload?: unknown, cookie: string | null = officer) =>
    h.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const anon = async (url: string) => ok(await call('GET', url, undefined, null));
  const transition = (id: number, action: string, cookie = officer, extra: object = {}) => call('POST', `/api/plans/${id}/transition`, { action, ...extra }, cookie);

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 800 });
    officer = await h.login('county.officer');
    leader = await h.login('county.leader');
    provinceLeader = await h.login('leader');
    xihuId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
    await h.database.rows(sql`update officers set phone = ${M.officerPhone}`);

    // A plan published in version 1, then adjusted (version 2 not yet approved: its reason stays internal).
    planId = (await ok(await call('POST', '/api/plans', { agencyId: xihuId, year, params: { seed: 7 } }), 201)).id;
    await ok(await transition(planId, 'submit'));
    await ok(await transition(planId, 'return', provinceLeader, { note: M.returnNote }));
    await ok(await transition(planId, 'submit'));
    await ok(await transition(planId, 'approve', provinceLeader));
    await ok(await transition(planId, 'file', officer, { filedWith: ['同级司法行政部门', '上一级应急管理部门', '安委办'] }));
    await ok(await transition(planId, 'publish'));
    drawId = (await ok(await call('POST', '/api/draws', { planId, seed: 4242 }), 201)).id;
    await ok(await call('POST', `/api/plans/${planId}/adjust`, { params: {}, reason: M.adjustReason }));

    // A plan of the neighbouring county, never approved.
    const shangcheng = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330102'`))[0]!.id);
    const neighbour = await h.login('county2.officer');
    draftPlanId = (await ok(await call('POST', '/api/plans', { agencyId: shangcheng, year, params: { seed: 3 } }, neighbour), 201)).id;

    // Inspections of the draw: one completed (public), one still in progress (draft); one completed plan inspection.
    const [draw] = await h.database.rows<{ e: number; o: number[] }>(sql`select assigned_enterprise_ids[1] as e, assigned_officer_ids[1:2] as o from draws where id = ${drawId}`);
    enterpriseId = Number(draw!.e);
    await h.database.rows(sql`update enterprises set legal_representative = ${M.legalRep} where id = ${enterpriseId}`);
    const [u] = await h.database.rows<{ id: number }>(sql`select id from users where username = 'county.officer'`);
    const uid = Number(u!.id);
    const officerIds = `{${draw!.o.join(',')}}`;
    const insert = async (origin: string, status: string, basis: string, withDraw: boolean) => {
      const [row] = await h.database.rows<{ id: number }>(
        sql`insert into inspections (agency_id, enterprise_id, region_code, origin, draw_id, legal_basis, planned_date, officer_ids, item_codes, catalog_version, status, entry_date, summary, completed_at, public_token, created_by)
            select ${xihuId}, id, region_code, ${origin}, ${withDraw ? drawId : null}, ${basis}, ${today}::date, ${officerIds}::int[], '{G01,G07,G09}'::text[], 1, ${status}, ${today}::date, ${M.summary},
                   ${status === 'completed' ? sql`now()` : sql`null`}, ${randomBytes(16).toString('hex')}, ${uid}
            from enterprises where id = ${enterpriseId} returning id`,
      );
      return Number(row!.id);
    };
    resultId = await insert('draw', 'completed', '《中华人民共和国安全生产法》', true);
    draftInspectionId = await insert('draw', 'in_progress', M.draftBasis, true);
    planInspectionId = await insert('plan', 'completed', M.planOnlyInspection, false);
    for (const [code, result] of [['G01', 'conform'], ['G07', 'nonconform'], ['G09', 'nonconform']] as const) {
      await h.database.rows(sql`insert into inspection_answers (inspection_id, item_code, result, note, answered_by, answered_at) values (${resultId}, ${code}, ${result}, ${M.answerNote}, ${uid}, now())`);
    }
    const finding = async (disposition: string, itemCode: string, major: boolean, description: string) => {
      const [f] = await h.database.rows<{ id: number }>(
        sql`insert into findings (client_id, inspection_id, region_code, item_code, description, disposition, major, created_by)
            values (${randomBytes(8).toString('hex')}, ${resultId}, '330106', ${itemCode}, ${description}, ${disposition}, ${major}, ${uid}) returning id`,
      );
      return Number(f!.id);
    };
    await finding('fixed_on_spot', 'G01', false, '灭火器压力不足，当场更换');
    for (const [item, major, desc] of [['G07', false, `安全警示标志缺失，联系电话${M.hazardPhone}`], ['G09', true, '未建立事故隐患排查治理制度']] as const) {
      const fid = await finding('hazard', item, major, desc);
      const [hz] = await h.database.rows<{ id: number }>(
        sql`insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, requirement, major, responsible_person, tracker_name, deadline, status, no_penalty_reason)
            values (${fid}, ${resultId}, ${enterpriseId}, ${xihuId}, '330106', ${desc}, '限期整改', ${major}, ${M.responsible}, ${M.tracker}, ${today}::date + 15, 'open', ${M.noPenaltyReason}) returning id`,
      );
      await h.database.rows(
        sql`insert into evidence (client_id, region_code, enterprise_id, inspection_id, hazard_id, kind, mime, size, sm3, original_name, uploaded_by)
            values (${randomBytes(8).toString('hex')}, '330106', ${enterpriseId}, ${resultId}, ${hz!.id}, 'photo', 'image/jpeg', 10, 'x', ${M.evidenceName}, ${uid})`,
      );
    }

    // A published penalty decision against a natural person, with an ID number in the facts.
    const today0 = today;
    const [me] = await h.database.rows<{ id: number }>(sql`select o.id from officers o join users u on u.id = o.user_id where u.username = 'county.officer'`);
    const [other] = await h.database.rows<{ id: number }>(
      sql`select id from officers where agency_id = ${xihuId} and id <> ${me!.id} and credential_valid_from <= ${today0}::date and credential_valid_to >= ${today0}::date + 60 order by id limit 1`,
    );
    const c = await ok(
      await call('POST', '/api/penalty-cases', { enterpriseId, facts: `当事人（身份证号${M.idNumber}）未按规定对从业人员进行安全生产教育和培训`, investigatorIds: [Number(me!.id), Number(other!.id)], partyKind: 'citizen', partyName: M.citizenName }),
      201,
    );
    caseId = c.id;
    const act = (action: string, cookie: string) => call('POST', `/api/penalty-cases/${caseId}/actions`, { action }, cookie);
    await ok(await act('open', leader));
    await ok(await act('start_investigation', officer));
    await ok(await call('POST', `/api/penalty-cases/${caseId}/violations`, { facts }), 201);
    await ok(await act('notify', officer));
    await ok(await call('PATCH', `/api/penalty-cases/${caseId}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }));
    const legal = await h.login('legal');
    await ok(await act('submit_review', officer));
    await ok(await call('POST', `/api/penalty-cases/${caseId}/actions`, { action: 'approve_review', reason: '事实清楚，证据确凿，适用依据正确，程序合法' }, legal));
    await ok(
      await call(
        'PATCH',
        `/api/penalty-cases/${caseId}`,
        { collectiveDiscussion: { heldOn: today, participants: [{ name: M.discussant, position: '局长' }, { name: '李副局长', position: '副局长' }, { name: '王副局长', position: '副局长' }], opinions: [{ name: M.discussant, opinion: '同意' }], conclusion: '同意法制审核意见' } },
        leader,
      ),
    );
    await ok(await call('POST', `/api/penalty-cases/${caseId}/actions`, { action: 'decide', reason: '经集体讨论决定' }, leader));
    await ok(await call('POST', `/api/penalty-cases/${caseId}/publish`));
  }, 300_000);
  afterAll(() => h?.close());

  it('R13: the index goes province → city → county with what each agency has published', async () => {
    const root = await anon('/api/public/portal');
    expect(root.region.code).toBe('330000');
    const hz = root.children.find((c: { code: string }) => c.code === '330100');
    expect(hz).toMatchObject({ name: '杭州市', plans: 1, draws: 1, results: 1, penalties: 1 });
    const city = await anon('/api/public/portal?regionCode=330100');
    expect(city.path.map((p: { name: string }) => p.name)).toEqual(['浙江省', '杭州市']);
    const xihu = city.children.find((c: { code: string }) => c.code === '330106');
    expect(xihu).toMatchObject({ plans: 1, draws: 1, results: 1, penalties: 1 });
    // the neighbouring county has a plan, but not a published one
    expect(city.children.find((c: { code: string }) => c.code === '330102')?.plans ?? 0).toBe(0);
    const county = await anon('/api/public/portal?regionCode=330106');
    expect(county.agencies[0]).toMatchObject({ id: xihuId, plans: 1, draws: 1, results: 1, penalties: 1 });
    // paged on the server
    const paged = await anon('/api/public/portal?regionCode=330100&pageSize=2&page=2');
    expect(paged.children.length).toBeLessThanOrEqual(2);
    expect(paged.total).toBe(city.total);
    const bad = await call('GET', '/api/public/portal?regionCode=999999', undefined, null);
    expect(bad.statusCode).toBe(404);
    expect(bad.json().message).toMatch(CJK);
  });

  it('R10/R13: a plan is public only once published; an adjustment shows only after it is published in turn', async () => {
    const list = await anon('/api/public/plans?regionCode=330100');
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([planId]);
    expect(list.items[0]).toMatchObject({ versionNo: 1, adjustments: 0, agencyName: expect.stringContaining('西湖区') });
    const plan = await anon(`/api/public/plans/${planId}`);
    expect(plan).toMatchObject({ versionNo: 1, inForce: true, year });
    expect(plan.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([1]);
    // 三个明确 and who / how / what
    expect(plan.fixed.count + plan.random.count + plan.oversight.count).toBe(plan.totalPlanned);
    expect(plan.random.ratio).toBeGreaterThanOrEqual(30);
    expect(plan.checkItems.general.length).toBe(14);
    expect(plan.months.reduce((s: number, m: { total: number }) => s + m.total, 0)).toBe(plan.totalPlanned);
    expect(plan.what).toContain('安全生产法');
    expect(plan.drawCount).toBe(1);
    expect((await call('GET', `/api/public/plans/${planId}?version=2`, undefined, null)).statusCode).toBe(404);
    const draft = await call('GET', `/api/public/plans/${draftPlanId}`, undefined, null);
    expect(draft.statusCode).toBe(404);
    expect(draft.json().message).toMatch(CJK);
    for (const url of ['/api/public/plans', `/api/public/plans/${planId}`, `/api/public/plans/${planId}?version=2`, '/api/public/portal?regionCode=330106']) {
      expect((await call('GET', url, undefined, null)).body).not.toContain(M.adjustReason);
    }

    // the adjustment is approved, filed and published: version 2 is in force, version 1 stays listed
    await ok(await transition(planId, 'submit'));
    await ok(await transition(planId, 'approve', provinceLeader));
    await ok(await transition(planId, 'file', officer, { filedWith: ['同级司法行政部门', '上一级应急管理部门', '安委办'] }));
    await ok(await transition(planId, 'publish'));
    const adjusted = await anon(`/api/public/plans/${planId}`);
    expect(adjusted.versionNo).toBe(2);
    expect(adjusted.versions.map((v: { versionNo: number; reason: string | null }) => [v.versionNo, v.reason])).toEqual([
      [1, null],
      [2, M.adjustReason],
    ]);
    expect((await anon(`/api/public/plans/${planId}?version=1`)).inForce).toBe(false);
    expect((await anon('/api/public/plans?regionCode=330106')).items[0]).toMatchObject({ versionNo: 2, adjustments: 1 });
  });

  it('R13: the draws of an agency are listed with seed, input hash and where to verify them', async () => {
    const list = await anon(`/api/public/draws?regionCode=330106&year=${year}`);
    expect(list.total).toBe(1);
    const d = list.items[0];
    expect(d).toMatchObject({ id: drawId, seed: '4242', pageUrl: `/public/draws/${drawId}`, inputUrl: `/api/public/draws/${drawId}/input`, results: 1 });
    expect(d.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const verified = await ok(await call('POST', d.verifyUrl, {}, null));
    expect(verified.ok).toBe(true);
    expect((await anon(`/api/public/draws?planId=${planId}`)).total).toBe(1);
    expect((await anon('/api/public/draws?regionCode=330102')).total).toBe(0);
  });

  it('R13: only completed double-random inspections are published as results, hazards masked, no officers or notes', async () => {
    const list = await anon('/api/public/inspection-results?regionCode=330106');
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([resultId]);
    const r = await anon(`/api/public/inspection-results/${resultId}`);
    expect(r).toMatchObject({ drawId, hazards: 2, majorHazards: 1, fixedOnSpot: 1 });
    expect(r.outcome).toContain('重大事故隐患1项');
    expect(r.items.map((i: { resultLabel: string }) => i.resultLabel)).toEqual(['符合', '不符合', '不符合']);
    expect(r.hazardList[0].major).toBe(true); // major hazards first
    expect(r.hazardList.some((x: { description: string }) => x.description.includes('138******78'))).toBe(true);
    for (const id of [draftInspectionId, planInspectionId]) {
      const res = await call('GET', `/api/public/inspection-results/${id}`, undefined, null);
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toMatch(CJK);
    }
  });

  it('R29: the region filter of penalty decisions is a region subtree (330110 is not 330111–330114)', async () => {
    const [ent] = await h.database.rows<{ id: number }>(sql`select id from enterprises limit 1`);
    for (const [i, code] of ['330110', '330111', '330114', '330110001'].entries()) {
      await h.database.rows(
        sql`insert into penalty_publications (case_id, region_code, enterprise_id, decided_on, due_on, due_rule, content, published_at, published_on)
            values (${900000 + i}, ${code}, ${ent!.id}, ${today}::date, ${today}::date, '7wd', ${JSON.stringify({ caseNumber: `区划测试${code}`, agencyName: '测试局' })}::jsonb, now(), ${today}::date)`,
      );
    }
    const numbers = async (q: string) => (await anon(`/api/public/penalty-decisions?regionCode=${q}`)).items.map((x: { caseNumber: string }) => x.caseNumber).filter((s: string) => s?.startsWith('区划测试')).sort();
    expect(await numbers('330110')).toEqual(['区划测试330110', '区划测试330110001']);
    expect(await numbers('330111')).toEqual(['区划测试330111']);
    expect(await numbers('330100')).toEqual(['区划测试330110', '区划测试330110001', '区划测试330111', '区划测试330114']);
    expect((await anon('/api/public/portal?regionCode=330100')).children.find((c: { code: string }) => c.code === '330110')).toMatchObject({ penalties: 2 });
    expect((await anon('/api/public/portal?regionCode=330100')).children.find((c: { code: string }) => c.code === '330111')).toMatchObject({ penalties: 1 });
    await h.database.rows(sql`delete from penalty_publications where case_id >= 900000`);
  });

  it('R32: the blacklist takes the region filter too', async () => {
    const res = await anon('/api/public/blacklist?regionCode=330106');
    expect(Array.isArray(res.items)).toBe(true);
    expect((await call('GET', '/api/public/blacklist?regionCode=abc', undefined, null)).statusCode).toBe(400);
  });

  it('R13/R29: no /api/public operation of /api/openapi.json returns a private marker, for any seeded id', async () => {
    const spec = (await call('GET', '/api/openapi.json', undefined, null)).json();
    const ops: [string, string][] = [];
    for (const [path, item] of Object.entries<Record<string, unknown>>(spec.paths)) for (const method of Object.keys(item)) if (path.startsWith('/api/public/')) ops.push([method.toUpperCase(), path]);
    // the new operations are all there
    for (const p of ['/api/public/portal', '/api/public/plans', '/api/public/plans/{id}', '/api/public/draws', '/api/public/inspection-results', '/api/public/inspection-results/{id}']) {
      expect(ops.some(([, path]) => path === p), p).toBe(true);
    }
    const tokens = [...(await h.database.rows<{ t: string }>(sql`select public_token as t from inspections`)).map((r) => r.t), 'unknownToken000000000'];
    const ids = [planId, draftPlanId, drawId, resultId, draftInspectionId, planInspectionId, caseId, xihuId, enterpriseId];
    const queries = ['', '?regionCode=330106', '?regionCode=330100', `?agencyId=${xihuId}`, `?drawId=${drawId}`, `?planId=${planId}`, `?year=${year}&month=${Number(today.slice(5, 7))}`, '?version=2'];
    // the adjustment's reason became public with its publication (test above); every other marker stays private
    const markers = Object.entries(M).filter(([k]) => k !== 'adjustReason').map(([, m]) => m);
    let checked = 0;
    for (const [method, path] of [...ops, ['POST', '/api/draws/{id}/verify'] as [string, string]]) {
      const urls = new Set<string>();
      const values = path.includes('{token}') ? tokens : path.includes('{id}') ? ids : [0];
      for (const v of values) for (const q of queries) urls.add(path.replace(/\{(id|token)\}/, String(v)) + (method === 'GET' ? q : ''));
      for (const url of urls) {
        const body = method === 'GET' ? undefined : path.endsWith('/feedback') ? { answers: {} } : {};
        const res = await call(method, url, body, null);
        expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
        const text = res.body;
        // The QR page (扫码迎检) answers only the holder of the code's secret token — the enterprise being inspected —
        // and shows it the filing it is to verify, legal basis included; everything else stays private there too.
        const allowed = path.includes('{token}') ? [M.draftBasis, M.planOnlyInspection] : [];
        for (const m of markers) if (!allowed.includes(m)) expect(text.includes(m), `${method} ${url} returned ${m}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // the natural person's name is shown masked, and the ID number masked
    const decisions = await anon('/api/public/penalty-decisions?regionCode=330106');
    const mine = decisions.items.find((d: { id: number }) => d.id === caseId);
    expect(mine.partyName).toBe(maskPersonName(M.citizenName));
    expect(mine.facts).toContain(maskNumbers(M.idNumber));
  });

  it('R13: the public pages are throttled per address with a Chinese 429', async () => {
    const limit = publicThrottle(3);
    const req = { ip: '203.0.113.9' } as Parameters<typeof limit>[0];
    for (let i = 0; i < 3; i++) await limit(req);
    await expect(limit(req)).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(CJK) });
    await limit({ ip: '203.0.113.10' } as Parameters<typeof limit>[0]);
  });
});
