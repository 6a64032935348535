// R27–R29, R38: the period table of a penalty case and counting a period on a given calendar. Apart from
// deadlines.ts (which counts on the calendar installed in the process) so that the web can count with the calendar it
// fetched, without the statutory festival computation (a lunar calendar library) in its bundle.
import { addDays, assertIsoDate, type IsoDate, type WorkingCalendar } from '../calendar/calendar.js';

export type PeriodUnit = 'working_days' | 'calendar_days' | 'months';
/** statute: the law says so; policy: a policy document of docs/rules.md; practice: common practice where the law is silent (configurable) */
export type PeriodSource = 'statute' | 'policy' | 'practice';

export const penaltyPeriodIds = [
  'statement_defense',
  'hearing_request',
  'hearing_notice',
  'decision',
  'service',
  'payment',
  'publication_working',
  'publication_calendar',
  'publication_withdrawal',
  'credit_repair_answer',
  'evidence_preservation',
  'seizure',
  'seizure_extension',
  'reconsideration',
  'litigation',
] as const;
export type PenaltyPeriodId = (typeof penaltyPeriodIds)[number];

export interface PenaltyPeriod {
  id: PenaltyPeriodId;
  label: string;
  length: number;
  unit: PeriodUnit;
  /** the event the period runs from (its day is not counted) */
  from: string;
  basis: string;
  source: PeriodSource;
  /** a party's calendar period: a last day off work moves to the next working day */
  rollsOver: boolean;
  note?: string;
}

/** What an agency may configure; the defaults are the statute's, the policy documents' or the stated practice. */
export interface PenaltyDeadlineConfig {
  /** 陈述、申辩期限 (working days from notification) — the law sets none */
  statementDefenseWorkingDays: number;
  /** 作出决定期限 (calendar days from 立案) */
  decisionDays: number;
  /** publication: the national rule in working days … */
  publicationWorkingDays: number;
  /** … and 《监管执法年方案》's rule in calendar days; the earlier date applies */
  publicationCalendarDays: number;
  /** 信用修复申请答复 (working days) */
  creditRepairWorkingDays: number;
}

export const defaultPenaltyDeadlineConfig: PenaltyDeadlineConfig = {
  statementDefenseWorkingDays: 5,
  decisionDays: 90,
  publicationWorkingDays: 7,
  publicationCalendarDays: 15,
  creditRepairWorkingDays: 3,
};

/** The period table, for the case page and the documents. Lengths follow `cfg`. */
export function penaltyPeriods(cfg: PenaltyDeadlineConfig = defaultPenaltyDeadlineConfig): Record<PenaltyPeriodId, PenaltyPeriod> {
  return {
    statement_defense: {
      id: 'statement_defense',
      label: '陈述、申辩',
      length: cfg.statementDefenseWorkingDays,
      unit: 'working_days',
      from: '收到行政处罚告知书之日',
      basis: '《行政处罚法》第四十四条、第四十五条（告知并听取陈述、申辩，未规定期限）',
      source: 'practice',
      rollsOver: false,
      note: '法律未规定陈述申辩期限；本系统默认与听证申请期限一致（五个工作日），告知书载明，可配置。逾期未提出的视为放弃。',
    },
    hearing_request: {
      id: 'hearing_request',
      label: '要求听证',
      length: 5,
      unit: 'working_days',
      from: '行政机关告知之日',
      basis: '《行政处罚法》第六十四条第（一）项、第八十五条',
      source: 'statute',
      rollsOver: false,
    },
    hearing_notice: {
      id: 'hearing_notice',
      label: '听证通知',
      length: 7,
      unit: 'working_days',
      from: '通知之日（须在举行听证的七日前）',
      basis: '《行政处罚法》第六十四条第（二）项、第八十五条',
      source: 'statute',
      rollsOver: false,
    },
    decision: {
      id: 'decision',
      label: '作出行政处罚决定',
      length: cfg.decisionDays,
      unit: 'calendar_days',
      from: '立案之日',
      basis: '《行政处罚法》第六十条（法律、法规、规章另有规定的，从其规定）',
      source: 'statute',
      rollsOver: false,
    },
    service: {
      id: 'service',
      label: '送达行政处罚决定书',
      length: 7,
      unit: 'working_days',
      from: '作出决定之日（当事人在场的，宣告后当场交付）',
      basis: '《行政处罚法》第六十一条、第八十五条',
      source: 'statute',
      rollsOver: false,
    },
    payment: {
      id: 'payment',
      label: '缴纳罚款',
      length: 15,
      unit: 'calendar_days',
      from: '收到行政处罚决定书之日',
      basis: '《行政处罚法》第六十七条第三款',
      source: 'statute',
      rollsOver: true,
      note: '到期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额（第七十二条）。',
    },
    publication_working: {
      id: 'publication_working',
      label: '公示处罚信息（国家规定）',
      length: cfg.publicationWorkingDays,
      unit: 'working_days',
      from: '作出处罚决定之日',
      basis: '《安全生产法》第七十八条第二款（作出处罚决定后七个工作日内在监督管理部门公示系统予以公开曝光）；行政执法公示制度',
      source: 'statute',
      rollsOver: false,
    },
    publication_calendar: {
      id: 'publication_calendar',
      label: '公示处罚决定书（门户网站）',
      length: cfg.publicationCalendarDays,
      unit: 'calendar_days',
      from: '作出处罚决定之日',
      basis: '《安全生产“监管执法年”实施方案》二(二)：行政处罚决定书在决定之日起15日内在本单位门户网站公示',
      source: 'policy',
      rollsOver: false,
    },
    publication_withdrawal: {
      id: 'publication_withdrawal',
      label: '撤回已公开的处罚决定信息',
      length: 3,
      unit: 'working_days',
      from: '处罚决定被依法变更、撤销、确认违法或者确认无效之日',
      basis: '《行政处罚法》第四十八条第二款、第八十五条',
      source: 'statute',
      rollsOver: false,
    },
    credit_repair_answer: {
      id: 'credit_repair_answer',
      label: '答复信用修复申请',
      length: cfg.creditRepairWorkingDays,
      unit: 'working_days',
      from: '收到信用修复申请之日',
      basis: '济南市应急管理局规范执法行为九条措施 七(三)（“两书同达”，接到申请后3个工作日内完成核查并反馈或上传）',
      source: 'policy',
      rollsOver: false,
    },
    evidence_preservation: {
      id: 'evidence_preservation',
      label: '先行登记保存证据的处理决定',
      length: 7,
      unit: 'working_days',
      from: '先行登记保存之日',
      basis: '《行政处罚法》第五十六条、第八十五条',
      source: 'statute',
      rollsOver: false,
    },
    // 《行政强制法》第六十九条 counts only periods of 十日以内 in working days: the 三十日 here are calendar days, and the
    // agency's own limit does not roll over a holiday.
    seizure: {
      id: 'seizure',
      label: '查封、扣押期限',
      length: 30,
      unit: 'calendar_days',
      from: '作出查封、扣押决定之日',
      basis: '《行政强制法》第二十五条第一款',
      source: 'statute',
      rollsOver: false,
    },
    seizure_extension: {
      id: 'seizure_extension',
      label: '延长查封、扣押期限（一次）',
      length: 30,
      unit: 'calendar_days',
      from: '原查封、扣押期限届满之日',
      basis: '《行政强制法》第二十五条第一款（情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日）',
      source: 'statute',
      rollsOver: false,
    },
    reconsideration: {
      id: 'reconsideration',
      label: '申请行政复议',
      length: 60,
      unit: 'calendar_days',
      from: '知道或者应当知道行政处罚决定之日',
      basis: '《行政复议法》（2023年修订）第二十条',
      source: 'statute',
      rollsOver: true,
    },
    litigation: {
      id: 'litigation',
      label: '提起行政诉讼',
      length: 6,
      unit: 'months',
      from: '知道或者应当知道作出行政行为之日',
      basis: '《行政诉讼法》第四十六条',
      source: 'statute',
      rollsOver: true,
    },
  };
}

export function addMonthsClamped(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Calendar days from `a` to `b` (negative when b is before a). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${assertIsoDate(b)}T00:00:00Z`) - Date.parse(`${assertIsoDate(a)}T00:00:00Z`)) / 86400_000);
}

/** The last day of a period that runs from `from` (that day not counted). */
export function periodDue(p: Pick<PenaltyPeriod, 'length' | 'unit' | 'rollsOver'>, from: IsoDate, cal: WorkingCalendar): IsoDate {
  assertIsoDate(from);
  let due: IsoDate;
  if (p.unit === 'working_days') return cal.addWorkingDays(from, p.length);
  if (p.unit === 'calendar_days') due = addDays(from, p.length);
  else due = addMonthsClamped(from, p.length);
  return p.rollsOver && !cal.isWorkingDay(due) ? cal.addWorkingDays(due, 0) : due;
}

/**
 * A published decision that was changed or annulled is withdrawn within 3 working days (R29, 《行政处罚法》第四十八条
 * 第二款): its last day.
 */
export function publicationWithdrawalDue(changedOn: IsoDate, cal: WorkingCalendar): IsoDate {
  return periodDue(penaltyPeriods().publication_withdrawal, changedOn, cal);
}
