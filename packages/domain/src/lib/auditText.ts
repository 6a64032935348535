// The audit trail as a reader sees it (R35): what was done, to what, and what changed — in Chinese sentences, never
// the stored codes. The server stores actions, entity types and field names as codes; every screen and export
// that shows them goes through these functions, in the browser and in Node alike.
import { serviceMethodLabels } from '../penalty/caseRecords.js';
import { agencyLevelLabels, creditStatusLabels, fieldLabels, industryLabels, riskCodeLabels, roleLabels, standardizationLevelLabels } from '../registry/enums.js';
import { findingDispositionLabels, hazardStatusLabels, inspectionOriginLabels, inspectionStatusLabels } from '../inspection/labels.js';
import { blacklistGroundLabels, creditFactKindLabels, creditSeverityLabels } from '../credit/labels.js';
import { documentKindTable } from '../documents/kinds.js';
import { escalationLevelLabels, evidenceKindLabels, unplannedTriggerLabels } from '../inspection/labels.js';
import { penaltyCaseActionLabels, penaltyCaseStatusLabels, penaltyDecisionKindLabels, penaltyProcedureLabels, sanctionKindLabels } from '../penalty/labels.js';

export const auditEntityLabels: Record<string, string> = {
  enterprise: '企业',
  officer: '执法人员',
  agency: '执法机构',
  user: '用户账户',
  session: '登录会话',
  import: '批量导入',
  import_job: '批量导入',
  plan: '年度计划',
  draw: '双随机抽取',
  unplanned: '计划外检查',
  holiday_round: '节假日检查',
  inspection: '执法检查',
  hazard: '事故隐患',
  penalty_case: '行政处罚案件',
  document: '执法文书',
  credit_fact: '信用记录',
  blacklist_publication: '严重失信主体名单',
  discretion_catalog: '裁量基准',
  check_item_catalog: '检查事项清单',
  calendar_year: '工作日历',
  complaint: '投诉举报',
  observation_point: '基层观测点',
  report: '统计报表',
  follow_up_ratio: '回访比例',
  follow_up_draw: '回访抽查',
  follow_up: '回访记录',
  follow_up_matter: '回访核查事项',
  case_review_sheet: '案卷评查标准',
  case_review_round: '案卷评查抽取',
  case_review: '评查案卷',
  oversight_alert: '执法监督预警',
  oversight_detectors: '执法监督检测',
  oversight_intervention: '监督措施',
};

export const auditActionLabels: Record<string, string> = {
  ...penaltyCaseActionLabels,
  create: '新增',
  update: '修改',
  delete: '删除',
  import: '批量导入',
  bulk_load: '批量载入',
  login: '登录',
  logout: '退出登录',
  login_failed: '登录失败',
  password: '修改密码',
  submit: '提交审批',
  approve: '批准',
  approved: '批准',
  rejected: '不予批准',
  return: '退回修改',
  deny: '不予批准',
  file: '备案',
  publish: '公布',
  adjust: '调整',
  draw: '双随机抽取',
  link_account: '关联登录账户',
  unlink_account: '解除账户关联',
  recusal: '登记回避',
  transfer: '移交',
  escalate: '提级管辖',
  emergency_entry: '紧急检查登记',
  backfill: '补录',
  finding: '记录检查发现',
  evidence: '上传证据',
  answer: '填写检查结果',
  exam: '现场考核',
  certificate_check: '查验证照',
  complete: '完成检查',
  feedback: '企业评价',
  issue: '出具文书',
  rectify: '报告整改',
  reinspect: '复查',
  update_closing: '登记“四不放过”',
  close: '销号',
  annul: '撤销',
  record_intervention: '记录督办干预',
  answer_statement: '登记陈述申辩采纳情况',
  party_attachment: '当事人提交材料',
  waive_rights: '放弃陈述申辩和听证',
  submit_objection: '提出异议',
  uphold_objection: '异议成立',
  reject_objection: '异议不成立',
  apply_repair: '申请信用修复',
  approve_repair: '准予信用修复',
  reject_repair: '不予信用修复',
  credit_status: '信用状态变更',
  blacklist: '列入严重失信主体名单',
  blacklist_remove: '移出严重失信主体名单',
  withdraw_publication: '撤回公示',
  enter_notice: '录入放假安排通知',
  enter: '进场检查',
  show_credentials: '出示执法证件',
  sign_commitment: '签署廉政承诺',
  annotate: '填写说明',
  follow_up_ratio: '设置回访比例',
  follow_up_draw: '回访抽查',
  follow_up_record: '记录回访',
  follow_up_matter_open: '回访发现问题，启动核查',
  follow_up_matter_resolve: '办结核查事项',
  score: '评分',
  run: '运行检测',
  redetected: '再次检出',
  explain: '作出说明',
  confirm: '确认问题',
  rectified: '整改完成',
  reopen: '退回重新处理',
  record_oversight_intervention: '记录监督措施',
  accept: '受理',
  not_accept: '不予受理',
  reply: '答复',
  reward: '举报奖励',
  remove: '撤销',
  add_violation: '认定违法行为',
  update_violation: '修改违法行为认定',
  remove_violation: '删除违法行为认定',
};

/** The entity-specific meaning of a generic action (closing a case is not closing a hazard). */
const actionByEntity: Record<string, Record<string, string>> = {
  penalty_case: { close: '批准结案', transfer: '移送司法机关', create: '登记案件' },
  hazard: { close: '销号' },
  enterprise: { transfer: '变更监管主体' },
  inspection: { create: '登记检查', file: '登记检查', close: '结束检查' },
  oversight_alert: { rectify: '整改销号', reopen: '退回重新说明' },
};

/** An action's Chinese name; an unknown code is never shown as is. */
export function auditActionLabel(action: string, entityType?: string): string {
  if (/[\u4e00-\u9fa5]/.test(action)) return action;
  return (entityType && actionByEntity[entityType]?.[action]) ?? auditActionLabels[action] ?? '其他操作';
}

export function auditEntityLabel(entityType: string): string {
  return auditEntityLabels[entityType] ?? '其他记录';
}

const planStatusLabels: Record<string, string> = { draft: '草稿', submitted: '待审批', approved: '已批准', filed: '已备案', published: '已公布' };

/** Field names that mean different things on different records. */
const fieldByEntity: Record<string, Record<string, string>> = {
  plan: { summary: '计划概况', status: '计划状态', items: '检查事项' },
  credit_fact: { summary: '信用记录摘要', kind: '记录类别', severity: '严重程度' },
  inspection: { summary: '检查结果', status: '检查状态', items: '检查事项', origin: '检查方式' },
  hazard: { status: '隐患状态', description: '隐患描述', level: '督办层级', threshold: '逾期工作日数' },
  penalty_case: {
    status: '案件状态',
    facts: '违法事实',
    total: '罚款合计（元）',
    adoption: '采纳情况',
    adoptionReasons: '采纳情况的理由',
    statementReceivedOn: '陈述申辩收到日期',
    // issue #17: 送达, 听证, 集体讨论 as recorded
    servedOn: '送达日期',
    method: '送达方式',
    recipient: '受送达人',
    signer: '签收人',
    relation: '与受送达人的关系',
    place: '地点',
    witness: '见证人',
    electronicConsentOn: '电子送达确认书签订日期',
    noticeOn: '听证通知日期',
    heldOn: '日期',
    hostId: '听证主持人',
    notice: '听证通知',
    minutes: '听证笔录',
    time: '时间',
    panelists: '听证员',
    clerk: '记录员',
    attended: '当事人出席',
    partyAttendees: '出席人员',
    investigatorCase: '调查人员意见',
    partyStatement: '当事人陈述申辩',
    crossExamination: '质证情况',
    finalStatements: '最后陈述',
    absenceNote: '未出席情况',
    participants: '参加人员',
    opinions: '讨论意见',
    conclusion: '结论',
    position: '职务',
    recordedBy: '登记人',
  },
  calendar_year: { holidays: '放假安排', makeupWorkdays: '调休上班日', number: '通知文号', notice: '放假通知' },
};

export const auditFieldLabels: Record<string, string> = {
  ...fieldLabels,
  id: '编号',
  regionName: '行政区划',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  supervisingAgencyLevel: '监管层级',
  supervisingAgencyKey: '监管主体',
  credentialStatus: '执法证状态',
  agencyName: '所属机构',
  status: '状态',
  filings: '备案',
  filedWith: '备案单位',
  year: '年度',
  summary: '概况',
  inputHash: '输入哈希',
  totalPlanned: '计划检查数',
  officerCount: '执法人员数',
  trigger: '检查缘由',
  plannedDate: '计划检查日期',
  jointWithAgencyId: '联合检查机构',
  joint: '联合检查',
  seed: '随机种子',
  assigned: '抽中家数',
  unassigned: '未分配',
  holiday: '节假日',
  holidays: '放假安排',
  teams: '检查组数',
  excluded: '排除地区',
  leftOn: '离职日期',
  credentialRevokedOn: '执法证注销日期',
  credentialRevokedReason: '执法证注销原因',
  userId: '账户编号',
  created: '新开通账户',
  officerId: '执法人员',
  officerName: '执法人员',
  officerIds: '执法人员',
  investigatorIds: '承办人员',
  actorRole: '操作人角色',
  annulledOn: '撤销日期',
  answerDue: '答复期限',
  answers: '检查结果',
  backfillDue: '补录期限',
  caseId: '案件编号',
  penaltyCaseId: '处罚案件',
  changes: '变更事项',
  comment: '意见',
  concerns: '关注事项',
  count: '数量',
  creditFactId: '信用记录',
  data: '内容',
  date: '日期',
  deadline: '整改期限',
  newDeadline: '新的整改期限',
  decidedOn: '决定日期',
  description: '描述',
  disposition: '处理方式',
  due: '期限',
  dueOn: '期限',
  entries: '检查对象',
  evidenceId: '证据',
  evidenceIds: '证据',
  expiresOn: '到期日期',
  facts: '事实',
  fields: '字段',
  findingId: '检查发现',
  sourceFindingId: '来源检查发现',
  hazardId: '隐患',
  hearing: '听证',
  service: '送达情况',
  itemCode: '检查事项',
  itemCount: '检查事项数',
  items: '事项',
  key: '标识',
  kind: '类别',
  late: '逾期',
  legalBasis: '依据',
  length: '长度',
  listingId: '名单记录',
  major: '重大事故隐患',
  makeupWorkdays: '调休上班日',
  method: '方式',
  mime: '文件类型',
  note: '说明',
  notice: '通知',
  number: '编号',
  objectionId: '异议',
  occurredOn: '发生日期',
  official: '正式安排',
  opinion: '意见',
  origin: '来源',
  originalName: '文件名',
  procedure: '程序',
  published: '已公示',
  publishedOn: '公示日期',
  quarter: '季度',
  removedOn: '移出日期',
  repairId: '信用修复申请',
  responsiblePerson: '整改责任人',
  result: '结果',
  rightsWaived: '放弃陈述申辩和听证',
  severity: '严重程度',
  size: '文件大小',
  statementReceived: '已收到陈述申辩',
  threshold: '阈值',
  title: '标题',
  to: '至',
  today: '当日',
  total: '合计',
  trackerName: '督办人',
  versionNo: '版本',
  violations: '违法行为',
  withdrawnOn: '撤回日期',
  tier: '裁量阶次',
  suggested: '建议金额（元）',
  amount: '金额（元）',
  deviates: '偏离裁量基准',
  intervenerName: '干预人',
  intervenerPosition: '干预人职务',
  ground: '事由',
  grounds: '事由',
  issuedAt: '出具时间',
  issuedOn: '发布日期',
  name: '名称',
  decision: '决定内容',
  fine: '罚款（元）',
  sanctions: '处罚种类',
  decisionKind: '决定类型',
  onBehalf: '由执法人员代为登记',
  receivedOn: '收到日期',
  supplement: '补充材料',
  sm3: '文件哈希（SM3）',
  contentSm3: '内容哈希（SM3）',
  entityId: '关联记录编号',
  entityType: '关联记录类别',
  collectiveDiscussion: '集体讨论记录',
  collectiveDiscussionHeld: '经集体讨论',
  executionDone: '执行完毕',
  enteredAt: '进场时间',
  entryDate: '进场日期',
  credentialsShownAt: '出示证件时间',
  commitment: '廉政承诺',
};

export function auditFieldLabel(field: string, entityType?: string): string {
  return (entityType && fieldByEntity[entityType]?.[field]) ?? auditFieldLabels[field] ?? '其他信息';
}

const valueLabelsByField: Record<string, Record<string, string>> = {
  industry: industryLabels,
  riskCode: riskCodeLabels,
  standardizationLevel: standardizationLevelLabels,
  creditStatus: creditStatusLabels,
  level: agencyLevelLabels,
  supervisingAgencyLevel: agencyLevelLabels,
  role: roleLabels,
  actorRole: roleLabels,
  specialties: industryLabels,
  credentialStatus: { valid: '有效', expiring: '即将到期', expired: '已过期' },
  procedure: penaltyProcedureLabels,
  disposition: findingDispositionLabels,
  origin: inspectionOriginLabels,
  grounds: blacklistGroundLabels,
  decisionKind: penaltyDecisionKindLabels,
  sanctions: sanctionKindLabels,
  entityType: auditEntityLabels,
  trigger: unplannedTriggerLabels,
};

/** Codes whose meaning depends on the record (a credit record's kind is not a sanction's kind). */
const valueLabelsByEntity: Record<string, Record<string, Record<string, string>>> = {
  credit_fact: { kind: creditFactKindLabels, severity: creditSeverityLabels },
  inspection: { kind: evidenceKindLabels },
  // a hazard's level is its escalation step (函告 … 督办), not an agency level
  hazard: { level: escalationLevelLabels },
  // a decision's kind (处罚 / 不予处罚 …) and a sanction's kind share the field name; their codes differ
  penalty_case: { kind: { ...penaltyDecisionKindLabels, ...sanctionKindLabels }, method: serviceMethodLabels },
  document: { kind: Object.fromEntries(Object.entries(documentKindTable).map(([k, v]) => [k, v.title])) },
};

const statusByEntity: Record<string, Record<string, string>> = {
  plan: planStatusLabels,
  inspection: inspectionStatusLabels,
  hazard: hazardStatusLabels,
  penalty_case: penaltyCaseStatusLabels,
  unplanned: { pending: '待审批', approved: '已批准', rejected: '不予批准', recorded: '已登记' },
};
const anyStatus: Record<string, string> = Object.assign(
  {},
  planStatusLabels,
  inspectionStatusLabels,
  hazardStatusLabels,
  { pending: '待审批', rejected: '不予批准', recorded: '已登记' },
  penaltyCaseStatusLabels,
);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A timestamp in Beijing time (UTC+8, no daylight saving), to the second. */
export function beijingDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A stored value as a reader reads it: labels for codes, 是/否, Beijing time, nested records as short sentences. */
export function auditValueText(field: string, value: unknown, entityType?: string, depth = 0): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return field === 'active' ? (value ? '启用' : '停用') : value ? '是' : '否';
  if (typeof value === 'number') return value.toLocaleString('zh-CN');
  if (typeof value === 'string') {
    if (field === 'status') return (entityType && statusByEntity[entityType]?.[value]) ?? anyStatus[value] ?? value;
    const labels = (entityType ? valueLabelsByEntity[entityType]?.[field] : undefined) ?? valueLabelsByField[field];
    if (labels?.[value]) return labels[value]!;
    if (ISO_TIME.test(value)) return beijingDateTime(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '（空）';
    if (field === 'filings') return value.map((f) => (f && typeof f === 'object' && 'with' in f ? String((f as { with: unknown }).with) : String(f))).join('、');
    if (depth >= 2) return `共 ${value.length} 项`;
    return value.map((v) => auditValueText(field, v, entityType, depth + 1)).join('；');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (field === 'summary' && 'totalPlanned' in o) {
      const s = o as { totalPlanned?: number; supervisedCount?: number; keyCount?: number; highRiskCount?: number; randomSampleSize?: number };
      return `计划检查 ${s.totalPlanned ?? 0} 家（监管企业 ${s.supervisedCount ?? 0} 家，重点 ${s.keyCount ?? 0}、高危 ${s.highRiskCount ?? 0}、双随机 ${s.randomSampleSize ?? 0}）`;
    }
    if (depth >= 2) return `${Object.keys(o).length} 项信息`;
    return Object.entries(o)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${auditFieldLabel(k, entityType)}：${auditValueText(k, v, entityType, depth + 1)}`)
      .join('，');
  }
  return String(value);
}
