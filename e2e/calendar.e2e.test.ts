// The bureau's calendar (R38) and a 2027 plan's monthly load (R6) in a real browser: 2027 is 暂定 until the province
// administrator enters the State Council's notice; plan dates are flagged until then.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession, shot, checkPage as checkPageShared, useStack } from './harness.js';

const SHOTS = '/tmp/shots-calendar';
const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|undefined|NaN|null|provisional|holiday|makeup)\b/;
const env = useStack();
let planId = 0;

const { open } = env;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

describe('工作日历', () => {
  it('R38: 2027 shows the law\'s festival days as 暂定, at desktop and phone width', async () => {
    for (const kind of ['desktop', 'phone'] as const) {
      const { ctx, page, problems } = await open(kind, 'county.officer');
      try {
        await page.goto(`${env.stack.baseUrl}/calendar`);
        await page.getByRole('radio', { name: '2027年' }).check({ force: true }).catch(() => page.getByText('2027年', { exact: true }).click());
        await expect.poll(() => page.getByTestId('calendar-status').textContent()).toContain('暂定');
        expect(await page.getByTestId('calendar-month').count()).toBe(12);
        expect(await page.locator('[data-date="2027-01-01"]').getAttribute('data-kind')).toBe('holiday');
        expect(await page.locator('[data-date="2027-02-05"]').getAttribute('data-kind')).toBe('holiday'); // 除夕
        expect(await page.locator('[data-date="2027-01-04"]').getAttribute('data-kind')).toBe('workday');
        expect(await page.getByTestId('enter-notice').count()).toBe(0); // only the province administrator enters notices
        await checkPage(page, `${kind}-calendar-2027-provisional`, kind === 'phone');
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
  });

  it('R6/R38: a 2027 plan shows its monthly load over the whole year, dates 暂定', async () => {
    // every agency's 2027 plan drafted in one run; the one with the most inspections is shown
    const admin = await apiSession(env.stack.baseUrl, 'admin');
    expect((await admin.post('/plans/batch', { year: 2027, params: {} })).status).toBeLessThan(300);
    const plans = (await admin.get<{ items: { id: number; totalPlanned: number; provisional: boolean }[] }>('/plans?year=2027')).body.items;
    const biggest = plans.reduce((a, b) => (b.totalPlanned > a.totalPlanned ? b : a));
    expect(biggest.provisional).toBe(true);
    planId = biggest.id;
    for (const kind of ['desktop', 'phone'] as const) {
      const { ctx, page, problems } = await open(kind, 'admin');
      try {
        await page.goto(`${env.stack.baseUrl}/plans/${planId}`);
        await page.getByTestId('plan-provisional').waitFor();
        await page.getByTestId('plan-monthly-load').waitFor();
        await page.getByTestId('plan-monthly-load').getByText('12月').first().waitFor();
        expect(await page.getByText('放假安排通知尚未录入').count()).toBeGreaterThan(0);
        await checkPage(page, `${kind}-plan-2027-monthly-load`, kind === 'phone');
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
    const detail = (await admin.get<{ current: { months: { planned: number }[] } }>(`/plans/${planId}`)).body;
    expect(detail.current.months.filter((m) => m.planned > 0).length).toBe(12);
  });

  it('R38: the province administrator enters the 2027 notice; the year becomes official and the plan no longer 暂定', async () => {
    const { ctx, page, problems } = await open('desktop', 'admin');
    try {
      await page.goto(`${env.stack.baseUrl}/calendar`);
      await page.getByText('2027年', { exact: true }).click();
      await expect.poll(() => page.getByTestId('calendar-status').textContent()).toContain('暂定');
      await page.getByTestId('enter-notice').click();
      await page.getByTestId('notice-number').fill('国办发明电〔2026〕9号');
      await page.getByTestId('notice-issued').click();
      await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
      // The picker fills the field after its closing animation; a click on 录入 before that submits an empty date.
      await expect.poll(() => page.locator('input[data-testid=notice-issued], [data-testid=notice-issued] input').first().inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await shot(page, 'desktop-calendar-notice-form', { dir: SHOTS });
      await page.locator('.ant-modal').getByRole('button', { name: /^录\s?入$/ }).click();
      await expect.poll(() => page.getByTestId('calendar-status').textContent(), { timeout: 15_000 }).toContain('国办发明电〔2026〕9号');
      await checkPage(page, 'desktop-calendar-2027-official', false);
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
    const officer = await apiSession(env.stack.baseUrl, 'admin');
    expect((await officer.get<{ provisional: boolean }>(`/plans/${planId}`)).body.provisional).toBe(false);
    expect((await officer.get<{ official: boolean }>('/calendar/2027')).body.official).toBe(true);
  });
});
