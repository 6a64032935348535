// Jobs survive restarts, in a real browser against the real server: an import whose commit was interrupted by the
// death of the server shows, after the restart, why it failed and a button that commits it again from the stored file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { withCheckChar } from '@anjian/domain/creditCode';
import { openDatabase } from '../packages/server/src/db/client.js';
import { ensureEmbedded } from '../packages/server/src/db/embedded.js';
import { launchBrowser, login, newContext, passwordOf, shot, startServer, watchConsole, type Stack } from './harness.js';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startServer({ keepData: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const HEADERS = '统一社会信用代码,企业名称,行政区划代码,地址,行业,风险赋码,危险源数量,重大危险源数量,安全生产标准化等级,信用状态,近三年死亡事故起数,纳入非现场监管,法定代表人,联系电话,从业人员数,监管层级';
const line = (n: number) =>
  `${withCheckChar(`91330106MA3E2E${String(n).padStart(3, '0')}`)},西湖续传${n}号机械有限公司,330106004,西溪街道续传路${n}号,一般工贸,蓝码,3,0,三级,一般,0,否,李四,13800000001,80,县级`;

/** Uploads a CSV as county.officer through the API and waits for its preview. */
async function previewedJob(): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county.officer', password: passwordOf('county.officer') }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const form = new FormData();
  form.append('file', new Blob([[HEADERS, line(1), line(2), line(3)].join('\r\n')], { type: 'text/csv' }), '续传.csv');
  const up = await fetch(`${stack.baseUrl}/api/enterprises/import`, { method: 'POST', headers: { cookie }, body: form });
  expect(up.status).toBe(202);
  const { jobId } = (await up.json()) as { jobId: string };
  for (let i = 0; i < 200; i++) {
    const job = (await (await fetch(`${stack.baseUrl}/api/enterprises/import/${jobId}`, { headers: { cookie } })).json()) as { status: string };
    if (job.status === 'previewed') return jobId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('preview did not finish');
}

describe('中断的任务（桌面）', () => {
  it('R2: after the server died during a commit, the import page says so and 重试 commits from the stored file', async () => {
    const jobId = await previewedJob();
    // The server dies mid-commit: what it leaves is the job claimed under a lease nobody renews.
    await stack.stop();
    const store = await ensureEmbedded(stack.dataDir);
    const db = await openDatabase({ url: store.url });
    try {
      await db.rows(sql`update import_jobs set status = 'committing', attempts = 1, lease_owner = 'dead-host:1:00000000', lease_until = now() - interval '1 minute' where id = ${jobId}`);
    } finally {
      await db.close();
      await store.release();
    }
    stack = await startServer({ dataDir: stack.dataDir });

    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await login(page, 'county.officer');
    await page.goto(`/enterprises/import?job=${jobId}`);
    await page.getByTestId('import-status-failed').waitFor();
    await expect(page.getByText('提交过程中服务中断').first().isVisible()).resolves.toBe(true);
    await shot(page, 'import-interrupted');
    await page.getByTestId('import-retry').click();
    await page.getByTestId('import-status-committed').waitFor({ timeout: 30_000 });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('新增 3 家');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 240_000);

  it('R35: the administrator sees the runs of the daily jobs on 后台任务, in Chinese', async () => {
    const ctx = await newContext(browser, stack.baseUrl, 'desktop');
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await login(page, 'admin');
    await page.getByRole('link', { name: '后台任务' }).click();
    await page.getByTestId('job-runs').getByText('隐患督办升级').first().waitFor({ timeout: 20_000 });
    const text = await page.getByTestId('job-runs').innerText();
    expect(text).toContain('信用状态更新');
    expect(text).toMatch(/成功|运行中/);
    expect(text).not.toMatch(/\b(escalation|credit|succeeded|running|failed)\b/);
    await shot(page, 'job-runs');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);
});
