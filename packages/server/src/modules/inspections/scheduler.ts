// The nightly escalation (R23). The job is idempotent (one step per hazard and level, advisory lock), so the
// scheduler stays simple: run once at start — a server that was down overnight catches up — then every hour,
// which only does work when the Shanghai date has changed since the last run.
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/diff.js';
import { runEscalation } from './hazardService.js';

export function startEscalationSchedule(ctx: AppContext, log: (msg: string) => void = console.log): () => void {
  let lastDate = '';
  let running = false;
  const tick = async () => {
    const today = shanghaiDate();
    if (running || today === lastDate) return;
    running = true;
    try {
      const run = await runEscalation(ctx, today);
      lastDate = today;
      const steps = Object.values(run.newSteps).reduce((a, b) => a + b, 0);
      if (steps > 0) log(`隐患督办升级（${today}）：新增 ${steps} 项，涉及隐患 ${run.hazardsUpdated} 条`);
    } catch (err) {
      log(`隐患督办升级失败，将于一小时后重试：${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
