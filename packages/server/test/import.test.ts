import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { withCheckChar } from '@anjian/domain';
import { createHarness, dbKinds, waitForJob, type Harness } from './harness.js';

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
    h = await createHarness(kind, { enterprises: 200 });
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
