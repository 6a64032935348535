// 执法监督 hub and 案卷评查 (R34, R31) in a real browser against the real server, at desktop and phone width. Closed
// penalty cases and completed inspections of two counties are put into the demo database (last quarter) with the server
// stopped. The provincial oversight officer opens 执法监督, draws last quarter's files, scores one with a deduction and
// records a 督办 on its defect, and looks at the league table, the scoring sheet, the deadline tab and the measures tab.
// At phone width the county leader reaches every tab through the select, finds the file returned for rectification
// and records the rectification. Screenshots go to /tmp/shots-oversight-hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { addDays, previousQuarter, quarterOf, quarterPeriod } from '@anjian/domain';
import { openDatabase } from '../packages/server/src/db/client.js';
import { ensureEmbedded } from '../packages/server/src/db/embedded.js';
import { launchBrowser, startServer, type Stack, openPage, checkPage as checkPageShared } from './harness.js';

const SHOTS = '/tmp/shots-oversight-hub';
let stack: Stack;
let browser: Browser;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const last = previousQuarter(quarterOf(today));
const period = quarterPeriod(`${last.year}-Q${last.quarter}`)!;

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer({ keepData: true });
  await stack.stop();
  const store = await ensureEmbedded(stack.dataDir);
  const db = await openDatabase({ url: store.url });
  try {
    for (const [code, n] of [['330106', 4], ['330102', 3]] as const) {
      const [a] = await db.rows<{ id: number }>(sql`select id from agencies where region_code = ${code}`);
      const [e] = await db.rows<{ id: number; region_code: string }>(sql`select id, region_code from enterprises where supervising_agency_id = ${a!.id} order by id limit 1`);
      await db.rows(
        sql`insert into penalty_cases (agency_id, enterprise_id, region_code, status, facts, case_number, created_by, closed_on)
            select ${a!.id}, ${e!.id}, ${e!.region_code}, 'closed', '未按规定开展安全生产教育和培训', ${`e2e评查${code}-`} || g, 1, ${addDays(period.start, 10)}::date from generate_series(1, ${n}) g`,
      );
      await db.rows(
        sql`insert into inspections (agency_id, enterprise_id, region_code, origin, planned_date, officer_ids, item_codes, catalog_version, status, completed_at, public_token, created_by)
            select ${a!.id}, ${e!.id}, ${e!.region_code}, 'plan', ${addDays(period.start, 20)}::date, '{}'::int[], '{}'::text[], 1, 'completed', ${addDays(period.start, 20) + 'T10:00:00+08:00'}::timestamptz, ${'e2ereview' + code + '-'} || g, 1
              from generate_series(1, 2) g`,
      );
    }
  } finally {
    await db.close();
    await store.release();
  }
  stack = await startServer({ dataDir: stack.dataDir });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const open = (kind: 'desktop' | 'phone', user: string) => openPage(browser, stack.baseUrl, kind, user);

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|undefined|NaN|null|OK|Invalid Date|penalty|inspection|pending|rectifying|closed|supervise)\b/;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

describe('执法监督 hub', () => {
  it('R34/R31: desktop — the province draws last quarter, scores a file with a deduction, records a 督办, sees league, sheet and the other tabs', async () => {
    const { ctx, page, problems } = await open('desktop', 'oversight');
    await page.getByRole('link', { name: '执法监督' }).click();
    await page.waitForURL('**/oversight');
    await page.getByTestId('hub-panel-reviews').waitFor();
    await page.getByTestId('review-view-rounds').click();
    await page.getByTestId('draw-form').waitFor();
    await checkPage(page, 'desktop-rounds-before', false);
    await page.getByTestId('draw-submit').click();
    await page.getByText(/已抽取\d+卷案卷/).waitFor();
    const round = page.getByTestId('round-row').first();
    await round.waitFor();
    expect(await round.textContent()).toContain(`${last.year}年第${last.quarter}季度案卷评查`);
    await round.getByTestId('round-verify').click();
    await page.getByText(/核验通过/).waitFor();
    await checkPage(page, 'desktop-rounds', false);

    await page.getByTestId('review-view-items').click();
    const rows = page.getByTestId('review-row');
    await rows.first().waitFor();
    // two counties × (2 cases + 2 inspections)
    expect(await rows.count()).toBeGreaterThanOrEqual(8);
    await checkPage(page, 'desktop-review-items', false);
    await rows.filter({ hasText: 'e2e评查330106' }).first().click();
    await page.waitForURL(/\/oversight\/reviews\/\d+$/);
    const form = page.getByTestId('scoring-form');
    await form.waitFor();
    expect(await page.getByTestId('live-score').textContent()).toBe('100');
    const e2 = page.getByTestId('score-item-E2');
    await e2.locator('input').first().fill('5');
    await expect.poll(async () => page.getByTestId('score-submit').textContent()).toContain('请填写1项扣分理由');
    await e2.getByTestId('score-note').fill('询问笔录缺少当事人签名');
    await expect.poll(async () => Number(await page.getByTestId('live-score').textContent())).toBeLessThan(100);
    await checkPage(page, 'desktop-scoring', false);
    await page.getByTestId('score-submit').click();
    await page.getByTestId('review-result').waitFor();
    expect(await page.getByTestId('review-defects').textContent()).toContain('询问笔录缺少当事人签名');
    expect(await page.getByTestId('review-status').first().textContent()).toBe('待整改');
    await page.getByTestId('measure-form-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '督办' }).click();
    await page.getByTestId('measure-form-content').fill('限期补正案卷并报送整改报告');
    await page.getByTestId('measure-form-submit').click();
    await page.getByTestId('review-measure').filter({ hasText: '限期补正案卷' }).waitFor();
    await checkPage(page, 'desktop-review-scored', false);

    await page.goto('/oversight/reviews?view=league');
    const league = page.getByTestId('league-row');
    await league.first().waitFor();
    expect(await league.count()).toBeGreaterThanOrEqual(2);
    await checkPage(page, 'desktop-league', false);
    await page.goto('/oversight/reviews?view=sheet');
    await page.getByTestId('sheet-items').waitFor();
    await page.getByTestId('sheet-edit').click();
    await page.getByTestId('sheet-editor').waitFor();
    await checkPage(page, 'desktop-sheet-editor', false);

    await page.getByTestId('hub-tab-deadlines').click();
    await page.waitForURL('**/oversight/deadlines');
    await page.getByTestId('tile-overdue').waitFor();
    await checkPage(page, 'desktop-deadlines', false);
    await page.getByTestId('hub-tab-interventions').click();
    await page.getByTestId('measure-row').filter({ hasText: '限期补正案卷' }).waitFor();
    await checkPage(page, 'desktop-measures', false);
    // the former address still leads to the deadline view
    await page.goto('/penalty-oversight?tab=late');
    await page.waitForURL('**/oversight/deadlines?view=late');
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('R34: phone — the county leader reaches every tab by the select, finds the returned file and records its rectification', async () => {
    const { ctx, page, problems } = await open('phone', 'county.leader');
    await page.goto('/oversight');
    const select = page.getByTestId('hub-tab-select');
    await select.waitFor();
    await page.getByTestId('review-cards').waitFor();
    await checkPage(page, 'phone-review-items', true);
    // every tab is one tap away
    for (const label of ['处罚期限监督', '监督措施', '案卷评查']) {
      await select.click();
      await page.locator('.ant-select-item-option').filter({ hasText: label }).click();
      await page.waitForURL(/\/oversight\/(deadlines|interventions|reviews)$/);
      if (label === '处罚期限监督') await checkPage(page, 'phone-deadlines', true);
      if (label === '监督措施') {
        await page.getByTestId('measure-row').first().waitFor();
        await checkPage(page, 'phone-measures', true);
      }
    }
    await page.getByTestId('filter-status').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '待整改' }).click();
    // the list reloads for the filter: wait until it holds the one returned file alone
    await expect.poll(async () => (await page.getByTestId('review-row').allTextContents()).map((t) => t.includes('待整改'))).toEqual([true]);
    const card = page.getByTestId('review-row').first();
    await card.click();
    await page.getByTestId('rectify-form').waitFor();
    await checkPage(page, 'phone-review-rectify', true);
    await page.getByTestId('rectify-form').locator('textarea').fill('已补充当事人签名的询问笔录，重新装订归档');
    await page.getByTestId('rectify-submit').click();
    await expect.poll(async () => page.getByTestId('review-status').first().textContent()).toBe('整改待验收');
    await checkPage(page, 'phone-review-rectified', true);
    for (const v of ['rounds', 'league', 'sheet'] as const) {
      await page.goto(`/oversight/reviews?view=${v}`);
      await page.getByTestId(`review-view-${v}`).waitFor();
      await page.waitForLoadState('networkidle');
      await checkPage(page, `phone-review-${v}`, true);
    }
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('R34: phone — the provincial oversight officer scores a file on the phone', async () => {
    const { ctx, page, problems } = await open('phone', 'oversight');
    await page.goto('/oversight/reviews?status=pending');
    await page.getByTestId('review-row').first().click();
    await page.getByTestId('scoring-form').waitFor();
    await checkPage(page, 'phone-scoring', true);
    await page.getByTestId('score-submit').click();
    await page.getByTestId('review-result').waitFor();
    expect(await page.getByTestId('review-status').first().textContent()).toBe('已办结');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
