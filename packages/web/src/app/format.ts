import dayjs from 'dayjs';
import {
  agencyLevelLabels,
  creditStatusLabels,
  industryLabels,
  labelOf,
  riskCodeLabels,
  roleLabels,
  standardizationLevelLabels,
} from '@anjian/domain/enums';

export function fmtDateTime(v: string | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : String(v);
}

export function fmtDate(v: string | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD') : String(v);
}

export function fmtCount(total: number, capped: boolean): string {
  return capped ? `${total}+ 条` : `共 ${total.toLocaleString('zh-CN')} 条`;
}

/** Chinese labels of enterprise / officer / agency / user fields (used by forms, details and history). */
export const fieldLabels: Record<string, string> = {
  id: '编号',
  creditCode: '统一社会信用代码',
  name: '名称',
  regionCode: '行政区划代码',
  regionName: '行政区划',
  address: '地址',
  industry: '行业',
  riskCode: '风险赋码',
  hazardSourceCount: '危险源数量',
  majorHazardSourceCount: '重大危险源数量',
  standardizationLevel: '安全生产标准化等级',
  creditStatus: '信用状态',
  fatalAccidents3y: '近三年死亡事故数',
  nonSiteMonitored: '纳入非现场监管',
  legalRepresentative: '法定代表人',
  contactPhone: '联系电话',
  employeeCount: '从业人数',
  supervisingAgencyId: '监管机构',
  supervisingAgencyName: '监管机构',
  supervisingAgencyLevel: '监管层级',
  version: '版本',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  credentialNo: '执法证号',
  credentialValidFrom: '执法证有效期自',
  credentialValidTo: '执法证有效期至',
  credentialStatus: '执法证状态',
  agencyId: '所属机构',
  agencyName: '所属机构',
  specialties: '专业领域',
  phone: '电话',
  level: '层级',
  parentId: '上级机构',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  enterpriseId: '企业编号',
  active: '状态',
  reason: '原因',
  password: '密码',
  ip: 'IP 地址',
  supervisingAgencyKey: '监管机构',
  status: '状态',
  filings: '备案',
  year: '年度',
  summary: '计划概况',
  inputHash: '输入哈希',
  totalPlanned: '计划检查数',
  officerCount: '执法人员数',
  trigger: '检查缘由',
  plannedDate: '计划检查日期',
  jointWithAgencyId: '联合检查机构',
  seed: '随机种子',
  assigned: '抽中家数',
  unassigned: '未分配',
  holiday: '节假日',
  teams: '检查组数',
  excluded: '排除地区',
  filedWith: '备案单位',
};

/** “浙江省杭州市西湖区北山街道” → “杭州市西湖区北山街道”: the province is the same for every row. */
export function shortRegion(name: string | null | undefined): string {
  if (!name) return '—';
  const m = /^(.+?(省|自治区|特别行政区))(.+)$/.exec(name);
  return m ? m[3]! : name;
}

const valueLabels: Record<string, Record<string, string>> = {
  industry: industryLabels,
  riskCode: riskCodeLabels,
  standardizationLevel: standardizationLevelLabels,
  creditStatus: creditStatusLabels,
  level: agencyLevelLabels,
  supervisingAgencyLevel: agencyLevelLabels,
  role: roleLabels,
  credentialStatus: { valid: '有效', expiring: '即将到期', expired: '已过期' },
  status: {
    draft: '草稿',
    submitted: '待审批',
    approved: '已批准',
    filed: '已备案',
    published: '已公布',
    recorded: '已登记',
    pending: '待审批',
    rejected: '不予批准',
  },
  trigger: {
    superior_special: '上级部署的专项检查',
    unannounced_visit: '明查暗访',
    onsite_verification: '现场核查',
    accident: '生产安全事故',
    complaint: '投诉举报',
    referral: '转办交办',
    emergency: '突发事件',
    monitoring_alert: '平台监测预警',
    other: '其他计划外检查',
  },
};

/** Values that are objects in the audit trail of plans, shown as a sentence. */
function fmtObjectValue(field: string, value: object): string | null {
  if (field === 'filings' && Array.isArray(value)) {
    return value.map((f) => (f && typeof f === 'object' && 'with' in f ? String((f as { with: unknown }).with) : String(f))).join('、');
  }
  if (field === 'summary' && 'totalPlanned' in value) {
    const s = value as { totalPlanned?: number; supervisedCount?: number; keyCount?: number; highRiskCount?: number; randomSampleSize?: number };
    return `计划检查 ${s.totalPlanned ?? 0} 家（监管企业 ${s.supervisedCount ?? 0} 家，重点 ${s.keyCount ?? 0}、高危 ${s.highRiskCount ?? 0}、双随机 ${s.randomSampleSize ?? 0}）`;
  }
  return null;
}

/** A field value as a user reads it: enum values in Chinese, booleans as 是/否, empty as （空）. */
export function fmtFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') {
    if (field === 'active') return value ? '启用' : '停用';
    return value ? '是' : '否';
  }
  if (typeof value === 'object') {
    const special = fmtObjectValue(field, value);
    if (special !== null) return special;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '（空）';
    return value.map((v) => fmtFieldValue(field, v)).join('、');
  }
  const labels = valueLabels[field];
  if (labels && typeof value === 'string') return labelOf(labels, value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function fieldLabel(field: string, serverLabel?: string | null): string {
  if (serverLabel && /[\u4e00-\u9fa5]/.test(serverLabel)) return serverLabel;
  return fieldLabels[field] ?? serverLabel ?? field;
}

/** Exact action names of the planning audit trail (R10, R11, R13, R21). */
const actionNames: Record<string, string> = {
  submit: '提交审批',
  approve: '批准',
  return: '退回修改',
  file: '备案',
  publish: '公布',
  adjust: '调整计划',
  draw: '双随机抽取',
  approved: '批准',
  rejected: '不予批准',
};

const actionWords: [RegExp, string][] = [
  [/supervis|transfer/i, '变更监管主体'],
  [/import/i, '批量导入'],
  [/create|insert|add/i, '新增'],
  [/update|patch|edit|modify/i, '修改'],
  [/delete|remove/i, '删除'],
  [/disable|deactivate/i, '停用'],
  [/enable|activate/i, '启用'],
  [/password/i, '修改密码'],
  [/logout/i, '退出登录'],
  [/login_failed|auth_failed/i, '登录失败'],
  [/login/i, '登录'],
];

export function actionLabel(action: string): string {
  if (/[\u4e00-\u9fa5]/.test(action)) return action;
  if (actionNames[action]) return actionNames[action];
  for (const [re, label] of actionWords) if (re.test(action)) return label;
  return action;
}

const entityTypeLabels: Record<string, string> = {
  enterprise: '企业',
  officer: '执法人员',
  agency: '执法机构',
  user: '用户',
  session: '登录会话',
  import: '批量导入',
  import_job: '批量导入',
  plan: '年度计划',
  draw: '双随机抽取',
  unplanned: '计划外检查',
  holiday_round: '明查暗访',
};

export function entityTypeLabel(t: string): string {
  return entityTypeLabels[t] ?? t;
}

export const entityTypeOptions = Object.entries({
  enterprise: '企业',
  officer: '执法人员',
  agency: '执法机构',
  user: '用户',
}).map(([value, label]) => ({ value, label }));
