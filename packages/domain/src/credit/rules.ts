// R32 (with R2, R9, R29): the enterprise credit record. Which facts enter it, how long penalty information is
// published and when it can be repaired, the serious-dishonesty list (严重失信主体名单, the "blacklist" of the sources)
// with its entry grounds and exit, objections, the quarterly publication of the list (《监管执法年方案》二（二）), and what a credit
// status means for planning (R7/R9). Every fact is attributed to the unified social credit code (R2).
//
// Choices (a reviewer should check them against the current texts):
// - Blacklist entry grounds and exit follow 《安全生产严重失信主体名单管理办法》(应急管理部令第11号, 2023-08-08, in force
//   2023-10-01): five accident grounds, four non-accident grounds; 管理期限 three years from listing; after 12 months
//   a listed subject that has met the conditions may apply for early removal.
// - Publication and repair of ordinary penalty information follow 《失信行为纠正后的信用信息修复管理办法（试行）》
//   (国家发展改革委令2023年第58号): general information published for at most one year and repairable after three
//   months; serious information published for at most three years and repairable after one year. Configurable.
// - Simple-procedure penalties (warning / small fine on the spot) are kept in the violation database but not published.
// - The repair answer is due within 3 working days (济南《九条措施》第七条“三是”); objections within 5 working days (practice).
import { addDays, addWorkingDays, assertIsoDate, type IsoDate } from '../calendar/workingDays.js';
import { drawWeight, keyTargetReasons, type PlanEnterprise } from '../planning/plan.js';
import { creditStatusLabels, type CreditStatus } from '../registry/enums.js';
import { accidentGradeLabels, formatYuan, sanctionKindLabels, type AccidentGrade, type PenaltyDecisionKind, type PenaltyProcedure, type SanctionKind } from '../penalty/catalogue.js';
import { calendarDaysBetween, creditRepairAnswerDue } from '../penalty/deadlines.js';
import { heavySanctions } from '../penalty/workflow.js';
import { blacklistGroundBasis, blacklistGroundIds, blacklistGroundLabels, creditSeverityLabels, type BlacklistGroundId, type CreditFactKind, type CreditSeverity } from './labels.js';

// the labels live in a browser-safe module (no calendar); re-exported here for the server and the tests
export * from './labels.js';

// ---------- facts that enter the record ----------

export interface CreditPolicy {
  /** months published, and months before a repair may be applied for, per class */
  publicationMonths: Record<CreditSeverity, number>;
  repairAfterMonths: Record<CreditSeverity, number>;
  /** years without a credit-affecting fact for 守信 */
  trustworthyYears: number;
  /** working days to answer an objection */
  objectionWorkingDays: number;
  /** the quarter's blacklist is published by this working day after the quarter ends */
  blacklistPublicationWorkingDays: number;
  /** serious-dishonesty list: years listed, months before early removal may be applied for */
  blacklistYears: number;
  blacklistEarlyRemovalMonths: number;
}

export const defaultCreditPolicy: CreditPolicy = {
  publicationMonths: { general: 12, serious: 36 },
  repairAfterMonths: { general: 3, serious: 12 },
  trustworthyYears: 3,
  objectionWorkingDays: 5,
  blacklistPublicationWorkingDays: 10,
  blacklistYears: 3,
  blacklistEarlyRemovalMonths: 12,
};

/** A fact of the credit record, attributed to the credit code (R2). */
export interface CreditFact {
  kind: CreditFactKind;
  creditCode: string;
  /** decision date (penalty), accident date, listing date */
  occurredOn: IsoDate;
  severity: CreditSeverity;
  /** shown on the public credit platforms */
  published: boolean;
  /** last day of publication (null when not published) */
  publishedUntil: IsoDate | null;
  /** first day a repair (提前停止公示) may be applied for (null when not published) */
  repairableFrom: IsoDate | null;
  /** counts for the credit status */
  affectsCredit: boolean;
  /** repaired on (信用修复完成), if so */
  repairedOn?: IsoDate | null;
  summary: string;
  source?: { caseId?: string | number; documentNumber?: string };
}

function addMonths(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = assertIsoDate(d).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export interface PenaltyDecisionForCredit {
  creditCode: string;
  decidedOn: IsoDate;
  procedure: PenaltyProcedure;
  decisionKind: PenaltyDecisionKind;
  fine: number;
  sanctions: readonly SanctionKind[];
  /** the violation was judged 情节严重 */
  seriousViolation?: boolean;
  /** the case punished an accident of this grade */
  accidentGrade?: AccidentGrade | null;
  caseId?: string | number;
  documentNumber?: string;
}

/**
 * R32: the credit fact a decision produces. Every penalty enters the violation database (《安全生产法》第七十八条);
 * 不予处罚 is kept as a record that does not affect credit; a simple-procedure penalty is not published. Serious class:
 * 责令停产停业（整顿）、吊销、关闭等 heavy sanctions, a judged serious violation, or an accident of 较大 or above.
 */
export function creditFactFromDecision(d: PenaltyDecisionForCredit, policy: CreditPolicy = defaultCreditPolicy): CreditFact {
  const source = { ...(d.caseId !== undefined ? { caseId: d.caseId } : {}), ...(d.documentNumber ? { documentNumber: d.documentNumber } : {}) };
  if (d.decisionKind !== 'penalty') {
    return { kind: 'no_penalty', creditCode: d.creditCode, occurredOn: d.decidedOn, severity: 'general', published: false, publishedUntil: null, repairableFrom: null, affectsCredit: false, summary: '违法行为轻微等依法不予行政处罚，已教育纠正', source };
  }
  const serious = !!d.seriousViolation || d.sanctions.some((s) => heavySanctions.includes(s)) || (!!d.accidentGrade && d.accidentGrade !== 'general');
  const severity: CreditSeverity = serious ? 'serious' : 'general';
  const published = d.procedure === 'general';
  const what = [d.fine > 0 ? `罚款${formatYuan(d.fine)}` : '', ...d.sanctions.filter((s) => heavySanctions.includes(s)).map((s) => sanctionKindLabels[s])].filter(Boolean);
  return {
    kind: 'penalty',
    creditCode: d.creditCode,
    occurredOn: d.decidedOn,
    severity,
    published,
    publishedUntil: published ? addDays(addMonths(d.decidedOn, policy.publicationMonths[severity]), -1) : null,
    repairableFrom: published ? addMonths(d.decidedOn, policy.repairAfterMonths[severity]) : null,
    affectsCredit: true,
    summary: `行政处罚（${d.procedure === 'simple' ? '简易程序' : '普通程序'}${d.accidentGrade ? `，${accidentGradeLabels[d.accidentGrade]}` : ''}）${what.length ? `：${what.join('、')}` : ''}，${creditSeverityLabels[severity]}`,
    source,
  };
}

/** Whether a fact is still active on `today` (published or, if unpublished, within its class's period; not repaired). */
export function creditFactActive(f: CreditFact, today: IsoDate, policy: CreditPolicy = defaultCreditPolicy): boolean {
  if (!f.affectsCredit) return false;
  if (f.repairedOn && f.repairedOn <= today) return false;
  const until = f.publishedUntil ?? addDays(addMonths(f.occurredOn, policy.publicationMonths[f.severity]), -1);
  return f.occurredOn <= today && today <= until;
}

// ---------- the serious-dishonesty list (黑名单) ----------

export interface AccidentRecord {
  occurredOn: IsoDate;
  grade: AccidentGrade;
  /** the investigation found the enterprise responsible (责任事故) */
  responsible: boolean;
  /** fined under 《安全生产法》第一百一十四条第二款 */
  aggravatedFine?: boolean;
  /** 瞒报、谎报 */
  concealed?: boolean;
  /** the principal did not organise the rescue, left or fled */
  principalFailedRescue?: boolean;
}

/** The facts the entry rules look at; each non-accident ground presupposes an administrative penalty for it. */
export interface BlacklistFacts {
  accidents: readonly AccidentRecord[];
  unlicensedOperationPenalised?: boolean;
  institutionFraudPenalised?: boolean;
  refusedExecution?: boolean;
  /** e.g. a closure proposed under 《安全生产法》第一百一十三条, with the reason written */
  otherSeriousReason?: string | null;
}

export interface BlacklistGround {
  id: BlacklistGroundId;
  text: string;
  basis: string;
}

/**
 * R32: the grounds for listing an enterprise as a serious-dishonesty subject (列入严重失信主体名单). "12个月内" is read as
 * two responsible 较大 accidents whose dates are less than twelve months apart, the later one on or before `today`.
 * The list is decided in writing after the party was told and heard (列入前告知、陈述申辩), by the agency that imposed
 * the penalty (谁处罚、谁决定、谁负责).
 */
export function blacklistEntryGrounds(f: BlacklistFacts, today: IsoDate): BlacklistGround[] {
  const ids = new Set<BlacklistGroundId>();
  const acc = f.accidents.filter((a) => a.responsible && a.occurredOn <= today);
  if (acc.some((a) => a.grade === 'major' || a.grade === 'especially_major')) ids.add('major_accident');
  const larger = acc.filter((a) => a.grade === 'larger').map((a) => a.occurredOn).sort();
  for (let i = 0; i + 1 < larger.length; i++) if (larger[i + 1]! < addMonths(larger[i]!, 12)) ids.add('two_larger_accidents');
  if (acc.some((a) => a.aggravatedFine)) ids.add('accident_aggravated_fine');
  if (f.accidents.some((a) => a.concealed && a.occurredOn <= today)) ids.add('concealed_accident');
  if (f.accidents.some((a) => a.principalFailedRescue && a.occurredOn <= today)) ids.add('principal_failed_rescue');
  if (f.unlicensedOperationPenalised) ids.add('unlicensed_operation');
  if (f.institutionFraudPenalised) ids.add('institution_fraud');
  if (f.refusedExecution) ids.add('refused_execution');
  if (f.otherSeriousReason && f.otherSeriousReason.trim().length >= 10) ids.add('other_serious');
  return blacklistGroundIds.filter((id) => ids.has(id)).map((id) => ({ id, text: blacklistGroundLabels[id], basis: blacklistGroundBasis[id] }));
}

export interface BlacklistListing {
  listedOn: IsoDate;
  /** removed early (提前移出) or at expiry */
  removedOn?: IsoDate | null;
  /** an early removal found to rest on false statements is revoked and the listing restored */
  earlyRemovalRevoked?: boolean;
}

export interface BlacklistStatus {
  active: boolean;
  /** the last day of the three-year term (管理期限) */
  expiresOn: IsoDate;
  /** the first day an early removal may be applied for */
  earlyRemovalFrom: IsoDate;
  canApplyEarly: boolean;
}

/** R32: where a listing stands on `today` — listed for three years, early removal from 12 months. */
export function blacklistStatus(l: BlacklistListing, today: IsoDate, policy: CreditPolicy = defaultCreditPolicy): BlacklistStatus {
  const expiresOn = addDays(addMonths(l.listedOn, policy.blacklistYears * 12), -1);
  const earlyRemovalFrom = addMonths(l.listedOn, policy.blacklistEarlyRemovalMonths);
  const removed = !!l.removedOn && l.removedOn <= today && !l.earlyRemovalRevoked;
  const active = l.listedOn <= today && today <= expiresOn && !removed;
  return { active, expiresOn, earlyRemovalFrom, canApplyEarly: active && today >= earlyRemovalFrom };
}

/** What an early-removal (or a penalty-information repair) application must show. */
export interface RepairApplication {
  appliedOn: IsoDate;
  /** the fine paid and the other obligations of the decision performed */
  obligationsPerformed: boolean;
  /** the violation corrected, the hazard eliminated, the harm and bad influence removed */
  violationCorrected: boolean;
  /** a written credit commitment (信用承诺书) */
  commitmentSigned: boolean;
  /** no new serious-dishonesty conduct since the listing / decision */
  noNewSeriousConduct: boolean;
}

function repairConditionProblems(a: RepairApplication): string[] {
  const p: string[] = [];
  if (!a.obligationsPerformed) p.push('尚未履行行政处罚决定规定的义务（缴纳罚款等）');
  if (!a.violationCorrected) p.push('违法行为尚未纠正、危害后果或者不良影响尚未消除');
  if (!a.commitmentSigned) p.push('请提交信用承诺书');
  if (!a.noNewSeriousConduct) p.push('期间又发生严重失信行为的，不予修复');
  return p;
}

/** R32: why an early removal from the serious-dishonesty list cannot be granted yet ([] = may be granted). */
export function earlyRemovalProblems(l: BlacklistListing, a: RepairApplication, policy: CreditPolicy = defaultCreditPolicy): string[] {
  const st = blacklistStatus(l, a.appliedOn, policy);
  const p: string[] = [];
  if (!st.active) p.push('该主体不在严重失信主体名单管理期内，无需申请提前移出');
  else if (!st.canApplyEarly) p.push(`列入严重失信主体名单满${policy.blacklistEarlyRemovalMonths}个月后（${st.earlyRemovalFrom}起）方可申请提前移出`);
  return [...p, ...repairConditionProblems(a)];
}

/**
 * R29/R32: credit repair of published penalty information — possible from `repairableFrom` when the conditions hold;
 * the answer is due within 3 working days of the application (济南《九条措施》第七条“三是”).
 */
export function creditRepairEligibility(f: CreditFact, a: RepairApplication, policy: CreditPolicy = defaultCreditPolicy): { eligible: boolean; problems: string[]; answerDue: IsoDate } {
  const p: string[] = [];
  if (!f.published || !f.repairableFrom || !f.publishedUntil) p.push('该信息未公示，无需信用修复');
  else if (f.repairedOn) p.push('该信息已修复');
  else if (a.appliedOn > f.publishedUntil) p.push('该信息公示期已届满，自动停止公示');
  else if (a.appliedOn < f.repairableFrom) p.push(`${creditSeverityLabels[f.severity]}的处罚信息最短公示${policy.repairAfterMonths[f.severity]}个月，${f.repairableFrom}起方可申请信用修复`);
  p.push(...repairConditionProblems(a));
  return { eligible: p.length === 0, problems: p, answerDue: creditRepairAnswerDue(a.appliedOn) };
}

// ---------- objections (异议) ----------

export interface CreditObjection {
  receivedOn: IsoDate;
  reason: string;
  evidenceCount: number;
}

/** R32: an objection needs a reason and evidence; it is answered within 5 working days (practice, configurable). */
export function objectionProblems(o: CreditObjection): string[] {
  const p: string[] = [];
  if (o.reason.trim().length < 10) p.push('请写明异议的事实和理由');
  if (o.evidenceCount < 1) p.push('请提供证明材料');
  return p;
}

export function objectionAnswerDue(receivedOn: IsoDate, policy: CreditPolicy = defaultCreditPolicy): IsoDate {
  return addWorkingDays(receivedOn, policy.objectionWorkingDays);
}

// ---------- quarterly publication of the list (《监管执法年方案》二（二）) ----------

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  start: IsoDate;
  end: IsoDate;
  /** 2026年第三季度 */
  label: string;
  /** 2026Q3 */
  key: string;
}

const Q_LABEL = ['一', '二', '三', '四'];

function quarterFrom(year: number, quarter: 1 | 2 | 3 | 4): Quarter {
  const m = (quarter - 1) * 3 + 1;
  const start = `${year}-${String(m).padStart(2, '0')}-01`;
  const end = addDays(addMonths(start, 3), -1);
  return { year, quarter, start, end, label: `${year}年第${Q_LABEL[quarter - 1]}季度`, key: `${year}Q${quarter}` };
}

/** The calendar quarter a date falls in. */
export function quarterOf(d: IsoDate): Quarter {
  const [y, m] = assertIsoDate(d).split('-').map(Number) as [number, number];
  return quarterFrom(y, (Math.floor((m - 1) / 3) + 1) as 1 | 2 | 3 | 4);
}

export function previousQuarter(q: Pick<Quarter, 'year' | 'quarter'>): Quarter {
  return q.quarter === 1 ? quarterFrom(q.year - 1, 4) : quarterFrom(q.year, (q.quarter - 1) as 1 | 2 | 3);
}

/**
 * R32: the quarter's list is published once per quarter (《监管执法年方案》二（二）: 每个季度公布一次). It sets no day; we
 * ask for it by the 10th working day after the quarter ends (configurable).
 */
export function blacklistPublicationDue(q: Pick<Quarter, 'year' | 'quarter'>, policy: CreditPolicy = defaultCreditPolicy): IsoDate {
  return addWorkingDays(quarterFrom(q.year, q.quarter).end, policy.blacklistPublicationWorkingDays);
}

/** The quarters since `since` (inclusive) whose publication is due by `today` and not in `publishedKeys`. */
export function pendingBlacklistPublications(publishedKeys: ReadonlySet<string>, since: IsoDate, today: IsoDate, policy: CreditPolicy = defaultCreditPolicy): { quarter: Quarter; due: IsoDate; overdue: boolean }[] {
  const out: { quarter: Quarter; due: IsoDate; overdue: boolean }[] = [];
  let q = previousQuarter(quarterOf(today));
  const first = quarterOf(since);
  while (q.key >= first.key) {
    if (!publishedKeys.has(q.key)) {
      const due = blacklistPublicationDue(q, policy);
      out.push({ quarter: q, due, overdue: today > due });
    }
    q = previousQuarter(q);
  }
  return out.reverse();
}

// ---------- status and planning ----------

export interface CreditStatusResult {
  status: CreditStatus;
  reasons: string[];
}

/**
 * R32 → R3: the credit status the register stores. blacklist: an active listing; dishonest (失信): an active serious
 * fact; normal (一般): an active general fact, or any credit-affecting fact in the last three years; trustworthy (守信):
 * none in the last three years.
 */
export function creditStatusOf(facts: readonly CreditFact[], listings: readonly BlacklistListing[], today: IsoDate, policy: CreditPolicy = defaultCreditPolicy): CreditStatusResult {
  const activeListing = listings.find((l) => blacklistStatus(l, today, policy).active);
  if (activeListing) return { status: 'blacklist', reasons: [`${activeListing.listedOn}列入严重失信主体名单，管理期至${blacklistStatus(activeListing, today, policy).expiresOn}`] };
  const active = facts.filter((f) => creditFactActive(f, today, policy));
  const serious = active.filter((f) => f.severity === 'serious');
  if (serious.length) return { status: 'dishonest', reasons: serious.map((f) => `${f.occurredOn} ${f.summary}`) };
  if (active.length) return { status: 'normal', reasons: active.map((f) => `${f.occurredOn} ${f.summary}`) };
  const since = addMonths(today, -12 * policy.trustworthyYears);
  const recent = facts.filter((f) => f.affectsCredit && f.occurredOn > since && f.occurredOn <= today);
  if (recent.length) return { status: 'normal', reasons: [`近${policy.trustworthyYears}年内有${recent.length}条信用记录`] };
  return { status: 'trustworthy', reasons: [`近${policy.trustworthyYears}年内无违法失信记录`] };
}

export interface CreditPlanningEffect {
  status: CreditStatus;
  /** R7: the status alone makes the enterprise a key target */
  keyTarget: boolean;
  /** R9: the factor the status multiplies the draw weight by (from planning's drawWeight, so they never diverge) */
  drawWeightFactor: number;
  measures: string[];
}

/**
 * R9/R32 → planning: what a credit status does to supervision. The numbers come from planning itself (keyTargetReasons,
 * drawWeight on an otherwise neutral enterprise), so this table and the plan cannot disagree.
 */
export function creditPlanningEffect(status: CreditStatus): CreditPlanningEffect {
  // an enterprise with nothing else that would make it a key target or change its weight
  const neutral = (creditStatus: CreditStatus): PlanEnterprise => ({
    id: 0,
    name: '',
    regionCode: '',
    industry: 'industry_trade',
    riskCode: 'blue',
    hazardSourceCount: 0,
    majorHazardSourceCount: 0,
    standardizationLevel: 'none',
    creditStatus,
    fatalAccidents3y: 0,
    nonSiteMonitored: false,
    supervisingAgencyId: 0,
  });
  const keyTarget = keyTargetReasons(neutral(status)).length > 0;
  const drawWeightFactor = Math.round((drawWeight(neutral(status)).weight / drawWeight(neutral('normal')).weight) * 1e6) / 1e6;
  const measures: Record<CreditStatus, string[]> = {
    trustworthy: ['降低抽查比例和检查频次'],
    normal: ['按常规比例和频次抽查'],
    dishonest: ['列为重点检查单位', '提高双随机抽查概率', '依法从严审查行政许可等事项'],
    blacklist: ['列为重点检查单位', '提高双随机抽查概率', '加大执法检查频次，实施联合惩戒（《安全生产法》第七十八条）', '每季度公布名单'],
  };
  return { status, keyTarget, drawWeightFactor, measures: [`信用状态：${creditStatusLabels[status]}`, ...measures[status]] };
}

/** Days a fact has left in publication (negative when ended), for the credit page. */
export function publicationDaysLeft(f: CreditFact, today: IsoDate): number | null {
  return f.publishedUntil ? calendarDaysBetween(today, f.publishedUntil) : null;
}
