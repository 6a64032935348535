// 回访 (follow-up visits): the server's answers and calls. Shapes follow packages/server/src/modules/followups/routes.ts.
import { download, request } from './client';

export interface FollowUpRatio {
  agencyId: number;
  agencyName: string;
  level: string;
  regionCode: string;
  percent: number;
  isDefault: boolean;
  reason: string;
  changedByName: string | null;
  changedAt: string | null;
}
export interface FollowUpRatios {
  ownAgencyId: number | null;
  items: FollowUpRatio[];
  history: { id: number; agencyId: number; agencyName: string; percent: number; reason: string; changedByName: string; changedAt: string }[];
}
export interface FollowUpDrawSummary {
  id: number;
  agencyId: number;
  agencyName: string;
  periodStart: string;
  periodEnd: string;
  seed: number;
  percent: number;
  inputHash: string;
  poolSize: number;
  required: number;
  drawn: number;
  createdAt: string;
}
export interface FollowUpDrawView extends FollowUpDrawSummary {
  items: { id: number; inspectionId: number; enterpriseName: string; creditCode: string; reason: string; reasonLabel: string; statusLabel: string }[];
}
export interface FollowUpVerification extends FollowUpDrawSummary {
  ok: boolean;
  reason: string | null;
  recomputedHash: string;
  drawnInspectionIds: number[];
}
export interface FollowUpRow {
  id: number;
  drawId: number;
  agencyId: number;
  agencyName: string;
  inspectionId: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  periodStart: string;
  periodEnd: string;
  inspectedOn: string;
  officerNames: string;
  reason: string;
  reasonLabel: string;
  status: 'pending' | 'visited';
  statusLabel: string;
  method: string | null;
  methodLabel: string;
  visitedOn: string | null;
  visitors: string | null;
  contactPerson: string | null;
  recordedByName: string | null;
  matters: number;
  openMatters: number;
  concerns: string;
}
export interface FollowUpMatter {
  id: number;
  questionKey: string;
  concern: string;
  officerNames: string;
  status: 'open' | 'resolved';
  statusLabel: string;
  handling: string | null;
  finding: string | null;
  findingLabel: string;
  result: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
  mayResolve: boolean;
}
export interface FollowUpDetail extends FollowUpRow {
  answers: Record<string, string>;
  notes: Record<string, string>;
  comment: string;
  recordedAt: string | null;
  mayRecord: boolean;
  matterList: FollowUpMatter[];
}
export interface FollowUpStats {
  from: string;
  to: string;
  byAgency: {
    agencyId: number;
    agencyName: string;
    inspectedTargets: number;
    inspections: number;
    drawn: number;
    visited: number;
    visitedTargets: number;
    ratePercent: number;
    requiredAtTenPercent: number;
    shortfall: boolean;
    matters: number;
    openMatters: number;
    confirmedMatters: number;
  }[];
  flagged: number[];
  byOfficer: { officerId: number; name: string; agencyName: string; inspections: number; drawn: number; visited: number; ratePercent: number; matters: number; confirmedMatters: number }[];
}
export interface FollowUpQuery {
  drawId?: number;
  status?: 'pending' | 'visited';
  reason?: string;
  method?: string;
  from?: string;
  to?: string;
  q?: string;
  hasMatters?: boolean;
  page?: number;
  pageSize?: number;
}
export interface FollowUpRecordBody {
  method: 'phone' | 'onsite';
  visitedOn: string;
  visitors: string;
  contactPerson: string;
  answers: Record<string, string>;
  notes: Record<string, string>;
  comment: string;
}

export const followUpsApi = {
  ratios: () => request<FollowUpRatios>('/follow-ups/ratios'),
  setRatio: (percent: number, reason: string) => request<FollowUpRatios>('/follow-ups/ratios', { method: 'PUT', body: { percent, reason } }),
  draw: (periodStart: string, periodEnd: string) => request<FollowUpDrawView>('/follow-ups/draws', { method: 'POST', body: { periodStart, periodEnd } }),
  draws: () => request<{ items: FollowUpDrawSummary[] }>('/follow-ups/draws'),
  drawView: (id: number) => request<FollowUpDrawView>(`/follow-ups/draws/${id}`),
  verify: (id: number) => request<FollowUpVerification>(`/follow-ups/draws/${id}/verify`, { method: 'POST', body: {} }),
  list: (q: FollowUpQuery) => request<{ items: FollowUpRow[]; total: number; page: number; pageSize: number }>('/follow-ups', { query: { ...q } }),
  exportXlsx: (q: FollowUpQuery) => download('/follow-ups/export', { ...q, page: undefined, pageSize: undefined }, '回访台账.xlsx'),
  stats: (from?: string, to?: string) => request<FollowUpStats>('/follow-ups/stats', { query: { from, to } }),
  detail: (id: number) => request<FollowUpDetail>(`/follow-ups/${id}`),
  record: (id: number, body: FollowUpRecordBody) => request<FollowUpDetail>(`/follow-ups/${id}/record`, { method: 'POST', body }),
  resolve: (id: number, matterId: number, body: { handling: string; finding: 'confirmed' | 'unfounded'; result: string }) =>
    request<FollowUpDetail>(`/follow-ups/${id}/matters/${matterId}/resolve`, { method: 'POST', body }),
};
