// R32 (with R29, R9) 信用: the requests and answers of the credit record, the serious-dishonesty list (黑名单), its
// quarterly publication, credit repair and objections. Stored rows go out whole: their day columns as YYYY-MM-DD text.
import { z } from 'zod';
import { blacklistGroundIds, creditFactKinds } from '../credit/labels.js';
import { accidentGrades } from '../penalty/labels.js';
import { creditStatuses } from '../registry/enums.js';
import { idParam, isoDate } from './common.js';
import { oneOf, timestamp } from './wire.js';

export const creditIdParams = idParam;
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const quarterKey = z.string().regex(/^\d{4}Q[1-4]$/, '季度格式应为 2026Q3');
/** A moment read by raw SQL: a Date from the driver, or already its text. */
const moment = z.union([timestamp, z.string()]);
const day = z.string();
const severity = oneOf(['general', 'serious'] as const);
const creditStatus = oneOf(creditStatuses);

// ---------- requests ----------

export const creditJobBody = z.object({ date: isoDate.optional() }).default({});
/** The four conditions of a repair or early-removal application (R29/R32). */
export const repairConditions = z.object({ obligationsPerformed: z.boolean(), violationCorrected: z.boolean(), commitmentSigned: z.boolean(), noNewSeriousConduct: z.boolean() });
export const blacklistAddBody = z.object({
  enterpriseId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: text(10, 2000, '列入理由'),
  facts: z.object({
    accidents: z.array(z.object({ occurredOn: isoDate, grade: z.enum(accidentGrades), responsible: z.boolean(), aggravatedFine: z.boolean().optional(), concealed: z.boolean().optional(), principalFailedRescue: z.boolean().optional() })).max(50).default([]),
    unlicensedOperationPenalised: z.boolean().optional(),
    institutionFraudPenalised: z.boolean().optional(),
    refusedExecution: z.boolean().optional(),
    otherSeriousReason: z.string().trim().max(2000).nullable().optional(),
  }),
});
export const violationFilter = z.object({ enterpriseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(), severity: z.enum(['general', 'serious']).optional() });
export const violationQuery = violationFilter.extend({ page: z.coerce.number().int().min(1).optional() });
export const objectionQuery = z.object({ status: z.enum(['pending', 'upheld', 'rejected']).optional() });
export const repairQuery = z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() });
export const blacklistRemoveBody = z.object({ reason: text(4, 2000, '移出理由'), application: repairConditions });
export const blacklistPublishBody = z.object({ quarter: quarterKey.optional() });
export const publicBlacklistQuery = z.object({ quarter: quarterKey.optional(), regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional() });
export const repairApplyBody = repairConditions.extend({ creditFactId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), statement: text(4, 2000, '修复申请说明') });
export const repairDecisionBody = z.object({ approve: z.boolean(), opinion: text(2, 2000, '答复意见') });
export const objectionBody = z.object({ creditFactId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().optional(), reason: text(1, 2000, '异议理由'), evidence: z.array(z.string().trim().min(1).max(500)).max(20).default([]) });
export const objectionAnswerBody = z.object({ upheld: z.boolean(), answer: text(2, 2000, '答复意见') });

// ---------- answers ----------

export const creditJobResult = z.object({ date: z.string(), enterprises: z.number(), changed: z.number() });

/** A ground of listing: which situation of the 管理办法 and its article. */
export const blacklistGround = z.object({ id: oneOf(blacklistGroundIds), text: z.string(), basis: z.string() });
/** blacklistStatus of a listing today. */
const listingStatus = { active: z.boolean(), expiresOn: day, earlyRemovalFrom: day, canApplyEarly: z.boolean() };

/** A credit fact (违法行为信息库 row) as stored. */
export const creditFact = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  regionCode: z.string(),
  creditCode: z.string(),
  kind: oneOf(creditFactKinds),
  severity,
  occurredOn: day,
  published: z.boolean(),
  publishedUntil: day.nullable(),
  repairableFrom: day.nullable(),
  affectsCredit: z.boolean(),
  repairedOn: day.nullable(),
  /** the decision was revoked or confirmed invalid: the fact no longer counts (R32) */
  annulledOn: day.nullable(),
  annulledReason: z.string().nullable(),
  summary: z.string(),
  caseId: z.number().nullable(),
  documentNumber: z.string().nullable(),
  createdAt: timestamp,
});
export const blacklistListing = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  regionCode: z.string(),
  agencyId: z.number().nullable(),
  grounds: z.array(blacklistGround),
  reason: z.string(),
  listedOn: day,
  expiresOn: day,
  removedOn: day.nullable(),
  removalReason: z.string().nullable(),
  decidedBy: z.number(),
  createdAt: timestamp,
});
export const repairApplication = repairConditions.extend({ appliedOn: day, statement: z.string().optional() });
export const creditRepair = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  regionCode: z.string(),
  creditFactId: z.number(),
  appliedOn: day,
  application: repairApplication,
  answerDue: day,
  status: oneOf(['pending', 'approved', 'rejected'] as const),
  eligibilityProblems: z.array(z.string()),
  opinion: z.string().nullable(),
  decidedOn: day.nullable(),
  decidedBy: z.number().nullable(),
  late: z.boolean(),
  appliedBy: z.number(),
  createdAt: timestamp,
});
export const creditObjection = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  regionCode: z.string(),
  creditFactId: z.number().nullable(),
  receivedOn: day,
  reason: z.string(),
  evidence: z.array(z.string()),
  answerDue: day,
  status: oneOf(['pending', 'upheld', 'rejected'] as const),
  answer: z.string().nullable(),
  decidedOn: day.nullable(),
  decidedBy: z.number().nullable(),
  late: z.boolean(),
  submittedBy: z.number(),
  createdAt: timestamp,
});
/** A command that changed the record answers with the enterprise's recomputed status too. */
const withStatus = { creditStatus };

export const creditRecord = z.object({
  enterprise: z.object({ id: z.number(), name: z.string(), creditCode: z.string(), creditStatus }),
  status: creditStatus,
  reasons: z.array(z.string()),
  planning: z.object({ status: creditStatus, keyTarget: z.boolean(), drawWeightFactor: z.number(), measures: z.array(z.string()) }),
  facts: z.array(creditFact),
  listings: z.array(blacklistListing.extend(listingStatus)),
  repairs: z.array(creditRepair),
  objections: z.array(creditObjection),
});

export const violationRow = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  kind: oneOf(creditFactKinds),
  severity,
  occurredOn: day,
  published: z.boolean(),
  publishedUntil: day.nullable(),
  repairedOn: day.nullable(),
  affectsCredit: z.boolean(),
  summary: z.string(),
  caseId: z.number().nullable(),
  documentNumber: z.string().nullable(),
});
export const violationPage = z.object({ page: z.number(), items: z.array(violationRow) });

export const blacklistListed = blacklistListing.extend(withStatus);
const quarter = z.object({ key: z.string(), label: z.string(), start: day, end: day });
/** A quarter's list as published (the enterprises listed at the quarter's end). */
export const publishedEntry = z.object({ enterpriseName: z.string(), creditCode: z.string(), listedOn: day, expiresOn: day, grounds: z.array(z.string()) });
export const blacklistPublication = z.object({
  id: z.number(),
  agencyId: z.number(),
  regionCode: z.string(),
  quarterKey: z.string(),
  quarterLabel: z.string(),
  dueOn: day,
  entries: z.array(publishedEntry),
  late: z.boolean(),
  publishedBy: z.number(),
  publishedAt: timestamp,
});
export const blacklistOverview = z.object({
  listings: z.array(
    z.object({
      id: z.number(),
      enterpriseId: z.number(),
      enterpriseName: z.string(),
      creditCode: z.string(),
      listedOn: day,
      removedOn: day.nullable(),
      removalReason: z.string().nullable(),
      reason: z.string(),
      grounds: z.array(blacklistGround),
      ...listingStatus,
    }),
  ),
  publications: z.array(z.object({ id: z.number(), quarter: z.string(), quarterLabel: z.string(), dueOn: day, late: z.boolean(), entries: z.number(), publishedAt: timestamp })),
  pending: z.array(z.object({ quarter: quarter.extend({ year: z.number(), quarter: z.number() }), due: day, overdue: z.boolean() })),
  /** the list due this quarter is the last quarter's */
  current: z.object({ quarter, due: day, overdue: z.boolean(), published: z.boolean(), publishedAt: timestamp.nullable(), canPublish: z.boolean() }),
});
export const objectionList = z.object({ items: z.array(creditObjection) });
export const repairList = z.object({ items: z.array(creditRepair) });
export const repairDecided = creditRepair.extend(withStatus);
export const objectionAnswered = creditObjection.extend(withStatus);
export const publicBlacklist = z.object({
  items: z.array(z.object({ id: z.number(), quarter: z.string(), quarterLabel: z.string(), agencyName: z.string(), publishedAt: moment, entries: z.array(publishedEntry) })),
});

export type CreditJobResult = z.input<typeof creditJobResult>;
export type BlacklistGround = z.input<typeof blacklistGround>;
export type CreditFact = z.input<typeof creditFact>;
export type BlacklistListing = z.input<typeof creditRecord>['listings'][number];
export type RepairConditions = z.input<typeof repairConditions>;
export type RepairApplyInput = z.input<typeof repairApplyBody>;
export type CreditRepair = z.input<typeof creditRepair>;
export type CreditObjection = z.input<typeof creditObjection>;
export type CreditRecord = z.input<typeof creditRecord>;
export type ViolationRow = z.input<typeof violationRow>;
export type ViolationPage = z.input<typeof violationPage>;
export type BlacklistListed = z.input<typeof blacklistListed>;
export type BlacklistPublication = z.input<typeof blacklistPublication>;
export type BlacklistOverview = z.input<typeof blacklistOverview>;
export type PublicBlacklist = z.input<typeof publicBlacklist>;
export type BlacklistAddInput = z.input<typeof blacklistAddBody>;
export type ObjectionInput = z.input<typeof objectionBody>;
export type BlacklistRemoveInput = z.input<typeof blacklistRemoveBody>;
export type BlacklistFactsInput = BlacklistAddInput['facts'];
export type AccidentInput = NonNullable<BlacklistFactsInput['accidents']>[number];
export type ManagedListing = BlacklistOverview['listings'][number];
export type QuarterRef = BlacklistOverview['current']['quarter'];
