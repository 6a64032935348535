// R11 计划外检查 一事一报, R1/R20 no inspections across levels except joint ones, R21 holiday rounds.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, createRng, hasOfficialSchedule, holidaysOfYear, isWorkingDay, regionFullName, childRegions, regionPrefix } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { agencies, holidayRounds, unplannedRequests } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { arrayParam } from '../../lib/bulk.js';
import { user } from '../../lib/http.js';
import { holidayRound, holidayRoundBody, holidaysQuery, holidayYear, unplannedBody, unplannedCreated, unplannedDecided, unplannedDecisionBody, unplannedList, unplannedListQuery, unplannedTriggers } from '@anjian/domain/contract/planning';
import { noBody } from '@anjian/domain/contract/wire';
import { appendAudit } from '../audit/chain.js';
import { inJurisdiction, inServiceOn, regionCondition, requirePermission, type Principal } from '../auth/principal.js';
import { actorOf } from '../registry/enterpriseService.js';

export const triggers = unplannedTriggers;
export type Trigger = (typeof triggers)[number];
export const triggerLabels: Record<Trigger, string> = {
  superior_special: '上级部署的专项检查',
  unannounced_visit: '明查暗访',
  onsite_verification: '现场核查',
  accident: '生产安全事故',
  complaint: '投诉举报',
  referral: '转办交办',
  emergency: '突发事件',
  monitoring_alert: '平台监测预警',
  other: '其他计划外检查',
};
/** R11: everything but "other" is exempt from one-by-one approval and only recorded with its trigger. */
export const EXEMPT: readonly Trigger[] = triggers.filter((t) => t !== 'other');
const DUPLICATE_WINDOW_DAYS = 30;

/** The months (1–12) the days from `from` to `to` fall in (a window of a few weeks). */
function monthsBetween(from: string, to: string): number[] {
  const months = new Set<number>();
  for (let d = from; d <= to; d = addDays(d, 1)) months.add(Number(d.slice(5, 7)));
  return [...months];
}

/** R20: other agencies' planned or unplanned inspections of the same enterprise close to the date. */
export async function duplicateWarnings(ctx: AppContext, enterpriseId: number, date: string, ownAgencyId: number | null): Promise<string[]> {
  const from = addDays(date, -DUPLICATE_WINDOW_DAYS);
  const to = addDays(date, DUPLICATE_WINDOW_DAYS);
  const rows = await ctx.database.rows<{ agency: string; d: string; kind: string }>(
    // Plan entries are looked up by version and month (there is no index on enterprise_id): every other agency's current
    // plan of the window's years, so an enterprise that has moved since the plans were made is still found.
    sql`select a.name as agency, to_char(pe.planned_date, 'YYYY-MM-DD') as d, 'plan' as kind
          from plans pl join plan_versions v on v.plan_id = pl.id and v.version_no = pl.current_version
          join plan_entries pe on pe.plan_version_id = v.id and pe.month = any(${arrayParam(monthsBetween(from, to), 'int')})
          join agencies a on a.id = pl.agency_id
         where pe.enterprise_id = ${enterpriseId} and pl.status in ('approved', 'filed', 'published') and pl.agency_id <> ${ownAgencyId ?? -1}
           and pl.year between ${Number(from.slice(0, 4))} and ${Number(to.slice(0, 4))} and pe.planned_date between ${from}::date and ${to}::date
        union all
        select a.name, to_char(u.planned_date, 'YYYY-MM-DD'), 'unplanned' from unplanned_requests u join agencies a on a.id = u.agency_id
         where u.enterprise_id = ${enterpriseId} and u.status in ('approved', 'recorded') and u.agency_id <> ${ownAgencyId ?? -1}
           and u.planned_date between ${from}::date and ${to}::date`,
  );
  return rows.map((r) => `${r.agency}已于${r.d}${r.kind === 'plan' ? '计划' : '安排'}检查该企业：避免多层级短时间内重复检查`);
}

async function checkLevel(ctx: AppContext, p: Principal, enterprise: Record<string, unknown>, trigger: Trigger, jointWithAgencyId: number | null | undefined) {
  const supervising = Number(enterprise.supervising_agency_id);
  if (supervising === p.agencyId) return null;
  const [sup] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, supervising));
  const [own] = p.agencyId ? await ctx.database.db.select().from(agencies).where(eq(agencies.id, p.agencyId)) : [];
  const higher = own && sup && sup.regionCode.startsWith(regionPrefix(own.regionCode)) && own.regionCode !== sup.regionCode;
  if (!higher) throw new AppError('FORBIDDEN', `该企业由“${sup?.name ?? '其他机构'}”监管，一家企业对应一个层级执法主体，本机构不得检查`);
  // A covert visit (暗访) is the one cross-level inspection that is not joint.
  if (trigger === 'unannounced_visit') return jointWithAgencyId ?? null;
  if (jointWithAgencyId !== supervising) {
    throw new AppError('VALIDATION', `上级检查下级监管企业，须与属地执法主体“${sup!.name}”联合开展，请选择联合检查`);
  }
  return supervising;
}

export const unplannedRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['planning'];
    r.post(
      '/unplanned-inspections',
      {
        schema: {
          tags,
          body: unplannedBody,
          response: { 201: unplannedCreated },
        },
      },
      async (req, reply) => {
        const p = user(req);
        requirePermission(p, 'planning.write');
        if (!p.agencyId) throw forbidden('请以执法机构账户办理');
        const b = req.body;
        const [e] = await ctx.database.rows(sql`select id, name, region_code, supervising_agency_id from enterprises where id = ${b.enterpriseId}`);
        if (!e || !inJurisdiction(p, e.region_code as string)) throw notFound('企业');
        const joint = await checkLevel(ctx, p, e, b.trigger, b.jointWithAgencyId);
        const warnings = await duplicateWarnings(ctx, b.enterpriseId, b.plannedDate, p.agencyId);
        const status = EXEMPT.includes(b.trigger) ? 'recorded' : 'pending';
        const row = await ctx.database.db.transaction(async (tx) => {
          const [u] = await tx
            .insert(unplannedRequests)
            .values({ agencyId: p.agencyId!, enterpriseId: b.enterpriseId, regionCode: e.region_code as string, trigger: b.trigger, reason: b.reason, status, jointWithAgencyId: joint, requestedBy: p.userId, plannedDate: b.plannedDate })
            .returning();
          await appendAudit(ctx.database, tx, actorOf(p), [
            { action: 'create', entityType: 'unplanned', entityId: u!.id, regionCode: e.region_code as string, reason: b.reason, after: { enterpriseId: b.enterpriseId, trigger: b.trigger, status, jointWithAgencyId: joint, plannedDate: b.plannedDate } },
          ]);
          return u!;
        });
        return reply.status(201).send({
          ...row,
          triggerLabel: triggerLabels[b.trigger],
          statusLabel: status === 'recorded' ? '已登记（不受计划限制）' : '待审批（一事一报）',
          warnings,
        });
      },
    );
    r.post(
      '/unplanned-inspections/:id/decide',
      { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }), body: unplannedDecisionBody, response: { 200: unplannedDecided } } },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'planning.approve');
        const [u] = await ctx.database.db.select().from(unplannedRequests).where(eq(unplannedRequests.id, req.params.id));
        if (!u || !inJurisdiction(p, u.regionCode)) throw notFound('计划外检查申请');
        if (u.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
        if (!req.body.approve && !req.body.note) throw new AppError('VALIDATION', '不予批准须写明理由');
        const status = req.body.approve ? 'approved' : 'rejected';
        return ctx.database.db.transaction(async (tx) => {
          const [row] = await tx.update(unplannedRequests).set({ status, decidedBy: p.userId, decisionNote: req.body.note ?? null, decidedAt: new Date() }).where(eq(unplannedRequests.id, u.id)).returning();
          await appendAudit(ctx.database, tx, actorOf(p), [{ action: status, entityType: 'unplanned', entityId: u.id, regionCode: u.regionCode, reason: req.body.note ?? null, before: { status: u.status }, after: { status } }]);
          return row!;
        });
      },
    );
    r.get('/unplanned-inspections', { schema: { tags, querystring: unplannedListQuery, response: { 200: unplannedList } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      const rows = await ctx.database.rows<Record<string, unknown>>(
        sql`select u.*, e.name as enterprise_name, a.name as agency_name from unplanned_requests u join enterprises e on e.id = u.enterprise_id join agencies a on a.id = u.agency_id
            where ${regionCondition(p, 'u.region_code')} ${req.query.status ? sql`and u.status = ${req.query.status}` : sql``} order by u.id desc limit 500`,
      );
      return {
        items: rows.map((x) => ({
          id: Number(x.id),
          enterpriseId: Number(x.enterprise_id),
          enterpriseName: x.enterprise_name as string,
          agencyName: x.agency_name as string,
          trigger: x.trigger as string,
          triggerLabel: triggerLabels[x.trigger as Trigger],
          reason: x.reason as string,
          status: x.status as string,
          plannedDate: String(x.planned_date).slice(0, 10),
          createdAt: new Date(x.created_at as string).toISOString(),
        })),
      };
    });

    // R21 / R38: holidays of a year with their consecutive days off and what they call for.
    r.get('/holidays', { schema: { tags, querystring: holidaysQuery, response: { 200: holidayYear } } }, async (req) => {
      user(req);
      const year = req.query.year;
      return {
        year,
        officialSchedule: hasOfficialSchedule(year),
        items: holidaysOfYear(year).map((h) => ({
          ...h,
          kind: h.daysOff > 3 ? 'unannounced' : 'preventive',
          kindLabel: h.daysOff > 3 ? '连续放假3天以上：部署明查暗访' : '连续放假3天及以下：节前结合日常计划开展预防性检查',
          preventiveWindow: preventiveWindow(h.start),
        })),
      };
    });
    r.post(
      '/holiday-rounds',
      {
        schema: {
          tags,
          body: holidayRoundBody,
          response: { 201: holidayRound },
        },
      },
      async (req, reply) => {
        const p = user(req);
        // deploying unannounced visits is the leadership's decision (R21), as approving plans is; officers file it
        requirePermission(p, 'planning.approve');
        if (!p.agencyId || !p.agencyRegionCode) throw forbidden('请以执法机构账户办理');
        const b = req.body;
        const holiday = holidaysOfYear(b.year).find((h) => h.name === b.holidayName);
        if (!holiday) throw new AppError('VALIDATION', `${b.year}年没有“${b.holidayName}”假期`);
        if (holiday.daysOff <= 3) {
          throw new AppError('VALIDATION', `${holiday.name}连续放假${holiday.daysOff}天，应结合日常监督检查计划于节前开展预防性检查，不部署明查暗访`);
        }
        const today = shanghaiDate();
        const officers = await ctx.database.rows<{ id: number }>(
          sql`select id from officers where agency_id = ${p.agencyId} and credential_valid_from <= ${today}::date and credential_valid_to >= ${today}::date and ${inServiceOn(today)} order by id`,
        );
        // Rotation (轮班): officers of this agency's previous round go last.
        const [prev] = await ctx.database.rows<{ teams: { officerIds: number[] }[] }>(sql`select teams from holiday_rounds where agency_id = ${p.agencyId} order by id desc limit 1`);
        const lastRound = new Set((prev?.teams ?? []).flatMap((t) => t.officerIds));
        const rng = createRng(b.seed ?? b.year * 100 + holiday.start.charCodeAt(6));
        const shuffled = officers.map((o) => ({ id: Number(o.id), k: rng.next() + (lastRound.has(Number(o.id)) ? 1 : 0) })).sort((a, c) => a.k - c.k);
        if (shuffled.length < b.teamCount * 2) throw new AppError('VALIDATION', `持有效执法证人员${shuffled.length}人，不足以组成${b.teamCount}个不少于2人的检查组`);
        const excluded = new Set(b.excludedRegionCodes);
        // No unannounced visits in regions under inspection tour (巡查/综合督查).
        const regions = childRegions(p.agencyRegionCode).filter((c) => !excluded.has(c.code));
        if (regions.length === 0) throw new AppError('VALIDATION', '排除正在接受巡查或综合督查的地区后，没有可安排明查暗访的地区');
        const teams = Array.from({ length: b.teamCount }, (_, i) => ({
          officerIds: shuffled.filter((_, k) => k % b.teamCount === i).slice(0, Math.max(2, Math.floor(shuffled.length / b.teamCount))).map((o) => o.id),
          regionCodes: regions.filter((_, k) => k % b.teamCount === i).map((x) => x.code),
          regionNames: regions.filter((_, k) => k % b.teamCount === i).map((x) => regionFullName(x.code)),
        }));
        const row = await ctx.database.db.transaction(async (tx) => {
          const [hr] = await tx
            .insert(holidayRounds)
            .values({ agencyId: p.agencyId!, regionCode: p.agencyRegionCode!, year: b.year, holidayName: holiday.name, kind: 'unannounced', startDate: holiday.start, endDate: holiday.end, teams, excludedRegions: [...excluded], createdBy: p.userId })
            .returning();
          await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'holiday_round', entityId: hr!.id, regionCode: p.agencyRegionCode!, after: { holiday: holiday.name, teams: teams.length, excluded: [...excluded] } }]);
          return hr!;
        });
        return reply.status(201).send(row);
      },
    );
    r.post('/holiday-rounds/:id/file', { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }), body: noBody, response: { 200: holidayRound } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'planning.write');
      const [hr] = await ctx.database.db.select().from(holidayRounds).where(eq(holidayRounds.id, req.params.id));
      if (!hr || !inJurisdiction(p, hr.regionCode)) throw notFound('明查暗访计划');
      if (hr.filedWithSafetyCommitteeAt) throw new AppError('CONFLICT', '已报安委办备案');
      return ctx.database.db.transaction(async (tx) => {
        const [row] = await tx.update(holidayRounds).set({ filedWithSafetyCommitteeAt: new Date() }).where(eq(holidayRounds.id, hr.id)).returning();
        await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'file', entityType: 'holiday_round', entityId: hr.id, regionCode: hr.regionCode, after: { filedWith: '安委办' } }]);
        return row!;
      });
    });
  };

/** R21: the five working days before a short holiday, when preventive inspections are scheduled. */
export function preventiveWindow(holidayStart: string): { start: string; end: string } {
  const days: string[] = [];
  let d = addDays(holidayStart, -1);
  while (days.length < 5) {
    if (isWorkingDay(d)) days.push(d);
    d = addDays(d, -1);
  }
  return { start: days[days.length - 1]!, end: days[0]! };
}
