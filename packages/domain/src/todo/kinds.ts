// The to-do list (待办事项) of each role: what kinds of pending work there are, their Chinese titles, where each leads
// and which menu entry carries its count. The server counts (GET /api/todo); the browser shows the same titles.
import type { Role } from '../registry/enums.js';

export const todoKinds = [
  // officers (执法人员)
  'inspection_today',
  'inspection_backfill',
  'hazard_recheck',
  'case_step',
  // leaders (机关负责人)
  'plan_approval',
  'unplanned_approval',
  'case_opening',
  'case_decision',
  'hazard_supervision',
  'credit_answer',
  'hazard_overdue',
  'case_overdue',
  // legal reviewers (法制审核人员)
  'legal_review',
  // oversight (执法监督人员)
  'alert_case_overdue',
  'alert_publication',
  'alert_credit_answer',
  'alert_discretion',
  // enterprises (生产经营单位)
  'hazard_rectify',
  'notice_answer',
  'credit_repair',
  'inspection_feedback',
  // 案卷评查 (R34): the oversight staff of the drawing agency (each kind belongs to one role: leaders and legal reviewers
  // who also review find the files in the hub), and the reviewed agency's leader
  'review_score',
  'review_accept',
  'review_rectify',
] as const;
export type TodoKind = (typeof todoKinds)[number];

export interface TodoKindDef {
  title: string;
  /** the page that lists the items */
  link: string;
  /** the main-menu entry (its route) whose badge adds this count */
  menu: string;
}

export const todoKindDefs: Record<TodoKind, TodoKindDef> = {
  inspection_today: { title: '今日检查', link: '/today', menu: '/today' },
  inspection_backfill: { title: '紧急检查待补录报备', link: '/today', menu: '/today' },
  hazard_recheck: { title: '隐患待复查', link: '/hazards?status=rectified', menu: '/hazards' },
  case_step: { title: '承办案件待办理', link: '/cases', menu: '/cases' },
  plan_approval: { title: '年度计划待审批', link: '/plans?status=submitted', menu: '/plans' },
  unplanned_approval: { title: '计划外检查待审批', link: '/unplanned?status=pending', menu: '/unplanned' },
  case_opening: { title: '案件待立案审批', link: '/cases?status=draft', menu: '/cases' },
  case_decision: { title: '案件待作出决定', link: '/cases?status=legal_review', menu: '/cases' },
  hazard_supervision: { title: '隐患待约谈、督办', link: '/hazards?overdue=true', menu: '/hazards' },
  credit_answer: { title: '信用修复申请待答复', link: '/credit/repairs', menu: '/credit' },
  hazard_overdue: { title: '隐患逾期未整改', link: '/hazards?overdue=true', menu: '/hazards' },
  case_overdue: { title: '案件超过办案期限', link: '/penalty-oversight', menu: '/cases' },
  legal_review: { title: '案件待法制审核', link: '/legal-review', menu: '/legal-review' },
  alert_case_overdue: { title: '案件办理超期预警', link: '/penalty-oversight', menu: '/penalty-oversight' },
  alert_publication: { title: '处罚信息公示超期', link: '/penalty-oversight', menu: '/penalty-oversight' },
  alert_credit_answer: { title: '信用修复、异议答复超期', link: '/penalty-oversight', menu: '/penalty-oversight' },
  alert_discretion: { title: '罚款超出裁量基准档次', link: '/penalty-oversight', menu: '/penalty-oversight' },
  hazard_rectify: { title: '隐患待整改', link: '/hazards?status=open', menu: '/hazards' },
  notice_answer: { title: '处罚告知待陈述申辩', link: '/cases', menu: '/cases' },
  credit_repair: { title: '可申请信用修复', link: '/credit', menu: '/credit' },
  inspection_feedback: { title: '检查待评价', link: '/inspections', menu: '/inspections' },
  review_score: { title: '案卷待评查', link: '/oversight/reviews?status=pending', menu: '/penalty-oversight' },
  review_accept: { title: '案卷整改待验收', link: '/oversight/reviews?status=rectified', menu: '/penalty-oversight' },
  review_rectify: { title: '评查问题待整改', link: '/oversight/reviews?status=rectifying', menu: '/penalty-oversight' },
};

/** The kinds each role is shown, in order (an administrator acts for no one and has none). */
export const todoKindsByRole: Record<Role, readonly TodoKind[]> = {
  officer: ['inspection_today', 'inspection_backfill', 'hazard_recheck', 'case_step'],
  leader: ['plan_approval', 'unplanned_approval', 'case_opening', 'case_decision', 'hazard_supervision', 'credit_answer', 'hazard_overdue', 'case_overdue', 'review_rectify'],
  legal_reviewer: ['legal_review'],
  oversight: ['alert_case_overdue', 'alert_publication', 'alert_credit_answer', 'alert_discretion', 'review_score', 'review_accept'],
  enterprise: ['hazard_rectify', 'notice_answer', 'credit_repair', 'inspection_feedback'],
  admin: [],
};

export interface TodoItem {
  kind: TodoKind;
  title: string;
  count: number;
  link: string;
  /** the nearest deadline among the items (YYYY-MM-DD, Beijing time) */
  due?: string;
  /** at least one item is past its deadline */
  overdue: boolean;
}

/** One entry of the list from a count and the nearest deadline (`today` decides overdue). */
export function todoItem(kind: TodoKind, count: number, today: string, due?: string | null, link?: string): TodoItem {
  const d = todoKindDefs[kind];
  return { kind, title: d.title, count, link: link ?? d.link, ...(due && count > 0 ? { due } : {}), overdue: count > 0 && !!due && due < today };
}

/** The badge count of each menu entry from a to-do list. */
export function todoMenuCounts(items: readonly Pick<TodoItem, 'kind' | 'count'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) {
    const m = todoKindDefs[i.kind].menu;
    out[m] = (out[m] ?? 0) + i.count;
  }
  return out;
}
