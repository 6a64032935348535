// 信息公开门户 (no login): the index by region, published plans, draws and double-random inspection results.
import { request } from './client';

export interface PortalCounts {
  plans: number;
  draws: number;
  results: number;
  penalties: number;
  blacklists: number;
}
export interface PortalIndex {
  region: { code: string; name: string; fullName: string; level: string; levelLabel: string } | null;
  path: { code: string; name: string }[];
  agencies: ({ id: number; name: string; level: string; levelLabel: string; regionCode: string } & PortalCounts)[];
  children: ({ code: string; name: string; level: string; levelLabel: string; agencies: number } & PortalCounts)[];
  page: number;
  pageSize: number;
  total: number;
}
export interface PortalPage<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}
export interface PublicPlanItem {
  id: number;
  agencyId: number;
  agencyName: string;
  agencyLevelLabel: string;
  regionCode: string;
  regionName: string;
  year: number;
  versionNo: number;
  publishedOn: string;
  adjustments: number;
  totalPlanned: number;
}
export interface PublicPlan {
  id: number;
  agencyId: number;
  agencyName: string;
  agencyLevelLabel: string;
  regionCode: string;
  regionName: string;
  year: number;
  versionNo: number;
  publishedOn: string;
  inForce: boolean;
  totalPlanned: number;
  officerCount: number;
  fixed: { title: string; count: number; text: string };
  random: { title: string; count: number; ratio: number; eligible: number; text: string };
  oversight: { title: string; count: number; text: string };
  who: string;
  how: string;
  what: string;
  categories: { category: string; label: string; count: number }[];
  months: { month: number; key: number; highRisk: number; random: number; spotCheck: number; total: number }[];
  industries: { industry: string; label: string; count: number }[];
  checkItems: { catalogueVersion: number; general: { code: string; title: string }[]; industries: { label: string; items: { code: string; title: string }[] }[] };
  versions: { versionNo: number; publishedOn: string; reason: string | null; totalPlanned: number; officerCount: number }[];
  drawCount: number;
}
export interface PublicDrawItem {
  id: number;
  title: string;
  agencyName: string;
  regionName: string;
  drawDate: string;
  seed: string;
  inputHash: string;
  targetCount: number;
  assigned: number;
  teamSize: number;
  poolSize: number;
  officerPoolSize: number;
  results: number;
  pageUrl: string;
  inputUrl: string;
  verifyUrl: string;
}
export interface PublicResultItem {
  id: number;
  enterpriseName: string;
  creditCode: string;
  industryLabel: string;
  regionName: string;
  agencyName: string;
  drawId: number;
  drawTitle: string;
  drawDate: string;
  inspectedOn: string;
  itemCount: number;
  hazards: number;
  majorHazards: number;
  outcome: string;
}
export interface PublicResult extends PublicResultItem {
  legalBasis: string;
  items: { code: string; title: string; resultLabel: string }[];
  fixedOnSpot: number;
  hazardList: { description: string; requirement: string; major: boolean; deadline: string; statusLabel: string }[];
}

type Filter = { regionCode?: string; agencyId?: number; year?: number; page?: number; pageSize?: number };

export const portalApi = {
  index: (query: { regionCode?: string; page?: number; pageSize?: number }) => request<PortalIndex>('/public/portal', { query }),
  plans: (query: Filter) => request<PortalPage<PublicPlanItem>>('/public/plans', { query }),
  plan: (id: number | string, version?: number) => request<PublicPlan>(`/public/plans/${id}`, { query: { version } }),
  draws: (query: Filter & { planId?: number }) => request<PortalPage<PublicDrawItem>>('/public/draws', { query }),
  results: (query: Filter & { drawId?: number }) => request<PortalPage<PublicResultItem>>('/public/inspection-results', { query }),
  result: (id: number | string) => request<PublicResult>(`/public/inspection-results/${id}`),
};
