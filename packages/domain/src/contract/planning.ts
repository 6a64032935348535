// The planning capability's API shapes (R5–R14, R20, R21): annual plans, their entries and explanation, the public
// monthly targets, unplanned inspections, holidays and holiday rounds. Answers' types are their wire form (`z.input`).
import { z } from 'zod';
import { agencyLevels, industries, riskCodes } from '../registry/enums.js';
import { isoDate } from './common.js';
import { oneOf, timestamp } from './wire.js';

export const planStatuses = ['draft', 'submitted', 'approved', 'filed', 'published'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const planCategories = ['key', 'high_risk', 'random', 'spot_check'] as const;
export type PlanCategory = (typeof planCategories)[number];
export const planActions = ['submit', 'approve', 'return', 'file', 'publish'] as const;
export type PlanAction = (typeof planActions)[number];
/** where a plan is filed (备案) */
export const filingBodies = ['同级司法行政部门', '上一级应急管理部门', '安委办'] as const;
export const unplannedTriggers = ['superior_special', 'unannounced_visit', 'onsite_verification', 'accident', 'complaint', 'referral', 'emergency', 'monitoring_alert', 'other'] as const;
export type UnplannedTrigger = (typeof unplannedTriggers)[number];
export const unplannedStatuses = ['recorded', 'pending', 'approved', 'rejected'] as const;
export type UnplannedStatus = (typeof unplannedStatuses)[number];

const year = z.number().int().min(2020).max(2100);
const id = z.coerce.number().int().positive();

// ---- requests ----

export const planParamsInput = z
  .object({
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    generalSampleRatio: z.number().min(0.3, '一般企业抽查比例不得低于30%').max(1).optional(),
    teamSize: z.number().int().min(2, '每组执法人员不少于2人').max(10).optional(),
    inspectionsPerTeamDay: z.number().min(0.1).max(10).optional(),
    fieldDayShare: z.number().min(0.05).max(1).optional(),
    spotCheckCount: z.number().int().min(0).max(100000).optional(),
    startMonth: z.number().int().min(1).max(12).optional(),
  })
  .strict()
  .default({});
export type PlanParamsInput = z.input<typeof planParamsInput>;
export const planBody = z.object({ agencyId: z.number().int().positive(), year, params: planParamsInput });
export const planBatchBody = z.object({ year, params: planParamsInput });
export const planListQuery = z.object({ year: z.coerce.number().int().optional(), agencyId: z.coerce.number().int().optional() });
export const planEntriesQuery = z.object({
  version: id.optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  category: z.enum(planCategories).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const planExplainQuery = z.object({ enterpriseId: id.optional(), creditCode: z.string().trim().max(18).optional() });
export const planAdjustBody = z.object({ params: planParamsInput, reason: z.string().trim().min(5, '请写明调整原因（不少于5个字）').max(2000) });
export const planTransitionBody = z.object({ action: z.enum(planActions), note: z.string().trim().max(2000).optional(), filedWith: z.array(z.enum(filingBodies)).optional() });
export const publicTargetsQuery = z.object({
  year: z.coerce.number().int().min(2020).max(2100),
  month: z.coerce.number().int().min(1).max(12),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  agencyId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const unplannedBody = z.object({
  enterpriseId: z.number().int().positive(),
  trigger: z.enum(unplannedTriggers, { error: '请选择检查缘由' }),
  reason: z.string().trim().min(5, '请写明检查事由（不少于5个字）').max(2000),
  plannedDate: isoDate,
  jointWithAgencyId: z.number().int().positive().nullish(),
});
export type UnplannedInput = z.input<typeof unplannedBody>;
export const unplannedDecisionBody = z.object({ approve: z.boolean(), note: z.string().trim().max(2000).optional() });
export const unplannedListQuery = z.object({ status: z.string().optional() });
export const holidaysQuery = z.object({ year: z.coerce.number().int().min(2004).max(2100) });
export const holidayRoundBody = z.object({
  year: z.number().int().min(2004).max(2100),
  holidayName: z.string().min(1),
  teamCount: z.number().int().min(1).max(50),
  excludedRegionCodes: z.array(z.string().regex(/^\d{6}(\d{3})?$/)).default([]),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});

// ---- answers ----

export const planParams = z.object({ year: z.number(), agencyId: z.number(), seed: z.number(), generalSampleRatio: z.number(), officerCount: z.number(), teamSize: z.number(), inspectionsPerTeamDay: z.number(), fieldDayShare: z.number(), spotCheckCount: z.number(), startMonth: z.number() });
export type PlanParams = z.input<typeof planParams>;
export const planSummary = z.object({ supervisedCount: z.number(), keyCount: z.number(), highRiskCount: z.number(), generalEligibleCount: z.number(), generalExcludedCount: z.number(), randomSampleSize: z.number(), spotCheckCount: z.number(), totalPlanned: z.number(), annualCapacity: z.number(), overCapacity: z.boolean() });
export type PlanSummary = z.input<typeof planSummary>;
export const planMonth = z.object({ month: z.number(), workingDays: z.number(), capacity: z.number(), planned: z.number() });
export type PlanMonth = z.input<typeof planMonth>;
export const planPreview = z.object({
  params: planParams,
  provisional: z.boolean(),
  summary: planSummary,
  months: z.array(planMonth),
  warnings: z.array(z.string()),
  inputHash: z.string(),
  byCategory: z.record(z.string(), z.number()) as unknown as z.ZodType<Record<string, number>, Partial<Record<PlanCategory, number>>>,
  byIndustry: z.record(z.string(), z.number()) as unknown as z.ZodType<Record<string, number>, Partial<Record<(typeof industries)[number], number>>>,
  byRisk: z.record(z.string(), z.number()) as unknown as z.ZodType<Record<string, number>, Partial<Record<(typeof riskCodes)[number], number>>>,
});
export type PlanPreview = z.input<typeof planPreview>;
export const planFiling = z.object({ with: z.string(), at: z.string(), by: z.string() });
export type PlanFiling = z.input<typeof planFiling>;
export const planVersionInfo = z.object({ versionNo: z.number(), reason: z.string().nullable(), totalPlanned: z.number(), officerCount: z.number(), inputHash: z.string(), createdAt: z.string() });
export type PlanVersionInfo = z.input<typeof planVersionInfo>;
export const planDetail = z.object({
  id: z.number(), provisional: z.boolean(), agencyId: z.number(), agencyName: z.string(), agencyLevel: oneOf(agencyLevels), year: z.number(), status: z.enum(planStatuses), statusLabel: z.string(),
  submittedBy: z.number().nullable(), currentVersion: z.number(), filings: z.array(planFiling), publishedAt: z.string().nullable(), lateCompilation: z.boolean(), overlaps: z.array(z.string()),
  current: z.object({ versionNo: z.number(), params: planParams, summary: planSummary, months: z.array(planMonth), warnings: z.array(z.string()), inputHash: z.string(), reason: z.string().nullable() }),
  versions: z.array(planVersionInfo),
});
export type PlanDetail = z.input<typeof planDetail>;
export const planBatch = z.object({ created: z.number(), entries: z.number(), skipped: z.number() });
export const planListItem = z.object({
  id: z.number(), year: z.number(), status: oneOf(planStatuses), statusLabel: z.string(), currentVersion: z.number(), agencyId: z.number(), agencyName: z.string(), agencyLevel: oneOf(agencyLevels),
  totalPlanned: z.number(), officerCount: z.number(), updatedAt: z.string(), provisional: z.boolean(),
});
export type PlanListItem = z.input<typeof planListItem>;
export const planList = z.object({ items: z.array(planListItem) });
export const planEntry = z.object({
  enterpriseId: z.number(), name: z.string(), creditCode: z.string(), industry: oneOf(industries), riskCode: oneOf(riskCodes), category: oneOf(planCategories), categoryLabel: z.string(), reasons: z.array(z.string()),
  plannedDate: z.string(), provisional: z.boolean(), month: z.number(), urgent: z.boolean(), jointWithAgencyName: z.string().nullable(),
});
export type PlanEntry = z.input<typeof planEntry>;
export const planEntriesPage = z.object({ versionNo: z.number(), total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(planEntry) });
export type PlanEntriesPage = z.input<typeof planEntriesPage>;
export const planExplain = z.object({
  enterpriseId: z.number(), name: z.string(), creditCode: z.string(), included: z.boolean(), category: z.enum(planCategories).nullable(), categoryLabel: z.string().nullable(), plannedDate: z.string().nullable(), reasons: z.array(z.string()),
});
export type PlanExplain = z.input<typeof planExplain>;
export const publicTarget = z.object({ enterpriseName: z.string(), creditCode: z.string(), industry: oneOf(industries), category: z.string(), agencyName: z.string() });
export type PublicTarget = z.input<typeof publicTarget>;
export const publicTargets = z.object({ year: z.number(), month: z.number(), total: z.number(), items: z.array(publicTarget) });
export type PublicTargets = z.input<typeof publicTargets>;

const unplannedRow = z.object({
  id: z.number(), agencyId: z.number(), regionCode: z.string(), enterpriseId: z.number(), trigger: oneOf(unplannedTriggers), reason: z.string(), status: oneOf(unplannedStatuses), jointWithAgencyId: z.number().nullable(),
  requestedBy: z.number(), decidedBy: z.number().nullable(), decisionNote: z.string().nullable(), plannedDate: z.string(), createdAt: timestamp, decidedAt: timestamp.nullable(),
});
export const unplannedDecided = unplannedRow;
export const unplannedCreated = unplannedRow.extend({ triggerLabel: z.string(), statusLabel: z.string(), warnings: z.array(z.string()) });
export type UnplannedCreated = z.input<typeof unplannedCreated>;
export const unplannedItem = z.object({
  id: z.number(), enterpriseId: z.number(), enterpriseName: z.string(), agencyName: z.string(), trigger: oneOf(unplannedTriggers), triggerLabel: z.string(), reason: z.string(), status: oneOf(unplannedStatuses), plannedDate: z.string(), createdAt: z.string(),
});
export type UnplannedItem = z.input<typeof unplannedItem>;
export const unplannedList = z.object({ items: z.array(unplannedItem) });

export const holiday = z.object({
  name: z.string(), start: z.string(), end: z.string(), daysOff: z.number(), makeupWorkdays: z.array(z.string()),
  kind: oneOf(['preventive', 'unannounced']), kindLabel: z.string(), preventiveWindow: z.object({ start: z.string(), end: z.string() }),
});
export type Holiday = z.input<typeof holiday>;
export const holidayYear = z.object({ year: z.number(), officialSchedule: z.boolean(), items: z.array(holiday) });
export type HolidayYear = z.input<typeof holidayYear>;
type Team = { officerIds: number[]; regionCodes: string[]; regionNames: string[] };
export const holidayRound = z.object({
  id: z.number(), agencyId: z.number(), regionCode: z.string(), year: z.number(), holidayName: z.string(), kind: z.string(), startDate: z.string(), endDate: z.string(),
  teams: z.unknown() as unknown as z.ZodType<unknown, Team[]>,
  excludedRegions: z.unknown() as unknown as z.ZodType<unknown, string[]>,
  filedWithSafetyCommitteeAt: timestamp.nullable(), createdBy: z.number(), createdAt: timestamp,
});
export type HolidayRound = z.input<typeof holidayRound>;
