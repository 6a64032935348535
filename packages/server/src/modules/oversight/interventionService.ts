// 监督措施 (督办、约谈、通报、监督提醒) by a higher level on a supervised object — a reviewed case file with defects
// (R34 "及时进行监督提醒") or a penalty case. One mechanism, generic over its subject: each subject type says how it is
// loaded (in the caller's jurisdiction) and which agency is supervised. The leaders' interventions IN a case
// (领导干部干预、插手案件, R31) are another record — kept in the case file (penalty_interventions) and shown alongside.
import { sql } from 'drizzle-orm';
import { interventionKindLabels, interventionSubjectLabels, type InterventionKind, type InterventionSubject } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { oversightInterventions } from '../../db/schema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, regionCondition, type Principal } from '../auth/principal.js';

interface Subject {
  targetAgencyId: number;
  targetAgencyName: string;
  regionCode: string;
  label: string;
}

/** Each subject type: load it within the caller's jurisdiction (404 otherwise) and say whom the measure concerns. */
const subjects: Record<InterventionSubject, (ctx: AppContext, p: Principal, id: number) => Promise<Subject>> = {
  case_review: async (ctx, p, id) => {
    const [r] = await ctx.database.rows<{ agency_id: number; agency_name: string; region_code: string; status: string; defects: unknown[] | null; round_title: string }>(
      sql`select i.agency_id, a.name as agency_name, i.region_code, i.status, i.defects, r.title as round_title from case_review_items i join agencies a on a.id = i.agency_id
            join case_review_rounds r on r.id = i.round_id where i.id = ${id} and ${regionCondition(p, 'i.region_code')}`,
    );
    if (!r) throw notFound('评查案卷');
    if (!r.defects?.length) throw new AppError('CONFLICT', '该案卷未评查或评查未发现问题，无需采取监督措施');
    return { targetAgencyId: Number(r.agency_id), targetAgencyName: r.agency_name, regionCode: r.region_code, label: `${r.round_title}评查案卷` };
  },
  penalty_case: async (ctx, p, id) => {
    const [r] = await ctx.database.rows<{ agency_id: number; agency_name: string; region_code: string; case_number: string | null }>(
      sql`select c.agency_id, a.name as agency_name, a.region_code, c.case_number from penalty_cases c join agencies a on a.id = c.agency_id
           where c.id = ${id} and ${regionCondition(p, 'c.region_code')}`,
    );
    if (!r) throw notFound('案件');
    return { targetAgencyId: Number(r.agency_id), targetAgencyName: r.agency_name, regionCode: r.region_code, label: r.case_number ?? `案件 ${id}号` };
  },
};

export async function recordOversightIntervention(ctx: AppContext, p: Principal, b: { subjectType: InterventionSubject; subjectId: number; kind: InterventionKind; content: string; dueOn?: string | null }) {
  if (p.role !== 'oversight' && p.role !== 'leader') throw forbidden('监督措施由执法监督人员或负责人登记');
  const s = await subjects[b.subjectType](ctx, p, b.subjectId);
  // supervision comes from above: an agency does not 督办 or 约谈 itself
  if (p.agencyId === s.targetAgencyId) throw forbidden('监督措施由上级机关对被监督单位作出，不能对本单位登记');
  if (b.dueOn && b.dueOn < shanghaiDate()) throw new AppError('VALIDATION', '办理期限不能早于今天');
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(oversightInterventions)
      .values({ subjectType: b.subjectType, subjectId: b.subjectId, targetAgencyId: s.targetAgencyId, regionCode: s.regionCode, kind: b.kind, content: b.content.trim(), dueOn: b.dueOn ?? null, agencyId: p.agencyId, recordedBy: p.userId, recordedByName: p.displayName })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'record_oversight_intervention', entityType: b.subjectType, entityId: b.subjectId, regionCode: s.regionCode, after: { interventionId: row!.id, kind: b.kind, content: row!.content, dueOn: row!.dueOn, targetAgencyId: s.targetAgencyId } },
    ]);
    return { id: row!.id, subjectType: b.subjectType, subjectId: b.subjectId, kind: b.kind, kindLabel: interventionKindLabels[b.kind], content: row!.content, dueOn: row!.dueOn, targetAgencyName: s.targetAgencyName, recordedByName: row!.recordedByName, recordedAt: row!.recordedAt.toISOString() };
  });
}

export async function listOversightInterventions(ctx: AppContext, p: Principal, q: { subjectType?: InterventionSubject; subjectId?: number; kind?: InterventionKind; page?: number; pageSize?: number }) {
  if (p.role === 'enterprise') throw forbidden('企业用户不能查看监督措施');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const c = [regionCondition(p, 'o.region_code')];
  if (q.subjectType) c.push(sql`o.subject_type = ${q.subjectType}`);
  if (q.subjectId) c.push(sql`o.subject_id = ${q.subjectId}`);
  if (q.kind) c.push(sql`o.kind = ${q.kind}`);
  const where = sql.join(c, sql` and `);
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(
      sql`select o.*, o.due_on::text as due_on_text, a.name as target_agency_name, ra.name as agency_name, c.case_number
            from oversight_interventions o join agencies a on a.id = o.target_agency_id left join agencies ra on ra.id = o.agency_id
            left join penalty_cases c on o.subject_type = 'penalty_case' and c.id = o.subject_id
           where ${where} order by o.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from oversight_interventions o where ${where}`),
  ]);
  return {
    items: rows.map((r) => {
      const subjectType = r.subject_type as InterventionSubject;
      const kind = r.kind as InterventionKind;
      return {
        id: Number(r.id),
        subjectType,
        subjectTypeLabel: interventionSubjectLabels[subjectType],
        subjectId: Number(r.subject_id),
        subjectLabel: subjectType === 'penalty_case' ? ((r.case_number as string | null) ?? `案件 ${r.subject_id}号`) : `评查案卷 ${r.subject_id}号`,
        kind,
        kindLabel: interventionKindLabels[kind],
        content: String(r.content),
        dueOn: (r.due_on_text as string | null) ?? null,
        targetAgencyName: String(r.target_agency_name),
        agencyName: (r.agency_name as string | null) ?? null,
        recordedByName: String(r.recorded_by_name),
        recordedAt: new Date(r.recorded_at as string).toISOString(),
      };
    }),
    total: Number(count!.n),
    page,
    pageSize,
  };
}
