// The caller's to-do list (待办事项): each kind of pending work of the role counted in the caller's jurisdiction
// (principal.ts), with the nearest deadline. Kinds, titles and links are the domain's (todo/kinds.ts).
import { sql, type SQL } from 'drizzle-orm';
import { statementDefenseDue, todoItem, todoKindsByRole, type TodoItem, type TodoKind } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/diff.js';
import { enterpriseOwnedCondition, regionCondition, type Principal } from '../auth/principal.js';
import { penaltyDeadlineConfig } from '../penalty/caseState.js';
import { penaltyOversight } from '../oversight/penaltyOversight.js';

interface Count {
  n: number;
  due: string | null;
  /** the one item's id when there is exactly one (the link then opens it) */
  only: number | null;
}

/** count, nearest date and the single id of a filtered set, in one statement */
const countOf = (from: SQL, date: SQL | null, id: SQL) =>
  sql`select count(*)::int as n, ${date ? sql`min(${date})::text` : sql`null::text`} as due, case when count(*) = 1 then min(${id}) end as only ${from}`;

export async function todoList(ctx: AppContext, p: Principal): Promise<{ items: TodoItem[] }> {
  const today = shanghaiDate();
  const one = async (q: SQL): Promise<Count> => {
    const [r] = await ctx.database.rows<{ n: number; due: string | null; only: number | null }>(q);
    return { n: Number(r?.n ?? 0), due: r?.due ?? null, only: r?.only == null ? null : Number(r.only) };
  };
  const none: Count = { n: 0, due: null, only: null };
  const counts: Partial<Record<TodoKind, Promise<Count> | Count>> = {};
  const region = (alias: string) => regionCondition(p, `${alias}.region_code`);
  const ownAgency = (alias: string) => (p.agencyId != null ? sql`${sql.raw(alias)}.agency_id = ${p.agencyId}` : region(alias));

  switch (p.role) {
    case 'officer': {
      // an officer's own work follows the officer record linked to the login; without one there is nothing of its own
      const me = p.officerId;
      if (me == null) break;
      counts.inspection_today = one(
        countOf(sql`from inspections i where ${me} = any(i.officer_ids) and i.status in ('filed', 'in_progress') and i.planned_date <= ${today}::date`, sql`i.planned_date`, sql`i.id`),
      );
      counts.inspection_backfill = one(
        countOf(sql`from inspections i where i.backfill_due is not null and i.backfilled_at is null and (${me} = any(i.officer_ids) or i.created_by = ${p.userId})`, sql`i.backfill_due`, sql`i.id`),
      );
      counts.hazard_recheck = one(
        countOf(sql`from hazards h where h.status = 'rectified' and exists (select 1 from inspections i where i.id = h.inspection_id and ${me} = any(i.officer_ids))`, null, sql`h.id`),
      );
      // the steps that are the investigators' own: investigate, notify, serve, execute (the rest wait for the party,
      // the reviewer or the leader)
      counts.case_step = one(
        countOf(
          sql`from penalty_cases c where ${me} = any(c.investigator_ids) and c.status in ('opened', 'investigating', 'decided', 'served', 'executing')`,
          sql`case when c.decided_on is null then c.decision_due end`,
          sql`c.id`,
        ),
      );
      break;
    }
    case 'leader': {
      counts.plan_approval = one(countOf(sql`from plans pl where pl.status = 'submitted' and ${region('pl')} and coalesce(pl.submitted_by, 0) <> ${p.userId}`, null, sql`pl.id`));
      counts.unplanned_approval = one(countOf(sql`from unplanned_requests u where u.status = 'pending' and ${region('u')}`, sql`u.planned_date`, sql`u.id`));
      counts.case_opening = one(countOf(sql`from penalty_cases c where c.status = 'draft' and c.procedure = 'general' and ${ownAgency('c')}`, null, sql`c.id`));
      counts.case_decision = one(
        countOf(
          sql`from penalty_cases c where c.status = 'legal_review' and ${ownAgency('c')}
                and (select r.result from legal_reviews r where r.case_id = c.id order by r.id desc limit 1) = 'approved'`,
          sql`c.decision_due`,
          sql`c.id`,
        ),
      );
      counts.hazard_supervision = one(countOf(sql`from hazards h where h.status <> 'closed' and h.escalation_level in ('interview', 'supervision') and ${region('h')}`, sql`h.deadline`, sql`h.id`));
      counts.credit_answer = one(countOf(sql`from credit_repairs r where r.status = 'pending' and ${enterpriseOwnedCondition(p, 'r')}`, sql`r.answer_due`, sql`r.id`));
      counts.hazard_overdue = one(countOf(sql`from hazards h where h.status = 'open' and h.deadline < ${today}::date and ${region('h')}`, sql`h.deadline`, sql`h.id`));
      counts.case_overdue = one(
        countOf(
          sql`from penalty_cases c where c.procedure = 'general' and c.opened_on is not null and c.decided_on is null
                and c.status not in ('cancelled', 'transferred', 'closed') and c.decision_due < ${today}::date and ${region('c')}`,
          sql`c.decision_due`,
          sql`c.id`,
        ),
      );
      break;
    }
    case 'legal_reviewer':
      // four eyes: reviews the caller may not take (own case as investigator, or submitted by the caller) are not theirs
      counts.legal_review = one(
        countOf(
          sql`from legal_reviews r join penalty_cases c on c.id = r.case_id
               where r.result = 'pending' and c.status = 'legal_review' and ${region('r')}
                 and r.submitted_by <> ${p.userId} and not (${p.officerId ?? -1} = any(c.investigator_ids))`,
          null,
          sql`r.case_id`,
        ),
      );
      break;
    case 'oversight': {
      const o = await penaltyOversight(ctx, p);
      const earliest = (dates: (string | null | undefined)[]) => dates.filter((d): d is string => !!d).sort()[0] ?? null;
      counts.alert_case_overdue = { n: o.overdue.length, due: earliest(o.overdue.map((x) => x.due)), only: null };
      counts.alert_publication = { n: o.latePublications.length + o.lateWithdrawals.length, due: null, only: null };
      counts.alert_credit_answer = { n: o.lateRepairs.length + o.lateObjections.length, due: null, only: null };
      counts.alert_discretion = { n: o.deviations.length, due: null, only: null };
      break;
    }
    case 'enterprise': {
      const e = p.enterpriseId;
      if (e == null) break;
      counts.hazard_rectify = one(countOf(sql`from hazards h where h.enterprise_id = ${e} and h.status = 'open'`, sql`h.deadline`, sql`h.id`));
      counts.notice_answer = noticesToAnswer(ctx, e, today);
      counts.credit_repair = one(
        countOf(
          sql`from credit_facts f where f.enterprise_id = ${e} and f.published and f.repaired_on is null and f.annulled_on is null
                and f.repairable_from <= ${today}::date and (f.published_until is null or f.published_until >= ${today}::date)
                and not exists (select 1 from credit_repairs r where r.credit_fact_id = f.id and r.status = 'pending')`,
          null,
          sql`f.id`,
        ),
      );
      counts.inspection_feedback = one(
        countOf(sql`from inspections i where i.enterprise_id = ${e} and i.status = 'completed' and not exists (select 1 from inspection_feedback f where f.inspection_id = i.id)`, null, sql`i.id`),
      );
      break;
    }
    case 'admin':
      break;
  }
  // 案卷评查 (R34): files of the caller's agency's rounds to score or accept (never its own files), and files of its
  // own agency returned for rectification (its leader records it)
  if (p.agencyId != null && (p.role === 'oversight' || p.role === 'leader')) {
    const reviews = (status: string) =>
      one(countOf(sql`from case_review_items i join case_review_rounds r on r.id = i.round_id where i.status = ${status} and r.agency_id = ${p.agencyId} and i.agency_id <> ${p.agencyId}`, null, sql`i.id`));
    if (p.role === 'oversight') {
      counts.review_score = reviews('pending');
      counts.review_accept = reviews('rectified');
    }
    if (p.role === 'leader') counts.review_rectify = one(countOf(sql`from case_review_items i where i.status = 'rectifying' and i.agency_id = ${p.agencyId}`, null, sql`i.id`));
  }
  const kinds = todoKindsByRole[p.role];
  const resolved = await Promise.all(kinds.map(async (k) => [k, (await counts[k]) ?? none] as const));
  return { items: resolved.map(([k, c]) => todoItem(k, c.n, today, c.due, linkToOne(k, c.only))) };
}

/** With exactly one item, the link opens it instead of the list. */
function linkToOne(kind: TodoKind, id: number | null): string | undefined {
  if (id == null) return undefined;
  if (kind === 'case_step' || kind === 'case_opening' || kind === 'case_decision' || kind === 'notice_answer' || kind === 'case_overdue' || kind === 'legal_review') return `/cases/${id}`;
  if (kind === 'hazard_recheck' || kind === 'hazard_rectify' || kind === 'hazard_overdue' || kind === 'hazard_supervision') return `/hazards/${id}`;
  if (kind === 'inspection_today' || kind === 'inspection_backfill' || kind === 'inspection_feedback') return `/inspections/${id}`;
  if (kind === 'plan_approval') return `/plans/${id}`;
  if (kind === 'review_score' || kind === 'review_accept' || kind === 'review_rectify') return `/oversight/reviews/${id}`;
  return undefined;
}

/**
 * R27: the penalty notices the enterprise may still answer (statement and defence within the period, counted in working
 * days by the domain), with the earliest end of period. A natural person answers in person, not through the account.
 */
async function noticesToAnswer(ctx: AppContext, enterpriseId: number, today: string): Promise<Count> {
  const rows = await ctx.database.rows<{ id: number; notified_on: string }>(
    sql`select c.id, c.notified_on::text as notified_on from penalty_cases c
         where c.enterprise_id = ${enterpriseId} and c.status in ('notified', 'defence') and c.party_kind = 'organization'
           and not c.rights_waived and not c.statement_received and c.notified_on is not null order by c.id`,
  );
  const cfg = penaltyDeadlineConfig();
  const open = rows.map((r) => ({ id: Number(r.id), due: statementDefenseDue(r.notified_on, cfg) })).filter((r) => r.due >= today);
  return { n: open.length, due: open.map((r) => r.due).sort()[0] ?? null, only: open.length === 1 ? open[0]!.id : null };
}
