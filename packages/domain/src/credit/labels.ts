// R32 labels of the credit record and the serious-dishonesty list, safe for the browser (no calendar, no rules): the web
// shows them in the blacklist form and the credit pages; credit/rules.ts uses and re-exports them.

export const creditFactKinds = ['penalty', 'no_penalty', 'accident', 'blacklist'] as const;
export type CreditFactKind = (typeof creditFactKinds)[number];
export const creditFactKindLabels: Record<CreditFactKind, string> = { penalty: '行政处罚', no_penalty: '不予处罚（教育纠正）', accident: '生产安全事故', blacklist: '列入严重失信主体名单' };

/** 一般失信 / 严重失信 (the two publication classes). */
export type CreditSeverity = 'general' | 'serious';
export const creditSeverityLabels: Record<CreditSeverity, string> = { general: '一般失信行为', serious: '严重失信行为' };

export const blacklistGroundIds = [
  'major_accident',
  'two_larger_accidents',
  'accident_aggravated_fine',
  'concealed_accident',
  'principal_failed_rescue',
  'unlicensed_operation',
  'institution_fraud',
  'refused_execution',
  'other_serious',
] as const;
export type BlacklistGroundId = (typeof blacklistGroundIds)[number];
export const blacklistGroundLabels: Record<BlacklistGroundId, string> = {
  major_accident: '发生特别重大、重大生产安全事故，对事故发生负有责任',
  two_larger_accidents: '12个月内累计发生2起以上较大生产安全事故',
  accident_aggravated_fine: '发生生产安全事故，情节特别严重、影响特别恶劣，依照《安全生产法》第一百一十四条第二款被处以罚款数额2倍以上5倍以下罚款',
  concealed_accident: '瞒报、谎报生产安全事故',
  principal_failed_rescue: '发生生产安全事故后，主要负责人不立即组织抢救或者在事故调查处理期间擅离职守或者逃匿',
  unlicensed_operation: '未依法取得安全生产相关许可或者许可被暂扣、吊销期间从事相关生产经营活动',
  institution_fraud: '承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告或者证书',
  refused_execution: '在应急管理部门作出行政处罚后，有执行能力拒不执行或者逃避执行',
  other_serious: '其他违反安全生产法律法规受到行政处罚，且性质恶劣、情节严重',
};
const LIST_ORDER = '《安全生产严重失信主体名单管理办法》（应急管理部令第11号）';
export const blacklistGroundBasis: Record<BlacklistGroundId, string> = {
  major_accident: `${LIST_ORDER}发生生产安全事故情形第（一）项`,
  two_larger_accidents: `${LIST_ORDER}发生生产安全事故情形第（二）项`,
  accident_aggravated_fine: `${LIST_ORDER}发生生产安全事故情形第（三）项`,
  concealed_accident: `${LIST_ORDER}发生生产安全事故情形第（四）项`,
  principal_failed_rescue: `${LIST_ORDER}发生生产安全事故情形第（五）项`,
  unlicensed_operation: `${LIST_ORDER}未发生生产安全事故情形第（一）项`,
  institution_fraud: `${LIST_ORDER}未发生生产安全事故情形第（二）项`,
  refused_execution: `${LIST_ORDER}未发生生产安全事故情形第（三）项`,
  other_serious: `${LIST_ORDER}未发生生产安全事故情形第（四）项`,
};
