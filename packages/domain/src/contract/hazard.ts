// The hazard capability's API shapes (R22–R24): the ledger, one hazard, rectification, reinspection, closing and the
// escalation run. Answers' types are their wire form (`z.input`, see wire.ts).
import { z } from 'zod';
import { escalationLevels, hazardStatuses, type RootCause } from '../inspection/labels.js';
import { isoDate } from './common.js';
import { oneOf } from './wire.js';
import { evidenceItem } from './inspection.js';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max);

// ---- requests ----

export const hazardFilters = z.object({
  status: z.enum([...hazardStatuses, 'unclosed']).optional(),
  major: bool.optional(),
  overdue: bool.optional(),
  escalationLevel: z.enum(escalationLevels).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
});
export const hazardQuery = hazardFilters.extend({
  // R36 drill-down from the statistics: recorded (found) between, in a region
  foundFrom: isoDate.optional(),
  foundTo: isoDate.optional(),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/** what the web sends (the client writes booleans and numbers into the query string) */
export type HazardQuery = Partial<z.output<typeof hazardQuery>>;
export const rectificationBody = z.object({ description: text(4, 2000, '整改情况'), evidenceIds: z.array(z.number().int().positive()).max(50) });
export const reinspectionBody = z.object({
  officerIds: z.array(z.number().int().positive()).min(1).max(20),
  result: z.enum(['passed', 'failed'], { error: '复查结论应为合格或不合格' }),
  opinion: text(4, 2000, '复查意见'),
  evidenceIds: z.array(z.number().int().positive()).max(50).default([]),
  newDeadline: isoDate.nullish(),
});
export type ReinspectionInput = z.input<typeof reinspectionBody>;
export const rootCause = z.object({ cause: text(2, 1000, '隐患原因'), responsibility: text(2, 1000, '责任人员处理情况'), education: text(2, 1000, '教育情况'), measures: text(2, 1000, '整改措施') });
export const closingBody = z.object({ rootCause: rootCause.optional(), noPenaltyReason: z.string().trim().max(2000).nullish(), openPenaltyCase: z.boolean().optional() });
export type ClosingInput = z.input<typeof closingBody>;
export const escalationBody = z.object({ date: isoDate.optional() }).nullish();

// ---- answers ----

export const hazardListItem = z.object({
  id: z.number(), inspectionId: z.number(), enterpriseId: z.number(), enterpriseName: z.string(), creditCode: z.string(), agencyName: z.string(), description: z.string(), requirement: z.string(), major: z.boolean(),
  responsiblePerson: z.string(), trackerName: z.string().nullable(), deadline: z.string(), status: oneOf(hazardStatuses), overdue: z.boolean(), overdueWorkingDays: z.number(), provisional: z.boolean(),
  escalationLevel: oneOf(escalationLevels).nullable(), penaltyCaseId: z.number().nullable(),
});
export type HazardListItem = z.input<typeof hazardListItem>;
export const hazardPage = z.object({ items: z.array(hazardListItem), total: z.number(), page: z.number(), pageSize: z.number() });
export type HazardPage = z.input<typeof hazardPage>;

export const hazardRectification = z.object({ id: z.number(), hazardId: z.number(), description: z.string(), evidenceIds: z.array(z.number()), submittedBy: z.number(), submittedAt: z.string() });
export type HazardRectification = z.input<typeof hazardRectification>;
export const hazardReinspection = z.object({
  id: z.number(), hazardId: z.number(), officerIds: z.array(z.number()), result: oneOf(['passed', 'failed']), opinion: z.string(), evidenceIds: z.array(z.number()), newDeadline: z.string().nullable(),
  documentId: z.number().nullable(), createdBy: z.number(), createdAt: z.string(),
});
export type HazardReinspection = z.input<typeof hazardReinspection>;
export const hazardEscalation = z.object({ level: oneOf(escalationLevels), overdueDays: z.number(), createdAt: z.string(), documentId: z.number().nullable() });
export type HazardEscalation = z.input<typeof hazardEscalation>;

export const hazardDetail = z.object({
  id: z.number(), findingId: z.number(), inspectionId: z.number(), enterpriseId: z.number(), enterpriseName: z.string(), creditCode: z.string(), agencyId: z.number(), regionCode: z.string(),
  description: z.string(), requirement: z.string(), major: z.boolean(), criterion: z.string().nullable(), responsiblePerson: z.string(), trackerName: z.string().nullable(), deadline: z.string(),
  status: oneOf(hazardStatuses), escalationLevel: oneOf(escalationLevels).nullable(),
  rootCause: z.unknown() as unknown as z.ZodType<unknown, Partial<RootCause> | null>,
  penaltyCaseId: z.number().nullable(), noPenaltyReason: z.string().nullable(), rectifiedAt: z.string().nullable(), closedAt: z.string().nullable(), closedBy: z.number().nullable(),
  createdAt: z.string(), updatedAt: z.string(), overdue: z.boolean(), overdueWorkingDays: z.number(), provisional: z.boolean(),
  escalations: z.array(hazardEscalation), rectifications: z.array(hazardRectification), reinspections: z.array(hazardReinspection), evidence: z.array(evidenceItem),
  /** what still blocks closing the hazard */
  closingProblems: z.array(z.string()),
});
export type HazardDetail = z.input<typeof hazardDetail>;
export const reinspectionAnswer = z.object({ closed: z.boolean(), problems: z.array(z.string()), reinspectionId: z.number(), documentId: z.number().nullable(), hazard: hazardDetail });
export const closingAnswer = z.object({ penaltyCaseId: z.number().nullable(), closed: z.boolean(), problems: z.array(z.string()), hazard: hazardDetail });
export type ClosingResult = z.input<typeof closingAnswer>;
export const escalationRun = z.object({ date: z.string(), skipped: z.boolean(), newSteps: z.record(z.enum(escalationLevels), z.number()), hazardsUpdated: z.number() });
