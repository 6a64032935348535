// 回访 (follow-up visits): the server's answers and calls. Shapes follow packages/server/src/modules/followup/routes.ts.
import { download, request } from './client';

import type { FollowUpDetail, FollowUpDrawList, FollowUpDrawView, FollowUpPage, FollowUpQuery, FollowUpRatios, FollowUpRecordInput, FollowUpResolveInput, FollowUpStats, FollowUpVerification } from '@anjian/domain/contract/followup';

export type {
  FollowUpDetail,
  FollowUpDrawSummary,
  FollowUpDrawView,
  FollowUpMatter,
  FollowUpQuery,
  FollowUpRatio,
  FollowUpRatios,
  FollowUpRow,
  FollowUpStats,
  FollowUpVerification,
} from '@anjian/domain/contract/followup';
export type FollowUpRecordBody = FollowUpRecordInput;

export const followUpsApi = {
  ratios: () => request<FollowUpRatios>('/follow-ups/ratios'),
  setRatio: (percent: number, reason: string) => request<FollowUpRatios>('/follow-ups/ratios', { method: 'PUT', body: { percent, reason } }),
  draw: (periodStart: string, periodEnd: string) => request<FollowUpDrawView>('/follow-ups/draws', { method: 'POST', body: { periodStart, periodEnd } }),
  draws: () => request<FollowUpDrawList>('/follow-ups/draws'),
  drawView: (id: number) => request<FollowUpDrawView>(`/follow-ups/draws/${id}`),
  verify: (id: number) => request<FollowUpVerification>(`/follow-ups/draws/${id}/verify`, { method: 'POST', body: {} }),
  list: (q: FollowUpQuery) => request<FollowUpPage>('/follow-ups', { query: { ...q } }),
  exportXlsx: (q: FollowUpQuery) => download('/follow-ups/export', { ...q, page: undefined, pageSize: undefined }, '回访台账.xlsx'),
  stats: (from?: string, to?: string) => request<FollowUpStats>('/follow-ups/stats', { query: { from, to } }),
  detail: (id: number) => request<FollowUpDetail>(`/follow-ups/${id}`),
  record: (id: number, body: FollowUpRecordInput) => request<FollowUpDetail>(`/follow-ups/${id}/record`, { method: 'POST', body }),
  resolve: (id: number, matterId: number, body: FollowUpResolveInput) =>
    request<FollowUpDetail>(`/follow-ups/${id}/matters/${matterId}/resolve`, { method: 'POST', body }),
};
