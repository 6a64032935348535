// Test harness: a real database per test file — the embedded store always, PostgreSQL too when DATABASE_URL is set.
// Each harness creates its own database (in the run's embedded cluster, see globalSetup.ts, or on DATABASE_URL's
// server) and drops it afterwards, so reruns and parallel files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { defaultConfig, type AppContext, type Config } from '../src/context.js';
import { seedIfEmpty } from '../src/seed/load.js';
import { running } from '../src/modules/registry/importService.js';
import { openAuditTrail } from '../src/modules/audit/chain.js';

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
