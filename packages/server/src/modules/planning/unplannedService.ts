// R11 计划外检查 一事一报, R1/R20 no inspections across levels except joint ones, R21 holiday rounds: the rules and the
// SQL behind planning/unplannedRoutes.ts (and the filing that registers its unplanned inspection, inspectionService.ts).
import { eq, sql } from 'drizzle-orm';
import { addDays, childRegions, createRng, holidaysOfYear, regionFullName, regionPrefix, unplannedTriggerLabels } from '@anjian/domain';
import { unplannedTriggers } from '@anjian/domain/contract/planning';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies, holidayRounds, unplannedRequests } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/diff.js';
import { arrayParam } from '../../lib/bulk.js';
import { appendAudit, type AuditInput } from '../audit/chain.js';
import { actorOf, inJurisdiction, inServiceOn, regionCondition, type Principal } from '../auth/principal.js';

export const triggers = unplannedTriggers;
export type Trigger = (typeof triggers)[number];
export const triggerLabels: Record<Trigger, string> = unplannedTriggerLabels;
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
  return warningsOf(await ctx.database.rows<DuplicateRow>(duplicatesSql(enterpriseId, date, ownAgencyId)));
}

type DuplicateRow = { agency: string; d: string; kind: string };

/** R20's warnings as a json column of a larger statement (the filing's one read); warningsOf reads it. */
export const duplicatesJson = (enterpriseId: number, date: string, ownAgencyId: number | null) =>
  sql`(select json_agg(w) from (${duplicatesSql(enterpriseId, date, ownAgencyId)}) w)`;

export function warningsOf(rows: DuplicateRow[] | null): string[] {
  return (rows ?? []).map((r) => `${r.agency}已于${r.d}${r.kind === 'plan' ? '计划' : '安排'}检查该企业：避免多层级短时间内重复检查`);
}

function duplicatesSql(enterpriseId: number, date: string, ownAgencyId: number | null) {
  const from = addDays(date, -DUPLICATE_WINDOW_DAYS);
  const to = addDays(date, DUPLICATE_WINDOW_DAYS);
  return (
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
           and u.planned_date between ${from}::date and ${to}::date`
  );
}

/** R1: the agency with which the inspection is joint (null: none); refused when the caller's agency may not inspect. */
async function checkLevel(ctx: AppContext, p: Principal, supervising: number, trigger: Trigger, jointWithAgencyId: number | null | undefined): Promise<number | null> {
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

export interface UnplannedInput {
  enterpriseId: number;
  trigger: Trigger;
  reason: string;
  plannedDate: string;
  jointWithAgencyId?: number | null;
}

export interface CheckedUnplanned extends UnplannedInput {
  regionCode: string;
  status: 'recorded' | 'pending';
  joint: number | null;
  /** R20 */
  warnings: string[];
}

/** R11 / R1 / R20: what registering the unplanned inspection takes, checked before its transaction. */
export async function checkUnplanned(
  ctx: AppContext,
  p: Principal,
  b: UnplannedInput,
  enterprise: { regionCode: string; supervisingAgencyId: number } | null,
  /** R20's warnings when the caller read them already (duplicatesJson) */
  read?: string[],
): Promise<CheckedUnplanned> {
  if (!p.agencyId) throw forbidden('请以执法机构账户办理');
  if (!enterprise || !inJurisdiction(p, enterprise.regionCode)) throw notFound('企业');
  const joint = await checkLevel(ctx, p, enterprise.supervisingAgencyId, b.trigger, b.jointWithAgencyId);
  const warnings = read ?? (await duplicateWarnings(ctx, b.enterpriseId, b.plannedDate, p.agencyId));
  return { ...b, regionCode: enterprise.regionCode, status: EXEMPT.includes(b.trigger) ? 'recorded' : 'pending', joint, warnings };
}

/** Records the checked request in `tx`; its audit entry is the caller's to append (with the filing's, when it files). */
export async function insertUnplanned(tx: Db, p: Principal, u: CheckedUnplanned): Promise<{ row: typeof unplannedRequests.$inferSelect; audit: AuditInput }> {
  const [row] = await tx.insert(unplannedRequests).values(unplannedValues(p, u)).returning();
  return { row: row!, audit: unplannedAudit(row!.id, u) };
}

/** The request's row (`id`: taken by the caller, for a filing that writes it in its own statement). */
export function unplannedValues(p: Principal, u: CheckedUnplanned, id?: number): typeof unplannedRequests.$inferInsert {
  return { id, agencyId: p.agencyId!, enterpriseId: u.enterpriseId, regionCode: u.regionCode, trigger: u.trigger, reason: u.reason, status: u.status, jointWithAgencyId: u.joint, requestedBy: p.userId, plannedDate: u.plannedDate };
}

export function unplannedAudit(id: number, u: CheckedUnplanned): AuditInput {
  return { action: 'create', entityType: 'unplanned', entityId: id, regionCode: u.regionCode, reason: u.reason, after: { enterpriseId: u.enterpriseId, trigger: u.trigger, status: u.status, jointWithAgencyId: u.joint, plannedDate: u.plannedDate } };
}

/** R11: registers an unplanned inspection — recorded with its trigger, or pending one-by-one approval ("other"). */
export async function registerUnplanned(ctx: AppContext, p: Principal, b: UnplannedInput) {
  const [e] = await ctx.database.rows<{ region_code: string; supervising_agency_id: number }>(sql`select region_code, supervising_agency_id from enterprises where id = ${b.enterpriseId}`);
  const checked = await checkUnplanned(ctx, p, b, e ? { regionCode: e.region_code, supervisingAgencyId: Number(e.supervising_agency_id) } : null);
  const row = await ctx.database.db.transaction(async (tx) => {
    const { row, audit } = await insertUnplanned(tx, p, checked);
    await appendAudit(ctx.database, tx, actorOf(p), [audit]);
    return row;
  });
  return {
    ...row,
    triggerLabel: triggerLabels[b.trigger],
    statusLabel: checked.status === 'recorded' ? '已登记（不受计划限制）' : '待审批（一事一报）',
    warnings: checked.warnings,
  };
}

export async function decideUnplanned(ctx: AppContext, p: Principal, id: number, approve: boolean, note: string | undefined) {
  const [u] = await ctx.database.db.select().from(unplannedRequests).where(eq(unplannedRequests.id, id));
  if (!u || !inJurisdiction(p, u.regionCode)) throw notFound('计划外检查申请');
  if (u.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
  if (!approve && !note) throw new AppError('VALIDATION', '不予批准须写明理由');
  const status = approve ? 'approved' : 'rejected';
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.update(unplannedRequests).set({ status, decidedBy: p.userId, decisionNote: note ?? null, decidedAt: new Date() }).where(eq(unplannedRequests.id, u.id)).returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: status, entityType: 'unplanned', entityId: u.id, regionCode: u.regionCode, reason: note ?? null, before: { status: u.status }, after: { status } }]);
    return row!;
  });
}

export async function listUnplanned(ctx: AppContext, p: Principal, status: string | undefined) {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select u.*, e.name as enterprise_name, a.name as agency_name from unplanned_requests u join enterprises e on e.id = u.enterprise_id join agencies a on a.id = u.agency_id
        where ${regionCondition(p, 'u.region_code')} ${status ? sql`and u.status = ${status}` : sql``} order by u.id desc limit 500`,
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
}

export interface HolidayRoundInput {
  year: number;
  holidayName: string;
  teamCount: number;
  excludedRegionCodes: string[];
  seed?: number;
}

/** R21: unannounced visits over a long holiday, teams drawn from the agency's officers with valid credentials. */
export async function createHolidayRound(ctx: AppContext, p: Principal, b: HolidayRoundInput) {
  if (!p.agencyId || !p.agencyRegionCode) throw forbidden('请以执法机构账户办理');
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
  return ctx.database.db.transaction(async (tx) => {
    const [hr] = await tx
      .insert(holidayRounds)
      .values({ agencyId: p.agencyId!, regionCode: p.agencyRegionCode!, year: b.year, holidayName: holiday.name, kind: 'unannounced', startDate: holiday.start, endDate: holiday.end, teams, excludedRegions: [...excluded], createdBy: p.userId })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'holiday_round', entityId: hr!.id, regionCode: p.agencyRegionCode!, after: { holiday: holiday.name, teams: teams.length, excluded: [...excluded] } }]);
    return hr!;
  });
}

/** R21: the round reported to the safety committee's office (安委办). */
export async function fileHolidayRound(ctx: AppContext, p: Principal, id: number) {
  const [hr] = await ctx.database.db.select().from(holidayRounds).where(eq(holidayRounds.id, id));
  if (!hr || !inJurisdiction(p, hr.regionCode)) throw notFound('明查暗访计划');
  if (hr.filedWithSafetyCommitteeAt) throw new AppError('CONFLICT', '已报安委办备案');
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.update(holidayRounds).set({ filedWithSafetyCommitteeAt: new Date() }).where(eq(holidayRounds.id, hr.id)).returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'file', entityType: 'holiday_round', entityId: hr.id, regionCode: hr.regionCode, after: { filedWith: '安委办' } }]);
    return row!;
  });
}
