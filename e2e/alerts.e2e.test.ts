// 执法监督预警 (R34) in a real browser against the real server. With the server stopped, two lapses of the county are
// written into its database — an inspection completed by one officer without showing credentials, and a major hazard
// left at an order to rectify for 40 days — then it starts again. The province's oversight runs the detectors from the
// page, finds both alerts with their evidence and links to the records, and confirms one; the county leader, on a
// phone, finds the other among his cards and explains it. Screenshots at desktop and 390 px go to /tmp/shots-alerts.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { addDays } from '@anjian/domain';
import { openDatabase } from '../packages/server/src/db/client.js';
import { ensureEmbedded } from '../packages/server/src/db/embedded.js';
import { apiSession, startServer, checkPage as checkPageShared, useStack } from './harness.js';

const SHOTS = '/tmp/shots-alerts';
const env = useStack({ server: { keepData: true }, timeout: 600_000 });
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
let inspectionId = 0;
let hazardId = 0;

/** The county's lapses, written while the server is stopped. */
async function seedLapses(): Promise<void> {
  const officer = await apiSession(env.stack.baseUrl, 'county.officer');
  const me = (await officer.get<{ id: number; agency: { id: number; regionCode: string } }>('/me')).body;
  const mine = (await officer.get<{ officerId: number }>('/today')).body.officerId;
  const ents = (await officer.get<{ items: { id: number; regionCode: string }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=2`)).body.items;
  await env.stack.stop();
  const store = await ensureEmbedded(env.stack.dataDir);
  const db = await openDatabase({ url: store.url });
  try {
    const day = addDays(today, -12);
    const [i] = await db.rows<{ id: number }>(
      sql`insert into inspections (agency_id, enterprise_id, region_code, origin, emergency_reason, planned_date, officer_ids, item_codes, catalog_version, status, public_token, created_by, entry_date, completed_at)
          values (${me.agency.id}, ${ents[0]!.id}, ${ents[0]!.regionCode}, 'emergency', '群众举报夜间违规动火', ${day}::date, ${`{${mine}}`}::int[], '{A1}', 1, 'completed', ${randomUUID()}, ${me.id}, ${day}::date, now()) returning id`,
    );
    inspectionId = Number(i!.id);
    const [h] = await db.rows<{ id: number }>(
      sql`insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, major, responsible_person, deadline, status, created_at)
          values (0, ${inspectionId}, ${ents[1]!.id}, ${me.agency.id}, ${ents[1]!.regionCode}, '液氨储罐区未设置泄漏报警和紧急切断装置', true, '王五', ${addDays(today, -10)}::date, 'open', now() - interval '40 days') returning id`,
    );
    hazardId = Number(h!.id);
  } finally {
    await db.close();
    await store.release();
  }
  env.stack = await startServer({ dataDir: env.stack.dataDir, keepData: true });
}

beforeAll(async () => {
  await seedLapses();
}, 600_000);

const { open } = env;

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|items?\/page|undefined|NaN|null|OK|Invalid Date|open|explained|confirmed|rectified|single_officer|order_instead_of_penalty)\b/;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

describe('执法监督预警', () => {
  it('R34: 省级执法监督人员立即检测，看到单人执法和以责代罚的预警及证据链接，确认问题；导出 Excel', async () => {
    const s = await open('desktop', 'oversight');
    const { page } = s;
    await page.getByRole('link', { name: '执法监督' }).click();
    await page.waitForURL('**/oversight');
    await page.getByTestId('hub-tab-alerts').click();
    await page.waitForURL('**/oversight/alerts');
    await page.getByTestId('alert-run').click();
    await page.getByText('检测完成').waitFor();
    // the single-officer inspection, filtered by its rule
    await page.getByTestId('alert-filter-rule').click();
    await page.keyboard.type('单人执法');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '单人执法、未亮证' }).click();
    // the list keeps the previous rows until the filtered ones arrive
    await expect.poll(() => page.getByTestId('alert-row').filter({ hasNotText: '单人执法、未亮证' }).count()).toBe(0);
    const row = page.getByTestId('alert-row').filter({ hasText: '单人执法、未亮证' }).filter({ has: page.locator(`a[href="/inspections/${inspectionId}"]`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('仅 1 名执法人员');
    expect(await row.textContent()).toContain('未记录出示执法证件');
    await checkPage(page, 'desktop-alerts-single-officer', false);
    // open it and confirm with a reason
    await row.getByTestId('alert-open').click();
    const detail = page.getByTestId('alert-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('执法监督员');
    await page.getByTestId('alert-reason').fill('经调阅执法记录仪，确系单人执法且未亮证');
    await checkPage(page, 'desktop-alert-confirm', false);
    await page.getByTestId('alert-submit').click();
    await expect.poll(() => detail.getByTestId('alert-state').first().textContent()).toContain('已确认问题');
    expect(await detail.textContent()).toContain('经调阅执法记录仪');
    await page.locator('.ant-drawer-close').click();
    await detail.waitFor({ state: 'hidden' });
    // the major hazard, linked to its record (a fresh page: the filter starts empty)
    await page.reload();
    await page.getByTestId('alert-filter-rule').click();
    await page.keyboard.type('以责代罚');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '以责代罚' }).click();
    await expect.poll(() => page.getByTestId('alert-row').filter({ hasNotText: '以责代罚' }).count()).toBe(0);
    const hz = page.getByTestId('alert-row').filter({ has: page.locator(`a[href="/hazards/${hazardId}"]`) }).filter({ hasText: '以责代罚' });
    await hz.waitFor();
    expect(await hz.textContent()).toContain('液氨储罐区');
    // the export downloads a workbook
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('alert-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^执法监督预警_\d{4}-\d{2}-\d{2}\.xlsx$/);
    // the catalogue lists the rules and the items to check in follow-up visits
    await page.getByRole('tab', { name: '监测规则' }).click();
    await page.getByTestId('alert-catalogue').waitFor();
    expect(await page.getByTestId('alert-catalogue').textContent()).toContain('需通过回访、案卷评查核实的问题');
    await checkPage(page, 'desktop-alert-catalogue', false);
    // the evidence link opens the record
    await page.getByTestId('alerts-panel').getByRole('tab', { name: '预警', exact: true }).click();
    await hz.locator(`a[href="/hazards/${hazardId}"]`).click();
    await page.waitForURL(`**/hazards/${hazardId}`);
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  });

  it('R34: 县局负责人在手机上看到本单位的以责代罚预警（卡片），作出说明', async () => {
    const s = await open('phone', 'county.leader');
    const { page } = s;
    await page.goto('/oversight/alerts');
    const card = page.getByTestId('alert-row').filter({ hasText: '以责代罚' }).filter({ has: page.locator(`a[href="/hazards/${hazardId}"]`) });
    await card.waitFor();
    expect(await card.textContent()).toContain('待您处理：作出说明');
    await checkPage(page, 'phone-alerts', true);
    await card.locator('.al-card-summary').click();
    await page.getByTestId('alert-detail').waitFor();
    await page.getByTestId('alert-reason').fill('该隐患已移交市局立案查处，案件材料另附');
    await checkPage(page, 'phone-alert-explain', true);
    await page.getByTestId('alert-submit').click();
    await expect.poll(() => page.getByTestId('alert-detail').getByTestId('alert-state').first().textContent()).toContain('已说明');
    expect(await page.getByTestId('alert-detail').textContent()).toContain('县局负责人');
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  });
});
