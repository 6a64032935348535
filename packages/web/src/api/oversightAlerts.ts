// R34: the alerts of the detectors of lax and improper enforcement (附件2). Shapes follow
// packages/server/src/modules/oversight/{routes,alertService}.ts.
import type { AlertPage, AlertQuery, AlertResolveInput, DetectorRules, DetectorRun, OversightAlert } from '@anjian/domain/contract/oversight';
import { download, request } from './client';

export type { AlertEvidence, AlertHistoryEntry, AlertQuery, DetectorRules, DetectorRunResult, OversightAlert } from '@anjian/domain/contract/oversight';

export const alertsApi = {
  list: (query: AlertQuery) => request<AlertPage>('/oversight/alerts', { query }),
  get: (id: number) => request<OversightAlert>(`/oversight/alerts/${id}`),
  resolve: (id: number, body: AlertResolveInput) => request<OversightAlert>(`/oversight/alerts/${id}/resolve`, { method: 'POST', body }),
  rules: () => request<DetectorRules>('/oversight/rules'),
  run: () => request<DetectorRun>('/oversight/detectors/run', { method: 'POST', body: {} }),
  export: (query: Omit<AlertQuery, 'page' | 'pageSize'>) => download('/oversight/alerts/export', query, '执法监督预警.xlsx'),
};
