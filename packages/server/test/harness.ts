// Test harness: a real database per test file — the embedded store always, PostgreSQL too when DATABASE_URL is set.
// Each harness creates its own database (in the run's embedded cluster, see globalSetup.ts, or on DATABASE_URL's
// server) and drops it afterwards, so reruns and parallel files never see each other's rows.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { addDays } from '@anjian/domain';
import { openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { defaultConfig, type AppContext, type Config } from '../src/context.js';
import { seedIfEmpty } from '../src/seed/load.js';
import { running } from '../src/modules/registry/importService.js';
import { openAuditTrail } from '../src/modules/audit/chain.js';
import { arrayParam } from '../src/lib/bulk.js';

export const ADMIN_PASSWORD = 'Admin#2026test';
export const DEMO_PASSWORD = 'Demo#2026test';

export type DbKind = 'embedded' | 'postgres';
export const dbKinds: DbKind[] = process.env.DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

export interface Harness {
  ctx: AppContext;
  app: FastifyInstance;
  database: Database;
  /** session cookie header for a seeded account */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A new, empty database of its own on the store of `kind`, dropped by `drop()`. */
export async function createTestDatabase(kind: DbKind): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(kind === 'embedded' ? inject('embeddedUrl') : process.env.DATABASE_URL!);
  const name = `anjian_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      // pool.end() can return before its backends are gone; dropping "with (force)" would then kill them and the pool
      // reports 57P01 as an uncaught error. Wait (briefly) until the database has no sessions left.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createHarness(kind: DbKind, opts: { enterprises?: number; config?: Partial<Config>; demo?: boolean } = {}): Promise<Harness> {
  const pgDb = await createTestDatabase(kind);
  const database = await openDatabase({ url: pgDb.url, kind });
  // files of the instance (audit key and anchors, evidence) in a directory of its own unless the test gives one
  const tempDir = opts.config?.dataDir ? null : mkdtempSync(path.join(os.tmpdir(), 'anjian-data-'));
  const config = defaultConfig({ ...opts.config, dataDir: opts.config?.dataDir ?? tempDir! });
  await openAuditTrail(database, config);
  await seedIfEmpty(database, {
    demo: opts.demo ?? true,
    enterprises: opts.enterprises ?? 600,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
  });
  const ctx: AppContext = { database, config };
  const app = await buildApp(ctx);
  return {
    ctx,
    app,
    database,
    async login(username, password) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'sid')!;
      return `sid=${cookie.value}`;
    },
    async close() {
      await Promise.allSettled([...running.values()]);
      await app.close();
      await database.close();
      await pgDb.drop();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Today in Beijing, as the server's clock gives it (YYYY-MM-DD). */
export const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The people of a penalty-case or inspection test, all in 杭州市西湖区应急管理局 (330106): one enterprise it supervises
 * (linked to the `enterprise` login), the county officer and a colleague with credentials valid for two more months as
 * investigators, and a session for each demo login the tests act as.
 */
export interface CaseWorld {
  h: Harness;
  agencyId: number;
  enterpriseId: number;
  /** [county.officer's officer id, a colleague's] */
  investigators: number[];
  /** the investigators' names and credential numbers, in id order */
  investigatorRecords: { id: number; name: string; credentialNo: string }[];
  /** a third officer of the agency (not an investigator), e.g. a hearing host */
  thirdOfficer: { id: number; name: string };
  /** session cookies: officer = county.officer, leader = county.leader, neighbour = county2.officer (上城区) */
  cookies: { officer: string; leader: string; neighbour: string; legal: string; oversight: string; enterprise: string };
}

export async function createCaseWorld(kind: DbKind, opts: { enterprises?: number } = {}): Promise<CaseWorld> {
  const h = await createHarness(kind, { enterprises: opts.enterprises ?? 300 });
  const today = beijingToday();
  const agencyId = Number((await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`))[0]!.id);
  const [e] = await h.database.rows<{ id: number }>(sql`select id from enterprises where supervising_agency_id = ${agencyId} order by id limit 1`);
  const enterpriseId = Number(e!.id);
  await h.database.rows(sql`update users set enterprise_id = ${enterpriseId} where username = 'enterprise'`);
  const [me] = await h.database.rows<{ id: number }>(sql`select o.id from officers o join users u on u.id = o.user_id where u.username = 'county.officer'`);
  const [other] = await h.database.rows<{ id: number }>(
    sql`select id from officers where agency_id = ${agencyId} and id <> ${me!.id} and credential_valid_from <= ${today}::date and credential_valid_to >= ${addDays(today, 60)}::date order by id limit 1`,
  );
  const investigators = [Number(me!.id), Number(other!.id)];
  const records = await h.database.rows<{ id: number; name: string; credential_no: string }>(sql`select id, name, credential_no from officers where id = any(${arrayParam(investigators, 'int')}) order by id`);
  const [third] = await h.database.rows<{ id: number; name: string }>(sql`select id, name from officers where agency_id = ${agencyId} and id <> all(${arrayParam(investigators, 'int')}) order by id limit 1`);
  const [officer, leader, neighbour, legal, oversight, enterprise] = await Promise.all(['county.officer', 'county.leader', 'county2.officer', 'legal', 'oversight', 'enterprise'].map((u) => h.login(u)));
  return {
    h,
    agencyId,
    enterpriseId,
    investigators,
    investigatorRecords: records.map((r) => ({ id: Number(r.id), name: r.name, credentialNo: r.credential_no })),
    thirdOfficer: { id: Number(third!.id), name: third!.name },
    cookies: { officer: officer!, leader: leader!, neighbour: neighbour!, legal: legal!, oversight: oversight!, enterprise: enterprise! },
  };
}

/**
 * A CaseWorld for one describe block: made in beforeAll, closed in afterAll. Its fields (read inside tests and hooks,
 * not while the block is being collected) and the `apiClient` calls as county.officer.
 */
export function useCaseWorld(kind: DbKind, opts: { enterprises?: number } = {}): CaseWorld & ReturnType<typeof apiClient> {
  let world: CaseWorld | undefined;
  beforeAll(async () => {
    world = await createCaseWorld(kind, opts);
  });
  afterAll(() => world?.h.close());
  const get = () => {
    if (!world) throw new Error('the case world is made in beforeAll');
    return world;
  };
  return {
    get h() { return get().h; },
    get agencyId() { return get().agencyId; },
    get enterpriseId() { return get().enterpriseId; },
    get investigators() { return get().investigators; },
    get investigatorRecords() { return get().investigatorRecords; },
    get thirdOfficer() { return get().thirdOfficer; },
    get cookies() { return get().cookies; },
    ...apiClient(() => get().h, () => get().cookies.officer),
  };
}

/**
 * The calls a test makes as one of the world's logins: `call` (JSON, the default cookie unless one is given; null =
 * anonymous), `act` (a penalty case action), `ok` (expects the status and returns the JSON).
 */
export function apiClient(harness: () => Harness, defaultCookie: () => string | null) {
  const call = (method: string, url: string, payload?: unknown, cookie: string | null = defaultCookie()) =>
    harness().app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const act = (id: number, action: string, cookie: string, extra: Record<string, unknown> = {}) => call('POST', `/api/penalty-cases/${id}/actions`, { action, ...extra }, cookie);
  const ok = async (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  return { call, act, ok };
}

/** Polls an import job until it leaves the given transient state. */
export async function waitForJob(h: Harness, cookie: string, jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const res = await h.app.inject({ method: 'GET', url: `/api/enterprises/import/${jobId}`, headers: { cookie } });
    const job = res.json();
    if (job.status !== 'parsing' && job.status !== 'committing') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

// The item (项) applied for the articles the tests use that list several acts: 第九十七条第（四）项 (未如实记录安全生产教育和培训情况)
// and 第一百零一条第（五）项 (未建立事故隐患排查治理制度). A violation of such an article is refused without its item.
const defaultClauses: Record<string, number> = { 'aq097.initial.unit': 4, 'aq097.overdue.unit': 4, 'aq101.initial.unit': 5, 'aq101.overdue.unit': 5 };

/** The facts of one violation as the case tests record it: a general violation by negligence, first-time unknown. */
export const violationFacts = (itemCode: string, extra: Record<string, unknown> = {}) => ({
  itemCode,
  ...(defaultClauses[itemCode] ? { clause: defaultClauses[itemCode] } : {}),
  circumstance: 'general',
  harm: 'general',
  fault: 'negligent',
  firstViolation: false,
  correctedInTime: false,
  repeatWithinYear: false,
  ...extra,
});

// ---------- issue #17: the facts a penalty case records for its procedure documents ----------

/** 送达 in person at the unit's address (送达回证). */
export const directService = (recipient = '当事人', extra: Record<string, unknown> = {}) => ({ method: 'direct', recipient, place: '当事人住所', ...extra });

/** The 听证通知书's facts: time, place, 听证员, 记录员. */
export const hearingNotice = { time: '09:30', place: '本机关第一听证室', panelists: ['周听证员'], clerk: '吴记录员' };

/** The 听证笔录 of a hearing the party attended. */
export const hearingMinutes = {
  attended: true,
  partyAttendees: [{ name: '赵代理人', role: '委托代理人' }],
  investigatorCase: '调查人员出示现场检查记录和询问笔录，认为当事人未按规定对从业人员进行安全生产教育和培训，建议按告知内容处罚',
  partyStatement: '当事人称已组织部分培训，请求从轻处罚',
  crossExamination: '当事人对现场检查记录无异议，对询问笔录部分内容有异议',
  finalStatements: '调查人员坚持处罚建议；当事人请求从轻处罚',
};

/** Three leaders and what they said (集体讨论记录). */
export const discussionBoard = [
  { name: '张局长', position: '局长' },
  { name: '李副局长', position: '副局长' },
  { name: '王副局长', position: '副局长' },
];
export const discussionOpinions = [
  { name: '张局长', opinion: '同意法制审核意见' },
  { name: '李副局长', opinion: '事实清楚，同意处罚' },
];

// ---------- uploads and inspection findings ----------

/** A tiny valid PNG (1×1): an evidence photo or a scanned letter (the store keeps bytes as given). */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');

/** multipart/form-data of `fields` then one `file` part (the server reads the fields with the file part). */
export function multipart(fields: Record<string, string>, file: { data: Buffer; name: string; type: string }) {
  const boundary = `----anjian${randomBytes(6).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) };
}

/**
 * R18: the draft penalty case a violation finding opens — an unplanned inspection (on a complaint) of the world's
 * enterprise by its investigators, entered, credentials shown, commitment signed, then the finding `finding`.
 */
export async function caseFromFinding(w: CaseWorld & ReturnType<typeof apiClient>, finding: Record<string, unknown>): Promise<number> {
  const { call, ok } = w;
  const today = beijingToday();
  const u = await ok(await call('POST', '/api/unplanned-inspections', { enterpriseId: w.enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }), 201);
  const ins = await ok(await call('POST', '/api/inspections', { enterpriseId: w.enterpriseId, origin: 'unplanned', unplannedRequestId: u.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: today, officerIds: w.investigators }), 201);
  await ok(await call('POST', `/api/inspections/${ins.id}/enter`));
  await ok(await call('POST', `/api/inspections/${ins.id}/show-credentials`));
  const names = (await w.h.database.rows<{ name: string }>(sql`select name from officers where id = any(${arrayParam(w.investigators, 'int')}) order by id`)).map((o) => o.name);
  await ok(await call('POST', `/api/inspections/${ins.id}/commitment`, { signerNames: names }));
  const f = await call('POST', `/api/inspections/${ins.id}/findings`, { clientId: randomUUID(), disposition: 'violation', ...finding });
  expect(f.statusCode, f.body).toBeLessThan(300);
  const [c] = await w.h.database.rows<{ id: number }>(sql`select id from penalty_cases where source_inspection_id = ${ins.id}`);
  return Number(c!.id);
}
