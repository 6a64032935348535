// The registry capability's API shapes: enterprises (one schema for their input, used by the API and by the import
// after label → value mapping), their list and the import jobs. Answers' types are their wire form (`z.input`).
import { z } from 'zod';
import { agencyLevels, creditStatuses, industries, riskCodes, roles, standardizationLevels } from '../registry/enums.js';
import { isoDate } from './common.js';
import { oneOf } from './wire.js';

const count = (max: number) => z.number().int('须为整数').min(0, '不能为负数').max(max, `不能超过${max}`);

export const enterpriseFields = {
  name: z.string().trim().min(2, '至少2个字').max(200, '不能超过200个字'),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '应为6位（区县）或9位（乡镇街道）行政区划代码'),
  address: z.string().trim().max(300, '不能超过300个字').default(''),
  industry: z.enum(industries, { error: '不是可选的行业' }),
  riskCode: z.enum(riskCodes, { error: '应为红、黄、蓝、绿之一' }),
  hazardSourceCount: count(100000).default(0),
  majorHazardSourceCount: count(10000).default(0),
  standardizationLevel: z.enum(standardizationLevels, { error: '应为一级、二级、三级或未达标' }).default('none'),
  creditStatus: z.enum(creditStatuses, { error: '应为守信、一般、失信或黑名单' }).default('normal'),
  fatalAccidents3y: count(1000).default(0),
  nonSiteMonitored: z.boolean().default(false),
  legalRepresentative: z.string().trim().max(50, '不能超过50个字').default(''),
  contactPhone: z
    .string()
    .trim()
    .regex(/^$|^[0-9+\-() ]{5,20}$/, '格式不正确')
    .default(''),
  employeeCount: count(10_000_000).default(0),
};

export const enterpriseCreateSchema = z.object({
  creditCode: z.string().trim().min(1, '不能为空').max(32),
  ...enterpriseFields,
  supervisingAgencyId: z.number().int().positive(),
});
export type EnterpriseCreate = z.infer<typeof enterpriseCreateSchema>;

const f = enterpriseFields;
export const enterprisePatchSchema = z
  .object({
    version: z.number().int().positive(),
    name: f.name.optional(),
    regionCode: f.regionCode.optional(),
    address: z.string().trim().max(300).optional(),
    industry: f.industry.optional(),
    riskCode: f.riskCode.optional(),
    hazardSourceCount: count(100000).optional(),
    majorHazardSourceCount: count(10000).optional(),
    standardizationLevel: z.enum(standardizationLevels).optional(),
    creditStatus: z.enum(creditStatuses).optional(),
    fatalAccidents3y: count(1000).optional(),
    nonSiteMonitored: z.boolean().optional(),
    legalRepresentative: z.string().trim().max(50).optional(),
    contactPhone: z.string().trim().regex(/^$|^[0-9+\-() ]{5,20}$/, '格式不正确').optional(),
    employeeCount: count(10_000_000).optional(),
  })
  .strict();
export type EnterprisePatch = z.infer<typeof enterprisePatchSchema>;

export const enterpriseSchema = z.object({
  id: z.number(),
  creditCode: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  industry: oneOf(industries),
  riskCode: oneOf(riskCodes),
  hazardSourceCount: z.number(),
  majorHazardSourceCount: z.number(),
  standardizationLevel: oneOf(standardizationLevels),
  creditStatus: oneOf(creditStatuses),
  fatalAccidents3y: z.number(),
  nonSiteMonitored: z.boolean(),
  legalRepresentative: z.string(),
  contactPhone: z.string(),
  employeeCount: z.number(),
  supervisingAgencyId: z.number(),
  supervisingAgencyName: z.string(),
  supervisingAgencyLevel: z.enum(agencyLevels),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseDto = z.infer<typeof enterpriseSchema>;
/** an enterprise as the web reads it */
export type Enterprise = z.input<typeof enterpriseSchema>;
export const enterprisePage = z.object({ items: z.array(enterpriseSchema), total: z.number(), totalCapped: z.boolean(), page: z.number(), pageSize: z.number() });
export const supervisionBody = z.object({
  agencyId: z.number().int().positive(),
  reason: z.string().trim().min(2, '请填写变更原因').max(500),
  version: z.number().int().positive().optional(),
});

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = s.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = list.find((x) => !(values as readonly string[]).includes(x));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `不支持的取值“${bad}”` });
        return z.NEVER;
      }
      return list as T[number][];
    });

export const enterpriseListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  creditCode: z.string().trim().max(18).optional(),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码格式不正确').optional(),
  industry: csv(industries),
  riskCode: csv(riskCodes),
  standardizationLevel: csv(standardizationLevels),
  creditStatus: csv(creditStatuses),
  supervisingAgencyId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['updatedAt', 'name', 'creditCode']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

// ---- the import of the enterprise register (R2) ----

export const importTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const importJobParams = z.object({ jobId: z.string().uuid('导入任务编号不正确') });
/** the multipart upload of the register file (read by the handler; documented here) */
export const importUpload = z.unknown().meta({ type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '企业名录（.xlsx 或 .csv）' } } });
export const importStatuses = ['parsing', 'previewed', 'committing', 'committed', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];
export const importRowError = z.object({ row: z.number(), creditCode: z.string(), name: z.string(), messages: z.array(z.string()) });
export type ImportRowError = z.input<typeof importRowError>;
export const importJob = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(importStatuses),
  total: z.number(),
  processed: z.number(),
  validCount: z.number(),
  errorCount: z.number(),
  createCount: z.number(),
  updateCount: z.number(),
  errors: z.array(importRowError),
  message: z.string().nullable(),
  retryable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportJob = z.input<typeof importJob>;
export const importStarted = z.object({ jobId: z.string() });
/** what the web sends to create an enterprise */
export type EnterpriseInput = z.input<typeof enterpriseCreateSchema>;
/** what the web sends to change one (with the version it read) */
export type EnterprisePatchInput = z.input<typeof enterprisePatchSchema>;

// ---------- officers (R4) ----------

export const officerFields = {
  name: z.string().trim().min(2, '至少2个字').max(50),
  credentialNo: z.string().trim().regex(/^[0-9A-Za-z-]{6,32}$/, '执法证号应为6至32位字母或数字'),
  credentialValidFrom: isoDate,
  credentialValidTo: isoDate,
  agencyId: z.number().int().positive(),
  specialties: z.array(z.enum(industries)).max(9).default([]),
  phone: z.string().trim().regex(/^$|^[0-9+\-() ]{5,20}$/, '格式不正确').default(''),
  // R14: officers of other departments are registered for joint draws (进一次门、查多项事).
  department: z.string().trim().min(2).max(30).default('应急管理'),
};
export const officerCreateSchema = z.object(officerFields);
export const officerPatchSchema = z
  .object({
    version: z.number().int().positive(),
    name: officerFields.name.optional(),
    credentialNo: officerFields.credentialNo.optional(),
    credentialValidFrom: isoDate.optional(),
    credentialValidTo: isoDate.optional(),
    agencyId: officerFields.agencyId.optional(),
    specialties: z.array(z.enum(industries)).max(9).optional(),
    phone: z.string().trim().regex(/^$|^[0-9+\-() ]{5,20}$/, '格式不正确').optional(),
    department: z.string().trim().min(2).max(30).optional(),
    /** 离职、调离: from that day the linked login takes no enforcement act (null: back in service) */
    leftOn: isoDate.nullable().optional(),
    /** 执法证注销: from that day the credential no longer counts, whatever its validity */
    credentialRevokedOn: isoDate.nullable().optional(),
    credentialRevokedReason: z.string().trim().max(200).nullable().optional(),
  })
  .strict();

export const officerSchema = z.object({
  id: z.number(),
  name: z.string(),
  credentialNo: z.string(),
  credentialValidFrom: z.string(),
  credentialValidTo: z.string(),
  credentialStatus: z.enum(['valid', 'expiring', 'expired']),
  agencyId: z.number(),
  agencyName: z.string(),
  specialties: z.array(z.enum(industries)),
  phone: z.string(),
  department: z.string(),
  leftOn: z.string().nullable(),
  credentialRevokedOn: z.string().nullable(),
  credentialRevokedReason: z.string().nullable(),
  /** why this officer may not act now (left, credential revoked, expired or not yet valid), or null */
  enforcementBlocked: z.string().nullable(),
  /** the login linked to this officer record */
  account: z.object({ userId: z.number(), username: z.string(), displayName: z.string(), role: z.enum(roles), active: z.boolean() }).nullable(),
  version: z.number(),
});

export const officerQuery = z.object({
  q: z.string().trim().max(50).optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  credentialStatus: z.enum(['valid', 'expiring', 'expired']).optional(),
});
export const officerListQuery = officerQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const officerPage = z.object({ items: z.array(officerSchema), total: z.number(), totalCapped: z.boolean(), page: z.number(), pageSize: z.number() });

/** Recusal (回避, R13): the officer is never drawn for this enterprise. */
export const officerRecusalBody = z.object({ enterpriseId: z.number().int().positive(), reason: z.string().trim().min(2, '请填写回避理由').max(500) });
export const officerRecusalList = z.object({ items: z.array(z.object({ enterpriseId: z.number(), enterpriseName: z.string(), reason: z.string(), createdAt: z.string() })) });
export type OfficerRecusalInput = z.input<typeof officerRecusalBody>;
export type OfficerRecusals = z.input<typeof officerRecusalList>;
export type Officer = z.input<typeof officerSchema>;
export type OfficerCreateInput = z.input<typeof officerCreateSchema>;
export type OfficerPatchInput = z.input<typeof officerPatchSchema>;
export type OfficerPage = z.input<typeof officerPage>;

// ---------- agencies and regions (the four-level tree, each bound to one GB/T 2260 region) ----------

const regionCodeField = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字');
export const agencySchema = z.object({
  id: z.number(),
  name: z.string(),
  level: z.enum(agencyLevels),
  regionCode: z.string(),
  regionName: z.string(),
  parentId: z.number().nullable(),
});
export const agencyList = z.object({ items: z.array(agencySchema) });
export const agencyDetailSchema = agencySchema.extend({ enterpriseCount: z.number(), officerCount: z.number() });
export const agencyCreateBody = z.object({ regionCode: regionCodeField, name: z.string().trim().min(2, '机构名称至少2个字').max(100, '机构名称不能超过100个字').optional() });
export const agencyRenameBody = z.object({ name: z.string().trim().min(2, '机构名称至少2个字').max(100, '机构名称不能超过100个字') });
export const regionQuery = z.object({ parent: regionCodeField.optional() });
export const regionList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), hasChildren: z.boolean() })) });
export type Agency = z.input<typeof agencySchema>;
export type AgencyDetail = z.input<typeof agencyDetailSchema>;
export type Region = z.input<typeof regionList>['items'][number];
