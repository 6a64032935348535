import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { shanghaiDate } from '../src/lib/diff.js';
import { runDailyJobs } from '../src/modules/jobs/daily.js';
import { createHarness, dbKinds, type Harness } from './harness.js';

describe.each(dbKinds)('job runs on %s', (kind) => {
  let h: Harness;
  let admin: string;
  const today = shanghaiDate();
  const quiet = () => undefined;
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 100 });
    admin = await h.login('admin');
  });
  afterAll(() => h?.close());
  const runs = async (job: string) =>
    h.database.rows<{ status: string; error: string | null; ended_at: unknown }>(sql`select status, error, ended_at from job_runs where job = ${job} and run_date = ${today} order by id`);

  it('R23/R32: a daily run interrupted by a crash (running, lease expired) is marked failed with a Chinese reason after restart and run again; a day runs once', async () => {
    // what a killed process leaves: its run of today's escalation still "running", its lease no longer renewed
    await h.database.rows(
      sql`insert into job_runs (job, run_date, status, lease_owner, lease_until, started_at) values ('escalation', ${today}, 'running', 'dead-host:1:00000000', now() - interval '1 minute', now() - interval '2 minutes')`,
    );
    const app = await buildApp(h.ctx);
    await app.close(); // the restart's recovery
    expect(await runs('escalation')).toMatchObject([{ status: 'failed', error: '服务中断（进程已退出），本次运行未完成' }]);
    await runDailyJobs(h.ctx, today, quiet);
    const after = await runs('escalation');
    expect(after.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(after[1]!.ended_at).not.toBeNull();
    expect((await runs('credit')).map((r) => r.status)).toEqual(['succeeded']);
    // a second check the same day (this process or another) runs nothing again
    await runDailyJobs(h.ctx, today, quiet);
    expect((await runs('escalation')).length).toBe(2);
    expect((await runs('credit')).length).toBe(1);
  });

  it('R23: a run under a live lease of another process is left alone; a run that fails is recorded with a Chinese reason and retried', async () => {
    const day = '2030-01-01';
    await h.database.rows(sql`insert into job_runs (job, run_date, status, lease_owner, lease_until) values ('escalation', ${day}, 'running', 'other-host:2:00000000', now() + interval '1 minute')`);
    const failing = { name: 'credit' as const, label: '信用状态更新', run: async () => { throw new Error('connection terminated'); } };
    await runDailyJobs(h.ctx, day, quiet, [{ name: 'escalation', label: '隐患督办升级', run: async () => '不应运行' }, failing]);
    const rows = await h.database.rows<{ job: string; status: string; error: string | null }>(sql`select job, status, error from job_runs where run_date = ${day} order by id`);
    expect(rows).toEqual([
      { job: 'escalation', status: 'running', error: null },
      { job: 'credit', status: 'failed', error: '运行出错（详情见服务器日志）' },
    ]);
    await runDailyJobs(h.ctx, day, quiet, [{ ...failing, run: async () => '已更新' }]);
    expect((await h.database.rows<{ status: string }>(sql`select status from job_runs where run_date = ${day} and job = 'credit' order by id`)).map((r) => r.status)).toEqual(['failed', 'succeeded']);
  });

  it('R35: administrators see the runs with Chinese labels and reasons; other roles are refused', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/job-runs', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { jobLabel: string; statusLabel: string; error: string | null }[];
    expect(items.some((i) => i.jobLabel === '隐患督办升级' && i.statusLabel === '失败' && i.error === '服务中断（进程已退出），本次运行未完成')).toBe(true);
    expect(items.some((i) => i.jobLabel === '信用状态更新' && i.statusLabel === '成功')).toBe(true);
    const officer = await h.login('county.officer');
    expect((await h.app.inject({ method: 'GET', url: '/api/job-runs', headers: { cookie: officer } })).statusCode).toBe(403);
  });
});
