// R34 案卷评查 (with R35 全过程记录): each quarter a province or city agency draws, verifiably, closed penalty cases and
// completed inspections of every agency below it; its oversight staff, legal reviewers and leaders score each file on
// the sheet in force when the round was drawn; defects go back to the reviewed agency, whose leader records the
// rectification, and the reviewer accepts it. Results per file and per agency (league table).
//
// Who reviews (回避): the staff of the agency that drew the round — never of the file's own agency and, since a round
// covers only the agencies BELOW the drawing agency, never of an agency under the reviewed one either (a subordinate
// does not judge its superior's files). The drawing agency's own files are reviewed in its superior's round; the
// province's own files are left to the government's legal office (司法行政部门), outside this system.
import { randomInt } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  caseReviewKindLabels,
  caseReviewStatusLabels,
  defaultReviewSheet,
  drawReviewSample,
  itemsFor,
  leagueTable,
  quarterPeriod,
  reviewGradeLabels,
  reviewSectionLabels,
  reviewSheetProblems,
  scoreReview,
  verifyReviewDraw,
  ReviewScoreError,
  type CaseReviewKind,
  type CaseReviewStatus,
  type ItemScore,
  type ReviewDrawInput,
  type ReviewGrade,
  type ReviewSheet,
  type ReviewSheetItem,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { caseReviewItems, caseReviewRounds, caseReviewSheets } from '../../db/schema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, atProvinceLevel, jurisdictionPrefix, regionCondition, type Principal } from '../auth/principal.js';

const REVIEWER_ROLES = ['oversight', 'legal_reviewer', 'leader'] as const;
const isReviewerRole = (p: Principal) => (REVIEWER_ROLES as readonly string[]).includes(p.role);

function requireStaff(p: Principal): void {
  if (p.role === 'enterprise') throw forbidden('企业用户不能查看案卷评查');
}

// ---------- the scoring sheet (versioned, published by the province) ----------

export interface SheetInForce {
  version: number;
  items: ReviewSheetItem[];
  note: string;
  createdByName: string | null;
  createdAt: string | null;
}

/** The sheet in force: the latest published version, or the built-in default (version 0) before any is published. */
export async function sheetInForce(ctx: AppContext, version?: number): Promise<SheetInForce> {
  const rows = await ctx.database.rows<{ version: number; items: ReviewSheetItem[]; note: string; created_by_name: string; created_at: Date | string }>(
    version != null
      ? sql`select version, items, note, created_by_name, created_at from case_review_sheets where version = ${version}`
      : sql`select version, items, note, created_by_name, created_at from case_review_sheets order by version desc limit 1`,
  );
  const r = rows[0];
  if (!r) {
    if (version != null && version !== 0) throw notFound('评查标准版本');
    return { version: 0, items: defaultReviewSheet.items, note: '默认评查标准', createdByName: null, createdAt: null };
  }
  return { version: Number(r.version), items: r.items, note: r.note, createdByName: r.created_by_name, createdAt: new Date(r.created_at).toISOString() };
}

export async function getSheet(ctx: AppContext, p: Principal, q: { version?: number }) {
  requireStaff(p);
  const sheet = await sheetInForce(ctx, q.version);
  const versions = await ctx.database.rows<{ version: number; note: string; created_by_name: string; created_at: Date | string; n: number }>(
    sql`select version, note, created_by_name, created_at, jsonb_array_length(items)::int as n from case_review_sheets order by version desc limit 100`,
  );
  return {
    sheet,
    canEdit: mayEditSheet(p),
    versions: [
      ...versions.map((v) => ({ version: Number(v.version), note: v.note, createdByName: v.created_by_name, createdAt: new Date(v.created_at).toISOString(), itemCount: Number(v.n) })),
      { version: 0, note: '默认评查标准', createdByName: null, createdAt: null, itemCount: defaultReviewSheet.items.length },
    ],
  };
}

const mayEditSheet = (p: Principal) => atProvinceLevel(p) && (p.role === 'admin' || p.role === 'leader' || p.role === 'oversight');

export async function publishSheet(ctx: AppContext, p: Principal, b: { items: ReviewSheetItem[]; note: string }) {
  if (!mayEditSheet(p)) throw forbidden('评查标准由省级应急管理部门的执法监督人员或负责人统一修订发布');
  const sheet: ReviewSheet = { items: b.items.map((it) => ({ ...it, code: it.code.trim(), text: it.text.trim(), appliesTo: [...new Set(it.appliesTo)] })) };
  const problems = reviewSheetProblems(sheet);
  if (problems.length) throw new AppError('VALIDATION', problems.slice(0, 5).join('；'));
  return ctx.database.db.transaction(async (tx) => {
    // serialise publications: two editors never get the same version number
    await tx.execute(sql`lock table case_review_sheets in exclusive mode`);
    const [cur] = await ctx.database.rows<{ v: number }>(sql`select coalesce(max(version), 0)::int as v from case_review_sheets`, tx);
    const before = await sheetInForce(ctx, cur!.v || undefined);
    const version = Number(cur!.v) + 1;
    const [row] = await tx
      .insert(caseReviewSheets)
      .values({ version, items: sheet.items, note: b.note.trim(), regionCode: p.agencyRegionCode ?? '', createdBy: p.userId, createdByName: p.displayName })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'publish', entityType: 'case_review_sheet', entityId: version, regionCode: p.agencyRegionCode ?? '', reason: b.note.trim(), before: { version: before.version, items: before.items }, after: { version, items: sheet.items } },
    ]);
    return { version: row!.version, items: sheet.items, note: row!.note, createdByName: row!.createdByName, createdAt: row!.createdAt.toISOString() };
  });
}

// ---------- rounds (the verifiable draw) ----------

interface AgencyRow {
  id: number;
  name: string;
  level: string;
  region_code: string;
}

async function callerAgency(ctx: AppContext, p: Principal): Promise<AgencyRow | null> {
  if (p.agencyId == null) return null;
  const [a] = await ctx.database.rows<AgencyRow>(sql`select id, name, level, region_code from agencies where id = ${p.agencyId}`);
  return a ?? null;
}

export interface CreateRoundInput {
  quarter?: string;
  periodStart?: string;
  periodEnd?: string;
  perAgency?: number;
  ratio?: number;
  seed?: number;
}

const idList = (s: string | null) => (s ? s.split(',').map(Number) : []);

export async function createRound(ctx: AppContext, p: Principal, b: CreateRoundInput) {
  requireStaff(p);
  if (p.role !== 'oversight' && p.role !== 'leader') throw forbidden('案卷评查由省、市级应急管理部门的执法监督人员或负责人组织抽取');
  const agency = await callerAgency(ctx, p);
  if (!agency || (agency.level !== 'province' && agency.level !== 'city')) throw forbidden('案卷评查由省级（对全省各级）或市级（对所辖区县）应急管理部门组织抽取');
  let start: string;
  let end: string;
  let label: string;
  if (b.quarter) {
    const q = quarterPeriod(b.quarter);
    if (!q) throw new AppError('VALIDATION', '季度格式应为 2026-Q3');
    ({ start, end, label } = q);
  } else if (b.periodStart && b.periodEnd) {
    start = b.periodStart;
    end = b.periodEnd;
    label = `${start}至${end}`;
  } else throw new AppError('VALIDATION', '请选择评查季度，或填写评查期间的起止日期');
  if (start > end) throw new AppError('VALIDATION', '评查期间的开始日期不能晚于结束日期');
  if (start > shanghaiDate()) throw new AppError('VALIDATION', '评查期间尚未开始，不能抽取');
  const perAgency = b.perAgency ?? 2;
  const ratio = b.ratio ?? null;
  const seed = b.seed ?? randomInt(1, 2 ** 31 - 1);
  const prefix = jurisdictionPrefix(p);

  // The pools: per agency below the caller, its penalty cases closed and its inspections completed in the period.
  const [penalties, inspections] = await Promise.all([
    ctx.database.rows<{ agency_id: number; ids: string | null }>(
      sql`select c.agency_id, string_agg(c.id::text, ',' order by c.id) as ids from penalty_cases c join agencies a on a.id = c.agency_id
           where a.region_code like ${prefix + '%'} and a.id <> ${agency.id} and c.status = 'closed' and c.closed_on between ${start}::date and ${end}::date
           group by c.agency_id`,
    ),
    ctx.database.rows<{ agency_id: number; ids: string | null }>(
      sql`select n.agency_id, string_agg(n.id::text, ',' order by n.id) as ids from inspections n join agencies a on a.id = n.agency_id
           where a.region_code like ${prefix + '%'} and a.id <> ${agency.id} and n.status = 'completed'
             and (n.completed_at at time zone 'Asia/Shanghai')::date between ${start}::date and ${end}::date
           group by n.agency_id`,
    ),
  ]);
  const input: ReviewDrawInput = {
    seed,
    periodStart: start,
    periodEnd: end,
    perAgency,
    ratio,
    pools: [
      ...penalties.map((r) => ({ agencyId: Number(r.agency_id), kind: 'penalty' as const, ids: idList(r.ids) })),
      ...inspections.map((r) => ({ agencyId: Number(r.agency_id), kind: 'inspection' as const, ids: idList(r.ids) })),
    ],
  };
  let drawn;
  try {
    drawn = drawReviewSample(input);
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
  const picks = drawn.picks.flatMap((pk) => pk.ids.map((id) => ({ agencyId: pk.agencyId, kind: pk.kind, id })));
  if (!picks.length) throw new AppError('VALIDATION', `${label}内所辖单位没有已结案的行政处罚案件或已完成的监督检查，无案卷可抽取`);
  const sheet = await sheetInForce(ctx);
  const title = `${label}案卷评查`;

  return ctx.database.db.transaction(async (tx) => {
    const dup = await ctx.database.rows<{ id: number }>(sql`select id from case_review_rounds where agency_id = ${agency.id} and period_start = ${start}::date and period_end = ${end}::date for update`, tx);
    if (dup.length) throw new AppError('CONFLICT', `${agency.name}已抽取过${label}的评查案卷，不能重复抽取`);
    const [round] = await tx
      .insert(caseReviewRounds)
      .values({
        agencyId: agency.id,
        regionCode: agency.region_code,
        title,
        periodStart: start,
        periodEnd: end,
        perAgency,
        ratio,
        seed,
        inputHash: drawn.inputHash,
        input: { ...input, pools: [...input.pools].sort((a, b) => a.agencyId - b.agencyId || a.kind.localeCompare(b.kind)) },
        sheetVersion: sheet.version,
        sheet: { items: sheet.items },
        itemCount: picks.length,
        drawnBy: p.userId,
        drawnByName: p.displayName,
      })
      .returning();
    // the file's enterprise and its agency's region, read in the transaction
    const subjects = await ctx.database.rows<{ kind: string; id: number; enterprise_id: number; region_code: string; agency_id: number }>(
      sql`select 'penalty' as kind, c.id, c.enterprise_id, a.region_code, c.agency_id from penalty_cases c join agencies a on a.id = c.agency_id
           where c.id = any(${`{${picks.filter((x) => x.kind === 'penalty').map((x) => x.id).join(',')}}`}::int[])
          union all
          select 'inspection', n.id, n.enterprise_id, a.region_code, n.agency_id from inspections n join agencies a on a.id = n.agency_id
           where n.id = any(${`{${picks.filter((x) => x.kind === 'inspection').map((x) => x.id).join(',')}}`}::bigint[])`,
      tx,
    );
    const values = subjects.map((s) => ({ roundId: round!.id, agencyId: Number(s.agency_id), regionCode: s.region_code, kind: s.kind, subjectId: Number(s.id), enterpriseId: Number(s.enterprise_id) }));
    for (let i = 0; i < values.length; i += 1000) await tx.insert(caseReviewItems).values(values.slice(i, i + 1000));
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'draw', entityType: 'case_review_round', entityId: round!.id, regionCode: agency.region_code, after: { title, periodStart: start, periodEnd: end, perAgency, ratio, seed, inputHash: drawn.inputHash, sheetVersion: sheet.version, itemCount: picks.length } },
    ]);
    return roundOut({ ...round!, agencyName: agency.name }, { pending: picks.length, scored: 0 });
  });
}

function roundOut(
  r: { id: number; agencyId: number; agencyName: string; regionCode: string; title: string; periodStart: string; periodEnd: string; perAgency: number; ratio: number | null; seed: number; inputHash: string; sheetVersion: number; itemCount: number; drawnByName: string; drawnAt: Date | string },
  c: { pending: number; scored: number },
) {
  return {
    id: Number(r.id),
    agencyId: Number(r.agencyId),
    agencyName: r.agencyName,
    title: r.title,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    perAgency: Number(r.perAgency),
    ratio: r.ratio == null ? null : Number(r.ratio),
    seed: Number(r.seed),
    inputHash: r.inputHash,
    sheetVersion: Number(r.sheetVersion),
    itemCount: Number(r.itemCount),
    pending: Number(c.pending),
    scored: Number(c.scored),
    drawnByName: r.drawnByName,
    drawnAt: new Date(r.drawnAt).toISOString(),
  };
}

/** Rounds the caller drew (its subtree's) and rounds that reviewed files of its jurisdiction. */
function roundVisible(p: Principal, alias = 'r'): SQL {
  return sql`(${regionCondition(p, `${alias}.region_code`)} or exists (select 1 from case_review_items x where x.round_id = ${sql.raw(alias)}.id and ${regionCondition(p, 'x.region_code')}))`;
}

export async function listRounds(ctx: AppContext, p: Principal) {
  requireStaff(p);
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select r.id, r.agency_id, a.name as agency_name, r.region_code, r.title, r.period_start::text as period_start, r.period_end::text as period_end, r.per_agency, r.ratio,
               r.seed, r.input_hash, r.sheet_version, r.item_count, r.drawn_by_name, r.drawn_at,
               (select count(*)::int from case_review_items i where i.round_id = r.id and i.status = 'pending' and ${regionCondition(p, 'i.region_code')}) as pending,
               (select count(*)::int from case_review_items i where i.round_id = r.id and i.status <> 'pending' and ${regionCondition(p, 'i.region_code')}) as scored
          from case_review_rounds r join agencies a on a.id = r.agency_id
         where ${roundVisible(p)} order by r.period_start desc, r.id desc limit 200`,
  );
  const me = p.role === 'oversight' || p.role === 'leader' ? await callerAgency(ctx, p) : null;
  return {
    canDraw: !!me && (me.level === 'province' || me.level === 'city'),
    items: rows.map((r) =>
      roundOut(
        {
          id: Number(r.id),
          agencyId: Number(r.agency_id),
          agencyName: String(r.agency_name),
          regionCode: String(r.region_code),
          title: String(r.title),
          periodStart: String(r.period_start),
          periodEnd: String(r.period_end),
          perAgency: Number(r.per_agency),
          ratio: r.ratio == null ? null : Number(r.ratio),
          seed: Number(r.seed),
          inputHash: String(r.input_hash),
          sheetVersion: Number(r.sheet_version),
          itemCount: Number(r.item_count),
          drawnByName: String(r.drawn_by_name),
          drawnAt: r.drawn_at as Date,
        },
        { pending: Number(r.pending), scored: Number(r.scored) },
      ),
    ),
  };
}

async function loadRound(ctx: AppContext, p: Principal, id: number) {
  const [r] = await ctx.database.rows<{ id: number; agency_id: number; region_code: string; input: ReviewDrawInput; input_hash: string; sheet: ReviewSheet; sheet_version: number; title: string }>(
    sql`select r.id, r.agency_id, r.region_code, r.input, r.input_hash, r.sheet, r.sheet_version, r.title from case_review_rounds r where r.id = ${id} and ${roundVisible(p)}`,
  );
  if (!r) throw notFound('评查批次');
  return r;
}

/** Re-runs a round from its stored seed and input: the hash and the files drawn must match what was published. */
export async function verifyRound(ctx: AppContext, p: Principal, id: number) {
  requireStaff(p);
  const r = await loadRound(ctx, p, id);
  const items = await ctx.database.rows<{ agency_id: number; kind: CaseReviewKind; ids: string }>(
    sql`select agency_id, kind, string_agg(subject_id::text, ',' order by subject_id) as ids from case_review_items where round_id = ${id} group by agency_id, kind`,
  );
  const v = verifyReviewDraw(r.input, { inputHash: r.input_hash, picks: items.map((i) => ({ agencyId: Number(i.agency_id), kind: i.kind, ids: idList(i.ids) })) });
  return { ...v, inputHash: r.input_hash, seed: Number(r.input.seed) };
}

// ---------- the drawn files ----------

export interface ItemFilter {
  roundId?: number;
  agencyId?: number;
  kind?: CaseReviewKind;
  status?: CaseReviewStatus;
  grade?: ReviewGrade;
  page?: number;
  pageSize?: number;
}

function itemWhere(p: Principal, f: ItemFilter): SQL {
  const c: SQL[] = [regionCondition(p, 'i.region_code')];
  if (f.roundId) c.push(sql`i.round_id = ${f.roundId}`);
  if (f.agencyId) c.push(sql`i.agency_id = ${f.agencyId}`);
  if (f.kind) c.push(sql`i.kind = ${f.kind}`);
  if (f.status) c.push(sql`i.status = ${f.status}`);
  if (f.grade) c.push(sql`i.grade = ${f.grade}`);
  return sql.join(c, sql` and `);
}

const ITEM_SELECT = sql`select i.*, a.name as agency_name, r.title as round_title, r.agency_id as round_agency_id, ra.name as round_agency_name, e.name as enterprise_name,
       c.case_number, n.planned_date::text as inspection_date
  from case_review_items i
  join agencies a on a.id = i.agency_id
  join case_review_rounds r on r.id = i.round_id
  join agencies ra on ra.id = r.agency_id
  join enterprises e on e.id = i.enterprise_id
  left join penalty_cases c on i.kind = 'penalty' and c.id = i.subject_id
  left join inspections n on i.kind = 'inspection' and n.id = i.subject_id`;

type ItemRow = Record<string, unknown>;

function itemOut(r: ItemRow) {
  const kind = r.kind as CaseReviewKind;
  const status = r.status as CaseReviewStatus;
  const grade = (r.grade as ReviewGrade | null) ?? null;
  return {
    id: Number(r.id),
    roundId: Number(r.round_id),
    roundTitle: String(r.round_title),
    roundAgencyName: String(r.round_agency_name),
    agencyId: Number(r.agency_id),
    agencyName: String(r.agency_name),
    kind,
    kindLabel: caseReviewKindLabels[kind],
    subjectId: Number(r.subject_id),
    subjectLabel: kind === 'penalty' ? ((r.case_number as string | null) ?? `行政处罚案件 ${r.subject_id}号`) : `监督检查 ${r.inspection_date ?? ''}（${r.subject_id}号）`,
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: String(r.enterprise_name),
    status,
    statusLabel: caseReviewStatusLabels[status],
    score: r.score == null ? null : Number(r.score),
    grade,
    gradeLabel: grade ? reviewGradeLabels[grade] : null,
    veto: r.veto == null ? null : Boolean(r.veto),
    defectCount: Array.isArray(r.defects) ? (r.defects as unknown[]).length : 0,
    reviewerName: (r.reviewer_name as string | null) ?? null,
    scoredAt: r.scored_at ? new Date(r.scored_at as string).toISOString() : null,
  };
}

export async function listItems(ctx: AppContext, p: Principal, f: ItemFilter) {
  requireStaff(p);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const where = itemWhere(p, f);
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<ItemRow>(sql`${ITEM_SELECT} where ${where} order by i.round_id desc, (i.status = 'closed'), i.id limit ${pageSize} offset ${(page - 1) * pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from case_review_items i where ${where}`),
  ]);
  return { items: rows.map(itemOut), total: Number(count!.n), page, pageSize };
}

export async function exportRows(ctx: AppContext, p: Principal, f: ItemFilter, offset: number, limit: number) {
  requireStaff(p);
  const rows = await ctx.database.rows<ItemRow>(sql`${ITEM_SELECT} where ${itemWhere(p, f)} order by i.round_id desc, i.agency_id, i.id limit ${limit} offset ${offset}`);
  return rows.map((r) => ({ ...itemOut(r), defects: ((r.defects as { section: keyof typeof reviewSectionLabels; text: string; deduction: number; note: string }[] | null) ?? []).map((d) => `【${reviewSectionLabels[d.section]}】${d.note}（扣${d.deduction}分）`).join('；'), rectification: (r.rectification as string | null) ?? '' }));
}

async function loadItem(ctx: AppContext, p: Principal, id: number, tx?: Parameters<AppContext['database']['rows']>[1]) {
  requireStaff(p);
  const [r] = await ctx.database.rows<ItemRow>(sql`${ITEM_SELECT} where i.id = ${id} and ${regionCondition(p, 'i.region_code')}${tx ? sql` for update of i` : sql``}`, tx);
  if (!r) throw notFound('评查案卷');
  return r;
}

/** Why the caller may not review (score, accept) this file, or null. */
function reviewBlock(p: Principal, r: ItemRow): string | null {
  if (!isReviewerRole(p)) return '评查由执法监督人员、法制审核人员或负责人进行';
  if (p.agencyId === Number(r.agency_id)) return '评查人员应当回避：不得评查本单位的案卷';
  if (p.agencyId !== Number(r.round_agency_id)) return `本批次由${r.round_agency_name}组织，评查人员应为该单位的执法监督人员、法制审核人员或负责人`;
  return null;
}

const rectifyBlock = (p: Principal, r: ItemRow): string | null => (p.role === 'leader' && p.agencyId === Number(r.agency_id) ? null : '整改情况由被评查单位的负责人登记');

export async function getItem(ctx: AppContext, p: Principal, id: number) {
  const r = await loadItem(ctx, p, id);
  const [round] = await ctx.database.rows<{ sheet: ReviewSheet; sheet_version: number }>(sql`select sheet, sheet_version from case_review_rounds where id = ${r.round_id}`);
  const kind = r.kind as CaseReviewKind;
  const interventions = await ctx.database.rows<Record<string, unknown>>(
    sql`select id, kind, content, due_on::text as due_on, recorded_by_name, recorded_at from oversight_interventions where subject_type = 'case_review' and subject_id = ${id} order by id`,
  );
  const status = r.status as CaseReviewStatus;
  const reviewNo = reviewBlock(p, r);
  return {
    ...itemOut(r),
    sheetVersion: Number(round!.sheet_version),
    sheetItems: itemsFor(round!.sheet, kind),
    scores: (r.scores as ItemScore[] | null) ?? null,
    defects: (r.defects as unknown[] | null) ?? [],
    comment: (r.comment as string | null) ?? null,
    rectification: (r.rectification as string | null) ?? null,
    rectifiedByName: (r.rectified_by_name as string | null) ?? null,
    rectifiedAt: r.rectified_at ? new Date(r.rectified_at as string).toISOString() : null,
    acceptanceOpinion: (r.acceptance_opinion as string | null) ?? null,
    acceptedByName: (r.accepted_by_name as string | null) ?? null,
    acceptedAt: r.accepted_at ? new Date(r.accepted_at as string).toISOString() : null,
    version: Number(r.version),
    interventions: interventions.map((i) => ({ id: Number(i.id), kind: String(i.kind), content: String(i.content), dueOn: (i.due_on as string | null) ?? null, recordedByName: String(i.recorded_by_name), recordedAt: new Date(i.recorded_at as string).toISOString() })),
    // the next action of this caller, decided here so the page shows only what may be done
    can: {
      score: status === 'pending' && reviewNo === null,
      rectify: status === 'rectifying' && rectifyBlock(p, r) === null,
      accept: status === 'rectified' && reviewNo === null,
      intervene: status !== 'pending' && Array.isArray(r.defects) && (r.defects as unknown[]).length > 0 && (p.role === 'oversight' || p.role === 'leader') && p.agencyId !== Number(r.agency_id),
    },
    reviewBlockedReason: status === 'pending' ? reviewNo : null,
  };
}

export async function scoreItem(ctx: AppContext, p: Principal, id: number, b: { scores: ItemScore[]; comment?: string }) {
  return ctx.database.db.transaction(async (tx) => {
    const r = await loadItem(ctx, p, id, tx);
    const block = reviewBlock(p, r);
    if (block) throw forbidden(block);
    if (r.status !== 'pending') throw new AppError('CONFLICT', '该案卷已评查，不能重复评分');
    const [round] = await ctx.database.rows<{ sheet: ReviewSheet; sheet_version: number }>(sql`select sheet, sheet_version from case_review_rounds where id = ${r.round_id}`, tx);
    let result;
    try {
      result = scoreReview(round!.sheet, r.kind as CaseReviewKind, b.scores);
    } catch (e) {
      if (e instanceof ReviewScoreError) throw new AppError('VALIDATION', e.message);
      throw e;
    }
    const status: CaseReviewStatus = result.defects.length ? 'rectifying' : 'closed';
    await tx
      .update(caseReviewItems)
      .set({
        scores: b.scores.map((s) => ({ code: s.code, deduction: s.deduction, note: (s.note ?? '').trim() })),
        score: result.score,
        grade: result.grade,
        veto: result.veto,
        defects: result.defects,
        comment: b.comment?.trim() || null,
        reviewerId: p.userId,
        reviewerName: p.displayName,
        reviewerAgencyId: p.agencyId,
        scoredAt: new Date(),
        status,
        version: sql`${caseReviewItems.version} + 1`,
      })
      .where(eq(caseReviewItems.id, id));
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'score', entityType: 'case_review', entityId: id, regionCode: String(r.region_code), before: { status: r.status }, after: { status, score: result.score, grade: result.grade, veto: result.veto, sheetVersion: Number(round!.sheet_version), defects: result.defects.map((d) => ({ code: d.code, deduction: d.deduction, note: d.note })) } },
    ]);
    return { id, status, statusLabel: caseReviewStatusLabels[status], ...result, gradeLabel: reviewGradeLabels[result.grade] };
  });
}

export async function recordRectification(ctx: AppContext, p: Principal, id: number, b: { content: string }) {
  return ctx.database.db.transaction(async (tx) => {
    const r = await loadItem(ctx, p, id, tx);
    const block = rectifyBlock(p, r);
    if (block) throw forbidden(block);
    if (r.status !== 'rectifying') throw new AppError('CONFLICT', r.status === 'rectified' ? '整改情况已登记，等待评查人员验收' : '该案卷没有待整改的问题');
    await tx
      .update(caseReviewItems)
      .set({ rectification: b.content.trim(), rectifiedBy: p.userId, rectifiedByName: p.displayName, rectifiedAt: new Date(), status: 'rectified', version: sql`${caseReviewItems.version} + 1` })
      .where(eq(caseReviewItems.id, id));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'rectify', entityType: 'case_review', entityId: id, regionCode: String(r.region_code), before: { status: r.status }, after: { status: 'rectified', rectification: b.content.trim() } }]);
    return { id, status: 'rectified' as const, statusLabel: caseReviewStatusLabels.rectified };
  });
}

export async function acceptRectification(ctx: AppContext, p: Principal, id: number, b: { accept: boolean; opinion: string }) {
  return ctx.database.db.transaction(async (tx) => {
    const r = await loadItem(ctx, p, id, tx);
    const block = reviewBlock(p, r);
    if (block) throw forbidden(block);
    if (r.status !== 'rectified') throw new AppError('CONFLICT', '被评查单位尚未登记整改情况，不能验收');
    const status: CaseReviewStatus = b.accept ? 'closed' : 'rectifying';
    await tx
      .update(caseReviewItems)
      .set({ acceptanceOpinion: b.opinion.trim(), acceptedBy: b.accept ? p.userId : null, acceptedByName: b.accept ? p.displayName : null, acceptedAt: b.accept ? new Date() : null, status, version: sql`${caseReviewItems.version} + 1` })
      .where(and(eq(caseReviewItems.id, id)));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: b.accept ? 'accept_rectification' : 'return_rectification', entityType: 'case_review', entityId: id, regionCode: String(r.region_code), before: { status: r.status }, after: { status, opinion: b.opinion.trim() } }]);
    return { id, status, statusLabel: caseReviewStatusLabels[status] };
  });
}

// ---------- results per agency ----------

export async function league(ctx: AppContext, p: Principal, q: { roundId?: number }) {
  requireStaff(p);
  let roundId = q.roundId;
  if (roundId) await loadRound(ctx, p, roundId);
  else {
    const [latest] = await ctx.database.rows<{ id: number }>(sql`select r.id from case_review_rounds r where ${roundVisible(p)} order by r.period_start desc, r.id desc limit 1`);
    roundId = latest ? Number(latest.id) : undefined;
  }
  if (!roundId) return { roundId: null, roundTitle: null, rows: [] };
  const rows = await ctx.database.rows<{ agency_id: number; agency_name: string; score: number | null; grade: ReviewGrade | null; status: string; title: string }>(
    sql`select i.agency_id, a.name as agency_name, i.score, i.grade, i.status, r.title from case_review_items i join agencies a on a.id = i.agency_id join case_review_rounds r on r.id = i.round_id
         where i.round_id = ${roundId} and ${regionCondition(p, 'i.region_code')}`,
  );
  const [t] = await ctx.database.rows<{ title: string }>(sql`select title from case_review_rounds where id = ${roundId}`);
  return {
    roundId,
    roundTitle: t!.title,
    rows: leagueTable(rows.map((r) => ({ agencyId: Number(r.agency_id), agencyName: r.agency_name, score: r.score == null ? null : Number(r.score), grade: r.grade, openDefects: r.status === 'rectifying' || r.status === 'rectified' }))),
  };
}

export { loadItem as loadCaseReviewItem };
