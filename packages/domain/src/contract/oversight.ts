// 执法监督: case-file review (R34, R35), supervisory measures and the R34 detectors' alerts — the requests and answers
// of /case-reviews, /oversight/interventions, /oversight/rules, /oversight/detectors and /oversight/alerts.
import { z } from 'zod';
import { alertActions, alertStates, caseReviewKinds, caseReviewStatuses, detectorCodes, interventionKinds, interventionSubjects, reviewGrades, reviewSections } from '../oversight/browser.js';
import { publicationWithdrawalGrounds } from '../penalty/labels.js';
import { INT4, isoDate, pageOf, pageQuery } from './common.js';
import { intervention } from './penalty.js';
import { oneOf } from './wire.js';

// ---- case-file review ----
const text = (min: number, max: number, what: string) => z.string({ error: `请填写${what}` }).trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const optId = z.coerce.number().int().positive().max(INT4, '编号不正确').optional();
const kind = z.enum(caseReviewKinds, { error: '案卷类别应为行政处罚案卷或监督检查案卷' });

export const reviewItemFilter = z.object({
  roundId: optId,
  agencyId: optId,
  kind: kind.optional(),
  status: z.enum(caseReviewStatuses, { error: '状态应为待评查、待整改、整改待验收或已办结' }).optional(),
  grade: z.enum(reviewGrades, { error: '等次应为优秀、良好、合格或不合格' }).optional(),
});

export const reviewRound = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  perAgency: z.number(),
  ratio: z.number().nullable(),
  seed: z.number(),
  inputHash: z.string(),
  sheetVersion: z.number(),
  itemCount: z.number(),
  pending: z.number(),
  scored: z.number(),
  drawnByName: z.string(),
  drawnAt: z.string(),
});

export const reviewItem = z.object({
  id: z.number(),
  roundId: z.number(),
  roundTitle: z.string(),
  roundAgencyName: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  kind: z.enum(caseReviewKinds),
  kindLabel: z.string(),
  subjectId: z.number(),
  subjectLabel: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  status: z.enum(caseReviewStatuses),
  statusLabel: z.string(),
  score: z.number().nullable(),
  grade: z.enum(reviewGrades).nullable(),
  gradeLabel: z.string().nullable(),
  veto: z.boolean().nullable(),
  defectCount: z.number(),
  reviewerName: z.string().nullable(),
  scoredAt: z.string().nullable(),
});

export const reviewSheetItem = z.object({
  code: z.string({ error: '请填写评查项目编号' }).trim().regex(/^[A-Za-z0-9]{1,8}$/, '评查项目编号应为1至8位字母或数字'),
  section: z.enum(reviewSections, { error: '评查类别应为主体、事实与证据、适用法律、程序、裁量、文书或归档' }),
  text: text(4, 200, '评查内容'),
  points: z.number({ error: '请填写分值' }).min(0.5, '分值不少于0.5分').max(50, '分值不超过50分'),
  appliesTo: z.array(kind).min(1, '评查项目应至少适用于一类案卷').max(2),
  veto: z.boolean().optional(),
});
export const reviewDefect = z.object({ code: z.string(), section: z.enum(reviewSections), text: z.string(), deduction: z.number(), note: z.string(), veto: z.boolean() });
export const reviewStatus = z.object({ id: z.number(), status: z.string(), statusLabel: z.string() });
export const oversightMeasure = z.object({
  id: z.number(),
  subjectType: z.enum(interventionSubjects),
  subjectTypeLabel: z.string(),
  subjectId: z.number(),
  subjectLabel: z.string(),
  kind: z.enum(interventionKinds),
  kindLabel: z.string(),
  content: z.string(),
  dueOn: z.string().nullable(),
  targetAgencyName: z.string(),
  agencyName: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});


export const sheetQuery = z.object({ version: z.coerce.number().int().min(0).max(INT4, '版本号不正确').optional() });
export const sheetView = z.object({
  sheet: z.object({ version: z.number(), items: z.array(reviewSheetItem), note: z.string(), createdByName: z.string().nullable(), createdAt: z.string().nullable() }),
  canEdit: z.boolean(),
  versions: z.array(z.object({ version: z.number(), note: z.string(), createdByName: z.string().nullable(), createdAt: z.string().nullable(), itemCount: z.number() })),
});
export const sheetBody = z.object({ items: z.array(reviewSheetItem).min(1, '评查标准至少应有一个评查项目').max(200, '评查项目不超过200项'), note: text(2, 500, '修订说明') });
export const sheetPublished = z.object({ version: z.number(), items: z.array(reviewSheetItem), note: z.string(), createdByName: z.string(), createdAt: z.string() });
export const roundBody = z.object({
  quarter: z.string().regex(/^\d{4}-?Q[1-4]$/, '季度格式应为 2026-Q3').optional(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  perAgency: z.number({ error: '每个单位抽取数量应为整数' }).int('每个单位抽取数量应为整数').min(1, '每个单位至少抽取1卷').max(50, '每个单位最多抽取50卷').optional(),
  ratio: z.number({ error: '抽取比例应为数字' }).gt(0, '抽取比例应大于0').max(1, '抽取比例不超过100%').optional(),
  seed: z.number({ error: '随机种子应为整数' }).int('随机种子应为整数').min(0, '随机种子不能为负数').max(4294967295, '随机种子过大').optional(),
});
export const roundList = z.object({ canDraw: z.boolean(), items: z.array(reviewRound) });
export const roundVerification = z.object({ ok: z.boolean(), reason: z.string().nullable(), inputHash: z.string(), seed: z.number() });
export const reviewItemQuery = reviewItemFilter.extend({ page: z.coerce.number().int().min(1).max(100000).optional(), pageSize: z.coerce.number().int().min(1).max(100).optional() });
export const reviewItemPage = pageOf(reviewItem);
export const leagueQuery = z.object({ roundId: optId });
export const leagueRow = z.object({ rank: z.number().nullable(), agencyId: z.number(), agencyName: z.string(), drawn: z.number(), scored: z.number(), average: z.number().nullable(), excellent: z.number(), failed: z.number(), passRate: z.number().nullable(), openRectifications: z.number() });
export const league = z.object({ roundId: z.number().nullable(), roundTitle: z.string().nullable(), rows: z.array(leagueRow) });
export const itemScore = z.object({ code: z.string(), deduction: z.number(), note: z.string().optional() });
export const reviewItemDetail = reviewItem.extend({
  sheetVersion: z.number(),
  sheetItems: z.array(reviewSheetItem),
  scores: z.array(itemScore).nullable(),
  defects: z.array(reviewDefect),
  comment: z.string().nullable(),
  rectification: z.string().nullable(),
  rectifiedByName: z.string().nullable(),
  rectifiedAt: z.string().nullable(),
  acceptanceOpinion: z.string().nullable(),
  acceptedByName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  version: z.number(),
  interventions: z.array(z.object({ id: z.number(), kind: z.enum(interventionKinds), content: z.string(), dueOn: z.string().nullable(), recordedByName: z.string(), recordedAt: z.string() })),
  can: z.object({ score: z.boolean(), rectify: z.boolean(), accept: z.boolean(), intervene: z.boolean() }),
  reviewBlockedReason: z.string().nullable(),
});
export const scoreBody = z.object({
  scores: z
    .array(z.object({ code: z.string({ error: '请填写评查项目编号' }).max(8, '评查项目编号不正确'), deduction: z.number({ error: '扣分应为数字' }).min(0, '扣分不能为负数').max(50, '扣分不超过50分'), note: z.string().trim().max(500, '扣分理由不能超过500个字').optional() }))
    .min(1, '请逐项评分')
    .max(200, '评查项目过多'),
  comment: z.string().trim().max(2000, '评查意见不能超过2000个字').optional(),
});
export const scored = reviewStatus.extend({ applicablePoints: z.number(), deducted: z.number(), score: z.number(), grade: z.string(), gradeLabel: z.string(), veto: z.boolean(), defects: z.array(reviewDefect) });
export const rectificationBody = z.object({ content: text(10, 2000, '整改情况') });
export const acceptanceBody = z.object({ accept: z.boolean({ error: '请选择验收通过或退回整改' }), opinion: text(2, 1000, '验收意见') });

// ---- supervisory measures (督办、约谈、通报、监督提醒) ----
export const measureBody = z.object({
  subjectType: z.enum(interventionSubjects, { error: '监督对象应为评查案卷或处罚案件' }),
  subjectId: z.number({ error: '请选择监督对象' }).int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确'),
  kind: z.enum(interventionKinds, { error: '监督措施应为监督提醒、督办、约谈或通报' }),
  content: text(4, 2000, '监督措施的内容'),
  dueOn: isoDate.nullable().optional(),
});
export const measureRecorded = oversightMeasure.omit({ subjectTypeLabel: true, subjectLabel: true, agencyName: true });
export const measureQuery = z.object({
  subjectType: z.enum(interventionSubjects, { error: '监督对象应为评查案卷或处罚案件' }).optional(),
  subjectId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确').optional(),
  kind: z.enum(interventionKinds, { error: '监督措施应为监督提醒、督办、约谈或通报' }).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export const measurePage = pageOf(oversightMeasure);

// ---- the R34 detectors and their alerts ----
export const alertIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确') });
export const alertFilter = z.object({
  rule: z.enum(detectorCodes, { error: '监测规则不正确' }).optional(),
  state: z.enum(alertStates, { error: '状态不正确' }).optional(),
  agencyId: z.coerce.number().int().positive().max(INT4, '单位编号不正确').optional(),
  active: z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true').optional(),
});

export const alertEvidence = z.object({ label: z.string(), value: z.string(), link: z.string().optional() });
const ruleItem = z.object({ item: z.string(), text: z.string() });
export const oversightAlert = z.object({
  id: z.number(),
  rule: z.enum(detectorCodes),
  ruleTitle: z.string(),
  items: z.array(ruleItem),
  agencyId: z.number(),
  agencyName: z.string(),
  regionCode: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  summary: z.string(),
  evidence: z.array(alertEvidence),
  amount: z.number().nullable(),
  occurredOn: z.string().nullable(),
  state: z.enum(alertStates),
  stateLabel: z.string(),
  active: z.boolean(),
  firstDetectedOn: z.string(),
  lastDetectedOn: z.string(),
  clearedOn: z.string().nullable(),
  detections: z.number(),
  overseerName: z.string().nullable(),
  history: z.array(z.object({ action: z.string(), actionLabel: z.string(), from: z.string(), fromLabel: z.string(), to: z.string(), toLabel: z.string(), reason: z.string(), byName: z.string(), at: z.string().nullable() }).passthrough()),
  version: z.number(),
  actions: z.array(z.enum(alertActions)),
});
export const detectorRunResult = z.object({ rule: z.enum(detectorCodes), title: z.string(), found: z.number(), created: z.number(), cleared: z.number(), reopened: z.number(), ms: z.number() });

export const detectorRules = z.object({
  detectors: z.array(z.object({ code: z.enum(detectorCodes), title: z.string(), description: z.string(), items: z.array(ruleItem) })),
  uncovered: z.array(z.object({ item: z.string(), text: z.string(), why: z.string(), instead: z.string() })),
});
export const detectorRunBody = z.object({ asOf: isoDate.optional(), rules: z.array(z.enum(detectorCodes, { error: '监测规则不正确' })).max(detectorCodes.length).optional() }).optional();
export const detectorRun = z.object({ asOf: z.string(), results: z.array(detectorRunResult) });
export const alertQuery = alertFilter.extend(pageQuery(20, 200, 100_000).shape);
export const alertPage = pageOf(oversightAlert).extend({ capped: z.boolean() });
export const alertResolveBody = z.object({
  action: z.enum(alertActions, { error: '处理方式不正确' }),
  reason: z.string().trim().min(4, '请填写理由（至少4个字）').max(2000, '理由不能超过2000个字'),
  version: z.number().int().positive().max(INT4).optional(),
});

export type ReviewRound = z.infer<typeof reviewRound>;
export type ReviewItem = z.infer<typeof reviewItem>;
export type ReviewItemDetail = z.infer<typeof reviewItemDetail>;
export type ReviewItemPage = z.infer<typeof reviewItemPage>;
/** What the web sends: every filter optional. */
export type ReviewItemQuery = Partial<z.infer<typeof reviewItemQuery>>;
export type LeagueRow = z.infer<typeof leagueRow>;
export type League = z.infer<typeof league>;
export type SheetView = z.infer<typeof sheetView>;
export type SheetInput = z.input<typeof sheetBody>;
export type SheetPublished = z.infer<typeof sheetPublished>;
export type RoundInput = z.input<typeof roundBody>;
export type RoundList = z.infer<typeof roundList>;
export type RoundVerification = z.infer<typeof roundVerification>;
export type ScoreInput = z.input<typeof scoreBody>;
export type Scored = z.infer<typeof scored>;
export type ReviewStatus = z.infer<typeof reviewStatus>;
export type AcceptanceInput = z.input<typeof acceptanceBody>;
export type OversightMeasure = z.infer<typeof oversightMeasure>;
export type MeasureInput = z.input<typeof measureBody>;
export type MeasureRecorded = z.infer<typeof measureRecorded>;
export type MeasureQuery = Partial<z.infer<typeof measureQuery>>;
export type MeasurePage = z.infer<typeof measurePage>;
export type AlertEvidence = z.infer<typeof alertEvidence>;
export type OversightAlert = z.infer<typeof oversightAlert>;
export type AlertHistoryEntry = OversightAlert['history'][number];
export type AlertQuery = Partial<z.infer<typeof alertQuery>>;
export type AlertPage = z.infer<typeof alertPage>;
export type AlertResolveInput = z.input<typeof alertResolveBody>;
export type DetectorRules = z.infer<typeof detectorRules>;
export type DetectorRunResult = z.infer<typeof detectorRunResult>;
export type DetectorRun = z.infer<typeof detectorRun>;

// ---- 执法监督 of penalty cases (GET /penalty-oversight: R25, R29, R31, R32, R38) ----

const lateness = { daysLate: z.number(), workingDaysLate: z.number() };
const caseRef = { caseId: z.number(), caseNumber: z.string().nullable(), enterpriseId: z.number(), enterpriseName: z.string() };
/** R38/R27/第六十一条/第六十七条: a statutory deadline of an open case that has passed. */
export const overdueDeadline = z.object({
  ...caseRef,
  status: z.string(),
  statusLabel: z.string(),
  deadline: oneOf(['decision', 'rights_notice', 'service', 'payment']),
  label: z.string(),
  /** who has to act now */
  nextStep: z.string(),
  basis: z.string(),
  due: z.string(),
  ...lateness,
});
/** R31: a leader's intervention recorded in a case. */
export const oversightIntervention = z.object({ ...intervention.shape, ...caseRef, caseStatus: z.string(), caseStatusLabel: z.string() });
/** R25: an amount chosen outside the proposed tier, with its written reason. */
export const oversightDeviation = z.object({
  ...caseRef,
  caseStatus: z.string(),
  caseStatusLabel: z.string(),
  decidedOn: z.string().nullable(),
  violationNo: z.number(),
  itemCode: z.string(),
  violation: z.string(),
  basis: z.string(),
  tier: z.string().nullable(),
  tierLabel: z.string().nullable(),
  amountRange: z.object({ min: z.number(), max: z.number() }).nullable(),
  suggestedAmount: z.number().nullable(),
  amount: z.number().nullable(),
  reason: z.string().nullable(),
  assessedBy: z.string().nullable(),
  assessedAt: z.string(),
});
export const latePublication = z.object({ ...caseRef, decidedOn: z.string(), dueOn: z.string(), publishedOn: z.string().nullable(), published: z.boolean(), ...lateness });
/** 《行政处罚法》第四十八条第二款: a published decision withdrawn later than 3 working days after it was changed or annulled. */
export const lateWithdrawal = z.object({ ...caseRef, changedOn: z.string().nullable(), dueOn: z.string(), withdrawnOn: z.string(), ground: oneOf(publicationWithdrawalGrounds), ...lateness });
/** R29/R32: a credit-repair application (appliedOn) or an objection (receivedOn) answered late, or not yet. */
export const lateAnswer = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditFactId: z.number().optional(),
  appliedOn: z.string().optional(),
  receivedOn: z.string().optional(),
  answerDue: z.string(),
  status: z.string(),
  decidedOn: z.string().nullable(),
  ...lateness,
});
export const lateBlacklistPublication = z.object({ id: z.number(), quarter: z.string(), quarterLabel: z.string(), agencyName: z.string(), dueOn: z.string(), publishedOn: z.string(), ...lateness });
export const penaltyOversightView = z.object({
  today: z.string(),
  overdue: z.array(overdueDeadline),
  interventions: z.array(oversightIntervention),
  deviations: z.array(oversightDeviation),
  latePublications: z.array(latePublication),
  lateWithdrawals: z.array(lateWithdrawal),
  lateRepairs: z.array(lateAnswer),
  lateObjections: z.array(lateAnswer),
  lateBlacklistPublications: z.array(lateBlacklistPublication),
});
export type OverdueDeadline = z.input<typeof overdueDeadline>;
export type OversightIntervention = z.input<typeof oversightIntervention>;
export type OversightDeviation = z.input<typeof oversightDeviation>;
export type LatePublication = z.input<typeof latePublication>;
export type LateWithdrawal = z.input<typeof lateWithdrawal>;
export type LateAnswer = z.input<typeof lateAnswer>;
export type LateBlacklistPublication = z.input<typeof lateBlacklistPublication>;
export type PenaltyOversightView = z.input<typeof penaltyOversightView>;
