// Kill cycles against the real server (`main.ts` in a child process): a large import commit and concurrent writes
// whose 2xx acknowledgements are recorded, `kill -9` at a seeded random moment, restart on the same DATA_DIR, then
// check that it opens, that every acknowledged write is there and that the audit chain verifies. Used by
// crash.test.ts (a few cycles) and `npm run bench -- crash` (the soak).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createRng, withCheckChar } from '@anjian/domain';
import { clusterDirOf, stopEmbedded } from '../src/db/embedded.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN_PASSWORD = 'Admin#2026crash';
const DEMO_PASSWORD = 'Demo#2026crash';

export interface CrashOptions {
  dataDir: string;
  /** a PostgreSQL database for the server (DATABASE_URL); unset = the embedded store in dataDir */
  databaseUrl?: string;
  cycles: number;
  seed: number;
  /** rows of the import committed while the server is killed */
  importRows: number;
  /** cycles whose number is a multiple of this kill during the daily jobs run at start instead of an import */
  nightlyEvery?: number;
  /** embedded store: also check that a second server on the same DATA_DIR refuses to start (and leaves the first be) */
  secondInstance?: boolean;
  log?: (line: string) => void;
}

export interface CycleResult {
  cycle: number;
  phase: 'import commit' | 'daily jobs';
  /** ms after the commit was accepted (or after the server answered, for the daily jobs) */
  killAfterMs: number;
  /** the embedded postmaster was killed too (as in a power cut), not only Node */
  postmasterKilled: boolean;
  acknowledged: number;
  reopenMs: number;
  auditChecked: number;
}


async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  base: string;
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

async function startServer(opts: CrashOptions, port: number): Promise<{ server: Server; ms: number }> {
  const t0 = Date.now();
  let out = '';
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, DATABASE_URL: opts.databaseUrl ?? '', ADMIN_PASSWORD, DEMO_PASSWORD, DEMO_SCALE: '300' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let gone = false;
  const exited = new Promise<void>((resolve) => child.on('exit', () => ((gone = true), resolve())));
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    if (gone) throw new Error(`服务器未能重新打开数据（退出）：\n${out}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { server: { base, child, exited, output: () => out }, ms: Date.now() - t0 };
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`服务器 300 秒内未就绪：\n${out}`);
}

async function session(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`登录 ${username} 失败：${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (method: string, url: string, body?: unknown, raw?: { type: string; data: Buffer }) => {
    const r = await fetch(`${base}/api${url}`, {
      method,
      headers: { cookie, ...(raw ? { 'content-type': raw.type } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: raw ? new Uint8Array(raw.data) : body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
  };
}

const IMPORT_HEADERS = ['统一社会信用代码', '企业名称', '行政区划代码', '地址', '行业', '风险赋码', '危险源数量', '重大危险源数量', '安全生产标准化等级', '信用状态', '近三年死亡事故起数', '纳入非现场监管', '法定代表人', '联系电话', '从业人员数', '监管层级'];

/** An .xlsx of `rows` enterprises of 西湖区 as multipart form data. */
export async function importFile(rows: number): Promise<{ type: string; data: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(IMPORT_HEADERS);
  for (let n = 1; n <= rows; n++) {
    const code = withCheckChar(`91330106MA7${String(n).padStart(6, '0')}`);
    ws.addRow([code, `西湖崩溃测试${n}号机械有限公司`, '330106004', `西溪街道测试路${n}号`, '一般工贸', '蓝码', '3', '0', '三级', '一般', '0', '否', '李四', '13800000001', '80', '县级']);
  }
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = '----anjiancrash';
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    data: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="crash.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** PostgreSQL processes still running on the cluster of `dataDir` (none may outlive a test). */
export function postgresProcessesOf(dataDir: string): number[] {
  const cluster = clusterDirOf(dataDir);
  const pids: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (cmd.includes(cluster) && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') pids.push(Number(p));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Writers that keep acknowledging until stopped: enterprise edits (each enterprise once) and new officers. */
function startWriters(call: Awaited<ReturnType<typeof session>>, admin: Awaited<ReturnType<typeof session>>, cycle: number, targets: { id: number; version: number }[], agencyId: number) {
  const acked: { kind: string; id: number; expect: number | string }[] = [];
  let stop = false;
  let failure: Error | null = null;
  // a request cut off by the kill has no answer: it is not acknowledged, and the writer waits for the stop
  const attempt = <T>(p: Promise<T>) => p.catch(() => sleep(50).then(() => null));
  const edits = (async () => {
    for (const [i, e] of targets.entries()) {
      if (stop) return;
      const employeeCount = 100_000 + cycle * 1000 + i;
      const r = await attempt(call('PATCH', `/enterprises/${e.id}`, { version: e.version, employeeCount }));
      if (r && r.status >= 200 && r.status < 300) acked.push({ kind: 'enterprise', id: e.id, expect: employeeCount });
      else if (r) throw new Error(`企业修改返回 ${r.status}：${JSON.stringify(r.body)}`);
    }
  })();
  const officers = (async () => {
    for (let i = 0; !stop; i++) {
      const name = `崩溃测试${cycle}-${i}`;
      const r = await attempt(admin('POST', '/officers', { name, credentialNo: `CRASH${cycle}X${i}`, credentialValidFrom: '2025-01-01', credentialValidTo: '2030-12-31', agencyId }));
      if (r && r.status >= 200 && r.status < 300) acked.push({ kind: 'officer', id: Number(r.body.id), expect: name });
      else if (r) throw new Error(`新增执法人员返回 ${r.status}：${JSON.stringify(r.body)}`);
    }
  })();
  for (const w of [edits, officers]) w.catch((err: Error) => ((failure ??= err), (stop = true)));
  return {
    acked,
    async stop() {
      stop = true;
      await Promise.allSettled([edits, officers]);
      if (failure) throw failure;
    },
  };
}

export async function runCrashCycles(opts: CrashOptions): Promise<CycleResult[]> {
  const log = opts.log ?? (() => undefined);
  const random = createRng(opts.seed).next;
  const port = await freePort();
  const file = await importFile(opts.importRows);
  const embedded = !opts.databaseUrl;
  const results: CycleResult[] = [];
  let { server } = await startServer(opts, port);
  try {
    if (opts.secondInstance) {
      const second = await startServer(opts, await freePort()).then(
        () => null,
        (err: Error) => err.message,
      );
      if (second === null || !second.includes('已有一个安监执法平台在运行')) throw new Error(`同一数据目录上的第二个服务器没有拒绝启动：${second}`);
      if (!(await fetch(`${server.base}/api/health`).then((r) => r.ok))) throw new Error('第二个服务器退出后第一个服务器不再应答');
    }
    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      const nightly = opts.nightlyEvery !== undefined && cycle % opts.nightlyEvery === 0;
      const officer = await session(server.base, 'county.officer');
      const admin = await session(server.base, 'admin');
      const me = await officer('GET', '/me');
      if (me.status !== 200) throw new Error(`/me 返回 ${me.status}：${JSON.stringify(me.body)}`);
      const agencyId = Number(me.body.agency.id);
      const list = await officer('GET', `/enterprises?supervisingAgencyId=${agencyId}&pageSize=100`);
      const targets = (list.body.items as { id: number; version: number }[]).map((e) => ({ id: Number(e.id), version: Number(e.version) }));
      let killAfterMs: number;
      let writers: ReturnType<typeof startWriters>;
      if (nightly) {
        // the daily jobs run at every start: restart, write, and kill while they run
        server.child.kill('SIGTERM');
        await server.exited;
        ({ server } = await startServer(opts, port));
        const o2 = await session(server.base, 'county.officer');
        const a2 = await session(server.base, 'admin');
        writers = startWriters(o2, a2, cycle, targets, agencyId);
        killAfterMs = Math.round(random() * 1500);
      } else {
        const up = await officer('POST', '/enterprises/import', undefined, file);
        if (up.status !== 202) throw new Error(`上传导入文件返回 ${up.status}：${JSON.stringify(up.body)}`);
        const jobId = String(up.body.jobId);
        for (;;) {
          const j = await officer('GET', `/enterprises/import/${jobId}`);
          if (j.body.status === 'previewed') break;
          if (j.body.status !== 'parsing') throw new Error(`导入预览失败：${JSON.stringify(j.body).slice(0, 500)}`);
          await sleep(200);
        }
        writers = startWriters(officer, admin, cycle, targets, agencyId);
        await sleep(100 + random() * 400);
        const c = await officer('POST', `/enterprises/import/${jobId}/commit`);
        if (c.status !== 202) throw new Error(`提交导入返回 ${c.status}：${JSON.stringify(c.body)}`);
        killAfterMs = Math.round(random() * 6000);
      }
      const postmasterKilled = embedded && random() < 0.5;
      await sleep(killAfterMs);
      server.child.kill('SIGKILL');
      if (postmasterKilled) {
        const pidFile = path.join(clusterDirOf(opts.dataDir), 'postmaster.pid');
        const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
        if (pid > 0) process.kill(pid, 'SIGKILL');
      }
      await server.exited;
      await writers.stop();
      const phase = nightly ? 'daily jobs' : 'import commit';
      log(`第 ${cycle} 轮：${phase} 进行中 ${killAfterMs} ms 后 kill -9${postmasterKilled ? '（连同 postmaster）' : ''}，已确认的写入 ${writers.acked.length} 项`);

      const reopened = await startServer(opts, port);
      server = reopened.server;
      const officer2 = await session(server.base, 'county.officer');
      const admin2 = await session(server.base, 'admin');
      for (const a of writers.acked) {
        if (a.kind === 'enterprise') {
          const r = await officer2('GET', `/enterprises/${a.id}`);
          if (r.status !== 200 || r.body.employeeCount !== a.expect) throw new Error(`第 ${cycle} 轮：已确认的企业修改丢失（企业 ${a.id}：应为 ${a.expect}，实为 ${r.status} ${r.body.employeeCount}）`);
        } else {
          const r = await admin2('GET', `/officers/${a.id}`);
          if (r.status !== 200 || r.body.name !== a.expect) throw new Error(`第 ${cycle} 轮：已确认新增的执法人员 ${a.id}（${a.expect}）丢失：${r.status}`);
        }
      }
      const verify = await admin2('GET', '/audit/verify');
      if (verify.status !== 200 || verify.body.ok !== true) throw new Error(`第 ${cycle} 轮：审计链校验未通过：${JSON.stringify(verify.body)}`);
      results.push({ cycle, phase, killAfterMs, postmasterKilled, acknowledged: writers.acked.length, reopenMs: reopened.ms, auditChecked: Number(verify.body.checked) });
      log(`第 ${cycle} 轮：${(reopened.ms / 1000).toFixed(1)} 秒后重新打开，${writers.acked.length} 项已确认的写入都在，审计链 ${verify.body.checked} 条校验通过`);
    }
  } finally {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
    await server.exited;
    clearTimeout(timer);
    if (embedded) await stopEmbedded(opts.dataDir);
  }
  return results;
}
