// Query keys, one factory per capability: a list key starts with its capability's `all`, so invalidating `all`
// refreshes every list and count of it, and no page spells a key by hand.
import type { EnterpriseQuery, OfficerQuery } from './index';
import type { HazardQuery, InspectionLedgerQuery } from './hazards';
import type { CaseQuery } from './penalties';

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

// ---- oversight, planning, audit, administration (the oversight hub's panels and the planning pages) ----
// (types named inline: this block stays apart from the imports above, which other pages extend)
type ComplaintQuery = import('./complaints').ComplaintQuery;
type FollowUpQuery = import('./followUps').FollowUpQuery;

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
