// Typed endpoints of inspections (docs/api.md "Inspections and hazards"): filing, the officer's phone, "today" and the
// public QR page. Writes that the phone may have to resend carry a clientId, so a resend is harmless.
import type { AnswerResult, FeedbackAnswers, FindingDisposition, InspectionOrigin, InspectionStatus } from '@anjian/domain/inspection';
import type { EvidenceCaptureFields, InspectionSyncBody, InspectionSyncResult } from '@anjian/domain/inspectionSync';
import { request } from './client';

export interface OfficerCard {
  id: number;
  name: string;
  credentialNo: string;
  credentialValidFrom: string;
  credentialValidTo: string;
  credentialValid: boolean;
  department: string | null;
}

export interface InspectionItem {
  code: string;
  title: string;
  scope: string;
  majorHazardStandard: string | null;
  /** the standard's wording of the major hazard this item checks against */
  criterion: string | null;
  result: AnswerResult | null;
  resultLabel: string | null;
  note: string;
  answeredAt: string | null;
}

export interface EvidenceItem {
  id: number;
  clientId: string;
  kind: 'photo' | 'audio' | 'video' | 'file';
  mime: string;
  size: number;
  sm3: string;
  itemCode: string | null;
  findingClientId: string | null;
  hazardId: number | null;
  originalName: string;
  /** upload time (the server's) */
  createdAt: string;
  /** R35: when the phone took it, and where (null when the upload did not say) */
  capturedAt: string | null;
  latitude: number | null;
  longitude: number | null;
  /** metres */
  accuracy: number | null;
  /** the phone's SM3 was sent and matched the bytes the server received */
  sm3Verified: boolean;
  url: string;
}

export interface FindingItem {
  id: number;
  clientId: string;
  itemCode: string | null;
  description: string;
  disposition: FindingDisposition;
  dispositionLabel: string;
  major: boolean;
  criterion: string | null;
  hazardId: number | null;
  penaltyCaseId: number | null;
  createdAt: string;
}

export interface ExamRecord {
  clientId: string;
  personName: string;
  position: string;
  questions: string;
  score: number;
  passed: boolean;
}

export interface CertificateRecord {
  clientId: string;
  holderName: string;
  certificateType: string;
  certificateNo: string;
  validTo: string;
  valid: boolean;
}

export interface InspectionDetail {
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
  agencyId: number;
  agencyName: string;
  enterprise: { id: number; name: string; creditCode: string; regionCode: string; industry: string; address: string; legalRepresentative: string };
  emergencyReason: string | null;
  legalBasis: string;
  place: string;
  officers: OfficerCard[];
  catalogVersion: number;
  items: InspectionItem[];
  credentialsShownAt: string | null;
  commitment: { text: string; signers: string[]; signedAt: string } | null;
  commitmentText: string;
  exams: ExamRecord[];
  certificates: CertificateRecord[];
  summary: string;
  findings: FindingItem[];
  hazards: { id: number; description: string; major: boolean; deadline: string; status: string; responsiblePerson: string; trackerName: string | null; penaltyCaseId: number | null }[];
  evidence: EvidenceItem[];
  feedback: { answers: FeedbackAnswers; concerns: string[]; comment: string; via: string; createdAt: string } | null;
  publicPath: string;
  /** what still blocks completing the inspection (empty when it can be completed) */
  problems: string[];
}

export interface InspectionLedgerRow {
  id: number;
  status: InspectionStatus;
  statusLabel: string;
  origin: InspectionOrigin;
  originLabel: string;
  plannedDate: string;
  filed: boolean;
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
  itemCount: number;
  findingCount: number;
  hazardCount: number;
  majorHazardCount: number;
  openHazardCount: number;
}

export interface HazardDue {
  id: number;
  description: string;
  major: boolean;
  deadline: string;
  overdue: boolean;
  status: string;
  escalationLevel: string | null;
  inspectionId: number;
  enterpriseName: string;
}

export interface TodayData {
  date: string;
  officerId: number | null;
  inspections: InspectionLedgerRow[];
  backfills: InspectionLedgerRow[];
  hazardsDue: HazardDue[];
}

export interface FilingSources {
  enterprise: { id: number; name: string; industry: string; address: string };
  planEntries: { id: number; year: number; plannedDate: string; category: string; inspectionId: number | null }[];
  draws: { id: number; title: string; drawDate: string; officerIds: number[]; inspectionId: number | null }[];
  unplanned: { id: number; trigger: string; reason: string; status: string; plannedDate: string; inspectionId: number | null }[];
}

export interface FilingInput {
  clientId: string;
  enterpriseId: number;
  origin: InspectionOrigin;
  planEntryId?: number;
  drawId?: number;
  unplannedRequestId?: number;
  emergencyReason?: string;
  legalBasis?: string;
  plannedDate?: string;
  place?: string;
  officerIds?: number[];
}

export interface PublicVerification {
  agencyName: string;
  enterpriseName: string;
  status: InspectionStatus;
  statusLabel: string;
  originLabel: string;
  plannedDate: string;
  filed: boolean;
  filedAt: string | null;
  /** the filing date in Beijing time */
  filedOn: string | null;
  legalBasis: string;
  officers: Omit<OfficerCard, 'id'>[];
  items: { code: string; title: string }[];
  commitmentSigned: boolean;
  valid: boolean;
  warnings: string[];
  feedbackOpen: boolean;
  feedbackSubmitted: boolean;
}

export interface AnswerInput {
  itemCode: string;
  result: AnswerResult;
  note?: string;
  answeredAt: string;
}

export interface FindingInput {
  clientId: string;
  itemCode?: string | null;
  description: string;
  disposition: FindingDisposition;
  major: boolean;
  requirement?: string;
  deadline?: string | null;
  responsiblePerson?: string | null;
  trackerName?: string | null;
}

export type ExamInput = Omit<ExamRecord, 'passed'>;
export type CertificateInput = Omit<CertificateRecord, 'valid'>;

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
  finding: (id: number, b: FindingInput) => request<FindingItem>(`/inspections/${id}/findings`, { method: 'POST', body: b }),
  /** R16–R19: everything done on site for one inspection, applied at once and idempotently (see syncContract.ts) */
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
