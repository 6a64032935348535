// Every page renders in Chinese at desktop and phone width, and the admin's audit tools work (R35).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { withCheckChar } from '@anjian/domain/creditCode';
import { apiSession, launchBrowser, login, newContext, shot, startServer, watchConsole, type Stack } from './harness.js';

let stack: Stack;
let browser: Browser;
let enterpriseId: number;

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  const admin = await apiSession(stack.baseUrl, 'admin');
  const list = await admin.get<{ items: { id: number }[] }>('/enterprises?riskCode=red&pageSize=1');
  enterpriseId = list.body.items[0]!.id;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** English words a user should never see (antd or our own leftovers). */
const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|Upload|items?\/page)\b/;

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

async function visitAll(page: Page, prefix: string) {
  const pages: [string, string, () => Promise<unknown>][] = [
    ['home', '/', () => page.getByTestId('chart-risk').waitFor()],
    ['enterprises', '/enterprises', () => page.getByTestId('enterprise-row').first().waitFor()],
    ['enterprises-filtered', '/enterprises?riskCode=red,yellow&industry=hazardous_chemicals', () => page.getByTestId('enterprise-total').getByText(/家企业|条/).waitFor()],
    ['enterprise-detail', `/enterprises/${enterpriseId}`, () => page.getByTestId('history').waitFor()],
    ['enterprise-edit', `/enterprises/${enterpriseId}/edit`, () => page.getByRole('button', { name: '保存修改' }).waitFor()],
    ['enterprise-new', '/enterprises/new', () => page.getByRole('button', { name: '保存' }).waitFor()],
    ['enterprise-import', '/enterprises/import', () => page.getByText('下载 Excel 模板').waitFor()],
    // the table's 执法证状态 column on a desktop, the officer's card on a phone (its filters fold away there)
    ['officers', '/officers', () => page.getByTestId('officer-row').first().waitFor()],
    ['officers-expired', '/officers?credentialStatus=expired', () => page.getByText('已过期').first().waitFor()],
    ['agencies', '/agencies', () => page.getByTestId('agency-detail').waitFor()],
    ['users', '/users', () => page.getByText('county.officer').first().waitFor()],
    ['audit', '/audit', () => page.getByText('校验审计链').waitFor()],
  ];
  for (const [name, url, ready] of pages) {
    await page.goto(url);
    await ready();
    await page.waitForLoadState('networkidle');
    await shot(page, `${prefix}-${name}`);
    const text = await visibleText(page);
    expect(text, `${url} 出现英文`).not.toMatch(englishLeak);
    if (prefix === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${url} 在手机宽度下横向溢出`).toBeLessThanOrEqual(0);
    }
  }
}

describe('页面巡检', () => {
  it('登录失败显示服务器消息', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    try {
      await page.goto('/enterprises');
      await page.waitForURL('**/login');
      await page.getByLabel('用户名').fill('county.officer');
      await page.getByLabel('密码').fill('wrong-password-1');
      await page.getByRole('button', { name: '登录' }).click();
      const alert = page.getByTestId('login-error');
      await alert.waitFor();
      expect((await alert.textContent())!.length).toBeGreaterThan(2);
      expect(await alert.textContent()).toMatch(/[\u4e00-\u9fa5]/);
      await shot(page, 'desktop-login-failed');
    } finally {
      await ctx.close();
    }
  });

  it('桌面 1366px：管理员浏览全部页面', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    try {
      await page.goto('/login');
      await shot(page, 'desktop-login');
      await login(page, 'admin');
      await visitAll(page, 'desktop');
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('手机 390px：管理员浏览全部页面', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'phone');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    try {
      await page.goto('/login');
      await shot(page, 'phone-login');
      await login(page, 'admin');
      await visitAll(page, 'phone');
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('R35: 审计链校验显示完整', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    try {
      await login(page, 'oversight');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.getByRole('button', { name: '校验审计链' }).click();
      await page.getByTestId('audit-verify-ok').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('audit-verify-ok').textContent()).toContain('审计链完整');
      expect(await page.getByTestId('audit-verify-ok').textContent()).toContain('外部锚点核对');
      // the latest anchor, explained in Chinese, to be published
      const anchor = page.getByTestId('audit-anchor');
      await anchor.getByText('下载全部锚点').waitFor();
      expect(await anchor.textContent()).toMatch(/数据库之外的锚点文件[\s\S]*第 [\d,]+ 条[\s\S]*[0-9a-f]{64}/);
      await shot(page, 'desktop-audit-verified');
    } finally {
      await ctx.close();
    }
  });

  it('R1/R35: 单位负责人变更监管主体，变更记录显示原因和新旧机构', async () => {
    const leader = await apiSession(stack.baseUrl, 'leader');
    const agencies = (await leader.get<{ items: { id: number; name: string }[] }>('/agencies')).body.items;
    const county = agencies.find((a) => a.name === '杭州市西湖区应急管理局')!;
    const city = agencies.find((a) => a.name === '杭州市应急管理局')!;
    const ent = (await leader.get<{ items: { id: number; name: string }[] }>(`/enterprises?supervisingAgencyId=${county.id}&pageSize=1`)).body
      .items[0]!;
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    try {
      await login(page, 'leader');
      await page.goto(`/enterprises/${ent.id}`);
      await page.getByRole('button', { name: '变更监管主体' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('新监管机构').click();
      await dialog.getByLabel('新监管机构').fill(city.name);
      await page.locator('.ant-select-item-option').filter({ hasText: city.name }).first().click();
      await dialog.getByLabel('变更原因').fill('企业新增危险化学品生产工艺，上收至市级监管');
      await shot(page, 'desktop-supervision-transfer', { fullPage: false });
      await dialog.getByRole('button', { name: '确认变更' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const latest = page.getByTestId('history-item').first();
      await expect.poll(() => latest.textContent()).toContain('变更监管主体');
      expect(await latest.textContent()).toContain('原因：企业新增危险化学品生产工艺，上收至市级监管');
      expect(await latest.textContent()).toContain(`${county.name} → ${city.name}`);
      expect(await page.getByTestId('enterprise-descriptions').textContent()).toContain(city.name);
      await shot(page, 'desktop-supervision-history');
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('并发编辑：过期版本保存时提示“数据已被他人修改，请刷新后重试”', async () => {
    const officer = await apiSession(stack.baseUrl, 'county.officer');
    const ent = (await officer.get<{ items: { id: number; version: number; employeeCount: number }[] }>('/enterprises?pageSize=1&sort=name'))
      .body.items[0]!;
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    try {
      await login(page, 'county.officer');
      await page.goto(`/enterprises/${ent.id}/edit`);
      await expect.poll(() => page.getByLabel('从业人数').inputValue()).toBe(String(ent.employeeCount));
      // someone else saves first
      const other = await officer.call<{ version: number }>('PATCH', `/enterprises/${ent.id}`, {
        employeeCount: ent.employeeCount + 1,
        version: ent.version,
      });
      expect(other.status).toBe(200);
      await page.getByLabel('联系电话').fill('13700001111');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.getByTestId('form-error').getByText('数据已被他人修改，请刷新后重试').waitFor();
      await shot(page, 'desktop-enterprise-edit-conflict', { fullPage: false });
      await page.getByTestId('form-error').getByRole('button', { name: '刷新' }).click();
      await expect.poll(() => page.getByLabel('从业人数').inputValue()).toBe(String(ent.employeeCount + 1));
      await page.getByLabel('联系电话').fill('13700001111');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.waitForURL(/\/enterprises\/\d+$/);
      await expect.poll(() => page.getByTestId('ent-contactPhone').textContent()).toBe('13700001111');
    } finally {
      await ctx.close();
    }
  });

  it('导出Excel 下载当前筛选结果', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    try {
      await login(page, 'county.officer');
      await page.goto('/enterprises?riskCode=blue,green');
      await page.getByTestId('enterprise-row').first().waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(download.suggestedFilename()).toContain('企业名录');
    } finally {
      await ctx.close();
    }
  });

  it('批量导入：上传 → 预览错误行 → 确认导入 → 结果', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anjian-import-'));
    const file = path.join(dir, '企业导入.csv');
    const good = withCheckChar('91330106MA2E2E0' + String(Date.now() % 100).padStart(2, '0'));
    const header = '统一社会信用代码*,企业名称*,行政区划代码*,地址,行业*,风险赋码*,危险源数量,重大危险源数量,安全生产标准化等级,信用状态,近三年死亡事故起数,纳入非现场监管,法定代表人,联系电话,从业人员数,监管层级*';
    writeFileSync(
      file,
      '\ufeff' +
        [
          header,
          `${good},西湖导入测试化工有限公司,330106002,浙江省杭州市西湖区北山街道导入路1号,危险化学品,黄码,3,1,三级,一般,0,否,李四,13800001111,80,县级`,
          `91330106MA2E2E0002,错误校验位有限公司,330106002,地址,一般工贸,蓝码,0,0,未达标,一般,0,否,王五,13800002222,10,县级`,
          `${withCheckChar('91330106MA2E2E003')},行业错误有限公司,330106002,地址,造船,绿码,0,0,未达标,一般,0,否,赵六,13800003333,10,县级`,
        ].join('\n') +
        '\n',
    );
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    try {
      await login(page, 'county.officer');
      await page.goto('/enterprises/import');
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-status-previewed').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-errors').waitFor();
      await shot(page, 'desktop-import-preview');
      const errText = await page.getByTestId('import-errors').textContent();
      expect(errText).toContain('错误校验位有限公司');
      expect(errText).toContain('行业错误有限公司');
      await page.getByRole('button', { name: /确认导入/ }).click();
      await page.getByTestId('import-status-committed').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('import-status-committed').textContent()).toContain('导入完成');
      await shot(page, 'desktop-import-result');
      await page.goto(`/enterprises?q=${good}`);
      await page.getByText('西湖导入测试化工有限公司').first().waitFor();
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
