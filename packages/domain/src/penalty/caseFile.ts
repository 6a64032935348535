// R29 / R35: the completeness of a penalty case's 卷宗 — which documents a case of its kind must hold before it is
// closed (结案), and which of them are missing. Only kinds the platform issues itself are required: a paper form it
// does not produce could never be supplied, and the check would then block every close.
import { documentKindTable, type DocumentKind } from '../documents/kinds.js';
import { hearingRightReasons, majorCaseReasons, type HearingRecord, type MajorCaseThresholds, type PenaltyCaseState, type ProposedDecision } from './workflow.js';

export interface CaseFileFacts {
  procedure: PenaltyCaseState['procedure'];
  partyKind: PenaltyCaseState['partyKind'];
  /** opened by 立案审批 (a decision on the spot is not: it needs no 立案审批表) */
  openedOn?: string | null;
  /** true when the case was decided on the spot (简易程序当场处罚) */
  decidedOnSpot?: boolean;
  notifiedOn?: string | null;
  notified?: ProposedDecision | null;
  decision?: ProposedDecision | null;
  /** 移送司法机关 */
  transferredTo?: string | null;
  /** issue #17: the hearing as recorded (听证通知书, 听证笔录) */
  hearing?: HearingRecord | null;
  /** a legal review reached its conclusion (approved or returned) since 0029: 法制审核意见书 */
  legalReviewed?: boolean;
  /** the 集体讨论 of a case decided before the discussion was recorded as a document (migration 0029): not required */
  legacyCollectiveDiscussion?: boolean;
  /** the decision was served with its facts recorded (送达回证; a case served before 0029 passes null) */
  servedOn?: string | null;
  majorCase?: MajorCaseThresholds;
  // ---- evidence and on-site measures (siteRecords.ts) ----
  /** opened from an inspection's finding */
  fromInspection?: boolean;
  /** a 查封、扣押 was recorded on the case */
  seized?: boolean;
  /** evidence was registered for preservation (先行登记保存) */
  preserved?: boolean;
}

export interface CaseFileDocument {
  kind: DocumentKind;
  label: string;
  /** satisfied by any one of these kinds (the first is `kind`) */
  anyOf?: DocumentKind[];
}

const entry = (kind: DocumentKind): CaseFileDocument => ({ kind, label: documentKindTable[kind].title });

/**
 * The documents the case's 卷宗 must hold, in 归档 order: 立案审批表 (general procedure), 行政处罚告知书 and, where the
 * hearing right applied, 听证告知书 (a penalty decided in the general procedure, or any case notified); 听证通知书 (a
 * hearing held, or withdrawn after its notice was issued) and 听证笔录 (held and attended, or its non-attendance
 * recorded); 法制审核意见书 (a review concluded); 集体讨论记录 (a penalty of a major case, 第五十七条第二款);
 * 行政处罚决定书 (once decided), 行政处罚信息信用修复告知书 (with a penalty decision, 两书同达), 送达回证 (the decision
 * served), 案件移送书 (transferred). The 告知书 is served on the day of 告知 without a separate service step, so it has no
 * 送达回证 of its own here (docs/rules.md).
 */
export function requiredCaseDocuments(c: CaseFileFacts): CaseFileDocument[] {
  const kinds: DocumentKind[] = [];
  const onSpot = c.procedure === 'simple' && (c.decidedOnSpot ?? !c.notifiedOn);
  if (!onSpot && c.openedOn) kinds.push('case_opening_approval');
  const penalty = c.decision?.kind === 'penalty';
  // 《行政处罚法》第四十四条: a penalty in the general procedure is notified first; a case notified keeps its notices
  if (c.notifiedOn || (penalty && c.procedure === 'general')) {
    kinds.push('penalty_notice');
    if (hearingRightReasons(c.partyKind, c.notified ?? c.decision).length > 0) kinds.push('hearing_notice');
  }
  const h = c.hearing;
  const held = !!h?.heldOn && !h.withdrawnOn;
  // a hearing recorded before its notice facts were (migration 0029) has nothing to generate them from; since then the
  // workflow asks for the notice facts and the minutes before the review or the decision (workflow.ts)
  // (issued once the notice day, the hearing day, the 主持人 and the notice facts are all recorded — caseService.ts)
  if (h?.notice && h.noticeOn && h.heldOn && h.hostId != null && (held || h.withdrawnOn)) kinds.push('hearing_notification');
  if (h?.notice && held && (!h.abandoned || h.minutes)) kinds.push('hearing_record');
  if (c.legalReviewed) kinds.push('legal_review_opinion');
  if (penalty && !c.legacyCollectiveDiscussion && majorCaseReasons({ partyKind: c.partyKind, proposal: c.decision, hearing: h ?? null, procedure: c.procedure }, c.majorCase).length > 0) kinds.push('collective_discussion_record');
  if (c.decision) {
    kinds.push('penalty_decision');
    if (penalty) kinds.push('credit_repair_notice');
    if (c.servedOn) kinds.push('service_record');
  }
  if (c.transferredTo) kinds.push('case_transfer');
  return withSiteDocuments(c, kinds.map(entry));
}

/** The required documents not among those issued for the case. */
export function caseFileCompleteness(c: CaseFileFacts, issuedKinds: readonly string[]): { required: CaseFileDocument[]; missing: CaseFileDocument[] } {
  const required = requiredCaseDocuments(c);
  const have = new Set(issuedKinds);
  return { required, missing: required.filter((d) => !(d.anyOf ?? [d.kind]).some((k) => have.has(k))) };
}

// ---------- evidence and on-site measures (siteRecords.ts) ----------

/**
 * The evidence documents, filed after the 立案审批表 and before the notices: a case from an inspection that was
 * investigated to a result (notified, decided or transferred) in the general procedure holds at least one 询问笔录 or
 * 勘验（检查）笔录 (《行政处罚法》第五十四条第一款、第五十五条: 全面、客观、公正地调查，收集有关证据) — the inspection record alone
 * is not the case's evidence of the person's own account. A decision on the spot (第五十一条) needs none. A 查封、扣押
 * (《行政强制法》第二十四条: 制作并当场交付查封、扣押决定书) and a 先行登记保存 (《行政处罚法》第五十六条) hold their documents.
 */
function withSiteDocuments(c: CaseFileFacts, docs: CaseFileDocument[]): CaseFileDocument[] {
  const onSpot = c.procedure === 'simple' && (c.decidedOnSpot ?? !c.notifiedOn);
  const evidence: CaseFileDocument[] = [];
  if (!onSpot && c.fromInspection && (c.notifiedOn || c.decision || c.transferredTo)) {
    evidence.push({ kind: 'interview_record', label: `${documentKindTable.interview_record.title}或${documentKindTable.site_examination_record.title}`, anyOf: ['interview_record', 'site_examination_record'] });
  }
  if (c.preserved) evidence.push(entry('evidence_preservation_notice'));
  if (c.seized) evidence.push(entry('seizure_decision'));
  const at = docs[0]?.kind === 'case_opening_approval' ? 1 : 0;
  return [...docs.slice(0, at), ...evidence, ...docs.slice(at)];
}
