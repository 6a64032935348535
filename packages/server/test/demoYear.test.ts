// The demo year (seed/demoYear.ts): a deterministic year of enforcement made through the API on a virtual clock, so
// every page has content. R5/R6/R10 (a published plan), R13 (a draw), R22/R23 (hazards in every state and escalation
// step), R25–R29 (cases at every stage), R32 (credit facts and a blacklist entry), R35 (the audit chain verifies).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.js';
import { defaultConfig } from '../src/context.js';
import { openAuditTrail, verifyChain } from '../src/modules/audit/chain.js';
import { seedWithDemoYear, type DemoYearSummary } from '../src/seed/demoYear.js';
import { shanghaiDate } from '../src/lib/diff.js';
import { ADMIN_PASSWORD, createTestDatabase, dbKinds, DEMO_PASSWORD } from './harness.js';

describe.each(dbKinds)('the demo year on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let dir: string;
  let year: DemoYearSummary;
  const count = async (q: ReturnType<typeof sql>) => Number((await database.rows<{ n: number }>(q))[0]!.n);

  beforeAll(async () => {
    const db = await createTestDatabase(kind);
    drop = db.drop;
    database = await openDatabase({ url: db.url, kind });
    dir = mkdtempSync(path.join(os.tmpdir(), 'anjian-demo-'));
    const config = defaultConfig({ dataDir: dir });
    await openAuditTrail(database, config);
    const started = Date.now();
    const r = await seedWithDemoYear(database, config, { demo: true, enterprises: 1500, adminPassword: ADMIN_PASSWORD, demoPassword: DEMO_PASSWORD }, () => undefined);
    year = r.year!;
    console.log(`demo year: ${year.calls} API calls in ${((Date.now() - started) / 1000).toFixed(1)} s (province and year)`);
  }, 600_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('R35: every step went through the API without a refusal, and the clock is back to the real time', () => {
    expect(year.failures).toEqual([]);
    expect(year.calls).toBeGreaterThan(300);
    expect(year.to < shanghaiDate()).toBe(true);
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000);
    expect(new Date().getFullYear()).toBe(Number(shanghaiDate().slice(0, 4)));
  });

  it('R6/R10/R13: plans approved, filed and published in January; monthly draws', async () => {
    const plans = await database.rows<{ status: string; updated: string }>(sql`select status, to_char(updated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as updated from plans`);
    expect(plans.length).toBe(2);
    expect(plans.every((p) => p.status === 'published')).toBe(true);
    expect(await count(sql`select count(*)::int as n from draws`)).toBeGreaterThan(0);
    // the audit trail dates the approval in the first weeks of the year, not on the day of the install
    const [a] = await database.rows<{ at: string }>(sql`select to_char(min(at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as at from audit_log where entity_type = 'plan' and action = 'approve'`);
    expect(a!.at.slice(5, 7)).toBe('01');
    // and each plan was compiled then, in time (before 31 March), not on the day of the install
    const compiled = await database.rows<{ on: string }>(sql`select to_char(min(created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on from plan_versions group by plan_id`);
    expect(compiled.map((c) => c.on.slice(5, 7))).toEqual(['01', '01']);
  });

  it('R15–R19: inspections completed over the year and some still pending', async () => {
    const rows = await database.rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from inspections group by status`);
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    expect(by.completed).toBeGreaterThan(20);
    expect(by.filed ?? 0).toBeGreaterThan(0);
    const months = await count(sql`select count(distinct date_trunc('month', planned_date))::int as n from inspections where status = 'completed'`);
    expect(months).toBeGreaterThanOrEqual(Math.min(6, Number(shanghaiDate().slice(5, 7)) - 1));
  });

  it('R22/R23: hazards in every state and every escalation step', async () => {
    const states = (await database.rows<{ status: string }>(sql`select distinct status from hazards`)).map((r) => r.status).sort();
    expect(states).toEqual(['closed', 'open', 'rectified']);
    const steps = (await database.rows<{ level: string }>(sql`select distinct level from hazard_escalations`)).map((r) => r.level).sort();
    expect(steps).toEqual(['interview', 'letter', 'notice', 'supervision']);
    expect(await count(sql`select count(*)::int as n from hazards where major and status = 'closed'`)).toBeGreaterThanOrEqual(0);
    expect(await count(sql`select count(*)::int as n from reinspections where result = 'failed'`)).toBeGreaterThan(0);
  });

  it('R25–R29: penalty cases at every stage, a hearing held, a statement partly accepted, a decision published and one withdrawn', async () => {
    const statuses = (await database.rows<{ status: string }>(sql`select distinct status from penalty_cases`)).map((r) => r.status);
    for (const s of ['draft', 'opened', 'investigating', 'notified', 'defence', 'legal_review', 'decided', 'served', 'closed', 'cancelled']) expect(statuses, s).toContain(s);
    expect(await count(sql`select count(*)::int as n from penalty_cases where hearing->>'heldOn' is not null`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from penalty_publications where published_at is not null and withdrawn_at is null`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from penalty_publications where withdrawn_at is not null`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from penalty_publications where published_at is null`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from audit_log where entity_type = 'penalty_case' and action = 'record_statement'`)).toBe(1);
  });

  it('R32: credit facts from the decisions and a blacklist entry', async () => {
    expect(await count(sql`select count(*)::int as n from credit_facts`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from blacklist_listings`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from blacklist_publications`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from job_runs where status = 'succeeded'`)).toBeGreaterThan(10);
  });

  it('R35: the audit chain verifies', async () => {
    const v = await verifyChain(database, { seal: true });
    expect(v.ok, JSON.stringify(v).slice(0, 500)).toBe(true);
  });
});
