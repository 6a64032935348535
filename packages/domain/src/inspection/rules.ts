// Inspection and hazard rules (R15–R19, R22–R24): pure functions the server calls inside its commands, so each
// rule is stated once and tested without a database. Dates are Asia/Shanghai calendar dates "YYYY-MM-DD".
import { addDays, addWorkingDays, isWorkingDay, workingDaysBetween, type IsoDate } from '../calendar/workingDays.js';
import { escalationLevels, escalationThresholds, feedbackQuestions, rootCauseLabels, type AnswerResult, type EscalationLevel, type FeedbackAnswers, type FindingDisposition, type RootCause } from './labels.js';

export * from './labels.js';

// ---------- inspections ----------

export interface FilingOfficer {
  id: number;
  name: string;
  credentialNo: string;
  credentialValidFrom: IsoDate;
  credentialValidTo: IsoDate;
  /** R4: left the agency from this day (离职) */
  leftOn?: IsoDate | null;
  /** R4: credential revoked from this day (执法证注销) */
  credentialRevokedOn?: IsoDate | null;
}

/** R4: the officer may act on `day` — credential within its validity, not revoked, not left. */
export function credentialValidOn(o: Pick<FilingOfficer, 'credentialValidFrom' | 'credentialValidTo' | 'leftOn' | 'credentialRevokedOn'>, day: IsoDate): boolean {
  if (o.leftOn && o.leftOn <= day) return false;
  if (o.credentialRevokedOn && o.credentialRevokedOn <= day) return false;
  return o.credentialValidFrom <= day && day <= o.credentialValidTo;
}

/**
 * R15/R16: what a filing must contain — a legal basis, at least two officers whose credentials are valid on the
 * inspection date, and the check items. Returns the problems in Chinese; empty means the filing is complete.
 */
export function filingProblems(f: { legalBasis: string; officers: readonly FilingOfficer[]; itemCodes: readonly string[]; date: IsoDate }): string[] {
  const problems: string[] = [];
  if (f.legalBasis.trim().length < 4) problems.push('请填写检查的法律依据');
  const ids = new Set(f.officers.map((o) => o.id));
  if (ids.size < 2) problems.push('执法检查须由两名以上执法人员共同进行');
  for (const o of f.officers) {
    if (!credentialValidOn(o, f.date)) {
      if (o.leftOn && o.leftOn <= f.date) problems.push(`执法人员${o.name}已于${o.leftOn}离职，不得参加检查`);
      else if (o.credentialRevokedOn && o.credentialRevokedOn <= f.date) problems.push(`执法人员${o.name}的执法证（${o.credentialNo}）已于${o.credentialRevokedOn}注销，不得参加检查`);
      else problems.push(`执法人员${o.name}的执法证（${o.credentialNo}）在检查日期${f.date}不在有效期内，不得参加检查`);
    }
  }
  if (f.itemCodes.length === 0) problems.push('请至少选择一项检查事项');
  return problems;
}

/** R15: the last day an emergency inspection's filing may be backfilled — 1 working day after entering the site. */
export function backfillDue(entryDate: IsoDate): IsoDate {
  return addWorkingDays(entryDate, 1);
}

/** R15: a backfill is overdue when it was not done by the end of its due day. */
export function backfillOverdue(entryDate: IsoDate, backfilledOn: IsoDate | null, today: IsoDate): boolean {
  const due = backfillDue(entryDate);
  return backfilledOn ? backfilledOn > due : today > due;
}

/**
 * What still blocks finishing an inspection on site (R16–R18): credentials shown, honesty commitment signed, every
 * filed item answered, 逢查必考 / 逢查必检 recorded, each non-conformity turned into a finding.
 */
export function completionProblems(s: {
  filed: boolean;
  credentialsShown: boolean;
  commitmentSigned: boolean;
  itemCodes: readonly string[];
  answers: ReadonlyMap<string, AnswerResult>;
  findingItemCodes: ReadonlySet<string>;
  examCount: number;
  certificateCount: number;
}): string[] {
  const p: string[] = [];
  if (!s.filed) p.push('检查尚未报备：紧急检查须先补录报备');
  if (!s.credentialsShown) p.push('请先亮证亮单：向企业出示执法证件和检查事项清单');
  if (!s.commitmentSigned) p.push('请先签署廉政承诺书');
  const unanswered = s.itemCodes.filter((c) => !s.answers.has(c));
  if (unanswered.length) p.push(`还有${unanswered.length}项检查事项未填写结果（${unanswered.slice(0, 5).join('、')}${unanswered.length > 5 ? '等' : ''}）`);
  const noFinding = [...s.answers].filter(([c, r]) => r === 'nonconform' && !s.findingItemCodes.has(c)).map(([c]) => c);
  if (noFinding.length) p.push(`不符合的事项须逐项处理（当场整改、隐患整改或立案调查）：${noFinding.join('、')}`);
  if (s.examCount === 0) p.push('逢查必考：请记录对主要负责人或安全管理人员的考核');
  if (s.certificateCount === 0) p.push('逢查必检：请记录查验的安全生产资格证书');
  return p;
}

// ---------- findings and hazards ----------

/**
 * R18: a finding's disposition must fit its weight. A major hazard (重大事故隐患) is a hazard that is also punished:
 * it cannot be "fixed on the spot", and it always opens a penalty case (or records a legal reason not to, at closing).
 */
export function dispositionProblems(f: { disposition: FindingDisposition; major: boolean; evidenceCount: number; deadline?: IsoDate | null; today: IsoDate; responsiblePerson?: string | null; trackerName?: string | null }): string[] {
  const p: string[] = [];
  if (f.major && f.disposition === 'fixed_on_spot') p.push('重大事故隐患不得以当场整改了结，须责令整改并依法立案处罚');
  if (f.disposition === 'fixed_on_spot' && f.evidenceCount === 0) p.push('当场整改须附整改后的照片等证据');
  if (f.disposition === 'hazard' || f.major) {
    if (!f.deadline) p.push('请填写整改期限');
    else if (f.deadline < f.today) p.push('整改期限不能早于今天');
    if (!f.responsiblePerson?.trim()) p.push('请填写企业整改责任人');
  }
  if (f.major && !f.trackerName?.trim()) p.push('重大事故隐患须指定跟踪督办人');
  return p;
}

/**
 * R18/R22/R24: what blocks closing a hazard (销号). Every hazard needs a passed reinspection (复查) with evidence;
 * a major hazard also needs a penalty case (or a recorded legal reason why none) and the four root-cause answers.
 */
export function closingProblems(h: {
  major: boolean;
  reinspectionPassed: boolean;
  reinspectionEvidenceCount: number;
  penaltyCaseId: number | null;
  noPenaltyReason: string | null;
  rootCause: Partial<RootCause> | null;
}): string[] {
  const p: string[] = [];
  if (!h.reinspectionPassed) p.push('隐患须经复查合格后才能销号');
  else if (h.reinspectionEvidenceCount === 0) p.push('复查须附整改后的证据');
  if (h.major) {
    if (h.penaltyCaseId == null && !(h.noPenaltyReason && h.noPenaltyReason.trim().length >= 10)) {
      p.push('重大事故隐患不能以责令整改代替行政处罚：须立案处罚，或写明不予处罚的法律依据');
    }
    const missing = (Object.keys(rootCauseLabels) as (keyof RootCause)[]).filter((k) => !h.rootCause?.[k]?.trim());
    if (missing.length) p.push(`重大事故隐患销号前须完成“四不放过”分析：${missing.map((k) => rootCauseLabels[k]).join('、')}`);
  }
  return p;
}

// ---------- escalation (R23) ----------


/** Working days a hazard is past its deadline on `today` (0 when not overdue). */
export function overdueWorkingDays(deadline: IsoDate, today: IsoDate): number {
  return Math.max(0, workingDaysBetween(deadline, today));
}

/**
 * R23: the escalation steps an open hazard should have reached by `today`, in order. The nightly job inserts the
 * ones not yet recorded, so running it twice (or after days off) records each step exactly once and never skips one.
 */
export function dueEscalations(deadline: IsoDate, today: IsoDate): EscalationLevel[] {
  const late = overdueWorkingDays(deadline, today);
  return escalationLevels.filter((l) => late >= escalationThresholds[l]);
}

/**
 * The same ladder as date cut-offs, for a set-based job over millions of hazards: on `today`, a hazard has reached
 * step L exactly when its deadline ≤ cutoff[L]. Equivalent to dueEscalations (a test checks it day by day).
 */
export function escalationCutoffs(today: IsoDate): Record<EscalationLevel, IsoDate> {
  const out = {} as Record<EscalationLevel, IsoDate>;
  let d = today;
  let n = 0; // working days in (d, today]
  for (const level of [...escalationLevels].sort((a, b) => escalationThresholds[a] - escalationThresholds[b])) {
    while (n < escalationThresholds[level]) {
      if (isWorkingDay(d)) n++;
      d = addDays(d, -1);
    }
    out[level] = d;
  }
  return out;
}

// ---------- enterprise feedback (R19, 江西《实施意见》附件3) ----------

/** The answers oversight should look at (R19 → R34): a "no" to a duty, or a "yes" to an improper demand. */
export function feedbackConcerns(a: FeedbackAnswers): string[] {
  return (Object.keys(feedbackQuestions) as (keyof FeedbackAnswers)[])
    .filter((k) => (k === 'improperDemand' ? a[k] : !a[k]))
    .map((k) => `${feedbackQuestions[k]}：${k === 'improperDemand' ? '是' : '否'}`);
}
