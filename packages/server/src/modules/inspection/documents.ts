// The documents an inspection produces, built from the record (the officer never writes them by hand, 江西《实施意见》附件2):
// 现场检查记录 and, when hazards were ordered, 责令限期整改指令书 on completion; 整改复查意见书 on each reinspection.
import { desc, sql } from 'drizzle-orm';
import type { AnswerResult, ExaminationRecord, CertificateCheck, OfficerRef, PartyInfo } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { arrayParam } from '../../lib/bulk.js';
import { documents } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { issueDocument, issueDocuments, type DocumentRow } from '../documents/service.js';
import type { AuditInput } from '../audit/chain.js';
import { catalogueVersion } from './catalog.js';
import { loadEnterprise, readCompletion, type CompletionData, type InspectionRow } from './inspectionService.js';
import type { HazardRow } from '../hazard/service.js';

export async function party(ctx: AppContext, enterpriseId: number, tx: Db): Promise<PartyInfo> {
  const e = (await loadEnterprise(ctx, enterpriseId, tx))!;
  return { name: e.name, creditCode: e.creditCode, address: e.address, legalRepresentative: e.legalRepresentative };
}

async function officerRefs(ctx: AppContext, ids: readonly number[], tx: Db): Promise<OfficerRef[]> {
  const rows = await ctx.database.rows<{ id: number; name: string; credential_no: string }>(sql`select id, name, credential_no from officers where id = any(${arrayParam(ids, 'int')})`, tx);
  const byId = new Map(rows.map((o) => [Number(o.id), o]));
  return ids.map((id) => byId.get(id)).filter((o) => o != null).map((o) => ({ name: o.name, credentialNo: o.credential_no }));
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 现场检查记录 and, with hazards ordered, 责令限期整改指令书, issued at the inspection's completion time (the phone's, for
 * a synced inspection): the documents' dates are the day the officers ended the visit, in Beijing time. What they state
 * is read in one statement; their audit entries go into `audit` when the caller collects its command's entries.
 */
export async function issueInspectionDocuments(ctx: AppContext, tx: Db, p: Principal, row: InspectionRow, audit?: AuditInput[], read?: CompletionData): Promise<DocumentRow[]> {
  const issuedAt = row.completedAt ?? new Date();
  const data = read ?? (await readCompletion(ctx, row, tx));
  const catalogue = await catalogueVersion(ctx, row.catalogVersion, tx);
  const e = data.enterprise;
  const enterprise: PartyInfo = { name: e.name, creditCode: e.credit_code, address: e.address, legalRepresentative: e.legal_representative };
  const officerBy = new Map((data.officers ?? []).map((o) => [Number(o.id), o]));
  const officers: OfficerRef[] = row.officerIds.map((id) => officerBy.get(id)).filter((o) => o != null).map((o) => ({ name: o.name, credentialNo: o.credential_no }));
  const titleOf = new Map(catalogue.items.map((i) => [i.code, i.title]));
  const answerOf = new Map((data.answers ?? []).map((a) => [a.item_code, a]));
  const found = data.findings ?? [];
  const ordered = data.hazards ?? [];
  const dispositionText: Record<string, string> = { fixed_on_spot: '已当场整改', hazard: '责令限期整改', violation: '涉嫌违法，立案调查' };
  const common = { agencyId: row.agencyId, entityType: 'inspection', entityId: row.id, enterpriseId: row.enterpriseId, date: issuedAt };
  const recordContent = {
    enterprise,
    startedAt: (row.enteredAt ?? row.createdAt).toISOString(),
    endedAt: issuedAt.toISOString(),
    place: row.place,
    officers,
    legalBasis: row.legalBasis.split(/[；;\n]/).map((s) => s.trim()).filter(Boolean),
    checkItems: row.itemCodes.map((code) => ({ code, title: titleOf.get(code) ?? code, result: (answerOf.get(code)?.result ?? 'na') as AnswerResult, note: answerOf.get(code)?.note || undefined })),
    findings: found.map((f) => `${f.major ? '【重大事故隐患】' : ''}${f.description}（${dispositionText[f.disposition] ?? f.disposition}）`),
    examinations: (row.exams as { personName: string; position: string; questions: string; score: number; passed: boolean }[]).map(
      (x): ExaminationRecord => ({ person: x.personName, position: x.position, subject: x.questions, score: x.score, passed: x.passed }),
    ),
    certificateChecks: (row.certificates as { holderName: string; certificateType: string; certificateNo: string; validTo: string; valid: boolean }[]).map(
      (c): CertificateCheck => ({ certificate: c.certificateType, holder: c.holderName, number: c.certificateNo, validTo: c.validTo, result: c.valid ? 'valid' : 'expired' }),
    ),
    remarks: row.summary || undefined,
  };
  const record = { ...common, kind: 'inspection_record' as const, content: recordContent };
  if (ordered.length === 0) return issueDocuments(tx, ctx, p, [record], audit);
  const agencyName = data.agency_name ?? '';
  const government = /应急管理(局|厅)$/.test(agencyName) ? agencyName.replace(/应急管理(局|厅)$/, '人民政府') : `${agencyName}所属人民政府`;
  const order = {
    ...common,
    kind: 'rectification_order' as const,
    // the order refers to the record by the number it gets in the same statement
    content: ([recordNumber]: string[]) => ({
      enterprise,
      inspectionRecordNumber: recordNumber!,
      inspectedOn: row.entryDate ?? row.plannedDate,
      hazards: ordered.map((h) => ({ description: h.description, requirement: h.requirement || '按照有关法律法规和国家标准、行业标准的要求整改到位', deadline: h.deadline, major: h.major, legalBasis: h.criterion ?? undefined })),
      officers,
      // reconsideration goes to the people's government at the agency's level (《行政复议法》2023)
      reconsiderationBody: government,
      litigationCourt: '有管辖权的人民法院',
    }),
  };
  return issueDocuments(tx, ctx, p, [record, order], audit);
}

/** 整改复查意见书 for one reinspection, referring to the order that set the hazard's deadline. */
export async function issueReinspectionOpinion(ctx: AppContext, tx: Db, p: Principal, h: HazardRow, reinspectionId: number): Promise<number | null> {
  const [r] = await ctx.database.rows<{ result: string; opinion: string; officer_ids: number[]; new_deadline: string | null }>(
    sql`select result, opinion, officer_ids, to_char(new_deadline, 'YYYY-MM-DD') as new_deadline from reinspections where id = ${reinspectionId}`,
    tx,
  );
  const [order] = await tx
    .select({ number: documents.number, issuedAt: documents.issuedAt })
    .from(documents)
    .where(sql`${documents.kind} = 'rectification_order' and ${documents.entityType} = 'inspection' and ${documents.entityId} = ${String(h.inspectionId)}`)
    .orderBy(desc(documents.id))
    .limit(1);
  const passed = r!.result === 'passed';
  const doc = await issueDocument(tx, ctx, p, {
    agencyId: h.agencyId,
    kind: 'reinspection_opinion',
    entityType: 'hazard',
    entityId: h.id,
    enterpriseId: h.enterpriseId,
    content: {
      enterprise: await party(ctx, h.enterpriseId, tx),
      // a hazard recorded on an inspection that is still open has no order yet: say so rather than invent one
      originalOrderNumber: order?.number ?? '（检查尚未结束，未出具整改指令书）',
      originalOrderDate: order ? shanghaiDay(order.issuedAt) : shanghaiDay(h.createdAt),
      reinspectedOn: shanghaiDay(new Date()),
      officers: await officerRefs(ctx, (r!.officer_ids as number[]).map(Number), tx),
      items: [{ hazard: h.description, result: passed ? 'rectified' : 'not_rectified', opinion: r!.opinion }],
      conclusion: passed ? '经复查，该隐患已整改到位。' : `经复查，该隐患未整改到位，责令继续整改，限于${r!.new_deadline}前整改完毕。`,
    },
  });
  return doc.id;
}
