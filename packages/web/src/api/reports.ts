// R36: the periodic reports and the upper level's submission board. Shapes follow
// packages/server/src/modules/reports/{routes,service}.ts.
import type { ReportFigures, ReportKind, SubmissionState } from '@anjian/domain/reports';
import { download, request } from './client';

export interface ReportAgencyRef {
  id: number;
  name: string;
  level: string;
  regionCode: string;
  parentId: number | null;
}

export interface PeriodicReport {
  kind: ReportKind;
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  agency: ReportAgencyRef;
  status: 'draft' | 'submitted' | 'returned';
  state: SubmissionState;
  dueOn: string;
  daysLate: number;
  figures: { period: ReportFigures; yearToDate: ReportFigures };
  annotations: Record<string, string>;
  remarks: string | null;
  preparedBy: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  firstSubmittedOn: string | null;
  submissions: number;
  returnedAt: string | null;
  returnedBy: string | null;
  returnReason: string | null;
  version: number;
  can: { annotate: boolean; submit: boolean; return: boolean };
}

export interface SubmissionBoard {
  kind: ReportKind;
  period: string;
  periodLabel: string;
  dueOn: string;
  agency: ReportAgencyRef;
  summary: { total: number; submitted: number; submittedLate: number; returned: number; overdue: number; pending: number };
  items: {
    agencyId: number;
    agencyName: string;
    level: string;
    status: 'draft' | 'submitted' | 'returned' | null;
    state: SubmissionState;
    daysLate: number;
    submittedAt: string | null;
    submittedBy: string | null;
    returnReason: string | null;
    version: number;
  }[];
  canReturn: boolean;
}

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
