// 执法监督 (R25, R29, R31, R32, R38) for oversight staff and agency leaders, scoped to the caller's jurisdiction: the
// statutory deadlines of open cases that have passed (with how late), the leaders' interventions recorded in cases
// (who, when, what, in which case), the amounts chosen outside the proposed discretion tier with their written
// reason, and the publications and credit answers that came (or are) late. Every row names its case or enterprise so
// the page links to the file. The deadline rules are the domain's (deadlines.ts), as on the case page.
import { sql } from 'drizzle-orm';
import {
  countdown,
  decisionDue,
  discretionTierLabels,
  hearingRequestDue,
  hearingRightReasons,
  paymentDue,
  penaltyCaseStatusLabels,
  penaltyPeriods,
  serviceDue,
  statementDefenseDue,
  type DiscretionProposal,
  type PenaltyCaseStatus,
  type ProposedDecision,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../lib/bulk.js';
import { shanghaiDate } from '../../lib/diff.js';
import { forbidden } from '../../lib/errors.js';
import { enterpriseOwnedCondition, regionCondition, type Principal } from '../auth/principal.js';
import type { StoredViolation } from '../penalty/caseAccess.js';
import { penaltyDeadlineConfig } from '../penalty/caseState.js';

const LIMIT = 200;
const statusLabel = (s: string) => penaltyCaseStatusLabels[s as PenaltyCaseStatus] ?? s;

export interface OverdueDeadline {
  caseId: number;
  caseNumber: string | null;
  enterpriseId: number;
  enterpriseName: string;
  status: string;
  statusLabel: string;
  /** decision | rights_notice | service | payment */
  deadline: 'decision' | 'rights_notice' | 'service' | 'payment';
  label: string;
  /** who has to act now */
  nextStep: string;
  basis: string;
  due: string;
  daysLate: number;
  workingDaysLate: number;
}

interface OpenCaseRow {
  id: number;
  case_number: string | null;
  status: string;
  procedure: string;
  party_kind: 'organization' | 'citizen';
  enterprise_id: number;
  enterprise_name: string;
  opened_on: string | null;
  notified_on: string | null;
  decided_on: string | null;
  served_on: string | null;
  decision_due: string | null;
  statement_received: boolean;
  rights_waived: boolean;
  hearing: unknown;
  execution_done: boolean;
  notified: ProposedDecision | null;
  fine: string | number | null;
}

/** The passed deadlines of one open case (the same periods the case page counts down). */
function overdueOf(r: OpenCaseRow, today: string, cfg: ReturnType<typeof penaltyDeadlineConfig>): OverdueDeadline[] {
  const periods = penaltyPeriods(cfg);
  const out: OverdueDeadline[] = [];
  const base = { caseId: Number(r.id), caseNumber: r.case_number, enterpriseId: Number(r.enterprise_id), enterpriseName: r.enterprise_name, status: r.status, statusLabel: statusLabel(r.status) };
  const add = (deadline: OverdueDeadline['deadline'], label: string, nextStep: string, basis: string, due: string) => {
    const c = countdown(due, today);
    if (c.overdue) out.push({ ...base, deadline, label, nextStep, basis, due, daysLate: -c.daysLeft, workingDaysLate: -c.workingDaysLeft });
  };
  // R38: 90 days from opening (general procedure) to the decision
  if (r.procedure === 'general' && r.opened_on && !r.decided_on) {
    add('decision', `${periods.decision.label}（立案之日起${periods.decision.length}日）`, '尽快审结；确需延长的，应经负责人批准', periods.decision.basis, r.decision_due ?? decisionDue(r.opened_on, cfg));
  }
  // R27: the party's statement/defence and hearing-request periods have run out while the case still waits on them
  if (r.status === 'notified' && r.notified_on && !r.statement_received && !r.rights_waived && !r.hearing) {
    const statement = statementDefenseDue(r.notified_on, cfg);
    const hearing = hearingRightReasons(r.party_kind, r.notified).length ? hearingRequestDue(r.notified_on) : null;
    const due = hearing && hearing > statement ? hearing : statement;
    add(
      'rights_notice',
      hearing ? '陈述、申辩和要求听证期限届满' : '陈述、申辩期限届满',
      '当事人逾期未提出的视为放弃，应推进法制审核或作出决定',
      hearing ? `${periods.statement_defense.basis}；${periods.hearing_request.basis}` : periods.statement_defense.basis,
      due,
    );
  }
  // 第六十一条: the decision is served within 7 working days
  if (r.status === 'decided' && r.decided_on && !r.served_on) {
    add('service', periods.service.label, '立即送达行政处罚决定书', periods.service.basis, serviceDue(r.decided_on, r.procedure === 'simple'));
  }
  // 第六十七条/第七十二条: the fine is paid within 15 days of service
  if ((r.status === 'served' || r.status === 'executing') && r.served_on && !r.execution_done && Number(r.fine ?? 0) > 0) {
    add('payment', `${periods.payment.label}（当事人逾期）`, '每日按罚款数额的3%加处罚款；逾期不履行的依法申请强制执行', periods.payment.basis, paymentDue(r.served_on));
  }
  return out;
}

export async function penaltyOversight(ctx: AppContext, p: Principal) {
  if (p.role === 'enterprise') throw forbidden();
  const today = shanghaiDate();
  const cfg = penaltyDeadlineConfig();
  // working-day periods are never shorter than the same number of calendar days, so these bounds only pre-filter
  const rightsDays = Math.min(cfg.statementDefenseWorkingDays, 5);
  const [open, interventions, deviations, publications, withdrawals, repairs, objections, blacklists] = await Promise.all([
    ctx.database.rows<OpenCaseRow>(
      sql`select c.id, c.case_number, c.status, c.procedure, c.party_kind, c.enterprise_id, e.name as enterprise_name,
                 c.opened_on::text as opened_on, c.notified_on::text as notified_on, c.decided_on::text as decided_on, c.served_on::text as served_on,
                 c.decision_due::text as decision_due, c.statement_received, c.rights_waived, c.hearing, c.execution_done, c.notified,
                 (c.decision->>'fine')::numeric as fine
            from penalty_cases c join enterprises e on e.id = c.enterprise_id
           where ${enterpriseOwnedCondition(p, 'c')} and c.status not in ('draft', 'closed', 'transferred', 'cancelled')
             and ((c.procedure = 'general' and c.opened_on is not null and c.decided_on is null and coalesce(c.decision_due, c.opened_on + ${cfg.decisionDays}::int) < ${today}::date)
               or (c.status = 'notified' and c.notified_on < ${today}::date - ${rightsDays}::int)
               or (c.status = 'decided' and c.served_on is null and c.decided_on < ${today}::date)
               or (c.status in ('served', 'executing') and not c.execution_done and c.served_on < ${today}::date - 15))
           order by c.id limit 2000`,
    ),
    // R31: who intervened, when, how and what, in which case
    ctx.database.rows<Record<string, unknown>>(
      sql`select i.id, i.case_id, c.case_number, c.status, c.enterprise_id, e.name as enterprise_name, i.intervener_name, i.intervener_position, i.method, i.content,
                 i.occurred_on::text as occurred_on, i.recorded_by_name, i.recorded_at
            from penalty_interventions i join penalty_cases c on c.id = i.case_id join enterprises e on e.id = c.enterprise_id
           where ${regionCondition(p, 'i.region_code')} order by i.occurred_on desc, i.id desc limit ${LIMIT}`,
    ),
    // R25: amounts outside the proposed tier, with the written reason
    ctx.database.rows<{ id: number; case_number: string | null; status: string; enterprise_id: number; enterprise_name: string; decided_on: string | null; no: number; v: StoredViolation }>(
      sql`select c.id, c.case_number, c.status, c.enterprise_id, e.name as enterprise_name, c.decided_on::text as decided_on, v.no, v.value as v
            from penalty_cases c join enterprises e on e.id = c.enterprise_id cross join lateral jsonb_array_elements(c.violations) with ordinality as v(value, no)
           where ${enterpriseOwnedCondition(p, 'c')} and (v.value->>'deviates')::boolean and c.status not in ('cancelled')
           order by c.decided_on desc nulls last, c.id desc, v.no limit ${LIMIT}`,
    ),
    // R29: decisions published after their due day, or not yet published past it
    ctx.database.rows<Record<string, unknown>>(
      sql`select x.case_id, c.case_number, x.enterprise_id, e.name as enterprise_name, x.decided_on::text as decided_on, x.due_on::text as due_on,
                 x.published_on::text as published_on, x.published_at is not null as published
            from penalty_publications x join penalty_cases c on c.id = x.case_id join enterprises e on e.id = x.enterprise_id
           where ${regionCondition(p, 'x.region_code')} and (x.late or (x.published_at is null and x.withdrawn_at is null and x.due_on < ${today}::date))
           order by x.due_on desc, x.case_id desc limit ${LIMIT}`,
    ),
    // R29 (《行政处罚法》第四十八条第二款): published decisions withdrawn more than 3 working days after they were changed or
    // annulled. A change not yet withdrawn is unknown to the system until someone records it, so only late ones show.
    ctx.database.rows<Record<string, unknown>>(
      sql`select x.case_id, c.case_number, x.enterprise_id, e.name as enterprise_name, x.decision_changed_on::text as changed_on,
                 x.withdrawal_due_on::text as due_on, x.withdrawn_on::text as withdrawn_on, x.withdrawal_ground as ground
            from penalty_publications x join penalty_cases c on c.id = x.case_id join enterprises e on e.id = x.enterprise_id
           where ${regionCondition(p, 'x.region_code')} and x.withdrawal_late
           order by x.withdrawn_on desc, x.case_id desc limit ${LIMIT}`,
    ),
    // R29: credit-repair applications answered after 3 working days, or still unanswered past it
    ctx.database.rows<Record<string, unknown>>(
      sql`select r.id, r.enterprise_id, e.name as enterprise_name, r.credit_fact_id, r.applied_on::text as applied_on, r.answer_due::text as answer_due, r.status, r.decided_on::text as decided_on
            from credit_repairs r join enterprises e on e.id = r.enterprise_id
           where ${enterpriseOwnedCondition(p, 'r')} and (r.late or (r.status = 'pending' and r.answer_due < ${today}::date))
           order by r.answer_due desc, r.id desc limit ${LIMIT}`,
    ),
    // R32: objections likewise
    ctx.database.rows<Record<string, unknown>>(
      sql`select o.id, o.enterprise_id, e.name as enterprise_name, o.received_on::text as received_on, o.answer_due::text as answer_due, o.status, o.decided_on::text as decided_on
            from credit_objections o join enterprises e on e.id = o.enterprise_id
           where ${enterpriseOwnedCondition(p, 'o')} and (o.late or (o.status = 'pending' and o.answer_due < ${today}::date))
           order by o.answer_due desc, o.id desc limit ${LIMIT}`,
    ),
    // R32: quarterly lists published after their due day
    ctx.database.rows<Record<string, unknown>>(
      sql`select b.id, b.quarter_key, b.quarter_label, a.name as agency_name, b.due_on::text as due_on, (b.published_at at time zone 'Asia/Shanghai')::date::text as published_on
            from blacklist_publications b join agencies a on a.id = b.agency_id
           where ${regionCondition(p, 'b.region_code')} and b.late order by b.quarter_key desc, b.id desc limit ${LIMIT}`,
    ),
  ]);

  const overdue = open
    .flatMap((r) => overdueOf(r, today, cfg))
    .sort((a, b) => b.daysLate - a.daysLate || a.caseId - b.caseId)
    .slice(0, 500);

  const assessors = [...new Set(deviations.map((d) => d.v.assessedBy).filter((x): x is number => Number.isInteger(x)))];
  const names = assessors.length ? await ctx.database.rows<{ id: number; display_name: string }>(sql`select id, display_name from users where id = any(${arrayParam(assessors, 'int')})`) : [];
  const nameOf = new Map(names.map((u) => [Number(u.id), u.display_name]));
  const late = (due: string, done: string | null) => {
    const c = countdown(due, done ?? today);
    return { daysLate: Math.max(0, -c.daysLeft), workingDaysLate: Math.max(0, -c.workingDaysLeft) };
  };

  return {
    today,
    overdue,
    interventions: interventions.map((i) => ({
      id: Number(i.id),
      caseId: Number(i.case_id),
      caseNumber: i.case_number as string | null,
      caseStatus: i.status as string,
      caseStatusLabel: statusLabel(String(i.status)),
      enterpriseId: Number(i.enterprise_id),
      enterpriseName: i.enterprise_name as string,
      intervenerName: i.intervener_name as string,
      intervenerPosition: i.intervener_position as string,
      method: i.method as string,
      content: i.content as string,
      occurredOn: i.occurred_on as string,
      recordedByName: i.recorded_by_name as string,
      recordedAt: i.recorded_at as Date | string,
    })),
    deviations: deviations.map((d) => {
      const pr = d.v.proposal as DiscretionProposal;
      return {
        caseId: Number(d.id),
        caseNumber: d.case_number,
        caseStatus: d.status,
        caseStatusLabel: statusLabel(d.status),
        decidedOn: d.decided_on,
        enterpriseId: Number(d.enterprise_id),
        enterpriseName: d.enterprise_name,
        violationNo: Number(d.no),
        itemCode: pr.itemCode,
        violation: pr.violation,
        basis: pr.basis,
        tier: pr.tier,
        tierLabel: pr.mitigation === 'reduced' ? '减轻处罚' : pr.tier ? discretionTierLabels[pr.tier] : null,
        amountRange: pr.amountRange,
        suggestedAmount: pr.suggestedAmount,
        amount: d.v.amount,
        reason: d.v.reason,
        assessedBy: nameOf.get(Number(d.v.assessedBy)) ?? null,
        assessedAt: d.v.assessedAt,
      };
    }),
    latePublications: publications.map((x) => ({
      caseId: Number(x.case_id),
      caseNumber: x.case_number as string | null,
      enterpriseId: Number(x.enterprise_id),
      enterpriseName: x.enterprise_name as string,
      decidedOn: x.decided_on as string,
      dueOn: x.due_on as string,
      publishedOn: x.published_on as string | null,
      published: !!x.published,
      ...late(String(x.due_on), x.published_on as string | null),
    })),
    lateWithdrawals: withdrawals.map((x) => ({
      caseId: Number(x.case_id),
      caseNumber: x.case_number as string | null,
      enterpriseId: Number(x.enterprise_id),
      enterpriseName: x.enterprise_name as string,
      changedOn: x.changed_on as string | null,
      dueOn: x.due_on as string,
      withdrawnOn: x.withdrawn_on as string,
      ground: x.ground as string,
      ...late(String(x.due_on), x.withdrawn_on as string),
    })),
    lateRepairs: repairs.map((r) => ({
      id: Number(r.id),
      enterpriseId: Number(r.enterprise_id),
      enterpriseName: r.enterprise_name as string,
      creditFactId: Number(r.credit_fact_id),
      appliedOn: r.applied_on as string,
      answerDue: r.answer_due as string,
      status: r.status as string,
      decidedOn: r.decided_on as string | null,
      ...late(String(r.answer_due), r.decided_on as string | null),
    })),
    lateObjections: objections.map((o) => ({
      id: Number(o.id),
      enterpriseId: Number(o.enterprise_id),
      enterpriseName: o.enterprise_name as string,
      receivedOn: o.received_on as string,
      answerDue: o.answer_due as string,
      status: o.status as string,
      decidedOn: o.decided_on as string | null,
      ...late(String(o.answer_due), o.decided_on as string | null),
    })),
    lateBlacklistPublications: blacklists.map((b) => ({
      id: Number(b.id),
      quarter: b.quarter_key as string,
      quarterLabel: b.quarter_label as string,
      agencyName: b.agency_name as string,
      dueOn: b.due_on as string,
      publishedOn: b.published_on as string,
      ...late(String(b.due_on), b.published_on as string),
    })),
  };
}
