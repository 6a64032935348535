// Jobs survive restarts. Several API processes may share one database, so "the process running this job died" is
// told by a lease: a running job (an import's preview or commit, a daily job, a backup, a plan batch) carries its
// process's id and a time until which it is alive, renewed while it runs. A job whose lease has expired belongs to a
// process that is gone; any process then takes it over — at start and periodically (`startJobRecovery`):
// - an import job becomes 失败 with a Chinese reason and keeps its file, so the user retries without uploading again
//   (the commit is idempotent by credit code: rows an interrupted commit already wrote come out unchanged);
// - a job run becomes 失败 (服务中断); the daily scheduler runs it again since no run of that day succeeded.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { arrayLiteral } from '../../lib/bulk.js';

/** This process, as written into the leases it holds. */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** `now() + lease` as SQL. */
export const leaseEnd = (ctx: AppContext) => sql`now() + make_interval(secs => ${ctx.config.jobLeaseSeconds})`;

/**
 * Renews a lease every third of its length until the returned function is called. The renewal is not awaited by the
 * job: on a database with one connection it waits for the job's transaction, and a failed renewal only means the lease
 * may be taken over (which the job's last update tolerates).
 */
export function keepLease(ctx: AppContext, renew: () => Promise<unknown>): () => void {
  const timer = setInterval(() => void renew().catch(() => undefined), Math.max(200, (ctx.config.jobLeaseSeconds * 1000) / 3));
  timer.unref();
  return () => clearInterval(timer);
}

export const INTERRUPTED_COMMIT = '提交过程中服务中断，提交未完成。文件已保留，可点击“重试”继续提交（已写入的企业不会重复写入）';
export const INTERRUPTED_PREVIEW = '校验过程中服务中断，校验未完成。文件已保留，可点击“重试”重新校验';
export const INTERRUPTED_RUN = '服务中断（进程已退出），本次运行未完成';

/** A reason a user can read: an AppError's message, anything else (driver or internal errors) a general Chinese one. */
export function chineseReason(err: unknown): string {
  return err instanceof AppError ? err.message : '运行出错（详情见服务器日志）';
}

/**
 * Takes over the jobs of processes that died: import jobs and job runs whose lease has expired. `local` are the ids
 * of import jobs this process runs (never taken from itself, even if a renewal is late).
 */
export async function recoverInterruptedJobs(ctx: AppContext, local: Iterable<string> = []): Promise<{ imports: string[]; runs: number[] }> {
  const mine = [...local];
  const imports = await ctx.database.rows<{ id: string }>(
    sql`update import_jobs set status = 'failed', lease_owner = null, lease_until = null, updated_at = now(),
          message = case when status = 'committing' then ${INTERRUPTED_COMMIT} else ${INTERRUPTED_PREVIEW} end
        where status in ('parsing', 'committing') and (lease_until is null or lease_until < now())
          ${mine.length ? sql`and id <> all(${arrayLiteral(mine, 'text')}::text[])` : sql``}
        returning id`,
  );
  const runs = await ctx.database.rows<{ id: number }>(
    sql`update job_runs set status = 'failed', ended_at = now(), error = ${INTERRUPTED_RUN}
        where status = 'running' and lease_until < now() returning id`,
  );
  return { imports: imports.map((r) => r.id), runs: runs.map((r) => Number(r.id)) };
}

/** Recovery at start and then every lease length; returns the stop function. */
export function startJobRecovery(ctx: AppContext, local: () => Iterable<string>, log: (msg: string) => void = console.log): () => void {
  const sweep = async () => {
    try {
      const r = await recoverInterruptedJobs(ctx, local());
      if (r.imports.length || r.runs.length) log(`已接管中断的任务：导入任务 ${r.imports.length} 个，后台任务 ${r.runs.length} 个（已标记为失败，可重试）`);
    } catch (err) {
      console.error('中断任务检查失败', err);
    }
  };
  const first = sweep();
  const timer = setInterval(() => void sweep(), ctx.config.jobLeaseSeconds * 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    return first;
  };
}

export type JobName = 'escalation' | 'credit' | 'backup' | 'plan_batch' | 'oversight';

/**
 * Runs `fn` as a recorded job run: a `job_runs` row (running, with a lease renewed while it runs), then succeeded with
 * the summary or failed with a Chinese reason (the error is rethrown).
 */
export async function recordRun<T>(ctx: AppContext, job: JobName, runDate: string, fn: () => Promise<T>, summarize: (r: T) => string | null = () => null): Promise<T> {
  const [run] = await ctx.database.rows<{ id: number }>(
    sql`insert into job_runs (job, run_date, status, lease_owner, lease_until) values (${job}, ${runDate}, 'running', ${PROCESS_ID}, ${leaseEnd(ctx)}) returning id`,
  );
  const id = Number(run!.id);
  const stop = keepLease(ctx, () => ctx.database.rows(sql`update job_runs set lease_until = ${leaseEnd(ctx)} where id = ${id} and status = 'running'`));
  try {
    const result = await fn();
    await ctx.database.rows(sql`update job_runs set status = 'succeeded', ended_at = now(), summary = ${summarize(result)} where id = ${id}`);
    return result;
  } catch (err) {
    await ctx.database.rows(sql`update job_runs set status = 'failed', ended_at = now(), error = ${chineseReason(err)} where id = ${id}`).catch(() => undefined);
    throw err;
  } finally {
    stop();
  }
}

/** Whether `job` needs a run for `runDate`: none succeeded, and none is running under a live lease (another process). */
export async function needsRun(ctx: AppContext, job: JobName, runDate: string): Promise<boolean> {
  const [r] = await ctx.database.rows<{ busy: boolean }>(
    sql`select exists (select 1 from job_runs where job = ${job} and run_date = ${runDate}
          and (status = 'succeeded' or (status = 'running' and lease_until >= now()))) as busy`,
  );
  return !r!.busy;
}
