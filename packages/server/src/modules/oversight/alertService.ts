// R34: running the detectors and the alerts they raise. One alert per detector and subject (unique key): a rerun
// refreshes the alert (summary, evidence, last detected day) instead of adding one. An alert whose condition has
// disappeared stays, with its history, marked 不再检出 (active = false, cleared_on); if it comes back, the same alert
// is detected again — and one that had been rectified and cleared is reopened, since the problem recurred.
import { sql, type SQL } from 'drizzle-orm';
import { alertActionLabels, alertActionsFor, alertStateLabels, alertTransitionProblem, alertTransitions, annex2Items, detectorCatalogue, detectorInfo, uncoveredItems, type AlertAction, type AlertState, type DetectorCode } from '@anjian/domain';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import { shanghaiDate } from '../../lib/diff.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, atProvinceLevel, inJurisdiction, regionCondition, type Principal } from '../auth/principal.js';
import { COUNT_CAP } from '../../lib/paging.js';
import { detectors } from './detectors/index.js';
import type { AlertDraft } from './detectors/types.js';

const CHUNK = 2000;
/** the list's count stops here (shown as 10000+) */

export interface DetectorRunResult {
  rule: DetectorCode;
  title: string;
  found: number;
  created: number;
  cleared: number;
  reopened: number;
  ms: number;
}

/** Runs the detectors (all, or the given ones) as of a Shanghai day and stores their alerts. Idempotent. */
export async function runDetectors(ctx: AppContext, asOf: string, only?: readonly string[]): Promise<DetectorRunResult[]> {
  const out: DetectorRunResult[] = [];
  for (const d of detectors) {
    if (only && only.length && !only.includes(d.code)) continue;
    const t0 = performance.now();
    const drafts = dedupe(await d.run(ctx, asOf));
    const r = await ctx.database.db.transaction(async (tx) => {
      let created = 0;
      let reopened = 0;
      for (let i = 0; i < drafts.length; i += CHUNK) {
        const [c] = await ctx.database.rows<{ created: number; reopened: number }>(upsert(d.code, asOf, drafts.slice(i, i + CHUNK)), tx);
        created += Number(c!.created);
        reopened += Number(c!.reopened);
      }
      // rows this transaction did not touch (updated_at is the transaction's now() on every upserted row) are no longer detected
      const cleared = await ctx.database.rows(
        sql`update oversight_alerts set active = false, cleared_on = ${asOf}::date where rule = ${d.code} and active and updated_at <> now() returning id`,
        tx,
      );
      await assignOverseers(ctx, d.code, tx);
      return { created, reopened, cleared: cleared.length };
    });
    out.push({ rule: d.code, title: d.title, found: drafts.length, ...r, ms: Math.round(performance.now() - t0) });
  }
  // the run may have added or changed many alerts at once: fresh statistics and visibility map keep the oversight
  // page's plans right (its counts and pages are then index-only scans of the narrow indexes, not of the wide rows)
  await ctx.database.rows(sql`vacuum (analyze) oversight_alerts`);
  return out;
}

function dedupe(drafts: AlertDraft[]): AlertDraft[] {
  const seen = new Map<string, AlertDraft>();
  for (const d of drafts) if (!seen.has(d.subjectKey)) seen.set(d.subjectKey, d);
  return [...seen.values()];
}

function upsert(rule: string, asOf: string, drafts: AlertDraft[]): SQL {
  const json = JSON.stringify(
    drafts.map((d) => ({ k: d.subjectKey, a: d.agencyId, r: d.regionCode, e: d.enterpriseId ?? null, s: d.summary, v: d.evidence, m: d.amount ?? null, o: d.occurredOn ?? null })),
  );
  const reopenEntry = { action: 'redetected', from: 'rectified', to: 'open', reason: '整改销号后再次检出同一问题，自动重新打开', by: null, byName: '系统' };
  // `old` reads the rows as they were before this statement: the rectified, no-longer-detected alerts that now come back
  return sql`with x as (select * from jsonb_to_recordset(${json}::jsonb) as x(k text, a int, r text, e bigint, s text, v jsonb, m numeric, o text)),
             old as (select o.subject_key from oversight_alerts o where o.rule = ${rule} and o.state = 'rectified' and not o.active and o.subject_key in (select k from x)),
             up as (
               insert into oversight_alerts as t (rule, subject_key, agency_id, region_code, enterprise_id, summary, evidence, amount, occurred_on, first_detected_on, last_detected_on, updated_at)
               select ${rule}, x.k, x.a, x.r, x.e, x.s, x.v, x.m, x.o::date, ${asOf}::date, ${asOf}::date, now() from x
               on conflict (rule, subject_key) do update set
                 agency_id = excluded.agency_id, region_code = excluded.region_code, enterprise_id = excluded.enterprise_id,
                 summary = excluded.summary, evidence = excluded.evidence, amount = excluded.amount, occurred_on = excluded.occurred_on,
                 detections = t.detections + (t.last_detected_on < excluded.last_detected_on)::int,
                 last_detected_on = greatest(t.last_detected_on, excluded.last_detected_on),
                 active = true, cleared_on = null, updated_at = now(),
                 state = case when t.state = 'rectified' and not t.active then 'open' else t.state end,
                 version = t.version + (t.state = 'rectified' and not t.active)::int,
                 history = case when t.state = 'rectified' and not t.active
                                then t.history || jsonb_build_array(${JSON.stringify(reopenEntry)}::jsonb || jsonb_build_object('at', now())) else t.history end
               returning (xmax = 0) as inserted)
             select (select count(*) from up where inserted)::int as created, (select count(*) from old)::int as reopened`;
}

/**
 * The overseer of an alert: an active oversight user of the nearest agency above the watched one whose jurisdiction
 * holds it (the competent level, 上级监督), else of the watched agency itself. Kept once assigned.
 */
async function assignOverseers(ctx: AppContext, rule: string, tx: Parameters<typeof ctx.database.rows>[1]) {
  await ctx.database.rows(
    sql`update oversight_alerts t set overseer_id = (
          select u.id from users u join agencies g on g.id = u.agency_id
           where u.role = 'oversight' and u.active
             and t.region_code like (case g.level when 'province' then left(g.region_code, 2) when 'city' then left(g.region_code, 4) else g.region_code end) || '%'
           order by (g.id = t.agency_id), length(g.region_code) - length(rtrim(g.region_code, '0')) asc, u.id limit 1)
        where t.rule = ${rule} and t.overseer_id is null`,
    tx,
  );
}

// ---------- reading ----------

/** Alerts are read by oversight staff, leaders (their jurisdiction) and the administrator. */
function requireReader(p: Principal) {
  if (p.role !== 'oversight' && p.role !== 'leader' && p.role !== 'admin') throw forbidden('执法监督预警仅供执法监督人员和单位负责人查看');
}

export function requireRunner(p: Principal) {
  if (!((p.role === 'oversight' || p.role === 'admin') && atProvinceLevel(p))) throw forbidden('只有省级执法监督人员或系统管理员可以立即运行全部监测规则');
}

export interface AlertQuery {
  rule?: string;
  state?: AlertState;
  agencyId?: number;
  active?: boolean;
}

function conditions(p: Principal, q: AlertQuery): SQL {
  const parts: SQL[] = [regionCondition(p, 't.region_code')];
  if (q.rule) parts.push(sql`t.rule = ${q.rule}`);
  if (q.state) parts.push(sql`t.state = ${q.state}`);
  if (q.agencyId) parts.push(sql`t.agency_id = ${q.agencyId}`);
  if (q.active !== undefined) parts.push(sql`t.active = ${q.active}`);
  return sql.join(parts, sql` and `);
}

const SELECT = sql`select t.id, t.rule, t.subject_key, t.agency_id, t.region_code, t.enterprise_id, t.summary, t.evidence, t.amount, t.occurred_on::text as occurred_on,
                          t.state, t.active, t.first_detected_on::text as first_detected_on, t.last_detected_on::text as last_detected_on, t.cleared_on::text as cleared_on,
                          t.detections, t.overseer_id, t.history, t.version, a.name as agency_name, e.name as enterprise_name, u.display_name as overseer_name
                     from oversight_alerts t join agencies a on a.id = t.agency_id left join enterprises e on e.id = t.enterprise_id left join users u on u.id = t.overseer_id`;

function toAlert(p: Principal, r: Record<string, unknown>) {
  const info = detectorInfo(String(r.rule));
  const state = r.state as AlertState;
  const regionCode = String(r.region_code);
  return {
    id: Number(r.id),
    rule: String(r.rule) as DetectorCode,
    ruleTitle: info?.title ?? '其他',
    items: (info?.items ?? []).map((item) => ({ item, text: annex2Items[item] ?? '' })),
    agencyId: Number(r.agency_id),
    agencyName: String(r.agency_name),
    regionCode,
    enterpriseId: r.enterprise_id == null ? null : Number(r.enterprise_id),
    enterpriseName: (r.enterprise_name as string | null) ?? null,
    summary: String(r.summary),
    evidence: r.evidence as { label: string; value: string; link?: string }[],
    amount: r.amount == null ? null : Number(r.amount),
    occurredOn: (r.occurred_on as string | null) ?? null,
    state,
    stateLabel: alertStateLabels[state],
    active: !!r.active,
    firstDetectedOn: String(r.first_detected_on),
    lastDetectedOn: String(r.last_detected_on),
    clearedOn: (r.cleared_on as string | null) ?? null,
    detections: Number(r.detections),
    overseerName: (r.overseer_name as string | null) ?? null,
    history: (r.history as { action: string; from: string; to: string; reason: string; byName: string; at: string }[]).map((h) => ({
      ...h,
      actionLabel: h.action === 'redetected' ? '再次检出' : (alertActionLabels[h.action as AlertAction] ?? '处理'),
      fromLabel: alertStateLabels[h.from as AlertState] ?? '',
      toLabel: alertStateLabels[h.to as AlertState] ?? '',
    })),
    version: Number(r.version),
    actions: alertActionsFor(state, p.role, p.agencyId === Number(r.agency_id), inJurisdiction(p, regionCode)),
  };
}

export type AlertView = ReturnType<typeof toAlert>;

export async function listAlerts(ctx: AppContext, p: Principal, q: AlertQuery & { page: number; pageSize: number }) {
  requireReader(p);
  const where = conditions(p, q);
  // the page's ids first (narrow index), then their rows and names; the count stops at COUNT_CAP like the other ledgers
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(
      sql`${SELECT} where t.id in (select t.id from oversight_alerts t where ${where} order by t.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}) order by t.id desc`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from (select 1 from oversight_alerts t where ${where} limit ${COUNT_CAP + 1}) x`),
  ]);
  const n = Number(count?.n ?? 0);
  return { items: rows.map((r) => toAlert(p, r)), total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

export async function getAlert(ctx: AppContext, p: Principal, id: number) {
  requireReader(p);
  const [row] = await ctx.database.rows<Record<string, unknown>>(sql`${SELECT} where t.id = ${id}`);
  if (!row || !inJurisdiction(p, String(row.region_code))) throw notFound('预警');
  return toAlert(p, row);
}

export async function resolveAlert(ctx: AppContext, p: Principal, id: number, body: { action: AlertAction; reason: string; version?: number }) {
  const alert = await getAlert(ctx, p, id);
  const problem = alertTransitionProblem(alert.state, body.action, p.role, p.agencyId === alert.agencyId, inJurisdiction(p, alert.regionCode), body.reason);
  if (problem) throw problem.startsWith('预警当前') || problem.startsWith('请填写') ? new AppError(problem.startsWith('请填写') ? 'VALIDATION' : 'CONFLICT', problem) : forbidden(problem);
  if (body.version !== undefined && body.version !== alert.version) throw new AppError('CONFLICT', '预警已被他人处理，请刷新后重试');
  const to = alertTransitions[body.action].to;
  const entry = { action: body.action, from: alert.state, to, reason: body.reason.trim(), by: p.userId, byName: p.displayName, at: new Date().toISOString() };
  await ctx.database.db.transaction(async (tx) => {
    const updated = await ctx.database.rows(
      sql`update oversight_alerts set state = ${to}, history = history || ${JSON.stringify([entry])}::jsonb, version = version + 1, updated_at = now()
           where id = ${id} and state = ${alert.state} and version = ${alert.version} returning id`,
      tx,
    );
    if (!updated.length) throw new AppError('CONFLICT', '预警已被他人处理，请刷新后重试');
    await appendAudit(ctx.database, tx, actorOf(p), [{ action: body.action, entityType: 'oversight_alert', entityId: id, regionCode: alert.regionCode, reason: entry.reason, before: { state: alert.state }, after: { state: to } }]);
  });
  return getAlert(ctx, p, id);
}

export async function exportAlerts(ctx: AppContext, p: Principal, q: AlertQuery, reply: FastifyReply) {
  requireReader(p);
  const where = conditions(p, q);
  return sendXlsx(reply, {
    title: '执法监督预警',
    asciiName: 'oversight-alerts',
    columns: [
      { header: '编号', width: 8, value: (a: AlertView) => a.id },
      { header: '监测规则', width: 18, value: (a) => a.ruleTitle },
      { header: '问题清单条目', width: 14, value: (a) => a.items.map((i) => i.item).join('、') },
      { header: '被监督单位', width: 22, value: (a) => a.agencyName },
      { header: '企业', width: 24, value: (a) => a.enterpriseName ?? '' },
      { header: '问题', width: 60, value: (a) => a.summary },
      { header: '证据', width: 60, value: (a) => a.evidence.map((e) => `${e.label}：${e.value}`).join('；') },
      { header: '金额（元）', width: 12, value: (a) => a.amount },
      { header: '发生日期', width: 12, value: (a) => a.occurredOn },
      { header: '状态', width: 12, value: (a) => a.stateLabel },
      { header: '当前是否仍检出', width: 10, value: (a) => a.active },
      { header: '首次检出', width: 12, value: (a) => a.firstDetectedOn },
      { header: '最近检出', width: 12, value: (a) => a.lastDetectedOn },
      { header: '监督人员', width: 12, value: (a) => a.overseerName ?? '' },
      { header: '处理记录', width: 60, value: (a) => a.history.map((h) => `${h.at ? shanghaiDate(new Date(h.at)) : ''} ${h.byName}${h.actionLabel}：${h.reason}`).join('；') },
    ],
    page: async (offset, limit) => (await ctx.database.rows<Record<string, unknown>>(sql`${SELECT} where ${where} order by t.id desc limit ${limit} offset ${offset}`)).map((r) => toAlert(p, r)),
  });
}

/** The catalogue: each detector with its 附件2 items, and the items no record reveals, with what to do instead. */
export function rulesCatalogue() {
  return {
    detectors: detectorCatalogue.map((d) => ({ code: d.code, title: d.title, description: d.description, items: d.items.map((item) => ({ item, text: annex2Items[item] ?? '' })) })),
    uncovered: uncoveredItems.map((u) => ({ item: u.item, text: annex2Items[u.item] ?? '', why: u.why, instead: u.instead })),
  };
}
