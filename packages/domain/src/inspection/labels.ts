// Value sets and labels of inspections and hazards. No imports, so the web bundle can use them.

/** Where an inspection comes from (R15): a plan target, a draw, a recorded trigger (R11), or an emergency. */
export const inspectionOrigins = ['plan', 'draw', 'unplanned', 'emergency'] as const;
export type InspectionOrigin = (typeof inspectionOrigins)[number];
export const inspectionOriginLabels: Record<InspectionOrigin, string> = {
  plan: '年度计划',
  draw: '双随机抽查',
  unplanned: '计划外检查',
  emergency: '紧急检查',
};

/** R11: why an unplanned inspection is made (the codes are `unplannedTriggers` of the planning contract). */
export const unplannedTriggerLabels = {
  superior_special: '上级部署的专项检查',
  unannounced_visit: '明查暗访',
  onsite_verification: '现场核查',
  accident: '生产安全事故',
  complaint: '投诉举报',
  referral: '转办交办',
  emergency: '突发事件',
  monitoring_alert: '平台监测预警',
  other: '其他计划外检查',
} as const;

/**
 * filed → in_progress (进场) → completed (检查结束, record issued). An emergency inspection starts in_progress without
 * filing and is backfilled (补录报备) within 1 working day of entry. cancelled only before entry.
 */
export const inspectionStatuses = ['filed', 'in_progress', 'completed', 'cancelled'] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];
export const inspectionStatusLabels: Record<InspectionStatus, string> = {
  filed: '已报备',
  in_progress: '检查中',
  completed: '已完成',
  cancelled: '已取消',
};

export const answerResults = ['conform', 'nonconform', 'na'] as const;
export type AnswerResult = (typeof answerResults)[number];
export const answerResultLabels: Record<AnswerResult, string> = { conform: '符合', nonconform: '不符合', na: '不涉及' };

/** R18: what happens to a non-conformity found on site. */
export const findingDispositions = ['fixed_on_spot', 'hazard', 'violation'] as const;
export type FindingDisposition = (typeof findingDispositions)[number];
export const findingDispositionLabels: Record<FindingDisposition, string> = {
  fixed_on_spot: '当场整改',
  hazard: '责令限期整改',
  violation: '涉嫌违法，立案调查',
};

export const hazardStatuses = ['open', 'rectified', 'closed'] as const;
export type HazardStatus = (typeof hazardStatuses)[number];
export const hazardStatusLabels: Record<HazardStatus, string> = { open: '整改中', rectified: '待复查', closed: '已销号' };

/** R24 "四不放过": cause found, responsible people dealt with, staff educated, measures taken. */
export interface RootCause {
  cause: string;
  responsibility: string;
  education: string;
  measures: string;
}
export const rootCauseLabels: Record<keyof RootCause, string> = {
  cause: '隐患原因未查清不放过',
  responsibility: '责任人员未处理不放过',
  education: '有关人员未受到教育不放过',
  measures: '整改措施未落实不放过',
};

/** 函告 → 通报 → 约谈 → 督办: each step once the hazard is overdue by the given working days. */
export const escalationLevels = ['letter', 'notice', 'interview', 'supervision'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];
export const escalationLevelLabels: Record<EscalationLevel, string> = { letter: '函告', notice: '通报', interview: '约谈', supervision: '挂牌督办' };

export const feedbackQuestions = {
  twoOfficers: '执法人员是否为两人以上共同执法',
  credentialsShown: '执法人员是否主动出示行政执法证件',
  courteous: '执法人员是否文明礼貌，没有走过场、乱作为',
  rightsExplained: '是否告知陈述、申辩、听证、复议、诉讼等权利',
  guidance: '是否指出问题的同时宣传法规标准、指导企业整改',
  improperDemand: '执法人员是否有吃拿卡要、指定服务机构等不当要求',
} as const;
export type FeedbackAnswers = Record<keyof typeof feedbackQuestions, boolean>;

/**
 * Working days overdue at which each escalation step is taken. 江西《实施意见》四（十四） names the ladder, not the intervals; five
 * working days (one working week) between steps is what regulators commonly use, and agencies can change it here.
 */
export const escalationThresholds: Record<EscalationLevel, number> = { letter: 1, notice: 5, interview: 10, supervision: 15 };

export const evidenceKinds = ['photo', 'audio', 'video', 'file'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
export const evidenceKindLabels: Record<EvidenceKind, string> = { photo: '照片', audio: '录音', video: '视频', file: '文件' };

/** How a piece of evidence is shown and listed, from its MIME type. */
export function evidenceKindOfMime(mime: string): EvidenceKind {
  if (mime.startsWith('image/')) return 'photo';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}
