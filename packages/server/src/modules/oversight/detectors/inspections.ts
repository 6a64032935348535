// R34 detectors over inspections and hazards: 多头重复检查, 计划外未批准, 隐患逾期未复查, 文书缺失, 无证执法,
// 单人执法/未亮证, 发现问题未责令改正.
import { sql } from 'drizzle-orm';
import { addDays, DETECTION_THRESHOLDS as T } from '@anjian/domain';
import { dayStart, detector, n, placeOf, type AlertDraft } from './types.js';

const originLabels: Record<string, string> = { plan: '计划检查', draw: '“双随机”抽查', unplanned: '计划外检查', emergency: '紧急检查' };
const inspectionLink = (id: unknown, label?: string) => ({ label: label ?? '检查', value: `第 ${n(id)} 号检查`, link: `/inspections/${n(id)}` });
const enterpriseLink = (id: unknown, name: unknown) => ({ label: '企业', value: String(name), link: `/enterprises/${n(id)}` });
/** The day the inspection took place: entered on site, else planned. */
const ON_DAY = `coalesce(i.entry_date, (i.entered_at at time zone 'Asia/Shanghai')::date, i.planned_date)`;

/**
 * 附件2 二.1 多头重复检查: routine inspections (plan, draw) of one enterprise in a run where each follows the previous
 * within the window, by several agencies or by the same one twice. Inspections with a cause (unplanned on a complaint
 * or accident, emergency) are not counted. One alert per run, keyed by its first inspection (a later one joining the
 * run updates the same alert). Window functions over one sort of the year's routine inspections: no self-join.
 */
export const repeatedInspections = detector('repeated_inspections', async (ctx, asOf) => {
  const w = T.repeatWindowDays;
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`with r as (
          select i.id, i.enterprise_id, i.agency_id, i.planned_date, i.origin,
                 case when i.planned_date - lag(i.planned_date) over (partition by i.enterprise_id order by i.planned_date, i.id) <= ${w}::int then 0 else 1 end as starts
            from inspections i
           where i.origin in ('plan', 'draw') and i.status <> 'cancelled' and i.planned_date between ${addDays(asOf, -T.lookBackDays - w)}::date and ${asOf}::date),
        c as (select r.*, sum(starts) over (partition by enterprise_id order by planned_date, id) as run from r),
        k as (select enterprise_id, array_agg(id order by planned_date, id) as ids, array_agg(agency_id order by planned_date, id) as agency_ids,
                     array_agg(planned_date::text order by planned_date, id) as days, array_agg(origin order by planned_date, id) as origins
                from c group by enterprise_id, run
               having count(*) >= 2 and max(planned_date) >= ${addDays(asOf, -T.lookBackDays)}::date)
        select k.*, e.name as enterprise_name from k join enterprises e on e.id = k.enterprise_id`,
  );
  if (!rows.length) return [];
  const agencies = new Map(
    (await ctx.database.rows<{ id: number; name: string; region_code: string }>(sql`select id, name, region_code from agencies`)).map((a) => [n(a.id), a]),
  );
  const out: AlertDraft[] = [];
  for (const r of rows) {
    const ids = (r.ids as unknown[]).map(n);
    const agencyIds = (r.agency_ids as unknown[]).map(n);
    const names = agencyIds.map((id) => agencies.get(id)?.name ?? '');
    const days = r.days as string[];
    const origins = r.origins as string[];
    const several = new Set(agencyIds).size > 1;
    // the agency that repeated: the second inspection's
    const agencyId = agencyIds[1]!;
    out.push({
      agencyId,
      regionCode: agencies.get(agencyId)?.region_code ?? '',
      enterpriseId: n(r.enterprise_id),
      subjectKey: `enterprise:${n(r.enterprise_id)}:${ids[0]}`,
      summary: several
        ? `${r.enterprise_name}在${w}日内被${[...new Set(names)].join('、')}等 ${new Set(agencyIds).size} 个部门重复检查 ${ids.length} 次`
        : `${r.enterprise_name}在${w}日内被${names[0]}重复检查 ${ids.length} 次，均无举报、事故等事由`,
      occurredOn: days[1]!,
      evidence: [enterpriseLink(r.enterprise_id, r.enterprise_name), ...ids.map((id, k) => ({ label: `${days[k]} ${names[k]}`, value: `${originLabels[origins[k]!] ?? '检查'}（第 ${id} 号）`, link: `/inspections/${id}` }))],
    });
  }
  return out;
});

/** 附件2 二.1: inspections outside the plan without an approved (or recorded) request, plan/draw origins without their record. */
export const unplannedWithoutApproval = detector('unplanned_without_approval', async (ctx, asOf) => {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select i.id, i.origin, i.agency_id, a.region_code, i.enterprise_id, e.name as enterprise_name, i.planned_date::text as day, u.status as request_status
          from inspections i join agencies a on a.id = i.agency_id join enterprises e on e.id = i.enterprise_id
          left join unplanned_requests u on u.id = i.unplanned_request_id
         where i.status <> 'cancelled' and i.planned_date between ${addDays(asOf, -T.lookBackDays)}::date and ${asOf}::date
           and ((i.origin = 'unplanned' and (u.id is null or u.status not in ('approved', 'recorded')))
             or (i.origin = 'plan' and i.plan_entry_id is null)
             or (i.origin = 'draw' and i.draw_id is null)
             or (i.origin = 'emergency' and coalesce(btrim(i.emergency_reason), '') = ''))`,
  );
  const why = (r: Record<string, unknown>) => {
    if (r.origin === 'unplanned') return r.request_status ? `计划外检查申请${r.request_status === 'pending' ? '尚未批准' : '未获批准'}` : '没有计划外检查申请';
    if (r.origin === 'plan') return '登记为计划检查，但找不到对应的年度计划条目';
    if (r.origin === 'draw') return '登记为“双随机”抽查，但找不到对应的抽查记录';
    return '紧急检查未写明事由';
  };
  return rows.map((r) => ({
    ...placeOf(r),
    subjectKey: `inspection:${n(r.id)}`,
    summary: `${r.enterprise_name}：${r.day}的${originLabels[String(r.origin)] ?? '检查'}${why(r)}`,
    occurredOn: String(r.day),
    evidence: [enterpriseLink(r.enterprise_id, r.enterprise_name), inspectionLink(r.id), { label: '检查类型', value: originLabels[String(r.origin)] ?? '检查' }, { label: '问题', value: why(r) }],
  }));
});

/** 附件2 一.4: hazards past their deadline without a reinspection, reported rectifications not rechecked. */
export const hazardOverdueUnchecked = detector('hazard_overdue_unchecked', async (ctx, asOf) => {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select h.id, h.description, h.major, h.status, h.deadline::text as deadline, (h.rectified_at at time zone 'Asia/Shanghai')::date::text as rectified_on,
               h.agency_id, a.region_code, h.enterprise_id, e.name as enterprise_name, h.inspection_id
          from hazards h join agencies a on a.id = h.agency_id join enterprises e on e.id = h.enterprise_id
         where h.status <> 'closed'
           and ((h.status = 'open' and h.deadline < ${addDays(asOf, -T.hazardOverdueDays)}::date
                 and not exists (select 1 from reinspections r where r.hazard_id = h.id and r.created_at >= ${dayStart(sql`h.deadline`)}))
             or (h.status = 'rectified' and h.rectified_at < ${dayStart(addDays(asOf, -T.rectifiedUncheckedDays))}
                 and not exists (select 1 from reinspections r where r.hazard_id = h.id and r.created_at >= h.rectified_at)))`,
  );
  return rows.map((r) => {
    const kind = r.major ? '重大事故隐患' : '隐患';
    const summary =
      r.status === 'open'
        ? `${r.enterprise_name}：${kind}“${r.description}”整改期限${r.deadline}已过，超过${T.hazardOverdueDays}日未复查`
        : `${r.enterprise_name}：${kind}“${r.description}”企业已于${r.rectified_on}报告整改，超过${T.rectifiedUncheckedDays}日未复查`;
    return {
      ...placeOf(r),
      subjectKey: `hazard:${n(r.id)}`,
      summary,
      occurredOn: String(r.status === 'open' ? r.deadline : r.rectified_on),
      evidence: [
        enterpriseLink(r.enterprise_id, r.enterprise_name),
        { label: kind, value: String(r.description), link: `/hazards/${n(r.id)}` },
        inspectionLink(r.inspection_id, '发现检查'),
        { label: '整改期限', value: String(r.deadline) },
        ...(r.rectified_on ? [{ label: '企业报告整改', value: String(r.rectified_on) }] : []),
        { label: '复查', value: '无' },
      ],
    };
  });
});

/**
 * 附件2 二.5: the documents the system issues are missing — no on-site record of a completed inspection, no order to
 * rectify for an inspection that found hazards, no decision document of a penalty — or a paper-first entry not
 * backfilled by its due day (手工填表).
 */
export const documentsMissing = detector('documents_missing', async (ctx, asOf) => {
  const from = addDays(asOf, -T.lookBackDays);
  // Each gap is its own anti-join (read once, hashed), not a per-row subquery: at provincial scale the year holds
  // millions of inspections and documents.
  const head = sql`select i.id, i.agency_id, a.region_code, i.enterprise_id, e.name as enterprise_name, ${sql.raw(ON_DAY)}::text as day, i.backfill_due::text as backfill_due
                     from inspections i join agencies a on a.id = i.agency_id join enterprises e on e.id = i.enterprise_id`;
  const [noRecord, noOrder, lateBackfill, cases] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(
      sql`${head} where i.status = 'completed' and i.planned_date between ${from}::date and ${asOf}::date
            and not exists (select 1 from documents d where d.entity_type = 'inspection' and d.kind = 'inspection_record' and d.entity_id = i.id::text)`,
    ),
    ctx.database.rows<Record<string, unknown>>(
      sql`${head} where i.id in (select h.inspection_id from hazards h where h.created_at >= ${dayStart(from)}
                                   and not exists (select 1 from documents d where d.entity_type = 'inspection' and d.kind = 'rectification_order' and d.entity_id = h.inspection_id::text))
            and i.status in ('in_progress', 'completed')`,
    ),
    ctx.database.rows<Record<string, unknown>>(sql`${head} where i.backfill_due < ${asOf}::date and i.backfilled_at is null and i.backfill_due is not null and i.status <> 'cancelled'`),
    ctx.database.rows<Record<string, unknown>>(
      sql`select c.id, c.case_number, c.agency_id, a.region_code, c.enterprise_id, e.name as enterprise_name, c.decided_on::text as day
            from penalty_cases c join agencies a on a.id = c.agency_id join enterprises e on e.id = c.enterprise_id
           where c.decided_on between ${from}::date and ${asOf}::date and c.decision->>'kind' = 'penalty'
             and not exists (select 1 from documents d where d.entity_type = 'penalty_case' and d.kind = 'penalty_decision' and d.entity_id = c.id::text)`,
    ),
  ]);
  const out: AlertDraft[] = [];
  const missing = new Map<number, { row: Record<string, unknown>; docs: string[] }>();
  for (const [rows, doc] of [[noRecord, '现场检查记录'], [noOrder, '责令限期整改指令书']] as const)
    for (const r of rows) {
      const m = missing.get(n(r.id)) ?? { row: r, docs: [] };
      m.docs.push(doc);
      missing.set(n(r.id), m);
    }
  const base = (r: Record<string, unknown>) => ({ ...placeOf(r), occurredOn: String(r.day) });
  for (const { row: r, docs } of missing.values())
    out.push({ ...base(r), subjectKey: `inspection:${n(r.id)}:documents`, summary: `${r.enterprise_name}：${r.day}的检查缺少${docs.join('、')}`, evidence: [enterpriseLink(r.enterprise_id, r.enterprise_name), inspectionLink(r.id), { label: '缺少的文书', value: docs.join('、') }] });
  for (const r of lateBackfill)
    out.push({ ...base(r), subjectKey: `inspection:${n(r.id)}:backfill`, summary: `${r.enterprise_name}：${r.day}的检查先行纸质记录，应于${r.backfill_due}前补录系统，逾期未补录`, evidence: [enterpriseLink(r.enterprise_id, r.enterprise_name), inspectionLink(r.id), { label: '应补录日期', value: String(r.backfill_due) }] });
  for (const r of cases)
    out.push({
      ...base(r),
      subjectKey: `case:${n(r.id)}:documents`,
      summary: `${r.enterprise_name}：${r.day}作出的处罚决定没有系统出具的行政处罚决定书`,
      evidence: [{ label: '案件', value: r.case_number ? String(r.case_number) : `第 ${n(r.id)} 号案件`, link: `/cases/${n(r.id)}` }, { label: '缺少的文书', value: '行政处罚决定书' }],
    });
  return out;
});

/** 附件2 二.2 未取得执法证件: an officer of an inspection or case acted with an expired or revoked credential, or had left. */
export const credentialInvalid = detector('credential_invalid', async (ctx, asOf) => {
  const from = addDays(asOf, -T.lookBackDays);
  const bad = (d: string) =>
    sql.raw(`(o.credential_valid_to < ${d} or o.credential_valid_from > ${d} or o.credential_revoked_on <= ${d} or o.left_on <= ${d})`);
  const why = sql.raw(`string_agg(o.name || '（' || case when o.left_on <= d.day then '已于' || o.left_on || '离职'
                         when o.credential_revoked_on <= d.day then '执法证已于' || o.credential_revoked_on || '注销'
                         when o.credential_valid_to < d.day then '执法证已于' || o.credential_valid_to || '过期'
                         else '执法证自' || o.credential_valid_from || '起才有效' end || '）', '、' order by o.id)`);
  // officers not valid on some day of the look-back year: the few whose acts are checked day by day
  const suspect = sql`(o.credential_valid_to < ${asOf}::date or o.credential_valid_from > ${from}::date or o.credential_revoked_on <= ${asOf}::date or o.left_on <= ${asOf}::date)`;
  const [inspections, cases] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(
      sql`select d.id, d.agency_id, a.region_code, d.enterprise_id, e.name as enterprise_name, d.day::text as day, ${why} as officers
            from (select i.id, i.agency_id, i.enterprise_id, i.officer_ids, ${sql.raw(ON_DAY)} as day from inspections i
                   where i.status in ('in_progress', 'completed') and i.planned_date between ${from}::date and ${asOf}::date
                     and i.officer_ids && (select coalesce(array_agg(o.id), '{}') from officers o where ${suspect})) d
            cross join lateral unnest(d.officer_ids) as oid(id) join officers o on o.id = oid.id
            join agencies a on a.id = d.agency_id join enterprises e on e.id = d.enterprise_id
           where ${bad('d.day')}
           group by d.id, d.agency_id, a.region_code, d.enterprise_id, e.name, d.day`,
    ),
    ctx.database.rows<Record<string, unknown>>(
      sql`select d.id, d.case_number, d.agency_id, a.region_code, d.enterprise_id, e.name as enterprise_name, d.day::text as day, ${why} as officers
            from (select c.id, c.case_number, c.agency_id, c.enterprise_id, c.investigator_ids, c.opened_on as day from penalty_cases c
                   where c.opened_on between ${from}::date and ${asOf}::date and c.status <> 'cancelled'
                     and c.investigator_ids && (select coalesce(array_agg(o.id), '{}') from officers o where ${suspect})) d
            cross join lateral unnest(d.investigator_ids) as oid(id) join officers o on o.id = oid.id
            join agencies a on a.id = d.agency_id join enterprises e on e.id = d.enterprise_id
           where ${bad('d.day')}
           group by d.id, d.case_number, d.agency_id, a.region_code, d.enterprise_id, e.name, d.day`,
    ),
  ]);
  const out: AlertDraft[] = inspections.map((r) => ({
    ...placeOf(r),
    subjectKey: `inspection:${n(r.id)}`,
    summary: `${r.enterprise_name}：${r.day}的检查由不具备执法资格的人员参与：${r.officers}`,
    occurredOn: String(r.day),
    evidence: [enterpriseLink(r.enterprise_id, r.enterprise_name), inspectionLink(r.id), { label: '检查日期', value: String(r.day) }, { label: '人员', value: String(r.officers) }],
  }));
  for (const r of cases)
    out.push({
      ...placeOf(r),
      subjectKey: `case:${n(r.id)}`,
      summary: `${r.enterprise_name}：${r.day}立案的案件承办人员不具备执法资格：${r.officers}`,
      occurredOn: String(r.day),
      evidence: [{ label: '案件', value: r.case_number ? String(r.case_number) : `第 ${n(r.id)} 号案件`, link: `/cases/${n(r.id)}` }, { label: '立案日期', value: String(r.day) }, { label: '承办人员', value: String(r.officers) }],
    });
  return out;
});

/** 附件2 二.2 (and 附件3 第2项): a completed inspection by fewer than two officers, or without showing credentials. */
export const singleOfficer = detector('single_officer', async (ctx, asOf) => {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select i.id, i.agency_id, a.region_code, i.enterprise_id, e.name as enterprise_name, ${sql.raw(ON_DAY)}::text as day,
               coalesce(cardinality(i.officer_ids), 0) as officers, i.credentials_shown_at is null as not_shown
          from inspections i join agencies a on a.id = i.agency_id join enterprises e on e.id = i.enterprise_id
         where i.status = 'completed' and i.planned_date between ${addDays(asOf, -T.lookBackDays)}::date and ${asOf}::date
           and (coalesce(cardinality(i.officer_ids), 0) < 2 or i.credentials_shown_at is null)`,
  );
  return rows.map((r) => {
    const problems = [n(r.officers) < 2 && `仅 ${n(r.officers)} 名执法人员`, r.not_shown && '未记录出示执法证件'].filter(Boolean) as string[];
    return {
      ...placeOf(r),
      subjectKey: `inspection:${n(r.id)}`,
      summary: `${r.enterprise_name}：${r.day}的检查${problems.join('，')}`,
      occurredOn: String(r.day),
      evidence: [enterpriseLink(r.enterprise_id, r.enterprise_name), inspectionLink(r.id), { label: '问题', value: problems.join('；') }],
    };
  });
});

/** 附件2 二.3: an item answered 不符合 at a completed inspection with nothing ordered for it (no finding). */
export const findingWithoutOrder = detector('finding_without_order', async (ctx, asOf) => {
  const rows = await ctx.database.rows<Record<string, unknown>>(
    sql`select i.id, i.agency_id, a.region_code, i.enterprise_id, e.name as enterprise_name, ${sql.raw(ON_DAY)}::text as day,
               string_agg(ans.item_code || case when ans.note <> '' then '（' || ans.note || '）' else '' end, '；' order by ans.item_code) as items, count(*)::int as n
          from inspections i join inspection_answers ans on ans.inspection_id = i.id and ans.result = 'nonconform'
          join agencies a on a.id = i.agency_id join enterprises e on e.id = i.enterprise_id
         where i.status = 'completed' and i.planned_date between ${addDays(asOf, -T.lookBackDays)}::date and ${asOf}::date
           and not exists (select 1 from findings f where f.inspection_id = i.id and f.item_code = ans.item_code)
         group by i.id, a.region_code, e.name`,
  );
  return rows.map((r) => ({
    ...placeOf(r),
    subjectKey: `inspection:${n(r.id)}`,
    summary: `${r.enterprise_name}：${r.day}的检查有 ${n(r.n)} 项判定为不符合，未责令改正或采取现场处理措施`,
    occurredOn: String(r.day),
    evidence: [enterpriseLink(r.enterprise_id, r.enterprise_name), inspectionLink(r.id), { label: '不符合的检查项', value: String(r.items) }, { label: '处理', value: '无（未登记当场整改、隐患或违法行为）' }],
  }));
});
