// An inspection on an officer's phone in a real browser (R15–R19): file it, enter, show credentials, sign the
// commitment, answer the items, lose the network mid-inspection and sync, attach a photo, record a major hazard and
// see the penalty-case requirement, complete it, and verify it through the public QR page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiSession, launchBrowser, login, newContext, recordCertificate, shot, startServer, watchConsole, type Stack } from './harness.js';

const SHOTS = '/tmp/shots-inspections';
// A 1×1 PNG: the photo taken on site.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');

let stack: Stack;
let browser: Browser;
let officer: Awaited<ReturnType<typeof apiSession>>;
let enterprise: { id: number; name: string };
let colleague: string;
let officerIds: number[] = [];
let inspectionId = 0;
let publicPath = '';

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer();
  officer = await apiSession(stack.baseUrl, 'county.officer');
  const me = (await officer.get<{ agency: { id: number } }>('/me')).body;
  const list = await officer.get<{ items: { id: number; name: string; supervisingAgencyId: number }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=5`);
  enterprise = list.body.items[0]!;
  // R11: the trigger is recorded first (一事一报), so the filing page offers it as the source
  const req = await officer.post<{ id: number }>('/unplanned-inspections', { enterpriseId: enterprise.id, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  const today = (await officer.get<{ officerId: number }>('/today')).body;
  const officers = await officer.get<{ items: { id: number; name: string; credentialStatus: string }[] }>(`/officers?agencyId=${me.agency.id}&pageSize=50`);
  const other = officers.body.items.find((o) => o.id !== today.officerId && o.credentialStatus === 'valid')!;
  colleague = other.name;
  officerIds = [today.officerId, other.id];
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function phone(user?: string): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await newContext(browser, stack.baseUrl, 'phone');
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  if (user) await login(page, user);
  return { ctx, page, problems };
}

const noOverflow = async (page: Page, name: string) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} 在手机宽度下横向溢出`).toBeLessThanOrEqual(0);
};
const syncState = (page: Page) => page.getByTestId('sync-state');

describe('手机上的执法检查', () => {
  it('R15–R18: file, enter, show credentials, sign, answer — offline half-way and synced — photo, major hazard with its penalty case, complete', async () => {
    const { ctx, page, problems } = await phone('county.officer');

    // today → 报备检查
    await page.goto('/today');
    await page.getByRole('button', { name: '报备检查' }).click();
    await page.waitForURL(/\/inspections\/new/);
    await page.getByLabel('被检查企业').fill(enterprise.name.slice(0, 6));
    await page.locator('.ant-select-item-option').filter({ hasText: enterprise.name }).first().click();
    await expect.poll(() => page.getByText(/计划外检查：投诉举报/).count()).toBeGreaterThan(0);
    // the officer's own name is filled in; the second officer is added (R16: two or more)
    await page.getByLabel('执法人员').click();
    await page.getByLabel('执法人员').fill(colleague);
    await page.locator('.ant-select-item-option').filter({ hasText: colleague }).first().click();
    await page.keyboard.press('Escape');
    await shot(page, 'file-phone', { dir: SHOTS });
    await noOverflow(page, '报备检查');
    await page.getByRole('button', { name: '提交报备' }).click();
    await page.waitForURL(/\/inspections\/\d+$/);
    inspectionId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByText('已报备', { exact: true }).first().waitFor();

    // entry, 亮证亮单, 廉政承诺书
    await page.getByRole('button', { name: '进场，开始检查' }).click();
    await page.getByRole('button', { name: '已向企业出示执法证件' }).click();
    await page.getByText(/已亮证/).waitFor();
    const qr = page.getByAltText('扫码核验执法人员和检查事项');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByRole('button', { name: '宣读完毕，签署承诺' }).click();
    await page.getByText('已签署', { exact: true }).waitFor();
    await shot(page, 'on-site-start', { dir: SHOTS });

    // answer the items one-handed: the first half online …
    const detail = (await officer.get<{ items: { code: string }[]; publicPath: string }>(`/inspections/${inspectionId}`)).body;
    publicPath = detail.publicPath;
    const codes = detail.items.map((i) => i.code);
    const half = Math.ceil(codes.length / 2);
    const answer = (code: string, label: '符合' | '不符合' | '不涉及') => page.getByTestId(`item-${code}`).getByText(label, { exact: true }).click();
    for (const code of codes.slice(0, half)) await answer(code, code === 'G03' ? '不符合' : '符合');
    await expect.poll(() => syncState(page).textContent()).toContain('已同步');

    // … then the network goes (a mine yard): answers and a photo queue on the phone
    await ctx.setOffline(true);
    for (const code of codes.slice(half)) await answer(code, '符合');
    await page.getByTestId(`evidence-input-${codes[0]}`).setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => syncState(page).textContent()).toMatch(/离线，\d+ 条待同步/);
    await expect(page.getByTestId('answered-count').textContent()).resolves.toContain(`${codes.length}/${codes.length}`);
    await shot(page, 'offline-queue', { dir: SHOTS });
    // a second tap on the same item while offline replaces the queued answer instead of adding one
    await answer(codes[codes.length - 1]!, '不涉及');

    // the connection returns: everything goes up once, nothing lost, nothing twice
    await ctx.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => syncState(page).textContent(), { timeout: 30_000 }).toContain('已同步');
    const synced = (await officer.get<{ items: { code: string; result: string | null }[]; evidence: { itemCode: string; sm3: string }[] }>(`/inspections/${inspectionId}`)).body;
    expect(synced.items.filter((i) => i.result).length).toBe(codes.length);
    expect(synced.items.find((i) => i.code === codes[codes.length - 1])!.result).toBe('na');
    expect(synced.items.find((i) => i.code === 'G03')!.result).toBe('nonconform');
    expect(synced.evidence).toHaveLength(1);
    expect(synced.evidence[0]).toMatchObject({ itemCode: codes[0] });
    expect(synced.evidence[0]!.sm3).toMatch(/^[0-9a-f]{64}$/);

    // 逢查必考 and 逢查必检 (R17)
    await page.getByRole('button', { name: '记录考核' }).click();
    await page.getByLabel('被考核人').fill('王总');
    await page.getByLabel('考核内容').fill('本单位动火作业审批要求');
    await page.getByLabel('得分（60分合格）').fill('85');
    await page.getByRole('button', { name: '保存考核' }).click();
    await recordCertificate(page);
    await page.getByText('合格', { exact: true }).waitFor();

    // a major hazard on the non-conforming item, with a photo: the form and the record say a penalty case is required
    await page.getByRole('button', { name: '记录问题' }).click();
    const form = page.getByTestId('finding-form');
    await form.getByLabel('问题描述').fill('动火作业未办理审批手续，现场无监护人');
    await form.getByRole('switch').click();
    await form.getByText('重大事故隐患必须依法处罚').waitFor();
    await form.getByLabel('整改要求').fill('立即停止动火作业，完善审批和监护');
    await form.getByLabel('企业整改责任人').fill('张安全');
    await form.getByLabel('跟踪督办人').fill('县局赵科长');
    await form.locator('input[type=file]').setInputFiles({ name: '动火现场.png', mimeType: 'image/png', buffer: PNG });
    await form.getByText('已附 1 个文件').waitFor();
    await shot(page, 'major-hazard-form', { dir: SHOTS });
    await form.getByRole('button', { name: '保存问题' }).click();
    await page.getByText(/已自动立案：行政处罚案件草稿 #\d+/).waitFor({ timeout: 30_000 });
    await page.getByText('重大事故隐患必须依法处罚，不得以责令整改代替', { exact: false }).first().waitFor();
    const withFinding = (await officer.get<{ findings: { major: boolean; penaltyCaseId: number | null; hazardId: number | null }[]; evidence: unknown[] }>(`/inspections/${inspectionId}`)).body;
    expect(withFinding.findings).toHaveLength(1);
    expect(withFinding.findings[0]).toMatchObject({ major: true });
    expect(withFinding.findings[0]!.penaltyCaseId).toBeGreaterThan(0);
    expect(withFinding.findings[0]!.hazardId).toBeGreaterThan(0);
    expect(withFinding.evidence).toHaveLength(2);

    // complete: the documents are issued (现场检查记录, 责令限期整改指令书)
    await page.getByLabel('检查结论').fill('发现重大事故隐患1项，已责令停止动火作业并立案调查');
    await page.getByRole('button', { name: '结束检查，生成现场检查记录' }).click();
    await page.getByText('检查结论与文书').waitFor({ timeout: 30_000 });
    await page.getByText(/现场检查记录/).first().waitFor();
    await page.getByText(/责令限期整改指令书/).first().waitFor();
    await shot(page, 'completed', { dir: SHOTS });
    await noOverflow(page, '检查页');
    // while the phone was offline, requests failing is the point; nothing else may go wrong
    expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await ctx.close();
  });

  it('R16/R19: the enterprise scans the code — officers, credentials and filed items without login — and evaluates the inspection once', async () => {
    expect(publicPath).toMatch(/^\/v\//);
    const { ctx, page, problems } = await phone();
    await page.goto(publicPath);
    await page.getByText('核验通过').waitFor();
    await page.getByText('本次检查已依法报备，执法人员证件有效').waitFor();
    await page.getByText(colleague).waitFor();
    await page.getByText(/报备的检查事项（\d+项）/).waitFor();
    await shot(page, 'public-verify', { dir: SHOTS });
    await noOverflow(page, '扫码核验');
    for (const label of ['执法人员是否为两人以上共同执法', '执法人员是否主动出示行政执法证件', '执法人员是否文明礼貌，没有走过场、乱作为', '是否告知陈述、申辩、听证、复议、诉讼等权利', '是否指出问题的同时宣传法规标准、指导企业整改']) {
      await page.getByRole('radiogroup', { name: label }).getByText('是', { exact: true }).click();
    }
    await page.getByRole('radiogroup', { name: '执法人员是否有吃拿卡要、指定服务机构等不当要求' }).getByText('否', { exact: true }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('本次检查已评价，感谢您的监督').waitFor();
    const record = (await officer.get<{ feedback: { via: string; concerns: string[] } | null }>(`/inspections/${inspectionId}`)).body;
    expect(record.feedback).toMatchObject({ via: 'qr', concerns: [] });
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('R15/R16: the QR page of an emergency inspection not yet filed says so plainly', async () => {
    const res = await officer.post<{ id: number; publicPath: string; officers: { id: number }[] }>('/inspections', {
      enterpriseId: enterprise.id,
      origin: 'emergency',
      emergencyReason: '企业发生燃气泄漏险情，立即进场处置',
      officerIds,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { ctx, page } = await phone();
    await page.goto(res.body.publicPath);
    await page.getByText('核验发现问题').waitFor();
    await page.getByText(/该检查尚未报备/).waitFor();
    await shot(page, 'public-verify-unfiled', { dir: SHOTS });
    await ctx.close();
    // the officer's today page lists it for backfill
    const { ctx: c2, page: p2 } = await phone('county.officer');
    await p2.goto('/today');
    await p2.getByText('待补录的紧急检查').waitFor();
    await shot(p2, 'today', { dir: SHOTS });
    await noOverflow(p2, '今日工作');
    await c2.close();
  });
});
