// Typed endpoints of inspections (docs/api.md "Inspections and hazards"): filing, the officer's phone, "today" and the
// public QR page. Writes that the phone may have to resend carry a clientId, so a resend is harmless.
import type { FeedbackAnswers } from '@anjian/domain/inspection';
import type {
  AddedFinding,
  AnswerInput,
  CertificateInput,
  EvidenceCaptureFields,
  EvidenceItem,
  ExamInput,
  FilingInput,
  FilingSources,
  FindingInput,
  InspectionDetail,
  InspectionSyncBody,
  InspectionSyncResult,
  PublicVerification,
  TodayData,
} from '@anjian/domain/contract/inspection';
import { request } from './client';

export type {
  CertificateInput,
  CertificateRecord,
  EvidenceItem,
  ExamInput,
  ExamRecord,
  FilingInput,
  FilingSources,
  FindingInput,
  FindingItem,
  HazardDue,
  InspectionDetail,
  InspectionItem,
  OfficerCard,
  PublicVerification,
  TodayData,
  AddedFinding,
  AnswerInput,
} from '@anjian/domain/contract/inspection';
export type { InspectionLedgerRow } from '@anjian/domain/contract/inspection';

const cmd = (id: number, path: string, body: unknown = {}) => request<InspectionDetail>(`/inspections/${id}/${path}`, { method: 'POST', body });

export const inspectionsApi = {
  today: () => request<TodayData>('/today'),
  sources: (enterpriseId: number) => request<FilingSources>('/inspection-sources', { query: { enterpriseId } }),
  file: (b: FilingInput) => request<InspectionDetail>('/inspections', { method: 'POST', body: b }),
  get: (id: number) => request<InspectionDetail>(`/inspections/${id}`),
  backfill: (id: number, b: { legalBasis: string; officerIds?: number[] }) => cmd(id, 'backfill', b),
  enter: (id: number) => cmd(id, 'enter'),
  showCredentials: (id: number) => cmd(id, 'show-credentials'),
  commitment: (id: number, signerNames: string[]) => cmd(id, 'commitment', { signerNames }),
  cancel: (id: number, reason: string) => cmd(id, 'cancel', { reason }),
  complete: (id: number, summary: string) => cmd(id, 'complete', { summary }),
  answers: (id: number, answers: AnswerInput[]) => request<{ saved: number }>(`/inspections/${id}/answers`, { method: 'PUT', body: { answers } }),
  exam: (id: number, b: ExamInput) => cmd(id, 'exams', b),
  certificate: (id: number, b: CertificateInput) => cmd(id, 'certificates', b),
  finding: (id: number, b: FindingInput) => request<AddedFinding>(`/inspections/${id}/findings`, { method: 'POST', body: b }),
  /** R16–R19: everything done on site for one inspection, applied at once and idempotently (see contract/inspection.ts) */
  sync: (id: number, body: InspectionSyncBody) => request<InspectionSyncResult>(`/inspections/${id}/sync`, { method: 'POST', body }),
  /** fields go before the file: the server reads them as the file streams in; the capture fields seal it (R35) */
  evidence: (id: number, fields: { clientId: string; itemCode?: string | null; findingClientId?: string | null }, file: Blob, name: string, capture?: EvidenceCaptureFields) => {
    const form = new FormData();
    form.append('clientId', fields.clientId);
    if (fields.itemCode) form.append('itemCode', fields.itemCode);
    if (fields.findingClientId) form.append('findingClientId', fields.findingClientId);
    if (capture) {
      form.append('sm3', capture.sm3);
      form.append('capturedAt', capture.capturedAt);
      for (const k of ['latitude', 'longitude', 'accuracy'] as const) if (capture[k] != null) form.append(k, String(capture[k]));
    }
    form.append('file', file, name);
    return request<EvidenceItem>(`/inspections/${id}/evidence`, { method: 'POST', body: form });
  },
  /** R19: the enterprise's evaluation from its own account */
  feedback: (id: number, b: { answers: FeedbackAnswers; comment?: string }) => request<{ concerns: string[] }>(`/inspections/${id}/feedback`, { method: 'POST', body: b }),
  qrUrl: (id: number) => `/api/inspections/${id}/qr.svg`,
  publicVerification: (token: string) => request<PublicVerification>(`/public/inspections/${encodeURIComponent(token)}`),
  publicFeedback: (token: string, b: { answers: FeedbackAnswers; comment?: string }) =>
    request<{ concerns: string[] }>(`/public/inspections/${encodeURIComponent(token)}/feedback`, { method: 'POST', body: b }),
};
