// The inspection capability's API shapes (filing, the visit, the check-item catalogue, evidence, the public QR page),
// used by the routes and by the web. Answers' types are their wire form (`z.input`, see wire.ts).
//
// The phone's sync of one inspection (R16–R19, R22, R35): what the officer did on site — offline or not — sent as one
// request. Declared once here and used by the route (validation, OpenAPI) and by the web (types, form checks).
// Every part carries the phone's time of the act and is applied at most once, so the same body may be sent again
// (a lost answer, a restart) with no effect; parts already applied are skipped, newer answers win.
import { z } from 'zod';
import { answerResults, evidenceKinds, findingDispositions, inspectionOrigins, inspectionStatuses, type FeedbackAnswers } from '../inspection/labels.js';
import { checkItemScopes } from '../inspection/checkItems.js';
import { industries } from '../registry/enums.js';
import { onSiteMeasures, seizureMeasures, sexes } from '../documents/siteRecords.js';
import { INT4, isoDate as calendarDate } from './common.js';
import { oneOf, timestamp } from './wire.js';
import { unplannedTriggers } from './planning.js';

const at = (what: string) => z.iso.datetime({ offset: true, error: `${what}时间格式不正确` });
const clientId = z.string().trim().min(8, '记录编号不正确').max(64);
const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

export const syncAnswer = z.object({
  itemCode: z.string().trim().max(10),
  result: z.enum(answerResults, { error: '检查结果应为符合、不符合或不涉及' }),
  note: z.string().trim().max(2000).optional(),
  answeredAt: at('填写'),
});

export const syncExam = z.object({
  clientId,
  personName: text(1, 50, '被考核人'),
  position: text(1, 50, '职务'),
  questions: text(2, 2000, '考核内容'),
  score: z.number().int().min(0).max(100),
  at: at('考核'),
});

export const syncCertificate = z.object({
  clientId,
  holderName: text(1, 50, '持证人'),
  certificateType: text(1, 100, '证书类别'),
  certificateNo: text(1, 100, '证书编号'),
  validTo: isoDate,
  at: at('查验'),
});

export const syncFinding = z.object({
  clientId,
  itemCode: z.string().trim().max(10).nullish(),
  description: text(4, 2000, '问题描述'),
  disposition: z.enum(findingDispositions, { error: '请选择处理方式' }),
  major: z.boolean().default(false),
  requirement: z.string().trim().max(2000).optional(),
  deadline: isoDate.nullish(),
  responsiblePerson: z.string().trim().max(50).nullish(),
  trackerName: z.string().trim().max(50).nullish(),
  at: at('发现'),
});

/**
 * A photo sent with the sync (R35): sealed at capture by its SM3, time and position. The file itself is a part of the
 * multipart sync (any field name), found by that SM3; a photo already stored under its clientId needs no file again.
 */
export const syncPhoto = z.object({
  clientId,
  itemCode: z.string().trim().max(10).nullish(),
  /** the finding it documents (a finding fixed on the spot needs one) */
  findingClientId: clientId.nullish(),
  sm3: z.string().regex(/^[0-9a-f]{64}$/, '照片校验值格式不正确'),
  capturedAt: at('拍摄'),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracy: z.number().min(0).max(100000).optional(),
});

/**
 * The body of `POST /api/inspections/:id/sync`. Photos go either before it, each on its own through
 * `POST /api/inspections/:id/evidence` (multipart, with the SM3 and capture time taken on the phone), or with it: the
 * sync as multipart/form-data, this body as JSON in the field `sync` and the photos' files after it, each listed in
 * `photos`. Parts are applied in the order of the inspection: entry, 亮证, commitment, answers, exams, certificates,
 * photos, findings (a finding fixed on the spot needs its photo), completion.
 */
export const inspectionSyncBody = z.object({
  /** 进场: the phone's time of entry; the credentials are checked on that day */
  enteredAt: at('进场').optional(),
  /** 亮证亮单 */
  credentialsShownAt: at('亮证').optional(),
  /** 廉政承诺书, signed by every officer of the inspection */
  commitment: z.object({ signerNames: z.array(z.string().trim().min(1)).min(1).max(20), signedAt: at('签署') }).optional(),
  answers: z.array(syncAnswer).max(500).default([]),
  exams: z.array(syncExam).max(100).default([]),
  certificates: z.array(syncCertificate).max(100).default([]),
  photos: z.array(syncPhoto).max(20).default([]),
  findings: z.array(syncFinding).max(200).default([]),
  /** 检查结束: issues 现场检查记录 and, with hazards, 责令限期整改指令书 */
  completion: z.object({ summary: text(4, 4000, '检查结论'), completedAt: at('结束检查') }).optional(),
});
export type InspectionSyncBody = z.input<typeof inspectionSyncBody>;
export type SyncAnswer = z.infer<typeof syncAnswer>;
export type SyncExam = z.infer<typeof syncExam>;
export type SyncCertificate = z.infer<typeof syncCertificate>;
export type SyncFinding = z.input<typeof syncFinding>;
export type SyncPhoto = z.infer<typeof syncPhoto>;

/** What the sync answers: the state reached and what it did, in words the phone can show as they are. */
export const inspectionSyncResult = z.object({
  id: z.number().int(),
  status: z.enum(['filed', 'in_progress', 'completed', 'cancelled']),
  statusLabel: z.string(),
  /** the parts this request applied (0 when everything had arrived before) */
  applied: z.object({
    entered: z.boolean(),
    credentialsShown: z.boolean(),
    commitment: z.boolean(),
    answers: z.number().int(),
    exams: z.number().int(),
    certificates: z.number().int(),
    photos: z.number().int(),
    findings: z.number().int(),
    completed: z.boolean(),
  }),
  /** the documents of the inspection, issued at completion */
  documents: z.array(z.object({ id: z.number().int(), title: z.string(), number: z.string(), issuedAt: z.string(), url: z.string() })),
  hazards: z.array(z.object({ id: z.number().int(), findingClientId: z.string(), deadline: z.string() })),
  penaltyCases: z.array(z.object({ id: z.number().int(), findingClientId: z.string() })),
});
export type InspectionSyncResult = z.infer<typeof inspectionSyncResult>;

/** The fields of a photo's multipart upload that seal it at capture (R35): the phone's SM3, time and position. */
export const evidenceCaptureFields = z.object({
  sm3: z.string().regex(/^[0-9a-f]{64}$/, '照片校验值格式不正确'),
  capturedAt: at('拍摄'),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
  accuracy: z.coerce.number().min(0).max(100000).optional(),
});
export type EvidenceCaptureFields = z.infer<typeof evidenceCaptureFields>;

// ---- requests ----

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字');

export const checkItemsQuery = z.object({ industry: z.string().optional() });
export const catalogueBody = z.object({
  note: text(2, 500, '修订说明'),
  items: z.array(z.object({ code: z.string().trim(), scope: z.enum(checkItemScopes), title: z.string().trim().max(500), majorHazardStandard: z.string().trim().max(200).optional(), criterion: z.string().trim().max(500).optional() })).min(1).max(2000),
});

export const inspectionLedgerQuery = z.object({
  status: z.enum(inspectionStatuses).optional(),
  origin: z.enum(inspectionOrigins).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  officerId: z.coerce.number().int().positive().optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  q: z.string().trim().max(100).optional(),
  hasHazards: bool.optional(),
  backfillOverdue: bool.optional(),
  /** R36 drill-down: a region (6 or 9 digits) inside the caller's jurisdiction */
  regionCode: regionCode.optional(),
});
export const inspectionPageQuery = inspectionLedgerQuery.extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) });
/** what the web sends (the client writes booleans and numbers into the query string) */
export type InspectionLedgerQuery = Partial<z.output<typeof inspectionPageQuery>>;

export const filingBody = z.object({
  clientId: clientId.optional(),
  enterpriseId: z.number().int().positive(),
  origin: z.enum(inspectionOrigins, { error: '请选择检查来源' }),
  planEntryId: z.number().int().positive().optional(),
  drawId: z.number().int().positive().optional(),
  unplannedRequestId: z.number().int().positive().optional(),
  emergencyReason: z.string().trim().max(2000).optional(),
  legalBasis: z.string().trim().max(2000).optional(),
  plannedDate: calendarDate.optional(),
  place: z.string().trim().max(500).optional(),
  officerIds: z.array(z.number().int().positive()).max(20).optional(),
  itemCodes: z.array(z.string().trim().max(10)).max(500).optional(),
  /** an unplanned inspection registered and filed at once (R11: exempt triggers), e.g. the phone before going out */
  unplanned: z
    .object({ trigger: z.enum(unplannedTriggers, { error: '请选择检查缘由' }), reason: z.string().trim().min(5, '请写明检查事由（不少于5个字）').max(2000), jointWithAgencyId: z.number().int().positive().nullish() })
    .optional(),
});
export type FilingInput = z.input<typeof filingBody>;
export const filingSourcesQuery = z.object({ enterpriseId: z.coerce.number().int().positive() });
export const backfillBody = z.object({ legalBasis: text(4, 2000, '法律依据'), officerIds: z.array(z.number().int().positive()).max(20).optional(), itemCodes: z.array(z.string().max(10)).max(500).optional() });
export const commitmentBody = z.object({ signerNames: z.array(z.string().trim().min(1)).min(1).max(20) });
export const cancelBody = z.object({ reason: text(5, 1000, '取消原因') });
export const examBody = syncExam.omit({ at: true });
export const certificateBody = syncCertificate.omit({ at: true });
export const answersBody = z.object({ answers: z.array(syncAnswer.partial({ answeredAt: true })).min(1).max(500) });
/** the same shape as the phone's sync, without its time (the server's) */
export const findingBody = syncFinding.omit({ at: true });
export const completeBody = z.object({ summary: text(4, 4000, '检查结论') });
export const feedbackBody = z.object({
  answers: z.object({ twoOfficers: z.boolean(), credentialsShown: z.boolean(), courteous: z.boolean(), rightsExplained: z.boolean(), guidance: z.boolean(), improperDemand: z.boolean() }),
  comment: z.string().trim().max(1000).optional(),
});
export type AnswerInput = z.input<typeof syncAnswer>;
export type FindingInput = z.input<typeof findingBody>;
export type ExamInput = z.input<typeof examBody>;
export type CertificateInput = z.input<typeof certificateBody>;
export const qrQuery = z.object({ origin: z.string().url().optional() });
export const publicToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '二维码无效') });
/**
 * A photo's upload: multipart, the fields before the file (the server reads them as the file streams in). The handler
 * reads and checks the parts itself (a body that is not multipart is a 415), so this only documents them.
 */
export const evidenceUpload = z.unknown().meta({
  type: 'object',
  required: ['clientId', 'file'],
  properties: {
    clientId: { type: 'string', description: '记录编号（重发时相同）' },
    itemCode: { type: 'string' },
    findingClientId: { type: 'string' },
    sm3: { type: 'string', description: '手机端计算的 SM3（64 位十六进制）' },
    capturedAt: { type: 'string', format: 'date-time' },
    latitude: { type: 'number' },
    longitude: { type: 'number' },
    accuracy: { type: 'number' },
    file: { type: 'string', format: 'binary' },
  },
});

// ---- answers ----

/** What the handler keeps as JSON it wrote itself (exams, certificates): checked loosely, typed for the reader. */
const kept = <T extends z.ZodType>(_item: T) => z.array(z.unknown()) as unknown as z.ZodType<unknown[], z.input<T>[]>;

export const checkItem = z.object({ code: z.string(), scope: z.enum(checkItemScopes), title: z.string(), majorHazardStandard: z.string().optional(), criterion: z.string().optional() });
export const checkItemsAnswer = z.object({ version: z.number(), items: z.array(checkItem) });
export const catalogueList = z.object({ items: z.array(z.object({ version: z.number(), note: z.string(), createdAt: timestamp })) });

const inspectionSummary = z.object({
  id: z.number(),
  status: oneOf(inspectionStatuses),
  statusLabel: z.string(),
  origin: oneOf(inspectionOrigins),
  originLabel: z.string(),
  plannedDate: z.string(),
  filed: z.boolean(),
  filedAt: z.string().nullable(),
  entryDate: z.string().nullable(),
  backfillDue: z.string().nullable(),
  backfillOverdue: z.boolean(),
  completedAt: z.string().nullable(),
});
export const inspectionLedgerRow = inspectionSummary.extend({
  enterpriseId: z.number(), enterpriseName: z.string(), creditCode: z.string(), industry: z.string(), agencyName: z.string(), officerNames: z.string(), legalBasis: z.string(), summary: z.string(),
  itemCount: z.number(), findingCount: z.number(), hazardCount: z.number(), majorHazardCount: z.number(), openHazardCount: z.number(),
  status: oneOf(inspectionStatuses), origin: oneOf(inspectionOrigins),
});
export type InspectionLedgerRow = z.input<typeof inspectionLedgerRow>;
export const inspectionLedger = z.object({ items: z.array(inspectionLedgerRow), total: z.number(), page: z.number(), pageSize: z.number() });
export const hazardDue = z.object({ id: z.number(), description: z.string(), major: z.boolean(), deadline: z.string(), overdue: z.boolean(), status: z.string(), escalationLevel: z.string().nullable(), inspectionId: z.number(), enterpriseName: z.string() });
export type HazardDue = z.input<typeof hazardDue>;
export const todayAnswer = z.object({ date: z.string(), officerId: z.number().nullable(), inspections: z.array(inspectionLedgerRow), backfills: z.array(inspectionLedgerRow), hazardsDue: z.array(hazardDue) });
export type TodayData = z.input<typeof todayAnswer>;

const enterpriseBrief = z.object({ id: z.number(), name: z.string(), creditCode: z.string(), regionCode: z.string(), industry: z.enum(industries), address: z.string(), legalRepresentative: z.string(), supervisingAgencyId: z.number() });
export const filingSources = z.object({
  enterprise: enterpriseBrief,
  planEntries: z.array(z.object({ id: z.number(), year: z.number(), plannedDate: z.string(), category: z.string(), inspectionId: z.number().nullable() })),
  draws: z.array(z.object({ id: z.number(), title: z.string(), drawDate: z.string(), officerIds: z.array(z.number()), inspectionId: z.number().nullable() })),
  unplanned: z.array(z.object({ id: z.number(), trigger: z.string(), reason: z.string(), status: z.string(), plannedDate: z.string(), inspectionId: z.number().nullable() })),
});
export type FilingSources = z.input<typeof filingSources>;

export const officerCard = z.object({ id: z.number(), name: z.string(), credentialNo: z.string(), credentialValidFrom: z.string(), credentialValidTo: z.string(), credentialValid: z.boolean(), department: z.string() });
export type OfficerCard = z.input<typeof officerCard>;
export const inspectionItem = z.object({ code: z.string(), title: z.string(), scope: z.enum(checkItemScopes), majorHazardStandard: z.string().nullable(), criterion: z.string().nullable(), result: oneOf(answerResults).nullable(), resultLabel: z.string().nullable(), note: z.string(), answeredAt: z.string().nullable() });
export type InspectionItem = z.input<typeof inspectionItem>;
export const evidenceItem = z.object({
  id: z.number(), clientId: z.string(), kind: oneOf(evidenceKinds), mime: z.string(), size: z.number(), sm3: z.string(), itemCode: z.string().nullable(), findingClientId: z.string().nullable(), hazardId: z.number().nullable(), originalName: z.string(),
  /** upload time (the server's) */
  createdAt: z.string(),
  /** R35: when the phone took it, and where (null when the upload did not say) */
  capturedAt: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable(),
  /** metres */
  accuracy: z.number().nullable(),
  /** the phone's SM3 was sent and matched the bytes the server received */
  sm3Verified: z.boolean(),
  url: z.string(),
});
export type EvidenceItem = z.input<typeof evidenceItem>;
const findingRow = z.object({ id: z.number(), clientId: z.string(), inspectionId: z.number(), regionCode: z.string(), itemCode: z.string().nullable(), description: z.string(), disposition: oneOf(findingDispositions), major: z.boolean(), criterion: z.string().nullable(), hazardId: z.number().nullable(), penaltyCaseId: z.number().nullable(), createdBy: z.number() });
export const findingItem = findingRow.extend({ dispositionLabel: z.string(), createdAt: z.string() });
export type FindingItem = z.input<typeof findingItem>;
export const addedFinding = findingRow.extend({ createdAt: timestamp });
export type AddedFinding = z.input<typeof addedFinding>;
export const examRecord = z.object({ clientId: z.string(), personName: z.string(), position: z.string(), questions: z.string(), score: z.number(), passed: z.boolean() });
export type ExamRecord = z.input<typeof examRecord>;
export const certificateRecord = z.object({ clientId: z.string(), holderName: z.string(), certificateType: z.string(), certificateNo: z.string(), validTo: z.string(), valid: z.boolean() });
export type CertificateRecord = z.input<typeof certificateRecord>;

export const inspectionDetail = inspectionSummary.extend({
  agencyId: z.number(),
  agencyName: z.string(),
  enterprise: enterpriseBrief,
  emergencyReason: z.string().nullable(),
  legalBasis: z.string(),
  place: z.string(),
  planEntryId: z.number().nullable(),
  drawId: z.number().nullable(),
  unplannedRequestId: z.number().nullable(),
  officers: z.array(officerCard),
  catalogVersion: z.number(),
  items: z.array(inspectionItem),
  credentialsShownAt: z.string().nullable(),
  commitment: z.object({ text: z.string(), signers: z.array(z.string()), signedAt: z.string() }).nullable(),
  commitmentText: z.string(),
  exams: kept(examRecord),
  certificates: kept(certificateRecord),
  summary: z.string(),
  findings: z.array(findingItem),
  hazards: z.array(z.object({ id: z.number(), description: z.string(), major: z.boolean(), deadline: z.string(), status: z.string(), responsiblePerson: z.string(), trackerName: z.string().nullable(), penaltyCaseId: z.number().nullable() })),
  evidence: z.array(evidenceItem),
  feedback: z.object({ answers: z.unknown() as unknown as z.ZodType<unknown, FeedbackAnswers>, concerns: z.array(z.string()), comment: z.string(), via: z.string(), createdAt: z.string() }).nullable(),
  publicPath: z.string(),
  /** what still blocks completing the inspection (empty when it can be completed) */
  problems: z.array(z.string()),
});
export type InspectionDetail = z.input<typeof inspectionDetail>;
/** `Prefer: return=minimal`: what the phone needs right after filing. */
export const filedMinimal = z.object({
  id: z.number(), clientId: z.string().nullable(), status: oneOf(inspectionStatuses), statusLabel: z.string(), plannedDate: z.string(), filedAt: z.string().nullable(), officerIds: z.array(z.number()),
  items: z.array(z.object({ code: z.string(), title: z.string() })), publicPath: z.string(),
  unplannedRequestId: z.number().nullable().optional(),
  /** R20: other agencies' inspections of the enterprise close to the date (registering an unplanned one) */
  warnings: z.array(z.string()).optional(),
});
export const filingAnswer = z.union([inspectionDetail.extend({ warnings: z.array(z.string()).optional() }), filedMinimal]);
export const savedAnswers = z.object({ saved: z.number() });
export const feedbackAnswer = z.object({ concerns: z.array(z.string()) });

export const publicVerification = z.object({
  agencyName: z.string(), enterpriseName: z.string(), status: oneOf(inspectionStatuses), statusLabel: z.string(), originLabel: z.string(), plannedDate: z.string(), filed: z.boolean(), filedAt: z.string().nullable(),
  /** the filing date in Beijing time */
  filedOn: z.string().nullable(),
  legalBasis: z.string(),
  officers: z.array(officerCard.omit({ id: true })),
  items: z.array(z.object({ code: z.string(), title: z.string() })),
  commitmentSigned: z.boolean(), valid: z.boolean(), warnings: z.array(z.string()), feedbackOpen: z.boolean(), feedbackSubmitted: z.boolean(),
});
export type PublicVerification = z.input<typeof publicVerification>;

// ---- site documents: 询问笔录, 勘验（检查）笔录, 现场处理措施决定书, 查封扣押决定书, 先行登记保存通知书, the escalation letters ----

const docText = (min: number, max: number, what: string) => z.string({ error: `请填写${what}` }).trim().min(min, `请填写${what}`).max(max, `${what}不能超过${max}个字`);
const instant = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .max(40, `${what}格式不正确`)
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), `${what}格式不正确，应为 ISO 时间（含时区）`);
const officerIds = z.array(z.number({ error: '执法人员编号应为数字' }).int().positive().max(INT4), { error: '请选择执法人员' }).min(2, '执法人员不得少于两人').max(10, '执法人员不能超过10人');
const phone = z.string().trim().max(20, '联系电话不正确');

export const interviewBody = z.object({
  startedAt: instant('询问开始时间'),
  endedAt: instant('询问结束时间'),
  place: docText(1, 200, '询问地点'),
  interviewee: z.object(
    {
      name: docText(1, 50, '被询问人姓名'),
      sex: z.enum(sexes, { error: '被询问人性别应为男或女' }),
      idNumber: docText(18, 18, '被询问人公民身份号码（18位）'),
      workUnit: docText(1, 200, '被询问人工作单位'),
      post: docText(1, 100, '被询问人职务'),
      phone: docText(1, 20, '被询问人联系电话'),
      relation: docText(1, 100, '被询问人与本案的关系'),
      address: z.string().trim().max(200).optional(),
    },
    { error: '请填写被询问人信息' },
  ),
  officerIds,
  present: z.string().trim().max(200).optional(),
  recusalAnswer: docText(1, 200, '被询问人是否申请回避'),
  qa: z.array(z.object({ q: docText(1, 2000, '问题'), a: docText(1, 5000, '回答') }), { error: '请记录问答' }).min(1, '请记录询问的问题和回答').max(200, '问答不能超过200条'),
});

const item = z.object({
  name: docText(1, 100, '物品名称'),
  spec: z.string().trim().max(100).optional(),
  quantity: z.number({ error: '数量应为数字' }).positive('数量应为正数').max(1e9, '数量过大'),
  unit: docText(1, 10, '计量单位'),
  location: docText(1, 200, '存放地点'),
});
const itemsFields = {
  reason: docText(4, 2000, '理由'),
  place: docText(1, 200, '场所'),
  items: z.array(item, { error: '请逐项列明物品' }).min(1, '请逐项列明物品').max(200, '物品不能超过200项'),
  officerIds,
};

export type InterviewInput = z.input<typeof interviewBody>;
export const siteExaminationBody = z.object({
            startedAt: instant('勘验开始时间'),
            endedAt: instant('勘验结束时间'),
            place: docText(1, 200, '勘验地点'),
            officerIds,
            partyPresent: z.object({ name: docText(1, 50, '在场当事人（代理人）姓名'), post: z.string().trim().max(100).optional() }, { error: '请填写在场的当事人（或其代理人）' }),
            witnesses: z.array(z.object({ name: docText(1, 50, '见证人姓名'), workUnit: z.string().trim().max(200).optional(), phone: phone.optional() }), { error: '请填写见证人' }).min(1, '请填写见证人').max(10),
            subject: docText(1, 500, '勘验（检查）对象'),
            findings: docText(4, 10000, '勘验（检查）情况'),
            evidenceIds: z.array(z.number({ error: '证据编号应为数字' }).int().positive().max(Number.MAX_SAFE_INTEGER), { error: '证据编号应为列表' }).max(100, '附件不能超过100个').default([]),
          });
export type SiteExaminationInput = z.input<typeof siteExaminationBody>;
export const onSiteMeasureBody = z.object({
            measures: z.array(z.enum(onSiteMeasures, { error: '现场处理措施应为责令立即排除、撤出作业人员或者暂时停产停业（停止使用）' }), { error: '请选择现场处理措施' }).min(1, '请选择现场处理措施').max(3),
            scope: z.string().trim().max(500, '停止的范围不能超过500个字').optional(),
            officerIds,
          });
export type OnSiteMeasureInput = z.input<typeof onSiteMeasureBody>;
export const seizureBody = z.object({ measure: z.enum(seizureMeasures, { error: '措施应为查封或者扣押' }), ...itemsFields });
export const preservationBody = z.object(itemsFields);
export type ItemsInput = z.input<typeof preservationBody>;
export const extensionBody = z.object({ reason: docText(4, 2000, '延长理由') });
export const escalationLetterBody = z.object({
            recipient: z.string().trim().max(200, '主送单位不能超过200个字').optional(),
            requirement: docText(4, 2000, '工作要求'),
            requiredBy: calendarDate,
            meeting: z.object({ at: instant('约谈时间'), place: docText(1, 200, '约谈地点'), attendees: z.array(docText(1, 100, '参加人员'), { error: '请填写参加人员' }).min(1, '请填写须参加约谈的人员').max(20) }).optional(),
            supervisor: z.string().trim().max(200).optional(),
            contact: z.object({ person: docText(1, 50, '联系人'), phone: docText(1, 20, '联系电话') }).optional(),
          });
export type EscalationLetterInput = z.input<typeof escalationLetterBody>;
/** The document a site-document POST issued (its number and title; the PDF is `/api/documents/:id/pdf`). */
export const issuedDocument = z.object({
  id: z.number(), agencyId: z.number(), agencyName: z.string(), regionCode: z.string(), enterpriseId: z.number().nullable(), kind: z.string(), year: z.number(), seq: z.number(), number: z.string(),
  entityType: z.string(), entityId: z.string(), title: z.string(), contentSm3: z.string(), issuedBy: z.number(), issuedByName: z.string().nullable(), issuedAt: z.string(),
});
export type IssuedDocument = z.input<typeof issuedDocument>;
