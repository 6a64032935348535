// R37 投诉举报 and 基层观测点: the requests and answers of /public/complaints, /complaints and /observation-points.
import { z } from 'zod';
import { complaintRoutings, complaintSources, complaintStatuses, trackingCodePattern } from '../complaints/labels.js';
import { INT4, isoDate, pageOf, pageQuery } from './common.js';

const text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max, `不能超过${max}个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).nullish();
const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字').nullish();
const creditCode = z.string().trim().max(18, '统一社会信用代码为18位').nullish();

export const complaintIdParams = z.object({ id: z.coerce.number().int().positive().max(INT4) });
export const trackingCodeParams = z.object({ trackingCode: z.string().trim().toUpperCase().regex(trackingCodePattern, '查询码应为12位字母和数字') });

const complaintBase = {
  enterpriseName: text(1, 100, '请填写被举报单位的名称'),
  creditCode,
  address: optionalText(200),
  regionCode,
  content: text(1, 4000, '请描述举报的问题'),
  complainantName: optionalText(50),
  complainantPhone: z.string().trim().max(20, '联系电话不正确').nullish(),
  anonymous: z.boolean({ error: '请选择是否匿名举报' }),
};
export const publicComplaintBody = z.object(complaintBase).strict();
export type PublicComplaintInput = z.input<typeof publicComplaintBody>;
export const publicComplaintFiled = z.object({ trackingCode: z.string(), receivedOn: z.string(), acceptDue: z.string() });

// where a complaint stands: what the complainant's tracking page and the staff register both show
const handling = {
  status: z.enum(complaintStatuses),
  statusLabel: z.string(),
  receivedOn: z.string(),
  acceptDue: z.string(),
  decidedOn: z.string().nullable(),
  decisionReason: z.string().nullable(),
  replyDue: z.string().nullable(),
  repliedOn: z.string().nullable(),
  replyText: z.string().nullable(),
};
export const complaintTracking = z.object({ trackingCode: z.string(), agencyName: z.string(), ...handling });
export type ComplaintTracking = z.infer<typeof complaintTracking>;

export const complaintView = z.object({
  id: z.number(),
  trackingCode: z.string().nullable(),
  source: z.enum(complaintSources),
  sourceLabel: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  routing: z.enum(complaintRoutings),
  routingLabel: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string(),
  creditCode: z.string().nullable(),
  address: z.string().nullable(),
  content: z.string(),
  anonymous: z.boolean(),
  complainantName: z.string().nullable(),
  complainantPhone: z.string().nullable(),
  identityVisible: z.boolean(),
  transferredFrom: z.string().nullable(),
  observationPointId: z.number().nullable(),
  ...handling,
  inspectionId: z.number().nullable(),
  rewardAmount: z.number().nullable(),
  rewardOn: z.string().nullable(),
  rewardDecision: z.string().nullable(),
  overdue: z.enum(['accept', 'reply']).nullable(),
  overdueLabel: z.string().nullable(),
  mayHandle: z.boolean(),
  mayReward: z.boolean(),
});
export type Complaint = z.infer<typeof complaintView>;
export const complaintDetail = complaintView.extend({
  transfers: z.array(z.object({ at: z.string(), reason: z.string(), fromAgencyName: z.string().nullable(), toAgencyName: z.string(), byName: z.string().nullable() })),
  inspection: z.object({ id: z.number(), statusLabel: z.string(), plannedDate: z.string() }).nullable(),
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;

export const complaintFilter = z.object({
  status: z.enum(complaintStatuses, { error: '状态不正确' }).optional(),
  source: z.enum(complaintSources, { error: '来源不正确' }).optional(),
  overdue: z.enum(['1', '0']).optional(),
  q: z.string().trim().max(100).optional(),
  agencyId: z.coerce.number().int().positive().max(INT4).optional(),
});
export const complaintListQuery = complaintFilter.extend(pageQuery().shape);
/** What the web sends: every filter optional (the server fills the page defaults). */
export type ComplaintQuery = Partial<z.infer<typeof complaintListQuery>>;
export const complaintPage = pageOf(complaintView);

export const staffComplaintBody = z
  .object({
    ...complaintBase,
    source: z.enum(['hotline', 'letter', 'transfer'], { error: '请选择来源（热线、来信或转办）' }),
    transferredFrom: optionalText(100),
    receivedOn: isoDate.optional(),
  })
  .strict();
export type StaffComplaintInput = z.input<typeof staffComplaintBody>;
export const staffComplaintFiled = z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string(), routingLabel: z.string(), acceptDue: z.string(), visible: z.boolean() });

export const complaintTransferBody = z
  .object({ toAgencyId: z.number().int().positive().max(INT4).optional(), toSuperior: z.boolean().optional(), reason: text(2, 500, '请填写转交理由') })
  .strict();
export const complaintTransferred = z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string() });

export const complaintDecisionBody = z
  .object({
    accept: z.boolean({ error: '请选择受理或不予受理' }),
    reason: optionalText(2000).transform((v) => v ?? undefined),
    enterpriseId: z.number().int().positive().optional(),
    officerIds: z.array(z.number().int().positive().max(INT4)).max(10).optional(),
    plannedDate: isoDate.optional(),
    legalBasis: z.string().trim().max(500).optional(),
  })
  .strict();
export const complaintReplyBody = z.object({ text: text(5, 4000, '请填写答复内容（不少于5个字）') }).strict();
export const complaintRewardBody = z
  .object({ amount: z.number({ error: '请填写奖励金额' }).positive('奖励金额应大于0').max(10_000_000, '奖励金额过大'), rewardOn: isoDate, decision: text(5, 2000, '请填写奖励决定（不少于5个字）') })
  .strict();

// ---- 基层观测点 ----
export const observationPoint = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  regionCode: z.string(),
  designatedByAgencyId: z.number(),
  designatedByName: z.string(),
  note: z.string(),
  designatedAt: z.string(),
  clueCount: z.number(),
  mayReport: z.boolean(),
  mayRemove: z.boolean(),
});
export type ObservationPoint = z.infer<typeof observationPoint>;
export const observationPointList = z.object({ items: z.array(observationPoint), mayDesignate: z.boolean() });
export const designatePointBody = z
  .object({ agencyId: z.number({ error: '请选择乡镇（街道）' }).int().positive().max(INT4), note: optionalText(200).transform((v) => v ?? undefined) })
  .strict();
export const pointDesignated = z.object({ id: z.number(), agencyId: z.number(), agencyName: z.string() });
export const removePointBody = z
  .object({ reason: optionalText(200).transform((v) => v ?? undefined) })
  .strict()
  .nullish();
export const pointRemoved = z.object({ ok: z.boolean() });
export const clueBody = z
  .object({ enterpriseName: text(2, 100, '请填写被反映的单位（企业或执法机构）'), creditCode, address: optionalText(200), content: text(10, 4000, '请描述反映的问题（不少于10个字）') })
  .strict();
export type ClueInput = z.input<typeof clueBody>;
export const clueReported = z.object({ id: z.number(), agencyName: z.string(), acceptDue: z.string() });

export type PublicComplaintFiled = z.infer<typeof publicComplaintFiled>;
export type ComplaintPage = z.infer<typeof complaintPage>;
export type StaffComplaintFiled = z.infer<typeof staffComplaintFiled>;
export type ComplaintTransfer = z.input<typeof complaintTransferBody>;
export type ComplaintTransferred = z.infer<typeof complaintTransferred>;
export type ComplaintDecision = z.input<typeof complaintDecisionBody>;
export type ComplaintReward = z.input<typeof complaintRewardBody>;
export type ObservationPointList = z.infer<typeof observationPointList>;
export type DesignatePointInput = z.input<typeof designatePointBody>;
export type PointDesignated = z.infer<typeof pointDesignated>;
export type PointRemoved = z.infer<typeof pointRemoved>;
export type ClueReported = z.infer<typeof clueReported>;
