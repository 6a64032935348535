// 投诉举报 in a real browser against the real server (R37, R11): a citizen files a complaint on the public form on
// a 390 px phone (no login, no agency to choose) and keeps the tracking code; the county that supervises the enterprise
// finds it in its ledger, accepts it — which opens the immediate inspection — and answers; the citizen reads the
// answer on the tracking page. Another level's staff see the complainant masked. Screenshots go to /tmp/shots-complaints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSession, launchBrowser, startServer, type Stack, openPage, checkPage as checkPageShared } from './harness.js';

const SHOTS = '/tmp/shots-complaints';
const NAME = '李举报';
const PHONE = '13700001234';
const REPLY = '经现场核查，该企业确实存在违规动火作业，已责令立即停止并依法立案查处。感谢您的监督。';
let stack: Stack;
let browser: Browser;
let enterprise: { name: string; creditCode: string };

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  const officer = await apiSession(stack.baseUrl, 'county.officer');
  const me = (await officer.get<{ agency: { id: number } }>('/me')).body;
  const ents = (await officer.get<{ items: { name: string; creditCode: string }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=5`)).body;
  enterprise = ents.items[0]!;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const open = (kind: 'desktop' | 'phone', user?: string) => openPage(browser, stack.baseUrl, kind, user);

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|items?\/page|undefined|NaN|null|OK|received|accepted|replied|hotline|portal)\b/;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

describe('投诉举报', () => {
  it('R37: 手机上网上举报得到查询码 → 县局受理（立即核查）并答复 → 举报人凭查询码看到答复', async () => {
    // ---- the citizen, on a phone, no login ----
    let s = await open('phone');
    await s.page.goto('/public/complaints');
    await checkPage(s.page, 'phone-public-form', true);
    await s.page.getByLabel('被举报单位名称').fill(enterprise.name);
    await s.page.getByLabel('单位地址').fill('杭州市西湖区');
    await s.page.getByLabel('统一社会信用代码（知道的话）').fill(enterprise.creditCode);
    await s.page.getByLabel('举报内容').fill('该企业夜间在仓库违规动火作业，未办理动火审批手续，周边堆放易燃物。');
    await s.page.getByLabel('举报人姓名').fill(NAME);
    await s.page.getByLabel('联系电话').fill(PHONE);
    await s.page.getByRole('button', { name: '提交举报' }).click();
    const codeEl = s.page.getByTestId('tracking-code');
    await codeEl.waitFor();
    const code = ((await codeEl.textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    await checkPage(s.page, 'phone-public-submitted', true);
    await s.page.getByRole('button', { name: '查看办理进度' }).click();
    await s.page.waitForURL(`**/public/complaints/${code}`);
    await expect.poll(() => s.page.getByTestId('complaint-status').textContent()).toContain('待受理');
    expect(await s.page.evaluate(() => document.body.innerText)).toContain('西湖区');
    await checkPage(s.page, 'phone-public-status-received', true);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // ---- the county officer, desktop: the ledger, accept with the inspection team, answer ----
    s = await open('desktop', 'county.officer');
    await s.page.getByRole('link', { name: '投诉举报' }).click();
    await s.page.waitForURL('**/complaints');
    const link = s.page.getByTestId('complaint-link').filter({ hasText: enterprise.name }).first();
    await link.waitFor();
    expect(await s.page.getByTestId('complaint-table').textContent()).toContain(PHONE);
    await checkPage(s.page, 'desktop-ledger', false);
    await link.click();
    const drawer = s.page.getByTestId('complaint-detail');
    await drawer.getByText(code).waitFor();
    expect(await drawer.textContent()).toContain(NAME);
    await s.page.getByTestId('complaint-accept').click();
    const modal = s.page.locator('.ant-modal-wrap:visible');
    await modal.waitFor();
    await s.page.getByTestId('accept-officers').click();
    const options = s.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    await options.nth(0).click();
    await options.nth(1).click();
    await modal.locator('.ant-modal-title').click(); // close the dropdown
    await checkPage(s.page, 'desktop-accept-form', false);
    await modal.getByRole('button', { name: '确定' }).click();
    await modal.waitFor({ state: 'detached' });
    await drawer.getByTestId('complaint-inspection').waitFor();
    expect(await drawer.getByTestId('complaint-inspection').textContent()).toMatch(/第\d+号检查/);
    await s.page.getByTestId('complaint-reply-btn').click();
    await s.page.getByTestId('reply-text').fill(REPLY);
    await checkPage(s.page, 'desktop-reply-form', false);
    await s.page.locator('.ant-modal-wrap:visible').getByRole('button', { name: '答复' }).click();
    await drawer.getByText(REPLY).waitFor();
    await checkPage(s.page, 'desktop-detail-replied', false);
    // the linked inspection is one click away
    await drawer.getByTestId('complaint-inspection').click();
    await s.page.waitForURL('**/inspections/*');
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // ---- the citizen reads the answer ----
    s = await open('phone');
    await s.page.goto(`/public/complaints/${code}`);
    await expect.poll(() => s.page.getByTestId('complaint-status').textContent()).toContain('已答复');
    expect(await s.page.getByTestId('complaint-reply').textContent()).toBe(REPLY);
    const text = await s.page.evaluate(() => document.body.innerText);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(PHONE);
    await checkPage(s.page, 'phone-public-status-replied', true);
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  });

  it('R37: 手机宽度：县局负责人的台账卡片；市局人员看到的举报人信息已遮蔽', async () => {
    let s = await open('phone', 'county.leader');
    await s.page.goto('/complaints');
    await s.page.getByTestId('complaint-cards').locator('.card-list-item').first().waitFor();
    await checkPage(s.page, 'phone-ledger-cards', true);
    await s.page.getByTestId('complaint-cards').locator('.card-list-item').first().click();
    await s.page.getByTestId('complaint-detail').getByText('举报内容').waitFor();
    await checkPage(s.page, 'phone-detail', true);
    await s.page.getByRole('tab', { name: '基层观测点' }).click().catch(() => undefined);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    s = await open('desktop', 'city.officer');
    await s.page.goto('/complaints');
    await s.page.getByTestId('complaint-link').first().waitFor();
    const table = (await s.page.getByTestId('complaint-table').textContent()) ?? '';
    expect(table).toContain('李**');
    expect(table).not.toContain(PHONE);
    await checkPage(s.page, 'desktop-ledger-masked', false);
    await s.page.getByRole('tab', { name: '基层观测点' }).click();
    await checkPage(s.page, 'desktop-observation-points', false);
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  });
});
