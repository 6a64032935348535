// R34: the problems of the 监管执法领域突出问题清单 (附件2 of the 2025 work plan, 20 items) that the platform's records
// can reveal, each found by a named detector that runs nightly, and those the records cannot reveal, with why (they
// become questions for follow-up visits and case-file reviews). The catalogue and the alert state machine are pure,
// so the browser shows the same titles and offers the same transitions. Detector queries are the server's.
import type { Role } from '../registry/enums.js';

/** 附件2 items, as "一.3" (section, number). */
export const annex2Items: Record<string, string> = {
  '一.1': '执法检查“无差别”部署、“大呼隆”推进，走马观花、敷衍应付，不到要害部位和关键岗位检查',
  '一.2': '选择性执法、人情执法、只检查不执法，对非法违法生产、超期经营默许纵容、打击不力',
  '一.3': '对重大事故隐患长期失察、问题隐患描述避重就轻、以责令整改代替行政处罚',
  '一.4': '未推动重大事故隐患整改闭环和执法闭环',
  '一.5': '对群众信访反映问题视而不见、压案不查、不及时反馈，不按规定报告移送',
  '二.1': '未按照经批准的年度监督检查计划或专项监督检查开展监管执法，随意检查、多头重复检查',
  '二.2': '监管执法时未落实行政执法三项制度，未取得执法证件、未亮证执法',
  '二.3': '对监管执法发现的问题隐患未责令改正或采取现场处理措施',
  '二.4': '行政处罚时不执行或滥用行政裁量权，处罚畸轻畸重、同案异罚',
  '二.5': '监管执法未全过程使用“互联网+执法”等信息系统，手写文书、手工填表',
  '三.1': '重执法轻服务，对问题隐患只提要求，不指导督促依法依规整改',
  '三.2': '重处罚轻教育，“一刀切”执法、随意执法、以罚代管、一罚了之、逐利执法',
  '三.3': '监管执法时不使用执法文明用语，甚至暴力执法，侵犯合法权益',
  '三.4': '随意采取查封、扣押等行政强制措施，自行下达政策文件要求普遍式停产停业',
  '三.5': '对待群众“冷横硬推”，不听取当事人申辩、陈述，保障权利不到位',
  '四.1': '为企业说情打招呼，借处罚名义吃拿卡要、变相强制企业代为“买单”',
  '四.2': '与企业搞权钱交易，为请托人谋取不正当利益、通风报信、提供保护',
  '四.3': '违规向企业指定安责险承保机构，并从中谋利',
  '四.4': '下达或者变相下达罚没指标，不严格执行罚缴分离制度，以罚增收、以罚养人',
  '四.5': '执法人员个人私自截留罚没款，乱罚款、滥收费等',
};

export const detectorCodes = [
  'violation_no_case',
  'order_instead_of_penalty',
  'inconsistent_penalties',
  'below_tier_no_reason',
  'repeated_inspections',
  'unplanned_without_approval',
  'hazard_overdue_unchecked',
  'case_overdue',
  'crime_not_transferred',
  'documents_missing',
  'credential_invalid',
  'single_officer',
  'finding_without_order',
  'fine_concentration',
  'rights_not_heard',
  'complaint_overdue',
] as const;
export type DetectorCode = (typeof detectorCodes)[number];

export interface DetectorInfo {
  code: DetectorCode;
  /** the 附件2 items it reveals */
  items: string[];
  title: string;
  /** what the detector looks for, in Chinese, with its thresholds */
  description: string;
}

export const DETECTION_THRESHOLDS = {
  /** a violation found at an inspection with no case opened after this many days */
  violationNoCaseDays: 30,
  /** a major hazard with no case and no written reason after this many days */
  majorHazardNoCaseDays: 30,
  /** routine inspections of one enterprise within this many days count as repeated */
  repeatWindowDays: 30,
  /** an open hazard past its deadline this many days without a reinspection */
  hazardOverdueDays: 7,
  /** a reported rectification not rechecked within this many days */
  rectifiedUncheckedDays: 10,
  /** same article and tier: an agency's average fine differs from the others' median by this factor */
  inconsistencyFactor: 2,
  /** … over at least this many decided violations of that agency */
  inconsistencyMinCases: 3,
  /** a month's fines of an agency exceed this multiple of its monthly average over the year */
  fineConcentrationFactor: 3,
  /** … with at least this many fined cases in that month */
  fineConcentrationMinCases: 5,
  /** the look-back of the pattern detectors */
  lookBackDays: 365,
} as const;

const T = DETECTION_THRESHOLDS;

export const detectorCatalogue: readonly DetectorInfo[] = [
  { code: 'violation_no_case', items: ['一.2'], title: '应罚未罚', description: `检查中认定为违法行为的问题，超过${T.violationNoCaseDays}日未立案查处（没有案件，或案件仍待立案）` },
  { code: 'order_instead_of_penalty', items: ['一.3'], title: '以责代罚', description: `重大事故隐患超过${T.majorHazardNoCaseDays}日既未立案也未写明不予处罚理由；或裁量基准建议处罚的违法行为以不予处罚结案` },
  { code: 'inconsistent_penalties', items: ['二.4'], title: '同案异罚', description: `近一年同一违法条款、同一裁量档次，某单位平均罚款与其他单位中位数相差${T.inconsistencyFactor}倍以上（该单位至少${T.inconsistencyMinCases}起）` },
  { code: 'below_tier_no_reason', items: ['二.4'], title: '处罚畸轻未说明理由', description: '罚款低于所适用裁量档次的下限，且未记录书面理由' },
  { code: 'repeated_inspections', items: ['二.1'], title: '多头重复检查', description: `同一企业${T.repeatWindowDays}日内被多个部门（层级）或同一部门重复开展计划内检查，且无举报、事故等事由` },
  { code: 'unplanned_without_approval', items: ['二.1'], title: '计划外检查未经批准', description: '计划外检查没有经批准（或依规登记）的计划外检查申请，或计划内检查找不到对应的计划条目、抽查记录' },
  { code: 'hazard_overdue_unchecked', items: ['一.4'], title: '隐患逾期未复查', description: `隐患超过整改期限${T.hazardOverdueDays}日仍未复查，或企业报告整改后${T.rectifiedUncheckedDays}日仍未复查` },
  { code: 'case_overdue', items: ['一.4'], title: '案件超期', description: '一般程序案件超过立案之日起的法定办案期限未作出决定，或决定后超过送达期限未送达' },
  { code: 'crime_not_transferred', items: ['一.5'], title: '应移未移', description: '条款保留刑事责任且后果严重或情节严重的违法行为，案件已作出决定或结案但未移送司法机关' },
  { code: 'documents_missing', items: ['二.5'], title: '执法文书缺失', description: '已完成的检查没有现场检查记录，发现隐患的检查没有责令限期整改指令书，已作出处罚的案件没有行政处罚决定书，或补录逾期未完成' },
  { code: 'credential_invalid', items: ['二.2'], title: '无证执法', description: '检查或案件承办人员在执法当日执法证已过期、已注销或已离职' },
  { code: 'single_officer', items: ['二.2'], title: '单人执法、未亮证', description: '已完成的检查执法人员少于两人，或未记录出示执法证件' },
  { code: 'finding_without_order', items: ['二.3'], title: '发现问题未责令改正', description: '已完成的检查中判定为“不符合”的检查项，没有登记为当场整改、隐患或违法行为' },
  { code: 'fine_concentration', items: ['四.4', '三.2'], title: '罚没集中（疑似罚没指标）', description: `某单位某月罚款总额超过其近一年月均的${T.fineConcentrationFactor}倍，且当月处罚案件不少于${T.fineConcentrationMinCases}起` },
  { code: 'complaint_overdue', items: ['一.5'], title: '投诉举报逾期未处理', description: '投诉举报超过受理期限未作出是否受理的决定，或受理后超过答复期限未答复举报人' },
  { code: 'rights_not_heard', items: ['三.5'], title: '未听取陈述申辩', description: '一般程序作出处罚决定，但没有告知记录，或告知后既未收到陈述申辩、也未放弃、也未举行听证即作出决定' },
];

export const detectorInfo = (code: string): DetectorInfo | undefined => detectorCatalogue.find((d) => d.code === code);

/** The items no record reveals, and what to do instead (questions of the follow-up visit, case-file review). */
export const uncoveredItems: readonly { item: string; why: string; instead: string }[] = [
  { item: '一.1', why: '检查是否到要害部位、是否走过场，系统只能看到检查项的结论，看不到现场检查的深度', instead: '回访时询问检查过程（附件3第3项），抽查现场照片和检查记录' },
  { item: '三.1', why: '是否指导企业整改发生在现场交流中，记录里只有整改要求', instead: '回访时询问是否进行说理式执法、指导整改（附件3第6项）' },
  { item: '三.3', why: '执法用语和态度不形成记录', instead: '回访问卷（附件3第3项）、企业对检查的评价和举报' },
  { item: '三.4', why: '行政强制措施和停产停业文件不在本系统办理', instead: '案卷评查时核查强制措施的审批和文书；核查本级发文' },
  { item: '四.1', why: '说情打招呼、吃拿卡要不进入执法记录（已记录的领导干预见“领导干预记录”）', instead: '回访、信访举报线索，纪检监察' },
  { item: '四.2', why: '权钱交易、通风报信不进入执法记录', instead: '信访举报线索、纪检监察；抽查检查前后的异常（如检查前企业已知情）' },
  { item: '四.3', why: '安责险承保不在本系统办理', instead: '回访时询问是否被指定承保机构' },
  { item: '四.5', why: '本系统不记录罚没款的缴纳去向，罚缴分离由财政非税收入系统管理', instead: '与非税收入缴库记录核对；案卷评查核查缴款凭证' },
];

// ---------- the alert state machine ----------

export const alertStates = ['open', 'explained', 'confirmed', 'rectified'] as const;
export type AlertState = (typeof alertStates)[number];
export const alertStateLabels: Record<AlertState, string> = { open: '待处理', explained: '已说明', confirmed: '已确认问题', rectified: '已整改销号' };

export const alertActions = ['explain', 'confirm', 'rectify', 'reopen'] as const;
export type AlertAction = (typeof alertActions)[number];
export const alertActionLabels: Record<AlertAction, string> = { explain: '作出说明', confirm: '确认问题', rectify: '整改销号', reopen: '退回重新说明' };

/**
 * Who moves an alert: the watched agency explains (its leader — the one answerable for the agency's enforcement),
 * oversight confirms a problem (explained or not), returns an explanation it does not accept, and closes a confirmed
 * one once it has been rectified.
 */
export const alertTransitions: Record<AlertAction, { from: readonly AlertState[]; to: AlertState; role: 'agency_leader' | 'oversight' }> = {
  explain: { from: ['open'], to: 'explained', role: 'agency_leader' },
  confirm: { from: ['open', 'explained'], to: 'confirmed', role: 'oversight' },
  reopen: { from: ['explained'], to: 'open', role: 'oversight' },
  rectify: { from: ['confirmed'], to: 'rectified', role: 'oversight' },
};

/**
 * The actions open to a user on an alert: `ownAgency` — the user belongs to the watched agency; `oversees` — the alert
 * is in the user's jurisdiction.
 */
export function alertActionsFor(state: AlertState, role: Role, ownAgency: boolean, oversees: boolean): AlertAction[] {
  return alertActions.filter((a) => {
    const t = alertTransitions[a];
    if (!t.from.includes(state)) return false;
    return t.role === 'agency_leader' ? role === 'leader' && ownAgency : role === 'oversight' && oversees;
  });
}

/** Why an action is refused, in Chinese, or null when allowed. */
export function alertTransitionProblem(state: AlertState, action: AlertAction, role: Role, ownAgency: boolean, oversees: boolean, reason: string): string | null {
  const t = alertTransitions[action];
  if (!t.from.includes(state)) return `预警当前为“${alertStateLabels[state]}”，不能${alertActionLabels[action]}`;
  if (t.role === 'agency_leader' && !(role === 'leader' && ownAgency)) return '只有被监督单位的负责人可以对预警作出说明';
  if (t.role === 'oversight' && !(role === 'oversight' && oversees)) return '只有有管辖权的执法监督人员可以确认问题、退回说明或整改销号';
  if (reason.trim().length < 4) return '请填写理由（至少4个字）';
  return null;
}
