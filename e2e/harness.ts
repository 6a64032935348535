// e2e harness: builds the web if stale, runs the real server on a fresh data dir and a free port,
// and drives Debian's chromium through playwright-core (no browser download, ever).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { stopEmbedded } from '../packages/server/src/db/embedded.js';

export const ROOT = process.cwd();
const WEB = path.join(ROOT, 'packages/web');
const DIST_INDEX = path.join(WEB, 'dist/index.html');
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = '/tmp/shots';

export const ADMIN_PASSWORD = 'Admin#2026e2e';
export const DEMO_PASSWORD = 'Demo#2026e2e';
export const passwordOf = (username: string) => (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist') continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

/** Builds packages/web/dist when it is missing or older than the web sources (or the domain files the web imports). */
export function ensureWebBuilt(): void {
  const sources = [
    path.join(WEB, 'src'),
    path.join(WEB, 'index.html'),
    path.join(WEB, 'public'), // icons of the installable app
    path.join(WEB, 'vite.config.ts'),
    path.join(WEB, 'package.json'),
    path.join(ROOT, 'packages/domain/src'), // the web imports label modules from the domain
  ];
  const srcTime = Math.max(...sources.map(newestMtime));
  const distTime = existsSync(DIST_INDEX) ? statSync(DIST_INDEX).mtimeMs : 0;
  if (distTime >= srcTime) return;
  // NODE_ENV must be production: vitest sets it to "test", which would make a development bundle.
  execFileSync('npx', ['vite', 'build'], { cwd: WEB, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Stack {
  baseUrl: string;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx packages/server/src/main.ts` and waits for GET /api/health. `dataDir` restarts on the data
 * of an earlier stack (stopped with `keepData`), e.g. after the test moved dates back in it to let time pass.
 */
export async function startServer(opts: { dataDir?: string; keepData?: boolean; demoYear?: boolean } = {}): Promise<Stack> {
  ensureWebBuilt();
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'anjian-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      DEMO_PASSWORD,
      DEMO_SCALE: '2000',
      // the tests make their own records on a quiet province; demo.e2e.test.ts starts with the demo year
      DEMO_YEAR: opts.demoYear ? '1' : '0',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code ?? -1;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    // the server stops its embedded PostgreSQL on SIGTERM; after a SIGKILL the test does it, so none outlives the test
    await stopEmbedded(dataDir);
    if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.demoYear ? 480_000 : 150_000); // the demo year takes a while on a busy machine
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(`服务器启动失败（退出码 ${exited}）：\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return { baseUrl, dataDir, log: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`服务器 150 秒内未就绪：\n${output}`);
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`未找到 ${CHROMIUM}。端到端测试使用 Debian 的 chromium，请先安装：apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function newContext(browser: Browser, baseUrl: string, kind: 'desktop' | 'phone'): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(kind === 'phone'
      ? { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: DESKTOP, deviceScaleFactor: 1 }),
  });
}

/** Collects uncaught page errors and console errors so a test can assert the page is clean. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      const t = m.text();
      // expected: HTTP errors the app handles (401 before login, 404 outside jurisdiction, 400 validation)
      if (/Failed to load resource: the server responded with a status of (401|404|400|409)/.test(t)) return;
      problems.push(`${m.type()}: ${t}`);
    }
  });
  return problems;
}

export async function login(page: Page, username: string, password = passwordOf(username)): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
}

export async function shot(page: Page, name: string, opts: { fullPage?: boolean; dir?: string } = {}): Promise<void> {
  const dir = opts.dir ?? SHOTS;
  mkdirSync(dir, { recursive: true });
  const fullPage = opts.fullPage ?? true;
  // A full-page capture of a scrolled page misplaces the sticky header; capture from the top.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400); // let charts and transitions settle
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}

/** A new browser context of `kind` on the stack with a page, its console watched, logged in as `user` when given. */
export async function openPage(browser: Browser, baseUrl: string, kind: 'desktop' | 'phone', user?: string, password?: string): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await newContext(browser, baseUrl, kind);
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  if (user) await login(page, user, password);
  return { ctx, page, problems };
}

/** Words of English UI chrome that must never reach a Chinese page; each test file adds the enum values it guards. */
const CHROME_ENGLISH = ['Submit', 'Cancel', 'Search', 'No data', 'Loading', 'Error', 'Not Found', 'Page', 'Upload', 'items?/page', 'undefined', 'NaN', 'null', 'OK', 'Invalid Date'];
export const englishLeakOf = (...extra: string[]) => new RegExp(`\\b(${[...CHROME_ENGLISH, ...extra].join('|')})\\b`);

/**
 * Waits until the page has settled (network, spinners, skeletons), screenshots it (on the phone also its first
 * screen) and checks it: no English or codes, and at phone width nothing overflows sideways (and, with
 * `hiddenColumns`, no table hides columns behind a sideways scroll).
 */
export async function checkPage(page: Page, name: string, opts: { phone: boolean; dir: string; leak: RegExp; fullPage?: boolean; hiddenColumns?: boolean }): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-blur').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await page.locator('.ant-skeleton').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await shot(page, name, { dir: opts.dir, ...(opts.fullPage !== undefined ? { fullPage: opts.fullPage } : {}) });
  if (opts.phone) await shot(page, `${name}-top`, { dir: opts.dir, fullPage: false });
  const text = await page.evaluate(() => document.body.innerText);
  expect(text, `${name} 出现英文或代码`).not.toMatch(opts.leak);
  if (opts.phone) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} 在手机宽度下横向溢出`).toBeLessThanOrEqual(0);
    if (opts.hiddenColumns) expect(await hiddenColumns(page), `${name} 在手机宽度下有被横向滚动隐藏的列`).toEqual([]);
  }
}

/** Tables on the page whose columns run past their visible width (a sideways scroll hides them); [] when none. */
export async function hiddenColumns(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth - el.clientWidth > 1)
      .map((el) => (el.closest('.ant-card')?.querySelector('.ant-card-head-title')?.textContent ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '表格').trim()),
  );
}

/** A session for calling the API directly (e.g. as admin to find test data). */
export async function apiSession(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: passwordOf(username) }),
  });
  if (!res.ok) throw new Error(`API 登录失败 ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? ''])
    .map((c) => c.split(';')[0])
    .filter(Boolean)
    .join('; ');
  const call = async <T>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${baseUrl}/api${p}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    call,
    get: <T>(p: string) => call<T>('GET', p),
    post: <T>(p: string, body: unknown) => call<T>('POST', p, body),
  };
}

/** what the phone keeps in IndexedDB (app/persist.ts), as stored text; '' when nothing */
export const persistedFieldDay = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('anjian-cache');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('queries')) return resolve('');
          const get = db.transaction('queries').objectStore('queries').get('field-day');
          get.onsuccess = () => resolve(typeof get.result === 'string' ? get.result : '');
          get.onerror = () => resolve('');
        };
        open.onerror = () => resolve('');
      }),
  );

/** R17 逢查必检 on the inspection page: a welder's certificate valid to the 15th of next month, saved. */
export async function recordCertificate(page: Page): Promise<void> {
  await page.getByRole('button', { name: '记录证件检查' }).click();
  await page.getByLabel('持证人').fill('李工');
  await page.getByLabel('证书类别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '焊接与热切割' }).click();
  await page.getByLabel('证书编号').fill('T330106199001011234');
  await page.getByLabel('有效期至').click();
  await page.locator('.ant-picker-dropdown .ant-picker-header-next-btn').click();
  await page.locator('.ant-picker-dropdown td.ant-picker-cell-in-view').filter({ hasText: /^15$/ }).click();
  await page.getByRole('button', { name: '保存证件检查' }).click();
}

/**
 * The file's browser (launched first: a missing chromium fails before the server spends its time) and server, made in
 * beforeAll and closed in afterAll. A test may restart `stack` on its data (assign the new one).
 */
export function useStack(opts: { server?: Parameters<typeof startServer>[0]; timeout?: number } = {}) {
  const env = {
    browser: undefined as unknown as Browser,
    stack: undefined as unknown as Stack,
    /** a page of `kind` on the stack, logged in as `user` when given */
    open: (kind: 'desktop' | 'phone' = 'desktop', user?: string, password?: string) => openPage(env.browser, env.stack.baseUrl, kind, user, password),
  };
  beforeAll(async () => {
    env.browser = await launchBrowser();
    env.stack = await startServer(opts.server);
  }, opts.timeout);
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.stop();
  });
  return env;
}
