// 处罚信息公开 in a real browser against the real server (R29): a decided case is due for publication and shows on
// the staff page with its working-day countdown; the officer publishes it from the list (after confirming); the
// decision is then withdrawn because it was revoked (《行政处罚法》第四十八条第二款), with the reason; the public portal
// shows the withdrawal statement in place of the decision. The leader works the page on a phone; oversight only reads.
// Screenshots at desktop and phone width go to /tmp/shots-publication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addWorkingDays } from '@anjian/domain';
import { apiSession, launchBrowser, login, newContext, shot, startServer, watchConsole, type Stack } from './harness.js';

const SHOTS = '/tmp/shots-publication';
let stack: Stack;
let browser: Browser;
let cases: number[] = [];
let documentNumbers: Record<number, string> = {};
let enterpriseName = '';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const FACTS = { itemCode: 'aq097.initial.unit', clause: 4, circumstance: 'general', harm: 'general', fault: 'negligent', firstViolation: false, correctedInTime: false, repeatWithinYear: false, mitigating: [], aggravating: [] };
const REASON = '经行政复议，复议机关认定事实不清，依法撤销该行政处罚决定';

/** Two general-procedure cases decided today through the API (officer and county leader): both due for publication. */
async function prepare(baseUrl: string): Promise<void> {
  const officer = await apiSession(baseUrl, 'county.officer');
  const leader = await apiSession(baseUrl, 'county.leader');
  const ok = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const me = ok(await officer.get<{ agency: { id: number } }>('/me'), 'me');
  const mine = ok(await officer.get<{ officerId: number }>('/today'), 'today').officerId;
  const ents = ok(await officer.get<{ items: { id: number; name: string }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=5`), 'enterprises');
  const enterprise = ents.items[0]!;
  enterpriseName = enterprise.name;
  const valid = ok(await officer.get<{ items: { id: number; name: string }[] }>(`/officers?agencyId=${me.agency.id}&credentialStatus=valid&pageSize=50`), 'officers').items;
  const investigatorIds = [mine, valid.find((o) => o.id !== mine)!.id];
  for (const facts of ['未按规定对从业人员进行安全生产教育和培训', '未如实记录安全生产教育和培训情况']) {
    const c = ok(await officer.post<{ id: number }>('/penalty-cases', { enterpriseId: enterprise.id, facts, investigatorIds }), 'create');
    ok(await leader.post(`/penalty-cases/${c.id}/actions`, { action: 'open' }), 'open');
    ok(await officer.post(`/penalty-cases/${c.id}/actions`, { action: 'start_investigation' }), 'investigate');
    ok(await officer.post(`/penalty-cases/${c.id}/violations`, { facts: FACTS }), 'violation');
    ok(await officer.post(`/penalty-cases/${c.id}/actions`, { action: 'notify' }), 'notify');
    ok(await officer.call('PATCH', `/penalty-cases/${c.id}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }), 'waive');
    const d = ok(await leader.post<{ documents: { kind: string; number: string }[] }>(`/penalty-cases/${c.id}/actions`, { action: 'decide' }), 'decide');
    documentNumbers[c.id] = d.documents.find((x) => x.kind === 'penalty_decision')!.number;
    cases.push(c.id);
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  cases = [];
  documentNumbers = {};
  await prepare(stack.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function open(kind: 'desktop' | 'phone', user?: string): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await newContext(browser, stack.baseUrl, kind);
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  if (user) await login(page, user);
  return { ctx, page, problems };
}

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|items?\/page|undefined|NaN|null|OK)\b/;

async function checkPage(page: Page, name: string, phone: boolean) {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' }).catch(() => undefined);
  await shot(page, name, { dir: SHOTS });
  if (phone) await shot(page, `${name}-top`, { dir: SHOTS, fullPage: false });
  const text = await page.evaluate(() => document.body.innerText);
  expect(text, `${name} 出现英文`).not.toMatch(englishLeak);
  if (phone) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} 在手机宽度下横向溢出`).toBeLessThanOrEqual(0);
  }
}

const row = (page: Page, id: number) => page.locator(`[data-testid="pub-row"][data-id="${id}"]`);

describe('处罚信息公开', () => {
  it('待公示（工作日倒计时）→ 列表中确认公示 → 依法撤销后撤回并说明理由 → 门户网站显示撤回说明', async () => {
    const [first] = cases as [number, number];
    let s = await open('desktop', 'county.officer');
    const { page } = s;
    await page.getByRole('link', { name: '处罚信息公开' }).click();
    await page.waitForURL('**/penalty-publications');
    // due: the working-day countdown, not late
    const due = row(page, first);
    await due.waitFor();
    expect(await due.getByTestId('pub-state').getAttribute('data-state')).toBe('pending');
    expect(await due.getByTestId('countdown').textContent()).toMatch(/剩余 \d+ 个工作日|今日到期/);
    expect(await due.textContent()).toContain(documentNumbers[first]);
    expect(await page.getByTestId('pub-status').textContent()).toMatch(/待公示 [1-9]/);
    await checkPage(page, 'desktop-publications-pending', false);

    // publish from the list, after confirming
    await due.getByTestId('publish-row').click();
    await page.getByTestId('publish-confirm').click();
    await due.waitFor({ state: 'detached' });
    await page.getByTestId('pub-status').getByText('已公示').click();
    await page.waitForURL('**/penalty-publications?status=published');
    const published = row(page, first);
    await published.waitFor();
    expect(await published.getByTestId('pub-state').getAttribute('data-state')).toBe('published');
    expect(await published.getByTestId('pub-state').textContent()).toContain(today);
    expect(await published.getByTestId('pub-state').textContent()).toContain('按期公示');

    // the portal shows the decision
    const portal = await s.ctx.newPage();
    await portal.goto('/public/penalties');
    await portal.locator(`[data-testid="public-decision"][data-id="${first}"]`).waitFor();
    await portal.close();

    // withdrawn: the decision was revoked (reconsideration); ground, date and the public reason
    await published.getByTestId('withdraw-row').click();
    const modal = page.locator('.ant-modal-wrap:visible');
    await modal.waitFor();
    // R29: the last day to withdraw, 3 working days from the day of the change (today by default), on the official calendar
    await expect.poll(() => page.getByTestId('withdraw-due').textContent()).toContain(`应于 ${addWorkingDays(today, 3)} 前撤回`);
    expect(await page.getByTestId('withdraw-due').textContent()).not.toContain('逾期');
    // the reason is required: the form says so and nothing is sent
    await page.getByTestId('withdraw-ground').getByText('决定被依法撤销').click();
    await page.getByTestId('withdraw-submit').click();
    await expect.poll(() => modal.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写撤回理由');
    await page.getByTestId('withdraw-reason').fill(REASON);
    await checkPage(page, 'desktop-publications-withdraw-form', false);
    await page.getByTestId('withdraw-submit').click();
    await modal.waitFor({ state: 'detached' });
    await published.waitFor({ state: 'detached' });
    await page.getByTestId('pub-status').getByText('已撤回').click();
    const withdrawn = row(page, first);
    await withdrawn.waitFor();
    expect(await withdrawn.getByTestId('pub-state').getAttribute('data-state')).toBe('withdrawn');
    expect(await withdrawn.getByTestId('pub-state').textContent()).toContain('按期撤回');
    expect(await withdrawn.getByTestId('pub-withdrawal').textContent()).toContain(REASON);
    expect(await withdrawn.getByTestId('pub-withdrawal').textContent()).toContain('被依法撤销');
    await checkPage(page, 'desktop-publications-withdrawn', false);
    // the case file is one click away
    await withdrawn.getByTestId('pub-case-link').click();
    await page.waitForURL(`**/cases/${first}`);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // the public portal, no login: the withdrawal statement, not the decision, no personal data
    for (const kind of ['desktop', 'phone'] as const) {
      s = await open(kind);
      await s.page.goto('/public/penalties');
      const card = s.page.locator(`[data-testid="public-withdrawal"][data-id="${first}"]`);
      await card.waitFor();
      expect(await s.page.locator(`[data-testid="public-decision"][data-id="${first}"]`).count()).toBe(0);
      const text = (await card.textContent()) ?? '';
      expect(text).toContain(documentNumbers[first]);
      expect(text).toContain('撤回说明');
      expect(text).toContain('被依法撤销');
      expect(text).toContain(today);
      expect(await card.getByTestId('public-withdrawal-reason').textContent()).toBe(REASON);
      expect(text).not.toContain(enterpriseName);
      expect(await s.page.getByTestId('public-total').textContent()).toMatch(/共 \d+ 条/);
      await checkPage(s.page, `${kind}-public-penalties-withdrawn`, kind === 'phone');
      expect(s.problems).toEqual([]);
      await s.ctx.close();
    }
  });

  it('手机宽度：负责人从菜单进入，卡片列表可公示；监督人员只读', async () => {
    const second = cases[1]!;
    let s = await open('phone', 'county.leader');
    await s.page.getByTestId('menu-toggle').click();
    await s.page.locator('.ant-drawer').getByRole('link', { name: '处罚信息公开' }).click();
    await s.page.waitForURL('**/penalty-publications');
    const card = row(s.page, second);
    await card.waitFor();
    expect(await card.getByTestId('countdown').textContent()).toMatch(/个工作日|今日到期/);
    await checkPage(s.page, 'phone-publications-pending', true);
    await card.getByTestId('publish-row').click();
    await s.page.getByTestId('publish-confirm').click();
    await card.waitFor({ state: 'detached' });
    await s.page.getByTestId('pub-status').getByText('全部').click();
    await expect.poll(() => row(s.page, second).getByTestId('pub-state').getAttribute('data-state')).toBe('published');
    await checkPage(s.page, 'phone-publications-all', true);
    // the withdrawal form at phone width
    await row(s.page, second).getByTestId('withdraw-row').click();
    await s.page.locator('.ant-modal-wrap:visible').waitFor();
    await checkPage(s.page, 'phone-publications-withdraw-form', true);
    await s.page.locator('.ant-modal-wrap:visible').getByRole('button', { name: /取\s*消/ }).click();
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // oversight reads the page, with no publish or withdraw buttons
    s = await open('desktop', 'oversight');
    await s.page.goto('/penalty-publications?status=all');
    await row(s.page, second).waitFor();
    expect(await s.page.getByTestId('publish-row').count()).toBe(0);
    expect(await s.page.getByTestId('withdraw-row').count()).toBe(0);
    await checkPage(s.page, 'desktop-publications-oversight', false);
    await s.ctx.close();
  });
});
