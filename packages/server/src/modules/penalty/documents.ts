// The documents of a penalty case, built from the case file (never typed by hand), issued in the step's transaction:
// 立案审批表 on opening, 行政处罚告知书 (+ 听证告知书 when the hearing right applies, R27/R28) on notification,
// 行政处罚决定书 with the discretion reasoning (R25) + 行政处罚信息信用修复告知书 together on decision (两书同达, R29),
// 案件移送书 on transfer (R30).
import { sql } from 'drizzle-orm';
import {
  formatYuan,
  hearingRightReasons,
  LATE_PAYMENT_RULE,
  reasoningWithAmount,
  reconsiderationBody,
  remediesText,
  statementAdoptionLabels,
  type StatementAdoption,
  penaltyDecisionKindLabels,
  penaltyProcedureLabels,
  sanctionKindLabels,
  type DocumentKind,
  type DocumentSection,
  type OfficerRef,
  type PartyInfo,
  type PenaltyCaseAction,
  type PenaltyDecisionKind,
  type ProposedDecision,
  type SectionedDocumentContent,
  legalReviewAspectLabels,
  legalReviewAspects,
  type CollectiveDiscussion,
  type CollectiveDiscussionRecordContent,
  type HearingNotificationContent,
  type HearingRecord,
  type HearingRecordContent,
  type LegalReviewAspect,
  type LegalReviewOpinionContent,
  type ServiceFacts,
  type ServiceRecordContent,
} from '@anjian/domain';
import { shanghaiDate } from '../../lib/diff.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { arrayParam } from '../../lib/bulk.js';
import type { Principal } from '../auth/principal.js';
import { issueDocument, type DocumentRow } from '../documents/service.js';
import { chineseDate } from '../documents/pdf.js';
import type { CaseRow, StoredViolation } from './caseAccess.js';

async function partyOf(ctx: AppContext, row: CaseRow, tx: Db): Promise<PartyInfo> {
  const [e] = await ctx.database.rows<{ name: string; credit_code: string; address: string; legal_representative: string; contact_phone: string }>(
    sql`select name, credit_code, address, legal_representative, contact_phone from enterprises where id = ${row.enterpriseId}`,
    tx,
  );
  return { name: row.partyName || e!.name, creditCode: e!.credit_code, address: e!.address || '（未登记）', legalRepresentative: e!.legal_representative || '（未登记）', ...(e!.contact_phone ? { contactPhone: e!.contact_phone } : {}) };
}

async function officersOf(ctx: AppContext, row: CaseRow, tx: Db): Promise<OfficerRef[]> {
  if (!row.investigatorIds.length) return [];
  const rows = await ctx.database.rows<{ name: string; credential_no: string }>(sql`select name, credential_no from officers where id = any(${arrayParam(row.investigatorIds, 'int')}) order by id`, tx);
  return rows.map((o) => ({ name: o.name, credentialNo: o.credential_no }));
}

interface AgencyInfo {
  name: string;
  level: string;
  regionCode: string;
}

async function agencyOf(ctx: AppContext, agencyId: number, tx: Db): Promise<AgencyInfo> {
  const [a] = await ctx.database.rows<{ name: string; level: string; region_code: string }>(sql`select name, level, region_code from agencies where id = ${agencyId}`, tx);
  return { name: a?.name ?? '', level: a?.level ?? 'county', regionCode: a?.region_code ?? '' };
}

/** R27/R29: the party's statements, each with the agency's answer (采纳情况), in the order received. */
interface AnsweredStatement {
  receivedOn: string;
  text: string;
  result: StatementAdoption | null;
  reasons: string | null;
}

async function statementsOf(ctx: AppContext, caseId: number, tx: Db): Promise<AnsweredStatement[]> {
  const rows = await ctx.database.rows<{ received_on: string; text: string | null; result: string | null; reasons: string | null }>(
    sql`select coalesce(ev.detail->'party'->>'receivedOn', to_char(ev.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')) as received_on, ev.reason as text, a.result, a.reasons
          from penalty_case_events ev left join penalty_statement_answers a on a.event_id = ev.id
         where ev.case_id = ${caseId} and ev.action = 'record_statement' order by ev.id`,
    tx,
  );
  return rows.map((r) => ({ receivedOn: r.received_on, text: r.text ?? '', result: (r.result as StatementAdoption | null) ?? null, reasons: r.reasons }));
}

const violations = (row: CaseRow) => (row.violations ?? []) as StoredViolation[];

/** 罚款人民币5万元；责令停产停业整顿 */
export function decisionText(d: ProposedDecision | null | undefined): string {
  if (!d) return '';
  if (d.kind !== 'penalty') return penaltyDecisionKindLabels[d.kind as PenaltyDecisionKind];
  const parts = [...(d.fine > 0 ? [`罚款${formatYuan(d.fine)}`] : []), ...d.sanctions.map((s) => sanctionKindLabels[s])];
  return parts.join('；') || '警告';
}

/**
 * 违法事实: the facts the case file states, then each violation with the item of the article it falls under (第一百零一条
 * 第（三）项) in the statute's words — the catalogue's summary of a whole article only when no item was chosen.
 */
function factSection(row: CaseRow): DocumentSection {
  const vs = violations(row);
  return { heading: '违法事实', paragraphs: [row.facts, ...vs.map((v, i) => `${i + 1}. ${v.proposal.partyName}${v.proposal.violation}，该行为属于${v.proposal.basis}规定的违法行为。`)] };
}

/**
 * R25: the discretion applied, violation by violation, then 合并处罚 — written into the documents. The notice states
 * the amount intended, the decision the amount decided (never the engine's suggestion), with the written reason when it
 * lies outside the proposed tier.
 */
function discretionSection(row: CaseRow, stage: 'notice' | 'decision'): DocumentSection {
  const vs = violations(row);
  const paragraphs = vs.map((v, i) => `${i + 1}. ${reasoningWithAmount(v.proposal, v.amount, { stage, reason: v.deviates ? v.reason : null })}`);
  const combined = row.combined as { reasoning?: string } | null;
  if (combined?.reasoning && vs.length > 1) paragraphs.push(combined.reasoning);
  return { heading: '处罚依据和裁量理由', paragraphs: paragraphs.length ? paragraphs : ['（无）'] };
}

/** R27/R29: each statement with its 采纳情况 (《行政处罚法》第四十五条). */
function statementSection(row: CaseRow, statements: AnsweredStatement[]): DocumentSection[] {
  if (statements.length) {
    return [
      {
        heading: '陈述申辩及采纳情况',
        paragraphs: statements.flatMap((s, i) => [
          `${statements.length > 1 ? `${i + 1}. ` : ''}当事人于${chineseDate(s.receivedOn)}提出陈述、申辩：${s.text.replace(/[。；]?$/, '。')}`,
          s.result ? `采纳情况：${statementAdoptionLabels[s.result]}。理由：${s.reasons ?? ''}` : '采纳情况：（未登记）',
        ]),
      },
    ];
  }
  if (row.rightsWaived) return [{ heading: '陈述申辩及采纳情况', paragraphs: ['当事人书面放弃陈述、申辩和听证权利。'] }];
  if (row.notifiedOn) return [{ heading: '陈述申辩及采纳情况', paragraphs: ['当事人在规定期限内未提出陈述、申辩，视为放弃此权利。'] }];
  return [];
}

export async function issueCaseDocuments(ctx: AppContext, tx: Db, p: Principal, row: CaseRow, action: PenaltyCaseAction, o: { hearingRight: boolean; reason?: string | null }): Promise<DocumentRow[]> {
  const kinds: DocumentKind[] =
    action === 'open'
      ? ['case_opening_approval']
      : action === 'notify'
        ? o.hearingRight
          ? ['penalty_notice', 'hearing_notice']
          : ['penalty_notice']
        : action === 'decide' || action === 'decide_on_spot'
          ? (row.decision as ProposedDecision | null)?.kind === 'penalty'
            ? ['penalty_decision', 'credit_repair_notice']
            : ['penalty_decision']
          : action === 'transfer'
            ? ['case_transfer']
            : [];
  if (!kinds.length) return [];
  const [enterprise, officers, agency, statements] = await Promise.all([
    partyOf(ctx, row, tx),
    officersOf(ctx, row, tx),
    agencyOf(ctx, row.agencyId, tx),
    kinds.includes('penalty_decision') ? statementsOf(ctx, row.id, tx) : Promise.resolve([]),
  ]);
  const out: DocumentRow[] = [];
  for (const kind of kinds) {
    const sections = sectionsOf(kind, row, agency, out, o.reason ?? null, statements);
    const content: SectionedDocumentContent = { recipient: `${enterprise.name}：`, enterprise, sections, ...(officers.length ? { officers } : {}) };
    out.push(await issueDocument(tx, ctx, p, { agencyId: row.agencyId, kind, entityType: 'penalty_case', entityId: row.id, enterpriseId: row.enterpriseId, content }));
  }
  return out;
}

function sectionsOf(kind: DocumentKind, row: CaseRow, agency: AgencyInfo, issued: DocumentRow[], reason: string | null, statements: AnsweredStatement[]): DocumentSection[] {
  const decision = (row.decision ?? row.notified) as ProposedDecision | null;
  const caseRef = row.caseNumber ? `（案号：${row.caseNumber}）` : '';
  switch (kind) {
    case 'case_opening_approval':
      return [
        { heading: '案件来源', paragraphs: [row.sourceInspectionId ? `执法检查发现（检查记录编号${row.sourceInspectionId}）` : '其他途径发现', `程序：${penaltyProcedureLabels[row.procedure as 'general' | 'simple']}`] },
        { heading: '简要案情', paragraphs: [row.facts] },
        { heading: '立案意见', paragraphs: [`经审查，当事人涉嫌违反安全生产法律法规，符合立案条件，同意立案调查，由${row.investigatorIds.length}名承办人员办理。`, `批准日期：${row.openedOn ?? ''}`] },
      ];
    case 'penalty_notice': {
      const n = row.notified as ProposedDecision | null;
      return [
        factSection(row),
        discretionSection(row, 'notice'),
        { heading: '拟作出的行政处罚', paragraphs: [`本机关${caseRef}拟对你（单位）作出如下行政处罚：${decisionText(n)}。`] },
        { heading: '当事人的权利', paragraphs: ['根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩；本机关不因你（单位）陈述、申辩而给予更重的处罚。', `告知日期：${row.notifiedOn ?? ''}`] },
      ];
    }
    case 'hearing_notice': {
      const reasons = hearingRightReasons(row.partyKind as 'organization' | 'citizen', row.notified as ProposedDecision | null);
      return [
        { heading: '拟作出的行政处罚', paragraphs: [`本机关${caseRef}拟对你（单位）作出：${decisionText(row.notified as ProposedDecision)}。`, `属于《中华人民共和国行政处罚法》第六十三条规定的听证范围：${reasons.join('；')}。`] },
        { heading: '听证权利', paragraphs: ['你（单位）有权要求举行听证。要求听证的，应当在收到本告知书之日起五个工作日内提出；逾期未提出的，视为放弃听证权利（《中华人民共和国行政处罚法》第六十四条）。'] },
      ];
    }
    case 'penalty_decision': {
      const d = decision;
      // 救济途径: the reconsideration body of the agency's level (《行政复议法》2023 第二十四条), periods from the period table
      const remedies = [remediesText({ body: reconsiderationBody(agency), onTheSpot: row.procedure === 'simple' })];
      const payment =
        d?.kind === 'penalty' && d.fine > 0
          ? [{ heading: '履行方式和期限', paragraphs: [`罚款${formatYuan(d.fine)}，限你（单位）自收到本决定书之日起十五日内缴至指定银行或者通过电子支付系统缴纳（《中华人民共和国行政处罚法》第六十七条）。${LATE_PAYMENT_RULE}。`] }]
          : [];
      return [
        factSection(row),
        discretionSection(row, 'decision'),
        ...statementSection(row, statements),
        { heading: '处罚决定', paragraphs: [d?.kind === 'penalty' ? `本机关决定${caseRef}对你（单位）作出如下行政处罚：${decisionText(d)}。` : `本机关决定${caseRef}：${decisionText(d)}。${row.noPenaltyBasis ? `依据：${row.noPenaltyBasis}` : ''}`] },
        ...payment,
        { heading: '救济途径', paragraphs: remedies },
        // the agency and the date are the seal block's (pdf.ts), printed once
      ];
    }
    case 'credit_repair_notice': {
      const decisionNo = issued.find((x) => x.kind === 'penalty_decision')?.number ?? '';
      return [
        { heading: '告知事项', paragraphs: [`本机关于${row.decidedOn ?? ''}对你（单位）作出行政处罚决定（${decisionNo}），该行政处罚信息将依法公示并记入信用记录。`] },
        { heading: '信用修复', paragraphs: ['你（单位）在履行行政处罚决定规定的义务、纠正违法行为并满足最短公示期限后，可以通过本平台申请信用修复，提交信用承诺书；本机关自收到申请之日起三个工作日内作出答复。'] },
      ];
    }
    case 'case_transfer':
      return [
        { heading: '移送事由', paragraphs: [`${row.transferredTo ?? ''}：`, `本机关在办理${row.partyName || '当事人'}一案${caseRef}中，发现其涉嫌犯罪，依据《行政执法机关移送涉嫌犯罪案件的规定》，现将案件移送你单位依法处理。`] },
        factSection(row),
        { heading: '涉嫌犯罪的事实和理由', paragraphs: [reason ?? ''] },
      ];
    default:
      return [{ paragraphs: [row.facts] }];
  }
}

// ---------- issue #17: the procedure documents generated from the facts recorded on the case ----------

/** What each procedure document is generated from, beyond the case row. */
export type ProcedureDocumentInput =
  | { kind: 'service_record'; service: ServiceFacts & { servedOn: string } }
  | { kind: 'hearing_notification' }
  | { kind: 'hearing_record' }
  | { kind: 'collective_discussion_record'; majorReasons: string[]; proposed: ProposedDecision | null }
  | { kind: 'legal_review_opinion'; review: { submittedAt: Date | string; majorReasons: string[]; approved: boolean; opinion: string; reviewer: string; points: Partial<Record<LegalReviewAspect, string>> | null }; proposed: ProposedDecision | null };

async function officerNameOf(ctx: AppContext, id: number | null | undefined, tx: Db): Promise<string> {
  if (id == null) return '';
  const [o] = await ctx.database.rows<{ name: string }>(sql`select name from officers where id = ${id}`, tx);
  return o?.name ?? '';
}

/** Issues one procedure document of the case in the caller's transaction, from what the case file records. */
export async function issueProcedureDocument(ctx: AppContext, tx: Db, p: Principal, row: CaseRow, input: ProcedureDocumentInput): Promise<DocumentRow> {
  const today = shanghaiDate();
  const base = { agencyId: row.agencyId, entityType: 'penalty_case', entityId: row.id, enterpriseId: row.enterpriseId };
  const caseNumber = row.caseNumber ?? null;
  const h = (row.hearing ?? {}) as HearingRecord;
  switch (input.kind) {
    case 'service_record': {
      // the documents served: those the decision issued (决定书 and 信用修复告知书, 两书同达)
      const served = await ctx.database.rows<{ title: string; number: string }>(
        sql`select title, number from documents where entity_type = 'penalty_case' and entity_id = ${String(row.id)} and kind in ('penalty_decision', 'credit_repair_notice') order by id`,
        tx,
      );
      const s = input.service;
      const content: ServiceRecordContent = {
        caseNumber,
        documents: served,
        recipient: s.recipient.trim(),
        servedOn: s.servedOn,
        method: s.method,
        place: s.place.trim(),
        signer: s.signer ? { name: s.signer.name.trim(), relation: s.signer.relation.trim() } : null,
        witness: s.witness?.name?.trim() ? { name: s.witness.name.trim(), ...(s.witness.position?.trim() ? { position: s.witness.position.trim() } : {}) } : null,
        electronicConsentOn: s.method === 'electronic' ? (s.electronicConsentOn ?? null) : null,
        note: s.note?.trim() || null,
        officers: await officersOf(ctx, row, tx),
      };
      return issueDocument(tx, ctx, p, { ...base, kind: 'service_record', content });
    }
    case 'hearing_notification': {
      const n = h.notice!;
      const content: HearingNotificationContent = {
        enterprise: await partyOf(ctx, row, tx),
        caseNumber,
        requestedOn: h.requestedOn,
        noticeOn: h.noticeOn!,
        heldOn: h.heldOn!,
        time: n.time,
        place: n.place.trim(),
        host: await officerNameOf(ctx, h.hostId, tx),
        panelists: n.panelists.map((x) => x.trim()),
        clerk: n.clerk.trim(),
        proposed: decisionText(row.notified as ProposedDecision | null),
      };
      // issued when recorded (the 卷宗 files in issue order); the notice day it was served is in the content
      return issueDocument(tx, ctx, p, { ...base, kind: 'hearing_notification', content });
    }
    case 'hearing_record': {
      const n = h.notice;
      const m = h.minutes!;
      const content: HearingRecordContent = {
        enterprise: await partyOf(ctx, row, tx),
        caseNumber,
        heldOn: h.heldOn!,
        time: n?.time ?? null,
        place: n?.place ?? '',
        host: await officerNameOf(ctx, h.hostId, tx),
        panelists: [...(n?.panelists ?? [])],
        clerk: n?.clerk ?? '',
        attended: m.attended,
        partyAttendees: m.partyAttendees.map((a) => ({ name: a.name.trim(), role: a.role.trim() })),
        investigators: await officersOf(ctx, row, tx),
        investigatorCase: m.investigatorCase.trim(),
        partyStatement: m.partyStatement.trim(),
        crossExamination: m.crossExamination.trim(),
        finalStatements: m.finalStatements.trim(),
        absenceNote: m.absenceNote?.trim() || null,
      };
      return issueDocument(tx, ctx, p, { ...base, kind: 'hearing_record', content });
    }
    case 'collective_discussion_record': {
      const d = row.collectiveDiscussion as CollectiveDiscussion & { recordedBy: string };
      const content: CollectiveDiscussionRecordContent = {
        caseNumber,
        partyName: row.partyName,
        heldOn: d.heldOn,
        chair: { ...d.participants[0]! },
        participants: d.participants.map((x) => ({ ...x })),
        majorReasons: input.majorReasons,
        proposed: decisionText(input.proposed),
        opinions: d.opinions.map((o) => ({ ...o })),
        conclusion: d.conclusion,
        recordedBy: d.recordedBy,
      };
      return issueDocument(tx, ctx, p, { ...base, kind: 'collective_discussion_record', content });
    }
    case 'legal_review_opinion': {
      const r = input.review;
      const content: LegalReviewOpinionContent = {
        caseNumber,
        partyName: row.partyName,
        submittedOn: shanghaiDate(r.submittedAt instanceof Date ? r.submittedAt : new Date(r.submittedAt)),
        majorReasons: r.majorReasons,
        proposed: decisionText(input.proposed),
        points: legalReviewAspects.map((a) => ({ aspect: legalReviewAspectLabels[a], finding: r.points?.[a]?.trim() || null })),
        opinion: r.opinion,
        approved: r.approved,
        reviewer: r.reviewer,
        reviewedOn: today,
      };
      return issueDocument(tx, ctx, p, { ...base, kind: 'legal_review_opinion', content });
    }
  }
}
