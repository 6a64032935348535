// R33 回访: the requests and answers of /follow-ups (ratios, draws, the ledger, the record and its matters).
import { z } from 'zod';
import { followUpMatterFindings, followUpMethods, followUpReasons, followUpStatuses } from '../followup/questionnaire.js';
import { INT4, isoDate, pageOf, pageQuery } from './common.js';

export const followUpIdParams = z.object({ id: z.coerce.number().int().positive() });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);

export const followUpLedgerFilter = z.object({
  drawId: z.coerce.number().int().positive().optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  status: z.enum(followUpStatuses).optional(),
  reason: z.enum(followUpReasons).optional(),
  method: z.enum(followUpMethods).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
  hasMatters: bool.optional(),
});

export const followUpRatio = z.object({
  agencyId: z.number(),
  agencyName: z.string(),
  level: z.string(),
  regionCode: z.string(),
  percent: z.number(),
  isDefault: z.boolean(),
  reason: z.string(),
  changedByName: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export const followUpRatios = z.object({
  ownAgencyId: z.number().nullable(),
  items: z.array(followUpRatio),
  history: z.array(z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string(), percent: z.number(), reason: z.string(), changedByName: z.string(), changedAt: z.string() })),
});
export const followUpDrawSummary = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  seed: z.number(),
  percent: z.number(),
  inputHash: z.string(),
  poolSize: z.number(),
  required: z.number(),
  drawn: z.number(),
  createdAt: z.string(),
});
export const followUpDrawView = followUpDrawSummary.extend({
  items: z.array(z.object({ id: z.number(), inspectionId: z.number(), enterpriseName: z.string(), creditCode: z.string(), reason: z.string(), reasonLabel: z.string(), statusLabel: z.string() })),
});
export const followUpRow = z.object({
  id: z.number(),
  drawId: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  inspectionId: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  inspectedOn: z.string(),
  officerNames: z.string(),
  reason: z.string(),
  reasonLabel: z.string(),
  status: z.enum(followUpStatuses),
  statusLabel: z.string(),
  method: z.enum(followUpMethods).nullable(),
  methodLabel: z.string(),
  visitedOn: z.string().nullable(),
  visitors: z.string().nullable(),
  contactPerson: z.string().nullable(),
  recordedByName: z.string().nullable(),
  matters: z.number(),
  openMatters: z.number(),
  concerns: z.string(),
});
export const followUpMatter = z.object({
  id: z.number(),
  questionKey: z.string(),
  concern: z.string(),
  officerNames: z.string(),
  status: z.enum(['open', 'resolved']),
  statusLabel: z.string(),
  handling: z.string().nullable(),
  finding: z.enum(followUpMatterFindings).nullable(),
  findingLabel: z.string(),
  result: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  mayResolve: z.boolean(),
});
export const followUpDetail = followUpRow.extend({
  answers: z.record(z.string(), z.string()),
  notes: z.record(z.string(), z.string()),
  comment: z.string(),
  recordedAt: z.string().nullable(),
  mayRecord: z.boolean(),
  matterList: z.array(followUpMatter),
});
export const followUpStats = z.object({
  from: z.string(),
  to: z.string(),
  byAgency: z.array(
    z.object({
      agencyId: z.number(),
      agencyName: z.string(),
      inspectedTargets: z.number(),
      inspections: z.number(),
      drawn: z.number(),
      visited: z.number(),
      visitedTargets: z.number(),
      ratePercent: z.number(),
      requiredAtTenPercent: z.number(),
      shortfall: z.boolean(),
      matters: z.number(),
      openMatters: z.number(),
      confirmedMatters: z.number(),
    }),
  ),
  flagged: z.array(z.number()),
  byOfficer: z.array(
    z.object({ officerId: z.number(), name: z.string(), agencyName: z.string(), inspections: z.number(), drawn: z.number(), visited: z.number(), ratePercent: z.number(), matters: z.number(), confirmedMatters: z.number() }),
  ),
});

export const followUpMatterParams = z.object({ id: z.coerce.number().int().positive(), mid: z.coerce.number().int().positive() });
export const followUpLedgerQuery = followUpLedgerFilter.extend(pageQuery(20, 200, 100_000).shape);
export const followUpPage = pageOf(followUpRow);
export const followUpDrawList = z.object({ items: z.array(followUpDrawSummary) });
export const followUpVerification = followUpDrawSummary.omit({ agencyId: true }).extend({ agencyId: z.number(), ok: z.boolean(), reason: z.string().nullable(), recomputedHash: z.string(), drawnInspectionIds: z.array(z.number()) });
export const followUpStatsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const followUpRatioBody = z.object({ percent: z.number().int('回访比例应为整数百分比').min(1, '回访比例不能低于1%').max(100, '回访比例不能超过100%'), reason: text(2, 200, '调整原因') }).strict();
export const followUpDrawBody = z.object({ periodStart: isoDate, periodEnd: isoDate, seed: z.number().int().min(1).max(INT4).optional() }).strict();
export const followUpRecordBody = z
  .object({
    method: z.enum(followUpMethods, { message: '请选择回访方式（电话回访或实地回访）' }),
    visitedOn: isoDate,
    visitors: text(2, 100, '回访人员'),
    contactPerson: text(1, 50, '企业受访人'),
    answers: z.record(z.string().max(40), z.string().max(40)),
    notes: z.record(z.string().max(2), z.string().max(1000, '每项说明不能超过1000个字')).default({}),
    comment: z.string().trim().max(2000, '其他意见不能超过2000个字').default(''),
  })
  .strict();
export const followUpResolveBody = z
  .object({ handling: text(2, 2000, '核查处理情况'), finding: z.enum(followUpMatterFindings, { message: '请选择核查结论（查实或查否）' }), result: text(2, 2000, '处理结果') })
  .strict();

export type FollowUpRatio = z.infer<typeof followUpRatio>;
export type FollowUpRatios = z.infer<typeof followUpRatios>;
export type FollowUpDrawSummary = z.infer<typeof followUpDrawSummary>;
export type FollowUpDrawView = z.infer<typeof followUpDrawView>;
export type FollowUpVerification = z.infer<typeof followUpVerification>;
export type FollowUpRow = z.infer<typeof followUpRow>;
export type FollowUpMatter = z.infer<typeof followUpMatter>;
export type FollowUpDetail = z.infer<typeof followUpDetail>;
export type FollowUpStats = z.infer<typeof followUpStats>;
export type FollowUpPage = z.infer<typeof followUpPage>;
export type FollowUpDrawList = z.infer<typeof followUpDrawList>;
/** What the web sends: every filter optional (the server fills the page defaults). */
export type FollowUpQuery = Partial<z.infer<typeof followUpLedgerQuery>>;
export type FollowUpRecordInput = z.input<typeof followUpRecordBody>;
export type FollowUpResolveInput = z.input<typeof followUpResolveBody>;
