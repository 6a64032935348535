// 回访 (follow-up visits, R33) in a real browser against the real server. The county has completed inspections last
// month (written into its database with the server stopped, one of them rated badly by the enterprise); the county
// leader opens 执法回访, draws last month's visits (the badly rated one is always in), sees the ledger, the statistics
// (the county flagged below 10 % until visits are recorded) and the ratios; on the phone the leader records one visit
// with the questionnaire, answering that an improper demand was made, and the 核查事项 appears. Screenshots at desktop
// and phone width go to /tmp/shots-followups.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { followUpQuestionnaire } from '@anjian/domain';
import { openDatabase } from '../packages/server/src/db/client.js';
import { ensureEmbedded } from '../packages/server/src/db/embedded.js';
import { shot, startServer, checkPage as checkPageShared, useStack } from './harness.js';

const SHOTS = '/tmp/shots-followups';
const env = useStack({ server: { keepData: true }, timeout: 400_000 });
let inspected = 0;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const [y, m] = today.split('-').map(Number) as [number, number];
const lastMonth = `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-01`;

/** With the server stopped: the county's enterprises inspected last month, one of them rated badly. */
async function prepare(): Promise<void> {
  await env.stack.stop();
  const store = await ensureEmbedded(env.stack.dataDir);
  const db = await openDatabase({ url: store.url });
  try {
    const rows = await db.rows<{ id: number }>(
      sql`with county as (select u.agency_id from users u where u.username = 'county.leader'),
               offs as (select array_agg(id order by id) as ids from (select o.id from officers o, county c where o.agency_id = c.agency_id order by o.id limit 2) x)
          insert into inspections (agency_id, enterprise_id, region_code, origin, planned_date, officer_ids, item_codes, catalog_version, status, public_token, created_by, completed_at, summary)
          select c.agency_id, e.id, e.region_code, 'plan', ${lastMonth}::date + (e.n % 25)::int, offs.ids, '{}', 1, 'completed', 'e2e-followup-0000' || e.id, 1,
                 (${lastMonth}::date + (e.n % 25)::int)::timestamp + interval '10 hours', '检查完成'
            from county c, offs, (select e.*, row_number() over (order by e.id) as n from enterprises e, county c2 where e.supervising_agency_id = c2.agency_id order by e.id limit 30) e
          returning id`,
    );
    inspected = rows.length;
    const first = Math.min(...rows.map((r) => Number(r.id)));
    await db.rows(
      sql`insert into inspection_feedback (inspection_id, region_code, answers, concerns, comment, via)
          select id, region_code, '{"twoOfficers":true,"credentialsShown":false,"courteous":true,"rightsExplained":true,"guidance":true,"improperDemand":false}'::jsonb,
                 array['执法人员是否主动出示行政执法证件：否'], '', 'qr' from inspections where id = ${first}`,
    );
  } finally {
    await db.close();
    await store.release();
  }
  env.stack = await startServer({ dataDir: env.stack.dataDir, keepData: true });
}

beforeAll(async () => {
  await prepare();
}, 400_000);

const { open } = env;

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|undefined|NaN|null|OK|Invalid Date|random|negative_feedback|pending|visited|phone|onsite)\b/;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

describe('R33: 执法回访 in the browser', () => {
  it('R33: the county leader finds 执法回访 in the menu, draws last month, and sees ledger, statistics (flagged) and ratios at desktop width', async () => {
    expect(inspected).toBeGreaterThan(3);
    const { ctx, page, problems } = await open('desktop', 'county.leader');
    await page.getByRole('link', { name: '执法监督' }).click();
    await page.waitForURL('**/oversight');
    await page.getByTestId('hub-tab-follow-ups').click();
    await page.waitForURL('**/oversight/follow-ups');
    // the ledger claims "empty" only once the list has loaded
    await expect.poll(() => page.getByText('暂无回访对象，请先抽取').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByTestId('fu-draw-open').click();
    await shot(page, 'draw-modal', { dir: SHOTS, fullPage: false });
    await page.getByTestId('fu-draw-submit').click();
    await expect.poll(() => page.getByTestId('fu-row').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    // the badly rated inspection is always in the draw
    await expect.poll(() => page.getByText('企业评价差必回访').count()).toBeGreaterThan(0);
    await checkPage(page, 'ledger-desktop', false);
    await page.getByRole('tab', { name: '回访统计' }).click();
    await expect.poll(() => page.getByTestId('fu-flagged').count()).toBe(1);
    await checkPage(page, 'stats-desktop', false);
    await page.getByRole('tab', { name: '抽查记录' }).click();
    await page.getByRole('button', { name: '复核' }).first().click();
    await expect.poll(() => page.getByText('复核通过').count()).toBeGreaterThan(0);
    await shot(page, 'verify-desktop', { dir: SHOTS, fullPage: false });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '回访比例' }).click();
    await expect.poll(() => page.getByText('本机构回访比例：10%（默认）').count()).toBe(1);
    await checkPage(page, 'ratios-desktop', false);
    expect(problems).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('R33: on the phone the leader records one visit with the full questionnaire; an improper demand opens a 核查事项', async () => {
    const { ctx, page, problems } = await open('phone', 'county.leader');
    await page.goto('/oversight/follow-ups');
    await expect.poll(() => page.getByTestId('fu-cards').locator('[data-testid="fu-row"]').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await checkPage(page, 'ledger-phone', true);
    await page.getByTestId('fu-row').first().getByRole('button', { name: '记录回访' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByTestId('fu-detail').waitFor({ timeout: 15_000 }).catch(async (e) => {
      await shot(page, 'drawer-missing', { dir: SHOTS, fullPage: false });
      throw e;
    });
    await drawer.getByLabel('回访人员').fill('王监督、李监督');
    await drawer.getByLabel('企业受访人').fill('安全主管张某');
    // a missing answer is refused in the form, in Chinese
    await drawer.getByTestId('fu-record-submit').click();
    await expect.poll(() => drawer.getByText('请回答：是否两人以上共同执法').count()).toBeGreaterThan(0);
    for (const item of followUpQuestionnaire) {
      for (const q of item.questions) {
        const label = q.key === 'improperDemand' ? '存在' : q.options[0]!.label;
        await drawer.locator('.ant-form-item').filter({ hasText: q.text }).getByText(label, { exact: true }).click();
      }
    }
    await drawer.locator('.ant-form-item').filter({ hasText: '具体情况' }).locator('textarea').fill('检查后有人暗示企业请客');
    await drawer.locator('.ant-form-item').filter({ hasText: '意见建议' }).locator('textarea').fill('希望多开展安全培训');
    await shot(page, 'record-form-phone', { dir: SHOTS });
    await drawer.getByTestId('fu-record-submit').click();
    await expect.poll(() => drawer.getByTestId('fu-matter').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => drawer.getByText('存在吃、拿、卡、要行为').count()).toBeGreaterThan(0);
    await checkPage(page, 'record-done-phone', true);
    // the province's oversight closes it on the desktop? here: the county leader registers the result on the phone
    await drawer.getByRole('button', { name: '登记核查结果' }).click();
    await drawer.getByLabel('核查处理情况').fill('调阅执法记录仪，约谈两名执法人员');
    await drawer.getByText('查实', { exact: true }).click();
    await drawer.getByLabel('处理结果').fill('对相关人员诫勉谈话');
    await drawer.getByRole('button', { name: '办 结' }).or(drawer.getByRole('button', { name: '办结' })).click();
    await expect.poll(() => drawer.getByText('已办结').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot(page, 'matter-done-phone', { dir: SHOTS });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '回访统计' }).click();
    await checkPage(page, 'stats-phone', true);
    expect(problems).toEqual([]);
    await ctx.close();
  }, 180_000);
});
