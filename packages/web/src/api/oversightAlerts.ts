// R34: the alerts of the detectors of lax and improper enforcement (附件2). Shapes follow
// packages/server/src/modules/oversight/{routes,alertService}.ts.
import type { AlertAction, AlertState, DetectorCode } from '@anjian/domain/oversight';
import { download, request, type Query } from './client';

export interface AlertEvidence {
  label: string;
  value: string;
  link?: string;
}

export interface AlertHistoryEntry {
  action: string;
  actionLabel: string;
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  reason: string;
  byName: string;
  at: string | null;
}

export interface OversightAlert {
  id: number;
  rule: DetectorCode;
  ruleTitle: string;
  items: { item: string; text: string }[];
  agencyId: number;
  agencyName: string;
  enterpriseId: number | null;
  enterpriseName: string | null;
  summary: string;
  evidence: AlertEvidence[];
  amount: number | null;
  occurredOn: string | null;
  state: AlertState;
  stateLabel: string;
  active: boolean;
  firstDetectedOn: string;
  lastDetectedOn: string;
  clearedOn: string | null;
  detections: number;
  overseerName: string | null;
  history: AlertHistoryEntry[];
  version: number;
  actions: AlertAction[];
}

export interface AlertQuery extends Query {
  rule?: DetectorCode;
  state?: AlertState;
  agencyId?: number;
  page?: number;
  pageSize?: number;
}

export interface DetectorRules {
  detectors: { code: DetectorCode; title: string; description: string; items: { item: string; text: string }[] }[];
  uncovered: { item: string; text: string; why: string; instead: string }[];
}

export interface DetectorRunResult {
  rule: DetectorCode;
  title: string;
  found: number;
  created: number;
  cleared: number;
  reopened: number;
  ms: number;
}

export const alertsApi = {
  list: (query: AlertQuery) => request<{ items: OversightAlert[]; total: number; capped: boolean; page: number; pageSize: number }>('/oversight/alerts', { query }),
  get: (id: number) => request<OversightAlert>(`/oversight/alerts/${id}`),
  resolve: (id: number, body: { action: AlertAction; reason: string; version: number }) => request<OversightAlert>(`/oversight/alerts/${id}/resolve`, { method: 'POST', body }),
  rules: () => request<DetectorRules>('/oversight/rules'),
  run: () => request<{ asOf: string; results: DetectorRunResult[] }>('/oversight/detectors/run', { method: 'POST', body: {} }),
  export: (query: Omit<AlertQuery, 'page' | 'pageSize'>) => download('/oversight/alerts/export', query, '执法监督预警.xlsx'),
};
