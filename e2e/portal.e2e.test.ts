// 信息公开门户 in a real browser against the real server (R5, R13, R14, R29, R32): from the index, on a 390 px phone
// and on a desktop, a visitor without login goes province → city → county, opens the county's published plan (三个明确,
// versions), a draw with its seed and input hash and re-checks it, a double-random inspection result, and a penalty
// decision. The data are made through the API as the county officer and leaders would. Screenshots: /tmp/shots-portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSession, launchBrowser, newContext, startServer, watchConsole, type Stack, checkPage as checkPageShared } from './harness.js';

const SHOTS = '/tmp/shots-portal';
let stack: Stack;
let browser: Browser;
let planId = 0;
let drawId = 0;
let inspectionId = 0;
let caseId = 0;
let enterpriseName = '';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const year = Number(today.slice(0, 4));
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const FACTS = { itemCode: 'aq097.initial.unit', clause: 4, circumstance: 'general', harm: 'general', fault: 'negligent', firstViolation: false, correctedInTime: false, repeatWithinYear: false, mitigating: [], aggravating: [] };
const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|items?\/page|undefined|NaN|null|OK)\b/;

/** A published plan, a draw from it, one completed inspection of the draw, and a published penalty decision. */
async function prepare(baseUrl: string): Promise<void> {
  const officer = await apiSession(baseUrl, 'county.officer');
  const leader = await apiSession(baseUrl, 'county.leader');
  const province = await apiSession(baseUrl, 'leader');
  const ok = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const me = ok(await officer.get<{ agency: { id: number } }>('/me'), 'me');
  const agencyId = me.agency.id;
  planId = ok(await officer.post<{ id: number }>('/plans', { agencyId, year, params: { seed: 7 } }), 'plan').id;
  ok(await officer.post(`/plans/${planId}/transition`, { action: 'submit' }), 'submit');
  ok(await province.post(`/plans/${planId}/transition`, { action: 'approve' }), 'approve');
  ok(await officer.post(`/plans/${planId}/transition`, { action: 'file', filedWith: ['同级司法行政部门', '上一级应急管理部门', '安委办'] }), 'file');
  ok(await officer.post(`/plans/${planId}/transition`, { action: 'publish' }), 'publish');
  const draw = ok(await officer.post<{ id: number; assignments: { enterpriseId: number; enterpriseName: string; officers: { id: number; name: string }[] }[] }>('/draws', { planId, seed: 4242 }), 'draw');
  drawId = draw.id;
  const target = draw.assignments[0]!;
  enterpriseName = target.enterpriseName;
  const ins = ok(
    await officer.post<{ id: number; items: { code: string }[] }>('/inspections', {
      enterpriseId: target.enterpriseId,
      origin: 'draw',
      drawId,
      legalBasis: '《中华人民共和国安全生产法》',
      plannedDate: today,
      officerIds: target.officers.map((o) => o.id),
    }),
    'file inspection',
  );
  inspectionId = ins.id;
  ok(await officer.post(`/inspections/${ins.id}/enter`, {}), 'enter');
  ok(await officer.post(`/inspections/${ins.id}/show-credentials`, {}), 'credentials');
  ok(await officer.post(`/inspections/${ins.id}/commitment`, { signerNames: target.officers.map((o) => o.name) }), 'commitment');
  const answers = ins.items.map((i) => ({ itemCode: i.code, result: i.code === 'G09' ? 'nonconform' : 'conform', note: '' }));
  ok(await officer.call('PUT', `/inspections/${ins.id}/answers`, { answers }), 'answers');
  ok(await officer.post(`/inspections/${ins.id}/exams`, { clientId: crypto.randomUUID(), personName: '王总', position: '主要负责人', questions: '本单位安全生产责任制', score: 85 }), 'exam');
  ok(await officer.post(`/inspections/${ins.id}/certificates`, { clientId: crypto.randomUUID(), holderName: '李工', certificateType: '特种作业操作证（电工）', certificateNo: 'T330106199001011234', validTo: addDays(today, 300) }), 'certificate');
  ok(
    await officer.post(`/inspections/${ins.id}/findings`, { clientId: crypto.randomUUID(), itemCode: 'G09', description: '隐患排查治理台账未建立', disposition: 'hazard', requirement: '建立隐患排查治理台账', deadline: addDays(today, 10), responsiblePerson: '张安全' }),
    'finding',
  );
  ok(await officer.post(`/inspections/${ins.id}/complete`, { summary: '发现事故隐患1项，已责令限期整改' }), 'complete');

  // a general-procedure penalty decision, published
  const mine = ok(await officer.get<{ officerId: number }>('/today'), 'today').officerId;
  const valid = ok(await officer.get<{ items: { id: number }[] }>(`/officers?agencyId=${agencyId}&credentialStatus=valid&pageSize=50`), 'officers').items;
  const c = ok(await officer.post<{ id: number }>('/penalty-cases', { enterpriseId: target.enterpriseId, facts: '未建立事故隐患排查治理台账', investigatorIds: [mine, valid.find((o) => o.id !== mine)!.id] }), 'case');
  caseId = c.id;
  ok(await leader.post(`/penalty-cases/${c.id}/actions`, { action: 'open' }), 'open');
  ok(await officer.post(`/penalty-cases/${c.id}/actions`, { action: 'start_investigation' }), 'investigate');
  ok(await officer.post(`/penalty-cases/${c.id}/violations`, { facts: FACTS }), 'violation');
  ok(await officer.post(`/penalty-cases/${c.id}/actions`, { action: 'notify' }), 'notify');
  ok(await officer.call('PATCH', `/penalty-cases/${c.id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }), 'waive');
  ok(await leader.post(`/penalty-cases/${c.id}/actions`, { action: 'decide' }), 'decide');
  ok(await officer.post(`/penalty-cases/${c.id}/publish`, {}), 'publish decision');
}

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  await prepare(stack.baseUrl);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

describe('信息公开门户', () => {
  for (const kind of ['phone', 'desktop'] as const) {
    it(`R13/R29（${kind === 'phone' ? '手机 390px' : '桌面'}）：从门户首页按地区进入，查看计划、抽取复核、抽查结果和处罚决定`, async () => {
      const ctx = await newContext(browser, stack.baseUrl, kind);
      const page = await ctx.newPage();
      const problems = watchConsole(page);
      const phone = kind === 'phone';
      const p = (name: string) => `${kind}-${name}`;

      // the index: the province, its cities with what each published
      await page.goto('/public');
      await expect.poll(() => page.getByTestId('portal-title').textContent(), { timeout: 20_000 }).toContain('浙江省');
      await checkPage(page, p('index-province'), phone);
      await page.getByTestId('portal-child').filter({ hasText: '杭州市' }).getByRole('link', { name: '杭州市' }).click();
      await page.waitForURL('**/public?regionCode=330100');
      await page.getByTestId('portal-trail').waitFor();
      await checkPage(page, p('index-city'), phone);
      const xihu = page.getByTestId('portal-child').filter({ hasText: '西湖区' });
      expect(await xihu.getByTestId('count-plans').textContent()).toContain('检查计划 1');
      await xihu.getByRole('link', { name: '西湖区' }).click();
      await page.waitForURL('**/public?regionCode=330106');
      const agency = page.getByTestId('portal-agency').first();
      await agency.waitFor();
      await checkPage(page, p('index-county'), phone);

      // the plan: 三个明确, months, versions
      await agency.getByTestId('count-plans').click();
      await page.waitForURL(/\/public\/plans\?agencyId=\d+/);
      await page.getByTestId('portal-plan').first().getByRole('link').click();
      await page.waitForURL(`**/public/plans/${planId}`);
      await page.getByTestId('plan-version').waitFor();
      expect(await page.getByTestId('plan-clarity').count()).toBe(3);
      expect(await page.getByTestId('plan-versions').textContent()).toContain('第1版');
      await checkPage(page, p('plan'), phone);

      // the plan's draws, then a draw's verification
      await page.getByRole('link', { name: /查看本计划的双随机抽取结果/ }).click();
      await page.waitForURL(`**/public/draws?planId=${planId}`);
      const draw = page.getByTestId('portal-draw').first();
      await draw.waitFor();
      expect(await draw.getByTestId('draw-seed').textContent()).toBe('4242');
      await checkPage(page, p('draws'), phone);
      await draw.getByTestId('draw-verify-link').click();
      await page.waitForURL(`**/public/draws/${drawId}`);
      await page.getByTestId('verify-howto').waitFor();
      await page.getByRole('button', { name: /验证抽取结果/ }).click();
      await page.getByTestId('verify-ok').waitFor({ timeout: 30_000 });
      await checkPage(page, p('draw-verified'), phone);

      // the results of the draw, one result
      await page.goto(`/public/draws?regionCode=330106`);
      await page.getByTestId('portal-draw').first().getByRole('link', { name: /抽查结果 1 份/ }).click();
      await page.waitForURL(`**/public/results?drawId=${drawId}`);
      const result = page.getByTestId('portal-result').first();
      await result.waitFor();
      await checkPage(page, p('results'), phone);
      await result.getByRole('link', { name: enterpriseName }).click();
      await page.waitForURL(`**/public/results/${inspectionId}`);
      await page.getByTestId('result-outcome').waitFor();
      expect(await page.getByTestId('result-outcome').textContent()).toContain('事故隐患1项');
      const body = await page.evaluate(() => document.body.innerText);
      expect(body).toContain('隐患排查治理台账未建立');
      // officers, the responsible person and the on-site record are not published
      expect(body).not.toContain('张安全');
      expect(body).not.toContain('王总');
      await checkPage(page, p('result'), phone);

      // a penalty decision, from the county's index with the region filter
      await page.goto('/public?regionCode=330106');
      await page.getByTestId('portal-agency').first().getByTestId('count-penalties').click();
      await page.waitForURL('**/public/penalties?regionCode=330106');
      await page.locator(`[data-testid="public-decision"][data-id="${caseId}"]`).waitFor();
      await checkPage(page, p('penalties'), phone);

      // the navigation leads back to the index
      if (phone) await page.getByTestId('nav-portal').scrollIntoViewIfNeeded();
      await page.getByTestId('nav-portal').click();
      await page.waitForURL((u) => u.pathname === '/public');
      await page.getByTestId('portal-title').waitFor();
      expect(problems).toEqual([]);
      await ctx.close();
    });
  }
});
