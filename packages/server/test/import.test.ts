import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, deflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { generateProvince, withCheckChar } from '@anjian/domain';
import { readXlsxRows } from '../src/modules/registry/importXlsx.js';
import { MAX_IMPORT_ROWS } from '../src/modules/registry/importService.js';
import { createHarness, dbKinds, waitForJob, type Harness } from './harness.js';
import { buildApp } from '../src/app.js';

const HEADERS = ['统一社会信用代码', '企业名称', '行政区划代码', '地址', '行业', '风险赋码', '危险源数量', '重大危险源数量', '安全生产标准化等级', '信用状态', '近三年死亡事故起数', '纳入非现场监管', '法定代表人', '联系电话', '从业人员数', '监管层级'];
const code = (n: number) => withCheckChar(`91330106MA3${String(n).padStart(6, '0')}`);
const row = (n: number, over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    统一社会信用代码: code(n),
    企业名称: `西湖导入${n}号机械有限公司`,
    行政区划代码: '330106004',
    地址: `西溪街道导入路${n}号`,
    行业: '一般工贸',
    风险赋码: '蓝码',
    危险源数量: '3',
    重大危险源数量: '0',
    安全生产标准化等级: '三级',
    信用状态: '一般',
    近三年死亡事故起数: '0',
    纳入非现场监管: '否',
    法定代表人: '李四',
    联系电话: '13800000001',
    从业人员数: '80',
    监管层级: '县级',
    ...over,
  };
  return HEADERS.map((h) => base[h] ?? '');
};

async function xlsx(rows: string[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, filename: string) {
  const boundary = '----anjian';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(dbKinds)('enterprise import on %s', (kind) => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    // small commit chunks, so that commits of a few hundred rows run through several
    h = await createHarness(kind, { enterprises: 200, config: { importChunkRows: 500 } });
    cookie = await h.login('county.officer');
  });
  afterAll(() => h?.close());

  async function upload(file: Buffer, filename: string) {
    const m = multipart(file, filename);
    const res = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie, ...m.headers }, payload: m.payload });
    expect(res.statusCode).toBe(202);
    return waitForJob(h, cookie, res.json().jobId);
  }
  async function commit(jobId: string) {
    const res = await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${jobId}/commit`, headers: { cookie } });
    expect(res.statusCode).toBe(202);
    return waitForJob(h, cookie, jobId);
  }
  const count = async () => Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from enterprises`))[0]!.n);

  it('R2: the template downloads as .xlsx and .csv with the Chinese headers', async () => {
    const x = await h.app.inject({ method: 'GET', url: '/api/enterprises/import/template?format=xlsx', headers: { cookie } });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const headers = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1).map((v) => v.replace('*', ''));
    expect(headers).toEqual(HEADERS);
    const c = await h.app.inject({ method: 'GET', url: '/api/enterprises/import/template?format=csv', headers: { cookie } });
    expect(c.headers['content-type']).toContain('text/csv');
    expect(c.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toContain('统一社会信用代码*');
  });

  it('R2: the preview lists every bad row with its reason; the commit writes the good rows in one go', async () => {
    const n = await count();
    const wrong = code(4).slice(0, 17) + (code(4)[17] === '0' ? '1' : '0');
    const rows = [
      row(1),
      row(2, { 行业: '危险化学品', 风险赋码: '红', 危险源数量: '12', 重大危险源数量: '2', 纳入非现场监管: '是' }),
      row(3, { 风险赋码: '紫码' }),
      row(4, { 统一社会信用代码: wrong }),
      row(5, { 行政区划代码: '330102001' }), // another county
      row(6, { 从业人员数: '很多' }),
      row(1, { 企业名称: '重复的行' }), // same code as row 1
      row(8, { 监管层级: '乡镇' }),
    ];
    const job = await upload(await xlsx(rows), '企业.xlsx');
    expect(job).toMatchObject({ status: 'previewed', total: 8, validCount: 3, errorCount: 5, createCount: 3, updateCount: 0 });
    const errors = job.errors as { row: number; messages: string[] }[];
    expect(errors.map((e) => e.row)).toEqual([4, 5, 6, 7, 8]);
    expect(errors[0]!.messages.join()).toContain('风险赋码“紫码”不是可选值');
    expect(errors[1]!.messages.join()).toContain('校验位错误');
    expect(errors[2]!.messages.join()).toContain('不在您的管辖范围内');
    expect(errors[3]!.messages.join()).toContain('从业人员数应为非负整数');
    expect(errors[4]!.messages.join()).toContain('与第2行的统一社会信用代码重复');
    expect(await count()).toBe(n); // preview writes nothing
    const done = await commit(job.id as string);
    expect(done).toMatchObject({ status: 'committed', createCount: 3, updateCount: 0 });
    expect(await count()).toBe(n + 3);
    const [e2] = await h.database.rows<Record<string, unknown>>(sql`select e.*, a.name as agency from enterprises e join agencies a on a.id = e.supervising_agency_id where credit_code = ${code(2)}`);
    expect(e2).toMatchObject({ industry: 'hazardous_chemicals', risk_code: 'red', hazard_source_count: 12, major_hazard_source_count: 2, non_site_monitored: true, agency: '杭州市西湖区应急管理局' });
    const [e8] = await h.database.rows<Record<string, unknown>>(sql`select a.name as agency from enterprises e join agencies a on a.id = e.supervising_agency_id where credit_code = ${code(8)}`);
    expect(e8!.agency).toBe('西湖区西溪街道应急管理办公室'); // R1: the township agency of the enterprise's place
    // A job cannot be committed twice.
    const again = await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${job.id}/commit`, headers: { cookie } });
    expect(again.statusCode).toBe(409);
  });

  it('R2: re-importing the same file changes nothing; a changed row updates the stored enterprise and its history', async () => {
    const rows = [row(1), row(2, { 行业: '危险化学品', 风险赋码: '红', 危险源数量: '12', 重大危险源数量: '2', 纳入非现场监管: '是' }), row(8, { 监管层级: '乡镇' })];
    const same = await upload(await xlsx(rows), 'again.xlsx');
    expect(same).toMatchObject({ status: 'previewed', validCount: 3, createCount: 0, updateCount: 0 });
    const audits = Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n);
    await commit(same.id as string);
    expect(Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n)).toBe(audits);

    const changed = await upload(await xlsx([row(1, { 从业人员数: '95', 风险赋码: '黄码' })]), 'changed.xlsx');
    expect(changed).toMatchObject({ createCount: 0, updateCount: 1 });
    await commit(changed.id as string);
    const [e] = await h.database.rows<{ id: number; employee_count: number; risk_code: string; version: number }>(sql`select * from enterprises where credit_code = ${code(1)}`);
    expect(e).toMatchObject({ employee_count: 95, risk_code: 'yellow', version: 2 });
    const hist = (await h.app.inject({ method: 'GET', url: `/api/enterprises/${e!.id}/history`, headers: { cookie } })).json().items;
    expect(hist[0]).toMatchObject({ action: 'update', reason: '批量导入' });
    expect(hist[0].changes.map((c: { field: string }) => c.field).sort()).toEqual(['employeeCount', 'riskCode']);
  });

  it('R35: a commit over several chunks audits every created and updated enterprise exactly once, and the chain verifies', async () => {
    const small = await upload(await xlsx([row(300000), row(300001)]), 'first.xlsx');
    await commit(small.id as string);
    const rows = [row(300000, { 联系电话: '13900000000' }), row(300001, { 联系电话: '13900000001' })];
    for (let n = 310000; n < 311200; n++) rows.push(row(n)); // three chunks of 500
    const csv = '\uFEFF' + [HEADERS, ...rows].map((r) => r.join(',')).join('\r\n');
    const job = await upload(Buffer.from(csv), 'many.csv');
    expect(job).toMatchObject({ status: 'previewed', total: 1202, createCount: 1200, updateCount: 2 });
    const done = await commit(job.id as string);
    expect(done).toMatchObject({ status: 'committed', createCount: 1200, updateCount: 2 });
    const audited = await h.database.rows<{ credit_code: string; creates: number; updates: number; same_id: boolean }>(
      sql`select e.credit_code,
                 count(*) filter (where a.action = 'create')::int as creates,
                 count(*) filter (where a.action = 'update' and a.after->>'contactPhone' = e.contact_phone)::int as updates,
                 bool_and(a.action <> 'create' or (a.after->>'id')::bigint = e.id and a.after->>'creditCode' = e.credit_code) as same_id
            from enterprises e join audit_log a on a.entity_type = 'enterprise' and a.entity_id = e.id::text and a.reason = '批量导入'
           where e.credit_code like '91330106MA33%'
           group by e.credit_code`,
    );
    const byCode = new Map(audited.map((r) => [r.credit_code, r]));
    expect(audited.filter((r) => r.credit_code >= code(310000) && r.credit_code <= code(311199))).toHaveLength(1200);
    for (let n = 310000; n < 311200; n += 97) expect(byCode.get(code(n))).toMatchObject({ creates: 1, updates: 0, same_id: true });
    expect(audited.every((r) => r.creates === 1 && r.same_id)).toBe(true);
    expect(byCode.get(code(300000))).toMatchObject({ creates: 1, updates: 1 });
    expect(byCode.get(code(300001))).toMatchObject({ creates: 1, updates: 1 });
    const v = (await h.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: await h.login('admin') } })).json();
    expect(v).toMatchObject({ ok: true, firstBroken: null });
  }, 60_000);

  it('R1: an import may not move an enterprise to another supervising agency', async () => {
    const job = await upload(await xlsx([row(1, { 从业人员数: '95', 风险赋码: '黄码', 监管层级: '市级' })]), 'move.xlsx');
    expect(job).toMatchObject({ validCount: 0, errorCount: 1 });
    expect((job.errors as { messages: string[] }[])[0]!.messages.join()).toContain('变更监管主体');
  });

  it('R2: a CSV saved by Excel in GB18030 is read correctly', async () => {
    const lines = [HEADERS.join(','), row(20).join(','), row(21, { 行业: '粉尘涉爆' }).join(',')].join('\r\n');
    // GB18030 bytes for the Chinese text (Node has no GB encoder; build it from a known decoder round-trip).
    const gb = encodeGb18030(lines);
    const job = await upload(gb, 'enterprises.csv');
    expect(job).toMatchObject({ status: 'previewed', validCount: 2, errorCount: 0 });
    await commit(job.id as string);
    const [e] = await h.database.rows<{ name: string; industry: string }>(sql`select name, industry from enterprises where credit_code = ${code(21)}`);
    expect(e).toEqual({ name: '西湖导入21号机械有限公司', industry: 'dust_explosion' });
  });

  it('R2: the commit classifies against the register as it is then: a row registered since the preview is updated, not duplicated', async () => {
    const job = await upload(await xlsx([row(40), row(41)]), 'later.xlsx');
    expect(job).toMatchObject({ status: 'previewed', createCount: 2, updateCount: 0 });
    expect(job).not.toHaveProperty('file'); // a poll never carries the uploaded file
    // Someone registers row 41's enterprise between the preview and the commit (same agency, other head count).
    const [agency] = await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: { cookie },
      payload: { creditCode: code(41), name: '西湖导入41号机械有限公司', regionCode: '330106004', address: '西溪街道导入路41号', industry: 'industry_trade', riskCode: 'blue', hazardSourceCount: 3, majorHazardSourceCount: 0, standardizationLevel: 'level3', creditStatus: 'normal', fatalAccidents3y: 0, nonSiteMonitored: false, legalRepresentative: '李四', contactPhone: '13800000001', employeeCount: 10, supervisingAgencyId: agency!.id },
    });
    expect(created.statusCode).toBe(201);
    const done = await commit(job.id as string);
    expect(done).toMatchObject({ status: 'committed', createCount: 1, updateCount: 1, errorCount: 0 });
    const [e] = await h.database.rows<{ employee_count: number; version: number }>(sql`select employee_count, version from enterprises where credit_code = ${code(41)}`);
    expect(e).toEqual({ employee_count: 80, version: 2 });
    const [{ n }] = (await h.database.rows<{ n: number }>(sql`select count(*)::int as n from import_jobs where id = ${job.id as string} and file is null`)) as [{ n: number }];
    expect(n).toBe(1); // the file is dropped once committed
  });

  it('R2: a commit that fails after some chunks are written leaves nothing behind (one transaction)', async () => {
    const job = await upload(await xlsx([row(50), row(51)]), 'swap.xlsx');
    expect(job).toMatchObject({ status: 'previewed', createCount: 2 });
    // The stored file now has the same two good rows first, then so many rows that the limit is only reached after
    // the first chunks have been inserted and audited.
    const big = sheetFile([HEADERS, row(50), row(51)], MAX_IMPORT_ROWS);
    await h.database.rows(sql`update import_jobs set file = ${big} where id = ${job.id as string}`);
    const n = await count();
    const audits = async () => Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]!.n);
    const before = await audits();
    const done = await commit(job.id as string);
    expect(done).toMatchObject({ status: 'failed', message: `单次最多导入${MAX_IMPORT_ROWS}行，请拆分文件` });
    expect(await count()).toBe(n);
    expect(await audits()).toBe(before);
  });

  /** The process restarts: a new app on the same database runs the recovery of interrupted jobs at start. */
  async function restart() {
    const app = await buildApp(h.ctx);
    await app.close(); // waits for the recovery at start
  }
  const jobRow = async (id: string) =>
    (await h.database.rows<{ status: string; lease_owner: string | null; has_file: boolean }>(sql`select status, lease_owner, file is not null as has_file from import_jobs where id = ${id}`))[0]!;

  it('R2: a commit interrupted by a crash (job committing, lease expired, some chunks written) is marked failed with a reason after restart; the retry from the stored file writes each row once', async () => {
    const rows = [row(60), row(61), row(62), row(63), row(64)];
    const job = await upload(await xlsx(rows), 'crash.xlsx');
    expect(job).toMatchObject({ status: 'previewed', createCount: 5, retryable: false });
    const n = await count();
    // What a killed process leaves: the job claimed for commit under its lease, which it no longer renews, and the
    // rows of the chunks it had already written (here two, written as an import of their own would).
    const part = await upload(await xlsx([row(60), row(61)]), 'part.xlsx');
    await commit(part.id as string);
    await h.database.rows(
      sql`update import_jobs set status = 'committing', attempts = 1, processed = 2, lease_owner = 'dead-host:1:00000000', lease_until = now() - interval '5 seconds' where id = ${job.id as string}`,
    );
    expect(await count()).toBe(n + 2);
    await restart();
    const failed = await waitForJob(h, cookie, job.id as string);
    expect(failed).toMatchObject({ status: 'failed', retryable: true });
    expect(failed.message).toContain('提交过程中服务中断');
    expect(await jobRow(job.id as string)).toMatchObject({ lease_owner: null, has_file: true });
    const retried = await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${job.id}/retry`, headers: { cookie } });
    expect(retried.statusCode).toBe(202);
    const done = await waitForJob(h, cookie, job.id as string);
    expect(done).toMatchObject({ status: 'committed', total: 5, createCount: 3, updateCount: 0, errorCount: 0, retryable: false });
    expect(done.message).toContain('无变化2');
    expect(await count()).toBe(n + 5);
    const dup = await h.database.rows(sql`select credit_code from enterprises where credit_code in (${sql.join(rows.map((r) => sql`${r[0]!}`), sql`, `)}) group by 1 having count(*) > 1`);
    expect(dup).toEqual([]);
    expect(await jobRow(job.id as string)).toMatchObject({ status: 'committed', has_file: false });
    const v = (await h.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: await h.login('admin') } })).json();
    expect(v).toMatchObject({ ok: true });
  });

  it('R2: a commit left committing by a dead process is taken over by the retried commit itself; one under a live lease elsewhere is not', async () => {
    const job = await upload(await xlsx([row(70), row(71)]), 'takeover.xlsx');
    const n = await count();
    const id = job.id as string;
    // another process is committing it now (live lease): neither the recovery nor a second commit may touch it
    await h.database.rows(sql`update import_jobs set status = 'committing', attempts = 1, lease_owner = 'other-host:2:00000000', lease_until = now() + interval '1 minute' where id = ${id}`);
    await restart();
    expect((await jobRow(id)).status).toBe('committing');
    const busy = await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${id}/commit`, headers: { cookie } });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toBe('该导入任务正在提交，请稍候');
    // its lease runs out (the process died): the user's retry of the commit takes the job over
    await h.database.rows(sql`update import_jobs set lease_until = now() - interval '1 second' where id = ${id}`);
    const res = await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${id}/commit`, headers: { cookie } });
    expect(res.statusCode).toBe(202);
    expect(await waitForJob(h, cookie, id)).toMatchObject({ status: 'committed', createCount: 2 });
    expect(await count()).toBe(n + 2);
  });

  it('R2: a preview interrupted by a crash is marked failed after restart and runs again from the stored file', async () => {
    const job = await upload(await xlsx([row(80), row(81, { 风险赋码: '紫码' })]), 'preview.xlsx');
    const id = job.id as string;
    await h.database.rows(sql`update import_jobs set status = 'parsing', processed = 0, lease_owner = 'dead-host:1:00000000', lease_until = now() - interval '1 second' where id = ${id}`);
    await restart();
    const failed = await waitForJob(h, cookie, id);
    expect(failed).toMatchObject({ status: 'failed', retryable: true });
    expect(failed.message).toContain('校验过程中服务中断');
    // a commit is refused (nothing was previewed); the retry runs the preview again
    expect((await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${id}/commit`, headers: { cookie } })).statusCode).toBe(409);
    const other = await h.login('city.officer'); // someone else's job is not found
    expect((await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${id}/retry`, headers: { cookie: other } })).statusCode).toBe(404);
    const res = await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${id}/retry`, headers: { cookie } });
    expect(res.statusCode).toBe(202);
    expect(await waitForJob(h, cookie, id)).toMatchObject({ status: 'previewed', total: 2, createCount: 1, errorCount: 1 });
    expect(await commit(id)).toMatchObject({ status: 'committed', createCount: 1 });
    // nothing left to retry
    expect((await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${id}/retry`, headers: { cookie } })).statusCode).toBe(409);
  });

  it('R2: a file without the required columns or not a spreadsheet fails with a clear reason', async () => {
    const missing = await upload(await xlsx([['x', 'y']], ['企业名称', '地址']), 'bad.xlsx');
    expect(missing.status).toBe('failed');
    expect(missing.message).toContain('缺少必填列：统一社会信用代码、行政区划代码、行业、风险赋码、监管层级');
    const notXlsx = await upload(Buffer.from('hello'), 'fake.xlsx');
    expect(notXlsx.status).toBe('failed');
    expect(notXlsx.message).toContain('.xlsx');
    const pdf = multipart(Buffer.from('%PDF'), 'a.pdf');
    const res = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie, ...pdf.headers }, payload: pdf.payload });
    const job = await waitForJob(h, cookie, res.json().jobId);
    expect(job.message).toContain('仅支持 .xlsx 或 .csv');
    // Another user cannot see or commit someone else's job.
    const other = await h.login('county2.officer');
    expect((await h.app.inject({ method: 'GET', url: `/api/enterprises/import/${job.id}`, headers: { cookie: other } })).statusCode).toBe(404);
  });
});

describe('the .xlsx reader', () => {
  it('reads what ExcelJS writes: shared and rich text, numbers, booleans, formula results, gaps, entities; the first sheet only', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(['统一社会信用代码', '企业名称', '从业人员数']);
    ws.getCell('A2').value = ' 91330106MA2H0X0J3Q ';
    ws.getCell('B2').value = { richText: [{ text: '杭州', font: { bold: true } }, { text: '示例 & <化工> "有限" 公司' }] };
    ws.getCell('C2').value = 120;
    ws.getCell('A4').value = 3.5; // row 3 stays empty
    ws.getCell('C4').value = 13800000001;
    ws.getCell('D4').value = true;
    ws.getCell('E4').value = { formula: 'C4+1', result: 13800000002 };
    ws.getCell('F4').value = '是';
    wb.addWorksheet('填写说明').addRow(['不应读到']);
    const rows = await readXlsxRows(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { n: 1, values: ['统一社会信用代码', '企业名称', '从业人员数'] },
      { n: 2, values: ['91330106MA2H0X0J3Q', '杭州示例 & <化工> "有限" 公司', '120'] },
      { n: 4, values: ['3.5', '', '13800000001', 'true', '13800000002', '是'] },
    ]);
  });

  it('reads inline strings and a sheet long enough to be scanned in several slices, multi-byte text intact', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/anjian-import-test-${process.pid}.xlsx`;
    // Inline strings (no shared string table), as some tools write them.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(HEADERS).commit();
    const n = 6000;
    for (let i = 1; i <= n; i++) ws.addRow(row(i, { 地址: `浙江省杭州市西湖区西溪街道导入路${i}号（厂区东侧）` })).commit();
    ws.commit();
    await wb.commit();
    const { readFile, rm } = await import('node:fs/promises');
    const rows = await readXlsxRows(await readFile(file));
    await rm(file, { force: true });
    expect(rows).toHaveLength(n + 1);
    rows.slice(1).forEach((r, i) => {
      expect(r.n).toBe(i + 2);
      expect(r.values).toEqual(row(i + 1, { 地址: `浙江省杭州市西湖区西溪街道导入路${i + 1}号（厂区东侧）` }));
    });
  });

  it('reads what other writers produce: namespace prefixes, <sheetData> far from the start, cells without references, str/e/d/inlineStr types', async () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    // Some 120 KiB of column definitions before <x:sheetData> (Excel writes one <col> per formatted range).
    const cols = Array.from({ length: 2000 }, (_, i) => `<x:col min="${i + 1}" max="${i + 1}" width="12.5" customWidth="1"/>`).join('');
    const file = zipOf({
      'xl/workbook.xml': `<x:workbook ${ns}><x:sheets><x:sheet name="名录" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>',
      'xl/strings.xml': `<x:sst ${ns}><x:si><x:t>企业名称</x:t></x:si><x:si><x:r><x:t xml:space="preserve"> 杭州</x:t></x:r><x:r><x:t>示例公司 </x:t></x:r></x:si></x:sst>`,
      'xl/worksheets/data.xml':
        `<x:worksheet ${ns}><x:cols>${cols}</x:cols><x:sheetData>` +
        '<x:row r="1" spans="1:4"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="str"><x:v>A &amp; B</x:v></x:c></x:row>' +
        '<x:row r="2"/>' +
        '<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="C3" t="e"><x:v>#N/A</x:v></x:c><x:c r="D3" t="d"><x:v>2026-11-23T00:00:00</x:v></x:c>' +
        '<x:c r="E3" t="inlineStr"><x:is><x:t>行内&lt;文本&gt;</x:t></x:is></x:c><x:c r="F3"><x:v>007</x:v></x:c><x:c r="G3"><x:v>1.5E3</x:v></x:c></x:row>' +
        '</x:sheetData><x:rowBreaks count="1"><x:brk id="3"/></x:rowBreaks></x:worksheet>',
    });
    expect(await readXlsxRows(file)).toEqual([
      { n: 1, values: ['企业名称', 'A & B'] },
      { n: 3, values: ['杭州示例公司', '', '#N/A', '2026-11-23', '行内<文本>', '7', '1500'] },
    ]);
  });

  it('the generator never gives more major hazard sources than hazard sources (its rows pass the import)', () => {
    for (const e of generateProvince({ seed: 20260101, enterprises: 20_000 }).enterprises()) {
      expect(e.majorHazardSourceCount).toBeLessThanOrEqual(e.hazardSourceCount);
    }
  });
});

/** An .xlsx of inline-string rows, then `filler` rows with one cell (a shared string) in column B. */
function sheetFile(rows: string[][], filler: number): Buffer {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = rows.map((r, i) => `<row r="${i + 1}">${r.map((v) => `<c t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`);
  for (let k = rows.length + 1; k <= rows.length + filler; k++) parts.push(`<row r="${k}"><c r="B${k}" t="s"><v>0</v></c></row>`);
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zipOf({
    'xl/workbook.xml': `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业名录" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/sharedStrings.xml': `<sst ${ns}><si><t>填充</t></si></sst>`,
    'xl/worksheets/sheet1.xml': `<worksheet ${ns}><sheetData>${parts.join('')}</sheetData></worksheet>`,
  });
}

/** A ZIP of deflated text entries (local headers, central directory, end record), for hand-written workbooks. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(fileName.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(fileName.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, fileName, packed);
    central.push(dir, fileName);
    offset += head.length + fileName.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Encodes text as GB18030 by looking each character up through the decoder (test-only; slow but exact). */
function encodeGb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    let bytes = table.get(ch);
    if (!bytes) {
      search: for (let b1 = 0x81; b1 <= 0xfe; b1++) {
        for (let b2 = 0x40; b2 <= 0xfe; b2++) {
          if (dec.decode(new Uint8Array([b1, b2])) === ch) {
            bytes = [b1, b2];
            break search;
          }
        }
      }
      if (!bytes) throw new Error(`cannot encode ${ch}`);
      table.set(ch, bytes);
    }
    out.push(...bytes);
  }
  return Buffer.from(out);
}
