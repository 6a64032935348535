// The server's own job runs (daily jobs, backups, plan batches) for administrators: an interrupted or failed run is
// visible with its Chinese reason.
import { sql } from 'drizzle-orm';
import { jobRuns, jobRunsQuery } from '@anjian/domain/contract/auth';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { requirePermission } from '../auth/principal.js';
import type { JobName } from './leases.js';

export const jobLabels: Record<JobName, string> = {
  escalation: '隐患督办升级',
  credit: '信用状态更新',
  backup: '数据备份',
  plan_batch: '批量生成年度计划',
  oversight: '执法监督预警',
};
const statusLabels: Record<string, string> = { running: '运行中', succeeded: '成功', failed: '失败' };

export const jobRoutes = routes(async (r, ctx: AppContext) => {
  r.get(
    '/job-runs',
    { schema: { tags: ['jobs'], querystring: jobRunsQuery, response: { 200: jobRuns } } },
    async (req) => {
      requirePermission(user(req), 'users.manage');
      const rows = await ctx.database.rows<Record<string, unknown>>(
        sql`select id, job, run_date, status, started_at, ended_at, summary, error from job_runs order by started_at desc, id desc limit ${req.query.limit}`,
      );
      const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
      return {
        items: rows.map((x) => ({
          id: Number(x.id),
          job: x.job as string,
          jobLabel: jobLabels[x.job as JobName] ?? '其他任务',
          runDate: x.run_date as string,
          status: x.status as 'running' | 'succeeded' | 'failed',
          statusLabel: statusLabels[x.status as string] ?? '未知',
          startedAt: iso(x.started_at)!,
          endedAt: iso(x.ended_at),
          summary: (x.summary as string | null) ?? null,
          error: (x.error as string | null) ?? null,
        })),
      };
    },
  );
});
