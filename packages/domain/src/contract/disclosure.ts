// The disclosure capability's API shapes: the public portal (信息公开门户, no login) — the index by region, published
// plans, draws and double-random inspection results. Answers' types are their wire form (`z.input`).
import { z } from 'zod';
import { publicationWithdrawalGrounds } from '../penalty/labels.js';
import { pageOf } from './common.js';
import { oneOf } from './wire.js';

export const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').optional();
export const paging = {
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码应从1开始').max(100000).default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(50, '每页最多50条').default(20),
};
export const year = z.coerce.number({ error: '年度应为数字' }).int().min(2020, '年度应在2020年以后').max(2100).optional();
export const positive = (what: string) => z.coerce.number({ error: `${what}应为数字` }).int().positive(`${what}应为正整数`).max(2 ** 31 - 1);
export const idParams = z.object({ id: positive('编号') });
const error = z.object({ code: z.string(), message: z.string() });
export { pageOf };

const counts = { plans: z.number(), draws: z.number(), results: z.number(), penalties: z.number(), blacklists: z.number() };
export const indexResponse = z.object({
  region: z.object({ code: z.string(), name: z.string(), fullName: z.string(), level: z.string(), levelLabel: z.string() }).nullable(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
  agencies: z.array(z.object({ id: z.number(), name: z.string(), level: z.string(), levelLabel: z.string(), regionCode: z.string(), ...counts })),
  children: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), levelLabel: z.string(), agencies: z.number(), ...counts })),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});
// a published plan as its list row and its page both head it
const planHead = {
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  agencyLevelLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number(),
  versionNo: z.number(),
  publishedOn: z.string(),
};
export const planItem = z.object({ ...planHead, adjustments: z.number(), totalPlanned: z.number() });
const item = z.object({ code: z.string(), title: z.string() });
export const planResponse = z.object({
  ...planHead,
  inForce: z.boolean(),
  totalPlanned: z.number(),
  officerCount: z.number(),
  fixed: z.object({ title: z.string(), count: z.number(), text: z.string() }),
  random: z.object({ title: z.string(), count: z.number(), ratio: z.number(), eligible: z.number(), text: z.string() }),
  oversight: z.object({ title: z.string(), count: z.number(), text: z.string() }),
  who: z.string(),
  how: z.string(),
  what: z.string(),
  categories: z.array(z.object({ category: z.string(), label: z.string(), count: z.number() })),
  months: z.array(z.object({ month: z.number(), key: z.number(), highRisk: z.number(), random: z.number(), spotCheck: z.number(), total: z.number() })),
  industries: z.array(z.object({ industry: z.string(), label: z.string(), count: z.number() })),
  checkItems: z.object({ catalogueVersion: z.number(), general: z.array(item), industries: z.array(z.object({ label: z.string(), items: z.array(item) })) }),
  versions: z.array(z.object({ versionNo: z.number(), publishedOn: z.string(), reason: z.string().nullable(), totalPlanned: z.number(), officerCount: z.number() })),
  drawCount: z.number(),
});
export const drawItem = z.object({
  id: z.number(),
  title: z.string(),
  agencyName: z.string(),
  regionName: z.string(),
  drawDate: z.string(),
  seed: z.string(),
  inputHash: z.string(),
  targetCount: z.number(),
  assigned: z.number(),
  teamSize: z.number(),
  poolSize: z.number(),
  officerPoolSize: z.number(),
  results: z.number(),
  pageUrl: z.string(),
  inputUrl: z.string(),
  verifyUrl: z.string(),
});
export const resultItem = z.object({
  id: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  industryLabel: z.string(),
  regionName: z.string(),
  agencyName: z.string(),
  drawId: z.number(),
  drawTitle: z.string(),
  drawDate: z.string(),
  inspectedOn: z.string(),
  itemCount: z.number(),
  hazards: z.number(),
  majorHazards: z.number(),
  outcome: z.string(),
});
export const resultResponse = resultItem.extend({
  legalBasis: z.string(),
  items: z.array(z.object({ code: z.string(), title: z.string(), resultLabel: z.string() })),
  fixedOnSpot: z.number(),
  hazardList: z.array(z.object({ description: z.string(), requirement: z.string(), major: z.boolean(), deadline: z.string(), statusLabel: z.string() })),
});
export const errors = { 400: error, 404: error, 429: error };

export type PortalIndex = z.input<typeof indexResponse>;
export type PortalCounts = Pick<PortalIndex['agencies'][number], 'plans' | 'draws' | 'results' | 'penalties' | 'blacklists'>;
export type PublicPlanItem = z.input<typeof planItem>;
export type PublicPlan = z.input<typeof planResponse>;
export type PublicDrawItem = z.input<typeof drawItem>;
export type PublicResultItem = z.input<typeof resultItem>;
export type PublicResult = z.input<typeof resultResponse>;
export type PortalPage<T> = { page: number; pageSize: number; total: number; items: T[] };

// ---- R29: published penalty decisions (GET /public/penalty-decisions) ----

/** A decision as published (masked). */
export const publicPenaltyDecision = z.object({
  id: z.number(),
  withdrawn: z.literal(false),
  publishedOn: z.string(),
  caseNumber: z.string().nullable(),
  documentNumber: z.string().nullable(),
  partyName: z.string(),
  creditCode: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  violations: z.array(z.object({ violation: z.string(), basis: z.string() })),
  facts: z.string(),
  decision: z.string(),
  fine: z.number(),
  decidedOn: z.string(),
  agencyName: z.string(),
});
/** 撤回说明: what replaces a withdrawn decision (no party, facts or penalty). */
export const publicPenaltyWithdrawal = z.object({
  id: z.number(),
  withdrawn: z.literal(true),
  publishedOn: z.string(),
  withdrawnOn: z.string(),
  caseNumber: z.string().nullable(),
  documentNumber: z.string().nullable(),
  agencyName: z.string(),
  decidedOn: z.string().nullable(),
  changedOn: z.string().nullable(),
  ground: oneOf(publicationWithdrawalGrounds).nullable(),
  groundLabel: z.string(),
  reason: z.string(),
  statement: z.string(),
});
/** The stored content goes out as it was published: a row of an older release may lack a field, and is not refused. */
const publishedDecision = publicPenaltyDecision.partial().required({ id: true, withdrawn: true, publishedOn: true }).loose() as unknown as typeof publicPenaltyDecision;
export const publicPenaltyDecisionPage = pageOf(z.discriminatedUnion('withdrawn', [publishedDecision, publicPenaltyWithdrawal]));
export type PublicPenaltyDecision = z.input<typeof publicPenaltyDecision>;
export type PublicPenaltyWithdrawal = z.input<typeof publicPenaltyWithdrawal>;
export type PublicPenaltyDecisionPage = z.input<typeof publicPenaltyDecisionPage>;
