// Excel exports of every ledger (lib/xlsxExport.ts): Chinese headers, the list's own filter and total, Chinese labels
// instead of enum values, and the caller's jurisdiction only. Data: the demo year (seed/demoYear.ts), made through the
// API in two neighbouring counties. R5/R13 (draws), R22 (hazards), R25–R29 (cases, publications), R4 (officers),
// R32 (credit facts, blacklist).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  creditFactKinds,
  escalationLevels,
  hazardStatuses,
  industries,
  penaltyCaseStatuses,
  penaltyProcedures,
  publicationWithdrawalGrounds,
} from '@anjian/domain';
import { openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/context.js';
import { openAuditTrail } from '../src/modules/audit/chain.js';
import { seedWithDemoYear } from '../src/seed/demoYear.js';
import { ADMIN_PASSWORD, createTestDatabase, dbKinds, DEMO_PASSWORD } from './harness.js';

const CJK = /[\u4e00-\u9fa5]/;
const ENUMS = new Set<string>([...creditFactKinds, ...escalationLevels, ...hazardStatuses, ...industries, ...penaltyCaseStatuses, ...penaltyProcedures, ...publicationWithdrawalGrounds, 'general', 'serious', 'valid', 'expiring', 'expired', 'true', 'false', 'null', 'undefined']);

describe.each(dbKinds)('ledger exports on %s', (kind) => {
  let database: Database;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let dir: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const db = await createTestDatabase(kind);
    drop = db.drop;
    database = await openDatabase({ url: db.url, kind });
    dir = mkdtempSync(path.join(os.tmpdir(), 'anjian-exports-'));
    const config = defaultConfig({ dataDir: dir });
    await openAuditTrail(database, config);
    const r = await seedWithDemoYear(database, config, { demo: true, enterprises: 1500, adminPassword: ADMIN_PASSWORD, demoPassword: DEMO_PASSWORD }, () => undefined);
    expect(r.year?.failures).toEqual([]);
    app = await buildApp({ database, config });
    for (const u of ['county.officer', 'county2.officer', 'county.leader', 'oversight', 'enterprise']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: DEMO_PASSWORD } });
      cookies[u] = `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`;
    }
  }, 900_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const get = async (url: string, who = 'county.officer') => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res;
  };
  const json = async (url: string, who?: string) => (await get(url, who)).json();
  /** Header row and data rows of an export, as text. */
  const sheet = async (url: string, who?: string) => {
    const res = await get(url, who);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c) => void cells.push(String(c.text ?? '')));
      rows.push(cells);
    });
    const [header, ...data] = rows;
    return { header: header!, data };
  };
  const plain = (s: { header: string[]; data: string[][] }) => {
    for (const h of s.header) expect(h, h).toMatch(CJK);
    for (const row of s.data)
      for (const cell of row) {
        expect(ENUMS.has(cell), `enum value in a cell: ${cell}`).toBe(false);
        expect(cell, 'an English word in a cell').not.toMatch(/^[a-z]+(_[a-z]+)*$/);
      }
  };
  const column = (s: { header: string[]; data: string[][] }, name: string) => {
    const k = s.header.indexOf(name);
    expect(k, name).toBeGreaterThanOrEqual(0);
    return s.data.map((r) => r[k] ?? '');
  };

  it('R22: the hazard ledger — filters, total, labels, and the county only', async () => {
    for (const q of ['', '?status=closed', '?status=unclosed', '?overdue=true']) {
      const list = await json(`/api/hazards${q}${q ? '&' : '?'}pageSize=1`);
      const s = await sheet(`/api/hazards/export${q}`);
      expect(s.header.slice(0, 4)).toEqual(['企业名称', '统一社会信用代码', '执法机构', '隐患描述']);
      expect(s.data.length, q).toBe(list.total);
      plain(s);
      // the credit code carries the county's region code: another county's rows are absent
      expect(column(s, '统一社会信用代码').every((c) => c.startsWith('91330106'))).toBe(true);
    }
    const all = await sheet('/api/hazards/export');
    expect(all.data.length).toBeGreaterThan(0);
    expect(new Set(column(all, '状态'))).toEqual(new Set(['整改中', '待复查', '已销号']));
    expect(column(all, '督办措施').some((x) => ['函告', '通报', '约谈', '挂牌督办'].includes(x))).toBe(true);
    const neighbour = await sheet('/api/hazards/export', 'county2.officer');
    expect(neighbour.data.length).toBeGreaterThan(0);
    expect(column(neighbour, '统一社会信用代码').every((c) => c.startsWith('91330102'))).toBe(true);
  });

  it('R25–R29: the penalty-case ledger, by status, in Chinese', async () => {
    for (const q of ['', '?status=closed', '?status=notified']) {
      const list = await json(`/api/penalty-cases${q}${q ? '&' : '?'}pageSize=1`);
      const s = await sheet(`/api/penalty-cases/export${q}`);
      expect(s.header.slice(0, 6)).toEqual(['案件编号', '当事人', '统一社会信用代码', '执法机构', '程序', '状态']);
      expect(s.data.length, q).toBe(list.total);
      plain(s);
    }
    const all = await sheet('/api/penalty-cases/export');
    expect(new Set(column(all, '状态')).size).toBeGreaterThanOrEqual(8);
    expect(column(all, '状态')).toContain('已结案');
    expect(column(all, '程序')).toContain('普通程序');
    // the neighbour has no cases: its export is the header alone
    expect((await sheet('/api/penalty-cases/export', 'county2.officer')).data).toHaveLength(0);
  });

  it('R29: the publication ledger follows its tabs; the enterprise has none', async () => {
    const list = await json('/api/penalty-publications');
    for (const status of ['pending', 'published', 'withdrawn'] as const) {
      const s = await sheet(`/api/penalty-publications/export?status=${status}`);
      expect(s.header).toContain('公示状态');
      expect(s.data.length, status).toBe(list.counts[status]);
      plain(s);
    }
    const withdrawn = await sheet('/api/penalty-publications/export?status=withdrawn');
    expect(column(withdrawn, '撤回理由类别')).toEqual(['被依法变更']);
    expect((await sheet('/api/penalty-publications/export', 'county2.officer')).data).toHaveLength(0);
    const res = await app.inject({ method: 'GET', url: '/api/penalty-publications/export', headers: { cookie: cookies.enterprise! } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(CJK);
  });

  it('R4: the officer register with its filters, the agency only', async () => {
    for (const q of ['', '?credentialStatus=expiring', '?credentialStatus=expired']) {
      const list = await json(`/api/officers${q}${q ? '&' : '?'}pageSize=1`);
      const s = await sheet(`/api/officers/export${q}`);
      expect(s.header.slice(0, 5)).toEqual(['姓名', '执法证号', '有效期起', '有效期止', '执法证状态']);
      expect(s.data.length, q).toBe(list.total);
      plain(s);
      expect(column(s, '所属机构').every((a) => a.includes('西湖区'))).toBe(true);
    }
  });

  it('R32: the violation database and the blacklist', async () => {
    const facts = await json('/api/credit/violations', 'county.leader');
    const s = await sheet('/api/credit/violations/export', 'county.leader');
    expect(s.header.slice(0, 4)).toEqual(['企业名称', '统一社会信用代码', '信用信息类别', '失信程度']);
    expect(s.data.length).toBe(facts.items.length);
    expect(s.data.length).toBeGreaterThan(0);
    plain(s);
    expect(column(s, '信用信息类别')).toContain('行政处罚');
    expect((await sheet('/api/credit/violations/export?severity=serious', 'county.leader')).data.length).toBe((await json('/api/credit/violations?severity=serious', 'county.leader')).items.length);
    expect((await sheet('/api/credit/violations/export', 'county2.officer')).data).toHaveLength((await json('/api/credit/violations', 'county2.officer')).items.length);

    const bl = await json('/api/credit/blacklist', 'county.leader');
    const b = await sheet('/api/credit/blacklist/export', 'county.leader');
    expect(b.header.slice(0, 5)).toEqual(['企业名称', '统一社会信用代码', '列入日期', '管理期满', '状态']);
    expect(b.data.length).toBe(bl.listings.length);
    expect(b.data.length).toBe(1);
    plain(b);
    expect(column(b, '状态')).toEqual(['管理期内']);
    expect(column(b, '列入情形')[0]).toMatch(CJK);
    expect((await sheet('/api/credit/blacklist/export', 'county2.officer')).data).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: '/api/credit/blacklist/export', headers: { cookie: cookies.enterprise! } })).statusCode).toBe(403);
  });

  it('R13: the draw records of a plan, the agency only', async () => {
    const own = (await json('/api/draws')).items as { inputHash: string }[];
    const other = (await json('/api/draws', 'county2.officer')).items as { inputHash: string }[];
    const s = await sheet('/api/draws/export');
    expect(s.header.slice(0, 4)).toEqual(['抽取名称', '抽取日期', '随机种子', '抽取对象数']);
    expect(s.data.length).toBe(own.length);
    plain(s);
    const hashes = column(s, '输入文件哈希（SM3）');
    expect(new Set(hashes)).toEqual(new Set(own.map((d) => d.inputHash)));
    for (const d of other) expect(hashes).not.toContain(d.inputHash);
  });
});
