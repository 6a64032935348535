// Typed endpoints of docs/api.md.
import { download, request, type Query } from './client';
import type {
  CalendarChange,
  CalendarNoticeInput,
  CalendarYearView,
  Agency,
  AgencyDetail,
  AuditEntry,
  AuditVerify,
  AuditAnchor,
  Draw,
  DrawInputBody,
  DrawListItem,
  DrawVerify,
  HolidayRound,
  HolidayYear,
  PlanAction,
  PlanCategory,
  PlanDetail,
  PlanEntriesPage,
  PlanExplain,
  PlanListItem,
  PlanParamsInput,
  PlanPreview,
  PublicTargets,
  UnplannedCreated,
  UnplannedInput,
  UnplannedItem,
  Enterprise,
  EnterpriseInput,
  EnterprisePatch,
  ImportJob,
  JobRun,
  Me,
  Officer,
  OfficerInput,
  OfficerStatusPatch,
  Page,
  TodoItem,
  Region,
  StatsOverview,
  User,
  UserInput,
  UserPatch,
} from './types';

export * from './types';
export { ApiError, isApiError, errorMessage, setUnauthorizedHandler } from './client';

export interface EnterpriseQuery extends Query {
  q?: string;
  creditCode?: string;
  regionCode?: string;
  industry?: string;
  riskCode?: string;
  supervisingAgencyId?: string | number;
  standardizationLevel?: string;
  creditStatus?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export interface OfficerQuery extends Query {
  q?: string;
  agencyId?: string | number;
  credentialStatus?: string;
  page?: number;
  pageSize?: number;
}

export const api = {
  login: (username: string, password: string) =>
    request<{ user: Me }>('/auth/login', { method: 'POST', body: { username, password } }),
  logout: () => request<{ ok: true }>('/auth/logout', { method: 'POST', body: {} }),
  me: () => request<Me>('/me'),
  health: () => request<{ status: string; database: string }>('/health'),

  enterprises: (query: EnterpriseQuery) => request<Page<Enterprise>>('/enterprises', { query }),
  enterprise: (id: number | string) => request<Enterprise>(`/enterprises/${id}`),
  createEnterprise: (body: EnterpriseInput) => request<Enterprise>('/enterprises', { method: 'POST', body }),
  updateEnterprise: (id: number | string, body: EnterprisePatch) =>
    request<Enterprise>(`/enterprises/${id}`, { method: 'PATCH', body }),
  transferSupervision: (id: number | string, agencyId: number, reason: string) =>
    request<Enterprise>(`/enterprises/${id}/supervision`, { method: 'POST', body: { agencyId, reason } }),
  enterpriseHistory: (id: number | string) => request<{ items: AuditEntry[] }>(`/enterprises/${id}/history`),
  exportEnterprises: (query: EnterpriseQuery) => download('/enterprises/export', query, '企业名录.xlsx'),
  importTemplateUrl: (format: 'xlsx' | 'csv') => `/api/enterprises/import/template?format=${format}`,
  startImport: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<{ jobId: string }>('/enterprises/import', { method: 'POST', body: form });
  },
  importJob: (jobId: string) => request<ImportJob>(`/enterprises/import/${encodeURIComponent(jobId)}`),
  commitImport: (jobId: string) =>
    request<ImportJob>(`/enterprises/import/${encodeURIComponent(jobId)}/commit`, { method: 'POST', body: {} }),
  retryImport: (jobId: string) =>
    request<ImportJob>(`/enterprises/import/${encodeURIComponent(jobId)}/retry`, { method: 'POST', body: {} }),
  jobRuns: () => request<{ items: JobRun[] }>('/job-runs'),

  officers: (query: OfficerQuery) => request<Page<Officer>>('/officers', { query }),
  officer: (id: number | string) => request<Officer>(`/officers/${id}`),
  createOfficer: (body: OfficerInput) => request<Officer>('/officers', { method: 'POST', body }),
  updateOfficer: (id: number | string, body: Partial<OfficerInput> & { version: number }) =>
    request<Officer>(`/officers/${id}`, { method: 'PATCH', body }),
  officerHistory: (id: number | string) => request<{ items: AuditEntry[] }>(`/officers/${id}/history`),
  updateOfficerStatus: (id: number | string, body: OfficerStatusPatch & { version: number }) => request<Officer>(`/officers/${id}`, { method: 'PATCH', body }),
  /** a new login linked to the officer (administrator) */
  createOfficerAccount: (id: number | string, body: { username: string; password: string; displayName?: string; role?: 'officer' | 'leader' | 'legal_reviewer' | 'oversight' }) =>
    request<Officer>(`/officers/${id}/account`, { method: 'POST', body }),
  linkOfficerAccount: (id: number | string, userId: number) => request<Officer>(`/officers/${id}/account`, { method: 'PUT', body: { userId } }),
  unlinkOfficerAccount: (id: number | string, reason: string) => request<Officer>(`/officers/${id}/account`, { method: 'DELETE', body: { reason } }),
  unlinkedUsers: (agencyId: number) => request<{ items: User[] }>('/users', { query: { agencyId, unlinked: 'true' } }),
  todo: () => request<{ items: TodoItem[] }>('/todo'),

  agencies: () => request<{ items: Agency[] }>('/agencies'),
  agency: (id: number | string) => request<AgencyDetail>(`/agencies/${id}`),
  agencyHistory: (id: number | string) => request<{ items: AuditEntry[] }>(`/agencies/${id}/history`),

  regions: (parent?: string) => request<{ items: Region[] }>('/regions', { query: { parent } }),

  users: () => request<{ items: User[] } | User[]>('/users'),
  createUser: (body: UserInput) => request<User>('/users', { method: 'POST', body }),
  updateUser: (id: number, body: UserPatch) =>
    request<User>(`/users/${id}`, { method: 'PATCH', body }),

  stats: () => request<StatsOverview>('/stats/overview'),

  audit: (query: { entityType?: string; entityId?: string | number; page?: number; pageSize?: number }) =>
    request<Page<AuditEntry> | { items: AuditEntry[]; total?: number }>('/audit', { query }),
  verifyAudit: () => request<AuditVerify>('/audit/verify'),
  auditAnchor: () => request<{ latest: AuditAnchor | null; count: number }>('/audit/anchor'),

  // ---------- planning (R5–R14, R20, R21) ----------
  plans: (query: { year?: number | string; agencyId?: number | string }) => request<{ items: PlanListItem[] }>('/plans', { query }),
  plan: (id: number | string) => request<PlanDetail>(`/plans/${id}`),
  planHistory: (id: number | string) => request<{ items: AuditEntry[] }>(`/plans/${id}/history`),
  previewPlan: (body: { agencyId: number; year: number; params: PlanParamsInput }) =>
    request<PlanPreview>('/plans/preview', { method: 'POST', body }),
  createPlan: (body: { agencyId: number; year: number; params: PlanParamsInput }) =>
    request<PlanDetail>('/plans', { method: 'POST', body }),
  batchPlans: (body: { year: number; params: PlanParamsInput }) =>
    request<{ created: number; entries: number; skipped: number }>('/plans/batch', { method: 'POST', body }),
  planEntries: (id: number | string, query: PlanEntryQuery) => request<PlanEntriesPage>(`/plans/${id}/entries`, { query }),
  explainPlan: (id: number | string, query: { enterpriseId?: number; creditCode?: string }) =>
    request<PlanExplain>(`/plans/${id}/explain`, { query }),
  adjustPlan: (id: number | string, body: { params: PlanParamsInput; reason: string }) =>
    request<PlanDetail>(`/plans/${id}/adjust`, { method: 'POST', body }),
  transitionPlan: (id: number | string, body: { action: PlanAction; note?: string; filedWith?: string[] }) =>
    request<PlanDetail>(`/plans/${id}/transition`, { method: 'POST', body }),

  draws: (planId?: number | string) => request<{ items: DrawListItem[] }>('/draws', { query: { planId } }),
  draw: (id: number | string) => request<Draw>(`/draws/${id}`),
  createDraw: (body: DrawInputBody) => request<Draw>('/draws', { method: 'POST', body }),
  verifyDraw: (id: number | string) => request<DrawVerify>(`/draws/${id}/verify`, { method: 'POST', body: {} }),

  unplanned: (status?: string) => request<{ items: UnplannedItem[] }>('/unplanned-inspections', { query: { status } }),
  createUnplanned: (body: UnplannedInput) => request<UnplannedCreated>('/unplanned-inspections', { method: 'POST', body }),
  decideUnplanned: (id: number, body: { approve: boolean; note?: string }) =>
    request<unknown>(`/unplanned-inspections/${id}/decide`, { method: 'POST', body }),

  holidays: (year: number) => request<HolidayYear>('/holidays', { query: { year } }),
  calendar: (year: number) => request<CalendarYearView>(`/calendar/${year}`),
  enterNotice: (year: number, body: CalendarNoticeInput) => request<{ version: number; changes: CalendarChange[] }>(`/calendar/${year}`, { method: 'PUT', body }),
  deployHolidayRound: (body: { year: number; holidayName: string; teamCount: number; excludedRegionCodes?: string[]; seed?: number }) =>
    request<HolidayRound>('/holiday-rounds', { method: 'POST', body }),
  fileHolidayRound: (id: number) => request<HolidayRound>(`/holiday-rounds/${id}/file`, { method: 'POST', body: {} }),

  // Public, no login (R5, R13): these never redirect to the login page.
  publicTargets: (query: { year: number; month: number; regionCode?: string; page?: number; pageSize?: number }) =>
    request<PublicTargets>('/public/plan-targets', { query }),
  publicDraw: (id: number | string) => request<Draw>(`/public/draws/${id}`),
  publicDrawInputUrl: (id: number | string) => `/api/public/draws/${id}/input`,
};

export interface PlanEntryQuery extends Query {
  version?: number;
  month?: number | string;
  category?: PlanCategory | string;
  q?: string;
  page?: number;
  pageSize?: number;
}
