// R36: GET /api/statistics — the enforcement figures of an agency's subtree over a period (docs/statistics.md).
import type { StatisticsQuery, StatisticsResult } from '@anjian/domain/contract/reporting';
import { request } from './client';

export type { StatisticsQuery, StatisticsResult } from '@anjian/domain/contract/reporting';

export const statisticsApi = {
  get: (query: StatisticsQuery) => request<StatisticsResult>('/statistics', { query }),
};
