// 投诉举报 (R37) and 基层观测点: the server's answers and calls (packages/server/src/modules/complaints/routes.ts).
import type { ComplaintSource, ComplaintStatus } from '@anjian/domain/complaints';
import { download, request } from './client';

export interface PublicComplaintInput {
  enterpriseName: string;
  creditCode?: string | null;
  address?: string | null;
  content: string;
  complainantName?: string | null;
  complainantPhone?: string | null;
  anonymous: boolean;
}

export interface ComplaintTracking {
  trackingCode: string;
  receivedOn: string;
  status: ComplaintStatus;
  statusLabel: string;
  agencyName: string;
  acceptDue: string;
  decidedOn: string | null;
  decisionReason: string | null;
  replyDue: string | null;
  repliedOn: string | null;
  replyText: string | null;
}

export interface Complaint {
  id: number;
  trackingCode: string | null;
  source: ComplaintSource;
  sourceLabel: string;
  agencyId: number;
  agencyName: string;
  routing: string;
  routingLabel: string;
  enterpriseId: number | null;
  enterpriseName: string;
  creditCode: string | null;
  address: string | null;
  content: string;
  anonymous: boolean;
  complainantName: string | null;
  complainantPhone: string | null;
  identityVisible: boolean;
  transferredFrom: string | null;
  observationPointId: number | null;
  status: ComplaintStatus;
  statusLabel: string;
  receivedOn: string;
  acceptDue: string;
  decidedOn: string | null;
  decisionReason: string | null;
  replyDue: string | null;
  repliedOn: string | null;
  replyText: string | null;
  inspectionId: number | null;
  rewardAmount: number | null;
  rewardOn: string | null;
  rewardDecision: string | null;
  overdue: 'accept' | 'reply' | null;
  overdueLabel: string | null;
  mayHandle: boolean;
  mayReward: boolean;
}

export interface ComplaintDetail extends Complaint {
  transfers: { at: string; reason: string; fromAgencyName: string | null; toAgencyName: string; byName: string | null }[];
  inspection: { id: number; statusLabel: string; plannedDate: string } | null;
}

export interface ComplaintQuery {
  status?: ComplaintStatus;
  source?: ComplaintSource;
  overdue?: '1';
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ObservationPoint {
  id: number;
  agencyId: number;
  agencyName: string;
  regionCode: string;
  designatedByAgencyId: number;
  designatedByName: string;
  note: string;
  designatedAt: string;
  clueCount: number;
  mayReport: boolean;
  mayRemove: boolean;
}

export interface StaffComplaintInput extends PublicComplaintInput {
  source: 'hotline' | 'letter' | 'transfer';
  transferredFrom?: string | null;
  receivedOn?: string;
}

export const complaintsApi = {
  file: (body: PublicComplaintInput) => request<{ trackingCode: string; receivedOn: string; acceptDue: string }>('/public/complaints', { method: 'POST', body }),
  track: (code: string) => request<ComplaintTracking>(`/public/complaints/${encodeURIComponent(code)}`),
  list: (query: ComplaintQuery) => request<{ items: Complaint[]; total: number; page: number; pageSize: number }>('/complaints', { query: { ...query } }),
  export: (query: ComplaintQuery) => download('/complaints/export', { ...query, page: undefined, pageSize: undefined }, 'complaints.xlsx'),
  get: (id: number) => request<ComplaintDetail>(`/complaints/${id}`),
  create: (body: StaffComplaintInput) => request<{ id: number; agencyId: number; agencyName: string; routingLabel: string; acceptDue: string; visible: boolean }>('/complaints', { method: 'POST', body }),
  transfer: (id: number, body: { toAgencyId?: number; toSuperior?: boolean; reason: string }) => request<{ id: number; agencyId: number; agencyName: string }>(`/complaints/${id}/transfer`, { method: 'POST', body }),
  decide: (id: number, body: { accept: boolean; reason?: string; officerIds?: number[]; plannedDate?: string; legalBasis?: string }) =>
    request<ComplaintDetail>(`/complaints/${id}/accept`, { method: 'POST', body }),
  reply: (id: number, text: string) => request<ComplaintDetail>(`/complaints/${id}/reply`, { method: 'POST', body: { text } }),
  reward: (id: number, body: { amount: number; rewardOn: string; decision: string }) => request<ComplaintDetail>(`/complaints/${id}/reward`, { method: 'POST', body }),
  points: () => request<{ items: ObservationPoint[]; mayDesignate: boolean }>('/observation-points'),
  designate: (body: { agencyId: number; note?: string }) => request<{ id: number }>('/observation-points', { method: 'POST', body }),
  removePoint: (id: number, reason?: string) => request<{ ok: boolean }>(`/observation-points/${id}`, { method: 'DELETE', body: { reason } }),
  clue: (id: number, body: { enterpriseName: string; creditCode?: string | null; address?: string | null; content: string }) =>
    request<{ id: number; agencyName: string; acceptDue: string }>(`/observation-points/${id}/clues`, { method: 'POST', body }),
};
