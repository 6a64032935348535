// R36: the fixed table of the 监管执法工作情况月报表 (and of the periodic summaries, which report the same figures for
// their period). The rows follow what the implementation plan asks to be reported each month — plan-based and
// unplanned inspections, hazards and their rectification, penalties and transfers to the judicial organs — and every
// figure is read from the statistics layer (one definition of each measure, docs/statistics.md). The agency may
// annotate a figure, never overwrite it.

/** The part of the statistics layer's figures the report prints (structurally the statistics' own type). */
export interface ReportStatisticsInput {
  inspections: { planned: number | null; done: number; donePlanned: number; doneUnplanned: number };
  coverage: { keyTargets: number | null; keyTargetsInspected: number | null };
  hazards: { found: number; major: number; closed: number; unclosed: number; overdue: number };
  cases: { opened: number; transferred: number };
  penalties: { decisions: number; fineDecided: number; fineCollected: number; suspensions: number; closures: number };
}

export const reportFigureKeys = [
  'inspectionsPlanned',
  'inspectionsDone',
  'inspectionsDonePlanned',
  'inspectionsDoneUnplanned',
  'keyTargets',
  'keyTargetsInspected',
  'hazardsFound',
  'hazardsMajor',
  'hazardsClosed',
  'hazardsUnclosed',
  'hazardsOverdue',
  'casesOpened',
  'penaltyDecisions',
  'fineDecided',
  'fineCollected',
  'suspensions',
  'closures',
  'casesTransferred',
] as const;
export type ReportFigureKey = (typeof reportFigureKeys)[number];
/** null: not applicable for the scope (e.g. no plan in force) — printed as “—” */
export type ReportFigures = Record<ReportFigureKey, number | null>;

export interface ReportRow {
  key: ReportFigureKey;
  /** 序号 as printed */
  no: number;
  /** 项目; sub-items start with 其中 */
  label: string;
  /** 计量单位 */
  unit: string;
  section: string;
}

const S1 = '一、监管执法检查';
const S2 = '二、事故隐患排查整改';
const S3 = '三、行政处罚';

export const reportRows: readonly ReportRow[] = [
  { key: 'inspectionsPlanned', no: 1, label: '执法计划安排检查', unit: '次', section: S1 },
  { key: 'inspectionsDone', no: 2, label: '完成执法检查', unit: '次', section: S1 },
  { key: 'inspectionsDonePlanned', no: 3, label: '其中：计划内检查（含“双随机”抽查）', unit: '次', section: S1 },
  { key: 'inspectionsDoneUnplanned', no: 4, label: '其中：计划外检查', unit: '次', section: S1 },
  { key: 'keyTargets', no: 5, label: '重点检查单位', unit: '家', section: S1 },
  { key: 'keyTargetsInspected', no: 6, label: '其中：已检查', unit: '家', section: S1 },
  { key: 'hazardsFound', no: 7, label: '发现事故隐患', unit: '项', section: S2 },
  { key: 'hazardsMajor', no: 8, label: '其中：重大事故隐患', unit: '项', section: S2 },
  { key: 'hazardsClosed', no: 9, label: '整改销号', unit: '项', section: S2 },
  { key: 'hazardsUnclosed', no: 10, label: '尚未整改销号', unit: '项', section: S2 },
  { key: 'hazardsOverdue', no: 11, label: '其中：逾期未整改', unit: '项', section: S2 },
  { key: 'casesOpened', no: 12, label: '行政处罚立案', unit: '起', section: S3 },
  { key: 'penaltyDecisions', no: 13, label: '作出行政处罚决定', unit: '起', section: S3 },
  { key: 'fineDecided', no: 14, label: '罚款金额', unit: '万元', section: S3 },
  { key: 'fineCollected', no: 15, label: '其中：已执行到位', unit: '万元', section: S3 },
  { key: 'suspensions', no: 16, label: '责令停产停业整顿', unit: '起', section: S3 },
  { key: 'closures', no: 17, label: '提请关闭', unit: '起', section: S3 },
  { key: 'casesTransferred', no: 18, label: '移送公安、检察机关', unit: '起', section: S3 },
];

/** The report's figures from the statistics of one scope and period. */
export function reportFiguresFrom(f: ReportStatisticsInput): ReportFigures {
  return {
    inspectionsPlanned: f.inspections.planned,
    inspectionsDone: f.inspections.done,
    inspectionsDonePlanned: f.inspections.donePlanned,
    inspectionsDoneUnplanned: f.inspections.doneUnplanned,
    keyTargets: f.coverage.keyTargets,
    keyTargetsInspected: f.coverage.keyTargetsInspected,
    hazardsFound: f.hazards.found,
    hazardsMajor: f.hazards.major,
    hazardsClosed: f.hazards.closed,
    hazardsUnclosed: f.hazards.unclosed,
    hazardsOverdue: f.hazards.overdue,
    casesOpened: f.cases.opened,
    penaltyDecisions: f.penalties.decisions,
    fineDecided: f.penalties.fineDecided,
    fineCollected: f.penalties.fineCollected,
    suspensions: f.penalties.suspensions,
    closures: f.penalties.closures,
    casesTransferred: f.cases.transferred,
  };
}

/** The column headers of the table, in order (the xlsx and PDF print exactly these). */
export const reportColumns = ['序号', '项目', '单位', '本期', '本年累计', '说明'] as const;

const YUAN_KEYS: ReadonlySet<ReportFigureKey> = new Set(['fineDecided', 'fineCollected']);

/** The printed value as a number (what an xlsx cell holds): counts as they are, fines in 万元 to the yuan. */
export function figureCellValue(key: ReportFigureKey, value: number | null): number | null {
  if (value == null) return null;
  return YUAN_KEYS.has(key) ? Number((value / 10000).toFixed(4)) : value;
}

/** A figure as printed on screen and in the PDF. */
export function formatFigure(key: ReportFigureKey, value: number | null): string {
  const v = figureCellValue(key, value);
  return v == null ? '—' : String(v);
}
