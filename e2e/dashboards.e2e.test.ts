// R36: the leaders' dashboards in a real browser against the real server. An inspection with two hazards and a
// penalty case is recorded through the API; the county leader's home page leads with this year's enforcement (desktop
// and 390 px), a click on the hazard chart's month lands on the hazard ledger filtered to that month, a KPI opens the
// filtered case list; the province leader sees the map of the cities. Screenshots go to /tmp/shots-dashboards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiSession, launchBrowser, login, newContext, shot, startServer, watchConsole, type Stack } from './harness.js';

const SHOTS = '/tmp/shots-dashboards';
let stack: Stack;
let browser: Browser;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const hazardText = '隐患排查治理台账未建立，未如实记录隐患排查治理情况';

/** One inspection of a 西湖区 enterprise, completed, with an ordinary and a major hazard (the major one opens a case). */
async function prepare(baseUrl: string) {
  const officer = await apiSession(baseUrl, 'county.officer');
  const ok = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const me = ok(await officer.get<{ agency: { id: number } }>('/me'), 'me');
  const ent = ok(await officer.get<{ items: { id: number; name: string }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=5`), 'enterprises').items[0]!;
  const officers = ok(await officer.get<{ items: { id: number; name: string }[] }>(`/officers?agencyId=${me.agency.id}&credentialStatus=valid&pageSize=2`), 'officers').items;
  const u = ok(await officer.post<{ id: number }>('/unplanned-inspections', { enterpriseId: ent.id, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }), 'unplanned');
  const ins = ok(
    await officer.post<{ id: number; items: { code: string }[] }>('/inspections', {
      enterpriseId: ent.id,
      origin: 'unplanned',
      unplannedRequestId: u.id,
      legalBasis: '《中华人民共和国安全生产法》第六十五条',
      plannedDate: today,
      officerIds: officers.map((o) => o.id),
    }),
    'file',
  );
  const id = ins.id;
  ok(await officer.post(`/inspections/${id}/enter`, {}), 'enter');
  ok(await officer.post(`/inspections/${id}/show-credentials`, {}), 'credentials');
  ok(await officer.post(`/inspections/${id}/commitment`, { signerNames: officers.map((o) => o.name) }), 'commitment');
  ok(await officer.call('PUT', `/inspections/${id}/answers`, { answers: ins.items.map((i) => ({ itemCode: i.code, result: i.code === 'G09' || i.code === 'G11' ? 'nonconform' : 'conform', note: '' })) }), 'answers');
  const rand = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  ok(await officer.post(`/inspections/${id}/exams`, { clientId: rand(), personName: '王总', position: '主要负责人', questions: '隐患排查治理制度', score: 85 }), 'exam');
  ok(await officer.post(`/inspections/${id}/certificates`, { clientId: rand(), holderName: '李工', certificateType: '特种作业操作证（电工）', certificateNo: 'T330106199001011234', validTo: addDays(today, 300) }), 'certificate');
  ok(
    await officer.post(`/inspections/${id}/findings`, { clientId: rand(), itemCode: 'G09', description: hazardText, disposition: 'hazard', requirement: '建立隐患排查治理台账', deadline: addDays(today, 14), responsiblePerson: '张安全' }),
    'hazard',
  );
  ok(
    await officer.post(`/inspections/${id}/findings`, {
      clientId: rand(),
      itemCode: 'G11',
      description: '动火作业未履行审批手续，现场无监护人员',
      disposition: 'hazard',
      major: true,
      requirement: '立即停止动火作业',
      deadline: addDays(today, 7),
      responsiblePerson: '张安全',
      trackerName: '县局赵科长',
    }),
    'major hazard',
  );
  ok(await officer.post(`/inspections/${id}/complete`, { summary: '发现问题2项，其中重大事故隐患1项，已责令限期整改并立案调查' }), 'complete');
}

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  await prepare(stack.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function open(kind: 'desktop' | 'phone', user: string): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await newContext(browser, stack.baseUrl, kind);
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await login(page, user);
  return { ctx, page, problems };
}

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|undefined|NaN|null)\b/;

async function dashboardReady(page: Page) {
  await page.getByTestId('enforcement-dashboard').waitFor();
  await page.getByTestId('chart-hazards').locator('canvas').first().waitFor();
  await page.getByTestId('chart-map').locator('canvas').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800); // chart animations
}

describe('R36 领导驾驶舱', () => {
  it('R36: the county leader’s home page leads with this year’s enforcement; a month of the hazard chart opens the filtered hazard ledger (desktop)', async () => {
    const { ctx, page, problems } = await open('desktop', 'county.leader');
    await page.goto('/');
    await dashboardReady(page);
    await shot(page, 'county-leader-desktop', { dir: SHOTS, fullPage: true });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(englishLeak);
    expect(text).toContain('执法工作');
    // the enforcement figures come before the register's cards
    const dashTop = await page.getByTestId('enforcement-dashboard').boundingBox();
    const registerTop = await page.getByTestId('stat-enterprises').boundingBox();
    expect(dashTop!.y).toBeLessThan(registerTop!.y);
    await expect.poll(async () => page.getByTestId('kpi-hazards').locator('.ant-statistic-content-value').innerText()).toBe('2');
    expect(await page.getByTestId('kpi-inspections').locator('.ant-statistic-content-value').innerText()).toBe('1');

    // the bar of this month in the hazard chart (12 months Jan–Dec; the plot spans the canvas but for the y axis)
    const box = (await page.getByTestId('chart-hazards').boundingBox())!;
    const month = Number(today.slice(5, 7));
    const yAxisWidth = 24;
    const plotLeft = box.x + 8 + yAxisWidth;
    const plotWidth = box.width - 16 - yAxisWidth;
    const x = plotLeft + (month - 0.5) * (plotWidth / 12);
    let landed = false;
    for (const dx of [0, -3, 3, -6, 6]) {
      await page.mouse.click(x + dx, box.y + box.height * 0.75);
      try {
        await page.waitForURL(/\/hazards\?/, { timeout: 2500 });
        landed = true;
        break;
      } catch {
        /* try a few pixels aside */
      }
    }
    expect(landed, 'clicking the month’s bar opens the hazard ledger').toBe(true);
    const url = new URL(page.url());
    expect(url.searchParams.get('foundFrom')).toBe(`${today.slice(0, 7)}-01`);
    expect(url.searchParams.get('foundTo')).toBe(today);
    await page.getByTestId('drill-banner').waitFor();
    expect(await page.getByTestId('drill-banner').innerText()).toContain('统计图表钻取');
    // the click lands on one of the month's series (未销号, 重大隐患 …): the ledger lists this month's hazards of that kind
    // (polled: the filtered list loads after the banner shows)
    await expect.poll(() => page.locator('body').innerText()).toMatch(/隐患排查治理台账未建立|动火作业未履行审批手续/);
    await shot(page, 'county-leader-drill-hazards', { dir: SHOTS });
    // the banner clears the figure's filters
    await page.getByTestId('drill-banner').getByRole('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('foundFrom')).toBeNull();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('R36: at 390 px the charts stack and stay readable; a KPI opens the filtered case list', async () => {
    const { ctx, page, problems } = await open('phone', 'county.leader');
    await page.goto('/');
    await dashboardReady(page);
    await shot(page, 'county-leader-phone', { dir: SHOTS, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // stacked: each chart card takes the full width, one below the other
    const plan = (await page.getByTestId('chart-plan').boundingBox())!;
    const hz = (await page.getByTestId('chart-hazards').boundingBox())!;
    expect(hz.y).toBeGreaterThan(plan.y + plan.height - 1);
    expect(plan.width).toBeGreaterThan(300);
    await page.getByTestId('kpi-cases').click();
    await page.waitForURL(/\/cases\?/);
    expect(new URL(page.url()).searchParams.get('openedFrom')).toBe(`${today.slice(0, 4)}-01-01`);
    await page.getByTestId('drill-banner').waitFor();
    await shot(page, 'county-leader-phone-cases', { dir: SHOTS });
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('R36: the province leader sees the cities on the map, coloured by the chosen measure', async () => {
    const { ctx, page, problems } = await open('desktop', 'leader');
    await page.goto('/');
    await dashboardReady(page);
    expect(await page.locator('body').innerText()).toContain('各市情况');
    await shot(page, 'province-leader-desktop', { dir: SHOTS, fullPage: true });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
