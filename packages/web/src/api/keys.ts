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
