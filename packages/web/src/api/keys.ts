// Query keys, one factory per capability: a list key starts with its capability's `all`, so invalidating `all`
// refreshes every list and count of it, and no page spells a key by hand.
import type { EnterpriseQuery, OfficerQuery } from './index';
import type { HazardQuery, InspectionLedgerQuery } from './hazard';
import type { CaseQuery } from './penalty';

export const hazardKeys = {
  all: ['hazards'] as const,
  list: (q: HazardQuery) => ['hazards', q] as const,
};

export const inspectionLedgerKeys = {
  all: ['inspection-ledger'] as const,
  list: (q: InspectionLedgerQuery) => ['inspection-ledger', q] as const,
};

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (q: EnterpriseQuery & { picker?: boolean }) => ['enterprises', q] as const,
  detail: (id: number) => ['enterprise', String(id)] as const,
};

export const penaltyCaseKeys = {
  all: ['penalty-cases'] as const,
  list: (q: CaseQuery) => ['penalty-cases', q] as const,
};

export const officerKeys = {
  all: ['officers'] as const,
  list: (q: OfficerQuery) => ['officers', q] as const,
};

// ---- cases, hazards, inspections, registry, credit, home, calendar (their detail pages and side lists) ----
// (types named inline, apart from the imports above, which other pages extend)
type PenaltyPublicationStatus = import('./penalty').PublicationStatus;
type StatisticsRange = { from: string; to: string };

export const penaltyKeys = {
  case: (id: string | number) => ['penalty-case', String(id)] as const,
  completeness: (id: string, version: number | undefined) => ['penalty-case', id, 'completeness', version] as const,
  legalReviews: ['legal-reviews'] as const,
  publicationsAll: ['penalty-publications'] as const,
  publications: (status: PenaltyPublicationStatus | 'all') => ['penalty-publications', status] as const,
  publicAll: ['public-penalties'] as const,
  public: (page: number, regionCode: string | undefined) => ['public-penalties', page, regionCode] as const,
  catalogue: ['discretion-catalog'] as const,
  alerts: (enterpriseId: number) => ['penalty-alerts', enterpriseId] as const,
};

export const hazardDetailKeys = {
  detail: (id: string) => ['hazard', id] as const,
  documentsAll: ['hazard-documents'] as const,
  documents: (entityType: 'hazard' | 'inspection', id: string | number | undefined) => ['hazard-documents', entityType, id] as const,
  myOfficerId: ['my-officer-id'] as const,
};

export const inspectionKeys = {
  detail: (id: number | null | undefined) => ['inspection', id] as const,
  sources: (enterpriseId: number | undefined) => ['inspection-sources', enterpriseId] as const,
  today: ['today'] as const,
  checkItems: (industry: string | undefined) => ['check-items', industry] as const,
  documents: (id: number) => ['documents', 'inspection', id] as const,
  publicVerification: (token: string) => ['public-inspection', token] as const,
};

export const registryKeys = {
  enterpriseAll: ['enterprise'] as const,
  enterprise: (id: string | number | undefined) => ['enterprise', id === undefined ? id : String(id)] as const,
  enterpriseHistory: (id: string | number | undefined) => ['enterprise-history', id === undefined ? id : String(id)] as const,
  importJob: (jobId: string | undefined) => ['import-job', jobId] as const,
  agency: (id: number) => ['agency', id] as const,
  officer: (id: string) => ['officer', id] as const,
  officerHistory: (id: string | number) => ['officer-history', String(id)] as const,
  /** the officers of one agency, for the pickers (under officerKeys.all) */
  agencyOfficers: (agencyId: number | undefined) => ['officers', { agencyId, pageSize: 200 }] as const,
  unlinkedUsers: (agencyId: number) => ['users', 'unlinked', agencyId] as const,
};

export const creditKeys = {
  all: ['credit'] as const,
  enterprise: (enterpriseId: number | null | undefined) => ['credit', enterpriseId] as const,
  blacklist: ['credit-blacklist'] as const,
  publicBlacklistAll: ['public-blacklist'] as const,
  publicBlacklist: (regionCode: string | undefined) => ['public-blacklist', regionCode] as const,
  repairsAll: ['credit-repairs'] as const,
  repairs: (status: string | undefined) => ['credit-repairs', status] as const,
  objectionsAll: ['credit-objections'] as const,
  objections: (status: string | undefined) => ['credit-objections', status] as const,
};

export const homeKeys = {
  statsAll: ['stats'] as const,
  overview: ['stats', 'overview'] as const,
  statistics: (range: StatisticsRange, groupBy: 'month' | 'region') => ['statistics', range, groupBy] as const,
  geo: (level: string, regionCode: string) => ['geo', level, regionCode] as const,
};

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', year] as const,
};

// ---- oversight, planning, audit, administration (the oversight hub's panels and the planning pages) ----
// (types named inline: this block stays apart from the imports above, which other pages extend)
type ComplaintQuery = import('./complaints').ComplaintQuery;
type FollowUpQuery = import('./followup').FollowUpQuery;

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (q: ComplaintQuery) => ['complaints', 'list', q] as const,
  detail: (id: number | null) => ['complaints', 'detail', id] as const,
  points: ['observation-points'] as const,
};

export const followUpKeys = {
  all: ['follow-ups'] as const,
  lists: ['follow-ups', 'list'] as const,
  list: (q: FollowUpQuery) => ['follow-ups', 'list', q] as const,
  detail: (id: number | null) => ['follow-ups', 'detail', id] as const,
  stats: (from: string, to: string) => ['follow-ups', 'stats', from, to] as const,
  allStats: ['follow-ups', 'stats'] as const,
  draws: ['follow-ups', 'draws'] as const,
  ratios: ['follow-ups', 'ratios'] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  list: (q: { entityType?: string; entityId?: string; page: number; pageSize: number }) => ['audit', q] as const,
  anchor: ['audit-anchor'] as const,
};

export const userKeys = {
  all: ['users'] as const,
};

export const planKeys = {
  all: ['plans'] as const,
  list: (q: { year?: number; agencyId?: number }) => ['plans', q] as const,
};

type ReviewItemQuery = import('./caseReviews').ReviewItemQuery;
export const caseReviewKeys = {
  rounds: ['review-rounds'] as const,
  allItems: ['review-items'] as const,
  items: (q: ReviewItemQuery) => ['review-items', q] as const,
  item: (id: number) => ['review-item', id] as const,
  league: (roundId: number | undefined) => ['review-league', roundId] as const,
  allSheets: ['review-sheet'] as const,
  sheet: (version: number | undefined) => ['review-sheet', version] as const,
};

type AlertQuery = import('./oversightAlerts').AlertQuery;
export const alertKeys = {
  all: ['oversight-alerts'] as const,
  list: (q: AlertQuery) => ['oversight-alerts', q] as const,
  detail: (id: number | null) => ['oversight-alert', id] as const,
  rules: ['oversight-rules'] as const,
};

export const unplannedKeys = {
  all: ['unplanned'] as const,
  list: (status: string | undefined) => ['unplanned', status] as const,
};

export const jobKeys = {
  runs: ['job-runs'] as const,
};
