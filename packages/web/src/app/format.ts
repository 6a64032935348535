import { auditEntityLabels, beijingDateTime } from '@anjian/domain/auditText';

/** A timestamp in Beijing time, whatever the browser's own time zone. */
export function fmtDateTime(v: string | null | undefined): string {
  if (!v) return '—';
  return Number.isNaN(Date.parse(v)) ? String(v) : beijingDateTime(v);
}

/** A date: calendar dates as they are, timestamps as their Beijing date. */
export function fmtDate(v: string | null | undefined): string {
  if (!v) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return Number.isNaN(Date.parse(v)) ? String(v) : beijingDateTime(v).slice(0, 10);
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
  leftOn: '离职日期',
  credentialRevokedOn: '执法证注销日期',
  credentialRevokedReason: '执法证注销原因',
  userId: '账户编号',
  created: '新开通账户',
  officerId: '关联执法人员',
  officerName: '关联执法人员',
};

/** “浙江省杭州市西湖区北山街道” → “杭州市西湖区北山街道”: the province is the same for every row. */
export function shortRegion(name: string | null | undefined): string {
  if (!name) return '—';
  const m = /^(.+?(省|自治区|特别行政区))(.+)$/.exec(name);
  return m ? m[3]! : name;
}

export function fieldLabel(field: string, serverLabel?: string | null): string {
  if (serverLabel && /[\u4e00-\u9fa5]/.test(serverLabel)) return serverLabel;
  return fieldLabels[field] ?? serverLabel ?? field;
}

export const entityTypeOptions = Object.entries(auditEntityLabels)
  .filter(([value]) => value !== 'import')
  .map(([value, label]) => ({ value, label }));
