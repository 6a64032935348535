// R34 / R35: enforcement documents (执法文书) are issued by the system from structured data, never handwritten
// (江西《实施意见》附件2 二.5 "手写文书"). The kind decides the title and the abbreviation in the document number
// (西湖应急检记〔2026〕12号). No imports, so the web bundle can show the titles.

/** Evidence, on-site measures and hazard escalation (siteRecords.ts): the last kinds of documentKinds. */
export const siteDocumentKinds = [
  'interview_record',
  'site_examination_record',
  'on_site_measure_decision',
  'seizure_decision',
  'evidence_preservation_notice',
  'hazard_letter',
  'hazard_bulletin',
  'interview_notice',
  'supervision_notice',
] as const;

export const documentKinds = [
  'inspection_record',
  'rectification_order',
  'reinspection_opinion',
  'case_opening_approval',
  'penalty_notice',
  'hearing_notice',
  'penalty_decision',
  'credit_repair_notice',
  'case_transfer',
  // ---- issue #17: the penalty case's procedure documents (送达回证, 听证, 集体讨论, 法制审核) ----
  'service_record',
  'hearing_notification',
  'hearing_record',
  'collective_discussion_record',
  'legal_review_opinion',
  // ---- end issue #17 ----
  ...siteDocumentKinds,
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export interface DocumentKindInfo {
  kind: DocumentKind;
  /** the title printed on the document */
  title: string;
  /** the kind's abbreviation in the number, after the agency and 应急 */
  abbreviation: string;
  /** the procedure it belongs to */
  procedure: 'inspection' | 'penalty';
  /** the rules it serves */
  rules: string[];
}

/**
 * The agency's internal forms: the 立案审批表 (an approval inside the agency, with its notes to the leader) and the
 * 案件移送书 (addressed to the judicial organ). They belong to the case file, not to the party: the enterprise sees the
 * documents served on it, never these.
 */
export const internalDocumentKinds: readonly DocumentKind[] = [
  'case_opening_approval',
  'case_transfer',
  // issue #17: the agency's own records (the 送达回证 and the 听证 documents concern the party and stay visible to it)
  'collective_discussion_record',
  'legal_review_opinion',
];
export const isServedOnParty = (kind: string): boolean => !(internalDocumentKinds as readonly string[]).includes(kind);

export const documentKindTable: Record<DocumentKind, DocumentKindInfo> = {
  inspection_record: { kind: 'inspection_record', title: '现场检查记录', abbreviation: '检记', procedure: 'inspection', rules: ['R16', 'R17', 'R19'] },
  rectification_order: { kind: 'rectification_order', title: '责令限期整改指令书', abbreviation: '责改', procedure: 'inspection', rules: ['R18', 'R22'] },
  reinspection_opinion: { kind: 'reinspection_opinion', title: '整改复查意见书', abbreviation: '复查', procedure: 'inspection', rules: ['R22'] },
  case_opening_approval: { kind: 'case_opening_approval', title: '立案审批表', abbreviation: '立审', procedure: 'penalty', rules: ['R18'] },
  penalty_notice: { kind: 'penalty_notice', title: '行政处罚告知书', abbreviation: '罚告', procedure: 'penalty', rules: ['R25', 'R27'] },
  hearing_notice: { kind: 'hearing_notice', title: '听证告知书', abbreviation: '听告', procedure: 'penalty', rules: ['R27', 'R28'] },
  penalty_decision: { kind: 'penalty_decision', title: '行政处罚决定书', abbreviation: '罚', procedure: 'penalty', rules: ['R25', 'R27', 'R29'] },
  credit_repair_notice: { kind: 'credit_repair_notice', title: '行政处罚信息信用修复告知书', abbreviation: '信修', procedure: 'penalty', rules: ['R29', 'R32'] },
  case_transfer: { kind: 'case_transfer', title: '案件移送书', abbreviation: '移', procedure: 'penalty', rules: ['R30'] },
  // ---- issue #17 ----
  service_record: { kind: 'service_record', title: '送达回证', abbreviation: '送', procedure: 'penalty', rules: ['R27', 'R29', 'R35'] },
  hearing_notification: { kind: 'hearing_notification', title: '听证通知书', abbreviation: '听通', procedure: 'penalty', rules: ['R27', 'R28'] },
  hearing_record: { kind: 'hearing_record', title: '听证笔录', abbreviation: '听录', procedure: 'penalty', rules: ['R27', 'R28'] },
  collective_discussion_record: { kind: 'collective_discussion_record', title: '集体讨论记录', abbreviation: '集讨', procedure: 'penalty', rules: ['R28'] },
  legal_review_opinion: { kind: 'legal_review_opinion', title: '法制审核意见书', abbreviation: '法审', procedure: 'penalty', rules: ['R28'] },
  // ---- end issue #17 ----
  // ---- evidence, on-site measures and hazard escalation (siteRecords.ts) ----
  interview_record: { kind: 'interview_record', title: '询问笔录', abbreviation: '询', procedure: 'penalty', rules: ['R16', 'R34'] },
  site_examination_record: { kind: 'site_examination_record', title: '勘验（检查）笔录', abbreviation: '勘', procedure: 'penalty', rules: ['R16', 'R34'] },
  on_site_measure_decision: { kind: 'on_site_measure_decision', title: '现场处理措施决定书', abbreviation: '现决', procedure: 'inspection', rules: ['R18', 'R22'] },
  seizure_decision: { kind: 'seizure_decision', title: '查封扣押决定书', abbreviation: '查扣', procedure: 'penalty', rules: ['R18', 'R27'] },
  evidence_preservation_notice: { kind: 'evidence_preservation_notice', title: '先行登记保存通知书', abbreviation: '先保', procedure: 'penalty', rules: ['R27'] },
  hazard_letter: { kind: 'hazard_letter', title: '隐患整改逾期函告书', abbreviation: '函告', procedure: 'inspection', rules: ['R23'] },
  hazard_bulletin: { kind: 'hazard_bulletin', title: '隐患整改逾期通报', abbreviation: '通报', procedure: 'inspection', rules: ['R23'] },
  interview_notice: { kind: 'interview_notice', title: '约谈通知书', abbreviation: '约谈', procedure: 'inspection', rules: ['R23'] },
  supervision_notice: { kind: 'supervision_notice', title: '挂牌督办通知书', abbreviation: '督办', procedure: 'inspection', rules: ['R23'] },
};

export function isDocumentKind(v: string): v is DocumentKind {
  return (documentKinds as readonly string[]).includes(v);
}
