// R34: the detectors of lax and improper enforcement (附件2 of the 2025 work plan) — each fires on the record it looks
// for and stays silent on its lawful twin; the alert state machine, jurisdiction scoping and idempotent reruns.
// Records are written by small factories straight into the tables (the workflows that make them have tests of their
// own); time is moved by back-dating rows, as elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, annex2Items, detectorCatalogue, uncoveredItems } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const ago = (days: number) => addDays(today, -days);
/** a timestamp `days` ago, midday Shanghai */
const tsAgo = (days: number) => `${ago(days)}T04:00:00Z`;

describe.each(dbKinds)('R34 detectors on %s', (kind) => {
  let h: Harness;
  let oversight: string;
  let leader: string;
  let officer: string;
  let admin: string;
  const ag = { county: 0, county2: 0, city: 0, other: 0, other2: 0, other3: 0 };
  const region = { county: '', county2: '', city: '', other: '', other2: '', other3: '' };
  const off: Record<keyof typeof ag, number[]> = { county: [], county2: [], city: [], other: [], other2: [], other3: [] };
  let userId = 0;
  let ents: number[] = [];
  let entNo = 0;
  const ent = () => ents[entNo++]!;

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 300 });
    const agencyOf = async (username: string) =>
      (await h.database.rows<{ id: number; region_code: string }>(sql`select a.id, a.region_code from users u join agencies a on a.id = u.agency_id where u.username = ${username}`))[0]!;
    const c = await agencyOf('county.officer');
    const c2 = await agencyOf('county2.officer');
    const ci = await agencyOf('city.officer');
    Object.assign(ag, { county: Number(c.id), county2: Number(c2.id), city: Number(ci.id) });
    Object.assign(region, { county: c.region_code, county2: c2.region_code, city: ci.region_code });
    const others = await h.database.rows<{ id: number; region_code: string }>(
      sql`select id, region_code from agencies where level = 'county' and id not in (${ag.county}, ${ag.county2}) order by id limit 3`,
    );
    (['other', 'other2', 'other3'] as const).forEach((k, i) => {
      ag[k] = Number(others[i]!.id);
      region[k] = others[i]!.region_code;
    });
    for (const k of Object.keys(ag) as (keyof typeof ag)[]) {
      // two officers of the agency with a credential valid over the whole test period (created, so every agency has them)
      for (let i = 0; i < 2; i++) {
        const [x] = await h.database.rows<{ id: number }>(
          sql`insert into officers (name, credential_no, credential_valid_from, credential_valid_to, agency_id, region_code)
              values (${`测试员${k}${i}`}, ${`T-${k}-${i}-${randomUUID().slice(0, 6)}`}, ${ago(800)}::date, ${addDays(today, 800)}::date, ${ag[k]}, ${region[k]}) returning id`,
        );
        off[k].push(Number(x!.id));
      }
    }
    userId = Number((await h.database.rows<{ id: number }>(sql`select id from users where username = 'county.officer'`))[0]!.id);
    ents = (await h.database.rows<{ id: number }>(sql`select id from enterprises order by id`)).map((r) => Number(r.id));
    oversight = await h.login('oversight');
    leader = await h.login('county.leader');
    officer = await h.login('county.officer');
    admin = await h.login('admin');
  });
  afterAll(() => h?.close());

  // ---------- factories ----------
  type AgencyKey = keyof typeof ag;
  const one = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => (await h.database.rows<T>(q))[0]!;

  async function inspection(o: { agency?: AgencyKey; enterprise?: number; origin?: string; planned?: string; status?: string; officers?: number[]; shown?: boolean; planEntry?: number | null; draw?: number | null; request?: number | null; emergencyReason?: string | null; backfillDue?: string | null } = {}) {
    const a = o.agency ?? 'county';
    const origin = o.origin ?? 'emergency';
    const r = await one<{ id: number }>(
      sql`insert into inspections (agency_id, enterprise_id, region_code, origin, plan_entry_id, draw_id, unplanned_request_id, emergency_reason, planned_date, officer_ids, item_codes,
                                   catalog_version, status, credentials_shown_at, public_token, created_by, entry_date, backfill_due, completed_at)
          values (${ag[a]}, ${o.enterprise ?? ent()}, ${region[a]}, ${origin}, ${o.planEntry ?? (origin === 'plan' ? 1 : null)}, ${o.draw ?? (origin === 'draw' ? 1 : null)}, ${o.request ?? null},
                  ${o.emergencyReason === undefined ? (origin === 'emergency' ? '群众举报现场动火作业' : null) : o.emergencyReason}, ${o.planned ?? ago(10)}::date,
                  ${`{${(o.officers ?? off[a]).join(',')}}`}::int[], '{A1,A2}'::text[], 1, ${o.status ?? 'completed'}, ${o.shown === false ? null : tsAgo(10)}::timestamptz,
                  ${randomUUID()}, ${userId}, ${o.planned ?? ago(10)}::date, ${o.backfillDue ?? null}::date, ${o.status === 'completed' || !o.status ? tsAgo(10) : null}::timestamptz)
          returning id`,
    );
    return Number(r.id);
  }
  async function finding(inspectionId: number, o: { disposition?: string; daysAgo?: number; itemCode?: string | null; caseId?: number | null } = {}) {
    const r = await one<{ id: number }>(
      sql`insert into findings (client_id, inspection_id, region_code, item_code, description, disposition, penalty_case_id, created_by, created_at)
          select ${randomUUID()}, i.id, i.region_code, ${o.itemCode ?? null}, '未按规定配备专职安全生产管理人员', ${o.disposition ?? 'violation'}, ${o.caseId ?? null}, ${userId}, ${tsAgo(o.daysAgo ?? 40)}::timestamptz
            from inspections i where i.id = ${inspectionId} returning id`,
    );
    return Number(r.id);
  }
  async function hazard(o: { major?: boolean; daysAgo?: number; deadline?: string; status?: string; reason?: string | null; rectifiedDaysAgo?: number; agency?: AgencyKey } = {}) {
    const insp = await inspection({ agency: o.agency });
    const f = await finding(insp, { disposition: 'hazard', daysAgo: o.daysAgo ?? 40 });
    const r = await one<{ id: number }>(
      sql`insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, major, responsible_person, deadline, status, no_penalty_reason, rectified_at, created_at)
          select ${f}, i.id, i.enterprise_id, i.agency_id, i.region_code, '危险化学品仓库未设置可燃气体报警装置', ${o.major ?? false}, '张三', ${o.deadline ?? ago(20)}::date, ${o.status ?? 'open'},
                 ${o.reason ?? null}, ${o.rectifiedDaysAgo == null ? null : tsAgo(o.rectifiedDaysAgo)}::timestamptz, ${tsAgo(o.daysAgo ?? 40)}::timestamptz
            from inspections i where i.id = ${insp} returning id`,
    );
    return { id: Number(r.id), inspectionId: insp };
  }
  interface V {
    itemCode?: string;
    tier?: string;
    amount?: number | null;
    min?: number;
    max?: number;
    reason?: string | null;
    outcome?: string;
    criminal?: boolean;
    serious?: boolean;
    harm?: string;
  }
  const violation = (v: V = {}) => ({
    facts: { itemCode: v.itemCode ?? 'test.item', harm: v.harm ?? 'general', circumstance: v.serious ? 'serious' : 'general' },
    proposal: {
      itemCode: v.itemCode ?? 'test.item',
      basis: '《中华人民共和国安全生产法》第九十七条',
      violation: '未按照规定对从业人员进行安全生产教育和培训',
      outcome: v.outcome ?? 'penalty',
      tier: v.tier ?? 'general',
      amountRange: { min: v.min ?? 20000, max: v.max ?? 50000 },
      criminalReserved: v.criminal ?? false,
      serious: v.serious ?? false,
    },
    amount: v.amount === undefined ? 30000 : v.amount,
    reason: v.reason ?? null,
    sanctions: [],
  });
  async function penaltyCase(o: { agency?: AgencyKey; status?: string; procedure?: string; violations?: V[]; decisionKind?: string | null; fine?: number; decided?: string | null; opened?: string | null; notified?: string | null; statement?: boolean; transferredTo?: string | null; investigators?: number[]; served?: string | null } = {}) {
    const a = o.agency ?? 'county';
    const vs = (o.violations ?? [{}]).map(violation);
    const kind = o.decisionKind === undefined ? 'penalty' : o.decisionKind;
    const fine = o.fine ?? vs.reduce((s, v) => s + Number(v.amount ?? 0), 0);
    const r = await one<{ id: number }>(
      sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, procedure, investigator_ids, violations, decision, decision_kind, opened_on, notified_on, decided_on, served_on,
                                     statement_received, transferred_to, created_by)
          values (${ag[a]}, ${ent()}, ${region[a]}, ${o.status ?? 'closed'}, '测试案件', ${o.procedure ?? 'general'}, ${`{${(o.investigators ?? off[a]).join(',')}}`}::int[], ${JSON.stringify(vs)}::jsonb,
                  ${kind ? JSON.stringify({ kind, fine, sanctions: [] }) : null}::jsonb, ${kind}, ${o.opened === undefined ? ago(60) : o.opened}::date,
                  ${o.notified === undefined ? ago(50) : o.notified}::date, ${o.decided === undefined ? ago(20) : o.decided}::date, ${o.served ?? null}::date,
                  ${o.statement ?? true}, ${o.transferredTo ?? null}, ${userId})
          returning id`,
    );
    return Number(r.id);
  }

  // ---------- running and reading ----------
  const call = (method: string, url: string, cookie: string, payload?: unknown) =>
    h.app.inject({ method: method as 'GET', url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const run = async (rules: string[], cookie = oversight) => {
    const res = await call('POST', '/api/oversight/detectors/run', cookie, { rules });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { asOf: string; results: { rule: string; found: number; created: number; cleared: number; reopened: number }[] };
  };
  interface Alert {
    id: number;
    rule: string;
    summary: string;
    evidence: { label: string; value: string; link?: string }[];
    state: string;
    active: boolean;
    actions: string[];
    overseerName: string | null;
    version: number;
    history: { action: string; reason: string; byName: string }[];
    detections: number;
  }
  const alerts = async (rule: string, cookie = oversight, extra = '') => {
    const res = await call('GET', `/api/oversight/alerts?rule=${rule}&pageSize=200${extra}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Alert[];
  };
  /** the alerts of `rule` whose evidence links to `link` */
  const about = async (rule: string, link: string, cookie = oversight) => {
    await run([rule]);
    return (await alerts(rule, cookie)).filter((a) => a.evidence.some((e) => e.link === link));
  };

  // ---------- each detector: fires, and its lawful twin does not ----------

  it('R34 附件2 一.2 应罚未罚: a violation found 40 days ago with no case is flagged; one with a case, or found last week, is not', async () => {
    const i1 = await inspection();
    await finding(i1, { daysAgo: 40 });
    const [a] = await about('violation_no_case', `/inspections/${i1}`);
    expect(a!.summary).toContain('未立案查处');
    expect(a!.evidence.find((e) => e.label === '认定的违法行为')!.value).toContain('专职安全生产管理人员');
    const i2 = await inspection();
    const c = await penaltyCase({ status: 'investigating', decided: null, decisionKind: null });
    await finding(i2, { daysAgo: 40, caseId: c });
    const i3 = await inspection();
    await finding(i3, { daysAgo: 7 });
    expect(await about('violation_no_case', `/inspections/${i2}`)).toHaveLength(0);
    expect(await about('violation_no_case', `/inspections/${i3}`)).toHaveLength(0);
    // the draft case the finding created, never opened in 40 days: still 应罚未罚
    const i4 = await inspection();
    const draft = await penaltyCase({ status: 'draft', opened: null, notified: null, decided: null, decisionKind: null });
    await finding(i4, { daysAgo: 40, caseId: draft });
    expect((await about('violation_no_case', `/inspections/${i4}`))[0]!.summary).toContain('仍待立案');
  });

  it('R34 附件2 一.3 以责代罚: a major hazard left at an order to rectify is flagged; one with a written reason, or a general hazard, is not', async () => {
    const bad = await hazard({ major: true });
    const [a] = await about('order_instead_of_penalty', `/hazards/${bad.id}`);
    expect(a!.summary).toContain('重大事故隐患');
    const reasoned = await hazard({ major: true, reason: '已由上级部门立案查处（案号另附）' });
    const general = await hazard({ major: false });
    expect(await about('order_instead_of_penalty', `/hazards/${reasoned.id}`)).toHaveLength(0);
    expect(await about('order_instead_of_penalty', `/hazards/${general.id}`)).toHaveLength(0);
  });

  it('R34 附件2 一.3 以责代罚: a case the benchmark proposes to punish decided as no penalty is flagged; a not-established one is not', async () => {
    const c = await penaltyCase({ decisionKind: 'no_penalty' });
    const [a] = await about('order_instead_of_penalty', `/cases/${c}`);
    expect(a!.summary).toContain('不予处罚');
    const ok = await penaltyCase({ decisionKind: 'not_established' });
    expect(await about('order_instead_of_penalty', `/cases/${ok}`)).toHaveLength(0);
  });

  it('R34 附件2 二.4 同案异罚: an agency fining the same article and tier at three times the others is flagged; agencies in line are not', async () => {
    for (let i = 0; i < 3; i++) {
      await penaltyCase({ agency: 'city', violations: [{ itemCode: 'same.case', amount: 45000 }] });
      await penaltyCase({ agency: 'county2', violations: [{ itemCode: 'same.case', amount: 15000 }] });
      await penaltyCase({ agency: 'county', violations: [{ itemCode: 'same.case', amount: 14000 }] });
      await penaltyCase({ agency: 'other2', violations: [{ itemCode: 'same.case', amount: 16000 }] });
    }
    await run(['inconsistent_penalties']);
    const found = (await alerts('inconsistent_penalties')).filter((a) => a.evidence.some((e) => e.label === '本单位'));
    const cityName = (await one<{ name: string }>(sql`select name from agencies where id = ${ag.city}`)).name;
    expect(found.map((a) => a.summary.startsWith(cityName))).toContain(true);
    const city = found.find((a) => a.summary.startsWith(cityName))!;
    expect(city.summary).toContain('高于');
    expect(city.evidence.find((e) => e.label === '其他单位')!.value).toContain('中位数');
    // the three counties fine alike: none is flagged
    expect(found.filter((a) => !a.summary.startsWith(cityName))).toHaveLength(0);
  });

  it('R34 附件2 二.4 畸轻: a fine below the tier minimum with no reason is flagged; with a written reason it is not', async () => {
    const bad = await penaltyCase({ violations: [{ itemCode: 'light.item', amount: 5000, min: 20000 }] });
    const [a] = await about('below_tier_no_reason', `/cases/${bad}`);
    expect(a!.summary).toContain('低于');
    const ok = await penaltyCase({ violations: [{ itemCode: 'light.item', amount: 5000, min: 20000, reason: '当事人主动消除危害后果，依法减轻处罚' }] });
    expect(await about('below_tier_no_reason', `/cases/${ok}`)).toHaveLength(0);
  });

  it('R34 附件2 二.1 多头重复检查: two routine inspections by city and county within a month are flagged; a routine and a complaint-driven one are not', async () => {
    const e1 = ent();
    const a1 = await inspection({ enterprise: e1, origin: 'plan', agency: 'county', planned: ago(20) });
    const a2 = await inspection({ enterprise: e1, origin: 'draw', agency: 'city', planned: ago(12) });
    const [a] = await about('repeated_inspections', `/inspections/${a2}`);
    expect(a!.evidence.some((e) => e.link === `/inspections/${a1}`)).toBe(true);
    expect(a!.summary).toContain('个部门');
    const e2 = ent();
    const request = await one<{ id: number }>(
      sql`insert into unplanned_requests (agency_id, enterprise_id, region_code, trigger, reason, status, requested_by, planned_date) values (${ag.county}, ${e2}, ${region.county}, 'complaint', '群众举报', 'approved', ${userId}, ${ago(12)}::date) returning id`,
    );
    await inspection({ enterprise: e2, origin: 'plan', planned: ago(20) });
    const b2 = await inspection({ enterprise: e2, origin: 'unplanned', request: Number(request.id), planned: ago(12) });
    expect(await about('repeated_inspections', `/inspections/${b2}`)).toHaveLength(0);
  });

  it('R34 附件2 二.1 计划外检查: an unplanned inspection with no approved request is flagged; an approved one is not', async () => {
    const e = ent();
    const bad = await inspection({ enterprise: e, origin: 'unplanned', request: null });
    const [a] = await about('unplanned_without_approval', `/inspections/${bad}`);
    expect(a!.summary).toContain('没有计划外检查申请');
    const pending = await one<{ id: number }>(
      sql`insert into unplanned_requests (agency_id, enterprise_id, region_code, trigger, reason, status, requested_by, planned_date) values (${ag.county}, ${e}, ${region.county}, 'other', '例行', 'pending', ${userId}, ${ago(10)}::date) returning id`,
    );
    const notYet = await inspection({ origin: 'unplanned', request: Number(pending.id) });
    expect((await about('unplanned_without_approval', `/inspections/${notYet}`))[0]!.summary).toContain('尚未批准');
    const approved = await one<{ id: number }>(
      sql`insert into unplanned_requests (agency_id, enterprise_id, region_code, trigger, reason, status, requested_by, planned_date) values (${ag.county}, ${e}, ${region.county}, 'other', '专项', 'approved', ${userId}, ${ago(10)}::date) returning id`,
    );
    const good = await inspection({ origin: 'unplanned', request: Number(approved.id) });
    expect(await about('unplanned_without_approval', `/inspections/${good}`)).toHaveLength(0);
  });

  it('R34 附件2 一.4 隐患闭环: a hazard 20 days past its deadline with no reinspection is flagged; one rechecked after the deadline is not', async () => {
    const bad = await hazard({ deadline: ago(20) });
    expect((await about('hazard_overdue_unchecked', `/hazards/${bad.id}`))[0]!.summary).toContain('未复查');
    const rechecked = await hazard({ deadline: ago(20) });
    await h.database.rows(
      sql`insert into reinspections (hazard_id, officer_ids, result, opinion, evidence_ids, new_deadline, created_by, created_at)
          values (${rechecked.id}, ${`{${off.county.join(',')}}`}::int[], 'failed', '仍未整改，延长期限', '{}'::bigint[], ${addDays(today, 10)}::date, ${userId}, ${tsAgo(15)}::timestamptz)`,
    );
    const reported = await hazard({ deadline: ago(20), status: 'rectified', rectifiedDaysAgo: 15 });
    expect((await about('hazard_overdue_unchecked', `/hazards/${reported.id}`))[0]!.summary).toContain('报告整改');
    expect(await about('hazard_overdue_unchecked', `/hazards/${rechecked.id}`)).toHaveLength(0);
  });

  it('R34 附件2 一.4 执法闭环: a general case opened 100 days ago without a decision is flagged; one opened 10 days ago is not', async () => {
    const late = await penaltyCase({ status: 'investigating', opened: ago(100), notified: null, decided: null, decisionKind: null });
    const [a] = await about('case_overdue', `/cases/${late}`);
    expect(a!.summary).toContain('办案期限');
    const fresh = await penaltyCase({ status: 'investigating', opened: ago(10), notified: null, decided: null, decisionKind: null });
    expect(await about('case_overdue', `/cases/${fresh}`)).toHaveLength(0);
  });

  it('R34 附件2 一.5 应移未移: a serious violation under an article reserving criminal liability closed without transfer is flagged; a transferred one is not', async () => {
    const bad = await penaltyCase({ violations: [{ criminal: true, serious: true }] });
    expect((await about('crime_not_transferred', `/cases/${bad}`))[0]!.summary).toContain('未移送');
    const transferred = await penaltyCase({ violations: [{ criminal: true, serious: true }], transferredTo: '某市公安局' });
    const minor = await penaltyCase({ violations: [{ criminal: true, serious: false, harm: 'minor' }] });
    expect(await about('crime_not_transferred', `/cases/${transferred}`)).toHaveLength(0);
    expect(await about('crime_not_transferred', `/cases/${minor}`)).toHaveLength(0);
  });

  it('R34 附件2 二.5 文书: a completed inspection without its on-site record is flagged; one with the record issued is not', async () => {
    const bad = await inspection();
    expect((await about('documents_missing', `/inspections/${bad}`))[0]!.summary).toContain('现场检查记录');
    const good = await inspection();
    const seq = Math.floor(Math.random() * 1e8);
    await h.database.rows(
      sql`insert into documents (agency_id, agency_name, region_code, kind, year, seq, number, entity_type, entity_id, title, content, content_sm3, issued_by, issued_at)
          values (${ag.county}, '测试', ${region.county}, 'inspection_record', 2026, ${seq}, ${`测试检记${seq}`}, 'inspection', ${String(good)}, '现场检查记录', '{}'::jsonb, 'x', ${userId}, now())`,
    );
    expect(await about('documents_missing', `/inspections/${good}`)).toHaveLength(0);
  });

  it('R34 附件2 二.2 无证执法: an inspection with an officer whose credential had expired is flagged; valid credentials are not', async () => {
    const [x] = await h.database.rows<{ id: number }>(
      sql`insert into officers (name, credential_no, credential_valid_from, credential_valid_to, agency_id, region_code)
          values ('过期证件员', ${`X-${randomUUID().slice(0, 8)}`}, ${ago(900)}::date, ${ago(30)}::date, ${ag.county}, ${region.county}) returning id`,
    );
    const bad = await inspection({ officers: [off.county[0]!, Number(x!.id)] });
    const [a] = await about('credential_invalid', `/inspections/${bad}`);
    expect(a!.summary).toContain('过期证件员');
    expect(a!.summary).toContain('过期');
    const good = await inspection();
    expect(await about('credential_invalid', `/inspections/${good}`)).toHaveLength(0);
  });

  it('R34 附件2 二.2 单人执法、未亮证: a completed inspection by one officer is flagged; two officers who showed credentials are not', async () => {
    const bad = await inspection({ officers: [off.county[0]!] });
    expect((await about('single_officer', `/inspections/${bad}`))[0]!.summary).toContain('仅 1 名执法人员');
    const notShown = await inspection({ shown: false });
    expect((await about('single_officer', `/inspections/${notShown}`))[0]!.summary).toContain('未记录出示执法证件');
    const good = await inspection();
    expect(await about('single_officer', `/inspections/${good}`)).toHaveLength(0);
  });

  it('R34 附件2 二.3 未责令改正: an item answered 不符合 with nothing ordered is flagged; one recorded as a finding is not', async () => {
    const answer = (id: number, item: string) =>
      h.database.rows(sql`insert into inspection_answers (inspection_id, item_code, result, note, answered_by, answered_at) values (${id}, ${item}, 'nonconform', '消防通道堵塞', ${userId}, now())`);
    const bad = await inspection();
    await answer(bad, 'A1');
    expect((await about('finding_without_order', `/inspections/${bad}`))[0]!.summary).toContain('1 项判定为不符合');
    const good = await inspection();
    await answer(good, 'A1');
    await finding(good, { disposition: 'fixed_on_spot', itemCode: 'A1', daysAgo: 10 });
    expect(await about('finding_without_order', `/inspections/${good}`)).toHaveLength(0);
  });

  it('R34 附件2 四.4 罚没指标: six fines in one month and none the rest of the year are flagged; fines spread over the year are not', async () => {
    const month = ago(40).slice(0, 7);
    for (let i = 0; i < 6; i++) await penaltyCase({ agency: 'other', decided: `${month}-0${i + 1}`, violations: [{ itemCode: 'spike.item', amount: 20000 }] });
    await run(['fine_concentration']);
    const otherName = (await one<{ name: string }>(sql`select name from agencies where id = ${ag.other}`)).name;
    const mine = (await alerts('fine_concentration')).filter((a) => a.summary.startsWith(otherName));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.summary).toContain('12.0 倍');
    // another county: five fines a month over five months — no month stands out
    for (let m = 1; m <= 5; m++) for (let i = 0; i < 5; i++) await penaltyCase({ agency: 'other3', decided: ago(30 * m + i), violations: [{ itemCode: `spread.${m}`, amount: 10000 }] });
    await run(['fine_concentration']);
    const c2 = (await one<{ name: string }>(sql`select name from agencies where id = ${ag.other3}`)).name;
    expect((await alerts('fine_concentration')).filter((a) => a.summary.startsWith(c2))).toHaveLength(0);
  });

  it('R34 附件2 三.5 未听取陈述申辩: a penalty decided two days after the notice without a statement is flagged; one decided after the period is not', async () => {
    const bad = await penaltyCase({ notified: ago(22), decided: ago(20), statement: false });
    expect((await about('rights_not_heard', `/cases/${bad}`))[0]!.summary).toContain('未满');
    const none = await penaltyCase({ notified: null, decided: ago(20), statement: false });
    expect((await about('rights_not_heard', `/cases/${none}`))[0]!.summary).toContain('没有告知');
    const good = await penaltyCase({ notified: ago(40), decided: ago(20), statement: false });
    expect(await about('rights_not_heard', `/cases/${good}`)).toHaveLength(0);
  });

  it('R34/R37 附件2 一.5 投诉举报逾期未处理: a complaint past its acceptance period is flagged; one still within it is not', async () => {
    const file = async (name: string) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/public/complaints',
        headers: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
        payload: { enterpriseName: name, address: '杭州市西湖区文三路100号', content: '该企业夜间违规动火作业，现场无人监护，存在安全隐患', anonymous: true },
      });
      expect(res.statusCode, res.body).toBe(201);
      const [c] = await h.database.rows<{ id: number }>(sql`select id from complaints where enterprise_name = ${name}`);
      return Number(c!.id);
    };
    const late = await file('逾期未受理检测企业');
    // received a month ago: its five working days to decide on acceptance are over
    await h.database.rows(sql`update complaints set received_on = ${ago(30)}::date, accept_due = ${ago(23)}::date where id = ${late}`);
    const lateAlerts = await about('complaint_overdue', `/complaints?id=${late}`);
    expect(lateAlerts).toHaveLength(1);
    expect(lateAlerts[0]!.summary).toContain('逾期');
    const fresh = await file('期限内投诉检测企业');
    expect(await about('complaint_overdue', `/complaints?id=${fresh}`)).toHaveLength(0);
  });

  // ---------- the catalogue ----------

  it('R34: every one of the 20 items of 附件2 is covered by a detector or listed with why the records cannot reveal it', async () => {
    const res = await call('GET', '/api/oversight/rules', leader);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { detectors: { code: string; title: string; items: { item: string }[] }[]; uncovered: { item: string; why: string }[] };
    expect(body.detectors).toHaveLength(detectorCatalogue.length);
    const covered = new Set([...body.detectors.flatMap((d) => d.items.map((i) => i.item)), ...body.uncovered.map((u) => u.item)]);
    expect(Object.keys(annex2Items)).toHaveLength(20);
    for (const item of Object.keys(annex2Items)) expect(covered.has(item), item).toBe(true);
    expect(uncoveredItems.every((u) => u.why.length > 5)).toBe(true);
    // nothing an English code on screen: titles are Chinese
    for (const d of body.detectors) expect(d.title).toMatch(/[\u4e00-\u9fa5]/);
  });

  // ---------- reruns, state machine, scoping ----------

  it('R34: rerunning does not duplicate; a condition that disappears leaves the alert with its history, and a rectified one that recurs reopens', async () => {
    const i = await inspection({ officers: [off.county[0]!] });
    const first = await run(['single_officer']);
    const before = (await alerts('single_officer')).length;
    const second = await run(['single_officer']);
    expect(second.results[0]!.created).toBe(0);
    expect(second.results[0]!.found).toBe(first.results[0]!.found);
    expect((await alerts('single_officer')).length).toBe(before);
    const [a] = (await alerts('single_officer')).filter((x) => x.evidence.some((e) => e.link === `/inspections/${i}`));
    // confirmed and rectified, then the record is corrected: the alert stays, no longer detected
    expect((await call('POST', `/api/oversight/alerts/${a!.id}/resolve`, oversight, { action: 'confirm', reason: '经核查，确系单人执法' })).statusCode).toBe(200);
    expect((await call('POST', `/api/oversight/alerts/${a!.id}/resolve`, oversight, { action: 'rectify', reason: '已补派执法人员并通报批评' })).statusCode).toBe(200);
    await h.database.rows(sql`update inspections set officer_ids = ${`{${off.county.join(',')}}`}::int[] where id = ${i}`);
    const third = await run(['single_officer']);
    expect(third.results[0]!.cleared).toBeGreaterThanOrEqual(1);
    const gone = (await call('GET', `/api/oversight/alerts/${a!.id}`, oversight)).json() as Alert & { clearedOn: string };
    expect(gone).toMatchObject({ state: 'rectified', active: false, clearedOn: today });
    expect(gone.history.map((x) => x.action)).toEqual(['confirm', 'rectify']);
    // the same problem again: the rectified alert is reopened, with the history kept
    await h.database.rows(sql`update inspections set officer_ids = ${`{${off.county[0]}}`}::int[] where id = ${i}`);
    const fourth = await run(['single_officer']);
    expect(fourth.results[0]!.reopened).toBe(1);
    const back = (await call('GET', `/api/oversight/alerts/${a!.id}`, oversight)).json() as Alert;
    expect(back).toMatchObject({ state: 'open', active: true });
    expect(back.history.map((x) => x.action)).toEqual(['confirm', 'rectify', 'redetected']);
  });

  it('R34: the leader of the watched agency explains, oversight confirms or returns and then rectifies; each step needs a reason and the right role', async () => {
    const i = await inspection({ shown: false });
    const [a] = await about('single_officer', `/inspections/${i}`);
    expect(a!.overseerName).toBe('执法监督员');
    expect(a!.actions).toEqual(['confirm']);
    const resolve = (cookie: string, action: string, reason = '按要求作出处理说明') => call('POST', `/api/oversight/alerts/${a!.id}/resolve`, cookie, { action, reason });
    // the leader sees explain; oversight may not explain; officers may not read
    const asLeader = (await call('GET', `/api/oversight/alerts/${a!.id}`, leader)).json() as Alert;
    expect(asLeader.actions).toEqual(['explain']);
    expect((await resolve(oversight, 'explain')).statusCode).toBe(403);
    expect((await call('GET', `/api/oversight/alerts/${a!.id}`, officer)).statusCode).toBe(403);
    expect((await resolve(leader, 'explain', '短')).statusCode).toBe(400);
    expect((await resolve(leader, 'rectify')).statusCode).toBe(409);
    const explained = (await resolve(leader, 'explain', '现场已出示证件，系统未及时登记')).json() as Alert;
    expect(explained.state).toBe('explained');
    expect((await resolve(leader, 'confirm')).statusCode).toBe(403);
    expect((await resolve(oversight, 'reopen', '说明缺少现场照片佐证，请补充')).json().state).toBe('open');
    expect((await resolve(oversight, 'confirm', '经调阅执法记录仪，确未亮证')).json().state).toBe('confirmed');
    const done = (await resolve(oversight, 'rectify', '已开展专项培训并通报')).json() as Alert;
    expect(done.state).toBe('rectified');
    expect(done.history.map((x) => [x.action, x.byName])).toEqual([
      ['explain', '县局负责人'],
      ['reopen', '执法监督员'],
      ['confirm', '执法监督员'],
      ['rectify', '执法监督员'],
    ]);
    expect(done.history[0]!.reason).toBe('现场已出示证件，系统未及时登记');
    const audit = await h.database.rows(sql`select action from audit_log where entity_type = 'oversight_alert' and entity_id = ${String(a!.id)} order by id`);
    expect(audit.map((x) => x.action)).toEqual(['explain', 'reopen', 'confirm', 'rectify']);
  });

  it('R34: alerts are scoped to the jurisdiction — the county leader sees his county, not the neighbour; only province oversight or admin runs the detectors', async () => {
    const mine = await inspection({ officers: [off.county[0]!] });
    const theirs = await inspection({ agency: 'county2', officers: [off.county2[0]!] });
    await run(['single_officer']);
    const seen = await alerts('single_officer', leader);
    expect(seen.some((a) => a.evidence.some((e) => e.link === `/inspections/${mine}`))).toBe(true);
    expect(seen.some((a) => a.evidence.some((e) => e.link === `/inspections/${theirs}`))).toBe(false);
    const all = await alerts('single_officer', oversight);
    const other = all.find((a) => a.evidence.some((e) => e.link === `/inspections/${theirs}`))!;
    expect((await call('GET', `/api/oversight/alerts/${other.id}`, leader)).statusCode).toBe(404);
    expect((await call('POST', `/api/oversight/alerts/${other.id}/resolve`, leader, { action: 'explain', reason: '不是本单位的检查' })).statusCode).toBe(404);
    // filter by agency
    const byAgency = (await call('GET', `/api/oversight/alerts?agencyId=${ag.county2}&pageSize=200`, oversight)).json().items as Alert[];
    expect(byAgency.length).toBeGreaterThan(0);
    expect(byAgency.every((a) => (a as unknown as { agencyId: number }).agencyId === ag.county2)).toBe(true);
    // running: province oversight and admin yes, a county leader or officer no
    expect((await call('POST', '/api/oversight/detectors/run', leader, { rules: ['single_officer'] })).statusCode).toBe(403);
    expect((await call('POST', '/api/oversight/detectors/run', officer, { rules: ['single_officer'] })).statusCode).toBe(403);
    expect((await call('POST', '/api/oversight/detectors/run', admin, { rules: ['single_officer'] })).statusCode).toBe(200);
    expect((await call('GET', '/api/oversight/alerts?rule=nope', oversight)).statusCode).toBe(400);
  });

  it('R34: the alerts export as an Excel workbook within the jurisdiction', async () => {
    await run(['single_officer']);
    const res = await call('GET', '/api/oversight/alerts/export?rule=single_officer', leader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('GET', '/api/oversight/alerts/export', officer)).statusCode).toBe(403);
  });

  it('R34: the daily job runs every detector as of the day', async () => {
    const { runDailyJobs } = await import('../src/modules/jobs/daily.js');
    const logs: string[] = [];
    await runDailyJobs(h.ctx, today, (m) => logs.push(m));
    const [run1] = await h.database.rows<{ status: string }>(sql`select status from job_runs where job = 'oversight' and run_date = ${today} order by id desc limit 1`);
    expect(run1!.status).toBe('succeeded');
  });
});
