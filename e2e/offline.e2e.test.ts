// The officer's phone with no network (issue #20): the installed app opens from its service worker, and the day —
// today's list, each inspection with its officers' credentials (亮证, R16) and check items (R17) — comes from the
// query cache kept on the phone. Back online the banner goes; another user of the same phone sees nothing of it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiSession, launchBrowser, login, newContext, persistedFieldDay, PHONE, ROOT, shot, startServer, watchConsole, type Stack } from './harness.js';

const SHOTS = '/tmp/shots-pwa';
const todayBj = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

let stack: Stack;
let browser: Browser;
let enterprise: { id: number; name: string };
let inspectionId = 0;
let officers: { name: string; credentialNo: string }[] = [];
let itemCodes: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  const officer = await apiSession(stack.baseUrl, 'county.officer');
  const me = (await officer.get<{ agency: { id: number } }>('/me')).body;
  const list = await officer.get<{ items: { id: number; name: string }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=5`);
  enterprise = list.body.items[1] ?? list.body.items[0]!;
  // a complaint-triggered inspection filed for today by two officers and entered: on site, with credentials and items
  const req = await officer.post<{ id: number }>('/unplanned-inspections', { enterpriseId: enterprise.id, trigger: 'complaint', reason: '群众投诉企业夜间违规动火', plannedDate: todayBj() });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  const today = (await officer.get<{ officerId: number }>('/today')).body;
  const staff = await officer.get<{ items: { id: number; credentialStatus: string }[] }>(`/officers?agencyId=${me.agency.id}&pageSize=50`);
  const other = staff.body.items.find((o) => o.id !== today.officerId && o.credentialStatus === 'valid')!;
  const filed = await officer.post<{ id: number }>('/inspections', {
    clientId: `offline-e2e-${Date.now()}`,
    enterpriseId: enterprise.id,
    origin: 'unplanned',
    unplannedRequestId: req.body.id,
    legalBasis: '《中华人民共和国安全生产法》第六十五条',
    plannedDate: todayBj(),
    officerIds: [today.officerId, other.id],
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  inspectionId = filed.body.id;
  const entered = await officer.post<{ officers: { name: string; credentialNo: string }[]; items: { code: string }[] }>(`/inspections/${inspectionId}/enter`, {});
  expect(entered.status, JSON.stringify(entered.body)).toBe(200);
  officers = entered.body.officers;
  itemCodes = entered.body.items.map((i) => i.code);
  expect(officers.length).toBeGreaterThanOrEqual(2);
  expect(itemCodes.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});


const controlled = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.ready, !!navigator.serviceWorker.controller));

/** logs in, opens 今日 and waits until the day is on the phone and the service worker controls the page */
async function prepareDay(ctx: BrowserContext, user = 'county.officer'): Promise<Page> {
  const page = await ctx.newPage();
  await login(page, user);
  await page.goto('/today');
  await page.getByText(/可离线使用（更新于 \d\d:\d\d）/).waitFor({ timeout: 30_000 });
  await expect.poll(() => controlled(page), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => persistedFieldDay(page), { timeout: 10_000 }).toContain(`["inspection",${inspectionId}]`);
  return page;
}

const offlineBanner = (page: Page) => page.getByTestId('offline-banner');
const noOverflow = async (page: Page, name: string) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} 横向溢出`).toBeLessThanOrEqual(0);
};
/** no enum value, English code or JSON on the page the officer reads */
const plainChinese = async (page: Page, name: string) => {
  const text = await page.locator('.app-content').innerText();
  expect(text, name).not.toMatch(/\b(in_progress|filed|unplanned|complaint|valid|NOT_FOUND|undefined|null|NaN)\b|[{[]"/);
};

describe('离线打开手机上的今日工作', () => {
  it('R16/R17: the officer\'s day opens with no network — today\'s list and an inspection with its officers\' credentials and check items, from the phone', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'phone');
    const page = await prepareDay(ctx);
    const problems = watchConsole(page);

    // installable: the manifest is linked and says who the app is
    const manifestHref = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? '');
    expect(new URL(manifestHref).pathname).toBe('/manifest.webmanifest');
    const manifest = await page.evaluate(async (href) => (await fetch(href)).json(), manifestHref);
    expect(manifest).toMatchObject({ name: '安监执法平台', lang: 'zh-CN', display: 'standalone', theme_color: '#0d2b52' });
    expect((manifest.icons as { sizes: string; purpose: string }[]).map((i) => `${i.sizes}/${i.purpose}`)).toEqual(expect.arrayContaining(['192x192/any', '512x512/any', '512x512/maskable']));
    expect(await offlineBanner(page).count()).toBe(0);
    await shot(page, 'online-today-390', { dir: SHOTS });

    // the network goes; the app is opened again (a reload: nothing in memory)
    await ctx.setOffline(true);
    await page.reload();
    await offlineBanner(page).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/today'); // not bounced to the login page
    await expect(offlineBanner(page).textContent()).resolves.toMatch(/当前无网络：显示的是 \d\d:\d\d 保存的数据/);
    await page.getByText(enterprise.name).first().waitFor();
    await page.getByRole('button', { name: '继续检查' }).first().waitFor();
    expect(await page.getByText('未保存到手机，需联网打开').count()).toBe(0);
    await noOverflow(page, '离线的今日工作');
    await plainChinese(page, '离线的今日工作');
    await shot(page, 'offline-today-390', { dir: SHOTS });

    // the inspection opens from the phone: 亮证 with each officer's credential, and the check items
    await page.getByRole('listitem').filter({ hasText: enterprise.name }).getByRole('button', { name: '继续检查' }).click();
    await page.waitForURL(new RegExp(`/inspections/${inspectionId}$`));
    for (const o of officers) await page.getByText(`执法证 ${o.credentialNo}`).waitFor();
    for (const code of itemCodes.slice(0, 3)) await page.getByTestId(`item-${code}`).waitFor();
    await expect(offlineBanner(page).isVisible()).resolves.toBe(true);
    await plainChinese(page, '离线的检查页');
    await noOverflow(page, '离线的检查页');
    await shot(page, 'offline-inspection-390', { dir: SHOTS, fullPage: false });

    // a deep link opened offline (the service worker's fallback to the app shell) shows it too
    await page.reload();
    await page.getByText(`执法证 ${officers[0]!.credentialNo}`).waitFor({ timeout: 20_000 });

    // back online: the banner goes and the day is confirmed by the server again
    await ctx.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => offlineBanner(page).count(), { timeout: 15_000 }).toBe(0);
    await page.goto('/today');
    await page.getByText(/可离线使用（更新于 \d\d:\d\d）/).waitFor({ timeout: 30_000 });
    expect(problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(p))).toEqual([]);

    // another officer on the same phone: nothing of the previous day stays after log-out, nor appears after log-in
    await page.getByRole('button', { name: '当前用户' }).click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login/);
    await expect.poll(() => persistedFieldDay(page), { timeout: 10_000 }).not.toContain('"inspection"');
    // logged out and offline: the app opens on the login page, which says the network is missing
    await ctx.setOffline(true);
    await page.reload();
    await page.getByLabel('用户名').fill('county2.officer');
    await page.getByLabel('密码').fill('whatever');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('login-error').textContent({ timeout: 10_000 })).resolves.toContain('网络连接失败');
    await ctx.setOffline(false);
    await login(page, 'county2.officer');
    await page.goto('/today');
    await page.getByText(/可离线使用/).waitFor({ timeout: 30_000 });
    await ctx.setOffline(true);
    await page.reload();
    await offlineBanner(page).waitFor({ timeout: 20_000 });
    expect(await page.getByText(enterprise.name).count()).toBe(0);
    await expect.poll(() => persistedFieldDay(page)).not.toContain(`["inspection",${inspectionId}]`);
    await ctx.close();
  });

  it('R16: online, a session that ended on the server is not reopened from the phone: the login page, nothing of the day shown, and the day forgotten', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'phone');
    const page = await prepareDay(ctx);
    // from the first script of the next load: did the enterprise of the day ever appear on screen?
    await page.addInitScript((name) => {
      const w = window as unknown as { seen?: boolean };
      new MutationObserver(() => {
        if (document.body?.innerText.includes(name)) w.seen = true;
      }).observe(document, { childList: true, subtree: true, characterData: true });
    }, enterprise.name);
    await ctx.clearCookies(); // the session is gone (expired, or logged out elsewhere)
    await page.reload();
    await page.waitForURL(/\/login/, { timeout: 20_000 });
    await page.getByLabel('用户名').waitFor();
    expect(await page.evaluate(() => (window as unknown as { seen?: boolean }).seen ?? false)).toBe(false);
    await expect.poll(() => persistedFieldDay(page), { timeout: 10_000 }).not.toContain('"inspection"');
    // the watch does see the day when it is shown (logged in again)
    await login(page, 'county.officer');
    await page.goto('/today');
    await page.getByText(enterprise.name).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { seen?: boolean }).seen ?? false)).toBe(true);
    await ctx.close();
  });

  it('R16/R17: the offline pages at 1366 px read the same (screenshots)', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await prepareDay(ctx);
    await ctx.setOffline(true);
    await page.reload();
    await offlineBanner(page).waitFor({ timeout: 20_000 });
    await page.getByText(enterprise.name).first().waitFor();
    await plainChinese(page, '离线的今日工作（桌面）');
    await shot(page, 'offline-today-1366', { dir: SHOTS });
    await page.goto(`/inspections/${inspectionId}`);
    await page.getByText(`执法证 ${officers[1]!.credentialNo}`).waitFor({ timeout: 20_000 });
    await page.getByTestId(`item-${itemCodes[0]}`).waitFor();
    await plainChinese(page, '离线的检查页（桌面）');
    await shot(page, 'offline-inspection-1366', { dir: SHOTS, fullPage: false });
    await ctx.close();
  });

  it('R16: a new version waits for the officer\'s tap (有新版本，点此更新) instead of reloading the page, then takes over', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'phone');
    const page = await ctx.newPage();
    await login(page, 'county.officer');
    await page.goto('/today');
    await expect.poll(() => controlled(page), { timeout: 30_000 }).toBe(true);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const sw = path.join(ROOT, 'packages/web/dist/sw.js');
    const original = readFileSync(sw, 'utf8');
    try {
      writeFileSync(sw, `${original}\n// next version ${Date.now()}\n`); // a deployment of a new build
      await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));
      const prompt = page.getByTestId('update-prompt');
      await prompt.waitFor({ timeout: 30_000 });
      await expect(prompt.textContent()).resolves.toContain('有新版本，点此更新');
      await page.waitForTimeout(1000);
      // nothing reloaded by itself: the page is the same one
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      await shot(page, 'update-prompt-390', { dir: SHOTS, fullPage: false });
      await prompt.click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { marker?: number }).marker ?? 0), { timeout: 30_000 }).toBe(0);
      await page.getByText(/可离线使用/).waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('update-prompt').count()).toBe(0);
      expect(await page.evaluate(async () => !(await navigator.serviceWorker.getRegistration())?.waiting && !!navigator.serviceWorker.controller)).toBe(true);
    } finally {
      writeFileSync(sw, original);
      await ctx.close();
    }
  });

  it('R16/R17: signal but no data — the phone says online, the server is unreachable: the cached day shows with the banner, and the app notices when the server answers again', async () => {
    // the data layer alone: without a service worker, so that the browser's routing sees every API request
    const ctx = await browser.newContext({ baseURL: stack.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await login(page, 'county.officer');
    await page.goto('/today');
    await page.getByText(/可离线使用/).waitFor({ timeout: 30_000 });
    await expect.poll(() => persistedFieldDay(page), { timeout: 10_000 }).toContain(`["inspection",${inspectionId}]`);
    await ctx.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await offlineBanner(page).waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/today');
    await page.getByText(enterprise.name).first().waitFor();
    await page.getByRole('listitem').filter({ hasText: enterprise.name }).getByRole('button', { name: '继续检查' }).click();
    await page.getByText(`执法证 ${officers[0]!.credentialNo}`).waitFor({ timeout: 20_000 });
    expect(await page.getByText('未找到该检查').count()).toBe(0);
    // the server answers again: within the probe (at most 15 s apart) the banner goes and the page is fresh
    await ctx.unroute('**/api/**');
    await expect.poll(() => offlineBanner(page).count(), { timeout: 30_000 }).toBe(0);
    await ctx.close();
  });
});
