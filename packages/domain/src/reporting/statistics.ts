// R36: the periodic statistics of enforcement (定期统计) — the measures, their Chinese names and the pure arithmetic on
// them (sum, roll-up, ratios, month keys). The server counts; this file only says what the figures are and adds them
// up, so the dashboards, the monthly report and the tests read one definition. No imports: runs in the browser.

/** How the figures are broken down. agency/region: the scope's direct children (with their subtrees). */
export const statisticsGroupBys = ['agency', 'region', 'industry', 'riskCode', 'officer', 'month'] as const;
export type StatisticsGroupBy = (typeof statisticsGroupBys)[number];
export const statisticsGroupByLabels: Record<StatisticsGroupBy, string> = {
  agency: '按下级执法主体',
  region: '按行政区划',
  industry: '按行业',
  riskCode: '按风险等级',
  officer: '按执法人员',
  month: '按月份',
};

/** The figures of one scope (an agency with its subtree, or one group of it) over one period. See docs/statistics.md. */
export interface StatisticsFigures {
  inspections: {
    /** entries of the plans in force (approved, filed or published; their current version) dated in the period */
    planned: number | null;
    /** completed inspections whose inspection date (planned_date) lies in the period */
    done: number;
    /** of those, from the plan or a random draw (计划内) */
    donePlanned: number;
    /** of those, unplanned (一事一报) and emergency ones */
    doneUnplanned: number;
  };
  coverage: {
    /** key targets (重点检查单位) of the plans in force for the years of the period */
    keyTargets: number | null;
    keyTargetsInspected: number | null;
    /** enterprises of the high-risk industries (R8) in the scope */
    highRiskTargets: number | null;
    highRiskInspected: number | null;
  };
  hazards: {
    /** hazards recorded in the period (found on that day) */
    found: number;
    major: number;
    /** of those found: closed after a passed reinspection (整改销号) */
    closed: number;
    /** of those found: rectification reported, awaiting reinspection */
    awaitingReview: number;
    /** of those found: not closed (open or awaiting review) */
    unclosed: number;
    /** of those found: not closed and past the deadline today */
    overdue: number;
    /** of those found: major and not closed */
    majorUnclosed: number;
  };
  cases: {
    /** cases opened (立案) in the period; simple-procedure decisions count as opened on their day */
    opened: number;
    /** their current stage */
    byStatus: Record<string, number>;
    byProcedure: Record<string, number>;
    /** cases transferred to the judicial organs (移送) in the period */
    transferred: number;
  };
  penalties: {
    /** penalty decisions (给予行政处罚) made in the period */
    decisions: number;
    /** total fines of those decisions, yuan */
    fineDecided: number;
    /** of those decisions: the ones whose execution is recorded done, and their fines, yuan */
    collectedDecisions: number;
    fineCollected: number;
    /** decisions with 责令停产停业(整顿) */
    suspensions: number;
    /** decisions proposing closure (提请关闭) */
    closures: number;
  };
  /** average calendar days between the steps of the cases decided in the period (null when none) */
  durations: {
    openToNotify: number | null;
    notifyToDecide: number | null;
    openToDecide: number | null;
    decideToServe: number | null;
    serveToClose: number | null;
  };
}

export interface StatisticsGroup {
  key: string;
  label: string;
  /** region code of a region/agency group (for the map and the drill-down), else null */
  regionCode: string | null;
  figures: StatisticsFigures;
}

export const caseStages = ['draft', 'opened', 'investigating', 'notified', 'defence', 'hearing', 'legal_review', 'decided', 'served', 'executing', 'closed', 'transferred', 'cancelled'] as const;

export function emptyFigures(): StatisticsFigures {
  return {
    inspections: { planned: 0, done: 0, donePlanned: 0, doneUnplanned: 0 },
    coverage: { keyTargets: 0, keyTargetsInspected: 0, highRiskTargets: 0, highRiskInspected: 0 },
    hazards: { found: 0, major: 0, closed: 0, awaitingReview: 0, unclosed: 0, overdue: 0, majorUnclosed: 0 },
    cases: { opened: 0, byStatus: {}, byProcedure: {}, transferred: 0 },
    penalties: { decisions: 0, fineDecided: 0, collectedDecisions: 0, fineCollected: 0, suspensions: 0, closures: 0 },
    durations: { openToNotify: null, notifyToDecide: null, openToDecide: null, decideToServe: null, serveToClose: null },
  };
}

const addN = (a: number | null, b: number | null): number | null => (a == null && b == null ? null : (a ?? 0) + (b ?? 0));
const addRec = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

/**
 * Sums the additive figures of disjoint groups (counties → city → province). Averages are not additive: they are left
 * null here (the server computes them for the scope itself).
 */
export function sumFigures(list: readonly StatisticsFigures[]): StatisticsFigures {
  const t = emptyFigures();
  if (list.length) {
    // nullable figures stay null when no group has them (e.g. coverage by month)
    t.inspections.planned = null;
    t.coverage = { keyTargets: null, keyTargetsInspected: null, highRiskTargets: null, highRiskInspected: null };
  }
  for (const f of list) {
    t.inspections = {
      planned: addN(t.inspections.planned, f.inspections.planned),
      done: t.inspections.done + f.inspections.done,
      donePlanned: t.inspections.donePlanned + f.inspections.donePlanned,
      doneUnplanned: t.inspections.doneUnplanned + f.inspections.doneUnplanned,
    };
    t.coverage = {
      keyTargets: addN(t.coverage.keyTargets, f.coverage.keyTargets),
      keyTargetsInspected: addN(t.coverage.keyTargetsInspected, f.coverage.keyTargetsInspected),
      highRiskTargets: addN(t.coverage.highRiskTargets, f.coverage.highRiskTargets),
      highRiskInspected: addN(t.coverage.highRiskInspected, f.coverage.highRiskInspected),
    };
    for (const k of Object.keys(t.hazards) as (keyof StatisticsFigures['hazards'])[]) t.hazards[k] += f.hazards[k];
    t.cases = { opened: t.cases.opened + f.cases.opened, byStatus: addRec(t.cases.byStatus, f.cases.byStatus), byProcedure: addRec(t.cases.byProcedure, f.cases.byProcedure), transferred: t.cases.transferred + f.cases.transferred };
    for (const k of Object.keys(t.penalties) as (keyof StatisticsFigures['penalties'])[]) t.penalties[k] += f.penalties[k];
  }
  return t;
}

/** The additive part of the figures (what must agree between a scope and the sum of its children). */
export function additiveFigures(f: StatisticsFigures): Omit<StatisticsFigures, 'durations'> {
  const { durations: _d, ...rest } = f;
  return rest;
}

/** share in percent with one decimal, null when the base is 0 or unknown */
export function percent(part: number | null, whole: number | null): number | null {
  if (part == null || whole == null || whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** 'YYYY-MM' keys of the months from `from` to `to` (ISO dates), inclusive. */
export function monthKeys(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const ey = Number(to.slice(0, 4));
  const em = Number(to.slice(5, 7));
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** '2026-03' → '3月' (or '2026年3月' when the years differ) */
export function monthLabel(key: string, withYear = false): string {
  const m = Number(key.slice(5, 7));
  return withYear ? `${key.slice(0, 4)}年${m}月` : `${m}月`;
}

/** The same period one year earlier (for the trend against last year); 29 February becomes the 28th. */
export function previousYearPeriod(from: string, to: string): { from: string; to: string } {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
    return `${y}-${md}`;
  };
  return { from: back(from), to: back(to) };
}

/** first and last day of the month 'YYYY-MM' */
export function monthRange(key: string): { from: string; to: string } {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${key}-01`, to: `${key}-${String(last).padStart(2, '0')}` };
}

/** The measures a chart or the map can be coloured by, with their names and units. */
export const statisticsMeasures = ['inspectionsDone', 'planProgress', 'hazardsFound', 'hazardsOverdue', 'majorHazards', 'casesOpened', 'fineDecided', 'highRiskCoverage'] as const;
export type StatisticsMeasure = (typeof statisticsMeasures)[number];
export const statisticsMeasureLabels: Record<StatisticsMeasure, string> = {
  inspectionsDone: '完成检查（次）',
  planProgress: '计划完成率（%）',
  hazardsFound: '发现隐患（项）',
  hazardsOverdue: '逾期未整改隐患（项）',
  majorHazards: '重大事故隐患（项）',
  casesOpened: '立案（件）',
  fineDecided: '罚款决定金额（万元）',
  highRiskCoverage: '高危行业企业检查覆盖率（%）',
};

export function measureValue(f: StatisticsFigures, m: StatisticsMeasure): number | null {
  switch (m) {
    case 'inspectionsDone':
      return f.inspections.done;
    case 'planProgress':
      return percent(f.inspections.donePlanned, f.inspections.planned);
    case 'hazardsFound':
      return f.hazards.found;
    case 'hazardsOverdue':
      return f.hazards.overdue;
    case 'majorHazards':
      return f.hazards.major;
    case 'casesOpened':
      return f.cases.opened;
    case 'fineDecided':
      return Math.round(f.penalties.fineDecided / 100) / 100;
    case 'highRiskCoverage':
      return percent(f.coverage.highRiskInspected, f.coverage.highRiskTargets);
  }
}
