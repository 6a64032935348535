// The evidence and on-site measure documents (询问笔录, 勘验（检查）笔录, 现场处理措施决定书, 查封扣押决定书, 先行登记保存通知书)
// and the hazard escalation letters: each POST issues one numbered document and answers with its summary.
import type { EscalationLevel } from '@anjian/domain/inspection';
import type { EscalationLetterInput, InterviewInput, IssuedDocument, ItemsInput, OnSiteMeasureInput, SiteExaminationInput } from '@anjian/domain/contract/inspection';
import type { SeizureMeasure } from '@anjian/domain/siteRecords';
import { request } from './client';

export type { EscalationLetterInput, InterviewInput, ItemsInput, SiteExaminationInput } from '@anjian/domain/contract/inspection';

const post = <B>(path: string, body: B) => request<IssuedDocument>(path, { method: 'POST', body: body as never });

export const siteDocumentsApi = {
  inspectionInterview: (inspectionId: number, b: InterviewInput) => post(`/inspections/${inspectionId}/interviews`, b),
  caseInterview: (caseId: number, b: InterviewInput) => post(`/penalty-cases/${caseId}/interviews`, b),
  siteExamination: (caseId: number, b: SiteExaminationInput) => post(`/penalty-cases/${caseId}/site-examinations`, b),
  onSiteMeasure: (hazardId: number, b: OnSiteMeasureInput) => post(`/hazards/${hazardId}/on-site-measures`, b),
  seizure: (caseId: number, b: ItemsInput & { measure: SeizureMeasure }) => post(`/penalty-cases/${caseId}/seizures`, b),
  extendSeizure: (caseId: number, documentId: number, reason: string) => post(`/penalty-cases/${caseId}/seizures/${documentId}/extension`, { reason }),
  preservation: (caseId: number, b: ItemsInput) => post(`/penalty-cases/${caseId}/evidence-preservations`, b),
  escalationLetter: (hazardId: number, level: EscalationLevel, b: EscalationLetterInput) => post(`/hazards/${hazardId}/escalations/${level}/document`, b),
};
