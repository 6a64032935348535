// The demo year (seed/demoYear.ts) in a real browser: after the first start every ledger of the county officer has
// rows, and each ledger's "导出Excel" downloads an .xlsx of the current filter (R5, R13, R22, R29, R32).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSession, launchBrowser, login, newContext, shot, startServer, watchConsole, type Stack } from './harness.js';

const DIR = '/tmp/shots-demo';
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer({ demoYear: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const ledgers: [name: string, url: string, exportId: string | null, text: RegExp][] = [
  ['today', '/today', null, /今日|检查/],
  ['hazards', '/hazards', 'hazard-export', /整改中|待复查|已销号/],
  ['cases', '/cases', 'case-export', /已结案|已送达|已决定/],
  ['publications', '/penalty-publications?status=published', 'pub-export', /已公示|公示/],
  ['officers', '/officers', 'officer-export', /执法证/],
  ['blacklist', '/credit/blacklist', 'blacklist-export', /管理期/],
  ['inspections', '/inspections', 'inspection-export', /已完成|已报备/],
];

async function tour(page: Page, kind: 'desktop' | 'phone') {
  for (const [name, url, exportId, text] of ledgers) {
    await page.goto(url);
    await page.getByText(text).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await shot(page, `${kind}-${name}`, { dir: DIR });
    if (kind === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${url} 在手机宽度下横向溢出`).toBeLessThanOrEqual(0);
    }
    if (exportId && kind === 'desktop') {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(exportId).click()]);
      expect(download.suggestedFilename()).toMatch(/[\u4e00-\u9fa5].*\.xlsx$/);
    }
  }
}

describe('演示年度数据', () => {
  for (const kind of ['desktop', 'phone'] as const) {
    it(`R22/R29/R32: county officer's ledgers have a year of content and export to Excel (${kind})`, async () => {
      const ctx = await newContext(browser, stack.baseUrl, kind);
      const page = await ctx.newPage();
      const errors = watchConsole(page);
      try {
        await login(page, 'county.officer');
        await tour(page, kind);
        expect(errors).toEqual([]);
      } finally {
        await ctx.close();
      }
    }, 300_000);
  }
  it('R13: the plan of the county shows its draws with an export', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    try {
      await login(page, 'county.officer');
      const officer = await apiSession(stack.baseUrl, 'county.officer');
      const plans = await officer.get<{ items: { id: number; status: string }[] }>('/plans');
      const plan = plans.body.items.find((x) => x.status === 'published')!;
      expect(plan).toBeTruthy();
      await page.goto(`/plans/${plan.id}?tab=draws`);
      await page.getByTestId('draw-list').waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, 'desktop-plan-draws', { dir: DIR });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('draw-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
