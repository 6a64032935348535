// R13/R14 双随机: draws from a plan's random pool with officers from the register; reproducible and publicly verifiable.
// The routes are drawRoutes.ts; the SQL and the command (transaction and audit entry, through runCommand) are here.
import { createHash, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import {
  drawFrom,
  drawWeight,
  prepareDraw,
  runDraw,
  verifyDraw,
  type CreditStatus,
  type DrawAssignment,
  type DrawInput,
  type DrawTarget,
  type RiskCode,
  type StandardizationLevel,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { draws, planVersions } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { arrayParam } from '../../lib/bulk.js';
import { runCommand } from '../../lib/command.js';
import { shanghaiDate } from '../../lib/diff.js';
import { inJurisdiction, inServiceOn, regionCondition, requireOwnAgency, requirePermission, type Principal } from '../auth/principal.js';
import { loadPlan } from '../planning/planService.js';


const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The assignments of the draw `d` as rows a(enterprise_id, officer_ids int[]), for `from draws d, ${DRAW_ASSIGNMENTS}`:
 * the i-th enterprise's team is the i-th slice of team_size officers (schema: draws.assigned_officer_ids).
 */
export const DRAW_ASSIGNMENTS = sql.raw(
  `lateral (select u.enterprise_id, d.assigned_officer_ids[(u.i - 1) * d.team_size + 1 : u.i * d.team_size] as officer_ids
     from unnest(d.assigned_enterprise_ids) with ordinality as u(enterprise_id, i)) a`,
);

/** A stored draw's result as the domain's assignments (what verifyDraw compares and the pages show). */
function assignmentsOf(d: { assignedEnterpriseIds: number[]; assignedOfficerIds: number[]; teamSize: number }): DrawAssignment[] {
  return d.assignedEnterpriseIds.map((enterpriseId, i) => ({ enterpriseId, officerIds: d.assignedOfficerIds.slice(i * d.teamSize, (i + 1) * d.teamSize) }));
}

export interface CreateDrawInput {
  planId: number;
  month?: number;
  targetCount?: number;
  teamSize: number;
  seed?: number;
  departments: string[];
  title?: string;
}

/**
 * The pool in id order (the canonical order: the draw then sorts nothing), each target with its R9 weight, from the
 * id lists of each combination of weight facts. Each id and its group go into one float (id · 1024 + group; ids stay far
 * below 2^43), so a million targets are ordered by one native sort instead of a comparator's million calls.
 */
function poolTargets(groups: { credit_status: string; risk_code: string; standardization_level: string; fatal_accidents_3y: number; ids: string }[]): DrawTarget[] {
  if (groups.length > 1024) throw new Error('too many weight groups'); // cannot happen: four enums and a count
  const weights = groups.map((g) =>
    Number(
      drawWeight({
        creditStatus: g.credit_status as CreditStatus,
        riskCode: g.risk_code as RiskCode,
        standardizationLevel: g.standardization_level as StandardizationLevel,
        fatalAccidents3y: Number(g.fatal_accidents_3y),
      }).weight.toFixed(4),
    ),
  );
  // The ids are scanned out of each list's text (digits and commas) straight into the packed array: no million strings.
  let count = 0;
  for (const g of groups) if (g.ids) count += 1 + countCommas(g.ids);
  const packed = new Float64Array(count);
  let k = 0;
  groups.forEach((grp, g) => {
    const text = grp.ids;
    if (!text) return;
    let id = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 44;
      if (c === 44) {
        packed[k++] = id * 1024 + g;
        id = 0;
      } else id = id * 10 + c - 48;
    }
  });
  packed.sort();
  const targets: DrawTarget[] = new Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const g = packed[i]! % 1024;
    targets[i] = { id: (packed[i]! - g) / 1024, weight: weights[g]! };
  }
  return targets;
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) n++;
  return n;
}

/** Whether the id is a target of the pool (in id order): a binary search, not a set of a million ids. */
function inPool(targets: DrawTarget[], id: number): boolean {
  let lo = 0;
  let hi = targets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = targets[mid]!.id;
    if (x === id) return true;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export async function createDraw(ctx: AppContext, p: Principal, body: CreateDrawInput) {
  requirePermission(p, 'planning.write');
  const plan = await loadPlan(ctx, p, body.planId);
  if (!['approved', 'filed', 'published'].includes(plan.status as string)) throw new AppError('CONFLICT', '计划批准后才能进行双随机抽取');
  requireOwnAgency(p, Number(plan.agency_id), '只能对本机构的计划进行抽取');
  const [version] = await ctx.database.db.select().from(planVersions).where(and(eq(planVersions.planId, body.planId), eq(planVersions.versionNo, Number(plan.current_version))));
  return runCommand(ctx, p, { permission: 'planning.write' }, async (tx) => {
    // A province-wide pool joins a million plan entries with the register: in memory rather than in batches on disk.
    await ctx.database.rows(sql`set local work_mem = '64MB'`, tx);
    // The pool: the plan's random-sample entries (of the month, if given) not drawn by an earlier draw of this version,
    // as their ids grouped by the facts the R9 weight is computed from: a province-wide pool is a million rows, which
    // arrive as a few dozen groups of comma-separated ids (one text value each) instead of a million protocol rows.
    const groups = await ctx.database.rows<{ credit_status: string; risk_code: string; standardization_level: string; fatal_accidents_3y: number; ids: string }>(
      sql`select e.credit_status, e.risk_code, e.standardization_level, e.fatal_accidents_3y, string_agg(e.id::text, ',') as ids
          from plan_entries pe join enterprises e on e.id = pe.enterprise_id
          where pe.plan_version_id = ${version!.id} and pe.category = 'random' ${body.month ? sql`and pe.month = ${body.month}` : sql``}
            and not exists (select 1 from draws d, unnest(d.assigned_enterprise_ids) as drawn(id) where d.plan_version_id = ${version!.id} and drawn.id = e.id)
          group by 1, 2, 3, 4`,
      tx,
    );
    const targets = poolTargets(groups);
    if (targets.length === 0) throw new AppError('VALIDATION', '抽取池为空：该计划（月份）的随机抽查对象均已抽取');
    const drawDate = shanghaiDate();
    const officerRows = await ctx.database.rows<Record<string, unknown>>(
      sql`select o.id, o.name, o.department, to_char(o.credential_valid_from, 'YYYY-MM-DD') as vf, to_char(o.credential_valid_to, 'YYYY-MM-DD') as vt,
            coalesce((select array_agg(r.enterprise_id) from officer_recusals r where r.officer_id = o.id), '{}') as recused
          from officers o where (o.agency_id = ${Number(plan.agency_id)} ${body.departments.length > 1 ? sql`or (o.department <> '应急管理' and o.region_code like ${(plan.region_code as string).slice(0, 6) + '%'})` : sql``})
            and ${inServiceOn(drawDate, 'o')}`,
      tx,
    );
    // Rotation: the team that last inspected (was last drawn for) each enterprise is not drawn again.
    const last = await ctx.database.rows<{ enterprise_id: number; officer_ids: number[] }>(
      sql`select distinct on (a.enterprise_id) a.enterprise_id, a.officer_ids
          from draws d, ${DRAW_ASSIGNMENTS} where d.agency_id = ${Number(plan.agency_id)}
          order by a.enterprise_id, d.id desc`,
      tx,
    );
    const input: DrawInput = {
      seed: body.seed ?? randomInt(1, 2 ** 31 - 1),
      drawDate,
      targets,
      targetCount: Math.min(body.targetCount ?? targets.length, targets.length),
      officers: officerRows.map((o) => ({
        id: Number(o.id),
        name: o.name as string,
        department: o.department as string,
        credentialValidFrom: o.vf as string,
        credentialValidTo: o.vt as string,
        recusedEnterpriseIds: ((o.recused as (number | string)[]) ?? []).map(Number),
      })),
      teamSize: body.teamSize,
      departments: body.departments.length > 1 ? body.departments : [],
      lastTeams: Object.fromEntries(last.filter((l) => inPool(targets, Number(l.enterprise_id))).map((l) => [Number(l.enterprise_id), l.officer_ids.map(Number)])),
    };
    let prepared;
    try {
      prepared = prepareDraw(input, { keepInputText: true });
    } catch (err) {
      if (err instanceof RangeError) throw new AppError('VALIDATION', err.message);
      throw err;
    }
    // The input file is compressed in libuv's thread pool while this thread draws (28 MB of text for a province).
    const inputGzip = gzipAsync(prepared.inputText!, { level: 1 });
    const result = drawFrom(prepared);
    // Every team of a draw has the same size: the team size, or one officer per department if a joint draw has more.
    const teamSize = result.assignments[0]?.officerIds.length ?? input.teamSize;
    if (result.assignments.some((a) => a.officerIds.length !== teamSize)) throw new Error('teams of different sizes in one draw');
    const [d] = await tx
      .insert(draws)
      .values({
        agencyId: Number(plan.agency_id),
        regionCode: plan.region_code as string,
        planVersionId: version!.id,
        title: body.title?.trim() || `${plan.agency_name}${plan.year}年${body.month ? `${body.month}月` : ''}双随机抽查`,
        seed: input.seed,
        drawDate,
        inputGzip: await inputGzip,
        inputHash: result.inputHash,
        poolSize: input.targets.length,
        officerPoolSize: input.officers.length,
        assignedEnterpriseIds: arrayParam(result.assignments.map((a) => a.enterpriseId), 'bigint'),
        assignedOfficerIds: arrayParam(result.assignments.flatMap((a) => a.officerIds), 'int'),
        teamSize,
        unassigned: result.unassigned,
        targetCount: input.targetCount,
        createdBy: p.userId,
      })
      .returning({ id: draws.id });
    return {
      result: d!.id,
      audit: [{ action: 'draw', entityType: 'draw', entityId: d!.id, regionCode: plan.region_code as string, after: { seed: input.seed, inputHash: result.inputHash, assigned: result.assignments.length, unassigned: result.unassigned.length } }],
    };
  });
}

/** A draw without its input (a province-wide input is 28 MB of text): what its pages show. */
export async function loadDraw(ctx: AppContext, id: number) {
  const { input: _input, inputText: _text, inputGzip: _gzip, ...shown } = getTableColumns(draws);
  const [d] = await ctx.database.db.select(shown).from(draws).where(eq(draws.id, id));
  if (!d) throw notFound('抽取记录');
  return d;
}

/**
 * The input file of a draw as stored: gzip of the canonical text (since 0014), the text (0012–0014), or the jsonb
 * input of draws made before 0012 (no file: the input is served as JSON).
 */
export async function loadDrawInputFile(ctx: AppContext, id: number): Promise<{ gzip: Uint8Array | null; text: string | null; input: DrawInput | null }> {
  const [d] = await ctx.database.db.select({ gzip: draws.inputGzip, text: draws.inputText, input: draws.input }).from(draws).where(eq(draws.id, id));
  if (!d) throw notFound('抽取记录');
  return { gzip: d.gzip ?? null, text: d.text, input: (d.input as DrawInput | null) ?? null };
}

/** The input a draw ran on, and the text of its file (null for draws made before 0012). */
async function loadDrawInput(ctx: AppContext, id: number): Promise<{ text: string | null; input: DrawInput }> {
  const f = await loadDrawInputFile(ctx, id);
  const text = f.gzip ? (await gunzipAsync(f.gzip)).toString('utf8') : f.text;
  return text !== null ? { text, input: JSON.parse(text) as DrawInput } : { text: null, input: f.input! };
}

/** The result with names, for staff and for the public page (credential numbers shown, phone numbers not). */
export async function drawView(ctx: AppContext, d: Awaited<ReturnType<typeof loadDraw>>) {
  const assignments = assignmentsOf(d);
  const entIds = assignments.map((a) => a.enterpriseId);
  const offIds = [...new Set(assignments.flatMap((a) => a.officerIds))];
  const ents = new Map(
    (await ctx.database.rows<{ id: number; name: string; credit_code: string }>(sql`select id, name, credit_code from enterprises where id = any(${`{${entIds.join(',')}}`}::bigint[])`)).map((e) => [Number(e.id), e]),
  );
  const offs = new Map(
    (await ctx.database.rows<{ id: number; name: string; credential_no: string; department: string }>(sql`select id, name, credential_no, department from officers where id = any(${`{${offIds.join(',')}}`}::int[])`)).map((o) => [Number(o.id), o]),
  );
  const [agency] = await ctx.database.rows<{ name: string }>(sql`select name from agencies where id = ${d.agencyId}`);
  return {
    id: d.id,
    title: d.title,
    agencyName: agency?.name ?? '',
    drawDate: d.drawDate,
    seed: d.seed,
    inputHash: d.inputHash,
    targetCount: d.targetCount,
    poolSize: d.poolSize,
    officerPoolSize: d.officerPoolSize,
    createdAt: d.createdAt.toISOString(),
    assignments: assignments.map((a) => ({
      enterpriseId: a.enterpriseId,
      enterpriseName: ents.get(a.enterpriseId)?.name ?? '',
      creditCode: ents.get(a.enterpriseId)?.credit_code ?? '',
      officers: a.officerIds.map((id) => ({ id, name: offs.get(id)?.name ?? '', credentialNo: offs.get(id)?.credential_no ?? '', department: offs.get(id)?.department ?? '' })),
    })),
    unassigned: d.unassigned as { enterpriseId: number; reason: string }[],
  };
}

/** The draws in the caller's jurisdiction (of one plan, if given), newest first: the list and its .xlsx export. */
export async function drawPage(ctx: AppContext, p: Principal, q: { planId?: number }, limit: number, offset: number) {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select d.id, d.title, d.draw_date, d.seed, d.input_hash, d.target_count, d.created_at, cardinality(d.assigned_enterprise_ids) as assigned
        from draws d ${q.planId ? sql`join plan_versions v on v.id = d.plan_version_id and v.plan_id = ${q.planId}` : sql``}
        where ${regionCondition(p, 'd.region_code')} order by d.id desc limit ${limit} offset ${offset}`,
  );
  return rows.map((x) => ({ id: Number(x.id), title: x.title as string, drawDate: String(x.draw_date).slice(0, 10), seed: Number(x.seed), inputHash: x.input_hash as string, targetCount: Number(x.target_count), assigned: Number(x.assigned), createdAt: new Date(x.created_at as string).toISOString() }));
}

/** One draw for staff of its jurisdiction (404 otherwise). */
export async function drawDetail(ctx: AppContext, p: Principal, id: number) {
  const d = await loadDraw(ctx, id);
  if (p.role === 'enterprise' || !inJurisdiction(p, d.regionCode)) throw notFound('抽取记录');
  return drawView(ctx, d);
}

/** R13: anyone can re-run a draw from its recorded seed and input and compare. */
export async function verifyDrawRecord(ctx: AppContext, id: number) {
  const d = await loadDraw(ctx, id);
  const { text, input } = await loadDrawInput(ctx, id);
  // The published input file itself must hash to the recorded value; then the draw is re-run on it.
  const fileHash = text !== null ? createHash('sm3').update(text).digest('hex') : null;
  const again = runDraw(input);
  const v = fileHash !== null && fileHash !== d.inputHash ? { ok: false, reason: '输入文件的哈希与记录不一致：抽取对象或人员名录已被改动' } : verifyDraw(input, { inputHash: d.inputHash, assignments: assignmentsOf(d) }, again);
  return { id, ok: v.ok, reason: v.reason, seed: d.seed, inputHash: d.inputHash, recomputedHash: again.inputHash };
}

/** The published input file as stored: gzip (since 0014), or text, or (oldest draws) the input object. */
export async function drawInputText(ctx: AppContext, id: number): Promise<{ gzip: Uint8Array | null; text: () => Promise<string | null>; input: DrawInput | null }> {
  const f = await loadDrawInputFile(ctx, id);
  return { gzip: f.gzip, input: f.input, text: async () => (f.gzip ? (await gunzipAsync(f.gzip)).toString('utf8') : f.text) };
}
