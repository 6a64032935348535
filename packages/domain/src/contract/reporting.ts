// The reporting capability's API shapes (R36): the periodic reports and their submission board, the statistics and
// the home page figures. Answers' types are their wire form (`z.input`).
import { z } from 'zod';
import { reportFigureKeys, reportKinds, submissionStateLabels } from '../reporting/index.js';
import { statisticsGroupBys } from '../reporting/statistics.js';
import { isoDate } from './common.js';

// ---- periodic reports ----

export const kindParam = z.object({ kind: z.string().max(40) });
export const periodParams = z.object({ kind: z.string().max(40), period: z.string().max(20) });
const agencyId = z.coerce.number({ message: '填报单位编号应为正整数' }).int('填报单位编号应为正整数').positive('填报单位编号应为正整数').max(2147483647, '填报单位编号不正确');
const version = z.number({ message: '请提供报表版本号' }).int().min(0).max(2147483647);

const figures = z.object(Object.fromEntries(reportFigureKeys.map((k) => [k, z.number().nullable()])) as Record<(typeof reportFigureKeys)[number], z.ZodNullable<z.ZodNumber>>);
const agencySchema = z.object({ id: z.number(), name: z.string(), level: z.string(), regionCode: z.string(), parentId: z.number().nullable() });
const stateSchema = z.enum(Object.keys(submissionStateLabels) as [keyof typeof submissionStateLabels, ...(keyof typeof submissionStateLabels)[]]);
const statusSchema = z.enum(['draft', 'submitted', 'returned']);
export const reportSchema = z.object({
  kind: z.enum(reportKinds),
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  agency: agencySchema,
  status: statusSchema,
  state: stateSchema,
  dueOn: z.string(),
  daysLate: z.number(),
  figures: z.object({ period: figures, yearToDate: figures }),
  annotations: z.record(z.string(), z.string()),
  remarks: z.string().nullable(),
  preparedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  firstSubmittedOn: z.string().nullable(),
  submissions: z.number(),
  returnedAt: z.string().nullable(),
  returnedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number(),
  can: z.object({ annotate: z.boolean(), submit: z.boolean(), return: z.boolean() }),
});
export const boardSchema = z.object({
  kind: z.enum(reportKinds),
  period: z.string(),
  periodLabel: z.string(),
  dueOn: z.string(),
  agency: agencySchema,
  summary: z.object({ total: z.number(), submitted: z.number(), submittedLate: z.number(), returned: z.number(), overdue: z.number(), pending: z.number() }),
  items: z.array(
    z.object({
      agencyId: z.number(),
      agencyName: z.string(),
      level: z.string(),
      status: statusSchema.nullable(),
      state: stateSchema,
      daysLate: z.number(),
      submittedAt: z.string().nullable(),
      submittedBy: z.string().nullable(),
      returnReason: z.string().nullable(),
      version: z.number(),
    }),
  ),
  canReturn: z.boolean(),
});

export const boardQuery = z.object({ kind: z.string().max(40).default('monthly'), period: z.string().max(20).optional(), agencyId: agencyId.optional() });
export const reportQuery = z.object({
  agencyId: agencyId.optional(),
  period: z.string().max(20).optional(),
  /** monthly reports: the month, YYYY-MM (the same as period) */
  month: z.string().max(20).optional(),
  format: z.enum(['json', 'xlsx', 'pdf'], { message: '文件格式应为 xlsx 或 pdf' }).default('json'),
});
export const reportDraftBody = z.object({
  agencyId: agencyId.optional(),
  annotations: z.record(z.string().max(40), z.string().max(500, '每项说明不超过500字')).refine((a) => Object.keys(a).every((k) => (reportFigureKeys as readonly string[]).includes(k)), '说明只能针对报表所列项目'),
  remarks: z.string().max(2000, '说明不超过2000字').nullable().optional(),
  version,
});
export const reportSubmitBody = z.object({ agencyId: agencyId.optional(), version });
export const reportReturnBody = z.object({ agencyId, reason: z.string().trim().min(2, '请填写退回原因（至少2个字）').max(500, '退回原因不超过500字'), version });
export type PeriodicReport = z.input<typeof reportSchema>;
export type ReportAgencyRef = PeriodicReport['agency'];
export type SubmissionBoard = z.input<typeof boardSchema>;
export type SubmissionBoardItem = SubmissionBoard['items'][number];

// ---- statistics ----

const count = z.number().int().min(0);
const nCount = count.nullable();
export const statisticsFiguresSchema = z.object({
  inspections: z.object({ planned: nCount, done: count, donePlanned: count, doneUnplanned: count }),
  coverage: z.object({ keyTargets: nCount, keyTargetsInspected: nCount, highRiskTargets: nCount, highRiskInspected: nCount }),
  hazards: z.object({ found: count, major: count, closed: count, awaitingReview: count, unclosed: count, overdue: count, majorUnclosed: count }),
  cases: z.object({ opened: count, byStatus: z.record(z.string(), count), byProcedure: z.record(z.string(), count), transferred: count }),
  penalties: z.object({ decisions: count, fineDecided: z.number().min(0), collectedDecisions: count, fineCollected: z.number().min(0), suspensions: count, closures: count }),
  durations: z.object({ openToNotify: z.number().nullable(), notifyToDecide: z.number().nullable(), openToDecide: z.number().nullable(), decideToServe: z.number().nullable(), serveToClose: z.number().nullable() }),
});

export const statisticsResultSchema = z.object({
  agency: z.object({ id: z.number().int(), name: z.string(), level: z.string(), regionCode: z.string() }),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  groupBy: z.enum(statisticsGroupBys).nullable(),
  total: statisticsFiguresSchema,
  groups: z.array(z.object({ key: z.string(), label: z.string(), regionCode: z.string().nullable(), figures: statisticsFiguresSchema })),
});

export const statisticsQuerySchema = z.object({
  agencyId: z.coerce.number().int().positive().max(2147483647).optional(),
  from: isoDate,
  to: isoDate,
  groupBy: z.enum(statisticsGroupBys, { error: '分组方式应为下级执法主体、行政区划、行业、风险等级、执法人员或月份' }).optional(),
});

export type StatisticsResult = z.input<typeof statisticsResultSchema>;
/** what the web sends */
export type StatisticsQuery = z.output<typeof statisticsQuerySchema>;

// ---- the home page figures ----

export const statsOverview = z.object({
  enterpriseCount: z.number(),
  byRisk: z.record(z.string(), z.number()),
  byIndustry: z.record(z.string(), z.number()),
  highRiskEnterpriseCount: z.number(),
  supervisedByOwnAgency: z.number(),
  officerCount: z.number(),
  expiredCredentialCount: z.number(),
  expiringCredentialCount: z.number(),
  agencyCount: z.number(),
});
