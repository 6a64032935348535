// 提级管辖 in a real browser (R35): the province leader opens a county's penalty case, is offered no act on it but the
// 提级管辖 button, takes it over with a written reason; the case page then shows the province as 承办机关 and the step
// on the timeline, and the county leader is offered nothing any more. Screenshots go to /tmp/shots-escalation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiSession, launchBrowser, login, newContext, shot, startServer, watchConsole, type Stack } from './harness.js';

const SHOTS = '/tmp/shots-escalation';
const REASON = '案情重大、涉及跨区域违法行为，由省厅直接办理';
let stack: Stack;
let browser: Browser;
let caseId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  const officer = await apiSession(stack.baseUrl, 'county.officer');
  const me = (await officer.get<{ agency: { id: number } }>('/me')).body;
  const ent = (await officer.get<{ items: { id: number }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=1`)).body.items[0]!;
  const created = await officer.post<{ id: number }>('/penalty-cases', { enterpriseId: ent.id, facts: '企业未按规定对安全设备进行经常性维护、保养' });
  if (created.status !== 201) throw new Error(`案件登记失败：${created.status}`);
  caseId = created.body.id;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('提级管辖', () => {
  it('R35: 省厅负责人对县局案件只能查看，写明理由提级管辖后由省厅办理，办案过程记录提级管辖', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await login(page, 'leader');
    await page.goto(`/cases/${caseId}`);
    await expect.poll(() => page.getByTestId('case-agency').textContent()).toBe('杭州市西湖区应急管理局');
    // a higher level is offered no act of the county's case (撤销立案 etc.), only 提级管辖
    expect(await page.getByTestId('case-actions').locator('button').count()).toBe(0);
    await page.getByTestId('escalate-case').click();
    const confirm = page.getByTestId('escalate-confirm');
    await page.getByTestId('escalate-reason').fill('理由太短');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('escalate-reason').fill(REASON);
    await shot(page, 'desktop-escalation-dialog', { dir: SHOTS, fullPage: false });
    await confirm.click();
    await expect.poll(() => page.getByTestId('case-agency').textContent()).toBe('浙江省应急管理厅');
    const ev = page.locator('[data-testid="case-event"][data-action="escalate"]');
    await ev.waitFor();
    const text = (await ev.textContent()) ?? '';
    expect(text).toContain('提级管辖');
    expect(text).toContain(REASON);
    expect(text).toContain('杭州市西湖区应急管理局 → 浙江省应急管理厅');
    expect(await page.getByTestId('escalate-case').count()).toBe(0);
    // now the province acts: the leader is offered the case's acts (撤销立案 for a draft)
    await page.getByTestId('action-cancel').waitFor();
    await shot(page, 'desktop-escalated-case', { dir: SHOTS });
    const body = await page.evaluate(() => document.body.innerText);
    expect(body).not.toMatch(/\b(escalate|undefined|null|NaN)\b/);
    expect(problems).toEqual([]);
    // the county no longer acts on it
    const county = await apiSession(stack.baseUrl, 'county.leader');
    const seen = (await county.get<{ availableActions: string[]; canAct: boolean }>(`/penalty-cases/${caseId}`)).body;
    expect(seen).toMatchObject({ availableActions: [], canAct: false });
    await ctx.close();
  });
});
