// R36: the periodic reports — figures from the statistics layer, due dates from the calendar, submission upward,
// lateness, the upper level's board, return for correction, jurisdiction, and the official .xlsx / PDF forms.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { daysBetween, parseReportPeriod, reportDueDate, reportFiguresFrom, reportRows } from '@anjian/domain';
import { createHarness, dbKinds, DEMO_PASSWORD, type Harness } from './harness.js';
import { pdfLines } from './pdfText.js';
import { shanghaiDate } from '../src/lib/diff.js';

const MONTH = '2026-04'; // due 2026-05-10, a Sunday → 2026-05-11
const MONTH2 = '2026-03';

describe.each(dbKinds)('reports (%s)', (kind) => {
  let h: Harness;
  let officer: string; // county.officer, 西湖区
  let countyLeader: string; // county.leader, 西湖区
  let county2: string; // county2.officer, 上城区
  let cityLeader: string; // a leader of 杭州市, made here
  let provLeader: string;
  let enterprise: string;
  let county: { id: number; region: string };
  let county2Agency: number;
  let city: number;
  const today = shanghaiDate();

  const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (method: 'POST' | 'PUT', url: string, cookie: string, payload: unknown) => h.app.inject({ method, url, headers: { cookie }, payload: payload as object });

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 200 });
    officer = await h.login('county.officer');
    countyLeader = await h.login('county.leader');
    county2 = await h.login('county2.officer');
    provLeader = await h.login('leader');
    enterprise = await h.login('enterprise');
    const admin = await h.login('admin');
    const ag = await h.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from agencies where region_code in ('330106', '330102', '330100') order by region_code`);
    city = Number(ag.find((a) => a.region_code === '330100')!.id);
    county2Agency = Number(ag.find((a) => a.region_code === '330102')!.id);
    const c = ag.find((a) => a.region_code === '330106')!;
    county = { id: Number(c.id), region: c.region_code };
    const res = await send('POST', '/api/users', admin, { username: 'city.leader', password: DEMO_PASSWORD, displayName: '市局负责人', role: 'leader', agencyId: city });
    expect(res.statusCode, res.body).toBe(201);
    cityLeader = await h.login('city.leader');

    // Records of the county in April 2026 for the statistics to count: completed inspections (plan and unplanned),
    // hazards found then (one major, one closed).
    const [ent] = await h.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from enterprises where region_code like '330106%' order by id limit 1`);
    const ents = [ent!, ent!, ent!];
    const ins: number[] = [];
    for (const [i, e] of ents.entries()) {
      const [row] = await h.database.rows<{ id: number }>(
        sql`insert into inspections (agency_id, enterprise_id, region_code, origin, planned_date, officer_ids, item_codes, catalog_version, status, public_token, created_by)
            values (${county.id}, ${e.id}, ${e.region_code}, ${i === 0 ? 'unplanned' : 'plan'}, ${`2026-04-1${i}`}::date, '{}', '{}', 1, 'completed', ${`rpt-${kind}-${i}`}, 1) returning id`,
      );
      ins.push(Number(row!.id));
    }
    for (const [i, e] of ents.entries()) {
      await h.database.rows(
        sql`insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, major, responsible_person, deadline, status, created_at)
            values (${i + 1}, ${ins[i]!}, ${e.id}, ${county.id}, ${e.region_code}, '测试隐患', ${i === 0}, '张三', '2026-05-01'::date, ${i === 1 ? 'closed' : 'open'}, '2026-04-20T03:00:00Z')`,
      );
    }
  }, 240_000);
  afterAll(async () => h?.close());

  test('R36: the monthly report shows the figures of the statistics layer for the month and the year to date', async () => {
    const res = await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.periodLabel).toBe('2026年4月');
    expect(r.agency.id).toBe(county.id);
    const stats = (await get(`/api/statistics?agencyId=${county.id}&from=2026-04-01&to=2026-04-30`, officer)).json();
    expect(r.figures.period).toEqual(reportFiguresFrom(stats.total));
    expect(r.figures.period.inspectionsDone).toBe(3);
    expect(r.figures.period.inspectionsDoneUnplanned).toBe(1);
    expect(r.figures.period.hazardsFound).toBe(3);
    expect(r.figures.period.hazardsMajor).toBe(1);
    expect(r.figures.period.hazardsClosed).toBe(1);
    const ytd = (await get(`/api/statistics?agencyId=${county.id}&from=2026-01-01&to=2026-04-30`, officer)).json();
    expect(r.figures.yearToDate).toEqual(reportFiguresFrom(ytd.total));
    // the city's report adds up its counties (the same statistics scope)
    const cityReport = (await get(`/api/reports/monthly?agencyId=${city}&month=${MONTH}`, cityLeader)).json();
    expect(cityReport.figures.period.inspectionsDone).toBe(3);
  });

  test('R36/R38: the due date is the 10th of the next month, moved past a weekend to the next working day', async () => {
    const r = (await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}`, officer)).json();
    expect(r.dueOn).toBe('2026-05-11'); // 2026-05-10 is a Sunday
    expect(r.state).toBe('overdue');
    expect(r.daysLate).toBe(daysBetween('2026-05-11', today));
    const special = (await get(`/api/reports/special_action?agencyId=${county.id}&period=2026-B4`, officer)).json();
    expect(special.dueOn).toBe('2026-09-14'); // 12 September 2026 is a Saturday
    expect(special.periodLabel).toBe('2026年第4次专项行动（7—8月）');
    const oct = (await get(`/api/reports/monthly?agencyId=${county.id}&month=2026-09`, officer)).json();
    expect(oct.dueOn).toBe('2026-10-10'); // a Saturday worked in exchange (调休) is a working day
  });

  test('R36: a figure is annotated, not overwritten; the officer cannot submit, the county leader submits (late by N days)', async () => {
    const before = (await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}`, officer)).json();
    expect(before.can).toEqual({ annotate: true, submit: false, return: false });
    const put = await send('PUT', `/api/reports/monthly/${MONTH}`, officer, { agencyId: county.id, annotations: { hazardsMajor: '重大隐患已挂牌督办', inspectionsDone: '' }, remarks: '本月开展专项检查', version: before.version });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().annotations).toEqual({ hazardsMajor: '重大隐患已挂牌督办' });
    expect(put.json().figures.period).toEqual(before.figures.period);
    // a figure cannot be sent as a value: only explanations of the table's rows are accepted
    const bad = await send('PUT', `/api/reports/monthly/${MONTH}`, officer, { agencyId: county.id, annotations: { notARow: '9' }, version: put.json().version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/说明只能针对报表所列项目/);
    const stale = await send('PUT', `/api/reports/monthly/${MONTH}`, officer, { agencyId: county.id, annotations: {}, version: before.version });
    expect(stale.statusCode).toBe(409);

    const byOfficer = await send('POST', `/api/reports/monthly/${MONTH}/submit`, officer, { agencyId: county.id, version: put.json().version });
    expect(byOfficer.statusCode).toBe(403);
    const sub = await send('POST', `/api/reports/monthly/${MONTH}/submit`, countyLeader, { version: put.json().version });
    expect(sub.statusCode, sub.body).toBe(200);
    const s = sub.json();
    expect(s.status).toBe('submitted');
    expect(s.state).toBe('submitted_late');
    expect(s.daysLate).toBe(daysBetween('2026-05-11', today));
    expect(s.firstSubmittedOn).toBe(today);
    expect(s.submittedBy).toBe('县局负责人');
    expect(s.preparedBy).toBe('县局执法员');
    expect(s.can.annotate).toBe(false);
    // once submitted it is not edited again
    const after = await send('PUT', `/api/reports/monthly/${MONTH}`, officer, { agencyId: county.id, annotations: {}, version: s.version });
    expect(after.statusCode).toBe(409);
    const audit = await h.database.rows<{ action: string }>(sql`select action from audit_log where entity_type = 'report' and entity_id = ${`${county.id}:monthly:${MONTH}`} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['annotate', 'submit']);
  });

  test('R36: a period not yet ended cannot be submitted', async () => {
    const current = today.slice(0, 7);
    const r = (await get(`/api/reports/monthly?agencyId=${county.id}&month=${current}`, countyLeader)).json();
    const res = await send('POST', `/api/reports/monthly/${current}/submit`, countyLeader, { version: r.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/尚未结束/);
  });

  test('R36: the upper level sees who submitted, late or missing; returns a report; the resubmission keeps its first lateness', async () => {
    const board = await get(`/api/reports/submissions?kind=monthly&period=${MONTH}`, cityLeader);
    expect(board.statusCode, board.body).toBe(200);
    const b = board.json();
    expect(b.agency.id).toBe(city);
    expect(b.dueOn).toBe('2026-05-11');
    const xihu = b.items.find((i: { agencyId: number }) => i.agencyId === county.id);
    expect(xihu).toMatchObject({ state: 'submitted_late', daysLate: daysBetween('2026-05-11', today), submittedBy: '县局负责人' });
    const shangcheng = b.items.find((i: { agencyId: number }) => i.agencyId === county2Agency);
    expect(shangcheng).toMatchObject({ state: 'overdue', status: null });
    expect(b.summary.submittedLate).toBe(1);
    expect(b.summary.overdue).toBe(b.summary.total - 1);
    // a submitted report is frozen: what the upper level reads is what was submitted
    const seen = (await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}`, cityLeader)).json();
    expect(seen.can).toEqual({ annotate: false, submit: false, return: true });

    // the county cannot return its own report; the city leader can, with a reason
    expect((await send('POST', `/api/reports/monthly/${MONTH}/return`, countyLeader, { agencyId: county.id, reason: '数据有误', version: seen.version })).statusCode).toBe(403);
    expect((await send('POST', `/api/reports/monthly/${MONTH}/return`, cityLeader, { agencyId: county.id, reason: '', version: seen.version })).statusCode).toBe(400);
    const ret = await send('POST', `/api/reports/monthly/${MONTH}/return`, cityLeader, { agencyId: county.id, reason: '重大隐患数与台账不一致，请核实', version: seen.version });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', state: 'returned', returnReason: '重大隐患数与台账不一致，请核实', returnedBy: '市局负责人' });
    const b2 = (await get(`/api/reports/submissions?kind=monthly&period=${MONTH}`, cityLeader)).json();
    expect(b2.items.find((i: { agencyId: number }) => i.agencyId === county.id)).toMatchObject({ state: 'returned', returnReason: '重大隐患数与台账不一致，请核实' });
    // returning twice is refused
    expect((await send('POST', `/api/reports/monthly/${MONTH}/return`, cityLeader, { agencyId: county.id, reason: '再次退回', version: ret.json().version })).statusCode).toBe(409);

    const mine = (await get(`/api/reports/monthly?month=${MONTH}`, countyLeader)).json();
    expect(mine.can).toMatchObject({ annotate: true, submit: true });
    const again = await send('POST', `/api/reports/monthly/${MONTH}/submit`, countyLeader, { version: mine.version });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'submitted', submissions: 2, firstSubmittedOn: today, state: 'submitted_late' });
  });

  test('R36: a report submitted before its due date counts as on time on the board', async () => {
    // the county's March report: submitted, then dated back to the day before its due date (2026-04-10)
    const r = (await get(`/api/reports/monthly?month=${MONTH2}`, countyLeader)).json();
    expect((await send('POST', `/api/reports/monthly/${MONTH2}/submit`, countyLeader, { version: r.version })).statusCode).toBe(200);
    await h.database.rows(sql`update report_submissions set first_submitted_on = '2026-04-09' where agency_id = ${county.id} and period = ${MONTH2}`);
    const b = (await get(`/api/reports/submissions?kind=monthly&period=${MONTH2}`, cityLeader)).json();
    expect(b.items.find((i: { agencyId: number }) => i.agencyId === county.id)).toMatchObject({ state: 'submitted', daysLate: 0 });
    expect(reportDueDate(parseReportPeriod('monthly', MONTH2)!)).toBe('2026-04-10');
  });

  test('R36: reports are scoped by jurisdiction', async () => {
    // a neighbouring county sees neither the report nor can act on it
    expect((await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}`, county2)).statusCode).toBe(404);
    expect((await send('PUT', `/api/reports/monthly/${MONTH2}`, county2, { agencyId: county.id, annotations: {}, version: 0 })).statusCode).toBe(404);
    expect((await get(`/api/reports/submissions?kind=monthly&period=${MONTH}&agencyId=${county.id}`, county2)).statusCode).toBe(404);
    // the county cannot read the city's board, the province can; enterprises see no reports
    expect((await get(`/api/reports/submissions?kind=monthly&period=${MONTH}&agencyId=${city}`, officer)).statusCode).toBe(404);
    expect((await get(`/api/reports/submissions?kind=monthly&period=${MONTH}&agencyId=${city}`, provLeader)).statusCode).toBe(200);
    expect((await get(`/api/reports/monthly?month=${MONTH}`, enterprise)).statusCode).toBe(403);
    // the province's leader reads the county's report but neither annotates nor submits it
    const r = (await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH2}`, provLeader)).json();
    expect(r.can.annotate).toBe(false);
    expect((await send('POST', `/api/reports/monthly/2026-02/submit`, provLeader, { agencyId: county.id, version: 0 })).statusCode).toBe(403);
  });

  test('R36: bad input is a Chinese 4xx', async () => {
    for (const url of [
      `/api/reports/monthly?month=2026-13`,
      `/api/reports/monthly?month=abc`,
      `/api/reports/weekly?period=2026-01`,
      `/api/reports/special_action?period=2026-B7`,
      `/api/reports/half_year?period=2026-H3`,
      `/api/reports/monthly?month=2026-01&format=doc`,
      `/api/reports/monthly?month=2026-01&agencyId=-1`,
      `/api/reports/submissions?kind=x`,
    ]) {
      const res = await get(url, countyLeader);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await get(`/api/reports/monthly?month=2026-01&agencyId=999999`, countyLeader)).statusCode).toBe(404);
    expect((await send('POST', `/api/reports/monthly/2026-01/submit`, countyLeader, { version: 'x' })).statusCode).toBe(400);
  });

  test('R36: the .xlsx is the official form with its headers at fixed cells and the statistics figures', async () => {
    const res = await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}&format=xlsx`, cityLeader);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const r = (await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}`, cityLeader)).json();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = (addr: string) => String(ws.getCell(addr).value ?? '');
    expect(text('A1')).toBe('监管执法工作情况月报表');
    expect(text('A2')).toBe(`填报单位：${r.agency.name}`);
    expect(text('D2')).toBe('报告期：2026年4月（2026年4月1日至2026年4月30日）');
    expect(text('A3')).toContain('报送期限：2026年5月11日前');
    expect(['A4', 'B4', 'C4', 'D4', 'E4', 'F4'].map(text)).toEqual(['序号', '项目', '单位', '本期', '本年累计', '说明']);
    expect(text('A5')).toBe('一、监管执法检查');
    // rows 6–11: the six inspection rows; 12: section two; 13–17; 18: section three; 19–25
    expect(text('B6')).toBe('执法计划安排检查');
    expect(text('B7')).toBe('完成执法检查');
    expect(ws.getCell('D7').value).toBe(r.figures.period.inspectionsDone);
    expect(ws.getCell('E7').value).toBe(r.figures.yearToDate.inspectionsDone);
    expect(text('A12')).toBe('二、事故隐患排查整改');
    expect(text('B13')).toBe('发现事故隐患');
    expect(ws.getCell('D13').value).toBe(3);
    expect(text('B14')).toBe('其中：重大事故隐患');
    expect(text('F14')).toBe('重大隐患已挂牌督办');
    expect(text('A18')).toBe('三、行政处罚');
    expect(text('B25')).toBe('移送公安、检察机关');
    // every figure of the table equals the statistics (fines in 万元)
    let row = 6;
    for (const rr of reportRows) {
      while (String(ws.getCell(row, 2).value ?? '') !== rr.label) row++;
      const v = r.figures.period[rr.key];
      expect(ws.getCell(row, 4).value, rr.label).toBe(v == null ? '—' : rr.unit === '万元' ? Number((v / 10000).toFixed(4)) : v);
    }
    expect(text('A26')).toBe('说明：本月开展专项检查');
    expect(text('A28')).toBe('填表人：县局执法员');
    expect(text('C28')).toBe('审核人：县局负责人');
    expect(text('E28')).toMatch(/^填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
  });

  test('R36: the PDF carries the form and the figures as text, with the CJK font embedded', async () => {
    const res = await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}&format=pdf`, cityLeader);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile2/);
    const { lines } = pdfLines(pdf);
    const all = lines.map((l) => l.text);
    const joined = all.join('\n');
    expect(joined).toContain('监管执法工作情况月报表');
    expect(joined).toContain('填报单位');
    expect(joined).toContain('2026年4月');
    for (const h of ['序号', '项目', '单位', '本期', '本年累计', '说明']) expect(all).toContain(h);
    const r = (await get(`/api/reports/monthly?agencyId=${county.id}&month=${MONTH}`, cityLeader)).json();
    // the figures of each row sit on the row's line: same y as its label
    for (const label of ['完成执法检查', '发现事故隐患', '其中：重大事故隐患']) {
      const at = lines.find((l) => l.text === label)!;
      expect(at, label).toBeTruthy();
      const onRow = lines.filter((l) => l.page === at.page && Math.abs(l.y - at.y) < 2).map((l) => l.text);
      const key = reportRows.find((x) => x.label === label)!.key;
      expect(onRow, label).toContain(String(r.figures.period[key]));
    }
    expect(joined).toMatch(/填表人：县局执法员/);
    expect(joined).not.toMatch(/monthly|submitted|R36/);
  });
});
