// The evidence and on-site measure documents (询问笔录, 勘验（检查）笔录, 现场处理措施决定书, 查封扣押决定书, 先行登记保存通知书)
// and the hazard escalation letters: each POST issues one numbered document and answers with its summary.
import type { EscalationLevel } from '@anjian/domain/inspection';
import type { OnSiteMeasure, SeizedItem, SeizureMeasure, Sex } from '@anjian/domain/siteRecords';
import { request } from './client';
import type { DocumentSummary } from './hazards';

export interface InterviewInput {
  startedAt: string;
  endedAt: string;
  place: string;
  interviewee: { name: string; sex: Sex; idNumber: string; workUnit: string; post: string; phone: string; relation: string; address?: string };
  officerIds: number[];
  present?: string;
  recusalAnswer: string;
  qa: { q: string; a: string }[];
}

export interface SiteExaminationInput {
  startedAt: string;
  endedAt: string;
  place: string;
  officerIds: number[];
  partyPresent: { name: string; post?: string };
  witnesses: { name: string; workUnit?: string }[];
  subject: string;
  findings: string;
  evidenceIds: number[];
}

export interface ItemsInput {
  reason: string;
  place: string;
  items: SeizedItem[];
  officerIds: number[];
}

export interface EscalationLetterInput {
  recipient?: string;
  requirement: string;
  requiredBy: string;
  meeting?: { at: string; place: string; attendees: string[] };
  supervisor?: string;
}

const post = <B>(path: string, body: B) => request<DocumentSummary>(path, { method: 'POST', body: body as never });

export const siteDocumentsApi = {
  inspectionInterview: (inspectionId: number, b: InterviewInput) => post(`/inspections/${inspectionId}/interviews`, b),
  caseInterview: (caseId: number, b: InterviewInput) => post(`/penalty-cases/${caseId}/interviews`, b),
  siteExamination: (caseId: number, b: SiteExaminationInput) => post(`/penalty-cases/${caseId}/site-examinations`, b),
  onSiteMeasure: (hazardId: number, b: { measures: OnSiteMeasure[]; scope?: string; officerIds: number[] }) => post(`/hazards/${hazardId}/on-site-measures`, b),
  seizure: (caseId: number, b: ItemsInput & { measure: SeizureMeasure }) => post(`/penalty-cases/${caseId}/seizures`, b),
  extendSeizure: (caseId: number, documentId: number, reason: string) => post(`/penalty-cases/${caseId}/seizures/${documentId}/extension`, { reason }),
  preservation: (caseId: number, b: ItemsInput) => post(`/penalty-cases/${caseId}/evidence-preservations`, b),
  escalationLetter: (hazardId: number, level: EscalationLevel, b: EscalationLetterInput) => post(`/hazards/${hazardId}/escalations/${level}/document`, b),
};
