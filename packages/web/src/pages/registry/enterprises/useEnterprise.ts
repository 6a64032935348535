import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../api';
import { registryKeys } from '../../../api/keys';

export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: registryKeys.enterprise(id),
    queryFn: () => api.enterprise(id!),
    enabled: !!id,
    // 404 (absent or outside the caller's jurisdiction) is rendered as a not-found state, not a toast.
    meta: { silent: true },
    retry: (n, e) => !(e instanceof ApiError) && n < 2,
  });
}

export const editableFields = [
  'name',
  'regionCode',
  'address',
  'industry',
  'riskCode',
  'hazardSourceCount',
  'majorHazardSourceCount',
  'standardizationLevel',
  'creditStatus',
  'fatalAccidents3y',
  'nonSiteMonitored',
  'legalRepresentative',
  'contactPhone',
  'employeeCount',
] as const;
