// The public portal (信息公开门户, R5, R13, R14, R29, R32): what each agency has published, by region, with no login.
// Only what is meant to be public leaves this module (docs/public-portal.md): plans only in a version that was
// approved, filed and published; draws with their verification data; results of completed double-random inspections
// without officers, notes, evidence or personal data; penalty decisions and blacklists through their own modules.
import { sql, type SQL } from 'drizzle-orm';
import {
  agencyLevelLabels,
  answerResultLabels,
  childRegions,
  getRegion,
  hazardStatusLabels,
  industryLabels,
  planCategoryLabels,
  provinceRegions,
  regionFullName,
  regionPath,
  regionPrefix,
  type AgencyLevel,
  type AnswerResult,
  type CheckItem,
  type HazardStatus,
  type Industry,
  type MonthCapacity,
  type PlanCategory,
  type PlanParams,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError } from '../../lib/errors.js';
import { regionScopeCondition } from '../auth/principal.js';
import { catalogueVersion, currentCatalogue } from '../inspection/catalog.js';
import { maskNumbers } from '../penalty/publication.js';

export interface PageQuery {
  page: number;
  pageSize: number;
}
const offset = (q: PageQuery) => (q.page - 1) * q.pageSize;
const n = (v: unknown) => Number(v ?? 0);

// ---------- published plan versions ----------

/**
 * A plan's published versions (R10): the plan row keeps only the current version and status, and an adjustment sends
 * the plan back to draft — the version published before stays the one in force until the adjustment is published in
 * turn. The plan's audit trail (written in the transaction of each step) tells which version each publication was of.
 */
export interface PublishedVersion {
  versionNo: number;
  publishedOn: string;
}

const publishedPlanCondition = (alias: string) =>
  sql`(${sql.raw(alias)}.status = 'published' or exists (select 1 from audit_log al where al.entity_type = 'plan' and al.entity_id = ${sql.raw(alias)}.id::text and al.action = 'publish'))`;

async function publishedVersions(ctx: AppContext, plans: { id: number; status: string; currentVersion: number; publishedAt: Date | string | null }[]): Promise<Map<number, PublishedVersion[]>> {
  const out = new Map<number, PublishedVersion[]>();
  if (!plans.length) return out;
  const rows = await ctx.database.rows<{ entity_id: string; action: string; after: { version?: number } | null; at: Date | string }>(
    sql`select entity_id, action, after, at from audit_log where entity_type = 'plan' and entity_id = any(${arrayParam(plans.map((p) => String(p.id)), 'text')}) and action in ('adjust', 'publish') order by id`,
  );
  const version = new Map<number, number>();
  for (const r of rows) {
    const id = Number(r.entity_id);
    if (r.action === 'adjust') version.set(id, Number(r.after?.version ?? (version.get(id) ?? 1) + 1));
    else {
      const list = out.get(id) ?? [];
      const v = version.get(id) ?? 1;
      const day = shanghaiDate(new Date(r.at));
      const same = list.find((x) => x.versionNo === v);
      if (same) same.publishedOn = day;
      else list.push({ versionNo: v, publishedOn: day });
      out.set(id, list);
    }
  }
  // a plan published without a trail entry (data loaded in bulk): its current version, as the plan row says
  for (const p of plans) {
    const list = out.get(p.id) ?? [];
    if (p.status === 'published' && !list.some((x) => x.versionNo === p.currentVersion)) {
      list.push({ versionNo: p.currentVersion, publishedOn: p.publishedAt ? shanghaiDate(new Date(p.publishedAt)) : '' });
    }
    list.sort((a, b) => a.versionNo - b.versionNo);
    out.set(p.id, list);
  }
  return out;
}

// ---------- the index ----------

type Counts = { plans: number; draws: number; results: number; penalties: number; blacklists: number };
const zero = (): Counts => ({ plans: 0, draws: 0, results: 0, penalties: 0, blacklists: 0 });

/** The public double-random results: completed inspections of a draw (docs/public-portal.md). */
const publicResultCondition = (alias: string) => sql`${sql.raw(alias)}.origin = 'draw' and ${sql.raw(alias)}.status = 'completed' and ${sql.raw(alias)}.draw_id is not null`;

/** Counts of what is published, grouped by `key` (an SQL expression over the alias `x`'s region_code or agency_id). */
async function countsBy(ctx: AppContext, key: (col: string) => SQL, scope: (col: string) => SQL): Promise<Map<string, Counts>> {
  const [plans, draws, results, penalties, blacklists] = await Promise.all([
    ctx.database.rows<{ k: string; c: number }>(sql`select ${key('x.region_code')} as k, count(*)::int as c from plans x where ${scope('x.region_code')} and ${publishedPlanCondition('x')} group by 1`),
    ctx.database.rows<{ k: string; c: number }>(sql`select ${key('x.region_code')} as k, count(*)::int as c from draws x where ${scope('x.region_code')} group by 1`),
    ctx.database.rows<{ k: string; c: number }>(sql`select ${key('x.region_code')} as k, count(*)::int as c from inspections x where ${scope('x.region_code')} and ${publicResultCondition('x')} group by 1`),
    ctx.database.rows<{ k: string; c: number }>(sql`select ${key('x.region_code')} as k, count(*)::int as c from penalty_publications x where ${scope('x.region_code')} and x.published_at is not null group by 1`),
    ctx.database.rows<{ k: string; c: number }>(sql`select ${key('x.region_code')} as k, count(*)::int as c from blacklist_publications x where ${scope('x.region_code')} group by 1`),
  ]);
  return tally({ plans, draws, results, penalties, blacklists }, (k) => k as string);
}

/** Folds the five `(key, count)` lists into one Counts per key. */
function tally<K>(lists: Record<keyof Counts, { k: unknown; c: number }[]>, key: (k: unknown) => K): Map<K, Counts> {
  const out = new Map<K, Counts>();
  for (const f of Object.keys(lists) as (keyof Counts)[]) {
    for (const r of lists[f]) {
      const c = out.get(key(r.k)) ?? zero();
      c[f] += n(r.c);
      out.set(key(r.k), c);
    }
  }
  return out;
}

/** Per agency: the same counts for the agencies given (by their agency_id; penalties by the deciding case's agency). */
async function agencyCounts(ctx: AppContext, ids: number[]): Promise<Map<number, Counts>> {
  if (!ids.length) return new Map();
  const a = arrayParam(ids, 'int');
  const [plans, draws, results, penalties, blacklists] = await Promise.all([
    ctx.database.rows<{ k: number; c: number }>(sql`select x.agency_id as k, count(*)::int as c from plans x where x.agency_id = any(${a}) and ${publishedPlanCondition('x')} group by 1`),
    ctx.database.rows<{ k: number; c: number }>(sql`select x.agency_id as k, count(*)::int as c from draws x where x.agency_id = any(${a}) group by 1`),
    ctx.database.rows<{ k: number; c: number }>(sql`select x.agency_id as k, count(*)::int as c from inspections x where x.agency_id = any(${a}) and ${publicResultCondition('x')} group by 1`),
    ctx.database.rows<{ k: number; c: number }>(
      sql`select c.agency_id as k, count(*)::int as c from penalty_publications x join penalty_cases c on c.id = x.case_id where c.agency_id = any(${a}) and x.published_at is not null group by 1`,
    ),
    ctx.database.rows<{ k: number; c: number }>(sql`select x.agency_id as k, count(*)::int as c from blacklist_publications x where x.agency_id = any(${a}) group by 1`),
  ]);
  return tally({ plans, draws, results, penalties, blacklists }, Number);
}

/**
 * The index of a region (省 → 市 → 县 → 乡镇): its own agencies with what each has published, and its sub-regions
 * that have agencies, with the totals of their subtrees (paged on the server). Without a region: the provinces that
 * have agencies (one for a provincial deployment, which is then shown directly).
 */
export async function portalIndex(ctx: AppContext, q: PageQuery & { regionCode?: string }) {
  let code = q.regionCode;
  if (!code) {
    const provs = await ctx.database.rows<{ region_code: string }>(sql`select distinct left(region_code, 2) || '0000' as region_code from agencies order by 1`);
    if (provs.length === 1) code = provs[0]!.region_code;
  }
  const region = code ? getRegion(code) : undefined;
  if (code && !region) throw new AppError('NOT_FOUND', '该行政区划代码不存在');
  const kids = region ? childRegions(region.code) : provinceRegions();
  // only the sub-regions with an agency of their own or below
  const prefixes = kids.map((k) => regionPrefix(k.code));
  const len = prefixes[0]?.length ?? 2;
  const scope = (col: string) => (region ? regionScopeCondition(region.code, col) : sql`true`);
  const key = (col: string) => sql`left(${sql.raw(col)}, ${sql.raw(String(len))})`;
  const [agencyRows, withAgencies, counts] = await Promise.all([
    region
      ? ctx.database.rows<{ id: number; name: string; level: string; region_code: string }>(sql`select id, name, level, region_code from agencies where region_code = ${region.code} order by id`)
      : Promise.resolve([]),
    ctx.database.rows<{ k: string; c: number }>(sql`select ${key('region_code')} as k, count(*)::int as c from agencies where ${scope('region_code')} and length(region_code) >= ${len} group by 1`),
    countsBy(ctx, key, scope),
  ]);
  const agencyCount = new Map(withAgencies.map((r) => [r.k, n(r.c)]));
  const present = kids.filter((k, i) => agencyCount.has(prefixes[i]!) && !(region && k.code === region.code));
  const byAgency = await agencyCounts(ctx, agencyRows.map((a) => Number(a.id)));
  const children = present.slice(offset(q), offset(q) + q.pageSize).map((k) => {
    const p = regionPrefix(k.code);
    return { code: k.code, name: k.name, level: k.level, levelLabel: agencyLevelLabels[k.level], agencies: agencyCount.get(p) ?? 0, ...(counts.get(p) ?? zero()) };
  });
  return {
    region: region ? { code: region.code, name: region.name, fullName: regionFullName(region.code), level: region.level, levelLabel: agencyLevelLabels[region.level] } : null,
    path: region ? regionPath(region.code).map((r) => ({ code: r.code, name: r.name })) : [],
    agencies: agencyRows.map((a) => ({
      id: Number(a.id),
      name: a.name,
      level: a.level,
      levelLabel: agencyLevelLabels[a.level as AgencyLevel] ?? '',
      regionCode: a.region_code,
      ...(byAgency.get(Number(a.id)) ?? zero()),
    })),
    children,
    page: q.page,
    pageSize: q.pageSize,
    total: present.length,
  };
}

// ---------- plans ----------

type PlanRow = { id: number; agency_id: number; agency_name: string; agency_level: string; region_code: string; year: number; status: string; current_version: number; published_at: Date | string | null };

export async function publicPlans(ctx: AppContext, q: PageQuery & { regionCode?: string; agencyId?: number; year?: number }) {
  const conds: SQL[] = [publishedPlanCondition('pl')];
  if (q.regionCode) conds.push(regionScopeCondition(q.regionCode, 'pl.region_code'));
  if (q.agencyId) conds.push(sql`pl.agency_id = ${q.agencyId}`);
  if (q.year) conds.push(sql`pl.year = ${q.year}`);
  const where = sql.join(conds, sql` and `);
  const [rows, count] = await Promise.all([
    ctx.database.rows<PlanRow>(
      sql`select pl.id, pl.agency_id, a.name as agency_name, a.level as agency_level, pl.region_code, pl.year, pl.status, pl.current_version, pl.published_at
          from plans pl join agencies a on a.id = pl.agency_id where ${where}
          order by pl.year desc, pl.region_code, pl.id limit ${q.pageSize} offset ${offset(q)}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from plans pl where ${where}`),
  ]);
  const versions = await publishedVersions(ctx, rows.map(planKey));
  const inForce = rows.map((r) => ({ r, v: versions.get(Number(r.id))!.at(-1)! }));
  const versionRows = inForce.length
    ? await ctx.database.rows<{ plan_id: number; version_no: number; total_planned: number }>(
        sql`select plan_id, version_no, total_planned from plan_versions where (plan_id, version_no) in (${sql.join(
          inForce.map(({ r, v }) => sql`(${Number(r.id)}, ${v.versionNo})`),
          sql`, `,
        )})`,
      )
    : [];
  const totals = new Map(versionRows.map((v) => [`${v.plan_id}:${v.version_no}`, n(v.total_planned)]));
  return {
    page: q.page,
    pageSize: q.pageSize,
    total: n(count[0]?.n),
    items: inForce.map(({ r, v }) => ({
      id: Number(r.id),
      agencyId: Number(r.agency_id),
      agencyName: r.agency_name,
      agencyLevelLabel: agencyLevelLabels[r.agency_level as AgencyLevel] ?? '',
      regionCode: r.region_code,
      regionName: regionFullName(r.region_code),
      year: Number(r.year),
      versionNo: v.versionNo,
      publishedOn: v.publishedOn,
      adjustments: versions.get(Number(r.id))!.length - 1,
      totalPlanned: totals.get(`${r.id}:${v.versionNo}`) ?? 0,
    })),
  };
}

const planKey = (r: PlanRow) => ({ id: Number(r.id), status: r.status, currentVersion: Number(r.current_version), publishedAt: r.published_at });

const notPublished = () => new AppError('NOT_FOUND', '该年度监督检查计划不存在或尚未公布');

/**
 * One published plan in one of its published versions (default: the one in force), with its 三个明确 (《监管执法年方案》二（三）):
 * the named key targets and their schedule, the double-random quantity, ratio and time, the higher level's joint spot
 * checks — and who inspects whom, how, and for what (check items, legal basis), and its published adjustments.
 */
export async function publicPlan(ctx: AppContext, id: number, versionNo?: number) {
  const [r] = await ctx.database.rows<PlanRow>(
    sql`select pl.id, pl.agency_id, a.name as agency_name, a.level as agency_level, pl.region_code, pl.year, pl.status, pl.current_version, pl.published_at
        from plans pl join agencies a on a.id = pl.agency_id where pl.id = ${id}`,
  );
  if (!r) throw notPublished();
  const published = (await publishedVersions(ctx, [planKey(r)])).get(id) ?? [];
  if (!published.length) throw notPublished();
  const shown = versionNo ? published.find((v) => v.versionNo === versionNo) : published.at(-1);
  if (!shown) throw new AppError('NOT_FOUND', `该计划的第${versionNo}版未公布`);
  const versionRows = await ctx.database.rows<{ id: number; version_no: number; params: PlanParams; summary: Record<string, number | boolean>; months: MonthCapacity[]; officer_count: number; total_planned: number; reason: string | null }>(
    sql`select id, version_no, params, summary, months, officer_count, total_planned, reason from plan_versions where plan_id = ${id} and version_no = any(${arrayParam(published.map((v) => v.versionNo), 'int')}) order by version_no`,
  );
  const v = versionRows.find((x) => Number(x.version_no) === shown.versionNo)!;
  const [byMonth, industries, drawCount, catalogue] = await Promise.all([
    ctx.database.rows<{ month: number; category: PlanCategory; c: number }>(sql`select month, category, count(*)::int as c from plan_entries where plan_version_id = ${v.id} group by 1, 2 order by 1, 2`),
    ctx.database.rows<{ industry: Industry; c: number }>(
      sql`select e.industry, count(*)::int as c from plan_entries pe join enterprises e on e.id = pe.enterprise_id where pe.plan_version_id = ${v.id} group by 1 order by 2 desc`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from draws d join plan_versions pv on pv.id = d.plan_version_id where pv.plan_id = ${id}`),
    currentCatalogue(ctx).then((c) => catalogueVersion(ctx, c.version)),
  ]);
  const categories = new Map<PlanCategory, number>();
  const months = new Map<number, Record<PlanCategory, number>>();
  for (const m of byMonth) {
    categories.set(m.category, (categories.get(m.category) ?? 0) + n(m.c));
    const row = months.get(Number(m.month)) ?? { key: 0, high_risk: 0, random: 0, spot_check: 0 };
    row[m.category] = n(m.c);
    months.set(Number(m.month), row);
  }
  const planIndustries = new Set(industries.map((i) => i.industry));
  const items = catalogue.items as CheckItem[];
  const params = v.params;
  const summary = v.summary;
  const ratio = Math.round(Number(params.generalSampleRatio ?? 0.3) * 100);
  const fixedCount = (categories.get('key') ?? 0) + (categories.get('high_risk') ?? 0);
  const agencyName = r.agency_name;
  return {
    id,
    agencyId: Number(r.agency_id),
    agencyName,
    agencyLevelLabel: agencyLevelLabels[r.agency_level as AgencyLevel] ?? '',
    regionCode: r.region_code,
    regionName: regionFullName(r.region_code),
    year: Number(r.year),
    versionNo: shown.versionNo,
    publishedOn: shown.publishedOn,
    inForce: shown.versionNo === published.at(-1)!.versionNo,
    totalPlanned: n(v.total_planned),
    officerCount: n(v.officer_count),
    // 三个明确
    fixed: {
      title: '定点执法企业名单和执法时间安排',
      count: fixedCount,
      text: `重点检查单位${categories.get('key') ?? 0}家、高危行业企业${categories.get('high_risk') ?? 0}家，全年逐月安排检查；企业名单按月公示。`,
    },
    random: {
      title: '“双随机”抽查企业的数量比例和执法时间',
      count: categories.get('random') ?? 0,
      ratio,
      eligible: n(summary.generalEligibleCount),
      text: `从${n(summary.generalEligibleCount)}家一般企业中按不低于${ratio}%的比例随机抽取${categories.get('random') ?? 0}家，检查对象和执法人员均随机抽取，抽取结果和检查结果向社会公开。`,
    },
    oversight: {
      title: '上级抽查（与属地联合检查）的形式和安排',
      count: categories.get('spot_check') ?? 0,
      text: (categories.get('spot_check') ?? 0) > 0
        ? `对下级监管的企业抽查${categories.get('spot_check')}家，与属地联合检查，不重复检查。`
        : '本计划未安排对下级监管企业的抽查。',
    },
    who: `${agencyName}（执法人员${n(v.officer_count)}名，均持有效执法证）检查本级监管的生产经营单位，共${n(v.total_planned)}家次。`,
    how: `定点检查与“双随机”抽查相结合：每组执法人员不少于${Number(params.teamSize ?? 2)}名，现场检查前报备、出示执法证件并全程记录；跨部门可联合抽查，“进一次门、查多项事”。`,
    what: `依据《中华人民共和国安全生产法》等法律法规和国家标准、行业标准，按监督检查事项清单（第${catalogue.version}版）检查：通用事项${items.filter((i) => i.scope === 'general').length}项，以及各行业的专业事项。`,
    categories: (Object.keys(planCategoryLabels) as PlanCategory[]).map((c) => ({ category: c, label: planCategoryLabels[c], count: categories.get(c) ?? 0 })),
    months: [...months.entries()].sort((a, b) => a[0] - b[0]).map(([month, c]) => ({ month, key: c.key, highRisk: c.high_risk, random: c.random, spotCheck: c.spot_check, total: c.key + c.high_risk + c.random + c.spot_check })),
    industries: industries.map((i) => ({ industry: i.industry, label: industryLabels[i.industry] ?? '其他', count: n(i.c) })),
    checkItems: {
      catalogueVersion: catalogue.version,
      general: items.filter((i) => i.scope === 'general').map((i) => ({ code: i.code, title: i.title })),
      industries: [...planIndustries]
        .map((ind) => ({ label: industryLabels[ind] ?? '其他', items: items.filter((i) => i.scope === ind).map((i) => ({ code: i.code, title: i.title })) }))
        .filter((x) => x.items.length > 0),
    },
    versions: published.map((p) => {
      const row = versionRows.find((x) => Number(x.version_no) === p.versionNo);
      // an adjustment's written reason is part of the published plan; digit runs (phone, id numbers) are masked
      return { versionNo: p.versionNo, publishedOn: p.publishedOn, reason: row?.reason ? maskNumbers(row.reason) : null, totalPlanned: n(row?.total_planned), officerCount: n(row?.officer_count) };
    }),
    drawCount: n(drawCount[0]?.n),
  };
}

// ---------- draws ----------

export async function publicDraws(ctx: AppContext, q: PageQuery & { regionCode?: string; agencyId?: number; year?: number; planId?: number }) {
  const conds: SQL[] = [sql`true`];
  if (q.regionCode) conds.push(regionScopeCondition(q.regionCode, 'd.region_code'));
  if (q.agencyId) conds.push(sql`d.agency_id = ${q.agencyId}`);
  if (q.year) conds.push(sql`d.draw_date >= ${`${q.year}-01-01`}::date and d.draw_date <= ${`${q.year}-12-31`}::date`);
  if (q.planId) conds.push(sql`d.plan_version_id in (select id from plan_versions where plan_id = ${q.planId})`);
  const where = sql.join(conds, sql` and `);
  const [rows, count] = await Promise.all([
    ctx.database.rows<{ id: number; title: string; agency_name: string; region_code: string; draw_date: string; seed: number; input_hash: string; target_count: number; pool_size: number; officer_pool_size: number; assigned: number; team_size: number; results: number }>(
      sql`select d.id, d.title, a.name as agency_name, d.region_code, d.draw_date::text as draw_date, d.seed, d.input_hash, d.target_count, d.pool_size, d.officer_pool_size,
                 coalesce(cardinality(d.assigned_enterprise_ids), 0) as assigned, d.team_size,
                 (select count(*)::int from inspections i where i.draw_id = d.id and ${publicResultCondition('i')}) as results
          from draws d join agencies a on a.id = d.agency_id where ${where}
          order by d.draw_date desc, d.id desc limit ${q.pageSize} offset ${offset(q)}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from draws d where ${where}`),
  ]);
  return {
    page: q.page,
    pageSize: q.pageSize,
    total: n(count[0]?.n),
    items: rows.map((d) => ({
      id: Number(d.id),
      title: d.title,
      agencyName: d.agency_name,
      regionName: regionFullName(d.region_code),
      drawDate: d.draw_date,
      seed: String(d.seed),
      inputHash: d.input_hash,
      targetCount: n(d.target_count),
      assigned: n(d.assigned),
      teamSize: n(d.team_size),
      poolSize: n(d.pool_size),
      officerPoolSize: n(d.officer_pool_size),
      results: n(d.results),
      pageUrl: `/public/draws/${Number(d.id)}`,
      inputUrl: `/api/public/draws/${Number(d.id)}/input`,
      verifyUrl: `/api/draws/${Number(d.id)}/verify`,
    })),
  };
}

// ---------- inspection results ----------

type ResultRow = {
  id: number;
  enterprise_name: string;
  credit_code: string;
  industry: Industry;
  region_code: string;
  agency_name: string;
  draw_id: number;
  draw_title: string;
  draw_date: string;
  inspected_on: string;
  item_count: number;
  hazards: number;
  major_hazards: number;
  closed_hazards: number;
  fixed_on_spot: number;
};

const resultSelect = sql`select i.id, e.name as enterprise_name, e.credit_code, e.industry, i.region_code, a.name as agency_name, i.draw_id, d.title as draw_title, d.draw_date::text as draw_date,
       coalesce(i.entry_date, (i.completed_at at time zone 'Asia/Shanghai')::date)::text as inspected_on, coalesce(cardinality(i.item_codes), 0) as item_count,
       (select count(*)::int from hazards h where h.inspection_id = i.id) as hazards,
       (select count(*)::int from hazards h where h.inspection_id = i.id and h.major) as major_hazards,
       (select count(*)::int from hazards h where h.inspection_id = i.id and h.status = 'closed') as closed_hazards,
       (select count(*)::int from findings f where f.inspection_id = i.id and f.disposition = 'fixed_on_spot') as fixed_on_spot
  from inspections i join enterprises e on e.id = i.enterprise_id join agencies a on a.id = i.agency_id join draws d on d.id = i.draw_id`;

function outcome(r: ResultRow): string {
  const h = n(r.hazards);
  if (h === 0) return n(r.fixed_on_spot) > 0 ? `发现问题${n(r.fixed_on_spot)}项，已当场整改` : '未发现问题';
  const major = n(r.major_hazards) ? `（其中重大事故隐患${n(r.major_hazards)}项）` : '';
  return `发现事故隐患${h}项${major}，已责令限期整改${n(r.closed_hazards) ? `，已整改销号${n(r.closed_hazards)}项` : ''}`;
}

function resultDto(r: ResultRow) {
  return {
    id: Number(r.id),
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    industryLabel: industryLabels[r.industry] ?? '',
    regionName: regionFullName(r.region_code),
    agencyName: r.agency_name,
    drawId: Number(r.draw_id),
    drawTitle: r.draw_title,
    drawDate: r.draw_date,
    inspectedOn: r.inspected_on,
    itemCount: n(r.item_count),
    hazards: n(r.hazards),
    majorHazards: n(r.major_hazards),
    outcome: outcome(r),
  };
}

export async function publicResults(ctx: AppContext, q: PageQuery & { regionCode?: string; agencyId?: number; year?: number; drawId?: number }) {
  const conds: SQL[] = [publicResultCondition('i')];
  if (q.regionCode) conds.push(regionScopeCondition(q.regionCode, 'i.region_code'));
  if (q.agencyId) conds.push(sql`i.agency_id = ${q.agencyId}`);
  if (q.drawId) conds.push(sql`i.draw_id = ${q.drawId}`);
  if (q.year) conds.push(sql`i.planned_date >= ${`${q.year}-01-01`}::date and i.planned_date <= ${`${q.year}-12-31`}::date`);
  const where = sql.join(conds, sql` and `);
  const [rows, count] = await Promise.all([
    ctx.database.rows<ResultRow>(sql`${resultSelect} where ${where} order by i.completed_at desc nulls last, i.id desc limit ${q.pageSize} offset ${offset(q)}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from inspections i where ${where}`),
  ]);
  return { page: q.page, pageSize: q.pageSize, total: n(count[0]?.n), items: rows.map(resultDto) };
}

/** One result: what was checked and found, the hazards ordered to be rectified — no officers, notes or evidence. */
export async function publicResult(ctx: AppContext, id: number) {
  const [r] = await ctx.database.rows<ResultRow & { legal_basis: string; catalog_version: number; item_codes: string[] }>(
    sql`select * from (${resultSelect} where i.id = ${id} and ${publicResultCondition('i')}) s
        cross join lateral (select legal_basis, catalog_version, item_codes from inspections where id = s.id) x`,
  );
  if (!r) throw new AppError('NOT_FOUND', '该检查结果不存在或不予公开');
  const [answers, hazardRows, catalogue] = await Promise.all([
    ctx.database.rows<{ item_code: string; result: AnswerResult }>(sql`select item_code, result from inspection_answers where inspection_id = ${id}`),
    ctx.database.rows<{ description: string; requirement: string; major: boolean; deadline: string; status: HazardStatus }>(
      sql`select description, requirement, major, deadline::text as deadline, status from hazards where inspection_id = ${id} order by major desc, deadline, id`,
    ),
    catalogueVersion(ctx, Number(r.catalog_version)),
  ]);
  const titles = new Map(catalogue.items.map((i) => [i.code, i.title]));
  const result = new Map(answers.map((a) => [a.item_code, a.result]));
  return {
    ...resultDto(r),
    legalBasis: maskNumbers(r.legal_basis ?? ''),
    items: (r.item_codes ?? []).map((code) => {
      const a = result.get(code);
      return { code, title: titles.get(code) ?? code, resultLabel: a ? answerResultLabels[a] : '未作结论' };
    }),
    fixedOnSpot: n(r.fixed_on_spot),
    hazardList: hazardRows.map((h) => ({
      description: maskNumbers(h.description),
      requirement: maskNumbers(h.requirement ?? ''),
      major: !!h.major,
      deadline: h.deadline,
      statusLabel: hazardStatusLabels[h.status] ?? '',
    })),
  };
}
