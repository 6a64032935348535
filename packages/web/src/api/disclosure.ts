// 信息公开门户 (no login): the index by region, published plans, draws and double-random inspection results.
import type { PortalIndex, PortalPage, PublicDrawItem, PublicPlan, PublicPlanItem, PublicResult, PublicResultItem } from '@anjian/domain/contract/disclosure';
import { request } from './client';

export type { PortalCounts, PortalIndex, PortalPage, PublicDrawItem, PublicPlan, PublicPlanItem, PublicResult, PublicResultItem } from '@anjian/domain/contract/disclosure';

type Filter = { regionCode?: string; agencyId?: number; year?: number; page?: number; pageSize?: number };

export const portalApi = {
  index: (query: { regionCode?: string; page?: number; pageSize?: number }) => request<PortalIndex>('/public/portal', { query }),
  plans: (query: Filter) => request<PortalPage<PublicPlanItem>>('/public/plans', { query }),
  plan: (id: number | string, version?: number) => request<PublicPlan>(`/public/plans/${id}`, { query: { version } }),
  draws: (query: Filter & { planId?: number }) => request<PortalPage<PublicDrawItem>>('/public/draws', { query }),
  results: (query: Filter & { drawId?: number }) => request<PortalPage<PublicResultItem>>('/public/inspection-results', { query }),
  result: (id: number | string) => request<PublicResult>(`/public/inspection-results/${id}`),
};
