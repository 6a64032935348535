import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hasOfficialSchedule, isProvisionalDate, planCategoryLabels } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { planVersions } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { user } from '../../lib/http.js';
import { auditEntrySchema, entityHistory } from '../audit/history.js';
import { regionCondition, requirePermission } from '../auth/principal.js';
import { recordRun } from '../jobs/leases.js';
import {
  planAdjustBody,
  planBatch,
  planBatchBody,
  planBody,
  planDetail as planDetailAnswer,
  planEntriesPage,
  planEntriesQuery,
  planExplain,
  planExplainQuery,
  planList,
  planListQuery,
  planPreview,
  planTransitionBody,
  publicTargets,
  publicTargetsQuery,
} from '@anjian/domain/contract/planning';
import { shanghaiDate } from '../../lib/diff.js';
import {
  adjustPlan,
  breakdown,
  computePlan,
  createPlan,
  createPlansForAll,
  explain,
  loadAgency,
  loadPlan,
  planDetail,
  planStatusLabels,
  provisionalPlanWarning,
  transitionPlan,
} from './planService.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export const planRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['planning'];
    r.post(
      '/plans/preview',
      { schema: { tags, body: planBody, response: { 200: planPreview } } },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'planning.write');
        const agency = await loadAgency(ctx, p, req.body.agencyId);
        const { params, result } = await computePlan(ctx, agency, req.body.year, req.body.params);
        // R38: dates of a year without its holiday notice are 暂定
        const provisional = !hasOfficialSchedule(req.body.year);
        const warnings = provisional ? [provisionalPlanWarning(req.body.year), ...result.warnings] : result.warnings;
        return { params, provisional, summary: result.summary, months: result.months, warnings, inputHash: result.inputHash, ...(await breakdown(ctx, result)) };
      },
    );
    r.post(
      '/plans',
      { schema: { tags, body: planBody, response: { 201: planDetailAnswer } } },
      async (req, reply) => {
        const id = await createPlan(ctx, user(req), req.body);
        return reply.status(201).send(await planDetail(ctx, user(req), id));
      },
    );
    r.post(
      '/plans/batch',
      { schema: { tags, body: planBatchBody, response: { 201: planBatch } } },
      async (req, reply) => {
        const p = user(req);
        requirePermission(p, 'users.manage');
        // Recorded as a job run: one interrupted by a crash shows as failed (its transaction left nothing) and is run again.
        const result = await recordRun(ctx, 'plan_batch', shanghaiDate(), () => createPlansForAll(ctx, p, req.body.year, req.body.params), (r) =>
          `${req.body.year}年：新建计划 ${r.created} 个，计划条目 ${r.entries} 条${r.skipped ? `，无企业的执法主体 ${r.skipped} 个` : ''}`,
        );
        return reply.status(201).send(result);
      },
    );
    r.get(
      '/plans',
      { schema: { tags, querystring: planListQuery, response: { 200: planList } } },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'registry.read');
        const conds = [regionCondition(p, 'pl.region_code')];
        if (req.query.year) conds.push(sql`pl.year = ${req.query.year}`);
        if (req.query.agencyId) conds.push(sql`pl.agency_id = ${req.query.agencyId}`);
        const rows = await ctx.database.rows<Record<string, unknown>>(
          sql`select pl.id, pl.year, pl.status, pl.current_version, pl.agency_id, a.name as agency_name, a.level as agency_level, v.total_planned, v.officer_count, pl.updated_at
              from plans pl join agencies a on a.id = pl.agency_id join plan_versions v on v.plan_id = pl.id and v.version_no = pl.current_version
              where ${sql.join(conds, sql` and `)} order by pl.year desc, a.region_code limit 500`,
        );
        return {
          items: rows.map((x) => ({
            id: Number(x.id),
            year: Number(x.year),
            status: x.status as string,
            statusLabel: planStatusLabels[x.status as keyof typeof planStatusLabels],
            currentVersion: Number(x.current_version),
            agencyId: Number(x.agency_id),
            agencyName: x.agency_name as string,
            agencyLevel: x.agency_level as string,
            totalPlanned: Number(x.total_planned),
            officerCount: Number(x.officer_count),
            updatedAt: new Date(x.updated_at as string).toISOString(),
            provisional: !hasOfficialSchedule(Number(x.year)),
          })),
        };
      },
    );
    r.get('/plans/:id', { schema: { tags, params: idParams, response: { 200: planDetailAnswer } } }, async (req) => planDetail(ctx, user(req), req.params.id));
    r.get(
      '/plans/:id/entries',
      {
        schema: {
          tags,
          params: idParams,
          querystring: planEntriesQuery,
          response: { 200: planEntriesPage },
        },
      },
      async (req) => {
        const p = user(req);
        const plan = await loadPlan(ctx, p, req.params.id);
        const versionNo = req.query.version ?? Number(plan.current_version);
        const [v] = await ctx.database.db.select().from(planVersions).where(and(eq(planVersions.planId, req.params.id), eq(planVersions.versionNo, versionNo)));
        if (!v) throw new AppError('NOT_FOUND', '计划版本不存在');
        const conds = [sql`pe.plan_version_id = ${v.id}`];
        if (req.query.month) conds.push(sql`pe.month = ${req.query.month}`);
        if (req.query.category) conds.push(sql`pe.category = ${req.query.category}`);
        if (req.query.q) conds.push(sql`(e.name like ${'%' + req.query.q + '%'} or e.credit_code like ${req.query.q.toUpperCase() + '%'})`);
        const where = sql.join(conds, sql` and `);
        const [rows, count] = await Promise.all([
          ctx.database.rows<Record<string, unknown>>(
            sql`select pe.*, pv.reason_lists -> pe.reason_no as reasons, e.name, e.credit_code, e.industry, e.risk_code, ja.name as joint_agency_name
                from plan_entries pe join plan_versions pv on pv.id = pe.plan_version_id join enterprises e on e.id = pe.enterprise_id left join agencies ja on ja.id = pe.joint_with_agency_id
                where ${where} order by pe.planned_date, pe.id limit ${req.query.pageSize} offset ${(req.query.page - 1) * req.query.pageSize}`,
          ),
          ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from plan_entries pe join enterprises e on e.id = pe.enterprise_id where ${where}`),
        ]);
        return {
          versionNo,
          total: Number(count[0]?.n ?? 0),
          page: req.query.page,
          pageSize: req.query.pageSize,
          items: rows.map((x) => ({
            enterpriseId: Number(x.enterprise_id),
            name: x.name as string,
            creditCode: x.credit_code as string,
            industry: x.industry as string,
            riskCode: x.risk_code as string,
            category: x.category as string,
            categoryLabel: planCategoryLabels[x.category as keyof typeof planCategoryLabels],
            reasons: (typeof x.reasons === 'string' ? JSON.parse(x.reasons) : x.reasons) as string[],
            plannedDate: String(x.planned_date).slice(0, 10),
            provisional: isProvisionalDate(String(x.planned_date).slice(0, 10)),
            month: Number(x.month),
            urgent: Boolean(x.urgent),
            jointWithAgencyName: (x.joint_agency_name as string | null) ?? null,
          })),
        };
      },
    );
    r.get(
      '/plans/:id/explain',
      { schema: { tags, params: idParams, querystring: planExplainQuery, response: { 200: planExplain } } },
      async (req) => {
        const p = user(req);
        let enterpriseId = req.query.enterpriseId;
        if (!enterpriseId && req.query.creditCode) {
          const [e] = await ctx.database.rows<{ id: number }>(sql`select id from enterprises where credit_code = ${req.query.creditCode.toUpperCase()}`);
          enterpriseId = e ? Number(e.id) : undefined;
        }
        if (!enterpriseId) throw new AppError('NOT_FOUND', '未找到该企业，请检查统一社会信用代码');
        return explain(ctx, p, req.params.id, enterpriseId);
      },
    );
    r.post(
      '/plans/:id/adjust',
      { schema: { tags, params: idParams, body: planAdjustBody, response: { 200: planDetailAnswer } } },
      async (req) => {
        await adjustPlan(ctx, user(req), req.params.id, req.body);
        return planDetail(ctx, user(req), req.params.id);
      },
    );
    r.post(
      '/plans/:id/transition',
      {
        schema: {
          tags,
          params: idParams,
          body: planTransitionBody,
          response: { 200: planDetailAnswer },
        },
      },
      async (req) => {
        await transitionPlan(ctx, user(req), req.params.id, req.body);
        return planDetail(ctx, user(req), req.params.id);
      },
    );
    r.get('/plans/:id/history', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(auditEntrySchema) }) } } }, async (req) => {
      await loadPlan(ctx, user(req), req.params.id);
      return { items: await entityHistory(ctx, 'plan', req.params.id) };
    });

    // R5: the monthly target list of published plans is public (no login).
    r.get(
      '/public/plan-targets',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          querystring: publicTargetsQuery,
          response: { 200: publicTargets },
        },
      },
      async (req) => {
        const q = req.query;
        const conds = [sql`pl.status = 'published'`, sql`pl.year = ${q.year}`, sql`pe.month = ${q.month}`, sql`a.level in ('city', 'county')`];
        if (q.regionCode) conds.push(sql`pe.region_code like ${(q.regionCode.endsWith('0000') ? q.regionCode.slice(0, 2) : q.regionCode.endsWith('00') ? q.regionCode.slice(0, 4) : q.regionCode) + '%'}`);
        if (q.agencyId) conds.push(sql`pl.agency_id = ${q.agencyId}`);
        const where = sql.join(conds, sql` and `);
        const from = sql`from plans pl join plan_entries pe on pe.plan_version_id = (select id from plan_versions v where v.plan_id = pl.id and v.version_no = pl.current_version)
                join enterprises e on e.id = pe.enterprise_id join agencies a on a.id = pl.agency_id`;
        const [rows, count] = await Promise.all([
          ctx.database.rows<Record<string, unknown>>(
            sql`select e.name, e.credit_code, e.industry, pe.category, a.name as agency_name, pl.published_at ${from} where ${where}
                order by a.region_code, e.credit_code limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
          ),
          ctx.database.rows<{ n: number }>(sql`select count(*)::int as n ${from} where ${where}`),
        ]);
        return {
          year: q.year,
          month: q.month,
          total: Number(count[0]?.n ?? 0),
          items: rows.map((x) => ({
            enterpriseName: x.name as string,
            creditCode: x.credit_code as string,
            industry: x.industry as string,
            category: planCategoryLabels[x.category as keyof typeof planCategoryLabels],
            agencyName: x.agency_name as string,
          })),
        };
      },
    );
  };
