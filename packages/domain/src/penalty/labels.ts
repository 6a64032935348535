// Value sets and labels of penalty cases (R25–R31). No imports but the enum file, so the web bundle can show them.
import type { Role } from '../registry/enums.js';

// ---------- discretion (R25, R26) ----------

/**
 * The four discretion tiers (裁量档次). Each catalogue item splits its statutory range into these four sub-ranges
 * (see `quartileTiers` in catalogue.ts for the partition rule). 轻微 and 一般 lie in the lower half of the range
 * (从轻 stays there), 较重 and 严重 in the upper half (从重 goes there).
 */
export const discretionTiers = ['minor', 'general', 'serious', 'severe'] as const;
export type DiscretionTier = (typeof discretionTiers)[number];
export const discretionTierLabels: Record<DiscretionTier, string> = { minor: '轻微', general: '一般', serious: '较重', severe: '严重' };

/** 危害后果: none, then the same four grades as the tiers. */
export const harmLevels = ['none', 'minor', 'general', 'serious', 'severe'] as const;
export type HarmLevel = (typeof harmLevels)[number];
export const harmLevelLabels: Record<HarmLevel, string> = { none: '未造成危害后果', minor: '危害后果轻微', general: '危害后果一般', serious: '危害后果较重', severe: '危害后果严重' };

/** 主观过错. `none_proven`: the party has evidence sufficient to prove no fault (行政处罚法 第三十三条第二款). */
export const faultLevels = ['none_proven', 'negligent', 'intentional'] as const;
export type FaultLevel = (typeof faultLevels)[number];
export const faultLevelLabels: Record<FaultLevel, string> = { none_proven: '有证据足以证明没有主观过错', negligent: '过失', intentional: '故意' };

/** 从轻或者减轻 — 《中华人民共和国行政处罚法》（2021年修订）第三十二条 (1)–(5). */
export const mitigatingFactors = ['eliminated_harm', 'coerced', 'confessed', 'meritorious', 'other_law'] as const;
export type MitigatingFactor = (typeof mitigatingFactors)[number];
export const mitigatingFactorLabels: Record<MitigatingFactor, string> = {
  eliminated_harm: '主动消除或者减轻违法行为危害后果的',
  coerced: '受他人胁迫或者诱骗实施违法行为的',
  confessed: '主动供述行政机关尚未掌握的违法行为的',
  meritorious: '配合行政机关查处违法行为有立功表现的',
  other_law: '法律、法规、规章规定其他应当从轻或者减轻行政处罚的',
};
export const mitigatingFactorBasis: Record<MitigatingFactor, string> = {
  eliminated_harm: '《行政处罚法》第三十二条第（一）项',
  coerced: '《行政处罚法》第三十二条第（二）项',
  confessed: '《行政处罚法》第三十二条第（三）项',
  meritorious: '《行政处罚法》第三十二条第（四）项',
  other_law: '《行政处罚法》第三十二条第（五）项',
};

/**
 * 从重 factors, each with where it comes from. The first four are the aggravating circumstances of the
 * 《安全生产违法行为行政处罚办法》 (原国家安全生产监督管理总局令第15号，2015年第77号令修正), which agencies still apply in
 * their 裁量基准; the others come from the statute and the policy documents (docs/rules.md).
 */
export const aggravatingFactors = ['overdue_endangering', 'repeat_within_year', 'refused_correction', 'obstruction', 'accident_caused', 'major_hazard', 'emergency_period'] as const;
export type AggravatingFactor = (typeof aggravatingFactors)[number];
export const aggravatingFactorLabels: Record<AggravatingFactor, string> = {
  overdue_endangering: '危及公共安全或者其他生产经营单位安全，经责令限期改正，逾期未改正的',
  repeat_within_year: '一年内因同一违法行为受到两次以上行政处罚的',
  refused_correction: '拒不整改或者整改不力，违法行为呈持续状态的',
  obstruction: '拒绝、阻碍或者以暴力威胁行政执法人员的（妨碍执法）',
  accident_caused: '违法行为导致发生生产安全事故或者造成严重危害后果的',
  major_hazard: '违法行为构成重大事故隐患的',
  emergency_period: '发生重大传染病疫情等突发事件期间违反突发事件应对措施的',
};
export const aggravatingFactorBasis: Record<AggravatingFactor, string> = {
  overdue_endangering: '《安全生产违法行为行政处罚办法》从重处罚情形',
  repeat_within_year: '《安全生产违法行为行政处罚办法》从重处罚情形',
  refused_correction: '《安全生产违法行为行政处罚办法》从重处罚情形；《安全生产法》第一百一十二条',
  obstruction: '《安全生产违法行为行政处罚办法》从重处罚情形；《安全生产法》第一百零八条',
  accident_caused: '《行政处罚法》第五条第二款（过罚相当：与违法行为的社会危害程度相当）',
  major_hazard: '对重大事故隐患严厉查处、不得以责令限期改正等代替行政处罚的执法要求',
  emergency_period: '《行政处罚法》第四十九条（依法快速、从重处罚）',
};

// ---------- catalogue ----------

/** Who is punished under a catalogue item. */
export const penaltyParties = ['unit', 'principal', 'other_manager', 'responsible_person', 'investor', 'institution'] as const;
export type PenaltyParty = (typeof penaltyParties)[number];
export const penaltyPartyLabels: Record<PenaltyParty, string> = {
  unit: '生产经营单位',
  principal: '主要负责人',
  other_manager: '其他负责人和安全生产管理人员',
  responsible_person: '直接负责的主管人员和其他直接责任人员',
  investor: '个人经营的投资人',
  institution: '安全评价、认证、检测、检验机构',
};
/** Individuals vs organisations: the simple procedure (行政处罚法 第五十一条) and the hearing thresholds differ. */
export const penaltyPartyKinds: Record<PenaltyParty, 'organization' | 'citizen'> = {
  unit: 'organization',
  principal: 'citizen',
  other_manager: 'citizen',
  responsible_person: 'citizen',
  investor: 'citizen',
  institution: 'organization',
};

/** When a catalogue item applies: the first finding, after the deadline passed, after refusing, or on an accident. */
export const penaltyStages = ['initial', 'overdue', 'refused', 'accident', 'aggravated'] as const;
export type PenaltyStage = (typeof penaltyStages)[number];
export const penaltyStageLabels: Record<PenaltyStage, string> = {
  initial: '发现违法行为',
  overdue: '逾期未改正',
  refused: '拒不执行或者拒不改正',
  accident: '导致发生生产安全事故',
  aggravated: '情节特别严重、影响特别恶劣',
};

/** 生产安全事故等级 (《生产安全事故报告和调查处理条例》第三条). */
export const accidentGrades = ['general', 'larger', 'major', 'especially_major'] as const;
export type AccidentGrade = (typeof accidentGrades)[number];
export const accidentGradeLabels: Record<AccidentGrade, string> = { general: '一般事故', larger: '较大事故', major: '重大事故', especially_major: '特别重大事故' };

/** Sanctions other than the fine, and the orders that go with them. */
export const sanctionKinds = [
  'warning',
  'order_correction',
  'order_elimination',
  'provide_funds',
  'stop_construction',
  'suspend_for_rectification',
  'suspend_business',
  'confiscate_gain',
  'suspend_qualification',
  'revoke_qualification',
  'revoke_certificates',
  'closure',
  'industry_ban',
  'principal_ban',
  'contract_void',
  'dismissal',
  'demotion',
  'detention',
  'daily_penalty',
] as const;
export type SanctionKind = (typeof sanctionKinds)[number];
export const sanctionKindLabels: Record<SanctionKind, string> = {
  warning: '警告',
  order_correction: '责令限期改正',
  order_elimination: '责令立即消除或者限期消除事故隐患',
  provide_funds: '责令提供必需的资金',
  stop_construction: '责令停止建设',
  suspend_for_rectification: '责令停产停业整顿',
  suspend_business: '责令停产停业',
  confiscate_gain: '没收违法所得',
  suspend_qualification: '暂停与安全生产有关的资格',
  revoke_qualification: '吊销资质、资格',
  revoke_certificates: '吊销有关证照',
  closure: '提请地方人民政府予以关闭',
  industry_ban: '行业和职业禁入',
  principal_ban: '一定期限内不得担任生产经营单位的主要负责人',
  contract_void: '协议无效',
  dismissal: '撤职处分',
  demotion: '降级处分',
  detention: '拘留',
  daily_penalty: '按日连续处罚',
};
/**
 * Sanctions that are not decided by the emergency-management department itself (处分 by the appointing body,
 * 拘留 by the police, 关闭 by the local government on its proposal — 《安全生产法》第一百一十五条).
 */
export const sanctionDecidedBy: Partial<Record<SanctionKind, string>> = {
  dismissal: '任免机关或者监察机关',
  demotion: '任免机关或者监察机关',
  detention: '公安机关',
  closure: '县级以上人民政府',
};
/** Orders (责令改正…) are corrective measures (行政处罚法 第二十八条), not penalties: they never count as a penalty. */
export const correctiveOrders: readonly SanctionKind[] = ['order_correction', 'order_elimination', 'provide_funds'];

// ---------- case workflow (R27–R31) ----------

/**
 * draft (线索/待立案) → opened (立案) → investigating (调查取证) → notified (告知) → defence (陈述申辩复核) / hearing (听证)
 * → legal_review (法制审核) → decided (决定) → served (送达) → executing (执行) → closed (结案).
 * Side exits: cancelled (不予立案/撤销立案), transferred (移送司法机关, R30).
 */
export const penaltyCaseStatuses = ['draft', 'opened', 'investigating', 'notified', 'defence', 'hearing', 'legal_review', 'decided', 'served', 'executing', 'closed', 'transferred', 'cancelled'] as const;
export type PenaltyCaseStatus = (typeof penaltyCaseStatuses)[number];
/** The stages before the decision, the draft (not yet 立案) included. */
export const preDecisionStatuses = ['draft', 'opened', 'investigating', 'notified', 'defence', 'hearing', 'legal_review'] as const satisfies readonly PenaltyCaseStatus[];
export const isPreDecision = (status: string): boolean => (preDecisionStatuses as readonly string[]).includes(status);
/** Opened (立案) and not yet decided: the investigation, its evidence and measures, the answers to statements. */
export const isOpenUndecided = (status: string): boolean => status !== 'draft' && isPreDecision(status);
/** R28: the case file (facts, violations, discretion, proposal) can change until it goes to legal review. */
export const isCaseFileEditable = (status: string): boolean => status !== 'legal_review' && isPreDecision(status);
export const penaltyCaseStatusLabels: Record<PenaltyCaseStatus, string> = {
  draft: '待立案',
  opened: '已立案',
  investigating: '调查取证',
  notified: '已告知',
  defence: '陈述申辩',
  hearing: '听证',
  legal_review: '法制审核',
  decided: '已决定',
  served: '已送达',
  executing: '执行中',
  closed: '已结案',
  transferred: '已移送',
  cancelled: '已撤销',
};

export const penaltyCaseActions = [
  'open',
  'cancel',
  'start_investigation',
  'notify',
  'record_statement',
  'request_hearing',
  'waive_rights',
  'withdraw_hearing',
  'submit_review',
  'approve_review',
  'reject_review',
  'decide',
  'decide_on_spot',
  'serve',
  'start_execution',
  'close',
  'transfer',
  'resume',
] as const;
export type PenaltyCaseAction = (typeof penaltyCaseActions)[number];
export const penaltyCaseActionLabels: Record<PenaltyCaseAction, string> = {
  open: '批准立案',
  cancel: '撤销立案',
  start_investigation: '开始调查取证',
  notify: '告知拟处罚及权利',
  record_statement: '记录陈述申辩',
  request_hearing: '登记听证申请',
  waive_rights: '登记放弃陈述申辩和听证',
  withdraw_hearing: '登记撤回听证申请',
  submit_review: '提交法制审核',
  approve_review: '法制审核通过',
  reject_review: '法制审核退回',
  decide: '作出决定',
  decide_on_spot: '简易程序当场处罚',
  serve: '送达决定书',
  start_execution: '进入执行',
  close: '批准结案',
  transfer: '移送司法机关',
  resume: '司法机关移回，继续办理',
};

/**
 * R27: the party's own acts (《行政处罚法》第四十四、四十五条 陈述、申辩；第六十三、六十四条 要求听证；书面放弃；听证举行前
 * 撤回听证申请, 第六十四条). The party (an enterprise user of the case's enterprise) takes them from its case page; the
 * 承办人员 record a paper submission on the party's behalf. Either way it is the same transition, with the same checks and
 * the same effect on the case.
 */
export const penaltyPartyActions = ['record_statement', 'request_hearing', 'waive_rights', 'withdraw_hearing'] as const;
export type PenaltyPartyAction = (typeof penaltyPartyActions)[number];
export const isPenaltyPartyAction = (a: string): a is PenaltyPartyAction => (penaltyPartyActions as readonly string[]).includes(a);
/** The same actions as the party sees them. */
export const penaltyPartyActionLabels: Record<PenaltyPartyAction, string> = {
  record_statement: '提交陈述申辩',
  request_hearing: '申请听证',
  waive_rights: '书面放弃陈述申辩和听证',
  withdraw_hearing: '撤回听证申请',
};

/** An action's name for the one taking it: the party's words for its own acts, the officer's otherwise. */
export function penaltyActionLabelFor(action: PenaltyCaseAction, role: Role): string {
  return role === 'enterprise' && isPenaltyPartyAction(action) ? penaltyPartyActionLabels[action] : penaltyCaseActionLabels[action];
}

/**
 * Who may take each action. The enterprise takes only the party's acts (penaltyPartyActions) on its own cases; admin
 * and oversight take none — oversight reads and reviews files (R34) but never decides.
 */
export const penaltyActionRoles: Record<PenaltyCaseAction, readonly Role[]> = {
  open: ['leader'],
  cancel: ['leader'],
  start_investigation: ['officer'],
  notify: ['officer'],
  record_statement: ['officer', 'enterprise'],
  request_hearing: ['officer', 'enterprise'],
  waive_rights: ['officer', 'enterprise'],
  withdraw_hearing: ['officer', 'enterprise'],
  submit_review: ['officer'],
  approve_review: ['legal_reviewer'],
  reject_review: ['legal_reviewer'],
  decide: ['leader'],
  decide_on_spot: ['officer'],
  serve: ['officer'],
  start_execution: ['officer'],
  close: ['leader'],
  transfer: ['leader'],
  resume: ['leader'],
};

/** What the decision is (行政处罚法 第五十七条). */
export const penaltyDecisionKinds = ['penalty', 'no_penalty', 'not_established'] as const;
export type PenaltyDecisionKind = (typeof penaltyDecisionKinds)[number];
export const penaltyDecisionKindLabels: Record<PenaltyDecisionKind, string> = {
  penalty: '给予行政处罚',
  no_penalty: '不予行政处罚',
  not_established: '违法事实不能成立，不予行政处罚',
};

export const penaltyProcedures = ['general', 'simple'] as const;
export type PenaltyProcedure = (typeof penaltyProcedures)[number];
export const penaltyProcedureLabels: Record<PenaltyProcedure, string> = { general: '普通程序', simple: '简易程序' };

// ---------- publication (R29) ----------

/**
 * Why a published decision is withdrawn (《行政处罚法》第四十八条第二款): it was lawfully changed or revoked, or
 * confirmed illegal or invalid — the information is withdrawn within 3 working days with the reason made public.
 */
export const publicationWithdrawalGrounds = ['changed', 'revoked', 'confirmed_illegal', 'confirmed_invalid'] as const;
export type PublicationWithdrawalGround = (typeof publicationWithdrawalGrounds)[number];
export const publicationWithdrawalGroundLabels: Record<PublicationWithdrawalGround, string> = {
  changed: '被依法变更',
  revoked: '被依法撤销',
  confirmed_illegal: '被确认违法',
  confirmed_invalid: '被确认无效',
};

/** R27/R29: the answer to a statement of the party (陈述、申辩的采纳情况, 《行政处罚法》第四十五条). */
export const statementAdoptions = ['adopted', 'partly_adopted', 'rejected'] as const;
export type StatementAdoption = (typeof statementAdoptions)[number];
export const statementAdoptionLabels: Record<StatementAdoption, string> = { adopted: '采纳', partly_adopted: '部分采纳', rejected: '不予采纳' };
