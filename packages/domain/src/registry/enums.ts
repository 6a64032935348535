// Value sets of the registers (glossary of docs/rules.md). Labels are what users see; identifiers are what code stores.
// This file has no imports so the web bundle can use it without pulling region data.

export const agencyLevels = ['province', 'city', 'county', 'township'] as const;
export type AgencyLevel = (typeof agencyLevels)[number];
export const agencyLevelLabels: Record<AgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

// R8: the first six are the high-risk industries that are inspected at least once a year.
export const industries = [
  'mining',
  'hazardous_chemicals',
  'fireworks',
  'metallurgy',
  'dust_explosion',
  'ammonia_refrigeration',
  'industry_trade',
  'safety_service',
  'safety_training',
] as const;
export type Industry = (typeof industries)[number];
export const industryLabels: Record<Industry, string> = {
  mining: '非煤矿山',
  hazardous_chemicals: '危险化学品',
  fireworks: '烟花爆竹',
  metallurgy: '金属冶炼',
  dust_explosion: '粉尘涉爆',
  ammonia_refrigeration: '涉氨制冷',
  industry_trade: '一般工贸',
  safety_service: '安全技术服务',
  safety_training: '安全培训',
};
export const highRiskIndustries: readonly Industry[] = [
  'mining',
  'hazardous_chemicals',
  'fireworks',
  'metallurgy',
  'dust_explosion',
  'ammonia_refrigeration',
];

export const riskCodes = ['red', 'yellow', 'blue', 'green'] as const;
export type RiskCode = (typeof riskCodes)[number];
export const riskCodeLabels: Record<RiskCode, string> = { red: '红码', yellow: '黄码', blue: '蓝码', green: '绿码' };

export const standardizationLevels = ['level1', 'level2', 'level3', 'none'] as const;
export type StandardizationLevel = (typeof standardizationLevels)[number];
export const standardizationLevelLabels: Record<StandardizationLevel, string> = {
  level1: '一级',
  level2: '二级',
  level3: '三级',
  none: '未达标',
};

export const creditStatuses = ['trustworthy', 'normal', 'dishonest', 'blacklist'] as const;
export type CreditStatus = (typeof creditStatuses)[number];
export const creditStatusLabels: Record<CreditStatus, string> = {
  trustworthy: '守信',
  normal: '一般',
  dishonest: '失信',
  blacklist: '黑名单',
};

export const roles = ['admin', 'leader', 'officer', 'legal_reviewer', 'oversight', 'enterprise'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  leader: '单位负责人',
  officer: '执法人员',
  legal_reviewer: '法制审核人员',
  oversight: '执法监督人员',
  enterprise: '企业用户',
};

/** Label lookup that tolerates unknown values (e.g. rows imported before a value set grew). */
export function labelOf<K extends string>(labels: Record<K, string>, value: string | null | undefined): string {
  if (value == null) return '';
  return (labels as Record<string, string>)[value] ?? value;
}

/** Chinese names of register fields: validation messages, change history and import headers use them. */
export const fieldLabels: Record<string, string> = {
  creditCode: '统一社会信用代码',
  name: '名称',
  regionCode: '行政区划',
  address: '地址',
  industry: '行业',
  riskCode: '风险赋码',
  hazardSourceCount: '危险源数量',
  majorHazardSourceCount: '重大危险源数量',
  standardizationLevel: '安全生产标准化等级',
  creditStatus: '信用状态',
  fatalAccidents3y: '近三年死亡事故起数',
  nonSiteMonitored: '纳入非现场监管',
  legalRepresentative: '法定代表人',
  contactPhone: '联系电话',
  employeeCount: '从业人员数',
  supervisingAgencyId: '监管主体',
  credentialNo: '执法证号',
  credentialValidFrom: '执法证有效期起',
  credentialValidTo: '执法证有效期止',
  agencyId: '所属机构',
  specialties: '专业领域',
  phone: '联系电话',
  username: '用户名',
  password: '密码',
  displayName: '姓名',
  role: '角色',
  enterpriseId: '企业',
  active: '启用',
  reason: '原因',
  version: '版本号',
  level: '层级',
  parentId: '上级机构',
  ip: 'IP 地址',
  supervisingAgencyName: '监管主体名称',
  department: '所属部门',
  ground: '撤回事由',
  changedOn: '决定被变更或撤销的日期',
  // R36 periodic reports
  period: '报告期',
  month: '月份',
  format: '文件格式',
  annotations: '数据说明',
  remarks: '说明',
  // 回访 (follow-up visits); generic words where other forms use the same field name
  periodStart: '期间开始日期',
  periodEnd: '期间结束日期',
  seed: '随机种子',
  percent: '比例',
  method: '方式',
  visitedOn: '回访日期',
  visitors: '回访人员',
  contactPerson: '企业受访人',
  answers: '回答',
  notes: '说明',
  comment: '意见',
  handling: '核查处理情况',
  finding: '核查结论',
  result: '结果',
  hasMatters: '核查事项',
};
