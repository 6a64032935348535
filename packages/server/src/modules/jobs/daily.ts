// The daily jobs: hazard escalation (R23) and credit statuses following the expiry of publication periods and
// blacklist listings (R32, which feed planning R9). Both are idempotent, so the scheduler stays simple: run once at
// start — a server that was down overnight catches up — then check every hour, doing work only when the Shanghai date
// has changed since the last successful run.
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/diff.js';
import { runEscalation } from '../inspections/hazardService.js';
import { refreshCreditStatuses } from '../credit/service.js';

interface Job {
  name: string;
  run: (ctx: AppContext, today: string) => Promise<string | null>;
}

const jobs: Job[] = [
  {
    name: '隐患督办升级',
    run: async (ctx, today) => {
      const r = await runEscalation(ctx, today);
      const steps = Object.values(r.newSteps).reduce((a, b) => a + b, 0);
      return steps > 0 ? `新增 ${steps} 项，涉及隐患 ${r.hazardsUpdated} 条` : null;
    },
  },
  {
    name: '信用状态更新',
    run: async (ctx, today) => {
      const r = await refreshCreditStatuses(ctx, null, today);
      return r.changed > 0 ? `${r.changed} 家企业信用状态变化` : null;
    },
  },
];

export function startDailyJobs(ctx: AppContext, log: (msg: string) => void = console.log): () => void {
  const lastDate = new Map<string, string>();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    const today = shanghaiDate();
    try {
      for (const job of jobs) {
        if (lastDate.get(job.name) === today) continue;
        try {
          const summary = await job.run(ctx, today);
          lastDate.set(job.name, today);
          if (summary) log(`${job.name}（${today}）：${summary}`);
        } catch (err) {
          log(`${job.name}失败，将于一小时后重试：${(err as Error).message}`);
        }
      }
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
