// R34 detectors over penalty cases: 应罚未罚, 以责代罚, 同案异罚, 畸轻无理由, 超期, 应移未移, 未听取陈述申辩.
import { sql } from 'drizzle-orm';
import { addDays, decisionDue, discretionTierLabels, serviceDue, statementDefenseDue, DETECTION_THRESHOLDS as T, type DiscretionTier } from '@anjian/domain';
import { penaltyDeadlineConfig } from '../../penalty/caseState.js';
import { dayStart, detector, n, placeOf, yuan, type AlertDraft } from './types.js';

const tierLabel = (t: string | null) => (t ? (discretionTierLabels[t as DiscretionTier] ?? '') : '');
const caseLabel = (id: unknown, no: unknown) => (no ? String(no) : `案件（未编号，第 ${n(id)} 号记录）`);

/**
 * 附件2 一.2: a violation found at an inspection and, 30 days on, no case opened for it — none at all, or the draft the
 * finding created still waiting for its opening (待立案). A case refused opening (不予立案) carries its written reason.
 */
export const violationNoCase = detector('violation_no_case', async (ctx, asOf) => {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select f.id, f.description, (f.created_at at time zone 'Asia/Shanghai')::date::text as found_on, i.id as inspection_id, i.agency_id, a.region_code,
               i.enterprise_id, e.name as enterprise_name, c.id as case_id
          from findings f join inspections i on i.id = f.inspection_id join agencies a on a.id = i.agency_id join enterprises e on e.id = i.enterprise_id
          left join penalty_cases c on c.id = f.penalty_case_id
         where f.disposition = 'violation' and f.created_at < ${dayStart(addDays(asOf, -T.violationNoCaseDays))}
           and ((f.penalty_case_id is null and not exists (select 1 from penalty_cases x where x.source_finding_id = f.id)) or c.status = 'draft')`,
  );
  return rows.map((r) => ({
    ...placeOf(r),
    subjectKey: `finding:${n(r.id)}`,
    summary: `${r.enterprise_name}：检查中认定的违法行为“${r.description}”自${r.found_on}起未立案查处${r.case_id ? '（案件仍待立案）' : ''}`,
    occurredOn: String(r.found_on),
    evidence: [
      { label: '企业', value: String(r.enterprise_name), link: `/enterprises/${n(r.enterprise_id)}` },
      { label: '检查', value: `第 ${n(r.inspection_id)} 号检查`, link: `/inspections/${n(r.inspection_id)}` },
      { label: '认定的违法行为', value: String(r.description) },
      { label: '认定日期', value: String(r.found_on) },
      ...(r.case_id ? [{ label: '案件', value: '待立案', link: `/cases/${n(r.case_id)}` }] : []),
    ],
  }));
});

/** 附件2 一.3: a major hazard left at an order to rectify, or a penalty the benchmark proposes decided as no penalty. */
export const orderInsteadOfPenalty = detector('order_instead_of_penalty', async (ctx, asOf) => {
  const [hazards, cases] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(
      sql`select h.id, h.description, h.inspection_id, h.agency_id, a.region_code, h.enterprise_id, e.name as enterprise_name,
                 (h.created_at at time zone 'Asia/Shanghai')::date::text as found_on, h.status
            from hazards h join agencies a on a.id = h.agency_id join enterprises e on e.id = h.enterprise_id
           where h.major and h.penalty_case_id is null and coalesce(btrim(h.no_penalty_reason), '') = ''
             and h.created_at < ${dayStart(addDays(asOf, -T.majorHazardNoCaseDays))}
             and not exists (select 1 from penalty_cases c where c.source_finding_id = h.finding_id)`,
    ),
    ctx.database.rows<Record<string, unknown>>(
      sql`select c.id, c.case_number, c.agency_id, a.region_code, c.enterprise_id, e.name as enterprise_name, c.decided_on::text as decided_on, c.no_penalty_basis,
                 (select string_agg(v.value->'proposal'->>'violation', '；') from jsonb_array_elements(c.violations) v(value) where v.value->'proposal'->>'outcome' = 'penalty') as violations
            from penalty_cases c join agencies a on a.id = c.agency_id join enterprises e on e.id = c.enterprise_id
           where c.decided_on between ${addDays(asOf, -T.lookBackDays)}::date and ${asOf}::date and c.decision->>'kind' = 'no_penalty'
             and exists (select 1 from jsonb_array_elements(c.violations) v(value) where v.value->'proposal'->>'outcome' = 'penalty')`,
    ),
  ]);
  const out: AlertDraft[] = hazards.map((r) => ({
    ...placeOf(r),
    subjectKey: `hazard:${n(r.id)}`,
    summary: `${r.enterprise_name}：重大事故隐患“${r.description}”自${r.found_on}起仅责令整改，未立案处罚，也未写明不予处罚的理由`,
    occurredOn: String(r.found_on),
    evidence: [
      { label: '企业', value: String(r.enterprise_name), link: `/enterprises/${n(r.enterprise_id)}` },
      { label: '重大事故隐患', value: String(r.description), link: `/hazards/${n(r.id)}` },
      { label: '发现检查', value: `第 ${n(r.inspection_id)} 号检查`, link: `/inspections/${n(r.inspection_id)}` },
      { label: '发现日期', value: String(r.found_on) },
    ],
  }));
  for (const r of cases) {
    out.push({
      ...placeOf(r),
      subjectKey: `case:${n(r.id)}`,
      summary: `${r.enterprise_name}：裁量基准建议处罚的违法行为以不予处罚作出决定（${caseLabel(r.id, r.case_number)}）`,
      occurredOn: String(r.decided_on),
      evidence: [
        { label: '案件', value: caseLabel(r.id, r.case_number), link: `/cases/${n(r.id)}` },
        { label: '建议处罚的违法行为', value: String(r.violations ?? '') },
        { label: '不予处罚依据', value: String(r.no_penalty_basis ?? '未记录') },
        { label: '决定日期', value: String(r.decided_on) },
      ],
    });
  }
  return out;
});

interface ViolationRow {
  agency_id: number;
  agency_name: string;
  region_code: string;
  item: string;
  tier: string;
  violation: string;
  basis: string;
  n: number;
  avg_amount: string;
  others_n: number;
  others_median: string | null;
  others_agencies: number;
  cases: string;
}

/** 附件2 二.4 同案异罚: the same article and tier, an agency's fines far from the other agencies'. */
export const inconsistentPenalties = detector('inconsistent_penalties', async (ctx, asOf) => {
  const rows = await ctx.database.rows<ViolationRow>(
    sql`with v as materialized (
          select c.agency_id, c.id as case_id, c.case_number, v.value->'proposal'->>'itemCode' as item, v.value->'proposal'->>'tier' as tier,
                 (v.value->>'amount')::numeric as amount, v.value->'proposal'->>'violation' as violation, v.value->'proposal'->>'basis' as basis
            from penalty_cases c cross join lateral jsonb_array_elements(c.violations) v(value)
           where c.decided_on between ${addDays(asOf, -T.lookBackDays)}::date and ${asOf}::date and c.decision->>'kind' = 'penalty'
             and v.value->'proposal'->>'outcome' = 'penalty' and v.value->'proposal'->>'tier' is not null
             and jsonb_typeof(v.value->'amount') = 'number'),
        p as (select item, tier, agency_id, count(*)::int as n, avg(amount) as avg_amount, min(violation) as violation, min(basis) as basis,
                     string_agg(coalesce(case_number, '#' || case_id), '、' order by case_id) as cases
                from v group by item, tier, agency_id having count(*) >= ${T.inconsistencyMinCases})
        select p.*, a.name as agency_name, a.region_code, o.others_n, o.others_median, o.others_agencies
          from p join agencies a on a.id = p.agency_id
          cross join lateral (select count(*)::int as others_n, count(distinct v.agency_id)::int as others_agencies,
                                     percentile_cont(0.5) within group (order by v.amount) as others_median
                                from v where v.item = p.item and v.tier = p.tier and v.agency_id <> p.agency_id) o
         where o.others_n >= ${T.inconsistencyMinCases}`,
  );
  const out: AlertDraft[] = [];
  for (const r of rows) {
    const avg = Number(r.avg_amount);
    const median = Number(r.others_median);
    if (!(median > 0) || !(avg >= 0)) continue;
    const heavier = avg >= median * T.inconsistencyFactor;
    const lighter = avg * T.inconsistencyFactor <= median;
    if (!heavier && !lighter) continue;
    out.push({
      agencyId: n(r.agency_id),
      regionCode: r.region_code,
      subjectKey: `${r.item}|${r.tier}|${n(r.agency_id)}`,
      summary: `${r.agency_name}对“${r.violation}”（${tierLabel(r.tier)}）平均罚款 ${yuan(avg.toFixed(0))}，明显${heavier ? '高于' : '低于'}其他单位的中位数 ${yuan(median.toFixed(0))}`,
      amount: Math.round(avg),
      occurredOn: asOf,
      evidence: [
        { label: '违法行为', value: r.violation },
        { label: '处罚依据', value: r.basis },
        { label: '裁量档次', value: tierLabel(r.tier) },
        { label: '本单位', value: `${n(r.n)} 起，平均 ${yuan(avg.toFixed(0))}` },
        { label: '其他单位', value: `${n(r.others_agencies)} 个单位 ${n(r.others_n)} 起，中位数 ${yuan(median.toFixed(0))}` },
        { label: '本单位案件', value: r.cases },
      ],
    });
  }
  return out;
});

/** 附件2 二.4 畸轻: a fine below the tier's minimum with no written reason. */
export const belowTierNoReason = detector('below_tier_no_reason', async (ctx, asOf) => {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select c.id, c.case_number, c.agency_id, a.region_code, c.enterprise_id, e.name as enterprise_name, v.no, v.value->'proposal'->>'violation' as violation,
               v.value->'proposal'->>'tier' as tier, (v.value->>'amount')::numeric as amount, (v.value->'proposal'->'amountRange'->>'min')::numeric as min,
               (v.value->'proposal'->'amountRange'->>'max')::numeric as max, coalesce(c.decided_on, c.opened_on, (c.created_at at time zone 'Asia/Shanghai')::date)::text as on_day
          from penalty_cases c join agencies a on a.id = c.agency_id join enterprises e on e.id = c.enterprise_id
          cross join lateral jsonb_array_elements(c.violations) with ordinality v(value, no)
         where c.status not in ('cancelled', 'draft') and coalesce(c.decided_on, ${asOf}::date) >= ${addDays(asOf, -T.lookBackDays)}::date
           and jsonb_typeof(v.value->'amount') = 'number' and jsonb_typeof(v.value->'proposal'->'amountRange'->'min') = 'number'
           and (v.value->>'amount')::numeric < (v.value->'proposal'->'amountRange'->>'min')::numeric
           and coalesce(btrim(v.value->>'reason'), '') = ''`,
  );
  return rows.map((r) => ({
    ...placeOf(r),
    subjectKey: `case:${n(r.id)}:${n(r.no)}`,
    summary: `${r.enterprise_name}：“${r.violation}”罚款 ${yuan(r.amount)}，低于${tierLabel(r.tier as string)}下限 ${yuan(r.min)}，未记录理由`,
    amount: Number(r.amount),
    occurredOn: String(r.on_day),
    evidence: [
      { label: '案件', value: caseLabel(r.id, r.case_number), link: `/cases/${n(r.id)}` },
      { label: '违法行为', value: String(r.violation) },
      { label: '裁量档次', value: `${tierLabel(r.tier as string)}（${yuan(r.min)}～${yuan(r.max)}）` },
      { label: '罚款', value: yuan(r.amount) },
      { label: '偏离理由', value: '未记录' },
    ],
  }));
});

/** 附件2 一.4 执法闭环: general-procedure cases past the statutory decision period, decisions not served in time. */
export const caseOverdue = detector('case_overdue', async (ctx, asOf) => {
  const cfg = penaltyDeadlineConfig();
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select c.id, c.case_number, c.agency_id, a.region_code, c.enterprise_id, e.name as enterprise_name, c.status, c.procedure,
               c.opened_on::text as opened_on, c.decided_on::text as decided_on, c.decision_due::text as decision_due
          from penalty_cases c join agencies a on a.id = c.agency_id join enterprises e on e.id = c.enterprise_id
         where c.status not in ('draft', 'closed', 'transferred', 'cancelled')
           and ((c.procedure = 'general' and c.opened_on is not null and c.decided_on is null and coalesce(c.decision_due, c.opened_on + ${cfg.decisionDays}::int) < ${asOf}::date)
             or (c.status = 'decided' and c.served_on is null and c.decided_on < ${asOf}::date))`,
  );
  const out: AlertDraft[] = [];
  for (const r of rows) {
    const base = { agencyId: n(r.agency_id), regionCode: String(r.region_code), enterpriseId: n(r.enterprise_id) };
    const link = { label: '案件', value: caseLabel(r.id, r.case_number), link: `/cases/${n(r.id)}` };
    if (r.procedure === 'general' && r.opened_on && !r.decided_on) {
      const due = (r.decision_due as string | null) ?? decisionDue(String(r.opened_on), cfg);
      if (due < asOf)
        out.push({ ...base, subjectKey: `case:${n(r.id)}:decision`, occurredOn: due, summary: `${r.enterprise_name}：案件自${r.opened_on}立案，超过${due}的办案期限仍未作出决定`, evidence: [link, { label: '立案日期', value: String(r.opened_on) }, { label: '应作出决定日期', value: due }] });
    }
    if (r.status === 'decided' && r.decided_on) {
      const due = serviceDue(String(r.decided_on), r.procedure === 'simple');
      if (due < asOf)
        out.push({ ...base, subjectKey: `case:${n(r.id)}:service`, occurredOn: due, summary: `${r.enterprise_name}：处罚决定${r.decided_on}作出，超过${due}的送达期限仍未送达`, evidence: [link, { label: '决定日期', value: String(r.decided_on) }, { label: '应送达日期', value: due }] });
    }
  }
  return out;
});

/** 附件2 一.5 不按规定移送: a violation whose article reserves criminal liability, serious, decided without transfer. */
export const crimeNotTransferred = detector('crime_not_transferred', async (ctx, asOf) => {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select c.id, c.case_number, c.agency_id, a.region_code, c.enterprise_id, e.name as enterprise_name, coalesce(c.decided_on, c.closed_on)::text as on_day,
               string_agg(v.value->'proposal'->>'violation', '；') as violations, string_agg(distinct v.value->'proposal'->>'basis', '；') as basis
          from penalty_cases c join agencies a on a.id = c.agency_id join enterprises e on e.id = c.enterprise_id
          cross join lateral jsonb_array_elements(c.violations) v(value)
         where c.status in ('decided', 'served', 'executing', 'closed') and c.transferred_to is null
           and coalesce(c.decided_on, c.closed_on) >= ${addDays(asOf, -T.lookBackDays)}::date
           and v.value->'proposal'->>'criminalReserved' = 'true'
           and (v.value->'proposal'->>'serious' = 'true' or v.value->'facts'->>'harm' in ('serious', 'severe'))
           and not exists (select 1 from penalty_case_events ev where ev.case_id = c.id and ev.action = 'transfer')
         group by c.id, a.region_code, e.name`,
  );
  return rows.map((r) => ({
    ...placeOf(r),
    subjectKey: `case:${n(r.id)}`,
    summary: `${r.enterprise_name}：情节或后果严重、依法可能构成犯罪的违法行为未移送司法机关（${caseLabel(r.id, r.case_number)}）`,
    occurredOn: String(r.on_day),
    evidence: [
      { label: '案件', value: caseLabel(r.id, r.case_number), link: `/cases/${n(r.id)}` },
      { label: '违法行为', value: String(r.violations) },
      { label: '依据（保留刑事责任）', value: String(r.basis) },
      { label: '移送记录', value: '无' },
    ],
  }));
});

/** 附件2 三.5: a penalty decided without hearing the party (no notice, or before the statement period ran out). */
export const rightsNotHeard = detector('rights_not_heard', async (ctx, asOf) => {
  const cfg = penaltyDeadlineConfig();
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select c.id, c.case_number, c.agency_id, a.region_code, c.enterprise_id, e.name as enterprise_name, c.decided_on::text as decided_on, c.notified_on::text as notified_on
          from penalty_cases c join agencies a on a.id = c.agency_id join enterprises e on e.id = c.enterprise_id
         where c.procedure = 'general' and c.decision->>'kind' = 'penalty'
           and c.decided_on between ${addDays(asOf, -T.lookBackDays)}::date and ${asOf}::date
           and (c.notified_on is null or (not c.statement_received and not c.rights_waived and c.hearing is null and c.decided_on <= c.notified_on + 30))`,
  );
  const out: AlertDraft[] = [];
  for (const r of rows) {
    const notified = r.notified_on as string | null;
    const due = notified ? statementDefenseDue(notified, cfg) : null;
    if (due && String(r.decided_on) > due) continue;
    out.push({
      ...placeOf(r),
      subjectKey: `case:${n(r.id)}`,
      summary: notified
        ? `${r.enterprise_name}：告知后陈述申辩期限（至${due}）未满、当事人未放弃，即于${r.decided_on}作出处罚决定`
        : `${r.enterprise_name}：没有告知陈述申辩权利的记录，即于${r.decided_on}作出处罚决定`,
      occurredOn: String(r.decided_on),
      evidence: [
        { label: '案件', value: caseLabel(r.id, r.case_number), link: `/cases/${n(r.id)}` },
        { label: '告知日期', value: notified ?? '无记录' },
        ...(due ? [{ label: '陈述申辩期限', value: `至${due}` }] : []),
        { label: '决定日期', value: String(r.decided_on) },
      ],
    });
  }
  return out;
});

/** 附件2 四.4 罚没指标 / 三.2 逐利执法: a month's fines far above the agency's monthly average over the year. */
export const fineConcentration = detector('fine_concentration', async (ctx, asOf) => {
  const from = addDays(asOf, -T.lookBackDays);
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`with m as (
          select agency_id, to_char(decided_on, 'YYYY-MM') as month, sum((decision->>'fine')::numeric) as total, count(*)::int as n
            from penalty_cases
           where decided_on between ${from}::date and ${asOf}::date and decision->>'kind' = 'penalty' and jsonb_typeof(decision->'fine') = 'number'
           group by agency_id, to_char(decided_on, 'YYYY-MM')),
        y as (select agency_id, sum(total) / 12 as monthly_avg, sum(n)::int as year_n from m group by agency_id)
        select m.agency_id, a.name as agency_name, a.region_code, m.month, m.total, m.n, y.monthly_avg, y.year_n
          from m join y using (agency_id) join agencies a on a.id = m.agency_id
         where m.n >= ${T.fineConcentrationMinCases} and m.total > y.monthly_avg * ${T.fineConcentrationFactor}`,
  );
  return rows.map((r) => {
    const [yy, mm] = String(r.month).split('-');
    return {
      agencyId: n(r.agency_id),
      regionCode: String(r.region_code),
      subjectKey: `agency:${n(r.agency_id)}:${r.month}`,
      summary: `${r.agency_name}${yy}年${Number(mm)}月罚款 ${yuan(Number(r.total).toFixed(0))}（${n(r.n)} 起），是近一年月均 ${yuan(Number(r.monthly_avg).toFixed(0))} 的 ${(Number(r.total) / Number(r.monthly_avg)).toFixed(1)} 倍`,
      amount: Number(r.total),
      occurredOn: `${r.month}-01`,
      evidence: [
        { label: '月份', value: `${yy}年${Number(mm)}月` },
        { label: '当月罚款', value: `${yuan(Number(r.total).toFixed(0))}，${n(r.n)} 起` },
        { label: '近一年月均', value: `${yuan(Number(r.monthly_avg).toFixed(0))}（全年 ${n(r.year_n)} 起）` },
        { label: '案件清单', value: '见行政处罚案件', link: '/cases' },
      ],
    };
  });
});
