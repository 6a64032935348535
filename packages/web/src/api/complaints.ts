// 投诉举报 (R37) and 基层观测点: the server's answers and calls (packages/server/src/modules/complaints/routes.ts).
import type {
  ClueInput,
  ClueReported,
  ComplaintDecision,
  ComplaintDetail,
  ComplaintPage,
  ComplaintQuery,
  ComplaintReward,
  ComplaintTracking,
  ComplaintTransfer,
  ComplaintTransferred,
  DesignatePointInput,
  ObservationPointList,
  PointDesignated,
  PointRemoved,
  PublicComplaintFiled,
  PublicComplaintInput,
  StaffComplaintFiled,
  StaffComplaintInput,
} from '@anjian/domain/contract/complaints';
import { download, request } from './client';

export type { Complaint, ComplaintDetail, ComplaintQuery, ComplaintTracking, ObservationPoint, PublicComplaintInput, StaffComplaintInput } from '@anjian/domain/contract/complaints';

export const complaintsApi = {
  file: (body: PublicComplaintInput) => request<PublicComplaintFiled>('/public/complaints', { method: 'POST', body }),
  track: (code: string) => request<ComplaintTracking>(`/public/complaints/${encodeURIComponent(code)}`),
  list: (query: ComplaintQuery) => request<ComplaintPage>('/complaints', { query: { ...query } }),
  export: (query: ComplaintQuery) => download('/complaints/export', { ...query, page: undefined, pageSize: undefined }, 'complaints.xlsx'),
  get: (id: number) => request<ComplaintDetail>(`/complaints/${id}`),
  create: (body: StaffComplaintInput) => request<StaffComplaintFiled>('/complaints', { method: 'POST', body }),
  transfer: (id: number, body: ComplaintTransfer) => request<ComplaintTransferred>(`/complaints/${id}/transfer`, { method: 'POST', body }),
  decide: (id: number, body: ComplaintDecision) =>
    request<ComplaintDetail>(`/complaints/${id}/accept`, { method: 'POST', body }),
  reply: (id: number, text: string) => request<ComplaintDetail>(`/complaints/${id}/reply`, { method: 'POST', body: { text } }),
  reward: (id: number, body: ComplaintReward) => request<ComplaintDetail>(`/complaints/${id}/reward`, { method: 'POST', body }),
  points: () => request<ObservationPointList>('/observation-points'),
  designate: (body: DesignatePointInput) => request<PointDesignated>('/observation-points', { method: 'POST', body }),
  removePoint: (id: number, reason?: string) => request<PointRemoved>(`/observation-points/${id}`, { method: 'DELETE', body: { reason } }),
  clue: (id: number, body: ClueInput) =>
    request<ClueReported>(`/observation-points/${id}/clues`, { method: 'POST', body }),
};
