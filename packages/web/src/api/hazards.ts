// Hazards (R22–R24) and the inspection ledger (R19): types of the server's answers and the calls the ledger and
// detail pages make. Shapes follow packages/server/src/modules/inspections/{hazardService,recordService,routes}.ts.
import type { EscalationLevel, HazardStatus, InspectionOrigin, InspectionStatus, RootCause } from '@anjian/domain/inspection';
import { download, request, type Query } from './client';
import type { Officer, Page } from './types';

export type { EscalationLevel, HazardStatus, RootCause };

// ---------- hazards ----------

export interface HazardQuery extends Query {
  /** 'unclosed' = open or rectified */
  status?: HazardStatus | 'unclosed';
  major?: boolean;
  overdue?: boolean;
  escalationLevel?: EscalationLevel;
  enterpriseId?: number;
  /** enterprise name or hazard description (contains) */
  q?: string;
  /** deadline range, YYYY-MM-DD, both ends included */
  deadlineFrom?: string;
  deadlineTo?: string;
  /** R36 drill-down: recorded between (YYYY-MM-DD), in a region (6 or 9 digits) */
  foundFrom?: string;
  foundTo?: string;
  regionCode?: string;
  page?: number;
  pageSize?: number;
}

export interface HazardListItem {
  id: number;
  inspectionId: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  agencyName: string;
  description: string;
  requirement: string;
  major: boolean;
  responsiblePerson: string;
  trackerName: string | null;
  deadline: string;
  status: HazardStatus;
  overdue: boolean;
  overdueWorkingDays: number;
  escalationLevel: EscalationLevel | null;
  penaltyCaseId: number | null;
}

export interface HazardPage {
  items: HazardListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Evidence {
  id: number;
  clientId: string;
  kind: 'photo' | 'audio' | 'video' | 'document' | string;
  mime: string;
  size: number;
  sm3: string;
  itemCode: string | null;
  findingClientId: string | null;
  hazardId: number | null;
  originalName: string;
  createdAt: string;
  /** /api/evidence/:id/file */
  url: string;
}

export interface HazardRectification {
  id: number;
  hazardId: number;
  description: string;
  evidenceIds: number[];
  submittedBy: number;
  submittedAt: string;
}

export interface HazardReinspection {
  id: number;
  hazardId: number;
  officerIds: number[];
  result: 'passed' | 'failed';
  opinion: string;
  evidenceIds: number[];
  newDeadline: string | null;
  documentId: number | null;
  createdBy: number;
  createdAt: string;
}

export interface HazardEscalation {
  level: EscalationLevel;
  overdueDays: number;
  createdAt: string;
  /** the letter issued for the step (函告、通报、约谈通知书、挂牌督办通知书), once issued */
  documentId?: number | null;
}

export interface HazardDetail {
  id: number;
  findingId: number;
  inspectionId: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  agencyId: number;
  regionCode: string;
  description: string;
  requirement: string;
  major: boolean;
  criterion: string | null;
  responsiblePerson: string;
  trackerName: string | null;
  deadline: string;
  status: HazardStatus;
  escalationLevel: EscalationLevel | null;
  rootCause: Partial<RootCause> | null;
  penaltyCaseId: number | null;
  noPenaltyReason: string | null;
  rectifiedAt: string | null;
  closedAt: string | null;
  closedBy: number | null;
  createdAt: string;
  updatedAt: string;
  overdue: boolean;
  overdueWorkingDays: number;
  escalations: HazardEscalation[];
  rectifications: HazardRectification[];
  reinspections: HazardReinspection[];
  evidence: Evidence[];
  /** why the hazard cannot be closed yet (empty when closed or ready) */
  closingProblems: string[];
}

export interface ReinspectionInput {
  officerIds: number[];
  result: 'passed' | 'failed';
  opinion: string;
  evidenceIds: number[];
  newDeadline?: string | null;
}

export interface ClosingInput {
  rootCause?: RootCause;
  noPenaltyReason?: string | null;
  openPenaltyCase?: boolean;
}

export interface ClosingResult {
  closed: boolean;
  problems: string[];
  hazard: HazardDetail;
}

// ---------- inspections ledger ----------

/** the ledger's filters (the export takes the same) */
export type InspectionLedgerFilters = {
  status?: InspectionStatus;
  origin?: InspectionOrigin;
  enterpriseId?: number;
  officerId?: number;
  /** planned date range, YYYY-MM-DD */
  from?: string;
  to?: string;
  /** enterprise name (contains) or credit code (exact) */
  q?: string;
  hasHazards?: boolean;
  backfillOverdue?: boolean;
  /** R36 drill-down: a region (6 or 9 digits) */
  regionCode?: string;
};

export type InspectionLedgerQuery = InspectionLedgerFilters & { page?: number; pageSize?: number };

export interface InspectionLedgerItem {
  id: number;
  status: InspectionStatus;
  statusLabel: string;
  origin: InspectionOrigin;
  originLabel: string;
  plannedDate: string;
  filed: boolean;
  filedAt: string | null;
  entryDate: string | null;
  backfillDue: string | null;
  backfillOverdue: boolean;
  completedAt: string | null;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  industry: string;
  agencyName: string;
  officerNames: string;
  legalBasis: string;
  summary: string;
  itemCount: number;
  findingCount: number;
  hazardCount: number;
  majorHazardCount: number;
  openHazardCount: number;
}

export interface InspectionLedgerPage {
  items: InspectionLedgerItem[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------- documents ----------

export interface DocumentSummary {
  id: number;
  agencyName: string;
  kind: string;
  number: string;
  title: string;
  entityType: string;
  entityId: string;
  issuedAt: string;
  issuedByName: string | null;
}

/** A record id for an upload (the server makes a resent upload idempotent by it); works without a secure context. */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Today in Asia/Shanghai, YYYY-MM-DD (business dates are Shanghai dates whatever the browser's zone). */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export const hazardsApi = {
  list: (query: HazardQuery) => request<HazardPage>('/hazards', { query }),
  detail: (id: number | string) => request<HazardDetail>(`/hazards/${id}`),
  /** multipart: the text fields first, then the file (the server reads the fields that precede the file part) */
  uploadEvidence: (hazardId: number, file: File, clientId = newClientId()) => {
    const form = new FormData();
    form.append('clientId', clientId);
    form.append('file', file, file.name);
    return request<Evidence>(`/hazards/${hazardId}/evidence`, { method: 'POST', body: form });
  },
  reportRectification: (id: number, body: { description: string; evidenceIds: number[] }) =>
    request<HazardDetail>(`/hazards/${id}/rectification`, { method: 'POST', body }),
  reinspect: (id: number, body: ReinspectionInput) =>
    request<ClosingResult & { reinspectionId: number; documentId: number | null }>(`/hazards/${id}/reinspection`, { method: 'POST', body }),
  closing: (id: number, body: ClosingInput) =>
    request<ClosingResult & { penaltyCaseId: number | null }>(`/hazards/${id}/closing`, { method: 'POST', body }),
  evidenceUrl: (id: number) => `/api/evidence/${id}/file`,

  inspections: (query: InspectionLedgerQuery) => request<InspectionLedgerPage>('/inspections', { query }),
  exportInspections: (query: InspectionLedgerFilters) => download('/inspections/export', query, '执法检查台账.xlsx'),

  documents: (query: { entityType: string; entityId: string | number }) =>
    request<{ items: DocumentSummary[]; total: number }>('/documents', { query: { ...query, pageSize: 50 } }),
  documentPdfUrl: (id: number) => `/api/documents/${id}/pdf`,

  /** officers of one agency, for choosing the two reinspecting officers */
  agencyOfficers: (agencyId: number) => request<Page<Officer>>('/officers', { query: { agencyId, pageSize: 200 } }),
  /** the signed-in officer's own officer record id (null for leaders without one) */
  myOfficerId: async () => (await request<{ officerId: number | null }>('/today')).officerId,
};
