// R36: the periodic reports and the upper level's submission board. Shapes follow
// packages/server/src/modules/reporting/{reportRoutes,reportService}.ts.
import type { ReportKind } from '@anjian/domain/reporting';
import type { PeriodicReport, SubmissionBoard } from '@anjian/domain/contract/reporting';
import { download, request } from './client';

export type { PeriodicReport, ReportAgencyRef, SubmissionBoard } from '@anjian/domain/contract/reporting';

export const reportsApi = {
  get: (kind: ReportKind, period: string, agencyId?: number) => request<PeriodicReport>(`/reports/${kind}`, { query: { period, agencyId } }),
  download: (kind: ReportKind, period: string, format: 'xlsx' | 'pdf', agencyId?: number) => download(`/reports/${kind}`, { period, agencyId, format }, `report.${format}`),
  save: (kind: ReportKind, period: string, body: { agencyId?: number; annotations: Record<string, string>; remarks: string | null; version: number }) =>
    request<PeriodicReport>(`/reports/${kind}/${period}`, { method: 'PUT', body }),
  submit: (kind: ReportKind, period: string, body: { agencyId?: number; version: number }) => request<PeriodicReport>(`/reports/${kind}/${period}/submit`, { method: 'POST', body }),
  return: (kind: ReportKind, period: string, body: { agencyId: number; reason: string; version: number }) => request<PeriodicReport>(`/reports/${kind}/${period}/return`, { method: 'POST', body }),
  board: (kind: ReportKind, period: string, agencyId?: number) => request<SubmissionBoard>('/reports/submissions', { query: { kind, period, agencyId } }),
};

/** 统计报表 menu and page: agency leaders and officers (who prepare and submit) and oversight staff (who read). */
export const canViewReports = (me: { role: string } | null | undefined) => !!me && (me.role === 'leader' || me.role === 'officer' || me.role === 'oversight');

// R36: GET /api/statistics — the enforcement figures of an agency's subtree over a period.
import type { StatisticsQuery, StatisticsResult } from '@anjian/domain/contract/reporting';

export type { StatisticsQuery, StatisticsResult } from '@anjian/domain/contract/reporting';

export const statisticsApi = {
  get: (query: StatisticsQuery) => request<StatisticsResult>('/statistics', { query }),
};
