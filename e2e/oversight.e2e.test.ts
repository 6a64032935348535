// 执法监督 and 严重失信主体名单 in a real browser against the real server (R25, R31, R32, R38; issue #5). A county
// case is opened and a leader's intervention recorded; the county leader lists an enterprise as a serious-dishonesty
// subject from its credit page (the ground of 应急管理部令第11号), a second listing and an early removal are refused
// with the server's Chinese message. Then time passes: the server is stopped and the dates are moved back in its
// database (the case opened 100 days ago, the listing 13 months ago, three earlier major-hazard penalties) before it
// starts again on the same data. Oversight sees the overdue case and the intervention and opens the case file; the
// leader publishes the quarter's list, finds the enterprise on the public page and removes it; the art. 113 alert
// shows on the enterprise's pages. Screenshots at desktop and phone width go to /tmp/shots-oversight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { addDays, blacklistStatus, decisionDue, previousQuarter, publicationDue, quarterOf } from '@anjian/domain';
import { openDatabase } from '../packages/server/src/db/client.js';
import { ensureEmbedded } from '../packages/server/src/db/embedded.js';
import { apiSession, launchBrowser, startServer, type Stack, openPage, checkPage as checkPageShared } from './harness.js';

const SHOTS = '/tmp/shots-oversight';
let stack: Stack;
let browser: Browser;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const quarter = previousQuarter(quarterOf(today));
const INTERVENER = '孙某';
const FACTS = { itemCode: 'aq097.initial.unit', clause: 4, circumstance: 'general', harm: 'general', fault: 'negligent', firstViolation: false, correctedInTime: false, repeatWithinYear: false };
const DEVIATION_REASON = '企业经多次约谈仍拒不整改，社会影响较大';

interface Ent {
  id: number;
  name: string;
  regionCode: string;
}
interface Prepared {
  agencyId: number;
  caseId: number;
  caseNumber: string;
  caseEnterprise: Ent;
  listed: Ent;
}
let prep: Prepared;

const ok = <T>(r: { status: number; body: T }, what: string): T => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/**
 * A county case opened and under investigation, its violation assessed above the proposed tier with the written reason
 * (R25), and a leader's intervention recorded by the officer (R31).
 */
async function prepare(baseUrl: string): Promise<Prepared> {
  const officer = await apiSession(baseUrl, 'county.officer');
  const leader = await apiSession(baseUrl, 'county.leader');
  const me = ok(await officer.get<{ agency: { id: number } }>('/me'), 'me');
  const mine = ok(await officer.get<{ officerId: number }>('/today'), 'today').officerId;
  const ents = ok(await officer.get<{ items: Ent[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=5`), 'enterprises').items;
  const valid = ok(await officer.get<{ items: { id: number }[] }>(`/officers?agencyId=${me.agency.id}&credentialStatus=valid&pageSize=50`), 'officers').items;
  const other = valid.find((o) => o.id !== mine)!;
  const c = ok(await officer.post<{ id: number }>('/penalty-cases', { enterpriseId: ents[0]!.id, facts: '未按规定对从业人员进行安全生产教育和培训，特种作业人员无证上岗', investigatorIds: [mine, other.id] }), 'case');
  ok(await leader.post(`/penalty-cases/${c.id}/actions`, { action: 'open', reason: '同意立案调查' }), 'open');
  const opened = ok(await officer.post<{ caseNumber: string }>(`/penalty-cases/${c.id}/actions`, { action: 'start_investigation' }), 'investigate');
  const proposal = ok(await officer.post<{ amountRange: { max: number } }>('/discretion/propose', FACTS), 'propose');
  ok(await officer.post(`/penalty-cases/${c.id}/violations`, { facts: FACTS, amount: proposal.amountRange.max + 5000, reason: DEVIATION_REASON }), 'violation');
  ok(
    await officer.post(`/penalty-cases/${c.id}/interventions`, { intervenerName: INTERVENER, intervenerPosition: '某区人民政府副区长', method: '电话', content: '来电要求对该企业从轻处理、暂缓调查', occurredOn: addDays(today, -1) }),
    'intervention',
  );
  return { agencyId: me.agency.id, caseId: c.id, caseNumber: opened.caseNumber, caseEnterprise: ents[0]!, listed: ents[1]! };
}

/** Time passes: with the server stopped, its dates are moved back (as the server tests do) and it starts again. */
async function letTimePass(): Promise<void> {
  await stack.stop();
  const store = await ensureEmbedded(stack.dataDir);
  const db = await openDatabase({ url: store.url });
  try {
    const openedOn = addDays(today, -100);
    await db.rows(sql`update penalty_cases set opened_on = ${openedOn}::date, decision_due = ${decisionDue(openedOn)}::date where id = ${prep.caseId}`);
    const listedOn = addDays(today, -400);
    await db.rows(sql`update blacklist_listings set listed_on = ${listedOn}::date, expires_on = ${blacklistStatus({ listedOn }, today).expiresOn}::date where enterprise_id = ${prep.listed.id}`);
    // 《安全生产法》第一百一十三条第（一）项: three penalties for a major hazard within 180 days
    const e = prep.caseEnterprise;
    for (const [i, ago] of [150, 100, 40].entries()) {
      const [row] = await db.rows<{ id: number }>(
        sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, case_number, major_hazard, opened_on, decided_on, decision, created_by)
            values (${prep.agencyId}, ${e.id}, ${e.regionCode}, 'closed', '存在重大事故隐患未采取措施消除', ${`e2e重大隐患${i + 1}号`}, true, ${addDays(today, -ago - 20)}::date, ${addDays(today, -ago)}::date,
                    ${JSON.stringify({ kind: 'penalty', fine: 30000, sanctions: ['order_correction'] })}::jsonb, 1) returning id`,
      );
      // the last decision was never published (R29): due 7 working days after it
      if (ago === 40) {
        await db.rows(
          sql`insert into penalty_publications (case_id, region_code, enterprise_id, decided_on, due_on, due_rule, content)
              values (${row!.id}, ${e.regionCode}, ${e.id}, ${addDays(today, -ago)}::date, ${publicationDue(addDays(today, -ago)).due}::date, 'publication_working', '{}'::jsonb)`,
        );
      }
    }
  } finally {
    await db.close();
    await store.release();
  }
  stack = await startServer({ dataDir: stack.dataDir });
}

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer({ keepData: true });
  prep = await prepare(stack.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const open = (kind: 'desktop' | 'phone', user?: string) => openPage(browser, stack.baseUrl, kind, user);

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|Upload|items?\/page|undefined|NaN|null|OK|Invalid Date)\b/;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

const GROUND = '有执行能力拒不执行或者逃避执行';

/** The listing dialog: the ground (应急管理部令第11号), its precondition and the written reason. */
async function fillListing(page: Page) {
  const form = page.getByTestId('blacklist-add-form');
  await form.getByTestId('blacklist-ground').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: GROUND }).click();
  expect(await page.getByTestId('blacklist-ground-basis').textContent()).toContain('未发生生产安全事故情形第（三）项');
  await page.getByTestId('blacklist-confirm').check();
  await page.getByTestId('blacklist-reason').fill('企业在行政处罚决定作出后，有执行能力而拒不缴纳罚款，经催告仍不履行');
}

describe('执法监督与严重失信主体名单', () => {
  it('R32: 负责人从企业信用页将企业列入名单（法定情形）；重复列入、未满12个月提前移出被拒绝并显示服务器的中文理由', async () => {
    const s = await open('desktop', 'county.leader');
    const { page } = s;
    await page.goto(`/credit/enterprises/${prep.listed.id}`);
    await page.getByTestId('credit-facts').waitFor();
    await page.getByTestId('credit-blacklist-add').click();
    await fillListing(page);
    await checkPage(page, 'desktop-blacklist-add', false);
    await page.getByTestId('blacklist-add-submit').click();
    await page.getByTestId('blacklist-add-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('credit-status').first().getAttribute('data-status')).toBe('blacklist');
    await expect.poll(() => page.getByTestId('credit-listing').first().getAttribute('data-active')).toBe('1');
    expect(await page.getByTestId('credit-listing').first().textContent()).toContain(GROUND);
    expect(await page.getByTestId('credit-blacklist-add').count()).toBe(0);

    // the list page: the listing with its ground and dates; a second listing is refused by the server
    await page.getByRole('link', { name: '名单管理' }).click();
    await page.waitForURL('**/credit/blacklist');
    const row = page.getByTestId('listing-row').filter({ hasText: prep.listed.name });
    await row.waitFor();
    expect(await row.getByTestId('listing-state').getAttribute('data-state')).toBe('active');
    expect(await row.textContent()).toContain(today);
    await page.getByTestId('blacklist-add').click();
    await page.getByTestId('blacklist-add-form').getByLabel('企业').click();
    await page.keyboard.type(prep.listed.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: prep.listed.name }).first().click();
    await fillListing(page);
    await page.getByTestId('blacklist-add-submit').click();
    await expect.poll(() => page.getByTestId('blacklist-add-error').textContent()).toContain('已在严重失信主体名单管理期内');
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();

    // early removal before 12 months: refused with the day it becomes possible
    await row.getByTestId('listing-remove').click();
    for (const k of ['obligationsPerformed', 'violationCorrected', 'commitmentSigned', 'noNewSeriousConduct']) await page.getByTestId(`removal-${k}`).check();
    await page.getByTestId('blacklist-remove-reason').fill('企业已缴纳罚款并整改完毕');
    await page.getByTestId('blacklist-remove-submit').click();
    await expect.poll(() => page.getByTestId('blacklist-remove-error').textContent()).toContain('满12个月后');
    await checkPage(page, 'desktop-blacklist-remove-refused', false);
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  });

  it('R31/R38: 时间推移后，执法监督看到逾期案件（逾期天数）和领导干部干预记录，并打开案卷', async () => {
    await letTimePass();
    const s = await open('desktop', 'oversight');
    const { page } = s;
    await page.getByRole('link', { name: '执法监督' }).click();
    await page.waitForURL('**/oversight');
    // the deadline view is the hub's 处罚期限监督 tab
    await page.getByTestId('hub-tab-deadlines').click();
    await page.waitForURL('**/oversight/deadlines');
    await expect.poll(async () => Number(await page.getByTestId('tile-overdue').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    const overdue = page.getByTestId('overdue-row').filter({ hasText: prep.caseNumber });
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain('作出行政处罚决定');
    expect(await overdue.getByTestId('late-days').textContent()).toContain('逾期 10 天');
    await checkPage(page, 'desktop-oversight-overdue', false);

    await page.getByTestId('tile-interventions').click();
    const intervention = page.getByTestId('intervention-row').filter({ hasText: INTERVENER });
    await intervention.waitFor();
    const text = await intervention.textContent();
    expect(text).toContain('某区人民政府副区长');
    expect(text).toContain('暂缓调查');
    expect(text).toContain(addDays(today, -1));
    expect(text).toContain(prep.caseNumber);
    await checkPage(page, 'desktop-oversight-interventions', false);
    // R25: the amount above the proposed tier with its written reason
    await page.getByTestId('tile-deviations').click();
    const deviation = page.getByTestId('deviation-row').filter({ hasText: prep.caseNumber });
    await deviation.waitFor();
    expect(await deviation.textContent()).toContain(DEVIATION_REASON);
    expect(await deviation.textContent()).toContain('第九十七条');
    await checkPage(page, 'desktop-oversight-deviations', false);
    // R29: the decision never published, days late
    await page.getByTestId('tile-late').click();
    const late = page.getByTestId('late-publication-row').filter({ hasText: 'e2e重大隐患3号' });
    await late.waitFor();
    expect(await late.textContent()).toContain('尚未公示');
    await checkPage(page, 'desktop-oversight-late', false);
    await page.getByTestId('tile-interventions').click();
    await intervention.getByTestId('intervention-case').click();
    await page.waitForURL(`**/cases/${prep.caseId}`);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // at phone width: the same rows as cards, nothing wider than the screen
    const p = await open('phone', 'oversight');
    await p.page.goto('/penalty-oversight');
    await p.page.getByTestId('overdue-row').filter({ hasText: prep.caseNumber }).waitFor();
    await checkPage(p.page, 'phone-oversight-overdue', true);
    await p.page.getByTestId('tile-interventions').click();
    await p.page.getByTestId('intervention-row').filter({ hasText: INTERVENER }).waitFor();
    await checkPage(p.page, 'phone-oversight-interventions', true);
    await p.page.getByTestId('tile-deviations').click();
    await p.page.getByTestId('deviation-row').filter({ hasText: DEVIATION_REASON }).waitFor();
    await checkPage(p.page, 'phone-oversight-deviations', true);
    await p.page.getByTestId('tile-late').click();
    await p.page.getByTestId('late-publication-row').first().waitFor();
    await checkPage(p.page, 'phone-oversight-late', true);
    expect(p.problems).toEqual([]);
    await p.ctx.close();
  });

  it('R32: 负责人公布本季度名单，公开页面可见该企业；满12个月后依条件移出', async () => {
    const s = await open('desktop', 'county.leader');
    const { page } = s;
    await page.goto('/credit/blacklist');
    const state = page.getByTestId('quarter-state');
    await state.waitFor();
    expect(['due', 'overdue']).toContain(await state.getAttribute('data-state'));
    expect(await page.getByTestId('blacklist-quarter').textContent()).toContain(`${quarter.label}名单`);
    await checkPage(page, 'desktop-blacklist', false);
    await page.getByTestId('publish-quarter').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('published');
    await page.locator(`[data-testid="published-quarter"][data-quarter="${quarter.key}"]`).waitFor();

    // the public portal (no login)
    const pub = await open('phone');
    await pub.page.goto('/public/blacklist');
    const card = pub.page.getByTestId('blacklist-publication').filter({ hasText: quarter.label });
    await card.waitFor();
    expect(await card.textContent()).toContain(prep.listed.name);
    expect(await card.textContent()).toContain(GROUND);
    await checkPage(pub.page, 'phone-public-blacklist', true);
    await pub.ctx.close();

    // 13 months after listing, the conditions met: removed early
    const row = page.getByTestId('listing-row').filter({ hasText: prep.listed.name });
    await row.getByTestId('listing-remove').click();
    for (const k of ['obligationsPerformed', 'violationCorrected', 'commitmentSigned', 'noNewSeriousConduct']) await page.getByTestId(`removal-${k}`).check();
    await page.getByTestId('blacklist-remove-reason').fill('企业已缴纳罚款并整改完毕，提交信用承诺书，申请提前移出');
    await page.getByTestId('blacklist-remove-submit').click();
    await page.getByTestId('blacklist-remove-reason').waitFor({ state: 'detached' });
    await expect.poll(() => row.count()).toBe(0); // gone from the active list
    await page.getByText('全部', { exact: true }).click();
    await expect.poll(() => row.getByTestId('listing-state').getAttribute('data-state')).toBe('removed');
    expect(await row.textContent()).toContain('申请提前移出');
    await page.goto(`/credit/enterprises/${prep.listed.id}`);
    await expect.poll(() => page.getByTestId('credit-status').first().getAttribute('data-status')).not.toBe('blacklist');
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    const phone = await open('phone', 'county.leader');
    await phone.page.goto('/credit/blacklist');
    await phone.page.getByTestId('blacklist-quarter').waitFor();
    await checkPage(phone.page, 'phone-blacklist', true);
    await phone.ctx.close();
  });

  it('《安全生产法》第一百一十三条：企业详情和信用页向执法人员显示提请关闭预警及条文', async () => {
    const s = await open('phone', 'county.officer');
    const { page } = s;
    await page.goto(`/credit/enterprises/${prep.caseEnterprise.id}`);
    const closure = page.getByTestId('alert-closure');
    await closure.waitFor();
    const text = await closure.textContent();
    expect(text).toContain('《安全生产法》第一百一十三条第（一）项');
    expect(text).toContain('一百八十日内三次');
    expect(text).toContain('应当提请地方人民政府予以关闭');
    await checkPage(page, 'phone-credit-alerts', true);
    await page.goto(`/enterprises/${prep.caseEnterprise.id}`);
    await page.getByTestId('alert-closure').waitFor();
    await checkPage(page, 'phone-enterprise-alerts', true);
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  });
});
