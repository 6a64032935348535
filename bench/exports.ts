// `npm run bench -- exports`: a 100,000-row ledger exported as .xlsx through sendXlsx (lib/xlsxExport.ts), over real
// HTTP, for a county officer — the hazard ledger, the widest of the new exports (a join of three tables, Chinese labels,
// the working-day overdue count per row).
//   1. a scratch database (DATABASE_URL) with the demo province (seed loader, 2,000 enterprises), then 100,000 hazards of
//      one county's enterprises in one INSERT … SELECT generate_series
//   2. the real server (buildApp + listen on loopback), a county officer logged in
//   3. GET /api/hazards/export streamed to nothing: time to the last byte, bytes, and the peak RSS of the process
//      (server and client both); then the same with a filter (status=open), which must give fewer rows
// Environment: DATABASE_URL (admin connection), BENCH_ROWS (default 100000), KEEP_DB=1
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../packages/server/src/db/client.js';
import { buildApp } from '../packages/server/src/app.js';
import { defaultConfig } from '../packages/server/src/context.js';
import { openAuditTrail } from '../packages/server/src/modules/audit/chain.js';
import { seedIfEmpty } from '../packages/server/src/seed/load.js';
import { BENCH_AUDIT_KEY, createScratchDatabase } from './lib/pg.js';
import { PeakRss } from './lib/procStats.js';
import { loadAverage } from './lib/measure.js';

export const description = '10万行台账导出 Excel（隐患台账，流式）';

const PASSWORD = 'Bench#2026exports';

export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  const scratch = await createScratchDatabase('bench_exports');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anjian-bench-exports-'));
  const database = await openDatabase({ url: scratch.url, kind: 'postgres' });
  try {
    const config = defaultConfig({ dataDir: dir, auditKey: BENCH_AUDIT_KEY });
    await openAuditTrail(database, config);
    await seedIfEmpty(database, { demo: true, enterprises: 2000, adminPassword: PASSWORD, demoPassword: PASSWORD });
    const t0 = performance.now();
    await database.rows(sql`
      insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, requirement, major, responsible_person, tracker_name, deadline, status, escalation_level)
      select g, g, e.id, e.supervising_agency_id, e.region_code, '作业场所安全警示标志缺失（第' || g || '项）', '按规定设置安全警示标志', g % 20 = 0, '企业安全管理负责人',
             case when g % 20 = 0 then '县局执法大队负责人' end, date '2026-01-05' + (g % 330), (array['open','rectified','closed'])[1 + g % 3],
             (array[null,'letter','notice','interview','supervision'])[1 + g % 5]
        from generate_series(1, ${rows}) g
        join lateral (select id, supervising_agency_id, region_code from enterprises where region_code like '330106%' order by id offset (g % 8) limit 1) e on true`);
    const [{ n } = { n: 0 }] = await database.rows<{ n: number }>(sql`select count(*)::int as n from hazards`);
    console.log(`装载隐患 ${n} 条，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);

    const app = await buildApp({ database, config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'county.officer', password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const results: { query: string; rows: number; seconds: number; bytes: number; peakMiB: number; startMiB: number }[] = [];
    for (const query of ['', '?status=open']) {
      const total = (await (await fetch(`${base}/api/hazards${query}${query ? '&' : '?'}pageSize=1`, { headers: { cookie } })).json()) as { total: number };
      const rss = new PeakRss();
      const t = performance.now();
      const res = await fetch(`${base}/api/hazards/export${query}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`导出失败：${res.status} ${await res.text()}`);
      let bytes = 0;
      const chunks: Uint8Array[] = [];
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        chunks.push(chunk);
      }
      const seconds = (performance.now() - t) / 1000;
      // the peak over the download only: the read-back below is the bench's check, not part of the export
      const peak = rss.stop();
      // the file itself, read back row by row after the clock stopped: every row of the list, each once
      let sheetRows = -1; // the header
      const ids = new Set<string>();
      for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.concat(chunks)), {}))
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
          sheetRows++;
          ids.add(`${row.getCell(1).text}|${row.getCell(4).text}`);
        }
      if (sheetRows !== total.total || ids.size - 1 !== total.total) throw new Error(`文件 ${sheetRows} 行（不同 ${ids.size - 1} 行），列表 ${total.total} 行`);
      results.push({ query: `GET /api/hazards/export${query}`, rows: total.total, seconds, bytes, peakMiB: peak / 2 ** 20, startMiB: rss.start / 2 ** 20 });
    }
    await app.close();
    console.log(`负载（1/5/15 分钟）：${loadAverage()}`);
    console.table(results.map((r) => ({ 请求: r.query, 行数: r.rows, 秒: r.seconds.toFixed(2), 'MiB（文件）': (r.bytes / 2 ** 20).toFixed(1), '峰值 RSS MiB': r.peakMiB.toFixed(0), '起始 RSS MiB': r.startMiB.toFixed(0) })));
    // the process holds the seed loader's heap as well: the export's own memory is the rise over the starting RSS
    const full = results[0]!;
    if (full.rows < rows) throw new Error(`导出的台账只有 ${full.rows} 行`);
    const rise = full.peakMiB - full.startMiB;
    console.log(`导出 ${full.rows} 行：${full.seconds.toFixed(1)} 秒，内存增加 ${rise.toFixed(0)} MiB`);
    if (full.seconds >= 20 || rise >= 300) throw new Error(`超出要求：${full.seconds.toFixed(1)} 秒，内存增加 ${rise.toFixed(0)} MiB（要求 < 20 秒、< 300 MiB）`);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.KEEP_DB !== '1') await scratch.drop();
  }
}
