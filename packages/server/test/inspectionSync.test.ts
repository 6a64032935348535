// The phone's sync of a whole inspection in one request (issue #20) and photos sealed at capture (R35).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { addDays } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';
import { arrayParam } from '../src/lib/bulk.js';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { evidencePath } from '../src/modules/inspection/evidenceStore.js';

const sm3Hex = (b: Buffer) => createHash('sm3').update(b).digest('hex');
// A tiny valid PNG (1×1); a byte of the trailing CRC-less tail varies per test so every photo has its own SM3.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
const photo = () => Buffer.concat([PNG, Buffer.from(randomUUID())]);

function multipart(fields: Record<string, string>, file: Buffer) {
  const boundary = `----anjian${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场照片.png"\r\nContent-Type: image/png\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) };
}

const LEGAL_BASIS = '《中华人民共和国安全生产法》第六十五条';

describe.each(dbKinds)('the phone sync of an inspection on %s', (kind) => {
  let h: Harness;
  let county: string;
  let neighbour: string;
  let agencyId: number;
  let officerIds: number[];
  let signerNames: string[];
  let enterpriseId: number;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 1500 });
    agencyId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
    const [e] = await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${agencyId} order by id limit 1`);
    enterpriseId = Number(e!.id);
    const rows = await h.database.rows<{ id: number; name: string }>(
      sql`select id, name from officers where agency_id = ${agencyId} and credential_valid_from <= ${today}::date and credential_valid_to >= ${addDays(today, 60)}::date order by id limit 2`,
    );
    officerIds = rows.map((o) => Number(o.id));
    signerNames = rows.map((o) => o.name);
    county = await h.login('county.officer');
    neighbour = await h.login('county2.officer');
  });
  afterAll(() => h?.close());

  const call = (method: string, url: string, payload?: unknown, cookie: string | null = county) =>
    h.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const upload = (id: number, fields: Record<string, string>, file = photo()) => {
    const m = multipart(fields, file);
    return h.app.inject({ method: 'POST', url: `/api/inspections/${id}/evidence`, headers: { ...m.headers, cookie: county }, payload: m.payload });
  };

  /** register unplanned + file, as the phone does online before going out */
  async function file(): Promise<{ id: number; codes: string[] }> {
    const u = await call('POST', '/api/unplanned-inspections', { enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today });
    expect(u.statusCode, u.body).toBe(201);
    // the phone asks for the lean answer (RFC 7240 Prefer: return=minimal): id, items, QR path
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/inspections',
      headers: { cookie: county, prefer: 'return=minimal' },
      payload: { enterpriseId, origin: 'unplanned', unplannedRequestId: u.json().id, legalBasis: LEGAL_BASIS, plannedDate: today, officerIds },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['preference-applied']).toBe('return=minimal');
    expect(res.json()).toMatchObject({ status: 'filed', statusLabel: '已报备', officerIds, publicPath: expect.stringMatching(/^\/v\//) });
    expect(res.json().items[0]).toEqual({ code: 'G01', title: expect.any(String) });
    expect(res.json().enterprise).toBeUndefined();
    return { id: res.json().id, codes: res.json().items.map((i: { code: string }) => i.code) };
  }

  /** The sync as multipart: the body as JSON in `sync`, then the photos' files. */
  const syncWith = (id: number, body: unknown, files: Buffer[], declared = false) => {
    const boundary = `----anjiansync${Date.now()}`;
    // the field may be declared application/json (a phone's FormData with a Blob of that type) or plain text
    const type = declared ? 'Content-Type: application/json\r\n' : '';
    const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sync"\r\n${type}\r\n${JSON.stringify(body)}\r\n`)];
    for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场照片.png"\r\nContent-Type: image/png\r\n\r\n`), f, Buffer.from('\r\n'));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return h.app.inject({ method: 'POST', url: `/api/inspections/${id}/sync`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: county }, payload: Buffer.concat(parts) });
  };
  /** what the evidence directory holds besides the stored files: temporary ones left behind */
  const leftovers = () => {
    const dir = path.dirname(path.dirname(evidencePath(h.ctx, '00')));
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tmp')) : [];
  };

  /** register and file at once (R11: an exempt trigger), as the phone does online before going out */
  async function fileAtOnce(): Promise<{ id: number; codes: string[]; unplannedRequestId: number; warnings: string[] }> {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/inspections',
      headers: { cookie: county, prefer: 'return=minimal' },
      payload: { clientId: randomUUID(), enterpriseId, origin: 'unplanned', unplanned: { trigger: 'complaint', reason: '群众投诉企业违规动火作业' }, legalBasis: LEGAL_BASIS, plannedDate: today, officerIds },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { ...res.json(), codes: res.json().items.map((i: { code: string }) => i.code) };
  }

  const at = (secondsFromNow: number) => new Date(Date.now() + secondsFromNow * 1000).toISOString();

  /** The whole visit as the phone holds it after the officers are done: times a little after the filing. */
  function visit(codes: string[], spot: string) {
    const bad = new Set(['G07', 'G09', 'G11']);
    return {
      enteredAt: at(1),
      credentialsShownAt: at(2),
      commitment: { signerNames, signedAt: at(3) },
      answers: codes.map((c) => ({ itemCode: c, result: bad.has(c) ? 'nonconform' : 'conform', note: bad.has(c) ? '现场发现问题' : '', answeredAt: at(4) })),
      exams: [{ clientId: randomUUID(), personName: '王总', position: '主要负责人', questions: '本单位重大危险源管理要求', score: 85, at: at(5) }],
      certificates: [{ clientId: randomUUID(), holderName: '李工', certificateType: '特种作业操作证（焊接与热切割）', certificateNo: 'T330106199001011234', validTo: addDays(today, 300), at: at(6) }],
      findings: [
        { clientId: spot, itemCode: 'G07', description: '安全警示标志缺失', disposition: 'fixed_on_spot', at: at(7) },
        { clientId: randomUUID(), itemCode: 'G09', description: '隐患排查治理台账未建立', disposition: 'hazard', requirement: '建立隐患排查治理台账', deadline: addDays(today, 10), responsiblePerson: '张安全', at: at(8) },
        { clientId: randomUUID(), itemCode: 'G11', description: '动火作业未履行审批手续', disposition: 'violation', at: at(9) },
      ],
      completion: { summary: '发现问题3项：当场整改1项，责令限期整改隐患1项，涉嫌违法行为1项已移交立案', completedAt: at(10) },
    };
  }

  async function sealedPhoto(id: number, spot: string) {
    const data = photo();
    const res = await upload(id, { clientId: randomUUID(), itemCode: 'G07', findingClientId: spot, sm3: sm3Hex(data), capturedAt: at(6), latitude: '30.2741', longitude: '120.1551', accuracy: '12' }, data);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  const counts = async (id: number) =>
    (
      await h.database.rows<Record<string, number>>(sql`select
        (select count(*)::int from findings where inspection_id = ${id}) as findings,
        (select count(*)::int from hazards where inspection_id = ${id}) as hazards,
        (select count(*)::int from penalty_cases where source_inspection_id = ${id}) as cases,
        (select jsonb_array_length(exams)::int from inspections where id = ${id}) as exams,
        (select jsonb_array_length(certificates)::int from inspections where id = ${id}) as certificates,
        (select count(*)::int from inspection_answers where inspection_id = ${id}) as answers,
        (select count(*)::int from documents where entity_type = 'inspection' and entity_id = ${String(id)}) as documents,
        (select count(*)::int from audit_log where (entity_type = 'inspection' and entity_id = ${String(id)})
            or (entity_type = 'document' and entity_id in (select id::text from documents where entity_type = 'inspection' and entity_id = ${String(id)}))
            or (entity_type = 'hazard' and entity_id in (select id::text from hazards where inspection_id = ${id}))
            or (entity_type = 'penalty_case' and entity_id in (select id::text from penalty_cases where source_inspection_id = ${id}))) as audit`)
    )[0]!;

  it('R16–R19: a whole inspection synced in one request issues the record and the order, lists the hazard with its deadline and opens a penalty draft', async () => {
    const { id, codes } = await file();
    const spot = randomUUID();
    await sealedPhoto(id, spot);
    const body = visit(codes, spot);
    const res = await call('POST', `/api/inspections/${id}/sync`, body);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ id, status: 'completed', statusLabel: '已完成' });
    expect(r.applied).toEqual({ entered: true, credentialsShown: true, commitment: true, answers: codes.length, exams: 1, certificates: 1, photos: 0, findings: 3, completed: true });
    expect(r.documents.map((d: { title: string }) => d.title)).toEqual(['现场检查记录', '责令限期整改指令书']);
    // dated at the phone's completion time, downloadable
    expect(r.documents[0].issuedAt).toBe(body.completion.completedAt);
    expect(r.documents[0].number).toMatch(/\d+号$/);
    expect((await call('GET', r.documents[1].url)).statusCode).toBe(200);
    expect(r.hazards).toEqual([{ id: expect.any(Number), findingClientId: body.findings[1]!.clientId, deadline: addDays(today, 10) }]);
    expect(r.penaltyCases).toEqual([{ id: expect.any(Number), findingClientId: body.findings[2]!.clientId }]);
    const [hz] = await h.database.rows<{ status: string; deadline: string; inspection_id: number }>(sql`select status, to_char(deadline, 'YYYY-MM-DD') as deadline, inspection_id from hazards where id = ${r.hazards[0].id}`);
    expect(hz).toMatchObject({ status: 'open', deadline: addDays(today, 10), inspection_id: id });
    const [pc] = await h.database.rows<{ status: string; facts: string }>(sql`select status, facts from penalty_cases where id = ${r.penaltyCases[0].id}`);
    expect(pc).toMatchObject({ status: 'draft', facts: '动火作业未履行审批手续' });
    // the record keeps the phone's times
    const detail = (await call('GET', `/api/inspections/${id}`)).json();
    expect(detail).toMatchObject({ status: 'completed', entryDate: today, completedAt: body.completion.completedAt, credentialsShownAt: body.credentialsShownAt });
    expect(detail.commitment).toMatchObject({ signers: signerNames, signedAt: body.commitment.signedAt });
    // the same audit entries as the per-step routes write
    const actions = (await h.database.rows<{ action: string }>(sql`select action from audit_log where entity_type = 'inspection' and entity_id = ${String(id)} order by id`)).map((a) => a.action);
    expect(actions).toEqual(['file', 'evidence', 'enter', 'show_credentials', 'sign_commitment', 'answer', 'exam', 'certificate_check', 'finding', 'finding', 'finding', 'complete']);
    expect((await call('GET', '/api/audit/verify', undefined, await h.login('admin'))).json().ok).toBe(true);
  });

  it('R16–R19: the same body sent twice changes nothing the second time and answers the same', async () => {
    const { id, codes } = await file();
    const spot = randomUUID();
    await sealedPhoto(id, spot);
    const body = visit(codes, spot);
    const first = await call('POST', `/api/inspections/${id}/sync`, body);
    expect(first.statusCode, first.body).toBe(200);
    const before = await counts(id);
    expect(before).toMatchObject({ findings: 3, hazards: 1, cases: 1, exams: 1, certificates: 1, documents: 2 });
    const again = await call('POST', `/api/inspections/${id}/sync`, body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().applied).toEqual({ entered: false, credentialsShown: false, commitment: false, answers: 0, exams: 0, certificates: 0, photos: 0, findings: 0, completed: false });
    expect(await counts(id)).toEqual(before);
    // the phone that lost the first answer still learns its documents and ledger entries
    expect(again.json().documents).toEqual(first.json().documents);
    expect(again.json().hazards).toEqual(first.json().hazards);
    expect(again.json().penaltyCases).toEqual(first.json().penaltyCases);
  });

  it('R16–R18: a visit split over two syncs applies only the new parts the second time', async () => {
    const { id, codes } = await file();
    const spot = randomUUID();
    await sealedPhoto(id, spot);
    const body = visit(codes, spot);
    const part = { enteredAt: body.enteredAt, credentialsShownAt: body.credentialsShownAt, commitment: body.commitment, answers: body.answers.slice(0, 5), exams: body.exams };
    const one = await call('POST', `/api/inspections/${id}/sync`, part);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ status: 'in_progress', applied: { entered: true, credentialsShown: true, commitment: true, answers: 5, exams: 1, findings: 0, completed: false }, documents: [] });
    const two = await call('POST', `/api/inspections/${id}/sync`, body);
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json()).toMatchObject({ status: 'completed', applied: { entered: false, credentialsShown: false, commitment: false, answers: codes.length - 5, exams: 0, certificates: 1, findings: 3, completed: true } });
    expect(await counts(id)).toMatchObject({ findings: 3, hazards: 1, cases: 1, exams: 1, certificates: 1, answers: codes.length, documents: 2 });
  });

  it('R17: an older answer synced late does not overwrite a newer one', async () => {
    const { id } = await file();
    const newer = await call('POST', `/api/inspections/${id}/sync`, { enteredAt: at(1), answers: [{ itemCode: 'G01', result: 'nonconform', note: '新', answeredAt: at(30) }] });
    expect(newer.json().applied.answers).toBe(1);
    const older = await call('POST', `/api/inspections/${id}/sync`, { answers: [{ itemCode: 'G01', result: 'conform', note: '旧', answeredAt: at(20) }, { itemCode: 'G02', result: 'conform', answeredAt: at(20) }] });
    expect(older.statusCode, older.body).toBe(200);
    expect(older.json().applied.answers).toBe(1);
    const rows = await h.database.rows<{ item_code: string; result: string; note: string }>(sql`select item_code, result, note from inspection_answers where inspection_id = ${id} order by item_code`);
    expect(rows).toEqual([
      { item_code: 'G01', result: 'nonconform', note: '新' },
      { item_code: 'G02', result: 'conform', note: '' },
    ]);
  });

  it('R15: an inspection cancelled meanwhile refuses the sync with its reason, and nothing is applied', async () => {
    const { id, codes } = await file();
    expect((await call('POST', `/api/inspections/${id}/cancel`, { reason: '企业已停产，改日检查' })).statusCode).toBe(200);
    const before = await counts(id);
    const res = await call('POST', `/api/inspections/${id}/sync`, visit(codes, randomUUID()));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已');
    expect(res.json().message).toContain('被取消');
    expect(res.json().message).toContain('企业已停产，改日检查');
    expect(await counts(id)).toEqual(before);
    const [row] = await h.database.rows<{ status: string }>(sql`select status from inspections where id = ${id}`);
    expect(row!.status).toBe('cancelled');
  });

  it('R16: an officer whose credential has expired on the day of entry stops the sync, named with the certificate no., nothing applied', async () => {
    const { id, codes } = await file();
    const [o] = await h.database.rows<{ name: string; credential_no: string; credential_valid_to: string }>(
      sql`select name, credential_no, to_char(credential_valid_to, 'YYYY-MM-DD') as credential_valid_to from officers where id = ${officerIds[1]}`,
    );
    await h.database.rows(sql`update officers set credential_valid_to = ${addDays(today, -1)}::date where id = ${officerIds[1]}`);
    try {
      const before = await counts(id);
      const res = await call('POST', `/api/inspections/${id}/sync`, visit(codes, randomUUID()));
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('执法证不在有效期内');
      expect(res.json().message).toContain(`${o!.name}（${o!.credential_no}）`);
      expect(await counts(id)).toEqual(before);
      const [row] = await h.database.rows<{ status: string }>(sql`select status from inspections where id = ${id}`);
      expect(row!.status).toBe('filed');
    } finally {
      await h.database.rows(sql`update officers set credential_valid_to = ${o!.credential_valid_to}::date where id = ${officerIds[1]}`);
    }
  });

  it('R18: a finding clientId already used by another inspection is refused and nothing of the sync is applied', async () => {
    const a = await file();
    const spot = randomUUID();
    await sealedPhoto(a.id, spot);
    const first = visit(a.codes, spot);
    expect((await call('POST', `/api/inspections/${a.id}/sync`, first)).statusCode).toBe(200);
    const b = await file();
    const reused = { ...visit(b.codes, randomUUID()), completion: undefined };
    reused.findings = [{ ...first.findings[1]! }];
    const before = await counts(b.id);
    const res = await call('POST', `/api/inspections/${b.id}/sync`, reused);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已被其他检查使用');
    expect(await counts(b.id)).toEqual(before);
  });

  it('R15–R17: unknown item codes, phone times in the future or before the filing, and another county are refused in Chinese', async () => {
    const { id, codes } = await file();
    const unknown = await call('POST', `/api/inspections/${id}/sync`, { enteredAt: at(1), answers: [{ itemCode: 'Z99', result: 'conform', answeredAt: at(2) }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('不是本次报备的检查事项：Z99');
    const future = await call('POST', `/api/inspections/${id}/sync`, { ...visit(codes, randomUUID()), enteredAt: at(3600) });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('晚于服务器当前时间');
    const past = await call('POST', `/api/inspections/${id}/sync`, { enteredAt: new Date(Date.now() - 86_400_000).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('早于检查报备时间');
    expect((await call('POST', `/api/inspections/${id}/sync`, { enteredAt: at(1) }, neighbour)).statusCode).toBe(404);
    const [row] = await h.database.rows<{ status: string }>(sql`select status from inspections where id = ${id}`);
    expect(row!.status).toBe('filed');
  });

  it('R19: a completed inspection refuses a sync with other content, and keeps its record', async () => {
    const { id, codes } = await file();
    const spot = randomUUID();
    await sealedPhoto(id, spot);
    const body = visit(codes, spot);
    expect((await call('POST', `/api/inspections/${id}/sync`, body)).statusCode).toBe(200);
    const before = await counts(id);
    const other = await call('POST', `/api/inspections/${id}/sync`, { ...body, completion: { ...body.completion, summary: '未发现问题，检查结束' } });
    expect(other.statusCode).toBe(409);
    expect(other.json().message).toContain('检查结论');
    const extra = await call('POST', `/api/inspections/${id}/sync`, { ...body, exams: [...body.exams, { ...body.exams[0]!, clientId: randomUUID() }] });
    expect(extra.statusCode).toBe(409);
    expect(extra.json().message).toContain('考核记录');
    expect(await counts(id)).toEqual(before);
  });

  it('R35: a photo whose SM3 does not match the bytes received is refused and nothing is stored', async () => {
    const { id } = await file();
    const data = photo();
    const clientId = randomUUID();
    const res = await upload(id, { clientId, sm3: sm3Hex(Buffer.from('another photo')), capturedAt: at(1) }, data);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('照片校验值与收到的文件不一致');
    expect(await h.database.rows(sql`select 1 from evidence where client_id = ${clientId}`)).toHaveLength(0);
    expect(existsSync(evidencePath(h.ctx, sm3Hex(data)))).toBe(false);
    const malformed = await upload(id, { clientId, sm3: 'abc', capturedAt: at(1) }, data);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toContain('照片校验值格式不正确');
  });

  it('R35: a photo sealed at capture keeps its capture time and position next to its upload time', async () => {
    const { id } = await file();
    const data = photo();
    const capturedAt = at(2);
    const res = await upload(id, { clientId: randomUUID(), sm3: sm3Hex(data), capturedAt, latitude: '30.2741', longitude: '120.1551', accuracy: '12' }, data);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sm3: sm3Hex(data), capturedAt, latitude: 30.2741, longitude: 120.1551, accuracy: 12, sm3Verified: true });
    const plain = await upload(id, { clientId: randomUUID() });
    expect(plain.json()).toMatchObject({ capturedAt: null, sm3Verified: false });
    const detail = (await call('GET', `/api/inspections/${id}`)).json();
    const ev = detail.evidence.find((e: { id: number }) => e.id === res.json().id);
    expect(ev).toMatchObject({ capturedAt, latitude: 30.2741 });
    expect(Date.parse(ev.createdAt)).toBeGreaterThan(0);
    const ids = detail.evidence.map((e: { id: number }) => e.id);
    expect(await h.database.rows(sql`select 1 from evidence where id = any(${arrayParam(ids, 'bigint')}) and sm3_verified`)).toHaveLength(1);
  });

  it('R11/R15: an unplanned inspection with an exempt trigger is registered and filed in one request, with one audit append', async () => {
    const f = await fileAtOnce();
    expect(f).toMatchObject({ status: 'filed', unplannedRequestId: expect.any(Number), warnings: expect.any(Array) });
    const [u] = await h.database.rows<{ status: string; trigger: string; agency_id: number; planned_date: string }>(
      sql`select status, trigger, agency_id, to_char(planned_date, 'YYYY-MM-DD') as planned_date from unplanned_requests where id = ${f.unplannedRequestId}`,
    );
    expect(u).toEqual({ status: 'recorded', trigger: 'complaint', agency_id: agencyId, planned_date: today });
    const [ins] = await h.database.rows<{ unplanned_request_id: number; origin: string }>(sql`select unplanned_request_id, origin from inspections where id = ${f.id}`);
    expect(ins).toEqual({ unplanned_request_id: f.unplannedRequestId, origin: 'unplanned' });
    const [a] = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_type = 'unplanned' and entity_id = ${String(f.unplannedRequestId)} and action = 'create'`);
    expect(a!.n).toBe(1);
    // the request is used: the filing sources show it with its inspection
    const sources = (await call('GET', `/api/inspection-sources?enterpriseId=${enterpriseId}`)).json();
    expect(sources.unplanned.find((x: { id: number }) => x.id === f.unplannedRequestId)).toMatchObject({ inspectionId: f.id });
  });

  it('R11: a trigger that needs approval ("other"), a request named twice or another county are refused in Chinese, nothing stored', async () => {
    const before = (await h.database.rows<{ n: number }>(sql`select count(*)::int as n from unplanned_requests`))[0]!.n;
    const base = { enterpriseId, origin: 'unplanned', legalBasis: LEGAL_BASIS, plannedDate: today, officerIds };
    const other = await call('POST', '/api/inspections', { ...base, unplanned: { trigger: 'other', reason: '其他原因需要检查企业' } });
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toContain('须一事一报，经批准后才能报备检查');
    const twice = await call('POST', '/api/inspections', { ...base, unplannedRequestId: 1, unplanned: { trigger: 'complaint', reason: '群众投诉企业违规动火作业' } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toContain('登记计划外检查只适用于尚未登记的计划外检查');
    const plan = await call('POST', '/api/inspections', { ...base, origin: 'plan', unplanned: { trigger: 'complaint', reason: '群众投诉企业违规动火作业' } });
    expect(plan.statusCode).toBe(400);
    const elsewhere = await call('POST', '/api/inspections', { ...base, unplanned: { trigger: 'complaint', reason: '群众投诉企业违规动火作业' } }, neighbour);
    expect(elsewhere.statusCode).toBe(404);
    expect((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from unplanned_requests`))[0]!.n).toBe(before);
  });

  it('R35/R16–R19: a multipart sync carries the sealed photo with the visit: stored by SM3, documents the finding fixed on the spot; resent, it changes nothing', async () => {
    const { id, codes } = await fileAtOnce();
    const spot = randomUUID();
    const data = photo();
    const body = { ...visit(codes, spot), photos: [{ clientId: randomUUID(), itemCode: 'G07', findingClientId: spot, sm3: sm3Hex(data), capturedAt: at(6), latitude: 30.2741, longitude: 120.1551, accuracy: 12 }] };
    const res = await syncWith(id, body, [data]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', applied: { photos: 1, findings: 3, completed: true } });
    const [ev] = await h.database.rows<{ sm3: string; sm3_verified: boolean; captured_at: Date; capture_latitude: number; size: number; mime: string; finding_client_id: string }>(
      sql`select sm3, sm3_verified, captured_at, capture_latitude, size, mime, finding_client_id from evidence where inspection_id = ${id}`,
    );
    expect(ev).toMatchObject({ sm3: sm3Hex(data), sm3_verified: true, capture_latitude: 30.2741, size: data.length, mime: 'image/png', finding_client_id: spot });
    expect(new Date(ev!.captured_at).toISOString()).toBe(body.photos[0]!.capturedAt);
    expect(existsSync(evidencePath(h.ctx, sm3Hex(data)))).toBe(true);
    const actions = (await h.database.rows<{ action: string }>(sql`select action from audit_log where entity_type = 'inspection' and entity_id = ${String(id)} order by id`)).map((a) => a.action);
    expect(actions).toEqual(['file', 'enter', 'show_credentials', 'sign_commitment', 'answer', 'exam', 'certificate_check', 'evidence', 'finding', 'finding', 'finding', 'complete']);
    const again = await syncWith(id, body, [data], true);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().applied).toMatchObject({ photos: 0, findings: 0, completed: false });
    expect(await h.database.rows(sql`select 1 from evidence where inspection_id = ${id}`)).toHaveLength(1);
    expect(leftovers()).toEqual([]);
    expect((await call('GET', '/api/audit/verify', undefined, await h.login('admin'))).json().ok).toBe(true);
  });

  it('R35: a multipart sync whose photo has no file of its SM3, or bad JSON, is refused; nothing applied, no file kept', async () => {
    const { id, codes } = await fileAtOnce();
    const spot = randomUUID();
    const data = photo();
    const body = { ...visit(codes, spot), photos: [{ clientId: randomUUID(), itemCode: 'G07', findingClientId: spot, sm3: sm3Hex(Buffer.from('another photo')), capturedAt: at(6) }] };
    const res = await syncWith(id, body, [data]);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('照片校验值与收到的文件不一致');
    expect(existsSync(evidencePath(h.ctx, sm3Hex(data)))).toBe(false);
    expect(leftovers()).toEqual([]);
    expect((await counts(id)).findings).toBe(0);
    // listed in a JSON sync without the file
    const json = await call('POST', `/api/inspections/${id}/sync`, { ...body, photos: [{ ...body.photos[0], sm3: sm3Hex(data) }] });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toContain('照片文件未随同步上传');
    const bad = await h.app.inject({ method: 'POST', url: `/api/inspections/${id}/sync`, headers: { 'content-type': 'multipart/form-data; boundary=x', cookie: county }, payload: '--x\r\nContent-Disposition: form-data; name="sync"\r\n\r\n{not json\r\n--x--\r\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const [row] = await h.database.rows<{ status: string }>(sql`select status from inspections where id = ${id}`);
    expect(row!.status).toBe('filed');
  });
});
