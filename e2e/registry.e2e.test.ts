// Officer journeys through the registry in a real browser against the real server (R1, R2, R35).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { computeCheckChar, CREDIT_CODE_CHARSET } from '@anjian/domain/creditCode';
import { apiSession, login, newContext, shot, watchConsole, useStack } from './harness.js';

const env = useStack();

async function desktopPage(): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const ctx = await newContext(env.browser, env.stack.baseUrl, 'desktop');
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  return { page, problems, close: () => ctx.close() };
}

const rows = (page: Page) => page.getByTestId('enterprise-row');

describe('企业名录（桌面）', () => {
  it('R2/R35: 登录 → 查找企业 → 编辑 → 变更记录显示修改', async () => {
    const { page, problems, close } = await desktopPage();
    try {
      await login(page, 'county.officer');
      await expect.poll(() => page.getByTestId('header-agency').textContent()).toContain('杭州市西湖区应急管理局');

      await page.getByRole('menuitem', { name: '企业名录' }).click();
      await page.waitForURL('**/enterprises');
      await rows(page).first().waitFor();
      const firstName = (await rows(page).first().locator('a.ent-name-link').textContent())!.trim();
      const fragment = firstName.slice(0, 4);

      await page.getByPlaceholder('企业名称 / 统一社会信用代码').fill(fragment);
      await page.getByPlaceholder('企业名称 / 统一社会信用代码').press('Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === fragment);
      await expect.poll(async () => (await rows(page).allTextContents()).every((t) => t.includes(fragment))).toBe(true);
      expect(await rows(page).count()).toBeGreaterThan(0);

      await page.getByRole('link', { name: firstName, exact: true }).first().click();
      await page.waitForURL(/\/enterprises\/\d+$/);
      await expect.poll(() => page.getByTestId('ent-name').textContent()).toBe(firstName);
      const oldCount = Number(await page.getByTestId('ent-employeeCount').textContent());
      const oldPhone = (await page.getByTestId('ent-contactPhone').textContent())!.trim();
      const newCount = oldCount + 7;
      const newPhone = oldPhone === '13900001234' ? '13900005678' : '13900001234';

      await page.getByRole('button', { name: '编辑' }).click();
      await page.waitForURL(/\/edit$/);
      const countInput = page.getByLabel('从业人数');
      await expect.poll(() => countInput.inputValue()).toBe(String(oldCount));
      await countInput.fill(String(newCount));
      await page.getByLabel('联系电话').fill(newPhone);
      await shot(page, 'desktop-enterprise-edit');
      await page.getByRole('button', { name: '保存修改' }).click();

      await page.waitForURL(/\/enterprises\/\d+$/);
      await expect.poll(() => page.getByTestId('ent-employeeCount').textContent()).toBe(String(newCount));
      const history = page.getByTestId('history');
      const countChange = history.locator('li[data-field="employeeCount"]').first();
      await countChange.waitFor();
      await expect.poll(() => countChange.textContent()).toMatch(new RegExp(`：${oldCount}\\s*→\\s*${newCount}$`));
      const phoneChange = history.locator('li[data-field="contactPhone"]').first();
      await expect.poll(() => phoneChange.textContent()).toContain(`${oldPhone} → ${newPhone}`);
      // who and when
      const latest = page.getByTestId('history-item').first();
      await expect.poll(() => latest.textContent()).toContain('修改');
      expect(await latest.textContent()).toContain('县局执法员');
      expect(await latest.textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
      await shot(page, 'desktop-enterprise-detail-after-edit');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('R2: 错误的统一社会信用代码被拒绝', async () => {
    const { page, problems, close } = await desktopPage();
    try {
      const body = `91330106MA${Array.from({ length: 7 }, (_, i) => CREDIT_CODE_CHARSET[(Date.now() >> (i * 3)) % 31]).join('')}`;
      expect(body).toHaveLength(17);
      const right = computeCheckChar(body);
      const wrong = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(right) + 1) % 31]!;
      const code = body + wrong;
      const expected = `统一社会信用代码校验位错误：第18位应为“${right}”，实际为“${wrong}”`;

      await login(page, 'county.officer');
      await page.goto('/enterprises/new');
      await page.getByLabel('统一社会信用代码').fill(code);
      await page.getByLabel('名称').fill('西湖校验测试有限公司');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText(expected).waitFor();
      await shot(page, 'desktop-enterprise-new-invalid-code');
      expect(page.url()).toMatch(/\/enterprises\/new$/);

      // The server refuses the same code with the same Chinese message.
      const admin = await apiSession(env.stack.baseUrl, 'county.officer');
      const refused = await admin.post<{ code: string; message: string }>('/enterprises', {
        creditCode: code,
        name: '西湖校验测试有限公司',
        regionCode: '330106002',
        address: '浙江省杭州市西湖区北山街道测试路1号',
        industry: 'industry_trade',
        riskCode: 'blue',
        hazardSourceCount: 0,
        majorHazardSourceCount: 0,
        standardizationLevel: 'none',
        creditStatus: 'normal',
        fatalAccidents3y: 0,
        nonSiteMonitored: false,
        legalRepresentative: '张三',
        contactPhone: '13800000000',
        employeeCount: 10,
        supervisingAgencyId: (await admin.get<{ agency: { id: number } }>('/me')).body.agency.id,
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ code: 'INVALID_CREDIT_CODE', message: expected });

      // Nothing was created: the list searched by that code is empty.
      await page.goto(`/enterprises?q=${code}`);
      await page.getByText('没有符合条件的企业').waitFor();
      expect(await rows(page).count()).toBe(0);
      const found = await admin.get<{ total: number }>(`/enterprises?q=${code}`);
      expect(found.body.total).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('R1: 县级执法人员看不到其他区县企业', async () => {
    const admin = await apiSession(env.stack.baseUrl, 'admin');
    const shangcheng = await admin.get<{ items: { id: number; name: string; regionName: string }[] }>(
      '/enterprises?regionCode=330102&pageSize=1',
    );
    expect(shangcheng.status).toBe(200);
    const other = shangcheng.body.items[0]!;
    expect(other.regionName).toContain('上城区');

    const { page, close } = await desktopPage();
    try {
      await login(page, 'county.officer');
      await page.goto(`/enterprises/${other.id}`);
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('not-found').textContent()).toContain('未找到该企业');
      expect(await page.getByText(other.name).count()).toBe(0);
      await shot(page, 'desktop-enterprise-not-found');

      await page.goto('/enterprises?pageSize=100');
      await rows(page).first().waitFor();
      const regions = await page.locator('[data-testid="enterprise-row"] td:nth-child(3)').allTextContents();
      expect(regions.length).toBeGreaterThan(0);
      for (const r of regions) {
        expect(r).toContain('西湖区');
        expect(r).not.toContain('上城区');
      }
    } finally {
      await close();
    }
  });
});

describe('手机', () => {
  it('手机宽度 390px：登录 → 菜单抽屉 → 企业名录 → 企业详情', async () => {
    const ctx = await newContext(env.browser, env.stack.baseUrl, 'phone');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    try {
      await login(page, 'county.officer');
      await page.getByTestId('menu-toggle').click();
      const drawer = page.locator('.menu-drawer');
      await drawer.getByRole('menuitem', { name: '企业名录' }).waitFor();
      await shot(page, 'phone-menu-drawer', { fullPage: false });
      await drawer.getByRole('menuitem', { name: '企业名录' }).click();
      await page.waitForURL('**/enterprises');
      await rows(page).first().waitFor();
      await shot(page, 'phone-enterprises');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      const name = (await rows(page).first().locator('a.ent-name-link').textContent())!.trim();
      await rows(page).first().locator('a.ent-name-link').click();
      await page.waitForURL(/\/enterprises\/\d+$/);
      await expect.poll(() => page.getByTestId('ent-name').textContent()).toBe(name);
      await page.getByTestId('history').waitFor();
      await shot(page, 'phone-enterprise-detail');
      const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow2).toBeLessThanOrEqual(0);
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
