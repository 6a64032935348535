// R36: GET /api/statistics — the enforcement figures of an agency's subtree over a period (docs/statistics.md).
import type { StatisticsFigures, StatisticsGroup, StatisticsGroupBy } from '@anjian/domain/statistics';
import { request } from './client';

export interface StatisticsResult {
  agency: { id: number; name: string; level: string; regionCode: string };
  from: string;
  to: string;
  asOf: string;
  groupBy: StatisticsGroupBy | null;
  total: StatisticsFigures;
  groups: StatisticsGroup[];
}

export interface StatisticsQuery {
  agencyId?: number;
  from: string;
  to: string;
  groupBy?: StatisticsGroupBy;
  [k: string]: string | number | undefined;
}

export const statisticsApi = {
  get: (query: StatisticsQuery) => request<StatisticsResult>('/statistics', { query }),
};
