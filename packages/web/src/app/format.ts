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
};

/** A field value as a user reads it: enum values in Chinese, booleans as 是/否, empty as （空）. */
export function fmtFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') {
    if (field === 'active') return value ? '启用' : '停用';
    return value ? '是' : '否';
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
