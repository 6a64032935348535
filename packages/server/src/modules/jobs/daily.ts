// The daily jobs: hazard escalation (R23) and credit statuses following the expiry of publication periods and
// blacklist listings (R32, which feed planning R9). Both are idempotent, so the scheduler stays simple: run once at
// start — a server that was down overnight catches up — then check every hour, doing work only when no run of the
// Shanghai date has succeeded yet (runs are recorded in job_runs: a run interrupted by a crash is marked failed by the
// recovery in leases.ts and run again here).
import path from 'node:path';
import type { AppContext } from '../../context.js';
import { backupAndPrune } from '../backup/backup.js';
import { shanghaiDate } from '../../lib/diff.js';
import { runEscalation } from '../hazard/service.js';
import { refreshCreditStatuses } from '../credit/service.js';
import { runDetectors } from '../oversight/alertService.js';
import { AppError } from '../../lib/errors.js';
import { chineseReason, needsRun, recordRun, type JobName } from './leases.js';

interface Job {
  name: JobName;
  label: string;
  run: (ctx: AppContext, today: string) => Promise<string | null>;
}

const jobs: Job[] = [
  {
    name: 'escalation',
    label: '隐患督办升级',
    run: async (ctx, today) => {
      const r = await runEscalation(ctx, today);
      const steps = Object.values(r.newSteps).reduce((a, b) => a + b, 0);
      return steps > 0 ? `新增 ${steps} 项，涉及隐患 ${r.hazardsUpdated} 条` : null;
    },
  },
  {
    name: 'credit',
    label: '信用状态更新',
    run: async (ctx, today) => {
      const r = await refreshCreditStatuses(ctx, null, today);
      return r.changed > 0 ? `${r.changed} 家企业信用状态变化` : null;
    },
  },
  {
    // R34: the detectors of lax and improper enforcement (附件2), idempotent like the others
    name: 'oversight',
    label: '执法监督预警',
    run: async (ctx, today) => {
      const r = await runDetectors(ctx, today);
      const created = r.reduce((a, x) => a + x.created, 0);
      const cleared = r.reduce((a, x) => a + x.cleared, 0);
      return created + cleared > 0 ? `新增预警 ${created} 条，不再检出 ${cleared} 条` : null;
    },
  },
];

/** The daily backup of the store (embedded or PostgreSQL) and DATA_DIR's files. */
export const backupJob: Job = {
  name: 'backup',
  label: '数据备份',
  run: async (ctx) =>
    backupAndPrune({
      url: ctx.database.url,
      dataDir: ctx.config.dataDir,
      dir: ctx.config.backupDir ?? path.join(ctx.config.dataDir, 'backups'),
      keepDays: ctx.config.backupKeepDays,
    }),
};

/**
 * Runs each daily job that has no successful run for `today` (in job_runs, so across restarts and processes) and is not
 * running under a live lease elsewhere. Each run is recorded with its start, end, status and a Chinese reason.
 */
export async function runDailyJobs(ctx: AppContext, today: string, log: (msg: string) => void = console.log, list: Job[] = jobs): Promise<void> {
  for (const job of list) {
    if (!(await needsRun(ctx, job.name, today))) continue;
    try {
      const summary = await recordRun(ctx, job.name, today, () => job.run(ctx, today), (s) => s);
      if (summary) log(`${job.label}（${today}）：${summary}`);
    } catch (err) {
      if (!(err instanceof AppError)) console.error(`${job.label}失败`, err);
      log(`${job.label}失败，将于一小时后重试：${chineseReason(err)}`);
    }
  }
}

export function startDailyJobs(ctx: AppContext, log: (msg: string) => void = console.log, extra: Job[] = []): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDailyJobs(ctx, shanghaiDate(), log, [...jobs, backupJob, ...extra]);
    } catch (err) {
      console.error('每日任务检查失败', err);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}

export type { Job as DailyJob };
