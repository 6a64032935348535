// 统计报表 (R36) in a real browser at desktop and phone width: the county officer annotates the monthly report, the
// county leader submits it, the city leader sees the board of its counties and returns it, the county sees why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSession, DEMO_PASSWORD, launchBrowser, startServer, type Stack, openPage, checkPage as checkPageShared } from './harness.js';

const SHOTS = '/tmp/shots-reports';
const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|undefined|NaN|null|monthly|submitted|overdue|pending|returned|special_action|half_year)\b/;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  const admin = await apiSession(stack.baseUrl, 'admin');
  const agencies = await admin.get<{ items: { id: number; regionCode: string }[] }>('/agencies');
  const city = agencies.body.items.find((a) => a.regionCode === '330100')!;
  const made = await admin.post('/users', { username: 'city.leader', password: DEMO_PASSWORD, displayName: '市局负责人', role: 'leader', agencyId: city.id });
  expect(made.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const open = (kind: 'desktop' | 'phone', user: string) => openPage(browser, stack.baseUrl, kind, user);

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

describe('统计报表', () => {
  it('R36: the officer annotates, the leader submits, the city returns it, the county sees why — desktop', async () => {
    // the county officer: the last month's report, a note on one figure
    {
      const { ctx, page, problems } = await open('desktop', 'county.officer');
      try {
        // the menu leads there
        await page.locator('a[href="/reports"]').first().click();
        await page.getByTestId('report-table').waitFor();
        await expect.poll(() => page.getByTestId('report-card').textContent()).toContain('监管执法工作情况月报表');
        expect(await page.getByTestId('report-submit').count()).toBe(0); // the leader submits
        await page.getByTestId('note-hazardsFound').fill('本月开展危化品专项检查');
        await page.getByTestId('report-save').click();
        await expect.poll(() => page.getByTestId('report-save').isDisabled()).toBe(true);
        const dl = page.waitForEvent('download');
        await page.getByTestId('report-xlsx').click();
        expect((await dl).suggestedFilename()).toMatch(/监管执法工作情况月报表\.xlsx$/);
        await checkPage(page, 'desktop-1-officer-annotates', false);
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
    // the county leader submits
    {
      const { ctx, page, problems } = await open('desktop', 'county.leader');
      try {
        await page.goto(`${stack.baseUrl}/reports`);
        await page.getByTestId('report-table').waitFor();
        expect(await page.getByTestId('note-hazardsFound').inputValue()).toBe('本月开展危化品专项检查');
        await page.getByTestId('report-submit').click();
        await page.getByRole('button', { name: '报送', exact: true }).click();
        await expect.poll(() => page.getByTestId('report-state').first().textContent()).toMatch(/按时报送|逾期报送/);
        expect(await page.getByTestId('report-submit').count()).toBe(0);
        await checkPage(page, 'desktop-2-leader-submitted', false);
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
    // the city leader: the board of its counties, then returns the county's report
    {
      const { ctx, page, problems } = await open('desktop', 'city.leader');
      try {
        await page.goto(`${stack.baseUrl}/reports`);
        await page.getByRole('tab', { name: '下级报送情况' }).click();
        await page.getByTestId('report-board-table').waitFor();
        const row = page.getByTestId('report-board-table').locator('tr', { hasText: '西湖区' });
        await expect.poll(() => row.textContent()).toMatch(/按时报送|逾期报送/);
        await expect.poll(() => page.getByTestId('report-board-summary').textContent()).toMatch(/共\d+个单位/);
        await checkPage(page, 'desktop-3-city-board', false);
        await row.getByRole('button', { name: '查看' }).click();
        await page.getByTestId('report-return').click();
        await page.getByTestId('report-return-reason').fill('隐患数与台账不一致，请核实后重报');
        await page.getByRole('button', { name: '退 回' }).or(page.getByRole('button', { name: '退回', exact: true })).click();
        await expect.poll(() => page.getByTestId('report-state').first().textContent()).toContain('已退回待更正');
        await checkPage(page, 'desktop-4-city-returned', false);
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
  });

  it('R36: at 390 px the report is stacked rows and the board is cards', async () => {
    {
      const { ctx, page, problems } = await open('phone', 'county.leader');
      try {
        await page.goto(`${stack.baseUrl}/reports`);
        await page.getByTestId('report-rows').waitFor();
        await expect.poll(() => page.getByTestId('report-returned').textContent()).toContain('隐患数与台账不一致');
        expect(await page.getByTestId('report-row').count()).toBe(18);
        expect(await page.getByTestId('report-submit').count()).toBe(1); // returned: the leader can submit again
        await checkPage(page, 'phone-1-county-returned', true);
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
    {
      const { ctx, page, problems } = await open('phone', 'city.leader');
      try {
        await page.goto(`${stack.baseUrl}/reports`);
        await page.getByRole('tab', { name: '下级报送情况' }).click();
        await page.getByTestId('report-board-rows').waitFor();
        await expect.poll(() => page.getByTestId('report-board-rows').textContent()).toContain('已退回待更正');
        await checkPage(page, 'phone-2-city-board', true);
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
  });
});
