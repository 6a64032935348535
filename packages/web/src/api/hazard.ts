// Hazards (R22–R24) and the inspection ledger (R19): types of the server's answers and the calls the ledger and
// detail pages make. Shapes follow packages/server/src/modules/{hazard/service,inspection/recordService,inspection/routes}.ts.
import type { z } from 'zod';
import type { EscalationLevel, HazardStatus, RootCause } from '@anjian/domain/inspection';
import type { closingAnswer, ClosingInput, HazardDetail, HazardPage, HazardQuery as ContractHazardQuery, ReinspectionInput, reinspectionAnswer } from '@anjian/domain/contract/hazard';
import type { DocumentPage } from '@anjian/domain/contract/documents';
import type { EvidenceItem, inspectionLedger, InspectionLedgerQuery as ContractLedgerQuery, InspectionLedgerRow } from '@anjian/domain/contract/inspection';
import { download, request } from './client';
import type { Officer, Page } from './types';

export type { EscalationLevel, HazardStatus, RootCause };

// ---------- hazards ----------

export type { ClosingInput, HazardDetail, HazardEscalation, HazardListItem, HazardPage, HazardRectification, HazardReinspection, ReinspectionInput } from '@anjian/domain/contract/hazard';
export type HazardQuery = ContractHazardQuery;
export type Evidence = EvidenceItem;
export type ClosingResult = z.input<typeof closingAnswer>;

// ---------- inspections ledger ----------

/** the ledger's filters (the export takes the same) */
export type InspectionLedgerQuery = ContractLedgerQuery;
export type InspectionLedgerFilters = Omit<InspectionLedgerQuery, 'page' | 'pageSize'>;
export type InspectionLedgerItem = InspectionLedgerRow;
export type InspectionLedgerPage = z.input<typeof inspectionLedger>;

// ---------- documents ----------

export type { DocumentSummary } from '@anjian/domain/contract/documents';

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
    request<z.input<typeof reinspectionAnswer>>(`/hazards/${id}/reinspection`, { method: 'POST', body }),
  closing: (id: number, body: ClosingInput) =>
    request<ClosingResult>(`/hazards/${id}/closing`, { method: 'POST', body }),
  evidenceUrl: (id: number) => `/api/evidence/${id}/file`,

  inspections: (query: InspectionLedgerQuery) => request<InspectionLedgerPage>('/inspections', { query }),
  exportInspections: (query: InspectionLedgerFilters) => download('/inspections/export', query, '执法检查台账.xlsx'),

  documents: (query: { entityType: string; entityId: string | number }) =>
    request<DocumentPage>('/documents', { query: { ...query, pageSize: 50 } }),
  documentPdfUrl: (id: number) => `/api/documents/${id}/pdf`,

  /** officers of one agency, for choosing the two reinspecting officers */
  agencyOfficers: (agencyId: number) => request<Page<Officer>>('/officers', { query: { agencyId, pageSize: 200 } }),
  /** the signed-in officer's own officer record id (null for leaders without one) */
  myOfficerId: async () => (await request<{ officerId: number | null }>('/today')).officerId,
};
