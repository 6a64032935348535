// R37 投诉举报: intake (public form, hotline, letters, transfers, observation-point clues), routing to the competent
// agency (R1: the enterprise's supervising agency), acceptance with the R11 immediate inspection, the answer, rewards —
// and the complainant's protection: name and phone only for the handling agency's own staff and oversight.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  acceptDueDate,
  addDays,
  checkCreditCode,
  complaintInputProblems,
  complaintOverdue,
  complaintOverdueLabels,
  complaintRoutingLabels,
  complaintSourceLabels,
  complaintStatusLabels,
  filingProblems,
  getRegion,
  maskName,
  maskPhone,
  replyDueDate,
  trackingCodeFrom,
  type ComplaintOverdueKind,
  type ComplaintRouting,
  type ComplaintSource,
  type ComplaintStatus,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { agencies, complaints, complaintTransfers, observationPoints, publicRequestLog, unplannedRequests } from '../../db/schema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit, type Actor } from '../audit/chain.js';
import { actorOf, inJurisdiction, regionCondition, requireActingAgency, type Principal } from '../auth/principal.js';
import { createInspection, loadOfficers } from '../inspection/inspectionService.js';

export type ComplaintRow = typeof complaints.$inferSelect;

/** Public submissions per address: a few an hour and a day are plenty for a citizen and little for a flood. */
export const PUBLIC_FILINGS_PER_HOUR = 5;
export const PUBLIC_FILINGS_PER_DAY = 20;
/** Unknown tracking codes per address in 15 minutes before look-ups are refused (guessing codes). */
export const TRACKING_MISSES_PER_WINDOW = 20;
const LOOKUP_WINDOW_MS = 15 * 60 * 1000;
const DEFAULT_LEGAL_BASIS = '《中华人民共和国安全生产法》第六十五条、第七十三条';
const PUBLIC_ACTOR: Actor = { id: null, name: '社会公众（网上举报）' };

/** The address of a public caller, hashed: enough to count its submissions, nothing to identify the complainant by. */
export const submitterKey = (ip: string) => createHash('sha256').update(`complaint:${ip}`).digest('hex');

function noEnterprise(p: Principal): void {
  // 保护举报人: an enterprise must not learn that a complaint about it exists, let alone from whom.
  if (p.role === 'enterprise') throw forbidden('企业用户不能查看投诉举报信息');
}

/** Staff who take in complaints and act on them: officers and leaders of an agency. */
function requireStaff(p: Principal): void {
  noEnterprise(p);
  if (p.role === 'admin') throw forbidden('系统管理员不办理投诉举报，请以执法机构人员账户办理');
  if (p.role !== 'officer' && p.role !== 'leader') throw forbidden('投诉举报由执法机构的执法人员或负责人登记和办理');
  if (!p.agencyId) throw forbidden('请以执法机构账户办理');
}

/**
 * 保护举报人: who may see the complainant's name and phone — the officers and leaders of the handling agency, and the
 * oversight staff whose jurisdiction covers it. Everyone else sees them masked.
 */
export function isHandler(p: Principal, c: { agencyId: number; regionCode: string }): boolean {
  if (p.role === 'officer' || p.role === 'leader') return p.agencyId === c.agencyId;
  if (p.role === 'oversight') return inJurisdiction(p, c.regionCode);
  return false;
}

// ---------- routing ----------

interface Routed {
  agencyId: number;
  agencyRegionCode: string;
  routing: ComplaintRouting;
  enterprise: { id: number; regionCode: string; name: string } | null;
}

async function provinceAgency(ctx: AppContext): Promise<{ id: number; regionCode: string }> {
  const [a] = await ctx.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from agencies where level = 'province' and parent_id is null order by id limit 1`);
  if (!a) throw new AppError('CONFLICT', '系统尚未建立省级执法机构，无法登记');
  return { id: Number(a.id), regionCode: a.region_code };
}

/**
 * R1: a complaint goes to the agency that supervises the enterprise (matched by credit code, else by its exact name —
 * with the address deciding between namesakes). Without a match it goes to the county of the reported region or of
 * a county named in the address, else to the province's queue for routing by hand.
 */
export async function routeComplaint(ctx: AppContext, c: { creditCode?: string | null; enterpriseName: string; address?: string | null; regionCode?: string | null }): Promise<Routed> {
  type E = { id: number; region_code: string; name: string; address: string; supervising_agency_id: number; agency_region: string };
  const select = sql`select e.id, e.region_code, e.name, e.address, e.supervising_agency_id, a.region_code as agency_region from enterprises e join agencies a on a.id = e.supervising_agency_id`;
  let match: E | undefined;
  if (c.creditCode) [match] = await ctx.database.rows<E>(sql`${select} where e.credit_code = ${c.creditCode}`);
  if (!match) {
    const named = await ctx.database.rows<E>(sql`${select} where e.name = ${c.enterpriseName.trim()} limit 20`);
    const address = (c.address ?? '').trim();
    const inRegion = c.regionCode ? named.filter((e) => e.region_code.startsWith(c.regionCode!.slice(0, 6))) : named;
    if (inRegion.length === 1) match = inRegion[0];
    else if (named.length > 1 && address) {
      const same = named.filter((e) => e.address && (e.address.includes(address) || address.includes(e.address)));
      if (same.length === 1) match = same[0];
    } else if (named.length === 1 && !c.regionCode) match = named[0];
  }
  if (match) {
    return {
      agencyId: Number(match.supervising_agency_id),
      agencyRegionCode: match.agency_region,
      routing: 'enterprise',
      enterprise: { id: Number(match.id), regionCode: match.region_code, name: match.name },
    };
  }
  const county = await countyAgencyFor(ctx, c.regionCode ?? null, c.address ?? null);
  if (county) return { agencyId: county.id, agencyRegionCode: county.regionCode, routing: 'region', enterprise: null };
  const prov = await provinceAgency(ctx);
  return { agencyId: prov.id, agencyRegionCode: prov.regionCode, routing: 'province_queue', enterprise: null };
}

async function countyAgencyFor(ctx: AppContext, regionCode: string | null, address: string | null): Promise<{ id: number; regionCode: string } | null> {
  if (regionCode) {
    const county = regionCode.slice(0, 6);
    const [a] = await ctx.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from agencies where region_code = ${county} and level = 'county'`);
    if (a) return { id: Number(a.id), regionCode: a.region_code };
  }
  if (address && address.trim().length >= 3) {
    const counties = await ctx.database.rows<{ id: number; region_code: string }>(sql`select id, region_code from agencies where level = 'county'`);
    // a county named in the address, with its city where two counties share a name (鼓楼区, 西湖区 …)
    const named = counties.filter((a) => {
      const r = getRegion(a.region_code);
      return r && r.name.length >= 2 && address.includes(r.name);
    });
    const withCity = named.filter((a) => {
      const city = getRegion(a.region_code)?.parentCode;
      const cityName = city ? getRegion(city)?.name : undefined;
      return cityName ? address.includes(cityName) : false;
    });
    const pick = withCity.length === 1 ? withCity[0] : named.length === 1 ? named[0] : undefined;
    if (pick) return { id: Number(pick.id), regionCode: pick.region_code };
  }
  return null;
}

// ---------- views ----------

export interface ComplaintView {
  id: number;
  trackingCode: string | null;
  source: ComplaintSource;
  sourceLabel: string;
  agencyId: number;
  agencyName: string;
  routing: ComplaintRouting;
  routingLabel: string;
  enterpriseId: number | null;
  enterpriseName: string;
  creditCode: string | null;
  address: string | null;
  content: string;
  anonymous: boolean;
  complainantName: string | null;
  complainantPhone: string | null;
  /** whether name and phone above are shown in full (the caller handles the complaint) */
  identityVisible: boolean;
  transferredFrom: string | null;
  observationPointId: number | null;
  status: ComplaintStatus;
  statusLabel: string;
  receivedOn: string;
  acceptDue: string;
  decidedOn: string | null;
  decisionReason: string | null;
  replyDue: string | null;
  repliedOn: string | null;
  replyText: string | null;
  inspectionId: number | null;
  rewardAmount: number | null;
  rewardOn: string | null;
  rewardDecision: string | null;
  overdue: ComplaintOverdueKind | null;
  overdueLabel: string | null;
  /** what the caller may do now */
  mayHandle: boolean;
  mayReward: boolean;
}

const d = (v: unknown): string | null => (v == null ? null : String(v).slice(0, 10));

export function complaintView(p: Principal, r: Record<string, unknown>, today = shanghaiDate()): ComplaintView {
  const agencyId = Number(r.agency_id);
  const regionCode = String(r.region_code);
  const handler = isHandler(p, { agencyId, regionCode });
  const status = r.status as ComplaintStatus;
  const acceptDue = d(r.accept_due)!;
  const replyDue = d(r.reply_due);
  const overdue = complaintOverdue({ status, acceptDue, replyDue }, today);
  const acting = (p.role === 'officer' || p.role === 'leader') && p.agencyId === agencyId && !p.enforcementBlocked;
  const name = (r.complainant_name as string | null) ?? null;
  const phone = (r.complainant_phone as string | null) ?? null;
  return {
    id: Number(r.id),
    // the tracking code lets its holder read the answer: only for the handlers, who read it out to the complainant
    trackingCode: handler ? (r.tracking_code as string) : null,
    source: r.source as ComplaintSource,
    sourceLabel: complaintSourceLabels[r.source as ComplaintSource],
    agencyId,
    agencyName: String(r.agency_name ?? ''),
    routing: r.routing as ComplaintRouting,
    routingLabel: complaintRoutingLabels[r.routing as ComplaintRouting],
    enterpriseId: r.enterprise_id == null ? null : Number(r.enterprise_id),
    enterpriseName: String(r.enterprise_name),
    creditCode: (r.credit_code as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    content: String(r.content),
    anonymous: Boolean(r.anonymous),
    complainantName: handler ? name : maskName(name),
    complainantPhone: handler ? phone : maskPhone(phone),
    identityVisible: handler,
    transferredFrom: (r.transferred_from as string | null) ?? null,
    observationPointId: r.observation_point_id == null ? null : Number(r.observation_point_id),
    status,
    statusLabel: complaintStatusLabels[status],
    receivedOn: d(r.received_on)!,
    acceptDue,
    decidedOn: d(r.decided_on),
    decisionReason: (r.decision_reason as string | null) ?? null,
    replyDue,
    repliedOn: d(r.replied_on),
    replyText: (r.reply_text as string | null) ?? null,
    inspectionId: r.inspection_id == null ? null : Number(r.inspection_id),
    rewardAmount: r.reward_amount == null ? null : Number(r.reward_amount),
    rewardOn: d(r.reward_on),
    rewardDecision: (r.reward_decision as string | null) ?? null,
    overdue: overdue?.kind ?? null,
    overdueLabel: overdue ? complaintOverdueLabels[overdue.kind] : null,
    mayHandle: acting && (status === 'received' || status === 'accepted'),
    mayReward: acting && p.role === 'leader' && (status === 'accepted' || status === 'replied'),
  };
}

const SELECT = sql`select c.*, a.name as agency_name from complaints c join agencies a on a.id = c.agency_id`;

export interface ComplaintFilter {
  status?: ComplaintStatus;
  source?: ComplaintSource;
  overdue?: boolean;
  q?: string;
  agencyId?: number;
}

function filterCondition(p: Principal, f: ComplaintFilter, today: string): SQL {
  const parts: SQL[] = [regionCondition(p, 'c.region_code')];
  if (f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.source) parts.push(sql`c.source = ${f.source}`);
  if (f.agencyId) parts.push(sql`c.agency_id = ${f.agencyId}`);
  if (f.overdue) parts.push(sql`((c.status = 'received' and c.accept_due < ${today}::date) or (c.status = 'accepted' and c.reply_due < ${today}::date))`);
  if (f.q) parts.push(sql`(c.enterprise_name like ${'%' + f.q.replace(/[\\%_]/g, (m) => '\\' + m) + '%'} or c.credit_code = ${f.q})`);
  return sql.join(parts, sql` and `);
}

export async function listComplaints(ctx: AppContext, p: Principal, f: ComplaintFilter, page: number, pageSize: number) {
  noEnterprise(p);
  const today = shanghaiDate();
  const where = filterCondition(p, f, today);
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(sql`${SELECT} where ${where} order by c.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from complaints c where ${where}`),
  ]);
  return { items: rows.map((r) => complaintView(p, r, today)), total: Number(count?.n ?? 0), page, pageSize };
}

export async function complaintPage(ctx: AppContext, p: Principal, f: ComplaintFilter, offset: number, limit: number): Promise<ComplaintView[]> {
  noEnterprise(p);
  const today = shanghaiDate();
  const rows = await ctx.database.rows<Record<string, unknown>>(sql`${SELECT} where ${filterCondition(p, f, today)} order by c.id desc limit ${limit} offset ${offset}`);
  return rows.map((r) => complaintView(p, r, today));
}

async function loadRow(ctx: AppContext, p: Principal, id: number): Promise<Record<string, unknown>> {
  noEnterprise(p);
  const [r] = await ctx.database.rows<Record<string, unknown>>(sql`${SELECT} where c.id = ${id}`);
  if (!r || !inJurisdiction(p, String(r.region_code))) throw notFound('投诉举报');
  return r;
}

export async function complaintDetail(ctx: AppContext, p: Principal, id: number) {
  const r = await loadRow(ctx, p, id);
  const transfers = await ctx.database.rows<{ at: string; reason: string; from_name: string | null; to_name: string; by_name: string | null }>(
    sql`select t.at, t.reason, fa.name as from_name, ta.name as to_name, u.display_name as by_name
          from complaint_transfers t left join agencies fa on fa.id = t.from_agency_id join agencies ta on ta.id = t.to_agency_id left join users u on u.id = t.transferred_by
         where t.complaint_id = ${id} order by t.id`,
  );
  const [insp] = r.inspection_id
    ? await ctx.database.rows<{ id: number; status: string; planned_date: string }>(sql`select id, status, to_char(planned_date, 'YYYY-MM-DD') as planned_date from inspections where id = ${Number(r.inspection_id)}`)
    : [];
  const statusLabels: Record<string, string> = { filed: '已报备', in_progress: '检查中', completed: '已完成', cancelled: '已取消' };
  return {
    ...complaintView(p, r),
    transfers: transfers.map((t) => ({ at: new Date(t.at).toISOString(), reason: t.reason, fromAgencyName: t.from_name, toAgencyName: t.to_name, byName: t.by_name })),
    inspection: insp ? { id: Number(insp.id), statusLabel: statusLabels[insp.status] ?? insp.status, plannedDate: insp.planned_date } : null,
  };
}

// ---------- intake ----------

export interface IntakeInput {
  source: ComplaintSource;
  enterpriseName: string;
  creditCode?: string | null;
  address?: string | null;
  regionCode?: string | null;
  content: string;
  complainantName?: string | null;
  complainantPhone?: string | null;
  anonymous: boolean;
  transferredFrom?: string | null;
  receivedOn?: string;
  observationPointId?: number | null;
  /** observation-point clues go to the designating agency, not by the enterprise */
  routeTo?: { agencyId: number; regionCode: string };
}

function normalise(b: IntakeInput): IntakeInput {
  const creditCode = b.creditCode?.trim().toUpperCase() || null;
  if (creditCode) {
    const check = checkCreditCode(creditCode);
    if (!check.ok) throw new AppError('INVALID_CREDIT_CODE', `统一社会信用代码不正确：${check.message}`);
  }
  if (b.regionCode && !getRegion(b.regionCode)) throw new AppError('INVALID_REGION', '所选地区不存在');
  return {
    ...b,
    enterpriseName: b.enterpriseName.trim(),
    creditCode,
    address: b.address?.trim() || null,
    content: b.content.trim(),
    complainantName: b.anonymous ? null : b.complainantName?.trim() || null,
    complainantPhone: b.complainantPhone?.trim() || null,
  };
}

async function insertComplaint(ctx: AppContext, actor: Actor, createdBy: number | null, b: IntakeInput, key: string | null) {
  const routed = b.routeTo
    ? { agencyId: b.routeTo.agencyId, agencyRegionCode: b.routeTo.regionCode, routing: 'observation' as const, enterprise: null }
    : await routeComplaint(ctx, b);
  const receivedOn = b.receivedOn ?? shanghaiDate();
  return ctx.database.db.transaction(async (tx) => {
    // 59 random bits: a collision is practically impossible, but the unique index decides, so try again if it happens
    for (let attempt = 0; ; attempt++) {
      const trackingCode = trackingCodeFrom(randomBytes(12));
      const [dup] = await tx.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, trackingCode));
      if (dup && attempt < 3) continue;
      const [row] = await tx
        .insert(complaints)
        .values({
          trackingCode,
          source: b.source,
          agencyId: routed.agencyId,
          regionCode: routed.agencyRegionCode,
          routing: routed.routing,
          enterpriseId: routed.enterprise?.id ?? null,
          enterpriseRegionCode: routed.enterprise?.regionCode ?? null,
          enterpriseName: b.enterpriseName,
          creditCode: b.creditCode ?? null,
          address: b.address ?? null,
          reportedRegionCode: b.regionCode ?? null,
          content: b.content,
          complainantName: b.complainantName ?? null,
          complainantPhone: b.complainantPhone ?? null,
          anonymous: b.anonymous,
          transferredFrom: b.transferredFrom?.trim() || null,
          observationPointId: b.observationPointId ?? null,
          status: 'received',
          receivedOn,
          acceptDue: acceptDueDate(receivedOn),
          createdBy,
          submitterKey: key,
        })
        .returning();
      // 保护举报人: the audit trail says what happened to the complaint, never who made it
      await appendAudit(ctx.database, tx, actor, [
        {
          action: 'create',
          entityType: 'complaint',
          entityId: row!.id,
          regionCode: routed.agencyRegionCode,
          after: { source: b.source, agencyId: routed.agencyId, routing: routed.routing, enterpriseId: routed.enterprise?.id ?? null, anonymous: b.anonymous, acceptDue: row!.acceptDue },
        },
      ]);
      return row!;
    }
  });
}

/** The public form (no login): refused in Chinese when it is junk or comes too often from one address. */
export async function filePublicComplaint(ctx: AppContext, ip: string, b: Omit<IntakeInput, 'source' | 'receivedOn' | 'transferredFrom' | 'routeTo' | 'observationPointId'>) {
  const problems = complaintInputProblems({ ...b, anonymous: b.anonymous });
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  const key = submitterKey(ip);
  const [n] = await ctx.database.rows<{ hour: number; day: number }>(
    sql`select count(*) filter (where created_at > now() - interval '1 hour')::int as hour, count(*)::int as day
          from complaints where submitter_key = ${key} and created_at > now() - interval '1 day'`,
  );
  if (n && (n.hour >= PUBLIC_FILINGS_PER_HOUR || n.day >= PUBLIC_FILINGS_PER_DAY)) {
    throw new AppError('RATE_LIMITED', '提交过于频繁，请稍后再试；情况紧急请拨打12350举报热线');
  }
  const row = await insertComplaint(ctx, PUBLIC_ACTOR, null, normalise({ ...b, source: 'portal' }), key);
  return { trackingCode: row.trackingCode, receivedOn: row.receivedOn, acceptDue: row.acceptDue };
}

/** Staff intake: a call to 12350, a letter, a case passed on by another body. */
export async function fileStaffComplaint(ctx: AppContext, p: Principal, b: IntakeInput) {
  requireStaff(p);
  const today = shanghaiDate();
  if (b.receivedOn && (b.receivedOn > today || b.receivedOn < addDays(today, -60))) throw new AppError('VALIDATION', '收到日期应在近60日内且不晚于今天');
  if (b.source === 'transfer' && !b.transferredFrom?.trim()) throw new AppError('VALIDATION', '请填写转办单位');
  if (b.enterpriseName.trim().length < 2 || b.content.trim().length < 10) throw new AppError('VALIDATION', '请填写被举报单位和举报内容（不少于10个字）');
  const row = await insertComplaint(ctx, actorOf(p), p.userId, normalise(b), null);
  // routed outside the caller's jurisdiction (another county's enterprise): the caller learns where it went, nothing more
  const visible = inJurisdiction(p, row.regionCode);
  // a register of one province: an agency of another province (a cross-border enterprise) is not named to the caller
  const sameProvince = (p.agencyRegionCode ?? '').slice(0, 2) === row.regionCode.slice(0, 2);
  const name = sameProvince ? ((await agencyName(ctx, row.agencyId)) ?? '') : '外省有管辖权的执法机构';
  return { id: row.id, agencyId: row.agencyId, agencyName: name, routingLabel: complaintRoutingLabels[row.routing as ComplaintRouting], acceptDue: row.acceptDue, visible };
}

async function agencyName(ctx: AppContext, id: number): Promise<string | null> {
  const [a] = await ctx.database.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, id));
  return a?.name ?? null;
}

// ---------- the public tracking page ----------

export async function trackComplaint(ctx: AppContext, ip: string, trackingCode: string) {
  const key = submitterKey(ip);
  const since = new Date(Date.now() - LOOKUP_WINDOW_MS).toISOString();
  const [n] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from public_request_log where kind = 'complaint_lookup_miss' and submitter_key = ${key} and at > ${since}`);
  if (n && n.n >= TRACKING_MISSES_PER_WINDOW) throw new AppError('RATE_LIMITED', '查询失败次数过多，请15分钟后再试');
  const [r] = await ctx.database.rows<Record<string, unknown>>(sql`${SELECT} where c.tracking_code = ${trackingCode}`);
  if (!r) {
    await ctx.database.db.insert(publicRequestLog).values({ kind: 'complaint_lookup_miss', submitterKey: key });
    throw new AppError('NOT_FOUND', '未找到该查询码对应的举报，请核对后重新输入');
  }
  const status = r.status as ComplaintStatus;
  return {
    trackingCode,
    receivedOn: d(r.received_on)!,
    status,
    statusLabel: complaintStatusLabels[status],
    agencyName: String(r.agency_name),
    acceptDue: d(r.accept_due)!,
    decidedOn: d(r.decided_on),
    /** the reason given for not accepting; an accepted complaint's handling is told in the answer */
    decisionReason: status === 'not_accepted' ? ((r.decision_reason as string | null) ?? null) : null,
    replyDue: d(r.reply_due),
    repliedOn: d(r.replied_on),
    replyText: (r.reply_text as string | null) ?? null,
  };
}

// ---------- handling ----------

async function forUpdate(ctx: AppContext, p: Principal, id: number): Promise<ComplaintRow> {
  noEnterprise(p);
  const [c] = await ctx.database.db.select().from(complaints).where(eq(complaints.id, id));
  if (!c || !inJurisdiction(p, c.regionCode)) throw notFound('投诉举报');
  return c;
}

/**
 * R37/R1: hand a complaint to the competent agency, with the reason kept. The handling agency's staff may do it, and
 * so may a leader of an agency above it (routing by hand from the province queue, or correcting a wrong routing).
 */
export async function transferComplaint(ctx: AppContext, p: Principal, id: number, b: { toAgencyId?: number; toSuperior?: boolean; reason: string }) {
  requireStaff(p);
  const c = await forUpdate(ctx, p, id);
  const own = p.agencyId === c.agencyId;
  const above = p.role === 'leader' && inJurisdiction(p, c.regionCode);
  if (!own && !above) throw forbidden('只有承办机构的执法人员或其上级机构负责人可以转交该投诉举报');
  if (c.status !== 'received') throw new AppError('CONFLICT', '已作出受理决定的投诉举报不能再转交');
  // a county that cannot name the competent agency (another city's) hands it up: its superior routes it on
  let toId = b.toAgencyId;
  if (b.toSuperior) {
    const [own] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, c.agencyId));
    if (!own?.parentId) throw new AppError('VALIDATION', '省级机构没有上级机构，请选择接收机构');
    toId = own.parentId;
  }
  if (!toId) throw new AppError('VALIDATION', '请选择接收机构');
  if (toId === c.agencyId) throw new AppError('VALIDATION', '该投诉举报已由该机构承办');
  const [to] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, toId));
  if (!to) throw new AppError('INVALID_AGENCY', '接收机构不存在');
  return ctx.database.db.transaction(async (tx) => {
    await tx.update(complaints).set({ agencyId: to.id, regionCode: to.regionCode, routing: 'transfer', updatedAt: new Date() }).where(eq(complaints.id, c.id));
    await tx.insert(complaintTransfers).values({ complaintId: c.id, regionCode: to.regionCode, fromAgencyId: c.agencyId, toAgencyId: to.id, reason: b.reason, transferredBy: p.userId });
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'transfer', entityType: 'complaint', entityId: c.id, regionCode: to.regionCode, reason: b.reason, before: { agencyId: c.agencyId }, after: { agencyId: to.id } },
    ]);
    return { id: c.id, agencyId: to.id, agencyName: to.name };
  });
}

export interface AcceptInput {
  accept: boolean;
  reason?: string;
  enterpriseId?: number;
  officerIds?: number[];
  plannedDate?: string;
  legalBasis?: string;
}

/**
 * R37: accept or not accept (with the reason), by the handling agency. R11: accepting a complaint about a registered
 * enterprise opens an immediate inspection, recorded as an unplanned inspection triggered by a complaint (not limited
 * by the plan), and linked to the complaint.
 */
export async function decideComplaint(ctx: AppContext, p: Principal, id: number, b: AcceptInput) {
  requireStaff(p);
  const c = await forUpdate(ctx, p, id);
  requireActingAgency(p, c.agencyId, '投诉举报由承办机构受理；如不属本机构管辖，请转交有管辖权的机构');
  if (p.enforcementBlocked) throw forbidden(p.enforcementBlocked);
  if (c.status !== 'received') throw new AppError('CONFLICT', '该投诉举报已作出受理决定');
  const today = shanghaiDate();
  if (!b.accept) {
    if (!b.reason || b.reason.trim().length < 5) throw new AppError('VALIDATION', '不予受理须写明理由（不少于5个字），该理由将告知举报人');
    await ctx.database.db.transaction(async (tx) => {
      await tx.update(complaints).set({ status: 'not_accepted', decidedOn: today, decisionReason: b.reason!.trim(), decidedBy: p.userId, updatedAt: new Date() }).where(and(eq(complaints.id, c.id), eq(complaints.status, 'received')));
      await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'not_accept', entityType: 'complaint', entityId: c.id, regionCode: c.regionCode, reason: b.reason!.trim(), before: { status: c.status }, after: { status: 'not_accepted' } }]);
    });
    return complaintDetail(ctx, p, c.id);
  }
  const enterpriseId = b.enterpriseId ?? c.enterpriseId;
  let inspectionId: number | null = null;
  let enterpriseRegion = c.enterpriseRegionCode;
  if (enterpriseId) {
    const [e] = await ctx.database.rows<{ id: number; region_code: string; supervising_agency_id: number; agency_name: string }>(
      sql`select e.id, e.region_code, e.supervising_agency_id, a.name as agency_name from enterprises e join agencies a on a.id = e.supervising_agency_id where e.id = ${enterpriseId}`,
    );
    if (!e || !inJurisdiction(p, e.region_code)) throw notFound('企业');
    if (Number(e.supervising_agency_id) !== p.agencyId) {
      throw new AppError('VALIDATION', `该企业由“${e.agency_name}”监管（一家企业对应一个层级执法主体），请将投诉举报转交该机构受理`);
    }
    enterpriseRegion = e.region_code;
    const plannedDate = b.plannedDate ?? today;
    if (plannedDate < today || plannedDate > addDays(today, 15)) throw new AppError('VALIDATION', '投诉举报应立即核查：检查日期应在今天起15日内');
    // check the team before anything is written, so a refused team leaves no half-made request behind
    const officers = await loadOfficers(ctx, p, b.officerIds ?? []);
    const problems = filingProblems({ legalBasis: b.legalBasis?.trim() || DEFAULT_LEGAL_BASIS, officers, itemCodes: ['-'], date: plannedDate });
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
    const [u] = await ctx.database.db.transaction(async (tx) => {
      const rows = await tx
        .insert(unplannedRequests)
        .values({ agencyId: p.agencyId!, enterpriseId: Number(e.id), regionCode: e.region_code, trigger: 'complaint', reason: `受理投诉举报（第${c.id}号）后立即开展核查`, status: 'recorded', requestedBy: p.userId, plannedDate })
        .returning();
      await appendAudit(ctx.database, tx, actorOf(p), [
        { action: 'create', entityType: 'unplanned', entityId: rows[0]!.id, regionCode: e.region_code, reason: `投诉举报第${c.id}号`, after: { enterpriseId: Number(e.id), trigger: 'complaint', status: 'recorded', plannedDate } },
      ]);
      return rows;
    });
    const insp = await createInspection(ctx, p, {
      enterpriseId: Number(e.id),
      origin: 'unplanned',
      unplannedRequestId: u!.id,
      legalBasis: b.legalBasis?.trim() || DEFAULT_LEGAL_BASIS,
      plannedDate,
      officerIds: b.officerIds,
    });
    inspectionId = insp.id;
  }
  await ctx.database.db.transaction(async (tx) => {
    const updated = await tx
      .update(complaints)
      .set({ status: 'accepted', decidedOn: today, decisionReason: b.reason?.trim() || null, decidedBy: p.userId, replyDue: replyDueDate(today), inspectionId, enterpriseId: enterpriseId ?? null, enterpriseRegionCode: enterpriseRegion, updatedAt: new Date() })
      .where(and(eq(complaints.id, c.id), eq(complaints.status, 'received')))
      .returning({ id: complaints.id });
    if (updated.length === 0) throw new AppError('CONFLICT', '该投诉举报已作出受理决定');
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'accept', entityType: 'complaint', entityId: c.id, regionCode: c.regionCode, reason: b.reason?.trim() || null, before: { status: c.status }, after: { status: 'accepted', inspectionId, replyDue: replyDueDate(today) } },
    ]);
  });
  return complaintDetail(ctx, p, c.id);
}

/** R37: the answer to the complainant (shown on the public tracking page). */
export async function replyComplaint(ctx: AppContext, p: Principal, id: number, text: string) {
  requireStaff(p);
  const c = await forUpdate(ctx, p, id);
  requireActingAgency(p, c.agencyId, '答复由承办机构作出');
  if (c.status !== 'accepted') throw new AppError('CONFLICT', c.status === 'received' ? '请先作出受理决定' : '该投诉举报已办结');
  const today = shanghaiDate();
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(complaints).set({ status: 'replied', repliedOn: today, replyText: text.trim(), repliedBy: p.userId, updatedAt: new Date() }).where(eq(complaints.id, c.id));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'reply', entityType: 'complaint', entityId: c.id, regionCode: c.regionCode, before: { status: c.status }, after: { status: 'replied', repliedOn: today, late: c.replyDue != null && today > c.replyDue } }]);
  });
  return complaintDetail(ctx, p, c.id);
}

/** 举报奖励: the leader of the handling agency records the reward decided for a substantiated report. */
export async function rewardComplaint(ctx: AppContext, p: Principal, id: number, b: { amount: number; rewardOn: string; decision: string }) {
  requireStaff(p);
  const c = await forUpdate(ctx, p, id);
  requireActingAgency(p, c.agencyId, '举报奖励由承办机构负责人决定');
  if (p.role !== 'leader') throw forbidden('举报奖励由承办机构负责人决定');
  if (c.status !== 'accepted' && c.status !== 'replied') throw new AppError('CONFLICT', '只有已受理并查实的举报可以给予奖励');
  if (c.anonymous && !c.complainantPhone) throw new AppError('VALIDATION', '匿名且未留联系方式的举报无法兑现奖励');
  if (b.rewardOn > shanghaiDate()) throw new AppError('VALIDATION', '奖励决定日期不能晚于今天');
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(complaints).set({ rewardAmount: b.amount.toFixed(2), rewardOn: b.rewardOn, rewardDecision: b.decision.trim(), updatedAt: new Date() }).where(eq(complaints.id, c.id));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'reward', entityType: 'complaint', entityId: c.id, regionCode: c.regionCode, reason: b.decision.trim(), after: { amount: b.amount, rewardOn: b.rewardOn } }]);
  });
  return complaintDetail(ctx, p, c.id);
}

// ---------- overdue (the lax-enforcement detector) ----------

export interface OverdueComplaint {
  agencyId: number;
  regionCode: string;
  complaintId: number;
  kind: ComplaintOverdueKind;
  dueDate: string;
  summary: string;
}

/**
 * R37: complaints whose acceptance or answer period (working days, fixed at receipt and acceptance) has passed on
 * `asOf`. The summary names the enterprise and the period, never the complainant.
 */
export async function overdueComplaints(ctx: AppContext, asOf: string): Promise<OverdueComplaint[]> {
  const rows = await ctx.database.rows<{ id: number; agency_id: number; region_code: string; status: ComplaintStatus; accept_due: string; reply_due: string | null; enterprise_name: string; source: ComplaintSource }>(
    sql`select id, agency_id, region_code, status, to_char(accept_due, 'YYYY-MM-DD') as accept_due, to_char(reply_due, 'YYYY-MM-DD') as reply_due, enterprise_name, source
          from complaints where (status = 'received' and accept_due < ${asOf}::date) or (status = 'accepted' and reply_due < ${asOf}::date) order by id`,
  );
  return rows.flatMap((r) => {
    const o = complaintOverdue({ status: r.status, acceptDue: r.accept_due, replyDue: r.reply_due }, asOf);
    if (!o) return [];
    const what = o.kind === 'accept' ? `应于${o.dueDate}前作出是否受理的决定` : `应于${o.dueDate}前答复举报人`;
    return [{ agencyId: Number(r.agency_id), regionCode: r.region_code, complaintId: Number(r.id), kind: o.kind, dueDate: o.dueDate, summary: `关于“${r.enterprise_name}”的${complaintSourceLabels[r.source]}投诉举报${complaintOverdueLabels[o.kind]}（${what}）` }];
  });
}

// ---------- 基层观测点 ----------

export async function listObservationPoints(ctx: AppContext, p: Principal) {
  noEnterprise(p);
  const rows = await ctx.database.rows<{ id: number; agency_id: number; region_code: string; note: string; created_at: string; designated_by_agency_id: number; by_name: string; agency_name: string; clues: number }>(
    sql`select o.id, o.agency_id, o.region_code, o.note, o.created_at, o.designated_by_agency_id, b.name as by_name, a.name as agency_name,
               (select count(*)::int from complaints c where c.observation_point_id = o.id) as clues
          from observation_points o join agencies a on a.id = o.agency_id join agencies b on b.id = o.designated_by_agency_id
         where o.removed_at is null and (${regionCondition(p, 'o.region_code')} ${p.agencyId ? sql`or o.designated_by_agency_id = ${p.agencyId}` : sql``})
         order by o.id`,
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      agencyId: Number(r.agency_id),
      agencyName: r.agency_name,
      regionCode: r.region_code,
      designatedByAgencyId: Number(r.designated_by_agency_id),
      designatedByName: r.by_name,
      note: r.note,
      designatedAt: new Date(r.created_at).toISOString(),
      clueCount: Number(r.clues),
      mayReport: (p.role === 'officer' || p.role === 'leader') && p.agencyId === Number(r.agency_id),
      mayRemove: p.role === 'leader' && p.agencyId === Number(r.designated_by_agency_id),
    })),
    mayDesignate: p.role === 'leader' && (p.agencyLevel === 'province' || p.agencyLevel === 'city'),
  };
}

/** 省、市应急管理部门分别确定若干乡镇（街道）作为基层观测点: a leader of a province or city agency designates a township of its area. */
export async function designateObservationPoint(ctx: AppContext, p: Principal, b: { agencyId: number; note?: string }) {
  noEnterprise(p);
  if (p.role !== 'leader' || !p.agencyId || (p.agencyLevel !== 'province' && p.agencyLevel !== 'city')) throw forbidden('基层观测点由省、市应急管理部门负责人确定');
  const [a] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, b.agencyId));
  if (!a || !inJurisdiction(p, a.regionCode)) throw new AppError('INVALID_AGENCY', '所选机构不存在或不在本机构辖区内');
  if (a.level !== 'township') throw new AppError('VALIDATION', '基层观测点应为乡镇（街道）');
  const [dup] = await ctx.database.rows(sql`select 1 from observation_points where agency_id = ${a.id} and designated_by_agency_id = ${p.agencyId} and removed_at is null`);
  if (dup) throw new AppError('CONFLICT', `${a.name}已是本机构的基层观测点`);
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.insert(observationPoints).values({ designatedByAgencyId: p.agencyId!, agencyId: a.id, regionCode: a.regionCode, note: b.note?.trim() ?? '', createdBy: p.userId }).returning();
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'create', entityType: 'observation_point', entityId: row!.id, regionCode: a.regionCode, after: { agencyId: a.id, designatedBy: p.agencyId } }]);
    return { id: row!.id, agencyId: a.id, agencyName: a.name };
  });
}

export async function removeObservationPoint(ctx: AppContext, p: Principal, id: number, reason: string | undefined) {
  noEnterprise(p);
  const [o] = await ctx.database.db.select().from(observationPoints).where(eq(observationPoints.id, id));
  if (!o || o.removedAt || !(inJurisdiction(p, o.regionCode) || o.designatedByAgencyId === p.agencyId)) throw notFound('基层观测点');
  if (p.role !== 'leader' || p.agencyId !== o.designatedByAgencyId) throw forbidden('只有确定该观测点的机构负责人可以撤销');
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(observationPoints).set({ removedAt: new Date(), removedBy: p.userId }).where(eq(observationPoints.id, id));
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: 'remove', entityType: 'observation_point', entityId: id, regionCode: o.regionCode, reason: reason ?? null }]);
  });
  return { ok: true };
}

/** A clue of an observation point about lower-level enforcement: registered and followed like a complaint, by the designating agency. */
export async function reportClue(ctx: AppContext, p: Principal, pointId: number, b: { enterpriseName: string; creditCode?: string | null; address?: string | null; content: string }) {
  requireStaff(p);
  const [o] = await ctx.database.db.select().from(observationPoints).where(eq(observationPoints.id, pointId));
  if (!o || o.removedAt || !inJurisdiction(p, o.regionCode)) throw notFound('基层观测点');
  if (p.agencyId !== o.agencyId) throw forbidden('线索由观测点所在乡镇（街道）的工作人员报送');
  const [by] = await ctx.database.db.select().from(agencies).where(eq(agencies.id, o.designatedByAgencyId));
  const input = normalise({
    source: 'observation_point',
    enterpriseName: b.enterpriseName,
    creditCode: b.creditCode,
    address: b.address,
    content: b.content,
    complainantName: `${p.displayName}（${p.agencyName ?? ''}）`,
    complainantPhone: null,
    anonymous: false,
    observationPointId: o.id,
    routeTo: { agencyId: by!.id, regionCode: by!.regionCode },
  });
  const row = await insertComplaint(ctx, actorOf(p), p.userId, input, null);
  return { id: row.id, agencyName: by!.name, acceptDue: row.acceptDue };
}
