// Penalty cases (R18, R25–R31) and their publication (R29): the requests and answers of /penalty-cases,
// /discretion*, /legal-reviews and /public/penalty-decisions. Answers are typed in their wire form (`z.input`).
import { z } from 'zod';
import {
  accidentGrades,
  aggravatingFactors,
  discretionTiers,
  faultLevels,
  harmLevels,
  mitigatingFactors,
  penaltyCaseActions,
  penaltyCaseStatuses,
  penaltyDecisionKinds,
  penaltyParties,
  penaltyPartyActions,
  penaltyProcedures,
  penaltyStages,
  publicationWithdrawalGrounds,
  sanctionKinds,
  statementAdoptions,
} from '../penalty/labels.js';
import { legalReviewAspects, serviceMethods, type HearingMinutes, type HearingNoticeFacts, type ServiceFacts } from '../penalty/caseRecords.js';
import type { CollectiveDiscussion, CombinedPenalty, DiscretionCatalogue, DiscretionProposal, ViolationFacts } from '../penalty/index.js';
import { INT4, idParam, isoDate } from './common.js';
import { oneOf, timestamp } from './wire.js';

const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const yuan = z.number({ error: '金额应为数字（元）' }).int('金额应为整数元').min(0, '金额不能为负数').max(1e10);

// ---------- requests ----------

export const caseIdParams = idParam;
export const violationParams = idParam.extend({ no: z.coerce.number().int().positive() });
export const statementParams = idParam.extend({ eventId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, '编号不正确') });

export const violationFactsSchema = z.object({
  itemCode: z.string().trim().min(1, '请选择裁量事项').max(100),
  // the item (项) of the article applied (第一百零一条第（三）项)
  clause: z.number({ error: '适用的项应为数字' }).int('适用的项应为整数').min(1, '请选择适用的项').max(20, '请选择适用的项').nullable().optional(),
  actId: z.string().trim().max(100).optional(),
  partyName: z.string().trim().max(200).optional(),
  circumstance: z.enum(discretionTiers, { error: '违法情节应为轻微、一般、较重或严重' }),
  harm: z.enum(harmLevels, { error: '请选择危害后果' }),
  fault: z.enum(faultLevels, { error: '请选择主观过错' }),
  firstViolation: z.boolean(),
  correctedInTime: z.boolean(),
  repeatWithinYear: z.boolean(),
  majorHazard: z.boolean().optional(),
  mitigating: z.array(z.enum(mitigatingFactors)).max(5).readonly().optional(),
  aggravating: z.array(z.enum(aggravatingFactors)).max(7).readonly().optional(),
  reduce: z.boolean().optional(),
  illegalGain: yuan.nullable().optional(),
  annualIncome: yuan.nullable().optional(),
});

export const violationBody = z.object({
  facts: violationFactsSchema,
  amount: yuan.nullable().optional(),
  reason: z.string().trim().max(1000).nullable().optional(),
  sanctions: z.array(z.enum(sanctionKinds)).max(20).optional(),
  punishDespiteOptionalExemption: z.boolean().optional(),
});

export const caseExportQuery = z.object({
  status: z.enum(penaltyCaseStatuses).optional(),
  enterpriseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  q: z.string().trim().max(100).optional(),
});
export const caseListQuery = z.object({
            status: z.enum(penaltyCaseStatuses).optional(),
            enterpriseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
            q: z.string().trim().max(100).optional(),
            // R36 drill-down from the statistics: opened (立案) or decided between, procedure, transferred, region
            openedFrom: isoDate.optional(),
            openedTo: isoDate.optional(),
            decidedFrom: isoDate.optional(),
            decidedTo: isoDate.optional(),
            procedure: z.enum(penaltyProcedures).optional(),
            transferred: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional(),
            page: z.coerce.number().int().min(1).optional(),
            pageSize: z.coerce.number().int().min(1).max(100).optional(),
          });
export const caseCreateBody = z.object({
            enterpriseId: z.number().int().positive(),
            facts: text(4, 4000, '案情'),
            procedure: z.enum(penaltyProcedures).default('general'),
            partyKind: z.enum(['organization', 'citizen']).optional(),
            partyName: z.string().trim().max(200).optional(),
            investigatorIds: z.array(z.number().int().positive().max(INT4)).max(10).optional(),
            majorHazard: z.boolean().optional(),
          });
export const casePatchBody = z.object({
            facts: text(4, 4000, '案情').optional(),
            procedure: z.enum(penaltyProcedures).optional(),
            partyKind: z.enum(['organization', 'citizen']).optional(),
            partyName: z.string().trim().min(1).max(200).optional(),
            investigatorIds: z.array(z.number().int().positive().max(INT4)).max(10).optional(),
            decisionKind: z.enum(penaltyDecisionKinds).nullable().optional(),
            noPenaltyBasis: z.string().trim().max(1000).nullable().optional(),
            rightsWaived: z.boolean().optional(),
            // 负责人集体讨论: who took part and what they concluded (a bare yes/no is refused with the reason)
            collectiveDiscussionHeld: z.boolean().optional(),
            collectiveDiscussion: z
              .object({
                heldOn: isoDate,
                participants: z.array(z.object({ name: z.string().trim().min(2, '姓名至少2个字').max(20), position: z.string().trim().max(30) })).min(1, '请填写参加人员').max(30),
                conclusion: z.string().trim().min(1, '请写明讨论结论').max(2000),
                opinions: z.array(z.object({ name: z.string().trim().max(20), opinion: z.string().trim().max(2000, '发言意见不能超过2000个字') }), { error: '请记录参加人员的讨论意见' }).max(30),
              })
              .optional(),
            hearing: z
              .object({
                noticeOn: isoDate.nullable().optional(),
                heldOn: isoDate.nullable().optional(),
                hostId: z.number().int().positive().max(INT4).nullable().optional(),
                abandoned: z.boolean().optional(),
                // issue #17: the 听证通知书's time, place and hearing staff; the 听证笔录's facts
                notice: z.object({ time: z.string().trim().max(5), place: z.string().trim().max(200, '听证地点不能超过200个字'), panelists: z.array(z.string().trim().max(20)).max(4, '听证员最多4名'), clerk: z.string().trim().max(20) }).optional(),
                minutes: z
                  .object({
                    attended: z.boolean(),
                    partyAttendees: z.array(z.object({ name: z.string().trim().max(20), role: z.string().trim().max(30) })).max(10),
                    investigatorCase: z.string().trim().max(5000, '内容不能超过5000个字'),
                    partyStatement: z.string().trim().max(5000, '内容不能超过5000个字'),
                    crossExamination: z.string().trim().max(5000, '内容不能超过5000个字'),
                    finalStatements: z.string().trim().max(5000, '内容不能超过5000个字'),
                    absenceNote: z.string().trim().max(2000).nullable().optional(),
                  })
                  .optional(),
              })
              .optional(),
            executionDone: z.boolean().optional(),
            reason: z.string().trim().max(1000).optional(),
          });
export const caseActionBody = z.object({
            action: z.enum(penaltyCaseActions, { error: '未知的案件操作' }),
            // the party's statement can be long; other reasons are a few lines
            reason: z.string().trim().max(5000, '内容不能超过5000个字').nullable().optional(),
            factsClearWithBasis: z.boolean().optional(),
            transferTo: z.string().trim().max(200).nullable().optional(),
            // R27, the party's acts: the day a paper submission was received (officers only), attachments uploaded before
            receivedOn: isoDate.nullable().optional(),
            evidenceIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(20, '附件最多20个').optional(),
            // issue #17, serve: how the decision was served (送达回证)
            service: z
              .object({
                servedOn: isoDate.optional(),
                method: z.enum(serviceMethods, { error: '送达方式应为直接送达、留置送达、邮寄送达、委托送达、电子送达或公告送达' }),
                recipient: z.string().trim().max(200),
                signer: z.object({ name: z.string().trim().max(20), relation: z.string().trim().max(30) }).nullable().optional(),
                place: z.string().trim().max(300, '送达地点不能超过300个字'),
                witness: z.object({ name: z.string().trim().max(20), position: z.string().trim().max(50).optional() }).nullable().optional(),
                electronicConsentOn: isoDate.nullable().optional(),
                note: z.string().trim().max(500).nullable().optional(),
              })
              .nullable()
              .optional(),
            // issue #17, approve/reject review: the finding on each point reviewed (法制审核意见书)
            reviewPoints: z.partialRecord(z.enum(legalReviewAspects), z.string().trim().max(500, '审核要点不能超过500个字')).nullable().optional(),
          });
export const statementAnswerBody = z.object({
            result: z.enum(statementAdoptions, { error: '采纳情况应为采纳、部分采纳或不予采纳' }),
            reasons: z.string({ error: '请写明理由' }).trim().max(2000, '理由不能超过2000个字'),
          });
export const interventionBody = z.object({ intervenerName: text(1, 50, '干预人姓名'), intervenerPosition: text(1, 100, '干预人职务'), method: text(1, 50, '干预方式'), content: text(4, 2000, '干预内容'), occurredOn: isoDate });
export const escalationBody = z.object({ reason: text(10, 1000, '提级管辖的理由') });
export const withdrawalBody = z.object({
            ground: z.enum(publicationWithdrawalGrounds, { error: '撤回事由应为：被依法变更、被依法撤销、被确认违法或被确认无效' }),
            reason: z.string({ error: '请填写撤回理由' }).trim().min(4, '请填写撤回理由（不少于4个字），理由将向社会公开').max(1000, '撤回理由不能超过1000个字'),
            changedOn: isoDate,
          });
export const legalReviewQuery = z.object({ result: z.enum(['pending', 'approved', 'returned']).optional() });
export const publicationQuery = z.object({ status: z.enum(['pending', 'late', 'published', 'withdrawn'], { error: '状态应为待公示、逾期、已公示或已撤回' }).optional() });
export const publicDecisionQuery = z.object({ regionCode: z.string().regex(/^\d{2,12}$/, '行政区划代码应为数字').optional(), page: z.coerce.number().int().min(1).max(100000).optional(), pageSize: z.coerce.number().int().min(1).max(100).optional() });

// ---------- answers ----------

/** A moment the server may hold as a Date (drizzle) or already as text: ISO text on the wire either way. */
const moment = z.union([timestamp, z.string()]);
/**
 * A stored record (a jsonb value or a table row) whose further fields go out unchanged: the fields listed are checked
 * and typed, the others are not stripped. Typed without an index signature so the server's interfaces fit it.
 */
const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;

export const countdown = z.object({ due: z.string(), daysLeft: z.number(), workingDaysLeft: z.number(), overdue: z.boolean(), dueToday: z.boolean(), provisional: z.boolean().optional() });

export const caseListItem = z.object({
  id: z.number(),
  caseNumber: z.string().nullable(),
  status: oneOf(penaltyCaseStatuses),
  statusLabel: z.string(),
  procedure: oneOf(penaltyProcedures),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  facts: z.string(),
  openedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  fine: z.number().nullable(),
  decisionDue: countdown.nullable(),
});
export const casePage = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(caseListItem) });

/** The 决定 proposed, notified or made (workflow.ts ProposedDecision, with the decision's own facts). */
export const proposedDecision = loose({
  kind: oneOf(penaltyDecisionKinds),
  fine: z.number(),
  confiscation: z.number().optional(),
  sanctions: z.array(oneOf(sanctionKinds)).readonly(),
  warningOnly: z.boolean().optional(),
  reasoning: z.string().optional(),
  decidedBy: z.string().optional(),
  decidedOn: z.string().optional(),
});
export const storedViolation = z.object({
  facts: z.custom<ViolationFacts>(),
  proposal: z.custom<DiscretionProposal>(),
  amount: z.number().nullable(),
  reason: z.string().nullable(),
  sanctions: z.array(oneOf(sanctionKinds)),
  punishDespiteOptionalExemption: z.boolean(),
  deviates: z.boolean(),
  assessedBy: z.number(),
  assessedAt: z.string(),
});
export const caseEvent = loose({
  id: z.number(),
  caseId: z.number(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorId: z.number().nullable().optional(),
  actorName: z.string(),
  actorRole: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable().optional(),
  at: moment,
});
export const partySubmission = z.object({
  id: z.number(),
  kind: oneOf(penaltyPartyActions),
  at: moment,
  receivedOn: z.string(),
  onBehalf: z.boolean(),
  supplement: z.boolean(),
  by: z.string(),
  byRole: z.string().nullable(),
  text: z.string().nullable(),
  attachments: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number() })),
  answer: z.object({ result: z.enum(statementAdoptions), resultLabel: z.string(), reasons: z.string(), by: z.string(), at: moment }).nullable(),
});
const reviewResult = oneOf(['pending', 'approved', 'returned']);
export const legalReview = loose({
  id: z.number(),
  caseId: z.number(),
  majorReasons: z.custom<string[]>(),
  submittedBy: z.number(),
  submittedAt: moment,
  result: reviewResult,
  reviewerId: z.number().nullable(),
  reviewerName: z.string().nullable(),
  comments: z.string().nullable(),
  decidedAt: moment.nullable(),
});
export const intervention = loose({
  id: z.number(),
  caseId: z.number(),
  intervenerName: z.string(),
  intervenerPosition: z.string(),
  method: z.string(),
  content: z.string(),
  occurredOn: z.string(),
  recordedByName: z.string(),
  recordedAt: moment,
});
export const caseDeadline = countdown.extend({ id: z.string(), label: z.string(), basis: z.string(), done: z.boolean() });
export const caseDocument = z.object({ id: z.number(), kind: z.string(), number: z.string(), title: z.string(), issuedAt: moment });
export const publication = loose({
  caseId: z.number(),
  decidedOn: z.string(),
  dueOn: z.string(),
  dueRule: z.string(),
  publishedAt: moment.nullable(),
  publishedOn: z.string().nullable(),
  late: z.boolean(),
  withdrawnAt: moment.nullable().optional(),
  withdrawnOn: z.string().nullable().optional(),
  withdrawalGround: oneOf(publicationWithdrawalGrounds).nullable().optional(),
  withdrawalReason: z.string().nullable().optional(),
  decisionChangedOn: z.string().nullable().optional(),
  withdrawalDueOn: z.string().nullable().optional(),
  withdrawalLate: z.boolean().optional(),
});
export const hearingRecord = loose({
  requestedOn: z.string().optional(),
  noticeOn: z.string().nullable().optional(),
  heldOn: z.string().nullable().optional(),
  hostId: z.number().nullable().optional(),
  abandoned: z.boolean().optional(),
  withdrawnOn: z.string().nullable().optional(),
  notice: z.custom<HearingNoticeFacts>().nullable().optional(),
  minutes: z.custom<HearingMinutes>().nullable().optional(),
});
/** 负责人集体讨论 as stored: the record and who entered it. */
export const collectiveDiscussionRecord = z.custom<CollectiveDiscussion & { recordedBy: string }>();

export const caseDetail = z.object({
  id: z.number(),
  caseNumber: z.string().nullable(),
  status: oneOf(penaltyCaseStatuses),
  statusLabel: z.string(),
  procedure: oneOf(penaltyProcedures),
  partyKind: oneOf(['organization', 'citizen']),
  partyName: z.string(),
  agencyId: z.number(),
  /** 承办机关 */
  agencyName: z.string(),
  /** the caller's agency handles the case (its staff act on it) */
  canAct: z.boolean(),
  /** the caller (a leader of a higher agency) may take the case over (提级管辖) */
  canEscalate: z.boolean(),
  enterpriseId: z.number(),
  enterprise: z.object({ id: z.number(), name: z.string(), creditCode: z.string(), creditStatus: z.string() }).nullable(),
  regionCode: z.string(),
  facts: z.string(),
  sourceInspectionId: z.number().nullable(),
  sourceFindingId: z.number().nullable(),
  majorHazard: z.boolean(),
  investigators: z.array(z.object({ id: z.number(), name: z.string(), credentialNo: z.string() })),
  catalogVersion: z.number().nullable(),
  violations: z.array(storedViolation),
  combined: z.custom<CombinedPenalty>().nullable(),
  proposal: proposedDecision.nullable(),
  decisionKind: oneOf(penaltyDecisionKinds).nullable(),
  noPenaltyBasis: z.string().nullable(),
  notified: proposedDecision.nullable(),
  statementReceived: z.boolean(),
  statementText: z.string().nullable(),
  rightsWaived: z.boolean(),
  hearing: hearingRecord.nullable(),
  /** R27: the earliest day the hearing may be held (seven working days after the notice recorded, or today) */
  earliestHearingOn: z.string(),
  /** R29: 加处罚款 on a fine unpaid after its due day, as of today (capped at the fine) */
  latePayment: z.object({ dueOn: z.string(), fine: z.number(), days: z.number(), amount: z.number(), perDay: z.number(), capped: z.boolean() }).nullable(),
  collectiveDiscussionHeld: z.boolean(),
  /** 负责人集体讨论: who took part and what they concluded */
  collectiveDiscussion: collectiveDiscussionRecord.nullable(),
  /** how the decision was served (送达回证) */
  service: z.custom<ServiceFacts>().nullable(),
  decision: proposedDecision.nullable(),
  executionDone: z.boolean(),
  transferredTo: z.string().nullable(),
  dates: z.object({ openedOn: z.string().nullable(), notifiedOn: z.string().nullable(), decidedOn: z.string().nullable(), servedOn: z.string().nullable(), closedOn: z.string().nullable() }),
  deadlines: z.array(caseDeadline),
  majorCaseReasons: z.array(z.string()),
  hearingRightReasons: z.array(z.string()),
  availableActions: z.array(oneOf(penaltyCaseActions)),
  partySubmissions: z.array(partySubmission),
  events: z.array(caseEvent),
  legalReviews: z.array(legalReview),
  interventions: z.array(intervention),
  documents: z.array(caseDocument),
  publication: publication.nullable(),
  /** 《安全生产法》第一百一十二条、第一百一十三条 candidates (staff only) */
  alerts: z.unknown(),
  version: z.number(),
});

/** R29: the documents the 卷宗 must hold before 结案, and those still missing. */
const caseFileDocument = z.object({ kind: z.string(), label: z.string() });
export const caseCompleteness = z.object({ required: z.array(caseFileDocument), missing: z.array(caseFileDocument) });
export const caseFilePdf = z.any().describe('卷宗 PDF 文件');

export type Countdown = z.input<typeof countdown>;
export type CaseListItem = z.input<typeof caseListItem>;
export type CasePage = z.input<typeof casePage>;
export type StoredViolation = z.input<typeof storedViolation>;
export type ProposedDecision = z.input<typeof proposedDecision>;
export type CaseEvent = z.input<typeof caseEvent>;
export type PartySubmission = z.input<typeof partySubmission>;
export type LegalReview = z.input<typeof legalReview>;
export type Intervention = z.input<typeof intervention>;
export type CaseDeadline = z.input<typeof caseDeadline>;
export type CaseDocument = z.input<typeof caseDocument>;
export type Publication = z.input<typeof publication>;
export type HearingRecord = z.input<typeof hearingRecord>;
export type CollectiveDiscussionRecord = z.input<typeof collectiveDiscussionRecord>;
export type CollectiveDiscussionInput = z.input<ReturnType<typeof casePatchBody.shape.collectiveDiscussion.unwrap>>;
export type CaseDetail = z.input<typeof caseDetail>;
export type CaseCompleteness = z.input<typeof caseCompleteness>;
/** What the web sends: every filter optional. */
export type CaseQuery = Partial<z.infer<typeof caseListQuery>>;
export type CaseCreateInput = z.input<typeof caseCreateBody>;
export type CasePatch = z.input<typeof casePatchBody>;
export type ViolationInput = z.input<typeof violationBody>;
export type ActionInput = z.input<typeof caseActionBody>;
export type StatementAnswerInput = z.input<typeof statementAnswerBody>;
export type InterventionInput = z.input<typeof interventionBody>;
export type WithdrawalInput = z.input<typeof withdrawalBody>;

// ---------- the discretion catalogue, legal reviews, publication, attachments, alerts ----------

/**
 * A domain record (the catalogue, a proposal) documented by its main fields and typed as the domain's interface: the
 * other fields go out unchanged (a looser check than z.object, which would drop them).
 */
const record =
  <T>() =>
  <S extends z.ZodRawShape>(shape: S) =>
    z.looseObject(shape) as unknown as z.ZodType<T, T>;

/** R25/R26: the catalogue in force (or a version), as the domain defines it. */
export const discretionCatalogue = record<DiscretionCatalogue>()({
  version: z.number(),
  title: z.string(),
  law: z.string(),
  effectiveFrom: z.string(),
  tierRule: z.string(),
  items: z.array(z.looseObject({ code: z.string(), article: z.number(), articleLabel: z.string(), violation: z.string() })),
});
export const discretionCatalogueVersions = z.object({ items: z.array(z.object({ version: z.number(), note: z.string(), createdAt: moment.nullable(), items: z.number() })) });
const amount = z.number().finite();
const tieredRange = z.object({
  min: amount,
  max: amount,
  tiers: z.array(z.object({ tier: z.enum(discretionTiers), min: amount, max: amount })).max(4),
});
/** The shape of a discretion item (DiscretionItem): what discretionCatalogueProblems then checks for consistency. */
export const discretionItemSchema = z.object({
  code: z.string().trim().min(1).max(100),
  law: z.string().max(200),
  article: z.number().int().min(1).max(1000),
  articleLabel: z.string().max(50),
  paragraph: z.number().int().min(1).max(50).optional(),
  violation: z.string().max(2000),
  stage: z.enum(penaltyStages),
  party: z.enum(penaltyParties),
  accidentGrade: z.enum(accidentGrades).optional(),
  fine: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('amount'), range: tieredRange }),
    z.object({ kind: z.literal('percentOfAnnualIncome'), range: tieredRange }),
    z.object({ kind: z.literal('timesIllegalGain'), gainThreshold: amount, times: tieredRange, otherwise: tieredRange }),
    z.object({ kind: z.literal('dailyRepeat') }),
    z.object({ kind: z.literal('otherLaw'), basis: z.string().max(2000) }),
  ]),
  sanctions: z.array(z.object({ kind: z.enum(sanctionKinds), condition: z.string().max(500).optional(), text: z.string().max(500).optional() })).max(20),
  articleText: z.string().max(5000),
  criminalReserved: z.boolean(),
  exemptible: z.boolean(),
  note: z.string().max(2000).optional(),
});
/** R26: a new version of the catalogue; the server then checks the items' consistency (discretionCatalogueProblems). */
export const discretionCatalogueBody = z.object({
  note: z.string().trim().min(2, '请填写修订说明（不少于2个字）').max(500, '修订说明不能超过500个字'),
  title: z.string().trim().max(200).optional(),
  items: z.array(discretionItemSchema).min(1, '请提供裁量事项').max(2000),
});
export const discretionCataloguePublished = z.object({ version: z.number(), items: z.number() });
/** R25: the engine's proposal for one violation's facts. */
export const discretionProposal = record<DiscretionProposal>()({
  itemCode: z.string(),
  basis: z.string(),
  outcome: z.string(),
  tier: z.string().nullable(),
  suggestedAmount: z.number().nullable(),
  reasoning: z.string(),
  problems: z.array(z.string()),
});

export const legalReviewItem = z.object({
  id: z.number(),
  caseId: z.number(),
  caseNumber: z.string().nullable(),
  enterpriseName: z.string(),
  result: reviewResult,
  majorReasons: z.custom<string[]>(),
  submittedAt: moment,
  reviewerName: z.string().nullable(),
  comments: z.string().nullable(),
  decidedAt: moment.nullable(),
});
export const legalReviewList = z.object({ items: z.array(legalReviewItem) });

/** R27: a file for the party's statement / hearing request (multipart: clientId first, then the file). Read by the handler. */
export const caseAttachmentUpload = z.unknown().meta({
  type: 'object',
  required: ['clientId', 'file'],
  properties: { clientId: { type: 'string', description: '记录编号（8至64个字符，重发时相同）' }, file: { type: 'string', format: 'binary' } },
});

export const publicationStatuses = ['pending', 'late', 'published', 'withdrawn'] as const;
export const publicationWithdrawal = z.object({
  ground: oneOf(publicationWithdrawalGrounds).nullable(),
  groundLabel: z.string(),
  reason: z.string(),
  /** the day the decision was changed or annulled: the 3 working days run from it */
  changedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  late: z.boolean(),
});
/** R29: one decision to publish (the staff list, and the answer of publishing or withdrawing it). */
export const publicationItem = z.object({
  caseId: z.number(),
  regionCode: z.string(),
  enterpriseId: z.number(),
  caseNumber: z.string().nullable(),
  documentNumber: z.string().nullable(),
  partyName: z.string(),
  fine: z.number(),
  decidedOn: z.string(),
  dueOn: z.string(),
  dueRule: z.string(),
  publishedOn: z.string().nullable(),
  publishedByName: z.string().nullable(),
  published: z.boolean(),
  late: z.boolean(),
  countdown: countdown.nullable(),
  withdrawn: z.boolean(),
  withdrawal: publicationWithdrawal.nullable(),
  /** what the portal shows (masked) */
  content: z.unknown(),
});
export const publicationList = z.object({
  items: z.array(publicationItem),
  counts: z.object({ pending: z.number(), overdue: z.number(), late: z.number(), published: z.number(), withdrawn: z.number() }),
});

/** 《安全生产法》第一百一十二条: a daily penalty (按日连续处罚) the enterprise's record calls for. */
export const dailyPenaltyCandidate = z.object({ penaltyId: z.union([z.string(), z.number()]).optional(), from: z.string(), until: z.string(), days: z.number(), perDay: z.number(), amount: z.number(), text: z.string() });
/** 《安全生产法》第一百一十三条: a ground to ask for the enterprise's closure. */
export const closureGround = z.object({
  ground: z.string(),
  clause: z.string(),
  text: z.string(),
  penaltyIds: z.array(z.union([z.string(), z.number()])).optional(),
  window: z.object({ from: z.string(), to: z.string(), count: z.number(), span: z.enum(['180_days', 'one_year']) }).optional(),
});
export const enforcementAlerts = z.object({ dailyPenalty: z.array(dailyPenaltyCandidate), closure: z.array(closureGround) });

export type DiscretionCatalogueVersions = z.input<typeof discretionCatalogueVersions>;
export type LegalReviewItem = z.input<typeof legalReviewItem>;
export type PublicationStatus = (typeof publicationStatuses)[number];
export type PublicationWithdrawal = z.input<typeof publicationWithdrawal>;
export type PublicationItem = z.input<typeof publicationItem>;
export type PublicationList = z.input<typeof publicationList>;
export type DailyPenaltyCandidate = z.input<typeof dailyPenaltyCandidate>;
export type ClosureGround = z.input<typeof closureGround>;
export type EnforcementAlerts = z.input<typeof enforcementAlerts>;
